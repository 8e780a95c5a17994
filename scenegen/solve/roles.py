"""How the solver treats each planned object before placing anything: its role (floor, on another object, wall,
ceiling, or a flat rug), the support it stands on, the companion relations the catalog implies, and the clearance
boxes in front of doors and windows."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from scenegen import catalog
from scenegen.geometry import footprint_corners, yaw_facing
from scenegen.scene import ARCHITECTURE_RELATIONS, AssetRef, LayoutPlan, PlannedObject, Relation, Room
from scenegen.solve.items import Item
from scenegen.thresholds import CEILING_MARGIN, FLAT_HEIGHT


def make_item(plan: LayoutPlan, obj: PlannedObject, ref: AssetRef, size: tuple[float, float, float]) -> Item:
    """``obj`` with its role: the catalog's support, unless the plan puts it on an object, a wall or the ceiling, or it
    is a flat item (a rug) no higher than ``FLAT_HEIGHT``. ``size`` is (width, depth, height) in metres."""
    cat = catalog.for_object(obj.category, obj.generic, obj.proposal)
    kinds = {r.kind: r for r in plan.relations if r.subject == obj.id}
    role = cat.support
    support = None
    if "on_top" in kinds and kinds["on_top"].target:
        role, support = "object", kinds["on_top"].target
    elif "on_wall" in kinds:
        role = "wall"
    elif "hang_from_ceiling" in kinds:
        role = "ceiling"
    elif obj.category in catalog.with_role("flat") and size[2] <= FLAT_HEIGHT:
        role = "flat"
    return Item(obj, ref, size, role, cat, support)


CENTRED_COMPANIONS = frozenset({"in_front_of", "behind"})
"""companion kinds the solver places within the anchor's width (``score_relation``'s ``centred`` param) when the
subject is not itself a seat: a coffee table in front of a sofa stands before its seats, not off its arm (a chair at a
desk has its own ``face_to``, and rows of school desks need the freedom)"""


def implied_relations(plan: LayoutPlan, items: dict[str, Item]) -> list[Relation]:
    """Companion relations (``catalog.companions``) for objects whose plan entry has no object-object relation: floor
    furniture, and wall-mountable things that hang on the wall (a TV across from the sofa)."""
    related = {r.subject for r in plan.relations if r.kind not in ARCHITECTURE_RELATIONS}
    placed = {r.subject for r in plan.relations}
    by_category: dict[str, list[str]] = {}
    for o in plan.objects:
        by_category.setdefault(o.category, []).append(o.id)
    load: dict[str, int] = {}
    out = []
    for o in plan.objects:
        role = items[o.id].role
        if o.id in related or not (role == "floor" or (role == "wall" and "wall_mountable" in items[o.id].cat.roles)):
            continue
        for anchor_cat, kind in catalog.companions(o.category):
            anchors = [a for a in by_category.get(anchor_cat, []) if items[a].role == "floor"]
            seat = o.category in catalog.with_role("seat")
            if seat:
                seats = (catalog.find(anchor_cat) or catalog.GENERIC).seats or 99
                anchors = [a for a in anchors if load.get(a, 0) < seats]
            if anchors:
                anchor = min(anchors, key=lambda a: (load.get(a, 0), anchors.index(a)))
                load[anchor] = load.get(anchor, 0) + 1
                for part in kind.split("+"):
                    if part == "face_to" and o.id in placed:
                        continue  # "an armchair by the window" keeps the place it was given, turned as it fits there
                    out.append(Relation(kind=part, subject=o.id, target=anchor,  # type: ignore[arg-type]
                                        params={"centred": 1.0} if part in CENTRED_COMPANIONS and not seat else {},
                                        source=f"implied: a {o.category} usually stands by a {anchor_cat}"))
                break
    return out


FLOOR_PLACES = frozenset({"corner", "middle_of_room"})
"""room-relative relations that put an object on the floor: "a globe in the corner" stands there, not on a desk
that happens to be elsewhere"""


def choose_supports(items: dict[str, Item], relations: Iterable[Relation] = (), ceiling: float = math.inf) -> None:
    """Give every object-supported item without an explicit 'on X' a support from the plan, spreading the load: the
    host with the smallest share of its top taken once the item is on it, the host of what it stands beside first,
    then a host the plan puts beside the same things (a lamp beside the bed goes on the nightstand beside it), never
    what it stands beside, never a top it would reach above the ``ceiling`` from (metres; changes ``items`` in place:
    ``support``, or ``role`` "floor" when nothing can hold it or a ``FLOOR_PLACES`` relation puts it on the floor)."""
    relations = list(relations)
    placed = {r.subject for r in relations if r.kind in FLOOR_PLACES}
    for it in items.values():
        if it.role == "object" and not it.support and it.obj.id in placed:
            it.role = "floor"
    used: dict[str, float] = {}
    for it in items.values():
        if it.role == "object" and it.support:
            used[it.support] = used.get(it.support, 0.0) + it.size[0] * it.size[1]
    for it in items.values():
        if it.role != "object" or it.support:
            continue
        # "a vase in the middle of the table" stands on the table
        centred = [items[r.target] for r in relations if r.subject == it.obj.id and r.kind == "middle_of"
                   and r.target in items and items[r.target].cat.has_top and _fits_top(it, items[r.target], ceiling)]
        if centred:
            it.support = centred[0].obj.id
            used[it.support] = used.get(it.support, 0.0) + it.size[0] * it.size[1]
            continue
        # "a TV at the end of the table" is not on the table; "a notebook beside the lamp" is on the lamp's desk
        beside = {r.target for r in relations if r.subject == it.obj.id and r.target in items
                  and r.kind not in ("on_top", "under", "middle_of") and r.kind not in ARCHITECTURE_RELATIONS}
        near = {items[t].support for t in beside if items[t].role == "object" and items[t].support}
        # "twin beds with a shared bedside table and lamp between them": the lamp goes on the table beside the beds
        alongside = {r.subject for r in relations if r.target in beside and r.subject != it.obj.id
                     and r.kind not in ("on_top", "under") and r.kind not in ARCHITECTURE_RELATIONS}
        preferred, fallback = host_pools(items, it, beside)
        # a host whose top the item fits first (a towel is deeper than a wall shelf), then any that may hold it
        fitting = ([o for o in preferred if _fits_top(it, o, ceiling)]
                   or [o for o in fallback if _fits_top(it, o, ceiling)])
        if not fitting and "wall_mountable" in it.cat.roles:
            it.role = "wall"  # a TV with no stand wide enough hangs on the wall rather than over a side table
            continue
        area = it.size[0] * it.size[1]
        pool = fitting or preferred or fallback
        if not pool:
            it.role = "floor"  # nothing in the room can hold it: stand it on the floor rather than drop it
            continue
        roomy = [o for o in pool if _has_room(o, used, area)]
        if not roomy:  # two lamps and a mug on one small coffee table: another top that fits takes the lamp
            roomy = [o for o in fallback if _fits_top(it, o, ceiling) and _has_room(o, used, area)]
        pool = roomy or pool
        best = min(pool, key=lambda o: (o.obj.id not in near, o.obj.id not in alongside,
                                        (used.get(o.obj.id, 0.0) + area) / max(o.size[0] * o.size[1], 1e-6),
                                        list(items).index(o.obj.id)))
        it.support = best.obj.id
        used[best.obj.id] = used.get(best.obj.id, 0.0) + area


def host_pools(items: dict[str, Item], it: Item, beside: set[str]) -> tuple[list[Item], list[Item]]:
    """The hosts that may hold ``it`` when the plan names none: those its category lists in ``supported_by`` (never
    one that would hide it behind doors), then any floor thing with a top; neither among the things in ``beside``
    (what the plan puts it beside)."""
    preferred = [o for o in items.values() if o.obj.category in it.cat.supported_by and o.obj.id not in beside
                 and not _stored_away(it, o)]
    fallback = [o for o in items.values() if o.cat.has_top and o.obj.id != it.obj.id and o.role == "floor"
                and o.obj.id not in beside]
    return preferred, fallback


def other_hosts(items: dict[str, Item], it: Item, relations: Iterable[Relation], ceiling: float) -> list[Item]:
    """Hosts other than ``it.support`` whose top ``it`` fits, for an item whose chosen host turned out full: those
    its category lists first, then any floor thing with a top; never what the plan puts it beside."""
    beside = {r.target for r in relations if r.subject == it.obj.id and r.target in items
              and r.kind not in ARCHITECTURE_RELATIONS}
    preferred, fallback = host_pools(items, it, beside)
    out: list[Item] = []
    for o in preferred + fallback:
        if o.obj.id != it.support and o not in out and _fits_top(it, o, ceiling):
            out.append(o)
    return out


HOST_FILL = 0.6
"""Share of a top's area that things chosen for it may cover before another top is preferred: rectangles of
lamps and mugs rarely pack tighter on a top (two 0.3 m lamps and a mug fill a 0.6 × 0.44 m coffee table)."""


def _has_room(host: Item, used: dict[str, float], area: float) -> bool:
    """Whether ``host``'s top keeps room for ``area`` m² more within ``HOST_FILL`` of its area."""
    return used.get(host.obj.id, 0.0) + area <= HOST_FILL * host.size[0] * host.size[1]


