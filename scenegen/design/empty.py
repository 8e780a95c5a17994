"""An empty room for a prompt that names a room and nothing in it ("a living room"), so the design stage has a plan
to complete even when a planner refuses a prompt without furniture."""

from __future__ import annotations

from scenegen.design.brief import choose_program, fold
from scenegen.plan.finishes import with_finishes
from scenegen.scene import LayoutPlan, Opening, Room

DOOR = (0.9, 2.05)
"""door width and height, metres (the rules planner's)"""
WINDOW = (1.2, 1.2, 0.9)
"""window width, height and sill, metres"""


def empty_plan(prompt: str, planner: str) -> LayoutPlan | None:
    """A plan with the room the prompt names (its program's default size, a door on the south wall and a window on
    the north) and no objects; None when the prompt names no room type a program knows."""
    prog = choose_program(prompt, "")
    if prog.name == "room" or not fold(prompt):
        return None
    w, d = prog.size
    openings = [Opening(id="door_1", kind="door", wall=0, offset=0.3 + DOOR[0] / 2, width=DOOR[0], height=DOOR[1]),
                Opening(id="window_1", kind="window", wall=2, offset=round(w / 2, 3), width=min(WINDOW[0], w - 0.4),
                        height=WINDOW[1], sill=WINDOW[2])]
    room = with_finishes(Room.rectangle(w, d, type=prog.planner_types[0] if prog.planner_types else "room",
                                        openings=openings), prompt)
    return LayoutPlan(prompt=prompt, room=room, planner=planner,
                      notes=[f"the planner found no objects; an empty {prog.name.replace('_', ' ')} for the design "
                             f"stage to furnish"])
