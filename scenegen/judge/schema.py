"""The judge's verdict: strict pydantic models, the same for every backend (bundled CNN or VLM).

Per object id in view: whether its render reads as its stated category (``category_ok`` in [0, 1]), whether its colour
matches the stated colour (``colour_ok`` in [0, 1], None when no colour was asked), how much of it is visible
(``visible_fraction`` in [0, 1], geometric, None when in frame in no view), what the judge thinks it is, and why.
Per scene: visible instances per category against the planned count, and (VLM backends) a scene-level score.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

Score = float


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ObjectAssessment(_Model):
    """What a backend says about one object (visibility is added by ``scenegen.judge.judge_scene``)."""

    predicted_category: str | None = Field(default=None, description="what the judge sees (a catalog name)")
    category_ok: float | None = Field(default=None, ge=0.0, le=1.0,
                                      description="confidence the render shows the stated category")
    colour_ok: float | None = Field(default=None, ge=0.0, le=1.0,
                                    description="confidence the render shows the stated colour; None: none asked")
    predicted_colour: tuple[float, float, float] | None = Field(default=None, description="display RGB in [0, 1]")
    reason: str = ""


class SceneAssessment(_Model):
    """A VLM backend's answer about the whole scene (the bundled judge gives none)."""

    score: float | None = Field(default=None, ge=0.0, le=1.0, description="does the scene match the prompt")
    reason: str = ""


class ObjectVerdict(_Model):
    """The judge's verdict on one object."""

    id: str
    category: str = Field(description="the stated (planned) category")
    colour: str | None = Field(default=None, description="the stated colour word, if any")
    predicted_category: str | None = None
    category_ok: float | None = Field(default=None, ge=0.0, le=1.0)
    colour_ok: float | None = Field(default=None, ge=0.0, le=1.0)
    predicted_colour: tuple[float, float, float] | None = None
    visible_fraction: float | None = Field(default=None, ge=0.0, le=1.0,
                                           description="max over views of the share of its surface not hidden by "
                                                       "another mesh; None: in frame in no view")
    views: int = Field(default=0, description="views in which it covered enough pixels to be judged")
    pixels: int = Field(default=0, description="most pixels it covered in one view")
    reason: str = ""


class CategoryCount(_Model):
    """Per category: planned instances, placed ones, and visible ones the judge recognised as this category."""

    category: str
    planned: int
    placed: int
    visible: int


class SceneVerdict(_Model):
    """Everything one judge said about one scene. ``judge`` names the backend that spoke."""

    judge: str
    objects: list[ObjectVerdict]
    counts: list[CategoryCount]
    views: int = Field(description="number of rendered views")
    scene: SceneAssessment = Field(default_factory=SceneAssessment)
    seconds: float = Field(default=0.0, description="wall time, rendering included")

    def object(self, object_id: str) -> ObjectVerdict:
        for o in self.objects:
            if o.id == object_id:
                return o
        raise KeyError(object_id)
