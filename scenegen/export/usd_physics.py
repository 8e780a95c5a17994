"""UsdPhysics for ``scene.usda`` (issue 22): rigid bodies, mass, convex colliders, friction and the joints of doors
and drawers, from the same ``physics.model.SimScene`` the MJCF and URDF exports write.

Added to the stage ``scenegen.export.usd`` builds::

    /World/PhysicsScene                       gravity -z, 9.81 m/s²
    /World/Objects/<id>                       RigidBodyAPI (kinematic when fixed: wall- or ceiling-mounted, flat),
                                              MassAPI (mass kg, centre of mass, principal inertia and axes)
    /World/Objects/<id>/collision/part_<k>    Mesh (convex part, purpose guide) + CollisionAPI, MeshCollisionAPI
                                              convexHull, bound to /World/Physics/Materials/<category>, in the
                                              collision group of its contact layer (``_groups``)
    /World/Room/wall_<i>, floor               CollisionAPI (static; triangle mesh)
    /World/Physics/Parts/<id>__<joint>        a door or drawer: RigidBodyAPI, MassAPI, a Cube collider
    /World/Physics/Joints/<id>__<joint>       RevoluteJoint (limits in degrees) or PrismaticJoint (metres) between
                                              the object and its part
    /World/Physics/Parts/room__<door>         a door of the room: a panel hinged to the world (``room__<door>``
                                              joint), swinging 90° into the room

Units: metres, kilograms, degrees for USD joint limits (UsdPhysics' convention).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from scenegen.physics.model import SimBody, SimDoor, SimPart, sim_scene
from scenegen.scene import Scene

if TYPE_CHECKING:
    from pxr import Usd

PHYSICS = "/World/Physics"


def add_physics(stage: "Usd.Stage", scene: Scene, prim_names: list[str], objects_path: str, room_path: str) -> None:
    """Add the schemas and prims listed in the module doc to ``stage`` (whose object Xforms are
    ``objects_path/<prim name>`` in ``scene.objects`` order)."""
    from pxr import Gf, Sdf, UsdGeom, UsdPhysics

    physics_scene = UsdPhysics.Scene.Define(stage, "/World/PhysicsScene")
    physics_scene.CreateGravityDirectionAttr(Gf.Vec3f(0.0, 0.0, -1.0))
    physics_scene.CreateGravityMagnitudeAttr(9.81)
    UsdGeom.Scope.Define(stage, PHYSICS)
    for child in stage.GetPrimAtPath(room_path).GetChildren():
        if child.GetName() != "ceiling":
            UsdPhysics.CollisionAPI.Apply(child)
    sim = sim_scene(scene)
    materials: dict[str, Sdf.Path] = {}
    groups = _groups(stage)
    for body, name in zip(sim.bodies, prim_names):
        prim = stage.GetPrimAtPath(f"{objects_path}/{name}")
        material = _material(stage, body, materials)
        _rigid(prim, body.fixed, body.base_mass, body.props.com, body.props.inertia)
        UsdGeom.Scope.Define(stage, prim.GetPath().AppendChild("collision"))
        group = groups[body.layer]  # type: ignore[attr-defined]
        for k, verts in enumerate(body.parts):
            _collider(stage, prim.GetPath().AppendPath(f"collision/part_{k}"), verts, material)
        group.GetCollidersCollectionAPI().CreateIncludesRel().AddTarget(prim.GetPath().AppendChild("collision"))
        for part in body.moving:
            _moving_part(stage, prim, name, body, part, material)
    for door in sim.doors:
        _room_door(stage, door)


def _groups(stage: "Usd.Stage") -> dict[str, object]:
    """Collision groups, one per contact layer (``physics.model``): ``flat`` (rugs, mats) is filtered against
    ``objects``, so it touches only ``on_flat`` (what the solver stood on a rug), as in the MJCF."""
    from pxr import UsdPhysics

    groups = {k: UsdPhysics.CollisionGroup.Define(stage, f"{PHYSICS}/CollisionGroups/{k}")
              for k in ("objects", "flat", "on_flat")}
    groups["flat"].CreateFilteredGroupsRel().AddTarget(groups["objects"].GetPath())
    return groups


def _material(stage: "Usd.Stage", body: SimBody, cache: dict) -> object:
    from pxr import UsdPhysics, UsdShade

    key = body.inst.category
    if key not in cache:
        from pxr import Tf

        mat = UsdShade.Material.Define(stage, f"{PHYSICS}/Materials/{Tf.MakeValidIdentifier(key)}")
        api = UsdPhysics.MaterialAPI.Apply(mat.GetPrim())
        api.CreateStaticFrictionAttr(float(body.props.friction))
        api.CreateDynamicFrictionAttr(float(body.props.friction))
        cache[key] = mat
    return cache[key]


def _rigid(prim: "Usd.Prim", kinematic: bool, mass: float, com: np.ndarray, inertia: np.ndarray) -> None:
    from pxr import Gf, UsdPhysics

    UsdPhysics.RigidBodyAPI.Apply(prim).CreateKinematicEnabledAttr(bool(kinematic))
    api = UsdPhysics.MassAPI.Apply(prim)
    api.CreateMassAttr(float(mass))
    api.CreateCenterOfMassAttr(Gf.Vec3f(*map(float, com)))
    vals, vecs = np.linalg.eigh(np.asarray(inertia, dtype=np.float64))
    if np.linalg.det(vecs) < 0:
        vecs[:, 0] *= -1
    api.CreateDiagonalInertiaAttr(Gf.Vec3f(*map(float, vals)))
    # Gf matrices act on row vectors: the rows are the principal axes in the body frame
    quat = Gf.Matrix3d(*vecs.T.reshape(-1).tolist()).ExtractRotation().GetQuat()
    api.CreatePrincipalAxesAttr(Gf.Quatf(float(quat.GetReal()), *map(float, quat.GetImaginary())))


def _collider(stage: "Usd.Stage", path: object, verts: np.ndarray, material: object) -> None:
    import trimesh
    from pxr import UsdGeom, UsdPhysics, UsdShade, Vt

    hull = trimesh.Trimesh(vertices=verts).convex_hull
    mesh = UsdGeom.Mesh.Define(stage, path)
    mesh.CreatePointsAttr(Vt.Vec3fArray.FromNumpy(np.ascontiguousarray(hull.vertices, dtype=np.float32)))
    mesh.CreateFaceVertexCountsAttr(Vt.IntArray.FromNumpy(np.full(len(hull.faces), 3, dtype=np.int32)))
    mesh.CreateFaceVertexIndicesAttr(Vt.IntArray.FromNumpy(np.ascontiguousarray(hull.faces, dtype=np.int32)
                                                           .reshape(-1)))
    mesh.CreatePurposeAttr(UsdGeom.Tokens.guide)
    UsdPhysics.CollisionAPI.Apply(mesh.GetPrim())
    UsdPhysics.MeshCollisionAPI.Apply(mesh.GetPrim()).CreateApproximationAttr(UsdPhysics.Tokens.convexHull)
    UsdShade.MaterialBindingAPI.Apply(mesh.GetPrim()).Bind(material, materialPurpose="physics")


def _moving_part(stage: "Usd.Stage", obj: "Usd.Prim", name: str, body: SimBody, part: SimPart,
                 material: object) -> None:
    from pxr import Gf, UsdGeom, UsdPhysics, UsdShade

    j = part.joint
    inst = body.inst
    anchor = np.asarray(j.anchor, dtype=np.float64)
    c, s = math.cos(inst.pose.yaw), math.sin(inst.pose.yaw)
    world = np.asarray(inst.pose.position) + np.array([c * anchor[0] - s * anchor[1], s * anchor[0] + c * anchor[1],
                                                        anchor[2]])
    xform = UsdGeom.Xform.Define(stage, f"{PHYSICS}/Parts/{name}__{j.name}")
    xform.AddTranslateOp(UsdGeom.XformOp.PrecisionDouble).Set(Gf.Vec3d(*map(float, world)))
    xform.AddRotateZOp(UsdGeom.XformOp.PrecisionDouble).Set(math.degrees(inst.pose.yaw))
    center = np.asarray(j.part_center) - anchor
    _rigid(xform.GetPrim(), body.fixed, part.mass, center, np.diag(part.inertia))
    cube = UsdGeom.Cube.Define(stage, xform.GetPath().AppendChild("box"))
    cube.CreateSizeAttr(1.0)
    cube.AddTranslateOp().Set(Gf.Vec3d(*map(float, center)))
    cube.AddScaleOp().Set(Gf.Vec3f(*map(float, j.part_size)))
    cube.CreatePurposeAttr(UsdGeom.Tokens.guide)
    UsdPhysics.CollisionAPI.Apply(cube.GetPrim())
    UsdShade.MaterialBindingAPI.Apply(cube.GetPrim()).Bind(material, materialPurpose="physics")
    axis_index = int(np.argmax(np.abs(j.axis)))
    sign = 1.0 if j.axis[axis_index] > 0 else -1.0
    path = f"{PHYSICS}/Joints/{name}__{j.name}"
    if j.kind == "hinge":
        joint = UsdPhysics.RevoluteJoint.Define(stage, path)
        limit = math.degrees(j.limit)
    else:
        joint = UsdPhysics.PrismaticJoint.Define(stage, path)
        limit = float(j.limit)
    joint.CreateAxisAttr("XYZ"[axis_index])
    joint.CreateLowerLimitAttr(min(0.0, sign * limit))
    joint.CreateUpperLimitAttr(max(0.0, sign * limit))
    joint.CreateBody0Rel().SetTargets([obj.GetPath()])
    joint.CreateBody1Rel().SetTargets([xform.GetPath()])
    joint.CreateLocalPos0Attr(Gf.Vec3f(*map(float, anchor)))
    joint.CreateLocalPos1Attr(Gf.Vec3f(0.0, 0.0, 0.0))


def _room_door(stage: "Usd.Stage", door: SimDoor) -> None:
    from pxr import Gf, UsdGeom, UsdPhysics

    xform = UsdGeom.Xform.Define(stage, f"{PHYSICS}/Parts/room__{door.name}")
    xform.AddTranslateOp(UsdGeom.XformOp.PrecisionDouble).Set(Gf.Vec3d(*map(float, door.hinge)))
    xform.AddRotateZOp(UsdGeom.XformOp.PrecisionDouble).Set(math.degrees(door.yaw))
    sx, sy, sz = (float(v) for v in door.size)
    inertia = door.mass / 12.0 * np.diag([sy**2 + sz**2, sx**2 + sz**2, sx**2 + sy**2])
    _rigid(xform.GetPrim(), False, door.mass, door.center, inertia)
    cube = UsdGeom.Cube.Define(stage, xform.GetPath().AppendChild("box"))
    cube.CreateSizeAttr(1.0)
    cube.AddTranslateOp().Set(Gf.Vec3d(*map(float, door.center)))
    cube.AddScaleOp().Set(Gf.Vec3f(sx, sy, sz))
    UsdPhysics.CollisionAPI.Apply(cube.GetPrim())
    joint = UsdPhysics.RevoluteJoint.Define(stage, f"{PHYSICS}/Joints/room__{door.name}")
    joint.CreateAxisAttr("Z")
    joint.CreateLowerLimitAttr(0.0)
    joint.CreateUpperLimitAttr(math.degrees(door.limit))
    joint.CreateBody1Rel().SetTargets([xform.GetPath()])  # body0 unset: jointed to the world
    joint.CreateLocalPos0Attr(Gf.Vec3f(*map(float, door.hinge)))
    joint.CreateLocalRot0Attr(Gf.Quatf(math.cos(door.yaw / 2), 0.0, 0.0, math.sin(door.yaw / 2)))
    joint.CreateLocalPos1Attr(Gf.Vec3f(0.0, 0.0, 0.0))
