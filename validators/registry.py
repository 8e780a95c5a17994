"""The validator registry and ``validate()``: run checks on a Scene and collect their Findings into a Report.

A validator is a callable ``(scene: Scene, ctx: ValidationContext) -> list[Finding]`` registered by name with
``@VALIDATORS.register("name")``. The built-in ones live in ``validators.physical`` and ``validators.semantic`` and are
imported on first lookup; third-party ones come from the ``scenegen.validators`` entry-point group.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from scenegen.registry import Registry
from scenegen.scene import Finding, Report, Scene

if TYPE_CHECKING:
    from validators.context import ValidationContext

Validator = Callable[[Scene, "ValidationContext"], list[Finding]]

VALIDATORS: Registry[Validator] = Registry("validators", (
    "validators.physical", "validators.navigation", "validators.stability", "validators.plausibility",
    "validators.semantic"))


def validate(scene: Scene, only: list[str] | None = None) -> Report:
    """Run the registered validators (all, or the names in ``only``) on ``scene`` and return a ``Report``.

    Validators run in sorted name order so the findings' order is stable; ``Report.timings`` holds seconds per
    validator (shared geometry is built lazily, so its cost lands on the first validator that needs it). Raises a
    one-line ``ValueError`` naming the valid choices when ``only`` names an unknown validator.
    """
    from validators.context import ValidationContext

    names = VALIDATORS.names()
    if only is not None:
        unknown = [n for n in only if n not in names]
        if unknown:
            raise ValueError(f"unknown validator(s) {', '.join(repr(n) for n in unknown)}; "
                             f"choose from: {', '.join(names)}")
        wanted = set(only)
        names = [n for n in names if n in wanted]
    ctx = ValidationContext(scene)
    findings: list[Finding] = []
    timings: dict[str, float] = {}
    for name in names:
        start = time.perf_counter()
        findings.extend(VALIDATORS.get(name)(scene, ctx))
        timings[name] = time.perf_counter() - start
    return Report(findings=findings, timings=timings)
