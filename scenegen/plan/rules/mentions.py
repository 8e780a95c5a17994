"""Finding mentions: catalog nouns, room phrases, counts, adjectives and negation, unknown noun phrases."""

from __future__ import annotations

from scenegen import catalog
from scenegen.plan import text as tx
from scenegen.plan.brief import is_person_or_pet, is_room_phrase
from scenegen.plan.concreteness import concreteness
from scenegen.plan.lexicon import never_a_noun, only_an_adjective, parts_of_speech
from scenegen.plan.objectness import names_no_object
from scenegen.plan.rules.animals import is_prose_animal
from scenegen.plan.rules.compounds import modifies_next_noun
from scenegen.plan.rules.wishes import is_wished
from scenegen.plan.rules.attributes import (attributes_past_unknown, describes, drop_bed_size, read_after_noun,
                                            read_attributes, read_predicate_attributes)
from scenegen.plan.rules.framing import is_framing
from scenegen.plan.rules.kinds import named_as_a_use
from scenegen.plan.rules.records import REMOVAL_PHRASES, SENTENCE_END, STRONG_BOUNDARIES, Mention, is_plural
from scenegen.thresholds import GENERIC_MIN_CONCRETENESS


def catalog_match(toks: list[tx.Token], i: int) -> tuple[int, catalog.Category] | None:
    """Longest run of word tokens starting at ``i`` that the catalog resolves: (length, category)."""
    found = longest_name(toks, i)
    if found is None:
        return None
    n, cat = found
    if n > 1 and is_verb_tail(toks, i, n):
        return longest_name(toks[:i + n - 1], i)  # "the TV stands opposite": a TV that stands, not TV stands
    if n > 1 and overtaken(toks, i, n, cat):
        return None  # "a wooden chest of drawers": "wooden" describes a chest of drawers, not a "wooden chest"
    return n + overlapping_tail(toks, i + n - 1, cat), cat


def overtaken(toks: list[tx.Token], i: int, n: int, cat: catalog.Category) -> bool:
    """Whether a name of ``n`` words at ``i`` whose leading words are only adjectives ("wooden chest") ends where a
    longer name of another category starts ("chest of drawers"): the adjectives describe that one."""
    nxt = longest_name(toks, i + n - 1)
    return (nxt is not None and nxt[1].name != cat.name and nxt[0] > 1
            and all(tx.is_adjective(t.text) for t in toks[i:i + n - 1]))


VERB_TAILS = frozenset({"stands", "sits", "hangs", "rests", "lies", "leans"})
"""Third-person verbs that end some catalog names ("tv stands", "plant stands"): a verb after a singular noun."""


def is_verb_tail(toks: list[tx.Token], i: int, n: int) -> bool:
    """Whether the last word of the name at ``i`` (``n`` words) is the sentence's verb: "the TV stands opposite",
    "a lamp sits on it". It is when a singular determiner opens the phrase ("a", "the", "this", "my") and no
    plural verb follows ("the TV stands are oak" keeps the stands); a count ("two TV stands") keeps the noun."""
    if toks[i + n - 1].text not in VERB_TAILS or i == 0:
        return False
    before = toks[i - 1].text
    after = toks[i + n].text if i + n < len(toks) else "."
    if before in SINGULAR_DETERMINERS:
        return after not in ("are", "were", "and", ",", "with", "for")
    # "a very tall wax candle stands near to the bed": adjectives between, and a place right after the verb
    return after in tx.PREPOSITIONS | PLACE_WORDS and before not in tx.NUMBER_WORDS and toks[i - 1].kind == "word" \
        and not any(t.text in PLURAL_COUNTS for t in toks[max(0, i - 4):i])


PLACE_WORDS = frozenset({"near", "next", "beside", "against", "opposite", "behind", "beneath", "below", "above"})
PLURAL_COUNTS = frozenset({"two", "three", "four", "several", "some", "many", "pair", "few", "both", "these", "those"})


SINGULAR_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "my", "our", "your", "his", "her", "its", "their",
                                  "each", "every", "one"})


def longest_name(toks: list[tx.Token], i: int) -> tuple[int, catalog.Category] | None:
    """The longest catalog name starting at token ``i``: (length in words, category)."""
    max_len = getattr(catalog, "MAX_SYNONYM_WORDS", 4)
    for n in range(min(max_len, len(toks) - i), 0, -1):
        window = toks[i:i + n]
        if any(t.kind != "word" for t in window):
            continue
        cat = catalog.resolve(" ".join(t.text for t in window))
        if cat is not None:
            return n, cat
    return None


