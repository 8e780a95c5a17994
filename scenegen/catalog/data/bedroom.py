"""Bedroom furniture and what dresses it: beds, bedside and clothes storage, lamps, mirrors, rugs, wall art, plants."""

from __future__ import annotations

from scenegen.catalog.model import Category, Container, Param, coin, integers, per, when

ENTRIES: tuple[Category, ...] = (
    Category(
        name="bed",
        synonyms=("bed", "double bed", "single bed", "twin bed", "queen bed", "king bed", "queen size bed",
                  "king size bed", "platform bed", "bedstead", "daybed", "mattress", "bed frame", "sleigh bed",
                  "canopy bed", "four poster bed", "trundle bed", "waterbed", "kids bed", "toddler bed"),
        size_min=(0.9, 1.9, 0.4), size_typical=(1.6, 2.05, 0.9), size_max=(2.0, 2.2, 1.3),
        functional_sides=("left", "right"), against_wall=True, rooms=("bedroom",), has_top=True,
        size_words={"single": (0.95, 2.0, 0.85), "twin": (0.99, 1.95, 0.85), "double": (1.4, 2.0, 0.9),
                    "full": (1.37, 1.95, 0.9), "queen": (1.6, 2.05, 0.95), "king": (1.95, 2.1, 1.0),
                    "super king": (1.83, 2.0, 1.0)},
        colour=(0.55, 0.4, 0.28), material="fabric",
        params=(Param("pillows", "int", 1, 6, when("w", "<", 1.2, 1.0, 2.0)),),
    ),
    Category(
        name="nightstand",
        synonyms=("nightstand", "night stand", "bedside table", "night table", "bedside cabinet", "bedside stand"),
        size_min=(0.35, 0.3, 0.4), size_typical=(0.5, 0.4, 0.55), size_max=(0.7, 0.5, 0.75), against_wall=True,
        rooms=("bedroom",), has_top=True, companions=(("bed", "next_to"),), flanks_head_of=("bed",),
        colour=(0.55, 0.4, 0.27), material="wood", params=(Param("drawers", "int", 1, 4, integers(1, 3)),),
    ),
    Category(
        name="wardrobe",
        synonyms=("wardrobe", "armoire", "closet", "clothes closet", "clothes cabinet", "clothes wardrobe"),
        size_min=(0.6, 0.5, 1.6), size_typical=(1.2, 0.6, 2.0), size_max=(2.4, 0.7, 2.4), against_wall=True,
        rooms=("bedroom",), colour=(0.62, 0.47, 0.32), material="wood",
        container=Container(open=False, holds=("throw_blanket", "clothes", "towel", "hat")),
        params=(Param("doors", "int", 1, 6, per("w", 0.5)), Param("drawer_row", "bool", 0, 1, coin(0.4))),
    ),
    Category(
        name="dresser",
        synonyms=("dresser", "bureau", "lowboy"),
        size_min=(0.6, 0.4, 0.7), size_typical=(1.2, 0.5, 0.85), size_max=(1.8, 0.6, 1.3), against_wall=True,
        rooms=("bedroom",), has_top=True, colour=(0.58, 0.42, 0.28), material="wood",
        container=Container(open=False, holds=("clothes", "towel")),
        params=(Param("drawers", "int", 2, 6, per("h", 0.22)),),
    ),
    Category(
        name="table_lamp",
        synonyms=("table lamp", "lamp", "bedside lamp", "night light", "nightlight", "night lamp"),
        size_min=(0.15, 0.15, 0.25), size_typical=(0.3, 0.3, 0.5), size_max=(0.5, 0.5, 0.8), support="object",
        supported_by=("nightstand", "desk", "dresser", "side_table", "sideboard", "cabinet", "coffee_table"),
        functional_sides=(), rooms=("bedroom", "living_room", "office"), colour=(0.85, 0.82, 0.74), material="ceramic",
        params=(Param("shade_light", "bool", 0, 1, coin(0.8)),),
    ),
    Category(
        name="floor_lamp",
        synonyms=("floor lamp", "standing lamp", "standard lamp", "torchiere", "arc lamp", "floor light",
                  "standing light"),
        size_min=(0.25, 0.25, 1.2), size_typical=(0.4, 0.4, 1.6), size_max=(0.6, 0.6, 2.0), functional_sides=(),
        rooms=("living_room", "bedroom"), roles=("corner",),
        companions=(("sofa", "next_to"), ("armchair", "next_to"), ("desk", "next_to")),
        colour=(0.25, 0.25, 0.26), material="metal",
    ),
    Category(
        name="mirror",
        synonyms=("mirror", "wall mirror", "vanity mirror", "bathroom mirror",
                  "looking glass"),
        size_min=(0.3, 0.02, 0.4), size_typical=(0.6, 0.03, 0.9), size_max=(1.2, 0.05, 1.8), support="wall",
        mount_height=1.4, rooms=("bathroom", "bedroom", "hallway"), colour=(0.7, 0.6, 0.4), material="glass",
    ),
    Category(
        name="rug",
        synonyms=("rug", "carpet", "area rug", "floor mat", "doormat", "door mat", "runner rug", "rug runner", "mat"),
        size_min=(0.6, 0.4, 0.004), size_typical=(2.0, 1.4, 0.008), size_max=(4.6, 3.7, 0.009), functional_sides=(),
        rooms=("living_room", "bedroom"), roles=("flat",), colour=(0.62, 0.35, 0.3), material="fabric",
    ),
    Category(
        name="painting",
        synonyms=("painting", "picture", "artwork", "framed print", "wall art", "canvas",
                  "framed picture", "art print",
                  "framed art"),
        size_min=(0.3, 0.02, 0.3), size_typical=(0.8, 0.03, 0.6), size_max=(2.0, 0.06, 1.5), support="wall",
        mount_height=1.5, rooms=("living_room", "bedroom", "dining_room"), colour=(0.35, 0.28, 0.2), material="paper",
        params=(Param("patches", "int", 0, 12, integers(2, 7)),),
    ),
    Category(
        name="plant",
        synonyms=("plant", "potted plant", "houseplant", "house plant", "indoor plant", "pot plant", "ficus",
                  "fern", "monstera", "fiddle leaf fig", "palm", "bonsai",
                  "snake plant", "flower pot", "planter", "rubber plant", "artificial plant", "decorative plant",
                  "plant container", "fake plant"),
        size_min=(0.2, 0.2, 0.3), size_typical=(0.45, 0.45, 1.0), size_max=(0.9, 0.9, 2.0), functional_sides=(),
        rooms=("living_room", "office"), roles=("corner",), colour=(0.72, 0.4, 0.25), material="ceramic",
        params=(Param("clumps", "int", 1, 12, integers(4, 8)),),
    ),
)
