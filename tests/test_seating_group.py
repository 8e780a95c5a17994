"""A living room's seats turn to their coffee table, and the coffee table stands in front of the sofa, not off its end
(seen in renders: armchairs with their backs to the table, 90-160° off; a coffee table beside the sofa's arm scored
as "in front of" it because only the forward distance was checked)."""

from __future__ import annotations

import math

import pytest

from scenegen.pipeline import make
from scenegen.scene import Relation, Room
from scenegen.solve.relations import SATISFIED, Box, score_relation


def _off_facing(seat, target) -> float:  # noqa: ANN001 -- scenegen ObjectInstances
    """Degrees between the seat's front (+y turned by its yaw) and the direction to the target's centre."""
    (sx, sy, _), (tx, ty, _) = seat.pose.position, target.pose.position
    fx, fy = -math.sin(seat.pose.yaw), math.cos(seat.pose.yaw)
    dx, dy = tx - sx, ty - sy
    return math.degrees(math.acos(max(-1.0, min(1.0, (fx * dx + fy * dy) / math.hypot(dx, dy)))))


@pytest.mark.parametrize("seed", [0, 2])
def test_armchairs_face_the_coffee_table_and_the_table_is_in_front_of_the_sofa(seed: int) -> None:
    scene = make("a living room with a sofa, two armchairs and a coffee table", seed=seed, density="normal",
                 pictures=False).scene
    (table,) = [o for o in scene.objects if o.category == "coffee_table"]
    (sofa,) = [o for o in scene.objects if o.category == "sofa"]
    chairs = [o for o in scene.objects if o.category == "armchair"]
    assert len(chairs) == 2
    assert all(_off_facing(c, table) < 45 for c in chairs), [round(_off_facing(c, table)) for c in chairs]
    boxes = {o.id: Box.of(o) for o in scene.objects}
    rel = Relation(kind="in_front_of", subject=table.id, target=sofa.id, params={"centred": 1.0})
    assert float(score_relation(rel, boxes, scene.room)) > SATISFIED


def test_a_centred_in_front_of_needs_the_subject_within_the_targets_width() -> None:
    """The solver's implied companions carry ``centred``; a stated "in front of" is the whole front half-plane."""
    room = Room.rectangle(5.0, 4.0)
    sofa = Box("b", 2.0, 2.0, 0.0, 0.0, 2.0, 0.9, 0.8)          # facing +y, its arms at x = 1 and 3

    def score(kind: str, x: float, y: float, centred: bool = True) -> float:
        boxes = {"a": Box("a", x, y, 0.0, 0.0, 1.0, 0.6, 0.4), "b": sofa}
        params = {"centred": 1.0} if centred else {}
        return float(score_relation(Relation(kind=kind, subject="a", target="b", params=params), boxes, room))

    assert score("in_front_of", 2.0, 3.0) > SATISFIED          # centred in front
    assert score("in_front_of", 3.2, 3.0) > SATISFIED          # its centre 0.2 m past the arm
    assert score("in_front_of", 3.7, 3.0) < SATISFIED          # off the end: beside it, not in front
    assert score("behind", 3.7, 1.0) < SATISFIED
    assert score("behind", 2.0, 1.0) > SATISFIED
    assert score("in_front_of", 3.7, 3.0, centred=False) > SATISFIED   # as stated: in the front half-plane


def test_implied_companions_in_front_are_centred() -> None:
    from scenegen.scene import AssetRef, LayoutPlan, PlannedObject
    from scenegen.solve.roles import implied_relations, make_item

    plan = LayoutPlan(prompt="test", room=Room.rectangle(4.0, 3.5, type="living_room"),
                      objects=[PlannedObject(id="sofa", category="sofa"),
                               PlannedObject(id="table", category="coffee_table"),
                               PlannedObject(id="chair", category="armchair")])
    items = {o.id: make_item(plan, o, AssetRef(backend="procedural", category=o.category, seed=0, params={}),
                             (1.0, 0.8, 0.8)) for o in plan.objects}
    rels = {(r.subject, r.kind, r.target): r.params for r in implied_relations(plan, items)}
    assert rels[("table", "in_front_of", "sofa")] == {"centred": 1.0}
    assert ("chair", "face_to", "table") in rels and rels[("chair", "face_to", "table")] == {}
