"""The design stage keeps what the prompt states (issue 18, "the prompt always wins"): each case here was an explicit
prompt whose stated relation held at --density minimal and broke at normal."""

from __future__ import annotations

import numpy as np
import pytest

from scenegen.design import complete, is_added
from scenegen.design.brief import read_brief
from scenegen.pipeline import make
from scenegen.plan import plan as make_plan
from scenegen.scene import Relation
from scenegen.solve.footprints import partly_over
from scenegen.solve.relations import SATISFIED, Box, score_relation


def _scene(prompt: str, density: str = "normal", seed: int = 0):  # noqa: ANN202 -- a scenegen Scene
    return make(prompt, seed=seed, planner="rules", density=density).scene


def _met(scene, kind: str, subject_cat: str, target: str) -> bool:  # noqa: ANN001
    boxes = {o.id: Box.of(o) for o in scene.objects}
    subjects = [o.id for o in scene.objects if o.category == subject_cat]
    targets = [target] if target in ("room", "wall") else [o.id for o in scene.objects if o.category == target]
    return any(score_relation(Relation(kind=kind, subject=s, target=t), boxes, scene.room) > SATISFIED
               for s in subjects for t in targets)


@pytest.mark.parametrize("seed", [0, 1])
def test_a_rug_under_a_dining_table_holds_the_chairs_tucked_at_it(seed: int) -> None:
    """Chairs tucked 3 cm from the table left no rug size that the table stood wholly on and every chair wholly
    off; the rug went elsewhere. Now it grows to hold the whole set, as a designer's dining rug does."""
    scene = _scene("a dining room with a glass table, six white chairs and a rug under the table", seed=seed)
    assert _met(scene, "under", "rug", "dining_table")
    (rug,) = [o for o in scene.objects if o.category == "rug"]
    on_rug = {o.id for o in scene.objects if o.support == rug.id}
    assert {o.id for o in scene.objects if o.category in ("chair", "dining_table")} <= on_rug
    rug_corners = Box.of(rug).corners[None]
    for o in scene.objects:  # and every piece of furniture is wholly on the rug or wholly off it
        if o.support in (None, rug.id) and o is not rug and o.pose.position[2] < 0.05:
            assert not partly_over(rug_corners, Box.of(o).corners)[0], o.id


def test_a_playroom_is_not_a_bedroom_and_keeps_its_rug_in_the_middle() -> None:
    """'playroom' used the kids' bedroom program, whose bed took the middle of the floor."""
    scene = _scene("a playroom with a rug in the middle, a bookshelf and two small chairs")
    assert scene.plan.program == "playroom" or read_brief(scene.plan).program.name == "playroom"
    assert "bed" not in scene.counts()
    assert _met(scene, "middle_of_room", "rug", "room")
    assert {"toy_box", "kids_table"} <= set(scene.counts())


def test_a_tv_on_the_wall_gets_no_stand_and_a_tv_alone_still_does() -> None:
    """The living room's media zone is a TV stand holding a TV (``holds``): when the prompt hangs its TV on the
    wall, a stand would only take the floor its speakers were asked to use."""
    wall = complete(make_plan("a living room with a tv on the wall and a sofa", planner="rules"), "normal",
                    np.random.default_rng(0))
    assert "tv_stand" not in wall.counts() and wall.counts()["tv"] == 1
    alone = complete(make_plan("a living room with a tv and a sofa", planner="rules"), "normal",
                     np.random.default_rng(0))
    assert alone.counts().get("tv_stand", 0) == 1
    assert any(is_added(o) for o in alone.objects if o.category == "tv_stand")


def test_a_globe_in_the_corner_stands_there_not_on_the_desk() -> None:
    """A stated room-relative place puts an object on the floor; at normal, the added desk used to hold it."""
    scene = _scene("A study with a mahogany desk, a leather chair behind it and a globe in the corner")
    (globe,) = [o for o in scene.objects if o.category == "globe"]
    assert globe.support is None and globe.pose.position[2] < 0.05
    assert _met(scene, "corner", "globe", "room")


@pytest.mark.parametrize("words,open_", [("a few plants", False), ("some plants", False), ("several plants", False),
                                         ("lots of plants", True), ("a shelf full of books", True)])
def test_only_open_quantities_let_the_designer_add_more(words: str, open_: bool) -> None:
    """'a few' is a documented number the prompt states; 'lots of' leaves the count to the designer."""
    brief = read_brief(make_plan(f"a living room with a sofa and {words}", planner="rules"))
    category = "books" if "books" in words else "plant"
    assert (category in brief.open_counts) is open_


@pytest.mark.parametrize("seed", [2, 3])
def test_a_tv_on_the_wall_hangs_across_from_the_sofa(seed: int) -> None:
    """The catalog's companions (a TV across from the sofa) now reach a TV that hangs on the wall; before, the wall
    spot ignored the sofa and seeds 2 and 3 hung it beside the seat (across_from scored 0.0 and 0.49)."""
    scene = _scene("a living room with a tv on the wall and a sofa", density="minimal", seed=seed)
    assert _met(scene, "across_from", "tv", "sofa")


