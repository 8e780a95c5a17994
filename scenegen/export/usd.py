"""USD export for artists' tools: ``scene.usda`` (text USD) written with ``pxr`` from the ``usd-core`` wheel.

Stage layout::

    /World                      Xform (defaultPrim)
      /World/Room               Xform: floor, wall_<i> and ceiling Meshes, already in world coordinates
      /World/Objects            Xform
        /World/Objects/<id>     Xform: xformOp:translate (metres) then xformOp:rotateZ (degrees, = pose.yaw)
          /World/Objects/<id>/mesh   Mesh in the object's local frame (scenegen.scene: bottom-centre origin,
                                      front +y), displayColor per face (linear RGB), materials bound per
                                      GeomSubset (familyName "materialBind")
      /World/Looks              UsdPreviewSurface materials, one per (material kind, colour): ``usd_looks``

Axes and units: the stage says ``upAxis = "Z"`` and ``metersPerUnit = 1``, scenegen's own convention, so nothing is
rotated or scaled on the way out (USD tools that prefer y up convert on import from this metadata, unlike glTF, where
the GLB carries a -90° root rotation). Prim names are object ids made into valid USD identifiers (``Tf``); the exact
id is kept in the ``scenegen:id`` attribute. Per-object metadata (category, asset backend, colour/material/style/size,
support) are custom ``scenegen:*`` string attributes, the asset's generator parameters a ``customData`` dict; the
stage's ``customLayerData`` holds the prompt, seed, planner and versions. Output is deterministic for a scene.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from scenegen import __version__
from scenegen.scene import ObjectInstance, Scene
from scenegen.scene_files import write_atomic

if TYPE_CHECKING:
    import trimesh
    from pxr import Usd

WORLD = "/World"
ROOM = "/World/Room"
OBJECTS = "/World/Objects"
MESH_CHILD = "mesh"
"""Name of the Mesh prim under each object's Xform."""

ATTRIBUTE_FIELDS = ("colour", "material", "style", "size")
"""``ObjectInstance.attributes`` fields written as ``scenegen:<field>`` attributes (empty string when unset)."""


def usda_text(scene: Scene, physics: bool = True) -> str:
    """The scene as a USDA document (str). Imports ``pxr`` (usd-core) here, not at module import. ``physics`` adds
    UsdPhysics (rigid bodies, mass, convex colliders, joints: ``scenegen.export.usd_physics``)."""
    from pxr import Sdf, Usd, UsdGeom, Vt

    stage = Usd.Stage.CreateInMemory()
    UsdGeom.SetStageUpAxis(stage, UsdGeom.Tokens.z)
    UsdGeom.SetStageMetersPerUnit(stage, 1.0)
    stage.GetRootLayer().customLayerData = _layer_data(scene)
    world = UsdGeom.Xform.Define(stage, WORLD)
    stage.SetDefaultPrim(world.GetPrim())

    from scenegen.assets import build_mesh
    from scenegen.assets.architecture import room_meshes
    from scenegen.assets.materials import kind_for_word

    room = UsdGeom.Xform.Define(stage, ROOM)
    room.GetPrim().SetCustomData({"scenegen": {"type": scene.room.type, "height": float(scene.room.height),
                                               "openings": Vt.StringArray([op.id for op in scene.room.openings])}})
    for name, mesh in room_meshes(scene.room, ceiling=True).items():
        _define_mesh(stage, f"{ROOM}/{_identifier(name)}", mesh)

    UsdGeom.Xform.Define(stage, OBJECTS)
    for inst, name in zip(scene.objects, prim_names(scene)):
        xform = UsdGeom.Xform.Define(stage, f"{OBJECTS}/{name}")
        xform.AddTranslateOp(UsdGeom.XformOp.PrecisionDouble).Set(tuple(float(v) for v in inst.pose.position))
        xform.AddRotateZOp(UsdGeom.XformOp.PrecisionDouble).Set(float(np.degrees(inst.pose.yaw)))
        prim = xform.GetPrim()
        for key, value in object_metadata(inst).items():
            prim.CreateAttribute(f"scenegen:{key}", Sdf.ValueTypeNames.String, custom=True,
                                 variability=Sdf.VariabilityUniform).Set(value)
        prim.SetCustomData({"scenegen": {"assetSeed": int(inst.asset.seed),
                                         "assetParams": {k: v if isinstance(v, str) else float(v)
                                                         for k, v in sorted(inst.asset.params.items())},
                                         "size": [float(v) for v in inst.size]}})
        _define_mesh(stage, f"{OBJECTS}/{name}/{MESH_CHILD}", build_mesh(inst.asset),
                     body=kind_for_word(inst.attributes.material))
    if physics:
        from scenegen.export.usd_physics import add_physics

        add_physics(stage, scene, prim_names(scene), OBJECTS, ROOM)
    return stage.GetRootLayer().ExportToString()