def overlapping_tail(toks: list[tx.Token], last: int, cat: catalog.Category) -> int:
    """How many more words a match of ``cat`` ending at token ``last`` takes when its last word starts another name of
    the same category: "electronic drum" + "drum kit" is one "electronic drum kit", not a drum with a "kit" after it."""
    if last == 0 or toks[last].kind != "word":
        return 0
    nxt = longest_name(toks, last)
    return nxt[0] - 1 if nxt is not None and nxt[1].name == cat.name and nxt[0] > 1 else 0


def find_mentions(toks: list[tx.Token]) -> tuple[list[Mention], list[Mention]]:
    """Room and catalog-object mentions, left to right, longest match first (a room phrase wins a tie)."""
    words = [t.text for t in toks]
    rooms: list[Mention] = []
    objects: list[Mention] = []
    i = 0
    while i < len(toks):
        if toks[i].kind != "word":
            i += 1
            continue
        obj = catalog_match(toks, i)
        room = tx.match_longest(words, i, tx.ROOM_PHRASES)
        if obj and obj[0] == 1 and words[i] in tx.QUANTITY_NOUNS and i + 1 < len(words) and words[i + 1] == "of":
            obj = None  # "a range of", "a set of": a quantity, not a stove
        if obj and is_modifier(toks, i, obj[0]):
            obj = None  # "glass" in "glass vase", "wooden" ...
        if obj and i + obj[0] < len(toks) and not tx.match_longest(words, i + obj[0], tx.ROOM_PHRASES) \
                and (catalog_match(toks, i + obj[0]) is not None or words[i + obj[0]] in ("wall", "walls")):
            obj = None  # "the pantry cabinet", "the mirror wall": a noun before another names its kind
        if obj and i + obj[0] < len(words) and words[i + obj[0]] in tx.STYLE_SUFFIXES:
            obj = None  # "magazine-style", "in soft pencil style": a style, not a thing
        if obj and is_imperative(toks, i, obj[0]):
            obj = None  # "Throw in a rug": a verb opening a clause, not a throw blanket
        if obj and (shown_or_liked(words, i) or (obj[0] == 1 and i + 1 < len(words) and words[i + 1] == "of"
                                                  and (words[i], "of") in tx.LIKENESS_PHRASES)):
            obj = None  # "a print of a microphone", "a lamp shaped like a moon", "a fan of Star Wars"
        if obj and obj[0] == 1 and is_framing(words, i):
            obj = None  # "Editorial Style Photo, Modern Nursery", "a photo of a bedroom": the picture asked for
        if obj and obj[0] == 1 and words[i] in tx.MATERIAL_NOUNS and not counted_alone(toks, i):
            obj = None  # "glass doors", "stained glass": the material
        if obj and obj[0] == 1 and words[i] in tx.BUILT_IN_NOUNS:
            obj = None  # "a closet at each end of the room": built in, part of the room
        if obj and obj[0] == 1 and is_infinitive(words, i):
            obj = None  # "difficult to picture", "a printer to print documents": a verb, not a painting
        if obj and named_as_a_use(words, i, obj[1].name):
            obj = None  # "drawers for clothes": kept out of sight
        if obj and modifies_next_noun(toks, i, obj[0]):
            obj = None  # "a pot rack", "counter space", "picture windows": the noun after it is the thing
        if obj and is_wished(words, i):
            obj = None  # "I'd love to add a ceiling fan someday": not in the room
        if obj and is_prose_animal(words, i, obj[0]):
            obj = None  # "a black cat curled up in it": company, not furniture (unless someone "has a cat")
        if room and (obj is None or room[0] >= obj[0]):
            rooms.append(Mention("room", i, i, i + room[0], room[1], head_text=" ".join(words[i:i + room[0]])))
            i += room[0]
        elif obj:
            n, cat = obj
            head_text = " ".join(words[i:i + n])
            objects.append(Mention("object", i, i, i + n, cat.name, head_text=head_text,
                                    mass=is_mass(head_text, cat)))
            i += n
        else:
            i += 1
    return rooms, objects


VERB_NOUNS = frozenset({"throw", "set", "stand", "hang", "mount", "fit", "pop", "tuck", "light"})
"""Catalog words that are also verbs a request opens with ("Throw in a rug", "Set up a desk")."""
PARTICLES = frozenset({"in", "on", "up", "down", "out", "over", "together"})
PARTICLE_VERBS = frozenset({"step", "walk", "built", "roll", "pull", "drop", "wrap", "slide", "fold", "pop", "lift",
                            "tip", "plug", "lean", "pull", "swing", "tuck"})
"""Verbs that make an adjective with the particle after them ("a step-in shower", "wrap-around windows"): never an
object's noun."""
COMPOUND_PARTICLES = frozenset({"in", "out", "up", "down", "around", "away", "over"})
ARTICLES = frozenset({"a", "an", "the", "some", "two", "three", "few", "my", "our"})


