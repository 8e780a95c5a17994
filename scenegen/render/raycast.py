"""A CPU ray-caster: named meshes + a camera -> colour, depth, normals and per-pixel mesh ids.

All meshes are concatenated into one triangle soup and every primary ray is cast in one batch through Embree
(``trimesh.ray.ray_pyembree`` via the ``embreex`` wheel; trimesh's pure-numpy intersector is the fallback when embreex
is missing). Hit points are recomputed in float64 from the hit triangle's plane, so depths are exact to ~1e-9 m even
though Embree itself works in float32.

Shading (in linear RGB, encoded to sRGB on output): Lambert with a directional sun (with a batch of shadow rays), a
directional fill light without shadows, and ambient. Face normals are flipped to face the camera, so open or
inconsistently wound meshes shade the same from either side. Face colours are read from each mesh's visuals and treated
as linear RGB (``AssetRef.colour`` × 255, as the asset backends store them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from scenegen.render.camera import Camera, generate_rays

if TYPE_CHECKING:
    import trimesh

BACKGROUND = (0.78, 0.82, 0.86)
"""Default background colour, linear RGB in [0, 1]."""

_SHADOW_EPS = 1e-3  # metres: shadow rays start this far off the surface (along the camera-facing normal)


@dataclass(frozen=True)
class Lights:
    """Directional lighting. Directions point **towards** the light (world frame, need not be unit); intensities are
    linear multipliers of the albedo."""

    sun_direction: tuple[float, float, float] = (0.3, -0.2, 1.0)
    sun_intensity: float = 0.75
    fill_direction: tuple[float, float, float] = (-0.5, 0.7, 0.5)
    fill_intensity: float = 0.3
    ambient: float = 0.4


@dataclass
class RenderOutput:
    """What ``render`` returns. Pixel (j, i) is row j, column i (see ``scenegen.render.camera``).

    rgb: (H, W, 3) uint8 sRGB. depth: (H, W) float32 metres along the ray, ``inf`` where nothing was hit.
    normals: (H, W, 3) float32 unit world-space normals facing the camera (zeros on background).
    ids: (H, W) int32 index into ``names`` (the mesh list), −1 for background. names: the meshes' names, in order.
    """

    rgb: np.ndarray
    depth: np.ndarray
    normals: np.ndarray
    ids: np.ndarray
    names: list[str] = field(default_factory=list)

    def mask(self, name: str) -> np.ndarray:
        """(H, W) bool: pixels showing the mesh called ``name``."""
        return self.ids == self.names.index(name)


def _face_rgb(mesh: "trimesh.Trimesh") -> np.ndarray:
    """(F, 3) float64 linear albedo in [0, 1] from the mesh's visuals (texture visuals collapse to colours)."""
    vis = mesh.visual
    if getattr(vis, "kind", None) == "texture":
        vis = vis.to_color()
    try:
        fc = np.asarray(vis.face_colors)
    except Exception:  # visuals we cannot read: neutral grey rather than failing the render
        fc = np.empty((0, 4))
    if fc.shape != (len(mesh.faces), 4):
        return np.full((len(mesh.faces), 3), 0.5)
    return fc[:, :3].astype(np.float64) / 255.0


def _intersector(vertices: np.ndarray, faces: np.ndarray):
    import trimesh

    mesh = trimesh.Trimesh(vertices=vertices, faces=faces, process=False, validate=False)
    try:
        from trimesh.ray.ray_pyembree import RayMeshIntersector
    except ImportError:  # embreex not installed: slower but same answers
        from trimesh.ray.ray_triangle import RayMeshIntersector
    return mesh, RayMeshIntersector(mesh)


def _linear_to_srgb(c: np.ndarray) -> np.ndarray:
    c = np.clip(c, 0.0, 1.0)
    return np.where(c <= 0.0031308, 12.92 * c, 1.055 * np.power(c, 1.0 / 2.4) - 0.055)


def _unit(v: tuple[float, float, float]) -> np.ndarray:
    a = np.asarray(v, dtype=np.float64)
    return a / np.linalg.norm(a)


