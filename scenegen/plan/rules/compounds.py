"""Catalog nouns that modify the noun after them ("a pot rack", "counter space", "large picture windows", "the piano
room"): English puts the head of a compound last, so the thing named is the second noun, and the catalog noun before
it names no object of its own. ``mentions.find_mentions`` already drops a catalog noun before another catalog noun or
a wall ("the pantry cabinet", "the mirror wall"); this drops one before a head noun of ``text.COMPOUND_HEADS``.

Any noun after a catalog noun would be too wide: "a TV setup", "a book collection", "the bathtub faucet", "a
fireplace insert" name a thing that is there, and the evaluation sets count it.
"""

from __future__ import annotations

from scenegen import catalog
from scenegen.plan import text as tx
from scenegen.plan.rules.records import SENTENCE_END, STRONG_BOUNDARIES

PHRASE_ENDS = (STRONG_BOUNDARIES | SENTENCE_END | tx.PREPOSITIONS | tx.COPULAS | tx.CLAUSE_WORDS
               | tx.RELATIVE_PRONOUNS | frozenset({"to", "of", "for", ")", "(", ":"}))
"""Words that may follow a two-noun compound, so the second noun ends the noun phrase."""


def modifies_next_noun(toks: list[tx.Token], i: int, n: int) -> bool:
    """Whether the one-word catalog match at ``i`` is the first noun of a compound whose head, right after it, is one
    of ``text.COMPOUND_HEADS`` and ends the noun phrase ("counter space,", "a pot rack is", "picture windows on")."""
    if n != 1 or i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    if nxt.kind != "word" or nxt.start - toks[i].end > 1 or catalog.singular(nxt.text) not in tx.COMPOUND_HEADS:
        return False
    after = toks[i + 2] if i + 2 < len(toks) else None
    return after is None or after.kind == "punct" or after.text in PHRASE_ENDS
