"""Each relation scorer on hand-built poses (SceneEval bands: next_to 0-0.5 m, near 0.5-1.5 m, face_to 30°...)."""

import math

import pytest

from scenegen.scene import Opening, Relation, Room
from scenegen.solve.relations import Box, score_relation

ROOM = Room.rectangle(5.0, 4.0, openings=[
    Opening(id="door_1", kind="door", wall=0, offset=0.8, width=0.9, height=2.1),
    Opening(id="window_1", kind="window", wall=2, offset=2.5, width=1.2, height=1.2, sill=0.9)])


def box(id, x, y, yaw=0.0, w=1.0, d=1.0, h=0.5, z=0.0):
    return Box(id, x, y, z, yaw, w, d, h)


def score(kind, boxes, target="b"):
    return score_relation(Relation(kind=kind, subject="a", target=target), {b.id: b for b in boxes}, ROOM)


@pytest.mark.parametrize("gap, expected", [(0.0, True), (0.45, True), (0.9, False)])
def test_next_to(gap, expected):
    a, b = box("a", 1.0, 2.0), box("b", 2.0 + gap, 2.0)
    assert (score("next_to", [a, b]) > 0.5) is expected


@pytest.mark.parametrize("gap, expected", [(0.7, True), (1.4, True), (2.5, False)])
def test_near(gap, expected):
    assert (score("near", [box("a", 1.0, 2.0), box("b", 2.0 + gap, 2.0)]) > 0.5) is expected


def test_face_to_within_30_degrees():
    b = box("b", 2.5, 3.0)
    facing = box("a", 2.5, 1.0, yaw=0.0)  # front +y, towards b
    assert score("face_to", [facing, b]) == 1.0
    assert score("face_to", [box("a", 2.5, 1.0, yaw=math.radians(25)), b]) == 1.0
    assert score("face_to", [box("a", 2.5, 1.0, yaw=math.radians(80)), b]) < 0.5
    assert score("face_to", [box("a", 2.5, 1.0, yaw=math.pi), b]) == 0.0


def test_left_right_front_behind_in_anchor_frame():
    b = box("b", 2.5, 2.0, yaw=math.pi)  # anchor faces -y; its right hand is world -x
    assert score("right_of", [box("a", 1.2, 2.0), b]) > 0.5
    assert score("left_of", [box("a", 1.2, 2.0), b]) == 0.0
    assert score("in_front_of", [box("a", 2.5, 0.8), b]) > 0.5
    assert score("behind", [box("a", 2.5, 3.2), b]) > 0.5


def test_on_top_and_under():
    table = box("b", 2.0, 2.0, w=1.0, d=0.6, h=0.7)
    assert score("on_top", [box("a", 2.1, 2.0, w=0.2, d=0.2, z=0.7), table]) == 1.0
    assert score("on_top", [box("a", 2.1, 2.0, w=0.2, d=0.2, z=0.9), table]) == 0.0  # floating
    assert score("on_top", [box("a", 3.0, 2.0, w=0.2, d=0.2, z=0.7), table]) == 0.0  # beside
    assert score("under", [box("a", 2.0, 2.0, w=0.3, d=0.3, h=0.3), table]) == 1.0


def test_architecture_relations():
    assert score("against_wall", [box("a", 2.5, 0.5, yaw=0.0)], "wall") == 1.0  # back on the south wall
    assert score("against_wall", [box("a", 2.5, 0.5, yaw=math.pi)], "wall") < 0.5  # facing the wall
    assert score("against_wall", [box("a", 2.5, 2.0)], "wall") < 0.5
    assert score("corner", [box("a", 0.5, 0.5)], "wall") == 1.0
    assert score("corner", [box("a", 2.5, 0.5)], "wall") < 0.5
    assert score("middle_of_room", [box("a", 2.5, 2.0)], "room") == 1.0
    assert score("middle_of_room", [box("a", 0.6, 0.6)], "room") < 0.5
    assert score("next_to_window", [box("a", 2.5, 3.3)], "window") == 1.0
    assert score("next_to_window", [box("a", 2.5, 1.0)], "window") < 0.5
    assert score("next_to_door", [box("a", 0.8, 1.0)], "door") == 1.0
    assert score("hang_from_ceiling", [box("a", 2.5, 2.0, h=0.3, z=2.4)], "ceiling") == 1.0
    assert score("on_wall", [box("a", 2.5, 0.02, w=0.8, d=0.04, h=0.6, z=1.2)], "wall") == 1.0


