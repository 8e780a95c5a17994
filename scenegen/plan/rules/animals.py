"""Animals in room prose: a cat or a dog that prose mentions is company, not furniture ("a black cat curled up in
the armchair", "the cat would destroy it", "a figurine of a girl and her dog"). The evaluation sets count no pets
(``prompts/eval/ANNOTATION.md``: people and pets are not counted). A pet is planned only where a person is said to
have one ("a researcher who has a cat", "we have two dogs"): then the brief keeps it as a theme and the plan shows it.
"""

from __future__ import annotations

from scenegen.plan import text as tx
from scenegen import catalog
from scenegen.plan.brief import words as brief_words
from scenegen.plan.rules.records import SENTENCE_END

HAVING = frozenset({"has", "have", "having", "own", "owns", "owning", "adopted", "adopt"})
"""Verbs that give a person a pet ("who has a cat")."""
HAVING_REACH = 4
"""How many words before the animal noun the having verb may stand ("who has two small black cats")."""


def is_prose_animal(words: list[str], i: int, n: int) -> bool:
    """Whether the catalog match ``words[i:i+n]`` names an animal (every word a pet word, as ``brief_words.json``
    lists them) that no one is said to have: prose about the room, not a thing to place."""
    if not all(catalog.singular(w) in brief_words().pets for w in words[i:i + n]):  # not "a fan"
        return False
    for k in range(i - 1, max(i - 1 - HAVING_REACH, -1), -1):
        if words[k] in HAVING:
            return False
        if words[k] in SENTENCE_END or words[k] in tx.LIST_BOUNDARIES:
            break
    return True
