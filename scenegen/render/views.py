"""Views of a Scene: the meshes to render, an annotated top-down map, a perspective view from a corner, id overlays.

Images are ``PIL.Image.Image`` in RGB. The top-down map is north-up (world +y up, +x right), at ``px_per_m`` pixels
per metre, its size exactly that of ``scenegen.render.camera.top_down(room, px_per_m, margin=MAP_MARGIN)``.
"""

from __future__ import annotations

import colorsys
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from scenegen.render.camera import Camera, look_at, top_down
from scenegen.render.raycast import Lights, RenderOutput, render
from scenegen.scene import Finding, ObjectInstance, Opening, Room, Scene

if TYPE_CHECKING:
    import trimesh
    from PIL import Image as PILImage

MAP_MARGIN = 0.8
"""Metres of margin around the footprint bounds on the top-down map (room for the legend, scale bar and arrow)."""

# A near-vertical sun for the map, so tall walls do not throw long shadows over the floor.
MAP_LIGHTS = Lights(sun_direction=(0.12, -0.08, 1.0), sun_intensity=0.7, fill_intensity=0.2, ambient=0.45)

FAIL_RED = (230, 0, 0)
_OUTLINE = (20, 40, 110)
_DOOR = (120, 70, 30)
_DOOR_CLEARANCE = (40, 160, 80)
_WINDOW = (60, 150, 230)
_ROOM_LINE = (40, 40, 40)
_NAVIGABLE = (60, 190, 90)
_CUT_OFF = (245, 150, 40)


# --------------------------------------------------------------------------------------------------------------------
# Meshes
# --------------------------------------------------------------------------------------------------------------------


def scene_meshes(scene: Scene, *, ceiling: bool = False) -> list[tuple[str, "trimesh.Trimesh"]]:
    """World-frame meshes of ``scene``: ``floor``, ``wall_<i>`` (and ``ceiling``), then every object under its id."""
    from scenegen.assets import world_mesh
    from scenegen.assets.architecture import room_meshes

    out = list(room_meshes(scene.room, ceiling=ceiling).items())
    out.extend((inst.id, world_mesh(inst)) for inst in scene.objects)
    return out


def hung(scene: Scene) -> set[str]:
    """Ids of the objects hung from the ceiling (lights, fans). The views leave the ceiling open so the sun lights
    the room; these cast no shadow, or each lamp would print a dark disc on the floor below it."""
    return {o.id for o in scene.objects if o.support == "ceiling"}


# --------------------------------------------------------------------------------------------------------------------
# Drawing helpers
# --------------------------------------------------------------------------------------------------------------------


def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has only the fixed bitmap font
        return ImageFont.load_default()


def footprint_corners(inst: ObjectInstance) -> np.ndarray:
    """(4, 2) float64 world xy corners of the object's rotated footprint (from ``size`` and ``pose``), metres, CCW."""
    w, d = inst.size[0], inst.size[1]
    local = np.array([[-w / 2, -d / 2], [w / 2, -d / 2], [w / 2, d / 2], [-w / 2, d / 2]])
    c, s = math.cos(inst.pose.yaw), math.sin(inst.pose.yaw)
    rot = np.array([[c, -s], [s, c]])
    return local @ rot.T + np.asarray(inst.pose.position[:2])


def _to_px(camera: Camera, xy: np.ndarray, z: float = 0.0) -> list[tuple[float, float]]:
    xy = np.atleast_2d(np.asarray(xy, dtype=np.float64))
    pts = np.column_stack([xy, np.full(len(xy), z)])
    uv, _ = camera.project(pts)
    return [(float(u), float(v)) for u, v in uv]


