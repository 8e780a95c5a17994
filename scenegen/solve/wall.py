"""Placing wall-hung and ceiling objects: spots along the walls clear of openings and of other hanging things,
moving furniture out of the way when it covers every free stretch of wall, and a ceiling spot over the object's
anchor or the room's centre."""

from __future__ import annotations

import math

import numpy as np

from scenegen.geometry import footprint_corners, overlap_matrix, rects_inside_polygon, rects_overlap_any, wrap_angle, \
    yaw_facing
from scenegen.scene import ARCHITECTURE_RELATIONS
from scenegen.solve.floor import avoided, place_floor
from scenegen.solve.footprints import dims
from scenegen.solve.items import WALL_GAP, Item
from scenegen.solve.relations import Box, Boxes, room_centroid, score_relation, score_relation_batch
from scenegen.solve.state import SolverState
from scenegen.solve.support import place_on_support
from scenegen.thresholds import FLAT_HEIGHT, HEAD_CLEAR

HANG_SPACING = 0.05
"""metres kept between two things hanging on the same wall"""
LOW_HANG_CLEAR = 0.3
"""metres: the lowest a hangs_low thing (a punching bag) may reach"""
SWING = 0.3
"""metres kept free around a hangs_low thing, for it to swing"""
CEILING_THING_GAP = 0.8
"""metres kept between two things hung from the ceiling, edge to edge of their largest sides (a fan's blades and a
pendant light)"""
WINDOW_HEAD = 0.15
"""metres curtains and blinds reach above the window they hang across"""
SILL_CUT = 0.8
"""curtains cut to sill length over a bed keep at least this share of their category's least height"""
WALL_TRIES = 4
"""How many different sets of furniture are moved, one set at a time, to free wall for a wall object."""


def place_on_wall(st: SolverState, it: Item) -> None:
    """Hang ``it`` on a wall at its catalog mount height (centre, metres), at the best free spot, or where the
    fewest pieces of furniture must move away; records why when there is none."""
    w, d, h = it.size
    mount = it.cat.mount_height or 1.5
    z = float(np.clip(stacked_height(st, it, mount - h / 2), 0.3, st.room.height - h - 0.05))
    if z < 0:
        st.fail(it, f"{dims(it)} is taller than the room ({st.room.height:.2f} m)")
        return
    if "window_dressing" in it.cat.roles:
        framed = window_spot(st, it)
        if framed is not None:
            if abs(framed.height - h) > 1e-6:  # cut to sill length over the furniture under the window
                it.size = (w, d, framed.height)
                it.ref = it.ref.model_copy(update={"params": {**it.ref.params, "height": round(framed.height, 4)}})
            st.boxes[it.obj.id] = framed
            return
        named = {r.target for r in st.plan.relations if r.subject == it.obj.id and r.kind == "next_to_window"}
        if named & {op.id for op in st.room.openings}:  # curtains for that window, not for a blank wall
            st.fail(it, f"furniture or other hanging things stand in front of {', '.join(sorted(named))}")
            return
    spots = wall_spots(st, it, z)
    free = [(score, box) for score, box, blocking in spots if not blocking]
    if free:
        st.boxes[it.obj.id] = max(free, key=lambda s: s[0])[1]
        return
    if not make_wall_room(st, it, spots):
        st.fail(it, f"no free wall space {w:.2f} m wide at {z:.2f}–{z + h:.2f} m height clear of doors, "
                       "windows and tall furniture")


STACK_GAP = 0.08
"""metres between two hung things one under the other (a ledge under a print)"""


def stacked_height(st: SolverState, it: Item, z: float) -> float:
    """Bottom height (metres) for ``it`` on the wall: ``z`` (its mount height), or just under a hung thing the plan
    puts it under, or just over a placed thing the plan puts under it."""
    for r in st.relations:
        if r.kind != "under":
            continue
        if r.subject == it.obj.id and r.target in st.boxes and st.items[r.target].role == "wall":
            return st.boxes[r.target].z - STACK_GAP - it.size[2]
        if r.target == it.obj.id and r.subject in st.boxes and st.boxes[r.subject].top < z + it.size[2]:
            return max(z, st.boxes[r.subject].top + STACK_GAP)
    return z


