"""The rules reader on prose written by other people, twelfth round (issue 17, from a tally of the extra and missed
objects and the missed attributes of held-out sets 1-8): attributes said after the noun ("upholstered in black
leather", "made of oak", "painted blue", "with a wooden frame"), after a copula with adverbs ("is surprisingly
small"), past a modifier the vocabulary does not know ("a large oriental rug"); wood species and the adjective forms
of materials; pets in prose; light, sound, smell and the look of surfaces never becoming objects. The sentences here
are this project's own, in the styles of those sets."""

from __future__ import annotations

import pytest

from scenegen.plan import plan
from scenegen.training.plan.evaluate import plan_facts


def facts(prompt: str):
    return plan_facts(plan(prompt, planner="rules"))


@pytest.mark.parametrize("prompt, expected", [
    ("A den with a sofa upholstered in worn black leather.",
     {("sofa", "colour", "black"), ("sofa", "material", "leather")}),
    ("A study with a desk made of solid oak.", {("desk", "material", "oak")}),
    ("A nursery with a crib, painted white, by the window.", {("crib", "colour", "white")}),
    ("A hallway with a mirror with a wooden frame.", {("mirror", "material", "wood")}),
    ("A kitchen with a round table with a marble top.", {("dining_table", "material", "marble")}),
    ("A guest room with a bunk bed with a blue frame.", {("bunk_bed", "colour", "blue")}),
])
def test_attributes_said_after_the_noun_are_read(prompt, expected):
    _, attrs, _ = facts(prompt)
    assert expected <= attrs, attrs


@pytest.mark.parametrize("prompt", [
    "A dining room with a table covered with a white cloth.",
    "A study with a desk covered in papers.",
])
def test_a_participle_phrase_naming_another_thing_gives_no_attribute(prompt):
    _, attrs, _ = facts(prompt)
    assert not {a for a in attrs if a[0] in ("dining_table", "desk")}, attrs


@pytest.mark.parametrize("prompt, expected", [
    ("A dining room. The dining table is surprisingly small for the room.", ("dining_table", "size", "small")),
    ("A kitchen. The table is actually really large.", ("dining_table", "size", "large")),
    ("A bedroom. The bed is metal, painted blue.", ("bed", "colour", "blue")),
])
def test_a_predicate_is_read_past_adverbs_and_commas(prompt, expected):
    _, attrs, _ = facts(prompt)
    assert expected in attrs, attrs


@pytest.mark.parametrize("prompt, expected", [
    ("A living room with a large oriental rug.", {("rug", "size", "large")}),
    ("A lounge with a cream boucle sofa.", {("sofa", "colour", "cream")}),
    ("An office with a large mahogany empire desk.", {("desk", "size", "large"), ("desk", "material", "mahogany")}),
    ("A den with a large, richly upholstered armchair.", {("armchair", "size", "large")}),
])
def test_attributes_before_an_unknown_modifier_are_read(prompt, expected):
    _, attrs, _ = facts(prompt)
    assert expected <= attrs, attrs


def test_attributes_do_not_cross_into_another_phrase():
    _, attrs, _ = facts("A playroom with a large pile of toy bricks and a single basin sink.")
    assert not {a for a in attrs if a[1] == "size"}, attrs


def test_a_bed_size_word_gives_way_to_a_size_on_other_things():
    counts, attrs, _ = facts("A reading room with a single large armchair by the fire.")
    assert counts == {"armchair": 1} and ("armchair", "size", "large") in attrs


@pytest.mark.parametrize("prompt, expected", [
    ("A study with a massive oaken desk.", ("desk", "material", "oak")),
    ("A bedroom with a woollen blanket on the bed.", ("throw_blanket", "material", "wool")),
    ("A library with cherrywood bookcases.", ("bookshelf", "material", "cherry")),
    ("A bedroom with a bed and two alder nightstands.", ("nightstand", "material", "alder")),
    ("At the foot of the bed lies a small wooden chest.", ("trunk", "material", "wood")),
])
def test_wood_species_and_material_forms(prompt, expected):
    _, attrs, _ = facts(prompt)
    assert expected in attrs, attrs


@pytest.mark.parametrize("prompt", ["A cabin with a wood burning stove in the corner.", "A cabin with a wood stove."])
def test_wood_that_a_stove_burns_is_no_material(prompt):
    _, attrs, _ = facts(prompt)
    assert not {a for a in attrs if a[1] == "material"}, attrs


@pytest.mark.parametrize("prompt, expected", [
    ("A living room with a sofa. A black cat sleeps on the armchair.", {"sofa": 1, "armchair": 1}),
    ("A kitchen with a table and a chair. The dog would chew it.", {"dining_table": 1, "chair": 1}),
    ("A bedroom with a bed and a dog bed.", {"bed": 1, "pet_bed": 1}),
])
def test_pets_in_prose_are_not_planned(prompt, expected):
    counts, _, _ = facts(prompt)
    assert {k: v for k, v in counts.items() if not k.startswith("generic:")} == expected, counts


