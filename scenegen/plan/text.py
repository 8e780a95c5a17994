"""Small, dependency-free text helpers for the rules planner: a tokenizer that keeps character offsets, number words,
and the word lists (colours, materials, styles, size words, room types, relation phrases) the planner reads
prompts with.

Everything here is plain data and pure functions; nothing depends on the catalog.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TypeVar

V = TypeVar("V")

# --------------------------------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """One token of the lower-cased prompt: ``kind`` is ``word``, ``num`` or ``punct``; ``start``/``end`` are character
    offsets into the original prompt (so phrases can be quoted as the user wrote them)."""

    text: str
    kind: str
    start: int
    end: int
    hyphened: bool = False
    """joined to the word before it by a hyphen ("silk-cushioned", "marble-topped"): part of one compound word"""


_TOKEN_RE = re.compile(r"\d+(?:\.\d+)?|[a-z]+(?:'[a-z]+)?|[,.;:!?&()+]")


def fold_accents(text: str) -> str:
    """"café" -> "cafe", "crème" -> "creme": each accented letter becomes its base letter, so the text keeps its length
    (token offsets still index the original)."""
    if text.isascii():
        return text
    return "".join(unicodedata.normalize("NFKD", c)[0] if len(unicodedata.normalize("NFKD", c)) > 1 else c
                   for c in text)


COMPOUND_ADJECTIVES = re.compile(r"\b(wall|ceiling|floor)[- ](mounted|hung|standing)\b|\bfloor[- ]to[- ]ceiling\b")
"""'wall-mounted', 'floor-standing', 'floor-to-ceiling': one adjective, not an architecture word and a verb."""


def fold_compounds(text: str) -> str:
    """Compound adjectives joined into one word padded with spaces, so the text keeps its length ('wall-mounted tv'
    -> 'wallmounted  tv'); not a place and its verb before the subject ('from the ceiling hung a chandelier')."""
    def fold(m: re.Match) -> str:
        if "-" not in m.group(0) and VERB_AFTER_PLACE.match(text, m.end()):
            return m.group(0)
        return m.group(0).replace("-", "").replace(" ", "").ljust(len(m.group(0)))
    return COMPOUND_ADJECTIVES.sub(fold, text)


# --- inverted place sentences (reader11) ---------------------------------------------------------------------------
VERB_AFTER_PLACE = re.compile(r"\s+(a|an|the|two|three|four|several|some|many|rows?|pairs?)\b")
"""After 'ceiling hung', 'wall mounted' (no hyphen): a determiner means the second word is the verb of an inverted
sentence ('From the ceiling hung a chandelier', 'on the wall hung two prints'), not half of one adjective."""


COUNT_SUFFIX = re.compile(r"(^|[,;:(\n]|\s[-\u2013\u2014]\s)(\s*)([a-z][a-z' ]{1,40}?)\s*[x\u00d7]\s?(\d{1,3})\b(?![.\d])")
"""'armchair x2', 'dining chair ×6' in a list: a count written after the noun."""


def fold_count_suffixes(text: str) -> str:
    """'armchair x2' -> '2 armchair ' (same length, so offsets hold): the count goes in front, where it is read."""
    def move(m: re.Match) -> str:
        lead, space, phrase, n = m.groups()
        body = f"{n} {phrase.strip()}"
        return lead + space + body.ljust(len(m.group(0)) - len(lead) - len(space))
    return COUNT_SUFFIX.sub(move, text)


OBJECT_ID = re.compile(r"\b([a-z]+)-(\d{1,3})\b(?![.\d])")
"""'desk-0', 'bookshelf-1': an object written with an index, as scene-graph prompts do."""


def fold_object_ids(text: str) -> str:
    """'desk-0 against the wall' -> 'desk   against the wall' (same length): the index is not a count; a later
    'next to desk-0' is a bare noun, which names the desk already there."""
    return OBJECT_ID.sub(lambda m: m.group(1).ljust(len(m.group(0))), text)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word, number and punctuation tokens (lower-cased; hyphens and symbols separate words)."""
    out: list[Token] = []
    folded = fold_object_ids(fold_count_suffixes(fold_compounds(fold_accents(text.lower()))))
    for m in _TOKEN_RE.finditer(folded):
        s = SHORTHANDS.get(folded[m.start():m.end() + 1], m.group(0))
        kind = "num" if s[0].isdigit() else "word" if s[0].isalpha() else "punct"
        hyphened = (kind != "punct" and m.start() > 1 and folded[m.start() - 1] == "-"
                    and folded[m.start() - 2].isalnum())
        out.append(Token(s, kind, m.start(), m.end(), hyphened))
    return out


SHORTHANDS = {"w/": "with", "+ ": "and", "+\n": "and"}
"""Listing shorthand read as words ("full bed w/ mattress", "small desk + chair"): the token and the character after
it -> the word it stands for (positions stay those of the shorthand)."""


def match_longest(words: list[str], i: int, table: dict[tuple[str, ...], V], max_len: int = 6) -> tuple[int, V] | None:
    """The longest phrase of ``table`` (keys are word tuples) that starts at ``words[i]``: (length, value) or None."""
    for n in range(min(max_len, len(words) - i), 0, -1):
        key = tuple(words[i:i + n])
        if key in table:
            return n, table[key]
    return None


def phrases(*items: str) -> dict[tuple[str, ...], str]:
    """``"a b=c"`` -> {("a", "b"): "c"}; an item without ``=`` maps to itself."""
    out: dict[tuple[str, ...], str] = {}
    for item in items:
        key, _, value = item.partition("=")
        out[tuple(key.split())] = value or key
    return out


# --------------------------------------------------------------------------------------------------------------------
# Numbers and quantities
# --------------------------------------------------------------------------------------------------------------------

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen twenty").split()
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | _TENS | {"hundred": 100, "thousand": 1000}


