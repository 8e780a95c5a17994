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
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from scenegen import catalog
from scenegen.geometry import footprint_corners, overlap_matrix, rects_distance, rects_inside_polygon, rects_overlap, \
    rects_overlap_any, rotated_extent, wrap_angle, yaw_facing
from scenegen.freespace import FloorObject, access_problems
from scenegen.scene import ARCHITECTURE_RELATIONS, AssetRef, LayoutPlan, ObjectInstance, PlannedObject, Pose, Relation, \
    Room, UnplacedObject
from scenegen.thresholds import FLAT_HEIGHT, MIN_ACC_SCORE, MIN_NAV_SCORE, ROBOT_RADIUS
from scenegen.solve.relations import SATISFIED, Box, Boxes, back_wall_distance_batch, local_coords, room_centroid, \
    score_relation, score_relation_batch

WALL_GAP = 0.005
"""metres between an object's back and the wall it stands against"""
CLEARANCE = 0.5
"""metres of free floor wanted in front of an object's functional sides"""
RUG_BORDER = 0.2
"""metres of rug wanted beyond each side of the furniture a rug lies under"""
RUG_SLIDE = 0.6
"""metres a rug may slide off its anchor's centre (in the anchor's frame) to stay inside the room, e.g. when the bed
above it stands against a wall"""
RUG_SHRINK = (1.0, 0.85, 0.7, 0.55)
"""Scales tried for a rug's width and depth until every piece of floor furniture stands wholly on it or off it."""
FACING_KINDS = frozenset({"in_front_of", "face_to", "around", "across_from"})
"""Relations whose subject faces its target: the floor between them is the point, not an obstruction."""
SNUG_KINDS = frozenset({"around", "next_to", "in_front_of", "paired"})
IMPLIED_WEIGHT = 3.0
CORNER_RESERVE = 1.0
"""Penalty on a corner spot for an object not asked to stand in a corner while a corner request is still pending."""
BEAM = 6
"""How many other spots of a group's anchor are tried when greedy placement leaves the group's relations unmet."""
NAV_GRID = 128
"""raster cells along the room's longer side for the solver's floor checks (the validators use 256)"""
WORK_PER_OBJECT = 4
"""Backtracking stops once this many floor placements per floor object have been made (counted, not timed, so the
same seed gives the same scene on any machine)."""
MAX_EVICTIONS = 3
"""How many earlier groups are lifted out, one at a time, to make way for a group that could not be placed well."""
HANG_SPACING = 0.05
"""metres kept between two things hanging on the same wall"""
MOVE_MIN = 0.15
"""metres an object told to move (repair hints) must move at least, unless it also turns"""
WALL_TRIES = 4
"""How many different sets of furniture are moved, one set at a time, to free wall for a wall object."""
ALT_SPACING = 0.6
"""metres between the anchor spots tried, so that they are real alternatives rather than nudges"""
PLAN_WEIGHT = 10.0


@dataclass
class SolveResult:
    objects: list[ObjectInstance]
    unplaced: list[UnplacedObject]
    relation_scores: dict[int, float] = field(default_factory=dict)
    """index into plan.relations -> score in [0, 1]"""

    @property
    def relation_satisfaction(self) -> float:
        if not self.relation_scores:
            return 1.0
        return sum(s > SATISFIED for s in self.relation_scores.values()) / len(self.relation_scores)


@dataclass
class _Item:
    obj: PlannedObject
    ref: AssetRef
    size: tuple[float, float, float]
    role: str  # floor | object | wall | ceiling | flat
    cat: catalog.Category
    support: str | None = None

    def clearance(self, side: str) -> float:
        """metres of floor kept free beside ``side``: ``CLEARANCE``, or in front as far as its doors and drawers reach
        when open (``physics.articulation.sweep_depth``: a wardrobe's 0.6 m doors)."""
        if side != "front":
            return CLEARANCE
        from scenegen.physics.articulation import sweep_depth

        return max(CLEARANCE, sweep_depth(self.obj.category, self.size))


@dataclass
class RepairHints:
    """What the repair loop learned from the validators, as constraints and moves for the next solve.

    ``avoid``: object id -> (x, y, yaw) poses it must not take again (metres, radians; a spot within ``MOVE_MIN`` m
    and 0.1 rad counts as the same). ``first``: objects placed before the others of their kind. ``clear_front``:
    objects whose functional sides must face free floor (a hard constraint where any spot allows it).
    ``clear_openings``: objects kept out of every door's and window's clearance box, whatever their height.
    ``relation_weight``: index into ``plan.relations`` -> multiplier on that relation's weight.
    """

    avoid: dict[str, list[tuple[float, float, float]]] = field(default_factory=dict)
    first: set[str] = field(default_factory=set)
    clear_front: set[str] = field(default_factory=set)
    clear_openings: set[str] = field(default_factory=set)
    relation_weight: dict[int, float] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.avoid or self.first or self.clear_front or self.clear_openings or self.relation_weight)


def solve(plan: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, tuple[float, float, float]],
          rng: np.random.Generator, hints: RepairHints | None = None) -> SolveResult:
    """Place every planned object. ``sizes`` are (width, depth, height) in metres of each object's mesh; ``hints``
    carry the repair loop's constraints from an earlier attempt.

    The search first keeps every functional side usable and the floor connected; when that leaves objects unplaced
    (a dense room), it solves again packing tighter (those become soft preferences) and keeps whichever result
    places more objects.
    """
    compact_seed = int(rng.integers(2**32))
    roomy = _Solver(plan, refs, sizes, rng, hints).run()
    if not roomy.unplaced:
        return roomy
    packed = _Solver(plan, refs, sizes, np.random.default_rng(compact_seed), hints, compact=True).run()
    return packed if len(packed.unplaced) < len(roomy.unplaced) else roomy


def object_roles(plan: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, tuple[float, float, float]]
                 ) -> dict[str, tuple[str, str | None]]:
    """How the solver will treat each object: id -> (role, support id). Roles: floor, object (stands on the support),
    wall, ceiling, flat (a rug under the furniture)."""
    solver = _Solver(plan, refs, sizes, np.random.default_rng(0))
    solver._choose_supports()
    return {oid: (it.role, it.support) for oid, it in solver.items.items()}


