"""The object catalog: canonical category names, synonyms, size priors, support type and functional sides.

Sizes are (width, depth, height) in metres in the object's local frame (width along x, depth along y, front faces +y;
see ``scenegen.scene``). ``support`` says what an object stands on: the floor, another object's top, a wall, or the
ceiling. ``supported_by`` lists the categories whose top surface can hold an object-supported category.
``functional_sides`` are the sides a person must reach to use the object (``front``, ``back``, ``left``, ``right``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from scenegen.scene import GenericProposal, ObjectInstance

Size = tuple[float, float, float]
Support = Literal["floor", "object", "wall", "ceiling"]
Side = Literal["front", "back", "left", "right"]
Role = Literal["flat", "seat", "knee_top", "corner", "free_standing"]

ROLES: dict[str, str] = {
    "flat": "lies flat on the floor (rugs, mats): walked over, furniture stands on it",
    "seat": "a seat tucked under a table or desk by design: its front faces the knee space",
    "knee_top": "a raised top with knee space under it, that seats are pulled up to",
    "corner": "a small floor object a person tucks into a corner when the prompt gives it no place",
    "free_standing": "may stand free in the room; other floor objects without a stated place lean towards the walls",
}
"""Solver and validator roles a category can have."""


@dataclass(frozen=True)
class Category:
    """One catalog entry. Sizes are (W, D, H) in metres."""

    name: str
    synonyms: tuple[str, ...]
    size_min: Size
    size_typical: Size
    size_max: Size
    support: Support = "floor"
    supported_by: tuple[str, ...] = ()
    functional_sides: tuple[Side, ...] = ("front",)
    against_wall: bool = False
    """Placed against a wall unless the prompt says otherwise (beds, wardrobes, bookshelves)."""
    mount_height: float | None = None
    """For wall objects: height of the object's centre above the floor, metres."""
    rooms: tuple[str, ...] = ()
    """Room types this object typically belongs to (used to guess the room type)."""
    has_top: bool = False
    """Whether its top surface can hold small objects."""
    size_words: dict[str, Size] = field(default_factory=dict)
    """Category-specific size words (``queen``, ``king``, ``single`` for beds) mapped to a typical size."""
    roles: tuple[Role, ...] = ()
    """What the solver and the validators treat it as (see ``ROLES``)."""
    companions: tuple[tuple[str, str], ...] = ()
    """(anchor category, relation) pairs: what a person expects it to stand by when the prompt does not say, tried in
    order ('a+b' asks for both relations): nightstands flank the bed, an office chair sits at the desk."""
    seats: int | None = None
    """How many seats a person pulls up to one of these (a desk 1, a dining table 8); None = no limit."""
    flanks_head_of: tuple[str, ...] = ()
    """Categories whose head end (back) it stands beside when 'next to' one (a nightstand by a bed)."""

    def __post_init__(self) -> None:
        for lo, mid, hi in zip(self.size_min, self.size_typical, self.size_max):
            if not (0 < lo <= mid <= hi):
                raise ValueError(f"category {self.name!r}: size priors must satisfy 0 < min <= typical <= max")


GENERIC = Category(
    name="generic", synonyms=(), size_min=(0.2, 0.2, 0.2), size_typical=(0.5, 0.5, 0.5),
    size_max=(2.0, 2.0, 2.0), functional_sides=("front",),
)
"""What an unknown noun becomes: a flagged box of a plain size, never a silent drop."""


def _c(name: str, synonyms: tuple[str, ...], size_min: Size, size_typical: Size, size_max: Size, **kw: object) -> Category:
    return Category(name, synonyms, size_min, size_typical, size_max, **kw)  # type: ignore[arg-type]


_BED = ("bedroom",)
_LIV = ("living_room",)
_KIT = ("kitchen",)
_DIN = ("dining_room",)
_OFF = ("office",)
_BATH = ("bathroom",)
_GYM = ("gym",)
_TOPS = ("nightstand", "desk", "dresser", "side_table", "sideboard", "cabinet", "coffee_table", "tv_stand",
         "bookshelf", "wall_shelf", "dining_table", "kitchen_island", "kitchen_cabinet", "filing_cabinet")
"""Every category with a usable top surface, for small decor that can stand almost anywhere."""

