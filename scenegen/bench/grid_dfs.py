"""The baseline of ``scenegen bench solve``: a grid depth-first search in the style of Holodeck's floor solver
(Yang et al., CVPR 2024, ``DFS_Solver_Floor``), run on the same plans in the same process.

What it keeps from Holodeck: candidate centres on a grid whose step is the room's longer side ÷ 20; four rotations;
footprints grown by a 10 cm buffer for the collision test; objects that stand against a wall only at wall spots; the
search branches on the first object's best candidates and is greedy after it; an object with no valid candidate is
dropped (Holodeck's behaviour), and the first complete run with the most objects wins. Objects on tops are placed by
rejection sampling on the support's top, wall objects at grid spots along the walls, ceiling objects at the centre.

Relations are scored with scenegen's scorers (``score_relation_batch``), so the comparison is between searches, not
between relation definitions.
"""

from __future__ import annotations

import math
import time

import numpy as np

from scenegen import catalog
from scenegen.geometry import footprint_corners, rects_inside_polygon, rects_overlap_any, wrap_angle, yaw_facing
from scenegen.scene import ARCHITECTURE_RELATIONS, LayoutPlan, Relation
from scenegen.solve.relations import Box, Boxes, score_relation_batch

GRID_DIVISIONS = 20
BUFFER = 0.10
"""metres added to each footprint side for the collision test, as Holodeck's ``size_buffer``"""
FIRST_BRANCHES = 5
"""candidates of the first object explored; greedy after it"""
MAX_SECONDS = 5.0
"""Holodeck's ``max_duration``: the search stops exploring branches after this long"""
SAMPLES_ON_TOP = 20


def grid_dfs_solve(plan: LayoutPlan, sizes: dict[str, tuple[float, float, float]], seed: int
                   ) -> tuple[dict[str, Box], list[str]]:
    """Place the plan's objects; returns (boxes by id, ids of dropped objects)."""
    rng = np.random.default_rng(seed)
    room = plan.room
    poly = np.asarray(room.footprint, dtype=float)
    rels_of = _relations_by_subject(plan)
    support_of = {r.subject: r.target for r in plan.relations if r.kind == "on_top" and r.target}
    roles = {o.id: _role(o.category, o.id, rels_of, support_of) for o in plan.objects}
    floor = [o.id for o in plan.objects if roles[o.id] == "floor"]
    floor.sort(key=lambda oid: -sizes[oid][0] * sizes[oid][1])  # Holodeck places big objects first
    door_zones = [_door_zone(room, op) for op in room.openings if op.kind == "door"]

    best: tuple[int, float, dict[str, Box]] = (-1, -math.inf, {})
    start = time.perf_counter()
    first_candidates = _ranked(floor[0], {}, plan, sizes, rels_of, roles, poly, door_zones)[:FIRST_BRANCHES] \
        if floor else [None]
    for first in first_candidates:
        boxes: dict[str, Box] = {} if first is None else {floor[0]: first}
        for oid in floor[1:]:
            ranked = _ranked(oid, boxes, plan, sizes, rels_of, roles, poly, door_zones)
            if ranked:
                boxes[oid] = ranked[0]
        total = sum(float(score_relation_batch(r, Boxes.of(boxes[r.subject]),
                                               Boxes.of(boxes[r.target]) if r.target in boxes else None, room)[0])
                    for r in plan.relations if r.subject in boxes
                    and (r.kind in ARCHITECTURE_RELATIONS or r.target in boxes))
        if (len(boxes), total) > best[:2]:
            best = (len(boxes), total, boxes)
        if time.perf_counter() - start > MAX_SECONDS:
            break
    boxes = dict(best[2])
    for o in plan.objects:
        role = roles[o.id]
        if role == "object":
            _place_on_top(o.id, support_of.get(o.id) or _any_top(boxes, plan), boxes, sizes, rng)
        elif role == "wall":
            _place_on_wall(o.id, o.category, boxes, sizes, plan)
        elif role == "ceiling":
            _place_on_ceiling(o.id, boxes, sizes, plan)
    dropped = [o.id for o in plan.objects if o.id not in boxes]
    return boxes, dropped


