"""Views for judging: a few corner cameras that together cover the room, plus one overhead view, rendered with
per-pixel object ids.

Every judge (bundled CNN or VLM) looks at the same ``JudgeViews``: up to ``MAX_VIEWS`` perspective renders from just
inside the room's convex corners (``scenegen.render.views.corner_camera``) and an orthographic plan view from above
(``overhead``: it sees what stands right under a corner camera; the bundled judge takes no crops from it, having been
trained on corner views), each with its id mask, so every answer can name an object id. Images are (H, W, 3) uint8 sRGB; ids are (H, W) int32 indices into ``names`` (−1 background).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from scenegen.scene import Scene

if TYPE_CHECKING:
    import trimesh

    from scenegen.render.camera import Camera
    from scenegen.render.raycast import RenderOutput

VIEW_WIDTH = 320
VIEW_HEIGHT = 240
"""Pixels of each judging view (a 4:3 frame, big enough that a 30 cm object 4 m away covers ~15 px)."""
VIEW_FOV_DEG = 70.0
"""Vertical field of view: wider than the 60° of ``perspective_view`` so ceiling fixtures stay in frame."""
MAX_VIEWS = 4
"""At most this many corners are rendered (the first convex corners in footprint order)."""
OVERHEAD_WIDTH = 256
"""Pixels across the overhead view (its height follows the room's aspect)."""


@dataclass
class JudgeView:
    """One rendered view: its corner index (−1 for the overhead view), camera and render (rgb, depth, ids, names)."""

    corner: int
    camera: "Camera"
    output: "RenderOutput"

    @property
    def overhead(self) -> bool:
        return self.corner < 0


@dataclass
class JudgeViews:
    """The views of one scene. ``names`` is the mesh list the ids index (room meshes first, then object ids);
    ``object_index`` maps an object id to its index in ``names``."""

    views: list[JudgeView]
    names: list[str]
    meshes: list[tuple[str, "trimesh.Trimesh"]] = field(repr=False)

    @property
    def object_index(self) -> dict[str, int]:
        return {n: k for k, n in enumerate(self.names)}


def convex_corners(scene: Scene) -> list[int]:
    """Indices (into the list of convex footprint vertices) that ``corner_camera`` accepts: 0 … n_convex − 1."""
    room = scene.room
    n = len(room.footprint)
    count = 0
    for v in range(n):
        d_in, d_out = np.asarray(room.wall_direction((v - 1) % n)), np.asarray(room.wall_direction(v))
        if d_in[0] * d_out[1] - d_in[1] * d_out[0] > 1e-9:
            count += 1
    return list(range(max(count, 1)))


INSETS_M = (0.3, 0.6, 0.9, 1.2)
"""Distances from the walls tried for each corner camera: the first whose eye is inside no object's box is used (a
camera inside a wardrobe sees only its insides); a corner with none is left out."""


def _eye_blocked(scene: Scene, eye: np.ndarray, pad: float = 0.05) -> bool:
    return any(all(lo - pad <= e <= hi + pad for e, lo, hi in zip(eye, o.bbox[0], o.bbox[1])) for o in scene.objects)


def judge_cameras(scene: Scene, width: int = VIEW_WIDTH, height: int = VIEW_HEIGHT,
                  max_views: int = MAX_VIEWS) -> list[tuple[int, "Camera"]]:
    """(corner, camera) for up to ``max_views`` convex corners, eye height 1.6 m, looking at the room centre, each
    moved in from the walls until its eye is clear of every object (``INSETS_M``)."""
    from scenegen.render.views import corner_camera

    cams = []
    for c in convex_corners(scene):
        for inset in INSETS_M:
            cam = corner_camera(scene.room, c, width, height, inset=inset, fov_deg=VIEW_FOV_DEG)
            if not _eye_blocked(scene, cam.position):
                cams.append((c, cam))
                break
        if len(cams) == max_views:
            break
    return cams


def render_views(scene: Scene, width: int = VIEW_WIDTH, height: int = VIEW_HEIGHT, max_views: int = MAX_VIEWS,
                 meshes: list[tuple[str, "trimesh.Trimesh"]] | None = None) -> JudgeViews:
    """Render ``scene`` (no ceiling) from its judging cameras and from above, with shadows. ``meshes`` may pass
    ``scene_meshes(scene)`` already built (or edited, e.g. recoloured for training)."""
    from scenegen.render import raycast
    from scenegen.render.views import scene_meshes

    meshes = meshes if meshes is not None else scene_meshes(scene, ceiling=False)
    prepare = getattr(raycast, "prepare", None)  # build the BVH once when the renderer offers it
    prepared = prepare(meshes) if prepare is not None else None
    from scenegen.render.camera import top_down

    views = []
    cams = [*judge_cameras(scene, width, height, max_views), (-1, top_down(scene.room, width=OVERHEAD_WIDTH))]
    for corner, cam in cams:
        out = prepared.render(cam, shadows=True) if prepared is not None else raycast.render(meshes, cam)
        views.append(JudgeView(corner=corner, camera=cam, output=out))
    return JudgeViews(views=views, names=[n for n, _ in meshes], meshes=meshes)


def marked_image(view: JudgeView, labels: dict[int, str]) -> "np.ndarray":
    """(H, W, 3) uint8: the view with each labelled mesh outlined and its label drawn at its mask's centre
    (set-of-marks prompting for VLM judges). ``labels`` maps a mesh index to the text drawn."""
    from PIL import Image, ImageDraw

    from scenegen.render.views import id_colours

    out = view.output
    img = out.rgb.copy()
    ids = out.ids
    edge = np.zeros(ids.shape, dtype=bool)
    edge[:, 1:] |= ids[:, 1:] != ids[:, :-1]
    edge[1:, :] |= ids[1:, :] != ids[:-1, :]
    palette = id_colours(max(len(out.names), 1))
    for k in labels:
        m = edge & (ids == k)
        img[m] = palette[k]
    pil = Image.fromarray(img, "RGB")
    draw = ImageDraw.Draw(pil)
    for k, text in labels.items():
        ys, xs = np.nonzero(ids == k)
        if len(xs) == 0:
            continue
        x, y = float(np.median(xs)), float(np.median(ys))
        x0, y0, x1, y1 = draw.textbbox((0, 0), text)
        w, h = x1 - x0, y1 - y0
        draw.rectangle([x - w / 2 - 2, y - h / 2 - 1, x + w / 2 + 2, y + h / 2 + 2], fill=(255, 255, 255))
        draw.text((x - w / 2 - x0, y - h / 2 - y0), text, fill=(0, 0, 0))
    return np.asarray(pil)
