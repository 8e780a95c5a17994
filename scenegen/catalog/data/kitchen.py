"""Kitchen appliances, cabinets and dining furniture."""

from __future__ import annotations

from scenegen.catalog.model import Category, Param, coin, per, when

ENTRIES: tuple[Category, ...] = (
    Category(
        name="fridge", synonyms=("fridge", "refrigerator", "fridge freezer", "freezer", "icebox", "ice box",
                  "minibar"),
        size_min=(0.5, 0.55, 0.8), size_typical=(0.75, 0.7, 1.8), size_max=(1.0, 0.8, 2.0), against_wall=True,
        rooms=("kitchen",), colour=(0.86, 0.87, 0.88), material="metal",
        params=(Param("doors", "int", 1, 2, when("w", ">", 0.85, 2.0, 1.0)),
                Param("freezer_bottom", "bool", 0, 1, coin(0.7))),
    ),
    Category(
        name="stove",
        synonyms=("stove", "cookstove", "cook stove", "oven", "cooker", "range", "kitchen range", "cooktop", "stovetop",
                  "stove top", "hob",
                  "gas stove", "electric stove", "range cooker"),
        size_min=(0.5, 0.55, 0.85), size_typical=(0.76, 0.65, 0.92), size_max=(1.2, 0.75, 1.0), against_wall=True,
        has_top=True,
        rooms=("kitchen",), colour=(0.8, 0.81, 0.82), material="metal",
        params=(Param("burners", "int", 2, 6, when("w", ">", 0.9, 6.0, 4.0)),),
    ),
    Category(
        name="microwave", synonyms=("microwave", "microwave oven"),
        size_min=(0.4, 0.3, 0.22), size_typical=(0.5, 0.38, 0.3), size_max=(0.6, 0.45, 0.38), support="object",
        supported_by=("kitchen_cabinet", "kitchen_island", "sideboard", "cabinet", "dining_table"), rooms=("kitchen",),
        colour=(0.2, 0.2, 0.21), material="metal",
    ),
    Category(
        name="sink",
        synonyms=("sink", "washbasin", "wash basin", "basin", "pedestal sink", "kitchen sink", "bathroom sink",
                  "hand basin", "utility sink"),
        size_min=(0.4, 0.35, 0.75), size_typical=(0.6, 0.5, 0.9), size_max=(1.2, 0.65, 0.95), against_wall=True,
        rooms=("kitchen", "bathroom"), colour=(0.93, 0.93, 0.92), material="ceramic",
    ),
    Category(
        name="kitchen_cabinet",
        synonyms=("kitchen cabinet", "kitchen cupboard", "base cabinet", "kitchen counter", "counter",
                  "countertop", "counter top", "kitchen unit", "worktop", "kitchen cabinets"),
        size_min=(0.3, 0.55, 0.85), size_typical=(0.8, 0.62, 0.92), size_max=(3.0, 0.7, 0.95), against_wall=True,
        rooms=("kitchen",), has_top=True, colour=(0.9, 0.89, 0.85), material="wood",
        params=(Param("units", "int", 1, 8, per("w", 0.6)), Param("dark_top", "bool", 0, 1, coin(0.6))),
    ),
    Category(
        name="kitchen_island",
        synonyms=("kitchen island", "island", "breakfast bar", "island counter", "kitchen cart"),
        size_min=(0.9, 0.6, 0.85), size_typical=(1.8, 0.9, 0.92), size_max=(3.0, 1.3, 0.95),
        functional_sides=("front", "back"), rooms=("kitchen",), has_top=True, roles=("knee_top", "free_standing"),
        seats=4, colour=(0.85, 0.84, 0.8), material="wood", params=(Param("overhang", "bool", 0, 1, coin(0.7)),),
    ),
    Category(
        name="dishwasher", synonyms=("dishwasher", "dish washer", "dishwashing machine"),
        size_min=(0.45, 0.55, 0.8), size_typical=(0.6, 0.6, 0.85), size_max=(0.6, 0.65, 0.9), against_wall=True,
        rooms=("kitchen",), colour=(0.75, 0.76, 0.78), material="metal",
    ),
    Category(
        name="bar_stool",
        synonyms=("bar stool", "barstool", "counter stool", "high stool", "breakfast stool", "kitchen stool",
                  "bar chair", "counter chair"),
        size_min=(0.3, 0.3, 0.6), size_typical=(0.4, 0.4, 0.75), size_max=(0.5, 0.5, 1.1), rooms=("kitchen",),
        roles=("seat",), companions=(("kitchen_island", "around"), ("dining_table", "around")),
        colour=(0.3, 0.24, 0.2), material="wood",
        params=(Param("back", "bool", 0, 1, when("h", ">", 0.85, coin(0.3), 0.0)),),
    ),
    Category(
        name="dining_table",
        synonyms=("dining table", "table", "kitchen table", "dinner table", "dining room table", "breakfast table",
                  "dinette table", "drop leaf table"),
        size_min=(0.7, 0.7, 0.7), size_typical=(1.6, 0.9, 0.75), size_max=(3.0, 1.2, 0.78),
        functional_sides=("front", "back"), rooms=("dining_room", "kitchen"), has_top=True,
        roles=("knee_top", "free_standing"), seats=10, colour=(0.55, 0.4, 0.26), material="wood",
        params=(Param("round_legs", "bool", 0, 1, coin(0.3)),),
    ),
    Category(
        name="sideboard",
        synonyms=("sideboard", "buffet", "credenza", "buffet cabinet", "hutch",),
        size_min=(0.9, 0.35, 0.6), size_typical=(1.6, 0.45, 0.8), size_max=(2.4, 0.55, 1.0), against_wall=True,
        rooms=("dining_room", "living_room"), has_top=True, colour=(0.48, 0.34, 0.22), material="wood",
        params=(Param("doors", "int", 2, 4, per("w", 0.5)),),
    ),
)
