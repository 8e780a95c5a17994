"""Verbs and details between an object and its relation phrase: "(candles) flicker gently along", "a bed dressed in
white linens, flanked by", "(a ladder) leaned quietly against"."""

from __future__ import annotations

from scenegen.plan import text as tx
from scenegen.plan.lexicon import is_adverb_of_adjective, is_past_tense, parts_of_speech


SINGULAR_RELATION_VERBS = frozenset({"faces", "flanks", "surrounds", "lines", "overlooks", "holds", "houses",
                                     "displays", "encircles", "supports", "carries",
                                     "hosts"})
"""Relation verbs in the singular: after "X with two Ys", their subject is X ("an island with two stools faces the
range")."""


def past_verb(words: list[str], k: int, span_of: dict[int, int], plural: bool) -> int | None:
    """The token after a verb at ``k`` and the adverbs after it, when a relation phrase follows: "(candles) flicker
    gently along", "(a lamp) glows beside". Only a word the lemma tables know as a verb, not an object's name, and
    agreeing with its subject (so "a towel ring next to the sink" keeps its noun "ring")."""
    if k >= len(words) or k in span_of or "VERB" not in parts_of_speech(words[k]) or words[k] in tx.LIST_BOUNDARIES:
        return None
    if words[k].endswith("s") == plural and not is_past_tense(words[k]):
        return None  # "candles flickers", "a towel ring": no agreement, so no verb ("a clock ticked by" agrees)
    j = k + 1
    while j < len(words) and j not in span_of and tx.match_longest(words, j, tx.REL_PHRASES) is None \
            and (words[j].endswith("ly") or parts_of_speech(words[j]) == {"ADV"}):
        j += 1
    return j if tx.match_longest(words, j, tx.REL_PHRASES) is not None else None


def is_participle(words: list[str], k: int) -> bool:
    """Whether token ``k`` is a past participle describing the thing before it ("a bed dressed in white linens")."""
    return k < len(words) and len(words[k]) > 4 and words[k].endswith("ed") and words[k].isalpha()


def past_detail(words: list[str], k: int, span_of: dict[int, int]) -> int:
    """The relation phrase after a detail that names no object ("with carved wooden posts", "on industrial casters",
    "of a vintage guitar", "shaped like a moon"), within ``DETAIL_WORDS`` words; ``k`` itself when none follows."""
    if k >= len(words):
        return k
    likeness = tx.match_longest(words, k, tx.LIKENESS_PHRASES)
    j = k + likeness[0] if likeness else k + 1 if words[k] in ("with", "of") else k
    start = j
    while j < len(words) and j - start < DETAIL_WORDS and j not in span_of and words[j].isalpha() \
            and words[j] not in tx.LIST_BOUNDARIES and tx.match_longest(words, j, tx.REL_PHRASES) is None:
        j += 1
    if j + 1 < len(words) and words[j] == "," and j > start:  # "dressed in white linens, flanked by nightstands"
        after = tx.match_longest(words, j + 1, tx.REL_PHRASES)
        if after is not None and after[1] in tx.CONTINUED_RELATION_KEYS:
            return j + 1
    found = j > start and j < len(words) and j not in span_of and tx.match_longest(words, j, tx.REL_PHRASES)
    return j if found else k


DETAIL_WORDS = 6
"""The most words of a detail the relation reader reads past to the subject's next relation."""


PLURAL_VERBS = frozenset({"are", "sit", "stand", "lie", "hang", "rest", "go", "belong", "face", "hold", "contain"})
"""Verbs whose plural form says that the list before them is their subject ("a sofa and an armchair are ...")."""


def past_adverbs(words: list[str], k: int, span_of: dict[int, int]) -> int:
    """The token after the adverbs at ``k`` when a relation phrase follows them: "(a ladder) leaned quietly against",
    "(a lamp) stands gracefully in the corner", "(a chair) rests invitingly next to"; ``k`` itself otherwise."""
    j = k
    while j < len(words) and j - k < 3 and j not in span_of and is_adverb(words[j]) \
            and tx.match_longest(words, j, tx.REL_PHRASES) is None:
        j += 1
    return j if j > k and tx.match_longest(words, j, tx.REL_PHRASES) is not None else k


def is_adverb(word: str) -> bool:
    """Whether ``word`` is an adverb of manner ("quietly", "gracefully", "casually"): an "-ly" word the lemma tables
    list as an adverb or know only by its adjective."""
    return word.endswith("ly") and len(word) > 4 and ("ADV" in parts_of_speech(word) or is_adverb_of_adjective(word))


