"""Exact tests on plain 2D polygons (tuples of floats, metres), with no heavy imports, for the scene loader."""

from __future__ import annotations

Vec2 = tuple[float, float]


def self_intersection(pts: list[Vec2]) -> tuple[int, int] | None:
    """The first pair of walls (edge indices) of the closed polygon ``pts`` that touch or cross, other than
    neighbours meeting at their shared vertex; None for a simple polygon. O(n²) in the vertex count."""
    n = len(pts)
    edges = [(pts[i], pts[(i + 1) % n]) for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):
                a, b = edges[i] if j == i + 1 else edges[j]
                c, d = edges[j] if j == i + 1 else edges[i]
                if _collinear_overlap(a, b, d):  # neighbours folding back along each other
                    return i, j
                continue
            if _segments_meet(*edges[i], *edges[j]):
                return i, j
    return None


def _orient(a: Vec2, b: Vec2, c: Vec2) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _on_segment(a: Vec2, b: Vec2, p: Vec2) -> bool:
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def _collinear_overlap(a: Vec2, b: Vec2, d: Vec2) -> bool:
    """Whether edge b->d doubles back over edge a->b (collinear, pointing back towards a)."""
    return _orient(a, b, d) == 0 and (d[0] - b[0]) * (a[0] - b[0]) + (d[1] - b[1]) * (a[1] - b[1]) > 0


def _segments_meet(a: Vec2, b: Vec2, c: Vec2, d: Vec2) -> bool:
    """Whether closed segments ab and cd share a point (exact orientation tests)."""
    o1, o2, o3, o4 = _orient(a, b, c), _orient(a, b, d), _orient(c, d, a), _orient(c, d, b)
    if ((o1 > 0 > o2) or (o1 < 0 < o2)) and ((o3 > 0 > o4) or (o3 < 0 < o4)):
        return True
    return ((o1 == 0 and _on_segment(a, b, c)) or (o2 == 0 and _on_segment(a, b, d))
            or (o3 == 0 and _on_segment(c, d, a)) or (o4 == 0 and _on_segment(c, d, b)))
