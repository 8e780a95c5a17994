"""URDF / SDF export for pybullet and ROS tools: one URDF per object (its links and joints: a base link with convex
collision meshes and one child link per door or drawer), ``room.urdf`` (floor, walls and the room's doors), and
``scene.sdf``, a world holding all of them at their poses, that ``pybullet.loadSDF`` loads in one call.

Folder layout (``write_urdf(scene, out)``)::

    out/scene.sdf            world: the room model (static) and one model per object (static when fixed)
    out/room.urdf            static room; its doors are revolute joints
    out/objects/<name>.urdf  one per object, base link at the object's local origin (bottom centre, front +y)
    out/meshes/<k>.obj       convex collision parts (one hull per file: simulators hull each file); shared between
                             objects with the same asset

Units: metres, kilograms, radians; z up. Collision only: the GLB carries the render meshes. URDF has no contact
layers, so rugs and mats collide with everything here (in MJCF and USD they touch only what stands on them).
The SDF repeats each URDF's links and joints inline, since pybullet's SDF reader does not follow ``<include>``.
"""

from __future__ import annotations

import hashlib

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from scenegen.physics.model import SimBody, SimScene, sim_scene
from scenegen.scene import Scene
from scenegen.scene_files import write_atomic


@dataclass
class Link:
    """A link: ``origin`` (3,) of its frame in its model's frame, inertial (com (3,), mass kg, inertia (3, 3)),
    collision meshes (paths relative to the export folder) and boxes ((center (3,), size (3,)), link frame)."""

    name: str
    origin: np.ndarray
    com: np.ndarray
    mass: float
    inertia: np.ndarray
    meshes: list[str] = field(default_factory=list)
    boxes: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)
    yaw: float = 0.0


@dataclass
class LinkJoint:
    name: str
    kind: str  # revolute | prismatic
    parent: str
    child: str
    axis: tuple[float, float, float]
    upper: float


@dataclass
class ModelTree:
    """One model: links (the first is the base), joints, pose in the world (position (3,), yaw) and whether it is
    static."""

    name: str
    links: list[Link]
    joints: list[LinkJoint]
    position: np.ndarray
    yaw: float
    static: bool


@dataclass
class UrdfExport:
    scene_sdf: Path
    urdfs: list[Path]
    meshes: int


def write_urdf(scene: Scene | SimScene, out: str | Path) -> UrdfExport:
    """Write the folder described in the module doc under ``out`` and return what was written."""
    out = Path(out)
    sim = scene if isinstance(scene, SimScene) else sim_scene(scene)
    meshes: dict[str, bytes] = {}
    trees = [_room_tree(sim, meshes)] + [_object_tree(b, meshes) for b in sim.bodies]
    for rel, data in sorted(meshes.items()):
        if not (out / rel).exists():
            write_atomic(out / rel, data)
    urdfs = []
    for tree in trees:
        path = out / ("room.urdf" if tree.name == "room" else f"objects/{tree.name}.urdf")
        prefix = "" if tree.name == "room" else "../"
        write_atomic(path, _xml(_urdf(tree, prefix)))
        urdfs.append(path)
    sdf = ET.Element("sdf", version="1.6")
    world = ET.SubElement(sdf, "world", name="scenegen")
    for tree in trees:
        world.append(_sdf_model(tree))
    write_atomic(out / "scene.sdf", _xml(sdf))
    return UrdfExport(scene_sdf=out / "scene.sdf", urdfs=urdfs, meshes=len(meshes))


def _obj_bytes(verts: np.ndarray) -> bytes:
    """A convex part as Wavefront OBJ text: its hull's vertices and triangles."""
    import trimesh

    hull = trimesh.Trimesh(vertices=verts).convex_hull
    lines = [f"v {x:.5f} {y:.5f} {z:.5f}" for x, y, z in hull.vertices]
    lines += [f"f {a + 1} {b + 1} {c + 1}" for a, b, c in hull.faces]
    return ("\n".join(lines) + "\n").encode()


def _mesh(meshes: dict[str, bytes], verts: np.ndarray) -> str:
    data = _obj_bytes(verts)
    rel = f"meshes/{hashlib.sha256(data).hexdigest()[:20]}.obj"
    meshes[rel] = data
    return rel


def _object_tree(body: SimBody, meshes: dict[str, bytes]) -> ModelTree:
    base = Link("base", np.zeros(3), body.props.com, body.base_mass, body.props.inertia,
                meshes=[_mesh(meshes, v) for v in body.parts])
    links, joints = [base], []
    for part in body.moving:
        j = part.joint
        anchor, center = np.asarray(j.anchor), np.asarray(j.part_center)
        links.append(Link(j.name, anchor, center - anchor, part.mass, np.diag(part.inertia),
                          boxes=[(center - anchor, np.asarray(j.part_size))]))
        joints.append(LinkJoint(j.name, "revolute" if j.kind == "hinge" else "prismatic", "base", j.name, j.axis,
                                j.limit))
    inst = body.inst
    return ModelTree(body.name, links, joints, np.asarray(inst.pose.position), inst.pose.yaw, body.fixed)


