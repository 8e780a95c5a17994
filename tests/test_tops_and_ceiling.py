"""Small things on tops: open-vocabulary ones sized as tabletop things sharing the top, things beside another small
thing placed after it; and things hung from the ceiling keep their gap whatever order they are hung in."""

from __future__ import annotations

import numpy as np

from scenegen import catalog
from scenegen.pipeline import _open_box_scale, make
from scenegen.scene import AssetRef, LayoutPlan, PlannedObject, Relation, Room
from scenegen.solve.relations import Box
from scenegen.solve.state import SolverState
from scenegen.solve.wall import CEILING_THING_GAP, place_on_ceiling


def test_an_unsized_generic_on_a_top_is_a_tabletop_thing() -> None:
    """The reader's default generic is a 0.5 m floor box: on a 1.2 m table it becomes at most GENERIC_ON_TOP_SIDE."""
    scale = _open_box_scale((0.5, 0.5), (1.2, 0.6), used=0.0, load=1, proposed=False)
    assert 0.5 * scale <= catalog.GENERIC_ON_TOP_SIDE + 1e-9
    assert _open_box_scale((0.5, 0.5), (1.2, 0.6), used=0.0, load=1, proposed=True) == 1.0  # a planner sized it


def test_generics_share_what_the_catalog_things_leave_of_a_top() -> None:
    top = (0.68, 0.36)
    used = 0.09 + 0.06  # a lamp and a stack of books
    scale = _open_box_scale((0.5, 0.5), top, used=used, load=3, proposed=False)
    side = 0.5 * scale
    assert used + 3 * side * side <= catalog.TOP_SHARE_FILL * top[0] * top[1] + 1e-9
    assert side >= catalog.GENERIC_MIN_SIDE - 1e-9


def test_radio_lamp_books_and_papers_all_stand_on_one_bedside_table() -> None:
    """Before: each generic (a radio, two papers) was scaled to fill the whole top, so the books found no spot ('the
    top of nightstand_1 is full'; a held-out bedroom tour)."""
    result = make("A bedroom with a narrow bed. An old radio stands on the bedside table. A lamp is on the bedside "
                  "table. Books and papers are piled on the bedside table.", seed=0, planner="rules")
    assert result.scene.unplaced == []
    on_stand = [o for o in result.scene.objects if o.support == "nightstand_1"]
    assert {o.category for o in on_stand} >= {"generic", "table_lamp", "books"}
    assert sum(o.category == "generic" for o in on_stand) >= 2


def _ceiling_state(first: tuple[str, tuple[float, float, float]]) -> tuple[SolverState, str]:
    room = Room.rectangle(4.8, 3.9, height=2.7, type="bedroom", openings=[])
    objs = [PlannedObject(id="fan", category="ceiling_fan", description="fan"),
            PlannedObject(id="light", category="ceiling_light", description="light")]
    plan = LayoutPlan(prompt="t", room=room, objects=objs,
                      relations=[Relation(kind="hang_from_ceiling", subject=o.id, target="ceiling") for o in objs])
    refs = {o.id: AssetRef(backend="procedural", category=o.category, seed=0, params={}) for o in objs}
    sizes = {"fan": (1.4, 1.27, 0.33), "light": (0.33, 0.36, 0.26)}
    st = SolverState(plan, refs, sizes, np.random.default_rng(0))
    oid, (w, d, h) = first
    st.boxes[oid] = Box(oid, 2.4, 1.95, 2.7 - h, 0.0, w, d, h, "ceiling")  # the first hangs at the room's centre
    return st, ("light" if oid == "fan" else "fan")


def test_a_fan_finds_a_ceiling_spot_after_a_light_at_the_centre() -> None:
    """Before: the gap was the new thing's largest side + 0.8 m from the other's centre, so a 1.4 m fan hung after a
    centred light needed 2.2 m, which a 4.8×3.9 m room does not have, while the light after the fan needed 1.2 m."""
    for first in (("light", (0.33, 0.36, 0.26)), ("fan", (1.4, 1.27, 0.33))):
        st, second = _ceiling_state(first)
        place_on_ceiling(st, st.items[second])
        assert second in st.boxes, f"{second} unplaced after {first[0]}"
        a, b = st.boxes["fan"], st.boxes["light"]
        gap = np.hypot(a.cx - b.cx, a.cy - b.cy) - (1.4 + 0.36) / 2
        assert gap > CEILING_THING_GAP - 1e-9


def test_mugs_named_before_their_coffee_maker_stand_beside_it() -> None:
    """Before: things on tops were placed in plan order, so the second mug, placed before the coffee maker it stands
    beside, took a spot at the island's far end (a held-out kitchen tour: 'Coffee mugs are above the coffee
    maker')."""
    result = make("I love how open the kitchen is. Coffee mugs are above the coffee maker. We leave out the coffee "
                  "maker, the toaster and the knife block. The girls eat at the island.", seed=0, planner="rules")
    rels = [f for f in result.report.findings if f.validator == "relations" and "next_to" in f.message]
    assert rels and all(f.status == "pass" for f in rels), [f.message for f in rels]


def test_a_small_thing_whose_chosen_host_is_full_goes_on_another_top() -> None:
    """Before: the solver chose the desk for the headphones, found it full of monitors and left them unplaced though
    a filing cabinet stood free (a held-out work-from-home post)."""
    result = make("There are many other things to consider: desk, chair, ergonomics, computer hardware, keyboard, "
                  "mouse, tablet, monitors, speakers, headphones, microphone, acoustics, air flow, webcam, privacy, "
                  "lighting, writing utensils, paper, cable management, art, plants, drink coasters, storage, and "
                  "more.", seed=0, planner="rules", density="normal")
    assert "headphones" not in {u.category for u in result.scene.unplaced}, result.scene.unplaced
    hosts = {o.category: o.support for o in result.scene.objects}
    assert hosts["headphones"] not in (None, "desk_1")


def _sofa_looks_at_tv(seed: int) -> float:
    """The cosine between the sofa's front and the direction from the sofa to the TV."""
    import math

    result = make("a living room with a sofa, an armchair, a coffee table and a TV mounted on the wall", seed=seed,
                  planner="rules")
    objs = {o.category: o for o in result.scene.objects}
    tv, sofa = objs["tv"].pose, objs["sofa"].pose
    dx, dy = tv.position[0] - sofa.position[0], tv.position[1] - sofa.position[1]
    return (dx * -math.sin(sofa.yaw) + dy * math.cos(sofa.yaw)) / math.hypot(dx, dy)


def test_a_hung_tv_goes_on_the_wall_the_sofa_faces() -> None:
    """Before: any wall spot the TV faced the sofa from scored the same, so the TV often hung at the sofa's side
    (mean cosine 0.44 over seeds 0-3, measured); now the spot the sofa looks at wins (0.99)."""
    looks = [_sofa_looks_at_tv(seed) for seed in range(4)]
    assert sum(looks) / len(looks) >= 0.75, looks


def test_a_tv_made_narrower_for_its_top_keeps_a_tvs_shape() -> None:
    """A TV shrunk to a 0.8 m cabinet kept its 0.81 m height: a square screen."""
    result = make("a living room with a sofa and a TV on the cabinet", seed=0, planner="rules")
    tv = next(o for o in result.scene.objects if o.category == "tv")
    assert tv.support == "cabinet_1"
    assert tv.size[0] > 1.3 * tv.size[2]
