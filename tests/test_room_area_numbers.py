"""Room sizes written with thousands separators: "1,000 square feet" was read as "000 square feet" and refused as an
area out of range (a prompt of the fifth held-out set gave no plan)."""

from __future__ import annotations

import pytest

from scenegen.plan import plan
from scenegen.plan.rules.room import extract_dimensions


@pytest.mark.parametrize("text, area_m2", [("a 1,000 square feet loft", 92.9), ("2,400 sq ft of space", 222.96),
                                           ("a 12 square metre bedroom", 12.0), ("a 1,250.5 sq ft flat", 116.17)])
def test_areas_read_their_whole_number(text: str, area_m2: float) -> None:
    _, dims, area = extract_dimensions(text)
    assert dims is None and area == pytest.approx(area_m2, rel=1e-3)


def test_a_loft_of_1000_square_feet_is_planned_at_that_size() -> None:
    p = plan("a 1,000 square feet loft with a sofa and a bed", "rules")
    (x0, y0), (x1, y1) = p.room.bounds
    assert (x1 - x0) * (y1 - y0) == pytest.approx(92.9, rel=0.03)
