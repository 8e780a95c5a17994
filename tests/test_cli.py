"""End to end: the scenegen command on real prompts, through a subprocess (real exit codes, real stderr)."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ACCEPTANCE = "a bedroom with a bed, two nightstands with a lamp on each, a wardrobe and a rug"
PROMPTS = [
    ACCEPTANCE,
    "a living room with a grey sofa, a coffee table in front of the sofa, a tv on a tv stand and a floor lamp in the corner",
    "an office with a large oak desk by the window, a black office chair and a bookshelf against the wall",
]


def scenegen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Each prompt made once for the module: {prompt: (completed process, output folder)}."""
    out = {}
    for i, prompt in enumerate(PROMPTS):
        folder = tmp_path_factory.mktemp(f"scene{i}")
        out[prompt] = (scenegen("make", prompt, "--seed", "1", "--out", str(folder)), folder)
    return out


def _scene(folder: Path) -> dict:
    return json.loads((folder / "scene.json").read_text())


def test_acceptance_bedroom(made):
    proc, folder = made[ACCEPTANCE]
    assert proc.returncode == 0, proc.stderr + proc.stdout
    scene = _scene(folder)
    counts = {}
    for o in scene["objects"]:
        counts[o["category"]] = counts.get(o["category"], 0) + 1
    assert counts == {"bed": 1, "nightstand": 2, "table_lamp": 2, "wardrobe": 1, "rug": 1}
    assert scene["unplaced"] == []
    by_id = {o["id"]: o for o in scene["objects"]}
    supports = sorted(by_id[o]["support"] for o in by_id if by_id[o]["category"] == "table_lamp")
    assert supports == ["nightstand_1", "nightstand_2"]
    for lamp in (o for o in scene["objects"] if o["category"] == "table_lamp"):
        stand = by_id[lamp["support"]]
        assert lamp["bbox"][0][2] == pytest.approx(stand["bbox"][1][2], abs=0.005)  # standing on its top
    report = json.loads((folder / "report.json").read_text())
    failing = [f for f in report["findings"] if f["status"] == "fail"]
    assert failing == []
    assert {"collision", "out_of_bounds", "support", "counts"} <= {f["validator"] for f in report["findings"]}


@pytest.mark.parametrize("prompt", PROMPTS)
def test_outputs_and_counts(made, prompt):
    proc, folder = made[prompt]
    assert proc.returncode in (0, 4), proc.stderr
    for name in ("scene.json", "scene.glb", "report.json", "plan.json", "options.json", "topdown.png", "view.png"):
        assert (folder / name).stat().st_size > 0, name
    scene = _scene(folder)
    planned = {}
    for o in scene["plan"]["objects"]:
        planned[o["category"]] = planned.get(o["category"], 0) + 1
    placed = {}
    for o in scene["objects"]:
        placed[o["category"]] = placed.get(o["category"], 0) + 1
    assert placed == planned
    report = json.loads((folder / "report.json").read_text())
    assert not [f for f in report["findings"] if f["validator"] == "collision" and f["status"] == "fail"]
    top = Image.open(folder / "topdown.png")
    assert top.size[0] > 200 and top.size[1] > 200
    view = np.asarray(Image.open(folder / "view.png").convert("RGB")).reshape(-1, 3)
    colours, counts = np.unique(view, axis=0, return_counts=True)
    assert len(colours) > 10 and counts.max() < 0.6 * len(view)  # a real render, not a blank or one-colour canvas


def test_glb_holds_every_object(made):
    trimesh = pytest.importorskip("trimesh")
    _, folder = made[ACCEPTANCE]
    glb = trimesh.load(folder / "scene.glb", force="scene")
    ids = {o["id"] for o in _scene(folder)["objects"]}
    assert ids <= set(glb.graph.nodes)
    assert {"floor", "wall_0"} <= set(glb.graph.nodes)


def test_same_seed_same_bytes(made, tmp_path):
    _, folder = made[ACCEPTANCE]
    again = scenegen("make", ACCEPTANCE, "--seed", "1", "--out", str(tmp_path), "--no-pictures")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "scene.json").read_bytes() == (folder / "scene.json").read_bytes()


def test_validate_a_saved_scene(made):
    _, folder = made[ACCEPTANCE]
    proc = scenegen("validate", str(folder / "scene.json"), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["findings"]


@pytest.mark.parametrize("args, needle", [
    (["make", ""], "empty"),
    (["make", "hello there, how are you today"], "furniture"),
    (["make", "a small bedroom with 200 pianos"], "piano"),
    (["make", "a small bedroom with 40 pianos"], "could not place"),
    (["validate", "does/not/exist.json"], "no scene file"),
    (["make", "a bedroom with a bed", "--planner", "nope"], "unknown"),
])
def test_bad_input_is_one_line(tmp_path, args, needle):
    if args[0] == "make":
        args = [*args, "--out", str(tmp_path / "out"), "--no-pictures"]
    proc = scenegen(*args)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr + proc.stdout
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and needle in errors[0].lower(), proc.stderr


def test_unplaced_objects_exit_3_and_keep_the_scene(tmp_path):
    proc = scenegen("make", "a small bedroom with 40 pianos", "--out", str(tmp_path), "--no-pictures")
    assert proc.returncode == 3
    scene = json.loads((tmp_path / "scene.json").read_text())
    assert len(scene["objects"]) + len(scene["unplaced"]) == 40  # nothing dropped silently
    assert scene["unplaced"] and all(u["reason"] for u in scene["unplaced"])


def test_corrupt_scene_file(tmp_path):
    bad = tmp_path / "scene.json"
    bad.write_text('{"version": "1.0", "room": ')
    proc = scenegen("validate", str(bad))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().startswith("error:") and len(proc.stderr.strip().splitlines()) == 1


def test_validate_flags_a_planted_floating_lamp(made, tmp_path):
    _, folder = made[ACCEPTANCE]
    scene = _scene(folder)
    lamp = next(o for o in scene["objects"] if o["category"] == "table_lamp")
    x, y, z = lamp["pose"]["position"]
    lamp["pose"]["position"] = [x, y, z + 0.2]
    (lo, hi) = lamp["bbox"]
    lamp["bbox"] = [[lo[0], lo[1], lo[2] + 0.2], [hi[0], hi[1], hi[2] + 0.2]]
    (tmp_path / "scene.json").write_text(json.dumps(scene))
    proc = scenegen("validate", str(tmp_path / "scene.json"), "--json")
    assert proc.returncode == 4
    report = json.loads(proc.stdout)
    failing = [f for f in report["findings"] if f["status"] == "fail" and f["validator"] == "support"]
    assert any(lamp["id"] in f["object_ids"] and "float" in f["message"] for f in failing)
