"""Floor plans: a seeded, deterministic rectilinear partition of a rectangular footprint into rooms, with doors on
shared walls and windows on exterior walls.

The partition is a row layout (a "slicing" plan): rooms are laid in one to three rows that span the footprint's
width; within a row each room is as wide as its target area over the row's depth, so every room gets its target area
exactly (to the centimetre rounding). The hub (the room the entrance opens into: a hallway, else the living room …)
sits at the west end of its row, so it always has an exterior wall for the entrance; a hallway hub is a corridor row
``HALL_WIDTH`` deep spanning the whole width, with rooms on one or both sides. Many row splits, room orders and
footprint proportions are tried (the order drawn from the seed's generator); each candidate's rooms must meet their
type's minimum width, and every room must be reachable from the hub by a tree of doors that obeys the program's
``reach_from`` rules (a bedroom never only through the kitchen, a bathroom never a corridor). The candidate with the
lowest penalty (aspect ratios beyond the type's limit, rooms that want a window without an exterior wall, unmet
adjacency such as the kitchen beside the living or dining room, long door chains) wins.

Units: metres, m²; x east, y north; the footprint's south-west corner is the origin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from scenegen.home.program import RoomType, home_data
from scenegen.scene import Opening, Room

HALL_WIDTH = 1.4
"""metres: depth of a corridor row"""
CORNER = 0.3
"""metres of wall a door keeps from the end of the wall it shares (the room's corner stays usable for furniture)"""
OPEN_WIDTH = 1.6
"""metres: width of an open-plan opening (an open kitchen)"""
DOOR_HEIGHT = 2.05
ENTRANCE_WIDTH = 1.0
WINDOW = (1.2, 1.2, 0.9)
"""window width, height and sill, metres"""
TRIALS = 30
"""room orders drawn per floor plan"""
ASPECTS = (0.8, 1.0, 1.15, 1.3, 1.5, 1.7, 1.95, 2.2, 2.5, 2.8, 3.2)
"""footprint width / depth proportions tried"""
GRID = 0.01
"""metres: coordinates are rounded to this"""
AREA_TOLERANCE = 0.6
"""A room's area may differ from its program's target by this fraction (rooms are raised to their type's minimum
width, so small rooms grow; a corridor has no target). A candidate plan outside it is taken only when no other fits;
``scenegen.home.validate`` fails such a home."""


class FloorPlanError(ValueError):
    """A program that cannot be laid out: the message names the rooms and why, in one line."""


@dataclass(frozen=True)
class RoomSpec:
    """A room the plan must hold: id, type (``programs.toml``), target area m²."""

    id: str
    type: str
    area: float


@dataclass(frozen=True)
class Rect:
    """An axis-aligned room rectangle, metres."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def w(self) -> float:
        return self.x1 - self.x0

    @property
    def d(self) -> float:
        return self.y1 - self.y0

    @property
    def area(self) -> float:
        return self.w * self.d

    @property
    def aspect(self) -> float:
        return max(self.w, self.d) / max(min(self.w, self.d), 1e-9)


@dataclass(frozen=True)
class PlannedDoor:
    """A door of the plan: between rooms ``a`` and ``b`` (``outside`` for the entrance), centred at ``center`` on a
    wall running along ``axis``; the leaf swings into ``swing_into`` and is hinged at the ``hinge`` end."""

    id: str
    a: str
    b: str
    center: tuple[float, float]
    axis: str
    width: float
    swing_into: str
    hinge: str = "low"
    open_plan: bool = False


@dataclass(frozen=True)
class PlannedWindow:
    room: str
    center: tuple[float, float]
    axis: str
    width: float


@dataclass
class FloorPlan:
    """A solved floor plan: rooms, their rectangles, doors (the entrance first), windows, the footprint size."""

    specs: list[RoomSpec]
    rects: dict[str, Rect]
    doors: list[PlannedDoor]
    windows: list[PlannedWindow]
    hub: str
    size: tuple[float, float]
    notes: list[str] = field(default_factory=list)

    @property
    def entrance(self) -> PlannedDoor:
        return self.doors[0]

    @property
    def footprint(self) -> list[tuple[float, float]]:
        """The outline of all rooms, counter-clockwise, metres (a rectangle, an L or a U)."""
        return outline(self.rects)

    def spec(self, room_id: str) -> RoomSpec:
        return next(s for s in self.specs if s.id == room_id)

    def room(self, room_id: str, height: float = 2.7) -> Room:
        """The room as a ``scenegen.scene.Room`` in world coordinates: counter-clockwise from its south-west corner
        (walls 0 south, 1 east, 2 north, 3 west), its doors and windows as openings (door ids shared with the home's
        doors)."""
        r = self.rects[room_id]
        openings = []
        for d in self.doors:
            if room_id in (d.a, d.b):
                wall, offset = _wall_offset(r, d.center, d.axis)
                openings.append(Opening(id=d.id, kind="door", wall=wall, offset=round(offset, 3), width=d.width,
                                        height=DOOR_HEIGHT))
        for k, w in enumerate(x for x in self.windows if x.room == room_id):
            wall, offset = _wall_offset(r, w.center, w.axis)
            openings.append(Opening(id=f"window_{k + 1}", kind="window", wall=wall, offset=round(offset, 3),
                                    width=w.width, height=WINDOW[1], sill=WINDOW[2]))
        return Room(type=self.spec(room_id).type, footprint=[(r.x0, r.y0), (r.x1, r.y0), (r.x1, r.y1), (r.x0, r.y1)],
                    height=height, openings=openings)


def _wall_offset(r: Rect, c: tuple[float, float], axis: str) -> tuple[int, float]:
    """Wall index and offset from the wall's start vertex (metres) of a point on the rectangle's boundary."""
    x, y = c
    if axis == "x":
        return (0, x - r.x0) if abs(y - r.y0) < abs(y - r.y1) else (2, r.x1 - x)
    return (1, y - r.y0) if abs(x - r.x1) < abs(x - r.x0) else (3, r.y1 - y)


# ----------------------------------------------------------------------------------------------------------------
# Layout search
# ----------------------------------------------------------------------------------------------------------------


def plan_floor(specs: list[RoomSpec], hub: str, rng: np.random.Generator, *, total_area: float | None = None,
               open_pairs: frozenset[frozenset[str]] = frozenset(), shape: str = "rect") -> FloorPlan:
    """The best floor plan for ``specs`` (the hub's id ``hub``), drawn with ``rng``. ``total_area`` (m²) scales the
    rooms' target areas to fill that footprint ("a 70 m² apartment"). ``open_pairs``: pairs of room ids joined by an
    open-plan opening rather than a door. ``shape``: ``rect``, ``L`` (the last row shorter) or ``U`` (the last row
    in two wings around a courtyard). Raises ``FloorPlanError`` naming the rooms that cannot fit and why."""
    if shape not in SHAPES:
        raise FloorPlanError(f"unknown footprint shape {shape!r}; known: {', '.join(SHAPES)}")
    if shape != "rect" and len(specs) < (3 if shape == "L" else 4):
        raise FloorPlanError(f"an {shape}-shaped home needs at least {3 if shape == 'L' else 4} rooms, "
                             f"this one has {len(specs)}")
    types = home_data().types
    if total_area:
        fixed = sum(s.area for s in specs)
        if fixed > 0:
            k = total_area / fixed
            specs = [RoomSpec(s.id, s.type, round(s.area * k, 2)) for s in specs]
    by_id = {s.id: s for s in specs}
    others = [s.id for s in specs if s.id != hub]
    misses: dict[str, str] = {}
    best: _Candidate | None = None
    for k in range(ROUNDS):
        for order in _orders(others, by_id, rng, first=k == 0):
            cand = _best_for_order(order, by_id, hub, types, misses, shape)
            if cand is not None and (best is None or cand[0] < best[0] - 1e-9):
                best = cand
        if best is None or best[0] < BAD_SCORE:
            break
        start = best
        for _ in range(LOCAL_STEPS):  # swaps from this round's best order
            cand = _best_for_order(_nudge(start[3], rng), by_id, hub, types, misses, shape)
            if cand is not None and cand[0] < start[0] - 1e-9:
                start = cand
            if start[0] < BAD_SCORE:
                break
        best = start if start[0] < best[0] else best
        if best[0] < BAD_SCORE:
            break
    if best is None:
        why = "; ".join(f"{k}: {v}" for k, v in sorted(misses.items())[:4])
        where = f"in {total_area:.0f} m²" if total_area else "a floor plan"
        raise FloorPlanError(f"the program ({', '.join(s.id for s in specs)}) does not fit {where}: {why}")
    plan = _finish(specs, best[1], best[2], hub, rng, open_pairs)
    if best[0] >= BAD_SCORE:
        plan.notes.append("the floor plan search found no layout meeting every area and adjacency rule; the home "
                          "checks name what is off")
    if total_area:
        _check_total(plan, total_area)
    return plan


TOTAL_TOLERANCE = 0.25
"""A floor plan may exceed the floor area the prompt gave by this fraction (rooms raised to their minimum width)."""


def _check_total(plan: FloorPlan, total_area: float) -> None:
    """Refuse a plan much larger than the floor area asked for, naming the rooms that had to grow most."""
    area = sum(r.area for r in plan.rects.values())
    if area <= total_area * (1 + TOTAL_TOLERANCE):
        return
    grown = sorted(((r.area - plan.spec(rid).area, rid) for rid, r in plan.rects.items()), reverse=True)[:3]
    types = home_data().types
    why = ", ".join(f"{rid} needs {types[plan.spec(rid).type].min_width:.1f} m of width ({plan.rects[rid].area:.1f} "
                    f"m² instead of {plan.spec(rid).area:.1f})" for _, rid in grown)
    raise FloorPlanError(f"{len(plan.specs)} rooms do not fit in {total_area:.0f} m² (the smallest plan found is "
                         f"{area:.0f} m²): {why}")


_Candidate = tuple[float, dict[str, Rect], dict[str, str], list[str]]
LOCAL_STEPS = 60
"""orders tried by local search (swaps of two rooms) per round when no layout met every area and adjacency rule"""
ROUNDS = 4
"""rounds of fresh random orders (each followed by local search) before the best layout found is taken"""
BAD_SCORE = 100.0
"""a score at least this high means an area or adjacency rule is broken (``_score``)"""


def _best_for_order(order: list[str], by_id: dict[str, RoomSpec], hub: str, types: dict[str, RoomType],
                    misses: dict[str, str], shape: str = "rect") -> _Candidate | None:
    """The best layout of one room order over every row split and footprint proportion, or None; ``misses``
    collects why candidates were refused (for the error when none fits)."""
    best: _Candidate | None = None
    for rows in _row_splits(order, by_id, hub):
        for aspect in ASPECTS:
            rects = _layout(rows, hub, by_id, aspect, shape)
            if not rects:
                continue
            problem = _too_narrow(rects, by_id, types)
            if problem:
                misses[problem[0]] = problem[1]
                continue
            tree = _door_tree(rects, by_id, hub, types)
            if isinstance(tree, str):
                misses["doors"] = tree
                continue
            score = _score(rects, tree, by_id, hub, types)
            if best is None or score < best[0] - 1e-9:
                best = (score, rects, tree, order)
    return best


def _nudge(order: list[str], rng: np.random.Generator) -> list[str]:
    """``order`` with two slots swapped, or a stacked slot split back into two (drawn from ``rng``)."""
    out = list(order)
    if len(out) < 2:
        return out
    i, j = (int(v) for v in rng.choice(len(out), size=2, replace=False))
    out[i], out[j] = out[j], out[i]
    return out


def _orders(others: list[str], by_id: dict[str, RoomSpec], rng: np.random.Generator, first: bool = True
            ) -> list[list[str]]:
    """Room orders to lay out: as given, by area (largest and smallest first, so rows hold rooms of like size, and
    small rooms are not stretched to a big room's depth), then ``TRIALS`` drawn from ``rng``; each also with its small
    rooms stacked two to a slot (``STACK``)."""
    by_area = sorted(others, key=lambda i: (-by_id[i].area, i))
    out = [others, by_area, by_area[::-1]] if first else []
    out += [[others[i] for i in rng.permutation(len(others))] for _ in range(TRIALS)]
    out += [stacked for o in out[::4] + out[:3] if (stacked := _stacked(o, by_id)) != o]
    seen: set[tuple[str, ...]] = set()
    return [o for o in out if not (tuple(o) in seen or seen.add(tuple(o)))]


def _stacked(order: list[str], by_id: dict[str, RoomSpec]) -> list[str]:
    """``order`` with its small rooms (``STACK_AREA``) paired in order of appearance, each pair stacked in one slot
    where the first of the two stood."""
    out: list[str] = []
    open_slot: int | None = None
    for rid in order:
        small = by_id[rid].area <= STACK_AREA and by_id[rid].type != "hallway"
        if small and open_slot is not None:
            out[open_slot] = f"{out[open_slot]}{STACK}{rid}"
            open_slot = None
            continue
        out.append(rid)
        if small:
            open_slot = len(out) - 1
    return out


def _row_splits(order: list[str], by_id: dict[str, RoomSpec], hub: str) -> list[list[list[str]]]:
    """Candidate row lists. Each is a list of rows (south to north) of room ids; the hub leads its row (a hallway hub
    is a row of its own)."""
    hall = by_id[hub].type == "hallway"
    n = len(order)
    out: list[list[list[str]]] = []
    if hall:
        for k in {n // 2, (n + 1) // 2}:
            if 0 < k < n:
                out.append([order[:k], [hub], order[k:]])
        out.append([[hub], order])
        return out
    out.append([[hub, *order]])
    for k in range(n):
        out.append([[hub, *order[:k]], order[k:]])
    for a in range(1, n - 1):
        rest = sum(_slot_area(by_id, i) for i in order[a:])
        b, acc = a, 0.0
        while b < n - 1 and acc + _slot_area(by_id, order[b]) <= rest / 2:
            acc += _slot_area(by_id, order[b])
            b += 1
        out.append([order[:a], [hub, *order[a:b]], order[b:]])
    return [[r for r in rows if r] for rows in out if all(rows)]


STACK = "|"
"""Joins the ids of two small rooms stacked in one slot of a row ("bathroom_1|toilet_1"), one above the other."""
STACK_AREA = 7.0
"""m²: rooms at most this large may be stacked two to a slot (bathrooms, toilets, laundries)"""


def _slot_area(by_id: dict[str, RoomSpec], slot: str) -> float:
    return sum(by_id[i].area for i in slot.split(STACK))


def _slot_min(by_id: dict[str, RoomSpec], slot: str, across: bool = True) -> float:
    """A slot's minimum width along the row (``across``), or the row depth it needs (its rooms' widths stacked)."""
    mins = [home_data().types[by_id[i].type].min_width for i in slot.split(STACK)]
    return max(mins) if across else sum(mins)


SHAPES = ("rect", "L", "U")
WING = {"L": 0.6, "U": 0.38}
"""Share of the footprint's width the last row keeps: an L's short arm (from the west), each of a U's two wings (at
the west and east ends; the courtyard between them)."""


def _spans(row: list[str], width: float, shape: str, last: bool) -> list[tuple[float, float, list[str]]]:
    """Where a row's slots go: (x from, x to, slots). The last row of an L or U is narrower (``WING``)."""
    if not last or shape == "rect":
        return [(0.0, width, row)]
    if shape == "L":
        return [(0.0, _snap(width * WING["L"]), row)]
    k = (len(row) + 1) // 2
    return [(0.0, _snap(width * WING["U"]), row[:k]), (_snap(width * (1 - WING["U"])), width, row[k:])]


def _layout(rows: list[list[str]], hub: str, by_id: dict[str, RoomSpec], aspect: float, shape: str = "rect"
            ) -> dict[str, Rect]:
    """Rectangles for ``rows`` in a footprint of width/depth ``aspect``: each row spans the width (the last row of
    an L or U less: ``_spans``) and is as deep as its area over that width, or as its slots' minimum width needs (a
    corridor row is ``HALL_WIDTH`` deep); each slot in it is as wide as its share of the row's area, or its minimum
    width (``_widths``); a stacked slot is split across the row by its rooms' areas. An L or U needs the hub below
    the last row and, for a U, two slots in it; otherwise no rectangles."""
    if shape != "rect" and (len(rows) < 2 or hub in rows[-1] or (shape == "U" and len(rows[-1]) < 2)):
        return {}
    area = sum(_slot_area(by_id, i) for row in rows for i in row if by_id[i.split(STACK)[0]].type != "hallway")
    width = _snap(max(float(np.sqrt(area * aspect)), 2.0))
    rects: dict[str, Rect] = {}
    y = 0.0
    for n, row in enumerate(rows):
        spans = _spans(row, width, shape, n == len(rows) - 1)
        if row == [hub] and by_id[hub].type == "hallway":
            depth = HALL_WIDTH
        else:
            depth = max(sum(_slot_area(by_id, i) for i in row) / sum(b - a for a, b, _ in spans),
                        max(_slot_min(by_id, i, across=False) for i in row))
        y1 = _snap(y + depth)
        for x0, x_end, slots in spans:
            x = x0
            for k, (slot, w) in enumerate(zip(slots, _widths(slots, by_id, x_end - x0))):
                x1 = x_end if k == len(slots) - 1 else _snap(x + w)
                ids = slot.split(STACK)
                yy = y
                for j, rid in enumerate(ids):
                    top = y1 if j == len(ids) - 1 else _snap(yy + (y1 - y) * by_id[rid].area /
                                                             _slot_area(by_id, slot))
                    rects[rid] = Rect(x, yy, x1, top)
                    yy = top
                x = x1
        y = y1
    return rects


def _widths(row: list[str], by_id: dict[str, RoomSpec], width: float) -> list[float]:
    """Widths of a row's slots summing to ``width``: shares of the row's area, each raised to its minimum width
    where the share falls short (the others give up the difference in proportion)."""
    mins = [_slot_min(by_id, i) for i in row]
    areas = [max(_slot_area(by_id, i), 0.1) for i in row]
    fixed: dict[int, float] = {}
    out: dict[int, float] = {}
    for _ in range(len(row)):
        free = [k for k in range(len(row)) if k not in fixed]
        left = width - sum(fixed.values())
        total = sum(areas[k] for k in free)
        out = {k: left * areas[k] / total for k in free} if free else {}
        short = [k for k in free if out[k] < mins[k]]
        if not short:
            break
        for k in short:
            fixed[k] = mins[k]
    return [fixed.get(k, out.get(k, 0.0)) for k in range(len(row))]


def _snap(v: float) -> float:
    return round(round(v / GRID) * GRID, 2)


def _too_narrow(rects: dict[str, Rect], by_id: dict[str, RoomSpec], types: dict[str, RoomType]
                ) -> tuple[str, str] | None:
    """The first room narrower than its type allows, and why, or None."""
    for rid, r in rects.items():
        t = types[by_id[rid].type]
        narrow = min(r.w, r.d)
        if narrow <= 0.05:
            return rid, "no width left in its row"
        if narrow < t.min_width - 1e-6:
            return rid, f"{narrow:.2f} m wide at {r.area:.1f} m², needs {t.min_width:.2f} m"
    return None


# ----------------------------------------------------------------------------------------------------------------
# Doors
# ----------------------------------------------------------------------------------------------------------------


def shared_wall(a: Rect, b: Rect) -> tuple[str, float, float, float] | None:
    """The wall two rectangles share: (axis it runs along, its fixed coordinate, low end, high end), or None."""
    eps = 1e-6
    for ya, yb in ((a.y1, b.y0), (a.y0, b.y1)):
        if abs(ya - yb) < eps:
            lo, hi = max(a.x0, b.x0), min(a.x1, b.x1)
            if hi - lo > eps:
                return "x", ya, lo, hi
    for xa, xb in ((a.x1, b.x0), (a.x0, b.x1)):
        if abs(xa - xb) < eps:
            lo, hi = max(a.y0, b.y0), min(a.y1, b.y1)
            if hi - lo > eps:
                return "y", xa, lo, hi
    return None


def _door_tree(rects: dict[str, Rect], by_id: dict[str, RoomSpec], hub: str, types: dict[str, RoomType]
               ) -> dict[str, str] | str:
    """Each room's parent (the room its door opens from), grown from the hub: a room joins through the most
    preferred of its ``reach_from`` types among rooms already reached that share a wall long enough for its door.
    Returns the parent map, or a line saying which room cannot be reached."""
    parent: dict[str, str] = {}
    reached = [hub]
    pending = [i for i in rects if i != hub]
    while pending:
        best: tuple[int, int, str, str] | None = None
        for rid in pending:
            t = types[by_id[rid].type]
            need = t.door_width + 2 * CORNER
            for depth, p in enumerate(reached):
                pt = by_id[p].type
                if pt not in t.reach_from:
                    continue
                wall = shared_wall(rects[rid], rects[p])
                if wall is None or wall[3] - wall[2] < need:
                    continue
                key = (t.reach_from.index(pt), depth, rid, p)
                if best is None or key < best:
                    best = key
        if best is None:
            rid = pending[0]
            return f"{rid} has no wall long enough beside a room it may be reached from " \
                   f"({', '.join(types[by_id[rid].type].reach_from) or 'none'})"
        _, _, rid, p = best
        parent[rid] = p
        reached.append(rid)
        pending.remove(rid)
    return parent


def _exterior_edges(r: Rect, rects: dict[str, Rect]) -> list[tuple[str, float, float, float]]:
    """The parts of the rectangle's edges that no other room shares (the home's outline): (axis, fixed coordinate,
    low, high), longest first."""
    eps = 1e-6
    edges = [("x", r.y0, r.x0, r.x1), ("x", r.y1, r.x0, r.x1), ("y", r.x0, r.y0, r.y1), ("y", r.x1, r.y0, r.y1)]
    out = []
    for axis, fixed, lo, hi in edges:
        cover = []
        for o in rects.values():
            if o is r:
                continue
            if axis == "x" and (abs(o.y0 - fixed) < eps or abs(o.y1 - fixed) < eps):
                cover.append((max(lo, o.x0), min(hi, o.x1)))
            elif axis == "y" and (abs(o.x0 - fixed) < eps or abs(o.x1 - fixed) < eps):
                cover.append((max(lo, o.y0), min(hi, o.y1)))
        start = lo
        for a, b in sorted(c for c in cover if c[1] - c[0] > eps):
            if a - start > eps:
                out.append((axis, fixed, start, a))
            start = max(start, b)
        if hi - start > eps:
            out.append((axis, fixed, start, hi))
    return sorted(out, key=lambda e: -(e[3] - e[2]))


def outline(rects: dict[str, Rect]) -> list[tuple[float, float]]:
    """The home's outline: the exterior edges of all rooms chained into one counter-clockwise polygon (collinear
    runs merged), metres."""
    segs = []
    for r in rects.values():
        for axis, fixed, lo, hi in _exterior_edges(r, rects):
            a, b = ((lo, fixed), (hi, fixed)) if axis == "x" else ((fixed, lo), (fixed, hi))
            segs.append((tuple(round(v, 6) for v in a), tuple(round(v, 6) for v in b)))
    nbr: dict[tuple, list[tuple]] = {}
    for a, b in segs:
        nbr.setdefault(a, []).append(b)
        nbr.setdefault(b, []).append(a)
    start = min(nbr)
    loop, prev, cur = [start], None, start
    while True:
        nxt = next((p for p in nbr[cur] if p != prev), None)
        if nxt is None or nxt == start:
            break
        loop.append(nxt)
        prev, cur = cur, nxt
        if len(loop) > len(segs) + 1:
            break
    pts = [p for i, p in enumerate(loop) if not _collinear(loop[i - 1], p, loop[(i + 1) % len(loop)])]
    area = sum(pts[i][0] * pts[(i + 1) % len(pts)][1] - pts[(i + 1) % len(pts)][0] * pts[i][1]
               for i in range(len(pts)))
    return [(float(x), float(y)) for x, y in (pts if area > 0 else pts[::-1])]


def _collinear(a: tuple, b: tuple, c: tuple) -> bool:
    return abs((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])) < 1e-9


