"""The rules reader's constants and internal records (noun-phrase mentions, relations before ids exist)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scenegen import catalog

MAX_PER_OBJECT = 100
"""The most objects of one kind a prompt may ask for."""
FOOTPRINT_FACTOR = 2.75
SMALL_ROOM_HEADROOM = 1.6
"""A room called small/tiny/cozy is at most this many times its type's minimum area, times the size word's factor."""
"""Room floor area per m² of floor-object footprint when the prompt gives no dimensions."""
ASPECT = 1.25
ROOM_HEIGHT = 2.7
DOOR_W, DOOR_H, DOOR_GAP = 0.9, 2.1, 0.3
WINDOW_W, WINDOW_H, WINDOW_SILL = 1.2, 1.2, 0.9
MAX_WINDOWS = 3
L_SHAPED = re.compile(r"\bl[- ]?shape[d]?\b")
ARRANGED_IN = re.compile(r"\b(?:arranged |set )?in an? (?:u|l|c|circle|semi-?circle|half-?circle|ring|horseshoe|cluster)"
                         r"(?:[- ]shape[d]?)?(?= around| about| facing| round\b)", re.IGNORECASE)
"""'three armchairs in a U around a table': the shape the seats make, read as the 'around' it leads into (the
letter U is not an object)."""
"""'an L-shaped living room': the planner cuts a corner out of the rectangle."""
L_CUT = 0.4
"""Fraction of each side of the bounding rectangle that an L-shaped room's cut-away corner takes."""
EXAMPLE = "'a bedroom with a bed, two nightstands and a wardrobe'"
COMMON = ("bed", "sofa", "desk", "chair", "table_lamp", "wardrobe", "bookshelf", "dining_table", "tv", "rug", "plant")
SENTENCE_END = frozenset({".", ";", "!", "?"})
STRONG_BOUNDARIES = frozenset({",", ";", "and", "or", "with", "plus", "&", "including", "containing", "featuring",
                               "holding", "displaying", "storing"})
SUBJECT_INTRO = frozenset({",", "there", "is", "are", "stands", "sits", "stand", "sit", "hangs", "we", "have",
                           "you", "will", "find", "be", "i", "want", "would", "like", "place", "put", "goes", "go",
                           "lies", "lie", "hang", "hung", "rest", "rests", "stood", "sat", "there's", "theres", "was",
                           "were", "lay", "standing", "sitting", "hanging", "resting", "also", "see", "you'll", "can",
                           "notice", "spot"})
REMOVAL_PHRASES = frozenset({("removing",), ("tossed",), ("toss",), ("tossing",), ("gave", "away"), ("give", "away"),
                             ("giving", "away"), ("threw", "out"), ("throw", "out"), ("threw", "away"),
                             ("throw", "away"), ("took", "out"), ("take", "out"), ("taking", "out"), ("donated",),
                             ("donate",), ("got", "rid", "of"), ("getting", "rid", "of"), ("ditching",),
                             ("tore", "out"), ("ripped", "out"), ("demolished",), ("sold", "off")})
"""Phrases before a thing that say the speaker took it out of the room ("we tossed the toilet", "gave away the tub",
"removing the big shelving unit"): it is not there, and a "the" after one takes back the thing named before."""

# --------------------------------------------------------------------------------------------------------------------
# Internal records
# --------------------------------------------------------------------------------------------------------------------


@dataclass
class Mention:
    """A noun phrase that names an object (catalog or generic) or the room."""

    kind: str  # "object" | "generic" | "room"
    start: int  # first token of the phrase (count and adjectives included)
    head: int  # first token of the noun
    end: int  # one past the noun's last token
    category: str  # catalog name, "generic", or the room type
    head_text: str = ""
    description: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    qkind: str = "none"  # number | pair | vague | article | definite | none
    qcount: int = 1
    plural: bool = False
    mass: bool = False
    negated: bool = False
    alias_of: int | None = None  # index of the mention this one names too: "a sofa or a loveseat", "bed w/ mattress"
    is_target: bool = False
    held_each: bool = False  # held by each member of a group: "two desks, each with a monitor"
    anchored: bool = False  # placed relative to another object ("speakers on either side" of the tv)
    owner: int | None = None  # index of the mention whose group this one names
    count: int = 0

    @property
    def key(self) -> str:
        """What two mentions must share to name the same group."""
        return self.category if self.kind != "generic" else generic_key(self.head_text)


@dataclass
class Rel:
    """A relation between mention groups, before ids exist."""

    kind: str | None
    subjects: list[int]
    target: int | None = None  # mention index for object targets
    arch: str | None = None  # architecture target name
    distributive: bool = False
    reciprocal: bool = False
    flank: bool = False
    all_targets: bool = False  # "between": next to every member of the target group
    per_side: int = 1  # "two chairs on each long side": the count is per side, and a table has two
    params: dict[str, float | str] = field(default_factory=dict)
    src: tuple[int, int] = (0, 0)  # character span in the prompt


@dataclass
class Target:
    kind: str  # "object" | "arch" | "pronoun" | "room" | "none"
    end: int  # token index after the target
    mention: int | None = None
    arch: str | None = None
    pronoun: str | None = None
    distributive: bool = False
    params: dict[str, float | str] = field(default_factory=dict)


def is_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))




def generic_key(head_text: str) -> str:
    return " ".join(catalog.singular(w) if is_plural(w) else w for w in head_text.split())
