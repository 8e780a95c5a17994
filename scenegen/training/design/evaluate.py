"""``scenegen eval design`` and ``scenegen bench design``: how well the design stage furnishes short prompts.

Per room type (the eval set's ``room_type``): validity (make exits 0: every object placed, every check passing),
objects per room, small objects per surface (objects standing on another object ÷ the tops holding any), collision
and support rates from the project's validators (fraction of placed objects), completeness from the room program (its
core anchors present; every dining table with a chair), and diversity across seeds (mean pairwise L1 distance between
the seeds' normalised category histograms, in [0, 2], and mean pairwise distance in metres between the positions of
the categories two seeds share).
"""

from __future__ import annotations

import itertools
import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from scenegen import catalog
from scenegen.design.brief import read_brief
from scenegen.design.prune import SEATED_GAP, table_seats
from scenegen.solve.relations import Box, gap
from scenegen.scene import Scene

EVAL_SET = Path(__file__).resolve().parents[3] / "prompts" / "eval" / "design.jsonl"


@dataclass
class RoomResult:
    prompt: str
    room_type: str
    seed: int
    valid: bool
    objects: int
    small_per_surface: float
    collision_rate: float
    support_rate: float
    complete: bool
    seconds: float
    must_have: float = 1.0
    """fraction of the eval row's ``must_have`` catalog categories present (``generic:`` ones are skipped)"""
    histogram: dict[str, int] = field(default_factory=dict)
    positions: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    error: str = ""


def read_prompts(path: str | Path | None = None) -> list[dict]:
    """The eval set's rows (``prompt``, ``room_type``, ``source``, ``must_have``); a clear error when it is absent."""
    path = Path(path) if path else EVAL_SET
    if not path.exists():
        raise FileNotFoundError(f"no design eval set at {path} (one JSON object per line with a 'prompt')")
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r for r in rows if isinstance(r, dict) and r.get("prompt")]


def _rate(report, check: str, key: str) -> float:  # noqa: ANN001 -- a scenegen Report
    for f in report.findings:
        if f.check == check and key in f.evidence:
            return float(f.evidence[key])
    return 0.0 if key == "collision_rate" else 1.0


def complete_room(scene: Scene) -> bool:
    """Whether the room holds its program's core anchors, and, where the program seats people at a table (a dining
    table with chairs), a seat beside every such table. The program is the one the design stage furnished from
    (the planner's, else the prompt's words)."""
    prog = read_brief(scene.plan).program
    have = scene.counts()
    if any(have.get(c, 0) == 0 for c in prog.core_categories()):
        return False
    seated = {z.anchor.category for z in prog.zones if z.anchor is not None
              and z.anchor.category in catalog.with_role("knee_top")
              and any(m.category in table_seats() for m in z.members)}  # tables and desks, not a bed with a bench
    seats = [o for o in scene.objects if o.category in table_seats()]
    for table in (o for o in scene.objects if o.category in seated):
        if not any(gap(Box.of(table), Box.of(s)) < SEATED_GAP for s in seats):
            return False
    return True


def run_room(prompt: str, room_type: str, seed: int, density: str, must_have: list[str] | None = None
             ) -> RoomResult:
    """Make one room with the rules reader and score it."""
    from scenegen.pipeline import make

    t0 = time.perf_counter()
    try:
        result = make(prompt, seed=seed, planner="rules", density=density)
    except ValueError as exc:  # a prompt the planner refuses counts as an invalid room, with its reason
        return RoomResult(prompt, room_type, seed, False, 0, 0.0, 0.0, 0.0, False, time.perf_counter() - t0,
                          error=str(exc).splitlines()[0])
    scene = result.scene
    ids = {o.id: o for o in scene.objects}
    on_top = [o for o in scene.objects if o.support in ids and ids[o.support].category not in ("rug", "yoga_mat")]
    hosts = {o.support for o in on_top}
    positions: dict[str, list[tuple[float, float]]] = {}
    for o in scene.objects:
        positions.setdefault(o.category, []).append((o.pose.position[0], o.pose.position[1]))
    wanted = [c for c in (must_have or []) if not c.startswith("generic:")]
    have = scene.counts()
    return RoomResult(prompt, room_type, seed, result.exit_code == 0, len(scene.objects),
                      len(on_top) / len(hosts) if hosts else 0.0, _rate(result.report, "collision_rate",
                                                                         "collision_rate"),
                      _rate(result.report, "support_rate", "support_rate"), complete_room(scene),
                      time.perf_counter() - t0, histogram=scene.counts(), positions=positions,
                      must_have=sum(have.get(c, 0) > 0 for c in wanted) / len(wanted) if wanted else 1.0)


