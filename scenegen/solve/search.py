"""The search over floor placements: the order floor objects are placed in, their grouping by relations, a beam over
each group's anchor spots, eviction of earlier groups that stand in the way, and the grade of a placed group
(``Quality``). Effort is counted in placements (``SolverState.work``), never timed, so a seed gives one scene."""

from __future__ import annotations

from scenegen import catalog
from scenegen.freespace import FloorObject, access_problems as floor_access_problems
from scenegen.scene import ARCHITECTURE_RELATIONS
from scenegen.solve.floor import BEAM, place_floor
from scenegen.solve.floor_score import flank_ok
from scenegen.solve.items import FACING_KINDS, Quality, add_quality, perfect
from scenegen.solve.relations import SATISFIED, score_relation
from scenegen.solve.state import SolverState
from scenegen.thresholds import MIN_ACC_SCORE, MIN_NAV_SCORE, ROBOT_RADIUS

MAX_EVICTIONS = 3
"""How many earlier groups are lifted out, one at a time, to make way for a group that could not be placed well."""
NAV_GRID = 128
"""raster cells along the room's longer side for the solver's floor checks (the validators use 256)"""


def floor_host(st: SolverState, oid: str | None) -> str | None:
    """``oid`` when it stands on the floor; for a thing on a top, the floor object under it (a monitor's stand), so
    that "a chair next to the monitor" is placed after, and together with, the stand the monitor will be on."""
    seen: set[str] = set()
    it = st.items.get(oid or "")
    while it is not None and it.role == "object" and it.support and it.obj.id not in seen:
        seen.add(it.obj.id)
        it = st.items.get(it.support)
    return it.obj.id if it is not None and it.role == "floor" else None


def floor_order(st: SolverState) -> list[str]:
    """Floor objects in placement order: repair-first ones, then anchors before what relates to them, scarce places
    (corner, middle) before walls before free spots, big before small, plan order."""
    floor = [oid for oid, it in st.items.items() if it.role == "floor"]
    depends: dict[str, set[str]] = {oid: set() for oid in floor}
    for r in st.relations:
        subject, target = floor_host(st, r.subject), floor_host(st, r.target)
        if r.kind in ARCHITECTURE_RELATIONS or subject not in depends or target not in depends:
            continue
        if subject != target:
            depends[subject].add(target)  # the anchor (or what it will stand on) goes first; a host after what
            # the thing it will hold is placed beside
    level: dict[str, int] = {}

    def depth(oid: str, seen: frozenset[str] = frozenset()) -> int:
        if oid in level:
            return level[oid]
        if oid in seen:
            return 0  # a cycle of relations: break it where we stand
        d = 1 + max((depth(t, seen | {oid}) for t in depends[oid]), default=-1)
        level[oid] = d
        return d

    surrounded = {r.target for r in st.relations if r.kind == "around"}  # a table with seats all round

    def constrained(oid: str) -> int:
        """0: asked for a scarce place (a corner: four in a rectangle; the middle: one, also wanted by a table with
        seats all round), 1: a wall, 2: free."""
        it = st.items[oid]
        kinds = {r.kind for r in st.plan.relations if r.subject == oid}
        if kinds & {"corner", "middle_of_room"} or oid in surrounded:
            return 0
        return 1 if ("against_wall" in kinds or it.cat.against_wall) else 2

    index = {oid: i for i, oid in enumerate(floor)}
    return sorted(floor, key=lambda o: (o not in st.hints.first, depth(o), constrained(o),
                                        -st.items[o].size[0] * st.items[o].size[1], index[o]))


def floor_clusters(st: SolverState, order: list[str]) -> list[list[str]]:
    """Floor objects grouped by the object-object relations between them (plan and implied), each group in
    placement order, groups in the order of their first member."""
    parent = {oid: oid for oid in order}

    def find(o: str) -> str:
        while parent[o] != o:
            parent[o] = parent[parent[o]]
            o = parent[o]
        return o

    for r in st.relations:
        subject, target = floor_host(st, r.subject), floor_host(st, r.target)  # things on tops go with their hosts
        if subject in parent and target in parent and subject != target:
            parent[find(subject)] = find(target)
    clusters: dict[str, list[str]] = {}
    for oid in order:
        clusters.setdefault(find(oid), []).append(oid)
    return list(clusters.values())


