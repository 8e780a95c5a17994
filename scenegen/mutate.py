"""Fault injection: plant one known fault in a Scene, for users who want to test a checker and as the proof that ours
catch what they claim (``scenegen.evaluate``).

``mutate(scene, kind, rng)`` returns a new Scene (the input is never changed) and a ``PlantedFault`` saying what was
done, to which objects, and which validator(s) should catch it. Targets are chosen so the fault is real (``float`` only
on objects that stand on something, ``recolour`` only on objects whose plan asks a colour, ...); a scene with no
eligible target raises a one-line ``ValueError``. Every choice comes from ``rng``, so a generator seeded the same way
plants the same fault.

Moved objects carry whatever stands on them (a lamp moves with its nightstand), so a move plants one fault rather than
a second, floating one. Units: metres, radians, z up, floor at z = 0 (``scenegen.scene``); ``bbox`` is recomputed
from pose and size the way the solver does it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from scenegen import catalog
from scenegen.catalog import support_kind
from scenegen.assets.colours import COLOURS, colour_rgb
from scenegen.geometry import footprint_corners, rects_overlap, rotated_extent, wrap_angle, yaw_facing
from scenegen.scene import ARCHITECTURE_RELATIONS, ObjectInstance, Opening, Pose, Relation, Report, Room, Scene
from scenegen.solve.relations import SATISFIED, Box, score_relation
from scenegen.thresholds import ROBOT_RADIUS as ROBOT_RADIUS_M

FaultKind = Literal["float", "sink", "overlap", "through_wall", "block_door", "wall_off_corner", "drop",
                    "swap_relation", "recolour"]

EXPECTED: dict[str, tuple[str, ...]] = {
    "float": ("support", "stability"),
    "sink": ("support", "stability"),
    "overlap": ("collision",),
    "through_wall": ("out_of_bounds",),
    "block_door": ("opening_clearance",),
    "wall_off_corner": ("navigability",),
    "drop": ("counts",),
    "swap_relation": ("relations",),
    "recolour": ("attributes",),
}
"""Fault kind -> the validators expected to catch it."""

FAULT_KINDS: tuple[str, ...] = tuple(EXPECTED)

SCENE_LEVEL: frozenset[str] = frozenset({"navigability"})
"""Validators that judge the whole floor rather than objects: any ``fail`` from them counts as catching a fault."""

FLOAT_LIFT_M = (0.05, 0.30)
SINK_DEPTH_M = (0.03, 0.10)
MIN_SINK_HEIGHT_M = 0.15
"""Only objects at least this tall are sunk, so a 10 cm sink leaves most of the object above the floor."""
OVERLAP_FRACTION = (0.3, 0.7)
"""Penetration of an overlap, as a fraction of the smaller of the two objects' extents along the push."""
MIN_SHARED_VOLUME_M3 = 2e-5
"""An overlap must put at least this much of one mesh inside the other (20 cm³, a 2.7 cm cube, as sampled by
``shared_volume``): boxes can overlap with no mesh contact at all (a chair slid under a table top)."""
THROUGH_WALL_FRACTION = (0.25, 0.5)
"""How much of an object's extent across the wall ends up outside the room."""
BIG_FOOTPRINT_M2 = 0.2
"""A door is blocked with an object of at least this footprint."""
POCKET_MIN_M = 0.8
"""Smallest side of the floor pocket that ``wall_off_corner`` cuts off."""
POCKET_MIN_SHARE = 0.15
"""The pocket must hold at least this fraction of the room's free floor (robot-centre area after eroding by
``ROBOT_RADIUS_M``): half as much again as the 10 % that navigability tolerates as raster noise and slivers, so the
planted fault is a room cut in two rather than a sliver."""
BARRIER_MIN_LENGTH_M = 0.5
"""Objects shorter than this (longest side) are not used as barriers."""
RECOLOUR_MIN_DISTANCE = 0.45
"""A recolour picks a named colour at least this far (Euclidean, RGB in [0, 1]) from the asked one."""
BARRIER_GAP_M = 0.15
"""Gaps left between a ``wall_off_corner`` barrier and the walls, and between its two objects: under the robot's
0.4 m diameter, so nothing can pass, yet the objects need not touch the walls."""


