"""Living-room and study seating, tables, shelving and media."""

from __future__ import annotations

from scenegen.catalog.model import Category, Param, coin, integers, per, uniform

ENTRIES: tuple[Category, ...] = (
    Category(
        name="armchair",
        synonyms=("armchair", "arm chair", "lounge chair", "accent chair", "easy chair", "club chair",
                  "wingback chair", "wingback", "reading chair", "bergere"),
        size_min=(0.6, 0.65, 0.7), size_typical=(0.85, 0.85, 0.9), size_max=(1.1, 1.0, 1.1), rooms=("living_room",),
        companions=(("coffee_table", "near"), ("sofa", "near")), colour=(0.45, 0.5, 0.58), material="fabric",
    ),
    Category(
        name="desk",
        synonyms=("desk", "writing desk", "computer desk", "work desk", "office desk", "study desk",
                  "standing desk", "workstation", "study table", "writing table"),
        size_min=(0.8, 0.45, 0.7), size_typical=(1.2, 0.6, 0.75), size_max=(2.0, 0.9, 1.2), against_wall=True,
        rooms=("office", "bedroom", "classroom"), has_top=True, roles=("knee_top",), seats=1,
        colour=(0.6, 0.45, 0.3), material="wood", params=(Param("pedestal", "bool", 0, 1, coin(0.6)),),
    ),
    Category(
        name="office_chair",
        synonyms=("office chair", "desk chair", "swivel chair", "computer chair", "task chair",
                  "ergonomic chair", "rolling chair"),
        size_min=(0.5, 0.5, 0.8), size_typical=(0.65, 0.65, 1.05), size_max=(0.75, 0.75, 1.3), rooms=("office",),
        roles=("seat",), companions=(("desk", "in_front_of+face_to"),), colour=(0.12, 0.12, 0.13), material="fabric",
    ),
    Category(
        name="chair",
        synonyms=("chair", "dining chair", "side chair", "kitchen chair", "straight chair",
                  "ladderback chair"),
        size_min=(0.38, 0.4, 0.75), size_typical=(0.45, 0.52, 0.88), size_max=(0.6, 0.62, 1.1),
        rooms=("dining_room", "kitchen", "office", "classroom"), roles=("seat",),
        companions=(("dining_table", "around"), ("desk", "in_front_of+face_to"), ("kitchen_island", "around")),
        colour=(0.55, 0.4, 0.26), material="wood",
        params=(Param("leg", "float", 0.02, 0.06, uniform(0.03, 0.045)), Param("slats", "int", 1, 5, integers(1, 4))),
    ),
    Category(
        name="bookshelf",
        synonyms=("bookshelf", "bookcase", "book shelf", "book case", "shelving unit", "shelving", "shelf unit",
                  "etagere", "book rack"),
        size_min=(0.4, 0.25, 0.8), size_typical=(0.8, 0.32, 1.8), size_max=(2.0, 0.45, 2.4), against_wall=True,
        rooms=("living_room", "office", "classroom"), has_top=True, colour=(0.58, 0.42, 0.28), material="wood",
        params=(Param("shelves", "int", 2, 7, per("h", 0.36)), Param("books", "bool", 0, 1, coin(0.85))),
    ),
    Category(
        name="sofa",
        synonyms=("sofa", "couch", "settee", "sofa bed",
                  "futon", "divan", "chesterfield", "davenport"),
        size_min=(1.3, 0.75, 0.7), size_typical=(2.1, 0.9, 0.85), size_max=(3.2, 1.1, 1.0), against_wall=True,
        rooms=("living_room",),
        size_words={"two seater": (1.5, 0.88, 0.85), "three seater": (2.1, 0.9, 0.85),
                    "four seater": (2.6, 0.95, 0.85)},
        colour=(0.5, 0.5, 0.52), material="fabric", params=(Param("seats", "int", 1, 4, per("w", 0.65, offset=0.3)),),
    ),
    Category(
        name="coffee_table",
        synonyms=("coffee table", "cocktail table", "center table", "centre table", "low table", "tea table"),
        size_min=(0.5, 0.4, 0.3), size_typical=(1.1, 0.6, 0.42), size_max=(1.6, 1.0, 0.5),
        functional_sides=("front", "back"), rooms=("living_room",), has_top=True, roles=("free_standing",),
        companions=(("sofa", "in_front_of"), ("armchair", "in_front_of")), colour=(0.5, 0.36, 0.24), material="wood",
        params=(Param("shelf", "bool", 0, 1, coin(0.5)),),
    ),
    Category(
        name="tv",
        synonyms=("tv", "television", "flat screen tv", "flatscreen tv", "flat screen", "flatscreen", "tv set",
                  "television set", "smart tv", "flat screen television", "telly"),
        size_min=(0.6, 0.15, 0.4), size_typical=(1.25, 0.25, 0.78), size_max=(2.0, 0.4, 1.2), support="object",
        supported_by=("tv_stand", "dresser", "sideboard", "cabinet"), rooms=("living_room", "bedroom"),
        colour=(0.08, 0.08, 0.09), material="plastic",
    ),
    Category(
        name="tv_stand",
        synonyms=("tv stand", "tv cabinet", "tv unit", "tv console", "tv table", "media console", "media unit",
                  "media cabinet", "television stand"),
        size_min=(0.8, 0.3, 0.35), size_typical=(1.6, 0.4, 0.5), size_max=(2.4, 0.55, 0.8), against_wall=True,
        rooms=("living_room",), has_top=True,
        companions=(("sofa", "across_from"), ("armchair", "across_from"), ("bed", "across_from")),
        colour=(0.3, 0.24, 0.2), material="wood", params=(Param("doors", "int", 1, 4, per("w", 0.6)),),
    ),
    Category(
        name="side_table",
        synonyms=("side table", "end table", "accent table", "occasional table", "lamp table"),
        size_min=(0.35, 0.35, 0.4), size_typical=(0.5, 0.5, 0.55), size_max=(0.7, 0.7, 0.7), rooms=("living_room",),
        has_top=True, companions=(("sofa", "next_to"), ("armchair", "next_to"), ("bed", "next_to")),
        flanks_head_of=("bed",), colour=(0.6, 0.45, 0.3), material="wood",
        params=(Param("round", "bool", 0, 1, coin(0.4)),),
    ),
    Category(
        name="ottoman",
        synonyms=("ottoman", "pouf", "pouffe", "footstool", "foot stool", "footrest", "foot rest", "hassock"),
        size_min=(0.4, 0.4, 0.3), size_typical=(0.6, 0.6, 0.42), size_max=(1.2, 0.8, 0.5), functional_sides=(),
        rooms=("living_room",), roles=("free_standing",),
        companions=(("armchair", "in_front_of"), ("sofa", "in_front_of")),
        colour=(0.55, 0.45, 0.38), material="fabric", params=(Param("round", "bool", 0, 1, coin(0.3)),),
    ),
)