def place_cluster(st: SolverState, cluster: list[str]) -> None:
    """Place a group greedily; if that leaves one of its relations unsatisfied or a member unplaced, try the
    group's first object (its anchor) at up to ``BEAM`` other good, distinct spots, re-placing the rest greedily
    after each, and keep the best group (backtracking on the anchor, where most conflicts are decided)."""
    saved_boxes, saved_unplaced = dict(st.boxes), list(st.unplaced)
    alternatives = place_floor(st, st.items[cluster[0]])
    for oid in cluster[1:]:
        place_floor(st, st.items[oid])
    if len(cluster) == 1:
        return
    best = (cluster_quality(st, cluster), dict(st.boxes), list(st.unplaced))
    if perfect(best[0]):
        return
    for alt in alternatives[1:BEAM + 1]:
        if st.work >= st.work_budget:
            break
        st.boxes, st.unplaced = dict(saved_boxes), list(saved_unplaced)
        st.boxes[cluster[0]] = alt
        for oid in cluster[1:]:
            place_floor(st, st.items[oid])
        quality = cluster_quality(st, cluster)
        if quality > best[0]:
            best = (quality, dict(st.boxes), list(st.unplaced))
        if perfect(quality):
            break
    st.boxes, st.unplaced = best[1], best[2]


def evict_and_retry(st: SolverState, cluster: list[str], done: list[list[str]]) -> None:
    """Backtrack across groups: when a group cannot be placed well, lift out an earlier group that stands in its
    way (the objects that blocked its spots first, then the most recent groups), place this group first and the
    lifted one after it, and keep whichever order leaves fewer problems in the two groups together."""
    blocking = {b for oid in cluster for b in st.blockers.get(oid, {})}
    suspects = [c for c in done if blocking & set(c)]
    suspects += [c for c in reversed(done) if c not in suspects]
    for other in suspects[:MAX_EVICTIONS]:
        if st.work >= st.work_budget:
            return
        before = add_quality(cluster_quality(st, cluster), cluster_quality(st, other))
        saved_boxes, saved_unplaced = dict(st.boxes), list(st.unplaced)
        gone = set(cluster) | set(other)
        st.boxes = {k: v for k, v in st.boxes.items() if k not in gone}
        st.unplaced = [u for u in st.unplaced if u.id not in gone]
        place_cluster(st, cluster)
        place_cluster(st, other)
        after = add_quality(cluster_quality(st, cluster), cluster_quality(st, other))
        if after <= before:
            st.boxes, st.unplaced = saved_boxes, saved_unplaced
            continue
        if perfect(cluster_quality(st, cluster)):
            return


def cluster_quality(st: SolverState, cluster: list[str]) -> Quality:
    """(-unplaced members, -unsatisfied plan relations, -floor access problems, -unsatisfied implied relations,
    total relation score) of a placed group; larger is better. Access problems are counted over the whole room
    (``access_problems``), so a group that walls off another's side pays for it."""
    members = set(cluster)
    unplaced = sum(1 for oid in cluster if oid not in st.boxes)
    implied = {id(r) for r in st.implied}
    bad_plan = bad_implied = 0
    total = 0.0
    for r in st.relations:
        if r.subject not in members:
            continue
        if r.kind not in ARCHITECTURE_RELATIONS and r.target not in st.boxes and r.target not in members:
            continue
        score = score_relation(r, st.boxes, st.room)
        total += score
        if score <= SATISFIED or not flank_ok(st, r):
            if id(r) in implied:
                bad_implied += 1
            else:
                bad_plan += 1
    access = 0 if st.compact else access_problems(st)
    return -unplaced, -bad_plan, -access, -bad_implied, total


def access_problems(st: SolverState) -> int:
    """``scenegen.freespace.access_problems`` of the floor laid out so far (cached per layout)."""
    floor = [(oid, b) for oid, b in st.boxes.items() if st.items[oid].role == "floor"]
    key = tuple(sorted((oid, b.cx, b.cy, b.yaw) for oid, b in floor))
    if key in st.access_cache:
        return st.access_cache[key]
    seats = {r.subject for r in st.relations if r.kind in FACING_KINDS and r.target in st.boxes
             and st.items[r.subject].obj.category in catalog.with_role("seat")}
    objects = [FloorObject(oid, b.cx, b.cy, b.yaw, b.width, b.depth, st.items[oid].cat.functional_sides,
                           oid in seats) for oid, b in floor]
    problems = floor_access_problems(st.room, objects, ROBOT_RADIUS, NAV_GRID, MIN_NAV_SCORE, MIN_ACC_SCORE)
    st.access_cache[key] = problems
    return problems
