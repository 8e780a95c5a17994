"""Judging a scene: render the judging views, measure visibility, ask a backend, assemble a ``SceneVerdict``.

Backends register in ``JUDGES`` (entry-point group ``scenegen.judges`` for third-party ones) as factories taking
keyword options and returning an object with ``name`` and ``assess(scene, views, visibility)``. Built in:
``bundled`` (the project-trained CNN, default), ``openai`` (any OpenAI-compatible chat endpoint that takes images)
and ``hf`` (a local transformers vision-language model folder).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from scenegen.judge.schema import CategoryCount, ObjectAssessment, ObjectVerdict, SceneAssessment, SceneVerdict
from scenegen.registry import Registry
from scenegen.scene import Scene

if TYPE_CHECKING:
    from scenegen.judge.crops import Visibility
    from scenegen.judge.views import JudgeViews

DEFAULT_JUDGE = "bundled"
VISIBLE_MIN = 0.05
"""An object whose visible fraction is below this is counted hidden (not seen) in ``CategoryCount.visible``."""
RECOGNISED_MIN = 0.1
"""An object counts as a visible instance of its stated category when ``category_ok`` reaches this (a judge that gave
no score counts it when visible)."""


class JudgeBackend(Protocol):
    name: str

    def assess(self, scene: Scene, views: "JudgeViews", visibility: Mapping[str, "Visibility"]
               ) -> tuple[dict[str, ObjectAssessment], SceneAssessment]:
        """Per object id (those it could judge): an assessment; and one for the whole scene."""


JUDGES: Registry[Any] = Registry("judges", ("scenegen.judge.bundled", "scenegen.judge.vlm_openai",
                                            "scenegen.judge.vlm_hf"))
"""Judge name -> factory ``(**options) -> JudgeBackend``."""


def _freeze(options: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, v) for k, v in options.items() if v is not None))


@lru_cache(maxsize=8)
def _cached(name: str, frozen: tuple[tuple[str, Any], ...]) -> JudgeBackend:
    return JUDGES.get(name)(**dict(frozen))


def get_judge(name: str = DEFAULT_JUDGE, **options: Any) -> JudgeBackend:
    """The backend ``name`` built with ``options`` (None values dropped); built once per (name, options) per process,
    so a model is loaded once however many scenes it judges."""
    return _cached(name, _freeze(options))


def judge_scene(scene: Scene, judge: str | JudgeBackend = DEFAULT_JUDGE, *, views: "JudgeViews | None" = None,
                **options: Any) -> SceneVerdict:
    """Render ``scene``'s judging views (unless given), measure each object's visibility, let the judge assess every
    object, and return the verdict, with per-category visible counts against the plan."""
    from scenegen.assets.colours import colour_rgb
    from scenegen.judge.crops import visibility as measure
    from scenegen.judge.views import render_views

    start = time.perf_counter()
    backend = get_judge(judge, **options) if isinstance(judge, str) else judge
    views = views if views is not None else render_views(scene)
    ids = [o.id for o in scene.objects]
    vis = measure(views, ids)
    assessed, scene_assessment = backend.assess(scene, views, vis)
    objects = []
    for inst in scene.objects:
        a = assessed.get(inst.id, ObjectAssessment())
        v = vis[inst.id]
        asked = inst.attributes.colour if colour_rgb(inst.attributes.colour) is not None else None
        objects.append(ObjectVerdict(
            id=inst.id, category=inst.category, colour=asked, predicted_category=a.predicted_category,
            category_ok=a.category_ok, colour_ok=a.colour_ok if asked else None, predicted_colour=a.predicted_colour,
            visible_fraction=None if v.fraction is None else round(min(max(v.fraction, 0.0), 1.0), 4),
            views=sum(p > 0 for p in v.pixels), pixels=max(v.pixels, default=0), reason=a.reason))
    return SceneVerdict(judge=backend.name, objects=objects, counts=visible_counts(scene, objects),
                        views=len(views.views), scene=scene_assessment,
                        seconds=round(time.perf_counter() - start, 3))


def visible_counts(scene: Scene, objects: list[ObjectVerdict]) -> list[CategoryCount]:
    """Per category (planned or placed): planned and placed instances, and visible instances the judge recognised as
    that category (visible fraction ≥ ``VISIBLE_MIN`` and either predicted as it or ``category_ok`` ≥
    ``RECOGNISED_MIN``)."""
    planned, placed = scene.plan.counts(), scene.counts()
    seen: dict[str, int] = {}
    for o in objects:
        if o.visible_fraction is None or o.visible_fraction < VISIBLE_MIN:
            continue
        if o.category_ok is None or o.predicted_category == o.category or o.category_ok >= RECOGNISED_MIN:
            seen[o.category] = seen.get(o.category, 0) + 1
    return [CategoryCount(category=c, planned=planned.get(c, 0), placed=placed.get(c, 0), visible=seen.get(c, 0))
            for c in sorted(set(planned) | set(placed))]