def is_imperative(toks: list[tx.Token], i: int, n: int) -> bool:
    """Whether a one-word match opens a sentence as a verb with its particle or its object: "Throw in a rug", "Set up
    a desk", "Picture a library" (not "..., lamp on the nightstand")."""
    starts_sentence = i == 0 or toks[i - 1].text in (".", "!", "?", ";", ":")
    if n != 1 or not starts_sentence or i + 1 >= len(toks):
        return False
    if toks[i + 1].text in ("a", "an", "this", "your"):
        return True  # a noun phrase does not open with a bare noun followed by an article
    return toks[i].text in VERB_NOUNS and i + 2 < len(toks) and toks[i + 1].text in PARTICLES \
        and toks[i + 2].text in ARTICLES


def counted_alone(toks: list[tx.Token], i: int) -> bool:
    """Whether the word at ``i`` is a counted noun on its own: an article or a number right before it and the phrase
    ending right after it ("a glass on the table", "two glass, one jug")."""
    before = toks[i - 1] if i > 0 else None
    counted = before is not None and (before.kind == "num" or before.text in ("a", "an", "one", "each", "every")
                                      or before.text in tx.NUMBER_WORDS)
    after = toks[i + 1] if i + 1 < len(toks) else None
    return counted and (after is None or after.kind == "punct" or after.text in STRONG_BOUNDARIES
                        or tx.match_longest([t.text for t in toks], i + 1, tx.REL_PHRASES) is not None)


def is_infinitive(words: list[str], i: int) -> bool:
    """Whether the one-word noun at ``i`` is a verb after the infinitive "to" ("hard to picture getting a sofa in",
    "room to store books", "a printer to print on"): "to" right before it, not ending a relation phrase ("next to",
    "close to") or a motion ("from the bed to the desk"), and no article before the noun; a verb takes its object,
    a particle or an adverb after it, so the next word is not the end of the clause."""
    if i < 2 or words[i - 1] != "to" or words[i - 2] in TO_NOT_INFINITIVE:
        return False
    return i + 1 < len(words) and words[i + 1] not in SENTENCE_END and words[i + 1] not in (",", "and", "or")


TO_NOT_INFINITIVE = frozenset({"next", "close", "closer", "adjacent", "near", "nearer", "up", "due", "attached",
                               "opposite", "parallel", "perpendicular", "similar", "compared", "from", "door", "way",
                               "back", "added", "right", "left", "facing", "leading", "belongs", "belong", "nearest",
                               "closest", "addition", "tucked", "pushed", "moved", "went", "go", "goes"})
"""Words after which "to" is a preposition: what follows it is a place or a target, and may be an object."""


def shown_or_liked(words: list[str], i: int) -> bool:
    """Whether the noun at ``i`` is what a picture shows or what someone likes: after "<picture noun> of" ("a framed
    print of a vintage microphone", "posters of his idols") or a likeness phrase ("shaped like a moon"), with at most
    a determiner and adjectives between."""
    j = i - 1
    while j >= 0 and (tx.is_adjective(words[j]) or words[j] in ARTICLES or words[j] in ("his", "her", "their", "its")):
        j -= 1
    if j >= 1 and words[j] == "of" and words[j - 1] in tx.DEPICTION_NOUNS:
        return True
    return any(tuple(words[j - n + 1:j + 1]) in tx.LIKENESS_PHRASES for n in (2, 3, 4) if j - n + 1 >= 0)


def is_modifier(toks: list[tx.Token], i: int, n: int) -> bool:
    """Whether a matched phrase made only of adjectives is modifying a following noun."""
    if not all(tx.is_adjective(t.text) for t in toks[i:i + n]):
        return False
    return i + n < len(toks) and catalog_match(toks, i + n) is not None






def is_mass(head_text: str, cat: catalog.Category) -> bool:
    """A plural phrase the catalog lists as is ("books", "dumbbells"): one object stands for the lot."""
    listed = {s.lower() for s in cat.synonyms} | ({cat.name.replace("_", " ")} - COUNTED_ONE_BY_ONE)
    return is_plural(head_text.split()[-1]) and head_text in listed


COUNTED_ONE_BY_ONE = frozenset({"cushions"})
"""Plural category names whose things are counted one by one, not as one lot: "linen cushions" are a few cushions
(``prompts/eval/ANNOTATION.md``: a bare plural such as "cushions" is 2 to 6), where "candles" or "plates and cups" are
one set."""


