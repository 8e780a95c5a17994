"""The design stage: complete a plan into a furnished, dressed room, never against the prompt.

``complete(plan, density, rng)`` returns a new ``LayoutPlan`` with the program's zones filled in around what the prompt
asked for, small objects on tops (``dressing.toml``), wall decor, ceiling lights, plants, and a room palette. Every
added object carries ``DESIGN_MARK`` at the start of its description and every added relation at the start of its
``source``, so reports and evaluations can tell them apart from the prompt's.

The prompt wins: a category the prompt names (counted) is never added, unless the prompt counted it vaguely ("lots of
books"); negated categories never appear; "only" adds nothing; stated attributes are kept; the plan's relations are
left untouched.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from scenegen import catalog
from scenegen.design.brief import Brief, read_brief
from scenegen.design.loader import LEVEL, Density, Member, Zone, dressing, dressing_once
from scenegen.design.room_fit import scale_room
from scenegen.scene import Attributes, LayoutPlan, PlannedObject, Relation, Room

DESIGN_MARK = "[design]"
"""Prefix of ``PlannedObject.description`` and ``Relation.source`` for what the design stage added."""
FLOOR_FILL = {"normal": 0.40, "full": 0.42}
"""Largest share of the floor area the footprints of floor-standing objects may cover (the rest stays walkable)."""
TOP_FILL = 0.8
"""Largest share of a host's top the footprints of the small objects on it may cover."""
LIGHT_AREA = {"normal": 14.0, "full": 7.0}
"""m² of floor per ceiling light."""
DECOR_WALL = {"normal": 2.0, "full": 1.2}
"""metres of free wall per piece of wall decor."""
PLANTS = {"normal": 1, "full": 2}
ROOM_AREA = {"normal": 1.0, "full": 1.3}
"""The program's floor area times this, per density, when the prompt gives no size: a lived-in room holds a reading
corner, a desk and a bench besides its core, and needs the floor for them."""
REPEATABLE_DECOR = frozenset({"painting", "poster"})
"""Wall decor a full room may hang more of than its program lists (a gallery of pictures, never a third mirror)."""
SOFT = frozenset({"sofa", "armchair", "bed", "ottoman", "rug", "pillow", "throw_blanket", "bench", "yoga_mat",
                  "office_chair", "crib", "towel"})
"""Categories coloured from the palette's textiles; small and wall-mounted objects take its accents, the rest its
woods."""


HOLDING = frozenset({"on_top", "on_wall", "hang_from_ceiling"})
"""relation kinds that say what holds an object up"""


def is_added(obj: PlannedObject) -> bool:
    """Whether the design stage added ``obj`` (not asked for by the prompt)."""
    return obj.description.startswith(DESIGN_MARK)


def is_design_relation(rel: Relation) -> bool:
    return rel.source.startswith(DESIGN_MARK)


@dataclass
class _Room:
    """The plan being completed: objects, relations, and the floor and top budgets they use up."""

    plan: LayoutPlan
    room: Room
    brief: Brief
    density: Density
    rng: np.random.Generator
    objects: list[PlannedObject] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    floor_used: float = 0.0
    top_used: dict[str, float] = field(default_factory=dict)
    fixed: set[str] = field(default_factory=set)
    group_of: dict[str, int] = field(default_factory=dict)
    """added object id -> the group it was added to (so a lamp goes on its own group's nightstand)"""

    def __post_init__(self) -> None:
        self.objects = list(self.plan.objects)
        self.relations = list(self.plan.relations)
        self.fixed = {o.category for o in self.objects} - self.brief.open_counts
        for o in self.objects:
            cat = catalog.for_object(o.category, o.generic, o.proposal)
            if cat.support == "floor" and cat.size_typical[2] > 0.03:
                self.floor_used += _footprint(cat)
        for r in self.relations:
            if r.kind == "on_top" and r.target:
                sub = next(o for o in self.objects if o.id == r.subject)
                self.top_used[r.target] = self.top_used.get(r.target, 0.0) + _footprint(catalog.get(sub.category)) \
                    if not sub.generic else 0.0

    def allowed(self, category: str) -> bool:
        return category not in self.fixed and category not in self.brief.negated

    def of(self, category: str) -> list[PlannedObject]:
        return [o for o in self.objects if o.category == category]

    def add(self, category: str, why: str, host: str | None = None, rel: tuple[str, str] | None = None
            ) -> PlannedObject | None:
        """Add one ``category`` object if the prompt allows it and it fits (floor budget, or the host's top)."""
        if not self.allowed(category):
            return None
        cat = catalog.get(category)
        fp = _footprint(cat)
        if host is not None:
            hcat = catalog.get(next(o.category for o in self.objects if o.id == host))
            if not _fits_top(cat, hcat) or self.top_used.get(host, 0.0) + fp > TOP_FILL * _footprint(hcat):
                return None
        elif cat.support == "floor" and cat.size_typical[2] > 0.03:
            if self.floor_used + fp > FLOOR_FILL[self.density] * self.room.area:
                return None
            self.floor_used += fp
        oid = _fresh_id(category, {o.id for o in self.objects})
        obj = PlannedObject(id=oid, category=category, description=f"{DESIGN_MARK} {why}")
        self.objects.append(obj)
        if host is not None:
            self.top_used[host] = self.top_used.get(host, 0.0) + fp
            self.relations.append(Relation(kind="on_top", subject=oid, target=host, source=f"{DESIGN_MARK} {why}"))
        if rel is not None:
            self.relations.append(Relation(kind=rel[0], subject=oid, target=rel[1], source=f"{DESIGN_MARK} {why}"))
        return obj


