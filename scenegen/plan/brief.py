"""The room-level brief a prompt gives besides its objects: the room program, style, theme and persona words, what it
rules out, and whether it asks for only what it lists.

These become ``LayoutPlan.program``, ``style``, ``themes``, ``excluded`` and ``only``, which the design stage reads to
furnish a room that the prompt names but does not list ("a living room", "a cozy bedroom for a teenager who plays
guitar"). The word lists are data in ``scenegen/plan/brief_words.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from scenegen import catalog
from scenegen.plan import text as tx


@dataclass(frozen=True)
class BriefWords:
    """The vocabularies the brief is read with (loaded from ``brief_words.json``)."""

    programs: dict[tuple[str, ...], str]
    """room phrase -> room program name (``kids_room``, ``home_office``, ``cafe`` ...)"""
    program_base: dict[str, str]
    """room program -> the room type it is a kind of (``kids_room`` -> ``bedroom``); missing means itself"""
    personas: frozenset[str]
    """people words that are never objects ("a researcher", "a teenager")"""
    pets: frozenset[str]
    """animals that are never objects themselves; they ask for pet things"""
    themes: dict[tuple[str, ...], str]
    """theme phrases ("harry potter", "space", "nautical") -> theme name"""
    only_words: frozenset[str] = field(default_factory=frozenset)
    only_phrases: tuple[str, ...] = ()
    """phrases that say nothing is to be added wherever they stand ("a bed and a desk, nothing else")"""
    only_not_before: frozenset[str] = field(default_factory=frozenset)
    """words after "only N" that make it a statement about some of the things ("only two are at the table"), not a
    request for nothing else"""
    persona_rooms: dict[str, str] = field(default_factory=dict)
    """persona word -> the program of a room named after that person (``daughter`` -> ``kids_room``); ``*`` for any
    other persona"""


@lru_cache(maxsize=1)
def words() -> BriefWords:
    """The brief vocabularies, read once from the package data file."""
    raw = json.loads(resources.files("scenegen.plan").joinpath("brief_words.json").read_text())
    return BriefWords(
        programs={tuple(k.split()): v for k, v in raw["programs"].items()},
        program_base=dict(raw["program_base"]),
        personas=frozenset(raw["personas"]),
        pets=frozenset(raw["pets"]),
        themes={tuple(k.split()): v for k, v in raw["themes"].items()},
        only_words=frozenset(raw["only_words"]),
        only_not_before=frozenset(raw["only_not_before"]),
        only_phrases=tuple(raw["only_phrases"]),
        persona_rooms=dict(raw["persona_rooms"]),
    )


@dataclass
class Brief:
    """What ``read_brief`` finds. ``program`` is None when the prompt names no room kind."""

    program: str | None = None
    style: str | None = None
    themes: list[str] = field(default_factory=list)
    only: bool = False
    persona: bool = False
    """whether ``program`` comes from a person's room ("my son's room"): it outranks what the objects suggest"""
    fallback: str | None = None
    """a program to use only when neither the prompt nor its objects name the room ("a room for a student")"""


_COUNT_STARTS = frozenset({"a", "an", "the", "one", "two", "three", "four", "five", "six", "some"})


def is_room_phrase(head_words: list[str]) -> bool:
    """Whether words name a room program ("cafe", "home office", "an ancient library"), which is never an object."""
    return any(tuple(head_words[i:]) in words().programs for i in range(len(head_words)))


def program_base(program: str) -> str:
    """The room type a program is a kind of (``home_office`` -> ``office``); the program itself when it is one."""
    return words().program_base.get(program, program)


WAYS_IN = frozenset({"hallway"})
"""programs that, named right after another room ("the playroom entryway", "the kitchen hall"), are that room's way
in, not the room described: the first room noun keeps naming it"""


