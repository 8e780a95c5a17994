"""Planners: a prompt -> a ``LayoutPlan``.

A planner is a callable ``(prompt: str, seed: int) -> LayoutPlan`` registered under ``PLANNERS``, either as itself or
as a factory taking its typed options (the language-model planners take ``scenegen.options.LLMOptions``); built-in
modules are imported on first lookup; users add their own through the ``scenegen.planners`` entry-point group. A prompt the
planner cannot use raises ``PlanError``, whose message is one line a user can act on.
"""

from __future__ import annotations

import re
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


DEFAULT_PLANNER = "rules"
"""What ``scenegen make`` plans with unless told otherwise (``$SCENEGEN_PLANNER``, read by the CLI, overrides it): the
rules reader. The hybrid (the fine-tuned Gemma cross-checked against the reader, ``scenegen.plan.llm.hybrid``) was
the default until it was measured against the reader alone on the public and held-out sets
(``scripts/hybrid_vs_rules.py``): it lowered precision on every field (attributes by 17 and 30 points) for small
recall gains, and took seconds per plan; it stays one flag away (``--planner hybrid``)."""


def get_planner(name: str, options: LLMOptions | None = None) -> Planner:
    """The planner ``name``, built with ``options`` when its factory takes ``LLMOptions`` (others take none)."""
    if options is not None and PLANNERS.options_type(name) is LLMOptions:
        return PLANNERS.create(name, options)
    return PLANNERS.get(name)


MAX_PROMPT_CHARS = 2000
"""The longest prompt any planner reads (the LLM backends cut there too): a room's description fits in a few hundred
characters, and a 100 KB prompt made the rules reader plan thousands of objects."""

MAX_PLANNED_OBJECTS = 200
"""The most objects one plan may hold (each category is capped at 100 by the rules reader): a furnished room has tens;
solving and validating many hundreds takes minutes."""

_NEGATIVE_COUNT = re.compile(r"(?<![\w.])-\s*(\d+)\s+([a-z][a-z -]{0,30}?)(?=[,.;]|\s+(?:and|with|on|in|by|next)\b|$)",
                             re.IGNORECASE)
"""A count written with a minus sign ("-3 chairs"), which no planner can honour."""


def plan(prompt: str, planner: str = "rules", seed: int = 0, options: LLMOptions | None = None) -> LayoutPlan:
    """Read ``prompt`` into a ``LayoutPlan`` with the planner called ``planner`` (a language-model planner set up by
    ``options``).

    Raises ``PlanError`` for a prompt the planner cannot use (including one over ``MAX_PROMPT_CHARS`` characters or
    asking for more than ``MAX_PLANNED_OBJECTS`` objects) and ``UnknownBackendError`` for an unknown planner name. A
    negative count is read as its size, and the plan's notes say so.
    """
    from scenegen.plan.physics import make_plausible

    if isinstance(prompt, str) and len(prompt) > MAX_PROMPT_CHARS:
        raise PlanError(f"the prompt is {len(prompt)} characters; scenegen reads at most {MAX_PROMPT_CHARS}: "
                        f"describe one room and its furniture in fewer words")
    from scenegen.plan.finishes import with_finishes

    result = make_plausible(get_planner(planner, options)(prompt, seed))
    result = result.model_copy(update={"room": with_finishes(result.room, prompt)})
    if len(result.objects) > MAX_PLANNED_OBJECTS:
        raise PlanError(f"the prompt asks for {len(result.objects)} objects; scenegen plans at most "
                        f"{MAX_PLANNED_OBJECTS} in one room: ask for fewer")
    notes = [f"'{m.group(0).strip()}': a count cannot be negative; read as {m.group(1)} {m.group(2).strip()}"
             for m in _NEGATIVE_COUNT.finditer(prompt)]
    return result.model_copy(update={"notes": [*result.notes, *notes]}) if notes else result


__all__ = ["DEFAULT_PLANNER", "MAX_PLANNED_OBJECTS", "MAX_PROMPT_CHARS", "PLANNERS", "PlanError", "Planner",
           "get_planner", "plan"]
