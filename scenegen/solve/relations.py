"""Relation scorers on placed boxes: one implementation, used by the solver to rank candidates and by the semantic
validators to judge a finished scene.

Every scorer returns a score in [0, 1]; a relation counts as satisfied when its score is > 0.5 (SceneEval's rule).
Distance bands follow SceneEval (METRICS.md): next_to 0–0.5 m, near 0.5–1.5 m, across_from 1.5–4 m, far > 4 m,
face_to within 30°, against_wall 0–0.3 m, on_wall 0–0.01 m. Distances are between footprints (gap between the
rectangles), not centres, so a big bed and a nightstand touching it are "next to" each other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from scenegen.geometry import footprint_corners, point_segment_distance, rect_distance, wrap_angle
from scenegen.scene import ObjectInstance, Relation, Room

SATISFIED = 0.5


@dataclass(frozen=True)
class Box:
    """An object as the solver and the relation scorers see it: a yawed box. Metres, radians."""

    id: str
    cx: float
    cy: float
    z: float
    """bottom height above the floor"""
    yaw: float
    width: float
    depth: float
    height: float
    support: str | None = None

    @cached_property
    def corners(self) -> np.ndarray:
        """(4, 2) footprint corners, counter-clockwise (computed once per box; boxes are immutable)."""
        return footprint_corners(self.cx, self.cy, self.width / 2, self.depth / 2, self.yaw)

    @property
    def front(self) -> tuple[float, float]:
        return -math.sin(self.yaw), math.cos(self.yaw)

    @property
    def top(self) -> float:
        return self.z + self.height

    @classmethod
    def of(cls, inst: ObjectInstance) -> "Box":
        x, y, z = inst.pose.position
        w, d, h = inst.size
        return cls(inst.id, x, y, z, inst.pose.yaw, w, d, h, inst.support)


def _band(d: float, lo: float, hi: float, soft: float = 0.25) -> float:
    """1 inside [lo, hi], falling linearly to 0 over ``soft`` metres outside; exactly 0.5 at lo - soft/2, hi + soft/2."""
    if lo <= d <= hi:
        return 1.0
    off = lo - d if d < lo else d - hi
    return max(0.0, 1.0 - off / soft)


def gap(a: Box, b: Box) -> float:
    """Horizontal gap between two footprints, metres (0 when touching or overlapping)."""
    return rect_distance(a.corners, b.corners)


def _local(anchor: Box, x: float, y: float) -> tuple[float, float]:
    """(right, forward) coordinates of a floor point in the anchor's frame (its front is +forward)."""
    dx, dy = x - anchor.cx, y - anchor.cy
    c, s = math.cos(anchor.yaw), math.sin(anchor.yaw)
    return dx * c + dy * s, -dx * s + dy * c


def _facing(a: Box, x: float, y: float) -> float:
    """Angle (radians, >= 0) between a's front and the direction from a to the point."""
    ang = math.atan2(y - a.cy, x - a.cx)
    front = math.atan2(a.front[1], a.front[0])
    return abs(float(wrap_angle(ang - front)))


def _angle_score(angle: float, limit: float = math.radians(30)) -> float:
    """1 within ``limit``, 0.5 at 1.5 × limit, 0 at 2 × limit."""
    if angle <= limit:
        return 1.0
    return max(0.0, 1.0 - (angle - limit) / limit)


def wall_distances(box: Box, room: Room) -> np.ndarray:
    """Per wall: distance from the box's footprint to the wall segment, metres. (n_walls,)"""
    corners = box.corners
    out = []
    for i in range(len(room.footprint)):
        a, b = (np.asarray(p, dtype=float) for p in room.wall(i))
        out.append(point_segment_distance(corners, a, b).min())
    return np.asarray(out)


def back_wall_distance(box: Box, room: Room) -> float:
    """Distance from the box's back edge to the nearest wall that it has its back to (±20°), metres; inf if none."""
    back = np.array([-box.front[0], -box.front[1]])
    best = math.inf
    back_edge = box.corners[[0, 1]]  # local -y edge: corners 0 and 1
    for i in range(len(room.footprint)):
        n = np.asarray(room.wall_normal(i))
        if float(back @ -n) < math.cos(math.radians(20)):
            continue
        a, b = (np.asarray(p, dtype=float) for p in room.wall(i))
        best = min(best, float(point_segment_distance(back_edge, a, b).max()))
    return best


def _opening_distance(box: Box, room: Room, kind: str, target: str | None) -> float:
    best = math.inf
    for op in room.openings:
        wanted = op.kind == kind if target in (None, kind) else op.id == target  # "window" or a named opening
        if not wanted:
            continue
        ox, oy = room.opening_center(op)
        dx, dy = room.wall_direction(op.wall)
        half = op.width / 2
        a = np.array([ox - dx * half, oy - dy * half])
        b = np.array([ox + dx * half, oy + dy * half])
        best = min(best, float(point_segment_distance(box.corners, a, b).min()))
    return best


