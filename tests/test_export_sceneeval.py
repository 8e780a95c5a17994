"""SceneEval export: the sceneState structure, transforms that reproduce scenegen's world meshes under SceneEval's
reading of them (``np.asarray(data).reshape(4, 4).T`` applied to the GLB's raw vertices), walls and holes where
SceneEval's wall builder puts them, and the CLI command."""

import json
import math

import numpy as np
import pytest
import trimesh
from typer.testing import CliRunner

from scenegen.assets import world_mesh
from scenegen.export import export_sceneeval
from scenegen.export.sceneeval import GLTF_FROM_LOCAL, column_major, from_column_major, object_transform
from scenegen.scene import AssetRef, LayoutPlan, ObjectInstance, Opening, PlannedObject, Pose, Provenance, Room, Scene

BLENDER_FIXUP = np.array([[1.0, 0, 0, 0], [0, 0, 1.0, 0], [0, -1.0, 0, 0], [0, 0, 0, 1.0]])
"""Rx(-90°): SceneEval's blender_scene.py sets matrix_world = T @ matrix_world @ Rx(-90°) after a y-up glTF import."""


def _obj(oid, category, x, y, z, yaw, size, support=None) -> ObjectInstance:
    w, d, h = size
    c, s = abs(math.cos(yaw)), abs(math.sin(yaw))
    ex, ey = (w * c + d * s) / 2, (w * s + d * c) / 2
    return ObjectInstance(id=oid, category=category,
                          asset=AssetRef(backend="procedural", category=category, seed=7,
                                         params={"width": w, "depth": d, "height": h}),
                          pose=Pose(position=(x, y, z), yaw=yaw), size=size,
                          bbox=((x - ex, y - ey, z), (x + ex, y + ey, z + h)), support=support)


@pytest.fixture(scope="module")
def scene() -> Scene:
    room = Room.rectangle(5.0, 4.0, type="living room", openings=[
        Opening(id="door_1", kind="door", wall=0, offset=1.0, width=0.9, height=2.1),
        Opening(id="window_1", kind="window", wall=1, offset=2.0, width=1.2, height=1.2, sill=0.9),
        Opening(id="window_2", kind="window", wall=2, offset=1.5, width=1.0, height=1.0, sill=1.0)])
    objects = [
        _obj("sofa_1", "sofa", 2.5, 3.4, 0.0, math.pi, (2.0, 0.9, 0.85)),
        _obj("side_table_1", "side_table", 4.3, 1.0, 0.0, math.pi / 2, (0.5, 0.5, 0.55)),
        _obj("table_lamp_1", "table_lamp", 4.3, 1.0, 0.55, 0.3, (0.3, 0.3, 0.5), support="side_table_1"),
    ]
    plan = LayoutPlan(prompt="a living room", room=room,
                      objects=[PlannedObject(id=o.id, category=o.category) for o in objects])
    return Scene(room=room, objects=objects, plan=plan,
                 provenance=Provenance(prompt="a living room", seed=3, planner="rules"))


@pytest.fixture(scope="module")
def exported(scene, tmp_path_factory):
    out = tmp_path_factory.mktemp("sceneeval")
    result = export_sceneeval(scene, out, scene_id="12")
    return result, json.loads(result.scene_state.read_text()), out


def test_layout_and_ids(scene, exported):
    result, state, out = exported
    assert result.scene_state == out / "scene_12.json"
    assert state["format"] == "sceneState"
    spec = state["scene"]
    assert spec["version"] == "scene@1.0.2" and spec["up"] == [0, 0, 1] and spec["unit"] == 1.0
    objs = spec["object"]
    assert [o["id"] for o in objs] == [o.id for o in scene.objects]
    assert [o["index"] for o in objs] == [0, 1, 2]
    assert [o["modelId"] for o in objs] == ["scenegen.sofa_1", "scenegen.side_table_1", "scenegen.table_lamp_1"]
    for o in objs:
        prefix, asset_id = o["modelId"].split(".")  # SceneEval's Retriever unpacks exactly two parts
        folder = out / "assets" / asset_id
        assert (folder / f"{asset_id}.glb").is_file()
        data = json.loads((folder / "data.json").read_text())["annotations"]
        assert set(data) == {"category", "description", "materials"}
    assert json.loads((out / "assets" / "side_table_1" / "data.json").read_text())["annotations"]["category"] == \
        "side table"
    lamp = objs[2]
    assert lamp["parentId"] == "side_table_1" and lamp["parentIndex"] == 1
    assert "parentId" not in objs[0]
    assert result.notes == []


