"""'Under' on a wall: a ledge under a print, a console table under a mirror. The subject stands lower than its
target, within its width, against the same wall; the solver hangs a wall thing just under (or over) its partner."""

from __future__ import annotations

import numpy as np
import pytest

from scenegen.pipeline import make
from scenegen.scene import Relation
from scenegen.solve.relations import SATISFIED, Box, score_relation


def _score(kind: str, s: Box, t: Box) -> float:
    return float(score_relation(Relation(kind=kind, subject=s.id, target=t.id), {s.id: s, t.id: t}, None))


def test_below_on_the_same_wall_within_the_target_width_is_under() -> None:
    # a print on the south wall (its back at y = 0, facing +y), 0.6 m wide, hung from 1.2 to 1.8 m
    art = Box("art", 1.0, 0.015, 1.2, 0.0, 0.6, 0.03, 0.6)
    ledge = Box("ledge", 1.1, 0.1, 0.9, 0.0, 0.5, 0.2, 0.2)  # back at y = 0 too, top at 1.1 m
    assert _score("under", ledge, art) > SATISFIED
    beside = Box("ledge", 1.6, 0.1, 0.9, 0.0, 0.5, 0.2, 0.2)  # its centre past the print's edge
    assert _score("under", beside, art) < SATISFIED
    over = Box("ledge", 1.1, 0.1, 1.5, 0.0, 0.5, 0.2, 0.2)  # overlapping the print's height
    assert _score("under", over, art) < SATISFIED
    off_wall = Box("ledge", 1.1, 0.6, 0.9, 0.0, 0.5, 0.2, 0.2)  # half a metre out into the room
    assert _score("under", off_wall, art) < SATISFIED


@pytest.mark.parametrize("prompt, subject, target", [
    ("a living room with a sofa, a painting on the wall and a wall shelf under the painting", "wall_shelf",
     "painting"),
    ("a hallway with a mirror on the wall and a console table under the mirror", "console_table", "mirror"),
])
def test_a_thing_under_a_hung_thing_is_placed_under_it(prompt: str, subject: str, target: str) -> None:
    result = make(prompt, seed=0, planner="rules", density="minimal")
    assert result.report.passed, [f.message for f in result.report.findings if f.status == "fail"]
    boxes = {o.id: Box.of(o) for o in result.scene.objects}
    (s,) = [o.id for o in result.scene.objects if o.category == subject]
    (t,) = [o.id for o in result.scene.objects if o.category == target]
    assert score_relation(Relation(kind="under", subject=s, target=t), boxes, result.scene.room) > SATISFIED
    assert boxes[s].top <= boxes[t].z + 1e-6 and np.isclose(boxes[t].yaw, boxes[s].yaw)
