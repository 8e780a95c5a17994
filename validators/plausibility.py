"""Scale plausibility: each object's size against its catalog category's size priors.

The catalog (``scenegen.catalog``) gives per category the smallest, typical and largest (width, depth, height) a real
object of that kind has, in metres. The generators draw sizes inside [min, max]; a mesh's bounds may stick out a
little (legs, handles, pillows), so the check allows a tolerance band around the priors and fails only outside it.

Units: metres (messages quote metres with two decimals: sizes read better that way than centimetres).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scenegen import catalog
from scenegen.scene import Finding, Scene
from validators.physical import _r
from validators.registry import VALIDATORS

if TYPE_CHECKING:
    from validators.context import ValidationContext

TOLERANCE = 0.25
"""Band around the priors: a dimension fails below ``min / (1 + TOLERANCE)`` or above ``max * (1 + TOLERANCE)``.
The priors already span the real range (single to king beds, stools to wardrobes); 25 % more leaves room for mesh
parts beyond the generator's parameters and for a designer's unusual piece, while a bed twice as long, a toy-sized
sofa or a mis-scaled import (cm read as m: ×100) falls far outside. Param ``tolerance``."""
AXES = (("wide", "width"), ("deep", "depth"), ("tall", "height"))


def _plural(name: str) -> str:
    """'bed' -> 'beds', 'bookshelf' -> 'bookshelves', 'bench' -> 'benches', 'table_lamp' -> 'table lamps'."""
    words = name.replace("_", " ")
    if words.endswith("f"):
        return words[:-1] + "ves"
    if words.endswith(("ch", "sh", "s", "x")):
        return words + "es"
    if words.endswith("y") and words[-2:-1] not in "aeiou":
        return words[:-1] + "ies"
    return words + "s"


@VALIDATORS.register("scale_plausibility")
def scale_plausibility(scene: Scene, ctx: "ValidationContext") -> list[Finding]:
    """Each object's (width, depth, height) against its category's [min, max] priors, with a ±25 % band.

    Objects not in the catalog (``generic``) are skipped: they have no priors. Findings: one ``fail`` per implausible
    object (every dimension out of band, with the prior range and the band) and a ``scale_plausibility_rate`` summary
    with score = fraction of the checked objects that are plausible.
    """
    tol = float(ctx.param("scale_plausibility", "tolerance", TOLERANCE))
    findings: list[Finding] = []
    bad: list[str] = []
    skipped: list[str] = []
    checked = 0
    for inst in scene.objects:
        try:
            cat = catalog.get(inst.category)
        except KeyError:
            cat = None
        if inst.generic or cat is None or cat is catalog.GENERIC:
            skipped.append(inst.id)
            continue
        checked += 1
        out = []
        for k, (adj, noun) in enumerate(AXES):
            lo, hi = cat.size_min[k], cat.size_max[k]
            band = (lo / (1.0 + tol), hi * (1.0 + tol))
            v = float(inst.size[k])
            if band[0] <= v <= band[1]:
                continue
            out.append({"axis": noun, "value_m": _r(v, 3), "prior_m": [lo, hi], "band_m": [_r(band[0], 3),
                                                                                        _r(band[1], 3)],
                        "ratio": _r(v / (hi if v > band[1] else lo), 3), "adj": adj})
        if not out:
            continue
        bad.append(inst.id)
        plural = _plural(cat.name)
        parts = [f"{o['value_m']:.2f} m {o['adj']}; {plural} are {o['prior_m'][0]:.2f}–{o['prior_m'][1]:.2f} m "
                 f"(allowed {o['band_m'][0]:.2f}–{o['band_m'][1]:.2f} m)" for o in out]
        typical = dict(zip(("width", "depth", "height"), cat.size_typical))
        findings.append(Finding(
            validator="scale_plausibility", check="scale_plausibility", status="fail",
            score=_r(min(min(o["ratio"], 1 / o["ratio"]) for o in out)),
            message=f"{inst.id} is " + " and ".join(parts),
            object_ids=[inst.id],
            evidence={"category": cat.name, "size_m": [_r(v, 3) for v in inst.size], "out_of_band": out,
                      "tolerance": tol},
            fix=f"rescale {inst.id} to about " + ", ".join(f"{typical[o['axis']]:.2f} m {o['adj']}" for o in out)
            + f" (a typical {cat.name.replace('_', ' ')})",
        ))
    rate = (checked - len(bad)) / checked if checked else 1.0
    findings.append(Finding(
        validator="scale_plausibility", check="scale_plausibility_rate", status="fail" if bad else "pass",
        score=_r(rate),
        message=(f"{len(bad)} of {checked} objects have an implausible size: {', '.join(bad)}" if bad
                 else f"all {checked} catalog objects are within {tol:.0%} of their category's size range"),
        object_ids=bad,
        evidence={"objects": checked, "implausible": len(bad), "skipped_generic": skipped, "tolerance": tol},
        fix="see the per-object findings" if bad else "",
    ))
    return findings


scale_plausibility.params = ("tolerance",)  # type: ignore[attr-defined]
