"""Validators on hand-built box scenes: planted faults must be found (recall) and clean layouts must pass (precision).

Geometry conventions from ``scenegen.scene``: metres, z up, floor at z = 0, a box's pose is its bottom centre.
"""

from __future__ import annotations

import json
import math
import time

import pytest

from scenegen.scene import (AssetRef, LayoutPlan, ObjectInstance, PlannedObject, Pose, Provenance, Report, Room, Scene,
                            UnplacedObject)
from validators import validate
from validators.registry import VALIDATORS


def box(oid: str, category: str, x: float, y: float, z: float, w: float, d: float, h: float, yaw: float = 0.0,
        support: str | None = None) -> ObjectInstance:
    """A box object with bottom centre (x, y, z), size (w, d, h) metres, and its world AABB computed from the pose."""
    c, s = math.cos(yaw), math.sin(yaw)
    corners = [(x + c * px - s * py, y + s * px + c * py) for px in (-w / 2, w / 2) for py in (-d / 2, d / 2)]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return ObjectInstance(
        id=oid, category=category,
        asset=AssetRef(backend="box", category=category, seed=0, params={"width": w, "depth": d, "height": h}),
        pose=Pose(position=(x, y, z), yaw=yaw), size=(w, d, h),
        bbox=((min(xs), min(ys), z), (max(xs), max(ys), z + h)), support=support)


def make_scene(objects: list[ObjectInstance], room: Room | None = None, planned: list[PlannedObject] | None = None,
               unplaced: list[UnplacedObject] | None = None) -> Scene:
    room = room or Room.rectangle(4.0, 3.0, 2.7, type="bedroom")
    if planned is None:
        planned = [PlannedObject(id=o.id, category=o.category) for o in objects]
    plan = LayoutPlan(prompt="test room", room=room, objects=planned)
    return Scene(room=room, objects=objects, unplaced=unplaced or [], plan=plan,
                 provenance=Provenance(prompt="test room", seed=0, planner="rules"))


def fails(report: Report, validator: str, check: str | None = None) -> list:
    return [f for f in report.findings if f.validator == validator and f.status == "fail"
            and (check is None or f.check == check)]


def summary(report: Report, check: str):
    (f,) = [f for f in report.findings if f.check == check]
    return f


# Reused furniture: a nightstand 0.5 x 0.4 x 0.55 against the south wall and a lamp 0.3 x 0.3 x 0.5.
NS = dict(w=0.5, d=0.4, h=0.55)


def nightstand(oid: str = "nightstand_1", x: float = 1.0, y: float = 0.2) -> ObjectInstance:
    return box(oid, "nightstand", x, y, 0.0, **NS)


# ----------------------------------------------------------------------------------------------------------------------
# collision
# ----------------------------------------------------------------------------------------------------------------------


def test_overlapping_boxes_collide_and_both_are_named():
    bed = box("bed_1", "bed", 2.0, 1.5, 0.0, 1.6, 2.0, 0.9)
    ns = box("nightstand_2", "nightstand", 2.0 + 0.8 + 0.25 - 0.03, 1.5, 0.0, **NS)  # 3 cm into the bed's side
    report = validate(make_scene([bed, ns]), only=["collision"])
    (f,) = fails(report, "collision", "collision")
    assert f.object_ids == ["bed_1", "nightstand_2"]
    assert "bed_1 and nightstand_2 intersect" in f.message and "3 cm" in f.message
    assert f.evidence["penetration_cm"] == pytest.approx(3.0, abs=0.01)
    assert "move nightstand_2 away from bed_1" in f.fix
    s = summary(report, "collision_rate")
    assert s.status == "fail" and s.score == pytest.approx(0.0)


def test_boxes_touching_face_to_face_do_not_collide():
    bed = box("bed_1", "bed", 2.0, 1.5, 0.0, 1.6, 2.0, 0.9)
    ns = box("nightstand_1", "nightstand", 2.0 + 0.8 + 0.25, 1.5, 0.0, **NS)  # exactly flush with the bed's side
    report = validate(make_scene([bed, ns]), only=["collision"])
    assert fails(report, "collision") == []
    s = summary(report, "collision_rate")
    assert s.score == 1.0 and s.evidence["touching_pairs_checked"] == 1  # fcl saw the contact; the nudge cleared it


def test_shallow_overlap_within_nudge_is_tolerated():
    a = box("nightstand_1", "nightstand", 1.0, 1.0, 0.0, **NS)
    b = box("nightstand_2", "nightstand", 1.0 + 0.5 - 0.003, 1.0, 0.0, **NS)  # 3 mm overlap < 5 mm nudge
    assert fails(validate(make_scene([a, b]), only=["collision"]), "collision") == []