class PlantedFault(BaseModel):
    """What ``mutate`` did: the fault kind, the objects it was planted on, the validators expected to catch it, and
    the numbers it used (metres, radians, RGB in [0, 1])."""

    model_config = ConfigDict(extra="forbid")

    kind: FaultKind
    object_ids: list[str] = Field(description="the objects the fault is about; a catching finding names one of them")
    validators: list[str] = Field(description="validators expected to catch it")
    params: dict[str, Any] = Field(default_factory=dict)
    moved: list[str] = Field(default_factory=list, description="every object changed, carried ones included")
    match: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="validator -> evidence items a catching finding must also hold (the "
                                          "broken relation's kind and subject, the dropped object's category)")
    description: str = ""

    def caught_by(self, report: Report, validator: str) -> bool:
        """Whether ``validator`` caught this fault in ``report``: a ``fail`` finding naming one of ``object_ids``
        (and holding ``match[validator]`` in its evidence), or for whole-floor validators (``SCENE_LEVEL``) any
        ``fail``."""
        fails = [f for f in report.findings if f.validator == validator and f.status == "fail"]
        if validator in SCENE_LEVEL:
            return bool(fails)
        ids, want = set(self.object_ids), self.match.get(validator, {}).items()
        return any(ids & set(f.object_ids) and all(f.evidence.get(k) == v for k, v in want) for f in fails)


# ----------------------------------------------------------------------------------------------------------------------
# geometry helpers
# ----------------------------------------------------------------------------------------------------------------------


def _r(v: float) -> float:
    """Round to 0.1 mm like the solver, so scene.json stays byte-stable."""
    return round(float(v), 4) + 0.0


def posed(inst: ObjectInstance, x: float, y: float, z: float, yaw: float,
          support: str | None | Literal["keep"] = "keep") -> ObjectInstance:
    """A copy of ``inst`` at bottom centre (x, y, z) metres and ``yaw`` radians, with ``bbox`` recomputed from pose
    and size as the solver does (``scenegen.solve.solver``)."""
    w, d, h = inst.size
    yaw = round(float(wrap_angle(yaw)), 9) + 0.0
    ex, ey = rotated_extent(w / 2, d / 2, yaw)
    update: dict[str, Any] = {
        "pose": Pose(position=(_r(x), _r(y), _r(z)), yaw=yaw),
        "bbox": ((_r(x - ex), _r(y - ey), _r(z)), (_r(x + ex), _r(y + ey), _r(z + h))),
    }
    if support != "keep":
        update["support"] = support
    return inst.model_copy(update=update)


def carried(scene: Scene, oid: str) -> list[str]:
    """Ids of the objects standing on ``oid``, directly or through others (a lamp on a tray on a desk), scene order."""
    out: list[str] = []
    frontier = {oid}
    while frontier:
        nxt = {o.id for o in scene.objects if o.support in frontier and o.id not in out and o.id != oid}
        out.extend(o.id for o in scene.objects if o.id in nxt and o.id not in out)
        frontier = nxt
    return out


def _corners(inst: ObjectInstance) -> np.ndarray:
    """(4, 2) footprint corners of the posed object, metres."""
    x, y, _ = inst.pose.position
    w, d, _ = inst.size
    return footprint_corners(x, y, w / 2, d / 2, inst.pose.yaw)


def _inside_room(corners: np.ndarray, room: Room, margin: float = 0.01) -> bool:
    """Whether every corner lies inside the footprint, at least ``margin`` metres from every wall."""
    from scenegen.geometry import point_segment_distance

    for x, y in corners:
        if not room.contains(float(x), float(y)):
            return False
    for i in range(len(room.footprint)):
        a, b = (np.asarray(p, dtype=float) for p in room.wall(i))
        if point_segment_distance(corners, a, b).min() < margin:
            return False
    return True


def _overlaps_any(corners: np.ndarray, scene: Scene, ignore: set[str]) -> bool:
    """Whether a footprint overlaps (by > 1 mm) any floor-standing object's footprint outside ``ignore``."""
    others = [o for o in scene.objects if o.id not in ignore and support_kind(o) in ("floor", "object")]
    if not others:
        return False
    quads = np.stack([_corners(o) for o in others])
    return bool(rects_overlap(quads, corners, margin=1e-3).any())


def _move_group(scene: Scene, oid: str, x: float, y: float, z: float, yaw: float,
                support: str | None | Literal["keep"] = "keep") -> tuple[Scene, list[str]]:
    """Move ``oid`` to (x, y, z, yaw) and everything it carries rigidly with it; returns the new scene and the ids
    moved (``oid`` first)."""
    root = scene.object(oid)
    (x0, y0, z0), yaw0 = root.pose.position, root.pose.yaw
    dyaw = yaw - yaw0
    c, s = math.cos(dyaw), math.sin(dyaw)
    group = [oid, *carried(scene, oid)]
    new: dict[str, ObjectInstance] = {}
    for gid in group:
        inst = scene.object(gid)
        px, py, pz = inst.pose.position
        rx, ry = px - x0, py - y0
        nx, ny = x + c * rx - s * ry, y + s * rx + c * ry
        new[gid] = posed(inst, nx, ny, pz + (z - z0), inst.pose.yaw + dyaw,
                         support=support if gid == oid else "keep")
    objects = [new.get(o.id, o) for o in scene.objects]
    return scene.model_copy(update={"objects": objects}), group