def _size(rects: dict[str, Rect]) -> tuple[float, float]:
    return max(r.x1 for r in rects.values()), max(r.y1 for r in rects.values())


def _score(rects: dict[str, Rect], tree: dict[str, str], by_id: dict[str, RoomSpec], hub: str,
           types: dict[str, RoomType]) -> float:
    """Penalty of a candidate (lower is better): aspect ratio beyond each type's limit, rooms wanting a window with
    no exterior wall, unmet adjacency (100 each: chosen only when nothing else fits), door chains, a long footprint."""
    size = _size(rects)
    score = 0.0
    for rid, r in rects.items():
        t = types[by_id[rid].type]
        score += 3.0 * max(0.0, r.aspect - t.max_aspect)
        if by_id[rid].area > 0:
            off = abs(r.area / by_id[rid].area - 1.0)
            score += 4.0 * max(0.0, off - 0.15) + (1000.0 if off > AREA_TOLERANCE else 0.0)
        if t.window and not any(e[3] - e[2] >= 1.2 for e in _exterior_edges(r, rects)):
            score += 2.0
        depth, node = 0, rid
        while node in tree:
            node, depth = tree[node], depth + 1
        score += 0.15 * max(0, depth - 1)
    score += 100.0 * len(unmet_adjacency({rid: by_id[rid].type for rid in rects}, tree))
    if not _exterior_edges(rects[hub], rects):
        score += 50.0
    score += max(0.0, size[0] / size[1] - 2.5) + max(0.0, size[1] / size[0] - 2.5)
    return score


