"""Typed loader for the design data: room programs (``programs/*.toml``), dressing rules (``dressing.toml``) and
style palettes and themes (``styles.toml``).

A room program reads like a designer's checklist (Infinigen's constraint programs, made small enough to edit): the
room's default floor size, then functional zones (sleep, lounge, work, dine, cook, wash, store, play, exercise,
display, read), each a group template of members around one anchor. Members name catalog categories; a member whose
category the catalog does not (yet) have is kept in ``Program.skipped`` and ignored, so a program can name things the
catalog will grow into (pillows, plates, curtains) without breaking.

Sizes are metres, areas m². Densities are ``minimal`` (nothing added), ``normal`` and ``full``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

from scenegen import catalog

Density = Literal["minimal", "normal", "full"]
DENSITIES: tuple[Density, ...] = ("minimal", "normal", "full")
LEVEL = {"minimal": 0, "normal": 1, "full": 2}
"""Density -> rank; a member or zone with ``level = "full"`` appears only at ``full``."""


class ProgramError(ValueError):
    """A design data file that does not follow the schema (names the file and the field)."""


@dataclass(frozen=True)
class Member:
    """One member of a group template. ``count`` is per density (normal, full); with ``per_host`` it is per host
    instance (one lamp per nightstand). ``on`` names the host category (an on_top relation); ``rel`` a relation kind
    to the zone's anchor (``under`` for a rug, ``near`` for a pendant); ``alt`` alternative categories drawn at random
    for variety; ``p`` the chance the member appears at all."""

    category: str
    count: tuple[int, int] = (1, 1)
    level: Density = "normal"
    p: float = 1.0
    on: str | None = None
    per_host: bool = False
    rel: str | None = None
    alt: tuple[str, ...] = ()
    anchor: bool = False
    to: str | None = None
    """the group member category ``rel`` points at instead of the anchor (a rug under the coffee table)"""
    holds: bool = False
    """the zone's anchor is there to hold this member (a TV stand for its TV): when the prompt puts its own one
    somewhere else (a TV on the wall), the zone is not added"""

    def n(self, density: Density) -> int:
        """How many at ``density`` (0 below the member's level)."""
        if LEVEL[density] < LEVEL[self.level]:
            return 0
        return self.count[0] if density == "normal" else self.count[1]


@dataclass(frozen=True)
class Zone:
    """A functional zone: a group template (its anchor is the first member marked ``anchor``). ``min_area`` is the
    floor (m²) the room needs before the zone is added; ``core`` zones are what completeness checks ask for."""

    name: str
    kind: str
    members: tuple[Member, ...]
    min_area: float = 0.0
    level: Density = "normal"
    p: float = 1.0
    core: bool = False
    per_m2: float = 0.0
    """with ``repeat``: instances of the whole group per m² of floor (a café's tables, a classroom's desks)"""
    repeat: tuple[int, int] = (1, 1)
    """(fewest, most) instances of the group"""

    def instances(self, area: float, density: Density) -> int:
        """How many copies of the group a room of ``area`` m² gets at ``density``."""
        if self.per_m2 <= 0:
            return 1
        return int(min(max(round(area * self.rate(density)), self.repeat[0]), self.repeat[1]))

    def rate(self, density: Density) -> float:
        """Instances of the group per m² of floor at ``density`` (full packs 1.3× as many)."""
        return self.per_m2 * (1.0 if density == "normal" else 1.3)

    @property
    def anchor(self) -> Member | None:
        return next((m for m in self.members if m.anchor), None)


@dataclass(frozen=True)
class Program:
    """A room type's program: what a designer puts in such a room."""

    name: str
    aliases: tuple[str, ...]
    size: tuple[float, float]
    zones: tuple[Zone, ...]
    style: str = "contemporary"
    wall_decor: tuple[str, ...] = ("painting",)
    lights: tuple[str, ...] = ("ceiling_light",)
    windows: tuple[str, ...] = ("curtains",)
    """what a designer hangs across each window (the first the prompt allows); empty: windows stay bare"""
    planner_types: tuple[str, ...] = ()
    skipped: tuple[str, ...] = field(default=())
    """categories the program names that the catalog does not have (ignored)"""

    @property
    def area(self) -> float:
        """Default floor area, m²."""
        return self.size[0] * self.size[1]

    def core_categories(self) -> list[str]:
        """The anchors of the core zones: what a complete room of this type must hold."""
        return [z.anchor.category for z in self.zones if z.core and z.anchor is not None]


KINDS = frozenset({"sleep", "lounge", "work", "dine", "cook", "wash", "store", "play", "exercise", "display", "read",
                   "groom", "entry", "music", "teach", "meet", "wait", "serve", "make"})
_MEMBER_KEYS = {"category", "count", "level", "p", "on", "per_host", "rel", "alt", "anchor", "to", "holds"}
_ZONE_KEYS = {"name", "kind", "member", "min_area", "level", "p", "core", "per_m2", "repeat"}
_PROGRAM_KEYS = {"name", "aliases", "size", "zone", "style", "wall_decor", "lights", "windows", "planner_types"}


def _known(name: str) -> bool:
    try:
        catalog.get(name)
        return True
    except KeyError:
        return False


def _check_keys(where: str, raw: dict, allowed: set[str]) -> None:
    extra = sorted(set(raw) - allowed)
    if extra:
        raise ProgramError(f"{where}: unknown field(s) {', '.join(extra)}")


def _member(where: str, raw: dict, skipped: list[str]) -> Member | None:
    _check_keys(where, raw, _MEMBER_KEYS)
    cats = [raw["category"], *raw.get("alt", [])]
    known = [c for c in cats if _known(c)]
    skipped += [c for c in cats if not _known(c)]
    if not known:
        return None
    count = raw.get("count", 1)
    count = (int(count), int(count)) if isinstance(count, int) else (int(count[0]), int(count[1]))
    level = raw.get("level", "normal")
    if level not in ("normal", "full"):
        raise ProgramError(f"{where}: level must be normal or full, got {level!r}")
    on = raw.get("on")
    if on is not None and not _known(on):
        skipped.append(on)
        return None
    return Member(category=known[0], count=count, level=level, p=float(raw.get("p", 1.0)), on=on,
                  per_host=bool(raw.get("per_host", False)), rel=raw.get("rel"), alt=tuple(known[1:]),
                  anchor=bool(raw.get("anchor", False)), to=raw.get("to"), holds=bool(raw.get("holds", False)))


def parse_program(raw: dict, where: str) -> Program:
    """A ``Program`` from a parsed TOML table; ``where`` names the file in errors."""
    _check_keys(where, raw, _PROGRAM_KEYS)
    skipped: list[str] = []
    zones = []
    for k, z in enumerate(raw.get("zone", [])):
        zw = f"{where} zone {z.get('name', k)}"
        _check_keys(zw, z, _ZONE_KEYS)
        if z.get("kind") not in KINDS:
            raise ProgramError(f"{zw}: kind must be one of {', '.join(sorted(KINDS))}, got {z.get('kind')!r}")
        members = tuple(m for j, r in enumerate(z.get("member", []))
                        if (m := _member(f"{zw} member {j}", r, skipped)) is not None)
        if members:
            zones.append(Zone(name=z["name"], kind=z["kind"], members=members, min_area=float(z.get("min_area", 0)),
                              level=z.get("level", "normal"), p=float(z.get("p", 1.0)), core=bool(z.get("core")),
                              per_m2=float(z.get("per_m2", 0.0)),
                              repeat=tuple(int(v) for v in z.get("repeat", (1, 1)))))  # type: ignore[arg-type]
    try:
        w, d = (float(v) for v in raw["size"])
        name = str(raw["name"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ProgramError(f"{where}: needs name and size = [width, depth] in metres ({exc})") from None
    decor = tuple(c for c in raw.get("wall_decor", ["painting"]) if _known(c))
    lights = tuple(c for c in raw.get("lights", ["ceiling_light"]) if _known(c))
    windows = tuple(c for c in raw.get("windows", ["curtains"]) if _known(c))
    return Program(name=name, aliases=tuple(raw.get("aliases", [name.replace("_", " ")])), size=(w, d),
                   zones=tuple(zones), style=str(raw.get("style", "contemporary")), wall_decor=decor, lights=lights, windows=windows,
                   planner_types=tuple(raw.get("planner_types", [])), skipped=tuple(sorted(set(skipped))))


def _read_toml(package: str, name: str) -> dict:
    text = resources.files(package).joinpath(name).read_text()
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProgramError(f"{package}/{name}: {exc}") from None


@lru_cache(maxsize=1)
def programs() -> dict[str, Program]:
    """Every room program shipped in ``scenegen/design/programs``, by name."""
    out: dict[str, Program] = {}
    folder = resources.files("scenegen.design.programs")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            prog = parse_program(_read_toml("scenegen.design.programs", entry.name), f"programs/{entry.name}")
            out[prog.name] = prog
    return out


@dataclass(frozen=True)
class DressItem:
    """A small object on a host's top: how many per density."""

    category: str
    count: tuple[int, int]


@lru_cache(maxsize=1)
def dressing_once() -> frozenset[str]:
    """Dressing categories a room gets at most one of (``once`` in ``dressing.toml``)."""
    return frozenset(c for c in _read_toml("scenegen.design", "dressing.toml").get("once", []) if _known(c))


def dressing() -> dict[str, tuple[DressItem, ...]]:
    """Host category -> the small objects a designer puts on its top (``dressing.toml``), catalog-known only."""
    raw = _read_toml("scenegen.design", "dressing.toml")
    unknown = set(raw) - {"host", "once"}
    if unknown:
        raise ProgramError(f"dressing.toml: unknown field(s) {', '.join(sorted(unknown))}; fields are host, once")
    out: dict[str, tuple[DressItem, ...]] = {}
    for host, items in raw.get("host", {}).items():
        if not _known(host):
            continue
        out[host] = tuple(DressItem(c, (int(n[0]), int(n[1]))) for c, n in items.items() if _known(c))
    return out


@dataclass(frozen=True)
class Palette:
    """A room-level palette: colours drawn for wood/frame parts (``woods``), upholstery and textiles (``soft``), and
    accents (small objects, decor); ``materials`` per role."""

    name: str
    words: tuple[str, ...]
    woods: tuple[str, ...]
    soft: tuple[str, ...]
    accents: tuple[str, ...]
    decor: tuple[str, ...] = ()
    """extra wall decor categories the style asks for (a clock, mirrors)"""


@dataclass(frozen=True)
class Theme:
    """Theme or persona words that add zones or decor and may switch the palette."""

    name: str
    words: tuple[str, ...]
    palette: str | None
    add: tuple[tuple[str, int], ...]
    """(category, count) added to the room"""
    extra_books: int = 0


@lru_cache(maxsize=1)
def styles() -> tuple[dict[str, Palette], dict[str, Theme]]:
    """Palettes by name and themes by name (``styles.toml``)."""
    raw = _read_toml("scenegen.design", "styles.toml")
    palettes = {n: Palette(name=n, words=tuple(p.get("words", [n])), woods=tuple(p["woods"]), soft=tuple(p["soft"]),
                           accents=tuple(p["accents"]), decor=tuple(c for c in p.get("decor", []) if _known(c)))
                for n, p in raw.get("palette", {}).items()}
    themes = {n: Theme(name=n, words=tuple(t["words"]), palette=t.get("palette"),
                       add=tuple((c, int(k)) for c, k in t.get("add", {}).items() if _known(c)),
                       extra_books=int(t.get("extra_books", 0)))
              for n, t in raw.get("theme", {}).items()}
    for t in themes.values():
        if t.palette is not None and t.palette not in palettes:
            raise ProgramError(f"styles.toml theme {t.name}: unknown palette {t.palette!r}")
    return palettes, themes
