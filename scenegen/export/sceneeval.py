"""Export a Scene in SceneEval's input layout (sceneState JSON + one GLB per object), so SceneEval's own code can score
it (Tam et al., arXiv 2503.14756; repository 3dlg-hcvc/SceneEval). The field-by-field mapping is in docs/sceneeval.md.

Layout written under ``out_dir``::

    scene_<scene_id>.json                 sceneState ("format": "sceneState", "scene": {... "arch", "object"})
    assets/<asset_id>/<asset_id>.glb      the object's mesh, glTF convention (y up, front +z), metres
    assets/<asset_id>/data.json           {"annotations": {"category", "description", "materials"}}

which is what SceneEval's ``LayoutVLMObjathorAssetDataset`` (``assets/layoutvlm_objathor.py``) reads, so a dataset
entry with ``asset_id_prefix: scenegen`` and ``dataset_root_path: <out_dir>/assets`` resolves every ``modelId``.

Axes. SceneEval's scenes are z up (``scenes/scene_state.py`` defaults ``up = [0, 0, 1]``, ``front = [0, 1, 0]``), like
scenegen, so positions and the architecture carry over unchanged. Its assets are glTF files (y up, front +z, right
-x) placed by ``world = T @ v_glb`` with ``T`` the object's ``transform.data`` read column-major
(``np.asarray(data).reshape(4, 4).T``: ``scenes/trimesh_scene.py``; ``scenes/blender_scene.py`` gets the same
result after Blender's y-up import and its -90° x fix-up). So each mesh is written as ``GLTF_FROM_LOCAL @ v_local``
and its transform is ``pose_matrix(position, yaw) @ LOCAL_FROM_GLTF``, giving ``world = pose @ v_local`` exactly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from scenegen.scene import ObjectInstance, Opening, Room, Scene
from scenegen.scene_files import write_atomic

if TYPE_CHECKING:
    import trimesh

SCENE_VERSION = "scene@1.0.2"
ARCH_VERSION = "arch@1.0.2"
DEFAULT_PREFIX = "scenegen"
"""``asset_id_prefix`` of the SceneEval asset dataset serving the exported meshes (``modelId = prefix.asset_id``)."""

GLTF_FROM_LOCAL = np.array([[-1.0, 0.0, 0.0, 0.0],
                            [0.0, 0.0, 1.0, 0.0],
                            [0.0, 1.0, 0.0, 0.0],
                            [0.0, 0.0, 0.0, 1.0]])
"""(4, 4) rotation from scenegen's object frame (z up, front +y, right +x) to glTF's (y up, front +z, right -x):
(x, y, z) -> (-x, z, y). A proper rotation (180° about (0, 1, 1)/√2), its own inverse."""

LOCAL_FROM_GLTF = GLTF_FROM_LOCAL.T


@dataclass
class SceneEvalExport:
    """What ``export_sceneeval`` wrote: the sceneState file, the GLB per object id, and notes on approximations."""

    scene_state: Path
    meshes: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def export_sceneeval(scene: Scene, out_dir: str | Path, *, scene_id: str = "0",
                     prefix: str = DEFAULT_PREFIX) -> SceneEvalExport:
    """Write ``scene`` under ``out_dir`` in SceneEval's layout (see the module docstring) and return what was written.

    ``scene_id`` names the file ``scene_<scene_id>.json``: SceneEval matches it to the row of its annotations.csv
    with that ID. ``prefix`` becomes the ``modelId`` prefix and must match the asset dataset configured in SceneEval.
    """
    from scenegen.assets import build_mesh

    if not re.fullmatch(r"[A-Za-z0-9_-]+", prefix):
        raise ValueError(f"asset prefix {prefix!r} must be letters, digits, '_' or '-' (SceneEval splits modelId "
                         f"at the '.')")
    out_dir = Path(out_dir)
    asset_ids = _asset_ids(scene, prefix)
    result = SceneEvalExport(scene_state=out_dir / f"scene_{scene_id}.json", notes=_notes(scene))
    for inst in scene.objects:
        asset_id = asset_ids[inst.id]
        folder = out_dir / "assets" / asset_id
        mesh = with_colour_material(build_mesh(inst.asset))
        mesh.apply_transform(GLTF_FROM_LOCAL)
        write_atomic(folder / f"{asset_id}.glb", mesh.export(file_type="glb"))
        write_atomic(folder / "data.json", json.dumps(_asset_data(inst), indent=2, sort_keys=True) + "\n")
        result.meshes[inst.id] = folder / f"{asset_id}.glb"
    state = scene_state(scene, scene_id=scene_id, prefix=prefix, asset_ids=asset_ids)
    write_atomic(result.scene_state, json.dumps(state, indent=2) + "\n")
    return result


def scene_state(scene: Scene, *, scene_id: str = "0", prefix: str = DEFAULT_PREFIX,
                asset_ids: dict[str, str] | None = None) -> dict[str, Any]:
    """The sceneState dict for ``scene`` (what ``scenes/scene_state.py`` in SceneEval loads)."""
    asset_ids = asset_ids or _asset_ids(scene, prefix)
    names = _object_names(scene)
    index = {inst.id: k for k, inst in enumerate(scene.objects)}
    objects = []
    for k, inst in enumerate(scene.objects):
        entry: dict[str, Any] = {
            "index": k,
            "id": names[inst.id],
            "modelId": f"{prefix}.{asset_ids[inst.id]}",
            "transform": {"rows": 4, "cols": 4, "data": column_major(object_transform(inst))},
        }
        if inst.support in index:
            entry["parentId"] = names[inst.support]
            entry["parentIndex"] = index[inst.support]
        objects.append(entry)
    return {
        "format": "sceneState",
        "scene": {
            "version": SCENE_VERSION,
            "id": f"scene_{scene_id}",
            "up": [0, 0, 1],
            "front": [0, 1, 0],
            "unit": 1.0,
            "assetSource": [prefix],
            "arch": architecture(scene.room),
            "object": objects,
        },
    }


def object_transform(inst: ObjectInstance) -> np.ndarray:
    """(4, 4) float64 SceneEval transform of ``inst``: maps its exported (glTF-frame) mesh to world metres, z up."""
    from scenegen.assets import pose_matrix

    return pose_matrix(inst.pose.position, inst.pose.yaw) @ LOCAL_FROM_GLTF


def column_major(matrix: np.ndarray) -> list[float]:
    """The 16 entries of a (4, 4) matrix column by column (sceneState's ``transform.data``), as plain floats with the
    ``-0.0`` and rounding noise of the rotation cleaned up."""
    flat = np.asarray(matrix, dtype=np.float64).flatten(order="F")
    return [float(round(v, 12)) + 0.0 for v in flat]


def from_column_major(data: list[float]) -> np.ndarray:
    """Inverse of ``column_major``: SceneEval's ``np.asarray(data).reshape(4, 4).T``."""
    return np.asarray(data, dtype=np.float64).reshape(4, 4).T


def architecture(room: Room) -> dict[str, Any]:
    """The ``arch`` block: one ``Floor`` (the footprint at z = 0) and one ``Wall`` per footprint edge with its doors
    and windows as ``holes``, each ``box`` in wall coordinates (metres along the wall from its first point, metres
    above the floor), as SceneEval's wall builders read them."""
    room_id = _slug(room.type) or "room"
    walls = []
    for i in range(len(room.footprint)):
        (ax, ay), (bx, by) = room.wall(i)
        holes = [_hole(op) for op in room.openings if op.wall == i]
        walls.append({"id": f"wall|{room_id}|{i}", "roomId": room_id, "type": "Wall", "height": room.height,
                      "points": [[ax, ay, 0.0], [bx, by, 0.0]], "holes": holes})
    floor = {"id": f"{room_id}|floor", "roomId": room_id, "type": "Floor",
             "points": [[x, y, 0.0] for x, y in room.footprint]}
    return {"version": ARCH_VERSION, "id": room_id, "up": [0, 0, 1], "front": [0, 1, 0], "coords2d": [0, 1],
            "scaleToMeters": 1.0, "elements": [*walls, floor]}


def _hole(op: Opening) -> dict[str, Any]:
    return {"id": op.id, "type": "Door" if op.kind == "door" else "Window",
            "box": {"min": [op.offset - op.width / 2, op.sill], "max": [op.offset + op.width / 2, op.sill + op.height]}}


BLENDER_NAME_BYTES = 63
"""Blender cuts object, mesh and material names at 63 bytes of UTF-8; SceneEval then fails to find an object by its
id (a KeyError in every metric), so exported names are kept within it."""


def short_name(name: str, limit: int = BLENDER_NAME_BYTES) -> str:
    """``name`` itself when its UTF-8 form fits in ``limit`` bytes, else its ASCII slug cut short plus 8 hex digits
    of its SHA-1, so different long names stay different: ``limit`` bytes at most, deterministic."""
    import hashlib

    if len(name.encode()) <= limit:
        return name
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return f"{(_slug(name) or 'object')[:limit - 9].rstrip('_-')}-{digest}"


def _object_names(scene: Scene) -> dict[str, str]:
    """Object id -> the id SceneEval sees (``short_name``), made unique."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for inst in scene.objects:
        name = short_name(inst.id)
        if name in used:
            name = short_name(inst.id + "#", BLENDER_NAME_BYTES)
        used.add(name)
        out[inst.id] = name
    return out


def _asset_ids(scene: Scene, prefix: str = DEFAULT_PREFIX) -> dict[str, str]:
    """Object id -> asset id: the id with anything but letters, digits, '_' and '-' replaced (SceneEval splits
    ``modelId`` at '.'), short enough that ``prefix.asset_id`` fits Blender's name limit, made unique."""
    out: dict[str, str] = {}
    used: set[str] = set()
    budget = BLENDER_NAME_BYTES - len(prefix) - 1 - 4  # room for a "-NNN" uniqueness suffix
    for inst in scene.objects:
        base = short_name(_slug(inst.id) or "object", budget)
        name, k = base, 1
        while name in used:
            k += 1
            name = f"{base}-{k}"
        used.add(name)
        out[inst.id] = name
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_")


def _asset_data(inst: ObjectInstance) -> dict[str, Any]:
    """The ``data.json`` SceneEval's LayoutVLM-style dataset reads: its text becomes the object's description for the
    VLM-based metrics ("category, description, materials")."""
    a = inst.attributes
    words = [w for w in (a.size, a.colour, a.style) if w]
    category = inst.category.replace("_", " ")
    return {"annotations": {"category": category, "description": " ".join([*words, category]),
                            "materials": a.material or ""},
            "scenegen": {"object_id": inst.id, "size_m": list(inst.size), "generic": inst.generic}}


BELOW_FLOOR_TOL = 1e-3
"""Metres an object's bottom may sit below z = 0 before the export warns (float noise from posing is far smaller)."""

PALETTE_BLOCK_PX = 8
"""Pixels per side of each colour's square in the palette texture, so texture filtering and mip levels near a texel
centre read one colour rather than a blend of neighbours."""


def with_colour_material(mesh: "trimesh.Trimesh") -> "trimesh.Trimesh":
    """``mesh`` (face or vertex colours, linear RGB × 255) as a textured mesh whose glTF material shows those colours:
    a palette texture (one ``PALETTE_BLOCK_PX`` square per distinct face colour, sRGB-encoded as glTF's
    baseColorTexture requires) and per-vertex UVs at its colour's square. Vertices whose faces differ in colour are
    split; positions and faces are otherwise unchanged. SceneEval's Blender import ignores COLOR_0 without a
    material, which rendered every object white for its VLM metrics."""
    import trimesh
    from PIL import Image

    colours = np.asarray(mesh.visual.face_colors, dtype=np.uint8)[:, :3]
    palette, colour_of_face = np.unique(colours, axis=0, return_inverse=True)
    faces = np.asarray(mesh.faces)
    keys = np.stack([faces.ravel(), np.repeat(colour_of_face.ravel(), 3)], axis=1)
    corners, corner_index = np.unique(keys, axis=0, return_inverse=True)
    side = int(np.ceil(np.sqrt(len(palette))))
    linear = palette.astype(np.float64) / 255.0
    srgb = np.where(linear <= 0.0031308, linear * 12.92, 1.055 * linear ** (1 / 2.4) - 0.055)
    texels = np.zeros((side * side, 3), np.uint8)
    texels[:len(palette)] = np.clip(np.round(srgb * 255.0), 0, 255).astype(np.uint8)
    image = np.repeat(np.repeat(texels.reshape(side, side, 3), PALETTE_BLOCK_PX, 0), PALETTE_BLOCK_PX, 1)
    k = corners[:, 1]
    uv = np.stack([(k % side + 0.5) / side, 1.0 - (k // side + 0.5) / side], axis=1)  # trimesh: v up from the bottom
    material = trimesh.visual.material.PBRMaterial(baseColorTexture=Image.fromarray(image), metallicFactor=0.0,
                                                   roughnessFactor=0.8, doubleSided=True)
    return trimesh.Trimesh(vertices=np.asarray(mesh.vertices)[corners[:, 0]],
                           faces=corner_index.reshape(-1, 3), process=False,
                           visual=trimesh.visual.TextureVisuals(uv=uv, material=material))


def _notes(scene: Scene) -> list[str]:
    """Where SceneEval will read the export differently from scenegen (one line each)."""
    notes = []
    for i in range(len(scene.room.footprint)):
        dx, dy = scene.room.wall_direction(i)
        if min(abs(dx), abs(dy)) > 1e-9:
            notes.append(f"wall {i} is not axis-aligned; SceneEval's wall builders orient only axis-aligned walls, "
                         f"so it will misplace this wall")
            break
    renamed = [(i, n) for i, n in _object_names(scene).items() if i != n]
    if renamed:
        notes.append(f"{len(renamed)} object id(s) exceed Blender's {BLENDER_NAME_BYTES}-byte name limit and are "
                     f"exported under short names (e.g. {renamed[0][1]!r}); data.json keeps each full id")
    low = min(scene.objects, key=lambda o: o.bbox[0][2], default=None)
    if low is not None and low.bbox[0][2] < -BELOW_FLOOR_TOL:
        notes.append(f"object {low.id!r} reaches z = {low.bbox[0][2]:.3f} m, below the floor; SceneEval lowers the "
                     f"whole room to the lowest object, so every score there shifts: re-solve or raise it")
    if scene.objects and min(o.bbox[0][2] for o in scene.objects) > 1e-3:
        notes.append("no object touches the floor; SceneEval puts its floor at the lowest object, so support and "
                     "navigability there will not match scenegen's")
    return notes
