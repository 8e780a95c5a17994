"""Placing an object on top of another (a lamp on a nightstand, books on a shelf): inside the top, clear of the
items already there and of things hanging just above, spread out like a shelf fills; books and folded blankets
pile up when the top is full."""

from __future__ import annotations

import math

import numpy as np

from scenegen import catalog
from scenegen.geometry import footprint_corners, rects_inside_polygon, wrap_angle
from scenegen.scene import ARCHITECTURE_RELATIONS
from scenegen.solve.floor import avoided
from scenegen.solve.footprints import dims, overlaps
from scenegen.solve.inside import place_inside
from scenegen.solve.items import Item
from scenegen.solve.relations import ON_SURFACE_FROM, Box, Boxes, chain_bottom, score_relation_batch
from scenegen.solve.state import SolverState
from scenegen.solve.surface import LEVEL, is_uneven, rest_heights
from scenegen.thresholds import CEILING_MARGIN


RELATION_WEIGHT = 10.0
"""score a spot on a top gains per satisfied relation of the item (a mouse right of the keyboard), as on the walls"""
SYMMETRIC = frozenset({"next_to", "near", "far"})
"""relations that say the same with subject and target swapped (distances between the two boxes)"""
PILE_OVERHANG = 0.02
"""metres a piled thing may reach past the thing under it on each side (a blanket folded a little wider)"""
PILE_MAX_HEIGHT = 0.45
"""metres a pile may rise above its host's top"""
PILE_LOW = 0.3
"""metres: a pile starts at most this far below its host's box top (a blanket on a mattress under a headboard);
lower, the thing under it lies inside the host (books on a bookshelf's boards)"""
HEADWARD = 5.0
"""score per half-depth of the host's top that a headward item (a cushion) gains by resting nearer its back"""


