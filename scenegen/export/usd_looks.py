"""Visual materials for ``scene.usda``: one ``UsdPreviewSurface`` material per (material kind, colour) under
``/World/Looks``, bound to each mesh whole or, when a mesh has several, per face subset (``GeomSubset``,
familyName ``materialBind``, a partition of the faces).

The factors come from ``scenegen.assets.materials``: ``diffuseColor`` is the part colour (linear RGB), ``roughness``
and ``metallic`` the kind's, ``opacity`` its alpha (glass), ``ior`` its index of refraction, ``emissiveColor`` the
colour times its emissive factor; a many-coloured part (an image-to-3D mesh) reads its ``displayColor`` primvar
instead. Each material says its kind in a ``scenegen:kind`` attribute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from scenegen.assets.materials import Group, groups, kind

if TYPE_CHECKING:
    import trimesh
    from pxr import Usd, UsdGeom, UsdShade

LOOKS = "/World/Looks"
"""Scope holding the visual materials."""

BIND_FAMILY = "materialBind"
"""GeomSubset family that UsdShade reads per-face bindings from."""


def bind_materials(stage: "Usd.Stage", geom: "UsdGeom.Mesh", mesh: "trimesh.Trimesh", body: str | None = None) -> None:
    """Bind ``mesh``'s materials to the Mesh prim ``geom`` (same faces, same order); ``body`` re-kinds its body slot
    (a prompt's material word)."""
    from pxr import UsdGeom, UsdShade, Vt

    parts = groups(mesh, body)
    if not parts:
        return
    binding = UsdShade.MaterialBindingAPI.Apply(geom.GetPrim())
    if len(parts) == 1:
        binding.Bind(_look(stage, parts[0]))
        return
    for part in parts:
        subset = UsdGeom.Subset.CreateGeomSubset(geom, part.key, UsdGeom.Tokens.face,
                                                 Vt.IntArray.FromNumpy(part.faces.astype(np.int32)), BIND_FAMILY,
                                                 UsdGeom.Tokens.partition)
        UsdShade.MaterialBindingAPI.Apply(subset.GetPrim()).Bind(_look(stage, part))


def _look(stage: "Usd.Stage", part: Group) -> "UsdShade.Material":
    """The material for ``part`` under ``LOOKS``, defined on first use."""
    from pxr import Gf, Sdf, UsdGeom, UsdShade

    path = f"{LOOKS}/{part.key}"
    prim = stage.GetPrimAtPath(path)
    if prim.IsValid():
        return UsdShade.Material(prim)
    if not stage.GetPrimAtPath(LOOKS).IsValid():
        UsdGeom.Scope.Define(stage, LOOKS)
    k = kind(part.kind)
    material = UsdShade.Material.Define(stage, path)
    material.GetPrim().CreateAttribute("scenegen:kind", Sdf.ValueTypeNames.String, custom=True,
                                       variability=Sdf.VariabilityUniform).Set(part.kind)
    shader = UsdShade.Shader.Define(stage, f"{path}/PreviewSurface")
    shader.CreateIdAttr("UsdPreviewSurface")
    colour = Gf.Vec3f(*(float(c) for c in part.colour))
    diffuse = shader.CreateInput("diffuseColor", Sdf.ValueTypeNames.Color3f)
    diffuse.Set(colour)
    if part.face_colours is not None:  # per-face colours: read the mesh's displayColor primvar
        reader = UsdShade.Shader.Define(stage, f"{path}/DisplayColor")
        reader.CreateIdAttr("UsdPrimvarReader_float3")
        reader.CreateInput("varname", Sdf.ValueTypeNames.Token).Set("displayColor")
        diffuse.ConnectToSource(reader.CreateOutput("result", Sdf.ValueTypeNames.Float3))
    shader.CreateInput("roughness", Sdf.ValueTypeNames.Float).Set(float(k.roughness))
    shader.CreateInput("metallic", Sdf.ValueTypeNames.Float).Set(float(k.metallic))
    if k.alpha < 1.0:
        shader.CreateInput("opacity", Sdf.ValueTypeNames.Float).Set(float(k.alpha))
        shader.CreateInput("ior", Sdf.ValueTypeNames.Float).Set(float(k.ior))
    if k.emissive > 0.0:
        shader.CreateInput("emissiveColor", Sdf.ValueTypeNames.Color3f).Set(colour * float(k.emissive))
    material.CreateSurfaceOutput().ConnectToSource(shader.ConnectableAPI(), "surface")
    return material
