"""The rules reader on prose written by other people, fifth round (issue 17, from the study of the fourth held-out
set): years that are no counts, words that judge a thing kept out of its name, a thing given a role ("used as a
changing table") that adds no second thing, ceiling and wall things said to hang or that a ceiling or wall "has",
and "on the top of". The sentences here are this project's own, in the styles of those sets."""

from __future__ import annotations

import pytest

from scenegen.plan import plan
from scenegen.training.plan.evaluate import plan_facts


def facts(prompt: str):
    return plan_facts(plan(prompt, planner="rules"))


def test_a_year_before_a_noun_is_no_count():
    counts, _, rels = facts("Her 1890 walnut piano stands in the corner beside a sofa.")
    assert counts.get("piano") == 1 and ("piano", "corner", "room") in rels, (counts, rels)


@pytest.mark.parametrize("prompt, key", [
    ("A study with a desk. An old typewriter sits on the desk.", "generic:typewriter"),
    ("A nursery with a crib and a lovely mobile.", "crib"),
    ("A den with a sofa and a great gramophone.", "generic:gramophone"),
])
def test_a_word_that_judges_a_thing_is_not_part_of_its_name(prompt, key):
    counts, _, _ = facts(prompt)
    assert counts.get(key) == 1, counts
    assert not any(k.startswith(("generic:old", "generic:great", "generic:lovely")) for k in counts), counts


def test_a_sorting_adjective_stays_in_the_name():
    """"acoustic" names a kind of panel; it is not a judgement."""
    counts, _, _ = facts("A studio with a desk and an acoustic panel on the wall.")
    assert counts.get("generic:acoustic panel") == 1, counts


def test_a_gift_is_no_object():
    counts, _, _ = facts("A nursery with a crib and a stroller, a thoughtful gift from my aunt.")
    assert counts == {"crib": 1, "stroller": 1}, counts


def test_a_verb_of_buying_does_not_start_a_thing():
    counts, _, _ = facts("A bedroom with a bed. Skip the big wardrobe, buy tall dressers instead.")
    assert not any(k.startswith("generic:") for k in counts), counts


@pytest.mark.parametrize("prompt", [
    "A guest room with a bed and a wide dresser to be used as a changing table.",
    "Buy a wide dresser and have it do double duty as a changing table. Put a crib by the window.",
    "We will be using a dresser as a changing table, next to the crib.",
])
def test_a_thing_given_a_role_adds_no_second_thing(prompt):
    counts, _, _ = facts(prompt)
    assert counts.get("dresser") == 1 and "changing_table" not in counts, counts


def test_what_a_thing_becomes_is_the_same_thing():
    counts, _, _ = facts("A studio with a desk and a futon, which can become a couch by day.")
    assert counts.get("sofa") == 1, counts


@pytest.mark.parametrize("prompt, relation", [
    ("A dining room with a table. The chandelier once hung in a hotel lobby.",
     ("chandelier", "hang_from_ceiling", "ceiling")),
    ("A kitchen with a pendant light hanging low over the island.", ("pendant_light", "hang_from_ceiling", "ceiling")),
    ("A dining room with a table. The hanging light is brass.", ("pendant_light", "hang_from_ceiling", "ceiling")),
])
def test_a_ceiling_thing_said_to_hang_hangs_from_the_ceiling(prompt, relation):
    _, _, rels = facts(prompt)
    assert relation in rels, rels


@pytest.mark.parametrize("prompt, relation", [
    ("A bedroom with a bed. The ceiling boasts a fan, turning slowly.", ("ceiling_fan", "hang_from_ceiling", "ceiling")),
    ("A hall with a bench. The north wall holds two brass sconces.", ("wall_sconce", "on_wall", "wall")),
    ("A bedroom with a desk, and the ceiling has two spotlights.", ("ceiling_light", "hang_from_ceiling", "ceiling")),
])
def test_what_a_ceiling_or_wall_has_hangs_there(prompt, relation):
    _, _, rels = facts(prompt)
    assert relation in rels, rels


def test_a_floor_thing_a_wall_has_is_not_mounted():
    _, _, rels = facts("A living room. The back wall has a sofa and a bookcase.")
    assert not any(k == "on_wall" for _, k, _ in rels), rels


def test_on_the_top_of_is_on_top():
    _, _, rels = facts("A bedroom with a bookcase. A small vase sits on the top of the bookcase.")
    assert ("vase", "on_top", "bookshelf") in rels, rels


@pytest.mark.parametrize("noun, category", [
    ("medicine chest", "wall_cabinet"), ("wing back chair", "armchair"), ("papasan chair", "armchair"),
    ("schoolhouse light", "ceiling_light"),
])
def test_catalog_names_from_the_fourth_set(noun, category):
    counts, _, _ = facts(f"A room with a {noun} and a bed.")
    assert counts.get(category) == 1, counts


@pytest.mark.parametrize("prompt", [
    "A den with a sofa and two armchairs. The whole shebang sits on top of a large, 8x10 rug.",
    "A sofa and two armchairs around a coffee table, and everything rests on a jute rug.",
])
def test_everything_on_a_rug_puts_the_rug_under_each_floor_thing(prompt):
    _, _, rels = facts(prompt)
    assert ("rug", "under", "sofa") in rels and ("rug", "under", "armchair") in rels, rels


def test_wall_things_beside_each_other_hang_on_the_wall():
    _, _, rels = facts("A bathroom with a sink and two sconces on either side of the medicine chest.")
    assert {("wall_sconce", "on_wall", "wall"), ("wall_cabinet", "on_wall", "wall")} <= rels, rels


def test_a_misspelt_mantle_is_the_fireplace():
    counts, _, _ = facts("A parlour with a sofa and a carved mantle.")
    assert counts.get("fireplace") == 1, counts


@pytest.mark.parametrize("prompt", [
    "A parlour with a sofa. Tall windows draped with velvet curtains face the street.",
    "A study with a desk near a window whose blinds are half drawn.",
])
def test_curtains_a_window_wears_hang_at_the_window(prompt):
    _, _, rels = facts(prompt)
    assert any(k == "next_to_window" and s in ("curtains", "blinds") for s, k, _ in rels), rels


def test_curtains_named_alone_are_not_put_at_a_window():
    _, _, rels = facts("A bedroom with a bed by the window. The curtains were homemade.")
    assert ("curtains", "next_to_window", "window") not in rels, rels
