"""The solver's search (dense, stacked, L-shaped and door-heavy rooms), its infeasibility explanations and the repair
loop, on box assets of catalog sizes (exact geometry, no mesh generator involved)."""

import math

import numpy as np
import pytest

from scenegen.assets import plan_asset
from scenegen.bench.grid_dfs import grid_dfs_solve
from scenegen.bench.plans import generated_plan
from scenegen.bench.solve import bench_solve, box_collisions
from scenegen.geometry import rects_overlap
from scenegen.rng import stage_rng
from scenegen.scene import Finding, LayoutPlan, Opening, PlannedObject, Relation, Report, Room
from scenegen.solve import RepairHints, solve
from scenegen.solve.explain import explain_conflicts
from scenegen.solve.relations import Box, score_relation
from scenegen.solve.repair import repair_hints
from scenegen.solve.solver import MOVE_MIN

DOOR = Opening(id="door_1", kind="door", wall=0, offset=0.6, width=0.9, height=2.1)


def _plan(objects, relations=(), room=None):
    room = room or Room.rectangle(4.0, 3.5, type="bedroom", openings=[DOOR])
    objs = [PlannedObject(id=i, category=c) for i, c in objects]
    return LayoutPlan(prompt="test", room=room, objects=objs, relations=[Relation(**r) for r in relations])


def _assets(plan):
    refs = {o.id: plan_asset(o, stage_rng(0, o.id), backend="box") for o in plan.objects}
    sizes = {k: tuple(r.params[x] for x in ("width", "depth", "height")) for k, r in refs.items()}
    return refs, sizes


def _solve(plan, seed=0, hints=None):
    refs, sizes = _assets(plan)
    return solve(plan, refs, sizes, stage_rng(seed, "solve"), hints)


def _boxes(result):
    return {o.id: Box.of(o) for o in result.objects}


# ---------------------------------------------------------------------------------------------------------- search


@pytest.mark.parametrize("seed", range(4))
def test_thirty_objects_in_five_by_four_metres(seed):
    bp = generated_plan(30, seed)
    assert bp.plan.room.bounds == ((0.0, 0.0), (5.0, 4.0)) and len(bp.plan.objects) == 30
    result = solve(bp.plan, bp.refs, bp.sizes, stage_rng(seed, "solve"))
    assert result.unplaced == []
    assert box_collisions(_boxes(result)) == []
    assert result.relation_satisfaction >= 0.95


def test_dense_room_solves_where_the_grid_baseline_drops_objects():
    """The same 60-object plan: the baseline drops objects (Holodeck's behaviour), scenegen places all of them."""
    bp = generated_plan(60, 4)
    _, dropped = grid_dfs_solve(bp.plan, bp.sizes, 4)
    ours = solve(bp.plan, bp.refs, bp.sizes, stage_rng(4, "solve"))
    assert dropped and ours.unplaced == []
    assert box_collisions(_boxes(ours)) == []


def test_several_books_share_a_shelf_turned_to_fit():
    plan = _plan([("shelf_1", "bookshelf"), ("books_1", "books"), ("books_2", "books"), ("books_3", "books")],
                 [dict(kind="on_top", subject=f"books_{i}", target="shelf_1") for i in (1, 2, 3)])
    refs, sizes = _assets(plan)
    sizes["shelf_1"] = (0.9, 0.25, 1.8)  # shallower than a book is deep: each must turn a quarter
    result = solve(plan, refs, sizes, stage_rng(0, "solve"))
    assert result.unplaced == []
    boxes = _boxes(result)
    shelf = boxes["shelf_1"]
    for i in (1, 2, 3):
        b = boxes[f"books_{i}"]
        assert b.support == "shelf_1" and b.z == pytest.approx(shelf.top, abs=1e-3)
        assert abs(math.cos(b.yaw - shelf.yaw)) < 1e-6  # turned 90° against the shelf
        assert score_relation(Relation(kind="on_top", subject=b.id, target="shelf_1"), boxes, plan.room) == 1.0
    assert box_collisions(boxes) == []


