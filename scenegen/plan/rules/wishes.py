"""Things a sentence only wishes for: "someday I'll add a ceiling fan", "I dream of one day getting a
long dining table", "In a perfect world this mural would be on the big wall". They are not in the room the prose
describes, and the evaluation sets count none of them (a wish is not a request to the planner: a request says "I
want" or "add", which this leaves alone).

A thing named after a wishing phrase in the same sentence and clause is not planned; a "but", "though" or "now"
between them opens a clause about what is there ("I'd love a bigger sofa, but for now we have a loveseat").
"""

from __future__ import annotations

from scenegen.plan import text as tx
from scenegen.plan.rules.records import SENTENCE_END

WISHES: dict[tuple[str, ...], str] = tx.phrases(
    "i would like to someday", "dream of", "dreaming of", "dreamed of", "dreamt of", "in a perfect world", "i wish",
    "we wish", "someday", "one day", "some day")
"""Phrases that make what follows them in their clause a wish. Not "I'd love" or "would love": said to a scene
generator ("a living room, I'd love a big green sofa") they ask for the thing."""
CLAUSE_TURNS = frozenset({"but", "though", "although", "while", "whereas", "now", "currently", "today", "instead"})
"""Words that open a clause about the room as it is."""


def is_wished(words: list[str], i: int) -> bool:
    """Whether the noun at ``i`` follows a wishing phrase in its sentence, with no clause turn between."""
    for k in range(i - 1, -1, -1):
        w = words[k]
        if w in SENTENCE_END or w in CLAUSE_TURNS:
            return False
        for length in (4, 3, 2, 1):
            if k - length + 1 >= 0 and tuple(words[k - length + 1:k + 1]) in WISHES:
                return True
    return False
