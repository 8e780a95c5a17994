"""The ``bundled`` judge: the project-trained CNN (``scenegen/weights/judge.safetensors``) over object crops.

Per object, every view where it covers at least ``MIN_PIXELS`` pixels and is at least ``MIN_CROP_VISIBLE`` visible
gives a crop; the views' category log-probabilities are averaged (a geometric mean of the per-view distributions,
renormalised) and their colours averaged. ``category_ok`` is the pooled probability of the stated category;
``colour_ok`` falls linearly from 1 at distance 0 to 0 at ``2 · COLOUR_FAIL_DIST`` between the predicted and the stated
colour (RGB in [0, 1]), so it crosses 0.5 at ``COLOUR_FAIL_DIST``. For categories the checkpoint's card lists as
``colour_unreliable`` (their main colour covers too little of the mesh for this judge to read it on held-out data) it
abstains: ``colour_ok`` is None and the reason says so. It is not a VLM: it knows the 65 catalog categories
and colours, nothing about the prompt as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from scenegen.judge.core import JUDGES
from scenegen.judge.schema import ObjectAssessment, SceneAssessment
from scenegen.scene import Scene

if TYPE_CHECKING:
    from scenegen.judge.crops import Visibility
    from scenegen.judge.model import JudgeNetConfig
    from scenegen.judge.views import JudgeViews

WEIGHTS = Path(__file__).resolve().parents[1] / "weights" / "judge.safetensors"
"""Where the bundled checkpoint ships (its card is ``judge.json`` beside it)."""
MIN_CROP_VISIBLE = 0.25
"""Views where less of the object than this is visible give no crop (the training data has none such)."""
COLOUR_FAIL_DIST = 0.3
"""Euclidean RGB distance (in [0, 1] units) at which ``colour_ok`` reaches 0.5."""


class BundledJudge:
    """The CNN judge. Give ``path`` (a judge safetensors file; default ``WEIGHTS``) or an already built ``model`` and
    its ``config`` (tests build tiny ones from config). ``colour_skip``: categories whose colour it does not judge
    (default: the card's ``colour_unreliable``, none for a model passed in)."""

    name = "bundled"

    def __init__(self, path: str | Path | None = None, model: Any = None, config: "JudgeNetConfig | None" = None,
                 colour_skip: frozenset[str] | None = None) -> None:
        if model is None:
            import json

            from scenegen.judge.model import load_checkpoint

            p = Path(path) if path else WEIGHTS
            if not p.is_file():
                raise ValueError(f"the bundled judge's weights are missing ({p}); train them with `scenegen train "
                                 f"judge` or choose another judge with --judge")
            model, config = load_checkpoint(p)
            card = p.with_suffix(".json")
            if colour_skip is None and card.is_file():
                colour_skip = frozenset(json.loads(card.read_text()).get("colour_unreliable", []))
        self.colour_skip = frozenset(colour_skip or ())
        if config is None:
            raise ValueError("BundledJudge(model=...) needs the model's config too")
        model.eval()
        self.model = model
        self.config = config
        self._index = {c: k for k, c in enumerate(config.categories)}

    def assess(self, scene: Scene, views: "JudgeViews", visibility: Mapping[str, "Visibility"]
               ) -> tuple[dict[str, ObjectAssessment], SceneAssessment]:
        """Crop every object in every view it shows in, run the CNN once over all crops, pool per object."""
        from scenegen.assets.colours import colour_rgb
        from scenegen.judge.crops import crop
        from scenegen.judge.model import predict

        oidx = views.object_index
        crops: list[np.ndarray] = []
        owner: list[str] = []
        for inst in scene.objects:
            k = oidx[inst.id]
            per_view = visibility[inst.id].per_view if inst.id in visibility else [None] * len(views.views)
            for view, frac in zip(views.views, per_view):
                if view.overhead or frac is None or frac < MIN_CROP_VISIBLE:
                    continue
                c = crop(view.output, k, self.config.crop_size)
                if c is not None:
                    crops.append(c)
                    owner.append(inst.id)
        if not crops:
            return {}, SceneAssessment()
        logp, cols = predict(self.model, np.stack(crops))
        rows: dict[str, list[int]] = {}
        for i, oid in enumerate(owner):
            rows.setdefault(oid, []).append(i)
        out: dict[str, ObjectAssessment] = {}
        cats = self.config.categories
        for inst in scene.objects:
            r = rows.get(inst.id)
            if not r:
                continue
            pooled = logp[r].mean(axis=0)
            prob = np.exp(pooled - pooled.max())
            prob /= prob.sum()
            best = int(prob.argmax())
            stated = self._index.get(inst.category)
            p_ok = float(prob[stated]) if stated is not None else None
            colour = cols[r].mean(axis=0)
            rgb = tuple(round(float(c), 4) for c in colour)
            reason = f"looks like {cats[best]} (p={prob[best]:.2f}) over {len(r)} view(s)"
            if stated is not None and best != stated:
                reason += f"; {inst.category} p={p_ok:.2f}"
            elif stated is None:
                reason += f"; {inst.category!r} is not a category this judge knows"
            asked = colour_rgb(inst.attributes.colour)
            colour_ok = None
            if asked is not None and inst.category in self.colour_skip:
                reason += f"; colour not judged (this judge cannot read a {inst.category}'s colour reliably)"
            elif asked is not None:
                dist = float(np.linalg.norm(colour - np.asarray(asked)))
                colour_ok = round(float(np.clip(1.0 - dist / (2 * COLOUR_FAIL_DIST), 0.0, 1.0)), 4)
                reason += (f"; colour reads as RGB({rgb[0]:.2f}, {rgb[1]:.2f}, {rgb[2]:.2f}), "
                           f"{dist:.2f} from {inst.attributes.colour}")
            out[inst.id] = ObjectAssessment(predicted_category=cats[best],
                                            category_ok=None if p_ok is None else round(p_ok, 4),
                                            colour_ok=colour_ok, predicted_colour=rgb, reason=reason)
        return out, SceneAssessment()


JUDGES.register("bundled")(BundledJudge)
