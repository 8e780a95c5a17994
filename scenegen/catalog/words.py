"""Words: the one English singulariser, phrase normalisation, and size words (``small``, ``queen``, ``3-seater``)."""

from __future__ import annotations

import re

from scenegen.catalog.model import Category, Size

_IRREGULAR: dict[str, str] = {
    # -ves that come from -f / -fe
    "knives": "knife", "wives": "wife", "lives": "life", "leaves": "leaf", "loaves": "loaf", "thieves": "thief",
    "scarves": "scarf", "wharves": "wharf", "dwarves": "dwarf", "hooves": "hoof", "calves": "calf",
    "halves": "half", "shelves": "shelf", "wolves": "wolf", "selves": "self",
    # -lves that do not come from -lf
    "valves": "valve", "solves": "solve",
    # -ies that keep their e
    "movies": "movie", "cookies": "cookie", "pies": "pie", "ties": "tie", "zombies": "zombie",
    "hoodies": "hoodie", "onesies": "onesie", "beanies": "beanie", "selfies": "selfie", "lies": "lie",
    "brownies": "brownie", "smoothies": "smoothie", "rookies": "rookie", "calories": "calorie",
    # -ches / -shes / -xes that keep their e
    "niches": "niche", "caches": "cache", "quiches": "quiche", "cliches": "cliche", "headaches": "headache",
    "moustaches": "moustache", "mustaches": "mustache", "avalanches": "avalanche", "axes": "axe",
    # -es after o
    "potatoes": "potato", "tomatoes": "tomato", "heroes": "hero", "echoes": "echo", "torpedoes": "torpedo",
    "volcanoes": "volcano", "mangoes": "mango", "mosquitoes": "mosquito",
    # -ses of -s words, Latin and Greek plurals, and the rest
    "buses": "bus", "gases": "gas", "lenses": "lens", "canvases": "canvas", "atlases": "atlas",
    "dresses": "dress", "irises": "iris", "trellises": "trellis", "oases": "oasis", "crises": "crisis",
    "analyses": "analysis", "theses": "thesis", "cacti": "cactus", "cactuses": "cactus", "radii": "radius",
    "fungi": "fungus", "octopi": "octopus", "indices": "index", "matrices": "matrix", "vertices": "vertex",
    "appendices": "appendix", "people": "person", "feet": "foot", "teeth": "tooth", "geese": "goose",
    "children": "child", "mice": "mouse", "lice": "louse", "men": "man", "women": "woman", "oxen": "ox",
    "dice": "die", "pianos": "piano",
}
"""Plurals the suffix rules below would get wrong."""

_KEEP_S: frozenset[str] = frozenset({
    "canvas", "atlas", "lens", "series", "species", "gas", "chaos", "bias", "dais", "christmas", "this", "its",
    "is", "was", "has", "us", "yes", "plus", "bus", "cactus", "lotus", "ficus", "hibiscus", "asparagus", "iris",
    "trellis", "chassis", "tennis", "billiards", "news", "physics", "aerobics", "gymnastics",
})
"""Singular words that end in ``s`` (never stripped)."""


def singular(word: str) -> str:
    """The singular of one lower-case English noun (``knives`` -> ``knife``, ``shelves`` -> ``shelf``, ``benches``
    -> ``bench``, ``boxes`` -> ``box``, ``dishes`` -> ``dish``, ``glasses`` -> ``glass``, ``mice`` -> ``mouse``,
    ``radii`` -> ``radius``, ``sofas`` -> ``sofa``, ``stoves`` -> ``stove``; a singular word comes back unchanged).

    The project's one singulariser: the catalog's synonym index, the planners and the noun resolution all use it, so
    a phrase and its plural always meet.
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
    return " ".join(singular(w) for w in words)


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
    """
    key = _size_key(word)
    for name, size in category.size_words.items():
        if _size_key(name) == key:
            return size
    return None


def size_class(word: str) -> str | None:
    """``small`` / ``large`` / ``tall`` / ``short`` for a general size word (see ``GENERAL_SIZE_WORDS``), else None."""
    return GENERAL_SIZE_WORDS.get(" ".join(re.findall(r"[a-z]+", word.lower())))
