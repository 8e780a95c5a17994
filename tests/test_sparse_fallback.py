"""The last resort for a furnished room that still fails: solve once more without the design's floor extras."""

from __future__ import annotations

from scenegen.design import is_added
from scenegen.design.brief import read_brief
from scenegen.design.prune import sparse_layout
from scenegen.pipeline import make


def test_sparse_layout_drops_floor_extras_and_what_stands_on_them_but_not_the_core_or_the_prompt() -> None:
    scene = make("a dining room with a sideboard", seed=0, planner="rules", density="normal").scene
    core = set(read_brief(scene.plan).program.core_categories())
    layout, dropped = sparse_layout(scene.plan, scene)
    placed = {o.id: o for o in scene.objects}
    assert dropped
    kept = {o.id for o in layout.objects}
    assert {o.id for o in scene.plan.objects if not is_added(o)} <= kept  # the prompt's sideboard stays
    assert all(placed[oid].category not in core for oid in dropped if oid in placed and placed[oid].support is None)
    for oid in dropped:  # each is a floor extra or stood on one
        o = placed.get(oid)
        assert o is None or o.support is None or o.support in dropped or placed[o.support].category == "rug"
    (table,) = [o for o in scene.objects if o.category == "dining_table"]
    chairs = [o.id for o in scene.objects if o.category == "chair"]
    assert table.id in kept and chairs and set(chairs) <= kept  # the core table stays, and the seats at it
    assert all(r.subject in kept and (r.target in kept or r.target in ("wall", "room", "ceiling")
                                      or r.target.startswith(("window", "door")))
               for r in layout.relations)
    bare, gone = sparse_layout(scene.plan, scene, keep_core=False)
    assert set(gone) > set(dropped) and "dining_table" not in {o.category for o in bare.objects}


def test_a_room_with_nothing_to_drop_comes_back_as_it_was() -> None:
    scene = make("a dining room with a table and four chairs", seed=0, planner="rules", density="minimal").scene
    layout, dropped = sparse_layout(scene.plan, scene)
    assert dropped == [] and layout is scene.plan
