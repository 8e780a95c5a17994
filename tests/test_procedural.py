"""Contract tests for the procedural asset backend, run over every catalog category."""

from __future__ import annotations

import numpy as np
import pytest

from scenegen import catalog
from scenegen.assets import ASSET_BACKENDS, build_mesh
from scenegen.assets import procedural
from scenegen.assets.colours import COLOURS, colour_rgb, material_rgb
from scenegen.scene import AssetRef, Attributes, PlannedObject

OPEN_CATEGORIES: frozenset[str] = frozenset()
"""Categories whose meshes may be open. None today: every part is a closed primitive."""

CATEGORIES = catalog.names()


@pytest.fixture(scope="module")
def backend() -> procedural.ProceduralBackend:
    return ASSET_BACKENDS.get("procedural")


def _plan(backend, category: str, seed: int = 0, **attrs: str) -> AssetRef:
    obj = PlannedObject(id="o1", category=category, attributes=Attributes(**attrs))
    return backend.plan_asset(obj, np.random.default_rng(seed))


def test_registered_and_covers_catalog(backend) -> None:
    assert isinstance(backend, procedural.ProceduralBackend)
    used = {catalog.get(n).generator_name for n in catalog.CATALOG}
    assert used == set(procedural.GENERATORS)  # every category has a generator, and every generator is used
    assert len(set(procedural.GENERATORS.values())) == len(procedural.GENERATORS)  # registered once each
    shared = {n for n in catalog.CATALOG if catalog.get(n).generator_name != n}
    assert len(shared) <= len(catalog.CATALOG) // 10  # sharing is the exception (a loveseat is a two-seat sofa)


@pytest.mark.parametrize("category", CATEGORIES)
def test_contract(backend, category: str) -> None:
    ref = _plan(backend, category, seed=3)
    assert ref.backend == "procedural" and ref.category == category
    cat = catalog.get(category)
    w, d, h = ref.params["width"], ref.params["depth"], ref.params["height"]
    for v, lo, hi in zip((w, d, h), cat.size_min, cat.size_max):
        assert lo - 1e-9 <= v <= hi + 1e-9
    assert all(isinstance(v, float) for v in ref.params.values())
    assert all(0.0 <= c <= 1.0 for c in ref.colour)
    assert ref == _plan(backend, category, seed=3)  # planning is deterministic

    mesh = backend.build(ref)
    again = backend.build(ref)
    np.testing.assert_array_equal(mesh.vertices, again.vertices)
    np.testing.assert_array_equal(mesh.faces, again.faces)
    np.testing.assert_array_equal(mesh.visual.face_colors, again.visual.face_colors)

    assert 0 < len(mesh.faces) < 5000
    assert np.isfinite(mesh.vertices).all()
    lo, hi = mesh.bounds
    np.testing.assert_allclose(lo, (-w / 2, -d / 2, 0.0), atol=1e-3)
    np.testing.assert_allclose(hi, (w / 2, d / 2, h), atol=1e-3)
    assert abs(lo[2]) < 1e-9  # bottom exactly on z = 0
    np.testing.assert_allclose((lo[:2] + hi[:2]) / 2, (0.0, 0.0), atol=1e-6)  # centred in xy
    fc = mesh.visual.face_colors
    assert fc.shape == (len(mesh.faces), 4) and fc.dtype == np.uint8 and (fc[:, 3] == 255).all()
    if category not in OPEN_CATEGORIES:
        assert mesh.is_watertight
    assert mesh.area > 0


@pytest.mark.parametrize("category", CATEGORIES)
def test_seeds_vary_params_within_priors(backend, category: str) -> None:
    cat = catalog.get(category)
    refs = [_plan(backend, category, seed=s) for s in range(4)]
    sizes = {(r.params["width"], r.params["depth"], r.params["height"]) for r in refs}
    assert len(sizes) > 1
    for size in sizes:
        assert all(lo <= v <= hi for v, lo, hi in zip(size, cat.size_min, cat.size_max))


def test_size_words(backend) -> None:
    small = [_plan(backend, "bed", s, size="small").params["width"] for s in range(5)]
    large = [_plan(backend, "bed", s, size="large").params["width"] for s in range(5)]
    assert max(small) < min(large)
    assert max(small) <= catalog.get("bed").size_typical[0] <= min(large)
    queen = _plan(backend, "bed", 1, size="queen")
    assert queen.params["width"] == pytest.approx(1.6, abs=0.05)
    king = _plan(backend, "bed", 1, size="king-size")
    assert king.params["width"] > queen.params["width"]
    sofa = _plan(backend, "sofa", 2, size="two-seater")
    assert sofa.params["width"] == pytest.approx(1.5, abs=0.05)
    tall = [_plan(backend, "bookshelf", s, size="tall").params["height"] for s in range(5)]
    assert min(tall) >= catalog.get("bookshelf").size_typical[2]


