"""A rug drawn larger than the room ('a large area rug covers the floor' in a small room) is made smaller to fit
rather than left out."""

from __future__ import annotations

import numpy as np

from scenegen.scene import AssetRef, LayoutPlan, PlannedObject, Room
from scenegen.solve.rugs import place_flat
from scenegen.solve.state import SolverState


def test_a_rug_larger_than_the_room_is_shrunk_to_fit():
    plan = LayoutPlan(prompt="test", room=Room.rectangle(4.0, 3.2, type="living_room"),
                      objects=[PlannedObject(id="rug_1", category="rug", description="large rug")], relations=[])
    refs = {"rug_1": AssetRef(backend="procedural", category="rug", seed=0, params={"width": 3.89, "depth": 3.24})}
    st = SolverState(plan, refs, {"rug_1": (3.89, 3.24, 0.01)}, np.random.default_rng(0))
    place_flat(st, st.items["rug_1"])
    assert "rug_1" in st.boxes, st.unplaced
    box = st.boxes["rug_1"]
    assert max(box.width, box.depth) <= 4.0 and min(box.width, box.depth) <= 3.2