_ENTRIES: tuple[Category, ...] = (
    # ---------------------------------------------------------------- bedroom
    _c("bed", ("bed", "double bed", "single bed", "twin bed", "queen bed", "king bed", "queen size bed",
               "king size bed", "platform bed", "bedstead", "daybed"),
       (0.9, 1.9, 0.4), (1.6, 2.05, 0.9), (2.0, 2.2, 1.3),
       functional_sides=("left", "right"), against_wall=True, rooms=_BED, has_top=True,
       size_words={"single": (0.95, 2.0, 0.85), "twin": (0.99, 1.95, 0.85), "double": (1.4, 2.0, 0.9),
                   "full": (1.37, 1.95, 0.9), "queen": (1.6, 2.05, 0.95), "king": (1.95, 2.1, 1.0),
                   "super king": (1.83, 2.0, 1.0)}),
    _c("nightstand", ("nightstand", "night stand", "bedside table", "night table", "bedside cabinet",
                      "bedside stand"),
       (0.35, 0.3, 0.4), (0.5, 0.4, 0.55), (0.7, 0.5, 0.75), against_wall=True, rooms=_BED, has_top=True,
       companions=(("bed", "next_to"),), flanks_head_of=("bed",)),
    _c("wardrobe", ("wardrobe", "armoire", "closet", "clothes closet", "clothes cabinet", "clothes wardrobe"),
       (0.6, 0.5, 1.6), (1.2, 0.6, 2.0), (2.4, 0.7, 2.4), against_wall=True, rooms=_BED),
    _c("dresser", ("dresser", "chest of drawers", "bureau", "dressing table", "drawer chest", "tallboy",
                   "lowboy"),
       (0.6, 0.4, 0.7), (1.2, 0.5, 0.85), (1.8, 0.6, 1.3), against_wall=True, rooms=_BED, has_top=True),
    _c("table_lamp", ("table lamp", "lamp", "desk lamp", "bedside lamp", "reading lamp", "night light"),
       (0.15, 0.15, 0.25), (0.3, 0.3, 0.5), (0.5, 0.5, 0.8), support="object",
       supported_by=("nightstand", "desk", "dresser", "side_table", "sideboard", "cabinet", "coffee_table"),
       functional_sides=(), rooms=("bedroom", "living_room", "office")),
    _c("floor_lamp", ("floor lamp", "standing lamp", "standard lamp", "torchiere", "arc lamp", "floor light",
                      "standing light"),
       (0.25, 0.25, 1.2), (0.4, 0.4, 1.6), (0.6, 0.6, 2.0), functional_sides=(), rooms=("living_room", "bedroom"),
       roles=("corner",), companions=(("sofa", "next_to"), ("armchair", "next_to"), ("desk", "next_to"))),
    _c("mirror", ("mirror", "wall mirror", "vanity mirror", "bathroom mirror", "full length mirror",
                  "looking glass"),
       (0.3, 0.02, 0.4), (0.6, 0.03, 0.9), (1.2, 0.05, 1.8), support="wall", mount_height=1.4,
       rooms=("bathroom", "bedroom", "hallway")),
    # Rugs and mats stay under 1 cm: furniture standing half on one must still touch the floor within SceneEval's
    # 1 cm contact tolerance (after its 5 mm lift), or the support check would call it overhanging.
    _c("rug", ("rug", "carpet", "area rug", "floor mat", "doormat", "door mat", "runner rug", "rug runner"),
       (0.6, 0.4, 0.004), (2.0, 1.4, 0.008), (4.0, 3.0, 0.009), functional_sides=(),
       rooms=("living_room", "bedroom"),
       roles=("flat",)),
    _c("painting", ("painting", "picture", "artwork", "framed print", "poster", "wall art", "canvas",
                    "framed picture", "art print", "picture frame", "framed photo", "photo frame", "framed art"),
       (0.3, 0.02, 0.3), (0.8, 0.03, 0.6), (2.0, 0.06, 1.5), support="wall", mount_height=1.5,
       rooms=("living_room", "bedroom", "dining_room")),
    _c("plant", ("plant", "potted plant", "houseplant", "house plant", "indoor plant", "pot plant", "ficus",
                 "fern", "monstera", "fiddle leaf fig", "palm", "cactus", "succulent", "bonsai", "snake plant",
                 "flower pot", "planter", "rubber plant"),
       (0.2, 0.2, 0.3), (0.45, 0.45, 1.0), (0.9, 0.9, 2.0), functional_sides=(),
       rooms=("living_room", "office"),
       roles=("corner",)),
    # ---------------------------------------------------------------- living room / office seating
    _c("armchair", ("armchair", "arm chair", "lounge chair", "accent chair", "easy chair", "recliner",
                    "club chair", "wingback chair", "wingback", "reading chair", "rocking chair", "bergere"),
       (0.6, 0.65, 0.7), (0.85, 0.85, 0.9), (1.1, 1.0, 1.1), rooms=_LIV,
       companions=(("coffee_table", "near"), ("sofa", "near"))),
    _c("desk", ("desk", "writing desk", "computer desk", "work desk", "office desk", "study desk",
                "standing desk", "workstation", "study table", "writing table"),
       (0.8, 0.45, 0.7), (1.2, 0.6, 0.75), (2.0, 0.9, 1.2), against_wall=True, rooms=("office", "bedroom"),
       has_top=True,
       roles=("knee_top",), seats=1),
    _c("office_chair", ("office chair", "desk chair", "swivel chair", "computer chair", "task chair",
                        "gaming chair", "ergonomic chair", "rolling chair"),
       (0.5, 0.5, 0.8), (0.65, 0.65, 1.05), (0.75, 0.75, 1.3), rooms=_OFF,
       roles=("seat",), companions=(("desk", "in_front_of+face_to"),)),
    _c("chair", ("chair", "dining chair", "side chair", "kitchen chair", "folding chair", "straight chair",
                 "ladderback chair"),
       (0.38, 0.4, 0.75), (0.45, 0.52, 0.88), (0.6, 0.62, 1.1), rooms=("dining_room", "kitchen"),
       roles=("seat",), companions=(("dining_table", "around"), ("desk", "in_front_of+face_to"), ("kitchen_island", "around"))),
    _c("bookshelf", ("bookshelf", "bookcase", "book shelf", "book case", "shelving unit", "shelving",
                     "shelf unit", "etagere", "book rack"),
       (0.4, 0.25, 0.8), (0.8, 0.32, 1.8), (2.0, 0.45, 2.4), against_wall=True, rooms=("living_room", "office"),
       has_top=True),
    _c("sofa", ("sofa", "couch", "settee", "loveseat", "love seat", "sectional", "sectional sofa", "sofa bed",
                "futon", "divan", "chesterfield", "davenport"),
       (1.3, 0.75, 0.7), (2.1, 0.9, 0.85), (3.2, 1.1, 1.0), against_wall=True, rooms=_LIV,
       size_words={"two seater": (1.5, 0.88, 0.85), "three seater": (2.1, 0.9, 0.85),
                   "four seater": (2.6, 0.95, 0.85)}),
    _c("coffee_table", ("coffee table", "cocktail table", "center table", "centre table", "low table",
                        "tea table"),
       (0.5, 0.4, 0.3), (1.1, 0.6, 0.42), (1.6, 1.0, 0.5), functional_sides=("front", "back"), rooms=_LIV,
       has_top=True,
       roles=("free_standing",), companions=(("sofa", "in_front_of"), ("armchair", "in_front_of"))),
    _c("tv", ("tv", "television", "flat screen tv", "flatscreen tv", "flat screen", "flatscreen", "tv set",
              "television set", "smart tv", "flat screen television", "telly"),
       (0.6, 0.15, 0.4), (1.25, 0.25, 0.78), (2.0, 0.4, 1.2), support="object",
       supported_by=("tv_stand", "dresser", "sideboard", "cabinet"), rooms=("living_room", "bedroom")),
    _c("tv_stand", ("tv stand", "tv cabinet", "tv unit", "tv console", "tv table", "media console",
                    "media unit", "media cabinet", "entertainment center", "entertainment centre",
                    "entertainment unit", "television stand"),
       (0.8, 0.3, 0.35), (1.6, 0.4, 0.5), (2.4, 0.55, 0.8), against_wall=True, rooms=_LIV, has_top=True,
       companions=(("sofa", "across_from"), ("armchair", "across_from"), ("bed", "across_from"))),
    _c("side_table", ("side table", "end table", "accent table", "occasional table", "lamp table",
                      "sofa table"),
       (0.35, 0.35, 0.4), (0.5, 0.5, 0.55), (0.7, 0.7, 0.7), rooms=_LIV, has_top=True,
       companions=(("sofa", "next_to"), ("armchair", "next_to"), ("bed", "next_to")), flanks_head_of=("bed",)),
    _c("ottoman", ("ottoman", "pouf", "pouffe", "footstool", "foot stool", "footrest", "foot rest", "hassock",
                   "bean bag", "beanbag"),
       (0.4, 0.4, 0.3), (0.6, 0.6, 0.42), (1.2, 0.8, 0.5), functional_sides=(), rooms=_LIV,
       roles=("free_standing",), companions=(("armchair", "in_front_of"), ("sofa", "in_front_of"))),
    # ---------------------------------------------------------------- kitchen / dining
    _c("fridge", ("fridge", "refrigerator", "fridge freezer", "freezer", "icebox", "ice box"),
       (0.5, 0.55, 0.8), (0.75, 0.7, 1.8), (1.0, 0.8, 2.0), against_wall=True, rooms=_KIT),
    _c("stove", ("stove", "oven", "cooker", "range", "kitchen range", "cooktop", "stovetop", "stove top", "hob",
                 "gas stove", "electric stove", "range cooker"),
       (0.5, 0.55, 0.85), (0.76, 0.65, 0.92), (1.2, 0.75, 1.0), against_wall=True, rooms=_KIT),
    _c("microwave", ("microwave", "microwave oven"),
       (0.4, 0.3, 0.22), (0.5, 0.38, 0.3), (0.6, 0.45, 0.38), support="object",
       supported_by=("kitchen_cabinet", "kitchen_island", "sideboard", "cabinet", "dining_table"), rooms=_KIT),
    _c("sink", ("sink", "washbasin", "wash basin", "basin", "pedestal sink", "kitchen sink", "bathroom sink",
                "hand basin", "utility sink"),
       (0.4, 0.35, 0.75), (0.6, 0.5, 0.9), (1.2, 0.65, 0.95), against_wall=True, rooms=("kitchen", "bathroom")),
    _c("kitchen_cabinet", ("kitchen cabinet", "kitchen cupboard", "base cabinet", "kitchen counter", "counter",
                           "countertop", "counter top", "kitchen unit", "worktop", "kitchen cabinets"),
       (0.3, 0.55, 0.85), (0.8, 0.62, 0.92), (3.0, 0.7, 0.95), against_wall=True, rooms=_KIT, has_top=True),
    _c("kitchen_island", ("kitchen island", "island", "breakfast bar", "island counter", "kitchen cart"),
       (0.9, 0.6, 0.85), (1.8, 0.9, 0.92), (3.0, 1.3, 0.95), functional_sides=("front", "back"), rooms=_KIT,
       has_top=True,
       roles=("knee_top", "free_standing",), seats=4),
    _c("dishwasher", ("dishwasher", "dish washer", "dishwashing machine"),
       (0.45, 0.55, 0.8), (0.6, 0.6, 0.85), (0.6, 0.65, 0.9), against_wall=True, rooms=_KIT),
    _c("bar_stool", ("bar stool", "barstool", "counter stool", "high stool", "breakfast stool", "kitchen stool"),
       (0.3, 0.3, 0.6), (0.4, 0.4, 0.75), (0.5, 0.5, 1.1), rooms=_KIT,
       roles=("seat",), companions=(("kitchen_island", "around"), ("dining_table", "around"))),
    _c("dining_table", ("dining table", "table", "kitchen table", "dinner table", "dining room table",
                        "breakfast table", "dinette table"),
       (0.7, 0.7, 0.7), (1.6, 0.9, 0.75), (3.0, 1.2, 0.78), functional_sides=("front", "back"),
       rooms=("dining_room", "kitchen"), has_top=True,
       roles=("knee_top", "free_standing",), seats=8),
    _c("sideboard", ("sideboard", "buffet", "credenza", "buffet cabinet", "console table", "hutch",
                     "china cabinet"),
       (0.9, 0.35, 0.6), (1.6, 0.45, 0.8), (2.4, 0.55, 1.0), against_wall=True, rooms=("dining_room", "living_room"),
       has_top=True),
    # ---------------------------------------------------------------- office
    _c("filing_cabinet", ("filing cabinet", "file cabinet", "file drawer", "filing drawer", "file drawers",
                          "filing drawers", "file cabinets"),
       (0.35, 0.45, 0.5), (0.45, 0.6, 1.0), (0.9, 0.75, 1.4), against_wall=True, rooms=_OFF, has_top=True),
    _c("monitor", ("monitor", "computer monitor", "computer screen", "pc monitor", "computer", "desktop computer",
                   "display monitor", "desktop monitor"),
       (0.35, 0.12, 0.25), (0.6, 0.2, 0.45), (1.0, 0.3, 0.65), support="object",
       supported_by=("desk", "dining_table", "kitchen_island"), rooms=_OFF),
    _c("laptop", ("laptop", "laptop computer", "notebook computer", "macbook"),
       (0.28, 0.19, 0.17), (0.34, 0.24, 0.22), (0.42, 0.3, 0.3), support="object",
       supported_by=("desk", "dining_table", "coffee_table", "kitchen_island", "side_table", "nightstand"),
       rooms=_OFF),
    _c("printer", ("printer", "laser printer", "inkjet printer", "copier", "photocopier", "scanner"),
       (0.35, 0.3, 0.15), (0.45, 0.38, 0.25), (0.6, 0.55, 0.5), support="object",
       supported_by=("desk", "filing_cabinet", "cabinet", "sideboard"), rooms=_OFF),
    _c("whiteboard", ("whiteboard", "white board", "dry erase board", "marker board", "chalkboard",
                      "blackboard", "pinboard", "bulletin board", "cork board", "corkboard"),
       (0.6, 0.02, 0.45), (1.5, 0.03, 1.0), (2.4, 0.06, 1.2), support="wall", mount_height=1.3,
       rooms=("office", "classroom")),
    # ---------------------------------------------------------------- bathroom / laundry
    _c("toilet", ("toilet", "wc", "water closet", "loo", "commode", "toilet bowl", "lavatory"),
       (0.35, 0.55, 0.7), (0.4, 0.68, 0.78), (0.5, 0.8, 0.85), against_wall=True, rooms=_BATH),
    _c("bathtub", ("bathtub", "bath tub", "tub", "bath", "soaking tub", "clawfoot tub", "freestanding tub",
                   "jacuzzi", "hot tub"),
       (1.4, 0.7, 0.5), (1.7, 0.75, 0.58), (2.0, 1.0, 0.7), against_wall=True, functional_sides=("front",),
       rooms=_BATH),
    _c("shower", ("shower", "shower stall", "shower cabin", "shower cubicle", "shower enclosure",
                  "walk in shower", "shower booth"),
       (0.7, 0.7, 1.9), (0.9, 0.9, 2.1), (1.6, 1.0, 2.3), against_wall=True, rooms=_BATH),
    _c("bathroom_vanity", ("bathroom vanity", "vanity", "vanity unit", "vanity cabinet", "bathroom cabinet",
                           "sink cabinet", "vanity sink"),
       (0.5, 0.4, 0.75), (0.9, 0.5, 0.85), (1.6, 0.6, 0.95), against_wall=True, rooms=_BATH, has_top=True),
    _c("towel_rack", ("towel rack", "towel rail", "towel bar", "towel holder", "towel ladder",
                      "heated towel rail", "towel radiator", "towel hook"),
       (0.3, 0.05, 0.05), (0.5, 0.1, 0.6), (1.0, 0.2, 1.2), support="wall", mount_height=1.1, rooms=_BATH),
    _c("washing_machine", ("washing machine", "washer", "clothes washer", "laundry machine", "washer dryer",
                           "tumble dryer", "clothes dryer", "dryer"),
       (0.55, 0.5, 0.8), (0.6, 0.6, 0.85), (0.7, 0.7, 0.9), against_wall=True,
       rooms=("laundry_room", "bathroom", "kitchen")),
    # ---------------------------------------------------------------- gym
    _c("treadmill", ("treadmill", "running machine", "walking machine", "running treadmill"),
       (0.6, 1.4, 1.1), (0.8, 1.8, 1.4), (1.0, 2.2, 1.6), functional_sides=("back",), rooms=_GYM,
       roles=("free_standing",)),
    _c("exercise_bike", ("exercise bike", "stationary bike", "spin bike", "exercise bicycle", "indoor bike",
                         "spinning bike", "exercise cycle", "peloton"),
       (0.45, 0.9, 1.0), (0.55, 1.1, 1.3), (0.7, 1.4, 1.5), functional_sides=("left", "right"), rooms=_GYM,
       roles=("free_standing",)),
    _c("weight_bench", ("weight bench", "workout bench", "exercise bench", "gym bench", "bench press",
                        "weightlifting bench", "lifting bench"),
       (0.3, 1.0, 0.4), (0.6, 1.25, 0.45), (1.2, 1.8, 1.6), functional_sides=("left", "right"), rooms=_GYM,
       roles=("free_standing",), companions=(("dumbbell_rack", "near"),)),
    _c("dumbbell_rack", ("dumbbell rack", "dumbbell", "dumbbells", "weight rack", "free weights", "weights",
                         "dumbbell stand", "kettlebell rack", "kettlebell"),
       (0.5, 0.3, 0.5), (1.0, 0.45, 0.8), (1.6, 0.6, 1.0), against_wall=True, rooms=_GYM),
    _c("yoga_mat", ("yoga mat", "exercise mat", "gym mat", "workout mat", "pilates mat", "fitness mat",
                    "exercise mats"),
       (0.55, 1.6, 0.003), (0.61, 1.83, 0.006), (0.8, 2.0, 0.009), functional_sides=(),
       rooms=("gym", "bedroom", "living_room"),
       roles=("flat",)),
    # ---------------------------------------------------------------- decor and small things
    _c("vase", ("vase", "flower vase", "vase of flowers", "flowers", "bouquet", "urn", "bunch of flowers"),
       (0.08, 0.08, 0.15), (0.15, 0.15, 0.3), (0.35, 0.35, 0.7), support="object",
       supported_by=("dining_table", "coffee_table", "side_table", "sideboard", "dresser", "nightstand", "desk",
                     "kitchen_island", "wall_shelf", "bookshelf", "cabinet", "tv_stand"),
       functional_sides=(), rooms=("living_room", "dining_room")),
    _c("books", ("books", "book", "stack of books", "pile of books", "novel", "book stack", "magazines",
                 "magazine", "pile of magazines"),
       (0.12, 0.15, 0.03), (0.22, 0.28, 0.12), (0.5, 0.35, 0.3), support="object",
       supported_by=("bookshelf", "desk", "coffee_table", "nightstand", "side_table", "wall_shelf", "dresser",
                     "sideboard", "dining_table", "cabinet", "tv_stand"),
       functional_sides=(), rooms=("living_room", "office", "bedroom")),
    _c("wall_clock", ("wall clock", "clock", "kitchen clock", "round clock"),
       (0.2, 0.03, 0.2), (0.3, 0.05, 0.3), (0.6, 0.08, 0.6), support="wall", mount_height=1.9,
       functional_sides=(), rooms=("kitchen", "living_room", "office")),
    _c("ceiling_light", ("ceiling light", "ceiling lamp", "pendant light", "pendant lamp", "pendant",
                         "light fixture", "overhead light", "flush mount light", "ceiling fixture",
                         "hanging lamp", "hanging light"),
       (0.15, 0.15, 0.1), (0.35, 0.35, 0.25), (0.6, 0.6, 0.8), support="ceiling", functional_sides=(),
       rooms=("living_room", "bedroom", "kitchen", "dining_room", "office")),
    _c("chandelier", ("chandelier", "crystal chandelier", "candelabra"),
       (0.4, 0.4, 0.4), (0.7, 0.7, 0.7), (1.2, 1.2, 1.2), support="ceiling", functional_sides=(),
       rooms=("dining_room", "living_room")),
    _c("ceiling_fan", ("ceiling fan", "fan", "overhead fan"),
       (0.8, 0.8, 0.2), (1.3, 1.3, 0.35), (1.6, 1.6, 0.6), support="ceiling", functional_sides=(),
       rooms=("bedroom", "living_room")),
    _c("wall_shelf", ("wall shelf", "shelf", "floating shelf", "wall mounted shelf", "wall shelves",
                      "hanging shelf", "ledge shelf", "picture ledge"),
       (0.3, 0.15, 0.03), (0.8, 0.22, 0.04), (1.8, 0.35, 0.3), support="wall", mount_height=1.5,
       rooms=("living_room", "bedroom", "office", "kitchen"), has_top=True),
    _c("cabinet", ("cabinet", "cupboard", "storage cabinet", "display cabinet", "curio cabinet",
                   "storage unit", "utility cabinet", "linen cabinet", "locker"),
       (0.4, 0.3, 0.6), (0.8, 0.4, 1.0), (1.6, 0.6, 2.2), against_wall=True, rooms=("living_room", "office"),
       has_top=True),
    _c("trash_can", ("trash can", "trash bin", "garbage can", "garbage bin", "waste basket", "wastebasket",
                     "waste bin", "wastepaper basket", "rubbish bin", "bin", "dustbin", "recycling bin",
                     "trashcan", "litter bin", "pedal bin"),
       (0.2, 0.2, 0.25), (0.3, 0.3, 0.45), (0.5, 0.5, 0.8), functional_sides=(),
       rooms=("kitchen", "office", "bathroom"),
       roles=("corner",)),
    _c("piano", ("piano", "upright piano", "grand piano", "baby grand piano", "baby grand", "digital piano",
                 "pianoforte"),
       (1.1, 0.45, 0.9), (1.5, 0.6, 1.25), (1.6, 2.0, 1.4), against_wall=True, rooms=("living_room", "music_room"),
       size_words={"upright": (1.5, 0.6, 1.25), "baby grand": (1.5, 1.5, 1.0), "grand": (1.55, 1.9, 1.0)},
       roles=("free_standing",)),
    _c("guitar", ("guitar", "acoustic guitar", "electric guitar", "bass guitar", "guitar on a stand",
                  "guitar stand", "ukulele"),
       (0.3, 0.25, 0.9), (0.4, 0.3, 1.0), (0.5, 0.45, 1.2), functional_sides=(),
       rooms=("living_room", "bedroom", "music_room"),
       roles=("corner",)),
    _c("speaker", ("speaker", "loudspeaker", "floor speaker", "floorstanding speaker", "stereo speaker",
                   "subwoofer", "tower speaker", "bookshelf speaker", "hifi speaker", "sound system"),
       (0.15, 0.15, 0.2), (0.25, 0.3, 0.9), (0.45, 0.5, 1.3), rooms=("living_room", "music_room"),
       roles=("corner",)),
    _c("coat_rack", ("coat rack", "coat stand", "hat stand", "hat rack", "coat tree", "hall tree",
                     "clothes rack", "clothes stand", "coat hanger", "garment rack"),
       (0.35, 0.35, 1.5), (0.5, 0.5, 1.8), (0.7, 0.7, 2.0), functional_sides=(), rooms=("hallway", "bedroom"),
       roles=("corner",)),
    _c("bench", ("bench", "entryway bench", "hallway bench", "storage bench", "piano bench", "window bench",
                 "wooden bench", "bench seat", "end of bed bench"),
       (0.8, 0.3, 0.4), (1.2, 0.4, 0.45), (2.0, 0.6, 0.55), rooms=("hallway", "bedroom", "dining_room")),
    _c("stool", ("stool", "step stool", "low stool", "vanity stool", "milking stool"),
       (0.3, 0.3, 0.35), (0.35, 0.35, 0.45), (0.45, 0.45, 0.6), functional_sides=(),
       rooms=("kitchen", "bathroom", "bedroom"),
       roles=("seat",)),
    _c("crib", ("crib", "cot", "baby crib", "baby cot", "cradle", "bassinet", "baby bed", "cot bed"),
       (1.0, 0.6, 0.8), (1.3, 0.75, 0.95), (1.45, 0.85, 1.1), against_wall=True, rooms=("nursery", "bedroom"),
       roles=("free_standing",)),
    _c("laundry_basket", ("laundry basket", "laundry hamper", "hamper", "clothes hamper", "laundry bin",
                          "clothes basket", "basket"),
       (0.3, 0.25, 0.3), (0.45, 0.35, 0.55), (0.6, 0.45, 0.7), functional_sides=(),
       rooms=("bedroom", "bathroom", "laundry_room"),
       roles=("corner",)),
    _c("shoe_rack", ("shoe rack", "shoe cabinet", "shoe shelf", "shoe stand", "shoe storage", "shoe organizer",
                     "shoe organiser", "shoe bench", "shoe cupboard"),
       (0.5, 0.25, 0.3), (0.8, 0.3, 0.6), (1.2, 0.4, 1.2), against_wall=True, rooms=("hallway", "bedroom")),
)

