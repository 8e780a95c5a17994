"""How far the validators can be trusted, measured: plant known faults in valid generated scenes and count.

``eval_validators`` builds a clean scene with ``scenegen.pipeline.make`` for every (prompt, seed) of a prompt set and
validates it; the first ``scenes`` that are valid (fully placed, no validator fails) become the corpus: each fault kind
of ``scenegen.mutate`` is planted in each, every mutated scene is validated, and per validator it reports:

* detection rate: of the faults it is expected to catch (``mutate.EXPECTED``), the fraction it caught (a ``fail``
  finding naming a mutated object; any ``fail`` for whole-floor validators, see ``PlantedFault.caught_by``);
* clean fail rate: of all fully placed clean scenes (the whole pool, not just the corpus, which passes everything by
  construction), the fraction where it emitted any ``fail``. This is an upper bound on the false-positive rate: a
  failing clean scene may hold a real solver defect. Each such failure is listed (prompt, seed, message) so a person
  can tell which.

Randomness: scene ``seed`` drives ``make``; each fault is planted with ``stage_rng(seed, "mutate/<prompt>/<kind>")``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from scenegen.mutate import EXPECTED, FAULT_KINDS, PlantedFault, mutate
from scenegen.rng import stage_rng
from scenegen.scene import Report, Scene

ProgressFn = Callable[[int, int, str], None]
"""Called as ``progress(done, total, message)`` after each unit of work (a clean scene or a mutated one)."""

PROMPT_SET = Path(__file__).resolve().parents[1] / "prompts" / "validator_eval.txt"
DEFAULT_SCENES = 25
DEFAULT_SEEDS = tuple(range(10))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CleanScene(_Model):
    """One generated scene: whether it is valid, why not, and whether faults were planted in it."""

    prompt: str
    seed: int
    placed: bool = Field(description="every planned object was placed")
    valid: bool = Field(description="placed, and no validator fails")
    used: bool = Field(default=False, description="faults were planted in it (the first ``scenes`` valid ones)")
    reason: str = Field(default="", description="why it is not valid")
    failing: dict[str, list[str]] = Field(default_factory=dict, description="validator -> its fail messages")


class Trial(_Model):
    """One fault planted in one valid clean scene and what the validators said."""

    prompt: str
    seed: int
    kind: str
    planted: PlantedFault | None = None
    error: str = Field(default="", description="why nothing could be planted (no eligible target)")
    caught: dict[str, bool] = Field(default_factory=dict, description="expected validator -> caught it")
    failing: list[str] = Field(default_factory=list, description="every validator that emitted a fail")


class ValidatorRow(_Model):
    validator: str
    faults: list[str] = Field(description="fault kinds it is expected to catch")
    planted: int
    detected: int
    detection_rate: float | None
    clean_scenes: int
    clean_fails: int
    clean_fail_rate: float | None


class ValidatorEval(_Model):
    """The result of ``eval_validators`` (written as JSON by ``scenegen eval validators --json``)."""

    validators: list[str]
    faults: list[str]
    requested: int = Field(description="clean scenes asked for")
    rows: list[ValidatorRow]
    clean: list[CleanScene]
    trials: list[Trial]
    seconds: float

    @property
    def used(self) -> list[CleanScene]:
        """The clean scenes faults were planted in."""
        return [c for c in self.clean if c.used]

    @property
    def mutated(self) -> int:
        """Number of mutated scenes validated."""
        return sum(t.planted is not None for t in self.trials)

    def row(self, validator: str) -> ValidatorRow:
        return next(r for r in self.rows if r.validator == validator)

    def clean_failures(self) -> list[tuple[str, int, str, str]]:
        """(prompt, seed, validator, message) for every fail on a fully placed clean scene."""
        return [(c.prompt, c.seed, v, m) for c in self.clean for v, msgs in c.failing.items() for m in msgs]


def load_prompts(path: str | Path = PROMPT_SET) -> list[str]:
    """Non-empty, non-comment lines of a prompt set file."""
    lines = Path(path).read_text().splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _fails(report: Report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in report.findings:
        if f.status == "fail":
            out.setdefault(f.validator, []).append(f.message)
    return out


def _clean_scene(prompt: str, seed: int) -> tuple[Scene, CleanScene]:
    """Make one scene (no pictures, no validation inside ``make``) and judge it with every validator."""
    from scenegen.pipeline import make
    from validators import validate

    scene = make(prompt, seed=seed, validators=[]).scene
    if scene.unplaced:
        why = "; ".join(f"{u.id}: {u.reason}" for u in scene.unplaced)
        return scene, CleanScene(prompt=prompt, seed=seed, placed=False, valid=False,
                                 reason=f"not fully placed ({why})")
    failing = _fails(validate(scene))
    if failing:
        first = next(iter(failing.items()))
        reason = f"fails {', '.join(sorted(failing))} (e.g. {first[0]}: {first[1][0]})"
        return scene, CleanScene(prompt=prompt, seed=seed, placed=True, valid=False, reason=reason, failing=failing)
    return scene, CleanScene(prompt=prompt, seed=seed, placed=True, valid=True)


def _trial(scene: Scene, clean: CleanScene, kind: str, registered: list[str]) -> Trial:
    from validators import validate

    rng = stage_rng(clean.seed, f"mutate/{clean.prompt}/{kind}")
    try:
        mutated, planted = mutate(scene, kind, rng)
    except ValueError as exc:
        return Trial(prompt=clean.prompt, seed=clean.seed, kind=kind, error=str(exc))
    report = validate(mutated)
    return Trial(prompt=clean.prompt, seed=clean.seed, kind=kind, planted=planted,
                 caught={v: planted.caught_by(report, v) for v in planted.validators if v in registered},
                 failing=sorted(_fails(report)))


def _rows(validators: list[str], clean: list[CleanScene], trials: list[Trial]) -> list[ValidatorRow]:
    placed = [c for c in clean if c.placed]
    rows = []
    for v in validators:
        mine = [t for t in trials if t.planted is not None and v in t.caught]
        hits = sum(t.caught[v] for t in mine)
        bad = sum(v in c.failing for c in placed)
        rows.append(ValidatorRow(
            validator=v, faults=[k for k, vs in EXPECTED.items() if v in vs], planted=len(mine), detected=hits,
            detection_rate=round(hits / len(mine), 4) if mine else None, clean_scenes=len(placed), clean_fails=bad,
            clean_fail_rate=round(bad / len(placed), 4) if placed else None))
    return rows


def eval_validators(prompts: Sequence[str], seeds: Sequence[int] = DEFAULT_SEEDS,
                    faults: Sequence[str] = FAULT_KINDS, progress: ProgressFn | None = None,
                    scenes: int = DEFAULT_SCENES) -> ValidatorEval:
    """Judge a clean scene per (prompt, seed), plant every fault kind in the first ``scenes`` valid ones, and measure
    detection and clean fail rates.

    Candidates run seed by seed, prompt by prompt (``for seed in seeds: for prompt in prompts``); the ones that are not
    valid are listed with why. Raises ``ValueError`` for an unknown fault kind.
    """
    from validators.registry import default_names

    unknown = [k for k in faults if k not in FAULT_KINDS]
    if unknown:
        raise ValueError(f"unknown fault(s) {', '.join(map(repr, unknown))}; choose from: {', '.join(FAULT_KINDS)}")
    start = time.perf_counter()
    names = default_names()  # what a plain validate() runs (the opt-in vision judge has its own eval)
    step = progress or (lambda _done, _total, _msg: None)
    total = len(seeds) * len(prompts) + scenes * len(faults)
    done = 0
    clean: list[CleanScene] = []
    trials: list[Trial] = []
    for seed in seeds:
        for prompt in prompts:
            scene, record = _clean_scene(prompt, seed)
            done += 1
            step(done, total, f"clean {prompt[:40]!r} seed {seed}")
            if record.valid and sum(c.used for c in clean) < scenes:
                record = record.model_copy(update={"used": True})
                for kind in faults:
                    trials.append(_trial(scene, record, kind, names))
                    done += 1
                    step(done, total, f"{kind} in {prompt[:30]!r} seed {seed}")
            clean.append(record)
    step(total, total, "done")
    return ValidatorEval(validators=names, faults=list(faults), requested=scenes, rows=_rows(names, clean, trials),
                         clean=clean, trials=trials, seconds=round(time.perf_counter() - start, 2))


def write_json(result: ValidatorEval, path: str | Path) -> None:
    """Write the evaluation as sorted, indented JSON (atomically)."""
    from scenegen.scene_files import write_atomic

    data: dict[str, Any] = result.model_dump(mode="json")
    data["summary"] = {"clean": len(result.clean), "placed": sum(c.placed for c in result.clean),
                       "valid": sum(c.valid for c in result.clean), "used": len(result.used),
                       "mutated": result.mutated}
    write_atomic(path, json.dumps(data, indent=2, sort_keys=True) + "\n")
