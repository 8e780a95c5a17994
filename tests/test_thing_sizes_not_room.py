"""Dimensions written beside a thing size that thing, not the room: a rental listing's "full-size bed (200x120 cm)"
was read as a 200 × 120 m room and the prompt refused (eighth held-out set, pv054)."""

from __future__ import annotations

import pytest

from scenegen.plan import PlanError, plan
from scenegen.plan.rules.room import extract_dimensions


@pytest.mark.parametrize("prompt", [
    "The room features a full-size bed (200x120 cm) with a night table and a desk and chair.",
    "an office with a desk, measuring 120 x 60 cm, and a chair",
    "a living room with a 5x8 rug and a sofa",
])
def test_a_size_beside_a_thing_is_not_the_rooms(prompt: str) -> None:
    _, dims, _ = extract_dimensions(prompt)
    assert dims is None
    (x0, y0), (x1, y1) = plan(prompt, planner="rules").room.bounds
    assert min(x1 - x0, y1 - y0) >= 2.0  # sized for its furniture, not 1.2 m or 200 m


@pytest.mark.parametrize("prompt, dims", [
    ("a 5x4 m bedroom with a bed", (5.0, 4.0)),
    ("a bedroom with a bed and a desk, 4x3.5 m", (4.0, 3.5)),  # too big for a desk: the room's
    ("a 500x400 cm bedroom", (5.0, 4.0)),
    ("a living room 6 x 4 with a sofa", (6.0, 4.0)),
])
def test_a_room_size_is_still_read(prompt: str, dims: tuple[float, float]) -> None:
    assert extract_dimensions(prompt)[1] == dims


def test_a_room_size_out_of_range_is_still_refused() -> None:
    with pytest.raises(PlanError, match="out of range"):
        extract_dimensions("a 100x100 room")


@pytest.mark.parametrize("prompt, counts", [
    ("a living room with a $5 side table and a $20 Walmart rug", {"side_table": 1, "rug": 1}),
    ("a bedroom with a 20 dollar lamp and two chairs", {"table_lamp": 1, "chair": 2}),
    ("a kitchen with a $1,200 fridge", {"fridge": 1}),
])
def test_a_price_is_not_a_count(prompt: str, counts: dict[str, int]) -> None:
    """'a $6 outdoor rug from Big Lots' planned six rugs (a held-out classroom tour: 26 rugs in all)."""
    p = plan(prompt, planner="rules")
    got = {c: sum(o.category == c for o in p.objects) for c in counts}
    assert got == counts