def test_around_faces_the_anchor():
    table = box("b", 2.5, 2.0, w=1.2, d=0.8)
    assert score("around", [box("a", 2.5, 2.7, yaw=math.pi, w=0.45, d=0.45), table]) > 0.5
    assert score("around", [box("a", 2.5, 2.7, yaw=0.0, w=0.45, d=0.45), table]) < 0.5  # back to the table
    assert score("across_from", [box("a", 2.5, 4.0 - 0.6, yaw=math.pi), box("b", 2.5, 1.0)]) > 0.5


def test_paired_is_symmetric_about_the_anchor():
    bed = box("bed", 2.5, 3.0, yaw=math.pi, w=1.6, d=2.0)  # head against the north wall, facing south
    left, right = box("a", 1.45, 3.75, yaw=math.pi, w=0.5, d=0.4), box("b", 3.55, 3.75, yaw=math.pi, w=0.5, d=0.4)
    rel = Relation(kind="paired", subject="a", target="b", params={"anchor": "bed"})
    boxes = {b.id: b for b in (bed, left, right)}
    assert score_relation(rel, boxes, ROOM) == 1.0
    shifted = box("b", 3.55, 3.2, yaw=math.pi, w=0.5, d=0.4)  # 55 cm further towards the foot: not mirrored
    assert score_relation(rel, {**boxes, "b": shifted}, ROOM) < 0.5
    same_side = box("b", 1.45, 3.2, yaw=math.pi, w=0.5, d=0.4)
    assert score_relation(rel, {**boxes, "b": same_side}, ROOM) == 0.0


def test_on_wall_at_a_stated_height():
    painting = box("a", 2.5, 0.02, w=0.8, d=0.04, h=0.6, z=1.2)  # centre 1.5 m up
    at = Relation(kind="on_wall", subject="a", target="wall", params={"height": 1.5})
    low = Relation(kind="on_wall", subject="a", target="wall", params={"height": 1.0})
    assert score_relation(at, {"a": painting}, ROOM) == 1.0
    assert score_relation(low, {"a": painting}, ROOM) < 0.5


@pytest.mark.parametrize("kind", ["next_to", "near", "far", "face_to", "across_from", "left_of", "right_of",
                                  "in_front_of", "behind", "side_of", "around", "middle_of", "aligned", "paired",
                                  "on_top", "under", "against_wall", "corner", "middle_of_room", "next_to_window",
                                  "next_to_door", "on_wall", "hang_from_ceiling"])
def test_batch_scores_equal_one_pose_at_a_time(kind):
    """The solver scores many candidate poses at once; the validators one: both are the same function."""
    import numpy as np

    from scenegen.solve.relations import Boxes, score_relation_batch

    rng = np.random.default_rng(len(kind))
    n = 64
    x, y = rng.uniform(0.2, 4.8, n), rng.uniform(0.2, 3.8, n)
    yaw = rng.uniform(-math.pi, math.pi, n)
    z = rng.choice([0.0, 0.7, 1.2, 2.2], n)
    target = box("b", 2.4, 2.1, yaw=0.4, w=1.2, d=0.8, h=0.7)
    rel = Relation(kind=kind, subject="a", target="b")
    batch = score_relation_batch(rel, Boxes.candidates(x, y, yaw, (0.5, 0.4, 0.5), z), Boxes.of(target), ROOM)
    one = [score_relation(rel, {"a": box("a", x[k], y[k], yaw[k], 0.5, 0.4, 0.5, z[k]), "b": target}, ROOM)
           for k in range(n)]
    assert np.allclose(batch, one)
    assert 0.0 <= batch.min() and batch.max() <= 1.0