def _all_met(scene, kind: str, subject_cat: str, target_cat: str) -> bool:  # noqa: ANN001
    boxes = {o.id: Box.of(o) for o in scene.objects}
    targets = [o.id for o in scene.objects if o.category == target_cat]
    return all(any(score_relation(Relation(kind=kind, subject=s.id, target=t), boxes, scene.room) > SATISFIED
                   for t in targets) for s in scene.objects if s.category == subject_cat)


def test_floor_things_beside_a_hung_tv_find_it() -> None:
    """The wall TV used to hang after the floor was placed, so speakers 'on either side' stood wherever the floor
    search put them (one 4.5 m away); wall things that floor furniture relates to now hang first."""
    scene = _scene("a home cinema with a big tv on the wall, two speakers on either side and a sofa opposite")
    assert _all_met(scene, "next_to", "speaker", "tv")


@pytest.mark.parametrize("seed,density", [(1, "minimal"), (3, "minimal"), (0, "normal")])
def test_a_tv_right_of_the_curtains_is_hung_after_them(seed: int, density: str) -> None:
    """Curtains hang first (the window fixes their place); hung before them, the TV missed them on these seeds."""
    scene = _scene("A black tv hangs on the wall to the right of the blue curtains.", density=density, seed=seed)
    assert _met(scene, "right_of", "tv", "curtains")


def test_a_tv_at_the_end_of_the_table_is_not_on_the_table() -> None:
    """The TV had no stand, so the load spreader put it on the very table it was to stand at the end of."""
    scene = _scene("a meeting room with a long table, six office chairs and a TV at the end of the table",
                   density="minimal")
    (tv,) = [o for o in scene.objects if o.category == "tv"]
    assert tv.support != "dining_table_1"
    assert _met(scene, "in_front_of", "tv", "dining_table") or _met(scene, "next_to", "tv", "dining_table")


def test_a_vase_in_the_middle_of_the_table_stands_on_it() -> None:
    """"middle of" counted as standing beside the table, so the vase went to the sideboard, 1.3 m from the middle."""
    scene = _scene("a dining room with a sideboard, a table with four chairs and a vase in the middle of the table",
                   density="minimal")
    (vase,) = [o for o in scene.objects if o.category == "vase"]
    assert vase.support == "dining_table_1"
    assert _met(scene, "middle_of", "vase", "dining_table")


def test_a_relation_to_an_object_not_yet_on_its_host_is_scored_against_the_host() -> None:
    """The solver places the floor first, then what stands on it: "two armchairs arranged around the TV" used to be
    scored against nothing (the TV was not placed yet), so the armchairs faced anywhere. The TV's stand stands in."""
    import numpy as np

    from scenegen.pipeline import build_assets
    from scenegen.solve.floor_score import stand_in
    from scenegen.solve.roles import choose_supports
    from scenegen.solve.state import SolverState

    plan = make_plan("a living room with a tv on a tv stand and two armchairs facing the tv", planner="rules")
    refs, sizes = build_assets(plan, seed=0)
    st = SolverState(plan, refs, sizes, np.random.default_rng(0))
    choose_supports(st.items, plan.relations)
    assert st.items["tv_1"].support == "tv_stand_1" and stand_in(st, "tv_1") is None
    st.boxes["tv_stand_1"] = Box("tv_stand_1", 2.0, 0.3, 0.0, 0.0, 1.6, 0.4, 0.5)
    assert stand_in(st, "tv_1") is st.boxes["tv_stand_1"]
    assert stand_in(st, "armchair_1") is None and stand_in(st, None) is None


def test_a_large_rug_under_a_sofa_with_its_armchair_shrinks_to_the_set() -> None:
    """The 'large' rug was bigger than the sofa's set and ran partly under the coffee table wherever it lay under
    the sofa, so it went elsewhere; the group's size is now tried whether it grows or shrinks the rug."""
    scene = _scene("a living room with a sofa, a coffee table in front of it and an armchair beside the sofa, with a "
                   "large rug under all of them", density="minimal")
    assert _met(scene, "under", "rug", "sofa")


@pytest.mark.parametrize("seed", [0, 2])
def test_armchairs_beside_the_fireplace_keep_its_hearth_clear(seed: int) -> None:
    """An anchor's clearance was free to take for anything related to it, so two armchairs 'by the fireplace' stood in
    front of its hearth (4 seeds in 6 failed accessibility). Beside an anchor now takes only its sides and back."""
    result = make("a den with two armchairs facing each other by the fireplace and a floor lamp", seed=seed,
                  planner="rules", density="normal", pictures=False)
    assert result.report.passed, [f.message for f in result.report.findings if f.status == "fail"]
