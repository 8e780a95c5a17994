"""Footprint helpers shared by the placement steps: clearance strips beside an object's sides, overlap tests between
candidate footprints and a placed one, and the rounding and wording of the solver's output. Footprints are (..., 4, 2)
corner arrays in metres, counter-clockwise."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from scenegen.geometry import footprint_corners, rects_overlap_any
from scenegen.scene import Relation, Room
from scenegen.solve.items import CLEARANCE, Item
from scenegen.solve.relations import Box, Boxes, score_relation_batch


def arch_score(kind: str, cand: Boxes, room: Room) -> np.ndarray:
    """Scores (N,) of an architecture relation for candidate poses, without a plan relation (catalog preferences)."""
    return score_relation_batch(Relation(kind=kind, subject="_", target="wall"), cand, None, room)  # type: ignore[arg-type]


def side_strips(x: np.ndarray | float, y: np.ndarray | float, yaw: np.ndarray | float, w: float, d: float, side: str,
                depth: float = CLEARANCE, shrink: float = 1.0) -> np.ndarray:
    """Footprints of the ``depth``-deep strips of floor beside ``side`` (front/back/left/right) of boxes of width ``w``
    and depth ``d`` centred at (x, y) with ``yaw``; ``shrink`` scales the strip about its centre. (..., 4, 2) metres."""
    if side in ("front", "back"):
        sign = 1.0 if side == "front" else -1.0
        right, fwd, hw, hd = 0.0, sign * (d / 2 + depth / 2), w / 2, depth / 2
    else:
        sign = 1.0 if side == "right" else -1.0
        right, fwd, hw, hd = sign * (w / 2 + depth / 2), 0.0, depth / 2, d / 2
    c, s = np.cos(yaw), np.sin(yaw)
    return footprint_corners(x + right * c - fwd * s, y + right * s + fwd * c, hw * shrink, hd * shrink, yaw)


def side_strip(b: Box, side: str) -> np.ndarray:
    """The ``CLEARANCE``-deep strip (4, 2) beside ``side`` of placed box ``b``."""
    return side_strips(b.cx, b.cy, b.yaw, b.width, b.depth, side)


def overlaps(rects: np.ndarray, quad: np.ndarray, margin: float = 0.0) -> np.ndarray:
    """(N,) bool: which of ``rects`` (N, 4, 2) overlap ``quad`` (4, 2) by more than ``margin`` metres."""
    return rects_overlap_any(rects, [quad], margin)


def partly_over(rects: np.ndarray, quad: np.ndarray, tol: float = 1e-4) -> np.ndarray:
    """(N,) bool: which of ``rects`` (N, 4, 2, counter-clockwise) ``quad`` (4, 2) overlaps without lying wholly inside
    (each corner inside or within ``tol`` metres of the edges)."""
    edges = np.roll(rects, -1, axis=1) - rects
    lengths = np.linalg.norm(edges, axis=-1) + 1e-12
    inside = np.ones(len(rects), dtype=bool)
    for p in quad:
        rel = p[None, None, :] - rects
        inside &= np.all((edges[..., 0] * rel[..., 1] - edges[..., 1] * rel[..., 0]) / lengths >= -tol, axis=1)
    return overlaps(rects, quad, margin=tol) & ~inside


def with_(b: Box, **kw: object) -> Box:
    """A copy of ``b`` with the fields in ``kw`` replaced."""
    return replace(b, **kw)  # type: ignore[arg-type]


def r4(v: float) -> float:
    """Round to 0.1 mm so scene.json is byte-stable across platforms."""
    return round(float(v), 4) + 0.0


def dims(it: Item) -> str:
    """"<id> (<width>×<depth> m)" for messages."""
    w, d, _ = it.size
    return f"{it.obj.id} ({w:.2f}×{d:.2f} m)"


def room_dims(room: Room) -> str:
    """"<x extent>×<y extent> m" of the room's bounds, for messages."""
    (x0, y0), (x1, y1) = room.bounds
    return f"{x1 - x0:.1f}×{y1 - y0:.1f} m"
