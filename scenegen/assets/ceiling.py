"""Ceiling things drawn short enough to hang above people's heads: "a big chandelier" drawn 1.0 m tall in a 2.7 m
room would reach 1.7 m, and the solver could not hang it; a designer would choose a shorter one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scenegen import catalog
from scenegen.assets import refit
from scenegen.scene import AssetRef, LayoutPlan
from scenegen.thresholds import HEAD_CLEAR

if TYPE_CHECKING:
    import trimesh

Size3 = tuple[float, float, float]


def fit_under_ceiling(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3],
                      build_mesh: Callable[[AssetRef], "trimesh.Trimesh"]
                      ) -> tuple[dict[str, AssetRef], dict[str, Size3]]:
    """``refs`` and ``sizes`` (width, depth, height metres) with every ceiling-hung thing taller than the room allows
    above ``HEAD_CLEAR`` made that much shorter, scaled whole to keep its proportions, never below its category's
    smallest size (the solver then explains what still cannot hang). Things that hang low by design (a punching bag)
    and things that fit are unchanged."""
    room_h = layout.room.height
    refs, sizes = dict(refs), dict(sizes)
    for oid, ref in list(refs.items()):
        cat = catalog.find(ref.category)
        if cat is None or cat.support != "ceiling" or "hangs_low" in cat.roles or oid not in sizes:
            continue
        w, d, h = sizes[oid]
        allowed = room_h - HEAD_CLEAR
        if h <= allowed or not {"width", "depth", "height"} <= ref.params.keys():
            continue
        scale = max(allowed / h, max(lo / v for lo, v in zip(cat.size_min, (w, d, h)) if v > 0))
        if scale >= 1.0:
            continue
        refit(refs, sizes, oid, {k: round(float(ref.params[k]) * scale, 4) for k in ("width", "depth", "height")},
              build_mesh)
    return refs, sizes