def test_colour_words(backend) -> None:
    ref = _plan(backend, "chair", 0, colour="red")
    r, g, b = ref.colour
    assert r > 0.5 and r > 2 * g and r > 2 * b
    mesh = backend.build(ref)
    cols, counts = np.unique(mesh.visual.face_colors[:, :3], axis=0, return_counts=True)
    main = cols[counts.argmax()].astype(float)
    assert main[0] > 2 * main[1] and main[0] > 2 * main[2]  # the most common face colour is reddish
    dark_blue = _plan(backend, "sofa", 0, colour="dark blue").colour
    assert dark_blue[2] > dark_blue[0] and sum(dark_blue) < sum(COLOURS["blue"])
    assert _plan(backend, "sofa", 0, colour="navy").colour == pytest.approx(COLOURS["navy"], abs=1e-4)


def test_material_gives_colour_when_no_colour(backend) -> None:
    steel = _plan(backend, "fridge", 0, material="stainless steel").colour
    assert steel == pytest.approx(material_rgb("stainless steel"), abs=1e-4)
    oak = _plan(backend, "dining_table", 0, material="oak").colour
    assert oak[0] > oak[2]  # warm wood
    both = _plan(backend, "chair", 0, colour="green", material="oak").colour
    assert both == pytest.approx(colour_rgb("green"), abs=1e-4)


def test_default_colour_varies_a_little(backend) -> None:
    a, b = _plan(backend, "sofa", 0).colour, _plan(backend, "sofa", 1).colour
    assert a != b and max(abs(x - y) for x, y in zip(a, b)) < 0.1


def test_colour_table() -> None:
    assert len(COLOURS) >= 30
    assert colour_rgb("gray") == colour_rgb("grey") == COLOURS["grey"]
    assert colour_rgb("Light-Grey")[0] > COLOURS["grey"][0]
    assert colour_rgb("dark blue")[2] < COLOURS["blue"][2]
    assert colour_rgb("navy blue") == COLOURS["navy"]
    assert colour_rgb("no such colour") is None and colour_rgb(None) is None
    for name in ("red", "beige", "walnut", "oak", "white", "black"):
        assert colour_rgb(name) is not None
    for name in ("wood", "metal", "steel", "leather", "fabric", "velvet", "marble", "glass", "plastic", "wicker"):
        assert material_rgb(name) is not None


def test_generic_is_a_plain_box(backend) -> None:
    obj = PlannedObject(id="g", category="spaceship", generic=True)
    ref = backend.plan_asset(obj, np.random.default_rng(0))
    assert (ref.params["width"], ref.params["depth"], ref.params["height"]) == catalog.GENERIC.size_typical
    mesh = backend.build(ref)
    assert len(mesh.faces) == 12 and mesh.is_watertight
    np.testing.assert_allclose(mesh.bounds, [[-0.25, -0.25, 0.0], [0.25, 0.25, 0.5]], atol=1e-9)


def test_layout_conventions(backend) -> None:
    """Bed headboard at the back (-y): the tall part of a bed is near y = -d/2."""
    ref = _plan(backend, "bed", 0)
    mesh = backend.build(ref)
    top = mesh.vertices[mesh.vertices[:, 2] > ref.params["height"] - 1e-6]
    assert top[:, 1].max() < -ref.params["depth"] / 2 + 0.2
    tv = backend.build(_plan(backend, "tv", 0))
    screen = np.all(tv.visual.face_colors[:, :3] == np.round(np.array(procedural.SCREEN) * 255), axis=1)
    assert tv.triangles_center[screen][:, 1].mean() > 0  # screen faces the front


def test_build_mesh_cache_and_bad_size(backend) -> None:
    ref = _plan(backend, "desk", 5)
    m1, m2 = build_mesh(ref), build_mesh(ref)
    assert m1 is not m2 and np.array_equal(m1.vertices, m2.vertices)
    bad = ref.model_copy(update={"params": {**ref.params, "width": 0.0}})
    with pytest.raises(ValueError, match="width"):
        backend.build(bad)


@pytest.mark.parametrize("category", CATEGORIES)
def test_declared_extremes_stay_small_and_closed(backend, category: str) -> None:
    """Every parameter at the top (and bottom) of its declared range, at the largest (smallest) size, still builds a
    closed mesh under 5,000 faces: the declared ranges are what bounds a hand-edited scene file."""
    cat = catalog.get(category)
    for size, pick in ((cat.size_max, "hi"), (cat.size_min, "lo")):
        params = {"width": size[0], "depth": size[1], "height": size[2],
                  **{p.name: float(getattr(p, pick)) for p in cat.params}}
        mesh = backend.build(AssetRef(backend="procedural", category=category, seed=5, params=params,
                                      colour=cat.colour))
        assert 0 < len(mesh.faces) < 5000, (pick, len(mesh.faces))
        if category not in OPEN_CATEGORIES:
            assert mesh.is_watertight, pick
