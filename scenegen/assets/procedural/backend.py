"""The procedural backend: plan an asset (sizes, parameters, colour) from the catalog, then build its mesh.

``plan_asset`` picks sizes inside the category's priors (honouring size words), the category's declared generator
parameters (``Category.params``, drawn by their rules) and a colour (colour word, else material word, else the
category's default colour with a little seeded variation); ``build`` turns the resulting ``AssetRef`` into a mesh,
deterministically.

Every mesh is in the object's local frame (``scenegen.scene``): metres, z up, bottom-centre origin, width along x,
depth along y, front facing +y. Its bounds are exactly ``[-w/2, -d/2, 0] .. [w/2, d/2, h]``: parts are laid out close
to that box and a final per-axis fit makes it exact. Parts are concatenated without merging vertices, so each part
stays a closed shell and the whole mesh is watertight. Ceiling objects hang below their top (the solver puts z = h at
the ceiling); wall objects have their back at y = -d/2.
"""

from __future__ import annotations

import numpy as np
import trimesh

from scenegen import catalog
from scenegen.assets.colours import colour_for, material_rgb
from scenegen.assets.materials import body_kind
from scenegen.assets.procedural.parts import GENERATORS, RGB, Parts, Spec
from scenegen.scene import AssetRef, PlannedObject


def plan_size(cat: catalog.Category, size_word: str | None, rng: np.random.Generator) -> tuple[float, float, float]:
    """(W, D, H) in metres inside ``cat``'s priors.

    A category size word (``queen``) gives that size jittered by 2 %; ``small`` draws between min and typical,
    ``large`` between typical and max (``tall`` / ``short`` do the same for the height only); otherwise each extent is
    the typical one jittered by up to 10 %. Always clamped to [min, max].
    """
    lo, typ, hi = np.array(cat.size_min), np.array(cat.size_typical), np.array(cat.size_max)
    jitter = rng.uniform(-0.1, 0.1, size=3)
    size = typ * (1.0 + jitter)
    words = (size_word or "").strip()
    exact = catalog.size_for_word(cat, words) if words else None
    if exact is None and words:  # "small queen", "large three-seater": look for a category word inside
        for w in words.replace("-", " ").split():
            exact = exact or catalog.size_for_word(cat, w)
    if exact is not None:
        size = np.array(exact) * (1.0 + rng.uniform(-0.02, 0.02, size=3))
    classes = {catalog.size_class(w) for w in words.replace("-", " ").split()} - {None}
    if catalog.size_class(words):
        classes.add(catalog.size_class(words))
    t = float(rng.uniform(0.2, 0.8)) + rng.uniform(-0.1, 0.1, size=3)  # shared draw keeps proportions
    if "small" in classes:
        size = lo + (typ - lo) * t if exact is None else size * 0.95
    elif "large" in classes:
        size = typ + (hi - typ) * t if exact is None else size * 1.05
    if "tall" in classes:
        size[2] = typ[2] + (hi[2] - typ[2]) * t[2]
    elif "short" in classes:
        size[2] = lo[2] + (typ[2] - lo[2]) * t[2]
    size = np.clip(size, lo, hi)
    return float(round(size[0], 4)), float(round(size[1], 4)), float(round(size[2], 4))


def plan_colour(name: str, colour: str | None, material: str | None, rng: np.random.Generator) -> RGB:
    """RGB in [0, 1]: the colour word, else the material's default, else the category's default varied a little."""
    rgb = colour_for(colour, rng) or material_rgb(material)
    if rgb is None:
        base = np.array((catalog.find(name) or catalog.GENERIC).colour)
        rgb = tuple(np.clip(base + rng.uniform(-0.04, 0.04, size=3), 0.0, 1.0))
    return (round(float(rgb[0]), 4), round(float(rgb[1]), 4), round(float(rgb[2]), 4))


class ProceduralBackend:
    """Parametric generators, one per catalog category; unknown or generic objects become plain boxes."""

    def plan_asset(self, obj: PlannedObject, rng: np.random.Generator) -> AssetRef:
        """Choose sizes (metres, inside the category priors), category parameters and a colour for ``obj``."""
        seed = int(rng.integers(2**31 - 1))
        attrs = obj.attributes
        if obj.generic or obj.category not in catalog.CATALOG:
            w, d, h = catalog.GENERIC.size_typical
            colour = plan_colour("generic", attrs.colour, attrs.material, rng)
            return AssetRef(backend="procedural", category=obj.category, seed=seed,
                            params={"width": w, "depth": d, "height": h, "generic": 1.0}, colour=colour)
        cat = catalog.get(obj.category)
        w, d, h = plan_size(cat, attrs.size, rng)
        params = {"width": w, "depth": d, "height": h, **cat.draw_params((w, d, h), rng)}
        colour = plan_colour(cat.name, attrs.colour, attrs.material, rng)
        return AssetRef(backend="procedural", category=cat.name, seed=seed, params=params, colour=colour)

    def build(self, ref: AssetRef) -> trimesh.Trimesh:
        """The mesh for ``ref`` in the local frame, bounds exactly [-w/2, -d/2, 0] .. [w/2, d/2, h] (metres).

        Raises ``ValueError`` (one line naming the parameter and its allowed range) for parameters outside what the
        category declares, so a hand-edited ``pillows: 1e9`` cannot make a billion pillows.
        """
        problem = catalog.param_problem(ref.category, ref.params)
        if problem:
            raise ValueError(f"asset {ref.category!r}: {problem}")
        w, d, h = (float(ref.params[k]) for k in catalog.SIZE_PARAMS)
        parts = Parts(body=tuple(ref.colour))
        cat = catalog.find(ref.category)
        gen = GENERATORS.get(cat.generator_name) if cat is not None else None
        if gen is None or ref.params.get("generic", 0.0) > 0.5:
            parts.box((-w / 2, -d / 2, 0.0), (w / 2, d / 2, h), tuple(ref.colour))
        else:
            spec = Spec(w, d, h, dict(ref.params), tuple(ref.colour), np.random.default_rng(ref.seed))
            gen(spec, parts)
        return parts.mesh(w, d, h, body=body_kind(cat.material if cat is not None else None, tuple(ref.colour)))
