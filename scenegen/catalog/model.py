"""What a catalog entry is: the ``Category`` record, its generator parameters (``Param``) and their draw rules.

Sizes are (width, depth, height) in metres in the object's local frame (width along x, depth along y, front faces +y;
see ``scenegen.scene``). ``support`` says what an object stands on: the floor, another object's top, a wall, or the
ceiling. ``supported_by`` lists the categories whose top surface can hold an object-supported category.
``functional_sides`` are the sides a person must reach to use the object (``front``, ``back``, ``left``, ``right``).

A generator parameter's draw rule is plain data (a tuple whose first item names the rule, see ``draw``), so the
catalog can be printed as JSON and a parameter's allowed range checked when a scene file is loaded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import numpy as np

Size = tuple[float, float, float]
RGB = tuple[float, float, float]
Support = Literal["floor", "object", "wall", "ceiling"]
Side = Literal["front", "back", "left", "right"]
Role = Literal["flat", "seat", "knee_top", "corner", "free_standing", "window_dressing", "headward",
               "wall_mountable", "hangs_low", "lofted", "piles"]
ParamKind = Literal["int", "bool", "float"]
Draw = tuple[Any, ...]
"""A draw rule: ``("coin", p)``, ``("integers", lo, hi_exclusive)``, ``("uniform", lo, hi, ndigits)``,
``("choice", (a, b, ...))``, ``("per", axis, step, offset, rounding)``, ``("when", axis, op, at, then, else)``
or ``("const", v)``. ``axis`` is ``w``, ``d`` or ``h`` (metres); ``then``/``else`` are numbers or draw rules."""

ROLES: dict[str, str] = {
    "flat": "lies flat on the floor (rugs, mats): walked over, furniture stands on it",
    "seat": "a seat tucked under a table or desk by design: its front faces the knee space",
    "knee_top": "a raised top with knee space under it, that seats are pulled up to",
    "corner": "a small floor object a person tucks into a corner when the prompt gives it no place",
    "free_standing": "may stand free in the room; other floor objects without a stated place lean towards the walls",
    "window_dressing": "hangs across a window, centred on it (curtains, blinds): it frames the window, not blocks it",
    "headward": "rests at the back of its host's top (cushions at a bed's head and against a sofa's back)",
    "wall_mountable": "stands on a top, or hangs on the wall at its mount_height when no top in the room fits it (a TV)",
    "hangs_low": "hangs from the ceiling down into the room, clear of the furniture under it (a punching bag)",
    "lofted": "raised on posts over open floor: what the prompt puts under it stands inside its footprint (a desk "
              "under a loft bed)",
    "piles": "flat and soft or stiff enough to pile: when its host's top is full it lies on another such thing there "
             "(books on books, a folded blanket on a blanket)",
}
"""Solver and validator roles a category can have."""

MATERIALS = ("wood", "fabric", "leather", "metal", "glass", "ceramic", "plastic", "stone", "paper", "plant")
"""Materials a category's main part can be made of (``Category.material``)."""


def coin(p: float) -> Draw:
    """1.0 with probability ``p``, else 0.0."""
    return ("coin", p)


def integers(lo: int, hi: int) -> Draw:
    """A whole number in [lo, hi) (numpy's ``Generator.integers``)."""
    return ("integers", lo, hi)


def uniform(lo: float, hi: float, ndigits: int = 4) -> Draw:
    """A number in [lo, hi), rounded to ``ndigits`` decimals."""
    return ("uniform", lo, hi, ndigits)


def choice(*values: float) -> Draw:
    """One of ``values``, uniformly."""
    return ("choice", tuple(values))


def per(axis: str, step: float, offset: float = 0.0, rounding: str = "round") -> Draw:
    """``(extent - offset) / step`` rounded (``round``, Python's) or truncated (``floor``), clamped to the parameter's
    range: one drawer per 22 cm of height, one seat per 65 cm of width."""
    return ("per", axis, step, offset, rounding)


