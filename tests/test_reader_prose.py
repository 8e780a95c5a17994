"""The rules reader on prose written by other people (issue 17's held-out sets): picture-framing words, words that are
never nouns, measurements and size words. The sentences here are this project's own, in the styles of those sets."""

from __future__ import annotations

import pytest

from scenegen.plan import plan
from scenegen.plan.lexicon import never_a_noun, parts_of_speech
from scenegen.training.plan.evaluate import plan_facts


def facts(prompt: str):
    return plan_facts(plan(prompt, planner="rules"))


def test_the_lemma_tables_know_nouns_verbs_and_adjectives():
    assert "NOUN" in parts_of_speech("typewriter") and "VERB" in parts_of_speech("glinting")
    assert never_a_noun("glinting") and never_a_noun("sleek") and never_a_noun("we'd")
    assert not never_a_noun("furnace") and not never_a_noun("display")  # a noun, even if also a verb
    assert not never_a_noun("rayburn")  # unknown to the tables: given the benefit of the doubt


@pytest.mark.parametrize("prompt, not_things", [
    ("An attic den, sunbeams glinting on a worn sofa and a trunk bedecked with stickers.", {"glinting", "bedecked"}),
    ("A hall where we'd keep a coat rack and a tufted bench by the door.", {"we'd", "tufted"}),
])
def test_words_that_are_never_nouns_become_no_objects(prompt, not_things):
    counts, _, _ = facts(prompt)
    generic = " ".join(k for k in counts if k.startswith("generic:"))
    assert not any(w in generic for w in not_things), counts


def test_a_concrete_unknown_noun_still_becomes_an_object():
    counts, _, _ = facts("a den with a sofa, a typewriter and a jukebox")
    assert counts.get("generic:typewriter") == 1 and counts.get("generic:jukebox") == 1


@pytest.mark.parametrize("prompt", [
    "Editorial Style Photo, Scandinavian Bedroom, Bed, Nightstand, Linen, Oak",
    "a realistic render of a bedroom with a bed and a nightstand",
    "a photo of a cozy bedroom with a bed and a nightstand",
])
def test_the_picture_a_prompt_asks_for_is_no_picture_frame(prompt):
    counts, _, _ = facts(prompt)
    assert counts == {"bed": 1, "nightstand": 1}


def test_a_photo_in_the_room_is_still_a_picture():
    counts, _, _ = facts("a bedroom with a bed and a framed photo of a lighthouse on the wall")
    assert counts.get("picture_frame") == 1


def test_a_measurement_is_no_count_and_no_object():
    counts, _, _ = facts("a dining room with a table, six chairs and a 36-inch walkway around the table")
    assert counts == {"dining_table": 1, "chair": 6}


def test_tall_is_a_size():
    _, attrs, _ = facts("an office with a tall bookcase, a desk and tall filing cabinets")
    assert ("bookshelf", "size", "large") in attrs and ("filing_cabinet", "size", "large") in attrs