def diversity(rooms: list[RoomResult]) -> tuple[float, float]:
    """(mean pairwise L1 distance of normalised category histograms, mean pairwise layout distance in metres) over
    the seeds of one prompt."""
    hist, layout = [], []
    for a, b in itertools.combinations(rooms, 2):
        cats = set(a.histogram) | set(b.histogram)
        na, nb = max(1, sum(a.histogram.values())), max(1, sum(b.histogram.values()))
        hist.append(sum(abs(a.histogram.get(c, 0) / na - b.histogram.get(c, 0) / nb) for c in cats))
        shared = set(a.positions) & set(b.positions)
        d = [float(np.hypot(*np.subtract(sorted(a.positions[c])[0], sorted(b.positions[c])[0]))) for c in shared]
        if d:
            layout.append(statistics.fmean(d))
    return (statistics.fmean(hist) if hist else 0.0, statistics.fmean(layout) if layout else 0.0)


def evaluate(rows: list[dict], density: str, seeds: int = 2) -> dict:
    """Per room type and overall: the numbers in the module docstring, for ``seeds`` seeds per prompt."""
    rooms = [run_room(r["prompt"], r.get("room_type") or "room", s, density, r.get("must_have"))
             for r in rows for s in range(seeds)]
    by_type: dict[str, list[RoomResult]] = {}
    for room in rooms:
        by_type.setdefault(room.room_type, []).append(room)
    table = {t: _aggregate(rs) for t, rs in sorted(by_type.items())}
    return {"density": density, "seeds": seeds, "prompts": len(rows), "rooms": len(rooms),
            "overall": _aggregate(rooms), "by_room_type": table,
            "invalid": [f"{r.prompt} (seed {r.seed}){': ' + r.error if r.error else ''}" for r in rooms
                        if not r.valid]}


def _aggregate(rooms: list[RoomResult]) -> dict:
    by_prompt: dict[str, list[RoomResult]] = {}
    for r in rooms:
        by_prompt.setdefault(r.prompt, []).append(r)
    div = [diversity(rs) for rs in by_prompt.values() if len(rs) > 1]
    made = [r for r in rooms if not r.error]
    total = sum(r.objects for r in made) or 1
    return {
        "rooms": len(rooms),
        "valid": round(sum(r.valid for r in rooms) / len(rooms), 4),
        "median_objects": statistics.median([r.objects for r in rooms]),
        "small_per_surface": round(statistics.fmean([r.small_per_surface for r in made]), 3) if made else 0.0,
        "collision_rate": round(sum(r.collision_rate * r.objects for r in made) / total, 4),
        "support_rate": round(sum(r.support_rate * r.objects for r in made) / total, 4),
        "complete": round(sum(r.complete for r in rooms) / len(rooms), 4),
        "must_have": round(statistics.fmean([r.must_have for r in made]), 4) if made else 0.0,
        "diversity_histogram_l1": round(statistics.fmean([d[0] for d in div]), 3) if div else None,
        "diversity_layout_m": round(statistics.fmean([d[1] for d in div]), 3) if div else None,
        "seconds_mean": round(statistics.fmean([r.seconds for r in rooms]), 2),
    }


BENCH_PROMPT = "a living room"
BENCH_BUDGET = {"normal": 10.0, "full": 30.0}
"""seconds a living room may take with the rules reader at each density (issue 18's acceptance)"""