YEARS = (1500, 2100)
"""A four-digit number in this range before a noun is a year, not a count ("an 1890 Steinway")."""


def is_year(word: str) -> bool:
    """Whether the digit token ``word`` reads as a year: four digits within ``YEARS``."""
    return len(word) == 4 and word.isdigit() and YEARS[0] <= int(word) < YEARS[1]


ROLE_VERBS = frozenset(("use uses used using serve serves served serving double doubles doubled doubling duty act "
                        "acts acting function functions functioning repurpose repurposed repurposing").split())
"""Verbs before "as a X" that give a thing already named the role X ("a dresser to be used as a changing table", "have
it do double duty as a changing table"): X is no second object."""
BECOMING_VERBS = frozenset({"become", "becomes", "became"})
"""Verbs whose complement names again the thing before them ("a futon, which can become a couch")."""


def parse_number(words: list[str]) -> int | None:
    """Value of a run of number words or one digit token: ``["twenty", "five"]`` -> 25, ``["two", "hundred"]`` -> 200,
    ``["3"]`` -> 3. None when the run is not a number."""
    if not words:
        return None
    if len(words) == 1 and re.fullmatch(r"\d+(?:\.\d+)?", words[0]):
        return int(float(words[0]))
    total, current = 0, 0
    for w in words:
        if w not in NUMBER_WORDS:
            return None
        v = NUMBER_WORDS[w]
        if v in (100, 1000):
            current = max(current, 1) * v
            if v == 1000:
                total, current = total + current, 0
        else:
            current += v
    return total + current


LOTS = 5
"""How many objects 'lots of', 'plenty of', 'many' and 'various' ask for ('a few', 'several', 'some' ask for 3; 'a pair
of', 'a couple of' for 2; a mass noun such as 'books' stays one object whatever the quantifier)."""

QUANTIFIERS: dict[tuple[str, ...], tuple[str, int]] = {
    ("a", "pair", "of"): ("pair", 2), ("pair", "of"): ("pair", 2), ("a", "couple", "of"): ("pair", 2),
    ("couple", "of"): ("pair", 2), ("a", "couple"): ("pair", 2), ("both",): ("pair", 2),
    ("a", "few"): ("vague", 3), ("few",): ("vague", 3), ("several",): ("vague", 3), ("some",): ("vague", 3),
    ("multiple",): ("vague", 3), ("many",): ("vague", LOTS), ("lots", "of"): ("vague", LOTS),
    ("a", "lot", "of"): ("vague", LOTS), ("plenty", "of"): ("vague", LOTS), ("loads", "of"): ("vague", LOTS),
    ("numerous",): ("vague", LOTS), ("tons", "of"): ("vague", LOTS),
    ("a", "number", "of"): ("vague", 3), ("various",): ("vague", LOTS), ("a", "row", "of"): ("vague", 4),
    ("a", "set", "of"): ("vague", 3), ("a", "range", "of"): ("vague", 3), ("a", "variety", "of"): ("vague", 3),
    ("a", "bunch", "of"): ("vague", 3), ("a", "collection", "of"): ("vague", 3), ("a", "group", "of"): ("vague", 3),
    ("a", "stack", "of"): ("collective", 1), ("stack", "of"): ("collective", 1), ("a", "pile", "of"): ("collective", 1),
    ("pile", "of"): ("collective", 1), ("a", "heap", "of"): ("collective", 1), ("stacks", "of"): ("vague", 3),
    ("piles", "of"): ("vague", 3),
    ("a", "dozen"): ("number", 12), ("dozen",): ("number", 12), ("a", "trio", "of"): ("number", 3),
    ("a", "duo", "of"): ("pair", 2), ("an", "array", "of"): ("vague", 3),
    ("a",): ("article", 1), ("an",): ("article", 1), ("one",): ("number", 1), ("another",): ("article", 1),
    ("a", "single"): ("article", 1), ("one", "more"): ("article", 1), ("the",): ("definite", 1),
    ("this",): ("definite", 1), ("that",): ("definite", 1), ("these",): ("definite", 1), ("those",): ("definite", 1),
    ("my",): ("possessive", 1), ("our",): ("possessive", 1), ("his",): ("possessive", 1),
    ("her",): ("possessive", 1), ("their",): ("possessive", 1),
}
"""Quantifier phrase -> (kind, count). Kinds: ``number`` (exact), ``pair``, ``vague`` (several, some ...),
``collective`` ("a stack of blankets", "a pile of cushions": the stack is placed as one object, inside the [1, 6]
that ``prompts/eval/ANNOTATION.md`` documents), ``article`` (a, an), ``possessive`` (my, his, their: one, or a
couple for a plural noun, as a bare plural), ``definite`` (the: may refer to an object already mentioned)."""

RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})
"""', which is next to the window': a clause about the thing just named."""
OWNER_POSSESSIVES = frozenset({"its", "their"})
"""'Its two nightstands': a thing named as another object's."""
SUBJECT_PRONOUNS = frozenset({"it", "they"})
"""Pronouns that open a sentence about the previous sentence's subject ('It stands by the window.')."""
KIND_NOUNS = frozenset({"types", "kinds", "sorts", "styles", "varieties", "type", "kind", "sort", "style"})
"""Nouns that stand between a quantifier and the objects it counts ("various types of bicycles")."""
NEGATIONS = frozenset({"no", "without", "not", "never", "nor"})
NEGATION_PHRASES = frozenset({("instead", "of"), ("rather", "than"), ("in", "place", "of"), ("ditch",), ("ditched",),
                              ("remove",), ("removed",), ("get", "rid", "of"), ("got", "rid", "of"), ("skip",),
                              ("skipped",), ("lose",), ("don't", "own"), ("don't", "have"), ("don't", "want"),
                              ("don't", "need"), ("forego",), ("forgo",), ("forego", "buying"), ("forgo", "buying"),
                              ("skip", "buying"), ("replace",), ("replaced",), ("replacing",), ("swap", "out"),
                              ("swapped", "out"), ("change", "out"), ("changed", "out"), ("do", "not", "own"),
                              ("do", "not", "have"), ("do", "not", "want"), ("do", "not", "need"),
                              ("doesn't", "have"), ("didn't", "want"), ("no", "need", "for"), ("no", "room", "for"),
                              ("no", "space", "for"), ("not", "enough", "room", "for"), ("no", "chance", "of"),
                              ("no", "chance", "of", "getting"), ("no", "way", "to", "fit")})
