"""Object generators: a planned object -> an ``AssetRef`` (parameters chosen once, deterministically) -> a mesh.

A backend is an object with two methods (see ``AssetBackend``); backends register under ``ASSET_BACKENDS``, as
themselves or as a factory of their typed options (``image3d`` takes ``Image3DOptions``).
Meshes are built in the object's local frame (``scenegen.scene``: bottom-centre origin, front +y, z up, metres).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

import numpy as np

from scenegen.registry import Registry
from scenegen.scene import AssetRef, ObjectInstance, PlannedObject

if TYPE_CHECKING:
    from collections.abc import Callable

    import trimesh


class AssetBackend(Protocol):
    def plan_asset(self, obj: PlannedObject, rng: np.random.Generator) -> AssetRef:
        """Choose the generator parameters for ``obj`` (sizes inside the category priors, honouring attributes)."""

    def build(self, ref: AssetRef) -> "trimesh.Trimesh":
        """Build the mesh in the local frame. Same ref -> same mesh, vertex for vertex."""


ASSET_BACKENDS: Registry[AssetBackend] = Registry("assets", ("scenegen.assets.box", "scenegen.assets.procedural",
                                                             "scenegen.assets.image3d.backend"))


def plan_asset(obj: PlannedObject, rng: np.random.Generator, backend: str = "procedural",
               options: object | None = None) -> AssetRef:
    """``obj``'s AssetRef from the backend ``backend`` built with ``options`` (None: that backend's defaults)."""
    return ASSET_BACKENDS.create(backend, options).plan_asset(obj, rng)


def _ref_key(ref: AssetRef) -> str:
    return ref.model_dump_json()


@lru_cache(maxsize=512)
def _build_cached(key: str) -> "trimesh.Trimesh":
    ref = AssetRef.model_validate_json(key)
    return ASSET_BACKENDS.get(ref.backend).build(ref)


def build_mesh(ref: AssetRef) -> "trimesh.Trimesh":
    """The local-frame mesh for ``ref`` (cached; a copy is returned so callers may mutate it)."""
    return _build_cached(_ref_key(ref)).copy()


def refit(refs: dict[str, AssetRef], sizes: dict[str, tuple[float, float, float]], oid: str,
          params: dict[str, float | str], build: "Callable[[AssetRef], trimesh.Trimesh]") -> None:
    """Give ``refs[oid]`` the generator ``params`` (merged over its own) and ``sizes[oid]`` the (width, depth, height)
    in metres of the mesh ``build`` makes from it, in place: a table lengthened for its seats, a top widened for its
    load."""
    refs[oid] = refs[oid].model_copy(update={"params": {**refs[oid].params, **params}})
    w, d, h = (float(v) for v in build(refs[oid]).extents)
    sizes[oid] = (w, d, h)


def pose_matrix(position: tuple[float, float, float], yaw: float) -> np.ndarray:
    """(4, 4) float64 homogeneous transform: rotate by ``yaw`` (radians) about +z, then translate (metres)."""
    c, s = np.cos(yaw), np.sin(yaw)
    m = np.eye(4)
    m[:2, :2] = [[c, -s], [s, c]]
    m[:3, 3] = position
    return m


def world_mesh(inst: ObjectInstance) -> "trimesh.Trimesh":
    """The instance's mesh moved into the world frame."""
    mesh = build_mesh(inst.asset)
    mesh.apply_transform(pose_matrix(inst.pose.position, inst.pose.yaw))
    return mesh
