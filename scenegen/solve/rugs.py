"""Placing rugs (flat items) last, under their anchor or in open floor, with every piece of floor furniture wholly on
or off each rug, and lifting the furniture that stands on a rug by its thickness."""

from __future__ import annotations

import math

import numpy as np

from scenegen.geometry import footprint_corners, rects_distance, rects_inside_polygon, rects_overlap
from scenegen.solve.footprints import dims, overlaps, partly_over, room_dims, with_
from scenegen.solve.items import Item
from scenegen.scene import Relation
from scenegen.solve.relations import SATISFIED, Box, Boxes, room_centroid, score_relation_batch
from scenegen.solve.state import SolverState

RUG_BORDER = 0.2
"""metres of rug wanted beyond each side of the furniture a rug lies under"""
RUG_SLIDE = 0.6
"""metres a rug may slide off its anchor's centre (in the anchor's frame) to stay inside the room, e.g. when the bed
above it stands against a wall"""
RUG_TIGHT_BORDER = 0.03
"""metres of rug beyond the furniture when the full border would run under its neighbours"""
RUG_GROUP_GAP = 0.15
"""metres: floor furniture this close to a rug's anchor (chairs tucked at a dining table, side tables at a sofa)
belongs to its group, and a rug may grow to hold the whole group"""
RUG_GROUP_BORDER = 0.1
"""metres of rug wanted beyond each side of such a group"""
RUG_SHRINK = (1.0, 0.85, 0.7, 0.55)
"""Scales tried for a rug's width and depth until every piece of floor furniture stands wholly on it or off it."""
UNDER_KINDS = frozenset({"under", "around", "middle_of", "on_top"})
"""Relations that lay a rug under their target (its anchor); any other relation of a rug ("a rug in front of the
bed", "beside the sofa") places it beside its target, on open floor, where the relation holds."""
REL_REACH = 0.5
"""metres beyond a rug's half diagonal that candidate spots for a rug placed beside its target reach from it"""


def place_flat(st: SolverState, it: Item) -> None:
    """A rug: under its anchor (or in open floor), inside the room, off other rugs, and with every piece of
    floor furniture either wholly on it or wholly off it (legs on a rug's edge leave the others in the air, which
    fails SceneEval's support). When no spot allows that, the rug is made smaller (``RUG_SHRINK``)."""
    w, d, h = it.size
    rels = [r for r in st.plan.relations if r.subject == it.obj.id and r.target in st.boxes]
    anchors = [st.boxes[r.target] for r in rels if r.kind in UNDER_KINDS]
    beside = [r for r in rels if r.kind not in UNDER_KINDS]  # "in front of the bed": on open floor, not under it
    cx, cy = room_centroid(st.room)
    middle = not anchors and any(r.kind == "middle_of_room" and r.subject == it.obj.id for r in st.plan.relations)
    if middle:  # a rug in the middle of the room, where a sectional already stands, lies under it
        anchors = middle_furniture(st, cx, cy)
    ax, ay = (anchors[0].cx, anchors[0].cy) if anchors else (
        (st.boxes[beside[0].target].cx, st.boxes[beside[0].target].cy) if beside else (cx, cy))
    turn = rug_turn(it, anchors)
    group = anchor_group(st, anchors) if anchors else None
    if group is not None and len(anchors) > 1:  # under several: the rug lies along the group's longer side
        turn = math.pi / 2 if group[3] > group[2] else 0.0
    tries = rug_scales(st, it, anchors, turn, group)
    if anchors:  # every size with the anchor wholly on the rug, then edge to edge with it, then any place at all
        tries = ([(sx, sy, True, False) for sx, sy in tries] + [(sx, sy, True, True) for sx, sy in tries]
                 + [(sx, sy, False, False) for sx, sy in tries])
    else:
        tries = [(sx, sy, False, False) for sx, sy in tries]
    if beside:  # every size where the relations hold first, then anywhere (the relation check says what failed)
        tries = [(*t, True) for t in tries] + [(*t, False) for t in tries]
    else:
        tries = [(*t, False) for t in tries]
    fits_room = False
    for sx, sy, under_anchor, edge, held in tries:
        x, y, yaw = flat_candidates(st, anchors, cx, cy, fine=sx < 1.0, turn=turn,
                                    half=(sx * w / 2, sy * d / 2) if edge else None,
                                    centre=group[:2] if group else None)
        if beside:
            x, y, yaw = (np.concatenate(v) for v in zip((x, y, yaw), beside_candidates(st, beside, sx * w, sy * d)))
        rects = footprint_corners(x, y, sx * w / 2, sy * d / 2, yaw)
        ok = rects_inside_polygon(st.poly, rects)
        for oid, b in st.boxes.items():
            if st.items[oid].role == "flat":
                ok &= ~overlaps(rects, b.corners, margin=1e-4)
        fits_room |= bool(ok.any())  # a large rug drawn for a small room is made smaller, as below
        for oid, b in st.boxes.items():
            if st.items[oid].role == "floor":
                ok &= ~partly_over(rects, b.corners)
        if under_anchor:
            ok &= overlaps(rects, anchors[0].corners, margin=1e-4)  # not partly over, so wholly on
        if held:
            ok &= beside_held(st, beside, Boxes.candidates(x, y, yaw, (sx * w, sy * d, h)))
        if ok.any():
            break
    else:
        if not fits_room:
            st.fail(it, f"{dims(it)} does not fit inside the room ({room_dims(st.room)}), even made smaller")
        else:
            st.fail(it, f"{dims(it)} has no spot where each piece of furniture stands wholly on it or off it")
        return
    if (sx, sy) != (1.0, 1.0):
        w, d = round(sx * w, 4), round(sy * d, 4)
        it.size, it.ref = (w, d, h), it.ref.model_copy(update={"params": {**it.ref.params, "width": w, "depth": d}})
    idx = np.flatnonzero(ok)
    cost = np.hypot(x[idx] - ax, y[idx] - ay)
    if not anchors and not middle:  # a rug with no stated place lies in open floor, not under the furniture
        for oid, b in st.boxes.items():
            if st.items[oid].role == "floor":
                cost += 1.0 * overlaps(rects[idx], b.corners, margin=0.1)
    best = idx[int(np.argmin(cost + np.arange(len(idx)) * 1e-9))]
    st.boxes[it.obj.id] = Box(it.obj.id, float(x[best]), float(y[best]), 0.0, float(yaw[best]), w, d, h)


