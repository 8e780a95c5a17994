"""Where a thing stands, read from phrases the relation finder walks past: a distance before the relation ("two feet
in front of the sofa"), a wall's middle ("at the center of the left wall") and a window said to be above a thing
("the window above the sink")."""

from __future__ import annotations

from scenegen.plan import text as tx
from scenegen.plan.rules.records import Mention, Rel, SENTENCE_END


def distance_length(words: list[str], k: int) -> int:
    """The number of tokens of a distance at ``k`` that a relation phrase follows ("two feet", "exactly 15 units",
    "about 2 m"), or 0. The distance says how far, which the plan has no field for; the relation after it still
    holds ("a coffee table two feet in front of a sofa" is in front of it)."""
    j = k + 1 if k < len(words) and words[k] in tx.DISTANCE_HEDGES else k
    if j >= len(words) or not (words[j].replace(".", "", 1).isdigit() or words[j] in tx.NUMBER_WORDS):
        return 0
    j += 1
    if j < len(words) and words[j] == "-":
        j += 1
    if j >= len(words) or words[j] not in tx.DISTANCE_UNITS:
        return 0
    j += 1
    if j < len(words) and words[j] == "away":
        return 0  # "two metres away from the desk" says how far, not that it is far
    return j - k if tx.match_longest(words, j, tx.REL_PHRASES) is not None else 0


def wall_of_middle(words: list[str], j: int) -> int | None:
    """The token after "wall" when the words from ``j`` (just after "middle/center of") name a wall, with up to three
    words saying which ("the left wall", "the long north wall"); None otherwise. The middle of a wall is a place
    along that wall, not the middle of the room."""
    for d in range(0, 5):
        if j + d >= len(words) or words[j + d] in SENTENCE_END or words[j + d] in (",", "and", "room"):
            return None
        if tx.ARCH_WORDS.get(words[j + d]) == "wall":
            return j + d + 1
    return None


def window_above(objects: list[Mention], words: list[str], span_of: dict[int, int], rels: list[Rel],
                 spans: list[tuple[int, int]]) -> list[Rel]:
    """``next_to_window`` for a floor thing a window is said to be above or over ("light streamed through the
    window above the sink", "a new sill for the window over the stove"), unless the thing has that relation
    already. ``spans`` are the tokens' character spans."""
    out: list[Rel] = []
    placed = {s for r in rels if r.kind == "next_to_window" for s in r.subjects}
    for k, w in enumerate(words[:-2]):
        if tx.ARCH_WORDS.get(w) != "window" or words[k + 1] not in ("above", "over"):
            continue
        j = k + 2
        while j < len(words) and j not in span_of and words[j] in tx.TARGET_DETERMINERS:
            j += 1
        idx = span_of.get(j)
        if idx is None or idx in placed or objects[idx].negated:
            continue
        placed.add(idx)
        end = objects[idx].end - 1
        out.append(Rel("next_to_window", [idx], arch="window", src=(spans[k][0], spans[end][1])))
    return out


def skip_words(words: list[str], k: int, skip: frozenset[str], stop_at_relation: bool = False) -> int:
    """The token after the ``skip`` words from ``k``; with ``stop_at_relation``, stopping at a relation phrase and
    passing a distance before one ("stands 15 units to the right of")."""
    while k < len(words):
        if stop_at_relation and (length := distance_length(words, k)):
            k += length
        elif words[k] not in skip or (stop_at_relation and tx.match_longest(words, k, tx.REL_PHRASES)):
            break
        else:
            k += 1
    return k