def unmet_adjacency(room_types: dict[str, str], tree: dict[str, str]) -> list[str]:
    """Rooms whose adjacency rule (``[[adjacency]]``) is unmet: one of its ``near`` types is in the home, but the
    room shares a door with none of them. ``tree`` maps room -> the room its door opens from."""
    rules = home_data().adjacency
    present = set(room_types.values())
    links: dict[str, set[str]] = {}
    for child, par in tree.items():
        links.setdefault(child, set()).add(par)
        links.setdefault(par, set()).add(child)
    out = []
    for rid, t in room_types.items():
        near = rules.get(t)
        if near and present & set(near) - {t} and not any(room_types.get(o) in near for o in links.get(rid, ())):
            out.append(rid)
    return out


def _finish(specs: list[RoomSpec], rects: dict[str, Rect], tree: dict[str, str], hub: str,
            rng: np.random.Generator, open_pairs: frozenset[frozenset[str]]) -> FloorPlan:
    """Doors on the tree's shared walls (the entrance on the hub's longest exterior wall) and windows."""
    types = home_data().types
    by_id = {s.id: s for s in specs}
    size = _size(rects)
    edge = _exterior_edges(rects[hub], rects)[0]
    entrance = _door_on(edge, ENTRANCE_WIDTH, low=True)
    doors = [PlannedDoor(id="entrance", a=hub, b="outside", center=entrance[0], axis=edge[0], width=ENTRANCE_WIDTH,
                         swing_into=hub, hinge="low")]
    for k, (child, par) in enumerate(sorted(tree.items(), key=lambda kv: list(rects).index(kv[0]))):
        wall = shared_wall(rects[child], rects[par])
        assert wall is not None
        is_open = frozenset((child, par)) in open_pairs and wall[3] - wall[2] >= OPEN_WIDTH + 2 * CORNER
        width = OPEN_WIDTH if is_open else types[by_id[child].type].door_width
        low = bool(rng.integers(2))
        centre, hinge = _door_on(wall, width, low=low)
        doors.append(PlannedDoor(id=f"door_{k + 1}", a=par, b=child, center=centre, axis=wall[0], width=width,
                                 swing_into=child, hinge=hinge, open_plan=is_open))
    windows = []
    for rid, r in rects.items():
        if not types[by_id[rid].type].window:
            continue
        window = _window_on(r, rects, doors[0] if rid == hub else None)
        if window is not None:
            windows.append(PlannedWindow(rid, window[0], window[1], window[2]))
    return FloorPlan(specs=specs, rects=rects, doors=doors, windows=windows, hub=hub, size=size)