CATALOG: dict[str, Category] = {c.name: c for c in _ENTRIES}


def get(name: str) -> Category:
    """The category called ``name`` (canonical name); ``generic`` for the generic fallback."""
    if name == GENERIC.name:
        return GENERIC
    try:
        return CATALOG[name]
    except KeyError:
        raise KeyError(f"unknown category {name!r}") from None


def names() -> list[str]:
    return sorted(CATALOG)


def find(name: str) -> Category | None:
    """The category called ``name`` (canonical name), or None for a name outside the catalog (``generic`` included)."""
    return CATALOG.get(name)


@functools.cache
def with_role(role: Role) -> frozenset[str]:
    """Canonical names of the categories that have ``role`` (see ``ROLES``).

    >>> sorted(with_role("flat"))
    ['rug', 'yoga_mat']
    """
    if role not in ROLES:
        raise KeyError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
    return frozenset(c.name for c in CATALOG.values() if role in c.roles)


def companions(name: str) -> tuple[tuple[str, str], ...]:
    """``Category.companions`` of the category called ``name``; () for a name outside the catalog."""
    cat = CATALOG.get(name)
    return cat.companions if cat else ()


def flanks_head(subject: str, target: str) -> bool:
    """Whether a ``subject`` 'next to' a ``target`` stands beside the target's head end (``Category.flanks_head_of``)."""
    cat = CATALOG.get(subject)
    return cat is not None and target in cat.flanks_head_of


