"""The automatic walk: plan N actions that visit a room and look at its objects (Dijkstra on the walk raster's main
component, pure pursuit along the path, turns and tilts towards each object), every action simulated as it is
planned so the walk never passes through anything. Conventions as ``scenegen.render.agent``."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from scenegen.render.agent import ACTIONS, BODY_RADIUS, MAX_PITCH_DEG, PITCH_DEG, STEP_M, TURN_DEG, AgentState, cell_centres, \
    default_start, path_clear, snap, try_step, walk_space, wrap

if TYPE_CHECKING:
    from scenegen.freespace import FreeSpace
    from scenegen.scene import ObjectInstance, Scene

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
        flat, centres = cell_centres(free, main)
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

    def __init__(self, start: AgentState, free: "FreeSpace", budget: int, random_p: float = 0.0,
                 rng: np.random.Generator | None = None) -> None:
        self.state = start
        self.free = free
        self.budget = budget
        self.random_p = random_p
        self.rng = rng
        self.actions: list[str] = []
        self.blocked = 0

    @property
    def done(self) -> bool:
        return len(self.actions) >= self.budget

    def emit(self, action: str) -> bool:
        """Do ``action``, or with probability ``random_p`` a uniformly drawn action instead (the planner then carries
        on from wherever that led); returns False when it was blocked (or the budget is spent)."""
        if self.done:
            return False
        if self.random_p > 0.0 and self.rng is not None and self.rng.random() < self.random_p:
            action = ACTIONS[int(self.rng.integers(0, len(ACTIONS)))]
        self.state, blocked = try_step(self.state, action, self.free)
        self.actions.append(action)
        self.blocked += blocked
        return not blocked

    def turn_to(self, yaw: float) -> None:
        """Turn (in ``TURN_DEG`` steps, the short way) until the heading is ``yaw`` snapped to ``TURN_DEG``."""
        target = snap(yaw, TURN_DEG)
        n = round(wrap(target - self.state.yaw) / math.radians(TURN_DEG))
        for _ in range(abs(n)):
            self.emit("turn_left" if n > 0 else "turn_right")

    def pitch_to(self, pitch: float) -> None:
        limit = math.radians(MAX_PITCH_DEG)
        target = snap(min(max(pitch, -limit), limit), PITCH_DEG)
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
            error = wrap(want - self.state.yaw)
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
        options = sorted(range(-18, 19), key=lambda k: (abs(wrap(self.state.yaw + k * turn - want)), k))
        for k in options:
            if k == 0 or abs(wrap(self.state.yaw + k * turn - want)) > math.pi / 2 + 1e-9:
                continue
            trial = replace(self.state, yaw=wrap(self.state.yaw + k * turn))
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
              free: "FreeSpace | None" = None, start: AgentState | None = None, random_p: float = 0.0) -> AutoWalk:
    """Plan ``n_actions`` actions that visit the room and look at its objects, deterministic for ``seed``.

    From ``start`` (default: ``default_start``, just inside the door) the agent repeatedly walks to the nearest
    unvisited goal — a viewing spot in front of each floor- or wall-standing object, then room-coverage points, then
    the objects again — along the cheapest path on the main navigable component (Dijkstra, 8-connected cells, costs
    growing near walls and furniture), following it with turns and forward steps (pure pursuit), and at an object
    turns and tilts to look at it. Every action is simulated with ``try_step`` as it is planned, so the walk cannot
    pass through objects or walls. The seed draws each object's viewing distance and jitters the visiting order.

    ``random_p`` (0 to 1) replaces that share of the actions by uniformly drawn ones (seeded apart from the plan, so
    ``random_p=0`` gives the same walk as before), done as the walk goes: the planner re-plans from where a random
    action led, so random moves are the only ones that can be blocked (the world model's training walks).
    """
    from scenegen.rng import stage_rng

    if n_actions < 0:
        raise ValueError(f"the number of actions must be >= 0, got {n_actions}")
    free = free if free is not None else walk_space(scene, body_radius)
    start = start if start is not None else default_start(scene, free)
    if not 0.0 <= random_p <= 1.0:
        raise ValueError(f"random_p must be between 0 and 1, got {random_p}")
    rng = stage_rng(seed, "walk")
    walker = _Walker(start, free, n_actions, random_p, stage_rng(seed, "walk/random"))
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
