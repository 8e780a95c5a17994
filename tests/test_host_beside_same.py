"""A thing on a top that the plan puts beside floor furniture ("a lamp next to the bed") stands on the top the plan
puts beside the same furniture (the nightstand), not on whichever top is emptiest."""

from __future__ import annotations

from scenegen.pipeline import make


def test_a_lamp_between_twin_beds_stands_on_the_shared_bedside_table() -> None:
    """Before: the lamp went onto the dresser across the room and both next_to relations failed (public holdout 3's
    'twin beds with a shared bedside table and lamp between them')."""
    result = make("a bedroom with twin beds with a shared bedside table and a lamp between them, and a dresser",
                  seed=0, planner="rules")
    objects = {o.id: o for o in result.scene.objects}
    assert objects["table_lamp_1"].support == "nightstand_1"
    assert result.report.passed, [f.message for f in result.report.findings if f.status == "fail"]
