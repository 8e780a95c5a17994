"""Planners: a prompt -> a ``LayoutPlan``.

A planner is a callable ``(prompt: str, seed: int) -> LayoutPlan`` registered under ``PLANNERS`` (built-in modules are
imported on first lookup; users add their own through the ``scenegen.planners`` entry-point group). A prompt the
planner cannot use raises ``PlanError``, whose message is one line a user can act on.
"""

from __future__ import annotations

from collections.abc import Callable

from scenegen.registry import Registry
from scenegen.scene import LayoutPlan

Planner = Callable[[str, int], LayoutPlan]

PLANNERS: Registry[Planner] = Registry("planners", ("scenegen.plan.rules", "scenegen.plan.llm"))


class PlanError(ValueError):
    """A prompt a planner cannot turn into a plan. ``str(err)`` is a single line that says what to change."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


DEFAULT_PLANNER = "hybrid"
"""What ``scenegen make`` plans with unless told otherwise: the fine-tuned Gemma's plan cross-checked against the rules
reader (``scenegen.plan.llm.hybrid``); the rules plan, with a note, whenever the model is missing or fails."""


def default_planner() -> str:
    """``$SCENEGEN_PLANNER`` when set (pipelines and the test suite pin ``rules`` this way), else ``DEFAULT_PLANNER``."""
    import os

    return os.environ.get("SCENEGEN_PLANNER") or DEFAULT_PLANNER


def plan(prompt: str, planner: str = "rules", seed: int = 0) -> LayoutPlan:
    """Read ``prompt`` into a ``LayoutPlan`` with the planner called ``planner``.

    Raises ``PlanError`` for a prompt the planner cannot use and ``UnknownBackendError`` for an unknown planner name.
    """
    from scenegen.plan.physics import make_plausible

    return make_plausible(PLANNERS.get(planner)(prompt, seed))


__all__ = ["DEFAULT_PLANNER", "PLANNERS", "PlanError", "Planner", "default_planner", "plan"]
