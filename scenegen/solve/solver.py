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
from scenegen.geometry import footprint_corners, rects_inside_polygon, rects_overlap, rotated_extent, yaw_facing
from scenegen.scene import ARCHITECTURE_RELATIONS, AssetRef, LayoutPlan, ObjectInstance, PlannedObject, Pose, Relation, \
    Room, UnplacedObject
from scenegen.solve.relations import SATISFIED, Box, gap, room_centroid, score_relation

WALL_GAP = 0.005
"""metres between an object's back and the wall it stands against"""
CLEARANCE = 0.5
"""metres of free floor wanted in front of an object's functional sides"""
RUG_MAX_HEIGHT = 0.03
"""objects at most this tall that the catalog calls rugs/mats lie under furniture rather than beside it"""
FLAT_CATEGORIES = frozenset({"rug", "yoga_mat"})

COMPANIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "nightstand": (("bed", "next_to"),),
    "office_chair": (("desk", "in_front_of+face_to"),),
    "chair": (("dining_table", "around"), ("desk", "in_front_of+face_to"), ("kitchen_island", "around")),
    "bar_stool": (("kitchen_island", "around"), ("dining_table", "around")),
    "coffee_table": (("sofa", "in_front_of"), ("armchair", "in_front_of")),
    "tv_stand": (("sofa", "across_from"), ("armchair", "across_from"), ("bed", "across_from")),
    "side_table": (("sofa", "next_to"), ("armchair", "next_to"), ("bed", "next_to")),
    "ottoman": (("armchair", "in_front_of"), ("sofa", "in_front_of")),
    "floor_lamp": (("sofa", "next_to"), ("armchair", "next_to"), ("desk", "next_to")),
    "armchair": (("coffee_table", "near"), ("sofa", "near")),
    "weight_bench": (("dumbbell_rack", "near"),),
}
"""What a person expects an object to stand by when the prompt does not say ('a+b' asks for both relations) (nightstands flank the bed, an office chair
sits at the desk). Tried in order; used only for objects the plan gives no object-object relation, weighted below the
plan's own relations, and never reported as the plan's relations."""
CORNER_CATEGORIES = frozenset({"plant", "floor_lamp", "trash_can", "coat_rack", "laundry_basket", "speaker", "guitar"})
"""Small floor objects that a person tucks into a corner when the prompt gives them no place."""
MIDDLE_CATEGORIES = frozenset({"dining_table", "kitchen_island", "coffee_table", "ottoman", "crib", "treadmill",
                               "exercise_bike", "weight_bench", "piano"})
"""Objects that may stand free in the room; everything else without a stated place leans towards the walls, keeping
the middle of the room free to walk through."""
SNUG_KINDS = frozenset({"around", "next_to", "in_front_of", "paired"})
IMPLIED_WEIGHT = 3.0
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


def solve(plan: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, tuple[float, float, float]],
          rng: np.random.Generator) -> SolveResult:
    """Place every planned object. ``sizes`` are (width, depth, height) in metres of each object's mesh."""
    return _Solver(plan, refs, sizes, rng).run()


