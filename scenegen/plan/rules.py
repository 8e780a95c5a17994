"""The deterministic rules planner: reads a room description with word lists and the catalog's synonyms.

How a prompt is read (each step a small function below):

1. Room dimensions ("5x4 m", "5 by 4 metres", "4m x 3m", "12 x 10 ft", "20 m2") are cut out first.
2. The prompt is tokenized; catalog nouns are found by scanning windows of up to ``catalog.MAX_SYNONYM_WORDS`` words,
   longest first ("bedside table" before "table"); room phrases ("living room") win ties.
3. Each noun looks back over adjectives (colour, material, style, size, descriptive words) to a count ("two", "3",
   "a pair of", "several", "the" ...) and a negation ("no tv", "without a desk").
4. Noun phrases in the object list that the catalog does not know become generic objects, with a note.
5. After each object comes an optional relation phrase ("on", "next to", "by the window", "around", "on each" ...) and
   its target: another object, a part of the room (wall, window, door, corner, middle, ceiling) or a pronoun
   ("it", "each", "them", "each other"). Sentence-initial relations ("Next to the bed is a lamp") are read too.
6. "the X" and relation targets refer to an X already mentioned when there is one; otherwise they add one.
7. Counts are settled ("a lamp on each" -> one per member), ids are given in prompt order, and relations are
   expanded per member.
8. The room: type from words or voted from the objects' catalog ``rooms``; size from dimensions, or from the summed
   footprint of the floor objects scaled by size words; one door on the south wall, windows on the north (then east,
   west) walls.

Nothing here is random: the same prompt gives the same plan for any seed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from scenegen import catalog
from scenegen.plan import PLANNERS, PlanError
from scenegen.plan import text as tx
from scenegen.plan.brief import is_person_or_pet, is_room_phrase, program_base, read_brief
from scenegen.scene import Attributes, LayoutPlan, Opening, PlannedObject, Relation, Room

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
"""'an L-shaped living room': the planner cuts a corner out of the rectangle."""
L_CUT = 0.4
"""Fraction of each side of the bounding rectangle that an L-shaped room's cut-away corner takes."""
EXAMPLE = "'a bedroom with a bed, two nightstands and a wardrobe'"
_COMMON = ("bed", "sofa", "desk", "chair", "table_lamp", "wardrobe", "bookshelf", "dining_table", "tv", "rug", "plant")
_SENTENCE_END = frozenset({".", ";", "!", "?"})
_STRONG_BOUNDARIES = frozenset({",", ";", "and", "or", "with", "plus", "&", "including", "containing", "featuring"})
_SUBJECT_INTRO = frozenset({",", "there", "is", "are", "stands", "sits", "stand", "sit", "hangs", "we", "have", "you",
                            "will", "find", "be", "i", "want", "would", "like", "place", "put", "goes", "go", "lies"})


# --------------------------------------------------------------------------------------------------------------------
# Internal records
# --------------------------------------------------------------------------------------------------------------------


@dataclass
class _Mention:
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
    is_target: bool = False
    owner: int | None = None  # index of the mention whose group this one names
    count: int = 0

    @property
    def key(self) -> str:
        """What two mentions must share to name the same group."""
        return self.category if self.kind != "generic" else _generic_key(self.head_text)


@dataclass
class _Rel:
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
class _Target:
    kind: str  # "object" | "arch" | "pronoun" | "room" | "none"
    end: int  # token index after the target
    mention: int | None = None
    arch: str | None = None
    pronoun: str | None = None
    distributive: bool = False
    params: dict[str, float | str] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------------------------------


@PLANNERS.register("rules")
def plan_rules(prompt: str, seed: int = 0) -> LayoutPlan:
    """Read ``prompt`` into a ``LayoutPlan`` with word rules and the catalog (deterministic; ``seed`` is unused)."""
    del seed  # nothing is randomised
    if not isinstance(prompt, str) or not prompt.strip():
        raise PlanError(f"the prompt is empty: describe a room, e.g. {EXAMPLE}")
    cleaned, dims, area = _extract_dimensions(prompt)
    toks = tx.tokenize(cleaned)
    words = [t.text for t in toks]
    notes: list[str] = []

    rooms, objects = _find_mentions(toks)
    for m in objects:
        _read_count_and_adjectives(m, toks)
    objects += _find_generics(toks, rooms, objects, notes)
    objects.sort(key=lambda m: m.head)
    wanted = [m for m in objects if not m.negated]
    brief = read_brief(prompt)
    room_named = brief.program is not None or any(r.category != "room" for r in rooms)
    if not any(m.kind == "object" for m in wanted) and not (rooms and wanted) and not room_named:
        raise PlanError(_no_furniture_message(prompt, objects))

    span_of = _token_owner_map(objects)
    rels = _find_relations(toks, objects, span_of, rooms, notes, prompt)
    _resolve_references(objects, rels)
    _settle_counts(objects, rels, prompt, toks, notes)
    planned, members = _make_objects(objects, notes)
    relations = _expand_relations(rels, objects, members, prompt)

    room_type = _room_type(rooms, objects)
    if brief.program is not None and room_type in ("room", brief.program):
        room_type = program_base(brief.program)
    width, depth = _room_size(dims, area, room_type, rooms, objects, toks)
    if L_SHAPED.search(prompt.lower()):
        room = _l_shaped_room(width, depth, room_type, _window_count(words, notes), given=dims is not None)
        notes.append(f"an L-shaped room: the {room.bounds[1][0]:.1f}×{room.bounds[1][1]:.1f} m rectangle with its "
                     f"north-east corner cut away ({L_CUT:.0%} of each side)")
    else:
        openings = _openings(width, depth, _window_count(words, notes))
        room = Room.rectangle(width, depth, height=ROOM_HEIGHT, type=room_type, openings=openings)
    excluded = sorted({m.category for m in objects if m.negated and m.kind == "object"})
    return LayoutPlan(prompt=prompt, room=room, objects=planned, relations=relations, notes=notes, planner="rules",
                      program=brief.program or (room_type if room_type != "room" else None), style=brief.style,
                      themes=brief.themes, excluded=excluded, only=brief.only)


