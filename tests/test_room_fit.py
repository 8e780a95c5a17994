"""A room the prompt did not size grows until its 'far' relations can hold (SceneEval's far: centres over 4 m)."""

from __future__ import annotations

import math

from scenegen.design.room_fit import FAR_SLACK, far_reach, fit_far_relations, scale_room
from scenegen.pipeline import make
from scenegen.plan import plan as make_plan
from scenegen.scene import LayoutPlan, PlannedObject, Relation, Room
from scenegen.thresholds import FAR_MIN_CENTRE


def _plan(w: float, d: float, relations: list[Relation], prompt: str = "x") -> LayoutPlan:
    room = Room(type="living_room", footprint=[(0, 0), (w, 0), (w, d), (0, d)])
    objects = [PlannedObject(id="sofa_1", category="sofa"), PlannedObject(id="tv_stand_1", category="tv_stand")]
    return LayoutPlan(prompt=prompt, room=room, objects=objects, relations=relations)


def test_far_reach_is_corner_to_corner_or_middle_to_corner() -> None:
    far = Relation(kind="far", subject="tv_stand_1", target="sofa_1")
    p = _plan(6.0, 5.0, [far])
    # tv stand 1.6 x 0.4, sofa 2.1 x 0.9 (catalog typical): the best turn of each into opposite corners
    reach = far_reach(p, p.room, "tv_stand_1", "sofa_1")
    assert math.isclose(reach, max(math.hypot(6 - a - b, 5 - c - e) for a, c in ((0.8, 0.2), (0.2, 0.8))
                                   for b, e in ((1.05, 0.45), (0.45, 1.05))), rel_tol=1e-3)
    mid = _plan(6.0, 5.0, [far, Relation(kind="middle_of_room", subject="sofa_1", target="room")])
    assert math.isclose(far_reach(mid, mid.room, "tv_stand_1", "sofa_1"), math.hypot(3 - 0.2, 2.5 - 0.8), rel_tol=1e-3)


def test_a_far_relation_grows_a_room_the_prompt_did_not_size() -> None:
    far = Relation(kind="far", subject="tv_stand_1", target="sofa_1")
    mid = Relation(kind="middle_of_room", subject="sofa_1", target="room")
    grown = fit_far_relations(_plan(4.0, 3.5, [far, mid]))
    assert far_reach(grown, grown.room, "tv_stand_1", "sofa_1") >= FAR_MIN_CENTRE + FAR_SLACK
    assert grown.room.area > 4.0 * 3.5 and "enlarged" in grown.notes[-1]
    sized = _plan(4.0, 3.5, [far, mid], prompt="a 4 x 3.5 m living room")
    assert fit_far_relations(sized) is sized  # the prompt's own size wins; the relation is then explained
    roomy = _plan(9.0, 8.0, [far, mid])
    assert fit_far_relations(roomy) is roomy


def test_scale_room_keeps_openings_on_their_walls() -> None:
    room = make_plan("a bedroom with a bed", planner="rules").room
    big = scale_room(room, 1.5)
    assert math.isclose(big.area, room.area * 2.25, rel_tol=0.01)
    for a, b in zip(room.openings, big.openings):
        assert a.wall == b.wall and a.width == b.width and b.offset <= big.wall_length(b.wall) - b.width / 2


def test_make_meets_a_far_relation_in_the_middle_of_the_room() -> None:
    """A public prompt in Holodeck's constraint style: the coffee table in the middle and the TV stand far from it
    could not both hold in the 4.9 x 4.1 m room."""
    result = make("sofa against the wall; coffee table in the middle of the room; tv stand far from the coffee table",
                  seed=0, planner="rules")
    assert result.exit_code == 0
    assert any("enlarged" in n for n in result.scene.plan.notes)


def test_a_room_grows_until_each_asked_object_stands_in_it_alone() -> None:
    """'tiny' made a 1.8 x 1.8 m bathroom where the shower had no spot with the door clear and room in front to
    step in, even alone; the room now grows until it has one, and says so."""
    result = make("a tiny bathroom with a shower, a toilet and a sink", seed=0, planner="rules")
    assert result.exit_code == 0 and not result.scene.unplaced
    assert result.scene.room.area > 1.8 * 1.8 + 0.5
    assert any("enlarged from 1.8×1.8 m" in n for n in result.scene.plan.notes)


def test_a_room_whose_size_the_prompt_gave_is_kept_and_the_misfit_explained() -> None:
    result = make("a 1.8 x 1.8 m bathroom with a shower, a toilet and a sink", seed=0, planner="rules")
    (x0, y0), (x1, y1) = result.scene.room.bounds
    assert math.isclose(x1 - x0, 1.8, abs_tol=0.01) and math.isclose(y1 - y0, 1.8, abs_tol=0.01)
    assert [u.id for u in result.scene.unplaced] == ["shower_1"]  # explained as what it is: a size problem
    assert "even with nothing else in the room" in result.scene.unplaced[0].reason
    assert not any("enlarged" in n for n in result.scene.plan.notes)
