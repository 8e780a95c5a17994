"""Office storage, computers and boards."""

from __future__ import annotations

from scenegen.catalog.model import Category, Param, const, per

ENTRIES: tuple[Category, ...] = (
    Category(
        name="filing_cabinet",
        synonyms=("filing cabinet", "file cabinet", "file drawer", "filing drawer", "file drawers",
                  "filing drawers", "file cabinets"),
        size_min=(0.35, 0.45, 0.5), size_typical=(0.45, 0.6, 1.0), size_max=(0.9, 0.75, 1.4), against_wall=True,
        rooms=("office",), has_top=True, colour=(0.55, 0.57, 0.6), material="metal",
        params=(Param("drawers", "int", 1, 5, per("h", 0.33)),),
    ),
    Category(
        name="monitor",
        synonyms=("monitor", "computer monitor", "computer screen", "pc monitor", "computer", "desktop computer",
                  "display monitor", "desktop monitor"),
        size_min=(0.35, 0.12, 0.25), size_typical=(0.6, 0.2, 0.45), size_max=(1.0, 0.3, 0.65), support="object",
        supported_by=("desk", "dining_table", "kitchen_island"), rooms=("office",),
        colour=(0.1, 0.1, 0.11), material="plastic",
    ),
    Category(
        name="laptop", synonyms=("laptop", "laptop computer", "notebook computer", "macbook"),
        size_min=(0.28, 0.19, 0.17), size_typical=(0.34, 0.24, 0.22), size_max=(0.42, 0.3, 0.3), support="object",
        supported_by=("desk", "dining_table", "coffee_table", "kitchen_island", "side_table", "nightstand"),
        rooms=("office",), colour=(0.7, 0.71, 0.73), material="plastic",
    ),
    Category(
        name="printer", synonyms=("printer", "laser printer", "inkjet printer", "copier", "photocopier", "scanner"),
        size_min=(0.35, 0.3, 0.15), size_typical=(0.45, 0.38, 0.25), size_max=(0.6, 0.55, 0.5), support="object",
        supported_by=("desk", "filing_cabinet", "cabinet", "sideboard"), rooms=("office",),
        colour=(0.88, 0.88, 0.86), material="plastic",
    ),
    Category(
        name="whiteboard",
        synonyms=("whiteboard", "white board", "dry erase board", "marker board", "chalkboard", "blackboard",
                  "pinboard", "bulletin board", "cork board", "corkboard"),
        size_min=(0.6, 0.02, 0.45), size_typical=(1.5, 0.03, 1.0), size_max=(2.4, 0.06, 1.2), support="wall",
        mount_height=1.3, rooms=("office", "classroom"), colour=(0.96, 0.96, 0.96), material="plastic",
        params=(Param("chalk", "bool", 0, 1, const(0.0)),),
    ),
)