def _dashed(draw, pts: list[tuple[float, float]], fill, width: int = 2, dash: float = 6.0, closed: bool = True) -> None:
    seq = pts + [pts[0]] if closed else pts
    for (x0, y0), (x1, y1) in zip(seq[:-1], seq[1:]):
        length = math.hypot(x1 - x0, y1 - y0)
        steps = max(1, int(length // dash))
        for k in range(0, steps, 2):
            a, b = k / steps, min((k + 1) / steps, 1.0)
            draw.line([(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a), (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)],
                      fill=fill, width=width)


def _arrow(draw, p0: tuple[float, float], p1: tuple[float, float], fill, width: int = 2, head: float = 6.0) -> None:
    draw.line([p0, p1], fill=fill, width=width)
    ang = math.atan2(p1[1] - p0[1], p1[0] - p0[0])
    left = (p1[0] - head * math.cos(ang - 0.45), p1[1] - head * math.sin(ang - 0.45))
    right = (p1[0] - head * math.cos(ang + 0.45), p1[1] - head * math.sin(ang + 0.45))
    draw.polygon([p1, left, right], fill=fill)


def _label(draw, xy: tuple[float, float], text: str, font, fill=(0, 0, 0), bg=(255, 255, 255)) -> None:
    x0, y0, x1, y1 = draw.textbbox((0, 0), text, font=font)
    tw, th = x1 - x0, y1 - y0
    left, top = xy[0] - tw / 2, xy[1] - th / 2
    draw.rectangle([left - 2, top - 1, left + tw + 2, top + th + 2], fill=bg)
    draw.text((left - x0, top - y0), text, font=font, fill=fill)


def _failing(findings: Iterable[Finding]) -> tuple[dict[str, list[str]], list[Finding]]:
    """Object id -> checks that failed naming it; and the failing findings themselves."""
    bad: dict[str, list[str]] = {}
    fails = [f for f in findings if f.status == "fail"]
    for f in fails:
        for oid in f.object_ids:
            bad.setdefault(oid, []).append(f.check)
    return bad, fails


# --------------------------------------------------------------------------------------------------------------------
# Top-down map
# --------------------------------------------------------------------------------------------------------------------


def map_camera(room: Room, px_per_m: float = 80.0) -> Camera:
    """The orthographic camera ``top_down_map`` renders through (so callers can map world points to its pixels)."""
    return top_down(room, px_per_m=px_per_m, margin=MAP_MARGIN)


def top_down_map(scene: Scene, findings: Iterable[Finding] = (), px_per_m: float = 80.0,
                 output: RenderOutput | None = None, navigable: bool = True) -> "PILImage.Image":
    """An annotated, north-up plan of ``scene``: a ray-cast render from above (no ceiling) plus

    the room outline; doors (on the wall, with their clearance box, depth = door width, dashed and translucent in
    front of them) and windows; each object's rotated footprint (from ``size`` and ``pose``), its id and an arrow for
    its front; objects named by failing findings (``status == "fail"``) outlined in red, with a legend line per failing
    finding; a 1 m scale bar and a north arrow. Size: ``map_camera(scene.room, px_per_m)``'s width × height.
    ``output`` may pass a render made through ``map_camera`` already, to skip the ray-cast. ``navigable`` tints the
    floor a robot (radius 0.2 m) can reach from the main free area green and cut-off floor orange
    (``scenegen.freespace.scene_free_space``, as the navigability validator sees it).
    """
    from PIL import Image, ImageDraw

    room = scene.room
    cam = map_camera(room, px_per_m)
    if output is None:
        output = render(scene_meshes(scene, ceiling=False), cam, lights=MAP_LIGHTS, shadowless=hung(scene))
    base = Image.fromarray(output.rgb, "RGB").convert("RGBA")
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    small = _font(max(9, int(round(px_per_m * 0.14))))
    bad, fails = _failing(findings)
    top_z = room.height  # annotations are drawn on the plan; z only matters for perspective cameras
    _draw_door_clearances(ImageDraw.Draw(overlay), room, cam, top_z)
    if navigable:
        od_tint = _navigable_tint(scene, cam)
        overlay = Image.alpha_composite(Image.fromarray(od_tint, "RGBA"), overlay)
    img = Image.alpha_composite(base, overlay)
    draw = ImageDraw.Draw(img)
    _draw_room(draw, room, cam, top_z, px_per_m, small)
    _draw_objects(draw, scene, cam, top_z, bad, px_per_m, small)
    _draw_legend(draw, fails, small)
    _draw_scale_and_north(draw, img.size, px_per_m, small)
    return img.convert("RGB")


def _door_box(room: Room, op: Opening) -> np.ndarray:
    """(4, 2) metres: the clearance box in front of door ``op``, as wide and as deep as the door."""
    c = np.asarray(room.opening_center(op))
    d = np.asarray(room.wall_direction(op.wall))
    n = np.asarray(room.wall_normal(op.wall))
    return np.array([c - d * op.width / 2, c + d * op.width / 2,
                     c + d * op.width / 2 + n * op.width, c - d * op.width / 2 + n * op.width])


def _draw_door_clearances(od, room: Room, cam: Camera, top_z: float) -> None:
    """Fill each door's clearance box, translucent, on the overlay drawer ``od``."""
    for op in room.openings:
        if op.kind != "door":
            continue
        od.polygon(_to_px(cam, _door_box(room, op), top_z), fill=(*_DOOR_CLEARANCE, 60))


def _draw_room(draw, room: Room, cam: Camera, top_z: float, px_per_m: float, font) -> None:
    """The room outline, then each opening on its wall (doors with a dashed clearance box and their swing) and its
    id."""
    from scenegen.assets.architecture import WALL_THICKNESS

    fp = np.asarray(room.footprint, dtype=np.float64)
    draw.line(_to_px(cam, np.vstack([fp, fp[:1]]), top_z), fill=_ROOM_LINE, width=2)
    lw = max(3, int(round(WALL_THICKNESS * px_per_m)))
    for op in room.openings:
        c = np.asarray(room.opening_center(op))
        d = np.asarray(room.wall_direction(op.wall))
        n = np.asarray(room.wall_normal(op.wall))
        mid = c - n * WALL_THICKNESS / 2
        seg = np.array([mid - d * op.width / 2, mid + d * op.width / 2])
        if op.kind == "door":
            draw.line(_to_px(cam, seg, top_z), fill=_DOOR, width=lw)
            _dashed(draw, _to_px(cam, _door_box(room, op), top_z), fill=_DOOR_CLEARANCE, width=1)
            # swing: quarter arc from the hinge (start side of the door) into the room
            hinge = c - d * op.width / 2
            ang = np.linspace(0.0, math.pi / 2, 12)
            arc = hinge + op.width * (np.cos(ang)[:, None] * d + np.sin(ang)[:, None] * n)
            draw.line(_to_px(cam, arc, top_z), fill=_DOOR_CLEARANCE, width=1)
        else:
            draw.line(_to_px(cam, seg, top_z), fill=_WINDOW, width=lw)
        _label(draw, _to_px(cam, c + n * 0.18, top_z)[0], op.id, font, fill=(60, 60, 60))


def _draw_objects(draw, scene: Scene, cam: Camera, top_z: float, bad: dict[str, list[str]], px_per_m: float,
                  font) -> None:
    """Each object's footprint, an arrow for its front and its id; objects in ``bad`` in red."""
    for inst in scene.objects:
        corners = _to_px(cam, footprint_corners(inst), top_z)
        failed = inst.id in bad
        draw.polygon(corners, outline=FAIL_RED if failed else _OUTLINE, width=3 if failed else 2)
        centre = np.asarray(inst.pose.position[:2])
        front = np.asarray(inst.pose.front)
        reach = inst.size[1] / 2
        _arrow(draw, _to_px(cam, centre + front * reach * 0.45, top_z)[0],
               _to_px(cam, centre + front * (reach + 0.12), top_z)[0],
               fill=FAIL_RED if failed else _OUTLINE, width=2, head=max(5.0, px_per_m * 0.07))
        _label(draw, _to_px(cam, centre, top_z)[0], inst.id, font)


def _draw_legend(draw, fails: list[Finding], font) -> None:
    """A line per failing finding (at most four, then a count) in the top-left corner."""
    y = 4
    for f in fails[:4]:
        draw.rectangle([4, y + 2, 14, y + 12], outline=FAIL_RED, width=2)
        text = f"fail {f.validator}.{f.check}: {', '.join(f.object_ids) or '(room)'}"
        draw.text((18, y), text, font=font, fill=(0, 0, 0))
        y += 14
    if len(fails) > 4:
        draw.text((18, y), f"+{len(fails) - 4} more failing findings", font=font, fill=(0, 0, 0))


def _draw_scale_and_north(draw, size: tuple[int, int], px_per_m: float, font) -> None:
    """A 1 m scale bar bottom left, a north arrow top right and the axis note bottom right of an image of ``size``
    (width, height) pixels."""
    W, H = size
    bar = px_per_m  # 1 m in pixels
    x0, yb = 10, H - 12
    draw.line([(x0, yb), (x0 + bar, yb)], fill=(0, 0, 0), width=3)
    draw.line([(x0, yb - 5), (x0, yb + 3)], fill=(0, 0, 0), width=2)
    draw.line([(x0 + bar, yb - 5), (x0 + bar, yb + 3)], fill=(0, 0, 0), width=2)
    draw.text((x0 + bar + 6, yb - 9), "1 m", font=font, fill=(0, 0, 0))

    ax, ay = W - 22, 8
    _arrow(draw, (ax, ay + 26), (ax, ay), fill=(0, 0, 0), width=2, head=7)
    draw.text((ax - 4, ay + 28), "N", font=font, fill=(0, 0, 0))
    draw.text((W - 92, H - 20), "+y up, +x right", font=font, fill=(60, 60, 60))


def _navigable_tint(scene: Scene, cam: Camera) -> np.ndarray:
    """(H, W, 4) uint8 RGBA: translucent green over floor reachable from the main free area, orange over free floor
    cut off from it, clear elsewhere; sampled at each map pixel's world point."""
    from scenegen.freespace import scene_free_space
    from scenegen.render.camera import generate_rays

    fs = scene_free_space(scene)
    origins, _ = generate_rays(cam)  # orthographic: each pixel's world (x, y)
    rows, cols, ok = fs.cell_index(origins[:, :2])
    reach = ok & fs.reach[rows, cols]
    cut = ok & fs.free[rows, cols] & ~reach & (fs.cover[rows, cols] > 0)
    tint = np.zeros((cam.height * cam.width, 4), dtype=np.uint8)
    tint[reach] = (*_NAVIGABLE, 55)
    tint[cut] = (*_CUT_OFF, 90)
    return tint.reshape(cam.height, cam.width, 4)


# --------------------------------------------------------------------------------------------------------------------
# Perspective view
# --------------------------------------------------------------------------------------------------------------------


def _room_centre(room: Room) -> np.ndarray:
    from shapely.geometry import Polygon

    poly = Polygon(room.footprint)
    c = poly.centroid
    if not poly.contains(c):  # e.g. a U-shaped room: pick a point that is inside
        c = poly.representative_point()
    return np.array([c.x, c.y])


def corner_camera(room: Room, corner: int = 0, width: int = 512, height: int = 384, eye_height: float = 1.6,
                  inset: float = 0.3, target_height: float = 0.8, fov_deg: float = 60.0) -> Camera:
    """A perspective camera ``inset`` metres in from both walls at convex footprint corner ``corner`` (indexing the
    convex vertices, wrapping), ``eye_height`` metres up, looking at the room centre at ``target_height``."""
    n = len(room.footprint)
    convex = []
    for v in range(n):
        d_in, d_out = np.asarray(room.wall_direction((v - 1) % n)), np.asarray(room.wall_direction(v))
        if d_in[0] * d_out[1] - d_in[1] * d_out[0] > 1e-9:
            convex.append(v)
    centre = _room_centre(room)
    v = convex[corner % len(convex)]  # a simple CCW polygon always has a convex vertex
    inward = np.asarray(room.wall_normal((v - 1) % n)) + np.asarray(room.wall_normal(v))
    eye = np.asarray(room.footprint[v], dtype=np.float64) + inset * inward
    for _ in range(20):  # very sharp corners: walk towards the centre until inside
        if room.contains(float(eye[0]), float(eye[1])):
            break
        eye = eye + 0.25 * (centre - eye)
    return look_at((eye[0], eye[1], eye_height), (centre[0], centre[1], target_height), fov_deg=fov_deg,
                   width=width, height=height)


def perspective_view(scene: Scene, width: int = 512, height: int = 384, corner: int | None = None, *,
                     shadows: bool = True) -> "PILImage.Image":
    """A ray-cast view from just inside a corner of the room at eye height (1.6 m), looking at the room centre,
    slightly down. No ceiling, so the sun lights the room from above. See ``corner_camera``. ``corner=None`` picks the
    corner that sees the most objects (``best_corner``)."""
    from PIL import Image

    meshes = scene_meshes(scene, ceiling=False)
    if corner is None:
        corner = best_corner(scene, meshes)
    cam = corner_camera(scene.room, corner, width, height)
    out = render(meshes, cam, shadows=shadows, shadowless=hung(scene))
    return Image.fromarray(out.rgb, "RGB")


def object_camera(scene: Scene, object_id: str, width: int = 384, height: int = 288, fov_deg: float = 55.0,
                  eye_height: float = 1.5) -> Camera:
    """A perspective camera in front of ``object_id`` (along its front, far enough that the whole object fits the
    vertical field of view, clamped inside the room), ``eye_height`` metres up, looking at the object's centre."""
    inst = scene.object(object_id)
    x, y, z = inst.pose.position
    w, d, h = inst.size
    centre = np.array([x, y, z + h / 2])
    front = np.asarray(inst.pose.front, dtype=np.float64)
    radius = 0.5 * math.sqrt(w * w + d * d + h * h)
    dist = max(0.6, 1.3 * radius / math.tan(math.radians(fov_deg) / 2))
    room_c = _room_centre(scene.room)
    eye = np.array([x, y]) + front * (d / 2 + dist)
    for _ in range(20):  # stay inside the room: slide towards the room centre
        if scene.room.contains(float(eye[0]), float(eye[1])):
            break
        eye = eye + 0.2 * (room_c - eye)
    return look_at((eye[0], eye[1], max(eye_height, centre[2] + 0.2)), tuple(centre), fov_deg=fov_deg, width=width,
                   height=height)


def object_view(scene: Scene, object_id: str, width: int = 384, height: int = 288, *, ids: bool = False,
                shadows: bool = True) -> "PILImage.Image":
    """The object seen from in front (``object_camera``); ``ids=True`` blends the per-object id colours over it."""
    from PIL import Image

    out = render(scene_meshes(scene, ceiling=False), object_camera(scene, object_id, width, height), shadows=shadows,
                 shadowless=hung(scene))
    return id_overlay(out, blend=0.45) if ids else Image.fromarray(out.rgb, "RGB")


BLOCKING_SHARE = 0.3
"""share of a preview one object may fill before the view counts as blocked (a camera behind a tall bookshelf)"""


def best_corner(scene: Scene, meshes: list[tuple[str, "trimesh.Trimesh"]] | None = None) -> int:
    """The convex corner whose view is not blocked (no object fills more than ``BLOCKING_SHARE`` of it) and shows the
    most objects, ties broken by how little of the view the largest object fills. Decided on 96×72 previews without
    shadows (a few ms each)."""
    meshes = meshes if meshes is not None else scene_meshes(scene, ceiling=False)
    object_ids = {inst.id for inst in scene.objects}
    n = len(scene.room.footprint)
    best: tuple[bool, int, float, int] | None = None
    for corner in range(n):
        cam = corner_camera(scene.room, corner, 96, 72)
        out = render(meshes, cam, shadows=False)
        ids = out.ids[out.ids >= 0]
        names = [out.names[i] for i in np.unique(ids)]
        seen = [nm for nm in names if nm in object_ids]
        largest = max((float((ids == out.names.index(nm)).mean()) for nm in seen), default=0.0)
        key = (largest <= BLOCKING_SHARE, len(seen), -largest, -corner)
        if best is None or key > best:
            best = key
    return -best[3] if best else 0


# --------------------------------------------------------------------------------------------------------------------
# Id overlay
# --------------------------------------------------------------------------------------------------------------------


def id_colours(n: int) -> np.ndarray:
    """(n, 3) uint8 distinct, deterministic colours (golden-ratio hues) for ids 0 … n−1."""
    cols = [colorsys.hsv_to_rgb((0.11 + 0.618033988749895 * k) % 1.0, 0.75, 0.95) for k in range(n)]
    return (np.asarray(cols, dtype=np.float64).reshape(-1, 3) * 255).round().astype(np.uint8)


def id_overlay(output: RenderOutput, blend: float = 0.0) -> "PILImage.Image":
    """Colour each pixel by its mesh id (background black). ``blend`` in [0, 1] mixes in the shaded render."""
    from PIL import Image

    palette = np.vstack([id_colours(len(output.names)), np.zeros((1, 3), dtype=np.uint8)])
    img = palette[np.where(output.ids >= 0, output.ids, len(output.names))]
    if blend > 0:
        img = ((1 - blend) * img + blend * output.rgb).round().astype(np.uint8)
    return Image.fromarray(img, "RGB")
