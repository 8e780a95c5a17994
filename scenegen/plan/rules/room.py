"""The room: dimensions cut from the prompt, type, size and openings."""

from __future__ import annotations

import math
import re

from scenegen import catalog
from scenegen.plan import PlanError
from scenegen.plan import text as tx
from scenegen.plan.brief import WAYS_IN
from scenegen.plan.rules.records import (ASPECT, DOOR_GAP, DOOR_H, DOOR_W, FOOTPRINT_FACTOR, L_CUT, MAX_WINDOWS,
                                         ROOM_HEIGHT, SMALL_ROOM_HEADROOM, WINDOW_H, WINDOW_SILL, WINDOW_W, Mention)
from scenegen.scene import Opening, Room


NUM = r"(?<![\d,.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
"""a number, with or without thousands separators ("1,000 square feet"; the digits after a comma alone are no number)"""
UNIT = r"(m|meters?|metres?|cm|centimet(?:er|re)s?|mm|ft|feet|foot|')?"
UNIT_METRES = {"cm": 0.01, "mm": 0.001, "ft": 0.3048, "feet": 0.3048, "foot": 0.3048, "'": 0.3048}
"""metres per unit of ``UNIT`` (metres and a bare number: 1); "centimetres" by its first two letters"""
DIM_RE = re.compile(rf"{NUM}\s*{UNIT}\s*(?:x|×|by|\*)\s*{NUM}\s*{UNIT}(?![a-z])", re.IGNORECASE)
AREA_RE = re.compile(rf"{NUM}\s*(?:m2|m²|sqm|sq\.?\s*m|square\s+met(?:er|re)s?|sq\.?\s*ft|square\s+f(?:ee|oo)t)",
                      re.IGNORECASE)


_WORD_NUM = r"(?:[a-z]+(?:[- ][a-z]+)?)"
_LENGTH_UNIT = r"(?:m|meters?|metres?|ft|feet|foot)\b"
SPELLED_MEASURE_RE = re.compile(rf"\b({_WORD_NUM})(\s*(?:-\s*)?{_LENGTH_UNIT}"
                                rf"|\s+(?:by|x)\s+(?=(?:\d+|{_WORD_NUM})\s*{_LENGTH_UNIT}))", re.IGNORECASE)
"""A number written in words before a length unit or "by" ("nine feet wide", "twelve by fourteen feet")."""
SIDES_RE = re.compile(rf"{NUM}\s*{UNIT}\s*(?:wide|long|deep|across)\s*(?:,|and|by|x)?\s*{NUM}\s*{UNIT}"
                      rf"\s*(?:wide|long|deep|across)\b", re.IGNORECASE)
"""Two sides said one at a time ("12 feet wide and 14 feet long", "four metres long by three metres wide")."""


def spell_out_numbers(text: str) -> str:
    """``text`` with each number written in words before a length unit or "by" given as digits, right-aligned in the
    words' place so offsets hold ("nine feet wide" -> "   9 feet wide", "twenty-five feet" -> "         25 feet")."""
    def digits(m: re.Match) -> str:
        words = re.split(r"[- ]", m.group(1).lower())
        for n in (len(words), 1):
            value = tx.parse_number(words[-n:])
            if value is not None and 0 < value < 1000:
                kept = m.group(1)[:len(m.group(1)) - len(" ".join(words[-n:]))]
                return kept + str(value).rjust(len(m.group(1)) - len(kept)) + m.group(2)
        return m.group(0)
    return SPELLED_MEASURE_RE.sub(digits, text)


def spelled_room_size(prompt: str) -> tuple[str, re.Match | None]:
    """The prompt with numbers in words given as digits, and a room size said in words or side by side ("twelve feet
    by fourteen feet", "nine feet wide and twelve feet long") when its clause names the room and no thing follows it
    ("a five by eight foot rug" sizes the rug) and each side is a room's (1.5 to 50 m); (prompt, None) otherwise."""
    text = spell_out_numbers(prompt)
    for m in (DIM_RE.search(text), SIDES_RE.search(text)):
        if m is None:
            continue
        clause = re.findall(r"[a-z']+", re.split(r"[.!?;]", text[:m.start()].lower())[-1])
        names_room = any(tx.match_longest(clause, i, tx.ROOM_PHRASES) for i in range(len(clause)))
        sides = [_number(m.group(g)) * _unit_metres(m.group(4) or m.group(2)) for g in (1, 3)]
        if names_room and not _thing_after(text, m) and all(1.5 <= v <= 50.0 for v in sides):
            return text, m
    return prompt, None