"""Phrases before an object that say it is not wanted ("ditch the loveseat", "we don't own a TV", "replaced the
chandelier"); what replaces it ("... with a pendant") is wanted (``REPLACING``)."""
REPLACING = frozenset({"replace", "replaced", "replacing", "out"})
"""The last word of a negation phrase after which 'with' or 'for' names the replacement, not a part."""
NEGATED_AFTER = frozenset({"permitted", "allowed", "wanted", "needed", "included", "required", "provided"})
GONE_AFTER = frozenset({"removed", "missing", "gone", "sold"})
"""Words after a noun (with or without "is", "was", "has been") that say it is no longer there: "with the black
bookcases removed", "the liquor cart is missing", "the old sofa was sold"."""
"""Words after "not" that take back the object before them ("cribs not permitted", "a TV is not needed")."""
"""Two- and three-word phrases that negate the noun after them ("a shower instead of a bathtub")."""
QUANTITY_NOUNS = frozenset({"range", "set", "pair", "couple", "lot", "lots", "number", "row", "bunch", "variety",
                            "stack", "pile", "stacks", "piles", "heap", "collection", "group", "dozen", "trio", "duo",
                            "array"})
"""Nouns that start a quantity ("a range of ...") rather than name an object when ``of`` follows."""

# --------------------------------------------------------------------------------------------------------------------
# Attributes
# --------------------------------------------------------------------------------------------------------------------

COLOURS: dict[str, str] = {w: w for w in (
    "red blue green yellow orange purple pink white black grey brown beige cream ivory navy teal turquoise gold "
    "silver tan charcoal olive mustard burgundy maroon lavender mint coral magenta violet indigo crimson khaki "
    "taupe aqua cyan lilac peach rose sage emerald ochre terracotta").split()} | {
    "gray": "grey", "golden": "gold", "colorful": "colourful", "colourful": "colourful", "multicoloured": "colourful"}
COLOUR_MODIFIERS = frozenset({"dark", "light", "pale", "bright", "deep", "navy", "off", "pastel", "sky", "forest",
                              "baby", "royal", "hot", "jet", "matte", "matt", "glossy"})

MATERIALS: dict[str, str] = {w: w for w in (
    "wood oak walnut pine birch bamboo teak mahogany cherry maple ash metal steel iron brass copper chrome aluminium "
    "leather fabric velvet linen cotton wool glass marble stone granite concrete wicker rattan plastic ceramic "
    "porcelain acrylic suede cane").split()} | {
    "wooden": "wood", "timber": "wood", "metallic": "metal", "aluminum": "aluminium", "upholstered": "fabric",
    "cloth": "fabric", "stainless": "steel", "leathery": "leather"}

MORE_MATERIALS: dict[str, str] = {w: w for w in (
    "alder elm rosewood cedar beech ebony").split()} | {
    "oaken": "oak", "woolen": "wool", "woollen": "wool", "cherrywood": "cherry"}
"""Materials people name in room prose beyond the list above: wood species kept as written (as the evaluation sets keep
"alder" and "rosewood"), and the adjective forms of materials ("an oaken desk", "a woollen throw")."""
MATERIALS.update(MORE_MATERIALS)

STYLES: dict[str, str] = {w: w for w in (
    "modern contemporary rustic vintage retro minimalist industrial scandinavian traditional classic bohemian "
    "farmhouse antique victorian coastal japanese luxurious elegant colonial mediterranean transitional "
    "eclectic").split()} | {
    "minimal": "minimalist", "nordic": "scandinavian", "boho": "bohemian", "luxury": "luxurious",
    "midcentury": "mid-century", "classical": "classic", "futuristic": "modern", "sleek": "modern"}
MULTIWORD_STYLES: dict[tuple[str, ...], str] = {
    ("mid", "century"): "mid-century", ("mid", "century", "modern"): "mid-century", ("art", "deco"): "art deco",
    ("shabby", "chic"): "shabby chic"}

SIZE_WORDS: dict[str, str] = {
    "small": "small", "tiny": "small", "little": "small", "compact": "small", "mini": "small", "petite": "small",
    "large": "large", "big": "large", "huge": "large", "giant": "large", "oversized": "large", "massive": "large",
    "enormous": "large", "grand": "large", "tall": "large", "gigantic": "large", "oversize": "large",
    "jumbo": "large", "queen": "queen", "king": "king", "single": "single", "twin": "twin",
    "double": "double", "medium": "medium",
}
BED_SIZE_WORDS = frozenset({"queen", "king", "single", "twin", "double"})
BED_SIZED_NOUNS = frozenset({"mattress", "futon", "duvet", "quilt", "comforter", "bedspread", "sheet", "sheets"})
"""Things besides beds that come in bed sizes: elsewhere "a single sink" or "a double wall oven" is a count."""

FILLER_ADJECTIVES = frozenset((
    "comfortable comfy cozy cosy soft plush tall low short long wide narrow round square rectangular oval nice "
    "beautiful pretty new old simple plain sturdy lovely cute elegant stylish tidy neat fancy sleek matching "
    "extra spare second third main sized size shaped style styled framed potted leafy green built free standing "
    "freestanding standing mounted wallmounted wallhung wallstanding ceilingmounted ceilinghung floorstanding "
    "floortoceiling floormounted floating upright electric digital smart flat screen huge good "
    "great big little lone solitary single pair sturdy heavy light light-weight lightweight open closed empty full "
    "natural classic classy chic shiny polished painted carved tufted lacquered cushioned padded reclining folding "
    "adjustable ergonomic gaming reading work working handmade antique central center centre").split())
