"""The finishes a prompt gives the room's walls and floor: "light blue walls", "walls painted sage green", "olive green
color wallpaper", "warm wooden floors", "light tan color flooring", "a white marble floor".

A colour phrase is whatever ``scenegen.assets.colours.colour_rgb`` knows (tone words included: "light blue"); a
material word is whatever ``scenegen.assets.materials.kind_for_word`` knows ("oak", "marble", "concrete"). The words
are read next to a wall or floor noun only: before it ("sage green walls") or after a linking phrase ("walls painted
in sage green", "floors of polished oak"). One wall ("an accent wall", "a white wall behind the bed") is not the
room's walls, and a carpet or a rug is an object, not the floor.
"""

from __future__ import annotations

from scenegen import catalog
from scenegen.assets.colours import TONE_WORDS, colour_rgb
from scenegen.assets.materials import kind_for_word
from scenegen.plan import text as tx
from scenegen.scene import Finish, Room

WALL_NOUNS = frozenset({"walls", "wallpaper", "wallcovering", "paneling", "panelling"})
"""nouns that name the room's walls as a whole (one ``wall`` is read only with a colour and no article: "white
wall behind the sofa" in a caption is one wall too often to trust)"""
FLOOR_NOUNS = frozenset({"floor", "floors", "flooring", "floorboards", "parquet"})
"""nouns that name the room's floor; "on the floor" carries no finish words and so reads as nothing (tiles are left
out: "white subway tiles" are as often a wall's)"""
NOT_A_SURFACE_AFTER = frozenset({"plan", "plans", "length", "to", "space", "area", "level", "standing", "model"})
"""words after "floor"/"wall" that make it part of another phrase ("floor-length curtains", "floor to ceiling");
catalog objects ("floor lamp", "wall shelf") are caught by the catalog itself"""
ONE_WALL_WORDS = frozenset({"accent", "feature", "one", "a", "an", "each", "back", "far", "left", "right", "side",
                            "opposite", "other", "single", "statement"})
"""words before "wall(s)" that make it one wall, not the room's"""
NEUTRAL_WORDS = frozenset({"color", "colour", "colored", "coloured", "painted", "paint", "smooth", "matte", "glossy",
                           "textured", "warm", "cool", "wide", "plank", "planks", "polished", "bare", "solid",
                           "finish", "with", "and", "natural", "hardwood", "real", "original", "clean", "plain",
                           "soft", "crisp", "fresh", "honed", "sanded", "waxed", "stained", "whitewashed"})
"""words that may stand between a finish word and its noun, or among finish words, without ending the phrase"""
LINKS = (("are", "painted", "in"), ("were", "painted", "in"), ("painted", "in"), ("painted",), ("are", "painted"),
         ("were", "painted"), ("are",), ("were",), ("in",), ("of",), ("done", "in"),
         ("covered", "in"), ("made", "of"), ("laid", "in"))
"""word sequences after a wall or floor noun that lead to its finish ("walls painted in sage green")"""
LOOK_BACK = 5
"""words read before a noun for its finish"""


def read_finishes(prompt: str) -> tuple[Finish | None, Finish | None]:
    """(walls, floor) finishes the prompt states, each None when it states none."""
    words = [t.text if t.kind == "word" else "," for t in tx.tokenize(prompt)]  # "," ends a phrase
    walls = floor = None
    for i, w in enumerate(words):
        if _names_a_thing(words, i):
            continue
        is_wall = w in WALL_NOUNS or _bare_coloured_wall(words, i)
        if is_wall and walls is None and not _one_wall(words, i):
            walls = _finish(words, i, materials=w in ("paneling", "panelling"))
        elif w in FLOOR_NOUNS and floor is None:
            floor = _finish(words, i, materials=True)
    return walls, floor


def _names_a_thing(words: list[str], i: int) -> bool:
    """Whether "floor"/"wall" at ``i`` is the first word of a thing's name ("floor lamp", "wall shelves")."""
    if i + 1 >= len(words):
        return False
    nxt = words[i + 1]
    return nxt in NOT_A_SURFACE_AFTER or catalog.resolve(f"{words[i]} {nxt}") is not None


def _bare_coloured_wall(words: list[str], i: int) -> bool:
    """A singular "wall" right after a colour phrase with no article before it ("Light blue wall, white furniture";
    not "against a pastel blue wall")."""
    if words[i] != "wall" or i == 0 or colour_rgb(words[i - 1]) is None:
        return False
    j = i - 1
    while j > 0 and (colour_rgb(words[j - 1]) is not None or words[j - 1] in TONE_WORDS):
        j -= 1
    return j == 0 or words[j - 1] not in ("a", "an", "the", "this", "that", "one")


def _one_wall(words: list[str], i: int) -> bool:
    back = words[max(0, i - 3):i]
    return any(w in ONE_WALL_WORDS for w in back[-2:]) and words[i] != "wallpaper"


def _finish(words: list[str], i: int, materials: bool) -> Finish | None:
    """The finish words before noun ``i``, else after a linking phrase; None when there are none."""
    before = _phrase(list(reversed(words[max(0, i - LOOK_BACK):i])), materials, backwards=True)
    if before is not None:
        return before
    for link in LINKS:
        if tuple(words[i + 1:i + 1 + len(link)]) == link:
            return _phrase(words[i + 1 + len(link):i + 1 + len(link) + LOOK_BACK], materials, backwards=False)
    return None


def _phrase(seq: list[str], materials: bool, backwards: bool) -> Finish | None:
    """Colour and material words from the start of ``seq`` (nearest the noun first), skipping ``NEUTRAL_WORDS`` and
    stopping at any other word."""
    colour: list[str] = []
    material = None
    for w in seq:
        if materials and material is None and kind_for_word(w) is not None and w not in ("painted", "paint"):
            material = w
        elif colour_rgb(w) is not None or w in TONE_WORDS:
            colour.append(w)
        elif w not in NEUTRAL_WORDS and (backwards or w not in ("a", "an", "the")):
            break
    if backwards:
        colour.reverse()
    phrase = " ".join(colour)
    if phrase and material and all(w in TONE_WORDS for w in colour):
        phrase = f"{phrase} {material}"  # "dark oak floors": the tone shades the material's own colour
    if material is None and (not phrase or colour_rgb(phrase) is None):
        return None
    return Finish(colour=phrase if phrase and colour_rgb(phrase) is not None else None, material=material)


def with_finishes(room: Room, prompt: str) -> Room:
    """``room`` with the wall and floor finishes ``prompt`` states, where the room has none yet."""
    walls, floor = read_finishes(prompt)
    update = {k: v for k, v in (("walls", walls), ("floor", floor)) if v is not None and getattr(room, k) is None}
    return room.model_copy(update=update) if update else room