def narrow_by_adjective(m: Mention, adjectives: list[str]) -> None:
    """"a low central table": an adjective that, with the noun, names a catalog category of its own ("low table" is a
    coffee table) sets it, though other words stand between them."""
    if m.kind != "object":
        return
    for adj in adjectives:
        cat = catalog.resolve(f"{adj} {m.head_text}")
        if cat is not None and cat.name != m.category:
            m.category = cat.name
            return


def narrow_by_room(objects: list[Mention], rooms: list[Mention], words: list[str]) -> None:
    """"Home gym: ... a bench": a plain one-word noun in a room the prompt names takes the one narrower kind of its
    category that belongs to that room when its own category does not: the catalog's ``kind_of`` (a bench in a gym is
    a weight bench) or the kind named for the room (cabinets in a kitchen are kitchen cabinets). "An office chair" in
    a bedroom keeps its name, and "chairs" in a living room are not rocking chairs."""
    room = next((r.category for r in rooms if r.category != "room"), None)
    if room is None:
        return
    for m in objects:
        named = " " in m.head_text.strip() or (m.head > 0 and catalog.resolve(words[m.head - 1]) is not None)
        if m.kind != "object" or named or room in catalog.get(m.category).rooms:
            continue  # "an office chair", "a pantry cabinet" are named; "a desk" in an office is any desk
        named_for_room = {f"{room}_{m.category}", f"{room.removesuffix('_room')}_{m.category}"}
        kinds = [c.name for c in catalog.CATALOG.values() if room in c.rooms
                 and (c.kind_of == m.category or c.name in named_for_room)]
        if len(kinds) == 1:
            m.category = kinds[0]


def read_count_and_adjectives(m: Mention, toks: list[tx.Token]) -> None:
    """Fill a mention's adjectives, attributes, count and negation by looking back from its noun."""
    words = [t.text for t in toks]
    j = m.head
    while j > 0 and toks[j - 1].kind == "word" and (
            describes(words[j - 1]) or in_compound_modifier(toks, j - 1, m.head)
            or (words[j - 1] == "and" and j >= 2 and describes(words[j - 2]) and describes(words[j]))):
        j -= 1
    adj_start = across_commas(words, toks, j)
    narrow_by_adjective(m, [words[i] for i in range(adj_start, m.head) if not in_compound_modifier(toks, i, m.head)])
    lead = adj_start
    while 0 < lead < m.head and (toks[lead].hyphened or toks[lead - 1].end == toks[lead].start):
        lead -= 1  # "a 40-square-foot bath", "mid-20th-century books": the number is part of a word, not a count
    qkind, qcount, qstart = count_before(words, toks, lead)
    if qkind == "none":
        qkind, qcount, qstart = count_past_unknown(words, toks, lead, qstart)
    qstart = min(qstart, lead)
    m.start = qstart
    m.qkind, m.qcount = qkind, qcount
    before = qstart - 1
    while before >= 0 and words[before] in ("any", "a", "single"):
        before -= 1
    said_before = any(tuple(words[max(0, before - len(p) + 1):before + 1]) == p
                      for p in tx.NEGATION_PHRASES | REMOVAL_PHRASES)
    m.negated = ((before >= 0 and words[before] in tx.NEGATIONS) or qkind == "zero" or said_before
                 or taken_back(words, m.end))
    m.plural = is_plural(words[m.end - 1])
    m.attrs = read_attributes([w for i, w in enumerate(words[adj_start:m.head], adj_start)  # "a tall-post bed" is
                               if not (w in tx.SIZE_WORDS and w not in tx.BED_SIZE_WORDS  # not large; "king-size"
                                       and in_compound_modifier(toks, i, m.head))],  # is a bed size
                              words[m.head:m.end])
    if m.attrs.get("size") in tx.BED_SIZE_WORDS and not bed_sized(m, words):
        drop_bed_size(m, words[adj_start:m.head])  # "a single sink", "a double wall oven": one sink, one oven
    read_predicate_attributes(m, words)
    read_after_noun(m, words)
    attributes_past_unknown(m, toks, adj_start)
    adjs = words[adj_start:m.head]
    desc = (without_colour_or_size(adjs) if m.kind == "generic" else adjs) + words[m.head:m.end]
    if m.plural and not m.mass and desc:
        desc = [*desc[:-1], catalog.singular(desc[-1])]
    m.description = " ".join(desc)


def in_compound_modifier(toks: list[tx.Token], i: int, head: int) -> bool:
    """Whether token ``i``, before the noun at ``head``, belongs to a hyphenated compound ("several silk-cushioned
    armchairs", "the marble-topped table"): English joins a modifier's words with hyphens, so the compound describes
    the noun and the count before it is the noun's."""
    return toks[i].hyphened or (i + 1 < head and toks[i + 1].hyphened)


