"""Tops sized for what the plan puts on them: a book and a lamp on one nightstand need about 0.6 m of top side by
side, and a designer would choose a wider nightstand rather than leave the lamp off."""

from __future__ import annotations

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


def fit_hosts_to_loads(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3],
                       build_mesh: Callable[[AssetRef], "trimesh.Trimesh"]) -> tuple[dict[str, AssetRef], dict[str, Size3]]:
    """``refs`` and ``sizes`` (width, depth, height metres) with every host whose planned load does not fit side by
    side along its width made wider, up to its category's largest width. The load of a host is each thing ``on_top``
    of it, standing on its narrower side. Hosts that fit, or have no width parameter, are returned unchanged."""
    load: dict[str, list[str]] = {}
    for r in layout.relations:
        if r.kind == "on_top" and r.target in refs and r.subject in sizes \
                and catalog.kept_inside(refs[r.target].category, refs[r.subject].category) is None:  # not inside it
            load.setdefault(r.target, []).append(r.subject)
    refs, sizes = dict(refs), dict(sizes)
    for host, items in sorted(load.items()):
        cat = catalog.find(refs[host].category)
        if cat is None or len(items) < 2 or "width" not in refs[host].params:
            continue
        need = sum(min(sizes[i][0], sizes[i][1]) for i in items) + ITEM_GAP * (len(items) + 1)
        width = sizes[host][0]
        if need <= width:
            continue
        grown = round(min(need, cat.size_max[0]), 4)
        if grown <= width:
            continue
        refit(refs, sizes, host, {"width": grown}, build_mesh)
    return refs, sizes