def _relations_by_subject(plan: LayoutPlan) -> dict[str, list[Relation]]:
    out: dict[str, list[Relation]] = {}
    for r in plan.relations:
        out.setdefault(r.subject, []).append(r)
    return out


def _role(category: str, oid: str, rels_of: dict[str, list[Relation]], support_of: dict[str, str]) -> str:
    if oid in support_of:
        return "object"
    kinds = {r.kind for r in rels_of.get(oid, [])}
    if "on_wall" in kinds:
        return "wall"
    if "hang_from_ceiling" in kinds:
        return "ceiling"
    return catalog.get(category).support


def _door_zone(room, op) -> np.ndarray:  # type: ignore[no-untyped-def]
    cx, cy = room.opening_center(op)
    nx, ny = room.wall_normal(op.wall)
    return footprint_corners(cx + nx * op.width / 2, cy + ny * op.width / 2, op.width / 2, op.width / 2,
                             yaw_facing((nx, ny)))


def _ranked(oid: str, boxes: dict[str, Box], plan: LayoutPlan, sizes: dict[str, tuple[float, float, float]],
            rels_of: dict[str, list[Relation]], roles: dict[str, str], poly: np.ndarray,
            door_zones: list[np.ndarray]) -> list[Box]:
    """Valid grid candidates of one floor object, best first (Holodeck: constraint score, ties by grid order)."""
    room = plan.room
    w, d, h = sizes[oid]
    (x0, y0), (x1, y1) = room.bounds
    step = max(x1 - x0, y1 - y0) / GRID_DIVISIONS
    gx, gy = np.meshgrid(np.arange(x0, x1 + 1e-9, step), np.arange(y0, y1 + 1e-9, step))
    rels = rels_of.get(oid, [])
    category = next(o.category for o in plan.objects if o.id == oid)
    edge = any(r.kind == "against_wall" for r in rels) or catalog.get(category).against_wall
    xs, ys, yaws = [], [], []
    for yaw in (0.0, math.pi / 2, math.pi, -math.pi / 2):
        if edge:  # Holodeck's place_edge: grid spots along each wall, back to the wall
            for i in range(len(poly)):
                (ax, ay), _ = room.wall(i)
                dx, dy = room.wall_direction(i)
                nx, ny = room.wall_normal(i)
                if abs(wrap_angle(yaw - yaw_facing((nx, ny)))) > 1e-6:
                    continue
                ts = np.arange(0.0, room.wall_length(i) + 1e-9, step)
                xs += list(ax + dx * ts + nx * d / 2)
                ys += list(ay + dy * ts + ny * d / 2)
                yaws += [yaw] * len(ts)
        else:
            xs += list(gx.ravel())
            ys += list(gy.ravel())
            yaws += [yaw] * gx.size
    if not xs:
        return []
    x, y, yaw_arr = np.asarray(xs), np.asarray(ys), np.asarray(yaws)
    rects = footprint_corners(x, y, w / 2, d / 2, yaw_arr)
    buffered = footprint_corners(x, y, w / 2 + BUFFER / 2, d / 2 + BUFFER / 2, yaw_arr)
    ok = rects_inside_polygon(poly, rects)
    others = [b.corners for o, b in boxes.items() if roles.get(o) == "floor"] + door_zones
    ok &= ~rects_overlap_any(buffered, others, margin=1e-4)
    idx = np.flatnonzero(ok)
    if not len(idx):
        return []
    cand = Boxes.candidates(x[idx], y[idx], yaw_arr[idx], (w, d, h))
    score = np.zeros(len(idx))
    for r in rels:
        if r.kind in ARCHITECTURE_RELATIONS:
            score += score_relation_batch(r, cand, None, room)
        elif r.target in boxes:
            score += score_relation_batch(r, cand, Boxes.of(boxes[r.target]), room)
    order = np.argsort(-score, kind="stable")
    return [Box(oid, float(x[idx[k]]), float(y[idx[k]]), 0.0, float(yaw_arr[idx[k]]), w, d, h) for k in order]


