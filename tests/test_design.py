"""The design stage (issue 18): programs as data, completion that never contradicts the prompt, marks on what it
added, determinism, and a furnished room from a short prompt through make()."""

from __future__ import annotations

import numpy as np
import pytest

from scenegen import catalog
from scenegen.design import complete, is_added, programs
from scenegen.design.brief import choose_program, read_brief
from scenegen.design.loader import KINDS
from scenegen.plan import plan as make_plan
from scenegen.scene import LayoutPlan, Room


def _designed(prompt: str, density: str = "normal", seed: int = 0) -> LayoutPlan:
    return complete(make_plan(prompt, planner="rules"), density, np.random.default_rng(seed))


def test_programs_cover_25_room_types_with_known_categories() -> None:
    progs = {n: p for n, p in programs().items() if n != "room"}
    assert len(progs) >= 25
    for p in progs.values():
        assert p.zones, p.name
        assert all(z.kind in KINDS for z in p.zones)
        for z in p.zones:
            for m in z.members:
                catalog.get(m.category)  # every member kept names a catalog category
        assert p.core_categories(), f"{p.name} has no core zone for the completeness check"


@pytest.mark.parametrize("prompt,program", [("a master bedroom with a bed", "master_bedroom"),
                                            ("a kids' playroom with a rug", "playroom"),
                                            ("a kids' bedroom with a bunk bed", "kids_room"),
                                            ("a café with ten tables", "cafe"),
                                            ("a small home office with a desk", "home_office"),
                                            ("a bed", "bedroom")])
def test_program_is_read_from_the_prompt(prompt: str, program: str) -> None:
    plan = make_plan(prompt, planner="rules")
    assert choose_program(prompt, plan.room.type).name == program


def test_minimal_is_the_plan_itself() -> None:
    plan = make_plan("a bedroom with a bed", planner="rules")
    assert complete(plan, "minimal", np.random.default_rng(0)) is plan


def test_counted_categories_stay_exact_and_added_objects_are_marked() -> None:
    plan = make_plan("a living room with two armchairs and a sofa", planner="rules")
    out = complete(plan, "full", np.random.default_rng(0))
    assert out.counts()["armchair"] == 2 and out.counts()["sofa"] == 1
    added = [o for o in out.objects if is_added(o)]
    assert len(added) >= 15
    assert {o.id for o in out.objects if not is_added(o)} == {o.id for o in plan.objects}
    assert out.relations[:len(plan.relations)] == plan.relations  # the prompt's relations are kept as they were


def test_negated_objects_never_appear() -> None:
    out = _designed("a living room with a sofa and no rug, without a tv", "full")
    assert "rug" not in out.counts() and "tv" not in out.counts()
    assert read_brief(out).negated >= {"rug", "tv"}


def test_only_adds_nothing() -> None:
    plan = make_plan("only a bed and a nightstand", planner="rules")
    out = complete(plan, "full", np.random.default_rng(0))
    assert [o.id for o in out.objects] == [o.id for o in plan.objects]


def test_only_adds_nothing_but_still_gives_the_listed_things_the_programs_room() -> None:
    """Public held-out ph012 ('... let in just the right amount of light'): read as 'only', the design stage added
    nothing and also kept the planner's 4.2×3.4 m room for twenty listed things (two sofas, a fireplace in the middle,
    two bookshelves), so a sofa stood against a bookshelf's front. 'Only' says what not to add, not how big the room
    is."""
    plan = make_plan("only two sofas, a fireplace, two bookshelves, a coffee table and an armchair", planner="rules")
    plan = plan.model_copy(update={"room": Room.rectangle(3.0, 3.0, type="living_room")})
    out = complete(plan, "normal", np.random.default_rng(0))
    assert [o.id for o in out.objects] == [o.id for o in plan.objects]
    assert out.room.area > plan.room.area + 1.0
    assert "sized for the program" in out.notes[-1]


@pytest.mark.parametrize("text, only", [("a den with a sofa that lets in just the right amount of light", False),
                                        ("a den with not only a sofa but also a tv", False),
                                        ("a den with just the sofa and a tv", True)])
def test_the_design_brief_reads_only_but_not_its_idioms(text: str, only: bool) -> None:
    plan = LayoutPlan(prompt=text, room=Room.rectangle(4.0, 3.5, type="living_room"), objects=[])
    assert read_brief(plan).only is only


def test_vague_counts_leave_room_for_more() -> None:
    out = _designed("a study with lots of books", "normal")
    assert out.counts().get("books", 0) > 3


def test_same_generator_same_plan_and_seeds_differ() -> None:
    a, b = _designed("a bedroom with a bed", seed=1), _designed("a bedroom with a bed", seed=1)
    assert a == b
    plans = [_designed("a living room with a sofa", "full", seed=s) for s in range(4)]
    colours = {tuple(o.attributes.colour for o in p.objects) for p in plans}
    assert len(colours) > 1


def test_palette_follows_style_words_and_keeps_stated_colours() -> None:
    out = _designed("a scandinavian bedroom with a red bed", "normal")
    assert read_brief(out).palette.name == "scandinavian"
    bed = next(o for o in out.objects if o.category == "bed")
    assert bed.attributes.colour == "red"