MEASURE_RE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?-?\s?(?:inch(?:es)?\b|\"|\u201d|\u2033|''|feet\b|foot\b|ft\b|'(?!s)|"
                        r"\u2019(?!s)|cm\b|mm\b|m\b|k\b|yards?\b|years?\b|degrees?\b|tiers?\b|burners?\b|"
                        r"seaters?\b|gallons?\b|watts?\b|%)", re.IGNORECASE)
"""A number with its unit ('a 65" TV', 'a 27-inch iMac', '20-foot ceilings', 'a 3-tier rack', 'a 3-seater sofa'): a
measure of the thing, never how many there are."""


PRICE_RE = re.compile(r"[$\u00a3\u20ac\u00a5]\s?\d+(?:[.,]\d+)*k?\b|(?<![\w.])\d+(?:[.,]\d+)*\s?(?:dollars?|bucks|euros?|"
                      r"quid|usd|eur|gbp)\b", re.IGNORECASE)
"""A price ("a $5 side table", "a 20 dollar rug", "a \u00a3200 sofa"): what the thing cost, never how many there are."""
ORDINAL_RE = re.compile(r"(?<![\w.])\d+(?:st|nd|rd|th|s)\b", re.IGNORECASE)
"""A number with an ordinal or decade ending ("20th-century chinoiserie", "the 1890s sofa", "the 2nd chair"): which
one or when, never how many."""


def _number(raw: str) -> float:
    """A ``NUM`` match as a float ("1,000" → 1000.0)."""
    return float(raw.replace(",", ""))


def blank_measures(text: str) -> str:
    """``text`` with every number-and-unit measure, price and ordinal blanked (same length, so character offsets stay
    valid)."""
    blank = lambda m: " " * len(m.group(0))  # noqa: E731
    return ORDINAL_RE.sub(blank, PRICE_RE.sub(blank, MEASURE_RE.sub(blank, text)))


def _unit_metres(unit: str | None) -> float:
    """Metres per ``unit`` (a ``UNIT`` match; None or metres: 1)."""
    u = (unit or "m").lower()
    return UNIT_METRES.get(u, UNIT_METRES["cm"] if u.startswith("cent") else 1.0)


LEAD_IN_RE = re.compile(r"(?:[\s(,]|\b(?:measuring|about|approx|approximately|roughly|at)\b)*$")
"""what may stand between a noun and its size ("a bed (200x120 cm)", "a desk, measuring 120x60 cm")"""
THING_SIZE_SLACK = 1.5
"""a size after a noun is the thing's when no side exceeds this times the category's largest side"""


def _thing_after(text: str, m: re.Match) -> bool:
    """Whether a catalog noun follows the dimensions ``m`` in ``text`` ("a 5x8 rug", "a five by eight foot rug")."""
    after = re.findall(r"[a-z]+", text[m.end():m.end() + 40].lower())[:2]
    return any(catalog.resolve(" ".join(after[:n])) is not None for n in (1, 2) if len(after) >= n)


def _sizes_a_thing(text: str, m: re.Match) -> bool:
    """Whether the dimensions ``m`` in ``text`` measure a thing rather than the room: a catalog noun just after them
    ("a 5x8 rug"), or one just before them whose size they could be ("a full-size bed (200x120 cm)"; not "a bedroom
    with a desk, 4x3.5 m", which sizes the room)."""
    if _thing_after(text, m):
        return True
    head = LEAD_IN_RE.sub("", re.split(r"[.!?;:\n]", text[:m.start()])[-1].lower())
    words = re.findall(r"[a-z][a-z'-]*", head)
    if not words or not head.endswith(words[-1]):
        return False
    scale = _unit_metres(m.group(4) or m.group(2))
    longest = max(_number(m.group(1)), _number(m.group(3))) * scale
    for n in (3, 2, 1):
        cat = catalog.resolve(" ".join(words[-n:])) if len(words) >= n else None
        if cat is not None:
            return longest <= THING_SIZE_SLACK * max(cat.size_max[:2])
    return False


