"""Home validators: what no single room can check. Every per-room validator still runs on each room (its own Report).

* ``doors``: every room has a door; every door between two rooms is an opening of both; no door wider than a wall.
* ``reachable``: every room's main floor is reachable from the entrance through doors by the navigation robot
  (``scenegen.thresholds.ROBOT_RADIUS``, 0.2 m): per room, the free floor rasterised by ``scenegen.freespace``; a
  door joins the floor components found just inside it on each side (a door blocked on one side joins nothing).
* ``door_swing``: a door leaf's swing (a quarter disc of radius its width, on the side it opens into) holds no furniture
  and overlaps no other door's swing.
* ``windows``: every window lies on the home's outer wall.
* ``program``: the rooms the program asked for are there; each room's area is within ``AREA_TOLERANCE`` of its
  target; the adjacency rules of programs.toml hold (the kitchen shares a door with the living or dining room).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from scenegen.home.floorplan import AREA_TOLERANCE
from scenegen.home.model import OUTSIDE, Door, Home, HomeRoom
from scenegen.scene import Finding, Room

if TYPE_CHECKING:
    from scenegen.freespace import FreeSpace
    from scenegen.home.floorplan import FloorPlan

__all__ = ["AREA_TOLERANCE", "validate_home"]

INSIDE = 0.35
"""metres inside the wall where a door's floor is sampled for reachability"""
VALIDATOR = "home"


def validate_home(home: Home, plan: "FloorPlan | None" = None) -> list[Finding]:
    """Every home-level check on ``home`` (the floor plan, when given, supplies target areas; else the rooms')."""
    out: list[Finding] = []
    out += check_doors(home)
    out += check_reachable(home)
    out += check_door_swings(home)
    out += check_windows(home)
    out += check_program(home)
    return out


def _finding(check: str, problems: list[tuple[str, list[str]]], ok: str, fix: str, score: float | None = None
             ) -> list[Finding]:
    if not problems:
        return [Finding(validator=VALIDATOR, check=check, status="pass", message=ok, score=1.0 if score is None
                        else score)]
    return [Finding(validator=VALIDATOR, check=check, status="fail", message=msg, object_ids=ids, fix=fix,
                    score=score) for msg, ids in problems]


def check_doors(home: Home) -> list[Finding]:
    """No doorless room; each door is an opening of every room it joins."""
    problems: list[tuple[str, list[str]]] = []
    for r in home.rooms:
        mine = [d for d in home.doors if r.id in (d.a, d.b)]
        if not mine and len(home.rooms) > 1:
            problems.append((f"{r.id} has no door", [r.id]))
        openings = {o.id for o in r.scene.room.openings if o.kind == "door"}
        for d in mine:
            if d.id not in openings:
                problems.append((f"door {d.id} ({d.a}-{d.b}) is not an opening of {r.id}'s walls", [r.id, d.id]))
    if home.entrance is None and len(home.rooms) > 1:
        problems.append(("the home has no entrance door", []))
    return _finding("doors", problems, f"all {len(home.rooms)} rooms have doors ({len(home.doors)} doors)",
                    "add a door on a wall the room shares with a room it may be reached from")


def _door_point(room: Room, door: Door, depth: float = INSIDE) -> np.ndarray:
    """The floor point ``depth`` m inside ``room`` in front of ``door``'s centre."""
    (x0, y0), (x1, y1) = room.bounds
    cx, cy = door.center
    if door.axis == "x":
        sign = 1.0 if abs(cy - y0) < abs(cy - y1) else -1.0
        return np.array([cx, cy + sign * depth])
    sign = 1.0 if abs(cx - x0) < abs(cx - x1) else -1.0
    return np.array([cx + sign * depth, cy])


def _label_at(fs: "FreeSpace", xy: np.ndarray) -> int:
    """The navigable component at ``xy`` (or within two cells of it), 0 when blocked."""
    r, c, ok = fs.cell_index(xy)
    if not bool(ok):
        return 0
    r, c = int(r), int(c)
    win = fs.labels[max(r - 2, 0):r + 3, max(c - 2, 0):c + 3]
    vals = win[win > 0]
    if vals.size == 0:
        return 0
    return int(np.bincount(vals).argmax())


