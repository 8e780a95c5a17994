"""The validator registry and ``validate()``: run checks on a Scene and collect their Findings into a Report.

A validator is a callable ``(scene: Scene, ctx: ValidationContext) -> list[Finding]`` registered by name with
``@VALIDATORS.register("name")``. The built-in ones live in ``validators.physical`` and ``validators.semantic`` and are
imported on first lookup; third-party ones come from the ``scenegen.validators`` entry-point group.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from scenegen.registry import Registry
from scenegen.scene import Finding, Report, Scene
from scenegen.scene_files import MAX_OBJECTS

if TYPE_CHECKING:
    from scenegen.options import JudgeOptions
    from validators.context import ValidationContext

Validator = Callable[[Scene, "ValidationContext"], list[Finding]]

VALIDATORS: Registry[Validator] = Registry("validators", (
    "validators.physical", "validators.navigation", "validators.stability", "validators.plausibility",
    "validators.semantic", "validators.vision", "validators.sim_stability"))


def default_names() -> list[str]:
    """The validators a plain ``validate(scene)`` runs: every registered one except those marked ``opt_in`` (the
    vision judge loads a model: it runs when named, e.g. ``--only vision`` or ``make --judge``)."""
    return [n for n in VALIDATORS.names() if not getattr(VALIDATORS.get(n), "opt_in", False)]


def validate(scene: Scene, only: list[str] | None = None,
             config: Mapping[str, Mapping[str, Any]] | None = None, judge: "JudgeOptions | None" = None) -> Report:
    """Run the registered validators (those of ``default_names()``, or the names in ``only``) on ``scene`` and return a
    ``Report``.

    ``config`` holds per-validator parameters, ``{validator: {param: value}}`` (see ``validators.config``); it is
    checked first and handed to every validator through ``ValidationContext.param``.

    Validators run in sorted name order so the findings' order is stable; ``Report.timings`` holds seconds per
    validator (shared geometry is built lazily, so its cost lands on the first validator that needs it). Raises a
    one-line ``ValueError`` when ``only`` names an unknown validator, when ``config`` is malformed, when the scene has
    more than ``scenegen.scene_files.MAX_OBJECTS`` objects, or when an object's asset cannot be built into a mesh
    (naming the object).
    """
    from validators.config import check_config
    from validators.context import ValidationContext

    names = VALIDATORS.names()
    if only is not None:
        unknown = [n for n in only if n not in names]
        if unknown:
            raise ValueError(f"unknown validator(s) {', '.join(repr(n) for n in unknown)}; "
                             f"choose from: {', '.join(names)}")
        wanted = set(only)
        names = [n for n in names if n in wanted]
    else:
        names = default_names()
    if len(scene.objects) > MAX_OBJECTS:
        raise ValueError(f"the scene has {len(scene.objects)} objects; scenegen validates at most {MAX_OBJECTS} per "
                         f"scene (split it into rooms)")
    checked = check_config(config or {}, known=dict(VALIDATORS.items()))
    check_asset_backends(scene)
    ctx = ValidationContext(scene, checked, judge)
    findings: list[Finding] = []
    timings: dict[str, float] = {}
    for name in names:
        start = time.perf_counter()
        try:
            findings.extend(VALIDATORS.get(name)(scene, ctx))
        except Exception:
            # A mesh that cannot be built surfaces deep inside a validator; name the object instead. Anything else
            # is a validator bug and keeps its traceback.
            check_meshes(scene)
            raise
        timings[name] = time.perf_counter() - start
    return Report(findings=findings, timings=timings)


def check_asset_backends(scene: Scene) -> None:
    """Raise a one-line ``ValueError`` naming the first object whose asset backend is not registered (cheap: no mesh
    is built)."""
    from scenegen.assets import ASSET_BACKENDS

    known = set(ASSET_BACKENDS.names())
    for inst in scene.objects:
        if inst.asset.backend not in known:
            raise ValueError(f"object {inst.id!r} uses asset backend {inst.asset.backend!r}, which is not installed; "
                             f"known backends: {', '.join(sorted(known))}")


def check_meshes(scene: Scene) -> None:
    """Build every object's mesh; raise a one-line ``ValueError`` naming the first one that cannot be built (unknown
    category for its backend, missing or bad generator parameters) or that comes out empty or non-finite."""
    import numpy as np

    from scenegen.assets import build_mesh

    for inst in scene.objects:
        ref = inst.asset
        try:
            mesh = build_mesh(ref)
        except Exception as exc:  # any backend failure is the object's fault from the user's point of view
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
            if isinstance(exc, KeyError):
                detail = f"missing parameter {detail}"
            raise ValueError(f"object {inst.id!r}: its mesh cannot be built ({ref.backend} backend, category "
                             f"{ref.category!r}, params {ref.params}): {detail}") from None
        if len(mesh.faces) == 0 or not np.isfinite(mesh.vertices).all():
            raise ValueError(f"object {inst.id!r}: its {ref.backend} mesh (category {ref.category!r}) is empty or has "
                             f"non-finite vertices; check its asset params {ref.params}")
