"""The 2.0 home file: a stored 1.0 scene loads as a one-room home, a home round-trips, the schema is current, and
files that are not homes are refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scenegen.home.model import (HOME_VERSION, Home, dump_home, home_json_schema, is_home_file, load_home,
                                 migrate_scene)
from scenegen.scene import SceneFileError
from scenegen.scene_files import load_scene

from home_helpers import made

ROOT = Path(__file__).resolve().parents[1]
STORED_1_0 = ROOT / "tests" / "data" / "scene_v1_0" / "scene.json"


@pytest.fixture()
def small_home() -> Home:
    return made().home


def test_stored_1_0_scene_loads_as_a_one_room_home():
    scene = load_scene(STORED_1_0)
    assert scene.version == "1.0"
    home = load_home(STORED_1_0)
    assert home.version == HOME_VERSION and home.migrated_from == "1.0"
    assert [r.id for r in home.rooms] == ["room"]
    assert home.rooms[0].scene == scene  # the room is carried over unchanged
    doors = [o for o in scene.room.openings if o.kind == "door"]
    assert len(home.doors) == len(doors) >= 1
    assert home.entrance == doors[0].id and home.doors[0].b == "outside"
    cx, cy = scene.room.opening_center(doors[0])
    assert home.doors[0].center == pytest.approx((cx, cy))
    assert not is_home_file(STORED_1_0)


def test_a_home_round_trips_and_matches_its_schema(tmp_path, small_home):
    import jsonschema

    path = tmp_path / "scene.json"
    path.write_text(dump_home(small_home))
    assert is_home_file(path)
    again = load_home(path)
    assert again == small_home
    assert dump_home(again) == path.read_text()  # canonical: byte-identical
    jsonschema.validate(json.loads(path.read_text()), home_json_schema())


def test_checked_in_home_schema_is_current():
    checked_in = json.loads((ROOT / "schemas" / "home.schema.json").read_text())
    assert checked_in == home_json_schema(), "run: scenegen schema --home -o schemas/home.schema.json"


def test_load_scene_names_a_home_and_points_at_its_rooms(tmp_path, small_home):
    (tmp_path / "scene.json").write_text(dump_home(small_home))
    with pytest.raises(SceneFileError, match=r"version .2.0., a home .*rooms"):
        load_scene(tmp_path)


def test_unknown_version_and_bad_door_are_one_line_errors(tmp_path, small_home):
    raw = json.loads(dump_home(small_home))
    raw["version"] = "3.0"
    (tmp_path / "scene.json").write_text(json.dumps(raw))
    with pytest.raises(SceneFileError, match="reads versions 1.0 .* and 2.0"):
        load_home(tmp_path)
    raw["version"] = HOME_VERSION
    raw["doors"][0]["b"] = "attic"
    (tmp_path / "scene.json").write_text(json.dumps(raw))
    with pytest.raises(SceneFileError, match="unknown room 'attic'") as err:
        load_home(tmp_path)
    assert "\n" not in str(err.value)


def test_migration_of_a_scene_without_doors_has_no_entrance():
    scene = load_scene(STORED_1_0)
    room = scene.room.model_copy(update={"openings": [o for o in scene.room.openings if o.kind != "door"]})
    home = migrate_scene(scene.model_copy(update={"room": room}))
    assert home.doors == [] and home.entrance is None
    assert isinstance(home, Home)


def test_same_seed_gives_a_byte_identical_home():
    from scenegen.home.make import make_home

    a = make_home("a studio apartment", seed=2, planner="rules", density="minimal").home
    b = make_home("a studio apartment", seed=2, planner="rules", density="minimal").home
    assert dump_home(a) == dump_home(b)