def _free_spaces(home: Home) -> dict[str, "FreeSpace"]:
    from scenegen.freespace import scene_free_space

    return {r.id: scene_free_space(r.scene) for r in home.rooms}


def check_reachable(home: Home) -> list[Finding]:
    """Every room's main floor reachable from the entrance through doors (union of floor components)."""
    from scenegen.thresholds import ROBOT_RADIUS

    if not home.doors:
        return _finding("reachable", [("the home has no doors, so no room can be reached", [])], "",
                        "add an entrance and doors")
    spaces = _free_spaces(home)
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(n: tuple[str, int]) -> tuple[str, int]:
        while parent.get(n, n) != n:
            n = parent[n]
        return n

    blocked: dict[str, list[str]] = {}
    for d in home.doors:
        ends = []
        for side in (d.a, d.b):
            if side == OUTSIDE:
                ends.append((OUTSIDE, 0))
                continue
            room = home.room(side)
            label = _label_at(spaces[side], _door_point(room.scene.room, d))
            if label == 0 or d.width < 2 * ROBOT_RADIUS:
                blocked.setdefault(d.id, []).append(side)
            ends.append((side, label))
        if d.id not in blocked:
            parent[find(ends[0])] = find(ends[1])
    start = find((OUTSIDE, 0))
    problems = []
    for r in home.rooms:
        fs = spaces[r.id]
        if fs.main == 0 or find((r.id, fs.main)) != start:
            doors = [d.id for d in home.doors if r.id in (d.a, d.b)]
            why = "; ".join(f"{k} is blocked on the {', '.join(v)} side" for k, v in blocked.items()
                            if k in doors) or "no open path of doors leads there"
            problems.append((f"{r.id} cannot be reached from the entrance by a robot of radius "
                             f"{ROBOT_RADIUS:.1f} m: {why}", [r.id, *doors]))
    n = len(home.rooms)
    return _finding("reachable", problems, f"all {n} rooms are reachable from the entrance through doors",
                    "clear the floor in front of the blocked door", score=1.0 - len(problems) / n)


def swing_polygon(door: Door, room: Room, steps: int = 8) -> np.ndarray:
    """(steps + 2, 2) metres: the quarter disc a door leaf sweeps into ``room`` (hinge, then the arc)."""
    c = np.asarray(door.center, dtype=np.float64)
    along = np.array([1.0, 0.0]) if door.axis == "x" else np.array([0.0, 1.0])
    inward = _door_point(room, door, 1.0) - c
    hinge = c + along * (-door.width / 2 if door.hinge == "low" else door.width / 2)
    start = (c - hinge) / max(np.linalg.norm(c - hinge), 1e-9)
    pts = [hinge]
    for k in range(steps + 1):
        t = (math.pi / 2) * k / steps
        pts.append(hinge + door.width * (math.cos(t) * start + math.sin(t) * inward))
    return np.array(pts)