def score_relation(rel: Relation, boxes: dict[str, Box], room: Room) -> float:
    """Score of ``rel`` in [0, 1] for the boxes given (ids -> Box). Missing subject/target -> 0."""
    s = boxes.get(rel.subject)
    if s is None:
        return 0.0
    kind = rel.kind
    # object - architecture
    if kind == "against_wall":
        return _band(back_wall_distance(s, room), 0.0, 0.3, 0.3)
    if kind == "on_wall":
        return _band(back_wall_distance(s, room), 0.0, 0.01, 0.05) * (1.0 if s.z > 0.05 else 0.5)
    if kind == "corner":
        d = np.sort(wall_distances(s, room))
        return _band(float(d[1]), 0.0, 0.3, 0.4) if len(d) > 1 else 0.0
    if kind == "middle_of_room":
        (x0, y0), (x1, y1) = room.bounds
        cx, cy = _centroid(room)
        off = math.hypot(s.cx - cx, s.cy - cy) / (0.5 * min(x1 - x0, y1 - y0))
        return _band(off, 0.0, 0.25, 0.5)
    if kind == "next_to_window":
        return _band(_opening_distance(s, room, "window", rel.target), 0.0, 1.0, 0.6)
    if kind == "next_to_door":
        return _band(_opening_distance(s, room, "door", rel.target), 0.0, 1.0, 0.6)
    if kind == "hang_from_ceiling":
        return _band(abs(room.height - s.top), 0.0, 0.01, 0.05)
    # object - object
    t = boxes.get(rel.target or "")
    if t is None:
        return 0.0
    g = gap(s, t)
    if kind == "on_top":
        inside = _xy_inside(s, t)
        return inside * _band(abs(s.z - t.top), 0.0, 0.01, 0.04)
    if kind == "under":
        return _xy_inside(s, t) * (1.0 if s.top <= t.top + 1e-3 else 0.0)
    if kind == "next_to":
        return _band(g, 0.0, 0.5)
    if kind == "near":
        return _band(g, 0.0, 1.5, 0.5)  # SceneEval's near is 0.5–1.5 m; closer still reads as near to a person
    if kind == "far":
        return _band(math.hypot(s.cx - t.cx, s.cy - t.cy), 4.0, math.inf, 1.0)
    if kind == "face_to":
        return _angle_score(_facing(s, t.cx, t.cy))
    if kind == "across_from":
        return min(_band(g, 0.3, 4.0, 0.5), _angle_score(_facing(s, t.cx, t.cy)))
    if kind in ("left_of", "right_of", "in_front_of", "behind", "side_of"):
        right, fwd = _local(t, s.cx, s.cy)
        hw, hd = t.width / 2, t.depth / 2
        near_enough = _band(g, 0.0, 1.5, 0.5)
        if kind == "left_of":
            ok = right < -hw + 1e-3
        elif kind == "right_of":
            ok = right > hw - 1e-3
        elif kind == "in_front_of":
            ok = fwd > hd - 1e-3
        elif kind == "behind":
            ok = fwd < -hd + 1e-3
        else:
            ok = abs(right) > hw - 1e-3
        return near_enough if ok else 0.0
    if kind == "around":
        return min(_band(g, 0.0, 0.6, 0.4), _angle_score(_facing(s, t.cx, t.cy), math.radians(45)))
    if kind == "middle_of":
        return _band(math.hypot(s.cx - t.cx, s.cy - t.cy), 0.0, 0.25 * min(t.width, t.depth) + 0.05, 0.3)
    if kind == "aligned":
        return _angle_score(abs(float(wrap_angle(2 * (s.yaw - t.yaw)))) / 2, math.radians(10))
    if kind == "paired":
        return _band(g, 0.0, 0.5) * _angle_score(abs(float(wrap_angle(s.yaw - t.yaw))), math.radians(15))
    return 0.0


def _xy_inside(s: Box, t: Box) -> float:
    """1 if the subject's footprint centre lies over the target's footprint, else 0."""
    right, fwd = _local(t, s.cx, s.cy)
    return 1.0 if abs(right) <= t.width / 2 + 1e-3 and abs(fwd) <= t.depth / 2 + 1e-3 else 0.0


def _centroid(room: Room) -> tuple[float, float]:
    pts = room.footprint
    a = room.area
    cx = cy = 0.0
    for i in range(len(pts)):
        (x1, y1), (x2, y2) = pts[i], pts[(i + 1) % len(pts)]
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * a), cy / (6 * a)


room_centroid = _centroid
