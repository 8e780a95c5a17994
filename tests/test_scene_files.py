"""Bad scene files end in one clear line (SceneFileError / ValueError), never a crash or a hang."""

import json
import math
from pathlib import Path

import pytest

from scenegen import scene_files as scene_module
from scenegen.scene import (AssetRef, LayoutPlan, ObjectInstance, Opening, PlannedObject, Pose, Provenance, Room,
                            Scene, SceneFileError)
from scenegen.scene_files import MAX_OBJECTS, dump_json, load_scene, save_scene


def _box(oid: str, x: float, y: float, z: float = 0.0, size=(0.5, 0.5, 0.5), support=None,
         backend: str = "box", params: dict | None = None) -> ObjectInstance:
    w, d, h = size
    return ObjectInstance(id=oid, category="nightstand",
                          asset=AssetRef(backend=backend, category="nightstand", seed=1,
                                         params=params if params is not None else {"width": w, "depth": d,
                                                                                   "height": h}),
                          pose=Pose(position=(x, y, z), yaw=0.0), size=size,
                          bbox=((x - w / 2, y - d / 2, z), (x + w / 2, y + d / 2, z + h)), support=support)


def make_scene(objects: list[ObjectInstance] | None = None) -> Scene:
    """A 4 × 3 m bedroom with a door; by default a nightstand with a box standing on it."""
    room = Room.rectangle(4.0, 3.0, type="bedroom",
                          openings=[Opening(id="door_1", kind="door", wall=0, offset=0.8, width=0.9, height=2.1)])
    if objects is None:
        objects = [_box("stand_1", 2.0, 2.0), _box("box_1", 2.0, 2.0, z=0.5, size=(0.2, 0.2, 0.2), support="stand_1")]
    plan = LayoutPlan(prompt="a bedroom", room=room,
                      objects=[PlannedObject(id=o.id, category=o.category) for o in objects])
    return Scene(room=room, objects=objects, plan=plan,
                 provenance=Provenance(prompt="a bedroom", seed=1, planner="rules"))


def _raw() -> dict:
    return json.loads(dump_json(make_scene()))


def _write(tmp_path: Path, raw: dict | str) -> Path:
    path = tmp_path / "scene.json"
    # allow_nan: Python's json writes NaN/Infinity tokens, which json.loads (and so a naive reader) accepts
    path.write_text(raw if isinstance(raw, str) else json.dumps(raw, allow_nan=True))
    return path


