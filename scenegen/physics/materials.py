"""Physical properties as data: materials (density, friction) and each category's material mix and mass range.

Mass of an object = modelled solid volume (m³) × the mix's density (kg/m³) × ``fill``. ``fill`` is the fraction of
the modelled volume that is material: the procedural generators build furniture from solid primitives where real
casework is 18 mm boards around air, an appliance sheet metal around air, a sofa foam and a frame. The fills below
were calibrated once so that an object of the catalog's typical size lands inside its category's real mass range,
and again for the casework behind doors and drawer fronts and the open baskets, whose generators now build them hollow
(boards around the air they hold) so that things can be put inside; their fills keep the typical masses they had
(``tests/test_physics.py`` walks every category at its minimum, typical and maximum size). The result is clamped into
``mass_kg`` for sizes the linear volume law overshoots (a 2.4 m wardrobe), and the clamp is reported.

Meshes that are not watertight (image-to-3D output) have no meaningful volume: their convex hull's volume times
``HULL_FILL`` stands in for it (a lumpy object fills about half of its hull).

Friction is the sliding coefficient against a typical floor (MuJoCo combines a contact pair's frictions by taking the
larger, so the object's value is what it meets on any floor); a mix's friction is the volume-weighted mean.
Knowledge is keyed by category name so the catalog package can absorb it later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class Material:
    """``density`` kg/m³ of the solid material; ``friction`` sliding coefficient (dimensionless) on a floor."""

    density: float
    friction: float


MATERIALS: Mapping[str, Material] = MappingProxyType({
    "wood": Material(650.0, 0.5),          # oak ~700, pine ~500
    "board": Material(700.0, 0.5),         # particleboard / MDF casework
    "steel": Material(7850.0, 0.4),
    "aluminium": Material(2700.0, 0.4),
    "glass": Material(2500.0, 0.3),
    "plastic": Material(950.0, 0.45),
    "fabric": Material(300.0, 0.7),        # upholstery: foam, batting and cover together
    "ceramic": Material(2300.0, 0.5),      # vitreous china, porcelain
    "stone": Material(2600.0, 0.6),
    "paper": Material(800.0, 0.45),
    "rubber": Material(1100.0, 0.9),
    "soil": Material(1300.0, 0.6),         # potted plants: pot, soil and foliage
})


@dataclass(frozen=True)
class CategoryPhysics:
    """``mix``: material name -> volume share (sums to 1); ``fill``: solid fraction of the modelled volume;
    ``mass_kg``: (min, max) real mass range of the category."""

    mix: Mapping[str, float]
    fill: float
    mass_kg: tuple[float, float]
    note: str = field(default="", compare=False)


def _p(mix: dict[str, float], fill: float, lo: float, hi: float) -> CategoryPhysics:
    return CategoryPhysics(MappingProxyType(mix), fill, (lo, hi))


_W, _B, _S, _F, _P = {"wood": 1.0}, {"board": 1.0}, {"steel": 1.0}, {"fabric": 1.0}, {"plastic": 1.0}

CATEGORY_PHYSICS: Mapping[str, CategoryPhysics] = MappingProxyType({
    "armchair": _p({"fabric": 0.8, "wood": 0.2}, 0.15, 15, 45),
    "bar_stool": _p({"wood": 0.5, "steel": 0.5}, 0.22, 4, 12),
    "bathroom_vanity": _p({"board": 0.8, "ceramic": 0.2}, 0.56, 25, 80),
    "bathtub": _p({"plastic": 0.7, "steel": 0.3}, 0.066, 25, 150),
    "bed": _p({"fabric": 0.7, "wood": 0.3}, 0.095, 40, 150),
    "bench": _p(_W, 0.88, 8, 30),
    "books": _p({"paper": 1.0}, 0.35, 0.5, 6),
    "bookshelf": _p(_B, 0.25, 20, 80),
    "cabinet": _p(_B, 0.72, 20, 70),
    "ceiling_fan": _p({"steel": 0.3, "wood": 0.7}, 0.17, 3, 10),
    "ceiling_light": _p({"steel": 0.2, "glass": 0.8}, 0.069, 0.5, 4),
    "chair": _p(_W, 0.61, 3, 10),
    "chandelier": _p({"steel": 0.5, "glass": 0.5}, 0.47, 3, 20),
    "coat_rack": _p({"wood": 0.4, "steel": 0.6}, 0.32, 3, 10),
    "coffee_table": _p(_W, 1, 10, 40),
    "crib": _p(_W, 0.3, 15, 40),
    "desk": _p(_B, 0.34, 15, 70),
    "dining_table": _p(_W, 0.88, 25, 80),
    "dishwasher": _p({"steel": 1.0}, 0.019, 35, 60),
    "dresser": _p(_B, 0.63, 30, 90),
    "dumbbell_rack": _p(_S, 0.35, 40, 200),
    "exercise_bike": _p({"steel": 0.8, "plastic": 0.2}, 0.2, 25, 60),
    "filing_cabinet": _p(_S, 0.058, 20, 60),
    "floor_lamp": _p({"steel": 0.6, "fabric": 0.4}, 0.031, 3, 10),
    "fridge": _p(_S, 0.011, 50, 120),
    "guitar": _p(_W, 0.25, 2, 5),
    "kitchen_cabinet": _p(_B, 0.34, 20, 50),
    "kitchen_island": _p({"board": 0.8, "stone": 0.2}, 0.31, 60, 200),
    "laptop": _p({"aluminium": 0.6, "plastic": 0.4}, 0.44, 1, 3),
    "laundry_basket": _p(_P, 0.12, 0.5, 5),
    "microwave": _p(_S, 0.033, 10, 20),
    "mirror": _p({"glass": 0.6, "wood": 0.4}, 0.37, 3, 20),
    "monitor": _p({"plastic": 0.6, "glass": 0.4}, 0.36, 3, 10),
    "nightstand": _p(_B, 0.7, 8, 25),
    "office_chair": _p({"plastic": 0.5, "steel": 0.2, "fabric": 0.3}, 0.18, 10, 25),
    "ottoman": _p(_F, 0.26, 5, 20),
    "painting": _p(_W, 0.43, 1, 10),
    "piano": _p({"wood": 0.8, "steel": 0.2}, 0.15, 150, 300),
    "plant": _p({"soil": 1.0}, 0.13, 3, 30),
    "printer": _p(_P, 0.31, 5, 20),
    "rug": _p(_F, 0.61, 2, 30),
    "shoe_rack": _p(_W, 0.14, 3, 15),
    "shower": _p({"glass": 0.7, "ceramic": 0.3}, 0.3, 40, 150),
    "side_table": _p(_W, 0.7, 3, 15),
    "sideboard": _p(_B, 0.66, 30, 90),
    "sink": _p({"ceramic": 1.0}, 0.17, 10, 40),
    "sofa": _p({"fabric": 0.8, "wood": 0.2}, 0.14, 30, 90),
    "speaker": _p({"wood": 0.8, "steel": 0.2}, 0.09, 5, 30),
    "stool": _p(_W, 1.0, 2, 6),
    "stove": _p(_S, 0.017, 40, 80),
    "table_lamp": _p({"ceramic": 0.6, "fabric": 0.4}, 0.12, 1, 5),
    "toilet": _p({"ceramic": 1.0}, 0.15, 20, 45),
    "towel_rack": _p(_S, 0.13, 1, 5),
    "trash_can": _p(_P, 0.089, 1, 5),
    "treadmill": _p({"steel": 0.6, "rubber": 0.4}, 0.064, 60, 130),
    "tv": _p({"plastic": 0.6, "glass": 0.4}, 0.18, 8, 30),
    "tv_stand": _p(_B, 0.48, 15, 50),
    "vase": _p({"ceramic": 1.0}, 0.23, 0.5, 5),
    "wall_clock": _p({"plastic": 0.7, "glass": 0.3}, 0.32, 0.5, 3),
    "wall_shelf": _p(_W, 0.76, 1.5, 8),
    "wardrobe": _p(_B, 0.57, 50, 150),
    "washing_machine": _p({"steel": 0.6, "stone": 0.4}, 0.044, 60, 90),
    "weight_bench": _p({"steel": 0.7, "fabric": 0.3}, 0.12, 15, 40),
    "whiteboard": _p({"aluminium": 0.3, "board": 0.7}, 0.24, 5, 20),
    "yoga_mat": _p({"rubber": 1.0}, 0.21, 0.8, 3),
})

GENERIC_PHYSICS = _p({"wood": 0.5, "plastic": 0.5}, 0.2, 0.5, 60)
"""An object outside the catalog (a flagged box): a light mixed-material guess with a wide range."""

HULL_FILL = 0.5
"""Share of the convex hull's volume taken as the object's volume when its mesh is not watertight."""


CATALOG_MATERIAL = MappingProxyType({
    "wood": "wood", "fabric": "fabric", "leather": "fabric", "metal": "steel", "glass": "glass",
    "ceramic": "ceramic", "plastic": "plastic", "stone": "stone", "paper": "paper", "plant": "soil"})
"""The catalog's main-part material (``Category.material``) -> the physical material it is made of."""
DERIVED_FILL = 0.2
"""Solid share of the modelled volume for a category without a researched entry (between hollow casework, ~0.1, and
solid small things, ~0.5)."""
DERIVED_MASS = (0.02, 10.0)
"""(min, max) factors on the derived mass at the typical size that bound a category without a researched entry."""