def bench(seeds: int = 3) -> dict:
    """Wall time of ``make`` for a living room at minimal, normal and full (median over ``seeds`` seeds), against the
    budgets; minimal is the baseline the ratios are measured against, in the same run."""
    from scenegen.pipeline import make

    out: dict[str, dict] = {}
    for density in ("minimal", "normal", "full"):
        prompt = BENCH_PROMPT if density != "minimal" else f"{BENCH_PROMPT} with a sofa"
        times, counts = [], []
        for seed in range(seeds):
            t0 = time.perf_counter()
            result = make(prompt if density != "minimal" else prompt, seed=seed, planner="rules", density=density)
            times.append(time.perf_counter() - t0)
            counts.append(len(result.scene.objects))
        out[density] = {"prompt": prompt, "median_s": round(statistics.median(times), 2),
                        "max_s": round(max(times), 2), "objects": counts,
                        "budget_s": BENCH_BUDGET.get(density)}
    base = out["minimal"]["median_s"] or 1e-9
    for density in ("normal", "full"):
        out[density]["x_minimal"] = round(out[density]["median_s"] / base, 1)
        out[density]["within_budget"] = out[density]["max_s"] <= BENCH_BUDGET[density]
    return out


def _in_range(n: int, want: int | list[int]) -> bool:
    lo, hi = (want, want) if isinstance(want, int) else (int(want[0]), int(want[1]))
    return lo <= n <= hi


def explicit_scores(scene: Scene, row: dict) -> tuple[float, float]:
    """(count accuracy, relation accuracy) of a solved scene against an explicit eval row (``prompts/eval/
    plans.jsonl``: counts and [subject, kind, target] relations).

    Counts: the fraction of gold categories whose placed count (design extras included, so an added object of a
    counted category is an error) is in the gold range. Relations: the fraction of gold relations met by the
    prompt's own objects: some placed subject of the category satisfies it (``score_relation`` > 0.5) with some
    placed target of the target category, or the architecture element."""
    from scenegen.design import is_added
    from scenegen.scene import ARCHITECTURE_RELATIONS, Relation
    from scenegen.solve.relations import SATISFIED, Box, score_relation

    have = scene.counts()
    counts = row.get("counts", {})
    count_acc = sum(_in_range(have.get(c, 0), n) for c, n in counts.items()) / len(counts) if counts else 1.0
    asked = {o.id for o in scene.plan.objects if not is_added(o)}
    boxes = {o.id: Box.of(o) for o in scene.objects}
    by_cat: dict[str, list[str]] = {}
    for o in scene.objects:
        if o.id in asked:
            by_cat.setdefault(o.category, []).append(o.id)
    met = []
    for subject, kind, target in row.get("relations", []):
        if kind not in RELATION_KINDS:
            continue
        arch = kind in ARCHITECTURE_RELATIONS
        targets = [target] if arch else by_cat.get(target, [])
        met.append(any(score_relation(Relation(kind=kind, subject=s, target=t), boxes, scene.room) > SATISFIED
                       for s in by_cat.get(subject, []) for t in targets))
    return count_acc, (sum(met) / len(met) if met else 1.0)


def explicit(rows: list[dict], densities: tuple[str, ...] = ("minimal", "normal"), seed: int = 0) -> dict:
    """Mean count and relation accuracy of ``make`` on explicit prompts at each density (rules reader, one seed)."""
    from scenegen.pipeline import make

    out: dict[str, dict] = {}
    for density in densities:
        counts, rels, failed = [], [], 0
        for row in rows:
            try:
                scene = make(row["prompt"], seed=seed, planner="rules", density=density).scene
            except ValueError:
                failed += 1
                counts.append(0.0)
                rels.append(0.0)
                continue
            c, r = explicit_scores(scene, row)
            counts.append(c)
            rels.append(r)
        out[density] = {"prompts": len(rows), "refused": failed, "count_accuracy": round(statistics.fmean(counts), 4),
                        "relation_accuracy": round(statistics.fmean(rels), 4)}
    return out


def _relation_kinds() -> frozenset[str]:
    from typing import get_args

    from scenegen.scene import RelationKind

    return frozenset(get_args(RelationKind))


RELATION_KINDS = _relation_kinds()
