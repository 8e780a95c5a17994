"""The room-level brief: a room named without objects is a complete request (the design stage furnishes it); people and
pets are themes, never objects; style, negation and "only" reach the plan as fields."""

import pytest

from scenegen.plan import plan
from scenegen.plan.brief import program_base, read_brief


@pytest.mark.parametrize("prompt, program, room_type", [
    ("a living room", "living_room", "living_room"),
    ("a cozy bedroom", "bedroom", "bedroom"),
    ("a kids' playroom", "playroom", "bedroom"),
    ("a kids' room", "kids_room", "bedroom"),
    ("a small home office", "home_office", "office"),
    ("a café", "cafe", "dining_room"),
    ("a Harry Potter-themed library", "library", "office"),
    ("a classroom", "classroom", "classroom"),
])
def test_a_room_type_alone_is_a_plan_without_objects(prompt, program, room_type):
    p = plan(prompt)
    assert p.objects == [] and p.program == program and p.room.type == room_type
    assert p.room.area > 3.0


def test_people_are_themes_and_pets_are_themes_too():
    """A person is never an object; a pet is a theme (the design stage adds pet things) and, since the catalog has
    cats and dogs, the animal itself."""
    p = plan("a 1b1b apartment of a researcher who has a cat")
    assert [o.category for o in p.objects] == ["cat"]
    assert p.themes == ["researcher", "cat"]
    assert plan("a study for a professor").objects == []
    p = plan("a cozy bedroom for a teenager who plays guitar")
    assert [o.category for o in p.objects] == ["guitar"] and p.themes == ["teenager"]


def test_style_negation_and_only():
    p = plan("a scandinavian living room with only a sofa and a rug, no tv and no coffee table")
    assert p.style == "scandinavian" and p.only
    assert p.excluded == ["coffee_table", "tv"]
    assert sorted(o.category for o in p.objects) == ["rug", "sofa"]
    assert not plan("a living room with a sofa, not only a rug").only
    assert read_brief("a mid-century modern den").style == "mid-century"


def test_themes_from_themed_words_and_accents():
    assert read_brief("a dinosaur-themed kids room").themes == ["dinosaur"]
    assert read_brief("a café with ten tables").program == "cafe"
    assert [o.category for o in plan("a café with ten tables").objects] == ["dining_table"] * 10
    assert program_base("kids_room") == "bedroom" and program_base("kitchen") == "kitchen"