def test_rotated_overlap_collides():
    a = box("nightstand_1", "nightstand", 1.0, 1.0, 0.0, **NS)
    b = box("nightstand_2", "nightstand", 1.3, 1.1, 0.0, **NS, yaw=math.radians(30))
    (f,) = fails(validate(make_scene([a, b]), only=["collision"]), "collision", "collision")
    assert set(f.object_ids) == {"nightstand_1", "nightstand_2"}


def test_lamp_standing_on_nightstand_is_no_collision_and_supported():
    ns = nightstand()
    lamp = box("table_lamp_1", "table_lamp", 1.0, 0.2, 0.55, 0.3, 0.3, 0.5, support="nightstand_1")
    report = validate(make_scene([ns, lamp]), only=["collision", "support"])
    assert fails(report, "collision") == []
    assert fails(report, "support") == []
    assert summary(report, "support_rate").score == 1.0


def test_lamp_sunk_into_nightstand_collides_and_is_sunk():
    ns = nightstand()
    lamp = box("table_lamp_1", "table_lamp", 1.0, 0.2, 0.52, 0.3, 0.3, 0.5, support="nightstand_1")
    report = validate(make_scene([ns, lamp]), only=["collision", "support"])
    assert len(fails(report, "collision", "collision")) == 1
    (f,) = fails(report, "support", "support")
    assert f.evidence["state"] == "sunk" and "sunk 3 cm into nightstand_1" in f.message


# ----------------------------------------------------------------------------------------------------------------------
# support
# ----------------------------------------------------------------------------------------------------------------------


def test_lamp_ten_cm_above_nightstand_floats():
    ns = nightstand()
    lamp = box("table_lamp_1", "table_lamp", 1.0, 0.2, 0.65, 0.3, 0.3, 0.5, support="nightstand_1")
    report = validate(make_scene([ns, lamp]), only=["support"])
    (f,) = fails(report, "support", "support")
    assert f.message == "table_lamp_1 floats 10 cm above nightstand_1"
    assert f.evidence["state"] == "floating" and f.evidence["gap_cm"] == pytest.approx(10.0, abs=0.01)
    assert f.object_ids == ["table_lamp_1", "nightstand_1"] and "lower table_lamp_1 by 10 cm" in f.fix
    s = summary(report, "support_rate")
    assert s.status == "fail" and s.score == pytest.approx(0.5)


def test_box_sunk_into_floor():
    rug = box("rug_1", "rug", 2.0, 1.5, -0.05, 1.0, 1.0, 0.1)
    (f,) = fails(validate(make_scene([rug]), only=["support"]), "support", "support")
    assert f.evidence["state"] == "sunk" and f.evidence["sunk_cm"] == pytest.approx(5.0)
    assert f.message == "rug_1 is sunk 5 cm into the floor" and "raise rug_1 by 5 cm" in f.fix


def test_lamp_overhanging_edge_is_unsupported():
    ns = nightstand()
    # centre 5 cm past the nightstand's east edge: contacts exist, but the centroid is outside their hull
    lamp = box("table_lamp_1", "table_lamp", 1.25 + 0.05, 0.2, 0.55, 0.3, 0.3, 0.5, support="nightstand_1")
    (f,) = fails(validate(make_scene([ns, lamp]), only=["support"]), "support", "support")
    assert f.evidence["state"] == "overhanging" and f.evidence["contacts"] >= 4


def test_floor_objects_and_rotated_objects_are_supported():
    objs = [box("bed_1", "bed", 2.0, 1.5, 0.0, 1.6, 2.0, 0.9, yaw=math.radians(20)),
            box("nightstand_1", "nightstand", 0.4, 0.3, 0.0, **NS)]
    report = validate(make_scene(objs), only=["support"])
    assert fails(report, "support") == []


def test_wall_object_touching_wall_is_supported_and_in_bounds():
    # A painting on the north wall (y = 3): its back (local -y) faces the wall when yaw = pi.
    painting = box("painting_1", "painting", 2.0, 3.0 - 0.02, 1.2, 0.8, 0.04, 0.6, yaw=math.pi, support="wall")
    report = validate(make_scene([painting]), only=["support", "out_of_bounds"])
    assert fails(report, "support") == [] and fails(report, "out_of_bounds") == []


def test_wall_object_off_the_wall_fails():
    painting = box("painting_1", "painting", 2.0, 3.0 - 0.02 - 0.05, 1.2, 0.8, 0.04, 0.6, yaw=math.pi, support="wall")
    (f,) = fails(validate(make_scene([painting]), only=["support"]), "support", "support")
    assert f.message == "painting_1 hangs 5 cm off wall 2" and f.evidence["gap_cm"] == pytest.approx(5.0)


