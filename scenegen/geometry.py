"""Plain functions on arrays for footprints and boxes (trimesh style). Metres, radians, z up.

A *footprint* is an object's rotated rectangle on the floor plane: centre (x, y), half extents (hw, hd) along its local
x and y, and yaw. Corners come out counter-clockwise as a (4, 2) array (or (N, 4, 2) for N footprints).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

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
    """Separating-axis test between convex quads ``a`` (N, 4, 2) and ``b`` ((4, 2) or (N, 4, 2), pairwise).

    Returns (N,) bool: True where the interiors overlap by more than ``margin`` metres along every axis (touching
    rectangles do not overlap).
    """
    a = np.asarray(a, dtype=float)
    b = np.broadcast_to(np.asarray(b, dtype=float), a.shape)
    edges = np.concatenate([a[..., 1:3, :] - a[..., 0:2, :], b[..., 1:3, :] - b[..., 0:2, :]], axis=-2)  # (N, 4, 2)
    axes = np.stack([-edges[..., 1], edges[..., 0]], -1)  # two unique axes per rectangle
    axes /= np.sqrt((axes ** 2).sum(-1, keepdims=True)) + 1e-12
    axes_t = np.swapaxes(axes, -1, -2)  # (N, 2, 4)
    pa = a @ axes_t  # (N, 4 corners, 4 axes)
    pb = b @ axes_t
    gap = np.minimum(pa.max(-2), pb.max(-2)) - np.maximum(pa.min(-2), pb.min(-2))  # overlap length per axis
    return np.all(gap > margin, axis=-1)


def overlap_matrix(a: np.ndarray, quads: np.ndarray, margin: float = 0.0) -> np.ndarray:
    """(N, M) bool: whether quad ``a[n]`` (N, 4, 2) overlaps ``quads[m]`` (M, 4, 2) by more than ``margin`` metres.

    Broad phase on axis-aligned bounding boxes for all pairs at once, then one separating-axis test on the pairs
    whose boxes meet, so the cost follows the number of near pairs rather than N × M.
    """
    a = np.asarray(a, dtype=float)
    quads = np.asarray(quads, dtype=float).reshape(-1, 4, 2)
    out = np.zeros((len(a), len(quads)), dtype=bool)
    if not len(a) or not len(quads):
        return out
    lo, hi = a.min(axis=-2), a.max(axis=-2)  # (N, 2)
    qlo, qhi = quads.min(axis=-2), quads.max(axis=-2)  # (M, 2)
    near = ((lo[:, None, 0] < qhi[None, :, 0] - margin) & (hi[:, None, 0] > qlo[None, :, 0] + margin)
            & (lo[:, None, 1] < qhi[None, :, 1] - margin) & (hi[:, None, 1] > qlo[None, :, 1] + margin))
    n_idx, m_idx = np.nonzero(near)
    if len(n_idx):
        out[n_idx, m_idx] = rects_overlap(a[n_idx], quads[m_idx], margin)
    return out


def rects_overlap_any(a: np.ndarray, others: list[np.ndarray] | np.ndarray, margin: float = 0.0) -> np.ndarray:
    """(N,) bool: whether each quad of ``a`` (N, 4, 2) overlaps any of ``others`` (each (4, 2)) by more than
    ``margin`` metres."""
    if len(others) == 0:
        return np.zeros(len(a), dtype=bool)
    return overlap_matrix(a, np.asarray(others, dtype=float), margin).any(axis=1)


def point_segment_distance(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance from points ``p`` (..., 2) to segment a-b (each (2,)), metres."""
    ab = b - a
    t = np.clip(((p - a) @ ab) / max(float(ab @ ab), 1e-12), 0.0, 1.0)
    closest = a + t[..., None] * ab
    return np.linalg.norm(p - closest, axis=-1)


def rect_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Smallest distance between two convex quads (4, 2); 0 when they touch or overlap."""
    return float(rects_distance(np.asarray(a, dtype=float)[None], np.asarray(b, dtype=float)[None])[0])


def rects_distance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pairwise smallest distance between convex quads ``a`` (N, 4, 2) and ``b`` (N or 1, 4, 2), metres; 0 where
    they touch or overlap. (N,) float64."""
    a = np.asarray(a, dtype=float)
    b = np.broadcast_to(np.asarray(b, dtype=float), a.shape)
    d = np.minimum(_points_to_edges(a, b), _points_to_edges(b, a))
    return np.where(rects_overlap(a, b, margin=0.0), 0.0, d)


def _points_to_edges(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Per pair, the smallest distance from the 4 corners of ``p`` to the 4 edges of ``q`` (both (N, 4, 2)). (N,)"""
    edge = np.roll(q, -1, axis=-2) - q  # (N, 4 edges, 2)
    rel = p[:, :, None, :] - q[:, None, :, :]  # (N, 4 points, 4 edges, 2)
    t = np.clip((rel * edge[:, None]).sum(-1) / np.maximum((edge * edge).sum(-1), 1e-12)[:, None], 0.0, 1.0)
    diff = rel - t[..., None] * edge[:, None]
    return np.sqrt((diff ** 2).sum(-1)).min(axis=(1, 2))


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


def vertical_hits(tri: np.ndarray, px: np.ndarray, py: np.ndarray, chunk: int = 512
                  ) -> Iterator[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
    """Where vertical rays through the points (px, py) (N,) cross the triangles ``tri`` (F, 3, 3), metres, in chunks of
    ``chunk`` points: yields (start index of the chunk, z (n, F') the height of each kept triangle over each point,
    inside (n, F') whether it covers the point, keep (F,) which triangles were kept). Triangles seen edge-on from above
    (a vertical wall) cover no area and are left out."""
    a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
    det = (b[:, 1] - c[:, 1]) * (a[:, 0] - c[:, 0]) + (c[:, 0] - b[:, 0]) * (a[:, 1] - c[:, 1])
    keep = np.abs(det) > 1e-12
    a, b, c, det = a[keep], b[keep], c[keep], det[keep]
    for k in range(0, len(px), chunk):
        x, y = px[k:k + chunk, None], py[k:k + chunk, None]
        l1 = ((b[:, 1] - c[:, 1]) * (x - c[:, 0]) + (c[:, 0] - b[:, 0]) * (y - c[:, 1])) / det
        l2 = ((c[:, 1] - a[:, 1]) * (x - c[:, 0]) + (a[:, 0] - c[:, 0]) * (y - c[:, 1])) / det
        l3 = 1.0 - l1 - l2
        inside = (l1 >= -1e-9) & (l2 >= -1e-9) & (l3 >= -1e-9)
        yield k, l1 * a[:, 2] + l2 * b[:, 2] + l3 * c[:, 2], inside, keep
