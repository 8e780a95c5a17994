"""Sentences about a thing named in the sentence before: "It sits under the window", "They flank the bed", "The
latter stands by the door", "In the evening light, it rests beside the sofa"."""

from __future__ import annotations

from scenegen.plan import text as tx
from scenegen.plan.lexicon import parts_of_speech
from scenegen.plan.rules.anchors import clause_subject, is_group
from scenegen.plan.rules.records import Mention, SENTENCE_END

SUBJECT_REFERENCES: dict[tuple[str, ...], str] = {
    ("it",): "it", ("it's",): "it", ("they",): "they", ("they're",): "they", ("the", "latter"): "latter",
    ("the", "former"): "former"}
"""Words that open a sentence about a thing of the sentence before -> how they pick it: "it" its subject, "they" its
first group, "the latter" / "the former" the last / the one before the last thing it names."""

FRONTED_WORDS = 14
"""The most tokens of a place or participle phrase before the pronoun ("In a cozy living room at dusk, it ...")."""


def pronoun_subjects(objects: list[Mention], words: list[str]) -> list[tuple[int, int]]:
    """Sentences whose subject names a thing of the sentence before ("This is a white toilet. It is next to the
    sink."; "A sofa and two armchairs. They face the fire."), also after a fronted phrase closed by a comma ("Basking
    in the light, it rests beside the desk"): (the token after the reference, the mention it stands for)."""
    out: list[tuple[int, int]] = []
    starts = [0] + [i + 1 for i, w in enumerate(words) if w in SENTENCE_END and i + 1 < len(words)]
    for prev, start in zip(starts, starts[1:]):
        k = start
        found = tx.match_longest(words, k, SUBJECT_REFERENCES, 2)
        if found is None and (k := past_fronted(words, start)) > start:  # "In the dusk, it ...", not "they":
            found = tx.match_longest(words, k, SUBJECT_REFERENCES, 2)  # "On the walls, they were lined with ..."
            found = found if found is not None and found[1] == "it" else None
        if found is None:
            continue
        antecedent = referent(found[1], objects, words, prev, start)
        if antecedent is not None:
            out.append((k + found[0], antecedent))
    return out


def referent(how: str, objects: list[Mention], words: list[str], prev: int, start: int) -> int | None:
    """The mention of the sentence from token ``prev`` to ``start`` that a sentence-opening reference picks."""
    named = [i for i, o in enumerate(objects) if prev <= o.start < start and not o.negated and o.kind != "room"]
    if not named:
        return None
    if how == "they":  # the first group, a catalog thing before a word the catalog lacks ("stools for pupils")
        groups = sorted((i for i in named if is_group(objects[i])), key=lambda i: objects[i].kind != "object")
        return groups[0] if groups else None
    if how == "latter":
        return named[-1]
    if how == "former":
        return named[-2] if len(named) > 1 else None
    subject = clause_subject(objects, words, start - 1)
    return subject if subject is not None and objects[subject].start >= prev else None


def past_fronted(words: list[str], start: int) -> int:
    """The token after the comma that closes a fronted place or participle phrase opening the sentence at ``start``
    ("In a cozy room at dusk, ...", "Basking under the lamp's glow, ..."); ``start`` when there is none."""
    opens = tx.match_longest(words, start, tx.REL_PHRASES) is not None or (
        words[start].endswith(("ed", "ing")) and "VERB" in parts_of_speech(words[start]))
    if not opens:
        return start
    for j in range(start + 1, min(len(words), start + FRONTED_WORDS)):
        if words[j] in SENTENCE_END:
            return start
        if words[j] == ",":
            return j + 1 if j + 1 < len(words) else start
    return start