def _no_furniture_message(prompt: str, objects: list[_Mention]) -> str:
    shown = " ".join(prompt.split())
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    known = ", ".join(n for n in _COMMON if n in catalog.CATALOG) or ", ".join(catalog.names()[:10])
    unknown = sorted({m.head_text for m in objects if m.kind == "generic"})
    extra = f" ({', '.join(repr(u) for u in unknown)} not in the catalog)" if unknown else ""
    return (f"found no furniture in the prompt {shown!r}{extra}; name some objects, e.g. {EXAMPLE}; "
            f"known objects include {known}, ... ({len(catalog.CATALOG)} in all)")


# --------------------------------------------------------------------------------------------------------------------
# Dimensions
# --------------------------------------------------------------------------------------------------------------------

_NUM = r"(\d+(?:\.\d+)?)"
_UNIT = r"(m|meters?|metres?|ft|feet|foot|')?"
_DIM_RE = re.compile(rf"{_NUM}\s*{_UNIT}\s*(?:x|×|by|\*)\s*{_NUM}\s*{_UNIT}(?![a-z])", re.IGNORECASE)
_AREA_RE = re.compile(rf"{_NUM}\s*(?:m2|m²|sqm|sq\.?\s*m|square\s+met(?:er|re)s?|sq\.?\s*ft|square\s+f(?:ee|oo)t)",
                      re.IGNORECASE)


def _extract_dimensions(prompt: str) -> tuple[str, tuple[float, float] | None, float | None]:
    """Cut room dimensions out of the prompt (blanked with spaces so character offsets stay valid).

    Returns (text, (width, depth) in metres or None, floor area in m² or None).
    """
    dims: tuple[float, float] | None = None
    area: float | None = None
    text = prompt
    m = _DIM_RE.search(text)
    if m:
        feet = any(u and u.lower() in ("ft", "feet", "foot", "'") for u in (m.group(2), m.group(4)))
        scale = 0.3048 if feet else 1.0
        w, d = float(m.group(1)) * scale, float(m.group(3)) * scale
        for v, raw in ((w, m.group(1)), (d, m.group(3))):
            if not 1.5 <= v <= 50.0:
                raise PlanError(f"room dimension {raw} in {m.group(0).strip()!r} is out of range: "
                                f"give each side between 1.5 and 50 metres, e.g. '5x4 m'")
        dims = (round(w, 2), round(d, 2))
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    a = _AREA_RE.search(text)
    if a:
        value = float(a.group(1)) * (0.0929 if "f" in a.group(0).lower() else 1.0)
        if not 3.0 <= value <= 2500.0:
            raise PlanError(f"room area {a.group(0).strip()!r} is out of range: give between 3 and 2500 m²")
        area = value if dims is None else None
        text = text[:a.start()] + " " * (a.end() - a.start()) + text[a.end():]
    return text, dims, area


# --------------------------------------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------------------------------------


def _catalog_match(toks: list[tx.Token], i: int) -> tuple[int, catalog.Category] | None:
    """Longest run of word tokens starting at ``i`` that the catalog resolves: (length, category)."""
    max_len = getattr(catalog, "MAX_SYNONYM_WORDS", 4)
    for n in range(min(max_len, len(toks) - i), 0, -1):
        window = toks[i:i + n]
        if any(t.kind != "word" for t in window):
            continue
        cat = catalog.resolve(" ".join(t.text for t in window))
        if cat is not None:
            return n, cat
    return None