def for_object(category: str, generic: bool = False, proposal: "GenericProposal | None" = None) -> Category:
    """The category entry that sizes and places a planned object: the catalog's, or for an object outside the catalog
    a generic entry built from the planner's ``proposal`` (its size as the typical size, ±25% as the range, its support
    type; wall objects hung at eye height), else ``GENERIC``."""
    if not generic:
        return get(category)
    if proposal is None:
        return GENERIC
    w, d, h = proposal.size
    mount = max(1.5, h / 2 + 0.1) if proposal.support == "wall" else None
    return Category(name=GENERIC.name, synonyms=(), size_min=(w * 0.75, d * 0.75, h * 0.75), size_typical=(w, d, h),
                    size_max=(w * 1.25, d * 1.25, h * 1.25), support=proposal.support,
                    functional_sides=("front",) if proposal.support == "floor" else (), mount_height=mount,
                    against_wall=proposal.support == "wall")


_IRREGULAR: dict[str, str] = {
    "cacti": "cactus", "cactuses": "cactus", "canvases": "canvas", "leaves": "leaf", "knives": "knife",
    "shelves": "shelf", "people": "person", "feet": "foot", "children": "child", "mice": "mouse",
    "atlases": "atlas", "lenses": "lens", "buses": "bus", "dresses": "dress", "pianos": "piano",
}
"""Plurals the suffix rules below would get wrong."""

