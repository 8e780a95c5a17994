"""Raised furniture cleared for what the plan puts under it: a loft bed over a desk drops its own built-in desk (a
bunk bed over a sofa bed its lower bunk) and stands at its tallest, so that the prompt's desk (and what stands on it)
fits under the deck; what stands under it is made narrow enough to fit between its posts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scenegen import catalog
from scenegen.assets import refit
from scenegen.scene import AssetRef, LayoutPlan

if TYPE_CHECKING:
    import trimesh

Size3 = tuple[float, float, float]

POST_MARGIN = 0.08
"""metres kept free at each side between a raised host's outer size and what stands under it (its posts, 6 cm)"""


def clear_undersides(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3],
                     build_mesh: Callable[[AssetRef], "trimesh.Trimesh"]) -> tuple[dict[str, AssetRef], dict[str, Size3]]:
    """``refs`` and ``sizes`` (width, depth, height metres) with every ``lofted`` host that the plan puts something
    under rebuilt: its ``fills_under`` parameter off and its height at the category's largest. Other objects are
    returned unchanged."""
    hosts = {r.target for r in layout.relations if r.kind == "under" and r.target in refs}
    lofted = catalog.with_role("lofted")
    refs, sizes = dict(refs), dict(sizes)
    for host in sorted(hosts):
        ref = refs[host]
        cat = catalog.find(ref.category)
        if cat is None or cat.name not in lofted or "height" not in ref.params:
            continue
        params: dict[str, float | str] = {"height": cat.size_max[2]}
        if cat.fills_under in ref.params:
            params[cat.fills_under] = 0.0
        refit(refs, sizes, host, params, build_mesh)
    for rel in layout.relations:
        if rel.kind == "under" and rel.target in refs and refs[rel.target].category in lofted and rel.subject in refs:
            _fit_under(rel.subject, sizes[rel.target], refs, sizes, build_mesh)
    return refs, sizes


def _fit_under(oid: str, host: Size3, refs: dict[str, AssetRef], sizes: dict[str, Size3],
               build_mesh: Callable[[AssetRef], "trimesh.Trimesh"]) -> None:
    """Shrink ``oid`` (never below its category's smallest size) to fit between a raised host's posts, along the
    host's length: a 2.1 m sofa bed under a 2 m bunk becomes 1.85 m. Unchanged when it fits, or cannot."""
    ref = refs[oid]
    cat = catalog.find(ref.category)
    if cat is None or not {"width", "depth"} <= ref.params.keys():
        return
    inner_long, inner_short = max(host[:2]) - 2 * POST_MARGIN, min(host[:2]) - 2 * POST_MARGIN
    w, d, _ = sizes[oid]
    if (w <= inner_long and d <= inner_short) or (w <= inner_short and d <= inner_long):
        return
    fit_w, fit_d = max(min(w, inner_long), cat.size_min[0]), max(min(d, inner_short), cat.size_min[1])
    if fit_w > inner_long or fit_d > inner_short:
        return
    refit(refs, sizes, oid, {"width": round(fit_w, 4), "depth": round(fit_d, 4)}, build_mesh)
