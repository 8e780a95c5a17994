"""Walkthroughs: a discrete action vocabulary, an agent that cannot walk through things, an automatic path planner,
and the engine's frames for a sequence of actions.

The same actions drive the engine (here) and the world model (``scenegen.world``), so the vocabulary is fixed:
``ACTIONS`` in this order, an action's index in it is its id.

Agent convention: the agent stands at (x, y) metres on the floor, its eye ``eye_height`` m up. ``yaw`` (radians, about
+z) uses the objects' convention (``scenegen.scene.Pose.front``): yaw 0 faces +y, and the heading is
(−sin yaw, cos yaw), so a positive yaw change turns left (counter-clockwise seen from above). ``pitch`` (radians) is
positive looking up. Yaw and pitch only ever change by whole ``TURN_DEG`` / ``PITCH_DEG`` steps, so a walk that starts
on a multiple of 10° stays on one.

Collisions: the agent is a disc of ``body_radius`` m. A move is allowed when every point along it lies on the
``navigable`` cells of a free-space raster (``scenegen.freespace``, the raster the navigation validators use) built
with the body radius plus ``RASTER_MARGIN_CELLS`` cells, so the continuous position keeps at least the body radius from
the true footprints and walls despite the raster's discretisation. A refused move leaves the state unchanged and is
reported as blocked.

Camera poses are ``scenegen.render.camera``'s convention: (4, 4) float64 camera-to-world (OpenCV: x right, y down,
z forward), metres.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from scenegen.render.camera import Camera, look_along

if TYPE_CHECKING:
    from scenegen.freespace import FreeSpace
    from scenegen.scene import ObjectInstance, Scene

ACTIONS: tuple[str, ...] = ("noop", "forward", "back", "left", "right", "turn_left", "turn_right", "look_up",
                            "look_down")
"""The discrete actions, in id order (``ACTIONS.index(a)`` is the id the world model sees)."""
MOVES = frozenset({"forward", "back", "left", "right"})
STEP_M = 0.1
"""forward / back / strafe distance, metres"""
TURN_DEG = 10.0
"""turn_left / turn_right, degrees of yaw"""
PITCH_DEG = 10.0
"""look_up / look_down, degrees of pitch"""
MAX_PITCH_DEG = 60.0
"""pitch is clamped to ±this many degrees"""
EYE_HEIGHT = 1.5
"""metres above the floor"""
BODY_RADIUS = 0.2
"""metres; the navigation validators' default robot radius"""
RASTER_GRID = 256
"""free-space raster cells along the room's longer side (as the navigation validators)"""
RASTER_MARGIN_CELLS = 2.0
"""extra clearance (raster cells) added to the body radius: a cell is marked blocked only when its centre lies under
an obstacle, so a footprint may reach up to a cell (√2 diagonally) beyond the blocked cells, and the agent may stand
anywhere in its cell; two cells cover both."""
DEFAULT_FOV_DEG = 90.0
"""vertical field of view of the walkthrough camera, degrees"""


class ActionError(ValueError):
    """An action string that cannot be parsed (the message is one line naming the bad token)."""


# --------------------------------------------------------------------------------------------------------------------
# Actions
# --------------------------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"^([a-z_]+)(?:\*(\d+))?$")


def parse_actions(text: str) -> list[str]:
    """Parse ``"forward*5 turn_left*3 look_down"`` (whitespace- and/or comma-separated; ``name*count`` repeats) into a
    list of action names. Case-insensitive. Raises ``ActionError`` naming the first bad token."""
    out: list[str] = []
    for token in (t for t in re.split(r"[\s,]+", text.strip().lower()) if t):
        m = _TOKEN.match(token)
        if not m:
            raise ActionError(f"cannot read action {token!r}: write name or name*count, e.g. forward*5")
        name, count = m.group(1), m.group(2)
        if name not in ACTIONS:
            raise ActionError(f"unknown action {name!r}; known: {', '.join(ACTIONS)}")
        n = int(count) if count is not None else 1
        if n < 1:
            raise ActionError(f"action count must be at least 1 in {token!r}")
        out.extend([name] * n)
    return out


def format_actions(actions: Sequence[str]) -> str:
    """The inverse of ``parse_actions``: runs of the same action as ``name*count``, space-separated."""
    parts: list[str] = []
    k = 0
    while k < len(actions):
        j = k
        while j < len(actions) and actions[j] == actions[k]:
            j += 1
        parts.append(actions[k] if j - k == 1 else f"{actions[k]}*{j - k}")
        k = j
    return " ".join(parts)