def write_usda(scene: Scene, path: str | Path, physics: bool = True) -> Path:
    """Write ``usda_text(scene, physics)`` atomically to ``path`` (conventionally ``scene.usda``) and return the
    path."""
    path = Path(path)
    write_atomic(path, usda_text(scene, physics))
    return path


def object_metadata(inst: ObjectInstance) -> dict[str, str]:
    """The ``scenegen:*`` string attributes of an object's prim: id, category, assetBackend, the attribute words
    (``ATTRIBUTE_FIELDS``, empty when unset) and support (empty for the floor)."""
    meta = {"id": inst.id, "category": inst.category, "assetBackend": inst.asset.backend,
            "support": inst.support or ""}
    attrs = inst.attributes.model_dump()
    meta.update({field: attrs.get(field) or "" for field in ATTRIBUTE_FIELDS})
    return meta


def prim_names(scene: Scene) -> list[str]:
    """One valid, unique USD prim name per object, in order: the id itself when it is a valid identifier."""
    used: set[str] = set()
    out = []
    for inst in scene.objects:
        base = _identifier(inst.id)
        name, k = base, 1
        while name in used:
            k += 1
            name = f"{base}_{k}"
        used.add(name)
        out.append(name)
    return out


def _identifier(text: str) -> str:
    from pxr import Tf

    return Tf.MakeValidIdentifier(text) if text else "_"


def _layer_data(scene: Scene) -> dict[str, Any]:
    p = scene.provenance
    versions = {"scenegen": __version__, **{k: str(v) for k, v in sorted(p.versions.items())}}
    return {"scenegen": {"prompt": p.prompt, "seed": int(p.seed), "planner": p.planner, "assets": p.assets,
                         "solver": p.solver, "sceneVersion": scene.version, "versions": versions,
                         "units": "metres", "upAxis": "Z"}}


def _define_mesh(stage: "Usd.Stage", path: str, mesh: "trimesh.Trimesh", body: str | None = None) -> None:
    """A triangle Mesh prim at ``path`` from a trimesh: points (float32), counts, indices, extent, displayColor
    from its face colours (stored 0-255 from linear RGB; ``constant`` when all faces share one colour, else
    ``uniform``, i.e. one per face) and its materials (``usd_looks.bind_materials``; ``body`` re-kinds the body
    parts). Subdivision off: these are hard-edged polygon models."""
    from pxr import Gf, UsdGeom, Vt

    from scenegen.export.usd_looks import bind_materials

    geom = UsdGeom.Mesh.Define(stage, path)
    points = np.ascontiguousarray(mesh.vertices, dtype=np.float32)
    faces = np.ascontiguousarray(mesh.faces, dtype=np.int32)
    geom.CreatePointsAttr(Vt.Vec3fArray.FromNumpy(points))
    geom.CreateFaceVertexCountsAttr(Vt.IntArray.FromNumpy(np.full(len(faces), 3, dtype=np.int32)))
    geom.CreateFaceVertexIndicesAttr(Vt.IntArray.FromNumpy(faces.reshape(-1)))
    geom.CreateSubdivisionSchemeAttr(UsdGeom.Tokens.none)
    lo, hi = points.min(axis=0), points.max(axis=0)
    geom.CreateExtentAttr(Vt.Vec3fArray([Gf.Vec3f(*map(float, lo)), Gf.Vec3f(*map(float, hi))]))
    bind_materials(stage, geom, mesh, body)
    colours = _face_colours(mesh)
    if colours is None:
        return
    unique = np.unique(colours, axis=0)
    if len(unique) == 1:
        colours, interpolation = unique, UsdGeom.Tokens.constant
    else:
        interpolation = UsdGeom.Tokens.uniform
    geom.CreateDisplayColorPrimvar(interpolation).Set(Vt.Vec3fArray.FromNumpy(colours))


def _face_colours(mesh: "trimesh.Trimesh") -> np.ndarray | None:
    """(F, 3) float32 linear RGB in [0, 1] per face, or None when the mesh has no face colours."""
    visual = getattr(mesh, "visual", None)
    if visual is None or getattr(visual, "kind", None) != "face":
        return None
    rgb = np.asarray(visual.face_colors, dtype=np.float32)[:, :3] / 255.0
    return np.ascontiguousarray(rgb.round(4), dtype=np.float32)