def place_on_support(st: SolverState, it: Item) -> None:
    """Place ``it`` on its support's top (``it.support``) at the best free spot, turned a quarter when only
    that fits, resting on the host's surface where that lies below its box top (``surface``), never reaching the
    ceiling; on a pile of its like when the top is full and it piles (``_pile_spot``); records why when the support
    is missing, too small, too tall or full."""
    if _settled_without_top(st, it):
        return
    w, d, h = it.size
    sup_id = it.support
    sup = st.boxes[sup_id]
    host = st.items[sup_id]
    turn = 0.0
    hw_max, hd_max = sup.width / 2 - w / 2, sup.depth / 2 - d / 2
    if (hw_max < -1e-6 or hd_max < -1e-6) and sup.width >= d and sup.depth >= w:
        turn = math.pi / 2  # too deep for the top as it comes, but it fits turned a quarter (books on a shelf)
        hw_max, hd_max = sup.width / 2 - d / 2, sup.depth / 2 - w / 2
    if hw_max < -1e-6 or hd_max < -1e-6:
        st.fail(it, f"{dims(it)} is larger than the top of {sup_id} ({sup.width:.2f}×{sup.depth:.2f} m)")
        return
    gr, gf, x, y = _spots_on_top(sup, hw_max, hd_max)
    rects = footprint_corners(x, y, w / 2, d / 2, sup.yaw + turn)
    ok = np.ones(len(x), dtype=bool)
    # what rests inside it, low down (blankets in a dresser's drawers), is not in the way of what stands on its top
    siblings = [b for oid, b in st.boxes.items() if b.support == sup_id and b.z >= sup.z + ON_SURFACE_FROM * sup.height]
    hanging = [b for oid, b in st.boxes.items() if st.items[oid].role in ("wall", "ceiling")
               and b.z < sup.top + h and b.top > sup.top]  # a lamp stays clear of the picture above its desk
    for b in siblings + hanging:
        ok &= ~overlaps(rects, b.corners, margin=1e-4)
    z = np.full(len(x), sup.top)
    if is_uneven(host.ref):  # a bed's mattress, a sofa's seat: rest on the surface, flat under the footprint
        rest, flat = rest_heights(host.ref, sup.cx, sup.cy, sup.yaw, rects, tolerance=LEVEL)
        if not (ok & flat).any():
            rest, flat = rest_heights(host.ref, sup.cx, sup.cy, sup.yaw, rects)
        if not (ok & flat).any():  # a sloped drafting top, a ladder shelf's narrow top rung: it would slide off
            st.fail(it, f"no free spot on the top of {sup_id} is flat enough for {dims(it)} to stand on")
            return
        ok, z = ok & flat, sup.z + rest
    under_ceiling = z + h <= st.room.height - CEILING_MARGIN
    if not under_ceiling.any():
        st.fail(it, f"{dims(it)} on {sup_id} (top {float(z.min()):.2f} m up) would reach {float(z.min()) + h:.2f} m, "
                    f"above the {st.room.height:.2f} m ceiling")
        return
    ok &= under_ceiling
    moved = ok & ~avoided(st, it.obj.id, x, y, np.full(len(x), sup.yaw + turn))
    ok = moved if moved.any() else ok  # on a small top there may be nowhere else to go
    if not ok.any():
        pile = _pile_spot(st, it, sup)
        if pile is None:
            st.fail(it, f"the top of {sup_id} is full ({', '.join(b.id for b in siblings)} already stand on it)")
        else:
            st.boxes[it.obj.id] = pile
        return
    idx = np.flatnonzero(ok)
    # A lone item sits near the middle; when more will share the top, the first goes to one end and later ones
    # spread out from the items already there, so the top fills like a shelf rather than from its centre.
    pending = sum(1 for o in st.items.values() if o.role == "object" and o.support == sup_id
                  and o.obj.id not in st.boxes and o is not it)
    spread = np.zeros(len(idx))
    for b in siblings:
        spread += np.hypot(x[idx] - b.cx, y[idx] - b.cy)
    # what things still to come are placed relative to (the keyboard a mouse goes right of) keeps to the middle,
    # leaving them room on every side
    targeted = any(r.target == it.obj.id and r.subject not in st.boxes and r.kind != "on_top"
                   for r in st.plan.relations)
    if siblings and not targeted:
        centring = 0.0
    elif pending and not targeted:
        centring = -gr[idx] - 0.5 * np.abs(gf[idx])  # the left end, front to back centred
    else:
        centring = -0.5 * np.hypot(gr[idx], gf[idx])
    if "headward" in it.cat.roles:  # along the bed's head or the sofa's back, spread side to side
        centring = centring - HEADWARD * gf[idx] / max(hd_max, 0.05)
    centring = centring + _relation_score(st, it, x[idx], y[idx], z[idx], sup.yaw + turn)
    score = spread + centring + st.rng.uniform(0, 0.01, len(idx))
    best = idx[int(np.argmax(score))]
    st.boxes[it.obj.id] = Box(it.obj.id, float(x[best]), float(y[best]), float(z[best]),
                              float(wrap_angle(sup.yaw + turn)), w, d, h, sup_id)


def _settled_without_top(st: SolverState, it: Item) -> bool:
    """Whether ``it`` is settled before its support's top is searched: failed because the support is missing, placed
    inside a container that keeps it, or failed there when the container has no top to hold it instead."""
    sup_id = it.support
    if sup_id not in st.boxes:
        why = "was not placed" if sup_id in st.items else "is not in the plan"
        st.fail(it, f"it should stand on {sup_id}, which {why}")
        return True
    host = st.items[sup_id]
    if catalog.kept_inside(host.obj.category, it.obj.category) is None:
        return False
    inside = place_inside(st, it, st.boxes[sup_id])
    if isinstance(inside, Box):
        st.boxes[it.obj.id] = inside
        return True
    if not host.cat.has_top:
        st.fail(it, inside)
        return True
    return False  # a container with a top (a bookshelf whose shelves are full) holds it on its top instead