def check_door_swings(home: Home) -> list[Finding]:
    """No furniture and no other door leaf inside a door's swing."""
    from scenegen.geometry import polygon_contains_points

    spaces = _free_spaces(home)
    problems: list[tuple[str, list[str]]] = []
    swings: dict[str, list[tuple[str, np.ndarray]]] = {}
    for d in home.doors:
        if d.open_plan or d.swing_into == OUTSIDE:
            continue
        room = home.room(d.swing_into)
        poly = swing_polygon(d, room.scene.room)
        swings.setdefault(room.id, []).append((d.id, poly))
        fs = spaces[room.id]
        ys = fs.origin[1] + (np.arange(fs.owner.shape[0]) + 0.5) * fs.res
        xs = fs.origin[0] + (np.arange(fs.owner.shape[1]) + 0.5) * fs.res
        gx, gy = np.meshgrid(xs, ys)
        mask = polygon_contains_points(poly, np.stack([gx, gy], axis=-1))
        hit = fs.owners_in(mask)
        if hit:
            problems.append((f"door {d.id} into {room.id} swings into {', '.join(hit[:4])}", [d.id, *hit]))
    for rid, polys in swings.items():
        for i in range(len(polys)):
            for j in range(i + 1, len(polys)):
                if _overlap(polys[i][1], polys[j][1]):
                    problems.append((f"doors {polys[i][0]} and {polys[j][0]} swing into each other in {rid}",
                                     [polys[i][0], polys[j][0]]))
    n = sum(len(v) for v in swings.values())
    return _finding("door_swing", problems, f"all {n} door leaves swing clear of furniture and each other",
                    "move the furniture out of the door's swing or hinge the door at its other end")


def _overlap(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two convex-ish polygons overlap (a vertex of one inside the other, tested both ways)."""
    from scenegen.geometry import polygon_contains_points

    return bool(polygon_contains_points(a, b).any() or polygon_contains_points(b, a).any())


def _on_outline(home: Home, p: tuple[float, float], tol: float = 1e-3) -> bool:
    pts = home.footprint
    for i in range(len(pts)):
        (ax, ay), (bx, by) = pts[i], pts[(i + 1) % len(pts)]
        vx, vy = bx - ax, by - ay
        L2 = vx * vx + vy * vy
        t = max(0.0, min(1.0, ((p[0] - ax) * vx + (p[1] - ay) * vy) / L2)) if L2 else 0.0
        if math.hypot(ax + t * vx - p[0], ay + t * vy - p[1]) < tol:
            return True
    return False


def check_windows(home: Home) -> list[Finding]:
    """Windows only on the home's outer wall (and the entrance too)."""
    if not home.footprint:
        return []
    problems = []
    n = 0
    for r in home.rooms:
        for op in r.scene.room.openings:
            if op.kind != "window":
                continue
            n += 1
            c = r.scene.room.opening_center(op)
            if not _on_outline(home, c):
                problems.append((f"{r.id}'s {op.id} is on an interior wall (at {c[0]:.2f}, {c[1]:.2f} m)", [r.id]))
    for d in home.doors:
        if OUTSIDE in (d.a, d.b) and not _on_outline(home, d.center):
            problems.append((f"the entrance {d.id} is on an interior wall", [d.id]))
    return _finding("windows", problems, f"all {n} windows are on exterior walls",
                    "move the window to a wall on the home's outline")


def check_program(home: Home) -> list[Finding]:
    """The program's rooms are there, their areas are within tolerance, adjacency rules hold."""
    from scenegen.home.floorplan import unmet_adjacency

    problems: list[tuple[str, list[str]]] = []
    asked: dict[str, int] = {}
    for t in home.program.rooms:
        asked[t] = asked.get(t, 0) + 1
    if asked and asked != home.counts():
        problems.append((f"the program asked for {asked} but the home has {home.counts()}", []))
    for r in home.rooms:
        problems += _area_problem(r)
    tree = {d.b: d.a for d in home.doors if OUTSIDE not in (d.a, d.b)}
    for rid in unmet_adjacency({r.id: r.type for r in home.rooms}, tree):
        problems.append((f"{rid} shares no door with the rooms it should be next to", [rid]))
    return _finding("program", problems, f"{len(home.rooms)} rooms as programmed, areas within "
                    f"{AREA_TOLERANCE:.0%} of their targets, adjacency met", "make the home again with another seed")


def _area_problem(r: HomeRoom) -> list[tuple[str, list[str]]]:
    if r.target_area <= 0:
        return []
    area = r.scene.room.area
    if abs(area / r.target_area - 1.0) > AREA_TOLERANCE:
        return [(f"{r.id} is {area:.1f} m², {area / r.target_area - 1.0:+.0%} off its {r.target_area:.1f} m² target",
                 [r.id])]
    return []
