"""The simplest asset backend: every object is a coloured box of its category's typical size. Used for the generic
fallback, for tests that need exact geometry, and as a cheap placeholder."""

from __future__ import annotations

import numpy as np

from scenegen import catalog
from scenegen.assets import ASSET_BACKENDS
from scenegen.scene import AssetRef, PlannedObject


class BoxBackend:
    def plan_asset(self, obj: PlannedObject, rng: np.random.Generator) -> AssetRef:
        cat = catalog.GENERIC if obj.generic else catalog.get(obj.category)
        w, d, h = cat.size_typical
        return AssetRef(backend="box", category=obj.category, seed=int(rng.integers(2**31)),
                        params={"width": w, "depth": d, "height": h})

    def build(self, ref: AssetRef):
        import trimesh

        w, d, h = ref.params["width"], ref.params["depth"], ref.params["height"]
        mesh = trimesh.creation.box(extents=(w, d, h))
        mesh.apply_translation((0.0, 0.0, h / 2))
        rgba = np.array([*(np.asarray(ref.colour) * 255), 255], dtype=np.uint8)
        mesh.visual.face_colors = np.tile(rgba, (len(mesh.faces), 1))
        return mesh


ASSET_BACKENDS.register("box")(BoxBackend())
