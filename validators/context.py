"""Shared, lazily built geometry for one validation run: world meshes, ray intersectors and an fcl collision manager.

``validate()`` builds one ``ValidationContext`` per scene and hands it to every validator, so each mesh is built and
each acceleration structure (embree BVH, fcl BVH) is made once however many validators ask for it. Everything is
computed on first use, so a run of only the semantic validators never builds a mesh.

Units: metres, z up, floor at z = 0 (see ``scenegen.scene``).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from scenegen.scene import ObjectInstance, Scene

if TYPE_CHECKING:
    import trimesh

    from scenegen.options import JudgeOptions
    from trimesh.collision import CollisionManager

    from scenegen.freespace import FreeSpace

FLOOR = "floor"
"""Owner name of ray hits on the floor plane z = 0."""


def make_intersector(mesh: "trimesh.Trimesh") -> Any:
    """A ray intersector for ``mesh``: embree (``trimesh.ray.ray_pyembree``) when installed, else trimesh's pure-numpy
    one. Both expose ``intersects_location(origins, directions, multiple_hits)``."""
    import trimesh

    if trimesh.ray.has_embree:
        from trimesh.ray import ray_pyembree

        return ray_pyembree.RayMeshIntersector(mesh)
    from trimesh.ray import ray_triangle

    return ray_triangle.RayMeshIntersector(mesh)


class ValidationContext:
    """Per-scene caches shared by the validators of one ``validate()`` call. Never mutates the scene."""

    def __init__(self, scene: Scene, config: dict[str, dict[str, Any]] | None = None,
                 judge: "JudgeOptions | None" = None) -> None:
        self.scene = scene
        self.config: dict[str, dict[str, Any]] = config or {}
        """Per-validator parameter overrides, e.g. ``{"navigability": {"robot_radius": 0.3}}`` (see ``param``)."""
        self.judge = judge
        """The vision judge the ``vision`` validator asks (None: the bundled CNN)."""
        self._by_id: dict[str, ObjectInstance] = {o.id: o for o in scene.objects}
        self._meshes: dict[str, "trimesh.Trimesh"] = {}
        self._intersectors: dict[str, Any] = {}
        self._free_space: dict[tuple[float, int, float], "FreeSpace"] = {}

    def param(self, validator: str, name: str, default: Any) -> Any:
        """A validator's parameter: the override from ``config`` when given, else ``default`` (the published value)."""
        return self.config.get(validator, {}).get(name, default)

    # -- objects and meshes -------------------------------------------------------------------------------------------
    @property
    def ids(self) -> list[str]:
        """Object ids in scene order."""
        return [o.id for o in self.scene.objects]

    def instance(self, object_id: str) -> ObjectInstance | None:
        """The instance with ``object_id``, or None when the scene has none (e.g. a dangling ``support`` id)."""
        return self._by_id.get(object_id)

    def mesh(self, object_id: str) -> "trimesh.Trimesh":
        """World-frame mesh of an object (``scenegen.assets.world_mesh``), built once. Callers must not mutate it."""
        mesh = self._meshes.get(object_id)
        if mesh is None:
            from scenegen.assets import world_mesh

            mesh = world_mesh(self._by_id[object_id])
            self._meshes[object_id] = mesh
        return mesh

    def bounds(self, object_id: str) -> np.ndarray:
        """(2, 3) float64 world AABB of the object's mesh, metres (the mesh's, not the possibly stale ``inst.bbox``)."""
        return np.asarray(self.mesh(object_id).bounds, dtype=np.float64)

    # -- rays ---------------------------------------------------------------------------------------------------------
    def intersector(self, object_id: str) -> Any:
        """Ray intersector over one object's world mesh (cached)."""
        it = self._intersectors.get(object_id)
        if it is None:
            it = make_intersector(self.mesh(object_id))
            self._intersectors[object_id] = it
        return it

    @cached_property
    def combined(self) -> tuple["trimesh.Trimesh", np.ndarray]:
        """All object meshes concatenated, and (F,) int array mapping each face to its object's index in ``ids``."""
        import trimesh

        ids = self.ids
        if not ids:
            return trimesh.Trimesh(), np.zeros(0, dtype=np.int64)
        meshes = [self.mesh(i) for i in ids]
        owner = np.concatenate([np.full(len(m.faces), k, dtype=np.int64) for k, m in enumerate(meshes)])
        return trimesh.util.concatenate(meshes), owner

    @cached_property
    def combined_intersector(self) -> Any:
        """Ray intersector over ``combined`` (whole-scene queries such as renders or visibility)."""
        return make_intersector(self.combined[0])

    def cast_down(self, origins: np.ndarray, exclude: str | None = None, only: list[str] | None = None,
                  floor: bool = True) -> tuple[np.ndarray, list[str | None]]:
        """Cast rays straight down (-z) from ``origins`` ((N, 3) metres) against the floor plane z = 0 and objects.

        ``exclude`` is left out (the object the rays start from); ``only`` restricts the objects hit. Returns ``dist``
        ((N,) float64 metres to the first hit, ``inf`` for none) and ``owner`` (per ray: the object id hit, ``FLOOR``,
        or None).

        Each object is intersected on its own rather than through the combined mesh: an object resting on another
        has its bottom face coplanar with the support's top, and multi-hit ray casting through coincident faces can
        skip the second one, losing exactly the contacts this is for. Objects whose AABB cannot be reached by any ray
        are skipped, so the cost stays near one intersector per object underneath.
        """
        origins = np.asarray(origins, dtype=np.float64).reshape(-1, 3)
        n = len(origins)
        dist = np.full(n, np.inf)
        owner: list[str | None] = [None] * n
        if n == 0:
            return dist, owner
        if floor:
            above = origins[:, 2] >= 0.0
            dist[above] = origins[above, 2]
            for k in np.flatnonzero(above):
                owner[k] = FLOOR
        lo, hi = origins.min(axis=0), origins.max(axis=0)
        candidates = only if only is not None else self.ids
        down = np.tile([0.0, 0.0, -1.0], (n, 1))
        for oid in candidates:
            if oid == exclude or oid not in self._by_id:
                continue
            b = self.bounds(oid)
            if b[0, 0] > hi[0] or b[1, 0] < lo[0] or b[0, 1] > hi[1] or b[1, 1] < lo[1] or b[0, 2] > hi[2]:
                continue
            locs, ray_idx, _ = self.intersector(oid).intersects_location(origins, down, multiple_hits=False)
            if len(ray_idx) == 0:
                continue
            d = origins[ray_idx, 2] - locs[:, 2]
            closer = (d >= 0.0) & (d < dist[ray_idx])
            for k, dk in zip(ray_idx[closer], d[closer]):
                dist[k] = dk
                owner[k] = oid
        return dist, owner

    # -- collisions ---------------------------------------------------------------------------------------------------
    @cached_property
    def collision_manager(self) -> "CollisionManager":
        """fcl collision manager (``trimesh.collision.CollisionManager``) holding every object's world mesh by id."""
        from trimesh.collision import CollisionManager

        manager = CollisionManager()
        for oid in self.ids:
            manager.add_object(oid, self.mesh(oid))
        return manager

    # -- free floor ---------------------------------------------------------------------------------------------------
    def free_space(self, robot_radius: float, grid: int | None = None,
                   obstacle_max_centre: float | None = None, flat_obstacles: bool = False) -> "FreeSpace":
        """Top-down free-space raster (``validators.navigation.FreeSpace``) for a robot of ``robot_radius`` metres,
        built once per (radius, grid, obstacle height, whether rugs block) and shared by navigability and
        accessibility. ``grid`` and ``obstacle_max_centre`` default to navigability's parameters (256 cells, 2.0 m)."""
        from scenegen.freespace import scene_free_space as build_free_space
        from scenegen.thresholds import NAV_GRID as GRID, OBSTACLE_MAX_CENTRE

        if grid is None:
            grid = int(self.param("navigability", "grid", GRID))
        if obstacle_max_centre is None:
            obstacle_max_centre = float(self.param("navigability", "obstacle_max_centre", OBSTACLE_MAX_CENTRE))
        key = (float(robot_radius), int(grid), float(obstacle_max_centre), bool(flat_obstacles))
        fs = self._free_space.get(key)
        if fs is None:
            fs = build_free_space(self.scene, robot_radius=key[0], grid=key[1], obstacle_max_centre=key[2],
                                  flat_obstacles=key[3])
            self._free_space[key] = fs
        return fs
