"""The data model: conventions, validation, exact round-trips, the checked-in JSON Schema."""

import json
import math
from pathlib import Path

import pytest

from scenegen.scene import (AssetRef, LayoutPlan, ObjectInstance, Opening, PlannedObject, Pose, Provenance, Relation,
                            Room, Scene, SceneFileError)
from scenegen.scene_files import load_scene, save_scene, scene_json_schema

ROOT = Path(__file__).resolve().parents[1]


def _scene() -> Scene:
    room = Room.rectangle(4.0, 3.0, type="bedroom",
                          openings=[Opening(id="door_1", kind="door", wall=0, offset=0.8, width=0.9, height=2.1)])
    plan = LayoutPlan(prompt="a bedroom with a bed", room=room, objects=[PlannedObject(id="bed_1", category="bed")],
                      relations=[Relation(kind="against_wall", subject="bed_1", target="wall")])
    inst = ObjectInstance(id="bed_1", category="bed",
                          asset=AssetRef(backend="box", category="bed", seed=3, params={"width": 1.6, "depth": 2.0,
                                                                                        "height": 0.9}),
                          pose=Pose(position=(2.0, 1.0, 0.0), yaw=0.0), size=(1.6, 2.0, 0.9),
                          bbox=((1.2, 0.0, 0.0), (2.8, 2.0, 0.9)))
    return Scene(room=room, objects=[inst], plan=plan, provenance=Provenance(prompt=plan.prompt, seed=1, planner="rules"))


def test_round_trip_is_exact(tmp_path):
    scene = _scene()
    save_scene(scene, tmp_path / "scene.json")
    first = (tmp_path / "scene.json").read_bytes()
    again = load_scene(tmp_path / "scene.json")
    assert again == scene
    save_scene(again, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == first
    assert load_scene(tmp_path) == scene  # a folder holding scene.json works too


def test_room_conventions():
    room = Room.rectangle(4.0, 3.0)
    assert room.area == pytest.approx(12.0)
    assert room.wall_normal(0) == pytest.approx((0.0, 1.0))  # south wall faces north, into the room
    assert room.wall_normal(1) == pytest.approx((-1.0, 0.0))
    assert room.contains(1.0, 1.0) and not room.contains(5.0, 1.0)
    assert Pose(yaw=0.0).front == pytest.approx((0.0, 1.0))  # front faces +y
    assert Pose(yaw=math.pi / 2).front == pytest.approx((-1.0, 0.0))  # yaw turns counter-clockwise


def test_clockwise_footprint_and_misplaced_opening_are_rejected():
    with pytest.raises(ValueError, match="counter-clockwise"):
        Room(footprint=[(0, 0), (0, 3), (4, 3), (4, 0)])
    with pytest.raises(ValueError, match="does not fit"):
        Room.rectangle(2.0, 2.0, openings=[Opening(id="d", kind="door", wall=0, offset=1.9, width=0.9, height=2.1)])


def test_plan_ids_must_resolve():
    room = Room.rectangle(3, 3)
    with pytest.raises(ValueError, match="unknown target"):
        LayoutPlan(prompt="x", room=room, objects=[PlannedObject(id="a", category="bed")],
                   relations=[Relation(kind="next_to", subject="a", target="b")])


@pytest.mark.parametrize("content, match", [
    (None, "no scene file"),
    ("{not json", "not readable JSON"),
    ("[1, 2]", "does not hold a scene"),
    ('{"version": "0.1"}', "version"),
    ('{"version": "1.0", "room": {}}', "not a valid scene"),
])
def test_bad_scene_files_give_one_line(tmp_path, content, match):
    path = tmp_path / "scene.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(SceneFileError, match=match) as info:
        load_scene(path)
    assert "\n" not in str(info.value)


def test_checked_in_schema_is_current():
    checked_in = json.loads((ROOT / "schemas" / "scene.schema.json").read_text())
    assert checked_in == scene_json_schema(), "run: scenegen schema -o schemas/scene.schema.json"


def test_schema_accepts_a_saved_scene(tmp_path):
    import jsonschema

    save_scene(_scene(), tmp_path / "scene.json")
    jsonschema.validate(json.loads((tmp_path / "scene.json").read_text()), scene_json_schema())