def extract_dimensions(prompt: str) -> tuple[str, tuple[float, float] | None, float | None]:
    """Cut room dimensions out of the prompt (blanked with spaces so character offsets stay valid).

    Returns (text, (width, depth) in metres or None, floor area in m² or None).
    """
    dims: tuple[float, float] | None = None
    area: float | None = None
    text = prompt
    m = DIM_RE.search(text)
    if m is None:
        text, m = spelled_room_size(prompt)
    if m and _sizes_a_thing(text, m):  # "a full-size bed (200x120 cm)", "a 5x8 rug": the thing's size, not the room's
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
        m = None
    if m:
        scale = _unit_metres(m.group(4) or m.group(2))
        w, d = _number(m.group(1)) * scale, _number(m.group(3)) * scale
        for v, raw in ((w, m.group(1)), (d, m.group(3))):
            if not 1.5 <= v <= 50.0:
                raise PlanError(f"room dimension {raw} in {m.group(0).strip()!r} is out of range: "
                                f"give each side between 1.5 and 50 metres, e.g. '5x4 m'")
        dims = (round(w, 2), round(d, 2))
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    a = AREA_RE.search(text)
    if a:
        value = _number(a.group(1)) * (0.0929 if "f" in a.group(0).lower() else 1.0)
        if not 3.0 <= value <= 2500.0:
            raise PlanError(f"room area {a.group(0).strip()!r} is out of range: give between 3 and 2500 m²")
        area = value if dims is None else None
        text = text[:a.start()] + " " * (a.end() - a.start()) + text[a.end():]
    return blank_measures(text), dims, area


# --------------------------------------------------------------------------------------------------------------------
# The room
# --------------------------------------------------------------------------------------------------------------------


def guess_room_type(rooms: list[Mention], objects: list[Mention]) -> str:
    """The room type the prompt names, else the one the objects' catalog ``rooms`` vote for, else ``room``."""
    for k, r in enumerate(rooms):
        head = rooms[k + 1] if k + 1 < len(rooms) else None
        if head is not None and head.head == r.end and head.category not in ("room", *WAYS_IN):
            continue  # "a garage art studio": the last of two room nouns names the room, the first where it is
        if r.category != "room":
            return r.category
    scores: dict[str, float] = {}
    for idx, m in enumerate(objects):
        if m.owner != idx or m.kind != "object":
            continue
        cat_rooms = catalog.get(m.category).rooms
        for name in cat_rooms:
            scores[name] = scores.get(name, 0.0) + 1.0 / len(cat_rooms)
    if not scores:
        return "room"
    best = max(scores.values())
    return next(name for name, v in scores.items() if v == best)


def floor_footprint(m: Mention) -> tuple[float, float] | None:
    """(width, depth) in metres of one object of a floor-standing mention; None for wall, ceiling and tabletop ones."""
    if m.kind == "generic":
        w, d, _ = catalog.GENERIC.size_typical
        return w, d
    cat = catalog.get(m.category)
    if cat.support != "floor" or cat.size_typical[2] < 0.1:
        return None  # wall, ceiling and tabletop objects, and flat ones (rugs, mats) that others stand on
    w, d, _ = cat.size_words.get(m.attrs.get("size", ""), cat.size_typical)
    scale = {"small": 0.8, "large": 1.25}.get(m.attrs.get("size", ""), 1.0)
    return w * scale, d * scale


def room_size(dims: tuple[float, float] | None, area: float | None, room_type: str, rooms: list[Mention],
               objects: list[Mention], toks: list[tx.Token]) -> tuple[float, float]:
    """(width, depth) in metres: the prompt's dimensions, or enough floor for the objects scaled by size words."""
    if dims is not None:
        return dims
    words = [t.text for t in toks]
    factor, aspect = 1.0, ASPECT
    if rooms:
        j = rooms[0].start - 1
        while j >= 0 and (words[j] in tx.ROOM_SIZE_WORDS or tx.is_adjective(words[j]) or words[j] == ","):
            factor *= tx.ROOM_SIZE_WORDS.get(words[j], 1.0)
            if words[j] in ("long", "narrow"):
                aspect = 1.7
            elif words[j] == "square":
                aspect = 1.0
            j -= 1
    if area is not None:
        return rounded(math.sqrt(area * aspect), area / math.sqrt(area * aspect))
    min_w, min_d = tx.ROOM_MIN_SIZE.get(room_type, tx.ROOM_MIN_SIZE["room"])
    scale = math.sqrt(factor)
    min_w, min_d = min_w * max(scale, 0.8), min_d * max(scale, 0.8)
    total, longest = 0.0, 0.0
    for idx, m in enumerate(objects):
        fp = floor_footprint(m) if m.owner == idx else None
        if fp is not None:
            total += fp[0] * fp[1] * m.count
            longest = max(longest, *fp)
    floor_area = max(FOOTPRINT_FACTOR * total * factor, 1.8 * total, min_w * min_d)
    if factor < 1.0:
        # A size word that shrinks the room is a promise: keep the room small even when the objects would want more,
        # and let the solver say what does not fit, instead of quietly planning a hall for "a small room".
        base_w, base_d = tx.ROOM_MIN_SIZE.get(room_type, tx.ROOM_MIN_SIZE["room"])
        floor_area = min(floor_area, SMALL_ROOM_HEADROOM * base_w * base_d * factor)
        longest = min(longest, math.sqrt(floor_area * aspect))
    width = max(math.sqrt(floor_area * aspect), min_w)
    depth = max(floor_area / width, min_d, longest + DOOR_W)  # the longest object can stand clear of the door swing
    width = max(width, depth if aspect >= 1 else width, longest + 0.6)
    return rounded(min(width, 40.0), min(depth, 40.0))