def count_past_unknown(words: list[str], toks: list[tx.Token], end: int, fallback: int) -> tuple[str, int, int]:
    """The count before one or two modifiers the vocabulary does not know: "a pair of Grecian sofas", "several
    paisley cushions" (a number, pair or vague count: whatever stands between it and the noun modifies the noun), and
    "the perfectly aged fireplace" (a definite: only over words that are never nouns, so "the owners bought chairs"
    stays a clause). ("none", 1, ``fallback``) when there is none."""
    k = end
    for _ in range(2):
        k -= 1
        if k < 1 or toks[k].kind != "word" or words[k] in NOT_SKIPPED or words[k] in tx.NUMBER_WORDS \
                or toks[k - 1].end == toks[k].start or not (never_a_noun(words[k]) or not parts_of_speech(words[k])):
            break  # (a word glued to the token before it is a suffix: "an 1820s sofa" is one sofa)
        kind, count, start = count_before(words, toks, k)
        if kind in ("number", "pair", "vague") or (kind == "definite" and all(never_a_noun(w)
                                                                             for w in words[k:end])):
            return kind, count, start
    return "none", 1, fallback


NOT_SKIPPED = (STRONG_BOUNDARIES | SENTENCE_END | tx.PREPOSITIONS | tx.COPULAS | tx.NEGATIONS
               | frozenset({"of", "to", "for", "i", "we", "you", "they", "he", "she", "it", "there", "this", "that"}))
"""Words that end a noun phrase's modifiers when looking back for its count."""


def bed_sized(m: Mention, words: list[str]) -> bool:
    """Whether a mention names something sold in bed sizes (a bed of any kind, a mattress, a duvet)."""
    return "bed" in m.category or any("bed" in w or w in tx.BED_SIZED_NOUNS for w in words[m.head:m.end])


def taken_back(words: list[str], end: int) -> bool:
    """Whether the words after a noun take it back: "cribs not permitted", "a TV is not needed", "pets are not
    allowed", "with the bookcases removed", "the cart is missing"."""
    k = end
    if k < len(words) and words[k] in tx.COPULAS:
        k += 1
    if k < len(words) and words[k] in ("has", "have", "had") and k + 1 < len(words) and words[k + 1] == "been":
        k += 2
    if k < len(words) and words[k] in tx.GONE_AFTER:
        return True  # "with the bookcases removed", "the liquor cart is missing"
    return k + 1 < len(words) and words[k] in ("not", "never") and words[k + 1] in tx.NEGATED_AFTER


def across_commas(words: list[str], toks: list[tx.Token], j: int) -> int:
    """The start of the adjectives before token ``j`` when a comma separates some ("a large, fluffy area rug", "a
    small, round wooden table"): only when a count or article opens the run, so a list ("a sofa, small lamps") or a
    clause ("the room is bright, small lamps ...") keeps its boundary."""
    k = j
    while k >= 2 and words[k - 1] == "," and describes(words[k - 2]):
        k -= 2
        while k > 0 and toks[k - 1].kind == "word" and describes(words[k - 1]):
            k -= 1
        if count_before(words, toks, k)[0] in ("article", "number", "definite", "possessive"):
            return k
    return j


def without_colour_or_size(adjs: list[str]) -> list[str]:
    """The adjectives less their colour, size and style words, which the plan keeps as attributes, mounting words,
    which it keeps as relations, and words that judge or date the thing ("an old radio", "a generous gift"): an
    unknown thing is named by what it is ("a grey glider" is a glider, "mounted animal heads" are animal heads), as the
    evaluation sets key it. Materials stay ("a wood stove" is a kind of stove)."""
    out: list[str] = []
    i = 0
    while i < len(adjs):
        col = tx.colour_at(adjs, i)
        if col:
            i += col[0]
            continue
        if adjs[i] in ("and", "or") and tx.colour_at(adjs, i + 1):
            i += 1  # "red and white"
            continue
        if adjs[i] not in tx.SIZE_WORDS and adjs[i] not in tx.STYLES and adjs[i] not in tx.MOUNTING_ADJECTIVES \
                and not is_evaluative(adjs[i]):
            out.append(adjs[i])
        i += 1
    return out


def is_evaluative(word: str) -> bool:
    """Whether ``word`` is a describing word that judges or dates a thing rather than sorting it into a kind: an
    adjective that people rate abstract ("old", "generous", "wonderful", "great"; not "acoustic", "electric",
    "reading"), below ``EVALUATIVE_MAX_CONCRETENESS``."""
    if word not in tx.FILLER_ADJECTIVES and "ADJ" not in parts_of_speech(word):
        return False
    rating = concreteness(word)
    return rating is not None and rating < EVALUATIVE_MAX_CONCRETENESS


