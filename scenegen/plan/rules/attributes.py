"""Reading an object's colour, material, style and size.

Where English puts them:

* before the noun ("a small, round wooden table"), also past a modifier the vocabulary does not know, when an
  article or count opens the phrase ("a large oriental rug", "a cream boucle sofa": ``attributes_past_unknown``);
* after a copula ("the tub is white", "the table is actually really large", "the bed is metal, painted blue");
* in a participle phrase after the noun ("a sofa upholstered in worn black leather", "a desk made of solid oak",
  "a crib painted white");
* in the surface the thing is given ("a mirror with a wooden frame", "a round table with a natural wood finish").

Only the words of the reader's vocabulary (``scenegen.plan.text``: colours, materials, styles, sizes) become
attributes; the phrase is read only when it is made of describing words alone, so "a table covered with a white
cloth" gives the table no colour.
"""

from __future__ import annotations

from scenegen.plan import text as tx
from scenegen.plan.lexicon import never_a_noun, only_an_adjective, parts_of_speech
from scenegen.plan.rules.records import SENTENCE_END, Mention


def describes(word: str) -> bool:
    """A word that may stand between a count and its noun: the reader's adjectives, or a word that is only ever an
    adjective ("fluffy", "ornate")."""
    return tx.is_adjective(word) or (only_an_adjective(word) and word not in tx.QUANTITY_ADJECTIVES
                                     and word not in tx.NUMBER_WORDS)


def read_attributes(adjs: list[str], head: list[str]) -> dict[str, str]:
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
        elif w in tx.SIZE_WORDS and (w in tx.BED_SIZE_WORDS and out.get("size") not in tx.BED_SIZE_WORDS):
            out["size"] = tx.SIZE_WORDS[w]  # "a large king-size bed": the bed size says more than "large"
        elif w in tx.SIZE_WORDS:
            out.setdefault("size", tx.SIZE_WORDS[w])
        i += 1
    if colours:
        out["colour"] = " and ".join(dict.fromkeys(colours))
    for w in head:  # "queen bed", "double bed": the size word is part of the synonym, and says more than "large"
        if w in tx.BED_SIZE_WORDS and out.get("size") not in tx.BED_SIZE_WORDS:
            out["size"] = w
    for i, w in enumerate(head[:-1]):  # "a wooden chest", "a marble countertop": the material is part of the synonym
        if w in tx.MATERIALS and w not in tx.MATERIAL_NOUNS and head[i + 1] not in FUEL_WORDS \
                and not (w == "wood" and head[i + 1] in HEATERS):
            out.setdefault("material", tx.MATERIALS[w])
    return out


FUEL_WORDS = frozenset({"burning", "burner", "burners", "fired", "fueled", "fuelled"})
"""Words after a material that make it a fuel ("a wood burning stove" is no wooden stove)."""
HEATERS = frozenset({"stove", "stoves", "furnace", "furnaces"})
"""Heaters that "wood" before them fuels ("a wood stove" burns wood; "a stone fireplace" is made of stone)."""


def drop_bed_size(m: Mention, adjs: list[str]) -> None:
    """Take a bed size off a thing not sold in bed sizes ("a single sink" is one sink) and read its size from the
    other words instead ("a single large armchair" is large)."""
    del m.attrs["size"]
    size = read_attributes([w for w in adjs if w not in tx.BED_SIZE_WORDS], []).get("size")
    if size:
        m.attrs["size"] = size


def add_attributes(m: Mention, said: list[str]) -> None:
    """Add the attributes ``said`` gives to those the mention has (the words before the noun win)."""
    for field, value in read_attributes(said, []).items():
        m.attrs.setdefault(field, value)


PREDICATE_FILLERS = frozenset({"very", "quite", "all", "both", "painted", "made", "of", "in", "and", "done", "also"})


def is_adverb(word: str) -> bool:
    """Whether ``word`` is an adverb that only grades what follows ("actually", "really", "surprisingly")."""
    return word not in tx.COPULAS and (parts_of_speech(word) == frozenset({"ADV"}) or (
        word.endswith("ly") and "ADV" in parts_of_speech(word) and "NOUN" not in parts_of_speech(word)))


def read_predicate_attributes(m: Mention, words: list[str]) -> None:
    """Attributes said after a copula: "the tub is white", "the chairs are all oak", "our sofa is green velvet", "the
    table is actually really large", "the bed is metal, painted blue". Only describing words are read (graded by
    adverbs, joined by commas), up to the first word that is not one, so "is next to the bed" adds nothing."""
    k = m.end
    if k >= len(words) or words[k] not in tx.COPULAS:
        return
    k += 1
    said: list[str] = []
    while k < len(words):
        w = words[k]
        if describes(w) or w in PREDICATE_FILLERS or is_adverb(w):
            if describes(w) or w == "and":
                said.append(w)
        elif not (w == "," and said and k + 1 < len(words) and (describes(words[k + 1])
                                                               or words[k + 1] in PREDICATE_FILLERS)):
            break
        k += 1
    add_attributes(m, said)


PARTICIPLES = frozenset(("made upholstered covered finished done crafted built carved painted clad constructed "
                         "lacquered stained dressed wrapped").split())
"""Participles after a noun whose phrase says what the thing is made of or looks like ("a desk made of oak")."""
PARTICIPLE_LINKS = frozenset({"in", "of", "out", "from", "with", "entirely", "all", "solid", "pure"})
"""Words between such a participle and the describing words ("made out of solid walnut"); not an article, which opens
a thing of its own ("covered with a white cloth")."""
SURFACE_NOUNS = frozenset(("frame frames finish finishes covering cover upholstery fabric top tops veneer surface "
                           "body shell").split())