def when(axis: str, op: str, at: float, then: float | Draw, else_: float | Draw) -> Draw:
    """``then`` if ``extent <op> at`` (op ``<`` or ``>``) else ``else_``; each a number or a draw rule."""
    return ("when", axis, op, at, then, else_)


def const(value: float) -> Draw:
    return ("const", value)


@dataclass(frozen=True)
class Param:
    """One generator parameter: its type, the range a scene file may give it, and how ``plan_asset`` draws it."""

    name: str
    kind: ParamKind
    lo: float
    hi: float
    draw: Draw
    doc: str = ""

    def __post_init__(self) -> None:
        if not self.lo <= self.hi:
            raise ValueError(f"parameter {self.name!r}: range {self.lo}..{self.hi} is empty")
        if self.kind == "bool" and (self.lo, self.hi) != (0, 1):
            raise ValueError(f"parameter {self.name!r}: a bool ranges over 0..1")

    def allowed(self) -> str:
        """The allowed values in words, for error messages."""
        if self.kind == "bool":
            return "0 or 1"
        if self.kind == "int":
            return f"a whole number in {self.lo:g}..{self.hi:g}"
        return f"a number in {self.lo:g}..{self.hi:g}"

    def problem(self, value: object) -> str | None:
        """Why ``value`` is not an allowed value of this parameter, or None when it is."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"is {value!r}; it must be {self.allowed()}"
        v = float(value)
        if not math.isfinite(v) or not self.lo <= v <= self.hi:
            return f"is {value!r}; it must be {self.allowed()}"
        if self.kind in ("int", "bool") and v != round(v):
            return f"is {value!r}; it must be {self.allowed()}"
        return None


def draw(rule: Draw, param: Param, extents: Size, rng: np.random.Generator) -> float:
    """One value of ``param`` by ``rule`` for an object of ``extents`` (W, D, H metres), drawing from ``rng``.

    The number and order of ``rng`` calls is part of the contract: a scene's bytes depend on it.
    """
    kind = rule[0]
    if kind == "coin":
        return float(rng.random() < rule[1])
    if kind == "integers":
        return float(rng.integers(rule[1], rule[2]))
    if kind == "uniform":
        return round(float(rng.uniform(rule[1], rule[2])), rule[3])
    if kind == "choice":
        return float(rng.choice(list(rule[1])))
    if kind == "const":
        return float(rule[1])
    x = extents["wdh".index(rule[1])]
    if kind == "per":
        ratio = (x - rule[3]) / rule[2]
        n = int(ratio) if rule[4] == "floor" else round(ratio)
        return float(min(max(n, int(param.lo)), int(param.hi)))
    if kind == "when":
        hit = x < rule[3] if rule[2] == "<" else x > rule[3]
        branch = rule[4] if hit else rule[5]
        return draw(branch, param, extents, rng) if isinstance(branch, tuple) else float(branch)
    raise ValueError(f"parameter {param.name!r}: unknown draw rule {kind!r}")


@dataclass(frozen=True)
class Container:
    """What a category keeps inside it. The plan's one support relation (``on_top``) puts a held category (``holds``)
    inside: on the floor of an open container or on one of its shelves (a basket, a bin, a bookshelf), or stored
    behind the doors or in the drawers of closed storage (a wardrobe, a chest of drawers). The inner volume is the
    generated mesh's: the solver rests a contained thing on a level of it with room above (``scenegen.solve.inside``).
    """

    open: bool
    """contents in view (a basket, open shelves); False: hidden behind doors or drawer fronts"""
    holds: tuple[str, ...]
    """categories kept inside when the plan puts them on it; the catalog adds this category to each one's
    ``supported_by``, so that the planners let them be put there"""


@dataclass(frozen=True)
class Category:
    """One catalog entry. Sizes are (W, D, H) in metres."""

    name: str
    synonyms: tuple[str, ...]
    size_min: Size
    size_typical: Size
    size_max: Size
    support: Support = "floor"
    supported_by: tuple[str, ...] = ()
    functional_sides: tuple[Side, ...] = ("front",)
    against_wall: bool = False
    """Placed against a wall unless the prompt says otherwise (beds, wardrobes, bookshelves)."""
    mount_height: float | None = None
    """For wall objects (and wall_mountable ones, when they hang): height of the object's centre above the floor,
    metres."""
    rooms: tuple[str, ...] = ()
    """Room types this object typically belongs to (used to guess the room type)."""
    has_top: bool = False
    """Whether its top surface can hold small objects."""
    size_words: dict[str, Size] = field(default_factory=dict)
    """Category-specific size words (``queen``, ``king``, ``single`` for beds) mapped to a typical size."""
    roles: tuple[Role, ...] = ()
    """What the solver and the validators treat it as (see ``ROLES``)."""
    companions: tuple[tuple[str, str], ...] = ()
    """(anchor category, relation) pairs: what a person expects it to stand by when the prompt does not say, tried in
    order ('a+b' asks for both relations): nightstands flank the bed, an office chair sits at the desk."""
    seats: int | None = None
    """How many seats a person pulls up to one of these (a desk 1, a dining table 8); None = no limit."""
    flanks_head_of: tuple[str, ...] = ()
    """Categories whose head end (back) it stands beside when 'next to' one (a nightstand by a bed)."""
    colour: RGB = (0.6, 0.6, 0.6)
    """Main colour (linear RGB in [0, 1]) when the prompt names neither a colour nor a material."""
    material: str = "wood"
    """Main part's material when the prompt names none (one of ``MATERIALS``)."""
    params: tuple[Param, ...] = ()
    """Generator parameters beyond the size, in draw order."""
    generator: str = ""
    """Name of the procedural generator that builds it; empty = the category's own name."""
    fills_under: str = ""
    """A bool generator parameter that builds furniture of its own in the space under it (a loft bed's desk): set
    off, and the object raised to its tallest, when the plan puts something under it; empty = none."""
    container: Container | None = None
    """What it keeps inside it (a wardrobe, a basket); None = nothing, things only stand on its top."""
    tilted_top: str = ""
    """A bool generator parameter that slopes its top (a lectern's reading desk): set off when the plan puts something
    on it, since the scene stands what rests on a top upright; empty = none."""
    kind_of: str = ""
    """The more general category it is a kind of when its name does not say so (a loveseat is a sofa, a pendant light
    a ceiling light); empty = none besides the name's own suffix (``sectional_sofa`` of ``sofa``)."""

    def __post_init__(self) -> None:
        for lo, mid, hi in zip(self.size_min, self.size_typical, self.size_max):
            if not (0 < lo <= mid <= hi):
                raise ValueError(f"category {self.name!r}: size priors must satisfy 0 < min <= typical <= max")
        bad = [r for r in self.roles if r not in ROLES]
        if bad:
            raise ValueError(f"category {self.name!r}: unknown role(s) {bad}; roles are {', '.join(ROLES)}")
        for kind, name in (("fills_under", self.fills_under), ("tilted_top", self.tilted_top)):
            if name and (self.param(name) is None or self.param(name).kind != "bool"):
                raise ValueError(f"category {self.name!r}: {kind} {name!r} is not one of its bool params")
        if self.material not in MATERIALS:
            raise ValueError(f"category {self.name!r}: material {self.material!r} is not one of {MATERIALS}")

    @property
    def generator_name(self) -> str:
        return self.generator or self.name

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def draw_params(self, extents: Size, rng: np.random.Generator) -> dict[str, float]:
        """Values of every generator parameter for an object of ``extents`` (W, D, H metres), in declared order."""
        return {p.name: draw(p.draw, p, extents, rng) for p in self.params}


def entry(name: str, synonyms: tuple[str, ...], size_min: Size, size_typical: Size, size_max: Size,
          **fields: Any) -> Category:
    """A ``Category`` written the short way: name, synonyms and the three size priors (W, D, H metres) first."""
    return Category(name=name, synonyms=synonyms, size_min=size_min, size_typical=size_typical, size_max=size_max,
                    **fields)
