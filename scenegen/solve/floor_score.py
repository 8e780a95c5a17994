"""Soft score of a floor object's candidate poses (plan and implied relations, the catalog's wall and corner
preferences, free space in front of functional sides, a seeded jitter) and the clearance-strip tests behind it."""

from __future__ import annotations

import numpy as np

from scenegen import catalog
from scenegen.geometry import overlap_matrix, rects_distance, rects_inside_polygon, rects_overlap_any
from scenegen.scene import ARCHITECTURE_RELATIONS, Relation
from scenegen.solve.footprints import arch_score, side_strip, side_strips
from scenegen.solve.items import Item
from scenegen.solve.relations import Box, Boxes, back_wall_distance_batch, local_coords, score_relation_batch
from scenegen.solve.state import SolverState

SNUG_KINDS = frozenset({"around", "next_to", "in_front_of", "paired"})
"""Relations where, inside the relation's band, closer reads better (a chair pulled up to its table)."""
IMPLIED_WEIGHT = 3.0
"""weight of a catalog-implied companion relation (and of the middle of the room for a table with seats all round)"""
PLAN_WEIGHT = 10.0
"""weight of a relation the plan states"""
CORNER_RESERVE = 1.0
"""Penalty on a corner spot for an object not asked to stand in a corner while a corner request is still pending."""


def stand_in(st: SolverState, oid: str | None) -> Box | None:
    """The placed box of ``oid``, or, for an object that will stand on a placed host later (a TV on its stand), the
    host's box: "armchairs arranged around the TV" face the stand the TV will be on."""
    if oid is None:
        return None
    if oid in st.boxes:
        return st.boxes[oid]
    it = st.items.get(oid)
    if it is not None and it.role == "object" and it.support in st.boxes:
        return st.boxes[it.support]
    return None


def score_floor(st: SolverState, it: Item, x: np.ndarray, y: np.ndarray, yaw: np.ndarray, rects: np.ndarray,
                clear: np.ndarray) -> np.ndarray:
    """Soft score (N,) of candidate poses (x, y, yaw: (N,), footprints ``rects`` (N, 4, 2)); larger is better.
    ``clear`` (N,) bool: every functional side faces free floor."""
    score = st.rng.uniform(0.0, 0.3, size=len(x))
    load = carried(st, it)
    rels = [r for r in st.relations
            if (r.subject == it.obj.id and (stand_in(st, r.target) is not None or r.kind in ARCHITECTURE_RELATIONS))
            or (r.subject in load and r.kind in CARRIED_KINDS and r.target not in load and r.target != it.obj.id
                and stand_in(st, r.target) is not None)
            or (r.target == it.obj.id and stand_in(st, r.subject) is not None)]
    implied = {id(r) for r in st.implied}
    boost = {id(r): st.hints.relation_weight.get(i, 1.0) for i, r in enumerate(st.plan.relations)}
    weights = [IMPLIED_WEIGHT if id(r) in implied else PLAN_WEIGHT * boost.get(id(r), 1.0) for r in rels]
    wants_wall = it.cat.against_wall and not any(r.kind in ("middle_of_room", "around") for r in rels
                                                 if r.subject == it.obj.id) \
        and not any(r.kind == "behind" and r.target == it.obj.id for r in st.relations)  # a lamp behind the sofa
    anchors: dict[str | None, frozenset[str] | None] = {}
    for r in rels:  # whose clearance it may take: a chair the desk's front, a nightstand the bed's side
        if r.subject == it.obj.id and r.kind not in ARCHITECTURE_RELATIONS:
            sides = BESIDE_SIDES if r.kind in BESIDE_KINDS else None
            prev = anchors.get(r.target, frozenset())
            anchors[r.target] = None if sides is None or prev is None else prev | sides
    score += 1.5 * clear
    score -= 2.0 * blocks_others(st, rects, skip=anchors)
    score += flank_head(st, it, x, y, rels)
    placed_by_plan = any(r.subject == it.obj.id for r in rels)
    surrounded = any(r.kind == "around" and r.target == it.obj.id for r in st.relations)
    if surrounded and not placed_by_plan:
        preference = "middle_of_room"  # seats go all around it: give it the open middle of the room
    elif not placed_by_plan and not wants_wall:
        if it.obj.category in catalog.with_role("corner"):
            preference = "corner"
        elif it.obj.category not in catalog.with_role("free_standing"):
            preference = "against_wall"
        else:
            preference = None
    else:
        preference = None
    cand = Boxes.candidates(x, y, yaw, it.size)
    for r, weight in zip(rels, weights):
        mine = r.subject == it.obj.id or r.subject in load
        other = stand_in(st, r.target) if mine else stand_in(st, r.subject)
        other_boxes = Boxes.of(other) if other is not None else None
        anchor = st.boxes.get(str(r.params.get("anchor", "")))
        anchor_boxes = Boxes.of(anchor) if anchor is not None else None
        if mine:
            score += weight * score_relation_batch(r, cand, other_boxes, st.room, anchor_boxes)
        elif other_boxes is not None:
            score += weight * score_relation_batch(r, other_boxes, cand, st.room, anchor_boxes)
        if r.kind in SNUG_KINDS and mine and other_boxes is not None:
            # inside the relation's band, closer still reads better (a chair pulled up to its table)
            score += 0.5 * np.clip(1.0 - rects_distance(cand.corners, other_boxes.corners) / 0.6, 0.0, None)
    if wants_wall:
        score += 4.0 * arch_score("against_wall", cand, st.room)
    if preference:
        weight = IMPLIED_WEIGHT if preference == "middle_of_room" else 1.0
        score += weight * arch_score(preference, cand, st.room)
    if wants_wall or any(r.kind == "against_wall" and r.subject == it.obj.id for r in rels):
        # inside the 0.3 m band, flush reads better: a wardrobe stands at the wall, not a hand's width off it
        score += 0.5 * np.clip(1.0 - back_wall_distance_batch(cand, st.room) / 0.3, 0.0, None)
    if corner_requests_pending(st, it):
        # corners are scarce: leave them to the objects the prompt puts in a corner
        score -= CORNER_RESERVE * arch_score("corner", cand, st.room)
    return score


