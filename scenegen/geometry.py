"""Plain functions on arrays for footprints and boxes (trimesh style). Metres, radians, z up.

A *footprint* is an object's rotated rectangle on the floor plane: centre (x, y), half extents (hw, hd) along its local
x and y, and yaw. Corners come out counter-clockwise as a (4, 2) array (or (N, 4, 2) for N footprints).
"""

from __future__ import annotations

import math

import numpy as np


def yaw_facing(direction: tuple[float, float]) -> float:
    """The yaw (radians) that turns an object's front (local +y) to point along ``direction`` in the floor plane."""
    dx, dy = direction
    return math.atan2(-dx, dy)


def wrap_angle(a: float | np.ndarray) -> float | np.ndarray:
    """Angle wrapped to [-pi, pi)."""
    return (np.asarray(a) + np.pi) % (2 * np.pi) - np.pi


def footprint_corners(cx: np.ndarray | float, cy: np.ndarray | float, hw: np.ndarray | float,
                      hd: np.ndarray | float, yaw: np.ndarray | float) -> np.ndarray:
    """Corners of rotated rectangles, counter-clockwise.

    Args broadcast together; returns (..., 4, 2) float64 metres.
    """
    cx, cy, hw, hd, yaw = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (cx, cy, hw, hd, yaw)))
    local = np.stack([np.stack([-hw, -hd], -1), np.stack([hw, -hd], -1), np.stack([hw, hd], -1),
                      np.stack([-hw, hd], -1)], axis=-2)  # (..., 4, 2)
    c, s = np.cos(yaw)[..., None], np.sin(yaw)[..., None]
    x = local[..., 0] * c - local[..., 1] * s + cx[..., None]
    y = local[..., 0] * s + local[..., 1] * c + cy[..., None]
    return np.stack([x, y], axis=-1)


def rotated_extent(hw: float, hd: float, yaw: float) -> tuple[float, float]:
    """Half extents (along world x, world y) of the axis-aligned box around a rotated rectangle."""
    c, s = abs(math.cos(yaw)), abs(math.sin(yaw))
    return hw * c + hd * s, hw * s + hd * c


def rects_overlap(a: np.ndarray, b: np.ndarray, margin: float = 0.0) -> np.ndarray:
    """Separating-axis test between convex quads ``a`` (N, 4, 2) and one quad ``b`` (4, 2).

    Returns (N,) bool: True where the interiors overlap by more than ``margin`` metres along every axis (touching
    rectangles do not overlap).
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    axes = []
    for quad in (a, np.broadcast_to(b, a.shape)):
        edges = np.roll(quad, -1, axis=-2) - quad  # (N, 4, 2)
        normals = np.stack([-edges[..., 1], edges[..., 0]], -1)[..., :2, :]  # two unique axes per rectangle
        normals /= np.linalg.norm(normals, axis=-1, keepdims=True) + 1e-12
        axes.append(normals)
    axes_all = np.concatenate(axes, axis=-2)  # (N, 4, 2)
    pa = np.einsum("nkd,nad->nka", a, axes_all)  # (N, 4 corners, 4 axes)
    pb = np.einsum("kd,nad->nka", b, axes_all)
    gap = np.minimum(pa.max(1), pb.max(1)) - np.maximum(pa.min(1), pb.min(1))  # overlap length per axis
    return np.all(gap > margin, axis=-1)


def point_segment_distance(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance from points ``p`` (..., 2) to segment a-b (each (2,)), metres."""
    ab = b - a
    t = np.clip(((p - a) @ ab) / max(float(ab @ ab), 1e-12), 0.0, 1.0)
    closest = a + t[..., None] * ab
    return np.linalg.norm(p - closest, axis=-1)


def rect_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Smallest distance between two convex quads (4, 2); 0 when they touch or overlap."""
    if rects_overlap(a[None], b, margin=0.0)[0]:
        return 0.0
    return min(_points_to_edges(a, b), _points_to_edges(b, a))


def _points_to_edges(p: np.ndarray, q: np.ndarray) -> float:
    """Smallest distance from the 4 corners of ``p`` to the 4 edges of ``q`` (both (4, 2)), in one array operation."""
    start = q
    edge = np.roll(q, -1, axis=0) - q  # (4, 2)
    rel = p[:, None, :] - start[None]  # (4 points, 4 edges, 2)
    t = np.clip((rel * edge).sum(-1) / np.maximum((edge * edge).sum(-1), 1e-12), 0.0, 1.0)
    closest = start[None] + t[..., None] * edge[None]
    return float(np.sqrt(((p[:, None, :] - closest) ** 2).sum(-1)).min())


def polygon_contains_points(poly: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """Even-odd point-in-polygon test. ``poly`` (M, 2), ``pts`` (..., 2) -> (...,) bool."""
    x, y = pts[..., 0], pts[..., 1]
    inside = np.zeros(x.shape, dtype=bool)
    m = len(poly)
    for i in range(m):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % m]
        crosses = (y1 > y) != (y2 > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            xc = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        inside ^= crosses & (xc > x)
    return inside


def rects_inside_polygon(poly: np.ndarray, rects: np.ndarray, tol: float = 1e-6) -> np.ndarray:
    """Whether each rectangle (N, 4, 2) lies inside the simple polygon ``poly`` (M, 2).

    True when every corner is inside (or on the boundary within ``tol``) and no polygon vertex pokes into the rectangle
    (which catches the reflex corner of an L-shaped room).
    """
    n = rects.shape[0]
    centre = rects.mean(axis=1, keepdims=True)
    shrunk = centre + (rects - centre) * (1 - 1e-6) - np.sign(rects - centre) * tol
    ok = polygon_contains_points(poly, shrunk.reshape(-1, 2)).reshape(n, 4).all(axis=1)
    for v in poly:
        ok &= ~_point_in_rects(v, rects, tol)
    return ok


def _point_in_rects(p: np.ndarray, rects: np.ndarray, tol: float) -> np.ndarray:
    """Whether point ``p`` lies strictly inside each convex CCW quad (N, 4, 2) by more than ``tol``."""
    edges = np.roll(rects, -1, axis=1) - rects
    rel = p[None, None, :] - rects
    cross = edges[..., 0] * rel[..., 1] - edges[..., 1] * rel[..., 0]
    lengths = np.linalg.norm(edges, axis=-1) + 1e-12
    return np.all(cross / lengths > tol, axis=1)