def test_room_grows_to_the_program_unless_the_prompt_gives_a_size() -> None:
    small = make_plan("a bedroom with a bed", planner="rules")
    assert _designed("a bedroom with a bed").room.area >= small.room.area
    given = make_plan("a 3x3 m bedroom with a bed", planner="rules")
    assert complete(given, "normal", np.random.default_rng(0)).room == given.room


@pytest.mark.slow
def test_make_normal_furnishes_a_room_and_passes_its_checks() -> None:
    from scenegen.pipeline import make
    from scenegen.report.design import design_summary

    result = make("a bedroom with a bed", seed=0, planner="rules", density="normal")
    assert result.exit_code == 0
    assert len(result.scene.objects) >= 12
    ids = {o.id: o for o in result.scene.objects}
    assert any(o.support in ids and ids[o.support].category != "rug" for o in result.scene.objects)  # small things
    summary = design_summary(result.scene)
    assert summary.density == "normal" and summary.n_asked == 1 and summary.n_added == len(ids) - 1


def test_relieve_lets_go_of_blockers_and_culprits_never_the_prompt_or_core() -> None:
    from scenegen.design import relieve
    from scenegen.pipeline import build_assets, solve_scene
    from scenegen.scene import Finding, Report

    layout = _designed("a living room with a sofa", "full")
    refs, sizes = build_assets(layout, seed=0)
    scene = solve_scene(layout, refs, sizes, seed=0, planner="rules", assets="procedural")
    ids = {o.category: o.id for o in layout.objects}
    sofa, lamp, plant = ids["sofa"], ids["table_lamp"], ids["plant"]
    host = next(r.target for r in layout.relations if r.subject == lamp and r.kind == "on_top")
    report = Report(findings=[
        Finding(validator="accessibility", check="accessibility", status="fail", message="blocked",
                object_ids=[sofa, plant]),
        Finding(validator="stability", check="stability", status="fail", message="slides", object_ids=[lamp, host]),
    ])
    out, dropped = relieve(layout, scene, report)
    assert plant in dropped and lamp in dropped
    assert sofa not in dropped and host not in dropped  # the prompt's sofa, and the lamp's nightstand, stay
    assert all(r.subject not in dropped and r.target not in dropped for r in out.relations)


def test_what_a_theme_asked_for_is_let_go_last() -> None:
    """The home test's researcher with a cat lost the cat tree and pet bed to the repair loop: they were design
    extras of the lowest rank. What the design stage adds for a theme now ranks with the program's core."""
    from scenegen.design import relieve
    from scenegen.design.prune import sparse_layout
    from scenegen.pipeline import build_assets, solve_scene
    from scenegen.scene import Finding, Report

    layout = _designed("a living room for a researcher who has a cat", "normal")
    ids = {o.category: o.id for o in layout.objects}
    sofa, pet_bed, plant = ids["sofa"], ids["pet_bed"], ids["plant"]
    refs, sizes = build_assets(layout, seed=0)
    scene = solve_scene(layout, refs, sizes, seed=0, planner="rules", assets="procedural")
    report = Report(findings=[Finding(validator="accessibility", check="accessibility", status="fail",
                                      message="blocked", object_ids=[sofa, pet_bed, plant])])
    _, dropped = relieve(layout, scene, report)
    assert plant in dropped and pet_bed not in dropped
    sparse, dropped = sparse_layout(layout, scene)
    assert pet_bed not in dropped and ids["cat_tree"] in {o.id for o in sparse.objects}


def test_relieve_clears_design_furniture_crowding_an_unmet_relation_of_the_prompt() -> None:
    from shapely.geometry import Polygon

    from scenegen.design import relieve
    from scenegen.freespace import footprint
    from scenegen.pipeline import build_assets, solve_scene
    from scenegen.scene import Finding, Report

    layout = _designed("a living room with a sofa and a rug", "full")
    refs, sizes = build_assets(layout, seed=0)
    scene = solve_scene(layout, refs, sizes, seed=0, planner="rules", assets="procedural")
    unmet = Finding(validator="relations", check="relation", status="fail", message="rug_1 under sofa_1: not satisfied",
                    object_ids=["rug_1", "sofa_1"])
    _, dropped = relieve(layout, scene, Report(findings=[unmet]))
    assert dropped and "sofa_1" not in dropped and "rug_1" not in dropped
    placed = {o.id: o for o in scene.objects}
    sofa = Polygon(footprint(placed["sofa_1"]))
    floor_dropped = [d for d in dropped if d in placed and placed[d].support is None]
    assert floor_dropped and all(Polygon(footprint(placed[d])).distance(sofa) <= 0.8 or
                                 Polygon(footprint(placed[d])).distance(Polygon(footprint(placed["rug_1"]))) <= 0.8
                                 for d in floor_dropped)