"""Descriptive words skipped (kept in the description) between a count and its noun."""


def colour_at(words: list[str], i: int) -> tuple[int, str] | None:
    """A colour phrase starting at ``words[i]`` ("dark blue", "navy", "off white"): (length, colour) or None."""
    if i < len(words) and words[i] in COLOUR_MODIFIERS and i + 1 < len(words) and words[i + 1] in COLOURS:
        return 2, f"{words[i]} {COLOURS[words[i + 1]]}"
    if i < len(words) and words[i] in COLOURS:
        return 1, COLOURS[words[i]]
    return None


def is_adjective(word: str) -> bool:
    """Whether ``word`` can sit between a count and a noun (attribute or descriptive word)."""
    return (word in COLOURS or word in COLOUR_MODIFIERS or word in MATERIALS or word in STYLES or word in SIZE_WORDS
            or word in FILLER_ADJECTIVES or word in {"mid", "century", "art", "deco", "shabby"})


# --------------------------------------------------------------------------------------------------------------------
# Rooms
# --------------------------------------------------------------------------------------------------------------------

ROOM_PHRASES: dict[tuple[str, ...], str] = phrases(
    "bedroom", "master bedroom=bedroom", "guest room=bedroom", "guest bedroom=bedroom", "bed room=bedroom",
    "sleeping room=bedroom", "living room=living_room", "lounge=living_room", "sitting room=living_room",
    "family room=living_room", "den=living_room", "livingroom=living_room", "tv room=living_room",
    "kitchen", "kitchenette=kitchen", "dining room=dining_room", "dining area=dining_room",
    "office", "home office=office", "study=office", "workspace=office", "work room=office", "workroom=office",
    "study room=office", "bathroom", "bath room=bathroom", "restroom=bathroom", "washroom=bathroom",
    "ensuite=bathroom", "en suite=bathroom", "powder room=bathroom", "master bath=bathroom", "guest bath=bathroom",
    "main bath=bathroom", "full bath=bathroom", "half bath=bathroom", "family bath=bathroom", "ensuite bath=bathroom",
    "classroom", "class room=classroom",
    "gym", "home gym=gym", "fitness room=gym", "workout room=gym", "exercise room=gym", "laundry room=laundry_room",
    "utility room=laundry_room", "laundry=laundry_room", "hallway", "hall=hallway", "corridor=hallway",
    "entryway=hallway", "entrance hall=hallway", "foyer=hallway", "music room=music_room", "nursery",
    "baby room=nursery", "baby's room=nursery", "kids room=bedroom", "kid's room=bedroom", "children's room=bedroom",
    "playroom=bedroom", "studio=living_room", "apartment=living_room", "parlour=living_room", "parlor=living_room",
    "drawing room=living_room", "great room=living_room", "snug=living_room", "sunroom=living_room",
    "conservatory=living_room", "bedchamber=bedroom", "bed chamber=bedroom", "breakfast room=dining_room",
    "mudroom=hallway", "mud room=hallway", "dining hall=dining_room", "dormitory=bedroom", "room",
)
"""Room phrase -> room type (``room`` when the prompt names no type)."""

ROOM_SIZE_WORDS: dict[str, float] = {
    "tiny": 0.6, "small": 0.75, "little": 0.75, "compact": 0.75, "cozy": 0.8, "cosy": 0.8, "cramped": 0.65,
    "snug": 0.8, "large": 1.4, "big": 1.4, "spacious": 1.5, "roomy": 1.4, "huge": 1.8, "generous": 1.3,
    "vast": 1.9, "open": 1.2, "grand": 1.6, "medium": 1.0,
}
"""Room size word -> factor on the derived floor area."""

ROOM_MIN_SIZE: dict[str, tuple[float, float]] = {
    "bedroom": (3.2, 3.0), "living_room": (4.0, 3.5), "kitchen": (3.0, 2.6), "dining_room": (3.4, 3.0),
    "office": (3.0, 2.6), "bathroom": (2.2, 1.8), "classroom": (7.0, 6.0), "gym": (4.5, 4.0), "nursery": (2.8, 2.6),
    "laundry_room": (2.2, 1.8), "hallway": (3.0, 1.6), "music_room": (3.5, 3.0), "room": (3.0, 2.8),
}
"""Smallest (width, depth) in metres a room of each type is planned at before size words scale it."""

# --------------------------------------------------------------------------------------------------------------------
# Architecture and relations
# --------------------------------------------------------------------------------------------------------------------

ARCH_WORDS: dict[str, str] = {
    "wall": "wall", "walls": "wall", "window": "window", "windows": "window", "windowsill": "window",
    "sill": "window", "door": "door", "doors": "door", "doorway": "door", "entrance": "door", "entry": "door",
    "corner": "corner", "corners": "corner", "middle": "middle", "center": "middle", "centre": "middle",
    "room": "room", "floor": "floor", "ground": "floor", "ceiling": "ceiling", "perimeter": "wall",
}
"""Words naming a part of the room rather than an object."""

COMPASS: dict[str, int] = {"south": 0, "front": 0, "east": 1, "right": 1, "north": 2, "back": 2, "far": 2,
                           "west": 3, "left": 3}
"""Wall adjective -> wall index (walls: 0 south, 1 east, 2 north, 3 west; the door is on the south wall)."""