def _one_line_error(path: Path, match: str) -> str:
    with pytest.raises(SceneFileError, match=match) as info:
        load_scene(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_good_scene_still_loads(tmp_path):
    save_scene(make_scene(), tmp_path / "scene.json")
    assert load_scene(tmp_path) == make_scene()


@pytest.mark.parametrize("content, match", [
    ("", "is empty"),
    ("   \n", "not readable JSON"),
    ('{"version": "1.0", "room": ', "not readable JSON"),
    ("\x00\x01binary", "not readable JSON"),
    ('{"version": "2.0"}', "version '2.0'"),
    ("{}", "version None"),
])
def test_unreadable_or_foreign_files(tmp_path, content, match):
    _one_line_error(_write(tmp_path, content), match)


@pytest.mark.parametrize("field, index, value", [
    ("position", 0, math.nan),
    ("position", 2, math.inf),
    ("yaw", None, math.nan),
])
def test_non_finite_pose_names_the_object(tmp_path, field, index, value):
    raw = _raw()
    pose = raw["objects"][1]["pose"]
    if index is None:
        pose[field] = value
    else:
        pose[field][index] = value
    message = _one_line_error(_write(tmp_path, raw), "non-finite")
    assert "'box_1'" in message and f"pose.{field}" in message


def test_non_finite_size_and_params_name_the_object(tmp_path):
    raw = _raw()
    raw["objects"][0]["size"][1] = -math.inf
    assert "'stand_1'" in _one_line_error(_write(tmp_path, raw), r"non-finite number at size\.1")
    raw = _raw()
    raw["objects"][0]["asset"]["params"]["height"] = math.nan
    assert "'stand_1'" in _one_line_error(_write(tmp_path, raw), r"asset\.params\.height")


def test_non_finite_room(tmp_path):
    raw = _raw()
    raw["room"]["height"] = math.nan
    _one_line_error(_write(tmp_path, raw), "room has a non-finite number at room.height")


def test_duplicate_object_ids(tmp_path):
    raw = _raw()
    raw["objects"][1]["id"] = "stand_1"
    raw["objects"][1]["support"] = None
    _one_line_error(_write(tmp_path, raw), "'stand_1' is used twice")


def test_support_that_names_no_object(tmp_path):
    raw = _raw()
    raw["objects"][1]["support"] = "dresser_9"
    message = _one_line_error(_write(tmp_path, raw), "'box_1' is supported by 'dresser_9'")
    assert "not an object in the scene" in message


@pytest.mark.parametrize("support", ["wall", "ceiling"])
def test_architecture_supports_are_fine(tmp_path, support):
    raw = _raw()
    raw["objects"][1]["support"] = support
    assert load_scene(_write(tmp_path, raw)).objects[1].support == support


def test_schema_problems_keep_one_line(tmp_path):
    raw = _raw()
    raw["objects"][0]["pose"]["position"] = [1.0, 2.0]
    _one_line_error(_write(tmp_path, raw), r"objects\.0\.pose\.position")


def test_hundred_thousand_objects_are_refused_quickly(tmp_path):
    raw = _raw()
    obj = raw["objects"][0]
    raw["objects"] = [dict(obj, id=f"o{k}") for k in range(100_000)]
    message = _one_line_error(_write(tmp_path, raw), f"has 100000 objects; scenegen handles at most {MAX_OBJECTS}")
    assert "split" in message


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = _write(tmp_path, _raw())
    monkeypatch.setattr(scene_module, "MAX_SCENE_BYTES", 100)
    _one_line_error(path, "MiB; scenegen reads scene files up to")


# -- GLB ----------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def glb_bytes() -> bytes:
    from scenegen.export.files import glb_bytes as to_glb

    return to_glb(make_scene())


def test_a_glb_path_is_refused_with_what_to_pass(tmp_path, glb_bytes):
    (tmp_path / "scene.glb").write_bytes(glb_bytes)
    message = _one_line_error(tmp_path / "scene.glb", "glTF file")
    assert "scene.json" in message
    # a folder holding only a GLB says the same
    _one_line_error(tmp_path, "has a scene.glb but no scene.json")


def test_glb_problem(tmp_path, glb_bytes):
    from scenegen.export.files import glb_problem

    good = tmp_path / "good.glb"
    good.write_bytes(glb_bytes)
    assert glb_problem(good) is None
    cut = tmp_path / "cut.glb"
    cut.write_bytes(glb_bytes[: len(glb_bytes) // 2])
    assert "truncated" in glb_problem(cut)
    tiny = tmp_path / "tiny.glb"
    tiny.write_bytes(b"glTF")
    assert "truncated (4 bytes)" in glb_problem(tiny)
    junk = tmp_path / "junk.glb"
    junk.write_bytes(b"x" * 64)
    assert "not a binary glTF" in glb_problem(junk)
    # header intact, chunk length overwritten: chunks no longer tile the file
    bad_chunk = bytearray(glb_bytes)
    bad_chunk[12:16] = (len(glb_bytes) * 2).to_bytes(4, "little")
    broken = tmp_path / "broken.glb"
    broken.write_bytes(bytes(bad_chunk))
    assert "corrupt" in glb_problem(broken)
    assert "cannot be read" in glb_problem(tmp_path / "absent.glb")


# -- meshes that cannot be built surface when validating ---------------------------------------------------------


def _validate(scene: Scene, only=None):
    from validators import validate

    return validate(scene, only=only)


def test_unknown_asset_backend_names_the_object():
    scene = make_scene([_box("stand_1", 2.0, 2.0, backend="image3d_xl")])
    with pytest.raises(ValueError, match=r"object 'stand_1' uses asset backend 'image3d_xl'.*known backends"):
        _validate(scene)


def test_missing_generator_parameter_names_the_object():
    scene = make_scene([_box("stand_1", 2.0, 2.0, params={"width": 0.5, "depth": 0.5})])
    with pytest.raises(ValueError, match=r"object 'stand_1': its mesh cannot be built .*missing parameter 'height'"):
        _validate(scene)


def test_bad_procedural_parameters_name_the_object():
    scene = make_scene([_box("stand_1", 2.0, 2.0, backend="procedural",
                             params={"width": -0.5, "depth": 0.5, "height": 0.5})])
    with pytest.raises(ValueError, match=r"object 'stand_1': its mesh cannot be built \(procedural backend") as info:
        _validate(scene)
    assert "\n" not in str(info.value)


def test_semantic_only_run_does_not_need_meshes():
    scene = make_scene([_box("stand_1", 2.0, 2.0, params={"width": 0.5, "depth": 0.5})])
    report = _validate(scene, only=["counts"])
    assert report.passed and {f.validator for f in report.findings} == {"counts"}


def test_validate_refuses_more_than_max_objects(monkeypatch):
    import validators.registry as registry

    monkeypatch.setattr(registry, "MAX_OBJECTS", 1)
    with pytest.raises(ValueError, match="the scene has 2 objects; scenegen validates at most 1"):
        _validate(make_scene())
