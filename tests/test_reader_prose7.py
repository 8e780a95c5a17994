"""The rules reader on prose written by other people, seventh round (issue 17, from the study of the sixth held-out
set): distances before a relation, the middle of a wall, a thing in the wall, a window above a thing, adverbs the
lemma tables lack, "piled high with", and seats counted per side. The sentences here are this project's own, in the
styles of those sets."""

from __future__ import annotations

import pytest

from scenegen.plan import plan
from scenegen.training.plan.evaluate import plan_facts


def facts(prompt: str):
    return plan_facts(plan(prompt, planner="rules"))


@pytest.mark.parametrize("prompt, rel", [
    ("An ottoman sits three feet in front of the armchair.", ("ottoman", "in_front_of", "armchair")),
    ("A floor lamp stands exactly 20 units to the left of the sofa.", ("floor_lamp", "left_of", "sofa")),
    ("A chair stands two feet behind the desk.", ("chair", "behind", "desk")),
])
def test_a_distance_before_a_relation_keeps_the_relation(prompt, rel):
    _, _, rels = facts(prompt)
    assert rel in rels, rels


def test_a_distance_away_from_a_thing_is_not_far_from_it():
    _, _, rels = facts("A plant stands about 2 m away from the desk.")
    assert ("plant", "far", "desk") not in rels, rels


@pytest.mark.parametrize("prompt, rel", [
    ("A sofa is located at the center of the lower wall.", ("sofa", "against_wall", "wall")),
    ("The desk stands in the middle of the long north wall.", ("desk", "against_wall", "wall")),
    ("A mirror hangs at the centre of the side wall.", ("mirror", "on_wall", "wall")),
])
def test_the_middle_of_a_wall_is_along_that_wall(prompt, rel):
    _, _, rels = facts(prompt)
    assert rel in rels and not any(r[1] == "middle_of_room" for r in rels), rels


def test_a_thing_in_the_wall_is_on_the_wall():
    _, _, rels = facts("A den with a sofa and a television set in the wall.")
    assert ("tv", "on_wall", "wall") in rels, rels


def test_the_middle_of_the_room_stays_the_middle():
    _, _, rels = facts("A rug lies at the center of the room, and a bed stands against the left wall.")
    assert ("rug", "middle_of_room", "room") in rels and ("bed", "against_wall", "wall") in rels, rels


@pytest.mark.parametrize("prompt, rel", [
    ("Sunlight comes through the window above the sink.", ("sink", "next_to_window", "window")),
    ("We added a new sill for the window over the stove.", ("stove", "next_to_window", "window")),
])
def test_a_window_above_a_thing_puts_the_thing_by_the_window(prompt, rel):
    _, _, rels = facts(prompt)
    assert rel in rels, rels


def test_piled_high_with_puts_things_on_the_holder():
    _, _, rels = facts("A desk piled high with books and papers stands by the window.")
    assert ("books", "on_top", "desk") in rels, rels


def test_an_adverb_the_tables_lack_is_no_object():
    counts, _, _ = facts("A bed is located near the upper left corner, oriented perpendicularly.")
    assert counts == {"bed": 1}, counts


@pytest.mark.parametrize("prompt, category, n", [
    ("A bed with two nightstands on each side.", "nightstand", 2),
    ("A television with two speakers on each side of it.", "speaker", 2),
    ("Four chairs on each side of the dining table.", "chair", 8),
    ("A dining table with two chairs on each side.", "chair", 4),
])
def test_only_seats_at_a_table_are_counted_per_side(prompt, category, n):
    counts, _, _ = facts(prompt)
    assert counts[category] == n, counts