def _find_mentions(toks: list[tx.Token]) -> tuple[list[_Mention], list[_Mention]]:
    """Room and catalog-object mentions, left to right, longest match first (a room phrase wins a tie)."""
    words = [t.text for t in toks]
    rooms: list[_Mention] = []
    objects: list[_Mention] = []
    i = 0
    while i < len(toks):
        if toks[i].kind != "word":
            i += 1
            continue
        obj = _catalog_match(toks, i)
        room = tx.match_longest(words, i, tx.ROOM_PHRASES)
        if obj and obj[0] == 1 and words[i] in tx.QUANTITY_NOUNS and i + 1 < len(words) and words[i + 1] == "of":
            obj = None  # "a range of", "a set of": a quantity, not a stove
        if obj and _is_modifier(toks, i, obj[0]):
            obj = None  # "glass" in "glass vase", "wooden" ...
        if room and (obj is None or room[0] >= obj[0]):
            rooms.append(_Mention("room", i, i, i + room[0], room[1], head_text=" ".join(words[i:i + room[0]])))
            i += room[0]
        elif obj:
            n, cat = obj
            head_text = " ".join(words[i:i + n])
            objects.append(_Mention("object", i, i, i + n, cat.name, head_text=head_text,
                                    mass=_is_mass(head_text, cat)))
            i += n
        else:
            i += 1
    return rooms, objects


def _is_modifier(toks: list[tx.Token], i: int, n: int) -> bool:
    """Whether a matched phrase made only of adjectives is modifying a following noun."""
    if not all(tx.is_adjective(t.text) for t in toks[i:i + n]):
        return False
    return i + n < len(toks) and _catalog_match(toks, i + n) is not None


def _is_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