def read_brief(prompt: str) -> Brief:
    """The room program (longest phrase first, first mention wins), the first style word, theme, persona and pet words
    in prompt order, and "only"."""
    toks = tx.tokenize(re.sub(r"[-_/]", " ", prompt.lower()))
    ws = [t.text for t in toks]
    vocab = words()
    brief = Brief()
    seen: set[str] = set()
    i = 0
    while i < len(ws):
        prog = tx.match_longest(ws, i, vocab.programs)
        theme = tx.match_longest(ws, i, vocab.themes)
        style = tx.match_longest(ws, i, tx.MULTIWORD_STYLES)
        if prog and (_object_phrase_len(ws, i) > prog[0]
                     or (i + prog[0] < len(ws) and ws[i + prog[0]] in tx.ARCH_WORDS)):
            prog = None  # "a loft bed", "a bar stool", "a gallery wall": an object or a wall, not a room
        if prog and brief.program is None:
            brief.persona = any(_persona(w) for w in ws[i:i + prog[0]])  # "a teenager's room"
            head = tx.match_longest(ws, i + prog[0], vocab.programs)
            if head and head[1] not in WAYS_IN and _object_phrase_len(ws, i + prog[0]) <= head[0]:
                i, prog = i + prog[0], head  # "a garage art studio": the last of two room nouns names the room
            brief.program = prog[1]
            i += prog[0]
            continue
        if style and brief.style is None:
            brief.style = style[1]
        elif ws[i] in tx.STYLES and brief.style is None:
            brief.style = tx.STYLES[ws[i]]
        if i + 1 < len(ws) and ws[i + 1] in ("themed", "theme") and not theme and ws[i] not in seen:
            theme = (1, ws[i])  # "a dinosaur-themed room", "a space theme"
        if theme and theme[1] not in seen:
            seen.add(theme[1])
            brief.themes.append(theme[1])
            i += theme[0]
            continue
        word = catalog.singular(ws[i].removesuffix("'s").removesuffix("'"))  # "a teenager's room"
        if (word in vocab.personas or word in vocab.pets) and word not in seen:
            seen.add(word)
            brief.themes.append(word)
        if (ws[i] in vocab.only_words and i + 1 < len(ws) and (ws[i + 1] in _COUNT_STARTS or toks[i + 1].kind == "num")
                and (i == 0 or ws[i - 1] != "not") and (i + 2 >= len(ws) or ws[i + 2] not in vocab.only_not_before)):
            brief.only = True  # "only a bed and a desk", "just two chairs" (not "not only")
        i += 1
    persona, fallback = persona_room(ws)
    low = " ".join(ws)
    brief.only = brief.only or any(re.search(rf"(?<!\bnot )\b{re.escape(p)}\b", low) for p in vocab.only_phrases)
    brief.persona = brief.persona or (brief.program is None and persona is not None)
    brief.program = brief.program or persona
    brief.fallback = fallback if brief.program is None else None
    return brief


def _persona(word: str) -> str | None:
    """The persona word a token names, possessive or plural or not ("teenager's", "kids'" -> kids, "sons" -> son), or
    None when it names no person."""
    w = word.removesuffix("'s").removesuffix("'")
    return next((form for form in (w, catalog.singular(w)) if form in words().personas), None)


def _object_phrase_len(ws: list[str], i: int) -> int:
    """Words in the longest catalog object phrase starting at ``ws[i]`` (0 when none)."""
    for n in range(min(getattr(catalog, "MAX_SYNONYM_WORDS", 4), len(ws) - i), 0, -1):
        if catalog.resolve(" ".join(ws[i:i + n])) is not None:
            return n
    return 0


_ROOM_NOUNS = frozenset({"room", "space", "bedroom"})
_PERSONA_LEAD = frozenset({"a", "an", "the", "my", "our", "his", "her", "their", "two", "three", "young", "little",
                           "teenage", "older", "younger", "small"})


def persona_room(ws: list[str]) -> tuple[str | None, str | None]:
    """(program, fallback) of a room named after its person, from ``persona_rooms`` in the data. The program is
    sure: "my daughter's room", "a teen gamer's room", "a room for two young boys". The fallback is only a guess, used
    when neither the prompt nor its objects name the room: "a room for a student" is most likely a bedroom, "a room
    for a grandmother with a rocking chair" a sitting room. (None, None) when the prompt names no person's room."""
    vocab = words()
    general = vocab.persona_rooms.get("*")

    def program_of(word: str) -> str | None:
        persona = _persona(word)
        return None if persona is None else vocab.persona_rooms.get(persona, general)

    for i, w in enumerate(ws[:-1]):
        if ws[i + 1] in _ROOM_NOUNS and program_of(w):  # "my daughter's room", "a teen gamer's room"
            j = i
            while j > 0 and program_of(ws[j - 1]):
                j -= 1
            progs = [program_of(x) for x in ws[j:i + 1]]
            return next((p for p in progs if p != general), general), None
        if w in ("room", "bedroom") and ws[i + 1] == "for":  # "a room for a young student"
            j = i + 2
            while j < len(ws) and ws[j] in _PERSONA_LEAD:
                j += 1
            prog = program_of(ws[j]) if j < len(ws) else None
            if prog:
                return (prog, None) if prog != general else (None, prog)
    return None, None


def is_person_or_pet(word: str) -> bool:
    """Whether a noun names a person or an animal (never a piece of furniture)."""
    w = catalog.singular(word.lower())
    return w in words().personas or w in words().pets