def wall_spots(st: SolverState, it: Item, z: float) -> list[tuple[float, Box, list[str]]]:
    """Spots along the walls clear of openings and of other wall and ceiling objects: (score, box, ids of the
    floor-standing objects and items on them that stand in the way at that height)."""
    w, d, h = it.size
    out: list[tuple[float, Box, list[str]]] = []
    hanging = [b for oid, b in st.boxes.items() if st.items[oid].role in ("wall", "ceiling")]
    standing = [(oid, b) for oid, b in st.boxes.items() if st.items[oid].role not in ("wall", "ceiling")
                and b.z < z + h and b.top > z]
    for i in range(len(st.poly)):
        (ax, ay), _ = st.room.wall(i)
        dx, dy = st.room.wall_direction(i)
        nx, ny = st.room.wall_normal(i)
        length = st.room.wall_length(i)
        if length < w + 0.1:
            continue
        yaw = yaw_facing((nx, ny))
        ts = np.array([t for t in np.arange(w / 2 + 0.05, length - w / 2 - 0.05 + 1e-9, 0.1)
                       if not hits_opening(st, i, t, w, z, h)])
        if not len(ts):
            continue
        off = d / 2 + WALL_GAP / 5
        x, y = ax + dx * ts + nx * off, ay + dy * ts + ny * off
        rects = footprint_corners(x, y, w / 2, d / 2, yaw)
        ok = ~rects_overlap_any(rects, [b.corners for b in hanging if b.z < z + h and b.top > z],
                                margin=-HANG_SPACING)
        ok &= ~avoided(st, it.obj.id, x, y, np.full(len(x), yaw))
        in_way = overlap_matrix(rects, np.asarray([b.corners for _, b in standing]).reshape(-1, 4, 2),
                                margin=1e-4)
        for k in np.flatnonzero(ok):
            box = Box(it.obj.id, float(x[k]), float(y[k]), z, yaw, w, d, h, "wall")
            blocking = [standing[j][0] for j in np.flatnonzero(in_way[k])]
            score = score_wall(st, it, box) + float(st.rng.uniform(0, 0.2)) if not blocking else 0.0
            out.append((score, box, blocking))
    return out


def window_spot(st: SolverState, it: Item) -> Box | None:
    """Curtains or blinds hung across a window, centred on it, the top ``WINDOW_HEAD`` m over the window's head: the
    window the plan's relation names first, then the others in order. Over furniture lower than the sill (a bed
    under the window) they are cut to sill length, never below ``SILL_CUT`` of the category's least height. None
    when every window is taken by other hanging things or has furniture in front of it above its sill, or lies in a
    wall too short for the item."""
    w, d, h = it.size
    named = next((r.target for r in st.plan.relations if r.subject == it.obj.id and r.kind == "next_to_window"), None)
    windows = sorted((op for op in st.room.openings if op.kind == "window"), key=lambda op: (op.id != named, op.id))
    hanging = [b for oid, b in st.boxes.items() if st.items[oid].role in ("wall", "ceiling")]
    standing = [b for oid, b in st.boxes.items() if st.items[oid].role not in ("wall", "ceiling")]
    for op in windows:
        length = st.room.wall_length(op.wall)
        if length < w:
            continue
        t = float(np.clip(op.offset, w / 2, length - w / 2))
        top = min(op.sill + op.height + WINDOW_HEAD, st.room.height - 0.02)
        others = [o for o in st.room.openings if o.wall == op.wall and o.id != op.id]
        if any(abs(t - o.offset) < (w + o.width) / 2 + 0.05 and top - h < o.sill + o.height for o in others):
            continue
        (ax, ay), _ = st.room.wall(op.wall)
        (dx, dy), (nx, ny) = st.room.wall_direction(op.wall), st.room.wall_normal(op.wall)
        off = d / 2 + WALL_GAP / 5
        x, y = ax + dx * t + nx * off, ay + dy * t + ny * off
        yaw = yaw_facing((nx, ny))
        rect = footprint_corners(np.array([x]), np.array([y]), w / 2, d / 2, yaw)
        z = max(top - h, 0.02)
        if any(rects_overlap_any(rect, [b.corners], margin=1e-4)[0] for b in hanging if b.z < top and b.top > z):
            continue
        under = [b.top for b in standing if b.top > z and rects_overlap_any(rect, [b.corners], margin=1e-4)[0]]
        if under:
            z = max(under) + 0.02
            if z > op.sill + 0.02 or top - z < SILL_CUT * it.cat.size_min[2]:
                continue
        return Box(it.obj.id, float(x), float(y), z, yaw, w, d, top - z, "wall")
    return None