def _singular(word: str) -> str:
    """"nightstands" -> "nightstand", "shelves" -> "shelf", "benches" -> "bench" (plain English rules)."""
    for suffix, repl in (("ies", "y"), ("ves", "f"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x"),
                         ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


def _is_mass(head_text: str, cat: catalog.Category) -> bool:
    """A plural phrase the catalog lists as is ("books", "dumbbells"): one object stands for the lot."""
    listed = {s.lower() for s in cat.synonyms} | {cat.name.replace("_", " ")}
    return _is_plural(head_text.split()[-1]) and head_text in listed


def _read_count_and_adjectives(m: _Mention, toks: list[tx.Token]) -> None:
    """Fill a mention's adjectives, attributes, count and negation by looking back from its noun."""
    words = [t.text for t in toks]
    j = m.head
    while j > 0 and toks[j - 1].kind == "word" and (
            tx.is_adjective(words[j - 1])
            or (words[j - 1] == "and" and j >= 2 and tx.is_adjective(words[j - 2]) and tx.is_adjective(words[j]))):
        j -= 1
    adj_start = j
    qkind, qcount, qstart = _count_before(words, toks, adj_start)
    m.start = qstart
    m.qkind, m.qcount = qkind, qcount
    before = qstart - 1
    while before >= 0 and words[before] in ("any", "a", "single"):
        before -= 1
    m.negated = (before >= 0 and words[before] in tx.NEGATIONS) or qkind == "zero"
    m.plural = _is_plural(words[m.end - 1])
    m.attrs = _attributes(words[adj_start:m.head], words[m.head:m.end])
    desc = words[adj_start:m.end]
    if m.plural and not m.mass and desc:
        desc = [*desc[:-1], _singular(desc[-1])]
    m.description = " ".join(desc)


def _count_before(words: list[str], toks: list[tx.Token], end: int) -> tuple[str, int, int]:
    """The count phrase ending just before token ``end``: (kind, count, first token of the phrase)."""
    p = end - 1
    if p < 0 or toks[p].kind == "punct":
        return "none", 1, end
    if toks[p].kind == "num":
        n = int(float(words[p]))
        return ("zero" if n == 0 else "number"), n, p
    k = p
    while k >= 0 and words[k] in tx.NUMBER_WORDS:
        k -= 1
    if k < p:
        n = tx.parse_number(words[k + 1:p + 1]) or 0
        start = k + 1
        if k >= 0 and words[k] == "a" and words[start] in ("hundred", "thousand"):
            start = k
        return ("zero" if n == 0 else "number"), n, start
    for length in (4, 3, 2, 1):
        s = p - length + 1
        if s < 0:
            continue
        q = tx.QUANTIFIERS.get(tuple(words[s:p + 1]))
        if q:
            return q[0], q[1], s
    return "none", 1, end


def _attributes(adjs: list[str], head: list[str]) -> dict[str, str]:
    """Colour, material, style and size read from the adjectives before a noun (and size words inside it)."""
    out: dict[str, str] = {}
    colours: list[str] = []
    i = 0
    while i < len(adjs):
        ms = tx.match_longest(adjs, i, tx.MULTIWORD_STYLES)
        col = tx.colour_at(adjs, i)
        w = adjs[i]
        if ms:
            out.setdefault("style", ms[1])
            i += ms[0]
            continue
        if col:
            colours.append(col[1])
            i += col[0]
            continue
        if w in tx.MATERIALS:
            out.setdefault("material", tx.MATERIALS[w])
        elif w in tx.STYLES:
            out.setdefault("style", tx.STYLES[w])
        elif w in tx.SIZE_WORDS:
            out.setdefault("size", tx.SIZE_WORDS[w])
        i += 1
    if colours:
        out["colour"] = " and ".join(dict.fromkeys(colours))
    for w in head:  # "queen bed", "double bed": the size word is part of the synonym
        if w in tx.BED_SIZE_WORDS:
            out.setdefault("size", w)
    return out


def _generic_key(head_text: str) -> str:
    return " ".join(_singular(w) if _is_plural(w) else w for w in head_text.split())


def _find_generics(toks: list[tx.Token], rooms: list[_Mention], objects: list[_Mention],
                   notes: list[str]) -> list[_Mention]:
    """Noun phrases in the object list that match no catalog synonym: generic objects (or parts, with a note)."""
    words = [t.text for t in toks]
    covered = set()
    for m in [*rooms, *objects]:
        covered.update(range(m.start, m.end))
    object_ends = {m.end - 1 for m in objects}
    out: list[_Mention] = []
    i = 0
    while i < len(toks):
        found = _generic_at(toks, words, i, covered, object_ends)
        if found is None:
            i += 1
            continue
        m, part_of = found
        if part_of is not None:
            owner = next(o for o in objects if o.end in (part_of, part_of - 1))
            notes.append(f"'{m.head_text}' was read as a detail of the {owner.head_text}, not as a separate object")
        else:
            out.append(m)
        covered.update(range(m.start, m.end))
        i = m.end
    return out


def _generic_at(toks: list[tx.Token], words: list[str], i: int, covered: set[int],
                object_ends: set[int]) -> tuple[_Mention, int | None] | None:
    """A generic noun phrase starting at token ``i``, and the end token of the object it is a detail of (if any)."""
    if toks[i].kind == "punct" or i in covered:
        return None
    q = tx.match_longest(words, i, tx.QUANTIFIERS)
    has_count = toks[i].kind == "num" or words[i] in tx.NUMBER_WORDS or (q is not None and q[1][0] != "definite")
    after_boundary = i > 0 and words[i - 1] in _STRONG_BOUNDARIES
    if not (has_count or after_boundary):
        return None
    k = i
    if toks[k].kind == "num" or words[k] in tx.NUMBER_WORDS:
        while k < len(toks) and (toks[k].kind == "num" or words[k] in tx.NUMBER_WORDS):
            k += 1
    elif q is not None and q[1][0] != "definite":
        k += q[0]
    while k < len(toks) and k not in covered and tx.is_adjective(words[k]):
        k += 1
    head = k
    while (k < len(toks) and k - head < 3 and toks[k].kind == "word" and k not in covered
           and not _ends_noun_phrase(words, k)):
        k += 1
    if k == head or (k < len(toks) and k not in covered and not _ends_noun_phrase(words, k)
                     and toks[k].kind != "punct"):
        return None
    if k < len(toks) and k in covered:
        return None  # "a zebra bed"? the words run into a catalog noun: leave them as adjectives
    head_words = words[head:k]
    if any(w in tx.NOT_OBJECTS or w in tx.ARCH_WORDS or w in tx.SUBJECT_FILLERS or is_person_or_pet(w)
           for w in head_words) or is_room_phrase(head_words):
        return None
    m = _Mention("generic", head, head, k, "generic", head_text=" ".join(head_words))
    _read_count_and_adjectives(m, toks)
    part_of = None
    if i >= 2 and words[i - 1] == "with" and (i - 2) in object_ends:
        part_of = i - 1  # "a desk with drawers": a detail of the desk
    elif (i >= 3 and words[i - 1] in ("has", "have", "having", "features") and words[i - 2] in ("that", "which", "it")
          and (i - 3) in object_ends):
        part_of = i - 2  # "a bed that has a red cover"
    return m, part_of


def _ends_noun_phrase(words: list[str], k: int) -> bool:
    """Whether token ``k`` cannot continue an unknown noun phrase (a boundary, relation, filler, number ...)."""
    w = words[k]
    return (w in tx.LIST_BOUNDARIES or w in tx.NEGATIONS or w in tx.SUBJECT_FILLERS or w in tx.NUMBER_WORDS
            or tx.match_longest(words, k, tx.REL_PHRASES) is not None or (w,) in tx.QUANTIFIERS
            or tx.match_longest(words, k, tx.ROOM_PHRASES) is not None or w in ("of", "for", "to", "from", "that"))


def _token_owner_map(objects: list[_Mention]) -> dict[int, int]:
    """Token index -> index of the object mention whose phrase covers it."""
    out: dict[int, int] = {}
    for idx, m in enumerate(objects):
        for t in range(m.start, m.end):
            out[t] = idx
    return out


# --------------------------------------------------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------------------------------------------------


def _find_relations(toks: list[tx.Token], objects: list[_Mention], span_of: dict[int, int], rooms: list[_Mention],
                    notes: list[str], prompt: str) -> list[_Rel]:
    """Relations between mention groups, in prompt order."""
    words = [t.text for t in toks]
    room_tokens = {t for r in rooms for t in range(r.start, r.end)}
    rels: list[_Rel] = []
    related: set[int] = set()
    for start in _clause_starts(toks):
        rel = _leading_relation(toks, words, start, objects, span_of, room_tokens, notes, prompt)
        if rel is not None:
            rels.append(rel)
            related.update(rel.subjects)
    leading = len(rels)
    for idx, m in enumerate(objects):
        if m.negated:
            continue
        k = m.end
        for _ in range(4):  # a subject may carry a few relations: "a desk by the window facing the door"
            k = _skip(words, k, tx.SUBJECT_FILLERS, stop_at_relation=True)
            matched = tx.match_longest(words, k, tx.REL_PHRASES)
            if matched is None:
                break
            length, key = matched
            target = _parse_target(toks, words, k + length, span_of, room_tokens)
            rel = _make_rel(key, idx, target, toks, k, k + length, objects, words, related, notes, prompt)
            if rel is not None:
                rels.append(rel)
                related.update(rel.subjects)
            if target.kind == "object" and key == "between" and rel is not None:
                second = _between_second(toks, words, target.end, span_of, room_tokens)
                if second is not None:
                    objects[second].is_target = True
                    rel.src = (rel.src[0], toks[objects[second].end - 1].end)
                    rels.append(_Rel("next_to", [idx], target=second, src=rel.src))
            if target.kind == "object":
                break  # what follows belongs to the target: "a tv on a tv stand against the wall"
            k = target.end
            if k < len(words) and words[k] == "and" and tx.match_longest(words, k + 1, tx.REL_PHRASES):
                k += 1
            elif k < len(words) and words[k] == "," and tx.match_longest(words, k + 1, tx.REL_PHRASES) \
                    and tx.match_longest(words, k + 1, tx.REL_PHRASES)[1] in ("face", "against", "near", "next"):
                k += 1
    if leading:
        rels.sort(key=lambda r: r.src[0])
    return rels


def _between_second(toks: list[tx.Token], words: list[str], k: int, span_of: dict[int, int],
                    room_tokens: set[int]) -> int | None:
    """The second object of "between the bed and the desk" (the mention after "and"), or None."""
    if k < len(words) and words[k] == "and":
        target = _parse_target(toks, words, k + 1, span_of, room_tokens)
        if target.kind == "object":
            return target.mention
    return None


def _clause_starts(toks: list[tx.Token]) -> list[int]:
    return [0] + [i + 1 for i, t in enumerate(toks) if t.text in _SENTENCE_END and i + 1 < len(toks)]


def _skip(words: list[str], k: int, skip: frozenset[str], stop_at_relation: bool = False) -> int:
    while k < len(words) and words[k] in skip:
        if stop_at_relation and tx.match_longest(words, k, tx.REL_PHRASES):
            break
        k += 1
    return k


def _leading_relation(toks: list[tx.Token], words: list[str], start: int, objects: list[_Mention],
                      span_of: dict[int, int], room_tokens: set[int], notes: list[str], prompt: str) -> _Rel | None:
    """A relation that opens a sentence before its subject: "Next to the bed is a nightstand", "In the corner, a
    plant"."""
    matched = tx.match_longest(words, start, tx.REL_PHRASES)
    if matched is None:
        return None
    length, key = matched
    target = _parse_target(toks, words, start + length, span_of, room_tokens)
    if target.kind not in ("object", "arch"):
        return None
    k = _skip(words, target.end, _SUBJECT_INTRO)
    subject = span_of.get(k)
    if subject is None or objects[subject].start != k or subject == target.mention:
        return None
    rel = _make_rel(key, subject, target, toks, start, start + length, objects, words, set(), notes, prompt)
    if rel is not None:
        rel.src = (toks[start].start, toks[objects[subject].end - 1].end)
    return rel


def _parse_target(toks: list[tx.Token], words: list[str], k: int, span_of: dict[int, int],
                  room_tokens: set[int]) -> _Target:
    """What a relation phrase points at, starting at token ``k``."""
    distributive = False
    params: dict[str, float | str] = {}
    while k < len(words):
        recip = tx.match_longest(words, k, tx.PRONOUNS)
        if recip and recip[1] == "reciprocal":
            return _Target("pronoun", k + recip[0], pronoun="reciprocal")
        if k in span_of:
            idx = span_of[k]
            distributive = distributive or words[k] in tx.DISTRIBUTIVE
            end = k
            while end < len(words) and span_of.get(end) == idx:
                end += 1
            return _Target("object", end, mention=idx, distributive=distributive)
        if k in room_tokens:
            end = k
            while end in room_tokens:
                end += 1
            return _Target("arch", end, arch="room")
        if words[k] in tx.ARCH_WORDS:
            return _arch_target(words, k, span_of, params)
        if words[k] in tx.COMPASS and k + 1 < len(words) and words[k + 1] in tx.ARCH_WORDS:
            params = {"wall": float(tx.COMPASS[words[k]])} if words[k + 1] in ("wall", "walls") else {}
            k += 1
            continue
        pron = tx.match_longest(words, k, tx.PRONOUNS)
        if pron and (k + pron[0] not in span_of or pron[0] > 1) and not (
                k + pron[0] < len(words) and tx.is_adjective(words[k + pron[0]])):
            return _Target("pronoun", k + pron[0], pronoun=pron[1],
                           distributive=pron[1] == "each" or distributive)
        if words[k] in tx.TARGET_DETERMINERS or tx.is_adjective(words[k]) or words[k] in ("far", "same", "other"):
            distributive = distributive or words[k] in tx.DISTRIBUTIVE
            k += 1
            continue
        break
    return _Target("pronoun", k, pronoun="each", distributive=True) if distributive else _Target("none", k)


def _arch_target(words: list[str], k: int, span_of: dict[int, int], params: dict[str, float | str]) -> _Target:
    """An architecture word at ``k`` ("wall", "window", "middle" ...), with "of the room" / "of the X" after it."""
    arch = tx.ARCH_WORDS[words[k]]
    end = k + 1
    if end < len(words) and words[end] == "of":
        j = _skip(words, end + 1, frozenset({"the", "a", "an", "this"}))
        if j in span_of and arch == "middle":
            idx = span_of[j]
            while j < len(words) and span_of.get(j) == idx:
                j += 1
            return _Target("object", j, mention=idx, arch="middle")
        if j < len(words) and words[j] in ("room", "space", "floor", "area"):
            end = j + 1
    return _Target("arch", end, arch=arch, params=params)


def _make_rel(key: str, subject: int, target: _Target, toks: list[tx.Token], rel_start: int, rel_end: int,
              objects: list[_Mention], words: list[str], related: set[int], notes: list[str],
              prompt: str) -> _Rel | None:
    """Turn a relation phrase and its target into a ``_Rel`` (None when no relation kind applies)."""
    obj_kind, arch_kinds = tx.RELATION_KINDS[key]
    last = max(target.end, rel_end) - 1
    src = (toks[objects[subject].start].start, toks[min(last, len(toks) - 1)].end)
    phrase = prompt[toks[rel_start].start:src[1]]
    if key == "unsupported" or (target.kind == "arch" and target.arch in ("window", "door", "wall", "corner")
                                and arch_kinds.get(target.arch) is None):
        notes.append(f"'{phrase}' is not a relation the rules planner reads; the solver places "
                     f"the {objects[subject].head_text} on its own")
        return None
    phrase_words = words[rel_start:rel_end]
    per_side = 2 if key == "sides" and any(w in ("each", "both", "either") for w in phrase_words) else 1
    if key == "flank" and "each" in phrase_words and objects[subject].qkind == "number" and objects[subject].qcount > 1:
        per_side = 2  # "four chairs on each side of the table": four a side ("a lamp on either side": two in all)
    if key == "sides" and target.kind in ("none", "pronoun"):
        anchor, _ = _pronoun_anchor(subject, rel_start, objects, words, related)
        if anchor is None or anchor == subject:
            return None
        objects[anchor].is_target = True
        return _Rel(obj_kind, [subject], target=anchor, src=src, per_side=per_side)
    if target.kind == "object":
        assert target.mention is not None
        if target.arch == "middle":
            kind: str | None = "middle_of"
        else:
            kind = obj_kind
        if kind is None or target.mention == subject:
            return None
        objects[target.mention].is_target = True
        return _Rel(kind, [subject], target=target.mention, distributive=target.distributive, src=src,
                    flank=key == "flank", all_targets=key == "between", per_side=per_side)
    if target.kind == "arch":
        kind = arch_kinds.get(target.arch or "")
        if key == "centered" and target.arch is None:
            kind = "middle_of_room"
        if kind is None:
            return None
        name = tx.ARCH_TARGET_NAMES.get(target.arch or "room", "room")
        return _Rel(kind, [subject], arch=name, params=dict(target.params), src=src)
    if key == "centered":
        return _Rel("middle_of_room", [subject], arch="room", src=src)
    if target.kind == "pronoun" or (key == "flank" and target.kind == "none"):
        rel = _pronoun_rel(key, obj_kind, subject, target, toks, rel_start, objects, words, related, src)
        if rel is not None:
            rel.per_side = per_side
        return rel
    return None


def _pronoun_rel(key: str, obj_kind: str | None, subject: int, target: _Target, toks: list[tx.Token],
                 rel_start: int, objects: list[_Mention], words: list[str], related: set[int],
                 src: tuple[int, int]) -> _Rel | None:
    """"a lamp on each", "lamps on them", "a mirror on top", "two armchairs facing each other"."""
    if obj_kind is None:
        return None
    if target.pronoun == "reciprocal":
        subjects = [subject]
        prev = subject - 1
        if objects[subject].qcount <= 1 and prev >= 0 and all(
                w in ("and", ",") for w in words[objects[prev].end:objects[subject].start]):
            subjects = [prev, subject]
        return _Rel(obj_kind, subjects, reciprocal=True, src=(toks[objects[subjects[0]].start].start, src[1]))
    anchor, subjects = _pronoun_anchor(subject, rel_start, objects, words, related)
    if anchor is None:
        return None
    between = key == "between"
    return _Rel(obj_kind, subjects, target=anchor,
                distributive=(target.pronoun == "each" or key == "flank") and not between,
                flank=key == "flank", all_targets=between, src=(toks[objects[subjects[0]].start].start, src[1]))


def _pronoun_anchor(subject: int, rel_start: int, objects: list[_Mention], words: list[str],
                    related: set[int]) -> tuple[int | None, list[int]]:
    """The object a pronoun refers to and the objects the relation applies to.

    "X with A and B on it/each": the anchor is X, the subjects A and B. Otherwise the anchor is the object named just
    before the subject.
    """
    s = objects[subject]
    w = s.start - 1
    while w >= 0 and words[w] not in _SENTENCE_END and words[w] != "with":
        w -= 1
    if w >= 1 and words[w] == "with":
        anchors = [i for i, o in enumerate(objects) if o.end == w and not o.negated]
        if anchors:
            subjects = [i for i, o in enumerate(objects)
                        if w < o.start and o.end <= rel_start and not o.negated and i not in related
                        and not o.is_target]
            return anchors[0], subjects or [subject]
    before = [i for i in range(subject) if not objects[i].negated]
    return (before[-1] if before else None), [subject]


# --------------------------------------------------------------------------------------------------------------------
# References and counts
# --------------------------------------------------------------------------------------------------------------------


def _resolve_references(objects: list[_Mention], rels: list[_Rel]) -> None:
    """Decide which mentions add objects and which name a group already mentioned ("the desk", "on a desk")."""
    subject_of_target: dict[int, int] = {}
    for r in rels:
        if r.target is not None:
            subject_of_target.setdefault(r.target, r.subjects[0])
    introduces = [not m.negated and not (m.qkind == "definite" or (m.is_target and m.qkind in ("article", "none")))
                  for m in objects]
    for idx, m in enumerate(objects):
        if m.negated:
            m.owner = None
            continue
        if introduces[idx]:
            m.owner = idx
            continue
        avoid = objects[subject_of_target[idx]].owner if idx in subject_of_target else None
        earlier = [j for j in range(idx) if objects[j].owner == j and objects[j].key == m.key and j != avoid]
        later = [j for j in range(idx + 1, len(objects)) if introduces[j] and objects[j].key == m.key]
        m.owner = earlier[-1] if earlier else later[0] if later else idx


def _settle_counts(objects: list[_Mention], rels: list[_Rel], prompt: str, toks: list[tx.Token],
                   notes: list[str]) -> None:
    """Give each introducing mention its number of objects; "on each" and "on either side" multiply."""
    for m in objects:
        if m.owner is None:
            continue
        if m.qkind == "number":
            m.count = m.qcount
        elif m.qkind in ("pair", "vague"):
            m.count = 1 if m.mass else m.qcount
        elif m.qkind == "article":
            m.count = 1
        else:  # none or definite: a bare plural asks for a couple
            m.count = 2 if m.plural and not m.mass else 1
    for r in rels:
        if r.per_side > 1:
            for s in r.subjects:
                if objects[s].owner == s:
                    objects[s].count *= r.per_side
            continue
        if not (r.distributive or r.flank):
            continue
        for s in r.subjects:
            m = objects[s]
            if m.owner != s or (m.qkind == "number" and m.qcount > 1):
                continue
            if r.flank:
                m.count = 2
            elif r.target is not None:
                m.count = max(1, _group_size(objects, r.target))
    for m in objects:
        if m.owner is not None and objects.index(m) == m.owner and m.count > MAX_PER_OBJECT:
            phrase = prompt[toks[m.start].start:toks[m.end - 1].end]
            raise PlanError(f"'{phrase}' asks for {m.count} {m.head_text}; the planner places at most "
                            f"{MAX_PER_OBJECT} of one object: ask for fewer")


def _group_size(objects: list[_Mention], idx: int) -> int:
    owner = objects[idx].owner
    return objects[owner].count if owner is not None else 0


def _generic_note(head_text: str, n: int) -> str:
    side = catalog.GENERIC.size_typical[0]
    if n == 1:
        return f"'{head_text}' is not in the catalog; it is placed as a generic {side:g} m box"
    return f"'{head_text}' is not in the catalog; they are placed as {n} generic {side:g} m boxes"


def _make_objects(objects: list[_Mention], notes: list[str]) -> tuple[list[PlannedObject], dict[int, list[str]]]:
    """Planned objects with ids ``<category>_<n>`` in prompt order, and each group's member ids."""
    per_category: dict[str, int] = {}
    planned: list[PlannedObject] = []
    members: dict[int, list[str]] = {}
    for idx, m in enumerate(objects):
        if m.owner != idx:
            continue
        ids = []
        for _ in range(m.count):
            n = per_category.get(m.category, 0) + 1
            per_category[m.category] = n
            oid = f"{m.category}_{n}"
            ids.append(oid)
            planned.append(PlannedObject(id=oid, category=m.category, description=m.description,
                                         attributes=Attributes(**m.attrs), generic=m.kind == "generic"))
        members[idx] = ids
        if m.kind == "generic" and ids:
            notes.append(_generic_note(m.head_text, len(ids)))
    return planned, members


def _expand_relations(rels: list[_Rel], objects: list[_Mention], members: dict[int, list[str]],
                      prompt: str) -> list[Relation]:
    """One ``Relation`` per subject member (paired with target members for "on each" and plural targets)."""
    out: list[Relation] = []
    seen: set[tuple[str, str, str | None]] = set()

    def add(kind: str, subject: str, target: str | None, params: dict[str, float | str], src: str) -> None:
        if subject == target or (kind, subject, target) in seen:
            return
        seen.add((kind, subject, target))
        out.append(Relation(kind=kind, subject=subject, target=target, params=dict(params), source=src))

    for r in rels:
        assert r.kind is not None
        src = prompt[r.src[0]:r.src[1]].strip()
        subj = [oid for s in r.subjects if objects[s].owner is not None
                for oid in members.get(objects[s].owner, [])]
        if r.reciprocal:
            for a, b in zip(subj, subj[1:]):
                add(r.kind, a, b, r.params, src)
                if r.kind in ("face_to", "across_from"):
                    add(r.kind, b, a, r.params, src)
            continue
        if r.arch is not None and r.target is None:
            for s in subj:
                add(r.kind, s, r.arch, r.params, src)
            continue
        owner = objects[r.target].owner if r.target is not None else None
        targets = members.get(owner, []) if owner is not None else []
        if not targets:
            continue
        if r.all_targets:
            for s in subj:
                for t in targets:
                    add(r.kind, s, t, r.params, src)
            continue
        pair = (r.distributive and not r.flank) or (len(targets) > 1 and len(subj) > 1 and not r.flank)
        for i, s in enumerate(subj):
            t = targets[min(i * len(targets) // len(subj), len(targets) - 1)] if pair else targets[0]
            add(r.kind, s, t, r.params, src)
    return out


# --------------------------------------------------------------------------------------------------------------------
# The room
# --------------------------------------------------------------------------------------------------------------------


def _room_type(rooms: list[_Mention], objects: list[_Mention]) -> str:
    """The room type the prompt names, else the one the objects' catalog ``rooms`` vote for, else ``room``."""
    for r in rooms:
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


def _footprint(m: _Mention) -> tuple[float, float] | None:
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


def _room_size(dims: tuple[float, float] | None, area: float | None, room_type: str, rooms: list[_Mention],
               objects: list[_Mention], toks: list[tx.Token]) -> tuple[float, float]:
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
        return _rounded(math.sqrt(area * aspect), area / math.sqrt(area * aspect))
    min_w, min_d = tx.ROOM_MIN_SIZE.get(room_type, tx.ROOM_MIN_SIZE["room"])
    scale = math.sqrt(factor)
    min_w, min_d = min_w * max(scale, 0.8), min_d * max(scale, 0.8)
    total, longest = 0.0, 0.0
    for idx, m in enumerate(objects):
        fp = _footprint(m) if m.owner == idx else None
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
    return _rounded(min(width, 40.0), min(depth, 40.0))


def _rounded(width: float, depth: float) -> tuple[float, float]:
    return math.ceil(width * 10 - 1e-6) / 10, math.ceil(depth * 10 - 1e-6) / 10


def _window_count(words: list[str], notes: list[str]) -> int:
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


def _l_shaped_room(width: float, depth: float, room_type: str, windows: int, given: bool) -> Room:
    """An L: the ``width`` × ``depth`` rectangle (grown to keep its floor area unless the prompt gave the size) with
    its north-east corner cut away. Walls (CCW): 0 south, 1 east, 2 and 3 the inner corner, 4 north, 5 west; the door
    on the south wall, windows on the north, east and west walls."""
    if not given:
        grow = 1.0 / math.sqrt(1.0 - L_CUT * L_CUT)
        width, depth = _rounded(width * grow, depth * grow)
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


def _openings(width: float, depth: float, windows: int) -> list[Opening]:
    """A door on the south wall near its west corner; windows centred on the north, east and west walls."""
    ops = [Opening(id="door_1", kind="door", wall=0, offset=round(DOOR_GAP + DOOR_W / 2, 3), width=DOOR_W,
                   height=DOOR_H)]
    for n, wall in enumerate((2, 1, 3)[:windows], start=1):
        length = width if wall in (0, 2) else depth
        w = min(WINDOW_W, length - 0.4)
        ops.append(Opening(id=f"window_{n}", kind="window", wall=wall, offset=round(length / 2, 3), width=w,
                           height=WINDOW_H, sill=WINDOW_SILL))
    return ops