def test_l_shaped_room_with_doors_on_several_walls():
    room = Room(type="living_room", footprint=[(0, 0), (6, 0), (6, 3), (3, 3), (3, 5), (0, 5)], height=2.7,
                openings=[Opening(id="door_1", kind="door", wall=0, offset=1.0, width=0.9, height=2.1),
                          Opening(id="door_2", kind="door", wall=1, offset=1.5, width=0.9, height=2.1),
                          Opening(id="door_3", kind="door", wall=4, offset=1.0, width=0.9, height=2.1),
                          Opening(id="window_1", kind="window", wall=3, offset=1.0, width=1.2, height=1.2, sill=0.9)])
    plan = _plan([("sofa_1", "sofa"), ("coffee_table_1", "coffee_table"), ("tv_stand_1", "tv_stand"),
                  ("bookshelf_1", "bookshelf"), ("armchair_1", "armchair"), ("plant_1", "plant"),
                  ("desk_1", "desk"), ("office_chair_1", "office_chair")],
                 [dict(kind="in_front_of", subject="coffee_table_1", target="sofa_1"),
                  dict(kind="across_from", subject="tv_stand_1", target="sofa_1"),
                  dict(kind="corner", subject="plant_1", target="room")], room=room)
    result = _solve(plan)
    assert result.unplaced == []
    boxes = _boxes(result)
    assert box_collisions(boxes) == []
    corners = np.stack([b.corners for b in boxes.values()])
    from scenegen.geometry import rects_inside_polygon

    assert rects_inside_polygon(np.asarray(room.footprint, dtype=float), corners).all()
    for op in room.openings:
        if op.kind != "door":
            continue
        cx, cy = room.opening_center(op)
        nx, ny = room.wall_normal(op.wall)
        from scenegen.geometry import footprint_corners, yaw_facing

        zone = footprint_corners(cx + nx * 0.45, cy + ny * 0.45, 0.45, 0.45, yaw_facing((nx, ny)))
        assert not rects_overlap(corners, zone, margin=1e-3).any(), op.id
    assert result.relation_satisfaction == 1.0


def test_furniture_makes_way_for_a_whiteboard():
    """Wardrobes and bookshelves first cover every free stretch of wall; the solver moves one to hang the board."""
    room = Room.rectangle(3.4, 3.0, type="office", openings=[DOOR])
    plan = _plan([("wardrobe_1", "wardrobe"), ("wardrobe_2", "wardrobe"), ("bookshelf_1", "bookshelf"),
                  ("bookshelf_2", "bookshelf"), ("bookshelf_3", "bookshelf"), ("whiteboard_1", "whiteboard")],
                 [dict(kind="on_wall", subject="whiteboard_1", target="wall")], room=room)
    result = _solve(plan)
    assert result.unplaced == []
    assert box_collisions(_boxes(result)) == []


def test_same_seed_same_layout():
    bp = generated_plan(15, 3)
    a = solve(bp.plan, bp.refs, bp.sizes, stage_rng(3, "solve"))
    b = solve(bp.plan, bp.refs, bp.sizes, stage_rng(3, "solve"))
    assert [o.model_dump() for o in a.objects] == [o.model_dump() for o in b.objects]


def test_bench_reports_both_solvers_on_the_same_plans():
    rows, runs = bench_solve(counts=(5,), plans=2)
    assert [(r.solver, r.n_objects, r.plans) for r in rows] == [("scenegen", 5, 2), ("grid_dfs", 5, 2)]
    assert {(r.solver, r.seed) for r in runs} == {(s, k) for s in ("scenegen", "grid_dfs") for k in (0, 1)}
    assert rows[0].success_rate == 1.0 and rows[0].relation_satisfaction == 1.0


def test_box_collisions_counts_interpenetration_not_resting_contact():
    table = Box("table", 1.0, 1.0, 0.0, 0.0, 1.0, 0.6, 0.75)
    lamp = Box("lamp", 0.8, 1.0, 0.75, 0.0, 0.3, 0.3, 0.5, "table")
    chair = Box("chair", 1.3, 1.0, 0.0, 0.0, 0.5, 0.5, 0.9)
    assert box_collisions({"table": table, "lamp": lamp}) == []
    assert box_collisions({"table": table, "lamp": lamp, "chair": chair}) == [("chair", "table")]


