"""The rest of the physical suite on hand-built box scenes: navigability, accessibility, opening clearance, stability
and scale plausibility. Each planted fault must produce exactly the expected findings; clean rooms must pass.

Geometry conventions from ``scenegen.scene``: metres, z up, floor at z = 0, a box's pose is its bottom centre, its
front faces local +y (yaw = pi turns it to face -y). The room is 4 × 3 m unless said otherwise: wall 0 south (y = 0),
1 east, 2 north (y = depth), 3 west; door_1 in the south wall at x 0.3-1.2, window_1 in the north wall at x 0.9-2.1,
sill 0.9 m, top 2.1 m.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from scenegen.scene import Opening, Report, Room
from tests.test_validators import box, make_scene
from validators import validate
from validators.context import ValidationContext

PHYSICAL = ["collision", "support", "out_of_bounds", "stability", "navigability", "accessibility",
            "opening_clearance", "scale_plausibility"]
MINE = ["stability", "navigability", "accessibility", "opening_clearance", "scale_plausibility"]


def room(width: float = 4.0, depth: float = 3.0) -> Room:
    return Room.rectangle(width, depth, 2.7, type="bedroom", openings=[
        Opening(id="door_1", kind="door", wall=0, offset=0.75, width=0.9, height=2.1),
        Opening(id="window_1", kind="window", wall=2, offset=width - 1.5, width=1.2, height=1.2,
                sill=0.9)])


def failing(report: Report) -> list[tuple[str, str, list[str]]]:
    """(validator, check, object ids) of every failing finding, in report order."""
    return [(f.validator, f.check, f.object_ids) for f in report.findings if f.status == "fail"]


def one(report: Report, validator: str, check: str, status: str = "fail"):
    (f,) = [f for f in report.findings if f.validator == validator and f.check == check and f.status == status]
    return f


def summary(report: Report, check: str):
    (f,) = [f for f in report.findings if f.check == check]
    return f


def clean_bedroom() -> list:
    """For a 5 × 3.5 m room (``room(5.0, 3.5)``): bed against the east wall, head to the east; nightstands either side
    facing into the room, a lamp on each; a desk under the window with its chair tucked in; a wardrobe on the west
    wall; a rug; a painting; a ceiling light. Everything placed as a person would."""
    return [
        box("bed_1", "bed", 5.0 - 1.0, 1.75, 0.0, 1.6, 2.0, 0.9, yaw=math.pi / 2),  # x 3-5, y 0.95-2.55; foot west
        box("nightstand_1", "nightstand", 5.0 - 0.2, 1.75 + 0.8 + 0.25, 0.0, 0.5, 0.4, 0.55, yaw=math.pi / 2),
        box("nightstand_2", "nightstand", 5.0 - 0.2, 1.75 - 0.8 - 0.25, 0.0, 0.5, 0.4, 0.55, yaw=math.pi / 2),
        box("table_lamp_1", "table_lamp", 4.8, 2.8, 0.55, 0.3, 0.3, 0.5, support="nightstand_1"),
        box("table_lamp_2", "table_lamp", 4.8, 0.7, 0.55, 0.3, 0.3, 0.5, support="nightstand_2"),
        box("desk_1", "desk", 1.5, 3.5 - 0.3, 0.0, 1.2, 0.6, 0.75, yaw=math.pi),  # under the window, faces south
        box("chair_1", "chair", 1.5, 3.5 - 0.6 - 0.05 - 0.25, 0.0, 0.45, 0.5, 0.88),  # tucked in, faces the desk
        box("wardrobe_1", "wardrobe", 0.3, 1.9, 0.0, 1.2, 0.6, 2.0, yaw=-math.pi / 2),  # x 0-0.6, faces east
        box("rug_1", "rug", 1.5, 1.4, 0.0, 1.2, 0.8, 0.008),
        box("painting_1", "painting", 2.0, 0.02, 1.3, 0.8, 0.04, 0.6, support="wall"),  # south wall, clear of door
        box("ceiling_light_1", "ceiling_light", 2.5, 1.75, 2.5, 0.4, 0.4, 0.2, support="ceiling"),
    ]


def clean_scene():
    return make_scene(clean_bedroom(), room=room(5.0, 3.5))


# ----------------------------------------------------------------------------------------------------------------------
# clean scenes
# ----------------------------------------------------------------------------------------------------------------------


def test_clean_bedroom_passes_the_whole_physical_suite():
    report = validate(clean_scene(), only=PHYSICAL)
    assert failing(report) == []
    assert summary(report, "navigability").score == 1.0
    assert summary(report, "opening_clearance_rate").score == 1.0
    assert summary(report, "stability_rate").score == 1.0
    assert summary(report, "scale_plausibility_rate").score == 1.0
    acc = summary(report, "accessibility_rate")
    assert acc.score > 0.9
    assert acc.evidence["skipped"] == {
        "table_lamp_1": "stands on another object", "table_lamp_2": "stands on another object",
        "rug_1": "flat (walked over)", "painting_1": "wall-mounted", "ceiling_light_1": "ceiling-mounted"}
    nav = summary(report, "navigability")
    assert nav.evidence["doors"] == [{"door": "door_1", "reaches_main": True, "components": [1], "blocked_by": []}]
    assert nav.evidence["free_area_m2"] == pytest.approx(17.5 - 3.2 - 2 * 0.2 - 0.72 - 0.225 - 0.72 - 0.032, abs=0.1)


def test_tucked_chair_is_credited_knee_space_and_strict_sceneeval_is_a_switch():
    """The chair faces the desk by design. With the knee-space rule its front counts; with knee_space=false (the
    strict SceneEval strip) the desk covers the chair's strip and the chair part of the desk's."""
    scene = clean_scene()
    lenient = validate(scene, only=["accessibility"])
    chair = lenient.findings[-1].evidence["scores"]["chair_1"]
    assert chair == 1.0
    assert lenient.findings[-1].evidence["scores"]["desk_1"] == 1.0
    strict = validate(scene, only=["accessibility"], config={"accessibility": {"knee_space": False}})
    f = one(strict, "accessibility", "accessibility")
    assert f.object_ids == ["chair_1", "desk_1"] and f.score == 0.0
    assert f.evidence["best_side"] == "front" and f.evidence["sides"]["front"]["blocked_by"] == ["desk_1"]
    # the desk keeps the part of its front the chair does not stand on
    assert strict.findings[-1].evidence["scores"]["desk_1"] == pytest.approx(1 - 0.45 / 1.2, abs=0.03)


def test_chair_pulled_up_to_a_desk_in_a_walled_off_pocket_gets_no_credit():
    """Knee space needs the seat itself to be reachable: a chair and desk boxed in by wardrobes both fail."""
    objs = [box("desk_1", "desk", 3.4, 2.75, 0.0, 1.0, 0.5, 0.75, yaw=math.pi),
            box("chair_1", "chair", 3.4, 2.2, 0.0, 0.45, 0.5, 0.88),
            *_pocket_walls()]
    report = validate(make_scene(objs, room=room()), only=["accessibility"])
    assert [f.object_ids[0] for f in report.findings if f.check == "accessibility"] == ["desk_1", "chair_1"]


# ----------------------------------------------------------------------------------------------------------------------
# planted faults
# ----------------------------------------------------------------------------------------------------------------------


def test_sofa_across_the_door():
    sofa = box("sofa_1", "sofa", 1.0, 0.5, 0.0, 2.0, 0.9, 0.85)  # x 0-2, y 0.05-0.95: across the door's box
    report = validate(make_scene([sofa], room=room()), only=PHYSICAL)
    assert failing(report) == [
        ("navigability", "door_access", ["sofa_1"]),
        ("navigability", "navigability", ["sofa_1"]),
        ("opening_clearance", "opening_clearance", ["sofa_1"]),
        ("opening_clearance", "opening_clearance_rate", ["sofa_1"]),
    ]
    door = one(report, "navigability", "door_access")
    assert door.message == "door_1 has no room to stand inside it by sofa_1 (robot radius 20 cm)"
    assert door.evidence["reaches_main"] is False and "sofa_1" in door.fix
    nav = summary(report, "navigability")
    assert nav.message == "door_1 cut off" and nav.score > 0.9  # the floor is one area; only the door is cut off
    occ = one(report, "opening_clearance", "opening_clearance")
    assert occ.message == "sofa_1 blocks door_1: it stands 5 cm from the door, inside its 90 cm clearance"
    assert occ.evidence["opening"] == "door_1" and occ.evidence["from_wall_cm"] == pytest.approx(5.0)
    assert occ.evidence["overlap_m2"] == pytest.approx(0.9 * 0.85, abs=1e-3)
    assert occ.fix == "move sofa_1 85 cm further from door_1, or sideways off its 90 cm width"
    assert summary(report, "opening_clearance_rate").score == 0.5  # the window is clear


def test_sofa_in_front_of_the_door_leaving_a_pocket():
    """A sofa and a wardrobe 70 cm into the room, wall to wall: a robot fits inside the door but that strip of floor
    is sealed off."""
    objs = [box("sofa_1", "sofa", 1.2, 0.7 + 0.45, 0.0, 2.4, 0.9, 0.85),  # x 0-2.4, y 0.7-1.6
            box("wardrobe_1", "wardrobe", 3.2, 0.7 + 0.3, 0.0, 1.6, 0.6, 2.0)]  # x 2.4-4.0, y 0.7-1.3
    report = validate(make_scene(objs, room=room()), only=["navigability"])
    door = one(report, "navigability", "door_access")
    assert door.message == ("door_1 opens into a pocket cut off from the rest of the room by sofa_1, wardrobe_1 "
                            "(robot radius 20 cm)")
    assert door.object_ids == ["sofa_1", "wardrobe_1"] and door.evidence["reaches_main"] is False
    assert summary(report, "navigability").status == "fail"


def _pocket_walls() -> list:
    """Two wardrobes sealing off the north-east corner (x 2.8-4, y 1.6-3), their fronts facing the main room."""
    return [box("wardrobe_1", "wardrobe", 3.4, 1.3, 0.0, 1.2, 0.6, 2.0, yaw=math.pi),  # x 2.8-4.0, y 1.0-1.6
            box("wardrobe_2", "wardrobe", 2.5, 2.3, 0.0, 1.4, 0.6, 2.0, yaw=math.pi / 2)]  # x 2.2-2.8, y 1.6-3.0


def test_unreachable_corner_desk():
    desk = box("desk_1", "desk", 3.4, 2.75, 0.0, 1.0, 0.5, 0.75, yaw=math.pi)  # in the pocket, facing into it
    report = validate(make_scene([desk, *_pocket_walls()], room=room()), only=PHYSICAL)
    assert failing(report) == [
        ("accessibility", "accessibility", ["desk_1", "wardrobe_1", "wardrobe_2"]),
        ("accessibility", "accessibility_rate", ["desk_1"]),
    ]
    acc = one(report, "accessibility", "accessibility")
    assert acc.score == 0.0
    assert acc.message == ("desk_1 cannot be reached: only 0% of the floor at its best side (front) is reachable "
                           "(on floor cut off from the rest of the room by wardrobe_1, wardrobe_2)")
    # navigability names the pocket and what seals it (a warning: the room's floor is still 90%+ one area)
    region = one(report, "navigability", "cut_off_region", status="warn")
    assert region.object_ids == ["wardrobe_1", "wardrobe_2", "desk_1"]
    assert "cut off from the rest of the room by wardrobe_1, wardrobe_2; it holds desk_1" in region.message
    nav = summary(report, "navigability")
    (pocket,) = [r for r in nav.evidence["cut_off_regions"] if r["area_m2"] >= 0.1]
    assert pocket["walled_off_by"] == ["wardrobe_1", "wardrobe_2"] and pocket["contains"] == ["desk_1"]
    assert 3.0 < pocket["centre"][0] < 3.8 and 1.6 < pocket["centre"][1] < 2.5
    assert pocket["area_m2"] == pytest.approx((1.2 - 0.4) * (0.9 - 0.4), abs=0.05)  # robot positions in the pocket
    assert 0.9 <= nav.score < 1.0 and nav.status == "pass"


def test_walled_off_half_room_fails_navigability_score():
    """A row of wardrobes wall to wall across the room: the north half is cut off and the score drops below 0.9."""
    objs = [box(f"wardrobe_{k + 1}", "wardrobe", 0.5 + k, 1.5, 0.0, 1.0, 0.6, 2.0, yaw=math.pi) for k in range(4)]
    report = validate(make_scene(objs, room=room()), only=["navigability"])
    nav = summary(report, "navigability")
    assert nav.status == "fail" and 0.4 < nav.score < 0.6  # door side 0-1.2 m vs. window side 1.8-3 m
    assert nav.message.startswith("only ") and "(needs 90%)" in nav.message
    assert nav.message.endswith("is walled off by wardrobe_1, wardrobe_2, wardrobe_3, wardrobe_4")
    region = one(report, "navigability", "cut_off_region", status="warn")
    assert region.object_ids == ["wardrobe_1", "wardrobe_2", "wardrobe_3", "wardrobe_4"]
    assert nav.object_ids == region.object_ids


def test_painting_over_the_window():
    """A wall-mounted painting hung across the window: opening_clearance reports it as hanging where there is no
    wall, and support finds nothing behind it to hang from."""
    painting = box("painting_1", "painting", 1.5, 3.0 - 0.02, 1.2, 0.8, 0.04, 0.6, yaw=math.pi, support="wall")
    report = validate(make_scene([painting], room=room()), only=PHYSICAL)
    assert failing(report) == [
        ("opening_clearance", "opening_clearance", ["painting_1"]),
        ("opening_clearance", "opening_clearance_rate", ["painting_1"]),
        ("support", "support", ["painting_1"]),
        ("support", "support_rate", ["painting_1"]),
    ]
    held = one(report, "support", "support")
    assert held.message == "painting_1 hangs over window_1 on wall 2: there is no wall behind it"
    beside = box("painting_1", "painting", 3.3, 3.0 - 0.02, 1.2, 0.8, 0.04, 0.6, yaw=math.pi, support="wall")
    assert failing(validate(make_scene([beside], room=room()), only=["support"])) == []  # wall behind it
    f = one(report, "opening_clearance", "opening_clearance")
    assert f.message == "painting_1 hangs over window_1: there is no wall behind it there"
    assert f.evidence["mounted_over"] is True and f.evidence["opening"] == "window_1"
    assert f.fix == "move painting_1 along the wall off window_1 (120 cm wide)"


def test_window_is_blocked_only_by_what_rises_above_its_sill():
    low = box("dresser_1", "dresser", 1.5, 3.0 - 0.25, 0.0, 1.2, 0.5, 0.85, yaw=math.pi)  # top 0.85 < sill 0.9
    report = validate(make_scene([low], room=room()), only=["opening_clearance"])
    assert failing(report) == []
    vase = box("vase_1", "vase", 1.5, 2.75, 0.85, 0.15, 0.15, 0.3, support="dresser_1")  # top 1.15 > sill
    tall = box("bookshelf_1", "bookshelf", 2.5, 3.0 - 0.16, 0.0, 0.8, 0.32, 1.8, yaw=math.pi)  # x 2.1-2.9: touches
    report = validate(make_scene([low, vase, tall], room=room()), only=["opening_clearance"])
    assert failing(report) == [("opening_clearance", "opening_clearance", ["vase_1"]),
                               ("opening_clearance", "opening_clearance_rate", ["vase_1"])]
    assert "vase_1 blocks window_1" in one(report, "opening_clearance", "opening_clearance").message


def test_rugs_never_block_a_door():
    rug = box("rug_1", "rug", 0.75, 0.6, 0.0, 1.5, 1.0, 0.008)
    report = validate(make_scene([rug], room=room()), only=["opening_clearance", "navigability"])
    assert failing(report) == []


def test_lamp_half_off_a_nightstand_falls():
    ns = box("nightstand_1", "nightstand", 1.0, 0.2, 0.0, 0.5, 0.4, 0.55)
    lamp = box("table_lamp_1", "table_lamp", 1.25 + 0.08, 0.2, 0.55, 0.3, 0.3, 0.5, support="nightstand_1")
    report = validate(make_scene([ns, lamp], room=room()), only=["stability"])
    assert failing(report) == [("stability", "stability", ["table_lamp_1", "nightstand_1"]),
                               ("stability", "stability_rate", ["table_lamp_1"])]
    f = one(report, "stability", "stability")
    assert f.evidence["displacement_cm"] > 10 and f.evidence["tilt_deg"] > 45
    assert f.message.startswith("table_lamp_1 topples in a 2 s physics settle")
    assert "nightstand_1" in f.fix
    assert summary(report, "stability_rate").score == 0.5
    per = summary(report, "stability_rate").evidence["per_object"]["nightstand_1"]
    assert per["displacement_cm"] < 2 and per["tilt_deg"] < 5


def test_lamp_well_on_a_nightstand_is_stable_and_the_report_is_deterministic():
    ns = box("nightstand_1", "nightstand", 1.0, 0.2, 0.0, 0.5, 0.4, 0.55)
    lamp = box("table_lamp_1", "table_lamp", 1.05, 0.2, 0.55, 0.3, 0.3, 0.5, support="nightstand_1")
    scene = make_scene([ns, lamp], room=room())
    a, b = (validate(scene, only=["stability"]) for _ in range(2))
    assert failing(a) == []
    assert json.dumps(a.model_dump(mode="json", exclude={"timings"}), sort_keys=True) == \
        json.dumps(b.model_dump(mode="json", exclude={"timings"}), sort_keys=True)
    assert summary(a, "stability_rate").evidence["simulated_s"] == pytest.approx(2.0)


def test_tall_thin_pole_on_a_tiny_base_would_tip():
    pole = box("pole_1", "pole", 2.0, 1.5, 0.0, 0.08, 0.08, 2.0)
    pole = pole.model_copy(update={"generic": True})
    report = validate(make_scene([pole], room=room()), only=MINE)
    assert failing(report) == [("stability", "stability", ["pole_1"]),
                               ("stability", "stability_rate", ["pole_1"])]
    f = one(report, "stability", "stability")
    assert f.evidence["tip_angle_deg"] == pytest.approx(math.degrees(math.atan2(0.04, 1.0)), abs=0.05)
    assert f.message == ("pole_1 would tip over at a 2.3° lean (needs at least 3°): its base is too small for its "
                         "height")
    assert summary(report, "scale_plausibility_rate").evidence["skipped_generic"] == ["pole_1"]
    # the threshold is a parameter
    relaxed = validate(make_scene([pole], room=room()), only=["stability"], config={"stability": {"min_tip_deg": 2}})
    assert failing(relaxed) == []


def test_absurdly_big_bed_is_implausible():
    bed = box("bed_1", "bed", 2.5, 2.5, 0.0, 2.0, 4.1, 0.9)
    report = validate(make_scene([bed], room=room(5.0, 5.0)), only=["scale_plausibility"])
    f = one(report, "scale_plausibility", "scale_plausibility")
    assert f.message == "bed_1 is 4.10 m deep; beds are 1.90–2.20 m (allowed 1.52–2.75 m)"
    assert f.object_ids == ["bed_1"] and f.fix == "rescale bed_1 to about 2.05 m deep (a typical bed)"
    assert f.evidence["out_of_band"][0]["ratio"] == pytest.approx(4.1 / 2.2, abs=1e-3)
    assert summary(report, "scale_plausibility_rate").score == 0.0


def test_toy_sized_sofa_and_the_tolerance_parameter():
    sofa = box("sofa_1", "sofa", 2.0, 1.5, 0.0, 0.9, 0.5, 0.4)  # every dimension below its range
    report = validate(make_scene([sofa], room=room()), only=["scale_plausibility"])
    f = one(report, "scale_plausibility", "scale_plausibility")
    assert [o["axis"] for o in f.evidence["out_of_band"]] == ["width", "depth", "height"]
    assert f.message.startswith("sofa_1 is 0.90 m wide; sofas are 1.30–3.20 m")
    lenient = validate(make_scene([sofa], room=room()), only=["scale_plausibility"],
                       config={"scale_plausibility": {"tolerance": 1.0}})
    assert failing(lenient) == []


# ----------------------------------------------------------------------------------------------------------------------
# parameters, shared raster, bench
# ----------------------------------------------------------------------------------------------------------------------


def test_robot_radius_parameter_closes_a_narrow_passage():
    """A 50 cm gap between two wardrobes: a 0.2 m robot passes, a 0.3 m one (PhyScene's) does not."""
    objs = [box("wardrobe_1", "wardrobe", 0.9, 1.5, 0.0, 1.8, 0.6, 2.0),  # x 0-1.8
            box("wardrobe_2", "wardrobe", 2.3 + 0.85, 1.5, 0.0, 1.7, 0.6, 2.0)]  # x 2.3-4.0: a 0.5 m gap
    scene = make_scene(objs, room=room())
    assert summary(validate(scene, only=["navigability"]), "navigability").score == 1.0
    wide = validate(scene, only=["navigability"], config={"navigability": {"robot_radius": 0.3}})
    nav = summary(wide, "navigability")
    assert nav.status == "fail" and nav.evidence["robot_radius_m"] == 0.3 and nav.score < 0.9


def test_free_space_raster_is_built_once_and_shared():
    scene = clean_scene()
    ctx = ValidationContext(scene)
    fs = ctx.free_space(0.2)
    assert ctx.free_space(0.2) is fs and ctx.free_space(0.3) is not fs
    assert fs.free.shape == fs.labels.shape == (180, 256) and fs.res == pytest.approx(5.0 / 256)
    # obstacles: everything whose box centre is below 2 m except the flat rug and the ceiling light
    assert "rug_1" not in fs.obstacle_ids and "ceiling_light_1" not in fs.obstacle_ids
    assert {"bed_1", "desk_1", "painting_1"} <= set(fs.obstacle_ids)
    # a cell under the lamp on nightstand_1 belongs to the nightstand (supported things are painted first)
    row, col, ok = fs.cell_index(np.array([[4.8, 2.8]]))
    assert ok[0] and fs.obstacle_ids[fs.owner[row[0], col[0]]] == "nightstand_1"


def test_bench_validate_structure():
    from scenegen.bench.validate import bench_validate
    from validators.registry import VALIDATORS

    result = bench_validate(runs=1, scene=clean_scene())
    assert result.objects == 11 and result.runs == 1
    assert set(result.shared) == set(result.baseline) == set(VALIDATORS.names())
    assert result.shared_total > 0 and result.baseline_total > 0 and result.ratio > 0
    d = result.to_dict()
    assert {"shared_s", "baseline_s", "shared_total_s", "baseline_total_s", "ratio", "failing"} <= set(d)
    assert all(not f.startswith(tuple(MINE)) for f in result.failing)
    with pytest.raises(ValueError):
        bench_validate(runs=0, scene=make_scene([], room=room()))


@pytest.mark.slow
def test_bench_validate_cli_prints_medians_and_ratio():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "cli.main", "bench", "validate", "--runs", "1", "--json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout[proc.stdout.index("{"):])
    assert out["objects"] == 50 and out["runs"] == 1
    assert set(out["shared_s"]) >= set(MINE)
    assert out["ratio"] > 0
