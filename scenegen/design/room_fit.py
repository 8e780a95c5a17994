"""Rooms big enough for what the prompt asks of them. A room whose size the prompt did not give grows until each
floor object the prompt lists can stand in it alone (door clear, room in front to use it), and until each 'far'
relation can hold (SceneEval's far: centres more than ``FAR_MIN_CENTRE`` apart), rather than failing a request
that no layout of the default room could meet. A room the prompt sized is never changed: what does not fit is then
explained."""

from __future__ import annotations

import math

import numpy as np

from scenegen import catalog
from scenegen.design.brief import SIZE_GIVEN
from scenegen.scene import AssetRef, LayoutPlan, Opening, Room
from scenegen.thresholds import FAR_MIN_CENTRE

Size3 = tuple[float, float, float]

FAR_SLACK = 0.3
"""metres of reach beyond ``FAR_MIN_CENTRE`` the grown room allows, so the solver has more than one spot"""
MAX_GROWTH = 2.0
"""the most a room's sides are scaled; beyond it the room stays as planned and the misfit is explained"""
GROWTH_STEP = 0.1
"""how much a room's sides grow per try while a stated object cannot stand in it even alone"""


def scale_room(room: Room, k: float) -> Room:
    """``room`` with its footprint scaled by ``k`` about the origin; openings keep their width and their relative
    place along each wall."""
    foot = [(round(x * k, 2), round(y * k, 2)) for x, y in room.footprint]
    grown = Room(type=room.type, footprint=foot, height=room.height)
    openings = []
    for op in room.openings:
        length = grown.wall_length(op.wall)
        offset = min(max(op.offset * k, op.width / 2), length - op.width / 2)
        openings.append(Opening(**{**op.model_dump(), "offset": round(offset, 3)}))
    return room.model_copy(update={"footprint": foot, "openings": openings})


def _halves(plan: LayoutPlan, oid: str) -> tuple[float, float]:
    """Half the width and half the depth of the object's typical footprint, metres ((0, 0) for an unknown id)."""
    o = next((o for o in plan.objects if o.id == oid), None)
    if o is None:
        return 0.0, 0.0
    w, d, _ = catalog.for_object(o.category, o.generic, o.proposal).size_typical
    return w / 2, d / 2


def far_reach(plan: LayoutPlan, room: Room, subject: str, target: str) -> float:
    """The largest centre distance (metres) ``subject`` and ``target`` can have in ``room``'s bounding box, each
    turned whichever way reaches further: corner to opposite corner, or from the room's middle to a corner when the
    plan puts either in the middle of the room."""
    (x0, y0), (x1, y1) = room.bounds
    w, d = x1 - x0, y1 - y0
    middle = {r.subject for r in plan.relations if r.kind == "middle_of_room"}
    hs, ht = _halves(plan, subject), _halves(plan, target)
    if subject in middle or target in middle:
        other = ht if subject in middle else hs
        return max(math.hypot(max(w / 2 - a, 0.0), max(d / 2 - b, 0.0)) for a, b in (other, other[::-1]))
    return max(math.hypot(max(w - a[0] - b[0], 0.0), max(d - a[1] - b[1], 0.0))
               for a in (hs, hs[::-1]) for b in (ht, ht[::-1]))


def fit_far_relations(plan: LayoutPlan) -> LayoutPlan:
    """``plan`` with its room grown (by at most ``MAX_GROWTH``) until every 'far' relation can reach
    ``FAR_MIN_CENTRE`` + ``FAR_SLACK``, with a note; unchanged when the prompt gave the room's size or nothing needs
    more room."""
    far = [r for r in plan.relations if r.kind == "far" and r.target]
    if not far or SIZE_GIVEN.search(plan.prompt):
        return plan
    want = FAR_MIN_CENTRE + FAR_SLACK
    k = 1.0
    def short(k: float) -> bool:
        return any(far_reach(plan, scale_room(plan.room, k), r.subject, r.target) < want for r in far)

    while k <= MAX_GROWTH and short(k):
        k = round(k + 0.05, 2)
    if k == 1.0 or k > MAX_GROWTH:
        return plan
    room = scale_room(plan.room, k)
    (_, _), (x1, y1) = room.bounds
    said = "; ".join(f"'{r.source or f'{r.subject} far {r.target}'}'" for r in far)
    note = (f"the room was enlarged to {x1:.1f}×{y1:.1f} m so that {said} can hold (far: centres over "
            f"{FAR_MIN_CENTRE:g} m apart)")
    return plan.model_copy(update={"room": room, "notes": [*plan.notes, note]})


def _fits_alone(plan: LayoutPlan, oid: str, room: Room, refs: dict[str, AssetRef], sizes: dict[str, Size3]) -> bool:
    """Whether the solver places object ``oid`` in ``room`` with nothing else there (door and window clearances and
    the room in front of it to use it still apply)."""
    from scenegen.solve import solve

    sub = plan.model_copy(update={"room": room, "objects": [o for o in plan.objects if o.id == oid],
                                  "relations": []})
    return not solve(sub, {oid: refs[oid]}, {oid: sizes[oid]}, np.random.default_rng(0)).unplaced