# ---------------------------------------------------------------------------------------------------- explanations


def test_too_big_on_its_own_is_said_so():
    plan = _plan([("bed_1", "bed")], room=Room.rectangle(2.6, 2.4, openings=[DOOR]))
    refs, sizes = _assets(plan)
    result = solve(plan, refs, sizes, stage_rng(0, "solve"))
    (conflict,) = explain_conflicts(plan, refs, sizes, result)
    assert conflict.kind == "unplaced" and conflict.objects == ["bed_1"] and conflict.minimal
    # the bed's 1.60×2.05 m footprint is inside the 2.6×2.4 m outline: the message must not claim it is larger
    w, d, _ = sizes["bed_1"]
    assert max(w, d) <= 2.6 and min(w, d) <= 2.4
    assert conflict.message.startswith("bed_1 (1.60×2.05 m) fits inside the 2.6×2.4 m room")
    assert "finds no spot on the floor, with the door clear" in conflict.message
    assert "even with nothing else in the room" in conflict.message


def test_larger_than_the_room_is_said_only_when_it_is():
    plan = _plan([("bed_1", "bed")], room=Room.rectangle(1.9, 1.5, openings=[DOOR]))
    refs, sizes = _assets(plan)
    (conflict,) = explain_conflicts(plan, refs, sizes, solve(plan, refs, sizes, stage_rng(0, "solve")))
    w, d, _ = sizes["bed_1"]
    assert max(w, d) > 1.9  # the geometry behind the words
    assert conflict.message == ("bed_1 (1.60×2.05 m) is larger than the 1.9×1.5 m room (2.8 m²) itself: choose a "
                                "smaller bed or a larger room")


def test_a_relation_in_the_way_is_named_not_the_room():
    """The issue's false explanation: an object that fits the room was said not to fit 'even on its own' when the
    cause was an impossible relation."""
    plan = _plan([("bed_1", "bed")], [dict(kind="hang_from_ceiling", subject="bed_1", target="ceiling")],
                 room=Room.rectangle(3.0, 2.6, openings=[DOOR]))
    refs, sizes = _assets(plan)
    (conflict,) = explain_conflicts(plan, refs, sizes, solve(plan, refs, sizes, stage_rng(0, "solve")))
    assert conflict.relations == [0] and "even on its own" not in conflict.message
    assert conflict.message == ("bed_1 (1.60×2.05 m) fits in the 3.0×2.6 m room (7.8 m²) on its own, but not with "
                                "'bed_1 hang from ceiling': drop or change that relation")
    without = _plan([("bed_1", "bed")], room=Room.rectangle(3.0, 2.6, openings=[DOOR]))
    assert _solve(without).unplaced == []  # the claim "fits on its own" holds


def test_a_top_too_small_is_measured():
    plan = _plan([("tv_1", "tv"), ("nightstand_1", "nightstand")],
                 [dict(kind="on_top", subject="tv_1", target="nightstand_1")])
    refs, sizes = _assets(plan)
    result = solve(plan, refs, sizes, stage_rng(0, "solve"))
    assert [u.id for u in result.unplaced] == ["tv_1"]
    (conflict,) = explain_conflicts(plan, refs, sizes, result)
    assert sizes["tv_1"][0] > sizes["nightstand_1"][0]
    assert conflict.message == ("tv_1 (1.25×0.25 m) is larger than the top of nightstand_1 (0.50×0.40 m), even with "
                                "nothing else on it: choose a larger nightstand or put it elsewhere")