class _Solver:
    def __init__(self, plan: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, tuple[float, float, float]],
                 rng: np.random.Generator) -> None:
        self.plan = plan
        self.room: Room = plan.room
        self.poly = np.asarray(plan.room.footprint, dtype=float)
        self.rng = rng
        self.items = {o.id: self._item(o, refs[o.id], sizes[o.id]) for o in plan.objects}
        self.boxes: dict[str, Box] = {}
        self.unplaced: list[UnplacedObject] = []
        self.keepout = self._keepout_zones()
        self.wall_yaws = sorted({round(yaw_facing(self.room.wall_normal(i)), 9) for i in range(len(self.poly))})
        self.implied = self._implied_relations()
        self.relations = [*plan.relations, *self.implied]

    def _implied_relations(self) -> list[Relation]:
        """Companion relations (``COMPANIONS``) for objects whose plan entry has no object-object relation."""
        related = {r.subject for r in self.plan.relations if r.kind not in ARCHITECTURE_RELATIONS}
        by_category: dict[str, list[str]] = {}
        for o in self.plan.objects:
            by_category.setdefault(o.category, []).append(o.id)
        load: dict[str, int] = {}
        out = []
        for o in self.plan.objects:
            if o.id in related or self.items[o.id].role != "floor":
                continue
            for anchor_cat, kind in COMPANIONS.get(o.category, ()):
                anchors = [a for a in by_category.get(anchor_cat, []) if self.items[a].role == "floor"]
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
        cat = catalog.GENERIC if obj.generic else catalog.get(obj.category)
        kinds = {r.kind: r for r in self.plan.relations if r.subject == obj.id}
        role = cat.support
        support = None
        if "on_top" in kinds and kinds["on_top"].target:
            role, support = "object", kinds["on_top"].target
        elif "on_wall" in kinds:
            role = "wall"
        elif "hang_from_ceiling" in kinds:
            role = "ceiling"
        elif obj.category in FLAT_CATEGORIES and size[2] <= RUG_MAX_HEIGHT:
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
            zones.append((corners, 0.0 if op.kind == "door" else op.sill, f"{op.kind} {op.id}"))
        return zones

    # ---------------------------------------------------------------- main loop
    def run(self) -> SolveResult:
        self._choose_supports()
        order = self._floor_order()
        for oid in order:
            self._place_floor(self.items[oid])
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

        def constrained(oid: str) -> int:
            it = self.items[oid]
            kinds = {r.kind for r in self.plan.relations if r.subject == oid}
            return 0 if (kinds & {"corner", "against_wall", "middle_of_room"} or it.cat.against_wall) else 1

        index = {oid: i for i, oid in enumerate(floor)}
        return sorted(floor, key=lambda o: (depth(o), constrained(o), -self.items[o].size[0] * self.items[o].size[1],
                                            index[o]))

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

    def _place_floor(self, it: _Item) -> None:
        w, d, h = it.size
        x, y, yaw = self._floor_candidates(it)
        rects = footprint_corners(x, y, w / 2, d / 2, yaw)
        ok = rects_inside_polygon(self.poly, rects)
        if not ok.any():
            self._fail(it, f"{_dims(it)} does not fit inside the room ({_room_dims(self.room)})")
            return
        blockers: dict[str, int] = {}
        for oid, b in self.boxes.items():
            if self.items[oid].role != "floor":
                continue
            hit = rects_overlap(rects, b.corners, margin=1e-4) & ok
            if hit.any():
                blockers[oid] = int(hit.sum())
            ok &= ~hit
        for corners, min_h, label in self.keepout:
            if h > min_h:
                hit = rects_overlap(rects, corners, margin=1e-4) & ok
                if hit.any():
                    blockers[label] = int(hit.sum())
                ok &= ~hit
        if not ok.any():
            worst = sorted(blockers, key=lambda k: -blockers[k])[:3]
            free = self.room.area - sum(b.width * b.depth for o, b in self.boxes.items()
                                        if self.items[o].role == "floor")
            self._fail(it, f"no free floor spot for {_dims(it)}: every spot inside the room overlaps "
                           f"{', '.join(worst) or 'other objects'} ({free:.1f} m² of {self.room.area:.1f} m² left)")
            return
        idx = np.flatnonzero(ok)
        scores = self._score_floor(it, x[idx], y[idx], yaw[idx], rects[idx])
        best = idx[int(np.argmax(scores))]
        self.boxes[it.obj.id] = Box(it.obj.id, float(x[best]), float(y[best]), 0.0, float(yaw[best]), w, d, h)

    def _score_floor(self, it: _Item, x: np.ndarray, y: np.ndarray, yaw: np.ndarray, rects: np.ndarray) -> np.ndarray:
        w, d, h = it.size
        score = self.rng.uniform(0.0, 0.3, size=len(x))
        rels = [r for r in self.relations
                if (r.subject == it.obj.id and (r.target in self.boxes or r.kind in ARCHITECTURE_RELATIONS))
                or (r.target == it.obj.id and r.subject in self.boxes)]
        implied = {id(r) for r in self.implied}
        weights = [IMPLIED_WEIGHT if id(r) in implied else PLAN_WEIGHT for r in rels]
        wants_wall = it.cat.against_wall and not any(r.kind in ("middle_of_room", "around") for r in rels
                                                     if r.subject == it.obj.id)
        # Scoring candidates one by one keeps the scorers shared with the validators; candidate counts are modest.
        anchors = {r.target for r in rels if r.subject == it.obj.id and r.kind not in ARCHITECTURE_RELATIONS}
        score += 1.5 * self._front_clearance(it, x, y, yaw, skip=anchors)
        score -= 2.0 * self._blocks_others(rects, skip=anchors)
        placed_by_plan = any(r.subject == it.obj.id for r in rels)
        surrounded = any(r.kind == "around" and r.target == it.obj.id for r in self.relations)
        if surrounded and not placed_by_plan:
            preference = "middle_of_room"  # seats go all around it: give it the open middle of the room
        elif not placed_by_plan and not wants_wall:
            if it.obj.category in CORNER_CATEGORIES:
                preference = "corner"
            elif it.obj.category not in MIDDLE_CATEGORIES:
                preference = "against_wall"
            else:
                preference = None
        else:
            preference = None
        for k in range(len(x)):
            box = Box(it.obj.id, float(x[k]), float(y[k]), 0.0, float(yaw[k]), w, d, h)
            boxes = {**self.boxes, it.obj.id: box}
            for r, weight in zip(rels, weights):
                score[k] += weight * score_relation(r, boxes, self.room)
                if r.kind in SNUG_KINDS and r.subject == it.obj.id and r.target in self.boxes:
                    # inside the relation's band, closer still reads better (a chair pulled up to its table)
                    score[k] += 0.5 * max(0.0, 1.0 - gap(box, self.boxes[r.target]) / 0.6)
            if wants_wall:
                score[k] += 4.0 * score_relation_kind("against_wall", box, self.room)
            elif preference:
                weight = IMPLIED_WEIGHT if preference == "middle_of_room" else 1.0
                score[k] += weight * score_relation_kind(preference, box, self.room)
        return score

    def _front_clearance(self, it: _Item, x: np.ndarray, y: np.ndarray, yaw: np.ndarray,
                         skip: set[str | None]) -> np.ndarray:
        """1 where a CLEARANCE-deep strip in front of each functional side is inside the room and free of other
        objects (its anchors in ``skip`` excepted: a chair faces its table), else 0."""
        w, d, _ = it.size
        ok = np.ones(len(x), dtype=bool)
        for side in it.cat.functional_sides:
            strips = side_strips(x, y, yaw, w, d, side, shrink=0.9)
            ok &= rects_inside_polygon(self.poly, strips)
            for oid, b in self.boxes.items():
                if self.items[oid].role == "floor" and oid not in skip:
                    ok &= ~rects_overlap(strips, b.corners)
        return ok.astype(float)

    def _blocks_others(self, rects: np.ndarray, skip: set[str | None]) -> np.ndarray:
        """How many placed objects' functional clearance strips each candidate footprint would cover (objects in
        ``skip`` are this one's anchors: a nightstand belongs at the bed's side, a chair at the desk's front)."""
        count = np.zeros(len(rects))
        for oid, b in self.boxes.items():
            it = self.items[oid]
            if it.role != "floor" or oid in skip:
                continue
            for side in it.cat.functional_sides:
                strip = _side_strip(b, side)
                count += rects_overlap(rects, strip, margin=0.05)
        return count

    # ---------------------------------------------------------------- on top of another object
    def _place_on_support(self, it: _Item) -> None:
        w, d, h = it.size
        sup_id = it.support
        if sup_id not in self.boxes:
            why = "was not placed" if sup_id in self.items else "is not in the plan"
            self._fail(it, f"it should stand on {sup_id}, which {why}")
            return
        sup = self.boxes[sup_id]
        hw_max, hd_max = sup.width / 2 - w / 2, sup.depth / 2 - d / 2
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
        rects = footprint_corners(x, y, w / 2, d / 2, sup.yaw)
        ok = np.ones(len(x), dtype=bool)
        siblings = [b for oid, b in self.boxes.items() if b.support == sup_id]
        for b in siblings:
            ok &= ~rects_overlap(rects, b.corners, margin=1e-4)
        if not ok.any():
            self._fail(it, f"the top of {sup_id} is full ({', '.join(b.id for b in siblings)} already stand on it)")
            return
        idx = np.flatnonzero(ok)
        # Lone items sit near the middle; later ones spread out from the items already there.
        spread = np.zeros(len(idx))
        for b in siblings:
            spread += np.hypot(x[idx] - b.cx, y[idx] - b.cy)
        score = spread - 0.5 * np.hypot(gr[idx], gf[idx]) * (0 if siblings else 1) + self.rng.uniform(0, 0.01, len(idx))
        best = idx[int(np.argmax(score))]
        self.boxes[it.obj.id] = Box(it.obj.id, float(x[best]), float(y[best]), sup.top, sup.yaw, w, d, h, sup_id)

    # ---------------------------------------------------------------- walls and ceiling
    def _place_on_wall(self, it: _Item) -> None:
        w, d, h = it.size
        mount = it.cat.mount_height or 1.5
        z = float(np.clip(mount - h / 2, 0.3, self.room.height - h - 0.05))
        if z < 0:
            self._fail(it, f"{_dims(it)} is taller than the room ({self.room.height:.2f} m)")
            return
        best: tuple[float, Box] | None = None
        for i in range(len(self.poly)):
            (ax, ay), _ = self.room.wall(i)
            dx, dy = self.room.wall_direction(i)
            nx, ny = self.room.wall_normal(i)
            length = self.room.wall_length(i)
            if length < w + 0.1:
                continue
            yaw = yaw_facing((nx, ny))
            for t in np.arange(w / 2 + 0.05, length - w / 2 - 0.05 + 1e-9, 0.1):
                if self._hits_opening(i, t, w, z, h):
                    continue
                box = Box(it.obj.id, ax + dx * t + nx * (d / 2 + WALL_GAP / 5), ay + dy * t + ny * (d / 2 + WALL_GAP / 5),
                          z, yaw, w, d, h, "wall")
                if self._wall_conflict(box):
                    continue
                score = self._score_wall(it, box) + float(self.rng.uniform(0, 0.2))
                if best is None or score > best[0]:
                    best = (score, box)
        if best is None:
            self._fail(it, f"no free wall space {w:.2f} m wide at {z:.2f}–{z + h:.2f} m height clear of doors, "
                           "windows and tall furniture")
            return
        self.boxes[it.obj.id] = best[1]

    def _hits_opening(self, wall: int, t: float, w: float, z: float, h: float) -> bool:
        for op in self.room.openings:
            if op.wall != wall:
                continue
            if abs(t - op.offset) < (w + op.width) / 2 + 0.1 and z < op.sill + op.height + 0.05 and z + h > op.sill - 0.05:
                return True
        return False

    def _wall_conflict(self, box: Box) -> bool:
        for oid, b in self.boxes.items():
            if b.z < box.top and b.top > box.z and rects_overlap(box.corners[None], b.corners, margin=1e-4)[0]:
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
            if self.items[oid].role == "floor" and b.top < box.z and abs(_wrap(b.yaw - box.yaw)) < 0.1:
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
        w, d, h = it.size
        anchors = [(r.kind, self.boxes[r.target]) for r in self.plan.relations
                   if r.subject == it.obj.id and r.target in self.boxes]
        cx, cy = room_centroid(self.room)
        candidates: list[tuple[float, float, float]] = []
        for kind, b in anchors:
            candidates.append((b.cx, b.cy, b.yaw))
        candidates += [(cx, cy, yaw) for yaw in self.wall_yaws]
        x, y, yaw = (np.asarray(v) for v in zip(*candidates))
        # then a coarse grid, so a rug still finds a home when the centre is crowded by other rugs
        (x0, y0), (x1, y1) = self.room.bounds
        gx, gy = np.meshgrid(np.arange(x0, x1, 0.2), np.arange(y0, y1, 0.2))
        x = np.concatenate([x, gx.ravel()])
        y = np.concatenate([y, gy.ravel()])
        yaw = np.concatenate([yaw, np.full(gx.size, self.wall_yaws[0])])
        rects = footprint_corners(x, y, w / 2, d / 2, yaw)
        ok = rects_inside_polygon(self.poly, rects)
        for oid, b in self.boxes.items():
            if self.items[oid].role == "flat":
                ok &= ~rects_overlap(rects, b.corners, margin=1e-4)
        if not ok.any():
            self._fail(it, f"{_dims(it)} does not fit inside the room ({_room_dims(self.room)})")
            return
        idx = np.flatnonzero(ok)
        cost = np.hypot(x[idx] - (anchors[0][1].cx if anchors else cx), y[idx] - (anchors[0][1].cy if anchors else cy))
        if not anchors:  # a rug with no stated place lies in open floor rather than under the furniture
            for oid, b in self.boxes.items():
                if self.items[oid].role == "floor":
                    cost += 1.0 * rects_overlap(rects[idx], b.corners, margin=0.1)
        best = idx[int(np.argmin(cost + np.arange(len(idx)) * 1e-9))]
        self.boxes[it.obj.id] = Box(it.obj.id, float(x[best]), float(y[best]), 0.0, float(yaw[best]), w, d, h)

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


def score_relation_kind(kind: str, box: Box, room: Room) -> float:
    """Score an architecture relation of ``box`` without a Relation object (for catalog preferences)."""
    return score_relation(Relation(kind=kind, subject=box.id, target="wall"), {box.id: box}, room)  # type: ignore[arg-type]


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


def _with(b: Box, **kw: object) -> Box:
    return replace(b, **kw)  # type: ignore[arg-type]


def _wrap(a: float) -> float:
    return (a + math.pi) % (2 * math.pi) - math.pi


def _r(v: float) -> float:
    """Round to 0.1 mm so scene.json is byte-stable across platforms."""
    return round(float(v), 4) + 0.0


def _dims(it: _Item) -> str:
    w, d, _ = it.size
    return f"{it.obj.id} ({w:.2f}×{d:.2f} m)"


def _room_dims(room: Room) -> str:
    (x0, y0), (x1, y1) = room.bounds
    return f"{x1 - x0:.1f}×{y1 - y0:.1f} m"
