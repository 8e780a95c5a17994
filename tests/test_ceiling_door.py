"""A ceiling thing that hangs lower than a door's top is hung outside the door's clearance box (SceneEval's opening
clearance runs from the floor to the door top; a chandelier 18 cm from a door failed it)."""

from __future__ import annotations

import numpy as np

from scenegen.geometry import overlap_matrix
from scenegen.scene import AssetRef, LayoutPlan, Opening, PlannedObject, Relation, Room
from scenegen.solve.relations import Box
from scenegen.solve.roles import keepout_zones
from scenegen.solve.state import SolverState
from scenegen.solve.wall import place_on_ceiling


def _room() -> Room:
    door = Opening(id="door_1", kind="door", wall=0, offset=0.6, width=0.9, height=2.1, sill=0.0)
    return Room.rectangle(3.0, 3.0, height=2.7, type="dining_room", openings=[door])


def test_a_low_chandelier_keeps_out_of_the_door_swing_even_when_its_table_is_by_the_door():
    room = _room()
    plan = LayoutPlan(prompt="t", room=room,
                      objects=[PlannedObject(id="c", category="chandelier", description="chandelier"),
                               PlannedObject(id="t", category="dining_table", description="table")],
                      relations=[Relation(kind="hang_from_ceiling", subject="c", target="ceiling"),
                                 Relation(kind="near", subject="c", target="t")])
    refs = {o.id: AssetRef(backend="procedural", category=o.category, seed=0, params={}) for o in plan.objects}
    sizes = {"c": (0.8, 0.8, 0.75), "t": (1.2, 0.8, 0.75)}  # the chandelier hangs down to 1.95 m, below the door top
    st = SolverState(plan, refs, sizes, np.random.default_rng(0))
    st.boxes["t"] = Box("t", 0.8, 0.7, 0.0, 0.0, 1.2, 0.8, 0.75)  # its table stands by the door
    door_zone = [z for z, _, label in keepout_zones(room) if label.startswith("door")][0]
    place_on_ceiling(st, st.items["c"])
    box = st.boxes["c"]
    assert not overlap_matrix(np.asarray([box.corners]), door_zone[None], margin=1e-4)[0, 0]
