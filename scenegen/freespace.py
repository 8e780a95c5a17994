"""Top-down free-space raster of a room: where a round robot can stand and what floor it can reach (SceneEval NAV).

One implementation, shared by the solver (which keeps the floor it lays out connected and every functional side
reachable) and the navigation validators (which judge the finished scene). Works on oriented footprints, not meshes.
Raster arrays are (ny, nx), row = y, column = x; metres throughout.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from scenegen import catalog
from scenegen.geometry import polygon_contains_points
from scenegen.thresholds import ACC_STRIP_DEPTH, ACC_STRIP_OFFSET, FLAT_HEIGHT, MIN_ACC_SCORE, MIN_NAV_SCORE, \
    NAV_GRID, OBSTACLE_MAX_CENTRE, ROBOT_RADIUS

if TYPE_CHECKING:
    from scenegen.scene import ObjectInstance, Room, Scene


@dataclass
class FreeSpace:
    """Top-down free-space raster of one scene for one robot radius (SceneEval NAV).

    All arrays are (ny, nx); cell (i, j) has its centre at ``origin + ((j + 0.5) * res, (i + 0.5) * res)``.
    """

    origin: np.ndarray
    """(2,) metres: the grid's lower-left corner (the room's footprint bounds)."""
    res: float
    """cell size, metres"""
    robot_radius: float
    """metres"""
    obstacle_ids: list[str]
    """ids of the objects rasterised as obstacles; ``owner`` indexes into this list"""
    inside: np.ndarray
    """bool: cell centre inside the room footprint"""
    owner: np.ndarray
    """int32: index into ``obstacle_ids`` of the (last) obstacle covering the cell, -1 for none"""
    free: np.ndarray
    """bool: inside the room and not under an obstacle"""
    navigable: np.ndarray
    """bool: a robot of ``robot_radius`` can stand with its centre here (``free`` eroded by the radius)"""
    labels: np.ndarray
    """int32: 8-connected component of ``navigable`` (1..K), 0 elsewhere"""
    sizes: np.ndarray
    """(K + 1,) int: cells per component (index 0 unused, 0)"""
    main: int
    """label of the largest component, 0 when nothing is navigable"""
    cover: np.ndarray
    """int32: for free cells, the component of the nearest robot position within ``robot_radius`` (the floor the
    robot's body sweeps from that component), 0 when no robot position is that close"""
    near_main_ids: set[str] = field(default_factory=set)
    """obstacles within a robot radius (plus two cells) of the main component: what borders the main floor"""
    _walls: dict[int, tuple[list[str], list[str]]] = field(default_factory=dict)

    @property
    def cell_area(self) -> float:
        return self.res * self.res

    @property
    def score(self) -> float:
        """SceneEval NAV: largest component ÷ all navigable cells (1.0 for a room with no free floor at all is
        avoided: that is 0.0)."""
        total = int(self.sizes.sum())
        return float(self.sizes[self.main]) / total if total else 0.0

    @property
    def reach(self) -> np.ndarray:
        """(ny, nx) bool: free floor a robot standing in the main component can cover with its body."""
        return (self.cover == self.main) & (self.main > 0)

    def cell_index(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Row and column of the cells holding points ``xy`` ((..., 2) metres), and whether each is on the grid."""
        ny, nx = self.free.shape
        ij = np.floor((np.asarray(xy, dtype=np.float64) - self.origin) / self.res).astype(np.int64)
        col, row = ij[..., 0], ij[..., 1]
        ok = (col >= 0) & (col < nx) & (row >= 0) & (row < ny)
        return np.where(ok, row, 0), np.where(ok, col, 0), ok

    def owners_in(self, mask: np.ndarray) -> list[str]:
        """Ids of the obstacles covering any cell of ``mask`` ((ny, nx) bool), in scene order."""
        idx = np.unique(self.owner[mask])
        return [self.obstacle_ids[k] for k in sorted(int(i) for i in idx if i >= 0)]

    def owners_near(self, rows: np.ndarray, cols: np.ndarray) -> list[str]:
        """Obstacles within a robot radius (plus two cells) of the cells (``rows``, ``cols``): what narrows a gap."""
        from scipy import ndimage

        pad = int(math.ceil(self._border_cells)) + 1
        ny, nx = self.free.shape
        r0, r1 = max(int(rows.min()) - pad, 0), min(int(rows.max()) + pad + 1, ny)
        c0, c1 = max(int(cols.min()) - pad, 0), min(int(cols.max()) + pad + 1, nx)
        seed = np.zeros((r1 - r0, c1 - c0), dtype=bool)
        seed[rows - r0, cols - c0] = True
        near = np.zeros_like(self.free)
        near[r0:r1, c0:c1] = ndimage.distance_transform_edt(~seed) <= self._border_cells
        return self.owners_in(near)

    def walls_of(self, label: int) -> tuple[list[str], list[str]]:
        """For a cut-off component: the obstacles that separate it from the main floor (they border both), and those
        that border only it (standing inside the cut-off pocket). Cached per label."""
        if label in self._walls:
            return self._walls[label]
        from scipy import ndimage

        comp = self.labels == label
        ys, xs = np.nonzero(comp)
        pad = int(math.ceil(self.robot_radius / self.res)) + 3
        r0, r1 = max(int(ys.min()) - pad, 0), min(int(ys.max()) + pad + 1, comp.shape[0])
        c0, c1 = max(int(xs.min()) - pad, 0), min(int(xs.max()) + pad + 1, comp.shape[1])
        near = np.zeros_like(comp)
        near[r0:r1, c0:c1] = ndimage.distance_transform_edt(~comp[r0:r1, c0:c1]) <= self._border_cells
        around = self.owners_in(near)
        walls = [o for o in around if o in self.near_main_ids]
        inside = [o for o in around if o not in self.near_main_ids]
        self._walls[label] = (walls or around, inside if walls else [])
        return self._walls[label]

    @property
    def _border_cells(self) -> float:
        """How far (cells) from a component's robot positions an obstacle may be and still border it."""
        return self.robot_radius / self.res + 2.0


def quad_mask(quad: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Which cell centres of the grid ``ys × xs`` ((ny,), (nx,) metres) lie inside the convex CCW ``quad`` (4, 2)."""
    px, py = np.meshgrid(xs, ys)
    inside = np.ones(px.shape, dtype=bool)
    for k in range(4):
        (ax, ay), (bx, by) = quad[k], quad[(k + 1) % 4]
        inside &= (bx - ax) * (py - ay) - (by - ay) * (px - ax) >= 0.0
    return inside


def rasterise(poly: np.ndarray, obstacles: list[tuple[str, np.ndarray]], robot_radius: float, grid: int) -> FreeSpace:
    """Rasterise the floor polygon ``poly`` (M, 2) with ``grid`` square cells along its longer side, paint the
    ``obstacles`` ((id, footprint (4, 2)) in painting order: a later one owns a shared cell), erode the free floor by
    ``robot_radius`` m with a Euclidean distance transform, and label its 8-connected components."""
    from scipy import ndimage

    poly = np.asarray(poly, dtype=np.float64)
    lo, hi = poly.min(axis=0), poly.max(axis=0)
    res = float(max(hi - lo)) / grid
    nx, ny = (int(math.ceil(float(v) / res - 1e-9)) for v in (hi - lo))
    xs = lo[0] + (np.arange(nx) + 0.5) * res
    ys = lo[1] + (np.arange(ny) + 0.5) * res
    gx, gy = np.meshgrid(xs, ys)
    inside = polygon_contains_points(poly, np.stack([gx, gy], axis=-1))

    owner = np.full((ny, nx), -1, dtype=np.int32)
    obstacle_ids: list[str] = []
    for oid, quad in obstacles:
        c0, r0 = np.maximum(np.floor((quad.min(axis=0) - lo) / res).astype(int), 0)
        c1, r1 = np.floor((quad.max(axis=0) - lo) / res).astype(int) + 1
        c1, r1 = min(c1, nx), min(r1, ny)
        if c1 <= c0 or r1 <= r0:
            continue
        obstacle_ids.append(oid)
        sub = owner[r0:r1, c0:c1]
        sub[quad_mask(quad, xs[c0:c1], ys[r0:r1])] = len(obstacle_ids) - 1
    free = inside & (owner < 0)

    # Distance (cells) from each free cell centre to the nearest blocked cell centre; the blocked cell's edge is half a
    # cell nearer, so a robot fits where that distance is at least radius + half a cell.
    padded = np.pad(free, 1, constant_values=False)
    dist = ndimage.distance_transform_edt(padded)[1:-1, 1:-1]
    navigable = free & (dist >= robot_radius / res + 0.5)
    labels, k = ndimage.label(navigable, structure=np.ones((3, 3), dtype=bool))
    labels = labels.astype(np.int32)
    sizes = np.bincount(labels.ravel(), minlength=k + 1)
    sizes[0] = 0
    main = int(np.argmax(sizes)) if k else 0

    if k:
        to_nav, (ir, ic) = ndimage.distance_transform_edt(~navigable, return_indices=True)
        cover = np.where(free & (to_nav <= robot_radius / res + 0.5), labels[ir, ic], 0).astype(np.int32)
    else:
        cover = np.zeros((ny, nx), dtype=np.int32)
    fs = FreeSpace(origin=lo, res=res, robot_radius=float(robot_radius), obstacle_ids=obstacle_ids, inside=inside,
                   owner=owner, free=free, navigable=navigable, labels=labels, sizes=sizes, main=main, cover=cover)
    if main:
        near_main = ndimage.distance_transform_edt(labels != main) <= fs._border_cells
        fs.near_main_ids = set(fs.owners_in(near_main))
    return fs




def side_points(cx: float, cy: float, yaw: float, width: float, depth: float, side: str, step: float = 0.04,
                offset: float = ACC_STRIP_OFFSET, strip: float = ACC_STRIP_DEPTH) -> np.ndarray:
    """(K, 2) sample points, metres, of the SceneEval accessibility strip beside one side (front/back/left/right) of
    a box centred at (cx, cy) with ``yaw`` and size ``width`` × ``depth``."""
    if side in ("front", "back"):
        sign = 1.0 if side == "front" else -1.0
        along = np.arange(-width / 2 + step / 2, width / 2, step)
        out = np.arange(offset + step / 2, offset + strip, step)
        a, o = np.meshgrid(along, out)
        right, fwd = a.ravel(), sign * (depth / 2 + o.ravel())
    else:
        sign = 1.0 if side == "right" else -1.0
        along = np.arange(-depth / 2 + step / 2, depth / 2, step)
        out = np.arange(offset + step / 2, offset + strip, step)
        a, o = np.meshgrid(along, out)
        right, fwd = sign * (width / 2 + o.ravel()), a.ravel()
    c, s = math.cos(yaw), math.sin(yaw)
    return np.stack([cx + right * c - fwd * s, cy + right * s + fwd * c], axis=-1)


def reach_fraction(fs: FreeSpace, points: np.ndarray) -> float:
    """Fraction of ``points`` ((K, 2) metres) on floor a robot standing in the main component can cover."""
    if not len(points):
        return 0.0
    rows, cols, ok = fs.cell_index(points)
    return float(np.mean(ok & fs.reach[rows, cols]))


@dataclass(frozen=True)
class FloorObject:
    """A floor-standing object as the access checks see it: its footprint box and functional sides. Metres, radians."""

    id: str
    cx: float
    cy: float
    yaw: float
    width: float
    depth: float
    sides: tuple[str, ...]
    """functional sides (catalog): front, back, left, right"""
    seat: bool = False
    """a seat pulled up to a table or desk: its front faces the knee space by design"""

    @property
    def corners(self) -> np.ndarray:
        from scenegen.geometry import footprint_corners

        return footprint_corners(self.cx, self.cy, self.width / 2, self.depth / 2, self.yaw)


def access_problems(room: "Room", floor: list[FloorObject], robot_radius: float = ROBOT_RADIUS, grid: int = 128,
                    nav_min: float = MIN_NAV_SCORE, access_min: float = MIN_ACC_SCORE) -> int:
    """How a floor layout fails a robot (SceneEval's NAV and ACC, as the navigation validators measure them): 1 when
    the largest free area is under ``nav_min`` of all free floor, 1 per door that cannot reach it, and 1 per object
    whose best functional side has less than ``access_min`` of its strip reachable. A seat counts as reachable when
    the robot can get beside or behind it, and the floor under a seat counts for the table it is pulled up to."""
    fs = rasterise(np.asarray(room.footprint, dtype=float), [(o.id, o.corners) for o in floor], robot_radius, grid)
    problems = int(fs.score < nav_min)
    for op in room.openings:
        if op.kind != "door":
            continue
        cx, cy = room.opening_center(op)
        nx, ny = room.wall_normal(op.wall)
        dx, dy = room.wall_direction(op.wall)
        t = np.linspace(-op.width / 2, op.width / 2, 7)
        out = robot_radius + 0.15
        rows, cols, ok = fs.cell_index(np.stack([cx + dx * t + nx * out, cy + dy * t + ny * out], -1))
        problems += int(not (ok & (fs.labels[rows, cols] == fs.main) & (fs.main > 0)).any())
    seat_quads = [o.corners for o in floor if o.seat]
    for o in floor:
        if not o.sides:
            continue
        if o.seat:
            pts = np.concatenate([side_points(o.cx, o.cy, o.yaw, o.width, o.depth, side, offset=0.0)
                                  for side in ("back", "left", "right")])
            problems += int(reach_fraction(fs, pts) == 0.0)
            continue
        best = 0.0
        for side in o.sides:
            pts = side_points(o.cx, o.cy, o.yaw, o.width, o.depth, side)
            rows, cols, ok = fs.cell_index(pts)
            hit = ok & fs.reach[rows, cols]
            for quad in seat_quads:
                hit |= polygon_contains_points(quad, pts)
            best = max(best, float(hit.mean()) if len(hit) else 0.0)
        problems += int(best < access_min)
    return problems


# ----------------------------------------------------------------------------------------------------------------------
# a scene's free space (what the navigation validators, the walkthroughs and the map all use)
# ----------------------------------------------------------------------------------------------------------------------

def footprint(inst: "ObjectInstance") -> np.ndarray:
    """(4, 2) counter-clockwise corners of the object's oriented box on the floor, metres (pose + size)."""
    from scenegen.geometry import footprint_corners

    x, y, _ = inst.pose.position
    w, d, _ = inst.size
    return footprint_corners(x, y, w / 2, d / 2, inst.pose.yaw)


def z_range(inst: "ObjectInstance") -> tuple[float, float]:
    """Bottom and top height of the object's box, metres."""
    z = float(inst.pose.position[2])
    return z, z + float(inst.size[2])


def is_flat(inst: "ObjectInstance") -> bool:
    """Rugs, mats and anything at most 3 cm tall: lies on the floor and is walked over."""
    return inst.category in catalog.with_role("flat") or float(inst.size[2]) <= FLAT_HEIGHT


def is_obstacle(inst: "ObjectInstance", max_centre: float = OBSTACLE_MAX_CENTRE, flat: bool = False) -> bool:
    """SceneEval NAV obstacle: box centre at most ``max_centre`` m high, and not flat unless ``flat`` (SceneEval
    itself counts rugs as obstacles; scenegen walks over them)."""
    lo, hi = z_range(inst)
    return (flat or not is_flat(inst)) and (lo + hi) / 2 <= max_centre


def scene_free_space(scene: "Scene", robot_radius: float = ROBOT_RADIUS, grid: int = NAV_GRID,
                     obstacle_max_centre: float = OBSTACLE_MAX_CENTRE, flat_obstacles: bool = False) -> FreeSpace:
    """``scenegen.freespace.rasterise`` of ``scene``'s floor with its obstacles: oriented footprints of objects whose
    box centre is at most ``obstacle_max_centre`` m high, flat objects excluded."""
    from scenegen.catalog import support_kind

    # Things standing on other objects are painted first, so a cell under a lamp on a desk belongs to the desk.
    order = sorted(scene.objects, key=lambda o: support_kind(o) != "object")
    obstacles = [(inst.id, footprint(inst)) for inst in order
                 if is_obstacle(inst, obstacle_max_centre, flat_obstacles)]
    return rasterise(np.asarray(scene.room.footprint, dtype=np.float64), obstacles, robot_radius, grid)


