"""What a container keeps made to go inside it: a stack of towels drawn 0.37 m wide for a basket whose floor is
0.30 m across, sweaters taller than a chest's drawers. A designer would fold the towels smaller, or choose a larger
basket, rather than leave them out: the thing shrinks (never below its category's smallest size) and, when that is not
enough, the container grows (never beyond its category's largest). Past both, the solver says what does not fit."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from scenegen import catalog
from scenegen.assets import refit
from scenegen.assets.cavity import Cavity, cavity
from scenegen.scene import AssetRef, LayoutPlan

if TYPE_CHECKING:
    import trimesh

Size3 = tuple[float, float, float]

STEPS = 10
"""sizes tried between the drawn one and the category's smallest (a thing) or largest (its container)"""


def fit_contents(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3],
                 build_mesh: Callable[[AssetRef], "trimesh.Trimesh"]) -> tuple[dict[str, AssetRef], dict[str, Size3]]:
    """``refs`` and ``sizes`` (width, depth, height metres) with everything the plan puts in a container
    (``catalog.kept_inside``) that does not fit its inside rebuilt at the largest size that does, the container made
    wider and deeper first when even the thing's smallest size would not fit. Others are returned unchanged."""
    refs, sizes = dict(refs), dict(sizes)
    for rel in layout.relations:
        host, ref = refs.get(rel.target or ""), refs.get(rel.subject)
        if rel.kind != "on_top" or host is None or ref is None or not set(catalog.SIZE_PARAMS) <= ref.params.keys():
            continue
        if catalog.kept_inside(host.category, ref.category) is None or cavity(host.model_dump_json()).fits(
                *sizes[rel.subject]):
            continue
        size = np.asarray(sizes[rel.subject])
        lo = np.minimum(np.asarray(catalog.get(ref.category).size_min), size)
        _grow_host(rel.target or "", lo, refs, sizes, build_mesh)
        cav = cavity(refs[rel.target or ""].model_dump_json())
        for trial in _shrinking(size, lo):
            if _fits(cav, trial):
                refit(refs, sizes, rel.subject, dict(zip(catalog.SIZE_PARAMS, map(float, trial))), build_mesh)
                if cav.fits(*sizes[rel.subject]):  # the mesh may stand a little beyond its parameters
                    break
    return refs, sizes


def _grow_host(hid: str, content: np.ndarray, refs: dict[str, AssetRef], sizes: dict[str, Size3],
               build_mesh: Callable[[AssetRef], "trimesh.Trimesh"]) -> None:
    """Make container ``hid`` wider and deeper, in steps up to its category's largest size, until a thing of size
    ``content`` (W, D, H metres) fits inside it; unchanged when it already fits or never would."""
    ref = refs[hid]
    if _fits(cavity(ref.model_dump_json()), content) or not {"width", "depth"} <= ref.params.keys():
        return
    top = np.asarray(catalog.get(ref.category).size_max[:2])
    now = np.asarray(sizes[hid][:2])
    for k in range(1, STEPS + 1):
        w, d = (float(round(v, 4)) for v in now + np.maximum(top - now, 0.0) * k / STEPS)
        trial = ref.model_copy(update={"params": {**ref.params, "width": w, "depth": d}})
        if _fits(cavity(trial.model_dump_json()), content):
            refit(refs, sizes, hid, {"width": w, "depth": d}, build_mesh)
            return


def _shrinking(size: np.ndarray, lo: np.ndarray) -> list[np.ndarray]:
    """Sizes (W, D, H metres) from ``size`` down to ``lo`` in ``STEPS``: at each step the footprint smaller at the
    drawn height first (a basket's towels need not be flatter), then all three smaller (a drawer's sweaters)."""
    out = []
    for k in range(1, STEPS + 1):
        smaller = np.round(size + (lo - size) * k / STEPS, 4)
        out += [np.array([smaller[0], smaller[1], size[2]]), smaller]
    return out


def _fits(cav: Cavity, size: np.ndarray) -> bool:
    return cav.fits(float(size[0]), float(size[1]), float(size[2]))
