"""Convex collision parts of an object, in its local frame, cached on disk by asset parameters.

Simulators collide convex shapes. Procedural meshes are unions of closed convex primitives (boxes, cylinders, cones),
so their connected components' convex hulls are an exact decomposition and cost milliseconds. A component that is not
convex (its volume under ``CONVEX_RATIO`` of its hull's: an image-to-3D blob) goes through approximate convex
decomposition with ``coacd`` (Wei et al., SIGGRAPH 2022), which takes seconds, hence the cache: parts are stored under
``<user cache>/collision/`` keyed by the SHA-256 of the mesh itself (its vertices and faces) and ``ALGORITHM``, so
a batch decomposes each distinct asset once, and a generator that changes its shape is never read back with the
parts of its old one (a key of the asset's parameters alone did that).

Units: metres. A part is a (V, 3) float64 array of hull vertices; simulators rebuild the hull from the points.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from scenegen.paths import user_cache_dir
from scenegen.scene import AssetRef
from scenegen.scene_files import write_atomic

if TYPE_CHECKING:
    import trimesh

ALGORITHM = "components-hull+coacd-v1"
"""Part of the cache key: change it when the decomposition changes so stale parts are not reused."""
CONVEX_RATIO = 0.9
"""A component whose volume is at least this share of its hull's is taken as convex (m³/m³)."""
COACD_THRESHOLD = 0.05
"""coacd's concavity threshold (its default); lower gives more, tighter parts."""
COACD_MAX_HULLS = 16
"""Most parts coacd may return per component."""
MIN_THICKNESS = 0.004
"""Metres; a flat component (a poster, a mat) becomes a box at least this thick, since a hull needs volume."""


def cache_dir() -> Path:
    """Where parts are kept: ``scenegen.paths.user_cache_dir() / "collision"`` (created on first write)."""
    return user_cache_dir() / "collision"


def cache_key(mesh: "trimesh.Trimesh") -> str:
    """SHA-256 hex of ``ALGORITHM`` and the mesh's vertices and faces: equal keys, equal parts."""
    digest = hashlib.sha256(f"{ALGORITHM}\n".encode())
    digest.update(np.ascontiguousarray(mesh.vertices, dtype=np.float64).tobytes())
    digest.update(np.ascontiguousarray(mesh.faces, dtype=np.int64).tobytes())
    return digest.hexdigest()


def convex_parts(ref: AssetRef, mesh: "trimesh.Trimesh | None" = None, use_cache: bool = True) -> list[np.ndarray]:
    """Convex parts of ``ref``'s mesh (local frame), each a (V, 3) float64 vertex array, metres.

    ``mesh`` may be passed when the caller already built it. Read from the disk cache when present; computed and
    written otherwise (a cache that cannot be written is skipped silently: parts are recomputed next time).
    """
    if mesh is None:
        from scenegen.assets import build_mesh

        mesh = build_mesh(ref)
    key = cache_key(mesh)
    path = cache_dir() / key[:2] / f"{key}.npz"
    if use_cache and path.exists():
        try:
            with np.load(path, allow_pickle=False) as data:
                return [data[f"p{i}"] for i in range(len(data.files))]
        except (OSError, ValueError, KeyError):
            pass  # corrupt entry: recompute and overwrite
    parts = decompose(mesh)
    if use_cache:
        buf = io.BytesIO()
        np.savez(buf, **{f"p{i}": p for i, p in enumerate(parts)})
        try:
            write_atomic(path, buf.getvalue())
        except OSError:
            pass
    return parts


def decompose(mesh: "trimesh.Trimesh") -> list[np.ndarray]:
    """Convex parts of ``mesh``: one hull per convex component, ``coacd`` parts for the others (see module doc)."""
    parts: list[np.ndarray] = []
    for comp in mesh.split(only_watertight=False):
        hull = _hull(comp)
        if hull is None:
            parts.append(_thin_box(comp))
        elif comp.is_watertight and comp.volume < CONVEX_RATIO * hull.volume:
            parts.extend(_coacd(comp))
        else:
            parts.append(np.asarray(hull.vertices, dtype=np.float64))
    return parts


def _hull(comp: "trimesh.Trimesh") -> "trimesh.Trimesh | None":
    try:
        hull = comp.convex_hull
    except Exception:  # qhull refuses coplanar or too few points
        return None
    if hull.volume <= 0 or float(np.min(hull.extents)) < MIN_THICKNESS / 2:
        return None
    return hull


def _thin_box(comp: "trimesh.Trimesh") -> np.ndarray:
    """(8, 3) corners of ``comp``'s bounding box, each side padded to ``MIN_THICKNESS``."""
    lo, hi = comp.bounds
    mid, half = (lo + hi) / 2, np.maximum((hi - lo) / 2, MIN_THICKNESS / 2)
    signs = np.array([[x, y, z] for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)], dtype=np.float64)
    return mid + signs * half


def _coacd(comp: "trimesh.Trimesh") -> list[np.ndarray]:
    """Approximate convex decomposition of one non-convex component (deterministic: fixed seed)."""
    import coacd

    coacd.set_log_level("error")
    cm = coacd.Mesh(np.asarray(comp.vertices, dtype=np.float64), np.asarray(comp.faces, dtype=np.int64))
    result = coacd.run_coacd(cm, threshold=COACD_THRESHOLD, max_convex_hull=COACD_MAX_HULLS, seed=0)
    return [np.asarray(v, dtype=np.float64) for v, _ in result if len(v) >= 4]
