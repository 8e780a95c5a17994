"""The object catalog: canonical category names, synonyms, size priors, support type and functional sides.

Sizes are (width, depth, height) in metres in the object's local frame (width along x, depth along y, front faces +y;
see ``scenegen.scene``). ``support`` says what an object stands on: the floor, another object's top, a wall, or the
ceiling. ``supported_by`` lists the categories whose top surface can hold an object-supported category.
``functional_sides`` are the sides a person must reach to use the object (``front``, ``back``, ``left``, ``right``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Size = tuple[float, float, float]
Support = Literal["floor", "object", "wall", "ceiling"]
Side = Literal["front", "back", "left", "right"]


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
    """For wall objects: height of the object's centre above the floor, metres."""
    rooms: tuple[str, ...] = ()
    """Room types this object typically belongs to (used to guess the room type)."""
    has_top: bool = False
    """Whether its top surface can hold small objects."""
    size_words: dict[str, Size] = field(default_factory=dict)
    """Category-specific size words (``queen``, ``king``, ``single`` for beds) mapped to a typical size."""

    def __post_init__(self) -> None:
        for lo, mid, hi in zip(self.size_min, self.size_typical, self.size_max):
            if not (0 < lo <= mid <= hi):
                raise ValueError(f"category {self.name!r}: size priors must satisfy 0 < min <= typical <= max")


GENERIC = Category(
    name="generic", synonyms=(), size_min=(0.2, 0.2, 0.2), size_typical=(0.5, 0.5, 0.5),
    size_max=(2.0, 2.0, 2.0), functional_sides=("front",),
)
"""What an unknown noun becomes: a flagged box of a plain size, never a silent drop."""


def _c(name: str, synonyms: tuple[str, ...], size_min: Size, size_typical: Size, size_max: Size, **kw: object) -> Category:
    return Category(name, synonyms, size_min, size_typical, size_max, **kw)  # type: ignore[arg-type]


_ENTRIES: tuple[Category, ...] = (
    _c("bed", ("bed", "double bed"), (0.9, 1.9, 0.4), (1.6, 2.05, 0.9), (2.0, 2.2, 1.3),
       functional_sides=("left", "right"), against_wall=True, rooms=("bedroom",), has_top=True,
       size_words={"single": (0.95, 2.0, 0.85), "twin": (0.99, 1.95, 0.85), "double": (1.4, 2.0, 0.9),
                   "queen": (1.6, 2.05, 0.95), "king": (1.95, 2.1, 1.0)}),
    _c("nightstand", ("nightstand", "night stand", "bedside table", "night table"), (0.35, 0.3, 0.4),
       (0.5, 0.4, 0.55), (0.7, 0.5, 0.75), against_wall=True, rooms=("bedroom",), has_top=True),
    _c("table_lamp", ("table lamp", "lamp", "desk lamp", "bedside lamp"), (0.15, 0.15, 0.25), (0.3, 0.3, 0.5),
       (0.5, 0.5, 0.8), support="object", supported_by=("nightstand", "desk", "dresser", "side_table"),
       functional_sides=(), rooms=("bedroom", "living_room", "office")),
)

CATALOG: dict[str, Category] = {c.name: c for c in _ENTRIES}


def get(name: str) -> Category:
    """The category called ``name`` (canonical name); ``generic`` for the generic fallback."""
    if name == GENERIC.name:
        return GENERIC
    try:
        return CATALOG[name]
    except KeyError:
        raise KeyError(f"unknown category {name!r}") from None


def names() -> list[str]:
    return sorted(CATALOG)


def _singular(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("ves", "f"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x"),
                         ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


def _normalise(phrase: str) -> str:
    words = re.findall(r"[a-z]+", phrase.lower().replace("_", " "))
    return " ".join(_singular(w) for w in words)


def _build_synonym_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for cat in CATALOG.values():
        for phrase in (cat.name.replace("_", " "), *cat.synonyms):
            index.setdefault(_normalise(phrase), cat.name)
    return index


_SYNONYMS: dict[str, str] = _build_synonym_index()
MAX_SYNONYM_WORDS = max(len(k.split()) for k in _SYNONYMS)


def resolve(noun: str) -> Category | None:
    """The category a noun phrase names (synonyms, plurals and case folded), or None when it is not in the catalog.

    >>> resolve("Bedside Tables").name
    'nightstand'
    """
    key = _normalise(noun)
    name = _SYNONYMS.get(key)
    return CATALOG[name] if name else None


def synonym_index() -> dict[str, str]:
    """Normalised phrase -> canonical category name (a copy)."""
    return dict(_SYNONYMS)
