"""Room architecture as meshes: floor, one wall slab per footprint edge (with door and window holes), optional ceiling.

All meshes are built directly in the world frame (``scenegen.scene`` conventions: metres, z up, floor at z = 0,
counter-clockwise footprint, wall ``i`` = edge ``i -> i + 1`` with its inward normal to the left).

* ``floor``: the footprint extruded downward into a thin slab, its top face exactly at z = 0.
* ``wall_<i>``: a slab ``WALL_THICKNESS`` thick lying **outside** the footprint along edge ``i``, from z = 0 to
  ``room.height``, so the wall's inner face is exactly on the footprint edge. Openings are left as rectangular holes by
  building the wall from axis-aligned (in the wall's frame) boxes around them, never by booleans. At convex corners the
  slab is extended past the vertex so neighbouring walls close the corner; at reflex corners it is not (an extension
  would poke into the room).
* ``ceiling``: the footprint as a thin slab whose bottom face is at ``room.height``.

Face colours are set from linear-RGB constants (stored as ``colour * 255`` like ``scenegen.assets.box``); each mesh
also carries its material kind (``scenegen.assets.materials``: plaster walls and ceiling, a wood or tile floor by room
type) in its metadata.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from scenegen.assets.colours import colour_rgb, material_rgb
from scenegen.assets.materials import SHELL_KINDS, floor_kind, kind_for_word, tag
from scenegen.scene import Finish, Room

if TYPE_CHECKING:
    import trimesh

WALL_THICKNESS = 0.1
"""Wall slab thickness in metres (outside the footprint)."""

SLAB_THICKNESS = 0.05
"""Floor and ceiling slab thickness in metres."""

# Linear RGB in [0, 1] (the renderer encodes to sRGB on output).
FLOOR_COLOUR = (0.45, 0.25, 0.10)   # warm wood
WALL_COLOUR = (0.80, 0.78, 0.72)    # off-white
CEILING_COLOUR = (0.92, 0.92, 0.92)  # white

_MAX_CORNER_EXTENSION = 4.0  # × thickness; caps the mitre extension at very sharp corners


def finish_look(finish: Finish | None, colour: tuple[float, float, float], material_kind: str
                ) -> tuple[tuple[float, float, float], str]:
    """(colour, material kind) of a wall or floor: the finish's colour phrase, else its material's colour, else
    ``colour``; its material word's kind, else ``material_kind``."""
    if finish is None:
        return colour, material_kind
    rgb = colour_rgb(finish.colour) or material_rgb(finish.material) or colour
    return rgb, kind_for_word(finish.material) or material_kind


def _paint(mesh: "trimesh.Trimesh", colour: tuple[float, float, float]) -> "trimesh.Trimesh":
    rgba = np.array([*(np.asarray(colour) * 255.0), 255.0]).round().astype(np.uint8)
    mesh.visual.face_colors = np.tile(rgba, (len(mesh.faces), 1))
    return mesh


def _footprint_slab(room: Room, z_bottom: float, thickness: float) -> "trimesh.Trimesh":
    import trimesh
    from shapely.geometry import Polygon

    poly = Polygon(room.footprint)
    if not poly.is_valid:
        raise ValueError(f"room footprint {room.footprint} is not a simple polygon (it crosses itself)")
    mesh = trimesh.creation.extrude_polygon(poly, thickness)
    mesh.apply_translation((0.0, 0.0, z_bottom))
    return mesh


def _corner_extension(room: Room, vertex: int, thickness: float) -> float:
    """How far (metres) the walls meeting at footprint ``vertex`` extend past it so the outer corner is closed.

    Convex corner with interior angle a: the outer offset lines meet thickness·cot(a/2) past the vertex. Reflex corner: 0.
    """
    n = len(room.footprint)
    d_in = np.asarray(room.wall_direction((vertex - 1) % n))
    d_out = np.asarray(room.wall_direction(vertex % n))
    cross = d_in[0] * d_out[1] - d_in[1] * d_out[0]
    if cross <= 1e-9:  # reflex (right turn) or straight: no extension
        return 0.0
    turn = math.atan2(cross, float(d_in @ d_out))  # exterior turning angle in (0, pi)
    return min(thickness * math.tan(turn / 2.0), _MAX_CORNER_EXTENSION * thickness)