def test_ceiling_object():
    ok = box("light_1", "ceiling_light", 2.0, 1.5, 2.5, 0.4, 0.4, 0.2, support="ceiling")
    low = box("light_2", "ceiling_light", 1.0, 1.5, 2.3, 0.4, 0.4, 0.2, support="ceiling")
    (f,) = fails(validate(make_scene([ok, low]), only=["support"]), "support", "support")
    assert f.object_ids == ["light_2"] and "20 cm below the ceiling" in f.message


# ----------------------------------------------------------------------------------------------------------------------
# out of bounds
# ----------------------------------------------------------------------------------------------------------------------


def test_object_half_outside_wall_is_out_of_bounds():
    wardrobe = box("wardrobe_1", "wardrobe", 4.0, 1.5, 0.0, 1.0, 0.6, 2.0)  # centred on the east wall (x = 4)
    report = validate(make_scene([wardrobe]), only=["out_of_bounds"])
    (f,) = fails(report, "out_of_bounds", "out_of_bounds")
    assert f.object_ids == ["wardrobe_1"]
    assert 0.4 < f.evidence["fraction_outside"] < 0.6 and f.evidence["walls"] == [1]
    assert f.evidence["max_outside_cm"] == pytest.approx(50.0, abs=1.0)
    assert "wardrobe_1 is" in f.message and "outside the room" in f.message and "wall 1" in f.fix
    assert summary(report, "out_of_bounds_rate").score == 0.0


def test_object_inside_touching_wall_is_in_bounds():
    wardrobe = box("wardrobe_1", "wardrobe", 4.0 - 0.3, 1.5, 0.0, 1.0, 0.6, 2.0, yaw=math.pi / 2)  # back on x = 4
    corner = box("nightstand_1", "nightstand", 0.25, 0.2, 0.0, **NS)  # in the south-west corner, touching two walls
    report = validate(make_scene([wardrobe, corner]), only=["out_of_bounds"])
    assert fails(report, "out_of_bounds") == []
    assert summary(report, "out_of_bounds_rate").score == 1.0


def test_object_through_ceiling_is_out_of_bounds():
    tall = box("shelf_1", "bookshelf", 2.0, 1.5, 0.0, 0.8, 0.3, 3.2)
    (f,) = fails(validate(make_scene([tall]), only=["out_of_bounds"]), "out_of_bounds", "out_of_bounds")
    assert f.evidence["above_ceiling_cm"] == pytest.approx(50.0, abs=1.0)


def test_out_of_bounds_in_l_shaped_room():
    room = Room(footprint=[(0, 0), (4, 0), (4, 2), (2, 2), (2, 4), (0, 4)], height=2.7)
    inside = box("nightstand_1", "nightstand", 1.0, 3.0, 0.0, **NS)
    notch = box("nightstand_2", "nightstand", 3.0, 3.0, 0.0, **NS)  # in the cut-out corner
    report = validate(make_scene([inside, notch], room=room), only=["out_of_bounds"])
    assert [f.object_ids for f in fails(report, "out_of_bounds", "out_of_bounds")] == [["nightstand_2"]]


# ----------------------------------------------------------------------------------------------------------------------
# counts
# ----------------------------------------------------------------------------------------------------------------------


def test_counts_mismatch_names_unplaced_objects():
    objs = [box("bed_1", "bed", 2.0, 1.5, 0.0, 1.6, 2.0, 0.9), nightstand()]
    planned = [PlannedObject(id="bed_1", category="bed"), PlannedObject(id="nightstand_1", category="nightstand"),
               PlannedObject(id="nightstand_2", category="nightstand")]
    unplaced = [UnplacedObject(id="nightstand_2", category="nightstand", reason="no free wall space beside bed_1")]
    report = validate(make_scene(objs, planned=planned, unplaced=unplaced), only=["counts"])
    (f,) = fails(report, "counts", "object_count")
    assert f.message == ("asked for 2 nightstand, placed 1: nightstand_2 could not be placed: "
                         "no free wall space beside bed_1")
    assert f.object_ids == ["nightstand_2"] and f.fix
    passes = [f for f in report.findings if f.check == "object_count" and f.status == "pass"]
    assert [f.evidence["category"] for f in passes] == ["bed"]
    s = summary(report, "object_counts")
    assert s.status == "fail" and s.score == pytest.approx(0.5) and s.object_ids == ["nightstand_2"]


def test_counts_extra_object_and_clean_case():
    objs = [nightstand(), nightstand("nightstand_9", x=2.0)]
    planned = [PlannedObject(id="nightstand_1", category="nightstand")]
    (f,) = fails(validate(make_scene(objs, planned=planned), only=["counts"]), "counts", "object_count")
    assert "extra nightstand_9" in f.message
    clean = validate(make_scene(objs), only=["counts"])
    assert clean.passed and summary(clean, "object_counts").score == 1.0