def beside_candidates(st: SolverState, rels: list[Relation], w: float, d: float
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Centres and yaws (x, y, yaw arrays; metres, radians) for a ``w`` × ``d`` m rug placed beside the targets of
    ``rels``: a 0.1 m grid in each target's frame reaching ``REL_REACH`` beyond the rug's half diagonal past the
    target's sides, square to the target or a quarter turned."""
    reach = math.hypot(w, d) / 2 + REL_REACH
    xs, ys, yaws = [], [], []
    for r in rels:
        b = st.boxes[str(r.target)]
        u, v, turn = (a.ravel() for a in np.meshgrid(np.arange(-(b.width / 2 + reach), b.width / 2 + reach, 0.1),
                                                     np.arange(-(b.depth / 2 + reach), b.depth / 2 + reach, 0.1),
                                                     np.array([0.0, math.pi / 2]), indexing="xy"))
        c, s = math.cos(b.yaw), math.sin(b.yaw)
        xs.append(b.cx + u * c - v * s)
        ys.append(b.cy + u * s + v * c)
        yaws.append(b.yaw + turn)
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(yaws)


def beside_held(st: SolverState, rels: list[Relation], cand: Boxes) -> np.ndarray:
    """(N,) bool: the candidate rug poses where every relation in ``rels`` is satisfied (score above SceneEval's
    0.5, as the relations check judges it)."""
    ok = np.ones(len(cand), dtype=bool)
    for r in rels:
        ok &= score_relation_batch(r, cand, Boxes.of(st.boxes[str(r.target)]), st.room) > SATISFIED
    return ok


def middle_furniture(st: SolverState, cx: float, cy: float) -> list[Box]:
    """The floor furniture standing over the point (``cx``, ``cy``), metres: the room's middle."""
    probe = footprint_corners(np.array([cx]), np.array([cy]), 0.05, 0.05, np.array([0.0]))
    return [b for oid, b in st.boxes.items() if st.items[oid].role == "floor"
            and bool(overlaps(probe, b.corners, margin=0.0)[0])]


def rug_turn(it: Item, anchors: list[Box]) -> float:
    """0, or a quarter turn (radians) when the rug covers its anchor with less growth lying across it: a long rug
    under a long sofa lies along the sofa, not across it (across, it had to reach 1.3 m out from the wall behind)."""
    if not anchors:
        return 0.0
    w, d, _ = it.size
    a = anchors[0]

    def growth(along: float, across: float) -> float:
        return max(1.0, (a.width + 2 * RUG_BORDER) / along) * max(1.0, (a.depth + 2 * RUG_BORDER) / across)

    return math.pi / 2 if growth(d, w) < growth(w, d) - 1e-9 else 0.0


def anchor_group(st: SolverState, anchors: list[Box]) -> tuple[float, float, float, float] | None:
    """The anchors (a rug "under everything": the sofa, the armchairs, the coffee table) and the floor furniture
    within ``RUG_GROUP_GAP`` of them, as one rectangle in the first anchor's frame: (centre u, centre v, width,
    depth), metres, ``RUG_GROUP_BORDER`` included; None for one anchor with nothing that close. Chairs tucked at a
    dining table leave no floor for a rug just under the table; a rug under the whole set does what a designer's
    would."""
    anchor, ids = anchors[0], {a.id for a in anchors}
    near = [b for oid, b in st.boxes.items() if oid not in ids and st.items[oid].role == "floor"
            and any(rects_distance(b.corners[None], a.corners[None])[0] <= RUG_GROUP_GAP for a in anchors)]
    if not near and len(anchors) == 1:
        return None
    c, s = math.cos(anchor.yaw), math.sin(anchor.yaw)
    pts = np.concatenate([*(a.corners for a in anchors), *(b.corners for b in near)]) - (anchor.cx, anchor.cy)
    u, v = pts[:, 0] * c + pts[:, 1] * s, -pts[:, 0] * s + pts[:, 1] * c
    lo_u, hi_u, lo_v, hi_v = u.min() - RUG_GROUP_BORDER, u.max() + RUG_GROUP_BORDER, v.min() - RUG_GROUP_BORDER, \
        v.max() + RUG_GROUP_BORDER
    if abs(math.sin(2 * anchor.yaw)) < 1e-6:  # square to the walls: the border stops at a wall (a sofa against it)
        (x0, y0), (x1, y1) = st.room.bounds
        room = np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1)]) - (anchor.cx, anchor.cy)
        ru, rv = room[:, 0] * c + room[:, 1] * s, -room[:, 0] * s + room[:, 1] * c
        margin = 0.005
        lo_u, hi_u = max(lo_u, ru.min() + margin), min(hi_u, ru.max() - margin)
        lo_v, hi_v = max(lo_v, rv.min() + margin), min(hi_v, rv.max() - margin)
    return float(lo_u + hi_u) / 2, float(lo_v + hi_v) / 2, float(hi_u - lo_u), float(hi_v - lo_v)