_KEEP_S: frozenset[str] = frozenset({
    "canvas", "atlas", "lens", "series", "species", "gas", "chaos", "bias", "dais", "christmas", "this", "its",
    "is", "was", "has", "us", "yes", "plus", "bus", "cactus", "lotus", "ficus", "hibiscus", "asparagus",
})
"""Singular words that end in ``s`` (never stripped)."""


def _singular(word: str) -> str:
    """The singular of one lower-case English noun, by a few suffix rules (``bookshelves`` -> ``bookshelf``,
    ``benches`` -> ``bench``, ``stoves`` -> ``stove``, ``dressers`` -> ``dresser``, ``tvs`` -> ``tv``).

    Good enough for furniture nouns; applied identically to catalog phrases and to queries, so a rare wrong singular
    still matches its own plural.
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _KEEP_S or not word.endswith("s") or word.endswith(("ss", "us", "is")) or len(word) <= 2:
        return word
    for suffix, repl in (("lves", "lf"), ("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"),
                         ("xes", "x"), ("zzes", "z")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)] + repl
    return word[:-1]


def normalise_phrase(phrase: str) -> str:
    """Lower-case words of ``phrase`` (letters only; ``_``, ``-`` and punctuation split words), each singular."""
    words = re.findall(r"[a-z]+", phrase.lower().replace("_", " "))
    return " ".join(_singular(w) for w in words)


def _build_synonym_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for cat in CATALOG.values():
        for phrase in (cat.name.replace("_", " "), *cat.synonyms):
            index.setdefault(normalise_phrase(phrase), cat.name)
    return index


_SYNONYMS: dict[str, str] = _build_synonym_index()
MAX_SYNONYM_WORDS = max(len(k.split()) for k in _SYNONYMS)


def resolve(noun: str) -> Category | None:
    """The category a noun phrase names (synonyms, plurals and case folded), or None when it is not in the catalog.

    >>> resolve("Bedside Tables").name
    'nightstand'
    """
    key = normalise_phrase(noun)
    name = _SYNONYMS.get(key)
    return CATALOG[name] if name else None


def synonym_index() -> dict[str, str]:
    """Normalised phrase -> canonical category name (a copy)."""
    return dict(_SYNONYMS)


GENERAL_SIZE_WORDS: dict[str, str] = {
    "small": "small", "little": "small", "tiny": "small", "compact": "small", "mini": "small", "petite": "small",
    "narrow": "small", "slim": "small",
    "large": "large", "big": "large", "huge": "large", "giant": "large", "oversized": "large", "wide": "large",
    "spacious": "large", "massive": "large", "generous": "large", "extra large": "large",
    "tall": "tall", "high": "tall", "short": "short", "low": "short",
}
"""Size words any category understands, mapped to ``small`` / ``large`` (all three extents) or ``tall`` / ``short``
(height only). Category-specific words (``queen``, ``three seater``) live in ``Category.size_words``."""

_NUMBER_WORDS = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six"}


def _size_key(word: str) -> str:
    words = re.findall(r"[a-z0-9]+", word.lower().replace("_", " "))
    words = [_NUMBER_WORDS.get(w, w) for w in words]
    while words and words[-1] in ("size", "sized", "bed", "seat", "seats"):
        words.pop()
    return " ".join(words)


def size_for_word(category: Category, word: str) -> Size | None:
    """The typical (W, D, H) in metres that a category-specific size word names, or None.

    Spelling is folded: ``"Queen-size"``, ``"queen sized"`` and ``"queen"`` all name the bed's queen size;
    ``"3-seater"`` and ``"three seater"`` the sofa's three-seater size.

    >>> size_for_word(get("bed"), "King-size")
    (1.95, 2.1, 1.0)
    """
    key = _size_key(word)
    for name, size in category.size_words.items():
        if _size_key(name) == key:
            return size
    return None


def size_class(word: str) -> str | None:
    """``small`` / ``large`` / ``tall`` / ``short`` for a general size word (see ``GENERAL_SIZE_WORDS``), else None."""
    return GENERAL_SIZE_WORDS.get(" ".join(re.findall(r"[a-z]+", word.lower())))


def support_kind(inst: "ObjectInstance") -> str:
    """How an object is held up: ``floor``, ``object``, ``wall`` or ``ceiling``.

    ``ObjectInstance.support`` decides (None = floor, ``wall`` / ``ceiling`` = mounted, anything else = the id of the
    object it stands on); an instance with ``support=None`` whose catalog category is wall- or ceiling-mounted is
    treated as mounted.
    """
    if inst.support in ("wall", "ceiling"):
        return inst.support
    if inst.support is not None:
        return "object"
    try:
        cat_support = get(inst.category).support
    except KeyError:
        cat_support = "floor"
    return cat_support if cat_support in ("wall", "ceiling") else "floor"