def _stored_away(item: Item, host: Item) -> bool:
    """Whether ``host`` would keep ``item`` out of sight behind its doors (a blanket in a wardrobe): only the plan
    puts things there, never a host chosen for an item the plan gave none."""
    kept = catalog.kept_inside(host.obj.category, item.obj.category)
    return kept is not None and not kept.open


def _fits_top(item: Item, host: Item, ceiling: float = math.inf) -> bool:
    """Whether ``item``'s footprint fits on ``host``'s top as it comes or turned a quarter and, on a floor host's top
    (its height), keeps ``CEILING_MARGIN`` under a ``ceiling`` metres up (a TV on a 1.95 m entertainment center
    does not, under 2.7 m); what goes inside the host is not on its top."""
    (w, d, h), (hw, hd, hh) = item.size, host.size
    inside = catalog.kept_inside(host.obj.category, item.obj.category) is not None
    under = inside or host.role != "floor" or hh + h <= ceiling - CEILING_MARGIN
    return under and ((w <= hw and d <= hd) or (d <= hw and w <= hd))


def keepout_zones(room: Room) -> list[tuple[np.ndarray, float, str]]:
    """(corners (4, 2) metres, minimum object height it blocks, label) per door/window clearance box: as deep as the
    door is wide, 0.5 m in front of a window."""
    zones = []
    for op in room.openings:
        cx, cy = room.opening_center(op)
        nx, ny = room.wall_normal(op.wall)
        depth = op.width if op.kind == "door" else 0.5
        yaw = yaw_facing((nx, ny))
        corners = footprint_corners(cx + nx * depth / 2, cy + ny * depth / 2, op.width / 2 + 0.05, depth / 2, yaw)
        zones.append((corners, op.occlusion_height, f"{op.kind} {op.id}"))
    return zones