SEATED_RING = 0.6
"""metres of floor a seated person's chair takes beside a table"""
PASSAGE = 0.5
"""metres of walkway wanted between a seated ring and the walls"""


def _seated_scale(plan: LayoutPlan, sizes: dict[str, Size3], stated: list[str]) -> float:
    """The factor the room's sides need so each stated table with seats at it (``seats_at_tables``), its ring of
    chairs and a passage round them, fits the room's bounding box (1.0 when it already does)."""
    from scenegen.assets.seating import seats_at_tables

    (x0, y0), (x1, y1) = plan.room.bounds
    w, d = x1 - x0, y1 - y0
    need = 1.0
    for table in seats_at_tables(plan):
        if table not in stated or table not in sizes:
            continue
        tw, td, _ = sizes[table]
        ring = 2 * (SEATED_RING + PASSAGE)
        long, short = max(tw, td) + ring, min(tw, td) + ring
        need = max(need, min(max(long / max(w, d), short / min(w, d)), MAX_GROWTH))
    return need


def fit_room_to_objects(plan: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3]) -> LayoutPlan:
    """``plan`` with its room grown (sides by ``GROWTH_STEP`` at a time, at most ``MAX_GROWTH``) until each floor
    object the prompt asked for can stand in it on its own, and each stated table with the seats the plan puts at it
    has room for its ring of chairs and a passage round them (``_seated_scale``), with a note; unchanged when the
    prompt gave the room's
    size (then the object is explained as too big) or every object fits. "a tiny bathroom with a corner shower" made
    a 2.2 x 2.2 m room where the shower found no spot with the door clear and room in front to step in."""
    from scenegen.design import is_added
    from scenegen.solve.solver import object_roles

    if SIZE_GIVEN.search(plan.prompt):
        return plan
    roles = object_roles(plan, refs, sizes)
    stated = [o.id for o in plan.objects if not is_added(o) and roles[o.id][0] == "floor"]
    stuck = [oid for oid in stated if not _fits_alone(plan, oid, plan.room, refs, sizes)]
    k0 = min(_seated_scale(plan, sizes, stated), MAX_GROWTH)
    if not stuck and k0 <= 1.0:
        return plan
    k, room = max(k0, 1.0), scale_room(plan.room, max(k0, 1.0))
    stuck = [oid for oid in stuck if not _fits_alone(plan, oid, room, refs, sizes)]
    while k < MAX_GROWTH and stuck:
        k = round(k + GROWTH_STEP, 2)
        room = scale_room(plan.room, k)
        stuck = [oid for oid in stuck if not _fits_alone(plan, oid, room, refs, sizes)]
    if stuck:  # too big for any room near the one asked for: keep it and let the explanation say so
        return plan
    (x0, y0), (x1, y1) = plan.room.bounds
    (_, _), (gx, gy) = room.bounds
    why = ("each object the prompt asked for can stand in it with the door clear and room to use it"
           if k > max(k0, 1.0) else "the table and the seats at it have room to sit and pass")
    note = f"the room was enlarged from {x1 - x0:.1f}×{y1 - y0:.1f} m to {gx:.1f}×{gy:.1f} m so that {why}"
    return plan.model_copy(update={"room": room, "notes": [*plan.notes, note]})


ROOMIER = (1.2, 1.4)
"""Factors on a room's sides tried in turn, as a last resort, when a room the prompt did not size still leaves
things out of reach (accessibility, navigability) or unplaced after the repair loop: "a three-seater sofa and two
armchairs grouped around a wood burner ... and a dining table that seats six" in the 20 m² the program gives."""
CROWDED_CHECKS = frozenset({"accessibility", "navigability"})
"""Checks whose failures a larger room can cure: things packed too tight to reach or walk between."""


def crowded(unplaced: int, failed: list[str]) -> bool:
    """Whether a solved room with ``unplaced`` objects left out and ``failed`` validators (one name per failed
    finding) fails in a way more floor could help: something unplaced or out of reach."""
    return bool(unplaced) or any(v in CROWDED_CHECKS for v in failed)


def roomier(plan: LayoutPlan, k: float) -> LayoutPlan | None:
    """``plan`` with its room's sides scaled by ``k`` and a note saying why; None when the prompt gave the room's size
    (a room the prompt sized is never changed; what does not fit is then explained)."""
    if SIZE_GIVEN.search(plan.prompt):
        return None
    room = scale_room(plan.room, k)
    (x0, y0), (x1, y1) = plan.room.bounds
    (_, _), (gx, gy) = room.bounds
    note = (f"the room was enlarged from {x1 - x0:.1f}×{y1 - y0:.1f} m to {gx:.1f}×{gy:.1f} m because in the smaller "
            f"one some of what the plan asks for could not be placed or reached")
    return plan.model_copy(update={"room": room, "notes": [*plan.notes, note]})
