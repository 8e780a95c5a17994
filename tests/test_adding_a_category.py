"""docs/adding-a-category.md, followed to the letter: its two code blocks are run as they stand, then the new
category is planned from a prompt, built, and placed in a room, and removed again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from scenegen import catalog
from scenegen.assets import ASSET_BACKENDS
from scenegen.assets.procedural import GENERATORS

DOC = Path(__file__).resolve().parents[1] / "docs" / "adding-a-category.md"


@pytest.fixture()
def umbrella_stand() -> Iterator[None]:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(), re.S)
    assert len(blocks) == 3, "the page shows the entry, its registration and the generator"
    namespace: dict[str, object] = {}
    try:
        for block in blocks:
            exec(compile(block, str(DOC), "exec"), namespace)  # noqa: S102 - the project's own documentation
        yield
    finally:
        catalog.unregister("umbrella_stand")
        GENERATORS.pop("umbrella_stand", None)


def test_the_documented_category_resolves_builds_and_is_placed(umbrella_stand: None) -> None:
    from scenegen.pipeline import build_assets, solve_scene
    from scenegen.plan.rules import plan_rules

    assert catalog.resolve("Umbrella Holders").name == "umbrella_stand"
    assert "umbrella_stand" in catalog.with_role("corner")
    plan = plan_rules("a hallway with an umbrella stand and a coat rack", 0)
    stand = [o for o in plan.objects if o.category == "umbrella_stand"]
    assert len(stand) == 1 and not stand[0].generic
    refs, sizes = build_assets(plan, seed=0)
    ref = refs[stand[0].id]
    assert set(ref.params) == {"width", "depth", "height", "umbrellas", "square"}
    mesh = ASSET_BACKENDS.get("procedural").build(ref)
    w, d, h = (ref.params[k] for k in ("width", "depth", "height"))
    assert np.allclose(mesh.bounds, [[-w / 2, -d / 2, 0.0], [w / 2, d / 2, h]], atol=1e-9)
    assert mesh.is_watertight and len(mesh.faces) < 5000
    scene = solve_scene(plan, refs, sizes, seed=0, planner="rules", assets="procedural")
    placed = {o.category for o in scene.objects}
    assert "umbrella_stand" in placed and not scene.unplaced


def test_the_new_parameters_are_range_checked(umbrella_stand: None) -> None:
    ok = {"width": 0.26, "depth": 0.26, "height": 0.55, "umbrellas": 3.0, "square": 0.0}
    assert catalog.param_problem("umbrella_stand", ok) is None
    assert "0..4" in catalog.param_problem("umbrella_stand", {**ok, "umbrellas": 40.0})


def test_registering_refuses_a_taken_name_or_synonym(umbrella_stand: None) -> None:
    with pytest.raises(ValueError, match="already in the catalog"):
        catalog.register(catalog.get("umbrella_stand"))
    clash = catalog.Category(name="brolly_bin", synonyms=("umbrella stand",), size_min=(0.2, 0.2, 0.4),
                             size_typical=(0.3, 0.3, 0.5), size_max=(0.4, 0.4, 0.7))
    with pytest.raises(ValueError, match="already names 'umbrella_stand'"):
        catalog.register(clash)


def test_unregistering_leaves_the_catalog_as_it_was() -> None:
    before = (dict(catalog.CATALOG), catalog.synonym_index(), catalog.with_role("corner"))
    assert catalog.resolve("umbrella stand") is None
    assert (dict(catalog.CATALOG), catalog.synonym_index(), catalog.with_role("corner")) == before
