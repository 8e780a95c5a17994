"""A CPU ray-caster: named meshes + a camera -> colour, depth, normals and per-pixel mesh ids.

All meshes are concatenated into one triangle soup and every primary ray is cast in one batch through Embree (the
``embreex`` wheel, called directly; trimesh's pure-numpy intersector is the fallback when embreex is missing). The batch
is split into contiguous chunks cast on a thread pool (embreex releases the GIL). Hit points are recomputed in float64
from the hit triangle's plane, so depths are exact to ~1e-9 m even though Embree itself works in float32.

``prepare(meshes)`` builds the soup, the BVH and the per-face shading tables once; ``PreparedScene.render(camera)``
then renders any number of cameras (a walkthrough, a benchmark) without rebuilding. ``render(meshes, camera)`` is the
one-shot form: prepare, render once.

Shading (in linear RGB, encoded to sRGB on output): Lambert with a directional sun (with a batch of shadow rays), a
directional fill light without shadows, and ambient. Face normals are flipped to face the camera, so open or
inconsistently wound meshes shade the same from either side. Face colours are read from each mesh's visuals and treated
as linear RGB (``AssetRef.colour`` × 255, as the asset backends store them). Because the lights are directional, a
pixel's colour depends only on (face, side seen, in shadow or not): those sRGB values are tabulated per face once per
``Lights`` and each frame is a gather.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from scenegen.render.camera import Camera, generate_rays

if TYPE_CHECKING:
    import trimesh

BACKGROUND = (0.78, 0.82, 0.86)
"""Default background colour, linear RGB in [0, 1]."""

_SHADOW_EPS = 1e-3  # metres: shadow rays start this far off the surface (along the camera-facing normal)
_CHUNK_MIN = 4096  # rays: below this many per thread, splitting a frame costs more than it saves
# Per-frame products avoid ``@``: a BLAS call wakes OpenBLAS's worker threads, which then busy-wait for a while and
# take a core from the ray-casting threads (measured: ~2x slower frames on 2 cores). np.einsum and plain broadcasting
# stay in numpy's own loops.


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


def _linear_to_srgb(c: np.ndarray) -> np.ndarray:
    c = np.clip(c, 0.0, 1.0)
    return np.where(c <= 0.0031308, 12.92 * c, 1.055 * np.power(c, 1.0 / 2.4) - 0.055)


def _dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise dot products of (N, 3) arrays, (N,); column by column, about twice as fast as einsum here."""
    return a[:, 0] * b[:, 0] + a[:, 1] * b[:, 1] + a[:, 2] * b[:, 2]


def _unit(v: tuple[float, float, float]) -> np.ndarray:
    a = np.asarray(v, dtype=np.float64)
    return a / np.linalg.norm(a)




# --------------------------------------------------------------------------------------------------------------------
# Ray casting: Embree or trimesh's numpy fallback; frames split across a thread pool
# --------------------------------------------------------------------------------------------------------------------

_POOL = None
_POOL_LOCK = threading.Lock()


