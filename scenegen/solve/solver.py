"""First placement solver: greedy over discrete candidates, scored by the shared relation scorers.

It reasons on footprints and boxes (sizes from the generated meshes' bounds), never on triangles. Order of work:
floor objects (anchors before the objects related to them, then big before small), objects standing on other objects'
tops, wall-mounted objects, ceiling objects, and rugs last (furniture over a rug is lifted onto it).

Hard constraints: inside the room polygon, no footprint overlap between floor objects, no floor object in a door's
clearance box (depth = door width) and nothing taller than a window's sill in front of it (0.5 m), items on a top inside
that top and clear of each other, wall objects clear of openings and of furniture in front of them. Soft terms: the
plan's relations (``relations.score_relation``), the catalog's against-wall preference, free space in front of
functional sides, and a small seeded jitter so different seeds give different rooms.

Objects that cannot be placed are returned with a reason a person can act on; nothing is dropped silently.

The steps live in their own modules, each a function of the solve's state (``state.SolverState``): ``roles`` (what
each object is), ``search`` (order, groups, backtracking), ``floor`` and ``floor_score`` (one floor object),
``support`` (on top of another), ``wall`` (walls and ceiling), ``rugs``; ``items`` holds the shared types.
"""

from __future__ import annotations

import numpy as np

from scenegen.geometry import rotated_extent
from scenegen.scene import ARCHITECTURE_RELATIONS, AssetRef, LayoutPlan, ObjectInstance, Pose
from scenegen.solve.footprints import r4, side_strips
from scenegen.solve.items import CLEARANCE, MOVE_MIN, WALL_GAP, Item, RepairHints, SolveResult, perfect
from scenegen.solve.relations import score_relation
from scenegen.solve.roles import choose_supports, other_hosts
from scenegen.solve.rugs import lift_onto_rugs, place_flat
from scenegen.solve.search import cluster_quality, evict_and_retry, floor_clusters, floor_order, place_cluster
from scenegen.solve.state import SolverState
from scenegen.solve.support import place_on_support
from scenegen.solve.wall import place_on_ceiling, place_on_wall

__all__ = ["CLEARANCE", "MOVE_MIN", "WALL_GAP", "RepairHints", "SolveResult", "object_roles", "side_strips", "solve"]


def solve(plan: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, tuple[float, float, float]],
          rng: np.random.Generator, hints: RepairHints | None = None) -> SolveResult:
    """Place every planned object. ``sizes`` are (width, depth, height) in metres of each object's mesh; ``hints``
    carry the repair loop's constraints from an earlier attempt.

    The search first keeps every functional side usable and the floor connected; when that leaves objects unplaced
    (a dense room), it solves again packing tighter (those become soft preferences) and keeps whichever result
    places more objects.
    """
    compact_seed = int(rng.integers(2**32))
    roomy = _run(SolverState(plan, refs, sizes, rng, hints))
    if not roomy.unplaced:
        return roomy
    packed = _run(SolverState(plan, refs, sizes, np.random.default_rng(compact_seed), hints, compact=True))
    return packed if len(packed.unplaced) < len(roomy.unplaced) else roomy


def object_roles(plan: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, tuple[float, float, float]]
                 ) -> dict[str, tuple[str, str | None]]:
    """How the solver will treat each object: id -> (role, support id). Roles: floor, object (stands on the support),
    wall, ceiling, flat (a rug under the furniture)."""
    st = SolverState(plan, refs, sizes, np.random.default_rng(0))
    choose_supports(st.items, st.plan.relations, st.room.height)
    return {oid: (it.role, it.support) for oid, it in st.items.items()}


def _run(st: SolverState) -> SolveResult:
    """One solve: floor groups (each searched, evicting earlier groups when it cannot be placed well), then objects
    on tops, wall and ceiling objects, objects on those (books on a wall shelf), rugs, and the lift of furniture onto
    rugs."""
    choose_supports(st.items, st.plan.relations, st.room.height)
    first = wall_anchors(st)
    for it in first:  # hung before the floor, so what stands beside or below them can find them
        place_on_wall(st, it)
    done: list[list[str]] = []
    for cluster in floor_clusters(st, floor_order(st)):
        place_cluster(st, cluster)
        if not perfect(cluster_quality(st, cluster)):
            evict_and_retry(st, cluster, done)
        done.append(cluster)
    on_tops = sorted((it for it in st.items.values() if it.role == "object"),
                     key=lambda it: (_stack(st, it)[0], _beside_top_thing(st, it)))
    on_mounted = [it for it in on_tops if _stack(st, it)[1] in ("wall", "ceiling")]
    for it in on_tops:  # lowest in its stack first: the vase before the stem in it
        if it not in on_mounted:
            _place_on_a_top(st, it)
    for it in sorted(st.items.values(), key=_window_dressing_first):
        if it in first:
            continue
        if it.role == "wall":
            place_on_wall(st, it)
        elif it.role == "ceiling":
            place_on_ceiling(st, it)
    for it in on_mounted:  # books on a wall shelf: once the shelf hangs
        place_on_support(st, it)
    for it in st.items.values():
        if it.role == "flat":
            place_flat(st, it)
    lift_onto_rugs(st)
    return _result(st)


