"""A small binary glTF 2.0 writer (numpy + json + struct) that keeps each part's material.

trimesh's exporter writes one primitive per mesh with vertex colours only, so tools that ignore ``COLOR_0`` show the
room all white. Here each mesh becomes one primitive per (material kind, colour) group (``scenegen.assets.materials``),
each with a ``pbrMetallicRoughness`` material: ``baseColorFactor`` is the part colour (linear RGB, as the renderer
reads it) with the kind's opacity as alpha, ``metallicFactor`` and ``roughnessFactor`` are the kind's, glass also
carries ``KHR_materials_transmission`` and ``KHR_materials_ior``, emissive kinds an ``emissiveFactor``. Materials are
shared across the file by name (``<kind>_<rrggbb>``) and say their kind in ``extras.kind``. A many-coloured slot (an
image-to-3D mesh, one colour per face) is one primitive whose unshared vertices carry ``COLOR_0`` under a white base
colour.

No normals are written: glTF viewers then compute flat normals (glTF 2.0, 3.7.2.1), which is right for these
hard-edged parts. Positions are float32 metres; node matrices are column-major as glTF asks.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from scenegen.assets.materials import Group, groups, kind

if TYPE_CHECKING:
    import trimesh

_UBYTE, _FLOAT, _UINT16, _UINT32 = 5121, 5126, 5123, 5125
_ARRAY_BUFFER, _ELEMENT_ARRAY_BUFFER = 34962, 34963
_TRIANGLES = 4


@dataclass
class Node:
    """One glTF node: a name, an optional mesh (its own frame, metres), an optional (4, 4) transform to the parent's
    frame, children, and ``extras`` (JSON-able). ``body`` re-kinds the mesh's body slot (a prompt's material word)."""

    name: str
    mesh: "trimesh.Trimesh | None" = None
    matrix: np.ndarray | None = None
    children: list["Node"] = field(default_factory=list)
    extras: dict[str, Any] | None = None
    body: str | None = None


class _Writer:
    """Accumulates buffer views, accessors, meshes and materials; ``glb`` packs them."""

    def __init__(self) -> None:
        self.bin = bytearray()
        self.doc: dict[str, Any] = {"asset": {"version": "2.0", "generator": "scenegen"}, "scene": 0, "scenes": [],
                                    "nodes": [], "meshes": [], "materials": [], "accessors": [], "bufferViews": []}
        self.material_index: dict[str, int] = {}
        self.extensions: set[str] = set()

    def view(self, data: bytes, target: int) -> int:
        pad = (-len(self.bin)) % 4
        self.bin.extend(b"\0" * pad)
        self.doc["bufferViews"].append({"buffer": 0, "byteOffset": len(self.bin), "byteLength": len(data),
                                        "target": target})
        self.bin.extend(data)
        return len(self.doc["bufferViews"]) - 1

    def accessor(self, array: np.ndarray, component: int, kind_: str, target: int, bounds: bool = False,
                 normalized: bool = False) -> int:
        acc: dict[str, Any] = {"bufferView": self.view(array.tobytes(), target), "componentType": component,
                               "count": int(len(array)), "type": kind_}
        if normalized:
            acc["normalized"] = True
        if bounds:
            acc["min"] = [float(v) for v in array.min(axis=0)]
            acc["max"] = [float(v) for v in array.max(axis=0)]
        self.doc["accessors"].append(acc)
        return len(self.doc["accessors"]) - 1

    def material(self, group: Group) -> int:
        name = group.key
        if name in self.material_index:
            return self.material_index[name]
        k = kind(group.kind)
        base = (1.0, 1.0, 1.0) if group.face_colours is not None else group.colour  # COLOR_0 carries the colour
        mat: dict[str, Any] = {
            "name": name,
            "pbrMetallicRoughness": {"baseColorFactor": [*(round(c, 4) for c in base), k.alpha],
                                     "metallicFactor": k.metallic, "roughnessFactor": k.roughness},
            "extras": {"kind": group.kind},
        }
        if k.alpha < 1.0:
            mat["alphaMode"] = "BLEND"
        if k.emissive > 0.0:
            mat["emissiveFactor"] = [round(min(1.0, c * k.emissive), 4) for c in group.colour]
        if k.transmission > 0.0:
            mat["extensions"] = {"KHR_materials_transmission": {"transmissionFactor": k.transmission},
                                 "KHR_materials_ior": {"ior": k.ior}}
            self.extensions.update(mat["extensions"])
        self.doc["materials"].append(mat)
        self.material_index[name] = len(self.doc["materials"]) - 1
        return self.material_index[name]

    def mesh(self, name: str, mesh: "trimesh.Trimesh", body: str | None) -> int | None:
        faces = np.asarray(mesh.faces, dtype=np.int64)
        if len(faces) == 0:
            return None
        verts = np.asarray(mesh.vertices, dtype=np.float64)
        prims = []
        for group in groups(mesh, body):
            corners = faces[group.faces].reshape(-1)
            attributes: dict[str, int] = {}
            if group.face_colours is None:
                used, local = np.unique(corners, return_inverse=True)
            else:  # per-face colours: every face gets its own three vertices, coloured by COLOR_0
                used, local = corners, np.arange(len(corners))
                rgba = np.concatenate([group.face_colours, np.full((len(group.faces), 1), 255, np.uint8)], axis=1)
                colour = np.ascontiguousarray(np.repeat(rgba, 3, axis=0), dtype=np.uint8)
                attributes["COLOR_0"] = self.accessor(colour, _UBYTE, "VEC4", _ARRAY_BUFFER, normalized=True)
            pos = np.ascontiguousarray(verts[used], dtype=np.float32)
            attributes["POSITION"] = self.accessor(pos, _FLOAT, "VEC3", _ARRAY_BUFFER, bounds=True)
            wide = len(used) > 65535
            idx = np.ascontiguousarray(local, dtype=np.uint32 if wide else np.uint16)
            prims.append({
                "attributes": attributes,
                "indices": self.accessor(idx, _UINT32 if wide else _UINT16, "SCALAR", _ELEMENT_ARRAY_BUFFER),
                "material": self.material(group), "mode": _TRIANGLES})
        self.doc["meshes"].append({"name": name, "primitives": prims})
        return len(self.doc["meshes"]) - 1

    def node(self, node: Node) -> int:
        out: dict[str, Any] = {"name": node.name}
        self.doc["nodes"].append(out)
        index = len(self.doc["nodes"]) - 1
        if node.matrix is not None and not np.allclose(node.matrix, np.eye(4)):
            out["matrix"] = [float(v) for v in np.asarray(node.matrix, dtype=np.float64).T.reshape(-1)]
        if node.mesh is not None:
            mesh_index = self.mesh(f"{node.name}_mesh", node.mesh, node.body)
            if mesh_index is not None:
                out["mesh"] = mesh_index
        if node.extras:
            out["extras"] = node.extras
        if node.children:
            out["children"] = [self.node(child) for child in node.children]
        return index

    def glb(self, root: Node) -> bytes:
        self.doc["scenes"].append({"nodes": [self.node(root)]})
        if self.extensions:
            self.doc["extensionsUsed"] = sorted(self.extensions)
        if self.bin:
            self.doc["buffers"] = [{"byteLength": len(self.bin)}]
        for key in ("meshes", "materials", "accessors", "bufferViews"):
            if not self.doc[key]:
                del self.doc[key]
        body = json.dumps(self.doc, separators=(",", ":")).encode("utf-8")
        body += b" " * ((-len(body)) % 4)
        chunks = [struct.pack("<I4s", len(body), b"JSON"), body]
        if self.bin:  # a GLB without a buffer has no BIN chunk (a zero-length buffer is not allowed)
            blob = bytes(self.bin) + b"\0" * ((-len(self.bin)) % 4)
            chunks += [struct.pack("<I4s", len(blob), b"BIN\0"), blob]
        total = 12 + sum(len(c) for c in chunks)
        return b"".join([struct.pack("<4sII", b"glTF", 2, total), *chunks])


def glb(root: Node) -> bytes:
    """The node tree under ``root`` as a binary glTF 2.0 file (bytes); deterministic for the same tree."""
    return _Writer().glb(root)
