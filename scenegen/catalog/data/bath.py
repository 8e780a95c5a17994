"""Bathroom fixtures and laundry machines."""

from __future__ import annotations

from scenegen.catalog.model import Category, Param, per

ENTRIES: tuple[Category, ...] = (
    Category(
        name="toilet", synonyms=("toilet", "wc", "water closet", "loo", "commode", "toilet bowl", "lavatory"),
        size_min=(0.35, 0.55, 0.7), size_typical=(0.4, 0.68, 0.78), size_max=(0.5, 0.8, 0.85), against_wall=True,
        rooms=("bathroom",), colour=(0.95, 0.95, 0.94), material="ceramic",
    ),
    Category(
        name="bathtub",
        synonyms=("bathtub", "bath tub", "tub", "bath", "soaking tub", "clawfoot tub", "freestanding tub",
                  "jacuzzi", "hot tub"),
        size_min=(1.4, 0.7, 0.5), size_typical=(1.7, 0.75, 0.58), size_max=(2.0, 1.0, 0.7), against_wall=True,
        rooms=("bathroom",), colour=(0.95, 0.95, 0.94), material="ceramic",
    ),
    Category(
        name="shower",
        synonyms=("shower", "shower stall", "shower cabin", "shower cubicle", "shower enclosure", "walk in shower",
                  "shower booth"),
        size_min=(0.7, 0.7, 1.9), size_typical=(0.9, 0.9, 2.1), size_max=(1.6, 1.0, 2.3), against_wall=True,
        rooms=("bathroom",), colour=(0.8, 0.82, 0.84), material="glass",
    ),
    Category(
        name="bathroom_vanity",
        synonyms=("bathroom vanity", "vanity", "vanity unit", "vanity cabinet", "bathroom cabinet", "sink cabinet",
                  "vanity sink", "bathroom counter"),
        size_min=(0.5, 0.4, 0.75), size_typical=(0.9, 0.5, 0.85), size_max=(1.6, 0.6, 0.95), against_wall=True,
        rooms=("bathroom",), has_top=True, colour=(0.9, 0.88, 0.84), material="ceramic",
    ),
    Category(
        name="towel_rack",
        synonyms=("towel rack", "towel rail", "towel bar", "towel holder", "towel ladder", "heated towel rail",
                  "towel radiator", "towel hook"),
        size_min=(0.3, 0.05, 0.05), size_typical=(0.5, 0.1, 0.6), size_max=(1.0, 0.2, 1.2), support="wall",
        mount_height=1.1, rooms=("bathroom",), colour=(0.78, 0.8, 0.82), material="metal",
        params=(Param("bars", "int", 1, 8, per("h", 0.15)),),
    ),
    Category(
        name="washing_machine",
        synonyms=("washing machine", "washer", "clothes washer", "laundry machine", "washer dryer", "tumble dryer",
                  "clothes dryer", "dryer"),
        size_min=(0.55, 0.5, 0.8), size_typical=(0.6, 0.6, 0.85), size_max=(0.7, 0.7, 0.9), against_wall=True,
        rooms=("laundry_room", "bathroom", "kitchen"), colour=(0.93, 0.93, 0.93), material="metal",
    ),
)
