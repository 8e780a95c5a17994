"""The walking agent: a discrete action vocabulary, the agent's state and camera, moves that cannot pass through
things, the free space it walks on, its default start and the rollout of an action sequence.

The same actions drive the engine (``scenegen.render.walk``) and the world model (``scenegen.world``), so the
vocabulary is fixed: ``ACTIONS`` in this order, an action's index in it is its id.

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
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from scenegen.render.camera import Camera, look_along

if TYPE_CHECKING:
    from scenegen.freespace import FreeSpace
    from scenegen.scene import Scene

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
HOME_CELL_M = 0.02
"""metres: the coarsest walk raster cell of a whole home (a home's 256 cells would be 3 cm or more, and their margin
closed the 0.5 m gaps to doors that each room's own 2 cm navigability raster passes)"""
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


def wrap(angle: float) -> float:
    """Angle in radians wrapped to (−π, π]."""
    return math.remainder(angle, 2 * math.pi)


def snap(angle: float, step_deg: float) -> float:
    """Angle (radians) rounded to a whole number of ``step_deg`` degrees, wrapped."""
    step = math.radians(step_deg)
    return wrap(round(angle / step) * step)


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
        return snap(math.radians((round(k) + sign) * step_deg), step_deg)
    return wrap(angle + sign * math.radians(step_deg))


def step(state: AgentState, action: str, free: "FreeSpace") -> AgentState:
    """``try_step`` without the blocked flag: a refused move leaves the position unchanged."""
    return try_step(state, action, free)[0]


# --------------------------------------------------------------------------------------------------------------------
# Free space and the start
# --------------------------------------------------------------------------------------------------------------------


def walk_space(scene: "Scene", body_radius: float = BODY_RADIUS, grid: int | None = None) -> "FreeSpace":
    """The free-space raster walks collide against: ``scenegen.freespace.scene_free_space`` (obstacles: objects
    whose box centre is at most 2 m up, rugs excluded) with ``body_radius + RASTER_MARGIN_CELLS`` cells as the robot
    radius. ``grid`` cells along the room's longer side (None: ``RASTER_GRID``, or for a whole home as many as keep
    its cells at most ``HOME_CELL_M``)."""
    from scenegen.freespace import scene_free_space

    if body_radius < 0:
        raise ValueError(f"body radius must be >= 0 m, got {body_radius}")
    (x0, y0), (x1, y1) = scene.room.bounds
    longer = max(x1 - x0, y1 - y0)
    if grid is None:
        grid = max(RASTER_GRID, math.ceil(longer / HOME_CELL_M)) if scene.room.type == "home" else RASTER_GRID
    res = longer / grid
    return scene_free_space(scene, robot_radius=body_radius + RASTER_MARGIN_CELLS * res, grid=grid)


def cell_centres(free: "FreeSpace", mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(flat cell indices (K,), centres (K, 2) metres) of the cells of ``mask`` ((ny, nx) bool), row-major."""
    flat = np.flatnonzero(mask)
    rows, cols = np.divmod(flat, mask.shape[1])
    return flat, free.origin + (np.stack([cols, rows], axis=-1) + 0.5) * free.res


def _nearest_main(free: "FreeSpace", xy: np.ndarray, max_dist: float = math.inf) -> np.ndarray | None:
    """Centre (2,) metres of the main-component cell nearest to ``xy``, or None when none is within ``max_dist``."""
    if free.main == 0:
        return None
    _, centres = cell_centres(free, free.labels == free.main)
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
        yaw = snap(math.atan2(-normal[0], normal[1]), TURN_DEG)
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