def test_meshes_reproduce_scenegen_world_geometry(scene, exported):
    """What SceneEval's trimesh_scene.py does: load the GLB as one mesh, apply reshape(4, 4).T of transform.data."""
    result, state, out = exported
    for entry, inst in zip(state["scene"]["object"], scene.objects):
        asset_id = entry["modelId"].split(".")[1]
        mesh = trimesh.load(out / "assets" / asset_id / f"{asset_id}.glb", force="mesh")
        mesh.apply_transform(np.asarray(entry["transform"]["data"]).reshape(4, 4).T)
        expected = world_mesh(inst)
        assert len(mesh.faces) == len(expected.faces) > 0
        np.testing.assert_allclose(mesh.vertices, expected.vertices, atol=1e-6)  # float32 GLB storage
        if math.isclose(math.sin(2 * inst.pose.yaw), 0.0, abs_tol=1e-12):  # right-angle yaw: bounds are the box
            np.testing.assert_allclose(mesh.bounds, np.asarray(inst.bbox), atol=1e-5)


def test_exported_meshes_are_y_up_with_front_plus_z(scene, exported):
    """glTF convention: height along +y; the sofa's depth (0.9 m) along z, its width (2 m) along x."""
    _, _, out = exported
    mesh = trimesh.load(out / "assets" / "sofa_1" / "sofa_1.glb", force="mesh")
    lo, hi = mesh.bounds
    assert lo[1] == pytest.approx(0.0, abs=1e-6) and hi[1] == pytest.approx(0.85, abs=1e-6)
    assert hi[0] - lo[0] == pytest.approx(2.0, abs=1e-6) and hi[2] - lo[2] == pytest.approx(0.9, abs=1e-6)


def test_transform_numbers_round_trip(scene, exported):
    _, state, _ = exported
    table = scene.objects[1]
    data = state["scene"]["object"][1]["transform"]["data"]
    assert len(data) == 16 and data[12:15] == pytest.approx(list(table.pose.position))  # translation: last column
    T = from_column_major(data)
    np.testing.assert_allclose(T, object_transform(table), atol=1e-12)
    # undo the glTF frame change: the pure pose, from which yaw reads back exactly
    pose = T @ GLTF_FROM_LOCAL
    assert math.atan2(pose[1, 0], pose[0, 0]) == pytest.approx(table.pose.yaw, abs=1e-12)
    np.testing.assert_allclose(pose[:3, :3] @ [0, 0, 1], [0, 0, 1], atol=1e-12)
    assert column_major(T) == data


def test_same_convention_as_sceneeval_template():
    """SceneEval's scene_state_template.json places a y-up asset with yaw 90° by this rotation (rows)."""
    inst = _obj("a", "chair", 0.0, 0.0, 0.0, math.pi / 2, (0.5, 0.5, 0.9))
    np.testing.assert_allclose(object_transform(inst)[:3, :3], [[0, 0, -1], [-1, 0, 0], [0, 1, 0]], atol=1e-12)


def test_sceneeval_front_is_scenegen_front(scene):
    """SceneEval's front is local -y of Blender's matrix_world (= T @ Rx(-90°)); it must match Pose.front."""
    for inst in scene.objects:
        world = object_transform(inst) @ BLENDER_FIXUP
        front = world[:3, :3] @ [0.0, -1.0, 0.0]
        np.testing.assert_allclose(front[:2], inst.pose.front, atol=1e-12)
        assert front[2] == pytest.approx(0.0, abs=1e-12)


