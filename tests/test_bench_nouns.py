"""Noun resolution (issue 16): catalog synonyms first, then the nearest category by embedding, with a size check."""

from __future__ import annotations

from pathlib import Path

from scenegen.bench.nouns import bench_nouns, read_nouns, resolve_noun


def _fake_normalise(noun: str) -> tuple[str | None, float]:
    """Stands in for the MiniLM normaliser: a fixed table."""
    return {"writing bureau table": ("desk", 0.82), "dollhouse mansion": ("wardrobe", 0.74)}.get(noun, (None, 0.3))


def test_resolution_order_catalog_then_nearest_then_none() -> None:
    assert resolve_noun("Rocking Horses").how == "catalog"
    assert resolve_noun("rocking horses").category == "rocking_horse"
    near = resolve_noun("writing bureau table", normalise=_fake_normalise)
    assert (near.category, near.how, near.similarity) == ("desk", "nearest", 0.82)
    assert resolve_noun("quasar", normalise=_fake_normalise).how == "none"
    assert resolve_noun("quasar").how == "none"


def test_a_nearest_category_of_a_very_different_size_is_refused() -> None:
    small = resolve_noun("dollhouse mansion", size=(0.6, 0.3, 0.6), normalise=_fake_normalise)
    assert small.how == "too_far"  # a 0.6 m toy is not a 2 m wardrobe
    same = resolve_noun("dollhouse mansion", size=(1.2, 0.6, 2.0), normalise=_fake_normalise)
    assert same.how == "nearest"


def test_bench_counts_and_rate(tmp_path: Path) -> None:
    path = tmp_path / "nouns.txt"
    path.write_text("# comment\nsofa\tsrc\nSofa\tsrc2\nbunk bed\tsrc\nquasar\tsrc\n\n")
    assert read_nouns(path) == ["sofa", "bunk bed", "quasar"]
    result = bench_nouns(path, embed=False)
    assert (result.nouns, result.catalog, result.nearest, result.unresolved) == (3, 2, 0, 1)
    assert abs(result.rate - 2 / 3) < 1e-9