REL_PHRASES: dict[tuple[str, ...], str] = phrases(
    "on=on", "on top of=on", "on the top of=on", "at the top of=on", "atop=on", "upon=on", "onto=on", "on to=on", "resting on=on", "mounted on=on",
    "next to=next", "right next to=next", "beside=next", "besides=next", "by=next", "alongside=next",
    "adjacent to=next", "right by=next", "just by=next", "near=near", "near to=near", "close to=near", "nearby=near",
    "not far from=near", "close by=near", "nearer=near", "nearer to=near", "closer to=near",
    "against=against", "up against=against", "along=against",
    "flush against=against", "in=in", "inside=in", "within=in", "at=at", "facing=face", "faces=face", "face=face",
    "facing towards=face", "facing toward=face", "turned towards=face", "turned toward=face", "pointing at=face",
    "pointing towards=face", "looking at=face", "oriented towards=face", "opposite=across", "opposite to=across",
    "opposite of=across", "across from=across", "across the room from=across", "on the opposite side of=across",
    "on the other side of=across", "under=under", "underneath=under", "beneath=under", "below=under", "around=around",
    "surrounding=around", "all around=around", "encircling=around", "round=around", "surround=around",
    "surrounds=around",
    "encircle=around", "encircles=around", "side by side=sidebyside", "side by side with=next", "pulled up to=front",
    "pulled up at=front", "tucked under=under", "left of=left", "to the left of=left", "on the left of=left",
    "on the left side of=left", "at the left of=left", "to the left side of=left", "right of=right",
    "to the right of=right", "on the right of=right", "on the right side of=right", "at the right of=right",
    "to the right side of=right", "in front of=front", "at the foot of=front", "at the end of=front",
    "in the front of=front", "behind=behind", "in back of=behind", "at the back of=behind", "at the head of=behind",
    "hanging from=from", "suspended from=from", "hung from=from", "from=from", "on each side of=flank",
    "on either side of=flank", "on both sides of=flank", "either side of=flank", "each side of=flank",
    "both sides of=flank", "at both sides of=flank", "at both sides=flank", "flanking=flank", "flank=flank",
    "flanks=flank", "on each side=flank", "on either side=flank", "on both sides=flank", "at each side of=flank",
    "at either side of=flank", "on the sides of=flank", "centered=centered", "centred=centered",
    "centered in=centered", "centred in=centered", "on each long side of=sides", "on each short side of=sides",
    "on each long side=sides", "on each short side=sides", "on both long sides of=sides", "on both long sides=sides",
    "on the long sides of=sides", "along each side of=sides", "along both sides of=sides", "at each end of=sides",
    "at both ends of=sides", "at either end of=sides", "at each end=sides", "at both ends=sides",
    "on each end of=sides", "at the ends of=sides", "into=in", "covering=covering", "either side=flank",
    "each side=flank", "both sides=flank", "holds=holds", "houses=holds", "hold=holds", "contain=holds",
    "displays=holds", "piled high with=holds",
    "occupies=in", "occupy=in", "frame the=flank", "frames the=flank", "for=for", "at the edge of=edge",
    "along the edge of=edge", "on the edge of=edge", "under everything=undereverything",
    "beneath everything=undereverything", "under it all=undereverything", "overhead=overhead", "mounted to=on",
    "attached to=on", "fixed to=on", "affixed to=on", "at its foot=front", "at the foot=front", "at its feet=front",
    "at the feet of=front", "at its end=front",
    "by its side=next", "at its side=next", "draped over=on", "draped on=on", "thrown over=on", "lines=against",
    "lining=against", "line=against", "back to back=backtoback", "back-to-back=backtoback", "to its left=left",
    "on its left=left", "to its right=right", "on its right=right", "on one side=sides", "on one side of=sides",
    "on the other=sides", "on the other side=sides", "flanked by=flankedby", "framed by=flankedby",
    "surrounded by=surroundedby", "containing=holds", "filled with=holds", "full of=holds", "holding=holds",
    "stacked with=holds", "topped with=holds", "loaded with=holds", "draped with=holds", "dressed with=holds",
    "paired with=near", "matched with=near",
    "accompanied by=near", "above=above", "over=above", "mounted above=above", "directly above=above",
    "right above=above", "just above=above", "hung above=hangover", "hanging above=hangover", "hanging over=hangover",
    "hung over=hangover", "suspended above=hangover", "suspended over=hangover", "dangling above=hangover",
    "far from=far", "far away from=far", "away from=far", "well away from=far", "as far as possible from=far",
    "between=between", "in between=between", "among=unsupported", "amongst=unsupported",
    "crammed with=holds", "packed with=holds", "piled with=holds", "heaped with=holds", "strewn with=holds",
    "lined with=holds", "covered in=holds", "covered with=holds", "laden with=holds", "stocked with=holds",
    "scattered across=on", "scattered over=on", "strewn across=on", "strewn over=on", "spread across=on",
    "spread over=on", "down=against", "running down=against", "adorn=on", "adorns=on", "adorning=on",
    "decorate=on", "decorates=on", "decorating=on", "faced=face", "before=front", "cover=covering",
    "covers=covering", "covered=covering", "its back to=backto", "their backs to=backto", "with its back to=backto",
    "with their backs to=backto", "has its back to=backto", "have their backs to=backto",
    "with its back against=against", "its back against=against", "their backs against=against",
    "with their backs against=against",
)
"""Relation phrase -> relation key (see ``RELATION_KINDS``)."""

HOLDING_AND_PLACING_PHRASES: dict[tuple[str, ...], str] = phrases(
    "held=holds", "supports=holds", "supporting=holds", "carries=holds", "hosts=holds",
    "strewn with=holds", "heaped high with=holds", "cluttered with=holds", "littered with=holds",
    "overflowing with=holds", "brimming with=holds", "sitting atop=on", "perched atop=on", "perched upon=on",
    "resting atop=on", "placed atop=on", "set atop=on", "nestled in=in", "nestled into=in", "tucked into=in",
    "tucked in=in", "tucked away in=in", "set into=in", "pushed into=in", "set beneath=under", "set below=under",
    "nestled beside=next", "nestled next to=next", "tucked beside=next", "tucked next to=next", "set beside=next")