def render(meshes: list[tuple[str, "trimesh.Trimesh"]], camera: Camera, *, shadows: bool = True,
           lights: Lights | None = None, background: tuple[float, float, float] = BACKGROUND) -> RenderOutput:
    """Ray-cast ``meshes`` (name, world-frame mesh) through ``camera``.

    One batch of H·W primary rays, plus one batch of shadow rays towards the sun for the lit hits when ``shadows``.
    Returns a ``RenderOutput`` whose ``ids`` index into ``meshes``.
    """
    lights = lights or Lights()
    names = [name for name, _ in meshes]
    h, w = camera.height, camera.width
    n_pix = h * w

    # -- one triangle soup, with a per-face mesh id and albedo --
    verts, faces, albedo, face_ids = [], [], [], []
    offset = 0
    for k, (_, mesh) in enumerate(meshes):
        nf = len(mesh.faces)
        if nf == 0:
            continue
        verts.append(np.asarray(mesh.vertices, dtype=np.float64))
        faces.append(np.asarray(mesh.faces, dtype=np.int64) + offset)
        albedo.append(_face_rgb(mesh))
        face_ids.append(np.full(nf, k, dtype=np.int32))
        offset += len(mesh.vertices)

    bg_lin = np.asarray(background, dtype=np.float64)
    rgb_lin = np.broadcast_to(bg_lin, (n_pix, 3)).copy()
    depth = np.full(n_pix, np.inf, dtype=np.float32)
    normals = np.zeros((n_pix, 3), dtype=np.float32)
    ids = np.full(n_pix, -1, dtype=np.int32)

    if faces:
        V, F = np.concatenate(verts), np.concatenate(faces)
        A, FID = np.concatenate(albedo), np.concatenate(face_ids)
        soup, isect = _intersector(V, F)
        origins, dirs = generate_rays(camera)
        tri = np.asarray(isect.intersects_first(origins, dirs), dtype=np.int64)
        hit = np.flatnonzero(tri >= 0)
        tri_h = tri[hit]
        o, d = origins[hit], dirs[hit]

        # exact float64 hit distance from the triangle's plane (Embree's own hits are float32)
        fn = np.asarray(soup.face_normals)[tri_h]
        p0 = V[F[tri_h, 0]]
        denom = np.einsum("ij,ij->i", d, fn)
        safe = np.abs(denom) > 1e-12
        t = np.where(safe, np.einsum("ij,ij->i", p0 - o, fn) / np.where(safe, denom, 1.0), 0.0)
        if not safe.all():  # grazing / degenerate triangles: fall back to the distance to the triangle's centroid
            cen = V[F[tri_h[~safe]]].mean(axis=1)
            t[~safe] = np.einsum("ij,ij->i", cen - o[~safe], d[~safe])
        t = np.maximum(t, 0.0)
        pts = o + d * t[:, None]

        # face normals flipped to face the camera
        n = np.where((denom > 0)[:, None], -fn, fn)

        sun = _unit(lights.sun_direction)
        fill = _unit(lights.fill_direction)
        ndl_sun = np.clip(n @ sun, 0.0, None)
        vis = np.ones(len(hit))
        if shadows and lights.sun_intensity > 0:
            lit = np.flatnonzero(ndl_sun > 0)
            if len(lit):
                blocked = isect.intersects_any(pts[lit] + n[lit] * _SHADOW_EPS, np.broadcast_to(sun, (len(lit), 3)))
                vis[lit[np.asarray(blocked, dtype=bool)]] = 0.0
        light = (lights.ambient + lights.sun_intensity * ndl_sun * vis
                 + lights.fill_intensity * np.clip(n @ fill, 0.0, None))
        rgb_lin[hit] = A[tri_h] * light[:, None]
        depth[hit] = t.astype(np.float32)
        normals[hit] = n.astype(np.float32)
        ids[hit] = FID[tri_h]

    rgb = np.round(_linear_to_srgb(rgb_lin) * 255.0).astype(np.uint8)
    return RenderOutput(rgb=rgb.reshape(h, w, 3), depth=depth.reshape(h, w), normals=normals.reshape(h, w, 3),
                        ids=ids.reshape(h, w), names=names)
