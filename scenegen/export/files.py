"""scene.json and scene.glb writers, both atomic (temp file + rename)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from scenegen.scene import BaseModel, Scene, dump_json, write_atomic

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
    object id, its mesh in the object's local frame under the node's pose transform."""
    import trimesh

    from scenegen.assets import build_mesh, pose_matrix
    from scenegen.assets.architecture import room_meshes

    out = trimesh.Scene()
    out.graph.update(frame_to="scenegen_root", frame_from=out.graph.base_frame, matrix=Z_UP_TO_Y_UP)
    for name, mesh in room_meshes(scene.room).items():
        out.add_geometry(mesh, node_name=name, geom_name=name, parent_node_name="scenegen_root")
    for inst in scene.objects:
        out.add_geometry(build_mesh(inst.asset), node_name=inst.mesh_node or inst.id, geom_name=f"{inst.id}_mesh",
                         parent_node_name="scenegen_root", transform=pose_matrix(inst.pose.position, inst.pose.yaw),
                         metadata={"category": inst.category})
    return out.export(file_type="glb")


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
