"""The objectness classifier (``scenegen.plan.objectness``): unknown noun phrases that name no placeable thing do not
become open-vocabulary objects, concrete unknown things still do, and the bundled weights come with a card."""

from __future__ import annotations

import json

import pytest

from scenegen.plan import plan
from scenegen.plan.objectness import CARD, WEIGHTS, bundled_model, names_no_object, objectness


def test_the_bundled_classifier_has_a_card_that_says_how_it_was_made():
    assert WEIGHTS.exists() and WEIGHTS.stat().st_size < 10_000
    card = json.loads(CARD.read_text())
    assert card["data"]["held_out_sets_used"] is False
    assert "scenegen.training.plan.objectness" in card["command"]
    assert card["scores_5fold"]["generic_recall"] >= card["min_recall"] - 0.01
    assert card["scores_5fold"]["negative_rejected"] > 0.5
    assert bundled_model() is not None and 0 < bundled_model().threshold < 1


@pytest.mark.parametrize("phrase", ["gentle warmth", "moonlight", "silence", "velvet", "shadows"])
def test_prose_words_are_no_objects(phrase):
    assert names_no_object(phrase), objectness(phrase)


@pytest.mark.parametrize("phrase", ["jukebox", "typewriter", "grandfather clock", "telescope", "pipe organ"])
def test_unknown_furniture_and_things_are_kept(phrase):
    assert not names_no_object(phrase), objectness(phrase)


def test_a_literary_room_keeps_its_things_and_drops_its_atmosphere():
    p = plan("An old parlour. A gentle warmth comes from the fire, moonlight falls on a jukebox, and a typewriter "
             "sits on the desk.", planner="rules")
    generic = {o.description for o in p.objects if o.generic}
    assert {"jukebox", "typewriter"} <= generic
    assert not any("warmth" in d or "moonlight" in d for d in generic), generic


def test_the_regression_fits_a_separable_toy_problem():
    import torch

    from scenegen.training.plan.objectness import fit

    x = torch.tensor([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]])
    y = torch.tensor([1.0, 1.0, 0.0, 0.0])
    w, b = fit(x, y, seed=0, steps=200)
    assert ((x @ w + b > 0).float() == y).all()
