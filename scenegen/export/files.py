"""scene.json and scene.glb writers, both atomic (temp file + rename)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from scenegen.scene import BaseModel, Scene
from scenegen.scene_files import dump_json, write_atomic

Z_UP_TO_Y_UP = np.array([[1.0, 0, 0, 0], [0, 0, 1.0, 0], [0, -1.0, 0, 0], [0, 0, 0, 1.0]])
"""glTF is y-up; scenegen is z-up. The GLB's root node carries this rotation (-90° about x) so that tools which follow
the glTF convention (Blender, three.js, USD importers) show the room upright."""


def write_json(model: BaseModel, path: str | Path) -> Path:
    """Canonical JSON (sorted keys) written atomically; byte-identical for the same scene."""
    path = Path(path)
    write_atomic(path, dump_json(model))
    return path


def glb_bytes(scene: Scene) -> bytes:
    """The scene as binary glTF: a root node (z-up -> y-up) holding the architecture and one node per object, named by
    object id, its mesh in the object's local frame under the node's pose transform, with a PBR material per part
    (``scenegen.export.gltf``)."""
    from scenegen.assets import build_mesh, pose_matrix
    from scenegen.assets.architecture import room_meshes
    from scenegen.assets.materials import kind_for_word
    from scenegen.export.gltf import Node, glb

    root = Node("scenegen_root", matrix=Z_UP_TO_Y_UP)
    root.children += [Node(name, mesh) for name, mesh in room_meshes(scene.room).items()]
    root.children += [Node(inst.mesh_node or inst.id, build_mesh(inst.asset),
                           matrix=pose_matrix(inst.pose.position, inst.pose.yaw),
                           extras={"category": inst.category}, body=kind_for_word(inst.attributes.material))
                      for inst in scene.objects]
    return glb(root)


def write_glb(scene: Scene, path: str | Path) -> Path:
    path = Path(path)
    write_atomic(path, glb_bytes(scene))
    return path


def glb_problem(path: str | Path) -> str | None:
    """Why the binary glTF at ``path`` cannot be read, in one line, or None when its container is intact.

    Checks the GLB structure without a mesh library: the 12-byte header (magic ``glTF``, version 2, total length equal
    to the file size) and that the chunk headers tile the file exactly with a JSON chunk first. A truncated or
    overwritten file fails these; a well-formed container with bad contents is not detected here.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return f"{path} cannot be read ({exc.strerror or exc})"
    if len(data) < 20:
        return f"{path} is truncated ({len(data)} bytes)"
    magic, version, length = data[:4], int.from_bytes(data[4:8], "little"), int.from_bytes(data[8:12], "little")
    if magic != b"glTF":
        return f"{path} is not a binary glTF file"
    if version != 2:
        return f"{path} is glTF version {version}; expected 2"
    if length != len(data):
        return f"{path} is truncated or padded: its header says {length} bytes, the file has {len(data)}"
    offset, first = 12, True
    while offset < len(data):
        if offset + 8 > len(data):
            return f"{path} is corrupt: a chunk header is cut off at byte {offset}"
        size = int.from_bytes(data[offset:offset + 4], "little")
        kind = data[offset + 4:offset + 8]
        if first and kind != b"JSON":
            return f"{path} is corrupt: its first chunk is not JSON"
        offset += 8 + size
        first = False
    if offset != len(data):
        return f"{path} is corrupt: its chunks run past the end of the file"
    return None
