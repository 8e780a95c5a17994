"""``--profile sceneeval``: SceneEval's own rules, one small fixture per rule where scenegen's default deviates
(issue 20 item 15; the mapping is in docs/sceneeval.md). Each fixture passes under the default and fails under the
profile, with the number that decides it."""
# (fixtures are box scenes from tests/test_validators.py: a 4 x 3 m room, metres, z up)

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from scenegen.scene import AssetRef, Opening, Room
from scenegen.scene_files import dump_json
from tests.test_validators import box, make_scene
from validators import validate
from validators.config import PROFILES, profile_config

SE = profile_config("sceneeval")


def _fails(report, validator: str) -> list:
    return [f for f in report.findings if f.validator == validator and f.status == "fail"]


def test_profiles_are_data_and_unknown_ones_are_refused() -> None:
    assert set(PROFILES) == {"default", "sceneeval"}
    assert SE["support"]["contact_tol"] == 0.005 and SE["opening_clearance"]["door_depth"] == 1.0
    SE["support"]["contact_tol"] = 1.0  # a copy: the profile itself is unchanged
    assert profile_config("sceneeval")["support"]["contact_tol"] == 0.005
    with pytest.raises(ValueError, match="unknown validator profile 'x'; choose from: default, sceneeval"):
        profile_config("x")


def test_support_contact_under_5mm() -> None:
    """A box 7 mm above the floor: a contact for scenegen (<= 1 cm), floating for SceneEval (< 5 mm)."""
    scene = make_scene([box("crate_1", "nightstand", 2.0, 1.5, 0.007, 0.5, 0.4, 0.5)])
    assert _fails(validate(scene, only=["support"]), "support") == []
    (f, _) = _fails(validate(scene, only=["support"], config=profile_config("sceneeval")), "support")
    assert f.evidence["state"] == "floating" and f.evidence["gap_cm"] == pytest.approx(0.7, abs=0.01)


def test_side_table_on_a_rug_edge() -> None:
    """The issue's case: a side table standing 2.4 cm onto a 9 mm rug, the rest of its base 9 mm over the floor."""
    rug = box("rug_1", "rug", 1.0, 1.5, 0.0, 1.6, 1.2, 0.009)  # x 0.2-1.8
    table = box("side_table_1", "side_table", 1.8 + 0.25 - 0.024, 1.5, 0.009, 0.5, 0.5, 0.55, support="rug_1")
    scene = make_scene([rug, table])
    assert [f.object_ids[0] for f in _fails(validate(scene, only=["support"]), "support")] == []
    fails = _fails(validate(scene, only=["support"], config=profile_config("sceneeval")), "support")
    assert fails[0].object_ids[0] == "side_table_1" and fails[0].evidence["state"] == "overhanging"


def _two_footed_microwave(w: float, d: float, h: float, at: tuple[float, float]) -> "trimesh.Trimesh":
    """World mesh of a microwave standing on two feet along its x axis (y = 0 ± 1 cm), with its door and control
    panels as thin slabs on its front (+y): they add surface but little volume (the procedural microwave was built
    so until its feet moved to the corners)."""
    import trimesh

    def slab(lo, hi):
        lo, hi = np.asarray(lo, float), np.asarray(hi, float)
        return trimesh.creation.box(extents=hi - lo, transform=trimesh.transformations.translation_matrix((lo + hi) / 2))

    hw, hd = w / 2, d / 2
    parts = [slab((-hw, -hd, 0.01), (hw, hd - 0.01, h)),
             slab((-hw + 0.03, hd - 0.01, 0.03), (hw - w * 0.3, hd, h - 0.03)),
             slab((hw - w * 0.25, hd - 0.01, 0.03), (hw - 0.03, hd, h - 0.03))]
    parts += [trimesh.creation.cylinder(radius=0.01, height=0.02, transform=trimesh.transformations.translation_matrix(
        (sx * (hw - 0.05), 0.0, 0.01))) for sx in (-1, 1)]
    mesh = trimesh.util.concatenate(parts)
    mesh.apply_translation((at[0], at[1], 0.0))
    return mesh


