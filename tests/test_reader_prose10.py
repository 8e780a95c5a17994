"""The rules reader on prose written by other people, tenth round (issue 17, from a tally of the extra objects and
wrong counts of held-out sets 1-7): a price or an ordinal is no count; a number before a pile the catalog keeps as one
object ("fifty books") gives one pile; a prompt that names no room but its students speaks of a classroom, whose
plain desks are the students'; bare or vaguely counted cushions are several (the category's plural name is not a
lot, as "candles" is); a thing the speaker removed ("gave away the tub", "removing the bookcase") is not planned,
with the earlier mention it names; the photograph the text is about ("the photo above", "to take this picture") is
no object; a guide's "your desk" after a desk was named names that desk. The sentences here are this project's own, in the styles of those sets."""

from __future__ import annotations

import pytest

from scenegen.plan import plan
from scenegen.training.plan.evaluate import plan_facts


def counts(prompt: str) -> dict[str, int]:
    return plan_facts(plan(prompt, planner="rules"))[0]


@pytest.mark.parametrize("prompt, want", [
    ("We found a $40 armchair at a flea market and a rug for $15.", {"armchair": 1, "rug": 1}),
    ("The den has a £300 sofa and a 20 dollar floor lamp.", {"sofa": 1, "floor_lamp": 1}),
    ("A 19th-century desk stands by the window, and an 1890s armchair faces it.", {"desk": 1, "armchair": 1}),
    ("Two armchairs sit by the fireplace; each cost $250.", {"armchair": 2}),
])
def test_a_price_or_an_ordinal_is_no_count(prompt, want):
    got = counts(prompt)
    for cat, n in want.items():
        assert got.get(cat) == n, got


@pytest.mark.parametrize("prompt, want", [
    ("A tall bookshelf holds about forty books.", {"bookshelf": 1, "books": 1}),
    ("Two towels hang by the sink and three books lie on the desk.", {"books": 1}),
    ("A sofa with two cushions on it and four plates on the table.", {"cushions": 2, "plates": 4}),
])
def test_a_number_before_a_pile_gives_one_pile(prompt, want):
    got = counts(prompt)
    for cat, n in want.items():
        assert got.get(cat) == n, got


@pytest.mark.parametrize("prompt, want", [
    ("I arranged twelve desks in rows so the students can see the board.", {"school_desk": 12}),
    ("The pupils keep their books in their desks, and my desk stands by the door.",
     {"school_desk": 2, "teachers_desk": 1}),
])
def test_a_room_named_by_its_students_is_a_classroom(prompt, want):
    got = counts(prompt)
    for cat, n in want.items():
        assert got.get(cat) == n, got
    assert "desk" not in got, got


def test_desks_without_students_stay_desks():
    assert counts("Two desks face the window in our study.") == {"desk": 2}


@pytest.mark.parametrize("prompt, lo, hi", [
    ("A window seat piled with soft linen cushions.", 2, 6),
    ("A daybed with a couple of cushions.", 2, 2),
    ("The sofa has plenty of velvet cushions.", 4, 12),
])
def test_cushions_are_counted_one_by_one(prompt, lo, hi):
    assert lo <= counts(prompt).get("cushions", 0) <= hi


def test_candles_named_as_a_lot_stay_one_set():
    assert counts("A mantel with candles and a mirror above it.").get("candles") == 1


@pytest.mark.parametrize("prompt, gone, kept", [
    ("The bathroom had an old tub and a toilet. We gave away the tub and kept the toilet.", "bathtub", "toilet"),
    ("Removing the tall bookcase made space for a reading chair.", "bookshelf", "armchair"),
    ("There was a sofa and a rug. We tossed the rug last spring.", "rug", "sofa"),
    ("Our den has a loveseat and a lamp. We plan to replace the loveseat with a sectional.", "loveseat", "table_lamp"),
])
def test_a_thing_taken_out_of_the_room_is_not_planned(prompt, gone, kept):
    got = counts(prompt)
    assert gone not in got and got.get(kept) == 1, got


def test_a_removal_names_only_the_thing_after_it():
    got = counts("We donated the old desk, and a new desk stands by the window with a lamp on it.")
    assert got.get("desk") == 1 and got.get("table_lamp") == 1, got


@pytest.mark.parametrize("prompt", [
    "As you can see in the photo above, the sofa faces the fireplace.",
    "The picture was taken from the doorway: a bed, a rug and a lamp.",
    "I stood on a stool to take this photo of the bed and the rug.",
    "A photo tour of our guest room: a bed and a rug.",
])
def test_the_photograph_of_the_room_is_no_object(prompt):
    got = counts(prompt)
    assert "picture_frame" not in got and "painting" not in got, got


def test_a_photo_on_the_wall_stays_an_object():
    got = counts("A framed photo hangs above the bed, and a picture leans on the dresser.")
    assert got.get("picture_frame", 0) + got.get("painting", 0) == 2, got


def test_your_thing_named_again_is_the_same_thing():
    got = counts("Put your desk near the window. Later, turn your desk so the lamp on it lights the page.")
    assert got.get("desk") == 1, got


def test_only_some_of_the_things_is_no_request_for_nothing_else():
    """'We have six chairs, but only two are at the table' asked for nothing but the chairs ('the prompt says only');
    'only two are' speaks of some of them."""
    from scenegen.plan.brief import read_brief

    assert not read_brief("We actually have six chairs, but only two are currently at the table.").only
    assert read_brief("a bedroom with only a bed and a desk").only
    assert read_brief("just two chairs and a table").only


def test_a_tables_seats_are_counted_once():
    """'The table sits four to six, but an overlay accommodates up to fourteen' planned 18 chairs (holdout4)."""
    p = plan("The dining table is small. The table sits four to six, but we also had an overlay made that "
             "accommodates up to fourteen.", planner="rules")
    assert sum(o.category == "chair" for o in p.objects) == 4