# --------------------------------------------------------------------------------------------------------------------
# Agent
# --------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgentState:
    """Where the agent stands and looks: (x, y) metres, ``yaw`` and ``pitch`` radians (see the module docstring),
    ``eye_height`` metres."""

    x: float
    y: float
    yaw: float = 0.0
    pitch: float = 0.0
    eye_height: float = EYE_HEIGHT

    @property
    def heading(self) -> np.ndarray:
        """(2,) unit floor direction the agent faces."""
        return np.array([-math.sin(self.yaw), math.cos(self.yaw)])

    @property
    def forward(self) -> np.ndarray:
        """(3,) unit view direction (heading tilted by pitch)."""
        c = math.cos(self.pitch)
        return np.array([-math.sin(self.yaw) * c, math.cos(self.yaw) * c, math.sin(self.pitch)])

    def camera(self, width: int = 256, height: int = 256, fov_deg: float = DEFAULT_FOV_DEG) -> Camera:
        """The perspective camera at the agent's eye (vertical field of view ``fov_deg`` degrees, square pixels)."""
        return look_along((self.x, self.y, self.eye_height), self.forward, fov_deg=fov_deg, width=width, height=height)

    def pose(self) -> np.ndarray:
        """(4, 4) float64 camera-to-world transform at the agent's eye (OpenCV axes; see ``scenegen.render.camera``)."""
        return self.camera(2, 2).cam_to_world

    def to_json(self) -> dict[str, float]:
        """Position in metres, angles in degrees (rounded to 1e-9 so multiples of 10° print as such)."""
        return {"x": round(self.x, 9), "y": round(self.y, 9), "yaw_deg": round(math.degrees(self.yaw), 9),
                "pitch_deg": round(math.degrees(self.pitch), 9), "eye_height": self.eye_height}


def _wrap(angle: float) -> float:
    """Angle in radians wrapped to (−π, π]."""
    return math.remainder(angle, 2 * math.pi)


def _snap(angle: float, step_deg: float) -> float:
    """Angle (radians) rounded to a whole number of ``step_deg`` degrees, wrapped."""
    step = math.radians(step_deg)
    return _wrap(round(angle / step) * step)


def can_stand(free: "FreeSpace", x: float, y: float) -> bool:
    """Whether the body can stand with its centre at (x, y) metres: the point's raster cell is navigable."""
    rows, cols, ok = free.cell_index(np.array([x, y]))
    return bool(ok) and bool(free.navigable[rows, cols])


def path_clear(free: "FreeSpace", x0: float, y0: float, x1: float, y1: float) -> bool:
    """Whether every point of the straight move (x0, y0) → (x1, y1) (metres) is navigable, sampled every half cell."""
    n = max(1, int(math.ceil(math.hypot(x1 - x0, y1 - y0) / (0.5 * free.res))))
    s = np.linspace(0.0, 1.0, n + 1)
    rows, cols, ok = free.cell_index(np.stack([x0 + (x1 - x0) * s, y0 + (y1 - y0) * s], axis=-1))
    return bool(np.all(ok & free.navigable[rows, cols]))


def try_step(state: AgentState, action: str, free: "FreeSpace") -> tuple[AgentState, bool]:
    """Apply ``action`` to ``state``; returns (new state, blocked). A move into an obstacle or wall (``path_clear``
    fails) is refused: the state is returned unchanged and ``blocked`` is True. Pitch clamps at ±``MAX_PITCH_DEG``
    (not counted as blocked)."""
    if action not in ACTIONS:
        raise ActionError(f"unknown action {action!r}; known: {', '.join(ACTIONS)}")
    if action in MOVES:
        h = state.heading
        d = {"forward": h, "back": -h, "left": np.array([-h[1], h[0]]), "right": np.array([h[1], -h[0]])}[action]
        x1, y1 = state.x + STEP_M * float(d[0]), state.y + STEP_M * float(d[1])
        if not path_clear(free, state.x, state.y, x1, y1):
            return state, True
        return replace(state, x=x1, y=y1), False
    if action in ("turn_left", "turn_right"):
        sign = 1.0 if action == "turn_left" else -1.0
        return replace(state, yaw=_turn(state.yaw, sign, TURN_DEG)), False
    if action in ("look_up", "look_down"):
        sign = 1.0 if action == "look_up" else -1.0
        limit = math.radians(MAX_PITCH_DEG)
        return replace(state, pitch=min(max(_turn(state.pitch, sign, PITCH_DEG), -limit), limit)), False
    return state, False


