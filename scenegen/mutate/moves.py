"""Moving objects in a Scene for fault injection: pose a copy with its bbox recomputed as the solver does, move an
object with whatever stands on it, footprint tests against the room and the other objects, and seeded picks.
Metres, radians, z up."""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np

from scenegen import catalog
from scenegen.catalog import support_kind
from scenegen.geometry import footprint_corners, rects_overlap, rotated_extent, wrap_angle
from scenegen.scene import ObjectInstance, Pose, Room, Scene


def r4(v: float) -> float:
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
        "pose": Pose(position=(r4(x), r4(y), r4(z)), yaw=yaw),
        "bbox": ((r4(x - ex), r4(y - ey), r4(z)), (r4(x + ex), r4(y + ey), r4(z + h))),
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


def footprint_of(inst: ObjectInstance) -> np.ndarray:
    """(4, 2) footprint corners of the posed object, metres."""
    x, y, _ = inst.pose.position
    w, d, _ = inst.size
    return footprint_corners(x, y, w / 2, d / 2, inst.pose.yaw)


def inside_room(corners: np.ndarray, room: Room, margin: float = 0.01) -> bool:
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


def overlaps_any(corners: np.ndarray, scene: Scene, ignore: set[str]) -> bool:
    """Whether a footprint overlaps (by > 1 mm) any floor-standing object's footprint outside ``ignore``."""
    others = [o for o in scene.objects if o.id not in ignore and support_kind(o) in ("floor", "object")]
    if not others:
        return False
    quads = np.stack([footprint_of(o) for o in others])
    return bool(rects_overlap(quads, corners, margin=1e-3).any())


def move_group(scene: Scene, oid: str, x: float, y: float, z: float, yaw: float,
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


def shift_group(scene: Scene, oid: str, dx: float, dy: float, dz: float) -> tuple[Scene, list[str]]:
    """Move ``oid`` (and what it carries) by (dx, dy, dz) metres, keeping its yaw."""
    x, y, z = scene.object(oid).pose.position
    return move_group(scene, oid, x + dx, y + dy, z + dz, scene.object(oid).pose.yaw)


def pick(rng: np.random.Generator, items: list[Any]) -> Any:
    """One of ``items``, drawn with ``rng``."""
    return items[int(rng.integers(len(items)))]


def shuffled(rng: np.random.Generator, items: list[Any]) -> list[Any]:
    """``items`` in an order drawn with ``rng``."""
    return [items[i] for i in rng.permutation(len(items))]


def floor_standing(scene: Scene, min_height: float = 0.0, on_rugs: bool = True) -> list[ObjectInstance]:
    """Objects on the floor (``support`` None, not mounted) or, with ``on_rugs``, on a rug or mat; not flat
    themselves; at least ``min_height`` metres tall."""
    return [o for o in scene.objects
            if (support_kind(o) == "floor" or (on_rugs and on_flat(scene, o)))
            and o.category not in catalog.with_role("flat") and o.size[2] >= min_height]


def on_flat(scene: Scene, inst: ObjectInstance) -> bool:
    """Whether ``inst`` stands on a rug or mat."""
    if support_kind(inst) != "object":
        return False
    under = next((o for o in scene.objects if o.id == inst.support), None)
    return under is not None and under.category in catalog.with_role("flat")


def move_standing(scene: Scene, oid: str, x: float, y: float, yaw: float) -> tuple[Scene, list[str]]:
    """Move a floor-standing object (and what it carries) across the floor; one standing on a rug that ends up
    clear of the rug steps down onto the floor (z = 0, support None)."""
    inst = scene.object(oid)
    z, support = inst.pose.position[2], "keep"
    if on_flat(scene, inst):
        rug = scene.object(inst.support or "")
        quad = footprint_corners(x, y, inst.size[0] / 2, inst.size[1] / 2, yaw)
        if not bool(rects_overlap(quad[None], footprint_of(rug))[0]):
            z, support = 0.0, None
    return move_group(scene, oid, x, y, z, yaw, support=support)


def group_top(scene: Scene, oid: str) -> float:
    """Highest point (metres) of an object and what it carries."""
    return max(scene.object(i).pose.position[2] + scene.object(i).size[2] for i in [oid, *carried(scene, oid)])


def in_door_clearance(room: Room, corners: np.ndarray) -> bool:
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
