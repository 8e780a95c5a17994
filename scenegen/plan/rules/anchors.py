"""Anchors: which earlier object a pronoun or a left-out target names ("it", "them", "between them", "a sofa
opposite")."""

from __future__ import annotations

from scenegen import catalog
from scenegen.plan import text as tx
from scenegen.plan.rules.records import Mention, SENTENCE_END


def pronoun_anchor(subject: int, rel_start: int, objects: list[Mention], words: list[str],
                    related: set[int], pronoun: str = "it") -> tuple[int | None, list[int]]:
    """The object a pronoun refers to and the objects the relation applies to.

    "X with A and B on it/each": the anchor is X, the subjects A and B. "X by the window, with A behind it": the
    anchor is X, the clause's subject, not the nearer window. "A pair of armchairs by the fireplace and a globe
    between them": a plural pronoun names the nearest plural group. A left-out target ("a sofa opposite") names the
    last thing not itself placed by another. Otherwise the anchor is the object named just
    before the subject.
    """
    s = objects[subject]
    w = s.start - 1
    while w >= 0 and words[w] not in SENTENCE_END and words[w] != "with":
        w -= 1
    subjects = [subject]
    # "..., a printer on a cabinet between them": the cabinet, named as where the printer is, is no "with" item
    if w >= 1 and words[w] == "with" and not s.is_target:
        anchors = [i for i, o in enumerate(objects) if o.end == w and not o.negated]
        if words[w - 1] == "each":  # "two bedside tables, each with a lamp on it"
            anchors = [i for i, o in enumerate(objects) if o.end < w and is_group(o) and not o.negated
                       and not any(x in SENTENCE_END for x in words[o.end:w])][-1:]
        subjects = [i for i, o in enumerate(objects)
                    if w < o.start and o.end <= rel_start and not o.negated and i not in related
                    and not o.is_target] or [subject]
        if not anchors and words[w - 1] in tx.ARCH_WORDS:  # "a piano against the wall with a metronome on top"
            placed = placed_by_room_part(objects, words, w - 1)
            anchors = [placed] if placed is not None else []
        if anchors:
            return anchors[0], subjects
        if words[w - 1] == "," and pronoun in ("it", "unsaid"):
            lead = clause_subject(objects, words, w - 1)
            if lead is not None:
                return lead, subjects
    before = [i for i, o in enumerate(objects) if i != subject and not o.negated and o.end <= rel_start]
    if pronoun in ("it", "bare", "unsaid") and len(before) > 1 and is_floor_cover(objects[before[-1]]) \
            and objects[before[-1]].is_target:
        before = before[:-1]  # "an armchair on a rug, and a lamp next to it": the armchair, not the rug under it
    if pronoun == "it" and len(before) > 1 and not is_group(objects[before[-2]]) \
            and placed_beside(objects, words, before[-2], before[-1]):
        before = before[:-1]  # "a rocking chair by the fireplace, a basket next to it": the chair, not the fireplace
    if pronoun == "bare":  # "a tv, speakers on either side and a sofa opposite": the thing the others are placed by
        free = [i for i in before if not objects[i].anchored]
        before = free or before
    if pronoun == "each" and before and not is_group(objects[before[-1]]):
        plural = [i for i in before if is_group(objects[i]) and not any(w in SENTENCE_END
                                                                         for w in words[objects[i].end:s.start])]
        if plural:
            return plural[-1], [subject]
    return (before[-1] if before else None), [subject]


def placed_by_room_part(objects: list[Mention], words: list[str], k: int) -> int | None:
    """The mention whose relation phrase ends in the room part at token ``k`` ("a desk under the window"): the nearest
    mention end before it within a few words, with no list boundary between."""
    ends = {o.end: i for i, o in enumerate(objects)}
    for back in range(k, max(k - 6, -1), -1):
        if back in ends and back < k:
            return ends[back]
        if words[back] in (",", "and") or words[back] in SENTENCE_END:
            return None
    return None


def placed_beside(objects: list[Mention], words: list[str], subject: int, target: int) -> bool:
    """Whether mention ``target`` is only where ``subject`` is placed, by a phrase of nearness ("by", "next to",
    "above"), with nothing else between them: a later "it" names the subject, the thing the sentence is about (when
    the subject is one thing: "tables beside a sofa, a settee facing it" faces the sofa)."""
    s, t = objects[subject], objects[target]
    if s.kind == "object" and t.kind == "object" and t.category in dict(catalog.companions(s.category)):
        return False  # "a side table beside a couch and a sofa facing it": a side table is the couch's companion
    between = words[objects[subject].end:objects[target].start]
    if not between or any(w in (",", "and", "with") or w in SENTENCE_END for w in between):
        return False
    matched = next((tx.match_longest(words, objects[subject].end + i, tx.REL_PHRASES) for i in range(len(between))
                    if tx.match_longest(words, objects[subject].end + i, tx.REL_PHRASES)), None)
    return matched is not None and matched[1] in NEARNESS_KEYS


NEARNESS_KEYS = frozenset({"next", "near", "above", "hangover"})
"""Relation keys that only say where a thing is by another ("by the fireplace", "above the bed")."""


def is_floor_cover(m: Mention) -> bool:
    """Whether a mention names a rug or mat (the catalog's flat things), which lies under what is said to be on it."""
    return m.kind == "object" and "flat" in catalog.get(m.category).roles


def is_group(m: Mention) -> bool:
    """Whether a mention names more than one thing ("two armchairs", "a pair of lamps", "chairs")."""
    return (m.qkind in ("number", "pair", "vague") and m.qcount > 1) or (m.plural and not m.mass)


def clause_subject(objects: list[Mention], words: list[str], end: int) -> int | None:
    """The first object named in the sentence that ``end`` (a token index) lies in: the subject its later clauses
    ("..., with a sofa across from it") refer back to."""
    start = end
    while start > 0 and words[start - 1] not in SENTENCE_END:
        start -= 1
    inside = [i for i, o in enumerate(objects) if start <= o.start < end and not o.negated and o.kind != "room"]
    return inside[0] if inside else None


def parts_named(arch: str | None, distributive: bool, subject: Mention, said: list[str]) -> int:
    """How many parts of the room a relation's target names, so how many of the subject it asks for: "in each corner"
    four, "in both corners" two; "two beds pushed into either corner" names the two beds' places, two in all."""
    per_part = tx.PARTS_PER_ROOM.get(arch or "", 1) if distributive else 1
    if {"either", "both"} & set(said):
        counted = subject.qkind == "number" and subject.qcount > 1
        per_part = 1 if "either" in said and counted else min(per_part, 2)
    return per_part


def bare_second(objects: list[Mention], words: list[str], k: int) -> int | None:
    """The second of two targets that share one determiner ("on the chairs and sofa", "under the sofa and coffee
    table"): the mention right after "and" at ``k``, with no count or article of its own and no relation phrase after
    it (which would make it the subject of a clause of its own: "a lamp on the desk and chairs around the table")."""
    if k + 1 >= len(words) or words[k] != "and":
        return None
    second = next((i for i, o in enumerate(objects) if o.start == k + 1), None)
    if second is None or objects[second].qkind != "none" or objects[second].kind != "object" \
            or objects[second].negated:
        return None
    end = objects[second].end
    return None if end < len(words) and tx.match_longest(words, end, tx.REL_PHRASES) is not None else second
