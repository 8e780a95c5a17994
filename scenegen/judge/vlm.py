"""What VLM judges share: the rubric prompt (``prompts/judge_system.txt``, ``prompts/judge_objects.txt``), the marked
views sent as images, and strict parsing of the JSON reply into assessments.

A reply must be one JSON object (optionally inside a single ```json fence, which many chat models add) of the shape
``{"objects": [{"id", "category_ok", "colour_ok", "predicted_category", "reason"}], "scene": {"score", "reason"}}``;
anything else raises ``JudgeReplyError`` with one line saying what was wrong and how the reply began.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scenegen.judge.schema import ObjectAssessment, SceneAssessment
from scenegen.scene import Scene

if TYPE_CHECKING:
    from scenegen.judge.crops import Visibility
    from scenegen.judge.views import JudgeViews

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
MIN_MARK_PIXELS = 24
"""Objects covering fewer pixels than this in a view get no label there."""


class JudgeReplyError(ValueError):
    """A judge's reply that is not the JSON verdict asked for (one line)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _ReplyObject(_Strict):
    id: str
    category_ok: float = Field(ge=0.0, le=1.0)
    colour_ok: float | None = Field(default=None, ge=0.0, le=1.0)
    predicted_category: str | None = None
    reason: str = ""


class _ReplyScene(_Strict):
    score: float = Field(ge=0.0, le=1.0)
    reason: str = ""


class _Reply(_Strict):
    objects: list[_ReplyObject]
    scene: _ReplyScene | None = None


def rubric(name: str) -> str:
    """The text of ``prompts/judge_<name>.txt``."""
    return (PROMPTS / f"judge_{name}.txt").read_text()


def judged_ids(scene: Scene, views: "JudgeViews") -> list[str]:
    """Object ids covering at least ``MIN_MARK_PIXELS`` pixels in some view (the ones a VLM is asked about)."""
    idx = views.object_index
    return [o.id for o in scene.objects
            if any(int((v.output.ids == idx[o.id]).sum()) >= MIN_MARK_PIXELS for v in views.views)]


def build_messages(scene: Scene, views: "JudgeViews") -> tuple[str, str, list[bytes], list[str]]:
    """(system text, user text, PNG images of the marked views, the ids asked about)."""
    from PIL import Image

    from scenegen import catalog
    from scenegen.judge.views import marked_image

    ids = judged_ids(scene, views)
    lines = []
    for oid in ids:
        inst = scene.object(oid)
        lines.append(f"- {oid}: {inst.category.replace('_', ' ')}; {inst.attributes.colour or 'no colour stated'}")
    text = rubric("objects").format(prompt=scene.plan.prompt, objects="\n".join(lines) or "(none)",
                                    categories=", ".join(catalog.names()))
    idx = views.object_index
    images = []
    for view in views.views:
        labels = {idx[o]: o for o in ids if int((view.output.ids == idx[o]).sum()) >= MIN_MARK_PIXELS}
        buf = io.BytesIO()
        Image.fromarray(marked_image(view, labels), "RGB").save(buf, format="PNG")
        images.append(buf.getvalue())
    return rubric("system").strip(), text, images, ids


_FENCE = re.compile(r"^```(?:json)?\s*\n(.*)\n```\s*$", re.DOTALL)


def _head(text: str, n: int = 60) -> str:
    one = " ".join(text.split())
    return one[:n] + ("…" if len(one) > n else "")


def parse_reply(text: str, ids: list[str]) -> tuple[dict[str, ObjectAssessment], SceneAssessment]:
    """Strictly parse a VLM's reply (see the module docstring). Raises ``JudgeReplyError`` (one line) on anything
    that is not the verdict: not JSON, wrong shape, scores outside [0, 1], ids it was not asked about."""
    body = text.strip()
    m = _FENCE.match(body)
    if m:
        body = m.group(1).strip()
    try:
        raw = json.loads(body)
    except json.JSONDecodeError as exc:
        raise JudgeReplyError(f"judge reply is not JSON ({exc.msg} at char {exc.pos}); it began: "
                              f"{_head(text)!r}") from None
    try:
        reply = _Reply.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "reply"
        raise JudgeReplyError(f"judge reply has the wrong shape at {where}: {err['msg']}; it began: "
                              f"{_head(text)!r}") from None
    asked = set(ids)
    out: dict[str, ObjectAssessment] = {}
    for o in reply.objects:
        if o.id not in asked:
            raise JudgeReplyError(f"judge reply names object {o.id!r}, which it was not asked about "
                                  f"(asked: {', '.join(ids) or 'none'})")
        out[o.id] = ObjectAssessment(predicted_category=o.predicted_category, category_ok=o.category_ok,
                                     colour_ok=o.colour_ok, reason=o.reason)
    scene = SceneAssessment(score=reply.scene.score, reason=reply.scene.reason) if reply.scene else SceneAssessment()
    return out, scene


def assess_with(ask, scene: Scene, views: "JudgeViews", visibility: Mapping[str, "Visibility"]  # type: ignore[no-untyped-def]
                ) -> tuple[dict[str, ObjectAssessment], SceneAssessment]:
    """Build the messages, call ``ask(system, text, images) -> reply text``, parse the reply."""
    system, text, images, ids = build_messages(scene, views)
    if not ids:
        return {}, SceneAssessment()
    return parse_reply(ask(system, text, images), ids)
