"""The rules reader on prose written by other people, eleventh round (issue 17, from a tally of the extra and the
missed relations of held-out sets 1-8): "X beside the Y with Z on it" puts Z on X when X holds it; "between" a room
part and an object places the subject by both; "From the ceiling hung a chandelier" is a place, a verb and its
subject, not a "ceiling-hung" adjective. The sentences here are this project's own, in the styles of those sets."""

from __future__ import annotations

import pytest

from scenegen.plan import plan
from scenegen.training.plan.evaluate import plan_facts


def facts(prompt: str):
    return plan_facts(plan(prompt, planner="rules"))


@pytest.mark.parametrize("prompt, expected, unwanted", [
    ("A guest room: a trunk at the foot of the bed with books on it.",
     ("books", "on_top", "trunk"), ("books", "on_top", "bed")),
    ("A bedroom where a bench sits at the foot of the bed with a folded blanket on it.",
     ("throw_blanket", "on_top", "bench"), ("throw_blanket", "on_top", "bed")),
    ("A study with a desk in front of the bed with a laptop on it.",
     ("laptop", "on_top", "desk"), ("laptop", "on_top", "bed")),
])
def test_with_things_on_it_after_a_thing_placed_beside_another_go_on_the_subject(prompt, expected, unwanted):
    _, _, rels = facts(prompt)
    assert expected in rels and unwanted not in rels, rels


@pytest.mark.parametrize("prompt", [
    "An office with a chair by the desk with a laptop on it.",  # a chair holds no laptop: the desk does
    "A study with a lamp next to a desk with a laptop on it.",  # a lamp has no top
])
def test_with_things_on_it_stay_on_the_nearer_thing_when_the_subject_cannot_hold_them(prompt):
    _, _, rels = facts(prompt)
    assert ("laptop", "on_top", "desk") in rels, rels


@pytest.mark.parametrize("prompt, expected", [
    ("A bathroom where a deep tub sits between the window and the sink.",
     {("bathtub", "next_to_window", "window"), ("bathtub", "next_to", "sink")}),
    ("A small office: the desk stands between the bed and the window.",
     {("desk", "next_to", "bed"), ("desk", "next_to_window", "window")}),
])
def test_between_a_room_part_and_an_object_places_the_subject_by_both(prompt, expected):
    _, _, rels = facts(prompt)
    assert expected <= rels, rels


@pytest.mark.parametrize("prompt, rel", [
    ("A grand hall. From the ceiling hung a crystal chandelier.", ("chandelier", "hang_from_ceiling", "ceiling")),
    ("A parlour. On the wall hung two framed prints.", ("painting", "on_wall", "wall")),
])
def test_an_inverted_sentence_after_a_place_keeps_its_verb(prompt, rel):
    _, _, rels = facts(prompt)
    assert rel in rels, rels


def test_a_ceiling_hung_or_wall_mounted_adjective_still_mounts_its_noun():
    _, _, rels = facts("A bedroom with a wall mounted TV and a ceiling hung fan.")
    assert {("tv", "on_wall", "wall"), ("ceiling_fan", "hang_from_ceiling", "ceiling")} <= rels, rels


@pytest.mark.parametrize("prompt", [
    "A kids' room with a desk. I recall when I was young that I had a bed against the wall.",
    "A living room. The last homeowners had a sectional placed under the bay window.",
    "A dining room. Originally I was thinking of a rug under the table, but there is no space.",
    "A bedroom. We used to have a bunk bed by the window.",
])
def test_a_sentence_about_another_time_places_nothing(prompt):
    _, _, rels = facts(prompt)
    assert rels == set(), rels


def test_the_sentence_after_one_about_another_time_is_read():
    _, _, rels = facts("The previous owners put the sofa under the window. Now an armchair stands by the fireplace.")
    assert rels == {("armchair", "next_to", "fireplace")}, rels


@pytest.mark.parametrize("prompt, rel", [
    ("A meeting room. The long table is set with white plates.", ("plates", "on_top", "dining_table")),
    ("A dining room where the sideboard is decked with candles.", ("candles", "on_top", "sideboard")),
    ("A parlour with a mantel adorned with framed photos above the fireplace.",
     ("picture_frame", "on_top", "fireplace")),
])
def test_a_top_set_or_decked_with_things_holds_them(prompt, rel):
    _, _, rels = facts(prompt)
    assert rel in rels, rels


@pytest.mark.parametrize("prompt, rel", [
    ("A dorm room where old posters are taped to the walls.", ("poster", "on_wall", "wall")),
    ("A garage with a metal shelf bolted to the wall.", ("wall_shelf", "on_wall", "wall")),
])
def test_a_thing_fixed_to_the_wall_is_on_it(prompt, rel):
    _, _, rels = facts(prompt)
    assert rel in rels, rels


def test_things_listed_before_a_wall_or_ceiling_phrase_share_it_when_they_can_hang_there():
    _, _, rels = facts("A hallway: a bench, a round mirror and a framed print on the wall.")
    assert {("mirror", "on_wall", "wall"), ("painting", "on_wall", "wall")} <= rels, rels
    assert not any(r[0] == "bench" for r in rels), rels
    _, _, rels = facts("A nursery where a paper lantern and a fan hang from the ceiling.")
    assert ("ceiling_fan", "hang_from_ceiling", "ceiling") in rels, rels


@pytest.mark.parametrize("prompt, expected", [
    ("A guest room. The bed, dressed in white linens with a grey wool throw, stands against the wall.",
     {("bed", "against_wall", "wall"), ("throw_blanket", "on_top", "bed")}),
    ("A den where a sofa, covered in cushions, stands by the window.",
     {("sofa", "next_to_window", "window"), ("cushions", "on_top", "sofa")}),
    ("A study. The desk, cluttered with papers and a lamp, faces the wall.",
     {("desk", "against_wall", "wall"), ("table_lamp", "on_top", "desk"), ("generic:paper", "on_top", "desk")}),
])
def test_an_aside_on_how_a_thing_looks_is_passed_and_what_it_names_lies_on_the_thing(prompt, expected):
    _, _, rels = facts(prompt)
    assert expected <= rels, rels



def test_a_thing_in_a_look_aside_with_a_place_of_its_own_keeps_it():
    _, _, rels = facts("A bedroom. The bed, draped with a quilt and a lamp on the nightstand, faces the door.")
    assert ("table_lamp", "on_top", "nightstand") in rels and ("table_lamp", "on_top", "bed") not in rels, rels
