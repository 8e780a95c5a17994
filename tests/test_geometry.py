"""Footprint geometry: rotated rectangles, overlap, containment in L-shaped rooms."""

import math

import numpy as np
import pytest

from scenegen.geometry import (footprint_corners, rect_distance, rects_inside_polygon, rects_overlap, rotated_extent,
                               yaw_facing)

L_ROOM = np.array([(0, 0), (4, 0), (4, 2), (2, 2), (2, 4), (0, 4)], dtype=float)


def test_yaw_facing_inverts_front():
    for d in [(0, 1), (1, 0), (-1, 0), (0, -1), (0.6, 0.8)]:
        yaw = yaw_facing(d)
        assert (-math.sin(yaw), math.cos(yaw)) == pytest.approx(d)


def test_corners_counter_clockwise_and_rotated():
    c = footprint_corners(0.0, 0.0, 1.0, 0.5, math.pi / 2)
    assert c.shape == (4, 2)
    area = 0.5 * sum(c[i, 0] * c[(i + 1) % 4, 1] - c[(i + 1) % 4, 0] * c[i, 1] for i in range(4))
    assert area == pytest.approx(2.0)  # positive: counter-clockwise
    assert np.abs(c[:, 0]).max() == pytest.approx(0.5) and np.abs(c[:, 1]).max() == pytest.approx(1.0)
    assert rotated_extent(1.0, 0.5, math.pi / 2) == pytest.approx((0.5, 1.0))


def test_overlap_touching_and_separate():
    a = footprint_corners(np.array([0.0, 1.0, 2.5, 0.5]), 0.0, 0.5, 0.5, np.array([0.0, 0.0, 0.0, math.pi / 4]))
    b = footprint_corners(0.0, 0.0, 0.5, 0.5, 0.0)
    assert rects_overlap(a, b).tolist() == [True, False, False, True]  # same, touching, apart, rotated overlap
    assert rect_distance(a[2], b) == pytest.approx(1.5)
    assert rect_distance(a[1], b) == 0.0


def test_l_shaped_room_containment():
    rects = footprint_corners(np.array([1.0, 3.0, 3.0, 1.9]), np.array([1.0, 1.0, 3.0, 1.9]), 0.4, 0.4, 0.0)
    # inside the south arm; inside the east arm; in the missing quadrant; straddling the reflex corner
    assert rects_inside_polygon(L_ROOM, rects).tolist() == [True, True, False, False]