def _any_top(boxes: dict[str, Box], plan: LayoutPlan) -> str | None:
    for o in plan.objects:
        if o.id in boxes and catalog.get(o.category).has_top:
            return o.id
    return None


def _place_on_top(oid: str, support: str | None, boxes: dict[str, Box],
                  sizes: dict[str, tuple[float, float, float]], rng: np.random.Generator) -> None:
    if support not in boxes:
        return
    sup = boxes[support]
    w, d, h = sizes[oid]
    siblings = [b.corners for b in boxes.values() if b.support == support]
    for _ in range(SAMPLES_ON_TOP):
        r = rng.uniform(-max(sup.width - w, 0) / 2, max(sup.width - w, 0) / 2)
        f = rng.uniform(-max(sup.depth - d, 0) / 2, max(sup.depth - d, 0) / 2)
        if w > sup.width or d > sup.depth:
            return
        c, s = math.cos(sup.yaw), math.sin(sup.yaw)
        box = Box(oid, sup.cx + r * c - f * s, sup.cy + r * s + f * c, sup.top, sup.yaw, w, d, h, support)
        if not rects_overlap_any(box.corners[None], siblings, margin=1e-4)[0]:
            boxes[oid] = box
            return


def _place_on_wall(oid: str, category: str, boxes: dict[str, Box], sizes: dict[str, tuple[float, float, float]],
                   plan: LayoutPlan) -> None:
    room = plan.room
    w, d, h = sizes[oid]
    z = max(0.3, (catalog.get(category).mount_height or 1.5) - h / 2)
    step = max(b - a for a, b in zip(*room.bounds)) / GRID_DIVISIONS
    for i in range(len(room.footprint)):
        (ax, ay), _ = room.wall(i)
        dx, dy = room.wall_direction(i)
        nx, ny = room.wall_normal(i)
        for t in np.arange(w / 2, room.wall_length(i) - w / 2 + 1e-9, step):
            if any(op.wall == i and abs(t - op.offset) < (w + op.width) / 2 for op in room.openings):
                continue
            box = Box(oid, ax + dx * t + nx * d / 2, ay + dy * t + ny * d / 2, z, yaw_facing((nx, ny)), w, d, h,
                      "wall")
            near = [b.corners for b in boxes.values() if b.z < box.top and b.top > box.z]
            if not rects_overlap_any(box.corners[None], near, margin=1e-4)[0]:
                boxes[oid] = box
                return


def _place_on_ceiling(oid: str, boxes: dict[str, Box], sizes: dict[str, tuple[float, float, float]],
                      plan: LayoutPlan) -> None:
    """The free grid spot nearest the room's centre, clear of other ceiling objects."""
    room = plan.room
    w, d, h = sizes[oid]
    (x0, y0), (x1, y1) = room.bounds
    step = max(x1 - x0, y1 - y0) / GRID_DIVISIONS
    gx, gy = np.meshgrid(np.arange(x0, x1 + 1e-9, step), np.arange(y0, y1 + 1e-9, step))
    x, y = gx.ravel(), gy.ravel()
    rects = footprint_corners(x, y, w / 2, d / 2, 0.0)
    ok = rects_inside_polygon(np.asarray(room.footprint, dtype=float), rects)
    ok &= ~rects_overlap_any(rects, [b.corners for b in boxes.values() if b.support == "ceiling"], margin=1e-4)
    if not ok.any():
        return
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    k = np.flatnonzero(ok)[int(np.argmin(np.hypot(x[ok] - cx, y[ok] - cy)))]
    boxes[oid] = Box(oid, float(x[k]), float(y[k]), room.height - h, 0.0, w, d, h, "ceiling")