def _footprint(cat: catalog.Category) -> float:
    """Typical footprint area, m²."""
    return cat.size_typical[0] * cat.size_typical[1]


def _fits_top(item: catalog.Category, host: catalog.Category) -> bool:
    (w, d, _), (hw, hd, _) = item.size_typical, host.size_typical
    if item.supported_by and host.name not in item.supported_by:
        return False
    return host.has_top and ((w <= hw and d <= hd) or (d <= hw and w <= hd))


def _fresh_id(category: str, taken: set[str]) -> str:
    k = 1
    while f"{category}_{k}" in taken:
        k += 1
    return f"{category}_{k}"


def complete(plan: LayoutPlan, density: Density, rng: np.random.Generator) -> LayoutPlan:
    """The plan completed by its room program at ``density`` (``minimal`` returns ``plan`` unchanged). Deterministic
    for a given ``rng`` state."""
    if density == "minimal":
        return plan
    if density not in LEVEL:
        raise ValueError(f"--density must be minimal, normal or full, got {density!r}")
    brief = read_brief(plan)
    head = f"design ({density}): {brief.program.name.replace('_', ' ')} program, {brief.palette.name} palette"
    room = _sized_room(plan.room, brief, ROOM_AREA[density], _stated_groups_area(plan, brief, density))
    if brief.only:  # nothing is added, but what the prompt lists gets the room the program would give it
        grown = "" if room is plan.room else \
            f"; the room was sized for the program ({room.bounds[1][0]:.1f}×{room.bounds[1][1]:.1f} m)"
        return plan.model_copy(update={"room": room, "notes": [
            *plan.notes, f"{head}; the prompt says 'only', so nothing was added{grown}"]})
    r = _Room(plan, room, brief, density, rng)
    for zone in brief.program.zones:
        _add_zone(r, zone)
    for theme in brief.themes:
        for category, n in theme.add:
            for _ in range(n if LEVEL[density] >= 1 else 0):
                if not _add_with_companions(r, category, f"{theme.name}: {category}"):
                    break
    _dress(r)
    _decorate(r)
    objects = _paint(r.objects, brief, rng)
    added = sum(1 for o in objects if is_added(o))
    themes = f", themes {', '.join(t.name for t in brief.themes)}" if brief.themes else ""
    note = f"{head}{themes}: added {added} objects"
    if room is not plan.room:
        note += f"; the room was sized for the program ({room.bounds[1][0]:.1f}×{room.bounds[1][1]:.1f} m)"
    return plan.model_copy(update={"room": room, "objects": objects, "relations": r.relations,
                                   "notes": [*plan.notes, note]})


def _add_with_companions(r: _Room, category: str, why: str) -> bool:
    cat = catalog.get(category)
    if cat.support == "object":
        hosts = [o for o in r.objects if o.category in cat.supported_by]
        return any(r.add(category, why, host=h.id) for h in hosts)
    return r.add(category, why) is not None


