"""``scenegen bench nouns``: how many furniture and household nouns the catalog resolves (issue 16).

Each noun goes, in order, to: its catalog category (``catalog.resolve``: synonyms and plurals), else the nearest
category by MiniLM embedding (``scenegen.plan.normalise.normalise``, the planner's own normaliser) when the similarity
reaches its threshold and, when a size is known, the category's typical size is within ``SIZE_RATIO`` of it; else
nothing (the planner then builds a flagged generic shape). The nearest-category matches are listed so a person can
check that none is of the wrong kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SIZE_RATIO = 2.5
"""A nearest category is accepted only if its typical largest extent is within this factor of the noun's (when the
noun's size is known, e.g. from a planner's proposal): a "dollhouse" may not become a house-sized wardrobe."""


@dataclass
class Resolution:
    noun: str
    category: str | None
    how: str
    """``catalog`` (a synonym), ``nearest`` (embedding), ``too_far`` (similar but a different size) or ``none``"""
    similarity: float = 1.0


def resolve_noun(noun: str, size: tuple[float, float, float] | None = None,
                 normalise: Callable[[str], tuple[str | None, float]] | None = None) -> Resolution:
    """Where ``noun`` goes (see the module docstring); ``size`` is the noun's (W, D, H) in metres when known."""
    from scenegen import catalog

    cat = catalog.resolve(noun)
    if cat is not None:
        return Resolution(noun, cat.name, "catalog")
    if normalise is None:
        return Resolution(noun, None, "none", 0.0)
    name, sim = normalise(noun)
    if name is None:
        return Resolution(noun, None, "none", sim)
    if size is not None:
        ours, theirs = max(catalog.get(name).size_typical), max(size)
        if not 1 / SIZE_RATIO <= ours / max(theirs, 1e-6) <= SIZE_RATIO:
            return Resolution(noun, name, "too_far", sim)
    return Resolution(noun, name, "nearest", sim)


@dataclass
class NounBench:
    nouns: int
    catalog: int
    nearest: int
    unresolved: int
    rows: list[Resolution] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Share of nouns that resolve to a category (synonym or accepted nearest)."""
        return (self.catalog + self.nearest) / self.nouns if self.nouns else 0.0


def read_nouns(path: Path) -> list[str]:
    """Nouns from a ``noun<TAB>source`` file (``#`` comments and blank lines skipped), first occurrence kept."""
    seen: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            seen.setdefault(line.split("\t")[0].strip().lower(), None)
    return list(seen)


def bench_nouns(path: Path, embed: bool = True) -> NounBench:
    """Resolve every noun in ``path``; ``embed=False`` skips the embedding model (synonyms only)."""
    normalise = None
    if embed:
        from scenegen.plan.normalise import normalise as normalise_fn

        normalise = normalise_fn
    rows = [resolve_noun(n, normalise=normalise) for n in read_nouns(path)]
    count = {how: sum(r.how == how for r in rows) for how in ("catalog", "nearest")}
    return NounBench(nouns=len(rows), catalog=count["catalog"], nearest=count["nearest"],
                     unresolved=len(rows) - count["catalog"] - count["nearest"], rows=rows)