def make_wall_room(st: SolverState, it: Item, spots: list[tuple[float, Box, list[str]]]) -> bool:
    """When furniture covers every free stretch of wall, hang ``it`` where the fewest objects stand in the way and
    move those (with whatever stands on them) elsewhere; undo and report failure if one of them then has no
    place. Tries the ``WALL_TRIES`` least-blocked spots."""
    spots = sorted(spots, key=lambda s: (len(s[2]), s[1].cx, s[1].cy))
    tried: set[tuple[str, ...]] = set()
    for _, box, blocking in spots:
        movers = with_dependents(st, {st.boxes[oid].support if st.items[oid].role == "object"
                                      else oid for oid in blocking})
        key = tuple(sorted(movers))
        if key in tried or any(st.items[m].role not in ("floor", "object") for m in movers):
            continue
        tried.add(key)
        if len(tried) > WALL_TRIES:
            break
        saved_boxes, saved_unplaced = dict(st.boxes), list(st.unplaced)
        for m in movers:
            del st.boxes[m]
        st.boxes[it.obj.id] = box
        for m in movers:
            if st.items[m].role == "floor":
                place_floor(st, st.items[m])
        for m in movers:
            if st.items[m].role == "object":
                place_on_support(st, st.items[m])
        if all(m in st.boxes for m in movers):
            return True
        st.boxes, st.unplaced = saved_boxes, saved_unplaced
    return False


def with_dependents(st: SolverState, ids: set[str | None]) -> list[str]:
    """``ids`` (floor objects) and the items standing on them, floor objects first."""
    floor = sorted(i for i in ids if i)
    items = sorted(oid for oid, b in st.boxes.items() if b.support in floor and st.items[oid].role == "object")
    return floor + items


def hits_opening(st: SolverState, wall: int, t: float, w: float, z: float, h: float) -> bool:
    """Whether a ``w`` m wide object at ``t`` m along wall ``wall``, from ``z`` to ``z + h`` m high, comes within
    0.1 m sideways or 0.05 m vertically of a door or window in that wall."""
    for op in st.room.openings:
        if op.wall != wall:
            continue
        if abs(t - op.offset) < (w + op.width) / 2 + 0.1 and z < op.sill + op.height + 0.05 and z + h > op.sill - 0.05:
            return True
    return False


def score_wall(st: SolverState, it: Item, box: Box) -> float:
    """Soft score of a wall spot: the plan's relations of ``it`` (other than on_wall) and towards it from placed
    objects, the catalog's implied ones included (a hung TV across from the sofa), and being centred over furniture
    that stands against the same wall below it."""
    score = 0.0
    boxes = {**st.boxes, it.obj.id: box}
    for r in st.relations:  # its own, and those of placed things towards it (a sofa that faces the TV)
        if r.kind != "on_wall" and (r.subject == it.obj.id or (r.target == it.obj.id and r.subject in st.boxes)):
            score += 10.0 * score_relation(r, boxes, st.room)
    score += SEEN_WEIGHT * _seen_from(st, it, box)
    # A picture reads best centred over furniture that stands against the same wall below it.
    for oid, b in st.boxes.items():
        if st.items[oid].role == "floor" and b.top < box.z and abs(wrap_angle(b.yaw - box.yaw)) < 0.1:
            off = math.hypot(b.cx - box.cx, b.cy - box.cy) - (b.depth + box.depth) / 2
            if off < 0.6:
                score += 2.0 * max(0.0, 1.0 - off / 0.6) * min(1.0, b.width / max(box.width, 1e-6))
    return score


SEEN_WEIGHT = 5.0
"""score for a wall spot straight ahead of the seat a hung thing is across from (``_seen_from``), against 10 per
satisfied relation: it orders the spots that satisfy them"""