def _turn(angle: float, sign: float, step_deg: float) -> float:
    """``angle`` (radians) plus ``sign`` steps of ``step_deg`` degrees, wrapped; kept exactly on the lattice of whole
    steps when it starts on it (so float error does not build up over a long walk)."""
    k = math.degrees(angle) / step_deg
    if abs(k - round(k)) < 1e-6:
        return _snap(math.radians((round(k) + sign) * step_deg), step_deg)
    return _wrap(angle + sign * math.radians(step_deg))


def step(state: AgentState, action: str, free: "FreeSpace") -> AgentState:
    """``try_step`` without the blocked flag: a refused move leaves the position unchanged."""
    return try_step(state, action, free)[0]


# --------------------------------------------------------------------------------------------------------------------
# Free space and the start
# --------------------------------------------------------------------------------------------------------------------


def walk_space(scene: "Scene", body_radius: float = BODY_RADIUS, grid: int = RASTER_GRID) -> "FreeSpace":
    """The free-space raster walks collide against: ``scenegen.freespace.scene_free_space`` (obstacles: objects
    whose box centre is at most 2 m up, rugs excluded) with ``body_radius + RASTER_MARGIN_CELLS`` cells as the robot
    radius. ``grid`` cells along the room's longer side."""
    from scenegen.freespace import scene_free_space

    if body_radius < 0:
        raise ValueError(f"body radius must be >= 0 m, got {body_radius}")
    (x0, y0), (x1, y1) = scene.room.bounds
    res = max(x1 - x0, y1 - y0) / grid
    return scene_free_space(scene, robot_radius=body_radius + RASTER_MARGIN_CELLS * res, grid=grid)


