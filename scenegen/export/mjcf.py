"""MuJoCo export (MJCF XML): the room as static geometry, each object a body with a free joint (or fixed to the world
when wall- or ceiling-mounted, or flat), its convex collision parts as meshes, its doors and drawers as hinge and
slide joints, and the room's doors as hinged panels.

Layout of ``<worldbody>``: a ``floor`` plane at z = 0; ``wall_<i>_<k>`` mesh geoms (world coordinates); one body per
room door (``door_<opening id>``, hinge joint); one body per object named as ``physics.model.body_names`` (its exact id
in the ``scenegen_id`` user-less ``<custom>`` text), with an explicit ``<inertial>`` from ``physics.mass`` and child
bodies ``<body>__<joint name>`` for its moving parts. All geoms are collision geoms (no render meshes: the GLB has
them). Doors and drawers carry dry friction (``frictionloss``) so they stay shut under gravity until pushed, as a latch
would hold them.

Units: metres, kilograms, radians (``<compiler angle="radian">``); z up. The file is self-contained (mesh vertices
inline), deterministic for a scene, and loads with ``mujoco.MjModel.from_xml_string``.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

from scenegen.physics.model import SimBody, SimDoor, SimScene, sim_scene
from scenegen.scene import Scene
from scenegen.scene_files import write_atomic

TIMESTEP = 0.002
"""Seconds per simulation step."""
LATCH_TORQUE_ARM = 1.0
"""Metres: a part's ``frictionloss`` is its weight times this (N·m for hinges, N for slides), enough to hold a
drop-down oven door shut."""
JOINT_DAMPING = 0.5
CONTACT_BITS = {"objects": 1, "flat": 2, "on_flat": 3}
"""contype = conaffinity per contact layer (``physics.model``): two geoms touch when their bits share one, so a rug
(2) touches what stands on it (3) and nothing else (1)."""


def mjcf_text(scene: Scene | SimScene) -> str:
    """The MJCF document (str) for ``scene`` (a ``Scene`` is first turned into a ``SimScene``)."""
    sim = scene if isinstance(scene, SimScene) else sim_scene(scene)
    root = ET.Element("mujoco", model="scenegen")
    ET.SubElement(root, "compiler", angle="radian", autolimits="true", inertiafromgeom="false")
    ET.SubElement(root, "option", timestep=_f(TIMESTEP), gravity="0 0 -9.81", integrator="implicitfast")
    default = ET.SubElement(root, "default")
    ET.SubElement(default, "geom", condim="3", solref="0.005 1")
    asset = ET.SubElement(root, "asset")
    world = ET.SubElement(root, "worldbody")
    ET.SubElement(world, "geom", name="floor", type="plane", size="0 0 1", friction="0.6 0.005 0.0001")
    for wall, pieces in sim.walls.items():
        for k, verts in enumerate(pieces):
            _mesh_geom(asset, world, f"{wall}_{k}", verts, friction=0.6)
    for door in sim.doors:
        _door(world, door)
    for body in sim.bodies:
        _body(asset, world, body)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode") + "\n"


def write_mjcf(scene: Scene | SimScene, path: str | Path) -> Path:
    """Write ``mjcf_text(scene)`` atomically to ``path`` (an .xml file) and return the path."""
    path = Path(path)
    write_atomic(path, mjcf_text(scene))
    return path


def _f(x: float) -> str:
    return f"{float(x):.6g}"


def _v(values: np.ndarray | tuple[float, ...]) -> str:
    return " ".join(_f(v) for v in np.asarray(values, dtype=np.float64).reshape(-1))


def _yaw_quat(yaw: float) -> str:
    """MuJoCo quaternion (w x y z) of a rotation by ``yaw`` radians about +z."""
    return _v((math.cos(yaw / 2), 0.0, 0.0, math.sin(yaw / 2)))


def _mesh_geom(asset: ET.Element, parent: ET.Element, name: str, verts: np.ndarray, friction: float,
               bits: int = 1) -> None:
    ET.SubElement(asset, "mesh", name=name, vertex=" ".join(f"{v:.5f}" for v in np.asarray(verts).reshape(-1)))
    attrs = {"name": name, "type": "mesh", "mesh": name, "friction": f"{friction:.3g} 0.005 0.0001"}
    if bits != 1:
        attrs.update(contype=str(bits), conaffinity=str(bits))
    ET.SubElement(parent, "geom", **attrs)


def _door(world: ET.Element, door: SimDoor) -> None:
    el = ET.SubElement(world, "body", name=door.name, pos=_v(door.hinge), quat=_yaw_quat(door.yaw))
    sx, sy, sz = door.size
    inertia = door.mass / 12.0 * np.array([sy**2 + sz**2, sx**2 + sz**2, sx**2 + sy**2])
    ET.SubElement(el, "inertial", pos=_v(door.center), mass=_f(door.mass), diaginertia=_v(inertia))
    ET.SubElement(el, "joint", name=f"{door.name}_hinge", type="hinge", axis="0 0 1", range=f"0 {_f(door.limit)}",
                  damping=_f(JOINT_DAMPING), frictionloss=_f(door.mass * 9.81 * LATCH_TORQUE_ARM))
    ET.SubElement(el, "geom", name=f"{door.name}_panel", type="box", pos=_v(door.center), size=_v(door.size / 2),
                  friction="0.5 0.005 0.0001")


def _body(asset: ET.Element, world: ET.Element, body: SimBody) -> None:
    inst = body.inst
    el = ET.SubElement(world, "body", name=body.name, pos=_v(inst.pose.position), quat=_yaw_quat(inst.pose.yaw))
    if not body.fixed:
        ET.SubElement(el, "freejoint", name=f"{body.name}_free")
        i = body.props.inertia
        ET.SubElement(el, "inertial", pos=_v(body.props.com), mass=_f(body.base_mass),
                      fullinertia=_v((i[0, 0], i[1, 1], i[2, 2], i[0, 1], i[0, 2], i[1, 2])))
    for k, verts in enumerate(body.parts):
        _mesh_geom(asset, el, f"{body.name}_p{k}", verts, friction=body.props.friction, bits=CONTACT_BITS[body.layer])
    for part in body.moving:
        j = part.joint
        child = ET.SubElement(el, "body", name=f"{body.name}__{j.name}", pos=_v(j.anchor))
        center = np.asarray(j.part_center) - np.asarray(j.anchor)
        ET.SubElement(child, "inertial", pos=_v(center), mass=_f(part.mass), diaginertia=_v(part.inertia))
        ET.SubElement(child, "joint", name=f"{body.name}__{j.name}", type=j.kind, axis=_v(j.axis),
                      range=f"0 {_f(j.limit)}", damping=_f(JOINT_DAMPING),
                      frictionloss=_f(part.mass * 9.81 * LATCH_TORQUE_ARM))
        ET.SubElement(child, "geom", name=f"{body.name}__{j.name}_g", type="box", pos=_v(center),
                      size=_v(np.asarray(j.part_size) / 2), friction=f"{body.props.friction:.3g} 0.005 0.0001")