"""Verbs of holding in other tenses and persons ("a coffee table held a stack of books", "a nightstand supports a
lamp") and placing participles said with "atop", "into", "beside" ("tucked into the corner", "set beneath the
window"), kept apart from the list above."""
REL_PHRASES.update(HOLDING_AND_PLACING_PHRASES)

# --- a table set with things (reader11) ----------------------------------------------------------------------------
SETTING_PHRASES: dict[tuple[str, ...], str] = phrases(
    "set with=holds", "laid with=holds", "laid out with=holds", "spread with=holds", "decked with=holds",
    "decked out with=holds", "adorned with=holds")
"""Participles of setting and decking a top ("the table is set with plates and glasses", "a sideboard decked with
candles"): what follows stands on the thing before."""
REL_PHRASES.update(SETTING_PHRASES)

# --- fixing a thing to a surface (reader11) -------------------------------------------------------------------------
FIXING_PHRASES: dict[tuple[str, ...], str] = phrases(
    "taped to=on", "nailed to=on", "pinned to=on", "tacked to=on", "glued to=on", "screwed to=on", "bolted to=on",
    "stuck to=on", "taped on=on", "pinned on=on", "pinned up on=on", "tacked up on=on", "taped up on=on")
"""Participles of fixing ("posters taped to the walls", "a map pinned to the wall", "a shelf bolted to the wall"):
the thing is on what follows, like "attached to"."""
REL_PHRASES.update(FIXING_PHRASES)

RELATION_KINDS: dict[str, tuple[str | None, dict[str, str | None]]] = {
    "on": ("on_top", {"wall": "on_wall", "ceiling": "hang_from_ceiling", "corner": "corner",
                      "window": "next_to_window", "floor": None, "middle": "middle_of_room"}),
    "next": ("next_to", {"window": "next_to_window", "door": "next_to_door", "wall": "against_wall",
                         "corner": "corner"}),
    "near": ("near", {"window": "next_to_window", "door": "next_to_door", "wall": "against_wall", "corner": "corner",
                      "middle": "middle_of_room"}),
    "against": ("next_to", {"wall": "against_wall", "window": "next_to_window", "door": "next_to_door"}),
    "in": ("on_top", {"corner": "corner", "middle": "middle_of_room", "window": "next_to_window",
                  "door": "next_to_door", "wall": "on_wall"}),
    "at": ("near", {"corner": "corner", "middle": "middle_of_room", "window": "next_to_window",
                    "door": "next_to_door", "wall": "against_wall"}),
    "face": ("face_to", {"wall": "against_wall"}),
    "covering": (None, {"wall": "against_wall"}),
    "backtoback": (None, {}),
    "backto": (None, {"window": "next_to_window", "wall": "against_wall", "door": "next_to_door"}),
    "overhead": (None, {}),
    "for": (None, {}),
    "edge": (None, {"room": "against_wall"}),
    "undereverything": ("under", {}),
    "across": ("across_from", {}),
    "far": ("far", {}),
    "under": ("under", {"window": "next_to_window"}),
    "around": ("around", {"corner": "corner"}),
    "left": ("left_of", {"door": "next_to_door", "window": "next_to_window"}),
    "right": ("right_of", {"door": "next_to_door", "window": "next_to_window"}),
    "front": ("in_front_of", {"window": "next_to_window", "door": "next_to_door"}),
    "behind": ("behind", {}),
    "from": (None, {"ceiling": "hang_from_ceiling"}),
    "flank": ("next_to", {}),
    "between": ("next_to", {"window": "next_to_window", "door": "next_to_door"}),
    "centered": (None, {"room": "middle_of_room", "middle": "middle_of_room"}),
    "unsupported": (None, {}),
    "sides": ("around", {}),
    "holds": ("on_top", {}),
    "hangover": ("hang_from_ceiling", {}),
    "flankedby": ("next_to", {}),
    "surroundedby": ("around", {}),
    "sidebyside": ("next_to", {}),
    "above": ("on_top", {"door": "next_to_door", "window": "next_to_window", "bed": "on_wall"}),
}
"""Relation key -> (kind when the target is an object, {architecture word: kind}). None: no relation is recorded."""

MOUNTING_ADJECTIVES: dict[str, tuple[str, str]] = {
    "wallmounted": ("on_wall", "wall"), "wallhung": ("on_wall", "wall"), "floating": ("on_wall", "wall"),
    "mounted": ("on_wall", "wall"), "hanging": ("hang_from_ceiling", "ceiling"),
    "ceilingmounted": ("hang_from_ceiling", "ceiling"), "ceilinghung": ("hang_from_ceiling", "ceiling")}
"""Adjectives (after ``fold_compounds``) that say where a thing is mounted when no phrase does: "a floating shelf",
"a wall-mounted reading light", "the hanging light" (of a thing the catalog hangs from the ceiling) -> (relation kind,
room part)."""

BARE_RELATION_KEYS = frozenset({"under", "across", "next", "behind", "left", "right", "front", "near", "between",
                                "above"})
"""Relation keys whose phrase may end a clause with its target left out, meaning the thing just named ("a bunk bed
with a sofa bed underneath", "a filing cabinet to its left", "a credenza opposite", "a table in between")."""
CONTINUED_RELATION_KEYS = frozenset({"face", "against", "near", "next", "front", "behind", "left", "right", "across",
                                     "under", "far", "flankedby", "surroundedby"})
"""Relation keys that, after a comma, go on describing the same subject ("a table in the middle of the room, in
front of the sofa")."""

EVERYTHING: dict[tuple[str, ...], str] = phrases(
    "everything", "it all", "all of it", "the whole shebang", "the whole thing", "the whole lot", "the whole group",
    "the whole grouping", "the whole arrangement", "the whole set up", "the whole setup", "the whole ensemble",
    "the entire grouping", "the entire arrangement", "the whole seating area", "the entire seating area")
"""Phrases that sum up the things named before them ("the whole shebang sits on a large rug")."""

