"""The ``vision`` validator: renders the scene from its corners and lets a judge look (``scenegen.judge``).

Opt-in: it is registered here but meant to run only when named (``--only vision``), since it loads a model; its
``opt_in`` attribute says so to the registry. The judge is the bundled CNN unless ``$SCENEGEN_JUDGE`` names another
backend (``openai``, ``hf``, or a plug-in), configured by ``$SCENEGEN_JUDGE_PATH`` (weights or model folder),
``$SCENEGEN_JUDGE_URL`` and ``$SCENEGEN_JUDGE_MODEL``. The checks and their thresholds (validator params
``category_min``, ``colour_min``, ``hidden_max``) are ``scenegen.judge.findings``'.
"""

from __future__ import annotations

import os
from typing import Any

from scenegen.judge.findings import CATEGORY_MIN, COLOUR_MIN, HIDDEN_MAX, vision_findings
from scenegen.scene import Finding, Scene
from validators.context import ValidationContext
from validators.registry import VALIDATORS

__all__ = ["CATEGORY_MIN", "COLOUR_MIN", "HIDDEN_MAX", "vision", "vision_findings"]


def _judge_options() -> tuple[str, dict[str, Any]]:
    name = os.environ.get("SCENEGEN_JUDGE", "bundled")
    options: dict[str, Any] = {}
    if os.environ.get("SCENEGEN_JUDGE_PATH"):
        options["path"] = os.environ["SCENEGEN_JUDGE_PATH"]
    if name == "openai":
        options["url"] = os.environ.get("SCENEGEN_JUDGE_URL")
        options["model"] = os.environ.get("SCENEGEN_JUDGE_MODEL", "default")
    return name, options


@VALIDATORS.register("vision")
def vision(scene: Scene, ctx: ValidationContext) -> list[Finding]:
    """Judge the scene's renders (see the module docstring). A judge that cannot be loaded (weights absent, endpoint
    down) gives one ``skip`` finding saying why, rather than failing the run."""
    from scenegen.judge import judge_scene

    name, options = _judge_options()
    try:
        verdict = judge_scene(scene, name, **options)
    except ValueError as exc:
        line = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        return [Finding(validator="vision", check="vision_score", status="skip", message=f"not judged: {line}",
                        evidence={"judge": name})]
    return vision_findings(scene, verdict, category_min=ctx.param("vision", "category_min", CATEGORY_MIN),
                           colour_min=ctx.param("vision", "colour_min", COLOUR_MIN),
                           hidden_max=ctx.param("vision", "hidden_max", HIDDEN_MAX))


vision.params = ("category_min", "colour_min", "hidden_max")  # type: ignore[attr-defined]
vision.opt_in = True  # type: ignore[attr-defined]  # run only when named (``only=["vision"]``): it loads a model
