"""The simplest asset backend: every object is a coloured box of its category's typical size. Used for the generic
fallback, for tests that need exact geometry, and as a cheap placeholder."""

from __future__ import annotations

import numpy as np

from scenegen import catalog
from scenegen.assets import ASSET_BACKENDS
from scenegen.assets.colours import colour_for, material_rgb
from scenegen.assets.materials import category_kind, tag
from scenegen.scene import AssetRef, PlannedObject


class BoxBackend:
    def plan_asset(self, obj: PlannedObject, rng: np.random.Generator) -> AssetRef:
        cat = catalog.for_object(obj.category, obj.generic, obj.proposal)
        w, d, h = cat.size_typical
        params: dict = {"width": w, "depth": d, "height": h}
        if obj.proposal is not None and obj.proposal.shape != "box":
            params["shape"] = obj.proposal.shape
        seed = int(rng.integers(2**31))
        asked = colour_for(obj.attributes.colour, rng) or material_rgb(obj.attributes.material)  # "a red sedan"
        if asked is None:
            return AssetRef(backend="box", category=obj.category, seed=seed, params=params)
        return AssetRef(backend="box", category=obj.category, seed=seed, params=params,
                        colour=tuple(round(float(c), 4) for c in asked))

    def build(self, ref: AssetRef):
        """A watertight mesh filling the (width, depth, height) box exactly: a box, or for an open-vocabulary object
        proposed as a ``cylinder`` or ``sphere``, that shape stretched to the box. Bottom-centre origin."""
        import trimesh

        w, d, h = ref.params["width"], ref.params["depth"], ref.params["height"]
        shape = ref.params.get("shape", "box")
        if shape == "cylinder":
            mesh = trimesh.creation.cylinder(radius=0.5, height=1.0, sections=24)
        elif shape == "sphere":
            mesh = trimesh.creation.icosphere(subdivisions=2, radius=0.5)
        else:
            mesh = trimesh.creation.box(extents=(1.0, 1.0, 1.0))
        mesh.apply_scale((w / np.ptp(mesh.vertices[:, 0]), d / np.ptp(mesh.vertices[:, 1]),
                          h / np.ptp(mesh.vertices[:, 2])))
        mesh.apply_translation((0.0, 0.0, -mesh.vertices[:, 2].min()))
        rgba = np.array([*(np.asarray(ref.colour) * 255), 255], dtype=np.uint8)
        mesh.visual.face_colors = np.tile(rgba, (len(mesh.faces), 1))
        return tag(mesh, category_kind(ref.category, tuple(ref.colour)), body=True)


ASSET_BACKENDS.register("box")(BoxBackend())
