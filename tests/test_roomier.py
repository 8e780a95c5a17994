"""A room the prompt did not size, still too crowded after the repair loop (things out of reach or unplaced), is
solved once more a size larger, with a note that says so; a room the prompt sized never changes."""

from __future__ import annotations

from scenegen.design.room_fit import ROOMIER, crowded, roomier
from scenegen.scene import LayoutPlan, PlannedObject, Room


def _plan(prompt: str) -> LayoutPlan:
    return LayoutPlan(prompt=prompt, room=Room.rectangle(4.0, 3.0, type="office"),
                      objects=[PlannedObject(id="desk_1", category="desk")], relations=[])


def test_only_crowding_failures_call_for_a_larger_room() -> None:
    assert crowded(0, ["accessibility", "relations"]) and crowded(1, []) and crowded(0, ["navigability"])
    assert not crowded(0, ["relations", "stability"]) and not crowded(0, [])


def test_a_larger_room_scales_the_sides_and_says_why() -> None:
    k = ROOMIER[0]
    grown = roomier(_plan("an office with two desks facing each other"), k)
    assert grown is not None
    (_, _), (x1, y1) = grown.room.bounds
    assert (round(x1, 2), round(y1, 2)) == (round(4.0 * k, 2), round(3.0 * k, 2))
    assert grown.notes[-1].startswith(f"the room was enlarged from 4.0×3.0 m to {4.0 * k:.1f}×{3.0 * k:.1f} m")
    assert roomier(_plan("a 3 m by 4 m office with two desks"), k) is None
