"""A home as one walkable scene, so the single-room walkthrough (``scenegen walk``, ``scenegen rollout``) moves through
the whole home, passing through its doors.

``home_as_scene`` makes a 1.0 ``Scene`` whose room is the home's outline (its windows and entrance as openings) and
whose objects are every room's objects (ids ``<room>__<object>``) plus the interior walls as thin ``room_divider``
boxes with gaps where the doors are. The walker's free-space raster then holds the walls as obstacles, so a path from
one room to another must pass through a door; the renderer draws the walls as boxes.
"""

from __future__ import annotations

import math

from scenegen.home.model import OUTSIDE, Home
from scenegen.scene import AssetRef, LayoutPlan, ObjectInstance, Opening, Pose, Room, Scene

WALL_THICKNESS = 0.1
"""metres: the interior walls' boxes"""
SEP = "__"
"""joins a room id and an object id in the merged scene"""


def home_as_scene(home: Home) -> Scene:
    """The whole home as one scene (module docstring). Raises ``ValueError`` for a home without a footprint."""
    if len(home.footprint) < 3:
        raise ValueError("the home has no footprint outline to walk in")
    height = max(r.scene.room.height for r in home.rooms)
    outline = Room(type="home", footprint=list(home.footprint), height=height)
    outline = outline.model_copy(update={"openings": _outline_openings(home, outline)})
    objects: list[ObjectInstance] = []
    for r in home.rooms:
        for o in r.scene.objects:
            support = o.support if o.support in (None, "floor", "wall", "ceiling") else f"{r.id}{SEP}{o.support}"
            oid = f"{r.id}{SEP}{o.id}"
            objects.append(o.model_copy(update={"id": oid, "support": support, "mesh_node": oid}))
    objects += _interior_walls(home, height)
    plan = LayoutPlan(prompt=home.prompt, room=outline, planner=home.provenance.planner)
    return Scene(room=outline, objects=objects, plan=plan, provenance=home.provenance)


def room_of(object_id: str) -> str | None:
    """The room id of a merged scene's object id (None for an interior wall)."""
    return object_id.split(SEP, 1)[0] if SEP in object_id and not object_id.startswith(f"wall{SEP}") else None


def _outline_openings(home: Home, outline: Room) -> list[Opening]:
    """Every window on the outline and the entrance, as openings of the outline's walls."""
    out: list[Opening] = []
    for r in home.rooms:
        for op in r.scene.room.openings:
            if op.kind != "window":
                continue
            placed = _on_outline(outline, r.scene.room.opening_center(op), op.width)
            if placed is not None:
                out.append(op.model_copy(update={"id": f"{r.id}{SEP}{op.id}", "wall": placed[0],
                                                 "offset": placed[1]}))
    for d in home.doors:
        if OUTSIDE in (d.a, d.b):
            placed = _on_outline(outline, d.center, d.width)
            if placed is not None:
                out.append(Opening(id=d.id, kind="door", wall=placed[0], offset=placed[1], width=d.width,
                                   height=d.height))
    return out


def _on_outline(room: Room, c: tuple[float, float], width: float) -> tuple[int, float] | None:
    """(wall index, offset from its start) of a point on the outline, or None when it is not on it."""
    for i in range(len(room.footprint)):
        (ax, ay), _ = room.wall(i)
        dx, dy = room.wall_direction(i)
        t = (c[0] - ax) * dx + (c[1] - ay) * dy
        dist = abs((c[0] - ax) * dy - (c[1] - ay) * dx)
        if dist < 1e-3 and width / 2 - 1e-6 <= t <= room.wall_length(i) - width / 2 + 1e-6:
            return i, round(t, 4)
    return None


def _interior_walls(home: Home, height: float) -> list[ObjectInstance]:
    """Thin boxes along every wall two rooms share, cut where their doors are."""
    from scenegen.home.floorplan import Rect, shared_wall

    rects = {r.id: Rect(*r.scene.room.bounds[0], *r.scene.room.bounds[1]) for r in home.rooms}
    ids = list(rects)
    walls: list[ObjectInstance] = []
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            wall = shared_wall(rects[a], rects[b])
            if wall is None:
                continue
            axis, fixed, lo, hi = wall
            gaps = sorted(((d.center[0] if axis == "x" else d.center[1]) - d.width / 2,
                           (d.center[0] if axis == "x" else d.center[1]) + d.width / 2)
                          for d in home.doors if {d.a, d.b} == {a, b})
            start = lo
            for g0, g1 in [*gaps, (hi, hi)]:
                if g0 - start > 0.05:
                    walls.append(_wall_box(f"wall{SEP}{a}{SEP}{b}_{len(walls) + 1}", axis, fixed, start, g0,
                                           height))
                start = max(start, g1)
    return walls


def _wall_box(oid: str, axis: str, fixed: float, lo: float, hi: float, height: float) -> ObjectInstance:
    length = hi - lo
    mid = (lo + hi) / 2
    x, y = (mid, fixed) if axis == "x" else (fixed, mid)
    yaw = 0.0 if axis == "x" else math.pi / 2
    hx, hy = (length / 2, WALL_THICKNESS / 2) if axis == "x" else (WALL_THICKNESS / 2, length / 2)
    size = (length, WALL_THICKNESS, height)
    return ObjectInstance(id=oid[:63], category="room_divider",
                          asset=AssetRef(backend="box", category="room_divider", seed=0, colour=(0.93, 0.92, 0.9),
                                         params={"width": length, "depth": WALL_THICKNESS, "height": height}),
                          pose=Pose(position=(x, y, 0.0), yaw=yaw), size=size,
                          bbox=((x - hx, y - hy, 0.0), (x + hx, y + hy, height)), support=None, mesh_node=oid[:63])