def test_a_pet_someone_has_is_still_planned():
    counts, _, _ = facts("A studio for a writer who has a cat, with a desk.")
    assert counts.get("cat") == 1 and counts.get("desk") == 1, counts


def test_a_fan_is_not_a_pet():
    counts, _, _ = facts("A bedroom with a bed and a fan.")
    assert counts == {"bed": 1, "ceiling_fan": 1}, counts


@pytest.mark.parametrize("prompt", [
    "A living room with a sofa, a warm glow from the fire and a floral scent.",
    "A bedroom with a bed and soft shadows on the walls, with a chevron pattern.",
    "A den with a sofa, a soothing melody and the city skyline beyond the glass.",
    "A kitchen with a table and wide planks of pale oak.",
])
def test_light_sound_smell_and_surfaces_are_not_objects(prompt):
    counts, _, _ = facts(prompt)
    assert not [k for k in counts if k.startswith("generic:")], counts


@pytest.mark.parametrize("prompt, expected", [
    ("A kitchen with an island, a pot rack and plenty of counter space.", {"kitchen_island": 1}),
    ("A study with large picture windows and a desk.", {"desk": 1}),
    ("A dining room with a table runner on the table.", {"dining_table": 1}),
])
def test_a_catalog_noun_before_a_compound_head_is_no_object(prompt, expected):
    counts, _, _ = facts(prompt)
    assert {k: v for k, v in counts.items() if not k.startswith("generic:")} == expected, counts


@pytest.mark.parametrize("prompt, expected", [
    ("A living room where a TV setup faces the sofa.", {"tv": 1, "sofa": 1}),
    ("A bath with a bathtub faucet in brass.", {"bathtub": 1}),
])
def test_other_compounds_keep_their_catalog_noun(prompt, expected):
    counts, _, _ = facts(prompt)
    assert {k: v for k, v in counts.items() if not k.startswith("generic:")} == expected, counts


@pytest.mark.parametrize("prompt, expected", [
    ("A hall with an old chest with a domed lid.", {"trunk": 1}),
    ("A bedroom with an oil lamp with a glass chimney.", {"table_lamp": 1}),
    ("A bedroom with a bed with a carved bedhead.", {"bed": 1}),
])
def test_parts_of_furniture_are_details(prompt, expected):
    counts, _, _ = facts(prompt)
    assert counts == expected, counts


def test_food_and_drink_are_not_objects():
    counts, _, _ = facts("A cafe corner with a counter, cakes, snacks and drinks, and fresh bread on a table.")
    assert not [k for k in counts if k.startswith("generic:")], counts
    assert counts.get("kitchen_cabinet") == 1 and counts.get("dining_table") == 1, counts


@pytest.mark.parametrize("prompt, expected", [
    ("A kitchen with a small table. I dream of one day getting a long dining table.", {"dining_table": 1}),
    ("A bedroom with a bed. Someday I'll add a ceiling fan and some cutting boards.", {"bed": 1}),
    ("I dream of a bigger sofa, but for now we have a loveseat.", {"loveseat": 1}),
])
def test_things_only_wished_for_are_not_planned(prompt, expected):
    counts, _, _ = facts(prompt)
    assert counts == expected, counts


def test_i_would_love_said_to_the_generator_asks_for_the_thing():
    """"a living room, I'd love a big green sofa and a coffee table" planned nothing when "I'd love" was a wish."""
    counts, _, _ = facts("a living room, I'd love a big green sofa and a coffee table")
    assert counts == {"sofa": 1, "coffee_table": 1}, counts


@pytest.mark.parametrize("prompt, size", [
    ("A bedroom with a large king-sized bed.", "king"),
    ("A guest room with a big queen bed.", "queen"),
    ("A bedroom with a tall-post bed.", None),
])
def test_a_bed_size_says_more_than_a_general_size(prompt, size):
    _, attrs, _ = facts(prompt)
    assert {v for c, f, v in attrs if f == "size"} == ({size} if size else set()), attrs


@pytest.mark.parametrize("prompt, expected, attribute", [
    ("Behind the bed is a wooden chest of drawers.", {"bed": 1, "chest_of_drawers": 1},
     ("chest_of_drawers", "material", "wood")),
    ("A bedroom with a white chest of drawers and a wooden chest.", {"chest_of_drawers": 1, "trunk": 1},
     ("chest_of_drawers", "colour", "white")),
])
def test_an_adjective_before_a_longer_name_describes_it(prompt, expected, attribute):
    """Held-out pv029: "a wooden chest of drawers" was a trunk ("wooden chest" is one of its names) and "of drawers"
    was lost; a name whose leading words are only adjectives gives way to a longer name starting at its last word."""
    counts, attrs, _ = facts(prompt)
    assert counts == expected, counts
    assert attribute in attrs, attrs