EVALUATIVE_MAX_CONCRETENESS = 3.0
"""Concreteness rating (1..5) under which an adjective judges a thing instead of naming a kind of it."""


def count_before(words: list[str], toks: list[tx.Token], end: int) -> tuple[str, int, int]:
    """The count phrase ending just before token ``end``: (kind, count, first token of the phrase). "various types
    of" counts as "various" ("types of" names no object of its own)."""
    if end >= 3 and words[end - 1] == "of" and words[end - 2] in tx.KIND_NOUNS:
        kind, count, start = count_before(words, toks, end - 2)
        if kind != "none":
            return kind, count, start
    p = end - 1
    if p < 0 or toks[p].kind == "punct":
        return "none", 1, end
    if toks[p].kind == "num" and tx.is_year(words[p]):
        return "none", 1, end  # "Sarah's 1890 mahogany Steinway": a year names when it was made
    if toks[p].kind == "num":
        n = int(float(words[p]))
        return ("zero" if n == 0 else "number"), n, p
    k = p
    while k >= 0 and words[k] in tx.NUMBER_WORDS:
        k -= 1
    if k < p:
        n = tx.parse_number(words[k + 1:p + 1]) or 0
        start = k + 1
        if k >= 0 and words[k] == "a" and words[start] in ("hundred", "thousand"):
            start = k
        return ("zero" if n == 0 else "number"), n, start
    for length in (4, 3, 2, 1):
        s = p - length + 1
        if s < 0:
            continue
        q = tx.QUANTIFIERS.get(tuple(words[s:p + 1]))
        if q:
            return q[0], q[1], s
    return "none", 1, end


def find_generics(toks: list[tx.Token], rooms: list[Mention], objects: list[Mention],
                   notes: list[str]) -> list[Mention]:
    """Noun phrases in the object list that match no catalog synonym: generic objects (or parts, with a note)."""
    words = [t.text for t in toks]
    covered = set()
    for m in [*rooms, *objects]:
        covered.update(range(m.start, m.end))
    object_ends = {m.end - 1 for m in objects}
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        found = generic_at(toks, words, i, covered, object_ends)
        if found is None:
            i += 1
            continue
        m, part_of = found
        if part_of is not None:
            owner = next(o for o in objects if o.end in (part_of, part_of - 1))
            notes.append(f"'{m.head_text}' was read as a detail of the {owner.head_text}, not as a separate object")
        else:
            out.append(m)
        covered.update(range(m.start, m.end))
        i = m.end
    return out