def _stack(st: SolverState, it: Item) -> tuple[int, str | None]:
    """How many objects stand between ``it`` and the floor, wall or ceiling thing at the bottom of its stack (0 for a
    lamp on a nightstand, 1 for a stem in a vase on a shelf), and that bottom thing's role (None when the chain ends
    at an object not in the plan or loops)."""
    depth, seen = 0, {it.obj.id}
    below = st.items.get(it.support) if it.support else None
    while below is not None and below.role == "object" and below.obj.id not in seen:
        seen.add(below.obj.id)
        depth += 1
        below = st.items.get(below.support) if below.support else None
    return depth, (below.role if below is not None and below.role != "object" else None)


def _place_on_a_top(st: SolverState, it: Item) -> None:
    """Place ``it`` on its support; when the solver chose that support (the plan names none) and its top is full,
    on the nearest other host whose top it fits ("headphones" beside a desk full of monitors go on the side table),
    else record why it failed on the first."""
    failures = len(st.unplaced)
    place_on_support(st, it)
    stated = any(r.subject == it.obj.id and r.kind == "on_top" for r in st.plan.relations)
    if it.obj.id in st.boxes or stated or it.support not in st.boxes:
        return
    first, failed = it.support, st.unplaced[failures:]
    chosen = st.boxes[first]
    hosts = [h for h in other_hosts(st.items, it, st.plan.relations, st.room.height) if h.obj.id in st.boxes]
    for host in sorted(hosts, key=lambda h: np.hypot(st.boxes[h.obj.id].cx - chosen.cx,
                                                     st.boxes[h.obj.id].cy - chosen.cy)):
        del st.unplaced[failures:]
        it.support = host.obj.id
        place_on_support(st, it)
        if it.obj.id in st.boxes:
            return
    it.support = first
    st.unplaced[failures:] = failed  # the first host's reason: that is the host it was meant for


def _beside_top_thing(st: SolverState, it: Item) -> bool:
    """Sort key: whether the plan puts ``it`` beside another thing that stands on a top ("mugs next to the coffee
    maker"): such things go after the others on their level, so that what they stand beside is there to be found."""
    return any(r.subject == it.obj.id and r.target in st.items and st.items[r.target].role == "object"
               and r.kind not in ("on_top", "under") and r.kind not in ARCHITECTURE_RELATIONS
               for r in st.plan.relations)


def _window_dressing_first(it: Item) -> bool:
    """Sort key: curtains and blinds first (False sorts first); the window fixes their place, and a TV "to the right
    of the curtains" needs to know it."""
    return "window_dressing" not in it.cat.roles


def wall_anchors(st: SolverState) -> list[Item]:
    """Wall things that floor furniture relates to ("speakers either side of the TV on the wall", "a bike to the
    left of the TV"), with the curtains and blinds they may relate to, in hanging order. The floor search places
    relative to what is already placed, so these hang first; it then keeps clear below them."""
    wall = {oid for oid, it in st.items.items() if it.role == "wall"}
    anchors = {r.target for r in st.relations if r.target in wall and r.subject in st.items
               and st.items[r.subject].role == "floor" and r.kind not in ARCHITECTURE_RELATIONS}
    if not anchors:
        return []
    related = {r.target for r in st.relations if r.subject in anchors and r.target in wall}
    return sorted((st.items[oid] for oid in anchors | related), key=_window_dressing_first)


def _result(st: SolverState) -> SolveResult:
    """The placed boxes as ObjectInstances (positions and sizes rounded to 0.1 mm), the unplaced objects, and each
    plan relation's score."""
    objects = []
    for oid, it in st.items.items():
        b = st.boxes.get(oid)
        if b is None:
            continue
        ex, ey = rotated_extent(b.width / 2, b.depth / 2, b.yaw)
        objects.append(ObjectInstance(
            id=oid, category=it.obj.category, asset=it.ref,
            pose=Pose(position=(r4(b.cx), r4(b.cy), r4(b.z)), yaw=round(b.yaw, 9) + 0.0),
            size=(r4(b.width), r4(b.depth), r4(b.height)),
            bbox=((r4(b.cx - ex), r4(b.cy - ey), r4(b.z)), (r4(b.cx + ex), r4(b.cy + ey), r4(b.top))),
            attributes=it.obj.attributes, support=b.support, generic=it.obj.generic, mesh_node=oid,
        ))
    scores = {i: round(score_relation(r, st.boxes, st.room), 6) for i, r in enumerate(st.plan.relations)}
    return SolveResult(objects, st.unplaced, scores)
