"""Sentences about another time than the room's now: a former arrangement ("the last homeowners had a sectional
under the window", "it used to hang above my bed"), a plan given up ("Originally I was thinking of a rug under the
table") or a memory ("I recall that I had a twin bed against the wall"). What they place is not where it stands in
the room described, so no relation is read from them (the things they name stay: that is the object reader's call)."""

from __future__ import annotations

import re

from scenegen.plan.rules.records import Rel

UNREAL_MARKERS = re.compile(
    r"\b(used to|originally|(the )?(last|previous|former) (home)?owners?|i recall|i remember when|"
    r"when i was (young|little|a (girl|boy|kid|child)))\b", re.I)
"""Words that put a sentence in another time or in a plan not carried out (data: extend here)."""
SENTENCE = re.compile(r"[^.!?;]+[.!?;]*")


def unreal_spans(prompt: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``prompt`` that speak of another time or an abandoned plan."""
    return [(m.start(), m.end()) for m in SENTENCE.finditer(prompt) if UNREAL_MARKERS.search(m.group(0))]


def drop_unreal(rels: list[Rel], prompt: str) -> list[Rel]:
    """``rels`` less those read from a sentence about another time ("We used to have a bunk bed by the window")."""
    spans = unreal_spans(prompt)
    if not spans:
        return rels
    return [r for r in rels if not any(a <= r.src[0] < b for a, b in spans)]