def generic_at(toks: list[tx.Token], words: list[str], i: int, covered: set[int],
                object_ends: set[int]) -> tuple[Mention, int | None] | None:
    """A generic noun phrase starting at token ``i``, and the end token of the object it is a detail of (if any)."""
    if toks[i].kind == "punct" or i in covered:
        return None
    q = tx.match_longest(words, i, tx.QUANTIFIERS)
    has_count = toks[i].kind == "num" or words[i] in tx.NUMBER_WORDS or (q is not None and q[1][0] != "definite")
    after_boundary = i > 0 and words[i - 1] in STRONG_BOUNDARIES and (
        words[i - 1] not in ("and", "or") or (i - 2) in object_ends or (i - 2) in covered)  # not "calm and uncluttered"
    if not (has_count or after_boundary):
        return None
    after_subject = i > 0 and words[i - 1] in tx.SUBJECT_WORDS and not (words[i - 1] == "to" and q is not None)
    if words[i] in tx.VERBS or words[i] in tx.SUBJECT_WORDS or after_subject:
        return None  # "... can play and sleep", "to relax", "and we are good": a clause ("next to a glider" is not)
    k = i
    if toks[k].kind == "num" or words[k] in tx.NUMBER_WORDS:
        while k < len(toks) and (toks[k].kind == "num" or words[k] in tx.NUMBER_WORDS):
            k += 1
    elif q is not None and q[1][0] != "definite":
        k += q[0]
    while k < len(toks) and k not in covered and (tx.is_adjective(words[k]) or (
            words[k] == "and" and k > i and tx.is_adjective(words[k - 1]) and k + 1 < len(words)
            and tx.is_adjective(words[k + 1]))):  # "a red and white awning"
        k += 1
    if k > i and (k >= len(toks) or k in covered or ends_noun_phrase(words, k) or toks[k].kind == "punct") \
            and words[k - 1] in tx.FILLER_ADJECTIVES and words[k - 1] not in tx.SIZE_WORDS:
        k -= 1  # "a screen on the far wall": a phrase of describing words ends in its noun
    head = k
    singular = i == head or words[i] in SINGULAR_DETERMINERS  # "moonlight falls on", not "two softbox lights in"
    while (k < len(toks) and k - head < 3 and toks[k].kind == "word" and k not in covered
           and (not ends_noun_phrase(words, k) or noun_use(words, k))
           and not (k > head and singular and is_clause_verb(words, k))):
        k += 1
    if k == head or (k < len(toks) and k not in covered and not ends_noun_phrase(words, k)
                     and toks[k].kind != "punct"):
        return None
    if k < len(toks) and k in covered:
        return None  # "a zebra bed"? the words run into a catalog noun: leave them as adjectives
    head_words = words[head:k]
    if head_words[-1] in tx.PART_NOUNS or head_words[-1] in tx.OBJECT_PARTS:  # "a cabinet that includes three drawers": the last thing's detail, if any
        owner = max((e for e in object_ends if e < i and not set(words[e:i]) & SENTENCE_END), default=None)
        return None if owner is None else (Mention("generic", head, head, k, "generic", head_text=" ".join(head_words)),
                                           owner + 1)
    if not_an_object(head_words, words, head, k):
        return None
    if not listed(words, i, object_ends) and names_no_object(" ".join(head_words)):
        return None  # prose about the room ("a gentle warmth", "the dust motes"), not a thing listed in it
    if is_wished(words, head):
        return None  # "I'd love to fill the wall with cutting boards": a wish
    if in_contact_clause(words, i, object_ends):
        return None  # "an ottoman we can put our feet on": a clause about the ottoman
    if k + 1 < len(words) and words[k] == "of" and any(t in covered for t in range(k + 1, min(k + 4, len(words)))):
        return None  # "a rack of dumbbells", "a tray of cups": the catalog thing named after "of" stands for the lot
    m = Mention("generic", head, head, k, "generic", head_text=" ".join(head_words))
    read_count_and_adjectives(m, toks)
    part_of = None
    if i >= 2 and words[i - 1] == "with" and (i - 2) in object_ends:
        part_of = i - 1  # "a desk with drawers": a detail of the desk
    elif (i >= 3 and words[i - 1] in ("has", "have", "having", "features") and words[i - 2] in ("that", "which", "it")
          and (i - 3) in object_ends):
        part_of = i - 2  # "a bed that has a red cover"
    return m, part_of


LIST_OPENERS = frozenset({"with", "including", "featuring", "plus", ":", "and", ",", "holds", "holding", "hold",
                          "contains", "containing", "displays", "displaying", "houses", "housing", "has", "have"})


def listed(words: list[str], i: int, object_ends: set[int]) -> bool:
    """Whether the phrase starting at token ``i`` is an item of a list of things: right after "with", "including",
    "featuring", a holding verb ("a lectern holds an atlas") or a colon, or after "," / "and" that follows another
    object ("a garage with a red sedan and a kayak"). The objectness classifier is not asked about listed things: the
    prompt says they are in the room."""
    if i == 0 or words[i - 1] not in LIST_OPENERS:
        return False
    return words[i - 1] not in (",", "and") or (i - 2) in object_ends


def is_clause_verb(words: list[str], k: int) -> bool:
    """Whether the word at ``k``, after a noun, is its clause's verb: a third-person form the lemma tables know as a
    verb, followed by a preposition or relation phrase ("moonlight falls on a jukebox", "a clock ticks by the door")."""
    w = words[k]
    if not w.endswith("s") or w.endswith("ss") or "VERB" not in parts_of_speech(w) or k + 1 >= len(words):
        return False
    return tx.match_longest(words, k + 1, tx.REL_PHRASES) is not None or words[k + 1] in tx.PREPOSITIONS


COUNTED_STARTS = frozenset({"a", "an", "the", "one", "two", "three", "four", "some", "several", "many", "few",
                            "my", "our", "this", "that", "each", "every"})