def _cell_centres(free: "FreeSpace", mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(flat cell indices (K,), centres (K, 2) metres) of the cells of ``mask`` ((ny, nx) bool), row-major."""
    flat = np.flatnonzero(mask)
    rows, cols = np.divmod(flat, mask.shape[1])
    return flat, free.origin + (np.stack([cols, rows], axis=-1) + 0.5) * free.res


def _nearest_main(free: "FreeSpace", xy: np.ndarray, max_dist: float = math.inf) -> np.ndarray | None:
    """Centre (2,) metres of the main-component cell nearest to ``xy``, or None when none is within ``max_dist``."""
    if free.main == 0:
        return None
    _, centres = _cell_centres(free, free.labels == free.main)
    d2 = np.sum((centres - xy) ** 2, axis=1)
    k = int(np.argmin(d2))
    return centres[k] if d2[k] <= max_dist * max_dist else None


def default_start(scene: "Scene", free: "FreeSpace", eye_height: float = EYE_HEIGHT) -> AgentState:
    """Where walks start: on the main free floor just inside the first door (by id), facing into the room (yaw
    snapped to ``TURN_DEG``); in a room without doors, nearest the footprint's centroid, facing +y."""
    room = scene.room
    doors = sorted((op for op in room.openings if op.kind == "door"), key=lambda op: op.id)
    if doors:
        op = doors[0]
        normal = np.asarray(room.wall_normal(op.wall))
        want = np.asarray(room.opening_center(op)) + normal * (free.robot_radius + 0.3)
        yaw = _snap(math.atan2(-normal[0], normal[1]), TURN_DEG)
    else:
        want = np.asarray(room.footprint, dtype=np.float64).mean(axis=0)
        yaw = 0.0
    xy = _nearest_main(free, want)
    if xy is None:
        raise ValueError(f"the room has no floor where a body of radius {free.robot_radius:.2f} m can stand")
    return AgentState(x=float(xy[0]), y=float(xy[1]), yaw=yaw, pitch=0.0, eye_height=eye_height)


def rollout(start: AgentState, actions: Sequence[str], free: "FreeSpace") -> tuple[list[AgentState], list[bool]]:
    """States after each action (``len(actions) + 1``, the start first) and whether each action was blocked."""
    states, blocked = [start], []
    for a in actions:
        s, b = try_step(states[-1], a, free)
        states.append(s)
        blocked.append(b)
    return states, blocked


# --------------------------------------------------------------------------------------------------------------------
# Automatic walk
# --------------------------------------------------------------------------------------------------------------------

CLEARANCE_SOFT = 0.3
"""metres: paths prefer to keep this far from the edge of the navigable area (walls and furniture)"""
CLEARANCE_WEIGHT = 4.0
"""extra cost per metre walked at zero clearance (linear down to nothing at ``CLEARANCE_SOFT``)"""
LOOKAHEAD_M = 0.4
"""pure pursuit: the agent steers towards the path point this far ahead"""
VIEW_DIST = (0.6, 1.1)
"""metres from an object's side to the spot it is looked at from (drawn per object from the seed)"""
LOOK_TILT = 0.5
"""fraction of the angle to an object's centre the agent tilts its view by when it looks at it"""
COVER_SPACING = 1.2
"""metres between room-coverage waypoints, visited once the objects are"""


@dataclass
class _Grid:
    """The main navigable component as a graph: 8-connected cells, edge cost = length × clearance penalty."""

    free: "FreeSpace"
    flat: np.ndarray
    """(K,) flat raster indices of the main component's cells"""
    centres: np.ndarray
    """(K, 2) cell centres, metres"""
    node_of: np.ndarray
    """(ny·nx,) node index of each raster cell, −1 outside the component"""
    graph: object = field(repr=False)
    """scipy.sparse CSR matrix, (K, K) edge costs in metres"""

    @classmethod
    def build(cls, free: "FreeSpace") -> "_Grid":
        from scipy import ndimage, sparse

        main = (free.labels == free.main) & (free.main > 0)
        flat, centres = _cell_centres(free, main)
        ny, nx = main.shape
        node_of = np.full(ny * nx, -1, dtype=np.int64)
        node_of[flat] = np.arange(len(flat))
        clearance = ndimage.distance_transform_edt(np.pad(main, 1))[1:-1, 1:-1] * free.res
        penalty = 1.0 + CLEARANCE_WEIGHT * np.clip(1.0 - clearance / CLEARANCE_SOFT, 0.0, 1.0)
        rows, cols = np.divmod(flat, nx)
        src, dst, cost = [], [], []
        for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
            r2, c2 = rows + dr, cols + dc
            ok = (r2 < ny) & (c2 >= 0) & (c2 < nx)
            ok[ok] = main[r2[ok], c2[ok]]
            a, b = np.flatnonzero(ok), node_of[r2[ok] * nx + c2[ok]]
            length = math.hypot(dr, dc) * free.res
            w = 0.5 * (penalty[rows[ok], cols[ok]] + penalty[r2[ok], c2[ok]]) * length
            src.append(a)
            dst.append(b)
            cost.append(w)
        s, d, c = np.concatenate(src), np.concatenate(dst), np.concatenate(cost)
        graph = sparse.coo_matrix((np.concatenate([c, c]), (np.concatenate([s, d]), np.concatenate([d, s]))),
                                  shape=(len(flat), len(flat))).tocsr()
        return cls(free=free, flat=flat, centres=centres, node_of=node_of, graph=graph)

    def node(self, xy: np.ndarray) -> int:
        """Node of the cell holding ``xy`` (metres), or the nearest node when that cell is not in the component."""
        rows, cols, ok = self.free.cell_index(np.asarray(xy, dtype=np.float64))
        if ok:
            k = int(self.node_of[int(rows) * self.free.labels.shape[1] + int(cols)])
            if k >= 0:
                return k
        return int(np.argmin(np.sum((self.centres - xy) ** 2, axis=1)))

    def search(self, source: int) -> tuple[np.ndarray, np.ndarray]:
        """Dijkstra from ``source``: (costs (K,) metres, predecessors (K,), −9999 where none)."""
        from scipy.sparse.csgraph import dijkstra

        dist, pred = dijkstra(self.graph, directed=False, indices=source, return_predecessors=True)
        return dist, pred

    def path(self, pred: np.ndarray, source: int, target: int) -> np.ndarray:
        """(P, 2) cell centres from ``source`` to ``target`` along the predecessor tree, metres."""
        nodes = [target]
        while nodes[-1] != source:
            p = int(pred[nodes[-1]])
            if p < 0:
                return self.centres[[source]]
            nodes.append(p)
        return self.centres[nodes[::-1]]


@dataclass(frozen=True)
class _Goal:
    """A place to walk to (metres) and, optionally, a point to look at from there (metres, z up)."""

    xy: np.ndarray
    look_at: np.ndarray | None
    label: str


@dataclass
class AutoWalk:
    """A planned walk: where it starts, its actions, and the goals it reached (object ids or ``cover``), in order."""

    start: AgentState
    actions: list[str]
    visited: list[str]


class _Walker:
    """Emits actions while simulating them, so every emitted move is checked against the raster."""

    def __init__(self, start: AgentState, free: "FreeSpace", budget: int) -> None:
        self.state = start
        self.free = free
        self.budget = budget
        self.actions: list[str] = []
        self.blocked = 0

    @property
    def done(self) -> bool:
        return len(self.actions) >= self.budget

    def emit(self, action: str) -> bool:
        """Do ``action``; returns False when it was blocked (or the budget is spent)."""
        if self.done:
            return False
        self.state, blocked = try_step(self.state, action, self.free)
        self.actions.append(action)
        self.blocked += blocked
        return not blocked

    def turn_to(self, yaw: float) -> None:
        """Turn (in ``TURN_DEG`` steps, the short way) until the heading is ``yaw`` snapped to ``TURN_DEG``."""
        target = _snap(yaw, TURN_DEG)
        n = round(_wrap(target - self.state.yaw) / math.radians(TURN_DEG))
        for _ in range(abs(n)):
            self.emit("turn_left" if n > 0 else "turn_right")

    def pitch_to(self, pitch: float) -> None:
        limit = math.radians(MAX_PITCH_DEG)
        target = _snap(min(max(pitch, -limit), limit), PITCH_DEG)
        n = round((target - self.state.pitch) / math.radians(PITCH_DEG))
        for _ in range(abs(n)):
            self.emit("look_up" if n > 0 else "look_down")

    def can(self, action: str, state: AgentState | None = None) -> bool:
        """Whether ``action`` from ``state`` (default: the current one) would go through, without doing it."""
        return not try_step(state or self.state, action, self.free)[1]

    def follow(self, path: np.ndarray) -> bool:
        """Pure pursuit along ``path`` ((P, 2) metres): steer at the point ``LOOKAHEAD_M`` ahead, turning only when
        the heading error exceeds three quarters of a turn step. A forward step that would be refused is replaced by
        the nearest heading (within ±30°) whose step is clear and gets closer to the aim point, else by a sidestep;
        so the walk emits no refused moves. Returns True on arrival (within half a step of the end)."""
        goal = path[-1]
        progress = 0
        limit = len(self.actions) + int(3 * len(path) * self.free.res / STEP_M) + 60
        turn = math.radians(TURN_DEG)
        while not self.done and len(self.actions) < limit:
            pos = np.array([self.state.x, self.state.y])
            to_goal = float(np.linalg.norm(goal - pos))
            if to_goal <= 0.5 * STEP_M:
                return True
            window = path[progress:progress + int(2 * LOOKAHEAD_M / self.free.res) + 2]
            progress += int(np.argmin(np.linalg.norm(window - pos, axis=1)))
            ahead = path[progress:]
            aim = ahead[0]
            # the farthest path point within the lookahead that is in sight (not round a corner)
            for k in np.flatnonzero(np.linalg.norm(ahead - pos, axis=1) <= LOOKAHEAD_M)[::-1]:
                if path_clear(self.free, pos[0], pos[1], ahead[k][0], ahead[k][1]):
                    aim = ahead[k]
                    break
            delta = aim - pos
            if float(np.linalg.norm(delta)) < 1e-9:
                return True
            want = math.atan2(-delta[0], delta[1])
            error = _wrap(want - self.state.yaw)
            if abs(error) > 0.75 * turn:
                self.turn_to(want)
                continue
            if to_goal < STEP_M and abs(error) > 1e-6:  # a last partial step would overshoot sideways: close enough
                return True
            if self.can("forward"):
                self.emit("forward")
                continue
            if not self._detour(aim, want):
                return False
        return False

    def _detour(self, aim: np.ndarray, want: float) -> bool:
        """The step towards ``aim`` is blocked: turn to the clear heading nearest ``want`` (within ±90°, in turn
        steps from the current heading) whose step gets closer to ``aim`` and take it, else sidestep towards it.
        False when nothing helps."""
        pos = np.array([self.state.x, self.state.y])
        here = float(np.linalg.norm(aim - pos))
        turn = math.radians(TURN_DEG)
        options = sorted(range(-18, 19), key=lambda k: (abs(_wrap(self.state.yaw + k * turn - want)), k))
        for k in options:
            if k == 0 or abs(_wrap(self.state.yaw + k * turn - want)) > math.pi / 2 + 1e-9:
                continue
            trial = replace(self.state, yaw=_wrap(self.state.yaw + k * turn))
            moved, blocked = try_step(trial, "forward", self.free)
            if not blocked and float(np.linalg.norm(aim - (moved.x, moved.y))) < here:
                self.turn_to(trial.yaw)
                self.emit("forward")
                return True
        for side in ("left", "right"):
            moved, blocked = try_step(self.state, side, self.free)
            if not blocked and float(np.linalg.norm(aim - (moved.x, moved.y))) < here:
                self.emit(side)
                return True
        return False

    def look(self, target: np.ndarray) -> None:
        """Face ``target`` (3,) metres: turn towards it, then tilt ``LOOK_TILT`` of the way to it (the 90° field of
        view keeps a low object in frame while the view keeps the room around it)."""
        d = target[:2] - np.array([self.state.x, self.state.y])
        if float(np.linalg.norm(d)) > 1e-6:
            self.turn_to(math.atan2(-d[0], d[1]))
        self.pitch_to(LOOK_TILT * math.atan2(float(target[2]) - self.state.eye_height, float(np.linalg.norm(d))))


def _object_goals(scene: "Scene", grid: _Grid, rng: np.random.Generator) -> list[_Goal]:
    """A viewing spot per object standing on the floor or a wall: ``VIEW_DIST`` in front of its front side (else its
    other sides), snapped to the main free floor; looked at: its box centre."""
    goals = []
    for inst in scene.objects:
        if inst.support not in (None, "wall"):
            continue
        dist = float(rng.uniform(*VIEW_DIST))
        spot = _view_spot(inst, grid, dist)
        if spot is not None:
            (lo, hi) = inst.bbox
            centre = 0.5 * (np.asarray(lo) + np.asarray(hi))
            goals.append(_Goal(xy=spot, look_at=centre, label=inst.id))
    return goals


def _view_spot(inst: "ObjectInstance", grid: _Grid, dist: float) -> np.ndarray | None:
    c, s = math.cos(inst.pose.yaw), math.sin(inst.pose.yaw)
    front, right = np.array([-s, c]), np.array([c, s])
    w, d = inst.size[0], inst.size[1]
    centre = np.asarray(inst.pose.position[:2], dtype=np.float64)
    for direction, half in ((front, d / 2), (right, w / 2), (-right, w / 2), (-front, d / 2)):
        want = centre + direction * (half + dist)
        rows, cols, ok = grid.free.cell_index(want)
        if ok and grid.node_of[int(rows) * grid.free.labels.shape[1] + int(cols)] >= 0:
            return want
        near = grid.centres[int(np.argmin(np.sum((grid.centres - want) ** 2, axis=1)))]
        if float(np.linalg.norm(near - want)) <= 0.35:
            return near
    return None


def _cover_goals(grid: _Grid, middle: np.ndarray) -> list[_Goal]:
    """Main-floor cells nearest to a ``COVER_SPACING`` lattice over the raster (room coverage), each looking at
    ``middle`` ((3,) metres) so the view from there shows the room rather than the nearest wall."""
    free = grid.free
    ny, nx = free.labels.shape
    xs = free.origin[0] + np.arange(COVER_SPACING / 2, nx * free.res, COVER_SPACING)
    ys = free.origin[1] + np.arange(COVER_SPACING / 2, ny * free.res, COVER_SPACING)
    goals = []
    for y in ys:
        for x in xs:
            d2 = np.sum((grid.centres - (x, y)) ** 2, axis=1)
            k = int(np.argmin(d2))
            if d2[k] <= (COVER_SPACING / 2) ** 2:
                goals.append(_Goal(xy=grid.centres[k], look_at=middle, label="cover"))
    return goals


def auto_walk(scene: "Scene", n_actions: int, seed: int = 0, *, body_radius: float = BODY_RADIUS,
              free: "FreeSpace | None" = None, start: AgentState | None = None) -> AutoWalk:
    """Plan ``n_actions`` actions that visit the room and look at its objects, deterministic for ``seed``.

    From ``start`` (default: ``default_start``, just inside the door) the agent repeatedly walks to the nearest
    unvisited goal — a viewing spot in front of each floor- or wall-standing object, then room-coverage points, then
    the objects again — along the cheapest path on the main navigable component (Dijkstra, 8-connected cells, costs
    growing near walls and furniture), following it with turns and forward steps (pure pursuit), and at an object
    turns and tilts to look at it. Every action is simulated with ``try_step`` as it is planned, so the walk cannot
    pass through objects or walls. The seed draws each object's viewing distance and jitters the visiting order.
    """
    from scenegen.rng import stage_rng

    if n_actions < 0:
        raise ValueError(f"the number of actions must be >= 0, got {n_actions}")
    free = free if free is not None else walk_space(scene, body_radius)
    start = start if start is not None else default_start(scene, free)
    rng = stage_rng(seed, "walk")
    walker = _Walker(start, free, n_actions)
    visited: list[str] = []
    if free.main == 0 or n_actions == 0:
        return AutoWalk(start=start, actions=walker.actions + ["noop"] * (n_actions - len(walker.actions)),
                        visited=visited)
    grid = _Grid.build(free)
    objects = _object_goals(scene, grid, rng)
    middle = np.append(grid.centres.mean(axis=0), 1.0)  # the main floor's centroid, 1 m up
    cover = _cover_goals(grid, middle)
    pending = list(objects or cover)
    rounds, round_start = 0, 0
    while not walker.done:
        if not pending:
            if len(walker.actions) == round_start:  # a whole round went nowhere: look around in place instead
                break
            rounds, round_start = rounds + 1, len(walker.actions)
            pending = list((cover if rounds % 2 else objects) or objects or cover)
        here = np.array([walker.state.x, walker.state.y])
        source = grid.node(here)
        dist, pred = grid.search(source)
        nodes = np.array([grid.node(g.xy) for g in pending])
        jitter = rng.uniform(0.85, 1.15, size=len(pending))
        cost = np.where(np.isfinite(dist[nodes]), dist[nodes] * jitter, np.inf)
        k = int(np.argmin(cost))
        goal = pending.pop(k)
        if not np.isfinite(cost[k]):
            continue
        if walker.state.pitch != 0.0:
            walker.pitch_to(0.0)
        path = grid.path(pred, source, int(nodes[k]))
        path = np.vstack([here, path[1:]]) if len(path) > 1 else np.vstack([here, path])
        arrived = walker.follow(path)
        if goal.look_at is not None:
            walker.look(goal.look_at)
        if arrived:
            visited.append(goal.label)
    while not walker.done:  # budget left with nothing reachable: turn on the spot
        walker.emit("turn_left")
    return AutoWalk(start=start, actions=walker.actions, visited=visited)


# --------------------------------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------------------------------


@dataclass
class WalkFrames:
    """The engine's frames for a walk: frame 0 is the start, frame k the view after action k (T = actions + 1).

    rgb (T, H, W, 3) uint8 sRGB; depth (T, H, W) float32 metres along the ray, ``inf`` where nothing was hit;
    ids (T, H, W) int32 index into ``names``, −1 for nothing; poses (T, 4, 4) float64 camera-to-world (OpenCV axes,
    ``scenegen.render.camera``); intrinsics (3, 3) float64 pixels; states the agent states; blocked[k] whether
    action k was refused.
    """

    rgb: np.ndarray
    depth: np.ndarray
    ids: np.ndarray
    poses: np.ndarray
    intrinsics: np.ndarray
    names: list[str]
    actions: list[str]
    states: list[AgentState]
    blocked: list[bool]
    fov_deg: float
    shadows: bool

    def __len__(self) -> int:
        return len(self.rgb)


def render_walk(scene: "Scene", actions: Sequence[str], width: int = 256, height: int = 256,
                fov_deg: float = DEFAULT_FOV_DEG, *, start: AgentState | None = None,
                body_radius: float = BODY_RADIUS, free: "FreeSpace | None" = None, shadows: bool = False,
                ceiling: bool = True, progress: Callable[[int, int], None] | None = None) -> WalkFrames:
    """Roll ``actions`` out from ``start`` (default: ``default_start``) against the walk raster and render every state
    with the ray-caster, building the scene's triangle soup and BVH once for the whole walk.

    The room has its ceiling by default (the view from eye height looks up at it), and then the sun casts no
    shadows indoors, so ``shadows`` is off by default: the sun still shades surfaces by their angle.
    ``progress(done, total)`` is called after each frame.
    """
    from scenegen.render.raycast import prepare
    from scenegen.render.views import scene_meshes

    for a in actions:
        if a not in ACTIONS:
            raise ActionError(f"unknown action {a!r}; known: {', '.join(ACTIONS)}")
    if width < 1 or height < 1:
        raise ValueError(f"frame size must be positive, got {width}×{height}")
    free = free if free is not None else walk_space(scene, body_radius)
    start = start if start is not None else default_start(scene, free)
    states, blocked = rollout(start, actions, free)
    prepared = prepare(scene_meshes(scene, ceiling=ceiling))
    t = len(states)
    rgb = np.empty((t, height, width, 3), dtype=np.uint8)
    depth = np.empty((t, height, width), dtype=np.float32)
    ids = np.empty((t, height, width), dtype=np.int32)
    poses = np.empty((t, 4, 4), dtype=np.float64)
    intrinsics = np.eye(3)
    for k, s in enumerate(states):
        cam = s.camera(width, height, fov_deg)
        out = prepared.render(cam, shadows=shadows)
        rgb[k], depth[k], ids[k], poses[k] = out.rgb, out.depth, out.ids, cam.cam_to_world
        intrinsics = cam.intrinsics
        if progress is not None:
            progress(k + 1, t)
    return WalkFrames(rgb=rgb, depth=depth, ids=ids, poses=poses, intrinsics=intrinsics, names=prepared.names,
                      actions=list(actions), states=states, blocked=blocked, fov_deg=fov_deg, shadows=shadows)


# --------------------------------------------------------------------------------------------------------------------
# Output folder
# --------------------------------------------------------------------------------------------------------------------

POSE_CONVENTION = ("cam_to_world: 4x4 camera-to-world, metres, world z up (scenegen.scene); camera axes OpenCV: "
                   "x right, y down, z forward (scenegen.render.camera). Agent yaw 0 faces +y, positive yaw turns "
                   "left.")


def write_walk(frames: WalkFrames, out_dir: str | Path, fmt: str = "mp4", fps: float | None = None,
               progress: Callable[[str], None] | None = None) -> dict[str, Path]:
    """Write a rendered walk to the folder ``out_dir``, atomically (a temporary sibling folder renamed into place;
    an existing folder of that name is replaced):

    * ``frames/00000.png`` …: frame k is the view after action k (frame 0: the start), sRGB PNG;
    * ``depth.npz``: ``depth`` (T, H, W) float32 metres along the ray, ``inf`` where nothing was hit (uncompressed:
      fast and exact);
    * ``ids.npz``: ``ids`` (T, H, W) int16 (int32 beyond 32767 meshes) index into ``names``, −1 for nothing;
      ``names``;
    * ``actions.jsonl``: one line per action: step (= its frame), action, action_id (index in ``ACTIONS``), blocked,
      state and pose after it;
    * ``actions.txt``: the actions in ``parse_actions`` syntax (``scenegen walk --actions "$(cat actions.txt)"``);
    * ``poses.json``: the convention, intrinsics, field of view, size, start and every frame's pose and state;
    * ``walk.mp4`` or ``walk.gif`` (``fmt``), one frame per action at ``fps`` (default ``video.DEFAULT_FPS``).

    Returns the written paths by name. ``progress(what)`` is called before each part.
    """
    import json
    import os
    import shutil

    from PIL import Image

    from scenegen.render.video import DEFAULT_FPS, FORMATS, write_video

    if fmt not in FORMATS:
        raise ValueError(f"unknown video format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    note = progress or (lambda what: None)
    try:
        (tmp / "frames").mkdir(parents=True)
        note("frames")
        for k, rgb in enumerate(frames.rgb):
            Image.fromarray(rgb, "RGB").save(tmp / "frames" / f"{k:05d}.png", compress_level=1)
        note("depth and ids")
        np.savez(tmp / "depth.npz", depth=frames.depth)
        id_type = np.int16 if len(frames.names) < 2**15 else np.int32
        np.savez_compressed(tmp / "ids.npz", ids=frames.ids.astype(id_type), names=np.array(frames.names, dtype=str))
        note("actions and poses")
        lines = []
        for k, (a, b) in enumerate(zip(frames.actions, frames.blocked), start=1):
            lines.append(json.dumps({"step": k, "action": a, "action_id": ACTIONS.index(a), "blocked": bool(b),
                                     "state": frames.states[k].to_json(), "pose": _pose_list(frames.poses[k])}))
        (tmp / "actions.jsonl").write_text("".join(line + "\n" for line in lines))
        (tmp / "actions.txt").write_text(format_actions(frames.actions) + "\n")
        h, w = frames.rgb.shape[1:3]
        meta = {"convention": POSE_CONVENTION, "width": int(w), "height": int(h), "fov_deg": frames.fov_deg,
                "intrinsics": np.round(frames.intrinsics, 9).tolist(), "shadows": frames.shadows,
                "start": frames.states[0].to_json(), "actions": ACTIONS,
                "frames": [{"frame": k, "pose": _pose_list(p), "state": s.to_json()}
                           for k, (p, s) in enumerate(zip(frames.poses, frames.states))]}
        head = json.dumps({k: v for k, v in meta.items() if k != "frames"}, indent=1)
        rows = ",\n".join("  " + json.dumps(f) for f in meta["frames"])  # one frame per line
        (tmp / "poses.json").write_text(head[:-2] + ',\n "frames": [\n' + rows + "\n ]\n}\n")
        note("video")
        write_video(tmp / f"walk.{fmt}", frames.rgb, fmt=fmt, fps=fps or DEFAULT_FPS)
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        if out.exists():
            os.replace(out, old)
        os.replace(tmp, out)
        if old.exists():
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    names = ["frames", "depth.npz", "ids.npz", "actions.jsonl", "actions.txt", "poses.json", f"walk.{fmt}"]
    return {name: out / name for name in names}


def _pose_list(pose: np.ndarray) -> list[list[float]]:
    """A (4, 4) pose as nested lists, rounded to 1e-9 (so exact zeros and ones print as such)."""
    return (np.round(pose, 9) + 0.0).tolist()
