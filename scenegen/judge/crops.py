"""Object crops and visibility from id masks.

A crop is a square window around one object's pixels in one view, resampled to ``size`` × ``size``: (4, S, S) float32,
channels R, G, B in [0, 1] and the object's mask (1 inside, 0 elsewhere), so the network knows which object in a
cluttered window it is asked about. Windows reaching past the image edge read zeros there.

Visibility is geometric, not learned: points on the object's surface (its face centroids) are projected into each
view and compared with the rendered depth; a point counts as hidden when the pixel it lands on shows another mesh
nearer the camera. An object's visible fraction in a view is the share of its in-frame points not hidden; a fully
enclosed object scores 0 in every view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import trimesh

    from scenegen.judge.views import JudgeView, JudgeViews
    from scenegen.render.raycast import RenderOutput

CROP_SIZE = 64
"""Pixels per side of a crop fed to the bundled judge."""
CROP_MARGIN = 0.15
"""Window side = (1 + 2·margin) × the longer side of the mask's bounding box, so some context shows."""
MIN_PIXELS = 24
"""An object covering fewer pixels in a view is not cropped there (too small to judge)."""
MAX_POINTS = 600
"""Surface points used per object for visibility (face centroids, evenly strided)."""
OCCLUSION_EPS_M = 0.02
"""A point is hidden when another mesh is hit at least this much (metres) nearer the camera along its ray."""


@dataclass
class Visibility:
    """One object's visibility over all views. ``fraction``: max over views of the share of its in-frame surface
    points not hidden by another mesh, in [0, 1] (None when the object is in frame in no view).
    ``per_view``: that share per view (None where out of frame). ``pixels``: mask pixels per view."""

    fraction: float | None
    per_view: list[float | None]
    pixels: list[int]


def crop_window(mask: np.ndarray, margin: float = CROP_MARGIN) -> tuple[float, float, float] | None:
    """(centre column, centre row, side) in pixels of the square window around ``mask`` ((H, W) bool), or None
    when the mask is empty."""
    ys, xs = np.nonzero(mask)
    if len(xs) == 0:
        return None
    x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
    side = max(x1 - x0, y1 - y0) * (1.0 + 2.0 * margin)
    return (x0 + x1) / 2.0, (y0 + y1) / 2.0, float(max(side, 4.0))


def crop(output: "RenderOutput", index: int, size: int = CROP_SIZE, margin: float = CROP_MARGIN
         ) -> np.ndarray | None:
    """(4, size, size) float32 crop of mesh ``index`` (into ``output.names``) from ``output``: RGB in [0, 1] and its
    mask. Nearest-pixel resampling. None when the mesh covers fewer than ``MIN_PIXELS`` pixels."""
    mask = output.ids == index
    if int(mask.sum()) < MIN_PIXELS:
        return None
    cx, cy, side = crop_window(mask, margin)  # type: ignore[misc]
    h, w = mask.shape
    t = (np.arange(size, dtype=np.float64) + 0.5) / size - 0.5
    cols = np.floor(cx + t * side).astype(np.int64)
    rows = np.floor(cy + t * side).astype(np.int64)
    inside = (rows[:, None] >= 0) & (rows[:, None] < h) & (cols[None, :] >= 0) & (cols[None, :] < w)
    rr = np.clip(rows, 0, h - 1)[:, None]
    cc = np.clip(cols, 0, w - 1)[None, :]
    out = np.zeros((4, size, size), dtype=np.float32)
    out[:3] = np.moveaxis(output.rgb[rr, cc].astype(np.float32) / 255.0, -1, 0)
    out[3] = mask[rr, cc]
    out *= inside[None]
    return out


def surface_points(mesh: "trimesh.Trimesh", max_points: int = MAX_POINTS) -> np.ndarray:
    """(N, 3) float64 world points on ``mesh``: face centroids, strided evenly to at most ``max_points``."""
    centres = np.asarray(mesh.triangles_center, dtype=np.float64)
    if len(centres) > max_points:
        centres = centres[np.linspace(0, len(centres) - 1, max_points).astype(np.int64)]
    return centres


def view_visibility(view: "JudgeView", index: int, points: np.ndarray) -> tuple[float | None, float]:
    """(share of in-frame points not hidden by another mesh or None, share of points in frame) for mesh ``index``
    seen in ``view``. ``points``: (N, 3) world metres."""
    cam, out = view.camera, view.output
    if len(points) == 0:
        return None, 0.0
    uv, z = cam.project(points)
    h, w = out.ids.shape
    ok = (z > 1e-6) & np.isfinite(uv).all(axis=1)
    ok &= (uv[:, 0] >= 0) & (uv[:, 0] < w) & (uv[:, 1] >= 0) & (uv[:, 1] < h)
    in_frame = float(ok.mean())
    if not ok.any():
        return None, 0.0
    cols = uv[ok, 0].astype(np.int64)
    rows = uv[ok, 1].astype(np.int64)
    dist = np.linalg.norm(points[ok] - cam.position, axis=1)
    hit_id = out.ids[rows, cols]
    hit_depth = out.depth[rows, cols].astype(np.float64)
    hidden = (hit_id >= 0) & (hit_id != index) & (hit_depth < dist - OCCLUSION_EPS_M)
    return float(1.0 - hidden.mean()), in_frame


def visibility(views: "JudgeViews", object_ids: list[str]) -> dict[str, Visibility]:
    """Visibility of each object in ``object_ids`` over ``views`` (see ``Visibility``)."""
    index = views.object_index
    meshes = dict(views.meshes)
    result: dict[str, Visibility] = {}
    for oid in object_ids:
        k = index[oid]
        pts = surface_points(meshes[oid])
        per_view: list[float | None] = []
        pixels: list[int] = []
        for view in views.views:
            frac, _ = view_visibility(view, k, pts)
            per_view.append(frac)
            pixels.append(int((view.output.ids == k).sum()))
        seen = [f for f in per_view if f is not None]
        result[oid] = Visibility(fraction=max(seen) if seen else None, per_view=per_view, pixels=pixels)
    return result
