"""The ``vision`` validator: renders the scene from its corners and lets a judge look (``scenegen.judge``).

Opt-in: it is registered here but meant to run only when named (``--only vision``), since it loads a model; its
``opt_in`` attribute says so to the registry. The judge is the bundled CNN unless the ``JudgeOptions`` handed to
``validate(..., judge=...)`` name another backend (``openai``, ``hf``, or a plug-in) and its path, URL and model; the
command line builds them from ``--judge`` and ``$SCENEGEN_JUDGE*`` (``cli.env.judge_options``). The checks and their thresholds (validator params
``category_min``, ``colour_min``, ``hidden_max``) are ``scenegen.judge.findings``'.
"""

from __future__ import annotations

from scenegen.judge.findings import CATEGORY_MIN, COLOUR_MIN, HIDDEN_MAX, vision_findings
from scenegen.options import JudgeOptions
from scenegen.scene import Finding, Scene
from validators.context import ValidationContext
from validators.registry import VALIDATORS

__all__ = ["CATEGORY_MIN", "COLOUR_MIN", "HIDDEN_MAX", "vision", "vision_findings"]


@VALIDATORS.register("vision")
def vision(scene: Scene, ctx: ValidationContext) -> list[Finding]:
    """Judge the scene's renders (see the module docstring). A judge that cannot be loaded (weights absent, endpoint
    down) gives one ``skip`` finding saying why, rather than failing the run."""
    from scenegen.judge import judge_scene

    judge = ctx.judge or JudgeOptions()
    name = judge.name
    try:
        verdict = judge_scene(scene, name, **judge.backend_options())
    except ValueError as exc:
        line = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        return [Finding(validator="vision", check="vision_score", status="skip", message=f"not judged: {line}",
                        evidence={"judge": name})]
    return vision_findings(scene, verdict, category_min=ctx.param("vision", "category_min", CATEGORY_MIN),
                           colour_min=ctx.param("vision", "colour_min", COLOUR_MIN),
                           hidden_max=ctx.param("vision", "hidden_max", HIDDEN_MAX))


vision.params = ("category_min", "colour_min", "hidden_max")  # type: ignore[attr-defined]
vision.opt_in = True  # type: ignore[attr-defined]  # run only when named (``only=["vision"]``): it loads a model