def test_surface_centroid_rather_than_centre_of_mass(monkeypatch) -> None:
    """A microwave on two feet along its x axis: its centre of mass is over them, its surface centroid (the door side
    has more surface) is not."""
    import scenegen.assets

    w, d, h = 0.5, 0.38, 0.3
    mw = box("microwave_1", "microwave", 2.0, 1.5, 0.0, w, d, h)
    monkeypatch.setattr(scenegen.assets, "world_mesh", lambda inst: _two_footed_microwave(w, d, h, (2.0, 1.5)))
    scene = make_scene([mw])
    assert _fails(validate(scene, only=["support"]), "support") == []
    fails = _fails(validate(scene, only=["support"], config={"support": {"surface_centroid": True}}), "support")
    assert fails and fails[0].evidence["state"] == "overhanging"


def test_rugs_are_obstacles_in_navigability() -> None:
    """A rug across the room's middle: walked over by default; a wall for SceneEval, cutting the door off from the
    larger half."""
    room = Room.rectangle(4.0, 3.0, 2.7, type="bedroom",
                          openings=[Opening(id="door_1", kind="door", wall=0, offset=1.0, width=0.8, height=2.0)])
    rug = box("rug_1", "rug", 2.0, 1.0, 0.0, 4.0, 0.6, 0.01)  # y 0.7-1.3, wall to wall
    scene = make_scene([rug], room=room)
    nav = [f for f in validate(scene, only=["navigability"]).findings if f.check == "navigability"][0]
    assert nav.status == "pass" and nav.score == 1.0
    nav = [f for f in validate(scene, only=["navigability"], config=SE).findings if f.check == "navigability"][0]
    assert nav.status == "fail" and nav.score == pytest.approx(0.81, abs=0.02)  # the half behind the rug is cut off


def test_rugs_block_accessibility_strips() -> None:
    """A wardrobe whose front strip lies on a rug: reachable by default, not for SceneEval."""
    wardrobe = box("wardrobe_1", "wardrobe", 2.0, 0.3, 0.0, 1.0, 0.6, 2.0)  # front faces +y, strip at y 0.65-0.85
    rug = box("rug_1", "rug", 2.0, 1.5, 0.0, 3.6, 1.8, 0.01)  # y 0.6-2.4
    scene = make_scene([wardrobe, rug])
    acc = validate(scene, only=["accessibility"]).findings[-1]
    assert acc.evidence["scores"]["wardrobe_1"] == 1.0
    acc = validate(scene, only=["accessibility"], config=SE).findings[-1]
    assert acc.evidence["scores"]["wardrobe_1"] == 0.0 and acc.evidence["knee_space"] is False


def test_door_clearance_is_one_metre_and_rugs_occlude() -> None:
    room = Room.rectangle(4.0, 3.0, 2.7, type="bedroom",
                          openings=[Opening(id="door_1", kind="door", wall=0, offset=1.0, width=0.8, height=2.0)])
    chest = box("chest_1", "dresser", 1.0, 0.85 + 0.2, 0.0, 0.6, 0.4, 0.8)  # 0.85 m from the door's wall
    scene = make_scene([chest], room=room)
    assert _fails(validate(scene, only=["opening_clearance"]), "opening_clearance") == []
    (f, _) = _fails(validate(scene, only=["opening_clearance"], config=SE), "opening_clearance")
    assert f.evidence["clearance_depth_cm"] == 100.0 and f.evidence["from_wall_cm"] == pytest.approx(85.0)
    mat = make_scene([box("rug_1", "rug", 1.0, 0.5, 0.0, 1.0, 0.6, 0.01)], room=room)
    assert _fails(validate(mat, only=["opening_clearance"]), "opening_clearance") == []
    assert _fails(validate(mat, only=["opening_clearance"], config=SE), "opening_clearance")[0].object_ids == ["rug_1"]


def test_cli_validate_profile_sceneeval(tmp_path: Path) -> None:
    scene = make_scene([box("crate_1", "nightstand", 2.0, 1.5, 0.007, 0.5, 0.4, 0.5)])
    (tmp_path / "scene.json").write_text(dump_json(scene))
    run = [sys.executable, "-m", "cli.main", "validate", str(tmp_path), "--only", "support", "--json"]
    ok = subprocess.run(run, capture_output=True, text=True, timeout=120)
    strict = subprocess.run([*run, "--profile", "sceneeval"], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and strict.returncode == 4, (ok.stderr, strict.stderr)
    bad = subprocess.run([*run, "--profile", "nope"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "unknown validator profile 'nope'" in bad.stderr