def rug_scales(st: SolverState, it: Item, anchors: list[Box], turn: float = 0.0,
               group: tuple[float, float, float, float] | None = None) -> list[tuple[float, float]]:
    """(width, depth) scale factors to try for a rug, in order: for a rug under an anchor, first the size that
    holds the anchor's whole footprint with ``RUG_BORDER`` to spare (within the catalog's largest rug), so a bed
    stands wholly on its rug; then the size that holds the anchor's ``group`` (``anchor_group``), when the catalog
    has a rug that large; then ``RUG_SHRINK``. ``turn``: the rug lies a quarter turned to its anchor (its width
    along the anchor's depth)."""
    shrink = [(s, s) for s in RUG_SHRINK]
    if not anchors:
        return shrink
    w, d, _ = it.size
    big_w, big_d, _ = it.cat.size_max
    a = anchors[0]
    along, across = (a.depth, a.width) if turn else (a.width, a.depth)
    sx = min(max(1.0, (along + 2 * RUG_BORDER) / w), big_w / w)
    sy = min(max(1.0, (across + 2 * RUG_BORDER) / d), big_d / d)
    fits = [(round(sx, 4), round(sy, 4))] if (sx, sy) != (1.0, 1.0) else []
    if group is not None:
        g_along, g_across = (group[3], group[2]) if turn else (group[2], group[3])
        if g_along <= big_w and g_across <= big_d:
            whole = (round(g_along / w, 4), round(g_across / d, 4))  # grown or shrunk to the group
            fits = [whole, *fits] if len(anchors) > 1 else [*fits, whole]  # under several: the whole group first
    # then just the anchor's footprint and a hand's width: room for a side table beside the sofa and in front of it
    small_w, small_d, _ = it.cat.size_min
    tx = min(max((along + 2 * RUG_TIGHT_BORDER) / w, small_w / w), big_w / w)
    ty = min(max((across + 2 * RUG_TIGHT_BORDER) / d, small_d / d), big_d / d)
    return list(dict.fromkeys(fits + shrink + [(round(tx, 4), round(ty, 4))]))


