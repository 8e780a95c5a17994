"""The floor plan picture of a home: rooms filled by type with their names and areas, furniture footprints, walls,
doors with their leaves and swings, open-plan openings, windows and the entrance. Pure PIL; metres to pixels with
north up."""

from __future__ import annotations

import math
import re
import zlib
from typing import TYPE_CHECKING

import numpy as np

from scenegen.home.model import OUTSIDE, Door, Home

if TYPE_CHECKING:
    from PIL import Image as PILImage

MARGIN = 36
"""pixels around the plan"""
WALL_PX = 4
ROOM_COLOURS = {"living_room": (250, 236, 205), "kitchen": (255, 222, 200), "dining_room": (250, 228, 214),
                "bedroom": (214, 228, 250), "bathroom": (205, 240, 240), "toilet": (205, 240, 240),
                "hallway": (236, 236, 236), "office": (226, 240, 210), "garage": (222, 222, 222)}
"""fill per room type; other types get a pastel from their name"""


def _fonts() -> tuple[object, object, str]:
    """A label font, a small one, and how to write square metres: DejaVu Sans has "²"; the fallback bitmap font
    does not, so it writes "m2"."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype("DejaVuSans.ttf", 13), ImageFont.truetype("DejaVuSans.ttf", 11), "m²"
    except OSError:
        from scenegen.render.views import _font

        return _font(13), _font(11), "m2"


def _fill(room_type: str) -> tuple[int, int, int]:
    if room_type in ROOM_COLOURS:
        return ROOM_COLOURS[room_type]
    h = zlib.crc32(room_type.encode())
    return tuple(200 + (h >> s) % 50 for s in (0, 8, 16))  # type: ignore[return-value]


CAPTION = 22
"""pixels below the plan for its caption"""


def floor_plan_image(home: Home, px_per_m: float = 64.0, max_px: int = 1100, failing: set[str] | None = None,
                     fit: tuple[int, int] | None = None) -> "PILImage.Image":
    """The plan of ``home`` at ``px_per_m`` (at most ``max_px`` across), or drawn to fill ``fit`` (width, height
    pixels) so its labels keep their size; rooms and doors named in ``failing`` are outlined in red."""
    from PIL import Image, ImageDraw

    pts = np.array([p for r in home.rooms for p in r.scene.room.footprint], dtype=np.float64)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = np.maximum(hi - lo, 1e-6)
    if fit is not None:
        s = min((fit[0] - 2 * MARGIN) / span[0], (fit[1] - 2 * MARGIN - CAPTION) / span[1])
    else:
        s = min(px_per_m, (max_px - 2 * MARGIN) / float(span.max()))
    size = fit or (int(span[0] * s) + 2 * MARGIN, int(span[1] * s) + 2 * MARGIN + CAPTION)
    x_pad = (size[0] - span[0] * s) / 2

    def px(x: float, y: float) -> tuple[float, float]:
        return x_pad + (x - lo[0]) * s, size[1] - CAPTION - MARGIN - (y - lo[1]) * s

    img = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(img)
    font, small, m2 = _fonts()
    failing = failing or set()
    for r in home.rooms:
        draw.polygon([px(*p) for p in r.scene.room.footprint], fill=_fill(r.type))
    _furniture(draw, home, px)
    for r in home.rooms:
        colour = (200, 0, 0) if r.id in failing else (40, 40, 40)
        draw.polygon([px(*p) for p in r.scene.room.footprint], outline=colour, width=WALL_PX)
    for r in home.rooms:
        _windows(draw, r.scene.room, px)
    for d in home.doors:
        _door(draw, home, d, px, s, red=d.id in failing)
    for r in home.rooms:
        (x0, y0), (x1, y1) = r.scene.room.bounds
        cx, cy = px((x0 + x1) / 2, (y0 + y1) / 2)
        room_px = (x1 - x0) * s - 6
        name = r.name if draw.textlength(r.name, font=font) <= room_px else r.name.replace(" ", "\n", 1)
        lines = name.split("\n")
        for k, line in enumerate(lines):
            _centred(draw, (cx, cy - 8 - 15 * (len(lines) - 1 - k)), line, font)
        _centred(draw, (cx, cy + 8), f"{r.scene.room.area:.1f} {m2}", small)
    w, d = hi - lo
    draw.text((6, size[1] - CAPTION + 4), f"{home.program.name}: {len(home.rooms)} rooms, {home.area:.0f} {m2}, "
              f"{w:.1f} × {d:.1f} m; north up", fill=(60, 60, 60), font=small)
    return img


def _centred(draw, xy: tuple[float, float], text: str, font) -> None:  # noqa: ANN001 -- PIL types
    box = draw.textbbox((0, 0), text, font=font)
    w, h = box[2] - box[0], box[3] - box[1]
    x, y = xy[0] - w / 2, xy[1] - h / 2
    draw.rectangle([x - 3, y - 2, x + w + 3, y + h + 3], fill=(255, 255, 255))
    draw.text((x, y - box[1]), text, fill=(0, 0, 0), font=font)


def _furniture(draw, home: Home, px) -> None:  # noqa: ANN001 -- PIL types
    """Footprints of the objects standing on the floor (grey) and of rugs (lighter), tops and walls left out."""
    from scenegen.freespace import footprint, is_flat

    for r in home.rooms:
        objs = sorted(r.scene.objects, key=lambda o: not is_flat(o))
        for o in objs:
            if o.support not in (None, "floor"):
                continue
            fill = (232, 226, 214) if is_flat(o) else (168, 164, 158)
            draw.polygon([px(float(x), float(y)) for x, y in footprint(o)], fill=fill, outline=(110, 110, 110))


def _windows(draw, room, px) -> None:  # noqa: ANN001 -- PIL types
    for op in room.openings:
        if op.kind != "window":
            continue
        (ax, ay), _ = room.wall(op.wall)
        dx, dy = room.wall_direction(op.wall)
        a = (ax + dx * (op.offset - op.width / 2), ay + dy * (op.offset - op.width / 2))
        b = (ax + dx * (op.offset + op.width / 2), ay + dy * (op.offset + op.width / 2))
        draw.line([px(*a), px(*b)], fill=(255, 255, 255), width=WALL_PX + 2)
        draw.line([px(*a), px(*b)], fill=(40, 120, 220), width=3)


def _door(draw, home: Home, d: Door, px, s: float, red: bool = False) -> None:  # noqa: ANN001 -- PIL types
    """The gap in the wall, and for a leaf: the open leaf and its swing arc on the side it opens into."""
    colour = (200, 0, 0) if red else ((190, 40, 40) if OUTSIDE in (d.a, d.b) else (60, 60, 60))
    along = np.array([1.0, 0.0]) if d.axis == "x" else np.array([0.0, 1.0])
    c = np.asarray(d.center)
    a, b = c - along * d.width / 2, c + along * d.width / 2
    draw.line([px(*a), px(*b)], fill=(255, 255, 255), width=WALL_PX + 3)
    if d.open_plan:
        draw.line([px(*a), px(*b)], fill=(150, 150, 150), width=1)
        return
    from scenegen.home.validate import swing_polygon

    poly = swing_polygon(d, home.room(d.swing_into).scene.room, steps=16)
    draw.line([px(*p) for p in poly[1:]], fill=colour, width=1)
    draw.line([px(*poly[0]), px(*poly[-1])], fill=colour, width=3)
    if OUTSIDE in (d.a, d.b):
        out = c - (poly[-1] - poly[0]) / max(np.linalg.norm(poly[-1] - poly[0]), 1e-9) * 0.5
        p0, p1 = px(*out), px(*c)
        draw.line([p0, p1], fill=colour, width=2)
        ang = math.atan2(p1[1] - p0[1], p1[0] - p0[0])
        for da in (2.6, -2.6):
            draw.line([p1, (p1[0] + 8 * math.cos(ang + da), p1[1] + 8 * math.sin(ang + da))], fill=colour, width=2)
    del s


def _walls_into(other, room, name: str) -> bool:  # noqa: ANN001 -- HomeRoom
    """Whether mesh ``name`` of room ``other`` is a wall slab on a wall it shares with ``room``: walls lie outside
    their room's footprint, so such a slab stands 0.1 m inside ``room`` and would fill a corner camera's view."""
    if not re.fullmatch(r"wall_\d+", name) or any(o.id == name for o in other.scene.objects):
        return False
    (ax, ay), (bx, by) = other.scene.room.wall(int(name.split("_")[1]))
    for i in range(len(room.scene.room.footprint)):
        (cx, cy), (dx, dy) = room.scene.room.wall(i)
        same_line = abs(ay - by) < 1e-6 and abs(cy - dy) < 1e-6 and abs(ay - cy) < 1e-6 or \
            abs(ax - bx) < 1e-6 and abs(cx - dx) < 1e-6 and abs(ax - cx) < 1e-6
        lo1, hi1 = sorted((ax, bx)) if abs(ay - by) < 1e-6 else sorted((ay, by))
        lo2, hi2 = sorted((cx, dx)) if abs(cy - dy) < 1e-6 else sorted((cy, dy))
        if same_line and min(hi1, hi2) - max(lo1, lo2) > 1e-6:
            return True
    return False


def home_view(home: Home, room_id: str, width: int = 512, height: int = 384) -> "PILImage.Image":
    """A perspective view from a corner of one room (the corner ``scenegen.render.views.best_corner`` picks), with
    every room of the home in the scene, so open doors show the rooms beyond them."""
    from PIL import Image

    from scenegen.render.raycast import render
    from scenegen.render.views import best_corner, corner_camera, scene_meshes

    room = home.room(room_id)
    meshes = [(f"{r.id}/{name}" if r.id != room_id else name, mesh) for r in home.rooms
              for name, mesh in scene_meshes(r.scene, ceiling=False)
              if r.id == room_id or not _walls_into(r, room, name)]
    corner = best_corner(room.scene)
    out = render(meshes, corner_camera(room.scene.room, corner, width, height), shadows=True)
    return Image.fromarray(out.rgb, "RGB")
