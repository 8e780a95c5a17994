"""Tops sized for what the plan puts on them: a book and a lamp on one nightstand need about 0.6 m of top side by
side, and a designer would choose a wider nightstand rather than leave the lamp off."""

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

ITEM_GAP = 0.02
"""metres kept between neighbouring things on a top, and between them and its edges"""
TOP_MARGIN = 0.01
"""metres the pipeline's fit to hosts leaves free at each edge of a top"""
SMALL_VOLUME_SHARE = 0.97
"""a top the prompt asks to be small grows to at most this share of its category's typical volume: the attributes
check reads "small" as a volume under the typical one, and the prompt wins over the load"""


def host_category(layout: LayoutPlan, host: str) -> "catalog.Category | None":
    """The category entry that sizes planned object ``host``: the catalog's, or for an open-vocabulary object (a
    washstand, a boiler) the generic entry built for it (``catalog.for_object``); None when the plan lacks it."""
    obj = next((o for o in layout.objects if o.id == host), None)
    if obj is None:
        return None
    return catalog.for_object(obj.category, obj.generic, obj.proposal) if obj.generic else catalog.find(obj.category)


def growth_limit(layout: LayoutPlan, host: str, sizes: dict[str, Size3], axis: int) -> float:
    """The largest size in metres along ``axis`` (0 width, 1 depth) that ``host`` may grow to for its load: its
    category's largest (an open-vocabulary box's: ``host_category``); for a host the plan gives a size word of its
    category (a single bed, a queen bed) its present size, since the word names a size the attributes check holds
    it to; for a host the plan asks to be small no more than keeps its volume under the typical one
    (``SMALL_VOLUME_SHARE``)."""
    obj = next((o for o in layout.objects if o.id == host), None)
    cat = host_category(layout, host)
    if cat is None:
        return float("inf")
    limit = cat.size_max[axis]
    word = obj.attributes.size if obj is not None else None
    if word and catalog.size_for_word(cat, word) is not None:  # "a single bed" stays single under three cushions
        return sizes[host][axis]
    if obj is not None and obj.attributes.size == "small":
        w, d, h = sizes[host]
        other = d if axis == 0 else w
        limit = min(limit, SMALL_VOLUME_SHARE * math.prod(cat.size_typical) / (other * h))
    return limit


def fit_hosts_to_loads(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3],
                       build_mesh: Callable[[AssetRef], "trimesh.Trimesh"]) -> tuple[dict[str, AssetRef], dict[str, Size3]]:
    """``refs`` and ``sizes`` (width, depth, height metres) with every host whose planned load does not fit side by
    side along its width made wider, up to its category's largest width (an open-vocabulary box's too: "a washstand
    holding a wash basin and water pitcher"). The load of a host is each thing ``on_top`` of it, standing on its
    narrower side. Hosts that fit, or have no width parameter, are returned unchanged."""
    load: dict[str, list[str]] = {}
    for r in layout.relations:
        if r.kind == "on_top" and r.target in refs and r.subject in sizes \
                and catalog.kept_inside(refs[r.target].category, refs[r.subject].category) is None:  # not inside it
            load.setdefault(r.target, []).append(r.subject)
    refs, sizes = dict(refs), dict(sizes)
    for host, items in sorted(load.items()):
        cat = host_category(layout, host)
        if cat is None or len(items) < 2 or "width" not in refs[host].params:
            continue
        need = sum(min(sizes[i][0], sizes[i][1]) for i in items) + ITEM_GAP * (len(items) + 1)
        width = sizes[host][0]
        if need <= width:
            continue
        grown = round(min(need, growth_limit(layout, host, sizes, 0)), 4)
        if grown <= width:
            continue
        refit(refs, sizes, host, {"width": grown}, build_mesh)
    return refs, sizes


def deepen_tops(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3],
                build_mesh: Callable[[AssetRef], "trimesh.Trimesh"]) -> tuple[dict[str, AssetRef], dict[str, Size3]]:
    """``refs`` and ``sizes`` with every top made deep enough (up to its category's largest depth) for the deepest
    thing ``on_top`` of it at that thing's smallest, turned so its narrower side runs front to back: a hand towel (at
    least 0.20 m either way) on a floating shelf drawn 0.20 m deep, which no towel fits, gets a 0.22 m shelf. Tops
    that every thing fits already are returned unchanged."""
    refs, sizes = dict(refs), dict(sizes)
    need: dict[str, float] = {}
    for r in layout.relations:
        host, ref = refs.get(r.target or ""), refs.get(r.subject)
        item = catalog.find(ref.category) if ref is not None else None  # an open-vocabulary box scales to any top
        if r.kind != "on_top" or host is None or item is None or catalog.kept_inside(host.category, item.name):
            continue
        need[r.target or ""] = max(need.get(r.target or "", 0.0),
                                   min(*item.size_min[:2], *sizes[r.subject][:2]) + 2 * TOP_MARGIN)
    for host, depth in sorted(need.items()):
        cat = catalog.find(refs[host].category)
        if cat is None or "depth" not in refs[host].params or depth <= sizes[host][1] + 1e-6:
            continue
        deeper = round(min(depth, growth_limit(layout, host, sizes, 1)), 4)
        if deeper > sizes[host][1]:
            refit(refs, sizes, host, {"depth": deeper}, build_mesh)
    return refs, sizes


def level_loaded_tops(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3],
                      build_mesh: Callable[[AssetRef], "trimesh.Trimesh"]) -> tuple[dict[str, AssetRef], dict[str, Size3]]:
    """``refs`` and ``sizes`` with every host whose top the catalog lets slope (``Category.tilted_top``, a lectern's
    reading desk) rebuilt flat when the plan puts something on it: the scene stands things upright, and an atlas on a
    20° desk touched it along one edge (public ph060). Others are returned unchanged."""
    refs, sizes = dict(refs), dict(sizes)
    for host in sorted({r.target for r in layout.relations if r.kind == "on_top" and r.target in refs}):
        cat = catalog.find(refs[host].category)
        if cat is not None and cat.tilted_top and refs[host].params.get(cat.tilted_top, 0.0) != 0.0:
            refit(refs, sizes, host, {cat.tilted_top: 0.0}, build_mesh)
    return refs, sizes