PARTS_PER_ROOM: dict[str, int] = {"corner": 4}
"""How many of a room part a rectangular room has: "a plant in each corner" asks for four plants."""

ARCH_TARGET_NAMES: dict[str, str] = {"wall": "wall", "window": "window", "door": "door", "ceiling": "ceiling",
                                     "corner": "room", "middle": "room", "room": "room", "floor": "room"}
"""Architecture word -> the ``Relation.target`` name used for it."""

DEPICTION_NOUNS = frozenset(("print prints painting paintings poster posters photo photos photograph photographs "
                             "picture pictures portrait portraits drawing drawings sketch sketches image images mural "
                             "murals map maps illustration illustrations").split())
"""Nouns whose 'of' phrase names what is shown, not a thing in the room ('a framed print of a vintage microphone')."""
COPULAS = frozenset({"is", "are", "was", "were"})
"""The verb 'to be' as it links a thing to what is said of it ("the tub is white", "the bed is called a sleigh bed")."""
PREPOSITIONS = frozenset("on in at by from into onto over under across through toward towards along around".split())
"""Prepositions that may follow a clause's verb ("moonlight falls on ...")."""
QUANTITY_ADJECTIVES = frozenset(("few many much more most several other another same such various numerous enough own "
                                 "next last first only whole entire certain additional further").split())
"""Words that dictionaries call adjectives but that count or pick things ("a few", "several", "their own"): never
read as a describing word between a count and its noun."""
FRAMING_NOUNS = frozenset(("photo photograph picture image render rendering shot snapshot illustration visualization "
                           "visualisation drawing").split())
"""Nouns that can name the picture a prompt asks for rather than a thing in the room: 'a photo of a living room',
'Editorial Style Photo, Modern Nursery, ...'."""
FRAMING_MODIFIERS = frozenset(("style styled editorial stock realistic photorealistic photoreal hyperrealistic "
                               "professional architectural magazine catalog catalogue hdr cinematic interior "
                               "wide angle closeup").split())
"""Words before a framing noun that make it the picture's kind ('editorial style photo', 'realistic render')."""
SHOWING_VERBS = frozenset("shows show showing depicts depict depicting captures captured".split())
"""Verbs after a framing noun that make it the photograph being described ('Photo shows a parlor', 'this picture
depicts the back parlor'), not a framed photo in the room."""
LIKENESS_PHRASES: dict[tuple[str, ...], str] = phrases(
    "shaped like", "looks like", "looking like", "in the shape of", "in the form of", "fan of", "fans of",
    "lover of", "lovers of")
"""Phrases after which a noun is a likeness or a liking, not an object ('a lamp shaped like a moon', 'a fan of
Star Wars')."""
CLAUSE_WORDS = frozenset(("where when whenever while whereas whose so but if because please only though although "
                          "unless until since yet").split())
"""Conjunctions and adverbs that open a clause: never an object's noun, and an unknown noun phrase ends at one
('a breakfast nook where ...', ', but no television')."""
AREA_WORDS = frozenset({"area", "zone"})
"""Nouns that make an object's name the name of an area ("a desk area along one wall", "a seating area"): the area's
relation is its object's, and an unknown word before one is no object."""
SUBJECT_FILLERS = frozenset((
    "is are was be being placed sitting standing set positioned located that which who stands sits stand sit "
    "hangs hang hanging mounted goes go directly just should put pushed tucked lying lies lie resting rests "
    "arranged neatly nicely also there here it's its they're right up leans lean leaning propped built "
    "pushed wraps wrapping curves curving tucks draped closely immediately slightly snugly squarely can could will "
    "would should may might must live lives belongs belong arching arches arched scattered strewn spread grouped "
    "clustered piled displayed kept stored stacked rolled folded out hung were stood sat lay rested leaned leant "
    "perched nestled tucked").split()) | AREA_WORDS
"""Words skipped between an object and the relation phrase that follows it ("a lamp that sits on the desk")."""
DISTANCE_UNITS = frozenset(("feet foot ft inches inch cm centimeters centimetres mm meters metres m yards yard units "
                           "unit paces pace steps step").split())
"""Units of a distance said before a relation phrase ("two feet in front of", "15 units to the right of")."""
DISTANCE_HEDGES = frozenset("about exactly roughly approximately precisely nearly almost some just only".split())
"""Words that hedge a distance ("about two feet from", "exactly 10 units to the left of")."""

TARGET_DETERMINERS = frozenset(("the a an each every both either one of its their this that these those his her "
                                "my our all two three four five six seven eight nine ten").split())
DISTRIBUTIVE = frozenset({"each", "every", "both", "all", "either"})
PRONOUNS: dict[tuple[str, ...], str] = phrases(
    "it=it", "top=it", "top of it=it", "this=it", "them=each", "each=each", "each one=each", "each of them=each",
    "every one=each", "both=each", "both of them=each", "all of them=each", "all=each", "either=each",
    "each other=reciprocal", "one another=reciprocal", "eachother=reciprocal")

LIST_BOUNDARIES = frozenset({",", ";", ".", "and", "or", "with", "plus", "&", "including", "includes", "include",
                             "has", "have", "contains", "containing", "featuring", "features", "also", "then",
                             "!", "?", ":", "(", ")", "as", "well", "along", "there", "is", "are"})
"""Tokens after which a new item of the object list may start."""

WALL_ADJECTIVES = frozenset(("opposite back rear side far near long short main accent feature free empty adjacent "
                              "nearest facing end blank").split())
"""Words that qualify an architecture word without being a relation: 'against the opposite wall'."""

VERBS = frozenset((
    "play plays playing sleep sleeps sleeping work works working relax relaxing read reads reading study studying "
    "cook cooking eat eating dine dining watch watching sit sitting rest resting live living lounge lounging "
    "entertain entertaining unwind relaxes chill hang hanging meet meeting learn learning paint painting practise "
    "practice practicing exercise exercising train training dress dressing store storing keep keeping enjoy "
    "enjoys love loves like likes want wants need needs use uses host hosting gather gathering feel feels look "
    "looks make makes create creates spend spends stay stays buy buys bought purchase purchased").split())
