"""Planners: a prompt -> a ``LayoutPlan``.

A planner is a callable ``(prompt: str, seed: int) -> LayoutPlan`` registered under ``PLANNERS``, either as itself or
as a factory taking its typed options (the language-model planners take ``scenegen.options.LLMOptions``); built-in
modules are imported on first lookup; users add their own through the ``scenegen.planners`` entry-point group. A prompt the
planner cannot use raises ``PlanError``, whose message is one line a user can act on.
"""

from __future__ import annotations

from collections.abc import Callable

from scenegen.options import LLMOptions
from scenegen.registry import Registry
from scenegen.scene import LayoutPlan

Planner = Callable[[str, int], LayoutPlan]

PLANNERS: Registry[Planner] = Registry("planners", ("scenegen.plan.rules", "scenegen.plan.llm"))


class PlanError(ValueError):
    """A prompt a planner cannot turn into a plan. ``str(err)`` is a single line that says what to change."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


DEFAULT_PLANNER = "hybrid"
"""What ``scenegen make`` plans with unless told otherwise (``$SCENEGEN_PLANNER``, read by the CLI, overrides it): the
fine-tuned Gemma's plan cross-checked against the rules reader (``scenegen.plan.llm.hybrid``); the rules plan, with a
note, whenever the model is missing or fails."""


def get_planner(name: str, options: LLMOptions | None = None) -> Planner:
    """The planner ``name``, built with ``options`` when its factory takes ``LLMOptions`` (others take none)."""
    if options is not None and PLANNERS.options_type(name) is LLMOptions:
        return PLANNERS.create(name, options)
    return PLANNERS.get(name)


def plan(prompt: str, planner: str = "rules", seed: int = 0, options: LLMOptions | None = None) -> LayoutPlan:
    """Read ``prompt`` into a ``LayoutPlan`` with the planner called ``planner`` (a language-model planner set up by
    ``options``).

    Raises ``PlanError`` for a prompt the planner cannot use and ``UnknownBackendError`` for an unknown planner name.
    """
    return get_planner(planner, options)(prompt, seed)


__all__ = ["DEFAULT_PLANNER", "PLANNERS", "PlanError", "Planner", "get_planner", "plan"]
