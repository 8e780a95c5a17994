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