def _add_zone(r: _Room, zone: Zone) -> None:
    """Add one zone's group(s): bind to the prompt's objects of the anchor category when there are any (a café's ten
    stated tables each get their chairs), else add new anchors; then the members around them."""
    if LEVEL[r.density] < LEVEL[zone.level] or r.room.area < zone.min_area * r.brief.size_factor * 0.9:
        return
    if zone.p < 1.0 and r.rng.random() > zone.p:
        return
    anchor = zone.anchor
    groups: list[list[PlannedObject]]
    if anchor is None:
        groups = [[]]
    else:
        kinds = (anchor.category, *anchor.alt)
        stated = [o for o in r.objects if not is_added(o)  # a stated sectional sofa is the zone's sofa
                  and (o.category in kinds or any(catalog.is_kind_of(o.category, k) for k in kinds))]
        if stated:
            groups = [[o] for o in stated[:max(1, 2 * zone.repeat[1] if zone.per_m2 else 1)]]
        elif anchor.category in _unneeded_hosts(r, zone):
            return
        else:
            groups = []
            for _ in range(zone.instances(r.room.area, r.density)):
                category = _pick(r, anchor)
                group = [o for _ in range(max(1, anchor.n(r.density)))
                         if (o := r.add(category, f"{zone.kind}: {zone.name}")) is not None]
                if not group:
                    break
                groups.append(group)
            if not groups:
                return
    unneeded = _unneeded_hosts(r, zone)
    for group in groups:
        for m in zone.members:
            if m is not anchor and m.category not in unneeded:
                _add_member(r, zone, m, group)


def _unneeded_hosts(r: _Room, zone: Zone) -> set[str]:
    """The zone's host categories that are only there to hold a member (``holds``) the prompt itself puts
    elsewhere: a TV stand for a TV the prompt hangs on the wall would stand where its speakers were asked to go."""
    out = set()
    for m in zone.members:
        if not m.holds or m.on is None:
            continue
        stated = [o.id for o in r.objects if not is_added(o) and o.category == m.category]
        placed = {rel.subject for rel in r.relations if rel.subject in stated and rel.kind in HOLDING
                  and not (rel.kind == "on_top" and _category(r, rel.target) == m.on)}
        if stated and placed >= set(stated):
            out.add(m.on)
    return out


def _category(r: _Room, oid: str | None) -> str | None:
    return next((o.category for o in r.objects if o.id == oid), None)


def _pick(r: _Room, m: Member) -> str:
    """The member's category or, for variety, one of its alternatives the prompt allows."""
    options = [c for c in (m.category, *m.alt) if r.allowed(c)] or [m.category]
    return options[int(r.rng.integers(len(options)))]


def _add_member(r: _Room, zone: Zone, m: Member, group: list[PlannedObject]) -> None:
    """Add member ``m`` to one group (``group``: its anchor objects; empty for a zone without an anchor)."""
    n = m.n(r.density)
    if n == 0 or (m.p < 1.0 and r.rng.random() > m.p):
        return
    why = f"{zone.kind}: {zone.name}"
    if m.on is not None:
        own = [o for o in r.objects if o.category == m.on
               and (o in group or r.group_of.get(o.id) == id(group))]
        hosts = own or [o for o in r.objects if o.category == m.on and not is_added(o)]
        for h in (hosts if m.per_host else hosts[:1]):
            for _ in range(n):
                r.add(_pick(r, m), why, host=h.id)
        return
    target = group[0] if group else None
    if m.to is not None:
        target = next((o for o in r.objects if o.category == m.to
                       and (o in group or r.group_of.get(o.id) == id(group))), target)
    rel = (m.rel, target.id) if m.rel and target is not None else None
    for _ in range(n):
        obj = r.add(_pick(r, m), why, rel=rel)
        if obj is not None:
            r.group_of[obj.id] = id(group)


def _dress(r: _Room) -> None:
    """Small objects on every top the dressing rules know (prompt objects' tops included)."""
    rules, once = dressing(), dressing_once()
    level = 0 if r.density == "normal" else 1
    for host in list(r.objects):
        for item in rules.get(host.category, ()):
            for _ in range(_still_wanted(r, host.id, item.category, item.count[level], item.category in once)):
                if r.add(item.category, f"dressing on {host.id}", host=host.id) is None:
                    break
    for theme in r.brief.themes:
        shelves = [o for o in r.objects if o.category in ("bookshelf", "wall_shelf", "desk")]
        for k in range(theme.extra_books if shelves else 0):
            r.add("books", f"{theme.name}: books", host=shelves[k % len(shelves)].id)


def _still_wanted(r: _Room, host: str, category: str, count: int, once: bool) -> int:
    """How many more ``category`` dressing puts on ``host``: its ``count`` less what the host already carries, or,
    for a thing a room has one of (``once``), one if the room has none yet."""
    if once:
        return min(count, 0 if r.of(category) else 1)
    categories = {o.id: o.category for o in r.objects}
    there = sum(1 for rel in r.relations if rel.kind == "on_top" and rel.target == host
                and categories.get(rel.subject) == category)
    return count - there


