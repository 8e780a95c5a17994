"""Things a container keeps go inside it (``catalog.Container``): blankets stored in a wardrobe, towels in a basket,
books on a bookshelf's boards; and when a thing cannot fit, the reason names the container's inside.

The plan's one support relation is ``on_top``; before this, a wardrobe (no top, 2 m tall) turned "a wardrobe with a
stack of blankets inside it" into a blanket on the bed, and a towel "in" a basket stood on the basket's rim.
"""

from __future__ import annotations

import numpy as np

from scenegen import catalog
from scenegen.assets import build_mesh, plan_asset
from scenegen.assets.cavity import cavity
from scenegen.pipeline import make
from scenegen.rng import stage_rng
from scenegen.scene import AssetRef, LayoutPlan, ObjectInstance, PlannedObject, Relation, Room
from scenegen.solve.explain import explain_conflicts
from scenegen.solve.solver import solve


def _fails(result) -> list[str]:
    return [f"{f.validator}: {f.message}" for f in result.report.findings if f.status == "fail"]


def _inside(thing: ObjectInstance, box: ObjectInstance) -> bool:
    """Whether ``thing``'s box lies within ``box``'s footprint and rests between its base and its top (metres)."""
    (x0, y0, z0), (x1, y1, z1) = thing.bbox
    (bx0, by0, bz0), (bx1, by1, bz1) = box.bbox
    return bx0 <= x0 and x1 <= bx1 and by0 <= y0 and y1 <= by1 and bz0 <= z0 < bz1


def test_a_wardrobe_stores_blankets_inside_it_and_every_check_passes() -> None:
    result = make("a bedroom with a bed and a wardrobe with a stack of blankets inside it", seed=0, planner="rules")
    objs = {o.id: o for o in result.scene.objects}
    assert not _fails(result), _fails(result)
    blanket = next(o for o in objs.values() if o.category == "throw_blanket")
    assert blanket.support == "wardrobe_1"
    assert _inside(blanket, objs["wardrobe_1"]) and blanket.bbox[1][2] < objs["wardrobe_1"].bbox[1][2] - 0.1


def test_an_open_basket_holds_towels_on_its_floor_below_its_rim() -> None:
    result = make("a bathroom with a basket containing towels", seed=0, planner="rules")
    objs = {o.id: o for o in result.scene.objects}
    assert not _fails(result), _fails(result)
    towel, basket = objs["towel_1"], objs["storage_basket_1"]
    assert towel.support == basket.id and _inside(towel, basket)
    assert towel.bbox[0][2] < 0.05  # on the basket's floor, not on its rim 0.3 m up


def test_a_second_blanket_piles_on_the_first_when_the_basket_floor_is_taken() -> None:
    """Two throw blankets (0.30×0.25 m at their smallest) in one basket: the second went unplaced ('does not fit in
    storage_basket_1 beside throw_blanket_1'); it now lies on the first, inside the basket."""
    result = make("a living room with a sofa and a wicker basket holding two throw blankets", seed=0, planner="rules")
    objs = {o.id: o for o in result.scene.objects}
    assert not _fails(result), _fails(result)
    blankets = [o for o in objs.values() if o.category == "throw_blanket"]
    assert len(blankets) == 2 and all(_inside(b, objs["storage_basket_1"]) for b in blankets)


def test_clothes_go_in_a_chest_of_drawers_not_on_it() -> None:
    result = make("a bedroom with a chest of drawers with sweaters inside", seed=0, planner="rules")
    objs = {o.id: o for o in result.scene.objects}
    assert not _fails(result), _fails(result)
    chest = objs["chest_of_drawers_1"]
    for o in objs.values():
        if o.category == "clothes":
            assert o.support == chest.id and _inside(o, chest) and o.bbox[1][2] < chest.bbox[1][2]


def test_the_catalog_says_what_a_container_holds_once() -> None:
    """The container's ``holds`` puts it in each held category's ``supported_by``, so the planners accept it."""
    for cat in catalog.CATALOG.values():
        for held in cat.container.holds if cat.container else ():
            assert cat.name in catalog.get(held).supported_by, (cat.name, held)
    assert catalog.kept_inside("wardrobe", "throw_blanket") is not None
    assert catalog.kept_inside("nightstand", "table_lamp") is None


def test_a_bookshelf_has_levels_inside_below_its_top() -> None:
    ref = AssetRef(backend="procedural", category="bookshelf", seed=3, colour=(0.5, 0.4, 0.3),
                   params={"width": 0.8, "depth": 0.32, "height": 1.8, "shelves": 5, "books": 0})
    cav = cavity(ref.model_dump_json())
    assert len(cav.levels()) >= 4 and max(cav.levels()) < 1.8
    assert cav.fits(0.3, 0.2, 0.25) and not cav.fits(0.3, 0.2, 0.5)  # a board 0.36 m above each one


def _plan_with(basket: dict[str, float], blanket: PlannedObject) -> tuple[LayoutPlan, dict, dict]:
    room = Room.rectangle(3.0, 3.0, type="living_room")
    objs = [PlannedObject(id="storage_basket_1", category="storage_basket"), blanket]
    plan = LayoutPlan(prompt="test", room=room, objects=objs,
                      relations=[Relation(kind="on_top", subject=blanket.id, target="storage_basket_1")])
    refs = {"storage_basket_1": AssetRef(backend="procedural", category="storage_basket", seed=1,
                                         colour=(0.7, 0.6, 0.4), params=basket)}
    refs[blanket.id] = plan_asset(blanket, stage_rng(0, blanket.id))
    refs[blanket.id] = refs[blanket.id].model_copy(update={"params": {**refs[blanket.id].params, "width": 0.6,
                                                                      "depth": 0.45, "height": 0.1}})
    sizes = {k: tuple(float(v) for v in build_mesh(r).extents) for k, r in refs.items()}
    return plan, refs, sizes


def test_a_thing_too_big_for_its_container_says_how_big_the_inside_is() -> None:
    blanket = PlannedObject(id="throw_blanket_1", category="throw_blanket")
    plan, refs, sizes = _plan_with({"width": 0.3, "depth": 0.22, "height": 0.2}, blanket)
    result = solve(plan, refs, sizes, np.random.default_rng(0))
    [miss] = result.unplaced
    assert miss.id == "throw_blanket_1" and "does not fit inside storage_basket_1" in miss.reason
    assert "inside, open above" in miss.reason  # the inside's measured size, not the basket's top
    [conflict] = explain_conflicts(plan, refs, sizes, result)
    assert "does not fit inside storage_basket_1" in conflict.message and "larger storage basket" in conflict.message