def past_aside(words: list[str], k: int, span_of: dict[int, int]) -> int:
    """The token after a describing aside between commas when the subject's relation phrase or verb follows it ("a
    coffee table, cluttered yet comforting, held ...", "a sofa, soft and worn, stands against ..."); ``k`` itself
    otherwise. The aside names no object and holds only describing words and the conjunctions between them."""
    if k >= len(words) or words[k] != ",":
        return k
    j = k + 1
    while j < len(words) and j - k <= ASIDE_WORDS and j not in span_of and (
            words[j] in ASIDE_JOINS or is_describing(words[j])):
        j += 1
    if j + 1 < len(words) and words[k + 1] in LOOK_PARTICIPLES:  # "the bed, dressed in grey linens with a throw,"
        j = next((i for i in range(k + 2, min(len(words), k + 2 + LOOK_ASIDE_WORDS))
                  if words[i] in (",", ".", ";", "!", "?")), k + 1)
    if j == k + 1 or j + 1 >= len(words) or words[j] != ",":
        return k
    after = j + 1
    while after < len(words) and words[after] in tx.SUBJECT_FILLERS:
        after += 1
    return j + 1 if tx.match_longest(words, after, tx.REL_PHRASES) is not None else k


ASIDE_WORDS = 5
"""The most words of a describing aside between commas ("cluttered yet comforting")."""
LOOK_PARTICIPLES = frozenset({"dressed", "draped", "covered", "wrapped", "made", "upholstered", "framed", "finished",
                              "painted", "accented", "trimmed", "topped", "piled", "strewn", "cluttered", "laden",
                              "decorated", "adorned", "layered", "stacked", "lined"})
"""Participles that open an aside on how a thing looks or what lies on it, which may name things ("the bed, dressed
in grey linens with a throw, stands against the wall"): the subject's relation comes after it."""
LOOK_ASIDE_WORDS = 14
"""The most words of such an aside, up to its closing comma."""
ASIDE_JOINS = frozenset({"and", "yet", "but", "though", "very", "so", "still", "rather", "quite"})
"""Words that join the describing words of an aside."""


def is_describing(word: str) -> bool:
    """Whether ``word`` describes rather than names: an adjective, a participle or an adverb by the lemma tables."""
    tags = parts_of_speech(word)
    return tx.is_adjective(word) or bool(tags & {"ADJ", "ADV"}) or (
        "VERB" in tags and word.endswith(("ed", "ing", "en", "n")))


def opening_at(words: list[str], k: int) -> int | None:
    """Where the relation phrase of a place phrase at ``k`` starts: at ``k`` ("in the corner"), after a placing
    participle ("pushed up against the wall", "hidden in the shadows", "tucked behind the door") or after an opening
    adverb and its comma ("Finally, in the corner"); None when no relation phrase opens there."""
    if k >= len(words) or tx.match_longest(words, k, NOT_PLACES) is not None:
        return None
    if tx.match_longest(words, k, tx.REL_PHRASES) is not None:
        return k
    if k + 1 < len(words) and (words[k] in tx.SUBJECT_FILLERS or is_participle(words, k)
                               or (words[k].endswith("en") and "VERB" in parts_of_speech(words[k]))) \
            and tx.match_longest(words, k + 1, tx.REL_PHRASES) is not None:
        return k + 1
    if k + 2 < len(words) and words[k + 1] == "," and (is_adverb(words[k]) or words[k] in OPENING_ADVERBS) \
            and tx.match_longest(words, k + 2, tx.REL_PHRASES) is not None:
        return k + 2
    return None


NOT_PLACES: dict[tuple[str, ...], str] = tx.phrases(
    "in addition", "in fact", "in particular", "in general", "in short", "in order", "in terms", "in case",
    "in spite", "on the other hand", "at least", "at first", "at last", "by the way", "for example", "for instance",
    "on top of that", "in the end", "in the meantime", "at the moment", "at the same time", "in my opinion")
"""Phrases that open a sentence with a preposition but name no place ("In addition to the sink, I like ...")."""
OPENING_ADVERBS = frozenset({"then", "next", "also", "here", "now", "meanwhile", "lastly", "further", "elsewhere"})
"""Adverbs that open a sentence before its place phrase ("Then, against the wall, a piano")."""


def past_intro(words: list[str], k: int, intro: frozenset[str]) -> int:
    """The token after the ``intro`` words and adverbs of manner or time from ``k`` ("we currently have", "stood
    quietly")."""
    while k < len(words) and (words[k] in intro or is_adverb(words[k])):
        k += 1
    return k
