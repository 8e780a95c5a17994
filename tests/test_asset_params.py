"""Generator parameters in a scene file are checked against the catalog's declared types and ranges when the file is
loaded and before a mesh is built (issue 20, item 1): a ``pillows`` of 1e9 or "/etc/passwd" ends in one line naming
the object, the parameter and the allowed range, never a hang, a memory blow-up or a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from scenegen import catalog
from scenegen.assets import ASSET_BACKENDS
from scenegen.scene import LayoutPlan, ObjectInstance, PlannedObject, Pose, Provenance, Room, Scene, SceneFileError
from scenegen.scene_files import dump_json, load_scene


def _bed_scene() -> Scene:
    room = Room.rectangle(4.0, 3.5, type="bedroom")
    planned = PlannedObject(id="bed_1", category="bed")
    ref = ASSET_BACKENDS.get("procedural").plan_asset(planned, np.random.default_rng(3))
    w, d, h = (ref.params[k] for k in ("width", "depth", "height"))
    inst = ObjectInstance(id="bed_1", category="bed", asset=ref, pose=Pose(position=(2.0, 1.5, 0.0)),
                          size=(w, d, h), bbox=((2 - w / 2, 1.5 - d / 2, 0.0), (2 + w / 2, 1.5 + d / 2, h)))
    plan = LayoutPlan(prompt="a bedroom with a bed", room=room, objects=[planned])
    return Scene(room=room, objects=[inst], plan=plan, provenance=Provenance(prompt=plan.prompt, seed=3,
                                                                             planner="rules"))


def _write(tmp_path: Path, key: str, value: object) -> Path:
    raw = json.loads(dump_json(_bed_scene()))
    raw["objects"][0]["asset"]["params"][key] = value
    path = tmp_path / "scene.json"
    path.write_text(json.dumps(raw))
    return path


def test_a_planned_scene_passes_the_check(tmp_path: Path) -> None:
    path = tmp_path / "scene.json"
    path.write_text(dump_json(_bed_scene()))
    assert load_scene(path).objects[0].asset.params["pillows"] in (1.0, 2.0)


@pytest.mark.parametrize("value, words", [
    (1e9, "whole number in 1..6"), ("/etc/passwd", "whole number in 1..6"), (2.5, "whole number"), (-1, "1..6"),
])
def test_out_of_range_or_wrong_type_is_one_line_naming_object_parameter_and_range(tmp_path: Path, value: object,
                                                                                    words: str) -> None:
    with pytest.raises(SceneFileError) as info:
        load_scene(_write(tmp_path, "pillows", value))
    message = str(info.value)
    assert "\n" not in message and "'bed_1'" in message and "'pillows'" in message and words in message


def test_undeclared_parameters_and_bad_sizes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SceneFileError, match="'bunks' is not one that 'bed' takes"):
        load_scene(_write(tmp_path, "bunks", 3))
    with pytest.raises(SceneFileError, match=r"'width' is 1000000.0; it must be a number of metres in \(0, 50\]"):
        load_scene(_write(tmp_path, "width", 1e6))
    with pytest.raises(SceneFileError, match="'height' is '2'"):
        load_scene(_write(tmp_path, "height", "2"))


def test_build_checks_before_building() -> None:
    ref = _bed_scene().objects[0].asset.model_copy(update={"params": {"width": 1.6, "depth": 2.0, "height": 0.9,
                                                                      "pillows": 1e9}})
    with pytest.raises(ValueError, match="'pillows' is 1000000000.0; it must be a whole number in 1..6"):
        ASSET_BACKENDS.get("procedural").build(ref)


def test_every_declared_range_is_one_the_planner_stays_inside() -> None:
    """Whatever the planner draws lies inside the declared range, for every category and many sizes."""
    for cat in catalog.CATALOG.values():
        for seed in range(12):
            rng = np.random.default_rng(seed)
            t = seed / 11
            size = tuple(lo + (hi - lo) * t for lo, hi in zip(cat.size_min, cat.size_max))
            params = cat.draw_params(size, rng)
            assert catalog.param_problem(cat.name, {**params, "width": size[0], "depth": size[1],
                                                    "height": size[2]}) is None, (cat.name, params)


def test_cli_validate_refuses_a_runaway_parameter_in_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "pillows", 1e9)
    run = subprocess.run([sys.executable, "-m", "cli.main", "validate", str(path)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "'pillows'" in lines[0] and "1..6" in lines[0], run.stderr