CARRIED_KINDS = frozenset({"next_to", "near", "left_of", "right_of", "side_of", "in_front_of", "behind", "face_to",
                           "across_from"})
"""Relations of a thing on a top that its host carries: "a towel beside the sink" on a shelf puts the shelf beside the
sink, "a lamp next to the bed" the nightstand it stands on beside the bed."""


def carried(st: SolverState, it: Item) -> set[str]:
    """The ids of the things planned to stand on ``it`` (and on those, a pile's upper layers)."""
    load, grew = set(), True
    while grew:
        more = {oid for oid, o in st.items.items() if o.role == "object" and (o.support == it.obj.id or
                                                                           o.support in load)} - load
        grew = bool(more)
        load |= more
    return load


def corner_requests_pending(st: SolverState, it: Item) -> bool:
    """Whether objects not yet placed (other than ``it``) are asked to stand in a corner while ``it`` is not."""
    mine = any(r.kind == "corner" and r.subject == it.obj.id for r in st.plan.relations)
    return not mine and any(r.kind == "corner" and r.subject != it.obj.id and r.subject not in st.boxes
                            for r in st.plan.relations)


def flank_ok(st: SolverState, r: Relation) -> bool:
    """False when ``r`` is a next_to that should flank its target's head end (``catalog.flanks_head``) and does
    not."""
    s, t = st.boxes.get(r.subject), st.boxes.get(r.target or "")
    if r.kind != "next_to" or s is None or t is None:
        return True
    if not catalog.flanks_head(st.items[s.id].obj.category, st.items[t.id].obj.category):
        return True
    right, fwd = local_coords(Boxes.of(t), np.array([s.cx]), np.array([s.cy]))
    return bool(abs(right[0]) > t.width / 2 and abs(fwd[0] - (-t.depth / 2 + s.depth / 2)) < 0.2)


def flank_head(st: SolverState, it: Item, x: np.ndarray, y: np.ndarray, rels: list[Relation]) -> np.ndarray:
    """Bonus (N,) for standing beside the head end of the object it is next to, when the catalog says so (a
    nightstand flanks the bed's head, not its foot)."""
    bonus = np.zeros(len(x))
    for r in rels:
        t = st.boxes.get(r.target or "")
        if r.subject != it.obj.id or r.kind != "next_to" or t is None:
            continue
        if not catalog.flanks_head(it.obj.category, st.items[t.id].obj.category):
            continue
        right, fwd = local_coords(Boxes.of(t), x, y)
        head = -t.depth / 2 + it.size[1] / 2
        beside = np.abs(right) > t.width / 2
        bonus += 2.0 * beside * np.clip(1.0 - np.abs(fwd - head) / 0.4, 0.0, None)
    return bonus