def flat_candidates(st: SolverState, anchors: list[Box], cx: float, cy: float, fine: bool, turn: float = 0.0,
                    half: tuple[float, float] | None = None, centre: tuple[float, float] | None = None
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rug centres and yaws to try (x, y, yaw arrays, metres and radians): on each anchor and slid around it by up to
    ``RUG_SLIDE``, at ``centre`` (u, v in the first anchor's frame: its group's centre), at the room's centroid
    in each wall direction, then a 0.2 m grid at the first wall direction (``fine``: 0.1 m in every one)."""
    shifts = np.arange(-RUG_SLIDE, RUG_SLIDE + 1e-9, 0.1)
    candidates = [(b.cx, b.cy, b.yaw + turn) for b in anchors] + [
        (b.cx + u * math.cos(b.yaw) - v * math.sin(b.yaw), b.cy + u * math.sin(b.yaw) + v * math.cos(b.yaw),
         b.yaw + turn) for b in anchors for u in shifts for v in shifts] + [(cx, cy, yaw) for yaw in st.wall_yaws]
    if centre is not None:
        b, (u, v) = anchors[0], centre
        candidates.append((b.cx + u * math.cos(b.yaw) - v * math.sin(b.yaw),
                           b.cy + u * math.sin(b.yaw) + v * math.cos(b.yaw), b.yaw + turn))
    if half is not None:  # edge to edge with the anchor (a sofa 5 mm off the wall leaves no other way to lie under it)
        for b in anchors:
            hu, hv = (half[1], half[0]) if turn else half  # the rug's half extents along the anchor's axes
            us = {0.0, hu - b.width / 2, b.width / 2 - hu}
            vs = {0.0, hv - b.depth / 2, b.depth / 2 - hv}
            candidates += [(b.cx + u * math.cos(b.yaw) - v * math.sin(b.yaw),
                            b.cy + u * math.sin(b.yaw) + v * math.cos(b.yaw), b.yaw + turn)
                           for u in sorted(us) for v in sorted(vs) if abs(u) <= RUG_SLIDE and abs(v) <= RUG_SLIDE]
    x, y, yaw = (np.asarray(v) for v in zip(*candidates))
    (x0, y0), (x1, y1) = st.room.bounds
    step, yaws = (0.1, st.wall_yaws) if fine else (0.2, st.wall_yaws[:1])
    gx, gy, gyaw = (v.ravel() for v in np.meshgrid(np.arange(x0, x1, step), np.arange(y0, y1, step),
                                                    np.asarray(yaws), indexing="xy"))
    return np.concatenate([x, gx]), np.concatenate([y, gy]), np.concatenate([yaw, gyaw])


def lift_onto_rugs(st: SolverState) -> None:
    """Furniture whose footprint overlaps a rug stands on the rug: raise it (and what stands on it) by the rug."""
    rugs = [b for oid, b in st.boxes.items() if st.items[oid].role == "flat"]
    if not rugs:
        return
    lift: dict[str, float] = {}
    for oid, b in st.boxes.items():
        if st.items[oid].role != "floor":
            continue
        over = [r for r in rugs if rects_overlap(b.corners[None], r.corners, margin=1e-4)[0]]
        if over:
            top = max(r.top for r in over)
            lift[oid] = top
            st.boxes[oid] = with_(b, z=top, support=max(over, key=lambda r: r.top).id)
    for oid, b in list(st.boxes.items()):
        if b.support in lift and st.items[oid].role == "object":
            st.boxes[oid] = with_(b, z=b.z + lift[b.support])
