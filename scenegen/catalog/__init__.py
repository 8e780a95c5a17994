"""The object catalog: everything the project knows about a kind of object, kept once, as data.

A category (``Category``, see ``scenegen.catalog.model``) carries its synonyms, size priors, support, functional
sides, rooms, default colour and material, generator parameters with their declared ranges and draw rules, and its
solver roles. The entries live in ``scenegen.catalog.data``, one module per family. The solver, the procedural
generators, the validators and the planners read them from here; none keeps a private list.

Adding a category is one ``Category`` entry (in a family module, or ``register`` at run time) plus one generator
function (``scenegen.assets.procedural``); see ``docs/adding-a-category.md``.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
from collections.abc import Mapping
from typing import Protocol

from scenegen.catalog.data import FAMILIES
from scenegen.catalog.model import MATERIALS, ROLES, Category, Container, Param, Role, Side, Size, Support, draw
from scenegen.catalog.words import GENERAL_SIZE_WORDS, normalise_phrase, singular, size_class, size_for_word



class SizeProposal(Protocol):
    """What ``for_object`` reads of a planner's proposal (``scenegen.scene.GenericProposal``): size (W, D, H) metres
    and what holds it up. A protocol, so the catalog does not import the scene model that imports it."""

    size: tuple[float, float, float]
    support: str


class Placed(Protocol):
    """What ``support_kind`` reads of a placed object (``scenegen.scene.ObjectInstance``)."""

    category: str
    support: str | None

__all__ = [
    "CATALOG", "GENERAL_SIZE_WORDS", "GENERIC", "GENERIC_MIN_SIDE", "GENERIC_ON_TOP_SIDE", "MATERIALS",
    "MAX_SYNONYM_WORDS", "ROLES", "TOP_SHARE_FILL", "Category", "Container",
    "Param", "Role", "Side", "Size", "Support", "asset_problem", "companions", "draw", "find", "flanks_head",
    "for_object", "get", "names", "is_kind_of", "kept_inside", "normalise_phrase", "param_problem", "register",
    "resolve", "singular", "size_class", "size_for_word", "support_kind", "synonym_index", "to_json", "unregister",
    "with_role",
]

GENERIC = Category(
    name="generic", synonyms=(), size_min=(0.2, 0.2, 0.2), size_typical=(0.5, 0.5, 0.5),
    size_max=(2.0, 2.0, 2.0), functional_sides=("front",),
)
"""What an unknown noun becomes: a flagged box of a plain size, never a silent drop."""

GENERIC_ON_TOP_SIDE = 0.3
"""metres: the largest side of an unknown thing no planner sized that the plan puts on a top ("an old radio on the
bedside table"): a tabletop thing, not the floor-sized ``GENERIC`` box"""
TOP_SHARE_FILL = 0.75
"""the share of a top's area that the things on it may cover together; the open-vocabulary ones share what the
catalog things leave of it equally, the rest is the gaps between them"""
GENERIC_MIN_SIDE = 0.08
"""metres: the smallest side an open-vocabulary thing is scaled down to for its share of a crowded top"""

SIZE_PARAMS = ("width", "depth", "height")
"""``AssetRef.params`` keys every procedural asset has: its extents in metres."""
MAX_EXTENT = 50.0
"""The largest extent (metres) an asset may have in a scene file: far beyond any object, far below what would make a
mesh or a raster explode."""


def _load() -> dict[str, Category]:
    entries: dict[str, Category] = {}
    for family in FAMILIES:
        for cat in importlib.import_module(f"scenegen.catalog.data.{family}").ENTRIES:
            if cat.name in entries:
                raise ValueError(f"category {cat.name!r} is defined twice (again in family {family!r})")
            entries[cat.name] = cat
    return _with_containers(entries)


def _with_containers(entries: dict[str, Category]) -> dict[str, Category]:
    """``entries`` with every container added to the ``supported_by`` of the categories it holds (a towel is
    supported by the basket that holds it): what a container keeps is written once, on the container."""
    out = dict(entries)
    for cat in entries.values():
        for held in cat.container.holds if cat.container else ():
            if held not in out:
                raise ValueError(f"category {cat.name!r}: holds unknown category {held!r}")
            if cat.name not in out[held].supported_by:
                out[held] = dataclasses.replace(out[held], supported_by=(*out[held].supported_by, cat.name))
    return out


CATALOG: dict[str, Category] = _load()
"""Canonical name -> entry, in family order. Change it only through ``register`` / ``unregister``."""


def _build_synonym_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for cat in CATALOG.values():
        for phrase in (cat.name.replace("_", " "), *cat.synonyms):
            index.setdefault(normalise_phrase(phrase), cat.name)
    return index


_SYNONYMS: dict[str, str] = _build_synonym_index()
MAX_SYNONYM_WORDS = max(len(k.split()) for k in _SYNONYMS)


def _refresh() -> None:
    """Rebuild what is derived from ``CATALOG`` after it changed."""
    global _SYNONYMS, MAX_SYNONYM_WORDS
    _SYNONYMS = _build_synonym_index()
    MAX_SYNONYM_WORDS = max(len(k.split()) for k in _SYNONYMS)
    with_role.cache_clear()


def register(cat: Category, replace: bool = False) -> Category:
    """Add ``cat`` to the catalog at run time (a plugin, a test); its synonyms resolve from then on.

    Refuses a name that is taken (unless ``replace``) and a synonym another category already claims.
    """
    if cat.name in CATALOG and not replace:
        raise ValueError(f"category {cat.name!r} is already in the catalog")
    for phrase in (cat.name.replace("_", " "), *cat.synonyms):
        owner = _SYNONYMS.get(normalise_phrase(phrase))
        if owner is not None and owner != cat.name:
            raise ValueError(f"category {cat.name!r}: synonym {phrase!r} already names {owner!r}")
    CATALOG[cat.name] = cat
    _refresh()
    return cat


def unregister(name: str) -> None:
    """Remove a category added with ``register`` (tests clean up with it)."""
    CATALOG.pop(name, None)
    _refresh()


def get(name: str) -> Category:
    """The category called ``name`` (canonical name); ``generic`` for the generic fallback."""
    if name == GENERIC.name:
        return GENERIC
    try:
        return CATALOG[name]
    except KeyError:
        raise KeyError(f"unknown category {name!r}") from None


def find(name: str) -> Category | None:
    """The category called ``name`` (canonical name), or None for a name outside the catalog (``generic`` included)."""
    return CATALOG.get(name)


def names() -> list[str]:
    return sorted(CATALOG)


def kept_inside(host: str, held: str) -> Container | None:
    """The container record of category ``host`` when it keeps category ``held`` inside it (towels in a basket,
    blankets in a wardrobe), else None: then what the plan puts on it stands on its top."""
    cat = CATALOG.get(host)
    return cat.container if cat is not None and cat.container is not None and held in cat.container.holds else None


@functools.cache
def with_role(role: Role) -> frozenset[str]:
    """Canonical names of the categories that have ``role`` (see ``ROLES``).

    >>> "rug" in with_role("flat")
    True
    """
    if role not in ROLES:
        raise KeyError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
    return frozenset(c.name for c in CATALOG.values() if role in c.roles)


SITTING_WITHOUT_SEAT_ROLE = frozenset({"armchair", "sofa", "bench", "loveseat"})
"""categories people sit on that the catalog does not give the "seat" role (it marks chairs and stools, which tuck
under their table)"""
TABLE_SEAT_EXTRAS = frozenset({"bench", "armchair"})
"""of ``SITTING_WITHOUT_SEAT_ROLE``, what people also sit on at a table or desk (a sofa does not count as a seat there)"""


def table_seats() -> frozenset[str]:
    """What a person sits on at a table or desk: the ``seat`` role plus ``TABLE_SEAT_EXTRAS``."""
    return with_role("seat") | TABLE_SEAT_EXTRAS


def companions(name: str) -> tuple[tuple[str, str], ...]:
    """``Category.companions`` of the category called ``name``; () for a name outside the catalog."""
    cat = CATALOG.get(name)
    return cat.companions if cat else ()


def flanks_head(subject: str, target: str) -> bool:
    """Whether a ``subject`` 'next to' a ``target`` stands beside the target's head end (``Category.flanks_head_of``)."""
    cat = CATALOG.get(subject)
    return cat is not None and target in cat.flanks_head_of


def for_object(category: str, generic: bool = False, proposal: SizeProposal | None = None) -> Category:
    """The category entry that sizes and places a planned object: the catalog's, or for an object outside the catalog
    a generic entry built from the planner's ``proposal`` (its size as the typical size, ±25% as the range, its support
    type; wall objects hung at eye height), else ``GENERIC``."""
    if not generic:
        return get(category)
    if proposal is None:
        return GENERIC
    w, d, h = proposal.size
    mount = max(1.5, h / 2 + 0.1) if proposal.support == "wall" else None
    return Category(name=GENERIC.name, synonyms=(), size_min=(w * 0.75, d * 0.75, h * 0.75), size_typical=(w, d, h),
                    size_max=(w * 1.25, d * 1.25, h * 1.25), support=proposal.support,
                    functional_sides=("front",) if proposal.support == "floor" else (), mount_height=mount,
                    against_wall=proposal.support == "wall")


def resolve(noun: str) -> Category | None:
    """The category a noun phrase names (synonyms, plurals and case folded), or None when it is not in the catalog.

    >>> resolve("Bedside Tables").name
    'nightstand'
    """
    name = _SYNONYMS.get(normalise_phrase(noun))
    return CATALOG[name] if name else None


def is_kind_of(specific: str, general: str) -> bool:
    """Whether category ``specific`` is a kind of category ``general``: by name (``sectional_sofa`` of ``sofa``,
    ``office_chair`` of ``chair``) or by the catalog's ``kind_of`` (``loveseat`` of ``sofa``), transitively: "the
    sofa" may name a loveseat, and it furnishes a living room's sofa zone."""
    if general not in CATALOG:
        return False
    seen: set[str] = set()
    while specific and specific not in seen:
        if specific.endswith("_" + general):
            return True
        seen.add(specific)
        cat = CATALOG.get(specific)
        specific = cat.kind_of if cat is not None else ""
        if specific == general:
            return True
    return False


def synonym_index() -> dict[str, str]:
    """Normalised phrase -> canonical category name (a copy)."""
    return dict(_SYNONYMS)


def param_problem(category: str, params: Mapping[str, object]) -> str | None:
    """Why a procedural asset's ``params`` are not acceptable for ``category``, in one clause, or None when they are.

    Every key must be a size (``width``/``depth``/``height``: a number of metres in (0, ``MAX_EXTENT``]), the
    ``generic`` flag (0 or 1), or a parameter the category declares, of its type and inside its range. A category
    outside the catalog (a generic object) has only the size keys and the flag.
    """
    cat = CATALOG.get(category)
    for key, value in params.items():
        if key in SIZE_PARAMS:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < float(value) <= MAX_EXTENT
            if not ok:  # NaN fails the comparison too
                return f"parameter {key!r} is {value!r}; it must be a number of metres in (0, {MAX_EXTENT:g}]"
            continue
        spec = Param("generic", "bool", 0, 1, ("const", 0.0)) if key == "generic" else (cat and cat.param(key))
        if spec is None:
            declared = ", ".join(p.name for p in cat.params) if cat else ""
            return (f"parameter {key!r} is not one that {category!r} takes (it takes {', '.join(SIZE_PARAMS)}, generic"
                    f"{', ' + declared if declared else ''})")
        why = spec.problem(value)
        if why:
            return f"parameter {key!r} {why}"
    return None


def asset_problem(backend: str, category: str, params: Mapping[str, object]) -> str | None:
    """Why an ``AssetRef``'s ``params`` cannot be built, in one clause, or None. A procedural asset is checked in full
    (``param_problem``); for other backends the sizes are checked and their own keys are left to the backend."""
    if backend == "procedural":
        return param_problem(category, params)
    return param_problem(category, {k: v for k, v in params.items() if k in SIZE_PARAMS})


def to_json() -> str:
    """The whole catalog as JSON text: ``{"count": N, "roles": ..., "categories": [{name, synonyms, sizes, ...}]}``,
    sizes in metres, every generator parameter with its type, range and draw rule."""
    import dataclasses
    import json

    cats = []
    for name in names():
        row = dataclasses.asdict(CATALOG[name])
        row["generator"] = CATALOG[name].generator_name
        cats.append(row)
    return json.dumps({"count": len(cats), "roles": ROLES, "categories": cats}, indent=1, sort_keys=True)


def support_kind(inst: Placed) -> str:
    """How an object is held up: ``floor``, ``object``, ``wall`` or ``ceiling``.

    ``ObjectInstance.support`` decides (None = floor, ``wall`` / ``ceiling`` = mounted, anything else = the id of the
    object it stands on); an instance with ``support=None`` whose catalog category is wall- or ceiling-mounted is
    treated as mounted.
    """
    if inst.support in ("wall", "ceiling"):
        return inst.support
    if inst.support is not None:
        return "object"
    try:
        cat_support = get(inst.category).support
    except KeyError:
        cat_support = "floor"
    return cat_support if cat_support in ("wall", "ceiling") else "floor"