def _sceneeval_hole_centre(wall: dict, hole: dict) -> np.ndarray:
    """Where SceneEval's trimesh_scene.py puts a hole: box along local x from the wall's min corner, rotated by the
    direction of its two points, moved to their midpoint."""
    (ax, ay, _), (bx, by, _) = wall["points"]
    length = math.hypot(bx - ax, by - ay)
    u = (hole["box"]["min"][0] + hole["box"]["max"][0]) / 2 - length / 2
    if math.isclose(bx, ax):
        angle = math.pi / 2 if by > ay else -math.pi / 2
    else:
        angle = math.pi if bx < ax else 0.0
    return np.array([(ax + bx) / 2 + u * math.cos(angle), (ay + by) / 2 + u * math.sin(angle)])


def test_walls_and_openings(scene, exported):
    _, state, _ = exported
    arch = state["scene"]["arch"]
    assert arch["version"] == "arch@1.0.2"
    walls = [e for e in arch["elements"] if e["type"] == "Wall"]
    floors = [e for e in arch["elements"] if e["type"] == "Floor"]
    assert len(walls) == 4 and len(floors) == 1
    assert floors[0]["points"] == [[x, y, 0.0] for x, y in scene.room.footprint]
    assert floors[0]["roomId"] == "living_room"  # SceneEval names the floor floor_<roomId>
    assert walls[1]["points"] == [[5.0, 0.0, 0.0], [5.0, 4.0, 0.0]] and walls[1]["height"] == 2.7
    holes = {h["id"]: (w, h) for w in walls for h in w["holes"]}
    assert set(holes) == {"door_1", "window_1", "window_2"}
    door_wall, door = holes["door_1"]
    assert door["type"] == "Door" and door["box"] == {"min": [0.55, 0.0], "max": [1.45, 2.1]}
    assert holes["window_1"][1]["box"]["min"][1] == pytest.approx(0.9)
    assert holes["window_1"][1]["box"]["max"][1] == pytest.approx(2.1)
    for op in scene.room.openings:
        wall, hole = holes[op.id]
        np.testing.assert_allclose(_sceneeval_hole_centre(wall, hole), scene.room.opening_center(op), atol=1e-9)


def test_slanted_wall_gets_a_note(tmp_path):
    room = Room(type="room", footprint=[(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (1.0, 4.0), (0.0, 3.0)])
    plan = LayoutPlan(prompt="x", room=room)
    scene = Scene(room=room, plan=plan, provenance=Provenance(prompt="x", seed=0, planner="rules"))
    result = export_sceneeval(scene, tmp_path)
    assert len(result.notes) == 1 and "not axis-aligned" in result.notes[0]
    assert json.loads(result.scene_state.read_text())["scene"]["object"] == []


def test_bad_prefix_is_refused(scene, tmp_path):
    with pytest.raises(ValueError, match="prefix 'my.assets'"):
        export_sceneeval(scene, tmp_path, prefix="my.assets")


def test_cli_export_sceneeval(scene, tmp_path):
    from cli.main import app
    from scenegen.scene_files import save_scene

    save_scene(scene, tmp_path / "in" / "scene.json")
    runner = CliRunner()
    ok = runner.invoke(app, ["export", "sceneeval", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                             "--scene-id", "3"])
    assert ok.exit_code == 0, ok.stderr
    assert (tmp_path / "out" / "scene_3.json").is_file()
    assert sorted(p.name for p in (tmp_path / "out" / "assets").iterdir()) == ["side_table_1", "sofa_1",
                                                                               "table_lamp_1"]
    bad = runner.invoke(app, ["export", "sceneeval", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x")])
    assert bad.exit_code == 1
    assert bad.stderr.startswith("error:") and len(bad.stderr.strip().splitlines()) == 1