"""What a thing's look is given by: "a mirror with a wooden frame", "a table with a marble top" are a wooden mirror
and a marble table, as far as the plan's one colour and one material per object go."""


def phrase_end(words: list[str], k: int) -> bool:
    """Whether token ``k`` ends a describing phrase: the end of the prompt, a boundary or a preposition."""
    return (k >= len(words) or words[k] in SENTENCE_END or words[k] in tx.LIST_BOUNDARIES
            or words[k] in tx.PREPOSITIONS or words[k] in ("that", "which", "who", "to", "for"))


def describing_run(words: list[str], k: int, links: frozenset[str]) -> tuple[list[str], int]:
    """The describing words from token ``k`` on, over ``links`` and adverbs; and the token after them."""
    said: list[str] = []
    while k < len(words) and (describes(words[k]) or words[k] in links or is_adverb(words[k])
                              or (said and words[k] == "and" and k + 1 < len(words) and describes(words[k + 1]))
                              or (words[k] not in tx.COPULAS and never_a_noun(words[k]) and words[k].isalpha())):
        if describes(words[k]) or words[k] == "and":
            said.append(words[k])
        k += 1
    return said, k


def read_after_noun(m: Mention, words: list[str]) -> None:
    """Attributes in a participle phrase after the noun ("a sofa upholstered in worn black leather", "a desk made of
    oak", "a crib painted white") or in the surface it is given ("a mirror with a wooden frame"). The phrase must be
    describing words only, ending the phrase (a noun other than a surface noun after them means they describe that
    noun: "a table covered with a white cloth")."""
    k = m.end
    if k < len(words) and words[k] == "," and k + 1 < len(words) and words[k + 1] in PARTICIPLES:
        k += 1
    if k >= len(words):
        return
    if words[k] in PARTICIPLES:
        said, end = describing_run(words, k + 1, PARTICIPLE_LINKS)
        if said and (phrase_end(words, end) or words[end] in SURFACE_NOUNS):
            add_attributes(m, said)
        elif not said and words[k] in tx.MATERIALS and phrase_end(words, end):
            add_attributes(m, [words[k]])  # "a chair upholstered, with a deep seat": "upholstered" is fabric
    elif words[k] == "with":
        said, end = describing_run(words, k + 1, frozenset({"a", "an"}))
        if said and end < len(words) and words[end] in SURFACE_NOUNS and phrase_end(words, end + 1):
            add_attributes(m, said)
        elif said and said[-1] in tx.MATERIALS and words[end - 1] in SURFACE_NOUNS and phrase_end(words, end):
            add_attributes(m, said)  # "a bed with white fabric": the material is the surface


UNKNOWN_MODIFIERS = 2
"""How many modifiers the vocabulary does not know ``attributes_past_unknown`` looks past."""
PHRASE_LINKS = frozenset({"of", "for", "from", "to", "that", "which", "who", "as", "like", "than"})
"""Words that join two noun phrases: what comes before them is another thing's ("a large pile of bricks")."""
OPENERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "my", "our", "your", "his", "her", "their",
                     "its", "one", "two", "three", "four", "five", "six", "several", "some", "many", "few"})
"""Words that open a noun phrase, so the words between them and the noun all modify it."""


def joined(toks: list[tx.Token], k: int) -> bool:
    """Whether tokens ``k - 1`` and ``k`` stand one character apart (a space or a hyphen), as two words of one noun
    phrase do; a bracket or a slash between them ("the small bathroom vignette {sconce") leaves a wider gap."""
    return toks[k].start - toks[k - 1].end <= 1


def attributes_past_unknown(m: Mention, toks: list[tx.Token], adj_start: int) -> None:
    """Attributes said before one or two modifiers the vocabulary does not know, when an article or count opens the
    phrase: "a large oriental rug", "a cream boucle sofa", "a large mahogany empire desk", "a large, richly upholstered
    armchair". The count and the description are left as they are; only attributes are added."""
    words = [t.text for t in toks]
    k = adj_start
    unknown = 0
    said: list[str] = []
    while k > 0 and toks[k - 1].kind in ("word", "punct"):
        w = words[k - 1]
        if w in OPENERS:
            break
        if (k < len(toks) and not joined(toks, k) and not describes(w)) or tx.ROOM_PHRASES.get((w,)):
            return  # "the small bathroom vignette {sconce": a bracket or a room word ends the phrase
        if describes(w):
            said.insert(0, w)
        elif w == "," and k >= 2 and describes(words[k - 2]):
            pass  # "a large, richly upholstered armchair"
        elif (toks[k - 1].kind == "word" and unknown < UNKNOWN_MODIFIERS and w not in tx.LIST_BOUNDARIES
              and w not in tx.PREPOSITIONS and w not in tx.COPULAS and w not in tx.NEGATIONS
              and w not in tx.NUMBER_WORDS and w not in PHRASE_LINKS
              and not any(w in s for s in (tx.SUBJECT_WORDS, tx.CLAUSE_WORDS))
              and (tx.QUANTIFIERS.get((w,)) is None)):
            unknown += 1
        else:
            return
        k -= 1
    if k > 0 and words[k - 1] in OPENERS and unknown and said:
        add_attributes(m, [w for w in said if w not in tx.BED_SIZE_WORDS])  # "a single basin sink" is one sink