def side_clearance(st: SolverState, it: Item, x: np.ndarray, y: np.ndarray, yaw: np.ndarray, where: np.ndarray,
                   skip: set[str | None]) -> np.ndarray:
    """(n_sides, N) bool: whether a strip as deep as the side's clearance (``Item.clearance``) beside each
    functional side is inside the room and free
    of other objects (those in ``skip`` excepted: a chair faces its table); computed where ``where`` is True,
    False elsewhere."""
    w, d, _ = it.size
    out = np.zeros((len(it.cat.functional_sides), len(x)), dtype=bool)
    idx = np.flatnonzero(where)
    others = [b.corners for oid, b in st.boxes.items() if st.items[oid].role == "floor" and oid not in skip]
    for k, side in enumerate(it.cat.functional_sides):
        strips = side_strips(x[idx], y[idx], yaw[idx], w, d, side, depth=it.clearance(side), shrink=0.9)
        out[k, idx] = rects_inside_polygon(st.poly, strips) & ~rects_overlap_any(strips, others)
    return out


def takes_last_side(st: SolverState, rects: np.ndarray, where: np.ndarray, skip: set[str | None]) -> np.ndarray:
    """(N,) bool: candidate footprints (those where ``where`` is True) that would cover the last free functional
    side of a placed object (its clearance strip), leaving it unusable. Objects in ``skip`` are this one's
    partners (a chair at its desk)."""
    floor = [oid for oid in st.boxes if st.items[oid].role == "floor"]
    strips_l, owner_l = [], []
    for k, oid in enumerate(floor):
        if oid in skip:
            continue
        b = st.boxes[oid]
        for side in st.items[oid].cat.functional_sides:
            strips_l.append(side_strips(b.cx, b.cy, b.yaw, b.width, b.depth, side,
                                        depth=st.items[oid].clearance(side), shrink=0.9))
            owner_l.append(k)
    if not strips_l:
        return np.zeros(len(rects), dtype=bool)
    strips, owners = np.asarray(strips_l), np.asarray(owner_l)
    blocked = overlap_matrix(strips, np.asarray([st.boxes[o].corners for o in floor]))  # (S, M)
    blocked[np.arange(len(strips)), owners] = False  # an object does not block its own strip
    free = rects_inside_polygon(st.poly, strips) & ~blocked.any(axis=1)
    free_strips, owner = list(strips[free]), list(owners[free])
    if not free_strips:
        return np.zeros(len(rects), dtype=bool)
    idx = np.flatnonzero(where)
    covers = overlap_matrix(rects[idx], np.asarray(free_strips))  # (n, S)
    owner_arr = np.asarray(owner)
    killed = np.zeros(len(rects), dtype=bool)
    for k in np.unique(owner_arr):
        killed[idx] |= covers[:, owner_arr == k].all(axis=1)
    return killed


BESIDE_KINDS = frozenset({"next_to", "left_of", "right_of", "side_of", "behind", "near", "far"})
"""relations that put an object beside its anchor, not at its front"""
BESIDE_SIDES = frozenset({"left", "right", "back"})
"""the anchor's clearance strips such an object may still take"""


def blocks_others(st: SolverState, rects: np.ndarray,
                  skip: dict[str | None, frozenset[str] | None]) -> np.ndarray:
    """How many placed objects' functional clearance strips each candidate footprint would cover. ``skip``: this
    one's anchors -> the sides of theirs it may take (None: all of them; a chair belongs at the desk's front, a
    nightstand at the bed's side, but an armchair beside the fireplace not in front of its hearth)."""
    strips = [side_strip(b, side) for oid, b in st.boxes.items()
              if st.items[oid].role == "floor" for side in st.items[oid].cat.functional_sides
              if oid not in skip or (skip[oid] is not None and side not in skip[oid])]
    if not strips:
        return np.zeros(len(rects))
    return overlap_matrix(rects, np.asarray(strips), margin=0.05).sum(axis=1).astype(float)
