"""Reading a home prompt: which rooms, how many, the persona and theme words, a floor area, an open kitchen.

The rule that decides whether a prompt is a home (``is_home_prompt``), stated once:

* it names a home code ("1b1b", "2br/2ba"), or
* it names two or more rooms ("three offices and a hallway", "a living room and a kitchen"; "the kitchen" is a
  reference, not a room of its own) and fewer furniture words than rooms, or
* it names a residential noun (apartment, flat, house, home, cottage …; ``programs.toml [residential]``) as its head
  (before any room, not used as an adjective: "a home office", "an apartment living room" are rooms) and no furniture.

Anything else is a single room and goes through ``scenegen.pipeline.make`` unchanged.

Counting (``read_home``): a number word up to three words before a room phrase counts it ("three professors' office",
"two more bedrooms"); a plural alone is two ("guest bedrooms"); a phrase seen before and preceded by "the" is a
reference ("a sunroom off the living room"), as is one followed by a number ("office 1"); a phrase followed by a
furniture word is an object ("dining table"). A suite is a bedroom with its own bathroom; "suite with a bedroom, bath"
names the suite's rooms, not more. A counted bath mention of two or more that covers the suites is the home's total
("three bedroom suites … three and a half baths"). A residential home gets what a home needs and the prompt left out:
a bedroom when it names no bedroom, living room or kitchen; a bathroom, living room and kitchen when it has bedrooms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from scenegen import catalog
from scenegen.home.program import home_data
from scenegen.plan import text as tx

CODE = re.compile(r"\b(\d)\s*b(?:r|d|ed)?\s*/?\s*(\d)\s*b(?:a|ath)?\b")
"""'1b1b', '2b2b', '2br/1ba', '3bd 2ba': bedrooms and bathrooms"""
SHAPE = {"L": re.compile(r"\bl[- ]?shaped\b|\bl[- ]shape\b"), "U": re.compile(r"\bu[- ]?shaped\b|\bu[- ]shape\b|"
                                                                      r"\bcourtyard\b")}
AREA = re.compile(r"(\d+(?:\.\d+)?)\s*(?:m²|m2|sqm|sq\.? ?m|square met(?:er|re)s?)", re.I)
HALF_BATHS = re.compile(r"\b(\w+) and a half (baths|bathrooms)\b")
NUMBER_SKIP = frozenset({"more", "other", "guest", "private", "separate", "spacious", "small", "big", "large", "open",
                         "shared", "full", "additional", "extra", "identical", "professors", "professor", "s", "kids",
                         "bedroom", "double", "single", "little", "tiny", "huge", "modern", "cozy", "cosy", "bright"})
STOP = frozenset({",", ";", ":", ".", "and", "with", "the", "a", "an", "of", "for", "in", "to", "or"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "our", "my", "your", "his", "her", "their", "its"})
"""determiners of a room already there (a reference, or the room the prose is about), not a room asked for"""
NEGATING = frozenset({"without", "no", "nor"})
"""words that deny the room after them ("without a garage or basement")"""
FITTED = frozenset({"with", "has", "having", "containing", "featuring", ":"})
"""words after a bathroom that start the list of its fittings"""
MAX_ROOMS = 16
"""rooms a prompt may ask for; more is refused in one line (the floor plan and the solver are sized for homes)"""


@dataclass
class HomeRequest:
    """What a home prompt asks for. ``rooms``: type -> count, in order of first mention; ``program``: the named
    home it matched (``1b1b``, ``studio``, ``office_floor``) or ``custom``; ``total_area`` m² when given."""

    prompt: str
    rooms: dict[str, int]
    program: str = "custom"
    themes: list[str] = field(default_factory=list)
    style: str | None = None
    total_area: float | None = None
    open_kitchen: bool = False
    shape: str = "rect"
    """footprint: ``rect``, ``L`` or ``U`` ("an L-shaped bungalow", "a U-shaped house around a courtyard")"""
    notes: list[str] = field(default_factory=list)

    def room_types(self) -> list[str]:
        """One entry per room, types in order."""
        return [t for t, n in self.rooms.items() for _ in range(n)]


@dataclass
class _Scan:
    """What one pass over the prompt's words found. ``strong``: room mentions with an indefinite article or a
    number (they make a prompt a home); "the kitchen" is a room of a home, but alone it is only a reference."""

    rooms: dict[str, int] = field(default_factory=dict)
    strong: int = 0
    first_room: int | None = None
    home: str | None = None
    home_at: int | None = None
    noun: str | None = None
    """the residential noun the prompt names ("flat", "house")"""
    residential: bool = False
    suites: int = 0
    baths: list[int] = field(default_factory=list)
    fittings: bool = False
    """inside "a bathroom with ..." (to the next ; or .): "a toilet", "a bath" there are its fittings, not rooms"""
    furniture: list[str] = field(default_factory=list)
    denied_until: int = -1
    """the last word of the latest denied room phrase ("without a garage"), for the rooms "or" joins to it"""


def _words(prompt: str) -> list[str]:
    text = unicodedata.normalize("NFKD", prompt).encode("ascii", "ignore").decode().lower()
    text = HALF_BATHS.sub(lambda m: f"{m.group(1)} {m.group(2)} and a half bath", text)
    return re.findall(r"\d+(?:\.\d+)?|[a-z]+|[,;:.]", text.replace("'", " ").replace("-", " "))


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, ...], tuple[str, str]]:
    """phrase -> (kind, value): ``room``/type, ``suite``, ``pair``/phrase, ``home``/name, ``noun`` (residential)."""
    data = home_data()
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    for noun in data.nouns:
        out[tuple(noun.split())] = ("noun", noun)
    for t in data.types.values():
        for w in t.words:
            out[tuple(w.split())] = ("room", t.name)
    for w in data.suite_words:
        out[tuple(w.split())] = ("suite", "bedroom")
    for w in data.pairs:
        out[tuple(w.split())] = ("pair", w)
    for h in data.homes.values():
        for w in h.words:
            out[tuple(w.split())] = ("home", h.name)
    return out


def _count_before(ws: list[str], i: int) -> int | None:
    """The number up to three words before position ``i`` (skipping adjectives such as "more", "private")."""
    for j in range(i - 1, max(-1, i - 4), -1):
        w = ws[j]
        if w.isdigit():
            return int(w)
        if w in tx.NUMBER_WORDS and w not in ("a", "an"):
            return tx.NUMBER_WORDS[w]
        if w in STOP or w not in NUMBER_SKIP:
            return None
    return None


def _determiner(ws: list[str], i: int) -> tuple[str | None, int]:
    """The determiner of the noun phrase whose head starts at ``i`` and its position, looking back over up to three
    modifiers ("the downstairs bathroom", "a shared bedroom"); (None, start of the phrase) when there is none."""
    j = i - 1
    while j >= 0 and i - j <= 4:
        w = ws[j]
        if w in DEFINITE or w in ("a", "an", "one", "no", "any", "every", "each"):
            return w, j
        if not w.isalpha() or w in STOP or w in NEGATING:
            break
        j -= 1
    return None, j + 1


def _negated(ws: list[str], i: int, s: "_Scan") -> bool:
    """Whether the room phrase at ``i`` is denied: "no garage", "without a basement", and the rooms joined to a
    denied one by "or"/"nor" ("without a garage or basement")."""
    det, j = _determiner(ws, i)
    before = ws[j - 1] if j > 0 else ""
    if det == "no" or before in NEGATING:
        return True
    return before in ("or", "nor") and s.denied_until == j - 1


def _not_a_room(ws: list[str], i: int, n: int, phrase: tuple[str, ...], seen: set, table: dict) -> bool:
    """Whether the room phrase at ``i`` is a reference ("the living room" again, "this bathroom", "office 1"), part
    of an object ("dining table", "chaise lounge") or an adjective before another room ("a garage gym")."""
    nxt = ws[i + n] if i + n < len(ws) else ""
    if (_determiner(ws, i)[0] in DEFINITE and phrase in seen) or nxt.isdigit():
        return True
    prev = ws[i - 1] if i > 0 else ""
    alone = catalog.resolve(" ".join(phrase))
    if nxt.isalpha() and nxt not in STOP and catalog.resolve(" ".join([*phrase, nxt])) not in (None, alone):
        return True
    if prev.isalpha() and prev not in STOP and catalog.resolve(" ".join([prev, *phrase])) not in (None, alone):
        return True
    after = tx.match_longest(ws, i + n, table) if nxt else None
    return after is not None and after[1][0] in ("room", "pair")


def _scan(ws: list[str]) -> _Scan:
    """One left-to-right pass: rooms with their counts, suites, bath mentions, the home noun, furniture words."""
    table = _table()
    s = _Scan()
    seen: set[tuple[str, ...]] = set()
    consume: dict[str, int] = {}
    i = 0
    while i < len(ws):
        hit = tx.match_longest(ws, i, table)
        if hit is None:
            s.fittings = s.fittings and ws[i] not in (";", ".")
            _furniture_at(ws, i, s)
            i += 1
            continue
        n, (kind, value) = hit
        phrase = tuple(ws[i:i + n])
        nxt = ws[i + n] if i + n < len(ws) else ""
        if kind in ("noun", "home"):
            _home_at(s, kind, value, i, nxt, table, ws[i + n:i + n + 3])
            i += n
            continue
        if _negated(ws, i, s):
            s.denied_until = i + n - 1
            i += n
            continue
        skip = _not_a_room(ws, i, n, phrase, seen, table)
        seen.add(phrase)
        if skip:
            i += n
            continue
        number = _count_before(ws, i)
        plural = phrase[-1].endswith("s") and not phrase[-1].endswith("ss")
        count = number or (2 if plural else 1)
        if kind == "suite":
            s.suites += count
            s.rooms["bedroom"] = s.rooms.get("bedroom", 0) + count
            consume = {"bedroom": i + n + 8, "bathroom": i + n + 8} if nxt == "with" else {}
        elif kind == "pair":
            for t in home_data().pairs[value]:
                s.rooms[t] = s.rooms.get(t, 0) + 1
        elif consume.get(value, -1) >= i:
            consume.pop(value)
        elif s.fittings and len(phrase) == 1 and catalog.resolve(phrase[0]) is not None:
            i += n
            continue
        elif value == "bathroom":
            s.baths.append(count)
        else:
            s.rooms[value] = s.rooms.get(value, 0) + count
        if s.first_room is None:
            s.first_room = i
        s.strong += count if (number or i == 0 or _determiner(ws, i)[0] not in DEFINITE) else 0
        s.fittings = value in ("bathroom", "toilet") and nxt in FITTED
        i += n
    return s


def _home_at(s: _Scan, kind: str, value: str, i: int, nxt: str, table: dict, after: list[str]) -> None:
    """Record a home noun or named home at ``i`` unless it is an adjective ("a home office", "loft living room")."""
    data = home_data()
    if nxt in data.not_after or tx.match_longest(after, 0, table) is not None and \
            tx.match_longest(after, 0, table)[1][0] in ("room", "suite"):
        return
    if kind == "home":
        if s.home is None or s.home == "1b1b":
            s.home, s.home_at = value, i
        s.residential = s.residential or data.homes[value].residential
    elif s.home is None:
        s.home, s.home_at, s.residential, s.noun = "1b1b", i, True, value


def _furniture_at(ws: list[str], i: int, s: _Scan) -> None:
    """Record a furniture word (or two-word name, "flat screen tv") at ``i``; people and pets are not furniture."""
    from scenegen.plan.brief import is_person_or_pet

    w = ws[i]
    if not w.isalpha() or w in STOP or is_person_or_pet(w):
        return
    cat = catalog.resolve(" ".join(ws[i:i + 2])) if i + 1 < len(ws) and ws[i + 1].isalpha() else None
    cat = cat or catalog.resolve(w)
    if cat is not None:
        s.furniture.append(cat.name)


def is_home_prompt(prompt: str) -> bool:
    """Whether ``prompt`` asks for a home (several rooms) rather than one room; the rule is in the module
    docstring."""
    low = prompt.lower()
    if CODE.search(low):
        return True
    s = _scan(_words(prompt))
    if s.strong >= 2 and len(s.furniture) < s.strong:
        return True
    head = s.home_at is not None and (s.first_room is None or s.home_at < s.first_room)
    return head and not s.furniture


def read_home(prompt: str) -> HomeRequest:
    """The rooms, themes, style, floor area and open kitchen of a home prompt. Raises ``PlanError`` (one line) when
    it names no rooms or too many."""
    from scenegen.plan import PlanError
    from scenegen.plan.brief import read_brief

    ws = _words(prompt)
    s = _scan(ws)
    rooms = dict(s.rooms)
    baths = sum(s.baths)
    total_mention = any(b >= 2 and b >= s.suites for b in s.baths)
    nbaths = baths if total_mention else s.suites + baths
    if nbaths:
        rooms["bathroom"] = nbaths
    code = CODE.search(prompt.lower())
    program = s.home or "custom"
    if code:
        rooms["bedroom"], rooms["bathroom"] = int(code.group(1)), int(code.group(2))
        program = f"{code.group(1)}b{code.group(2)}b"
    named = home_data().homes.get(s.home or "")
    if not rooms and named is not None:
        rooms = dict(named.rooms)
    elif named is not None:
        for t, n in named.add.items():
            rooms.setdefault(t, n)
        if not code:
            program = s.noun or (named.name if named.add else "custom")  # rooms listed: not the named program
    if (s.residential or code) and program != "studio":
        rooms = _residential_defaults(rooms)
    rooms = {t: n for t, n in rooms.items() if n > 0}
    if not rooms:
        raise PlanError(f"no rooms in {prompt!r}: name the rooms (\"two bedrooms, a kitchen and a bathroom\") or a "
                        f"home (\"a 1b1b apartment\")")
    if sum(rooms.values()) > MAX_ROOMS:
        raise PlanError(f"the prompt asks for {sum(rooms.values())} rooms; scenegen makes homes of at most "
                        f"{MAX_ROOMS} rooms")
    brief = read_brief(prompt)
    area = AREA.search(prompt)
    text = " ".join(ws)
    open_kitchen = any(re.search(rf"\b{re.escape(w)}\b", text) for w in home_data().open_words)
    return HomeRequest(prompt=prompt, rooms=rooms, program=program if sum(rooms.values()) else "custom",
                       themes=list(brief.themes), style=brief.style,
                       total_area=float(area.group(1)) if area else None, open_kitchen=open_kitchen,
                       shape=next((k for k, rx in SHAPE.items() if rx.search(prompt.lower())), "rect"))


def _residential_defaults(rooms: dict[str, int]) -> dict[str, int]:
    """What a home needs that the prompt left out (module docstring)."""
    out = dict(rooms)
    if not any(out.get(t) for t in ("bedroom", "living_room", "kitchen", "studio_apartment")):
        out["bedroom"] = 1
    if out.get("bedroom"):
        for t in ("bathroom", "living_room", "kitchen"):
            out.setdefault(t, 1)
            out[t] = max(out[t], 1)
    return out