def category_physics(category: str) -> CategoryPhysics:
    """The researched entry for ``category`` (``CATEGORY_PHYSICS``: the 65 categories that had real masses looked up);
    for another catalog category, one derived from its main material (``CATALOG_MATERIAL``) with a wide mass range
    around what its typical size would weigh at ``DERIVED_FILL``, and marked ``derived``; ``GENERIC_PHYSICS`` for
    anything outside the catalog."""
    if category in CATEGORY_PHYSICS:
        return CATEGORY_PHYSICS[category]
    return _derived(category) or GENERIC_PHYSICS


@lru_cache(maxsize=None)
def _derived(category: str) -> CategoryPhysics | None:
    from scenegen import catalog

    cat = catalog.find(category)
    if cat is None:
        return None
    material = CATALOG_MATERIAL.get(cat.material, "wood")
    w, d, h = cat.size_typical
    typical = w * d * h * MATERIALS[material].density * DERIVED_FILL
    lo, hi = DERIVED_MASS
    return CategoryPhysics(MappingProxyType({material: 1.0}), DERIVED_FILL,
                           (round(max(0.05, typical * lo), 3), round(max(1.0, typical * hi), 3)),
                           note="derived from the catalog's material and typical size")


def mix_density(cp: CategoryPhysics) -> float:
    """Volume-weighted density of the mix, kg/m³."""
    return sum(MATERIALS[m].density * share for m, share in cp.mix.items())


def mix_friction(cp: CategoryPhysics) -> float:
    """Volume-weighted sliding friction of the mix (dimensionless)."""
    return sum(MATERIALS[m].friction * share for m, share in cp.mix.items())