# ----------------------------------------------------------------------------------------------------------------------
# registry, report, determinism
# ----------------------------------------------------------------------------------------------------------------------


def test_unknown_validator_is_one_line_value_error_with_choices():
    with pytest.raises(ValueError) as exc:
        validate(make_scene([nightstand()]), only=["nope"])
    msg = str(exc.value)
    assert "\n" not in msg and "'nope'" in msg
    for name in ("collision", "counts", "out_of_bounds", "support"):
        assert name in msg


def test_registry_names_and_timings():
    assert {"collision", "counts", "out_of_bounds", "support"} <= set(VALIDATORS.names())
    report = validate(make_scene([nightstand()]))
    from validators.registry import default_names

    assert list(report.timings) == default_names()
    assert "vision" in VALIDATORS.names() and "vision" not in default_names()  # opt-in: it loads a model
    assert all(t >= 0 for t in report.timings.values())
    assert report.passed


def test_empty_scene_passes():
    report = validate(make_scene([]))
    assert report.passed and all(f.score == 1.0 for f in report.findings)


def test_every_finding_is_actionable():
    objs = [box("bed_1", "bed", 2.0, 1.5, 0.0, 1.6, 2.0, 0.9),
            box("nightstand_1", "nightstand", 2.9, 1.5, 0.0, **NS),
            box("table_lamp_1", "table_lamp", 2.9, 1.5, 0.7, 0.3, 0.3, 0.5, support="nightstand_1"),
            box("wardrobe_1", "wardrobe", 4.0, 0.5, 0.0, 1.0, 0.6, 2.0)]
    report = validate(make_scene(objs))
    assert not report.passed
    for f in report.findings:
        assert f.validator and f.check and f.message
        if f.status == "fail":
            assert f.fix and f.object_ids and f.evidence


def test_clean_bedroom_passes_everything():
    # head against the north wall, nightstands flanking it facing into the room (their fronts reachable)
    objs = [box("bed_1", "bed", 2.0, 3.0 - 1.0, 0.0, 1.6, 2.0, 0.9, yaw=math.pi),
            box("nightstand_1", "nightstand", 2.0 - 0.8 - 0.25, 3.0 - 0.2, 0.0, **NS, yaw=math.pi),
            box("nightstand_2", "nightstand", 2.0 + 0.8 + 0.25, 3.0 - 0.2, 0.0, **NS, yaw=math.pi),
            box("table_lamp_1", "table_lamp", 0.95, 2.8, 0.55, 0.3, 0.3, 0.5, support="nightstand_1"),
            box("table_lamp_2", "table_lamp", 3.05, 2.8, 0.55, 0.3, 0.3, 0.5, support="nightstand_2"),
            box("painting_1", "painting", 2.0, 0.02, 1.4, 0.8, 0.04, 0.6, support="wall")]
    report = validate(make_scene(objs))
    assert report.passed, [f.message for f in report.findings if f.status == "fail"]


def _ten_object_scene() -> Scene:
    objs = [box("bed_1", "bed", 2.0, 2.0, 0.0, 1.6, 2.0, 0.9),
            box("nightstand_1", "nightstand", 0.95, 2.8, 0.0, **NS),
            box("nightstand_2", "nightstand", 3.05, 2.8, 0.0, **NS),
            box("table_lamp_1", "table_lamp", 0.95, 2.8, 0.55, 0.3, 0.3, 0.5, support="nightstand_1"),
            box("table_lamp_2", "table_lamp", 3.05, 2.8, 0.6, 0.3, 0.3, 0.5, support="nightstand_2"),
            box("desk_1", "desk", 3.5, 0.4, 0.0, 1.2, 0.6, 0.75, yaw=math.radians(10)),
            box("chair_1", "chair", 3.4, 0.9, 0.0, 0.5, 0.5, 0.9),
            box("wardrobe_1", "wardrobe", 0.3, 0.8, 0.0, 1.0, 0.6, 2.0, yaw=math.pi / 2),
            box("rug_1", "rug", 2.0, 1.0, -0.03, 1.5, 1.0, 0.01),
            box("painting_1", "painting", 2.0, 3.0 - 0.02, 1.5, 0.8, 0.04, 0.6, yaw=math.pi, support="wall")]
    return make_scene(objs)


def test_validate_is_deterministic_and_fast():
    scene = _ten_object_scene()
    start = time.perf_counter()
    a = validate(scene)
    elapsed = time.perf_counter() - start
    b = validate(scene)
    dump = lambda r: json.dumps(r.model_dump(mode="json", exclude={"timings"}), sort_keys=True)  # noqa: E731
    assert dump(a) == dump(b)
    assert elapsed < 10.0
    assert fails(a, "support")  # the floating lamp and the sunk rug are planted faults