"""Verbs that are never the head of an unknown object noun ('where my daughter can play and sleep')."""

SUBJECT_WORDS = frozenset("can could will would should may might must to i we you they he she it who which that".split())
"""Words after which a phrase is a clause, not an object ('my daughter can play')."""

NOT_OBJECTS = frozenset((
    "view views light lights sunlight space area feel feeling vibe atmosphere style theme layout color colour "
    "colours colors scheme decor decoration look mood touch bit lot lots place spot way side sides top bottom end "
    "part parts plenty variety number range kind kinds type types sort pair couple set row couple few some several "
    "many more other others thing things stuff furniture furnishings items item object objects piece pieces "
    "person people family me us you them it this that there here room rooms house home apartment flat floor "
    "wall walls window windows door doors corner corners middle center centre ceiling ground tone tones accent "
    "accents finish finishes detail details time day night morning evening each every either both all row rows line "
    "lines trio duo quartet bank series array cluster group collection stack pile heap bunch floors nook nooks "
    "alcove retreat end ends year years month months pathway pathways walkway walkways clearance path paths "
    "inch inches foot feet cm mm metre metres meter meters skylight skylights backsplash balcony balconies eaves "
    "ductwork beam beams rafters staircase stairs stairway railing banister column columns pillar pillars archway "
    "niche niches recess woodwork wainscoting paneling panelling moulding molding trim baseboard baseboards "
    "base bases leg legs armrest armrests backrest closet closets rafter etc square squares rectangle rectangles "
    "oval ovals circle circles diagonal diagonals triangle triangles stain stains crumb crumbs dust coil coils spring "
    "springs horsehair ice mixture sliver runway impedimenta headboard headboards footboard counterpane bedspread "
    "bedspreads bedding seat seats seating wing wings tile tiles photography shop shops store stores gift gifts "
    "centimeter centimeters centimetre centimetres millimeter millimeters millimetre millimetres yard yards ft "
    "height width depth length daylight texture textures material materials angle angles setup setups townhome "
    "townhomes townhouse townhouses condo condos bungalow building buildings headquarters lawn lawns driveway "
    "driveways").split())
"""Nouns that never become generic objects even when they sit where an object could."""

STYLE_SUFFIXES = frozenset({"style", "styled", "themed", "inspired"})
"""Words that make the noun before them a style ("magazine-style composition", "in soft pencil style", "a
library-themed nook"): that noun names no thing in the room."""

PART_NOUNS = frozenset("drawer drawers pull pulls knob knobs handle handles frame frames".split())
"""Nouns that name a part of a piece of furniture ("a cabinet that includes three drawers", "brass pulls", "a mirror
in a maple frame"): a detail of the thing named before them, never an object of their own."""

OBJECT_PARTS = frozenset((
    "lid lids keyhole keyholes hinge hinges latch latches bolt bolts chimney bedhead bedheads footboards mounting "
    "mountings spindle spindles slat slats caster casters castor castors cushioning").split())
"""More parts of a piece of furniture, read like ``PART_NOUNS`` ("a chest with a domed lid", "a lamp with a glass
chimney", "a bed with a carved bedhead"): a detail of the thing named before them, never an object of their own."""

COMPOUND_HEADS = frozenset("space room rack rail runner window door post".split())
"""Head nouns (singular) that make the catalog noun before them a modifier: "counter space", "the piano room", "a pot
rack", "a chair rail", "a table runner", "picture windows", "a lamp post". The catalog noun names no object there."""

FOOD_HEADS = frozenset((
    "cake dessert snack sandwich bread drink beverage spice cookie biscuit candy chocolate cheese apple lemon "
    "orange banana soup meal pie muffin pastry croissant coffee tea wine beer juice milk water").split())
"""Head nouns (singular) of food and drink: "a cake on the counter", "snacks and drinks", "fresh bread". The
evaluation sets count no food (``prompts/eval/ANNOTATION.md``), and the plan has nothing to build one with; a thing
named for them stays a thing ("a pizza box", "a wine rack", "a spice jar": the head noun is last)."""

NOT_OBJECT_HEADS = frozenset({"lighting"})
"""Nouns that name no object where they end the phrase ("layered lighting", "dramatic lighting"), though a phrase
they only modify may name one ("lighting fixtures")."""

SENSED_HEADS = frozenset((
    "glow gleam glare shadow shine sunshine sunbeam moonlight candlelight firelight warmth breeze draught draft wind "
    "scent smell aroma fragrance odour odor melody music tune voice sound noise hum silence hue tint pattern "
    "motif stripe cutout border trim edge surface plank wallpaper varnish paint silhouette reflection skyline "
    "cityscape scenery scene").split())
"""Head nouns (singular) of what prose says one sees, hears or feels in a room rather than a thing in it: light and
shadow ("a warm glow", "casting soft shadows"), air, smell and sound ("a floral scent", "a soothing melody"), the
look of a surface ("a chevron pattern", "a striped border", "wide plank wood"), and what lies beyond the window ("the
city skyline"). An unknown noun phrase ending in one is never a generic object; a catalog name that contains one is
untouched ("a music stand" stays one)."""

MATERIAL_NOUNS = frozenset({"glass"})
"""Catalog words that are also a material: in the singular they name the material ("a cabinet with glass doors",
"stained glass", "blown glass lighting fixtures"), and the object only as "a glass" or "one glass" ending its phrase."""

BUILT_IN_NOUNS = frozenset({"closet", "closets"})
"""Catalog words that in a description name part of the building, not a piece of furniture: "a closet at each end of
the room", "the closet door" (a closet is built in; a wardrobe or an armoire is the furniture). The evaluation sets
count neither."""