def rounded(width: float, depth: float) -> tuple[float, float]:
    return math.ceil(width * 10 - 1e-6) / 10, math.ceil(depth * 10 - 1e-6) / 10


def window_count(words: list[str], notes: list[str]) -> int:
    """1 by default; 0 for "no windows"/"windowless"; 2 for "windows"; an explicit "three windows" up to 3."""
    if "windowless" in words:
        return 0
    count = 1
    for i, w in enumerate(words):
        if w not in ("window", "windows"):
            continue
        j = i
        while j > 0 and tx.is_adjective(words[j - 1]):
            j -= 1
        prev = words[j - 1] if j > 0 else ""
        if prev in tx.NEGATIONS or (prev == "any" and j > 1 and words[j - 2] in tx.NEGATIONS):
            return 0
        n = tx.parse_number([prev]) if prev else None
        if n is None and w == "windows":
            n = 3 if prev in ("several", "many", "multiple", "some") else 2
        if n is not None:
            count = max(count, n)
    if count > MAX_WINDOWS:
        notes.append(f"the prompt asks for {count} windows; the rules planner places {MAX_WINDOWS}")
        count = MAX_WINDOWS
    return count


def l_shaped_room(width: float, depth: float, room_type: str, windows: int, given: bool) -> Room:
    """An L: the ``width`` × ``depth`` rectangle (grown to keep its floor area unless the prompt gave the size) with
    its north-east corner cut away. Walls (CCW): 0 south, 1 east, 2 and 3 the inner corner, 4 north, 5 west; the door
    on the south wall, windows on the north, east and west walls."""
    if not given:
        grow = 1.0 / math.sqrt(1.0 - L_CUT * L_CUT)
        width, depth = rounded(width * grow, depth * grow)
    w1, d1 = round(width * (1 - L_CUT), 2), round(depth * (1 - L_CUT), 2)
    footprint = [(0.0, 0.0), (width, 0.0), (width, d1), (w1, d1), (w1, depth), (0.0, depth)]
    lengths = {4: w1, 1: d1, 5: depth}
    openings = [Opening(id="door_1", kind="door", wall=0, offset=round(DOOR_GAP + DOOR_W / 2, 3), width=DOOR_W,
                        height=DOOR_H)]
    for n, wall in enumerate((4, 1, 5)[:windows], start=1):
        w = min(WINDOW_W, lengths[wall] - 0.4)
        if w > 0.3:
            openings.append(Opening(id=f"window_{n}", kind="window", wall=wall, offset=round(lengths[wall] / 2, 3),
                                    width=w, height=WINDOW_H, sill=WINDOW_SILL))
    return Room(type=room_type, footprint=footprint, height=ROOM_HEIGHT, openings=openings)


def place_openings(width: float, depth: float, windows: int) -> list[Opening]:
    """A door on the south wall near its west corner; windows centred on the north, east and west walls."""
    ops = [Opening(id="door_1", kind="door", wall=0, offset=round(DOOR_GAP + DOOR_W / 2, 3), width=DOOR_W,
                   height=DOOR_H)]
    for n, wall in enumerate((2, 1, 3)[:windows], start=1):
        length = width if wall in (0, 2) else depth
        w = min(WINDOW_W, length - 0.4)
        ops.append(Opening(id=f"window_{n}", kind="window", wall=wall, offset=round(length / 2, 3), width=w,
                           height=WINDOW_H, sill=WINDOW_SILL))
    return ops
