"""Tables sized for the seats the plan puts at them, and rooms sized for the seated table."""

from __future__ import annotations

import pytest

from scenegen.assets.seating import SEAT_WIDTH, seated_length, seats_at_tables
from scenegen.pipeline import make
from scenegen.plan import plan as make_plan


def test_seated_length_gives_each_person_a_place_at_the_table() -> None:
    assert seated_length(4) == pytest.approx(SEAT_WIDTH + 0.2)  # one at each end, one per long side
    assert seated_length(8) == pytest.approx(3 * SEAT_WIDTH + 0.2)
    assert seated_length(10, 0.75) == pytest.approx(4 * 0.75 + 0.2)  # wide office chairs take more edge
    assert seated_length(10, 0.4) == pytest.approx(4 * SEAT_WIDTH + 0.2)  # never less than SEAT_WIDTH each


def test_seats_at_tables_counts_related_and_companion_seats() -> None:
    stated = make_plan("a dining room with a table and eight chairs around it", planner="rules")
    assert [len(s) for s in seats_at_tables(stated).values()] == [8]
    implied = make_plan("a dining room with a table and eight chairs", planner="rules")  # the catalog's companion
    assert [len(s) for s in seats_at_tables(implied).values()] == [8]


def test_eight_chairs_get_a_table_and_a_room_they_fit() -> None:
    """Eight chairs around the default 1.6 m table in the default 3.6 x 3.0 m dining room left two chairs nobody
    could reach (exit 4)."""
    result = make("a dining room with a table and eight chairs", seed=0, planner="rules")
    (table,) = [o for o in result.scene.objects if o.category == "dining_table"]
    assert table.size[0] >= seated_length(8) - 1e-6
    assert result.exit_code == 0 and result.scene.counts()["chair"] == 8
