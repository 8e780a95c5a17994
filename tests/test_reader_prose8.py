"""The rules reader on prose written by other people, eighth round (issue 17, from a study of the missed relations
and extra objects of held-out sets 2-6): curtains and blinds in a sentence that names a window hang at it; a thing
with its back to a window, wall or door stands by it; place phrases stacked before the subject each place it;
storybooks, textbooks and tomes are books. The sentences here are this project's own, in the styles of those sets."""

from __future__ import annotations

import pytest

from scenegen.plan import plan
from scenegen.training.plan.evaluate import plan_facts


def facts(prompt: str):
    return plan_facts(plan(prompt, planner="rules"))


@pytest.mark.parametrize("prompt, subject", [
    ("A sofa faces the fireplace, and pale linen curtains soften the tall windows.", "curtains"),
    ("A desk stands in the middle; the big window lets the sun in, so the blinds stay half down.", "blinds"),
])
def test_a_window_dressing_hangs_at_the_window_the_prompt_names(prompt, subject):
    _, _, rels = facts(prompt)
    assert (subject, "next_to_window", "window") in rels, rels


@pytest.mark.parametrize("prompt", [
    "A bed with a quilt, and heavy velvet curtains in dark green.",
    "A bed stands by the window. Heavy velvet curtains in dark green were a gift.",
])
def test_curtains_in_a_sentence_without_a_window_stay_unplaced(prompt):
    _, _, rels = facts(prompt)
    assert not any(r[0] == "curtains" for r in rels), rels


@pytest.mark.parametrize("prompt, rel", [
    ("An armchair with its back to the window faces the stove.", ("armchair", "next_to_window", "window")),
    ("The old sofa has its back to the wall.", ("sofa", "against_wall", "wall")),
    ("Two stools with their backs to the door stand at the bar.", ("stool", "next_to_door", "door")),
    ("With its back to the windows was a leather chair.", ("chair", "next_to_window", "window")),
    ("A loveseat with its back against the wall.", ("loveseat", "against_wall", "wall")),
])
def test_a_thing_with_its_back_to_a_room_part_stands_by_it(prompt, rel):
    _, _, rels = facts(prompt)
    assert rel in rels, rels


def test_a_thing_with_its_back_to_another_thing_is_not_placed_by_it():
    _, _, rels = facts("A sofa with its back to the bed divides the studio.")
    assert not any(r[0] == "sofa" for r in rels), rels


@pytest.mark.parametrize("prompt, expected", [
    ("A desk stood there. Behind it, near the window, was a leather chair.",
     {("chair", "behind", "desk"), ("chair", "next_to_window", "window")}),
    ("In the corner, next to the window, there is a reading chair.",
     {("armchair", "corner", "room"), ("armchair", "next_to_window", "window")}),
    ("A hearth. Opposite, beside the stove, were a sink and a dresser.",
     {("sink", "next_to", "stove"), ("dresser", "next_to", "stove")}),
])
def test_place_phrases_stacked_before_the_subject_each_place_it(prompt, expected):
    _, _, rels = facts(prompt)
    assert expected <= rels, rels
