"""Checks on a Scene. ``validate(scene)`` runs them and returns a ``Report`` of ``Finding``s.

Physical checks (collision, out_of_bounds, support) follow SceneEval's definitions (Tam et al., arXiv 2503.14756);
see ``/work/shared/METRICS.md``. Heavy geometry (trimesh, fcl, embree) is imported only when a check runs.
Per-validator parameters come from ``validators.config`` (a TOML file and ``--set`` flags).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scenegen.options import JudgeOptions
    from scenegen.scene import Report, Scene

__all__ = ["validate"]


def validate(scene: "Scene", only: list[str] | None = None,
             config: Mapping[str, Mapping[str, Any]] | None = None, judge: "JudgeOptions | None" = None) -> "Report":
    """Run the registered validators on ``scene`` with per-validator ``config`` and the vision ``judge``
    (``validators.registry.validate``)."""
    from validators.registry import validate as _validate

    return _validate(scene, only, config, judge)