def _door_on(wall: tuple[str, float, float, float], width: float, *, low: bool
             ) -> tuple[tuple[float, float], str]:
    """Centre of a door ``width`` wide on ``wall``, ``CORNER`` from its low or high end (centred on a short wall),
    and the end its hinge is at."""
    axis, fixed, lo, hi = wall
    if hi - lo < width + 4 * CORNER:
        t = (lo + hi) / 2
    else:
        t = lo + CORNER + width / 2 if low else hi - CORNER - width / 2
    t = round(t, 3)
    return ((t, fixed) if axis == "x" else (fixed, t)), ("low" if low else "high")


def _window_on(r: Rect, rects: dict[str, Rect], entrance: PlannedDoor | None
               ) -> tuple[tuple[float, float], str, float] | None:
    """A window centred on the room's longest exterior wall (clear of the entrance), or None when it has none."""
    for axis, fixed, lo, hi in _exterior_edges(r, rects):
        if entrance is not None and entrance.axis == axis:
            e = entrance.center[0] if axis == "x" else entrance.center[1]
            efix = entrance.center[1] if axis == "x" else entrance.center[0]
            if abs(efix - fixed) < 1e-6 and lo <= e <= hi:
                lo = max(lo, e + entrance.width / 2 + 0.2)
        width = min(WINDOW[0], hi - lo - 0.6)
        if width < 0.6:
            continue
        t = round((lo + hi) / 2, 3)
        return ((t, fixed) if axis == "x" else (fixed, t)), axis, round(width, 2)
    return None
