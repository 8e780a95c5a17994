"""The simulator-neutral model of a scene that the MJCF, URDF and USD exporters write: rigid bodies with mass,
convex collision parts and moving parts, the room's static walls and its doors as hinged panels.

Which objects move: floor- and object-supported objects are free bodies; wall- and ceiling-mounted objects are fixed
to the world. Flat objects (rugs, mats: ``scenegen.freespace.is_flat``) are fixed, in the ``flat`` contact layer: they
touch only the objects the solver stood on them (``support`` names the rug: the ``on_flat`` layer), because it
stands other furniture on the floor through them (they are under 1 cm thick; see the catalog's rug note).

Units: metres, kilograms, radians; world frame z up, floor at z = 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal


import numpy as np

from scenegen.physics.articulation import object_joints
from scenegen.physics.collision import convex_parts
from scenegen.physics.mass import MassProperties, mass_properties
from scenegen.scene import Joint, ObjectInstance, Room, Scene

PART_MASS_SHARE = 0.3
"""A moving part weighs its box's share of the object's box volume × the object's mass, at most this share of it."""
MIN_PART_MASS = 0.2
"""kg."""
DOOR_PANEL_THICKNESS = 0.04
"""Metres; a room door's panel, centred in the wall's 10 cm thickness."""
DOOR_PANEL_CLEARANCE = 0.005
"""Metres left between a room door's panel and its frame on every side."""
DOOR_FRICTION = 0.5


@dataclass
class SimPart:
    """A moving part: its joint (object-local frame), mass (kg) and box inertia about its centre (3,) kg·m²."""

    joint: Joint
    mass: float
    inertia: np.ndarray


@dataclass
class SimBody:
    """One object: whether it is fixed to the world, its contact ``layer`` (``objects``; ``flat`` for rugs and mats;
    ``on_flat`` for what stands on one: see the module doc), mass properties, convex parts ((V, 3) vertex arrays,
    local frame) and moving parts."""

    inst: ObjectInstance
    name: str
    fixed: bool
    layer: Literal["objects", "flat", "on_flat"]
    props: MassProperties
    parts: list[np.ndarray]
    moving: list[SimPart] = field(default_factory=list)

    @property
    def base_mass(self) -> float:
        """kg of the body without its moving parts."""
        return max(self.props.mass - sum(p.mass for p in self.moving), 0.05 * self.props.mass)


@dataclass
class SimDoor:
    """A door in a wall as a hinged panel: ``hinge`` (3,) world point on the vertical axis, ``axis`` (3,) unit,
    ``center`` (3,) panel centre and ``size`` (3,) panel extents in the hinge frame (x along the wall, y the wall's
    inward normal), ``yaw`` of the wall direction (radians), ``limit`` radians, ``mass`` kg."""

    name: str
    hinge: np.ndarray
    yaw: float
    center: np.ndarray
    size: np.ndarray
    limit: float
    mass: float


@dataclass
class SimScene:
    """The room's static pieces (``walls``: name -> list of (V, 3) world vertex arrays), its doors and the bodies."""

    room: Room
    walls: dict[str, list[np.ndarray]]
    doors: list[SimDoor]
    bodies: list[SimBody]


def sim_scene(scene: Scene, use_cache: bool = True) -> SimScene:
    """Build the simulation model of ``scene`` (objects without recorded joints get derived ones)."""
    from scenegen.assets import build_mesh
    from scenegen.freespace import is_flat

    bodies = []
    flats = {o.id for o in scene.objects if is_flat(o)}
    for inst, name in zip(scene.objects, body_names(scene)):
        mesh = build_mesh(inst.asset)
        props = mass_properties(mesh, inst.category)
        flat = inst.id in flats
        fixed = flat or inst.support in ("wall", "ceiling")
        layer = "flat" if flat else "on_flat" if inst.support in flats else "objects"
        body = SimBody(inst=inst, name=name, fixed=fixed, layer=layer, props=props,
                       parts=convex_parts(inst.asset, mesh, use_cache=use_cache))
        body.moving = [_part(j, inst, props.mass) for j in object_joints(inst)] if not flat else []
        bodies.append(body)
    return SimScene(room=scene.room, walls=_walls(scene.room), doors=room_doors(scene.room), bodies=bodies)


def body_names(scene: Scene) -> list[str]:
    """One unique name per object made of [A-Za-z0-9_] (simulators' name rules), in order, none equal to a room
    door's body name."""
    used: set[str] = set()
    reserved = {d.name for d in room_doors(scene.room)} | {"floor", "room", "world"}
    out = []
    for inst in scene.objects:
        base = "".join(c if c.isalnum() or c == "_" else "_" for c in inst.id) or "obj"
        if base[0].isdigit():
            base = f"o_{base}"
        name, k = base, 1
        while name in used or name in reserved:
            k += 1
            name = f"{base}_{k}"
        used.add(name)
        out.append(name)
    return out


def _part(joint: Joint, inst: ObjectInstance, mass: float) -> SimPart:
    sx, sy, sz = joint.part_size
    share = (sx * sy * sz) / max(float(np.prod(inst.size)), 1e-9)
    m = float(min(max(share * mass, MIN_PART_MASS), PART_MASS_SHARE * mass))
    inertia = m / 12.0 * np.array([sy**2 + sz**2, sx**2 + sz**2, sx**2 + sy**2])
    return SimPart(joint=joint, mass=m, inertia=inertia)


def _walls(room: Room) -> dict[str, list[np.ndarray]]:
    """Each wall's solid pieces (boxes around its openings) as world-frame vertex arrays."""
    from scenegen.assets.architecture import wall_mesh

    out = {}
    for i in range(len(room.footprint)):
        mesh = wall_mesh(room, i)
        out[f"wall_{i}"] = [np.asarray(c.vertices, dtype=np.float64) for c in mesh.split(only_watertight=False)]
    return out


def room_doors(room: Room) -> list[SimDoor]:
    """Each door opening as a panel hinged at its start-side jamb, swinging 90° into the room."""
    from scenegen.assets.architecture import WALL_THICKNESS

    doors = []
    for op in room.openings:
        if op.kind != "door":
            continue
        (ax, ay), _ = room.wall(op.wall)
        dx, dy = room.wall_direction(op.wall)
        nx, ny = room.wall_normal(op.wall)
        s0 = op.offset - op.width / 2
        t = DOOR_PANEL_THICKNESS
        # hinge line inside the opening, one half-thickness plus clearance from the jamb, mid-wall
        hinge_s, hinge_n = s0 + t / 2 + DOOR_PANEL_CLEARANCE, -WALL_THICKNESS / 2
        hinge = np.array([ax + dx * hinge_s + nx * hinge_n, ay + dy * hinge_s + ny * hinge_n, 0.0])
        width = op.width - 2 * DOOR_PANEL_CLEARANCE
        height = op.height - 2 * DOOR_PANEL_CLEARANCE
        center = np.array([s0 + DOOR_PANEL_CLEARANCE + width / 2 - hinge_s, 0.0, DOOR_PANEL_CLEARANCE + height / 2])
        mass = width * height * t * 500.0 * 0.6  # a hollow-core door: ~20 kg for 0.9 × 2.1 m
        doors.append(SimDoor(name=f"door_{_safe(op.id)}", hinge=hinge, yaw=math.atan2(dy, dx), center=center,
                             size=np.array([width, t, height]), limit=math.pi / 2, mass=mass))
    return doors


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c == "_" else "_" for c in text)
