"""Fault injection on generated scenes: each fault does what it says (geometry), never touches its input, is
deterministic for a seeded generator, and is caught by the validators it is mapped to.

Conventions from ``scenegen.scene``: metres, radians, z up, floor at z = 0.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from scenegen.assets.colours import colour_rgb
from scenegen.geometry import footprint_corners, rects_overlap, rotated_extent
from scenegen.mutate import (EXPECTED, FAULT_KINDS, MIN_SHARED_VOLUME_M3, SCENE_LEVEL, PlantedFault, carried, mutate,
                             posed, shared_volume, support_kind)
from scenegen.pipeline import make
from scenegen.scene import AssetRef, Finding, ObjectInstance, Pose, Report, Scene
from scenegen.scene_files import dump_json
from scenegen.solve.relations import Box, score_relation
from validators import validate
from validators.registry import VALIDATORS

PROMPTS = {
    "bedroom": "a bedroom with a white bed, two nightstands with a lamp on each, a wardrobe and a rug",
    "living": "a living room with a grey sofa, a coffee table in the middle, a tv on a tv stand against the wall and "
              "a floor lamp in the corner",
}


@pytest.fixture(scope="module")
def scenes() -> dict[str, Scene]:
    return {name: make(p, seed=0, validators=[]).scene for name, p in PROMPTS.items()}


def rng(seed: int = 7) -> np.random.Generator:
    return np.random.default_rng(seed)


def quad(o: ObjectInstance) -> np.ndarray:
    x, y, _ = o.pose.position
    return footprint_corners(x, y, o.size[0] / 2, o.size[1] / 2, o.pose.yaw)


def by_id(scene: Scene) -> dict[str, ObjectInstance]:
    return {o.id: o for o in scene.objects}


CASES = [(name, kind) for name in PROMPTS for kind in FAULT_KINDS]


@pytest.mark.parametrize("name, kind", CASES)
def test_input_untouched_output_deterministic_and_bboxes_consistent(scenes, name, kind):
    scene = scenes[name]
    before = dump_json(scene)
    out, planted = mutate(scene, kind, rng())
    assert dump_json(scene) == before
    again, planted_again = mutate(scene, kind, rng())
    assert dump_json(again) == dump_json(out) and planted_again == planted
    assert dump_json(out) != before
    assert planted.kind == kind and planted.validators == list(EXPECTED[kind]) and planted.description
    assert out.plan == scene.plan and out.unplaced == scene.unplaced
    for o in out.objects:  # bbox from pose and size, as the solver computes it
        (x, y, z), (w, d, h) = o.pose.position, o.size
        ex, ey = rotated_extent(w / 2, d / 2, o.pose.yaw)
        np.testing.assert_allclose(np.array(o.bbox), [[x - ex, y - ey, z], [x + ex, y + ey, z + h]], atol=2e-4)
    unchanged = {o.id for o in scene.objects} - set(planted.moved)
    old, new = by_id(scene), by_id(out)
    assert all(new[i] == old[i] for i in unchanged)


def test_different_seeds_can_pick_different_targets(scenes):
    picks = {tuple(mutate(scenes["bedroom"], "float", rng(s))[1].object_ids) for s in range(8)}
    assert len(picks) > 1


# ----------------------------------------------------------------------------------------------------------------------
# what each fault does
# ----------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PROMPTS)
def test_float_lifts_object_and_what_it_carries(scenes, name):
    scene = scenes[name]
    out, f = mutate(scene, "float", rng())
    (oid,) = f.object_ids
    old, new = by_id(scene), by_id(out)
    lift = new[oid].pose.position[2] - old[oid].pose.position[2]
    assert 0.05 <= lift <= 0.30 and lift == pytest.approx(f.params["lift_m"], abs=1e-4)
    assert support_kind(old[oid]) in ("floor", "object")
    assert f.moved == [oid, *carried(scene, oid)]
    for c in f.moved[1:]:
        assert new[c].pose.position[2] - old[c].pose.position[2] == pytest.approx(lift, abs=2e-4)


@pytest.mark.parametrize("name", PROMPTS)
def test_sink_pushes_a_floor_object_into_the_floor(scenes, name):
    out, f = mutate(scenes[name], "sink", rng())
    (oid,) = f.object_ids
    inst = by_id(out)[oid]
    assert by_id(scenes[name])[oid].support is None
    assert -0.10 <= inst.pose.position[2] <= -0.03 and inst.bbox[0][2] < 0
    assert inst.size[2] >= 0.15


@pytest.mark.parametrize("name", PROMPTS)
def test_overlap_pushes_one_object_part_way_into_another(scenes, name):
    out, f = mutate(scenes[name], "overlap", rng())
    a, b = (by_id(out)[i] for i in f.object_ids)
    assert f.params["into"] == b.id
    assert bool(rects_overlap(quad(a)[None], quad(b), margin=0.02)[0])
    za, zb = (a.pose.position[2], a.pose.position[2] + a.size[2]), (b.pose.position[2], b.pose.position[2] + b.size[2])
    assert min(za[1], zb[1]) - max(za[0], zb[0]) > 0.05  # their heights overlap too
    assert shared_volume(a, b) >= MIN_SHARED_VOLUME_M3  # the meshes, not just the boxes, interpenetrate


def cube(oid: str, x: float, y: float, z: float = 0.0, yaw: float = 0.0) -> ObjectInstance:
    """A 1 m box (``box`` asset backend) with bottom centre (x, y, z)."""
    inst = ObjectInstance(id=oid, category="generic", asset=AssetRef(backend="box", category="generic", seed=0,
                          params={"width": 1.0, "depth": 1.0, "height": 1.0}),
                          pose=Pose(), size=(1.0, 1.0, 1.0), bbox=((0.0, 0.0, 0.0), (1.0, 1.0, 1.0)))
    return posed(inst, x, y, z, yaw)


def test_shared_volume_of_boxes():
    assert shared_volume(cube("a", 0.0, 0.0), cube("b", 0.5, 0.0)) == pytest.approx(0.5)
    assert shared_volume(cube("a", 0.0, 0.0), cube("b", 0.5, 0.5, z=0.5)) == pytest.approx(0.125)
    assert shared_volume(cube("a", 0.0, 0.0), cube("b", 1.0, 0.0)) == 0.0  # touching faces share nothing
    turned = shared_volume(cube("a", 0.0, 0.0), cube("b", 0.0, 0.0, yaw=math.pi / 4))
    assert turned == pytest.approx(2 * (math.sqrt(2) - 1), rel=0.05)  # the octagon where a square meets its turn


@pytest.mark.parametrize("name", PROMPTS)
def test_through_wall_leaves_part_of_the_object_outside(scenes, name):
    out, f = mutate(scenes[name], "through_wall", rng())
    inst = by_id(out)[f.object_ids[0]]
    room = out.room
    outside = [not room.contains(float(x), float(y)) for x, y in quad(inst)]
    assert any(outside) and not all(outside)
    (ax, ay), _ = room.wall(f.params["wall"])
    nx, ny = room.wall_normal(f.params["wall"])
    past = -min((x - ax) * nx + (y - ay) * ny for x, y in quad(inst))
    assert past == pytest.approx(f.params["outside_m"], abs=2e-4) and past >= 0.05


@pytest.mark.parametrize("name", PROMPTS)
def test_block_door_puts_a_big_object_in_the_door_clearance_box(scenes, name):
    out, f = mutate(scenes[name], "block_door", rng())
    inst = by_id(out)[f.object_ids[0]]
    room = out.room
    door = next(op for op in room.openings if op.id == f.params["door"])
    ox, oy = room.opening_center(door)
    nx, ny = room.wall_normal(door.wall)
    hw = door.width / 2
    clearance = footprint_corners(ox + nx * hw, oy + ny * hw, hw, hw, math.atan2(*room.wall_direction(door.wall)[::-1]))
    assert bool(rects_overlap(clearance[None], quad(inst), margin=0.05)[0])
    assert inst.size[0] * inst.size[1] >= 0.2
    assert all(room.contains(float(x), float(y)) for x, y in quad(inst))


@pytest.mark.parametrize("name", PROMPTS)
def test_wall_off_corner_cuts_off_a_pocket_of_free_floor(scenes, name):
    out, f = mutate(scenes[name], "wall_off_corner", rng())
    assert len(f.object_ids) == 2 and f.params["free_share"] >= 0.15
    s, t = f.params["pocket_m"]
    assert s >= 0.8 and t >= 0.8
    room = out.room
    assert all(room.contains(float(x), float(y)) for i in f.object_ids for x, y in quad(by_id(out)[i]))


@pytest.mark.parametrize("name", PROMPTS)
def test_drop_removes_from_scene_not_plan(scenes, name):
    scene = scenes[name]
    out, f = mutate(scene, "drop", rng())
    (oid,) = f.object_ids
    assert oid not in by_id(out) and oid in {o.id for o in out.plan.objects}
    assert len(out.objects) == len(scene.objects) - 1 and not carried(scene, oid)


@pytest.mark.parametrize("name", PROMPTS)
def test_swap_relation_breaks_a_satisfied_relation(scenes, name):
    scene = scenes[name]
    out, f = mutate(scene, "swap_relation", rng())
    rel = next(r for r in scene.plan.relations if r.model_dump() == f.params["relation"])
    before = score_relation(rel, {o.id: Box.of(o) for o in scene.objects}, scene.room)
    after = score_relation(rel, {o.id: Box.of(o) for o in out.objects}, out.room)
    assert before > 0.5 >= 0.25 >= after
    assert f.params["score_after"] == pytest.approx(after, abs=1e-4)
    assert rel.subject == f.object_ids[0]


@pytest.mark.parametrize("name", PROMPTS)
def test_recolour_changes_only_the_asset_colour(scenes, name):
    scene = scenes[name]
    out, f = mutate(scene, "recolour", rng())
    (oid,) = f.object_ids
    old, new = by_id(scene)[oid], by_id(out)[oid]
    asked = next(o.attributes.colour for o in scene.plan.objects if o.id == oid)
    assert f.params["asked"] == asked
    assert np.linalg.norm(np.subtract(new.asset.colour, colour_rgb(asked))) >= 0.45
    assert new.model_copy(update={"asset": old.asset}) == old  # pose, size, metadata untouched
    assert new.attributes.colour == asked


# ----------------------------------------------------------------------------------------------------------------------
# the mapped validators catch every fault
# ----------------------------------------------------------------------------------------------------------------------

CATCH_CASES = [(name, kind, v) for name, kind in CASES for v in EXPECTED[kind]]


@pytest.mark.parametrize("name, kind, validator", CATCH_CASES)
def test_mapped_validator_catches_the_fault(scenes, name, kind, validator):
    if validator not in VALIDATORS.names():
        pytest.skip(f"validator {validator!r} is not registered yet")
    scene = scenes[name]
    clean = validate(scene, only=[validator])
    assert clean.passed, [f.message for f in clean.findings if f.status == "fail"]
    out, planted = mutate(scene, kind, rng())
    assert planted.caught_by(validate(out, only=[validator]), validator), planted.description


def test_every_mapped_validator_is_registered():
    missing = sorted({v for vs in EXPECTED.values() for v in vs} - set(VALIDATORS.names()))
    assert missing == []


def test_caught_by_needs_a_fail_naming_the_objects_except_scene_level():
    planted = PlantedFault(kind="float", object_ids=["lamp_1"], validators=["support"])
    other = Finding(validator="support", check="support", status="fail", message="x", object_ids=["bed_1"])
    named = other.model_copy(update={"object_ids": ["lamp_1", "nightstand_1"]})
    warn = named.model_copy(update={"status": "warn"})
    assert not planted.caught_by(Report(findings=[other, warn]), "support")
    assert planted.caught_by(Report(findings=[other, named]), "support")
    assert not planted.caught_by(Report(findings=[named]), "stability")
    assert "navigability" in SCENE_LEVEL
    nav = Finding(validator="navigability", check="navigability", status="fail", message="x")
    assert planted.caught_by(Report(findings=[nav]), "navigability")


def test_caught_by_checks_the_broken_relation_itself():
    planted = PlantedFault(kind="swap_relation", object_ids=["nightstand_1", "bed_1"], validators=["relations"],
                           match={"relations": {"kind": "next_to", "subject": "nightstand_1"}})
    other = Finding(validator="relations", check="relation", status="fail", message="x",
                    object_ids=["lamp_1", "nightstand_1"], evidence={"kind": "on_top", "subject": "lamp_1"})
    right = other.model_copy(update={"object_ids": ["nightstand_1", "bed_1"],
                                     "evidence": {"kind": "next_to", "subject": "nightstand_1", "score": 0.1}})
    assert not planted.caught_by(Report(findings=[other]), "relations")
    assert planted.caught_by(Report(findings=[other, right]), "relations")


# ----------------------------------------------------------------------------------------------------------------------
# errors
# ----------------------------------------------------------------------------------------------------------------------


def test_unknown_kind_is_a_one_line_error_listing_kinds(scenes):
    with pytest.raises(ValueError) as exc:
        mutate(scenes["bedroom"], "explode", rng())
    msg = str(exc.value)
    assert "\n" not in msg and "'explode'" in msg and all(k in msg for k in FAULT_KINDS)


def test_no_eligible_target_is_a_one_line_error(scenes):
    scene = scenes["bedroom"]
    plain = scene.model_copy(update={"plan": scene.plan.model_copy(update={"objects": [
        o.model_copy(update={"attributes": o.attributes.model_copy(update={"colour": None})})
        for o in scene.plan.objects]})})
    with pytest.raises(ValueError, match=r"^cannot plant 'recolour': no placed object whose plan asks a known colour$"):
        mutate(plain, "recolour", rng())
    no_door = scene.model_copy(update={"room": scene.room.model_copy(update={"openings": [
        op for op in scene.room.openings if op.kind != "door"]})})
    with pytest.raises(ValueError, match="^cannot plant 'block_door': the room has no door$"):
        mutate(no_door, "block_door", rng())
    empty = scene.model_copy(update={"objects": []})
    for kind in FAULT_KINDS:
        with pytest.raises(ValueError, match=f"^cannot plant '{kind}'"):
            mutate(empty, kind, rng())
