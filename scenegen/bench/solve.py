"""``scenegen bench solve``: scenegen's solver against a Holodeck-style grid DFS on the same generated plans.

Per object count (5, 15, 30, 60) a fixed set of generated plans (``scenegen.bench.plans``) is solved by both, in this
process, and each is scored the same way: success = every object placed and no two boxes interpenetrating; relation
satisfaction = plan relations scored > 0.5 by the shared scorers; usable = no floor walled off, every door connected
and every functional side reachable (``scenegen.freespace``); seconds = wall time of the solve call.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from scenegen.bench.grid_dfs import grid_dfs_solve
from scenegen.bench.plans import BenchPlan, generated_plan
from scenegen import catalog
from scenegen.freespace import FloorObject, access_problems
from scenegen.geometry import overlap_matrix, rects_distance
from scenegen.rng import stage_rng
from scenegen.solve import solve
from scenegen.solve.relations import SATISFIED, Box, score_relation

COUNTS = (5, 15, 30, 60)
COLLISION_TOL = 0.001
"""metres two boxes must interpenetrate (horizontally and vertically) to count as a collision"""


@dataclass(frozen=True)
class Run:
    """One solver on one plan."""

    solver: str
    n_objects: int
    seed: int
    seconds: float
    placed: int
    collisions: int
    relation_satisfaction: float
    access_problems: int
    """``scenegen.freespace.access_problems``: walled-off floor, cut-off doors, unreachable functional sides"""

    @property
    def success(self) -> bool:
        return self.placed == self.n_objects and self.collisions == 0


@dataclass(frozen=True)
class Row:
    """Aggregate of one solver over the plans of one object count."""

    solver: str
    n_objects: int
    plans: int
    success_rate: float
    relation_satisfaction: float
    median_seconds: float
    mean_collisions: float
    mean_dropped: float
    usable_rate: float
    """fraction of plans whose layout has no access problem (every functional side reachable, no floor walled off)"""


def box_collisions(boxes: dict[str, Box], tol: float = COLLISION_TOL) -> list[tuple[str, str]]:
    """Pairs of boxes whose footprints overlap by more than ``tol`` and whose height intervals overlap by more than
    ``tol`` (an item resting on its support touches it and is not a collision), sorted."""
    ids = sorted(boxes)
    if len(ids) < 2:
        return []
    quads = np.stack([boxes[i].corners for i in ids])
    footprint = overlap_matrix(quads, quads, margin=tol)
    z0 = np.array([boxes[i].z for i in ids])
    z1 = np.array([boxes[i].top for i in ids])
    vertical = (np.minimum(z1[:, None], z1[None]) - np.maximum(z0[:, None], z0[None])) > tol
    hit = np.triu(footprint & vertical, k=1)
    return [(ids[a], ids[b]) for a, b in zip(*np.nonzero(hit))]


def _satisfaction(bp: BenchPlan, boxes: dict[str, Box]) -> float:
    rels = bp.plan.relations
    if not rels:
        return 1.0
    return sum(score_relation(r, boxes, bp.plan.room) > SATISFIED for r in rels) / len(rels)


def _access(bp: BenchPlan, boxes: dict[str, Box]) -> int:
    """Access problems of the floor-standing boxes; a seat counts as pulled up to a table when it stands within 25 cm
    of a desk or table top at least 0.6 m high and faces it (±45°), whichever solver placed it."""
    categories = {o.id: o.category for o in bp.plan.objects}
    floor = {oid: b for oid, b in boxes.items() if b.z < 0.05 and b.support is None
             and catalog.get(categories[oid]).support == "floor" and b.height > 0.05}
    tops = [b for oid, b in floor.items() if catalog.get(categories[oid]).has_top and b.height >= 0.6]
    objects = []
    for oid, b in floor.items():
        seat = categories[oid] in catalog.with_role("seat") and any(
            rects_distance(b.corners[None], t.corners[None])[0] <= 0.25
            and abs(math.atan2(t.cy - b.cy, t.cx - b.cx) - math.atan2(b.front[1], b.front[0]) + math.pi)
            % (2 * math.pi) - math.pi < math.pi / 4 for t in tops)
        objects.append(FloorObject(oid, b.cx, b.cy, b.yaw, b.width, b.depth,
                                   catalog.get(categories[oid]).functional_sides, seat))
    return access_problems(bp.plan.room, objects)


def run_scenegen(bp: BenchPlan, seed: int) -> Run:
    start = time.perf_counter()
    result = solve(bp.plan, bp.refs, bp.sizes, stage_rng(seed, "solve"))
    seconds = time.perf_counter() - start
    boxes = {o.id: Box.of(o) for o in result.objects}
    return Run("scenegen", len(bp.plan.objects), seed, seconds, len(boxes), len(box_collisions(boxes)),
               _satisfaction(bp, boxes), _access(bp, boxes))


def run_grid_dfs(bp: BenchPlan, seed: int) -> Run:
    start = time.perf_counter()
    boxes, _dropped = grid_dfs_solve(bp.plan, bp.sizes, seed)
    seconds = time.perf_counter() - start
    return Run("grid_dfs", len(bp.plan.objects), seed, seconds, len(boxes),
               len(box_collisions(boxes)), _satisfaction(bp, boxes), _access(bp, boxes))


SOLVERS: dict[str, Callable[[BenchPlan, int], Run]] = {"scenegen": run_scenegen, "grid_dfs": run_grid_dfs}
LABELS = {"scenegen": "scenegen", "grid_dfs": "grid DFS"}


def bench_solve(counts: tuple[int, ...] = COUNTS, plans: int = 10, solvers: tuple[str, ...] = ("scenegen", "grid_dfs"),
                room_scale: float = 1.0, progress: Callable[[str], None] | None = None
                ) -> tuple[list[Row], list[Run]]:
    """Solve ``plans`` generated plans per object count with each solver; returns per-(solver, count) rows and the
    individual runs. Plans are generated from seeds 0..plans-1, so every run of the benchmark sees the same plans;
    ``room_scale`` < 1 puts the same furniture in tighter rooms."""
    runs: list[Run] = []
    for n in counts:
        for seed in range(plans):
            bp = generated_plan(n, seed, room_scale=room_scale)
            for name in solvers:
                if progress:
                    progress(f"{name}: {n} objects, plan {seed + 1}/{plans}")
                runs.append(SOLVERS[name](bp, seed))
    rows = []
    for name in solvers:
        for n in counts:
            mine = [r for r in runs if r.n_objects == n and r.solver == name]
            rows.append(Row(name, n, len(mine), sum(r.success for r in mine) / len(mine),
                            statistics.mean(r.relation_satisfaction for r in mine),
                            statistics.median(r.seconds for r in mine),
                            statistics.mean(r.collisions for r in mine),
                            statistics.mean(r.n_objects - r.placed for r in mine),
                            sum(r.access_problems == 0 for r in mine) / len(mine)))
    return rows, runs
