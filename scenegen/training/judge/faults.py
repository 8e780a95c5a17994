"""Visual faults for measuring the vision judge: a mesh swapped for another category's, and an object hidden inside
another. (Recolouring is ``scenegen.mutate``'s ``recolour``.)

Like ``scenegen.mutate``, each function returns a new Scene (the input is never changed) and a record of what it did
(``VisualFault``); targets come from the passed generator; a scene with no eligible target raises a one-line
``ValueError``. Units: metres, radians, z up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from scenegen import catalog
from scenegen.mutate import mutate, posed
from scenegen.scene import Report, Scene

VISION_FAULTS: tuple[str, ...] = ("swap_mesh", "recolour", "hide_inside")
"""Fault kinds the vision judge is measured on."""
MIN_SWAP_VOLUME_M3 = 0.002
"""Objects smaller than this (a 12.6 cm cube) are not swapped: a few pixels cannot show what they are."""
HIDE_MARGIN_M = 0.03
"""A hidden object must fit inside its host's box with this much to spare on every side."""


class VisualFault(BaseModel):
    """What was planted: the fault kind, the object it is about, the numbers used."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    object_ids: list[str]
    params: dict[str, Any] = Field(default_factory=dict)
    description: str = ""

    def caught_by(self, report: Report, validator: str = "vision") -> bool:
        """Whether ``validator`` emitted a ``fail`` naming one of ``object_ids``."""
        ids = set(self.object_ids)
        return any(f.validator == validator and f.status == "fail" and ids & set(f.object_ids)
                   for f in report.findings)


def _pick(rng: np.random.Generator, items: list) -> object:
    return items[int(rng.integers(len(items)))]


def swap_mesh(scene: Scene, rng: np.random.Generator) -> tuple[Scene, VisualFault]:
    """Replace one object's mesh with another category's generator (same support kind, so a wall object stays on the
    wall), built at the object's own width, depth and height so nothing moves or collides. The instance still states
    its original category."""
    from scenegen.assets import plan_asset
    from scenegen.rng import stage_rng
    from scenegen.scene import PlannedObject

    cands = [o for o in scene.objects if not o.generic and o.category in catalog.CATALOG
             and o.category not in catalog.with_role("flat") and float(np.prod(o.size)) >= MIN_SWAP_VOLUME_M3]
    if not cands:
        raise ValueError("swap_mesh: no catalog object large enough to swap")
    inst = _pick(rng, cands)
    kind = catalog.get(inst.category).support
    # flat categories are neither swapped nor swapped in: a rug-thin crib or a bed-tall rug is not a fair picture
    flat = catalog.with_role("flat")
    others = [c for c in catalog.names() if c != inst.category and c not in flat and catalog.get(c).support == kind]
    other = str(_pick(rng, others))
    ref = plan_asset(PlannedObject(id=inst.id, category=other), stage_rng(int(rng.integers(2**31)), "swap"))
    w, d, h = inst.size
    params = {**ref.params, "width": float(w), "depth": float(d), "height": float(h)}
    asset = ref.model_copy(update={"params": params, "colour": inst.asset.colour})
    objects = [o.model_copy(update={"asset": asset}) if o.id == inst.id else o for o in scene.objects]
    return scene.model_copy(update={"objects": objects}), VisualFault(
        kind="swap_mesh", object_ids=[inst.id], params={"mesh": other},
        description=f"{inst.id} ({inst.category}) now has a {other} mesh")


def hide_inside(scene: Scene, rng: np.random.Generator) -> tuple[Scene, VisualFault]:
    """Move a small floor- or object-supported object to the middle of a larger closed host (a wardrobe, fridge,
    cabinet, …) whose box it fits inside with ``HIDE_MARGIN_M`` to spare, so no camera can see it."""
    hosts = [o for o in scene.objects if o.category in CLOSED_HOSTS]
    pairs = []
    for inner in scene.objects:
        if inner.category not in catalog.CATALOG or catalog.get(inner.category).support in ("wall", "ceiling"):
            continue
        for host in hosts:
            if host.id == inner.id or inner.support == host.id:
                continue
            if all(a + 2 * HIDE_MARGIN_M < b for a, b in zip(_sorted_xy(inner.size), _sorted_xy(host.size))) \
                    and inner.size[2] + 2 * HIDE_MARGIN_M < host.size[2]:
                pairs.append((inner, host))
    carriers = {o.support for o in scene.objects if o.support}
    pairs = [(i, h) for i, h in pairs if i.id not in carriers]  # do not leave floating riders behind
    if not pairs:
        raise ValueError("hide_inside: no object fits inside a closed host (wardrobe, fridge, cabinet, …)")
    inner, host = _pick(rng, pairs)  # type: ignore[misc]
    hx, hy, hz = host.pose.position
    z = hz + (host.size[2] - inner.size[2]) / 2.0
    yaw = host.pose.yaw if _fits(inner.size, host.size) else host.pose.yaw + np.pi / 2
    moved = posed(inner, hx, hy, z, yaw, support=host.id)
    objects = [moved if o.id == inner.id else o for o in scene.objects]
    return scene.model_copy(update={"objects": objects}), VisualFault(
        kind="hide_inside", object_ids=[inner.id], params={"host": host.id},
        description=f"{inner.id} moved inside {host.id}")


CLOSED_HOSTS = frozenset({"wardrobe", "fridge", "cabinet", "dresser", "kitchen_cabinet", "sideboard", "washing_machine",
                          "dishwasher", "filing_cabinet"})
"""Categories whose meshes are closed boxes on every side, so something inside cannot be seen (pianos, vanities,
islands and tv stands have open shelves, knee space or basins and are left out)."""


def _sorted_xy(size: tuple[float, float, float]) -> tuple[float, float]:
    a, b = sorted(size[:2])
    return a, b


def _fits(inner: tuple[float, float, float], host: tuple[float, float, float]) -> bool:
    """Whether ``inner`` fits in ``host`` at the same heading (else it is turned a quarter)."""
    return inner[0] + 2 * HIDE_MARGIN_M < host[0] and inner[1] + 2 * HIDE_MARGIN_M < host[1]


def recolour(scene: Scene, rng: np.random.Generator) -> tuple[Scene, VisualFault]:
    """``scenegen.mutate``'s ``recolour``: an object whose plan asks a colour gets a named colour far from it."""
    out, planted = mutate(scene, "recolour", rng)
    return out, VisualFault(kind="recolour", object_ids=planted.object_ids, params=planted.params,
                            description=planted.description)


_FAULTS: dict[str, Callable[[Scene, np.random.Generator], tuple[Scene, VisualFault]]] = {
    "swap_mesh": swap_mesh, "recolour": recolour, "hide_inside": hide_inside,
}


def plant(scene: Scene, fault: str, rng: np.random.Generator) -> tuple[Scene, VisualFault]:
    """Plant one visual ``fault`` (one of ``VISION_FAULTS``) in a copy of ``scene``."""
    fn = _FAULTS.get(fault)
    if fn is None:
        raise ValueError(f"unknown visual fault {fault!r}; choose from: {', '.join(VISION_FAULTS)}")
    return fn(scene, rng)