def _wall_boxes(room: Room, i: int, thickness: float) -> list[tuple[float, float, float, float]]:
    """Solid pieces of wall ``i`` as (s0, s1, z0, z1) rectangles: s along the wall from its start vertex, metres.

    The along-wall axis is cut at every opening edge; within each interval the union of the openings covering it is
    removed from [0, height], leaving below-sill, above-opening and full-height side pieces.
    """
    n = len(room.footprint)
    length = room.wall_length(i)
    s_start = -_corner_extension(room, i, thickness)
    s_end = length + _corner_extension(room, (i + 1) % n, thickness)
    holes = [(max(op.offset - op.width / 2, 0.0), min(op.offset + op.width / 2, length),
              max(op.sill, 0.0), min(op.sill + op.height, room.height))
             for op in room.openings if op.wall == i]
    holes = [h for h in holes if h[1] > h[0] and h[3] > h[2]]
    cuts = sorted({s_start, s_end, *(h[0] for h in holes), *(h[1] for h in holes)})
    boxes: list[tuple[float, float, float, float]] = []
    for s0, s1 in zip(cuts[:-1], cuts[1:]):
        if s1 - s0 < 1e-9:
            continue
        mid = 0.5 * (s0 + s1)
        blocked = sorted((h[2], h[3]) for h in holes if h[0] <= mid <= h[1])
        z = 0.0
        for z0, z1 in blocked:
            if z0 > z + 1e-9:
                boxes.append((s0, s1, z, z0))
            z = max(z, z1)
        if room.height > z + 1e-9:
            boxes.append((s0, s1, z, room.height))
    return boxes


def wall_mesh(room: Room, i: int, thickness: float = WALL_THICKNESS) -> "trimesh.Trimesh":
    """Wall ``i`` as a world-frame mesh: boxes outside the footprint edge, holes where its openings are."""
    import trimesh

    (ax, ay), _ = room.wall(i)
    # wall frame: x along the wall, y = inward normal (to the left), z up; right-handed since d × n = +z.
    # The slab occupies y in [-thickness, 0], i.e. outside the footprint.
    frame = np.eye(4)
    frame[:3, 0] = (*room.wall_direction(i), 0.0)
    frame[:3, 1] = (*room.wall_normal(i), 0.0)
    frame[:3, 3] = (ax, ay, 0.0)
    parts = []
    for s0, s1, z0, z1 in _wall_boxes(room, i, thickness):
        box = trimesh.creation.box(bounds=[[s0, -thickness, z0], [s1, 0.0, z1]])
        box.apply_transform(frame)
        parts.append(box)
    mesh = trimesh.util.concatenate(parts) if parts else trimesh.Trimesh()
    colour, material = finish_look(room.walls, WALL_COLOUR, SHELL_KINDS["wall"])
    return tag(_paint(mesh, colour), material)


def room_meshes(room: Room, ceiling: bool = False,
                wall_thickness: float = WALL_THICKNESS) -> dict[str, "trimesh.Trimesh"]:
    """World-frame meshes for ``room``: ``floor``, ``wall_0`` … ``wall_{n-1}`` and, if asked, ``ceiling``.

    Works for any simple counter-clockwise footprint (rectangles, L-shapes, …). Wall slabs lie outside the footprint,
    ``wall_thickness`` metres thick, with rectangular holes for the doors and windows on them.
    """
    floor_colour, floor_material = finish_look(room.floor, FLOOR_COLOUR, floor_kind(room.type))
    out: dict[str, trimesh.Trimesh] = {
        "floor": tag(_paint(_footprint_slab(room, -SLAB_THICKNESS, SLAB_THICKNESS), floor_colour), floor_material)}
    for i in range(len(room.footprint)):
        out[f"wall_{i}"] = wall_mesh(room, i, wall_thickness)
    if ceiling:
        out["ceiling"] = tag(_paint(_footprint_slab(room, room.height, SLAB_THICKNESS), CEILING_COLOUR),
                             SHELL_KINDS["ceiling"])
    return out
