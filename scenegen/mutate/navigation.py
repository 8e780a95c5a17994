"""Navigation faults: a big object moved in front of a door, and two long objects standing as an L around a corner so
that a pocket of free floor is cut off from the rest."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from scenegen import catalog
from scenegen.catalog import support_kind
from scenegen.geometry import footprint_corners, yaw_facing
from scenegen.mutate.fault import EXPECTED, PlantedFault, cannot_plant
from scenegen.mutate.moves import carried, floor_standing, inside_room, move_standing, overlaps_any, pick, r4, \
    shuffled
from scenegen.scene import ObjectInstance, Opening, Room, Scene
from scenegen.thresholds import ROBOT_RADIUS as ROBOT_RADIUS_M

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
BARRIER_GAP_M = 0.15
"""Gaps left between a ``wall_off_corner`` barrier and the walls, and between its two objects: under the robot's
0.4 m diameter, so nothing can pass, yet the objects need not touch the walls."""


def plant_block_door(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Move a big floor-standing object (footprint >= 0.2 m²) into a door's clearance box (door width deep), its
    back to the wall, centred on the door as far as the room allows."""
    room = scene.room
    doors = [op for op in room.openings if op.kind == "door"]
    if not doors:
        raise cannot_plant("block_door", "the room has no door")
    cands = [o for o in floor_standing(scene, 0.3) if o.size[0] * o.size[1] >= BIG_FOOTPRINT_M2]
    if not cands:
        raise cannot_plant("block_door", f"no floor-standing object of at least {BIG_FOOTPRINT_M2} m²")
    for inst in shuffled(rng, cands):
        door = pick(rng, doors)
        spot = _door_spot(room, door, inst)
        if spot is not None:
            x, y, yaw = spot
            out, moved = move_standing(scene, inst.id, x, y, yaw)
            return out, PlantedFault(kind="block_door", object_ids=[inst.id],
                                     validators=list(EXPECTED["block_door"]),
                                     params={"door": door.id, "position_m": [r4(x), r4(y)]}, moved=moved,
                                     description=f"moved {inst.id} in front of door {door.id}")
    raise cannot_plant("block_door", "no big object fits in front of a door")


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
        if inside_room(footprint_corners(x, y, w / 2, d / 2, yaw), room):
            return x, y, yaw
    return None


def plant_wall_off_corner(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Stand two long floor objects as an L from wall to wall around a door-free corner (gaps narrower than the
    robot), cutting off a pocket (each side >= 0.8 m) that holds at least ``POCKET_MIN_SHARE`` of the free floor."""
    room = scene.room
    longs = [o for o in floor_standing(scene, 0.3) if max(o.size[0], o.size[1]) >= BARRIER_MIN_LENGTH_M]
    if len(longs) < 2:
        raise cannot_plant("wall_off_corner",
                           f"needs two floor-standing objects at least {BARRIER_MIN_LENGTH_M} m long")
    n = len(room.footprint)
    options = [(a, b, v) for a in longs for b in longs if a.id != b.id for v in range(n)]
    # clean barriers first; then ones that also push into other furniture (a second fault, but a real cut-off)
    options = [(o, crowded) for crowded in (False, True) for o in shuffled(rng, options)]
    for (a, b, v), crowded in options:
        planned = _corner_barrier(scene, a, b, v, crowded)
        if planned is None:
            continue
        (xa, ya, yawa), (xb, yb, yawb), (s, t), pocket = planned
        out, moved_a = move_standing(scene, a.id, xa, ya, yawa)
        out, moved_b = move_standing(out, b.id, xb, yb, yawb)
        inside, free = _free_floor(out)
        in_pocket = pocket(inside)
        share = float((free & in_pocket).sum()) / max(int(free.sum()), 1)
        if share < POCKET_MIN_SHARE:
            continue
        return out, PlantedFault(
            kind="wall_off_corner", object_ids=[a.id, b.id], validators=list(EXPECTED["wall_off_corner"]),
            params={"corner": v, "pocket_m": [r4(s), r4(t)], "free_share": round(share, 3)},
            moved=moved_a + moved_b,
            description=(f"walled off a {s:.1f} × {t:.1f} m pocket ({share:.0%} of the free floor) at corner {v} "
                         f"with {a.id} and {b.id}"))
    raise cannot_plant("wall_off_corner", "no two of the room's objects can close off a corner holding "
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
    if not (inside_room(quad_a, room) and inside_room(quad_b, room)):
        return None
    movers = {a.id, b.id, *carried(scene, a.id), *carried(scene, b.id)}
    if not crowded and (overlaps_any(quad_a, scene, movers) or overlaps_any(quad_b, scene, movers)):
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
