"""Which parts of speech an English word form can take, from the lemma tables that the ``lemminflect`` package ships
(derived from the SPECIALIST lexicon; only its lookup tables are used, never its neural fallback).

The rules reader uses it to keep words that are never nouns ("bedecked", "glinting", "sleek", "adding") from
becoming open-vocabulary objects where they stand at the end of a noun phrase.
"""

from __future__ import annotations

from functools import lru_cache

NOUN_TAGS = frozenset({"NOUN", "PROPN"})


@lru_cache(maxsize=4096)
def parts_of_speech(word: str) -> frozenset[str]:
    """The universal POS tags (``NOUN``, ``VERB``, ``ADJ``, ``ADV`` ...) the lemma tables give the form ``word``; empty
    when the word is unknown to them or the package is missing."""
    try:
        from lemminflect import getAllLemmas
    except ImportError:  # the reader still works, only without this check
        return frozenset()
    return frozenset(getAllLemmas(word.lower()))


def never_a_noun(word: str) -> bool:
    """Whether ``word`` is a known form that is never a noun: a verb form, an adjective or an adverb only, or a
    contraction ("we'd"). Unknown words (brand names, rare nouns like "rayburn") are given the benefit of the doubt."""
    if "'" in word and not word.endswith("'s"):
        return True
    tags = parts_of_speech(word)
    return (bool(tags) and not tags & NOUN_TAGS) or (not tags and is_adverb_of_adjective(word))


def is_adverb_of_adjective(word: str) -> bool:
    """Whether ``word`` is an "-ly" form the tables lack of an adjective they know ("perpendicularly" from
    "perpendicular", "comfortably" from "comfortable", "cozily" from "cozy"): an adverb, never a thing."""
    w = word.lower()
    if not w.endswith("ly") or len(w) < 6:
        return False
    return any("ADJ" in parts_of_speech(stem) for stem in (w[:-2], w[:-3] + "y", w[:-1] + "e"))


def only_an_adjective(word: str) -> bool:
    """Whether ``word`` is a known form that the tables list as an adjective and as nothing else ("fluffy", "ornate",
    "threadbare"): a describing word before a noun, whatever the reader's own word lists know."""
    return parts_of_speech(word) == frozenset({"ADJ"})


def is_past_tense(word: str) -> bool:
    """Whether ``word`` is a past form of a verb ("stood", "faced", "glowed"): a verb form that is not its own lemma,
    and neither an -ing nor an -s form."""
    try:
        from lemminflect import getAllLemmas
    except ImportError:
        return False
    lemmas = getAllLemmas(word.lower()).get("VERB", ())
    return bool(lemmas) and word not in lemmas and not word.endswith(("ing", "s"))