def _cpus() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def _pool():
    """The shared thread pool for pixel ranges (one worker per usable CPU), created on first use."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            from concurrent.futures import ThreadPoolExecutor

            _POOL = ThreadPoolExecutor(max_workers=_cpus(), thread_name_prefix="scenegen-raycast")
        return _POOL


def _parallel(fn: Callable[[int, int], None], n: int, parts: int) -> None:
    """Call ``fn(a, b)`` on ``parts`` contiguous ranges covering [0, n), the calling thread taking the first range and
    the pool the rest. Embree and numpy's large-array loops release the GIL, so the ranges run concurrently."""
    parts = max(1, min(parts, n // _CHUNK_MIN))
    bounds = np.linspace(0, n, parts + 1).astype(int)
    futures = [_pool().submit(fn, int(bounds[i]), int(bounds[i + 1])) for i in range(1, parts)]
    try:
        fn(int(bounds[0]), int(bounds[1]))
    finally:
        for f in futures:
            f.result()


class _Caster:
    """First-hit and any-hit queries against one triangle soup ((V, 3) float64 metres, (F, 3) int64)."""

    def __init__(self, vertices: np.ndarray, faces: np.ndarray) -> None:
        self.embree = None
        self.numpy = None
        try:
            from embreex import rtcore_scene
            from embreex.mesh_construction import TriangleMesh
        except ImportError:  # embreex not installed: slower but same answers
            import trimesh
            from trimesh.ray.ray_triangle import RayMeshIntersector

            self.numpy = RayMeshIntersector(trimesh.Trimesh(vertices=vertices, faces=faces, process=False,
                                                            validate=False))
        else:
            self.embree = rtcore_scene.EmbreeScene()
            TriangleMesh(scene=self.embree, vertices=np.ascontiguousarray(vertices, dtype=np.float32),
                         indices=np.ascontiguousarray(faces, dtype=np.int32))

    @property
    def threads(self) -> int:
        """How many ranges of a frame to cast at once (the numpy fallback is not known to be thread-safe: 1)."""
        return _cpus() if self.embree is not None else 1

    def first(self, origins: np.ndarray, dirs: np.ndarray) -> np.ndarray:
        """(N,) int32 index of the first triangle each ray hits, −1 for none. Rays: (N, 3) metres, unit directions."""
        if self.embree is None:
            return np.asarray(self.numpy.intersects_first(origins, dirs), dtype=np.int32)
        hit = self.embree.run(np.ascontiguousarray(origins, dtype=np.float32),
                              np.ascontiguousarray(dirs, dtype=np.float32), query="INTERSECT")
        return np.asarray(hit).astype(np.int32, copy=False)

    def any(self, origins: np.ndarray, dirs: np.ndarray) -> np.ndarray:
        """(N,) bool: whether each ray hits anything."""
        if self.embree is None:
            return np.asarray(self.numpy.intersects_any(origins, dirs), dtype=bool)
        hit = self.embree.run(np.ascontiguousarray(origins, dtype=np.float32),
                              np.ascontiguousarray(dirs, dtype=np.float32), query="OCCLUDED")
        return np.asarray(hit) >= 0


# --------------------------------------------------------------------------------------------------------------------
# Prepared scene
# --------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ShadeTable:
    """Per-face sRGB colours for one ``Lights``: ``rgb`` (4F, 3) uint8, row ``f + F·(2·back + shadowed)``;
    ``sunlit`` (2F,) bool, row ``f + F·back``: whether that side faces the sun (only those need a shadow ray)."""

    rgb: np.ndarray
    sunlit: np.ndarray


class PreparedScene:
    """Meshes concatenated into one triangle soup with its BVH built once, ready to render many cameras.

    ``vertices`` (V, 3) float64 metres; ``faces`` (F, 3) int64; ``face_normals`` (F, 3) float64 unit (zeros for
    degenerate faces); ``albedo`` (F, 3) float64 linear RGB; ``face_ids`` (F,) int32 index into ``names``.
    """

    def __init__(self, meshes: list[tuple[str, "trimesh.Trimesh"]], shadowless: Collection[str] = ()) -> None:
        self.names = [name for name, _ in meshes]
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
        self.vertices = np.concatenate(verts) if verts else np.zeros((0, 3))
        self.faces = np.concatenate(faces) if faces else np.zeros((0, 3), dtype=np.int64)
        self.albedo = np.concatenate(albedo) if albedo else np.zeros((0, 3))
        self.face_ids = np.concatenate(face_ids) if face_ids else np.zeros(0, dtype=np.int32)
        self.face_normals = np.zeros((0, 3))
        self._plane = np.zeros(0)
        self._caster: _Caster | None = None
        if len(self.faces):
            import trimesh

            soup = trimesh.Trimesh(vertices=self.vertices, faces=self.faces, process=False, validate=False)
            self.face_normals = np.asarray(soup.face_normals, dtype=np.float64)
            # n·p0 per face: a ray's hit distance is (n·p0 − n·o) / (n·d)
            self._plane = np.einsum("ij,ij->i", self.face_normals, self.vertices[self.faces[:, 0]])
            self._caster = _Caster(self.vertices, self.faces)
        self._tables: dict[Lights, _ShadeTable] = {}
        self._dirs: dict[tuple[int, int, float, float, float, float], np.ndarray] = {}
        quiet = [k for k, name in enumerate(self.names) if name in set(shadowless)]
        self._casts: np.ndarray | None = None  # (F,) bool: whether the face casts a shadow; None: every face does
        if quiet and len(self.faces):
            self._casts = ~np.isin(self.face_ids, quiet)

    @property
    def n_triangles(self) -> int:
        return len(self.faces)

    def _table(self, lights: Lights) -> _ShadeTable:
        table = self._tables.get(lights)
        if table is None:
            sun, fill = _unit(lights.sun_direction), _unit(lights.fill_direction)
            rows, sunlit = [], []
            for sign in (1.0, -1.0):  # front side (normal as stored), back side (flipped)
                n = self.face_normals * sign
                ndl_sun = np.clip(n @ sun, 0.0, None)
                base = lights.ambient + lights.fill_intensity * np.clip(n @ fill, 0.0, None)
                sunlit.append(ndl_sun > 0)
                rows.append(np.stack([base + lights.sun_intensity * ndl_sun, base]))  # (2, F): lit, shadowed
            light = np.stack(rows)  # (side, shadowed, F)
            rgb = np.round(_linear_to_srgb(self.albedo[None, None] * light[..., None]) * 255.0).astype(np.uint8)
            table = _ShadeTable(rgb=rgb.reshape(-1, 3), sunlit=np.concatenate(sunlit))
            self._tables[lights] = table
        return table

    def _rays(self, camera: Camera) -> Callable[[int, int], tuple[np.ndarray, np.ndarray]]:
        """``rays(a, b)`` -> (origins, directions) of pixels [a, b), as ``generate_rays``; for a perspective camera the
        unit camera-frame directions are cached per intrinsics and rotated per range (on the range's thread)."""
        if camera.orthographic:
            origins, dirs = generate_rays(camera)
            return lambda a, b: (origins[a:b], dirs[a:b])
        key = (camera.width, camera.height, camera.fx, camera.fy, camera.cx, camera.cy)
        local = self._dirs.get(key)
        if local is None:
            u = np.arange(camera.width, dtype=np.float64) + 0.5
            v = np.arange(camera.height, dtype=np.float64) + 0.5
            uu, vv = np.meshgrid(u, v)
            local = np.stack([(uu.ravel() - camera.cx) / camera.fx, (vv.ravel() - camera.cy) / camera.fy,
                              np.ones(uu.size)], axis=1)
            local /= np.linalg.norm(local, axis=1, keepdims=True)
            local = np.ascontiguousarray(local.T)  # (3, H·W): each component contiguous
            self._dirs = {key: local}  # one size at a time is the common case; do not grow without bound
        r = camera.cam_to_world[:3, :3]
        eye = camera.cam_to_world[:3, 3]

        def rays(a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
            # R @ local, one output component at a time over contiguous rows: several times faster than broadcasting
            # (M, 1) × (3,), and a BLAS matmul would wake OpenBLAS's spinning threads (module top)
            x, y, z = local[:, a:b]
            dirs = np.empty((b - a, 3))
            for i in range(3):
                col = dirs[:, i]
                np.multiply(x, r[i, 0], out=col)
                col += y * r[i, 1]
                col += z * r[i, 2]
            return np.broadcast_to(eye, dirs.shape), dirs

        return rays

    def render(self, camera: Camera, *, shadows: bool = True, lights: Lights | None = None,
               background: tuple[float, float, float] = BACKGROUND) -> RenderOutput:
        """Ray-cast the prepared meshes through ``camera``: one batch of H·W primary rays, plus one batch of shadow
        rays towards the sun for the sunlit hits when ``shadows``. ``ids`` index into ``names``.

        The pixels are split into one contiguous range per CPU, each cast and shaded on its own thread."""
        lights = lights or Lights()
        h, w = camera.height, camera.width
        n = h * w
        bg = np.round(_linear_to_srgb(np.asarray(background, dtype=np.float64)) * 255.0).astype(np.uint8)
        rgb = np.empty((n, 3), dtype=np.uint8)
        depth = np.empty(n, dtype=np.float32)
        normals = np.empty((n, 3), dtype=np.float32)
        ids = np.empty(n, dtype=np.int32)
        if self._caster is None:
            rgb[:], depth[:], normals[:], ids[:] = bg, np.inf, 0.0, -1
        else:
            rays = self._rays(camera)
            table = self._table(lights)
            sun = _unit(lights.sun_direction) if shadows and lights.sun_intensity > 0 else None

            def shade(a: int, b: int) -> None:
                origins, dirs = rays(a, b)
                self._shade(origins, dirs, camera.orthographic, table, sun, bg,
                            rgb[a:b], depth[a:b], normals[a:b], ids[a:b])

            _parallel(shade, n, self._caster.threads)
        return RenderOutput(rgb=rgb.reshape(h, w, 3), depth=depth.reshape(h, w), normals=normals.reshape(h, w, 3),
                            ids=ids.reshape(h, w), names=list(self.names))

    def _shade(self, origins: np.ndarray, dirs: np.ndarray, orthographic: bool, table: _ShadeTable,
               sun: np.ndarray | None, bg: np.ndarray, rgb: np.ndarray, depth: np.ndarray, normals: np.ndarray,
               ids: np.ndarray) -> None:
        """Cast and shade one range of rays ((M, 3) each), writing into the output slices. ``sun``: the unit
        direction to the sun when shadow rays are wanted, else None."""
        # Indoors nearly every ray hits, so the arithmetic runs on all of them (misses read face 0 and are
        # overwritten at the end) instead of compacting the hits first; np.take is several times faster than fancy
        # indexing.
        tri = self._caster.first(origins, dirs)
        miss = tri < 0
        ti = np.maximum(tri, 0)
        fn = np.take(self.face_normals, ti, axis=0)
        denom = _dot(dirs, fn)
        if orthographic:
            num = np.take(self._plane, ti) - _dot(origins, fn)
        else:  # one eye for every ray
            eye = origins[0]
            num = np.take(self._plane, ti) - (fn[:, 0] * eye[0] + fn[:, 1] * eye[1] + fn[:, 2] * eye[2])
        safe = np.abs(denom) > 1e-12
        t = np.where(safe, num / np.where(safe, denom, 1.0), 0.0)
        bad = np.flatnonzero(~safe & ~miss)
        if len(bad):  # grazing / degenerate triangles: fall back to the distance to the triangle's centroid
            cen = self.vertices[self.faces[ti[bad]]].mean(axis=1)
            t[bad] = np.einsum("ij,ij->i", cen - origins[bad], dirs[bad])
        np.maximum(t, 0.0, out=t)
        back = denom > 0  # the camera sees the side the stored normal points away from
        fn *= np.where(back, -1.0, 1.0)[:, None]  # now the camera-facing normal

        f_count = self.n_triangles
        side = ti + f_count * back
        row = side + f_count * back
        if sun is not None:
            lit = np.flatnonzero(np.take(table.sunlit, side) & ~miss)
            if len(lit):
                pts = np.take(origins, lit, axis=0) if orthographic else origins[0]
                pts = pts + np.take(dirs, lit, axis=0) * t[lit, None] + np.take(fn, lit, axis=0) * _SHADOW_EPS
                if self._casts is None:
                    blocked = self._caster.any(pts, np.broadcast_to(sun, pts.shape))
                else:  # the sun comes through the open ceiling, so nothing stands beyond a shadowless mesh
                    hit = self._caster.first(pts, np.broadcast_to(sun, pts.shape))
                    blocked = (hit >= 0) & np.take(self._casts, np.maximum(hit, 0))
                row[lit[blocked]] += f_count
        np.take(table.rgb, row, axis=0, out=rgb)
        rgb[miss] = bg
        depth[:] = t
        depth[miss] = np.inf
        normals[:] = fn
        normals[miss] = 0.0
        np.take(self.face_ids, ti, out=ids)
        ids[miss] = -1


def prepare(meshes: list[tuple[str, "trimesh.Trimesh"]], shadowless: Collection[str] = ()) -> PreparedScene:
    """Concatenate ``meshes`` (name, world-frame mesh) and build their BVH once; see ``PreparedScene.render``.
    The meshes named in ``shadowless`` cast no shadow (lamps hung from a ceiling the render leaves open to the sun)."""
    return PreparedScene(meshes, shadowless)


def render(meshes: list[tuple[str, "trimesh.Trimesh"]], camera: Camera, *, shadows: bool = True,
           lights: Lights | None = None, background: tuple[float, float, float] = BACKGROUND,
           shadowless: Collection[str] = ()) -> RenderOutput:
    """Ray-cast ``meshes`` (name, world-frame mesh) through ``camera``: ``prepare(meshes, shadowless).render(...)``.

    One batch of H·W primary rays, plus one batch of shadow rays towards the sun for the lit hits when ``shadows``.
    Returns a ``RenderOutput`` whose ``ids`` index into ``meshes``. To render many cameras, ``prepare`` once.
    """
    return prepare(meshes, shadowless).render(camera, shadows=shadows, lights=lights, background=background)