def test_two_relations_that_cannot_hold_together_are_both_named():
    window = Opening(id="window_1", kind="window", wall=2, offset=2.0, width=1.2, height=1.2, sill=0.9)
    plan = _plan([("chair_1", "chair")], [dict(kind="next_to_door", subject="chair_1", target="door"),
                                          dict(kind="next_to_window", subject="chair_1", target="window")],
                 room=Room.rectangle(5.0, 7.0, openings=[DOOR, window]))
    refs, sizes = _assets(plan)
    result = solve(plan, refs, sizes, stage_rng(0, "solve"))
    boxes = _boxes(result)
    met = [score_relation(r, boxes, plan.room) > 0.5 for r in plan.relations]
    assert met.count(False) == 1  # the door and the window are 7 m apart: one of the two is unmet
    (conflict,) = explain_conflicts(plan, refs, sizes, result)
    assert conflict.kind == "relation" and sorted(conflict.relations) == [0, 1]
    assert "cannot be met together with" in conflict.message
    assert "'chair_1 next to door'" in conflict.message and "'chair_1 next to window'" in conflict.message


def test_conflicting_objects_are_named_and_bystanders_are_not():
    plan = _plan([("plant_1", "plant"), ("sofa_1", "sofa"), ("bed_1", "bed"), ("trash_can_1", "trash_can")],
                 room=Room.rectangle(3.0, 2.4, openings=[DOOR]))
    refs, sizes = _assets(plan)
    result = solve(plan, refs, sizes, stage_rng(0, "solve"))
    assert [u.id for u in result.unplaced] == ["sofa_1"]
    (conflict,) = explain_conflicts(plan, refs, sizes, result)
    assert conflict.objects == ["sofa_1", "bed_1"] and conflict.minimal
    assert conflict.message.startswith("sofa_1 (2.10×0.90 m) and bed_1 (1.60×2.05 m) cannot both stand in the "
                                       "3.0×2.4 m room")
    assert "with the door clear" in conflict.message


def test_an_impossible_relation_is_explained():
    plan = _plan([("sofa_1", "sofa"), ("tv_stand_1", "tv_stand")],
                 [dict(kind="far", subject="tv_stand_1", target="sofa_1")], room=Room.rectangle(3.0, 3.0))
    refs, sizes = _assets(plan)
    result = solve(plan, refs, sizes, stage_rng(0, "solve"))
    (conflict,) = explain_conflicts(plan, refs, sizes, result)
    assert conflict.kind == "relation" and conflict.relations == [0]
    assert "'tv_stand_1 far sofa_1' cannot be met in the 3.0×3.0 m room" in conflict.message


def test_explanations_stop_at_their_deadline():
    bp = generated_plan(60, 1, room_scale=0.6)
    result = solve(bp.plan, bp.refs, bp.sizes, stage_rng(1, "solve"))
    assert result.unplaced
    conflicts = explain_conflicts(bp.plan, bp.refs, bp.sizes, result, budget_s=0.0)
    assert len(conflicts) >= len(result.unplaced)
    assert all(not c.minimal and "not narrowed down" in c.message for c in conflicts if c.kind == "unplaced")


# ------------------------------------------------------------------------------------------------------ repair loop


BEDROOM = _plan([("bed_1", "bed"), ("nightstand_1", "nightstand"), ("desk_1", "desk"), ("chair_1", "chair"),
                 ("table_lamp_1", "table_lamp")],
                [dict(kind="next_to", subject="nightstand_1", target="bed_1"),
                 dict(kind="on_top", subject="table_lamp_1", target="nightstand_1")],
                room=Room.rectangle(4.0, 3.5, type="bedroom", openings=[
                    DOOR, Opening(id="window_1", kind="window", wall=2, offset=2.0, width=1.2, height=1.2,
                                  sill=0.9)]))


def _scene(result, plan):
    from scenegen.scene import Provenance, Scene

    return Scene(room=plan.room, objects=result.objects, unplaced=result.unplaced, plan=plan,
                 provenance=Provenance(prompt="test", seed=0, planner="rules"))


def _fail(validator, ids, check=None, **evidence):
    return Finding(validator=validator, check=check or validator, status="fail", message="planted", object_ids=ids,
                   evidence=evidence)


