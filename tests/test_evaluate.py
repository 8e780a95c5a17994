"""The validator evaluation (``scenegen.evaluate``) and its CLI, plus ``scenegen mutate`` end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scenegen.evaluate import PROMPT_SET, ValidatorEval, eval_validators, load_prompts, write_json
from scenegen.mutate import EXPECTED, FAULT_KINDS
from validators.registry import default_names

ROOT = Path(__file__).resolve().parents[1]
BEDROOM = "a bedroom with a white bed, two nightstands with a lamp on each, a wardrobe and a rug"


def scenegen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=600,
                          cwd=ROOT)


@pytest.fixture(scope="module")
def tiny() -> ValidatorEval:
    """Four clean scenes (two prompts, two seeds); every fault planted in the first two valid ones."""
    calls: list[tuple[int, int, str]] = []
    result = eval_validators(load_prompts()[2:4], seeds=[0, 1], scenes=2, progress=lambda *a: calls.append(a))
    result.__dict__["_calls"] = calls
    return result


def test_prompt_set_is_the_default_and_well_formed():
    prompts = load_prompts()
    assert PROMPT_SET.exists() and len(prompts) >= 10 and len(set(prompts)) == len(prompts)
    assert not any(p.startswith("#") for p in prompts)


def test_tiny_corpus_counts_and_rates(tiny):
    assert len(tiny.clean) == 4 and len(tiny.used) == 2 and tiny.requested == 2
    assert all(c.valid == (not c.reason) for c in tiny.clean)
    assert [c.used for c in tiny.clean] == [c.valid and sum(d.valid for d in tiny.clean[:i]) < 2
                                            for i, c in enumerate(tiny.clean)]
    assert len(tiny.trials) == 2 * len(FAULT_KINDS)
    planted = [t for t in tiny.trials if t.planted is not None]
    assert tiny.mutated == len(planted) >= 16
    names = default_names()  # the opt-in vision judge is evaluated by `scenegen eval judge`
    assert tiny.validators == names and [r.validator for r in tiny.rows] == names
    for row in tiny.rows:
        mine = [t for t in planted if row.validator in t.planted.validators]
        assert row.planted == len(mine)
        assert row.detected == sum(t.caught[row.validator] for t in mine)
        assert row.faults == [k for k, vs in EXPECTED.items() if row.validator in vs]
        placed = [c for c in tiny.clean if c.placed]
        assert row.clean_scenes == len(placed)
        assert row.clean_fails == sum(row.validator in c.failing for c in placed)
        if row.planted:
            assert row.detection_rate == pytest.approx(row.detected / row.planted, abs=1e-4)
    for c in tiny.used:  # corpus scenes pass everything
        assert c.failing == {}
    # every planted fault in this corpus is caught by every registered validator it is mapped to
    misses = [(t.kind, v, t.planted.description) for t in planted for v, ok in t.caught.items() if not ok]
    assert misses == []


def test_progress_reaches_the_total(tiny):
    calls = tiny.__dict__["_calls"]
    total = 4 + 2 * len(FAULT_KINDS)
    assert calls[-1][:2] == (total, total)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)


def test_json_round_trip(tiny, tmp_path):
    path = tmp_path / "eval.json"
    write_json(tiny, path)
    data = json.loads(path.read_text())
    assert data["summary"] == {"clean": 4, "placed": sum(c.placed for c in tiny.clean),
                               "valid": sum(c.valid for c in tiny.clean), "used": 2, "mutated": tiny.mutated}
    data.pop("summary")
    assert ValidatorEval.model_validate(data) == tiny


def test_unknown_fault_is_a_value_error():
    with pytest.raises(ValueError, match="unknown fault"):
        eval_validators(["a bedroom with a bed"], faults=["explode"], scenes=1)


# ----------------------------------------------------------------------------------------------------------------------
# CLI
# ----------------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scene_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scene")
    proc = scenegen("make", BEDROOM, "--seed", "0", "--out", str(folder), "--no-pictures")
    assert proc.returncode == 0, proc.stderr
    return folder


def test_mutate_cli_writes_the_mutated_scene_and_says_what_was_planted(scene_dir, tmp_path):
    out = tmp_path / "floated.json"
    proc = scenegen("mutate", str(scene_dir), "--fault", "float", "--seed", "3", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("planted float: lifted ") and "should be caught by: support, stability" in proc.stdout
    mutated = json.loads(out.read_text())
    clean = json.loads((scene_dir / "scene.json").read_text())
    assert mutated["plan"] == clean["plan"] and mutated["objects"] != clean["objects"]
    again = tmp_path / "again"
    assert scenegen("mutate", str(scene_dir / "scene.json"), "--fault", "float", "--seed", "3", "--out",
                    str(again)).returncode == 0
    assert (again / "scene.json").read_bytes() == out.read_bytes()
    check = scenegen("validate", str(out), "--only", "support")
    assert check.returncode == 4


def test_mutate_cli_default_output_beside_the_input(scene_dir):
    proc = scenegen("mutate", str(scene_dir), "--fault", "recolour")
    assert proc.returncode == 0, proc.stderr
    assert (scene_dir / "scene.recolour-s0.json").exists()


@pytest.mark.parametrize("args, needle", [
    (["--fault", "explode"], "unknown fault 'explode'; choose from: float, sink, overlap"),
    (["--fault", "float", "--seed", "1"], None),
])
def test_mutate_cli_errors_are_one_line(scene_dir, tmp_path, args, needle):
    target = str(scene_dir) if needle else str(tmp_path / "nope.json")
    proc = scenegen("mutate", target, *args)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr + proc.stdout
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and (needle or "no scene file") in errors[0]


def test_eval_validators_cli(tmp_path):
    path = tmp_path / "eval.json"
    prompts = tmp_path / "prompts.txt"
    prompts.write_text(f"# two rooms\n{BEDROOM}\n{load_prompts()[2]}\n")
    proc = scenegen("eval", "validators", "--scenes", "1", "--seeds", "1", "--prompts", str(prompts), "--fault",
                    "overlap", "--fault", "drop", "--json", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "2 mutated scenes from 1 valid clean ones; clean fail rates over 2 fully placed scenes" in proc.stdout
    for name in ("collision", "counts", "overlap", "drop"):
        assert name in proc.stdout
    data = json.loads(path.read_text())
    assert data["faults"] == ["overlap", "drop"] and data["summary"]["mutated"] == 2
    rows = {r["validator"]: r for r in data["rows"]}
    assert rows["collision"]["detected"] == rows["collision"]["planted"] == 1
    assert rows["counts"]["detected"] == rows["counts"]["planted"] == 1


def test_eval_cli_bad_fault_is_one_line():
    proc = scenegen("eval", "validators", "--scenes", "1", "--seeds", "1", "--fault", "explode")
    assert proc.returncode == 1
    assert [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")] == [
        "error: unknown fault(s) 'explode'; choose from: " + ", ".join(FAULT_KINDS)]


# ----------------------------------------------------------------------------------------------------------------------
# the acceptance corpus
# ----------------------------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_default_corpus_detects_98_percent_with_at_most_2_percent_clean_fails():
    result = eval_validators(load_prompts())
    assert len(result.used) == 25 and result.mutated >= 200 and len(result.clean) >= 100
    low = {r.validator: r.detection_rate for r in result.rows if r.planted and r.detection_rate < 0.98}
    assert low == {}
    noisy = {r.validator: (r.clean_fails, r.clean_scenes) for r in result.rows
             if r.clean_fail_rate is not None and r.clean_fail_rate > 0.02}
    assert noisy == {}, [f for f in result.clean_failures() if f[2] in noisy]