def _pile_spot(st: SolverState, it: Item, sup: Box) -> Box | None:
    """Where ``it`` lies when the top of ``sup`` is full and it piles (catalog role "piles"): on the lowest pile of
    such things on that top whose top takes its footprint (``PILE_OVERHANG`` a side at most, as it comes or turned a
    quarter), keeping under the ceiling and within ``PILE_MAX_HEIGHT`` of the host's top; None when none does."""
    if "piles" not in it.cat.roles:
        return None
    w, d, h = it.size
    carrying = {b.support for b in st.boxes.values()}
    tops = [b for b in st.boxes.values() if b.id not in carrying and "piles" in st.items[b.id].cat.roles
            and _on_the_top(st, b, sup)]
    ceiling = min(st.room.height - CEILING_MARGIN, sup.top + PILE_MAX_HEIGHT)
    room = np.asarray(st.room.footprint)
    mounted = [o for oid, o in st.boxes.items() if st.items[oid].role in ("wall", "ceiling")]
    for b in sorted(tops, key=lambda b: b.top):
        for turn, (along, across) in ((0.0, (w, d)), (math.pi / 2, (d, w))):
            if along > b.width + 2 * PILE_OVERHANG or across > b.depth + 2 * PILE_OVERHANG or b.top + h > ceiling:
                continue
            spot = Box(it.obj.id, b.cx, b.cy, b.top, float(wrap_angle(b.yaw + turn)), w, d, h, b.id)
            hanging = [o for o in mounted if o.z < spot.top and o.top > spot.z]  # clear of the shelf above it
            if rects_inside_polygon(room, spot.corners[None])[0] and not any(
                    overlaps(spot.corners[None], o.corners, margin=1e-4)[0] for o in hanging):
                return spot
    return None


def _on_the_top(st: SolverState, b: Box, sup: Box) -> bool:
    """Whether ``b`` stands on ``sup``'s top, directly or on a pile of placed things that does (not inside it, low
    down: books on a bookshelf's boards are in it, not on it)."""
    b = chain_bottom(b, sup.id, st.boxes)
    return b.support == sup.id and b.z >= max(sup.z + ON_SURFACE_FROM * sup.height, sup.top - PILE_LOW)


def _spots_on_top(sup: Box, hw_max: float, hd_max: float
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Candidate centres on the support's top every 5 cm, at most ``hw_max`` right/left and ``hd_max`` front/back of
    its centre (metres): (N,) offsets along its width and depth, and (N,) room x and y."""
    rs = np.linspace(-max(hw_max, 0), max(hw_max, 0), max(1, int(2 * max(hw_max, 0) / 0.05) + 1))
    fs = np.linspace(-max(hd_max, 0), max(hd_max, 0), max(1, int(2 * max(hd_max, 0) / 0.05) + 1))
    gr, gf = np.meshgrid(rs, fs)
    gr, gf = gr.ravel(), gf.ravel()
    c, s = math.cos(sup.yaw), math.sin(sup.yaw)
    return gr, gf, sup.cx + gr * c - gf * s, sup.cy + gr * s + gf * c


def _relation_score(st: SolverState, it: Item, x: np.ndarray, y: np.ndarray, z: np.ndarray, yaw: float
                    ) -> np.ndarray:
    """(N,) weighted scores of the item's relations other than on_top, towards placed objects and the room, for
    candidate spots (x, y, z) on its host; zeros when it has none."""
    out = np.zeros(len(x))
    rels = [r for r in st.plan.relations if r.subject == it.obj.id and r.kind != "on_top"
            and (r.target in st.boxes or r.kind in ARCHITECTURE_RELATIONS)]
    # "a chair next to the monitor": the monitor, placed after the chair, keeps to the chair's side of its stand
    rels += [r.model_copy(update={"subject": it.obj.id, "target": r.subject}) for r in st.plan.relations
             if r.target == it.obj.id and r.kind in SYMMETRIC and r.subject in st.boxes]
    if not rels:
        return out
    cands = Boxes.candidates(x, y, np.full(len(x), yaw), it.size, z)
    for r in rels:
        target = Boxes.of(st.boxes[r.target]) if r.target in st.boxes else None
        out += RELATION_WEIGHT * score_relation_batch(r, cands, target, st.room)
    return out
