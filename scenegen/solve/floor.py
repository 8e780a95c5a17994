"""Placing one floor object: candidate poses (along the walls, a grid over the room, its centroid and spots next to
the objects it relates to), the hard constraints (inside the room, no overlap, out of door and window clearance,
functional sides usable) and the pick of the best-scoring spot with distinct runners-up for the search."""

from __future__ import annotations

import math

import numpy as np

from scenegen import catalog
from scenegen.geometry import footprint_corners, overlap_matrix, rects_inside_polygon, wrap_angle, yaw_facing
from scenegen.solve.floor_score import score_floor, side_clearance, takes_last_side
from scenegen.solve.footprints import dims, room_dims
from scenegen.solve.items import CLEARANCE, FACING_KINDS, MOVE_MIN, WALL_GAP, Item
from scenegen.solve.relations import Box, room_centroid
from scenegen.solve.state import SolverState
from scenegen.solve.surface import clear_under
from scenegen.thresholds import KNEE_MIN_HEIGHT

BEAM = 6
"""How many other spots of a group's anchor are tried when greedy placement leaves the group's relations unmet."""
ALT_SPACING = 0.6
"""metres between the anchor spots tried, so that they are real alternatives rather than nudges"""


def floor_candidates(st: SolverState, it: Item) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate (x, y, yaw) arrays for a floor object."""
    w, d, _ = it.size
    xs: list[float] = []
    ys: list[float] = []
    yaws: list[float] = []
    for i in range(len(st.poly)):
        (ax, ay), _ = st.room.wall(i)
        dx, dy = st.room.wall_direction(i)
        nx, ny = st.room.wall_normal(i)
        length = st.room.wall_length(i)
        if length < w:
            continue
        lo, hi = w / 2 + WALL_GAP, length - w / 2 - WALL_GAP
        ts = np.unique(np.concatenate([np.arange(lo, hi, 0.1), [lo, hi]]))
        yaw = yaw_facing((nx, ny))
        off = d / 2 + WALL_GAP
        xs += list(ax + dx * ts + nx * off)
        ys += list(ay + dy * ts + ny * off)
        yaws += [yaw] * len(ts)
    (x0, y0), (x1, y1) = st.room.bounds
    step = max(0.1, math.sqrt((x1 - x0) * (y1 - y0) / 600))
    gx, gy = np.meshgrid(np.arange(x0 + step / 2, x1, step), np.arange(y0 + step / 2, y1, step))
    for yaw in st.wall_yaws:
        xs += list(gx.ravel())
        ys += list(gy.ravel())
        yaws += [yaw] * gx.size
    cx, cy = room_centroid(st.room)
    for yaw in st.wall_yaws:
        xs.append(cx)
        ys.append(cy)
        yaws.append(yaw)
    for r in st.relations:
        if r.subject == it.obj.id and r.target in st.boxes:
            for x, y, yaw in relation_candidates(r.kind, st.boxes[r.target], w, d):
                xs.append(x)
                ys.append(y)
                yaws.append(yaw)
    return np.asarray(xs), np.asarray(ys), np.asarray(yaws)


def _hosts_over(st: SolverState, it: Item) -> set[str]:
    """The placed hosts ``it`` may stand inside the footprint of, because the prompt puts it under them: a bin or a
    pet bed in a desk's or table's knee space, a desk under a loft bed. Whether the host's parts leave the height
    free is checked per spot."""
    low = it.size[2] <= KNEE_MIN_HEIGHT
    over = catalog.with_role("lofted") | (catalog.with_role("knee_top") if low else set())
    return {r.target for r in st.relations if r.subject == it.obj.id and r.kind == "under"
            and r.target in st.boxes and st.items[r.target].obj.category in over}


def place_floor(st: SolverState, it: Item) -> list[Box]:
    """Place a floor object at its best-scoring free spot. Returns the spot and distinct runners-up, best first
    (empty when it could not be placed; the reason is recorded)."""
    st.work += 1
    w, d, h = it.size
    x, y, yaw = floor_candidates(st, it)
    rects = footprint_corners(x, y, w / 2, d / 2, yaw)
    ok = rects_inside_polygon(st.poly, rects)
    if not ok.any():
        st.fail(it, f"{dims(it)} does not fit inside the room ({room_dims(st.room)})")
        return []
    stacked = h + max((o.size[2] for o in st.items.values() if o.role == "object" and o.support == it.obj.id),
                      default=0.0)  # a TV on its stand reaches into the window as much as a tall cabinet
    knee_hosts = _hosts_over(st, it)
    labels = [oid for oid, b in st.boxes.items() if oid not in knee_hosts
              and (st.items[oid].role == "floor" or (st.items[oid].role == "wall" and b.z < h))]
    quads = [st.boxes[oid].corners for oid in labels]
    for corners, min_h, label in st.keepout:
        if stacked > min_h or it.obj.id in st.hints.clear_openings:
            labels.append(label)
            quads.append(corners)
    for host in knee_hosts:  # only where the host's own parts (a drawer pedestal, a crossbar) leave the height free
        b = st.boxes[host]
        ok &= clear_under(st.items[host].ref, b.cx, b.cy, b.yaw, rects) >= stacked + 0.01
    hits = overlap_matrix(rects, np.asarray(quads).reshape(-1, 4, 2), margin=1e-4) & ok[:, None]
    counts = hits.sum(axis=0)
    blockers = {label: int(c) for label, c in zip(labels, counts) if c}
    st.blockers[it.obj.id] = blockers
    ok &= ~hits.any(axis=1)
    ok &= ~avoided(st, it.obj.id, x, y, yaw)
    faced = {r.target for r in st.relations if r.subject == it.obj.id and r.kind in FACING_KINDS
             and r.target in st.items and tucks(it, st.items[r.target])}
    sides = side_clearance(st, it, x, y, yaw, ok, skip=faced)
    if ok.any() and not st.compact:
        # Hard where the room allows it: a functional side (all of them when the repair loop asks) faces free
        # floor, so that the object can be used; otherwise fall back to the soft term in the score.
        if len(sides):
            need_all = it.obj.id in st.hints.clear_front
            usable = ok & (sides.all(axis=0) if need_all else sides.any(axis=0))
            if usable.any():
                ok = usable
        partners = {r.target for r in st.relations if r.subject == it.obj.id}
        partners |= {r.subject for r in st.relations if r.target == it.obj.id}
        spares = ok & ~takes_last_side(st, rects, ok, skip=partners)
        if spares.any():
            ok = spares
    if not ok.any():
        worst = sorted(blockers, key=lambda k: -blockers[k])[:3]
        free = st.room.area - sum(b.width * b.depth for o, b in st.boxes.items()
                                  if st.items[o].role == "floor")
        st.fail(it, f"no free floor spot for {dims(it)}: every spot inside the room overlaps "
                       f"{', '.join(worst) or 'other objects'} ({free:.1f} m² of {st.room.area:.1f} m² left)")
        return []
    idx = np.flatnonzero(ok)
    clear = sides[:, idx].all(axis=0) if len(sides) else np.ones(len(idx), dtype=bool)
    scores = score_floor(st, it, x[idx], y[idx], yaw[idx], rects[idx], clear)
    ranked = idx[np.argsort(-scores, kind="stable")]
    picks: list[int] = []
    for k in ranked:
        if all(math.hypot(x[k] - x[p], y[k] - y[p]) > ALT_SPACING or abs(wrap_angle(yaw[k] - yaw[p])) > 0.1
               for p in picks):
            picks.append(int(k))
            if len(picks) > BEAM:
                break
    spots = [Box(it.obj.id, float(x[k]), float(y[k]), 0.0, float(yaw[k]), w, d, h) for k in picks]
    st.boxes[it.obj.id] = spots[0]
    return spots


def tucks(it: Item, other: Item) -> bool:
    """Whether ``it`` and ``other`` are a seat and a raised top it is pulled up to (a chair at a desk, a stool at an
    island: a top at least ``KNEE_MIN_HEIGHT`` m high), whose floor the seat's front may take: the accessibility
    check credits that knee space. Any other thing faced ("a sofa and two armchairs grouped around a wood burner")
    keeps its own front clear, or no one can step up to it."""
    seats, tops = catalog.with_role("seat"), catalog.with_role("knee_top")
    pair = {it.obj.category, other.obj.category}
    seat, top = (it, other) if it.obj.category in seats else (other, it)
    return bool(pair) and seat.obj.category in seats and top.obj.category in tops and top.size[2] >= KNEE_MIN_HEIGHT


def avoided(st: SolverState, oid: str, x: np.ndarray, y: np.ndarray, yaw: np.ndarray) -> np.ndarray:
    """(N,) bool: candidate poses the repair loop told this object to leave."""
    out = np.zeros(len(x), dtype=bool)
    for ax, ay, ayaw in st.hints.avoid.get(oid, []):
        out |= (np.hypot(x - ax, y - ay) < MOVE_MIN) & (np.abs(wrap_angle(yaw - ayaw)) < 0.1)
    return out


def relation_candidates(kind: str, t: Box, w: float, d: float) -> list[tuple[float, float, float]]:
    """Spots (x, y, yaw) that would satisfy ``kind`` relative to an already placed target box."""
    out: list[tuple[float, float, float]] = []
    c, s = math.cos(t.yaw), math.sin(t.yaw)

    def at(right: float, fwd: float, yaw: float) -> None:
        out.append((t.cx + right * c - fwd * s, t.cy + right * s + fwd * c, yaw))

    face_back = t.yaw + math.pi
    if kind in ("next_to", "near", "paired", "side_of", "left_of", "right_of", "aligned"):
        for sign in (-1.0, 1.0):
            for g in (0.05, 0.2, 0.4) if kind != "near" else (0.6, 0.9):
                at(sign * (t.width / 2 + w / 2 + g), -t.depth / 2 + d / 2, t.yaw)
                at(sign * (t.width / 2 + w / 2 + g), 0.0, t.yaw)
    if kind in ("in_front_of", "face_to", "across_from", "near"):
        for g in (0.4, 0.8, 1.2, 1.8, 2.5):
            at(0.0, t.depth / 2 + g + d / 2, face_back)
    if kind == "behind":
        for g in (0.05, 0.3):
            at(0.0, -(t.depth / 2 + g + d / 2), t.yaw)
    if kind == "around":
        # seats along each side of the anchor, a little apart from it (pulled up to a table), or a step apart (round
        # a stove, where the front stays clear), each facing the anchor's centre
        for g in (0.05, CLEARANCE + 0.05):
            for sign, length, across in ((1.0, t.width, t.depth), (-1.0, t.width, t.depth)):
                for along in spots_along(length, w):
                    at(along, sign * (across / 2 + d / 2 + g), yaw_facing((-sign * -s, -sign * c)))
            for sign in (1.0, -1.0):
                for along in spots_along(t.depth, w):
                    at(sign * (t.width / 2 + d / 2 + g), along, yaw_facing((-sign * c, -sign * s)))
    if kind in ("under", "middle_of"):
        at(0.0, 0.0, t.yaw)
    if kind == "under" and w > t.width and d <= t.width:  # a desk under a loft bed: along the bed, turned
        for sign in (1.0, -1.0):
            at(sign * max(t.width - d, 0.0) / 2, 0.0, t.yaw + sign * math.pi / 2)
    if kind == "under" and (t.width > w or t.depth > d):  # a bin under a desk: at the back, or at either end
        back = -max(t.depth - d, 0.0) / 2
        for right in (0.0, -max(t.width - w, 0.0) / 2 + 0.05, max(t.width - w, 0.0) / 2 - 0.05):
            at(right, back + 0.03, t.yaw)
    return out


def spots_along(length: float, w: float) -> list[float]:
    """Offsets (metres, centred on 0) of up to three seats of width ``w`` along a side ``length`` long."""
    if length <= w:
        return [0.0]
    n = max(1, min(3, int(length // (w + 0.1))))
    return [float(v) for v in np.linspace(-(length - w) / 2, (length - w) / 2, n)] if n > 1 else [0.0]