def _shift_group(scene: Scene, oid: str, dx: float, dy: float, dz: float) -> tuple[Scene, list[str]]:
    x, y, z = scene.object(oid).pose.position
    return _move_group(scene, oid, x + dx, y + dy, z + dz, scene.object(oid).pose.yaw)


def _pick(rng: np.random.Generator, items: list[Any]) -> Any:
    return items[int(rng.integers(len(items)))]


def _shuffled(rng: np.random.Generator, items: list[Any]) -> list[Any]:
    return [items[i] for i in rng.permutation(len(items))]


def _floor_standing(scene: Scene, min_height: float = 0.0, on_rugs: bool = True) -> list[ObjectInstance]:
    """Objects on the floor (``support`` None, not mounted) or, with ``on_rugs``, on a rug or mat; not flat
    themselves; at least ``min_height`` metres tall."""
    return [o for o in scene.objects
            if (support_kind(o) == "floor" or (on_rugs and _on_flat(scene, o)))
            and o.category not in catalog.with_role("flat") and o.size[2] >= min_height]


def _on_flat(scene: Scene, inst: ObjectInstance) -> bool:
    """Whether ``inst`` stands on a rug or mat."""
    if support_kind(inst) != "object":
        return False
    under = next((o for o in scene.objects if o.id == inst.support), None)
    return under is not None and under.category in catalog.with_role("flat")


def _move_standing(scene: Scene, oid: str, x: float, y: float, yaw: float) -> tuple[Scene, list[str]]:
    """Move a floor-standing object (and what it carries) across the floor; one standing on a rug that ends up
    clear of the rug steps down onto the floor (z = 0, support None)."""
    inst = scene.object(oid)
    z, support = inst.pose.position[2], "keep"
    if _on_flat(scene, inst):
        rug = scene.object(inst.support or "")
        quad = footprint_corners(x, y, inst.size[0] / 2, inst.size[1] / 2, yaw)
        if not bool(rects_overlap(quad[None], _corners(rug))[0]):
            z, support = 0.0, None
    return _move_group(scene, oid, x, y, z, yaw, support=support)


def _none(kind: str, why: str) -> ValueError:
    return ValueError(f"cannot plant {kind!r}: {why}")


# ----------------------------------------------------------------------------------------------------------------------
# the faults
# ----------------------------------------------------------------------------------------------------------------------