def _seen_from(st: SolverState, it: Item, box: Box) -> float:
    """0..1: how squarely the placed things that ``it`` is across from or faces look at ``box`` (the cosine between a
    thing's front and the direction to the box, 0 behind it), averaged: a TV across from a sectional hangs on the
    wall the sectional faces, not on the one at its side."""
    looks = []
    for r in st.relations:
        if r.subject != it.obj.id or r.kind not in ("across_from", "face_to") or r.target not in st.boxes:
            continue
        t = st.boxes[r.target]
        if "front" not in st.items[r.target].cat.functional_sides:
            continue
        dist = math.hypot(box.cx - t.cx, box.cy - t.cy)
        fx, fy = t.front
        looks.append(max(0.0, ((box.cx - t.cx) * fx + (box.cy - t.cy) * fy) / max(dist, 1e-6)))
    return sum(looks) / len(looks) if looks else 0.0


def doors_below(st: SolverState, z: float) -> list[tuple[np.ndarray, float, str]]:
    """The room's door clearance zones (``keepout_zones``) whose door top is above ``z`` metres: a ceiling thing
    hanging down to ``z`` would stand in them (SceneEval's opening clearance runs from the floor to the door's top)."""
    tops = {f"door {op.id}": op.height for op in st.room.openings if op.kind == "door"}
    return [k for k in st.keepout if k[2] in tops and tops[k[2]] > z]


def place_on_ceiling(st: SolverState, it: Item) -> None:
    """Hang ``it`` from the ceiling (no lower than ``HEAD_CLEAR``, or ``LOW_HANG_CLEAR`` for a punching bag, then
    clear of the furniture under it) over its anchor or the room's centroid, on a 0.1 m grid,
    inside the room and clear of other ceiling objects."""
    w, d, h = it.size
    z = st.room.height - h
    low = "hangs_low" in it.cat.roles  # a punching bag hangs into the room by design
    if z < (LOW_HANG_CLEAR if low else HEAD_CLEAR):
        st.fail(it, f"{dims(it)} would hang below {LOW_HANG_CLEAR if low else HEAD_CLEAR:.1f} m in a "
                    f"{st.room.height:.2f} m high room")
        return
    cx, cy = room_centroid(st.room)
    anchors = [st.boxes[r.target] for r in st.plan.relations
               if r.subject == it.obj.id and r.target in st.boxes]
    tx, ty = (anchors[0].cx, anchors[0].cy) if anchors else (cx, cy)
    (x0, y0), (x1, y1) = st.room.bounds
    gx, gy = np.meshgrid(np.arange(x0, x1, 0.1), np.arange(y0, y1, 0.1))
    x, y = gx.ravel(), gy.ravel()
    rects = footprint_corners(x, y, w / 2, d / 2, 0.0)
    ok = rects_inside_polygon(st.poly, rects)
    others = [b for oid, b in st.boxes.items() if st.items[oid].role == "ceiling"]
    for b in others:  # the gap between the two, not the new one's size: the order they are hung in does not matter
        ok &= np.hypot(x - b.cx, y - b.cy) > (max(w, d) + max(b.width, b.depth)) / 2 + CEILING_THING_GAP
    for zone, _, _ in doors_below(st, z):  # a chandelier hanging lower than a door's top stays out of its swing
        ok &= ~overlap_matrix(rects, zone[None], margin=1e-4)[:, 0]
    if low:  # clear of what stands under it, with room to swing
        under = [b.corners for oid, b in st.boxes.items() if st.items[oid].role not in ("wall", "ceiling")
                 and b.top > z and b.height > FLAT_HEIGHT]
        if under:
            ok &= ~overlap_matrix(footprint_corners(x, y, w / 2 + SWING, d / 2 + SWING, 0.0),
                                  np.asarray(under).reshape(-1, 4, 2), margin=1e-4).any(axis=1)
    if not ok.any():
        st.fail(it, "no free ceiling spot inside the room")
        return
    idx = np.flatnonzero(ok)
    # its relations to the room first ("in the corner by the window"), then the nearest spot to its anchor
    score = -np.hypot(x[idx] - tx, y[idx] - ty)
    cands = Boxes.candidates(x[idx], y[idx], np.zeros(len(idx)), it.size, z)
    for r in st.plan.relations:
        if r.subject == it.obj.id and r.kind in ARCHITECTURE_RELATIONS and r.kind != "hang_from_ceiling":
            score = score + 10.0 * score_relation_batch(r, cands, None, st.room)
    best = idx[int(np.argmax(score))]
    st.boxes[it.obj.id] = Box(it.obj.id, float(x[best]), float(y[best]), z, 0.0, w, d, h, "ceiling")