def _free_wall(room: Room, objects: list[PlannedObject]) -> float:
    """Metres of wall left for decor: the perimeter less openings and half of the tall furniture against walls."""
    perimeter = sum(room.wall_length(i) for i in range(len(room.footprint)))
    openings = sum(op.width + 0.3 for op in room.openings)
    tall = sum(c.size_typical[0] for o in objects if not o.generic
               and (c := catalog.get(o.category)).against_wall and c.size_typical[2] > 1.3)
    return max(0.0, perimeter - openings - tall)


def _decorate(r: _Room) -> None:
    """Wall decor, ceiling lights and corner plants, scaled by wall length, floor area and density."""
    prog, d = r.brief.program, r.density
    decor = [c for c in (*prog.wall_decor, *r.brief.palette.decor)]
    n_decor = int(_free_wall(r.room, r.objects) / DECOR_WALL[d])
    art = [c for c in decor if c in REPEATABLE_DECOR]
    pieces = decor + (art * 2 if d == "full" else [])
    for category in pieces[:n_decor]:
        r.add(category, "decor: wall")
    _dress_windows(r)
    lights = [c for c in prog.lights if r.allowed(c)]
    if lights:
        tables = [o.id for o in r.objects if o.category in ("dining_table", "kitchen_island")]
        n = max(1, round(r.room.area / LIGHT_AREA[d]))
        for k in range(n):
            rel = ("near", tables[k]) if k < len(tables) else None
            r.add(lights[min(k, len(lights) - 1)] if k < len(tables) else lights[-1], "decor: light", rel=rel)
    for _ in range(PLANTS[d]):
        r.add("plant", "decor: plant")


def _dress_windows(r: _Room) -> None:
    """Curtains or blinds (the program's first the prompt allows) across every window the prompt left bare; none when
    the prompt already hangs some (their count is the prompt's)."""
    if any(catalog.get(o.category).support == "wall" and "window_dressing" in catalog.get(o.category).roles
           for o in r.objects if not o.generic and not is_added(o)):
        return
    kind = next((c for c in r.brief.program.windows if r.allowed(c)), None)
    for op in (op for op in r.room.openings if op.kind == "window") if kind else ():
        r.add(kind, "decor: window", rel=("next_to_window", op.id))


def _paint(objects: list[PlannedObject], brief: Brief, rng: np.random.Generator) -> list[PlannedObject]:
    """Colours from the room's palette for every object whose colour and material the prompt left open. One wood and
    one textile colour per room (so the room reads as a set), accents varied per object."""
    pal = brief.palette
    wood = pal.woods[int(rng.integers(len(pal.woods)))]
    soft = pal.soft[int(rng.integers(len(pal.soft)))]
    out = []
    for o in objects:
        a = o.attributes
        if o.generic or a.colour is not None or a.material is not None:
            out.append(o)
            continue
        cat = catalog.get(o.category)
        if o.category in SOFT:
            colour = soft
        elif cat.support in ("object", "wall", "ceiling"):
            colour = pal.accents[int(rng.integers(len(pal.accents)))]
        else:
            colour = wood
        out.append(o.model_copy(update={"attributes": Attributes(colour=colour, material=a.material, style=a.style,
                                                                 size=a.size)}))
    return out


STATED_GROUP_PACKING = 0.8
"""A room sized for the prompt's own repeated groups (a café's ten stated tables) packs them this much tighter than
the program's per-m² rate"""


def _stated_groups_area(plan: LayoutPlan, brief: Brief, density: Density) -> float:
    """Floor area (m²) the prompt's stated anchors of repeated zones need at the program's rate (``Zone.per_m2``):
    "a café with ten tables" needs room for ten tables with their chairs, not the program's default four."""
    need = 0.0
    for zone in brief.program.zones:
        if zone.per_m2 <= 0 or zone.anchor is None:
            continue
        kinds = (zone.anchor.category, *zone.anchor.alt)
        stated = sum(1 for o in plan.objects if o.category in kinds)
        need = max(need, stated / zone.rate(density) * STATED_GROUP_PACKING)
    return need


def _sized_room(room: Room, brief: Brief, growth: float = 1.0, floor_needed: float = 0.0) -> Room:
    """The room grown to the program's floor area (times the prompt's size words and the density's ``growth``), or
    to ``floor_needed`` m² when that is more, when the prompt gave no size and the planner's room is smaller;
    openings keep their width and their relative place along each wall."""
    target = max(brief.program.area * brief.size_factor * growth, floor_needed)
    if brief.size_given or room.area >= target * 0.95:
        return room
    return scale_room(room, math.sqrt(target / room.area))