def _float(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Lift an object that stands on the floor or on another object by 5–30 cm (not into the ceiling). Rugs and mats
    are left alone: lifting one lifts the furniture on it, which then also overhangs (a second fault)."""
    room_h = scene.room.height
    flat = catalog.with_role("flat")  # walked over: never floated, sunk, barriers, door blockers or overlap partners
    cands = [o for o in scene.objects if support_kind(o) in ("floor", "object") and o.category not in flat
             and room_h - max(_group_top(scene, o.id), 0.0) - 0.01 >= FLOAT_LIFT_M[0]]
    if not cands:
        raise _none("float", "no floor- or object-supported object has room above it")
    inst = _pick(rng, cands)
    lift = float(rng.uniform(*FLOAT_LIFT_M))
    lift = min(lift, room_h - _group_top(scene, inst.id) - 0.01)
    out, moved = _shift_group(scene, inst.id, 0.0, 0.0, lift)
    on = "the floor" if support_kind(inst) == "floor" else inst.support
    return out, PlantedFault(kind="float", object_ids=[inst.id], validators=list(EXPECTED["float"]),
                             params={"lift_m": _r(lift)}, moved=moved,
                             description=f"lifted {inst.id} {lift * 100:.0f} cm above {on}")


def _group_top(scene: Scene, oid: str) -> float:
    """Highest point (metres) of an object and what it carries."""
    return max(scene.object(i).pose.position[2] + scene.object(i).size[2] for i in [oid, *carried(scene, oid)])


def _sink(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Push a floor-standing object 3–10 cm into the floor."""
    cands = _floor_standing(scene, MIN_SINK_HEIGHT_M, on_rugs=False)
    if not cands:
        raise _none("sink", f"no floor-standing object at least {MIN_SINK_HEIGHT_M * 100:.0f} cm tall")
    inst = _pick(rng, cands)
    depth = float(rng.uniform(*SINK_DEPTH_M))
    out, moved = _shift_group(scene, inst.id, 0.0, 0.0, -depth)
    return out, PlantedFault(kind="sink", object_ids=[inst.id], validators=list(EXPECTED["sink"]),
                             params={"depth_m": _r(depth)}, moved=moved,
                             description=f"sank {inst.id} {depth * 100:.0f} cm into the floor")


def _overlap(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Move one floor-standing object part-way into another: it straddles one side of the other's footprint,
    penetrating 30–70 % of the smaller extent along the push, at the same floor level, with their meshes sharing
    at least ``MIN_SHARED_VOLUME_M3`` (a chair slid under a table top shares none: that is no collision)."""
    cands = _floor_standing(scene, 0.1)
    if len(cands) < 2:
        raise _none("overlap", "needs two floor-standing objects")
    pairs = [(a, b) for a in cands for b in cands if a.id != b.id]
    crowded = None  # a spot that also touches a third object: used only when no clean one exists
    for a, b in _shuffled(rng, pairs):
        frac = float(rng.uniform(*OVERLAP_FRACTION))
        for side in _shuffled(rng, [0, 1, 2, 3]):
            x, y, depth = _straddle(a, b, side, frac)
            moved = posed(a, x, y, a.pose.position[2], a.pose.yaw)
            corners = _corners(moved)
            if not _inside_room(corners, scene.room):
                continue
            clean = not _overlaps_any(corners, scene, {a.id, b.id, *carried(scene, a.id), *carried(scene, b.id)})
            if not clean and crowded is not None:
                continue
            if shared_volume(moved, b) < MIN_SHARED_VOLUME_M3:
                continue
            if clean:
                return _plant_overlap(scene, a, b, x, y, depth)
            crowded = (a, b, x, y, depth)
    if crowded is None:
        raise _none("overlap", "no two floor-standing objects can be pushed into each other inside the room")
    return _plant_overlap(scene, *crowded)


def shared_volume(a: ObjectInstance, b: ObjectInstance, samples: int = 8192) -> float:
    """Volume (m³) inside both objects' meshes, estimated from ``samples`` points drawn (fixed seed) in the overlap of
    their world AABBs. Parts overlapping inside one mesh count as outside it, so this errs low."""
    from scenegen.assets import world_mesh

    ma, mb = world_mesh(a), world_mesh(b)
    lo = np.maximum(ma.bounds[0], mb.bounds[0])
    hi = np.minimum(ma.bounds[1], mb.bounds[1])
    if np.any(hi <= lo):
        return 0.0
    pts = np.random.default_rng(0).uniform(lo, hi, size=(samples, 3))
    inside = ma.contains(pts)
    if inside.any():
        inside[inside] = mb.contains(pts[inside])
    return float(inside.mean() * np.prod(hi - lo))


def _plant_overlap(scene: Scene, a: ObjectInstance, b: ObjectInstance, x: float, y: float,
                   depth: float) -> tuple[Scene, PlantedFault]:
    out, moved = _move_standing(scene, a.id, x, y, a.pose.yaw)
    return out, PlantedFault(kind="overlap", object_ids=[a.id, b.id], validators=list(EXPECTED["overlap"]),
                             params={"penetration_m": _r(depth), "into": b.id}, moved=moved,
                             description=f"moved {a.id} {depth * 100:.0f} cm into {b.id}")


def _straddle(a: ObjectInstance, b: ObjectInstance, side: int, frac: float) -> tuple[float, float, float]:
    """Centre (x, y) for ``a`` pushed into ``b`` across ``b``'s side ``side`` (0 +x, 1 +y, 2 -x, 3 -y in ``b``'s
    frame), and the penetration depth in metres along that axis."""
    bx, by, _ = b.pose.position
    axis_local = [(1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0)][side]
    c, s = math.cos(b.pose.yaw), math.sin(b.pose.yaw)
    ux, uy = c * axis_local[0] - s * axis_local[1], s * axis_local[0] + c * axis_local[1]
    b_half = (b.size[0] if side % 2 == 0 else b.size[1]) / 2
    # a's half extent along the push direction, in a's own (possibly rotated) frame
    ca, sa = math.cos(a.pose.yaw), math.sin(a.pose.yaw)
    a_half = abs(ux * ca + uy * sa) * a.size[0] / 2 + abs(-ux * sa + uy * ca) * a.size[1] / 2
    depth = frac * min(2 * a_half, 2 * b_half)
    dist = b_half + a_half - depth
    return bx + ux * dist, by + uy * dist, depth


def _through_wall(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Push a floor-standing object through its nearest wall until 25–50 % of its extent across the wall is
    outside the room."""
    cands = _floor_standing(scene, 0.1)
    if not cands:
        raise _none("through_wall", "no floor-standing object")
    inst = _pick(rng, cands)
    room = scene.room
    corners = _corners(inst)
    best = None
    for i in range(len(room.footprint)):
        (ax, ay), _ = room.wall(i)
        nx, ny = room.wall_normal(i)
        signed = (corners[:, 0] - ax) * nx + (corners[:, 1] - ay) * ny  # >= 0 inside
        along = _along_wall(room, i, corners)
        if along is None:
            continue
        if best is None or signed.min() < best[1]:
            best = (i, float(signed.min()), float(signed.max() - signed.min()))
    if best is None:
        raise _none("through_wall", f"{inst.id} faces no wall")
    wall, dmin, extent = best
    past = extent * float(rng.uniform(*THROUGH_WALL_FRACTION))
    nx, ny = room.wall_normal(wall)
    push = dmin + past
    out, moved = _shift_group(scene, inst.id, -nx * push, -ny * push, 0.0)
    return out, PlantedFault(kind="through_wall", object_ids=[inst.id], validators=list(EXPECTED["through_wall"]),
                             params={"wall": wall, "outside_m": _r(past), "push_m": _r(push)}, moved=moved,
                             description=f"pushed {inst.id} {past * 100:.0f} cm through wall {wall}")


def _along_wall(room: Room, i: int, corners: np.ndarray) -> tuple[float, float] | None:
    """The object's span along wall ``i`` (metres from its start) if it overlaps the wall's length, else None."""
    (ax, ay), _ = room.wall(i)
    dx, dy = room.wall_direction(i)
    t = (corners[:, 0] - ax) * dx + (corners[:, 1] - ay) * dy
    lo, hi = float(t.min()), float(t.max())
    length = room.wall_length(i)
    return (lo, hi) if hi > 0.05 and lo < length - 0.05 else None


def _block_door(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Move a big floor-standing object (footprint >= 0.2 m²) into a door's clearance box (door width deep), its
    back to the wall, centred on the door as far as the room allows."""
    room = scene.room
    doors = [op for op in room.openings if op.kind == "door"]
    if not doors:
        raise _none("block_door", "the room has no door")
    cands = [o for o in _floor_standing(scene, 0.3) if o.size[0] * o.size[1] >= BIG_FOOTPRINT_M2]
    if not cands:
        raise _none("block_door", f"no floor-standing object of at least {BIG_FOOTPRINT_M2} m²")
    for inst in _shuffled(rng, cands):
        door = _pick(rng, doors)
        spot = _door_spot(room, door, inst)
        if spot is not None:
            x, y, yaw = spot
            out, moved = _move_standing(scene, inst.id, x, y, yaw)
            return out, PlantedFault(kind="block_door", object_ids=[inst.id],
                                     validators=list(EXPECTED["block_door"]),
                                     params={"door": door.id, "position_m": [_r(x), _r(y)]}, moved=moved,
                                     description=f"moved {inst.id} in front of door {door.id}")
    raise _none("block_door", "no big object fits in front of a door")


def _door_spot(room: Room, door: Opening, inst: ObjectInstance) -> tuple[float, float, float] | None:
    """(x, y, yaw) putting ``inst``'s back 2 cm from the door's wall, overlapping the door span, inside the room."""
    ox, oy = room.opening_center(door)
    nx, ny = room.wall_normal(door.wall)
    dx, dy = room.wall_direction(door.wall)
    yaw = yaw_facing((nx, ny))
    w, d, _ = inst.size
    out = 0.02 + d / 2
    for shift in (0.0, 0.25, -0.25, 0.5, -0.5):
        along = shift * (w / 2 + door.width / 2)
        x, y = ox + dx * along + nx * out, oy + dy * along + ny * out
        if _inside_room(footprint_corners(x, y, w / 2, d / 2, yaw), room):
            return x, y, yaw
    return None


def _wall_off_corner(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Stand two long floor objects as an L from wall to wall around a door-free corner (gaps narrower than the
    robot), cutting off a pocket (each side >= 0.8 m) that holds at least ``POCKET_MIN_SHARE`` of the free floor."""
    room = scene.room
    longs = [o for o in _floor_standing(scene, 0.3) if max(o.size[0], o.size[1]) >= BARRIER_MIN_LENGTH_M]
    if len(longs) < 2:
        raise _none("wall_off_corner", f"needs two floor-standing objects at least {BARRIER_MIN_LENGTH_M} m long")
    n = len(room.footprint)
    options = [(a, b, v) for a in longs for b in longs if a.id != b.id for v in range(n)]
    # clean barriers first; then ones that also push into other furniture (a second fault, but a real cut-off)
    options = [(o, crowded) for crowded in (False, True) for o in _shuffled(rng, options)]
    for (a, b, v), crowded in options:
        planned = _corner_barrier(scene, a, b, v, crowded)
        if planned is None:
            continue
        (xa, ya, yawa), (xb, yb, yawb), (s, t), pocket = planned
        out, moved_a = _move_standing(scene, a.id, xa, ya, yawa)
        out, moved_b = _move_standing(out, b.id, xb, yb, yawb)
        inside, free = _free_floor(out)
        in_pocket = pocket(inside)
        share = float((free & in_pocket).sum()) / max(int(free.sum()), 1)
        if share < POCKET_MIN_SHARE:
            continue
        return out, PlantedFault(
            kind="wall_off_corner", object_ids=[a.id, b.id], validators=list(EXPECTED["wall_off_corner"]),
            params={"corner": v, "pocket_m": [_r(s), _r(t)], "free_share": round(share, 3)},
            moved=moved_a + moved_b,
            description=(f"walled off a {s:.1f} × {t:.1f} m pocket ({share:.0%} of the free floor) at corner {v} "
                         f"with {a.id} and {b.id}"))
    raise _none("wall_off_corner", "no two of the room's objects can close off a corner holding "
                                   f"{POCKET_MIN_SHARE:.0%} of the free floor")


def _corner_frame(room: Room, v: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Origin, e1 (along wall v) and e2 (along wall v-1, away from the corner) of a right-angled corner, else None."""
    origin = np.asarray(room.footprint[v], dtype=float)
    e1 = np.asarray(room.wall_direction(v))
    e2 = np.asarray(room.wall_normal(v))
    prev = np.asarray(room.wall_direction(v - 1 if v > 0 else len(room.footprint) - 1))
    if float(prev @ -e2) < 1 - 1e-6:
        return None
    return origin, e1, e2


Pose2 = tuple[float, float, float]


PocketTest = Callable[[np.ndarray], np.ndarray]


def _corner_barrier(scene: Scene, a: ObjectInstance, b: ObjectInstance, v: int,
                    crowded: bool) -> tuple[Pose2, Pose2, tuple[float, float], PocketTest] | None:
    """Poses (x, y, yaw) for ``a`` and ``b`` enclosing the pocket [0, s] × [0, t] of corner ``v``'s frame, the
    pocket's size, and a test for points (N, 2) -> (N,) bool in the pocket.

    ``a`` stands with its long side along e2 at u in [s, s + its depth], w in [G, t]; ``b`` along e1 at
    w in [t, t + its depth], u in [G, s - G]; G = ``BARRIER_GAP_M`` is left at the walls and between the two, too
    narrow for the robot. So t = G + a's length and s = b's length + 2 G. None when the barrier leaves the room, a
    door opens into the pocket or onto the barrier, or (unless ``crowded``) another object stands in the way.
    """
    room = scene.room
    frame = _corner_frame(room, v)
    if frame is None:
        return None
    origin, e1, e2 = frame
    la, da = max(a.size[:2]), min(a.size[:2])
    lb, db = max(b.size[:2]), min(b.size[:2])
    g = BARRIER_GAP_M
    s, t = lb + 2 * g, la + g
    if s < POCKET_MIN_M or t < POCKET_MIN_M:
        return None
    prev = v - 1 if v > 0 else len(room.footprint) - 1
    for door in (op for op in room.openings if op.kind == "door"):
        if door.wall == v and door.offset - door.width / 2 < s + da + 0.1:
            return None
        if door.wall == prev and room.wall_length(prev) - door.offset - door.width / 2 < t + db + 0.1:
            return None

    def world(u: float, w: float) -> tuple[float, float]:
        p = origin + e1 * u + e2 * w
        return float(p[0]), float(p[1])

    def yaw_along(obj: ObjectInstance, direction: np.ndarray) -> float:
        ang = math.atan2(direction[1], direction[0])
        return ang if obj.size[0] >= obj.size[1] else ang - math.pi / 2

    def in_pocket(pts: np.ndarray) -> np.ndarray:
        rel = pts - origin[None, :]
        u, w = rel @ e1, rel @ e2
        return (u >= 0) & (u <= s) & (w >= 0) & (w <= t)

    xa, ya = world(s + da / 2, g + la / 2)
    xb, yb = world(g + lb / 2, t + db / 2)
    yawa, yawb = yaw_along(a, e2), yaw_along(b, e1)
    quad_a = footprint_corners(xa, ya, a.size[0] / 2, a.size[1] / 2, yawa)
    quad_b = footprint_corners(xb, yb, b.size[0] / 2, b.size[1] / 2, yawb)
    if not (_inside_room(quad_a, room) and _inside_room(quad_b, room)):
        return None
    movers = {a.id, b.id, *carried(scene, a.id), *carried(scene, b.id)}
    if not crowded and (_overlaps_any(quad_a, scene, movers) or _overlaps_any(quad_b, scene, movers)):
        return None
    return (xa, ya, yawa), (xb, yb, yawb), (s, t), in_pocket


def _free_floor(scene: Scene, step: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Cell centres (N, 2) on a ``step`` grid over the room, and (N,) bool: where a robot of ``ROBOT_RADIUS_M`` can
    stand (inside the room, that far from every wall and from every non-flat floor object's footprint box)."""
    from scenegen.geometry import point_segment_distance, polygon_contains_points

    room = scene.room
    (x0, y0), (x1, y1) = room.bounds
    xs, ys = np.arange(x0 + step / 2, x1, step), np.arange(y0 + step / 2, y1, step)
    pts = np.stack(np.meshgrid(xs, ys, indexing="ij"), axis=-1).reshape(-1, 2)
    free = polygon_contains_points(np.asarray(room.footprint, dtype=float), pts)
    for i in range(len(room.footprint)):
        a, b = (np.asarray(p, dtype=float) for p in room.wall(i))
        free &= point_segment_distance(pts, a, b) >= ROBOT_RADIUS_M
    for o in scene.objects:
        if support_kind(o) not in ("floor", "object") or o.category in catalog.with_role("flat"):
            continue
        x, y, _ = o.pose.position
        c, sn = math.cos(o.pose.yaw), math.sin(o.pose.yaw)
        rx, ry = pts[:, 0] - x, pts[:, 1] - y
        lx, ly = rx * c + ry * sn, -rx * sn + ry * c
        free &= ~((np.abs(lx) <= o.size[0] / 2 + ROBOT_RADIUS_M) & (np.abs(ly) <= o.size[1] / 2 + ROBOT_RADIUS_M))
    return pts, free


def _drop(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Remove a placed object that carries nothing from the scene, leaving the plan (and ``unplaced``) as they are."""
    planned = {o.id for o in scene.plan.objects}
    cands = [o for o in scene.objects if o.id in planned and not carried(scene, o.id)]
    if not cands:
        raise _none("drop", "no planned object that carries nothing")
    inst = _pick(rng, cands)
    out = scene.model_copy(update={"objects": [o for o in scene.objects if o.id != inst.id]})
    return out, PlantedFault(kind="drop", object_ids=[inst.id], validators=list(EXPECTED["drop"]),
                             params={"category": inst.category}, moved=[inst.id],
                             match={"counts": {"category": inst.category}},
                             description=f"removed {inst.id} from the scene (still in the plan)")


def _swap_relation(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Break a satisfied plan relation: turn the subject (orientation relations) or move it, with what it carries,
    to the free floor spot farthest from the target (or from where it stood, for architecture relations) where
    the relation scores at most half of ``SATISFIED``."""
    boxes = {o.id: Box.of(o) for o in scene.objects}
    rels = [r for r in scene.plan.relations if _breakable(scene, r, boxes)]
    if not rels:
        raise _none("swap_relation", "no satisfied plan relation whose subject stands on the floor or an object")
    order = _shuffled(rng, rels)
    # clean moves first; then ones that also push into other furniture or a door's clearance (a second fault)
    attempts = [(rel, fn) for crowded in (False, True) for rel in order
                for fn in ((_turn_subject,) if not crowded else ()) + (partial(_relocate_subject, crowded=crowded),)]
    for rel, attempt in attempts:
        result = attempt(scene, rel)
        if result is None:
            continue
        out, moved, how = result
        new_score = score_relation(rel, {o.id: Box.of(o) for o in out.objects}, out.room)
        ids = [rel.subject] + ([rel.target] if rel.kind not in ARCHITECTURE_RELATIONS and rel.target else [])
        return out, PlantedFault(
            kind="swap_relation", object_ids=ids, validators=list(EXPECTED["swap_relation"]),
            params={"relation": rel.model_dump(), "how": how,
                    "score_before": round(score_relation(rel, boxes, scene.room), 4),
                    "score_after": round(new_score, 4)},
            match={"relations": {"kind": rel.kind, "subject": rel.subject}}, moved=moved,
            description=f"broke '{rel.subject} {rel.kind} {rel.target}' ({how})")
    raise _none("swap_relation", "no relation could be broken without leaving the room or hitting another object")


def _breakable(scene: Scene, rel: Relation, boxes: dict[str, Box]) -> bool:
    if rel.subject not in boxes:
        return False
    if rel.kind not in ARCHITECTURE_RELATIONS and rel.target is not None and rel.target not in boxes:
        return False
    if support_kind(scene.object(rel.subject)) not in ("floor", "object"):
        return False
    return score_relation(rel, boxes, scene.room) > SATISFIED


_TURN_KINDS = frozenset({"face_to", "across_from", "around", "aligned", "paired"})


def _turn_subject(scene: Scene, rel: Relation) -> tuple[Scene, list[str], str] | None:
    """Turn the subject in place (half a turn, else a quarter) when that alone breaks an orientation relation."""
    if rel.kind not in _TURN_KINDS:
        return None
    inst = scene.object(rel.subject)
    x, y, z = inst.pose.position
    for turn in (math.pi, math.pi / 2, -math.pi / 2):
        out, moved = _move_group(scene, inst.id, x, y, z, inst.pose.yaw + turn)
        corners = _corners(out.object(inst.id))
        ignore = {*moved, rel.target or ""}
        if not _inside_room(corners, scene.room, 0.0) or _overlaps_any(corners, scene, ignore):
            continue
        if score_relation(rel, {o.id: Box.of(o) for o in out.objects}, out.room) <= SATISFIED / 2:
            return out, moved, f"turned {inst.id} by {math.degrees(turn):.0f}°"
    return None


def _relocate_subject(scene: Scene, rel: Relation, crowded: bool = False,
                      step: float = 0.1) -> tuple[Scene, list[str], str] | None:
    """Move the subject (with what it carries), at its own heading or a quarter turn from it, to the floor spot on a
    ``step`` grid farthest from the target (or from its old spot) where the relation scores <= SATISFIED / 2.
    Unless ``crowded``, the spot must be clear of other floor objects and of door clearance boxes. Object-supported
    subjects land on the floor."""
    inst = scene.object(rel.subject)
    room = scene.room
    group = {inst.id, *carried(scene, inst.id)}
    ref = scene.object(rel.target) if rel.kind not in ARCHITECTURE_RELATIONS and rel.target else inst
    rx, ry, _ = ref.pose.position
    (x0, y0), (x1, y1) = room.bounds
    w, d, _ = inst.size
    spots = [(float(x), float(y)) for x in np.arange(x0 + step / 2, x1, step)
             for y in np.arange(y0 + step / 2, y1, step)]
    spots.sort(key=lambda p: (-math.hypot(p[0] - rx, p[1] - ry), p))
    others = {o.id: Box.of(o) for o in scene.objects if o.id not in group}
    yaws = [inst.pose.yaw + k * math.pi / 2 for k in range(4)]
    for x, y in spots:
        for yaw in yaws:
            corners = footprint_corners(x, y, w / 2, d / 2, yaw)
            if not _inside_room(corners, room):
                continue
            if not crowded and (_overlaps_any(corners, scene, group) or _in_door_clearance(room, corners)):
                continue
            box = Box(inst.id, x, y, 0.0, yaw, w, d, inst.size[2], None)
            if score_relation(rel, {**others, inst.id: box}, room) > SATISFIED / 2:
                continue
            out, moved = _move_group(scene, inst.id, x, y, 0.0, yaw, support=None)
            return out, moved, f"moved {inst.id} to ({x:.1f}, {y:.1f})"
    return None


def _in_door_clearance(room: Room, corners: np.ndarray) -> bool:
    """Whether a footprint reaches into a door's clearance box (door width wide and deep, in front of the door)."""
    for door in (op for op in room.openings if op.kind == "door"):
        ox, oy = room.opening_center(door)
        nx, ny = room.wall_normal(door.wall)
        dx, dy = room.wall_direction(door.wall)
        hw = door.width / 2
        cx, cy = ox + nx * hw, oy + ny * hw
        box = footprint_corners(cx, cy, hw, hw, math.atan2(dy, dx))
        if bool(rects_overlap(box[None], corners)[0]):
            return True
    return False


def _recolour(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Give a placed object whose plan asks a known colour a named colour far from it (asset colour only: the
    instance's metadata still says the asked colour)."""
    asked = {o.id: o.attributes.colour for o in scene.plan.objects
             if o.attributes.colour and colour_rgb(o.attributes.colour) is not None}
    cands = [o for o in scene.objects if o.id in asked]
    if not cands:
        raise _none("recolour", "no placed object whose plan asks a known colour")
    inst = _pick(rng, cands)
    want = np.asarray(colour_rgb(asked[inst.id]))
    names = [n for n in sorted(COLOURS)
             if float(np.linalg.norm(np.asarray(COLOURS[n]) - want)) >= RECOLOUR_MIN_DISTANCE]
    name = _pick(rng, names)
    rgb = tuple(round(float(c), 4) for c in COLOURS[name])
    asset = inst.asset.model_copy(update={"colour": rgb})
    objects = [o.model_copy(update={"asset": asset}) if o.id == inst.id else o for o in scene.objects]
    return scene.model_copy(update={"objects": objects}), PlantedFault(
        kind="recolour", object_ids=[inst.id], validators=list(EXPECTED["recolour"]),
        params={"asked": asked[inst.id], "colour": name, "rgb": list(rgb)}, moved=[inst.id],
        description=f"recoloured {inst.id} {name} (the plan asks {asked[inst.id]})")


_MUTATORS: dict[str, Callable[[Scene, np.random.Generator], tuple[Scene, PlantedFault]]] = {
    "float": _float, "sink": _sink, "overlap": _overlap, "through_wall": _through_wall, "block_door": _block_door,
    "wall_off_corner": _wall_off_corner, "drop": _drop, "swap_relation": _swap_relation, "recolour": _recolour,
}


def mutate(scene: Scene, fault: str, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Plant one ``fault`` (see ``FAULT_KINDS``) in a copy of ``scene``, choosing targets with ``rng``.

    Returns the mutated scene and a ``PlantedFault``. Raises a one-line ``ValueError`` for an unknown kind (naming the
    kinds) or when the scene has no target for which the fault would be real.
    """
    fn = _MUTATORS.get(fault)
    if fn is None:
        raise ValueError(f"unknown fault {fault!r}; choose from: {', '.join(FAULT_KINDS)}")
    return fn(scene, rng)
