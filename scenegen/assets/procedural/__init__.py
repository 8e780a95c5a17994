"""Procedural parametric generators: one per catalog category, built from closed primitives.

``parts`` is the shared kit (primitives, casework, tables, frames, the generator registry); each family module
(``beds``, ``seating``, ``tables``, ``storage``, ``lighting``, ``decor``, ``appliances``, ``bath``, ``hobby``) holds
the generators of its family, registered with ``@generator(name)``; ``backend`` plans and builds assets from the
catalog's data. What a category *is* (sizes, parameters, colours) lives in ``scenegen.catalog``, not here.
"""

from __future__ import annotations

from scenegen.assets import ASSET_BACKENDS
from scenegen.assets.procedural import (  # noqa: F401 - importing a family module registers its generators
    activities, appliances, bath, beds, cabinets, decor, fitness, furniture, gadgets, hobby, homewares, household, kids,
    kitchenware, lighting, media, seating, storage, tables)
from scenegen.assets.procedural.backend import ProceduralBackend, plan_colour, plan_size
from scenegen.assets.procedural.parts import (BLACK, BULB, CHROME, CREAM, DARK_METAL, GENERATORS, GLASS, LEAF, METAL,
                                              MIRROR, RGB, SCREEN, SOIL, WHITE, WOOD, Parts, Spec, darker, generator,
                                              lighter)

FAMILIES = (beds, seating, tables, storage, lighting, decor, appliances, bath, hobby, furniture, kids, cabinets,
            kitchenware, homewares, media, activities, household, gadgets, fitness)
"""The generator modules, one per family (importing them fills ``GENERATORS``)."""

__all__ = [
    "BLACK", "BULB", "CHROME", "CREAM", "DARK_METAL", "FAMILIES", "GENERATORS", "GLASS", "LEAF", "METAL", "MIRROR",
    "RGB", "SCREEN", "SOIL", "WHITE", "WOOD", "Parts", "ProceduralBackend", "Spec", "darker", "generator", "lighter",
    "plan_colour", "plan_size",
]

ASSET_BACKENDS.register("procedural")(ProceduralBackend())
