"""Relation scorers on placed boxes: one implementation, used by the solver to rank candidates and by the semantic
validators to judge a finished scene.

Every scorer returns a score in [0, 1]; a relation counts as satisfied when its score is > 0.5 (SceneEval's rule).
Distance bands follow SceneEval (METRICS.md): next_to 0–0.5 m, near 0.5–1.5 m, across_from 1.5–4 m, far > 4 m,
face_to within 30°, against_wall 0–0.3 m, on_wall 0–0.01 m. Distances are between footprints (gap between the
rectangles), not centres, so a big bed and a nightstand touching it are "next to" each other.

The scorers work on arrays: ``score_relation_batch`` scores many candidate poses of one object at once (the solver's
inner loop), and ``score_relation`` is the same code on one pose each (what the validators call).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from scenegen.geometry import footprint_corners, point_segment_distance, rects_distance, wrap_angle
from scenegen.scene import ARCHITECTURE_RELATIONS, ObjectInstance, Relation, Room
from scenegen.thresholds import FAR_MIN_CENTRE, FLAT_HEIGHT

SATISFIED = 0.5
PAIR_TOL = 0.15
"""paired: metres between one object and the mirror image of the other (about the anchor's axis) scored 1."""
ON_WALL_HEIGHT_TOL = 0.1
"""on_wall with a stated ``height`` param: metres between the object's centre height and the height scored 1."""
WALL_UNDER_TOL = 0.1
"""metres two things' backs may differ by and still be against the same wall (a ledge under a print)"""
FRONT_LATERAL_SOFT = 0.6
"""in_front_of / behind with the ``centred`` param (the solver's implied companions: a coffee table before a sofa):
metres past the target's side edge over which the subject's centre fades from in front (1) to beside it (0); 0.5, the
satisfied line, at 0.3 m past the edge. A stated relation has no such param: "in front of" is the front half-plane."""
ON_SURFACE_FROM = 0.4
"""on_top: a subject resting within the target's box above this share of its height is on it (a mattress lies below
a headboard, a sofa's seat below its back); lower down it would be inside the target, not on it."""


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


@dataclass(frozen=True)
class Boxes:
    """N poses of boxes as parallel (N,) arrays (struct of arrays). Metres, radians."""

    cx: np.ndarray
    cy: np.ndarray
    z: np.ndarray
    yaw: np.ndarray
    width: np.ndarray
    depth: np.ndarray
    height: np.ndarray

    @classmethod
    def of(cls, box: Box) -> "Boxes":
        return cls(*(np.array([v], dtype=float) for v in (box.cx, box.cy, box.z, box.yaw, box.width, box.depth,
                                                          box.height)))

    @classmethod
    def candidates(cls, x: np.ndarray, y: np.ndarray, yaw: np.ndarray, size: tuple[float, float, float],
                   z: float | np.ndarray = 0.0) -> "Boxes":
        """Candidate poses (x, y, yaw: (N,)) of one object of ``size`` (w, d, h)."""
        n = len(x)
        w, d, h = size
        return cls(np.asarray(x, float), np.asarray(y, float), np.broadcast_to(np.asarray(z, float), (n,)),
                   np.asarray(yaw, float), np.full(n, w), np.full(n, d), np.full(n, h))

    def __len__(self) -> int:
        return len(self.cx)

    @cached_property
    def corners(self) -> np.ndarray:
        """(N, 4, 2) footprint corners, counter-clockwise."""
        return footprint_corners(self.cx, self.cy, self.width / 2, self.depth / 2, self.yaw)

    @property
    def front(self) -> tuple[np.ndarray, np.ndarray]:
        return -np.sin(self.yaw), np.cos(self.yaw)

    @property
    def top(self) -> np.ndarray:
        return self.z + self.height


def _band(d: np.ndarray, lo: float, hi: float, soft: float = 0.25) -> np.ndarray:
    """1 inside [lo, hi], falling linearly to 0 over ``soft`` metres outside; exactly 0.5 at lo - soft/2, hi + soft/2."""
    d = np.asarray(d, dtype=float)
    off = np.where(d < lo, lo - d, np.where(d > hi, d - hi, 0.0))
    return np.clip(1.0 - off / soft, 0.0, 1.0)


def gap(a: Box, b: Box) -> float:
    """Horizontal gap between two footprints, metres (0 when touching or overlapping)."""
    return float(rects_distance(a.corners[None], b.corners[None])[0])


def _gaps(a: Boxes, b: Boxes) -> np.ndarray:
    return rects_distance(np.broadcast_to(a.corners, np.broadcast_shapes(a.corners.shape, b.corners.shape)),
                          b.corners)


def local_coords(anchor: Boxes, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(right, forward) coordinates of floor points in the anchor's frame (its front is +forward)."""
    dx, dy = x - anchor.cx, y - anchor.cy
    c, s = np.cos(anchor.yaw), np.sin(anchor.yaw)
    return dx * c + dy * s, -dx * s + dy * c


def _facing(a: Boxes, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Angle (radians, >= 0) between a's front and the direction from a to the point."""
    ang = np.arctan2(y - a.cy, x - a.cx)
    fx, fy = a.front
    return np.abs(wrap_angle(ang - np.arctan2(fy, fx)))


def _angle_score(angle: np.ndarray, limit: float = math.radians(30)) -> np.ndarray:
    """1 within ``limit``, 0.5 at 1.5 × limit, 0 at 2 × limit."""
    return np.clip(1.0 - (np.asarray(angle) - limit) / limit, 0.0, 1.0)


def _walls(room: Room) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per wall: start point, end point and inward normal, each (2,)."""
    out = []
    for i in range(len(room.footprint)):
        a, b = (np.asarray(p, dtype=float) for p in room.wall(i))
        out.append((a, b, np.asarray(room.wall_normal(i), dtype=float)))
    return out


def wall_distances_batch(boxes: Boxes, room: Room) -> np.ndarray:
    """(N, n_walls): distance from each footprint to each wall segment, metres."""
    corners = boxes.corners
    return np.stack([point_segment_distance(corners, a, b).min(axis=-1) for a, b, _ in _walls(room)], axis=-1)


def wall_distances(box: Box, room: Room) -> np.ndarray:
    """Per wall: distance from the box's footprint to the wall segment, metres. (n_walls,)"""
    return wall_distances_batch(Boxes.of(box), room)[0]


def back_wall_distance_batch(boxes: Boxes, room: Room) -> np.ndarray:
    """(N,): distance from each box's back edge to the nearest wall it has its back to (±20°), metres; inf if none."""
    fx, fy = boxes.front
    back_edge = boxes.corners[:, [0, 1]]  # local -y edge: corners 0 and 1
    best = np.full(len(boxes), np.inf)
    cos20 = math.cos(math.radians(20))
    for a, b, n in _walls(room):
        facing_away = (fx * n[0] + fy * n[1]) >= cos20  # back points into the wall: front along the inward normal
        d = point_segment_distance(back_edge, a, b).max(axis=-1)
        best = np.where(facing_away, np.minimum(best, d), best)
    return best


def back_wall_distance(box: Box, room: Room) -> float:
    """Distance from the box's back edge to the nearest wall that it has its back to (±20°), metres; inf if none."""
    return float(back_wall_distance_batch(Boxes.of(box), room)[0])


def _opening_distance(boxes: Boxes, room: Room, kind: str, target: str | None) -> np.ndarray:
    best = np.full(len(boxes), np.inf)
    for op in room.openings:
        wanted = op.kind == kind if target in (None, kind) else op.id == target  # "window" or a named opening
        if not wanted:
            continue
        ox, oy = room.opening_center(op)
        dx, dy = room.wall_direction(op.wall)
        half = op.width / 2
        a = np.array([ox - dx * half, oy - dy * half])
        b = np.array([ox + dx * half, oy + dy * half])
        best = np.minimum(best, point_segment_distance(boxes.corners, a, b).min(axis=-1))
    return best


def chain_bottom(s: Box, host_id: str, boxes: dict[str, Box]) -> Box:
    """The lowest thing in ``s``'s chain of declared supports among ``boxes`` above ``host_id`` (``s`` itself when it
    stands on it directly; where the chain leaves ``boxes`` or loops, the last one reached)."""
    bottom, seen = s, {s.id}
    while bottom.support is not None and bottom.support != host_id and bottom.support in boxes \
            and bottom.support not in seen:
        bottom = boxes[bottom.support]
        seen.add(bottom.id)
    return bottom


def held_inside(s: Box, t: Box, boxes: dict[str, Box]) -> bool:
    """Whether ``s`` rests inside ``t``: ``t`` holds it (its declared support, or the support of the pile it lies on,
    among ``boxes``) and it stands within ``t``'s box, from its base up (towels in a basket, blankets in a wardrobe,
    books on a bookshelf's lower board). The plan's one support relation, on_top, says this of a container
    (``catalog.Container``); whether it truly rests there is the support check's to say."""
    held = chain_bottom(s, t.id, boxes)
    return held.support == t.id and t.z - 1e-3 <= s.z <= t.top and float(_xy_inside(Boxes.of(s), Boxes.of(t))[0]) > 0.5


def piled_on(s: Box, t: Box, boxes: dict[str, Box]) -> bool:
    """Whether ``s`` lies on a pile that stands on ``t``'s top (a book on books on a nightstand): each thing under it
    down to ``t`` is its declared support among ``boxes``, it rests at that thing's top (within 1 cm) with its centre
    over it, and the bottom of the pile stands on ``t``'s top."""
    upper, seen = s, {s.id}
    while upper.support is not None and upper.support != t.id and upper.support in boxes and upper.support not in seen:
        lower = boxes[upper.support]
        if abs(upper.z - lower.top) > 0.01 or float(_xy_inside(Boxes.of(upper), Boxes.of(lower))[0]) <= 0.5:
            return False
        seen.add(lower.id)
        upper = lower
    return (upper is not s and upper.support == t.id and t.z + ON_SURFACE_FROM * t.height <= upper.z <= t.top + 0.01
            and float(_xy_inside(Boxes.of(upper), Boxes.of(t))[0]) > 0.5)


def score_relation(rel: Relation, boxes: dict[str, Box], room: Room) -> float:
    """Score of ``rel`` in [0, 1] for the boxes given (ids -> Box). Missing subject/target -> 0."""
    s = boxes.get(rel.subject)
    if s is None:
        return 0.0
    t = boxes.get(rel.target or "")
    anchor = boxes.get(str(rel.params.get("anchor", "")))
    if rel.kind not in ARCHITECTURE_RELATIONS and t is None:
        return 0.0
    if rel.kind == "on_top" and t is not None and (held_inside(s, t, boxes) or piled_on(s, t, boxes)):
        return 1.0
    return float(score_relation_batch(rel, Boxes.of(s), Boxes.of(t) if t else None, room,
                                      Boxes.of(anchor) if anchor else None)[0])


def score_relation_batch(rel: Relation, s: Boxes, t: Boxes | None, room: Room, anchor: Boxes | None = None
                         ) -> np.ndarray:
    """Scores (N,) in [0, 1] of ``rel`` for subject poses ``s`` and target poses ``t`` (either may hold N poses, the
    other one; ``t`` is None for architecture relations). ``anchor`` is the ``params["anchor"]`` object of ``paired``.
    """
    kind = rel.kind
    n = max(len(s), len(t) if t is not None else 1)
    # object - architecture
    if kind == "against_wall":
        return _band(back_wall_distance_batch(s, room), 0.0, 0.3, 0.3)
    if kind == "on_wall":
        score = _band(back_wall_distance_batch(s, room), 0.0, 0.01, 0.05) * np.where(s.z > 0.05, 1.0, 0.5)
        if "height" in rel.params:
            centre = s.z + s.height / 2
            score = score * _band(np.abs(centre - float(rel.params["height"])), 0.0, ON_WALL_HEIGHT_TOL, 0.2)
        return score
    if kind == "corner":
        d = np.sort(wall_distances_batch(s, room), axis=-1)
        return _band(d[:, 1], 0.0, 0.3, 0.4) if d.shape[1] > 1 else np.zeros(len(s))
    if kind == "middle_of_room":
        (x0, y0), (x1, y1) = room.bounds
        cx, cy = room_centroid(room)
        off = np.hypot(s.cx - cx, s.cy - cy) / (0.5 * min(x1 - x0, y1 - y0))
        return _band(off, 0.0, 0.25, 0.5)
    if kind == "next_to_window":
        return _band(_opening_distance(s, room, "window", rel.target), 0.0, 1.0, 0.6)
    if kind == "next_to_door":
        return _band(_opening_distance(s, room, "door", rel.target), 0.0, 1.0, 0.6)
    if kind == "hang_from_ceiling":
        return _band(np.abs(room.height - s.top), 0.0, 0.01, 0.05)
    # object - object
    if t is None:
        return np.zeros(n)
    if kind == "on_top":  # on the top, or on a surface below it within the target's upper part (a bed's mattress)
        rests = (s.z >= t.z + ON_SURFACE_FROM * t.height) & (s.z <= t.top)
        return _xy_inside(s, t) * np.where(rests, 1.0, _band(np.abs(s.z - t.top), 0.0, 0.01, 0.04))
    if kind == "under":
        flat = s.height <= FLAT_HEIGHT  # a rug lies under a chair when the chair stands on it, wherever its centre is
        inside = np.where(flat, _xy_inside(t, s), _xy_inside(s, t))
        return np.maximum(inside * (s.top <= t.top + 1e-3), _below_on_wall(s, t))
    g = _gaps(s, t)
    if kind == "next_to":
        return _band(g, 0.0, 0.5)
    if kind == "near":
        return _band(g, 0.0, 1.5, 0.5)  # SceneEval's near is 0.5–1.5 m; closer still reads as near to a person
    if kind == "far":
        return _band(np.hypot(s.cx - t.cx, s.cy - t.cy), FAR_MIN_CENTRE, math.inf, 1.0)
    if kind == "face_to":
        return _angle_score(_facing(s, t.cx, t.cy)) * np.ones(n)
    if kind == "across_from":
        return np.minimum(_band(g, 0.3, 4.0, 0.5), _angle_score(_facing(s, t.cx, t.cy)))
    if kind in ("left_of", "right_of", "in_front_of", "behind", "side_of"):
        right, fwd = local_coords(t, s.cx, s.cy)
        hw, hd = t.width / 2, t.depth / 2
        ok = {"left_of": right < -hw + 1e-3, "right_of": right > hw - 1e-3, "in_front_of": fwd > hd - 1e-3,
              "behind": fwd < -hd + 1e-3, "side_of": np.abs(right) > hw - 1e-3}[kind]
        score = np.where(ok, _band(g, 0.0, 1.5, 0.5), 0.0)
        if "centred" in rel.params:  # within the target's width: a coffee table off the sofa's end is beside it
            score = score * _band(np.abs(right), 0.0, hw, FRONT_LATERAL_SOFT)
        return score
    if kind == "around":
        return np.minimum(_band(g, 0.0, 0.6, 0.4), _angle_score(_facing(s, t.cx, t.cy), math.radians(45)))
    if kind == "middle_of":
        return _band(np.hypot(s.cx - t.cx, s.cy - t.cy), 0.0, 0.25 * np.minimum(t.width, t.depth) + 0.05, 0.3)
    if kind == "aligned":
        return _angle_score(np.abs(wrap_angle(2 * (s.yaw - t.yaw))) / 2, math.radians(10)) * np.ones(n)
    if kind == "paired":
        same_facing = _angle_score(np.abs(wrap_angle(s.yaw - t.yaw)), math.radians(15))
        if anchor is None:
            return _band(g, 0.0, 0.5) * same_facing
        # mirror images about the anchor's front axis: equal forward offset, opposite right offset
        rs, fs = local_coords(anchor, s.cx, s.cy)
        rt, ft = local_coords(anchor, t.cx, t.cy)
        mismatch = np.hypot(rs + rt, fs - ft)
        return _band(mismatch, 0.0, PAIR_TOL, 0.3) * (np.sign(rs) != np.sign(rt)) * same_facing
    return np.zeros(n)


def _below_on_wall(s: Boxes, t: Boxes) -> np.ndarray:
    """1 where the subject is lower than the target and within its width against the same wall: a picture ledge
    under the prints, a console table under the mirror; else 0."""
    right, fwd = local_coords(t, s.cx, s.cy)
    same_wall = np.abs(fwd - (s.depth - t.depth) / 2) <= WALL_UNDER_TOL
    return ((np.abs(right) <= t.width / 2 + 1e-3) & same_wall & (s.top <= t.z + 1e-3)).astype(float)


def _xy_inside(s: Boxes, t: Boxes) -> np.ndarray:
    """1 where the subject's footprint centre lies over the target's footprint, else 0."""
    right, fwd = local_coords(t, s.cx, s.cy)
    return ((np.abs(right) <= t.width / 2 + 1e-3) & (np.abs(fwd) <= t.depth / 2 + 1e-3)).astype(float)


def room_centroid(room: Room) -> tuple[float, float]:
    """Area centroid of the room's footprint polygon (x, y), metres."""
    pts = room.footprint
    a = room.area
    cx = cy = 0.0
    for i in range(len(pts)):
        (x1, y1), (x2, y2) = pts[i], pts[(i + 1) % len(pts)]
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * a), cy / (6 * a)