def _room_tree(sim: SimScene, meshes: dict[str, bytes]) -> ModelTree:
    lo, hi = (np.asarray(v) for v in sim.room.bounds)
    floor = (np.array([(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, -0.025]),
             np.array([hi[0] - lo[0] + 0.4, hi[1] - lo[1] + 0.4, 0.05]))
    walls = [_mesh(meshes, v) for pieces in sim.walls.values() for v in pieces]
    base = Link("base", np.zeros(3), np.zeros(3), 0.0, np.zeros((3, 3)), meshes=walls, boxes=[floor])
    links, joints = [base], []
    for door in sim.doors:
        # a door's link frame: at its hinge, x along the wall; its box is given in that frame
        links.append(Link(door.name, door.hinge, door.center, door.mass,
                          np.diag(door.mass / 12.0 * np.array([door.size[1]**2 + door.size[2]**2,
                                                               door.size[0]**2 + door.size[2]**2,
                                                               door.size[0]**2 + door.size[1]**2])),
                          boxes=[(door.center, door.size)], yaw=door.yaw))
        joints.append(LinkJoint(door.name, "revolute", "base", door.name, (0.0, 0.0, 1.0), door.limit))
    return ModelTree("room", links, joints, np.zeros(3), 0.0, True)


def _f(values: np.ndarray | tuple[float, ...] | float) -> str:
    return " ".join(f"{float(v):.6g}" for v in np.atleast_1d(np.asarray(values, dtype=np.float64)))


def _inertial(parent: ET.Element, link: Link, sdf: bool) -> None:
    i = link.inertia
    el = ET.SubElement(parent, "inertial")
    mass = max(link.mass, 0.0)
    if sdf:
        ET.SubElement(el, "pose").text = _f((*link.com, 0, 0, 0))
        ET.SubElement(el, "mass").text = _f(mass)
        box = ET.SubElement(el, "inertia")
        for k, (a, b) in zip(("ixx", "iyy", "izz", "ixy", "ixz", "iyz"),
                             ((0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2))):
            ET.SubElement(box, k).text = _f(i[a, b])
        return
    ET.SubElement(el, "origin", xyz=_f(link.com), rpy="0 0 0")
    ET.SubElement(el, "mass", value=_f(mass))
    ET.SubElement(el, "inertia", ixx=_f(i[0, 0]), iyy=_f(i[1, 1]), izz=_f(i[2, 2]), ixy=_f(i[0, 1]),
                  ixz=_f(i[0, 2]), iyz=_f(i[1, 2]))


def _collisions(parent: ET.Element, link: Link, prefix: str, sdf: bool) -> None:
    shapes = [("mesh", m, None) for m in link.meshes] + [("box", c, s) for c, s in link.boxes]
    for k, (kind, a, b) in enumerate(shapes):
        el = ET.SubElement(parent, "collision", **({"name": f"{link.name}_c{k}"} if sdf else {}))
        pos = np.zeros(3) if kind == "mesh" else a
        if sdf:
            ET.SubElement(el, "pose").text = _f((*pos, 0, 0, 0))
        else:
            ET.SubElement(el, "origin", xyz=_f(pos), rpy="0 0 0")
        geom = ET.SubElement(el, "geometry")
        if kind == "mesh":
            if sdf:
                ET.SubElement(ET.SubElement(geom, "mesh"), "uri").text = a
            else:
                ET.SubElement(geom, "mesh", filename=f"{prefix}{a}")
        elif sdf:
            ET.SubElement(ET.SubElement(geom, "box"), "size").text = _f(b)
        else:
            ET.SubElement(geom, "box", size=_f(b))


def _urdf(tree: ModelTree, prefix: str) -> ET.Element:
    robot = ET.Element("robot", name=tree.name)
    for link in tree.links:
        el = ET.SubElement(robot, "link", name=link.name)
        _inertial(el, link, sdf=False)  # mass 0: static in pybullet
        _collisions(el, link, prefix, sdf=False)
    for j in tree.joints:
        child = next(lk for lk in tree.links if lk.name == j.child)
        el = ET.SubElement(robot, "joint", name=j.name, type=j.kind)
        ET.SubElement(el, "parent", link=j.parent)
        ET.SubElement(el, "child", link=j.child)
        ET.SubElement(el, "origin", xyz=_f(child.origin), rpy=_f((0.0, 0.0, child.yaw)))
        ET.SubElement(el, "axis", xyz=_f(j.axis))
        ET.SubElement(el, "limit", lower="0", upper=_f(j.upper), effort="100", velocity="1")
    return robot


def _sdf_model(tree: ModelTree) -> ET.Element:
    model = ET.Element("model", name=tree.name)
    ET.SubElement(model, "static").text = "true" if tree.static else "false"
    ET.SubElement(model, "pose").text = _f((*tree.position, 0.0, 0.0, tree.yaw))
    for link in tree.links:
        el = ET.SubElement(model, "link", name=link.name)
        ET.SubElement(el, "pose").text = _f((*link.origin, 0.0, 0.0, link.yaw))
        _inertial(el, link, sdf=True)
        _collisions(el, link, "", sdf=True)
    for j in tree.joints:
        el = ET.SubElement(model, "joint", name=j.name, type=j.kind)
        ET.SubElement(el, "parent").text = j.parent
        ET.SubElement(el, "child").text = j.child
        axis = ET.SubElement(el, "axis")
        ET.SubElement(axis, "xyz").text = _f(j.axis)
        limit = ET.SubElement(axis, "limit")
        ET.SubElement(limit, "lower").text = "0"
        ET.SubElement(limit, "upper").text = _f(j.upper)
    return model


def _xml(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


