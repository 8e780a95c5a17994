"""Physical faults: an object floating above its support, sunk into the floor, pushed into another object, or pushed
through a wall."""

from __future__ import annotations

import math

import numpy as np

from scenegen import catalog
from scenegen.catalog import support_kind
from scenegen.mutate.fault import EXPECTED, PlantedFault, cannot_plant
from scenegen.mutate.moves import carried, floor_standing, footprint_of, group_top, inside_room, move_standing, \
    overlaps_any, pick, posed, r4, shift_group, shuffled
from scenegen.scene import ObjectInstance, Room, Scene

FLOAT_LIFT_M = (0.05, 0.30)
"""How high (metres, uniform) a floated object is lifted."""
SINK_DEPTH_M = (0.03, 0.10)
"""How deep (metres, uniform) a sunk object goes into the floor."""
MIN_SINK_HEIGHT_M = 0.15
"""Only objects at least this tall are sunk, so a 10 cm sink leaves most of the object above the floor."""
OVERLAP_FRACTION = (0.3, 0.7)
"""Penetration of an overlap, as a fraction of the smaller of the two objects' extents along the push."""
MIN_SHARED_VOLUME_M3 = 2e-5
"""An overlap must put at least this much of one mesh inside the other (20 cm³, a 2.7 cm cube, as sampled by
``shared_volume``): boxes can overlap with no mesh contact at all (a chair slid under a table top)."""
THROUGH_WALL_FRACTION = (0.25, 0.5)
"""How much of an object's extent across the wall ends up outside the room."""


def plant_float(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Lift an object that stands on the floor or on another object by 5–30 cm (not into the ceiling). Rugs and mats
    are left alone: lifting one lifts the furniture on it, which then also overhangs (a second fault)."""
    room_h = scene.room.height
    flat = catalog.with_role("flat")  # walked over: never floated, sunk, barriers, door blockers or overlap partners
    cands = [o for o in scene.objects if support_kind(o) in ("floor", "object") and o.category not in flat
             and room_h - max(group_top(scene, o.id), 0.0) - 0.01 >= FLOAT_LIFT_M[0]]
    if not cands:
        raise cannot_plant("float", "no floor- or object-supported object has room above it")
    inst = pick(rng, cands)
    lift = float(rng.uniform(*FLOAT_LIFT_M))
    lift = min(lift, room_h - group_top(scene, inst.id) - 0.01)
    out, moved = shift_group(scene, inst.id, 0.0, 0.0, lift)
    on = "the floor" if support_kind(inst) == "floor" else inst.support
    return out, PlantedFault(kind="float", object_ids=[inst.id], validators=list(EXPECTED["float"]),
                             params={"lift_m": r4(lift)}, moved=moved,
                             description=f"lifted {inst.id} {lift * 100:.0f} cm above {on}")


def plant_sink(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Push a floor-standing object 3–10 cm into the floor."""
    cands = floor_standing(scene, MIN_SINK_HEIGHT_M, on_rugs=False)
    if not cands:
        raise cannot_plant("sink", f"no floor-standing object at least {MIN_SINK_HEIGHT_M * 100:.0f} cm tall")
    inst = pick(rng, cands)
    depth = float(rng.uniform(*SINK_DEPTH_M))
    out, moved = shift_group(scene, inst.id, 0.0, 0.0, -depth)
    return out, PlantedFault(kind="sink", object_ids=[inst.id], validators=list(EXPECTED["sink"]),
                             params={"depth_m": r4(depth)}, moved=moved,
                             description=f"sank {inst.id} {depth * 100:.0f} cm into the floor")


def plant_overlap(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Move one floor-standing object part-way into another: it straddles one side of the other's footprint,
    penetrating 30–70 % of the smaller extent along the push, at the same floor level, with their meshes sharing
    at least ``MIN_SHARED_VOLUME_M3`` (a chair slid under a table top shares none: that is no collision)."""
    cands = floor_standing(scene, 0.1)
    if len(cands) < 2:
        raise cannot_plant("overlap", "needs two floor-standing objects")
    pairs = [(a, b) for a in cands for b in cands if a.id != b.id]
    crowded = None  # a spot that also touches a third object: used only when no clean one exists
    for a, b in shuffled(rng, pairs):
        frac = float(rng.uniform(*OVERLAP_FRACTION))
        for side in shuffled(rng, [0, 1, 2, 3]):
            x, y, depth = _straddle(a, b, side, frac)
            moved = posed(a, x, y, a.pose.position[2], a.pose.yaw)
            corners = footprint_of(moved)
            if not inside_room(corners, scene.room):
                continue
            clean = not overlaps_any(corners, scene, {a.id, b.id, *carried(scene, a.id), *carried(scene, b.id)})
            if not clean and crowded is not None:
                continue
            if shared_volume(moved, b) < MIN_SHARED_VOLUME_M3:
                continue
            if clean:
                return _planted_overlap(scene, a, b, x, y, depth)
            crowded = (a, b, x, y, depth)
    if crowded is None:
        raise cannot_plant("overlap", "no two floor-standing objects can be pushed into each other inside the room")
    return _planted_overlap(scene, *crowded)


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


def _planted_overlap(scene: Scene, a: ObjectInstance, b: ObjectInstance, x: float, y: float,
                     depth: float) -> tuple[Scene, PlantedFault]:
    """Move ``a`` to (x, y) into ``b`` and describe the overlap (``depth``: penetration, metres)."""
    out, moved = move_standing(scene, a.id, x, y, a.pose.yaw)
    return out, PlantedFault(kind="overlap", object_ids=[a.id, b.id], validators=list(EXPECTED["overlap"]),
                             params={"penetration_m": r4(depth), "into": b.id}, moved=moved,
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


def plant_through_wall(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Push a floor-standing object through its nearest wall until 25–50 % of its extent across the wall is
    outside the room."""
    cands = floor_standing(scene, 0.1)
    if not cands:
        raise cannot_plant("through_wall", "no floor-standing object")
    inst = pick(rng, cands)
    room = scene.room
    corners = footprint_of(inst)
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
        raise cannot_plant("through_wall", f"{inst.id} faces no wall")
    wall, dmin, extent = best
    past = extent * float(rng.uniform(*THROUGH_WALL_FRACTION))
    nx, ny = room.wall_normal(wall)
    push = dmin + past
    out, moved = shift_group(scene, inst.id, -nx * push, -ny * push, 0.0)
    return out, PlantedFault(kind="through_wall", object_ids=[inst.id], validators=list(EXPECTED["through_wall"]),
                             params={"wall": wall, "outside_m": r4(past), "push_m": r4(push)}, moved=moved,
                             description=f"pushed {inst.id} {past * 100:.0f} cm through wall {wall}")


def _along_wall(room: Room, i: int, corners: np.ndarray) -> tuple[float, float] | None:
    """The object's span along wall ``i`` (metres from its start) if it overlaps the wall's length, else None."""
    (ax, ay), _ = room.wall(i)
    dx, dy = room.wall_direction(i)
    t = (corners[:, 0] - ax) * dx + (corners[:, 1] - ay) * dy
    lo, hi = float(t.min()), float(t.max())
    length = room.wall_length(i)
    return (lo, hi) if hi > 0.05 and lo < length - 0.05 else None
