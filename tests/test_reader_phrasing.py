"""The rules reader, round 2 on other people's phrasing: adverbs before a relation, what a holder holds, words that
are not objects, room parts and distributive counts. Each prompt is written for the test (none is from an evaluation
set) and each test asserts what ``scenegen eval plan`` scores: categories, counts and relation triples."""

from __future__ import annotations

from scenegen.plan import plan
from scenegen.training.plan.evaluate import plan_facts


def facts(prompt: str) -> tuple[dict[str, int], set[tuple]]:
    """(counts per category, relation triples by category) of the rules plan of ``prompt``."""
    counts, _attrs, rels = plan_facts(plan(prompt, "rules"))
    return counts, rels


def test_an_adverb_between_the_object_and_its_relation_is_skipped():
    _, rels = facts("Add a sofa. Then put a floor lamp closely to the left of the sofa and a plant closely right of it.")
    assert {("floor_lamp", "left_of", "sofa"), ("plant", "right_of", "sofa")} <= rels


def test_a_comma_after_a_held_list_returns_to_the_holder():
    _, rels = facts("a tall bookcase holding some books and a vase, next to the sofa")
    assert ("bookshelf", "next_to", "sofa") in rels
    assert ("vase", "on_top", "bookshelf") in rels and ("vase", "next_to", "sofa") not in rels


def test_displaying_and_storing_hold_their_objects():
    _, rels = facts("a tall cabinet displaying dishes beside the fridge, and a sideboard storing cups against the wall")
    assert {("cabinet", "next_to", "fridge"), ("sideboard", "against_wall", "wall")} <= rels
    assert ("plates", "next_to", "fridge") not in rels and ("cups", "against_wall", "wall") not in rels


def test_a_verb_with_its_particle_is_an_adjective_not_an_object():
    counts, rels = facts("a bathroom with a step-in bathtub and a roll-in shower next to it")
    assert set(counts) == {"bathtub", "shower"}
    assert ("shower", "next_to", "bathtub") in rels


def test_a_quantity_noun_before_windows_is_not_an_object():
    counts, rels = facts("an armchair under a trio of windows and a trio of pendant lights over the table")
    assert "generic:trio" not in counts and counts["pendant_light"] == 3
    assert ("armchair", "next_to_window", "window") in rels


def test_a_room_part_named_by_two_words_is_the_second():
    _, rels = facts("a kitchen with the sink under the corner window and a fridge by the corner door")
    assert {("sink", "next_to_window", "window"), ("fridge", "next_to_door", "door")} <= rels


def test_a_detail_between_the_object_and_its_relation_is_read_past():
    _, rels = facts("a large bed with carved wooden posts in the middle of the room, and a cart on tiny wheels "
                    "next to the desk")
    assert {("bed", "middle_of_room", "room"), ("serving_cart", "next_to", "desk")} <= rels


def test_an_unknown_thing_is_keyed_without_its_colour_and_size():
    counts, rels = facts("a garage with a red sedan and a small grey kayak next to it")
    assert counts == {"generic:sedan": 1, "generic:kayak": 1}
    assert ("generic:kayak", "next_to", "generic:sedan") in rels