def test_shed_extras_lets_blockers_go_without_a_new_solve_and_keeps_only_rounds_that_help() -> None:
    from scenegen.design.prune import shed_extras
    from scenegen.pipeline import build_assets, solve_scene
    from scenegen.scene import Finding, Report

    layout = _designed("a living room with a sofa", "full")
    refs, sizes = build_assets(layout, seed=0)
    scene = solve_scene(layout, refs, sizes, seed=0, planner="rules", assets="procedural")
    ids = {o.category: o.id for o in layout.objects}
    sofa, plant = ids["sofa"], ids["plant"]
    blocked = Finding(validator="accessibility", check="accessibility", status="fail", message="blocked",
                      object_ids=[sofa, plant])

    def blocked_while_plant_stands(s):  # noqa: ANN001, ANN202
        return Report(findings=[blocked] if any(o.id == plant for o in s.objects) else [])

    out, report, shed = shed_extras(scene, Report(findings=[blocked]), blocked_while_plant_stands)
    assert [plant] in [dropped for dropped, _ in shed] and not report.findings
    assert plant not in {o.id for o in out.objects} and sofa in {o.id for o in out.objects}
    assert all(plant not in (r.subject, r.target) for r in out.plan.relations)
    kept = {o.id: o.pose for o in out.objects}
    assert all(kept[o.id] == o.pose for o in scene.objects if o.id in kept)  # nothing else moved

    out, report, shed = shed_extras(scene, Report(findings=[blocked]), lambda s: Report(findings=[blocked]))
    assert not shed and out is scene  # letting go did not help: the room stays as solved


def test_shed_extras_lets_an_unreachable_extra_itself_go_when_its_blockers_are_not_extras() -> None:
    from scenegen.design.prune import shed_extras
    from scenegen.pipeline import build_assets, solve_scene
    from scenegen.scene import Finding, Report

    layout = _designed("a living room with a sofa", "full")
    refs, sizes = build_assets(layout, seed=0)
    scene = solve_scene(layout, refs, sizes, seed=0, planner="rules", assets="procedural")
    shelf = next(o.id for o in layout.objects if o.category == "bookshelf")
    stuck = Finding(validator="accessibility", check="accessibility", status="fail", message="cannot be reached",
                    object_ids=[shelf, "sofa_1"])  # the prompt's sofa walls it off

    def stuck_while_shelf_stands(s):  # noqa: ANN001, ANN202
        return Report(findings=[stuck] if any(o.id == shelf for o in s.objects) else [])

    out, report, shed = shed_extras(scene, Report(findings=[stuck]), stuck_while_shelf_stands)
    assert shed and shelf in shed[0][0] and not report.findings
    assert "sofa_1" in {o.id for o in out.objects}
    assert not any(o.support == shelf for o in out.objects)  # what stood on it went with it


def test_a_program_with_an_unknown_field_is_refused_with_its_file_named() -> None:
    from scenegen.design.loader import ProgramError, parse_program

    with pytest.raises(ProgramError, match="programs/x.toml.*colour"):
        parse_program({"name": "x", "size": [3, 3], "colour": "red"}, "programs/x.toml")


def test_explicit_scores_judge_the_prompt_objects() -> None:
    from scenegen.training.design.evaluate import explicit_scores
    from scenegen.pipeline import make

    row = {"counts": {"bed": 1, "nightstand": 2}, "relations": [["nightstand", "next_to", "bed"]]}
    scene = make("a bedroom with a bed and two nightstands next to it", seed=0, planner="rules",
                 density="normal").scene
    counts, relations = explicit_scores(scene, row)
    assert counts == 1.0 and relations == 1.0
    assert explicit_scores(scene, {"counts": {"bed": 2}, "relations": []})[0] == 0.0


@pytest.mark.slow
def test_cli_make_takes_density_and_says_what_it_added(tmp_path) -> None:  # noqa: ANN001
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "cli.main", "make", "a bedroom with a bed", "--density", "full",
                          "--no-pictures", "-o", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "design (full, bedroom program): 1 objects asked for" in run.stdout + run.stderr
    page = (tmp_path / "report.html").read_text()
    assert "added by the design stage" in page and "design (full, bedroom program)" in page
    bad = subprocess.run([sys.executable, "-m", "cli.main", "make", "a bed", "--density", "lots", "-o",
                          str(tmp_path / "x")], capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "--density" in bad.stderr


@pytest.mark.parametrize("text, only", [
    ("an office. A tall cabinet stands against the back wall, only just visible behind the chair", False),
    ("a kitchen, the only room with a window, with a fridge and a sink", False),
    ("a study with a desk and a chair, nothing else", True),
    ("a bedroom with a bed and a wardrobe and no other furniture", True)])
def test_only_is_read_once_for_the_planner_and_the_designer(text: str, only: bool) -> None:
    """Held-out pv042 ('... only just visible behind the top of the chair'): the design stage's own 'only' pattern
    (any 'only' in the text) kept the office bare while the planner's reader said no. 23 of the 910 evaluation
    prompts were read so; the designer now asks the planner's reader, which also knows the explicit phrases."""
    plan = LayoutPlan(prompt=text, room=Room.rectangle(4.0, 3.5, type="office"), objects=[])
    assert read_brief(plan).only is only
