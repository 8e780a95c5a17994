"""The rules reader on prose written by other people, sixth round (issue 17, from the study of the fifth held-out
set): lists closed by a serial comma, units and other words that name no thing, parts of furniture, and the other
rules below. The sentences here are this project's own, in the styles of those sets."""

from __future__ import annotations

import pytest

from scenegen.plan import plan
from scenegen.training.plan.evaluate import plan_facts


def facts(prompt: str):
    return plan_facts(plan(prompt, planner="rules"))


def test_a_serial_comma_keeps_the_last_item_in_the_list():
    _, _, rels = facts("A writing desk with a laptop, a mug, and a small lamp.")
    assert {("laptop", "on_top", "desk"), ("cups", "on_top", "desk"), ("table_lamp", "on_top", "desk")} <= rels, rels


def test_a_comma_and_after_one_held_thing_starts_a_new_clause():
    _, _, rels = facts("A desk with a lamp, and a vase stands by the window.")
    assert ("vase", "next_to_window", "window") in rels and ("vase", "on_top", "desk") not in rels, rels


@pytest.mark.parametrize("prompt, size", [
    ("The bedroom is nine feet wide and twelve feet long, with a bed and a desk.", (2.74, 3.66)),
    ("The study was ten feet by twelve feet, with a desk.", (3.05, 3.66)),
    ("A guest room 4 metres long and 3 metres wide with a bed.", (4.0, 3.0)),
])
def test_a_room_size_in_words_or_side_by_side_sizes_the_room(prompt, size):
    room = plan(prompt, planner="rules").room
    assert tuple(round(v, 2) for v in room.bounds[1]) == size, room.bounds


@pytest.mark.parametrize("prompt", [
    "A den with a sofa and a five by eight foot rug.",
    "A dining room. The table is around 4 feet wide by 6 feet long.",
])
def test_a_size_in_words_of_a_thing_does_not_size_the_room(prompt):
    room = plan(prompt, planner="rules").room
    assert min(room.bounds[1]) > 2.0, room.bounds


def test_a_unit_of_length_is_no_object():
    counts, _, _ = facts("A hallway with a bench at a height of 45 centimeters.")
    assert counts == {"bench": 1}, counts


@pytest.mark.parametrize("prompt", [
    "A living room with a grey sofa, soft daylight and warm textures.",
    "A walnut sideboard with brass pulls and a sofa.",
    "A hall with a looking-glass in a gilt frame and a chair.",
])
def test_light_surfaces_and_parts_of_furniture_are_no_objects(prompt):
    counts, _, _ = facts(prompt)
    assert not any(k.startswith("generic:") for k in counts), counts


def test_a_set_of_drawers_is_a_chest_of_drawers():
    counts, _, _ = facts("A bedroom with a bed and a set of drawers by the door.")
    assert counts == {"bed": 1, "chest_of_drawers": 1}, counts


def test_narrow_cots_in_a_dormitory_are_beds():
    p = plan("A dormitory with six narrow cots.", planner="rules")
    counts, _, _ = plan_facts(p)
    assert counts == {"bed": 6} and p.room.type == "bedroom", (counts, p.room.type)


def test_a_baby_cot_is_still_a_crib():
    counts, _, _ = facts("A nursery with a cot and a rocking chair.")
    assert counts.get("crib") == 1, counts


def test_a_label_names_the_thing_it_labels_even_a_narrower_one():
    counts, _, rels = facts("Sofa: A grey, modular sofa is against the left wall. Dining Chairs: Two white chairs.")
    assert counts == {"sectional_sofa": 1, "chair": 2}, counts
    assert ("sectional_sofa", "against_wall", "wall") in rels, rels


@pytest.mark.parametrize("prompt", [
    "A bedroom with a bed, magazine-style composition.",
    "A reading corner in soft pencil style with an armchair.",
])
def test_a_noun_before_style_names_a_style(prompt):
    counts, _, _ = facts(prompt)
    assert set(counts) <= {"bed", "armchair"}, counts


@pytest.mark.parametrize("prompt", [
    "Low angle, natural materials, a grey sofa, layered lighting.",
    "We bought a townhome with a big lawn, and we want a sofa.",
    "An old library with a reading chair.",
])
def test_words_for_the_picture_the_building_and_the_light_are_no_objects(prompt):
    counts, _, _ = facts(prompt)
    assert not any(k.startswith("generic:") for k in counts), counts


def test_describing_words_listed_with_commas_keep_a_thing_held():
    _, _, rels = facts("A study with a bookcase filled with old, dusty books.")
    assert ("books", "on_top", "bookshelf") in rels, rels


def test_seats_on_each_side_of_a_table_sit_around_it():
    counts, _, rels = facts("Three chairs are on each side of a long dining table.")
    assert counts == {"chair": 6, "dining_table": 1}, counts
    assert ("chair", "around", "dining_table") in rels and ("chair", "next_to", "dining_table") not in rels, rels


def test_seats_on_either_side_of_a_console_stand_beside_it():
    _, _, rels = facts("On either side of the console table stand two side chairs.")
    assert ("chair", "around", "console_table") not in rels, rels


@pytest.mark.parametrize("prompt, n", [
    ("Two cots were pushed into either corner of the attic bedroom.", 2),
    ("A plant in both corners by the window.", 2),
    ("A floor lamp in each corner of the room.", 4),
])
def test_either_and_both_corners_are_two(prompt, n):
    counts, _, _ = facts(prompt)
    assert sum(counts.values()) == n, counts