def test_a_collision_moves_the_smaller_object_and_keeps_the_larger():
    first = _solve(BEDROOM)
    scene = _scene(first, BEDROOM)
    hints, words = repair_hints(scene, Report(findings=[_fail("collision", ["bed_1", "desk_1"])]))
    assert set(hints.avoid) == {"desk_1"} and words == ["move desk_1 (it intersects bed_1)"]
    second = _solve(BEDROOM, hints=hints)
    a, b = _boxes(first)["desk_1"], _boxes(second)["desk_1"]
    assert math.hypot(a.cx - b.cx, a.cy - b.cy) >= MOVE_MIN or abs(math.sin(a.yaw - b.yaw)) > 0.09
    assert _boxes(first)["bed_1"] == _boxes(second)["bed_1"]


def test_each_finding_kind_becomes_its_constraint():
    scene = _scene(_solve(BEDROOM), BEDROOM)
    report = Report(findings=[
        _fail("opening_clearance", ["desk_1"], opening="window_1"),
        _fail("accessibility", ["nightstand_1"]),
        _fail("accessibility", ["nightstand_1", "desk_1"], check="accessibility_rate"),  # summaries act on nothing
        _fail("support", ["table_lamp_1"]),
        _fail("relations", ["nightstand_1", "bed_1"], check="relation", index=0),
        _fail("attributes", ["bed_1"]),  # not a placement problem
    ])
    hints, words = repair_hints(scene, report)
    assert hints.clear_openings == {"desk_1"}
    assert hints.clear_front == {"nightstand_1"}
    assert set(hints.avoid) == {"desk_1", "nightstand_1", "table_lamp_1"}
    assert hints.relation_weight == {0: 3.0} and hints.first == {"nightstand_1"}
    assert len(words) == 4
    again, _ = repair_hints(scene, report, hints)
    assert again.relation_weight == {0: 9.0} and hints.relation_weight == {0: 3.0}  # extended, never mutated


def test_kept_out_of_openings_means_every_opening_whatever_the_height():
    plan = _plan([("desk_1", "desk")], [dict(kind="next_to_window", subject="desk_1", target="window")],
                 room=BEDROOM.room)
    free = _boxes(_solve(plan))["desk_1"]
    window_zone_y = 3.5 - 0.5
    assert free.corners[:, 1].max() > window_zone_y  # a desk lower than the sill stands at the window
    kept = _boxes(_solve(plan, hints=RepairHints(clear_openings={"desk_1"})))["desk_1"]
    from scenegen.geometry import footprint_corners

    zone = footprint_corners(2.0, 3.5 - 0.25, 0.65, 0.25, 0.0)
    assert not rects_overlap(kept.corners[None], zone, margin=1e-3)[0]


def test_pipeline_repairs_a_planted_fault_and_reports_each_round(monkeypatch):
    """Round 1's scene gets a planted fault (a lamp floating 20 cm over its nightstand); the support check fails, the
    loop moves the lamp and solves again, and the report lists both rounds."""
    import scenegen.pipeline as pipeline

    real = pipeline.solve_scene

    def planted(*args, **kw):
        scene = real(*args, **kw)
        if kw.get("attempt", 0) == 0:
            objects = [o.model_copy(update={"pose": o.pose.model_copy(update={"position": (
                o.pose.position[0], o.pose.position[1], o.pose.position[2] + 0.2)})}) if o.category == "table_lamp"
                else o for o in scene.objects]
            scene = scene.model_copy(update={"objects": objects})
        return scene

    monkeypatch.setattr(pipeline, "solve_scene", planted)
    result = pipeline.make("a bedroom with a bed and a nightstand with a table lamp on it", seed=0)
    first, second = result.report.attempts[:2]
    assert not first.passed and any(f.startswith("support.") for f in first.failures)
    assert any(r.startswith("move table_lamp_1") for r in first.repairs)
    assert second.passed and result.report.passed and len(result.report.attempts) == 2


def test_an_object_the_judge_cannot_see_is_moved():
    scene = _scene(_solve(BEDROOM), BEDROOM)
    report = Report(findings=[_fail("vision", ["desk_1"], check="hidden"), _fail("vision", ["bed_1"], check="colour")])
    hints, words = repair_hints(scene, report)
    assert set(hints.avoid) == {"desk_1"} and words == ["move desk_1 (the judge cannot see it in any view)"]
