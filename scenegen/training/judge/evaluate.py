"""``scenegen eval judge``: how far a judge can be trusted, on held-out scenes it never saw in training.

Held-out scenes: the prompt set ``prompts/validator_eval.txt`` (hand-written rooms, many with colour words) plus
synthetic prompts from the stream ``judge/eval-prompts`` (any that also occur in the training prompts are dropped),
at seeds from ``EVAL_SEED_BASE`` up (training used seeds below 10⁶·(seed+1)). For each clean scene the judge's
verdict gives:

* recognition: per object judged (at least one usable view), predicted category == stated, per category and overall;
* colour: objects whose plan asks a colour, ``colour_ok`` ≥ the threshold; and for every judged object, whether the
  predicted colour is within ``COLOUR_TOL`` of the asset's actual main colour;
* counts: per (scene, category), recognised visible instances == placed instances that are geometrically visible
  (visible fraction ≥ ``VISIBLE_MIN``);
* false positives: clean objects with a failing ``vision`` finding, and clean scenes with any.

Then each visual fault (``scenegen.training.judge.faults``: swap_mesh, recolour, hide_inside) is planted once per scene and
counted detected when the matching check (category, colour, hidden) fails naming the planted object. Thresholds are
swept so detection can be read at a stated false-positive rate.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from scenegen.judge.core import VISIBLE_MIN
from scenegen.training.judge.faults import VISION_FAULTS, plant
from scenegen.rng import stage_rng

EVAL_SEED_BASE = 900_000_000
SYNTHETIC_PROMPTS = 30
CHECK_FOR_FAULT = {"swap_mesh": "category", "recolour": "colour", "hide_inside": "hidden"}
COLOUR_TOL = 0.15
SWEEP_CATEGORY = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3)
SWEEP_COLOUR = (0.3, 0.4, 0.5, 0.6)

ProgressFn = Callable[[int, int, str], None]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FaultRow(_Model):
    fault: str
    check: str
    planted: int
    detected: int
    rate: float | None
    not_planted: int = Field(description="scenes with no eligible target")


class SweepRow(_Model):
    check: str
    threshold: float
    detection: float | None
    object_fp_rate: float | None


class JudgeEval(_Model):
    """Result of ``eval_judge``."""

    judge: str
    scenes: int
    objects: int = Field(description="clean objects judged (at least one usable view)")
    recognition: float | None
    per_category: dict[str, tuple[int, int]] = Field(description="category -> (recognised, judged)")
    colour_asked: int
    colour_ok: float | None = Field(description="objects asking a colour whose colour_ok passes")
    colour_rgb: float | None = Field(description="judged objects whose predicted RGB is within COLOUR_TOL of the "
                                                 "asset's")
    count_pairs: int
    count_accuracy: float | None
    clean_objects: int
    clean_object_fails: int
    clean_scene_fails: int
    faults: list[FaultRow]
    sweep: list[SweepRow]
    seconds_per_scene: float = Field(description="mean judge_scene wall time on clean scenes, rendering included")
    max_objects: int
    seconds_max_objects: float = Field(description="judge_scene time of the scene with the most objects")
    false_positives: list[str] = Field(default_factory=list, description="'prompt | seed | message' per clean fail")


def eval_prompts(n_synthetic: int = SYNTHETIC_PROMPTS, seed: int = 0) -> list[str]:
    """The held-out prompts: ``prompts/validator_eval.txt`` plus ``n_synthetic`` new synthetic ones, none of them a
    training prompt of the default ``scenegen train judge`` run."""
    from scenegen.evaluate import PROMPT_SET, load_prompts
    from scenegen.training.judge.dataset import synthetic_prompts
    from scenegen.training.judge.train import TrainConfig

    train = set(synthetic_prompts(TrainConfig().scenes, stage_rng(seed, "judge/train-prompts")))
    fresh = [p for p in synthetic_prompts(n_synthetic, stage_rng(seed, "judge/eval-prompts")) if p not in train]
    return [p for p in load_prompts(PROMPT_SET) if p not in train] + fresh


def eval_judge(prompts: Sequence[str], *, judge: str = "bundled", options: dict[str, Any] | None = None,
               seeds: int = 1, faults: Sequence[str] = VISION_FAULTS, progress: ProgressFn | None = None
               ) -> JudgeEval:
    """Judge every (prompt, seed) held-out scene clean and with each fault planted; see the module docstring."""
    from scenegen.judge import get_judge
    from scenegen.training.judge.dataset import make_scene

    backend = get_judge(judge, **(options or {}))
    step = progress or (lambda _d, _t, _m: None)
    jobs = [(p, EVAL_SEED_BASE + s) for s in range(seeds) for p in prompts]
    tally = _Tally(planted={f: [] for f in faults}, not_planted=dict.fromkeys(faults, 0))
    for done, (prompt, seed) in enumerate(jobs):
        scene = make_scene(prompt, seed)
        step(done, len(jobs), f"{prompt[:40]!r} seed {seed}")
        if scene is None or not scene.objects:
            continue
        tally.scenes += 1
        _judge_clean(tally, scene, backend, prompt, seed)
        _judge_faults(tally, scene, backend, prompt, seed, faults)
    step(len(jobs), len(jobs), "done")
    return _summary(tally, backend.name, faults)


@dataclass
class _Tally:
    """What ``eval_judge`` counts over the held-out scenes: per-category recognition hits, colour and count checks,
    clean-scene false positives, judge timings (objects, seconds), and per fault the planted objects' scores."""

    planted: dict[str, list[dict[str, Any]]]
    not_planted: dict[str, int]
    per_cat: dict[str, list[int]] = field(default_factory=dict)
    col_ok: list[bool] = field(default_factory=list)
    col_rgb: list[bool] = field(default_factory=list)
    counts_ok: list[bool] = field(default_factory=list)
    clean_obj_fail: int = 0
    clean_objects: int = 0
    clean_scene_fail: int = 0
    fps: list[str] = field(default_factory=list)
    times: list[tuple[int, float]] = field(default_factory=list)
    clean_scores: list[dict[str, Any]] = field(default_factory=list)
    scenes: int = 0


