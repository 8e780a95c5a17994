"""Colour and material words -> RGB in [0, 1].

Values are plain display RGB triples (what ``mesh.visual.face_colors`` takes after ``* 255``), the same space as
``AssetRef.colour``. Lookups fold case, hyphens and ``grey``/``gray`` spelling, and understand a leading tone word
(``dark blue``, ``light grey``, ``pale green``, ``bright red``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

RGB = tuple[float, float, float]


def _hex(code: str) -> RGB:
    return (int(code[0:2], 16) / 255.0, int(code[2:4], 16) / 255.0, int(code[4:6], 16) / 255.0)


COLOURS: dict[str, RGB] = {name: _hex(code) for name, code in {
    # basic colours
    "red": "c0392b", "crimson": "a31621", "burgundy": "800020", "maroon": "7b1e1e", "pink": "f4a6b8",
    "rose": "e8909c", "magenta": "c2185b", "orange": "e67e22", "coral": "f07c5c", "peach": "f6c39f",
    "yellow": "f1c40f", "mustard": "d4a017", "gold": "c9a227", "green": "2e8b57", "olive": "708238",
    "sage": "9caf88", "emerald": "1f8a5b", "mint": "98d8b5", "teal": "1a7f7a", "turquoise": "30c5c0",
    "cyan": "35c4d4", "blue": "2e5fa8", "navy": "1f2a4d", "royal blue": "2948a3", "sky blue": "87bde6",
    "cobalt": "1f4fa0", "indigo": "3f3a8c", "purple": "6c3483", "violet": "8e5cc8", "lavender": "b9a7db",
    "lilac": "c8a2c8", "brown": "6f4e37", "chocolate": "4e2e1e", "tan": "c9a77c", "beige": "d9c7a7",
    "cream": "f2e8cf", "ivory": "f3eee0", "khaki": "b8a878", "taupe": "8b7d6b", "camel": "b8864b",
    "navy blue": "1f2a4d", "white": "f2f2f0", "off white": "ece8df", "black": "1c1c1c", "charcoal": "36393d",
    "grey": "8c8c8c",
    "silver": "b8bcc2", "bronze": "8c6239", "copper": "b0673a", "brass": "b5a042", "terracotta": "c66b3d",
    "rust": "a5492a", "sand": "d6c29c",
    # wood tones (also material words)
    "wood": "a0744a", "wooden": "a0744a", "oak": "b48a5a", "light oak": "c9a574", "walnut": "5c3d2e",
    "mahogany": "6b2e1f", "cherry": "8a3b24", "pine": "d1a86e", "maple": "d8b07e", "birch": "dcc39a",
    "teak": "9b6b3c", "ash": "c2a77f", "bamboo": "d4b77a", "ebony": "2b211c", "rattan": "c8a064",
    "wicker": "b98c55",
}.items()}
"""Colour words (and wood-tone words) -> RGB in [0, 1]."""

MATERIALS: dict[str, RGB] = {name: _hex(code) for name, code in {
    "wood": "a0744a", "wooden": "a0744a", "timber": "a0744a", "oak": "b48a5a", "walnut": "5c3d2e",
    "pine": "d1a86e", "mahogany": "6b2e1f", "teak": "9b6b3c", "bamboo": "d4b77a", "plywood": "c9a574",
    "metal": "8e9399", "metallic": "8e9399", "steel": "a3a8ad", "stainless steel": "b5b9bd", "stainless": "b5b9bd",
    "iron": "4a4a4a", "wrought iron": "2e2e2e", "chrome": "c8ccd0", "aluminium": "b8bcc0", "aluminum": "b8bcc0",
    "brass": "b5a042", "copper": "b0673a", "gold": "c9a227",
    "leather": "6b3f26", "faux leather": "5a3a28", "suede": "9a7355", "fabric": "8f8a80", "linen": "d8cfbd",
    "cotton": "e6e1d6", "wool": "cfc6b4", "velvet": "5b2a4e", "upholstered": "8f8a80", "tweed": "7d7463",
    "marble": "e9e6e1", "granite": "6e6a66", "stone": "a8a196", "concrete": "9b9b97", "ceramic": "eeece6",
    "porcelain": "f4f3ef", "glass": "b9d3d9", "plastic": "e0e0dc", "acrylic": "e8eef0", "wicker": "b98c55",
    "rattan": "c8a064", "jute": "b89b6c", "lacquered": "2a2a2a", "laminate": "c9b79c",
}.items()}
"""Material words -> the colour an object of that material has when the prompt names no colour."""

_TONES: dict[str, tuple[str, float]] = {
    "dark": ("mix_black", 0.45), "deep": ("mix_black", 0.3), "light": ("mix_white", 0.45),
    "pale": ("mix_white", 0.6), "pastel": ("mix_white", 0.5), "bright": ("saturate", 0.3),
    "vivid": ("saturate", 0.3), "muted": ("desaturate", 0.4), "dusty": ("desaturate", 0.35),
}


TONE_WORDS = frozenset(_TONES)
"""words that shade a colour ("light" blue, "muted" olive): part of a colour phrase, never one on their own"""


_ISH: dict[str, str] = {"reddish": "red", "bluish": "blue", "blueish": "blue", "whitish": "white",
                        "yellowish": "yellow", "greyish": "grey", "purplish": "purple", "pinkish": "pink"}


def _key(text: str) -> str:
    words = re.findall(r"[a-z]+", text.lower().replace("_", " "))
    words = ["grey" if w == "gray" else w for w in words]
    if words and words[-1] in ("coloured", "colored", "color", "colour", "toned", "tone", "ish"):
        words.pop()
    words = [_ISH.get(w, w[:-3] if w.endswith("ish") and w[:-3] in COLOURS else w) for w in words]
    return " ".join(words)


def _apply_tone(rgb: RGB, tone: str) -> RGB:
    how, amount = _TONES[tone]
    r, g, b = rgb
    if how == "mix_black":
        return (r * (1 - amount), g * (1 - amount), b * (1 - amount))
    if how == "mix_white":
        return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)
    mean = (r + g + b) / 3.0
    k = (1 + amount) if how == "saturate" else (1 - amount)
    return tuple(min(1.0, max(0.0, mean + (c - mean) * k)) for c in (r, g, b))  # type: ignore[return-value]


def colour_rgb(name: str | None) -> RGB | None:
    """RGB in [0, 1] for a colour phrase (``"dark blue"``, ``"Light-Gray"``, ``"navy blue"``, ``"walnut"``), or None.

    A phrase of several colour words uses a known two-word name, else its first known word (``"navy blue"`` -> navy);
    a leading tone word (dark, light, pale, deep, bright, pastel, muted) darkens, lightens or (de)saturates it.
    """
    if not name:
        return None
    key = _key(name)
    if not key:
        return None
    if key in COLOURS:
        return COLOURS[key]
    words = key.split()
    tone = words[0] if words[0] in _TONES else None
    rest = words[1:] if tone else words
    # two-word names first ("sky blue", "off white"), then the first known word ("navy blue" -> navy)
    pairs = [" ".join(rest[i:i + 2]) for i in range(len(rest) - 1)]
    base = next((COLOURS[c] for c in [*pairs, *rest] if c in COLOURS), None)
    if base is None:
        return None
    return _apply_tone(base, tone) if tone else base


def material_rgb(name: str | None) -> RGB | None:
    """Default RGB in [0, 1] for a material phrase (``"oak"``, ``"stainless steel"``, ``"velvet"``), or None."""
    if not name:
        return None
    key = _key(name)
    if key in MATERIALS:
        return MATERIALS[key]
    for w in reversed(key.split()):
        if w in MATERIALS:
            return MATERIALS[w]
    return None


def names() -> list[str]:
    """All colour words known, sorted."""
    return sorted(COLOURS)


VIVID_WORDS = frozenset({"colourful"})
"""Colour words that ask for any vivid colour rather than one (the reader folds colorful and multicoloured here)."""
VIVID_PALETTE = ("red", "orange", "yellow", "emerald", "teal", "turquoise", "cobalt", "magenta", "coral", "violet")
"""The colours a vivid word is drawn from (names in ``COLOURS``)."""
VIVID_MIN_SATURATION = 0.45
"""HSV saturation a colour needs to count as vivid ..."""
VIVID_MIN_VALUE = 0.35
"""... and HSV value (the palette's least saturated, coral, is 0.62 and 0.94)"""


def colour_for(name: str | None, rng: "np.random.Generator") -> RGB | None:
    """RGB for a colour word: ``colour_rgb``'s, or for a vivid word a colour drawn from ``VIVID_PALETTE`` with
    ``rng`` (drawn only then, so other objects' colours do not change)."""
    rgb = colour_rgb(name)
    if rgb is None and name and _key(name) in VIVID_WORDS:
        return COLOURS[VIVID_PALETTE[int(rng.integers(len(VIVID_PALETTE)))]]
    return rgb


def is_vivid(rgb: RGB) -> bool:
    """Whether an RGB in [0, 1] reads as a vivid colour (saturated and not dark)."""
    import colorsys

    _, sat, val = colorsys.rgb_to_hsv(*rgb)
    return sat >= VIVID_MIN_SATURATION and val >= VIVID_MIN_VALUE