class _Solver:
    def __init__(self, plan: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, tuple[float, float, float]],
                 rng: np.random.Generator, hints: RepairHints | None = None, compact: bool = False) -> None:
        self.plan = plan
        self.hints = hints or RepairHints()
        self.compact = compact
        """pack tightly: functional-side and free-floor requirements become soft (for rooms too dense for them)"""
        self.room: Room = plan.room
        self.poly = np.asarray(plan.room.footprint, dtype=float)
        self.rng = rng
        self.items = {o.id: self._item(o, refs[o.id], sizes[o.id]) for o in plan.objects}
        self.boxes: dict[str, Box] = {}
        self.unplaced: list[UnplacedObject] = []
        self.keepout = self._keepout_zones()
        self._access_cache: dict[tuple, int] = {}
        self.work = 0
        """floor placements made so far (retries included): the search's deterministic effort counter"""
        self.work_budget = WORK_PER_OBJECT * max(1, sum(1 for it in self.items.values() if it.role == "floor"))
        self.blockers: dict[str, dict[str, int]] = {}
        """object id -> {placed object or opening: how many of its candidate spots it took}, from the last attempt"""
        self.wall_yaws = sorted({round(yaw_facing(self.room.wall_normal(i)), 9) for i in range(len(self.poly))})
        self.implied = self._implied_relations()
        self.relations = [*plan.relations, *self.implied]

    def _implied_relations(self) -> list[Relation]:
        """Companion relations (``catalog.companions``) for objects whose plan entry has no object-object relation."""
        related = {r.subject for r in self.plan.relations if r.kind not in ARCHITECTURE_RELATIONS}
        by_category: dict[str, list[str]] = {}
        for o in self.plan.objects:
            by_category.setdefault(o.category, []).append(o.id)
        load: dict[str, int] = {}
        out = []
        for o in self.plan.objects:
            if o.id in related or self.items[o.id].role != "floor":
                continue
            for anchor_cat, kind in catalog.companions(o.category):
                anchors = [a for a in by_category.get(anchor_cat, []) if self.items[a].role == "floor"]
                if o.category in catalog.with_role("seat"):
                    seats = (catalog.find(anchor_cat) or catalog.GENERIC).seats or 99
                    anchors = [a for a in anchors if load.get(a, 0) < seats]
                if anchors:
                    anchor = min(anchors, key=lambda a: (load.get(a, 0), anchors.index(a)))
                    load[anchor] = load.get(anchor, 0) + 1
                    for part in kind.split("+"):
                        out.append(Relation(kind=part, subject=o.id, target=anchor,  # type: ignore[arg-type]
                                            source=f"implied: a {o.category} usually stands by a {anchor_cat}"))
                    break
        return out

    # ---------------------------------------------------------------- roles
    def _item(self, obj: PlannedObject, ref: AssetRef, size: tuple[float, float, float]) -> _Item:
        cat = catalog.for_object(obj.category, obj.generic, obj.proposal)
        kinds = {r.kind: r for r in self.plan.relations if r.subject == obj.id}
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
        return _Item(obj, ref, size, role, cat, support)

    def _choose_supports(self) -> None:
        """Give every object-supported item without an explicit 'on X' a support from the plan, spreading the load."""
        load: dict[str, int] = {}
        for it in self.items.values():
            if it.role == "object" and it.support:
                load[it.support] = load.get(it.support, 0) + 1
        for it in self.items.values():
            if it.role != "object" or it.support:
                continue
            preferred = [o for o in self.items.values() if o.obj.category in it.cat.supported_by]
            fallback = [o for o in self.items.values() if o.cat.has_top and o.obj.id != it.obj.id and o.role == "floor"]
            pool = preferred or fallback
            if not pool:
                it.role = "floor"  # nothing in the room can hold it: stand it on the floor rather than drop it
                continue
            best = min(pool, key=lambda o: (load.get(o.obj.id, 0), list(self.items).index(o.obj.id)))
            it.support = best.obj.id
            load[best.obj.id] = load.get(best.obj.id, 0) + 1

    # ---------------------------------------------------------------- zones
    def _keepout_zones(self) -> list[tuple[np.ndarray, float, str]]:
        """(corners (4, 2), minimum object height it blocks, label) per door/window clearance box."""
        zones = []
        for op in self.room.openings:
            cx, cy = self.room.opening_center(op)
            nx, ny = self.room.wall_normal(op.wall)
            depth = op.width if op.kind == "door" else 0.5
            yaw = yaw_facing((nx, ny))
            corners = footprint_corners(cx + nx * depth / 2, cy + ny * depth / 2, op.width / 2 + 0.05, depth / 2, yaw)
            zones.append((corners, op.occlusion_height, f"{op.kind} {op.id}"))
        return zones

    # ---------------------------------------------------------------- main loop
    def run(self) -> SolveResult:
        self._choose_supports()
        done: list[list[str]] = []
        for cluster in self._floor_clusters(self._floor_order()):
            self._place_cluster(cluster)
            if not _perfect(self._cluster_quality(cluster)):
                self._evict_and_retry(cluster, done)
            done.append(cluster)
        for it in self.items.values():
            if it.role == "object":
                self._place_on_support(it)
        for it in self.items.values():
            if it.role == "wall":
                self._place_on_wall(it)
            elif it.role == "ceiling":
                self._place_on_ceiling(it)
        for it in self.items.values():
            if it.role == "flat":
                self._place_flat(it)
        self._lift_onto_rugs()
        return self._result()

    def _floor_order(self) -> list[str]:
        floor = [oid for oid, it in self.items.items() if it.role == "floor"]
        depends: dict[str, set[str]] = {oid: set() for oid in floor}
        for r in self.relations:
            if r.kind in ARCHITECTURE_RELATIONS or r.subject not in depends or r.target not in depends:
                continue
            if r.subject != r.target:
                depends[r.subject].add(r.target)  # the anchor goes first
        level: dict[str, int] = {}

        def depth(oid: str, seen: frozenset[str] = frozenset()) -> int:
            if oid in level:
                return level[oid]
            if oid in seen:
                return 0  # a cycle of relations: break it where we stand
            d = 1 + max((depth(t, seen | {oid}) for t in depends[oid]), default=-1)
            level[oid] = d
            return d

        surrounded = {r.target for r in self.relations if r.kind == "around"}  # a table with seats all round

        def constrained(oid: str) -> int:
            """0: asked for a scarce place (a corner: four in a rectangle; the middle: one, also wanted by a table with
            seats all round), 1: a wall, 2: free."""
            it = self.items[oid]
            kinds = {r.kind for r in self.plan.relations if r.subject == oid}
            if kinds & {"corner", "middle_of_room"} or oid in surrounded:
                return 0
            return 1 if ("against_wall" in kinds or it.cat.against_wall) else 2

        index = {oid: i for i, oid in enumerate(floor)}
        return sorted(floor, key=lambda o: (o not in self.hints.first, depth(o), constrained(o), -self.items[o].size[0] * self.items[o].size[1],
                                            index[o]))

    def _floor_clusters(self, order: list[str]) -> list[list[str]]:
        """Floor objects grouped by the object-object relations between them (plan and implied), each group in
        placement order, groups in the order of their first member."""
        parent = {oid: oid for oid in order}

        def find(o: str) -> str:
            while parent[o] != o:
                parent[o] = parent[parent[o]]
                o = parent[o]
            return o

        for r in self.relations:
            if r.subject in parent and r.target in parent:
                parent[find(r.subject)] = find(r.target)
        clusters: dict[str, list[str]] = {}
        for oid in order:
            clusters.setdefault(find(oid), []).append(oid)
        return list(clusters.values())

    # ---------------------------------------------------------------- search
    def _place_cluster(self, cluster: list[str]) -> None:
        """Place a group greedily; if that leaves one of its relations unsatisfied or a member unplaced, try the
        group's first object (its anchor) at up to ``BEAM`` other good, distinct spots, re-placing the rest greedily
        after each, and keep the best group (backtracking on the anchor, where most conflicts are decided)."""
        saved_boxes, saved_unplaced = dict(self.boxes), list(self.unplaced)
        alternatives = self._place_floor(self.items[cluster[0]])
        for oid in cluster[1:]:
            self._place_floor(self.items[oid])
        if len(cluster) == 1:
            return
        best = (self._cluster_quality(cluster), dict(self.boxes), list(self.unplaced))
        if _perfect(best[0]):
            return
        for alt in alternatives[1:BEAM + 1]:
            if self.work >= self.work_budget:
                break
            self.boxes, self.unplaced = dict(saved_boxes), list(saved_unplaced)
            self.boxes[cluster[0]] = alt
            for oid in cluster[1:]:
                self._place_floor(self.items[oid])
            quality = self._cluster_quality(cluster)
            if quality > best[0]:
                best = (quality, dict(self.boxes), list(self.unplaced))
            if _perfect(quality):
                break
        self.boxes, self.unplaced = best[1], best[2]

    def _evict_and_retry(self, cluster: list[str], done: list[list[str]]) -> None:
        """Backtrack across groups: when a group cannot be placed well, lift out an earlier group that stands in its
        way (the objects that blocked its spots first, then the most recent groups), place this group first and the
        lifted one after it, and keep whichever order leaves fewer problems in the two groups together."""
        blocking = {b for oid in cluster for b in self.blockers.get(oid, {})}
        suspects = [c for c in done if blocking & set(c)]
        suspects += [c for c in reversed(done) if c not in suspects]
        for other in suspects[:MAX_EVICTIONS]:
            if self.work >= self.work_budget:
                return
            before = _add_quality(self._cluster_quality(cluster), self._cluster_quality(other))
            saved_boxes, saved_unplaced = dict(self.boxes), list(self.unplaced)
            gone = set(cluster) | set(other)
            self.boxes = {k: v for k, v in self.boxes.items() if k not in gone}
            self.unplaced = [u for u in self.unplaced if u.id not in gone]
            self._place_cluster(cluster)
            self._place_cluster(other)
            after = _add_quality(self._cluster_quality(cluster), self._cluster_quality(other))
            if after <= before:
                self.boxes, self.unplaced = saved_boxes, saved_unplaced
                continue
            if _perfect(self._cluster_quality(cluster)):
                return

    def _cluster_quality(self, cluster: list[str]) -> Quality:
        """(-unplaced members, -unsatisfied plan relations, -floor access problems, -unsatisfied implied relations,
        total relation score) of a placed group; larger is better. Access problems are counted over the whole room
        (``_access_problems``), so a group that walls off another's side pays for it."""
        members = set(cluster)
        unplaced = sum(1 for oid in cluster if oid not in self.boxes)
        implied = {id(r) for r in self.implied}
        bad_plan = bad_implied = 0
        total = 0.0
        for r in self.relations:
            if r.subject not in members:
                continue
            if r.kind not in ARCHITECTURE_RELATIONS and r.target not in self.boxes and r.target not in members:
                continue
            score = score_relation(r, self.boxes, self.room)
            total += score
            if score <= SATISFIED or not self._flank_ok(r):
                if id(r) in implied:
                    bad_implied += 1
                else:
                    bad_plan += 1
        access = 0 if self.compact else self._access_problems()
        return -unplaced, -bad_plan, -access, -bad_implied, total

    def _access_problems(self) -> int:
        """``scenegen.freespace.access_problems`` of the floor laid out so far (cached per layout)."""
        floor = [(oid, b) for oid, b in self.boxes.items() if self.items[oid].role == "floor"]
        key = tuple(sorted((oid, b.cx, b.cy, b.yaw) for oid, b in floor))
        if key in self._access_cache:
            return self._access_cache[key]
        seats = {r.subject for r in self.relations if r.kind in FACING_KINDS and r.target in self.boxes
                 and self.items[r.subject].obj.category in catalog.with_role("seat")}
        objects = [FloorObject(oid, b.cx, b.cy, b.yaw, b.width, b.depth, self.items[oid].cat.functional_sides,
                               oid in seats) for oid, b in floor]
        problems = access_problems(self.room, objects, ROBOT_RADIUS, NAV_GRID, MIN_NAV_SCORE, MIN_ACC_SCORE)
        self._access_cache[key] = problems
        return problems

    # ---------------------------------------------------------------- floor
    def _floor_candidates(self, it: _Item) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Candidate (x, y, yaw) arrays for a floor object."""
        w, d, _ = it.size
        xs: list[float] = []
        ys: list[float] = []
        yaws: list[float] = []
        for i in range(len(self.poly)):
            (ax, ay), _ = self.room.wall(i)
            dx, dy = self.room.wall_direction(i)
            nx, ny = self.room.wall_normal(i)
            length = self.room.wall_length(i)
            if length < w:
                continue
            lo, hi = w / 2 + WALL_GAP, length - w / 2 - WALL_GAP
            ts = np.unique(np.concatenate([np.arange(lo, hi, 0.1), [lo, hi]]))
            yaw = yaw_facing((nx, ny))
            off = d / 2 + WALL_GAP
            xs += list(ax + dx * ts + nx * off)
            ys += list(ay + dy * ts + ny * off)
            yaws += [yaw] * len(ts)
        (x0, y0), (x1, y1) = self.room.bounds
        step = max(0.1, math.sqrt((x1 - x0) * (y1 - y0) / 600))
        gx, gy = np.meshgrid(np.arange(x0 + step / 2, x1, step), np.arange(y0 + step / 2, y1, step))
        for yaw in self.wall_yaws:
            xs += list(gx.ravel())
            ys += list(gy.ravel())
            yaws += [yaw] * gx.size
        cx, cy = room_centroid(self.room)
        for yaw in self.wall_yaws:
            xs.append(cx)
            ys.append(cy)
            yaws.append(yaw)
        for r in self.relations:
            if r.subject == it.obj.id and r.target in self.boxes:
                for x, y, yaw in _relation_candidates(r.kind, self.boxes[r.target], w, d):
                    xs.append(x)
                    ys.append(y)
                    yaws.append(yaw)
        return np.asarray(xs), np.asarray(ys), np.asarray(yaws)

    def _place_floor(self, it: _Item) -> list[Box]:
        """Place a floor object at its best-scoring free spot. Returns the spot and distinct runners-up, best first
        (empty when it could not be placed; the reason is recorded)."""
        self.work += 1
        w, d, h = it.size
        x, y, yaw = self._floor_candidates(it)
        rects = footprint_corners(x, y, w / 2, d / 2, yaw)
        ok = rects_inside_polygon(self.poly, rects)
        if not ok.any():
            self._fail(it, f"{_dims(it)} does not fit inside the room ({_room_dims(self.room)})")
            return []
        labels = [oid for oid, b in self.boxes.items()
                  if self.items[oid].role == "floor" or (self.items[oid].role == "wall" and b.z < h)]
        quads = [self.boxes[oid].corners for oid in labels]
        stacked = h + max((o.size[2] for o in self.items.values() if o.role == "object" and o.support == it.obj.id),
                          default=0.0)  # a TV on its stand reaches into the window as much as a tall cabinet
        for corners, min_h, label in self.keepout:
            if stacked > min_h or it.obj.id in self.hints.clear_openings:
                labels.append(label)
                quads.append(corners)
        hits = overlap_matrix(rects, np.asarray(quads).reshape(-1, 4, 2), margin=1e-4) & ok[:, None]
        counts = hits.sum(axis=0)
        blockers = {label: int(c) for label, c in zip(labels, counts) if c}
        self.blockers[it.obj.id] = blockers
        ok &= ~hits.any(axis=1)
        ok &= ~self._avoided(it.obj.id, x, y, yaw)
        faced = {r.target for r in self.relations if r.subject == it.obj.id and r.kind in FACING_KINDS}
        sides = self._side_clearance(it, x, y, yaw, ok, skip=faced)
        if ok.any() and not self.compact:
            # Hard where the room allows it: a functional side (all of them when the repair loop asks) faces free
            # floor, so that the object can be used; otherwise fall back to the soft term in the score.
            if len(sides):
                need_all = it.obj.id in self.hints.clear_front
                usable = ok & (sides.all(axis=0) if need_all else sides.any(axis=0))
                if usable.any():
                    ok = usable
            partners = {r.target for r in self.relations if r.subject == it.obj.id}
            partners |= {r.subject for r in self.relations if r.target == it.obj.id}
            spares = ok & ~self._takes_last_side(rects, ok, skip=partners)
            if spares.any():
                ok = spares
        if not ok.any():
            worst = sorted(blockers, key=lambda k: -blockers[k])[:3]
            free = self.room.area - sum(b.width * b.depth for o, b in self.boxes.items()
                                        if self.items[o].role == "floor")
            self._fail(it, f"no free floor spot for {_dims(it)}: every spot inside the room overlaps "
                           f"{', '.join(worst) or 'other objects'} ({free:.1f} m² of {self.room.area:.1f} m² left)")
            return []
        idx = np.flatnonzero(ok)
        clear = sides[:, idx].all(axis=0) if len(sides) else np.ones(len(idx), dtype=bool)
        scores = self._score_floor(it, x[idx], y[idx], yaw[idx], rects[idx], clear)
        ranked = idx[np.argsort(-scores, kind="stable")]
        picks: list[int] = []
        for k in ranked:
            if all(math.hypot(x[k] - x[p], y[k] - y[p]) > ALT_SPACING or abs(wrap_angle(yaw[k] - yaw[p])) > 0.1
                   for p in picks):
                picks.append(int(k))
                if len(picks) > BEAM:
                    break
        spots = [Box(it.obj.id, float(x[k]), float(y[k]), 0.0, float(yaw[k]), w, d, h) for k in picks]
        self.boxes[it.obj.id] = spots[0]
        return spots

    def _avoided(self, oid: str, x: np.ndarray, y: np.ndarray, yaw: np.ndarray) -> np.ndarray:
        """(N,) bool: candidate poses the repair loop told this object to leave."""
        out = np.zeros(len(x), dtype=bool)
        for ax, ay, ayaw in self.hints.avoid.get(oid, []):
            out |= (np.hypot(x - ax, y - ay) < MOVE_MIN) & (np.abs(wrap_angle(yaw - ayaw)) < 0.1)
        return out

    def _score_floor(self, it: _Item, x: np.ndarray, y: np.ndarray, yaw: np.ndarray, rects: np.ndarray,
                     clear: np.ndarray) -> np.ndarray:
        """Soft score (N,) of candidate poses (x, y, yaw: (N,), footprints ``rects`` (N, 4, 2)); larger is better.
        ``clear`` (N,) bool: every functional side faces free floor."""
        score = self.rng.uniform(0.0, 0.3, size=len(x))
        rels = [r for r in self.relations
                if (r.subject == it.obj.id and (r.target in self.boxes or r.kind in ARCHITECTURE_RELATIONS))
                or (r.target == it.obj.id and r.subject in self.boxes)]
        implied = {id(r) for r in self.implied}
        boost = {id(r): self.hints.relation_weight.get(i, 1.0) for i, r in enumerate(self.plan.relations)}
        weights = [IMPLIED_WEIGHT if id(r) in implied else PLAN_WEIGHT * boost.get(id(r), 1.0) for r in rels]
        wants_wall = it.cat.against_wall and not any(r.kind in ("middle_of_room", "around") for r in rels
                                                     if r.subject == it.obj.id)
        anchors = {r.target for r in rels if r.subject == it.obj.id and r.kind not in ARCHITECTURE_RELATIONS}
        score += 1.5 * clear
        score -= 2.0 * self._blocks_others(rects, skip=anchors)
        score += self._flank_head(it, x, y, rels)
        placed_by_plan = any(r.subject == it.obj.id for r in rels)
        surrounded = any(r.kind == "around" and r.target == it.obj.id for r in self.relations)
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
            mine = r.subject == it.obj.id
            other = self.boxes.get((r.target if mine else r.subject) or "")
            other_boxes = Boxes.of(other) if other is not None else None
            anchor = self.boxes.get(str(r.params.get("anchor", "")))
            anchor_boxes = Boxes.of(anchor) if anchor is not None else None
            if mine:
                score += weight * score_relation_batch(r, cand, other_boxes, self.room, anchor_boxes)
            elif other_boxes is not None:
                score += weight * score_relation_batch(r, other_boxes, cand, self.room, anchor_boxes)
            if r.kind in SNUG_KINDS and mine and other_boxes is not None:
                # inside the relation's band, closer still reads better (a chair pulled up to its table)
                score += 0.5 * np.clip(1.0 - rects_distance(cand.corners, other_boxes.corners) / 0.6, 0.0, None)
        if wants_wall:
            score += 4.0 * _arch_score("against_wall", cand, self.room)
        if preference:
            weight = IMPLIED_WEIGHT if preference == "middle_of_room" else 1.0
            score += weight * _arch_score(preference, cand, self.room)
        if wants_wall or any(r.kind == "against_wall" and r.subject == it.obj.id for r in rels):
            # inside the 0.3 m band, flush reads better: a wardrobe stands at the wall, not a hand's width off it
            score += 0.5 * np.clip(1.0 - back_wall_distance_batch(cand, self.room) / 0.3, 0.0, None)
        if self._corner_requests_pending(it):
            # corners are scarce: leave them to the objects the prompt puts in a corner
            score -= CORNER_RESERVE * _arch_score("corner", cand, self.room)
        return score

    def _corner_requests_pending(self, it: _Item) -> bool:
        """Whether objects not yet placed (other than ``it``) are asked to stand in a corner while ``it`` is not."""
        mine = any(r.kind == "corner" and r.subject == it.obj.id for r in self.plan.relations)
        return not mine and any(r.kind == "corner" and r.subject != it.obj.id and r.subject not in self.boxes
                                for r in self.plan.relations)

    def _flank_ok(self, r: Relation) -> bool:
        """False when ``r`` is a next_to that should flank its target's head end (``catalog.flanks_head``) and does
        not."""
        s, t = self.boxes.get(r.subject), self.boxes.get(r.target or "")
        if r.kind != "next_to" or s is None or t is None:
            return True
        if not catalog.flanks_head(self.items[s.id].obj.category, self.items[t.id].obj.category):
            return True
        right, fwd = local_coords(Boxes.of(t), np.array([s.cx]), np.array([s.cy]))
        return bool(abs(right[0]) > t.width / 2 and abs(fwd[0] - (-t.depth / 2 + s.depth / 2)) < 0.2)

    def _flank_head(self, it: _Item, x: np.ndarray, y: np.ndarray, rels: list[Relation]) -> np.ndarray:
        """Bonus (N,) for standing beside the head end of the object it is next to, when the catalog says so (a
        nightstand flanks the bed's head, not its foot)."""
        bonus = np.zeros(len(x))
        for r in rels:
            t = self.boxes.get(r.target or "")
            if r.subject != it.obj.id or r.kind != "next_to" or t is None:
                continue
            if not catalog.flanks_head(it.obj.category, self.items[t.id].obj.category):
                continue
            right, fwd = local_coords(Boxes.of(t), x, y)
            head = -t.depth / 2 + it.size[1] / 2
            beside = np.abs(right) > t.width / 2
            bonus += 2.0 * beside * np.clip(1.0 - np.abs(fwd - head) / 0.4, 0.0, None)
        return bonus

    def _side_clearance(self, it: _Item, x: np.ndarray, y: np.ndarray, yaw: np.ndarray, where: np.ndarray,
                        skip: set[str | None]) -> np.ndarray:
        """(n_sides, N) bool: whether a strip as deep as the side's clearance (``_Item.clearance``) beside each
        functional side is inside the room and free
        of other objects (those in ``skip`` excepted: a chair faces its table); computed where ``where`` is True,
        False elsewhere."""
        w, d, _ = it.size
        out = np.zeros((len(it.cat.functional_sides), len(x)), dtype=bool)
        idx = np.flatnonzero(where)
        others = [b.corners for oid, b in self.boxes.items() if self.items[oid].role == "floor" and oid not in skip]
        for k, side in enumerate(it.cat.functional_sides):
            strips = side_strips(x[idx], y[idx], yaw[idx], w, d, side, depth=it.clearance(side), shrink=0.9)
            out[k, idx] = rects_inside_polygon(self.poly, strips) & ~rects_overlap_any(strips, others)
        return out

    def _takes_last_side(self, rects: np.ndarray, where: np.ndarray, skip: set[str | None]) -> np.ndarray:
        """(N,) bool: candidate footprints (those where ``where`` is True) that would cover the last free functional
        side of a placed object (its clearance strip), leaving it unusable. Objects in ``skip`` are this one's
        partners (a chair at its desk)."""
        floor = [oid for oid in self.boxes if self.items[oid].role == "floor"]
        strips_l, owner_l = [], []
        for k, oid in enumerate(floor):
            if oid in skip:
                continue
            b = self.boxes[oid]
            for side in self.items[oid].cat.functional_sides:
                strips_l.append(side_strips(b.cx, b.cy, b.yaw, b.width, b.depth, side,
                                            depth=self.items[oid].clearance(side), shrink=0.9))
                owner_l.append(k)
        if not strips_l:
            return np.zeros(len(rects), dtype=bool)
        strips, owners = np.asarray(strips_l), np.asarray(owner_l)
        blocked = overlap_matrix(strips, np.asarray([self.boxes[o].corners for o in floor]))  # (S, M)
        blocked[np.arange(len(strips)), owners] = False  # an object does not block its own strip
        free = rects_inside_polygon(self.poly, strips) & ~blocked.any(axis=1)
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

    def _blocks_others(self, rects: np.ndarray, skip: set[str | None]) -> np.ndarray:
        """How many placed objects' functional clearance strips each candidate footprint would cover (objects in
        ``skip`` are this one's anchors: a nightstand belongs at the bed's side, a chair at the desk's front)."""
        strips = [_side_strip(b, side) for oid, b in self.boxes.items()
                  if self.items[oid].role == "floor" and oid not in skip for side in self.items[oid].cat.functional_sides]
        if not strips:
            return np.zeros(len(rects))
        return overlap_matrix(rects, np.asarray(strips), margin=0.05).sum(axis=1).astype(float)

    # ---------------------------------------------------------------- on top of another object
    def _place_on_support(self, it: _Item) -> None:
        w, d, h = it.size
        sup_id = it.support
        if sup_id not in self.boxes:
            why = "was not placed" if sup_id in self.items else "is not in the plan"
            self._fail(it, f"it should stand on {sup_id}, which {why}")
            return
        sup = self.boxes[sup_id]
        turn = 0.0
        hw_max, hd_max = sup.width / 2 - w / 2, sup.depth / 2 - d / 2
        if (hw_max < -1e-6 or hd_max < -1e-6) and sup.width >= d and sup.depth >= w:
            turn = math.pi / 2  # too deep for the top as it comes, but it fits turned a quarter (books on a shelf)
            hw_max, hd_max = sup.width / 2 - d / 2, sup.depth / 2 - w / 2
        if hw_max < -1e-6 or hd_max < -1e-6:
            self._fail(it, f"{_dims(it)} is larger than the top of {sup_id} ({sup.width:.2f}×{sup.depth:.2f} m)")
            return
        rs = np.linspace(-max(hw_max, 0), max(hw_max, 0), max(1, int(2 * max(hw_max, 0) / 0.05) + 1))
        fs = np.linspace(-max(hd_max, 0), max(hd_max, 0), max(1, int(2 * max(hd_max, 0) / 0.05) + 1))
        gr, gf = np.meshgrid(rs, fs)
        gr, gf = gr.ravel(), gf.ravel()
        c, s = math.cos(sup.yaw), math.sin(sup.yaw)
        x = sup.cx + gr * c - gf * s
        y = sup.cy + gr * s + gf * c
        rects = footprint_corners(x, y, w / 2, d / 2, sup.yaw + turn)
        ok = np.ones(len(x), dtype=bool)
        siblings = [b for oid, b in self.boxes.items() if b.support == sup_id]
        hanging = [b for oid, b in self.boxes.items() if self.items[oid].role in ("wall", "ceiling")
                   and b.z < sup.top + h and b.top > sup.top]  # a lamp stays clear of the picture above its desk
        for b in siblings + hanging:
            ok &= ~_overlaps(rects, b.corners, margin=1e-4)
        moved = ok & ~self._avoided(it.obj.id, x, y, np.full(len(x), sup.yaw + turn))
        ok = moved if moved.any() else ok  # on a small top there may be nowhere else to go
        if not ok.any():
            self._fail(it, f"the top of {sup_id} is full ({', '.join(b.id for b in siblings)} already stand on it)")
            return
        idx = np.flatnonzero(ok)
        # A lone item sits near the middle; when more will share the top, the first goes to one end and later ones
        # spread out from the items already there, so the top fills like a shelf rather than from its centre.
        pending = sum(1 for o in self.items.values() if o.role == "object" and o.support == sup_id
                      and o.obj.id not in self.boxes and o is not it)
        spread = np.zeros(len(idx))
        for b in siblings:
            spread += np.hypot(x[idx] - b.cx, y[idx] - b.cy)
        if siblings:
            centring = 0.0
        elif pending:
            centring = -gr[idx] - 0.5 * np.abs(gf[idx])  # the left end, front to back centred
        else:
            centring = -0.5 * np.hypot(gr[idx], gf[idx])
        score = spread + centring + self.rng.uniform(0, 0.01, len(idx))
        best = idx[int(np.argmax(score))]
        self.boxes[it.obj.id] = Box(it.obj.id, float(x[best]), float(y[best]), sup.top,
                                    float(wrap_angle(sup.yaw + turn)), w, d, h, sup_id)

    # ---------------------------------------------------------------- walls and ceiling
    def _place_on_wall(self, it: _Item) -> None:
        w, d, h = it.size
        mount = it.cat.mount_height or 1.5
        z = float(np.clip(mount - h / 2, 0.3, self.room.height - h - 0.05))
        if z < 0:
            self._fail(it, f"{_dims(it)} is taller than the room ({self.room.height:.2f} m)")
            return
        spots = self._wall_spots(it, z)
        free = [(score, box) for score, box, blocking in spots if not blocking]
        if free:
            self.boxes[it.obj.id] = max(free, key=lambda s: s[0])[1]
            return
        if not self._make_wall_room(it, spots):
            self._fail(it, f"no free wall space {w:.2f} m wide at {z:.2f}–{z + h:.2f} m height clear of doors, "
                           "windows and tall furniture")

    def _wall_spots(self, it: _Item, z: float) -> list[tuple[float, Box, list[str]]]:
        """Spots along the walls clear of openings and of other wall and ceiling objects: (score, box, ids of the
        floor-standing objects and items on them that stand in the way at that height)."""
        w, d, h = it.size
        out: list[tuple[float, Box, list[str]]] = []
        hanging = [b for oid, b in self.boxes.items() if self.items[oid].role in ("wall", "ceiling")]
        standing = [(oid, b) for oid, b in self.boxes.items() if self.items[oid].role not in ("wall", "ceiling")
                    and b.z < z + h and b.top > z]
        for i in range(len(self.poly)):
            (ax, ay), _ = self.room.wall(i)
            dx, dy = self.room.wall_direction(i)
            nx, ny = self.room.wall_normal(i)
            length = self.room.wall_length(i)
            if length < w + 0.1:
                continue
            yaw = yaw_facing((nx, ny))
            ts = np.array([t for t in np.arange(w / 2 + 0.05, length - w / 2 - 0.05 + 1e-9, 0.1)
                           if not self._hits_opening(i, t, w, z, h)])
            if not len(ts):
                continue
            off = d / 2 + WALL_GAP / 5
            x, y = ax + dx * ts + nx * off, ay + dy * ts + ny * off
            rects = footprint_corners(x, y, w / 2, d / 2, yaw)
            ok = ~rects_overlap_any(rects, [b.corners for b in hanging if b.z < z + h and b.top > z],
                                    margin=-HANG_SPACING)
            ok &= ~self._avoided(it.obj.id, x, y, np.full(len(x), yaw))
            in_way = overlap_matrix(rects, np.asarray([b.corners for _, b in standing]).reshape(-1, 4, 2),
                                    margin=1e-4)
            for k in np.flatnonzero(ok):
                box = Box(it.obj.id, float(x[k]), float(y[k]), z, yaw, w, d, h, "wall")
                blocking = [standing[j][0] for j in np.flatnonzero(in_way[k])]
                score = self._score_wall(it, box) + float(self.rng.uniform(0, 0.2)) if not blocking else 0.0
                out.append((score, box, blocking))
        return out

    def _make_wall_room(self, it: _Item, spots: list[tuple[float, Box, list[str]]]) -> bool:
        """When furniture covers every free stretch of wall, hang ``it`` where the fewest objects stand in the way and
        move those (with whatever stands on them) elsewhere; undo and report failure if one of them then has no
        place. Tries the ``WALL_TRIES`` least-blocked spots."""
        spots = sorted(spots, key=lambda s: (len(s[2]), s[1].cx, s[1].cy))
        tried: set[tuple[str, ...]] = set()
        for _, box, blocking in spots:
            movers = self._with_dependents({self.boxes[oid].support if self.items[oid].role == "object"
                                            else oid for oid in blocking})
            key = tuple(sorted(movers))
            if key in tried or any(self.items[m].role not in ("floor", "object") for m in movers):
                continue
            tried.add(key)
            if len(tried) > WALL_TRIES:
                break
            saved_boxes, saved_unplaced = dict(self.boxes), list(self.unplaced)
            for m in movers:
                del self.boxes[m]
            self.boxes[it.obj.id] = box
            for m in movers:
                if self.items[m].role == "floor":
                    self._place_floor(self.items[m])
            for m in movers:
                if self.items[m].role == "object":
                    self._place_on_support(self.items[m])
            if all(m in self.boxes for m in movers):
                return True
            self.boxes, self.unplaced = saved_boxes, saved_unplaced
        return False

    def _with_dependents(self, ids: set[str | None]) -> list[str]:
        """``ids`` (floor objects) and the items standing on them, floor objects first."""
        floor = sorted(i for i in ids if i)
        items = sorted(oid for oid, b in self.boxes.items() if b.support in floor and self.items[oid].role == "object")
        return floor + items

    def _hits_opening(self, wall: int, t: float, w: float, z: float, h: float) -> bool:
        for op in self.room.openings:
            if op.wall != wall:
                continue
            if abs(t - op.offset) < (w + op.width) / 2 + 0.1 and z < op.sill + op.height + 0.05 and z + h > op.sill - 0.05:
                return True
        return False

    def _score_wall(self, it: _Item, box: Box) -> float:
        score = 0.0
        boxes = {**self.boxes, it.obj.id: box}
        for r in self.plan.relations:
            if r.subject == it.obj.id and r.kind != "on_wall":
                score += 10.0 * score_relation(r, boxes, self.room)
        # A picture reads best centred over furniture that stands against the same wall below it.
        for oid, b in self.boxes.items():
            if self.items[oid].role == "floor" and b.top < box.z and abs(wrap_angle(b.yaw - box.yaw)) < 0.1:
                off = math.hypot(b.cx - box.cx, b.cy - box.cy) - (b.depth + box.depth) / 2
                if off < 0.6:
                    score += 2.0 * max(0.0, 1.0 - off / 0.6) * min(1.0, b.width / max(box.width, 1e-6))
        return score

    def _place_on_ceiling(self, it: _Item) -> None:
        w, d, h = it.size
        z = self.room.height - h
        if z < 1.9:
            self._fail(it, f"{_dims(it)} would hang below 1.9 m in a {self.room.height:.2f} m high room")
            return
        cx, cy = room_centroid(self.room)
        anchors = [self.boxes[r.target] for r in self.plan.relations
                   if r.subject == it.obj.id and r.target in self.boxes]
        tx, ty = (anchors[0].cx, anchors[0].cy) if anchors else (cx, cy)
        (x0, y0), (x1, y1) = self.room.bounds
        gx, gy = np.meshgrid(np.arange(x0, x1, 0.1), np.arange(y0, y1, 0.1))
        x, y = gx.ravel(), gy.ravel()
        rects = footprint_corners(x, y, w / 2, d / 2, 0.0)
        ok = rects_inside_polygon(self.poly, rects)
        others = [b for oid, b in self.boxes.items() if self.items[oid].role == "ceiling"]
        for b in others:
            ok &= np.hypot(x - b.cx, y - b.cy) > max(w, d) + 0.8
        if not ok.any():
            self._fail(it, "no free ceiling spot inside the room")
            return
        idx = np.flatnonzero(ok)
        best = idx[int(np.argmin(np.hypot(x[idx] - tx, y[idx] - ty)))]
        self.boxes[it.obj.id] = Box(it.obj.id, float(x[best]), float(y[best]), z, 0.0, w, d, h, "ceiling")

    # ---------------------------------------------------------------- rugs
    def _place_flat(self, it: _Item) -> None:
        """A rug: under its anchor (or in open floor), inside the room, off other rugs, and with every piece of
        floor furniture either wholly on it or wholly off it (legs on a rug's edge leave the others in the air, which
        fails SceneEval's support). When no spot allows that, the rug is made smaller (``RUG_SHRINK``)."""
        w, d, h = it.size
        anchors = [self.boxes[r.target] for r in self.plan.relations if r.subject == it.obj.id and r.target in self.boxes]
        cx, cy = room_centroid(self.room)
        ax, ay = (anchors[0].cx, anchors[0].cy) if anchors else (cx, cy)
        tries = self._rug_scales(it, anchors)
        if anchors:  # first every size with the anchor wholly on the rug, then any place at all
            tries = [(sx, sy, True) for sx, sy in tries] + [(sx, sy, False) for sx, sy in tries]
        else:
            tries = [(sx, sy, False) for sx, sy in tries]
        for sx, sy, under_anchor in tries:
            x, y, yaw = self._flat_candidates(anchors, cx, cy, fine=sx < 1.0)
            rects = footprint_corners(x, y, sx * w / 2, sy * d / 2, yaw)
            ok = rects_inside_polygon(self.poly, rects)
            for oid, b in self.boxes.items():
                if self.items[oid].role == "flat":
                    ok &= ~_overlaps(rects, b.corners, margin=1e-4)
            if (sx, sy) == (1.0, 1.0) and not ok.any():
                self._fail(it, f"{_dims(it)} does not fit inside the room ({_room_dims(self.room)})")
                return
            for oid, b in self.boxes.items():
                if self.items[oid].role == "floor":
                    ok &= ~_partly_over(rects, b.corners)
            if under_anchor:
                ok &= _overlaps(rects, anchors[0].corners, margin=1e-4)  # not partly over, so wholly on
            if ok.any():
                break
        else:
            self._fail(it, f"{_dims(it)} has no spot where each piece of furniture stands wholly on it or off it")
            return
        if (sx, sy) != (1.0, 1.0):
            w, d = round(sx * w, 4), round(sy * d, 4)
            it.size, it.ref = (w, d, h), it.ref.model_copy(update={"params": {**it.ref.params, "width": w, "depth": d}})
        idx = np.flatnonzero(ok)
        cost = np.hypot(x[idx] - ax, y[idx] - ay)
        if not anchors:  # a rug with no stated place lies in open floor rather than under the furniture
            for oid, b in self.boxes.items():
                if self.items[oid].role == "floor":
                    cost += 1.0 * _overlaps(rects[idx], b.corners, margin=0.1)
        best = idx[int(np.argmin(cost + np.arange(len(idx)) * 1e-9))]
        self.boxes[it.obj.id] = Box(it.obj.id, float(x[best]), float(y[best]), 0.0, float(yaw[best]), w, d, h)

    def _rug_scales(self, it: _Item, anchors: list[Box]) -> list[tuple[float, float]]:
        """(width, depth) scale factors to try for a rug, in order: for a rug under an anchor, first the size that
        holds the anchor's whole footprint with ``RUG_BORDER`` to spare (within the catalog's largest rug), so a bed
        stands wholly on its rug; then ``RUG_SHRINK``."""
        shrink = [(s, s) for s in RUG_SHRINK]
        if not anchors:
            return shrink
        w, d, _ = it.size
        big_w, big_d, _ = it.cat.size_max
        a = anchors[0]
        sx = min(max(1.0, (a.width + 2 * RUG_BORDER) / w), big_w / w)
        sy = min(max(1.0, (a.depth + 2 * RUG_BORDER) / d), big_d / d)
        return [(round(sx, 4), round(sy, 4))] + shrink if (sx, sy) != (1.0, 1.0) else shrink

    def _flat_candidates(self, anchors: list[Box], cx: float, cy: float,
                         fine: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rug centres and yaws to try (x, y, yaw arrays, metres and radians): on each anchor and slid around it by up to
        ``RUG_SLIDE``, at the room's centroid
        in each wall direction, then a 0.2 m grid at the first wall direction (``fine``: 0.1 m in every one)."""
        shifts = np.arange(-RUG_SLIDE, RUG_SLIDE + 1e-9, 0.1)
        candidates = [(b.cx, b.cy, b.yaw) for b in anchors] + [
            (b.cx + u * math.cos(b.yaw) - v * math.sin(b.yaw), b.cy + u * math.sin(b.yaw) + v * math.cos(b.yaw), b.yaw)
            for b in anchors for u in shifts for v in shifts] + [(cx, cy, yaw) for yaw in self.wall_yaws]
        x, y, yaw = (np.asarray(v) for v in zip(*candidates))
        (x0, y0), (x1, y1) = self.room.bounds
        step, yaws = (0.1, self.wall_yaws) if fine else (0.2, self.wall_yaws[:1])
        gx, gy, gyaw = (v.ravel() for v in np.meshgrid(np.arange(x0, x1, step), np.arange(y0, y1, step),
                                                        np.asarray(yaws), indexing="xy"))
        return np.concatenate([x, gx]), np.concatenate([y, gy]), np.concatenate([yaw, gyaw])

    def _lift_onto_rugs(self) -> None:
        """Furniture whose footprint overlaps a rug stands on the rug: raise it (and what stands on it) by the rug."""
        rugs = [b for oid, b in self.boxes.items() if self.items[oid].role == "flat"]
        if not rugs:
            return
        lift: dict[str, float] = {}
        for oid, b in self.boxes.items():
            if self.items[oid].role != "floor":
                continue
            over = [r for r in rugs if rects_overlap(b.corners[None], r.corners, margin=1e-4)[0]]
            if over:
                top = max(r.top for r in over)
                lift[oid] = top
                self.boxes[oid] = _with(b, z=top, support=max(over, key=lambda r: r.top).id)
        for oid, b in list(self.boxes.items()):
            if b.support in lift and self.items[oid].role == "object":
                self.boxes[oid] = _with(b, z=b.z + lift[b.support])

    # ---------------------------------------------------------------- output
    def _fail(self, it: _Item, reason: str) -> None:
        self.unplaced.append(UnplacedObject(id=it.obj.id, category=it.obj.category, reason=reason))

    def _result(self) -> SolveResult:
        objects = []
        for oid, it in self.items.items():
            b = self.boxes.get(oid)
            if b is None:
                continue
            ex, ey = rotated_extent(b.width / 2, b.depth / 2, b.yaw)
            objects.append(ObjectInstance(
                id=oid, category=it.obj.category, asset=it.ref,
                pose=Pose(position=(_r(b.cx), _r(b.cy), _r(b.z)), yaw=round(b.yaw, 9) + 0.0),
                size=(_r(b.width), _r(b.depth), _r(b.height)),
                bbox=((_r(b.cx - ex), _r(b.cy - ey), _r(b.z)), (_r(b.cx + ex), _r(b.cy + ey), _r(b.top))),
                attributes=it.obj.attributes, support=b.support, generic=it.obj.generic, mesh_node=oid,
            ))
        scores = {i: round(score_relation(r, self.boxes, self.room), 6) for i, r in enumerate(self.plan.relations)}
        return SolveResult(objects, self.unplaced, scores)


def _arch_score(kind: str, cand: Boxes, room: Room) -> np.ndarray:
    """Scores (N,) of an architecture relation for candidate poses, without a plan relation (catalog preferences)."""
    return score_relation_batch(Relation(kind=kind, subject="_", target="wall"), cand, None, room)  # type: ignore[arg-type]


def _relation_candidates(kind: str, t: Box, w: float, d: float) -> list[tuple[float, float, float]]:
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
        # seats along each side of the anchor, a little apart from it, each facing the anchor's centre
        for sign, length, across in ((1.0, t.width, t.depth), (-1.0, t.width, t.depth)):
            for along in _spots_along(length, w):
                at(along, sign * (across / 2 + d / 2 + 0.05), yaw_facing((-sign * -s, -sign * c)))
        for sign in (1.0, -1.0):
            for along in _spots_along(t.depth, w):
                at(sign * (t.width / 2 + d / 2 + 0.05), along, yaw_facing((-sign * c, -sign * s)))
    if kind in ("under", "middle_of"):
        at(0.0, 0.0, t.yaw)
    return out


def _spots_along(length: float, w: float) -> list[float]:
    """Offsets (metres, centred on 0) of up to three seats of width ``w`` along a side ``length`` long."""
    if length <= w:
        return [0.0]
    n = max(1, min(3, int(length // (w + 0.1))))
    return [float(v) for v in np.linspace(-(length - w) / 2, (length - w) / 2, n)] if n > 1 else [0.0]


def side_strips(x: np.ndarray | float, y: np.ndarray | float, yaw: np.ndarray | float, w: float, d: float, side: str,
                depth: float = CLEARANCE, shrink: float = 1.0) -> np.ndarray:
    """Footprints of the ``depth``-deep strips of floor beside ``side`` (front/back/left/right) of boxes of width ``w``
    and depth ``d`` centred at (x, y) with ``yaw``; ``shrink`` scales the strip about its centre. (..., 4, 2) metres."""
    if side in ("front", "back"):
        sign = 1.0 if side == "front" else -1.0
        right, fwd, hw, hd = 0.0, sign * (d / 2 + depth / 2), w / 2, depth / 2
    else:
        sign = 1.0 if side == "right" else -1.0
        right, fwd, hw, hd = sign * (w / 2 + depth / 2), 0.0, depth / 2, d / 2
    c, s = np.cos(yaw), np.sin(yaw)
    return footprint_corners(x + right * c - fwd * s, y + right * s + fwd * c, hw * shrink, hd * shrink, yaw)


def _side_strip(b: Box, side: str) -> np.ndarray:
    return side_strips(b.cx, b.cy, b.yaw, b.width, b.depth, side)


Quality = tuple[int, int, int, int, float]


def _perfect(q: Quality) -> bool:
    return q[0] == 0 and q[1] == 0 and q[2] == 0 and q[3] == 0


def _add_quality(a: Quality, b: Quality) -> Quality:
    return a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]


def _overlaps(rects: np.ndarray, quad: np.ndarray, margin: float = 0.0) -> np.ndarray:
    """(N,) bool: which of ``rects`` (N, 4, 2) overlap ``quad`` (4, 2) by more than ``margin`` metres."""
    return rects_overlap_any(rects, [quad], margin)


def _partly_over(rects: np.ndarray, quad: np.ndarray, tol: float = 1e-4) -> np.ndarray:
    """(N,) bool: which of ``rects`` (N, 4, 2, counter-clockwise) ``quad`` (4, 2) overlaps without lying wholly inside
    (each corner inside or within ``tol`` metres of the edges)."""
    edges = np.roll(rects, -1, axis=1) - rects
    lengths = np.linalg.norm(edges, axis=-1) + 1e-12
    inside = np.ones(len(rects), dtype=bool)
    for p in quad:
        rel = p[None, None, :] - rects
        inside &= np.all((edges[..., 0] * rel[..., 1] - edges[..., 1] * rel[..., 0]) / lengths >= -tol, axis=1)
    return _overlaps(rects, quad, margin=tol) & ~inside


def _with(b: Box, **kw: object) -> Box:
    return replace(b, **kw)  # type: ignore[arg-type]


def _r(v: float) -> float:
    """Round to 0.1 mm so scene.json is byte-stable across platforms."""
    return round(float(v), 4) + 0.0


def _dims(it: _Item) -> str:
    w, d, _ = it.size
    return f"{it.obj.id} ({w:.2f}×{d:.2f} m)"


def _room_dims(room: Room) -> str:
    (x0, y0), (x1, y1) = room.bounds
    return f"{x1 - x0:.1f}×{y1 - y0:.1f} m"
