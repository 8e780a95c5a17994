"""Tables sized for the people the plan seats at them: eight chairs around a 1.6 m dining table have no room, and a
designer would choose a longer table (``SEAT_WIDTH`` of edge per person, one at each end once the sides are full)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from scenegen import catalog
from scenegen.assets import refit
from scenegen.scene import AssetRef, LayoutPlan

if TYPE_CHECKING:
    import trimesh

Size3 = tuple[float, float, float]

SEAT_WIDTH = 0.6
"""metres of table edge one seated person needs at least (dining and conference tables)"""
SEAT_GAP = 0.1
"""metres between neighbouring seats along a table's side"""
SEATED_KINDS = frozenset({"around", "next_to", "side_of"})
"""relation kinds that put a seat at a table"""
END_MARGIN = 0.1
"""metres of table left beyond the outermost seats on a long side"""


def seats_at_tables(layout: LayoutPlan) -> dict[str, list[str]]:
    """Table id -> the seats the plan puts at it: seats related to it ("six chairs around the table"), and the
    unrelated seats whose catalog companion is "around" a table of its category, shared out as the solver's implied
    relations share them (the least-loaded table first)."""
    seat_cats = catalog.table_seats()
    tables = {o.id: o.category for o in layout.objects if o.category in catalog.with_role("knee_top")}
    at: dict[str, list[str]] = {t: [] for t in tables}
    related = set()
    for r in layout.relations:
        if r.target in at and r.kind in SEATED_KINDS and _category(layout, r.subject) in seat_cats:
            at[r.target].append(r.subject)
            related.add(r.subject)
    for o in layout.objects:
        if o.category not in seat_cats or o.id in related or any(r.subject == o.id for r in layout.relations
                                                                  if r.target in tables):
            continue
        for anchor_cat, kind in catalog.companions(o.category):
            options = [t for t, c in tables.items() if c == anchor_cat]
            if options and "around" in kind:
                at[min(options, key=lambda t: (len(at[t]), options.index(t)))].append(o.id)
                break
    return {t: seats for t, seats in at.items() if seats}


def _category(layout: LayoutPlan, oid: str) -> str | None:
    return next((o.category for o in layout.objects if o.id == oid), None)


def seated_length(seats: int, seat_width: float = SEAT_WIDTH) -> float:
    """Metres of table length ``seats`` people need around a rectangular table: one at each end, the rest shared by
    the two long sides, each taking ``seat_width`` metres of edge (at least ``SEAT_WIDTH``)."""
    per_side = math.ceil(max(seats - 2, 0) / 2)
    return per_side * max(seat_width, SEAT_WIDTH) + 2 * END_MARGIN


def fit_tables_to_seats(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3],
                        build: Callable[[AssetRef], "trimesh.Trimesh"]) -> tuple[dict[str, AssetRef], dict[str, Size3]]:
    """Each rectangular table (generator params ``width`` and ``depth``) too short for the seats the plan puts at
    it, made long enough, within its category's largest size. ``build(ref)`` makes the mesh whose extents become
    the new size. Other objects are unchanged."""
    for table, seats in seats_at_tables(layout).items():
        ref = refs.get(table)
        if ref is None or not {"width", "depth"} <= ref.params.keys() or ref.category not in catalog.CATALOG:
            continue
        w, _, _ = sizes[table]
        widest = max((min(sizes[s][:2]) for s in seats if s in sizes), default=0.0)
        want = min(seated_length(len(seats), widest + SEAT_GAP), catalog.get(ref.category).size_max[0])
        if want <= w + 1e-6:
            continue
        refit(refs, sizes, table, {"width": round(want, 4)}, build)
    return refs, sizes