def not_an_object(head_words: list[str], words: list[str], head: int, k: int) -> bool:
    """Whether an unknown noun phrase (``head_words``, tokens ``head``..``k``) names no object: a room part, an
    abstract or quantity noun, a clause word, a person or pet, a room, a verb, what a picture shows, a passive verb,
    a verb with its particle ("step-in"), an area ("a seating area"), or a head word that is never a noun ("bedecked",
    "sleek")."""
    named = head_words[:-1] if len(head_words) > 1 and head_words[-1] in LAMP_NOUNS else head_words
    if named is not head_words and all(describes(w) or "ADJ" in parts_of_speech(w) for w in named):
        return True  # "warm light", "natural light": light, not a lamp named for something ("softbox lights")
    if parts_of_speech(head_words[0]) == frozenset({"VERB"}) and head_words[0].endswith("ing") \
            and (head == 0 or words[head - 1] not in COUNTED_STARTS):
        return True  # ", adding pops of colour": a clause, not a thing ("a rocking unicorn" is one)
    return (any(w in tx.NOT_OBJECTS or w in tx.ARCH_WORDS or catalog.singular(w) in tx.ARCH_WORDS
                or w in tx.CLAUSE_WORDS
                or (w in tx.SUBJECT_FILLERS and w not in NOUN_VERBS) for w in named)
            or shown_or_liked(words, head) or is_passive(head_words, words, k)
            or is_person_or_pet(head_words[-1]) or is_room_phrase(head_words) or head_words[-1] in tx.VERBS
            or (head_words[-1] in PARTICLE_VERBS and k < len(words) and words[k] in COMPOUND_PARTICLES)
            or (k < len(words) and words[k] in tx.AREA_WORDS) or is_abstract(head_words[-1])
            or never_a_noun(head_words[-1]) or tx.colour_at(head_words, len(head_words) - 1) is not None
            or head_words[-1] in tx.MATERIALS or head_words[-1] in tx.SIZE_WORDS
            or head_words[-1] in tx.NOT_OBJECT_HEADS or catalog.singular(head_words[-1]) in tx.SENSED_HEADS
            or catalog.singular(head_words[-1]) in tx.MATERIALS
            or catalog.singular(head_words[-1]) in tx.FOOD_HEADS)


def is_abstract(noun: str) -> bool:
    """Whether people rate ``noun`` too abstract to be a thing in a room (``GENERIC_MIN_CONCRETENESS``)."""
    rating = concreteness(noun)
    return rating is not None and rating < GENERIC_MIN_CONCRETENESS


CLAUSE_SUBJECTS = frozenset({"we", "you", "i", "they", "he", "she"})
"""Pronouns that open a relative clause with no 'that' right after an object ("an ottoman we can put our feet on")."""


def in_contact_clause(words: list[str], i: int, object_ends: set[int]) -> bool:
    """Whether token ``i`` lies in a relative clause opened by a subject pronoun right after an object, within a few
    words and with no list boundary between."""
    for p in range(i - 1, max(i - 5, -1), -1):
        if words[p] in tx.LIST_BOUNDARIES:
            return False
        if words[p] in CLAUSE_SUBJECTS:
            return (p - 1) in object_ends
    return False


LAMP_NOUNS = frozenset({"light", "lights"})
"""Words that are no object alone ("natural light") but name a lamp after a noun ("two softbox lights")."""
NOUN_VERBS = frozenset({"stand"})
"""A filler verb that is a noun where a noun phrase ends with it ("a backdrop stand against the wall", "a small
stand")."""


def noun_use(words: list[str], k: int) -> bool:
    """Whether the filler word at ``k`` is a noun: one of ``NOUN_VERBS`` after a word that is not a plural subject,
    ending the noun phrase."""
    return words[k] in NOUN_VERBS and k > 0 and not is_plural(words[k - 1]) \
        and (k + 1 >= len(words) or not words[k + 1].isalpha() or ends_noun_phrase(words, k + 1))


def is_passive(head_words: list[str], words: list[str], k: int) -> bool:
    """Whether an unknown phrase ends in a past participle with its agent or manner after it ("..., separated only by
    a counter", "a cabin adorned with heads"): a clause, not an object."""
    last = head_words[-1]
    return len(last) > 5 and last.endswith("ed") and k < len(words) and words[k] in PASSIVE_NEXT


PASSIVE_NEXT = frozenset({"by", "with", "only", "from", "into", "onto", "to", "through"})
"""Words that follow a participle used as a verb ("adorned with", "separated by")."""


def ends_noun_phrase(words: list[str], k: int) -> bool:
    """Whether token ``k`` cannot continue an unknown noun phrase (a boundary, relation, filler, number ...)."""
    w = words[k]
    return (w in tx.LIST_BOUNDARIES or w in tx.NEGATIONS or w in tx.SUBJECT_FILLERS or w in tx.NUMBER_WORDS
            or tx.match_longest(words, k, tx.REL_PHRASES) is not None or (w,) in tx.QUANTIFIERS
            or tx.match_longest(words, k, tx.ROOM_PHRASES) is not None or w in ("of", "for", "to", "from", "that")
            or w in tx.CLAUSE_WORDS)


def token_owner_map(objects: list[Mention]) -> dict[int, int]:
    """Token index -> index of the object mention whose phrase covers it."""
    out: dict[int, int] = {}
    for idx, m in enumerate(objects):
        for t in range(m.start, m.end):
            out[t] = idx
    return out


# --------------------------------------------------------------------------------------------------------------------
