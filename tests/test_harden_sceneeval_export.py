"""Issue 20 item 16: the SceneEval export's GLBs carry a material that shows each face's colour, long ids get short
asset names under Blender's 63-byte limit, and an object below the floor is warned about."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest
import trimesh

from scenegen.assets import build_mesh
from scenegen.export import export_sceneeval
from scenegen.scene_files import load_scene

BASE = Path(__file__).parent / "data" / "hostile" / "_base.json"


def _gltf_json(path: Path) -> dict:
    data = path.read_bytes()
    n = struct.unpack("<I", data[12:16])[0]
    return json.loads(data[20:20 + n])


def _srgb(linear_u8: np.ndarray) -> np.ndarray:
    x = linear_u8.astype(np.float64) / 255.0
    return np.round(255 * np.where(x <= 0.0031308, 12.92 * x, 1.055 * x ** (1 / 2.4) - 0.055))


def test_every_glb_has_a_material_showing_its_face_colours(tmp_path: Path) -> None:
    scene = load_scene(BASE)
    result = export_sceneeval(scene, tmp_path)
    for inst in scene.objects:
        glb = result.meshes[inst.id]
        gltf = _gltf_json(glb)
        prim = gltf["meshes"][0]["primitives"][0]
        assert "material" in prim and "TEXCOORD_0" in prim["attributes"]
        assert "baseColorTexture" in gltf["materials"][prim["material"]]["pbrMetallicRoughness"]
        loaded = trimesh.load(glb, force="mesh", process=False)
        source = build_mesh(inst.asset)
        assert len(loaded.faces) == len(source.faces)
        image = np.asarray(loaded.visual.material.baseColorTexture.convert("RGB"))
        h, w = image.shape[:2]
        uv = np.asarray(loaded.visual.uv)[np.asarray(loaded.faces)[:, 0]]
        px = image[np.clip(((1 - uv[:, 1]) * h).astype(int), 0, h - 1), np.clip((uv[:, 0] * w).astype(int), 0, w - 1)]
        want = _srgb(np.asarray(source.visual.face_colors)[:, :3])
        assert np.abs(px.astype(float) - want).max() <= 1.0, inst.id
        assert len(np.unique(want, axis=0)) > 1  # the colours differ by part: not one flat (white) material


def _renamed(raw: dict, old: str, new: str) -> dict:
    for o in raw["objects"]:
        if o["id"] == old:
            o["id"] = new
        if o.get("support") == old:
            o["support"] = new
    for o in raw["plan"]["objects"]:
        if o["id"] == old:
            o["id"] = new
    for r in raw["plan"]["relations"]:
        for k in ("subject", "target"):
            if r.get(k) == old:
                r[k] = new
    return raw


@pytest.mark.parametrize("new_id", ["nightstand_" + "n" * 52,  # 63 characters: the schema's cap
                                    "床头柜" * 21])                 # 63 characters, 189 bytes of UTF-8
def test_long_ids_get_names_within_blenders_limit(tmp_path: Path, new_id: str) -> None:
    from scenegen.export.sceneeval import BLENDER_NAME_BYTES

    raw = _renamed(json.loads(BASE.read_text()), "nightstand_1", new_id)
    (tmp_path / "scene.json").write_text(json.dumps(raw))
    scene = load_scene(tmp_path)
    result = export_sceneeval(scene, tmp_path / "se")
    state = json.loads(result.scene_state.read_text())["scene"]["object"]
    for entry in state:
        assert len(entry["id"].encode()) <= BLENDER_NAME_BYTES
        assert len(entry["modelId"].encode()) <= BLENDER_NAME_BYTES
    ids = [e["id"] for e in state]
    assert len(set(ids)) == len(ids) and "bed_1" in ids  # short ids unchanged
    lamp = next(e for e in state if e["id"] == "table_lamp_1")
    assert lamp["parentId"] == state[lamp["parentIndex"]]["id"]
    assert (lamp["parentId"] == new_id) == (len(new_id.encode()) <= BLENDER_NAME_BYTES)
    asset = state[lamp["parentIndex"]]["modelId"].split(".")[1]
    data = json.loads((tmp_path / "se" / "assets" / asset / "data.json").read_text())
    assert data["scenegen"]["object_id"] == new_id
    if len(new_id.encode()) > BLENDER_NAME_BYTES:
        assert any("name limit" in n for n in result.notes)


def test_an_object_below_the_floor_is_warned_about(tmp_path: Path) -> None:
    raw = json.loads(BASE.read_text())
    bed = next(o for o in raw["objects"] if o["id"] == "bed_1")
    bed["pose"]["position"][2] = -0.05
    bed["bbox"][0][2] -= 0.05
    bed["bbox"][1][2] -= 0.05
    (tmp_path / "scene.json").write_text(json.dumps(raw))
    result = export_sceneeval(load_scene(tmp_path), tmp_path / "se")
    assert any("'bed_1' reaches z = -0.050 m, below the floor" in n for n in result.notes)
    assert not any("below the floor" in n for n in export_sceneeval(load_scene(BASE), tmp_path / "ok").notes)