def _judge_clean(tally: _Tally, scene: Any, backend: Any, prompt: str, seed: int) -> None:
    """Judge the clean ``scene`` (timed) and count recognition, colour, counts and false positives into ``tally``."""
    from scenegen.judge import judge_scene
    from scenegen.judge.findings import COLOUR_MIN, vision_findings

    t0 = time.perf_counter()
    verdict = judge_scene(scene, backend)
    tally.times.append((len(scene.objects), time.perf_counter() - t0))
    findings = vision_findings(scene, verdict)
    failing = {oid for f in findings if f.status == "fail" and f.check != "vision_score" for oid in f.object_ids}
    tally.clean_objects += len(scene.objects)
    tally.clean_obj_fail += len(failing)
    tally.clean_scene_fail += bool(failing)
    tally.fps += [f"{prompt} | {seed} | {f.message}" for f in findings
                  if f.status == "fail" and f.check != "vision_score"]
    truth_visible: dict[str, int] = {}
    for o in verdict.objects:
        inst = scene.object(o.id)
        tally.clean_scores.append({"category_ok": o.category_ok, "colour_ok": o.colour_ok,
                                   "predicted": o.predicted_category, "category": o.category,
                                   "visible": o.visible_fraction})
        if o.visible_fraction is not None and o.visible_fraction >= VISIBLE_MIN:
            truth_visible[o.category] = truth_visible.get(o.category, 0) + 1
        if o.predicted_category is None:
            continue
        tally.per_cat.setdefault(o.category, []).append(int(o.predicted_category == o.category))
        if o.predicted_colour is not None:
            tally.col_rgb.append(float(np.linalg.norm(np.asarray(o.predicted_colour) - np.asarray(inst.asset.colour)))
                                 < COLOUR_TOL)
        if o.colour_ok is not None:
            tally.col_ok.append(o.colour_ok >= COLOUR_MIN)
    for c in verdict.counts:
        if c.placed:
            tally.counts_ok.append(c.visible == truth_visible.get(c.category, 0))


def _judge_faults(tally: _Tally, scene: Any, backend: Any, prompt: str, seed: int, faults: Sequence[str]) -> None:
    """Plant each of ``faults`` in ``scene`` (its own generator per prompt, seed and kind), judge it, and record the
    planted object's scores and whether the matching check caught it."""
    from scenegen.judge import judge_scene
    from scenegen.judge.findings import vision_findings

    for kind in faults:
        try:
            bad, fault = plant(scene, kind, stage_rng(seed, f"judge-eval/{prompt}/{kind}"))
        except ValueError:
            tally.not_planted[kind] += 1
            continue
        v = judge_scene(bad, backend)
        o = v.object(fault.object_ids[0])
        tally.planted[kind].append({"category_ok": o.category_ok, "colour_ok": o.colour_ok,
                                    "predicted": o.predicted_category, "category": o.category,
                                    "visible": o.visible_fraction,
                                    "caught": fault.caught_by(_report(vision_findings(bad, v)))
                                    and _matching(vision_findings(bad, v), fault.object_ids[0], kind)})


def _summary(tally: _Tally, judge_name: str, faults: Sequence[str]) -> JudgeEval:
    """The ``JudgeEval`` of a finished tally: rates, per-fault detection, the threshold sweep and timings."""
    per_cat, planted, times = tally.per_cat, tally.planted, tally.times
    judged = sum(len(v) for v in per_cat.values())
    rows = []
    for kind in faults:
        got = planted[kind]
        det = sum(g["caught"] for g in got)
        rows.append(FaultRow(fault=kind, check=CHECK_FOR_FAULT.get(kind, "?"), planted=len(got), detected=det,
                             rate=round(det / len(got), 4) if got else None, not_planted=tally.not_planted[kind]))
    big = max(times, default=(0, 0.0))
    return JudgeEval(
        judge=judge_name, scenes=tally.scenes, objects=judged,
        recognition=_rate(sum(sum(v) for v in per_cat.values()), judged),
        per_category={c: (sum(v), len(v)) for c, v in sorted(per_cat.items())},
        colour_asked=len(tally.col_ok), colour_ok=_rate(sum(tally.col_ok), len(tally.col_ok)),
        colour_rgb=_rate(sum(tally.col_rgb), len(tally.col_rgb)),
        count_pairs=len(tally.counts_ok), count_accuracy=_rate(sum(tally.counts_ok), len(tally.counts_ok)),
        clean_objects=tally.clean_objects, clean_object_fails=tally.clean_obj_fail,
        clean_scene_fails=tally.clean_scene_fail, faults=rows, sweep=_sweep(tally.clean_scores, planted),
        max_objects=big[0], seconds_max_objects=round(big[1], 3),
        seconds_per_scene=round(float(np.mean([t for _, t in times])) if times else 0.0, 3),
        false_positives=tally.fps)


TWENTY_OBJECTS = ("a living room with a sofa, two armchairs, a coffee table, a tv on a tv stand, a bookshelf, a floor "
                  "lamp, a rug, a plant, a side table with a table lamp, a painting, a wall clock, a ceiling light, "
                  "a piano, a guitar, a speaker, an ottoman and a desk")
"""A prompt the rules planner turns into a fully placed 20-object room (seed 0)."""


def time_scene(judge: str = "bundled", options: dict[str, Any] | None = None, repeats: int = 3
               ) -> tuple[int, float]:
    """(objects, median seconds) of ``judge_scene`` on the ``TWENTY_OBJECTS`` room, rendering included, the model
    already loaded (one warm-up call first)."""
    from scenegen.judge import get_judge, judge_scene
    from scenegen.training.judge.dataset import make_scene

    scene = make_scene(TWENTY_OBJECTS, 0)
    if scene is None:
        raise ValueError("the timing scene could not be built")
    backend = get_judge(judge, **(options or {}))
    judge_scene(scene, backend)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        judge_scene(scene, backend)
        times.append(time.perf_counter() - t0)
    return len(scene.objects), float(np.median(times))


def _rate(a: int, n: int) -> float | None:
    return round(a / n, 4) if n else None


def _report(findings: list) -> Any:
    from scenegen.scene import Report

    return Report(findings=findings)


def _matching(findings: list, oid: str, kind: str) -> bool:
    want = CHECK_FOR_FAULT.get(kind)
    return any(f.status == "fail" and f.check == want and oid in f.object_ids for f in findings)


def _flag_category(s: dict[str, Any], t: float) -> bool:
    return s["category_ok"] is not None and s["category_ok"] < t and s["predicted"] != s["category"]


def _flag_colour(s: dict[str, Any], t: float) -> bool:
    return s["colour_ok"] is not None and s["colour_ok"] < t


def _sweep(clean: list[dict[str, Any]], planted: dict[str, list[dict[str, Any]]]) -> list[SweepRow]:
    """Detection of swaps (recolours) against the share of clean objects flagged, per category (colour) threshold."""
    rows = []
    for check, fault, grid, flag in (("category", "swap_mesh", SWEEP_CATEGORY, _flag_category),
                                     ("colour", "recolour", SWEEP_COLOUR, _flag_colour)):
        faulty = planted.get(fault, [])
        pool = [s for s in clean if (s["category_ok"] if check == "category" else s["colour_ok"]) is not None]
        for t in grid:
            rows.append(SweepRow(check=check, threshold=t,
                                 detection=_rate(sum(flag(s, t) for s in faulty), len(faulty)),
                                 object_fp_rate=_rate(sum(flag(s, t) for s in pool), len(pool))))
    return rows
