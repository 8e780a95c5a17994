"""References, counts and ids: which mentions add objects, how many, and the relations per member."""

from __future__ import annotations

from scenegen import catalog
from scenegen.plan import PlanError
from scenegen.plan import text as tx
from scenegen.plan.rules.anchors import is_group
from scenegen.plan.rules.records import MAX_PER_OBJECT, SENTENCE_END, Mention, Rel
from scenegen.scene import Attributes, PlannedObject, Relation


def resolve_references(objects: list[Mention], rels: list[Rel], words: list[str]) -> None:
    """Decide which mentions add objects and which name a group already mentioned ("the desk", "on a desk"). A noun
    with another noun before it ("the pantry cabinet") names its own kind, so it refers back only to the same
    category, not to a narrower one ("white cabinets" in a kitchen)."""
    subject_of_target: dict[int, int] = {}
    for r in rels:
        if r.target is not None:
            subject_of_target.setdefault(r.target, r.subjects[0])
    headings = {idx for idx in range(len(objects)) if is_heading(objects, idx, words)}
    introduces = [not m.negated and not (m.qkind == "definite"
                                         or (m.is_target and m.qkind in ("article", "possessive", "none"))
                                         or one_of_a_group(objects, idx, words)
                                         or idx in headings or names_again(objects, idx, headings, words)
                                         or renamed(objects, idx, words) or asked_again(objects, idx, words)
                                         or bare_again(objects, idx, words))
                  for idx, m in enumerate(objects)]
    for idx, m in enumerate(objects):
        if m.negated:
            m.owner = None
            continue
        if m.alias_of is not None:  # "a sofa or a loveseat by the window": the sofa is by the window
            m.owner = objects[m.alias_of].owner
            continue
        if introduces[idx]:
            m.owner = idx
            continue
        avoid = objects[subject_of_target[idx]].owner if idx in subject_of_target else None
        earlier = [j for j in range(idx) if objects[j].owner == j and objects[j].key == m.key and j != avoid]
        own_kind = m.head > 0 and catalog.resolve(words[m.head - 1]) is not None
        earlier = earlier or [j for j in range(idx) if objects[j].owner == j and j != avoid  # "the sofa": the sectional
                              and not own_kind and catalog.is_kind_of(objects[j].key, m.key)]
        earlier = earlier or [j for j in range(idx) if objects[j].owner == j and j != avoid  # "the chair": the armchair
                              and not own_kind and names_kind_of(objects[j], m)]
        later = [j for j in range(idx + 1, len(objects)) if introduces[j] and (
            (objects[j].key == m.key and (same_noun(objects[j], m) or objects[j].qkind == "none"))  # "a settee"
            or (idx in headings and is_heading_of(objects[j], m)))]  # "Chairs: two white chairs"
        m.owner = earlier[-1] if earlier else later[0] if later else idx
    take_back_named(objects)


def take_back_named(objects: list[Mention]) -> None:
    """"This room had a clawfoot tub ... we gave away the tub", "the sofa ... replace the sofa with a sectional": a
    negated definite or possessive noun names a thing already there and takes it out, with every mention of it."""
    for idx, m in enumerate(objects):
        if not m.negated or m.kind != "object" or m.qkind not in ("definite", "possessive"):
            continue
        earlier = [j for j in range(idx) if objects[j].owner == j and objects[j].key == m.key]
        if earlier:
            for o in objects:
                if o.owner == earlier[-1]:
                    o.owner = None


def names_again(objects: list[Mention], idx: int, headings: set[int], words: list[str]) -> bool:
    """Whether mention ``idx`` is a possessive ("my desk", "our sofa", a guide's "your desk") or a counted definite
    ("each of the two chairs") after an X of its category was named (not as a heading): people write these for things
    already there ("We moved our sofa. Our sofa is green."), not for more of them."""
    m = objects[idx]
    definite_number = m.qkind == "number" and m.start > 0 and words[m.start - 1] in DEFINITE_BEFORE_NUMBER
    yours = m.qkind == "none" and m.start > 0 and words[m.start - 1] == "your"  # "place your desk ..." again
    if m.kind != "object" or not (m.qkind == "possessive" or definite_number or yours):
        return False
    return any(o.key == m.key and not o.negated and j not in headings for j, o in enumerate(objects[:idx]))


DEFINITE_BEFORE_NUMBER = frozenset({"the", "these", "those", "both", "my", "our", "your", "its", "their", "his",
                                    "her"})
"""Words that make a counted phrase name things already mentioned: "on each of the two chairs"."""
RENAMING = frozenset({"called", "named", "actually", "really", "just", "simply", "in", "fact"})


def bare_again(objects: list[Mention], idx: int, words: list[str]) -> bool:
    """Whether mention ``idx`` names again a thing of a category already named, without a determiner of its own: a
    singular count noun needs one, so a bare one is a label or a second mention ("the settee, table and chairs" after
    "the rosewood table"; "{sconce, mirror, vanity}" after each was named in an earlier sentence); a plural followed
    by "like this" speaks of the kind ("Sofas like this were known as ..."), and a noun after "known as" or "called"
    is a name."""
    m = objects[idx]
    if m.kind != "object" or m.negated:
        return False
    sentence = max((k + 1 for k in range(m.start) if words[k] in SENTENCE_END), default=0)
    if not any(o.key == m.key and not o.negated and o.end <= sentence for o in objects[:idx]):
        return False  # a terse list names each thing once ("washer and dryer", "hob, oven"): only another sentence
    #                   names it again
    if any(tuple(words[k - 2:k]) in NAMING for k in range(max(2, m.start - 2), m.start + 1)):
        return True  # "commonly known as swooning sofas": at most two modifiers between
    if m.plural and m.qkind == "none" and m.end + 1 < len(words) and words[m.end] == "like" \
            and words[m.end + 1] in ("this", "these", "that", "those", "it", "them"):
        return True
    bare = m.start == 0 or words[m.start - 1] in BARE_BEFORE or words[m.start - 1] in SENTENCE_END
    return m.qkind == "none" and not m.plural and not m.mass and bare


BARE_BEFORE = frozenset({",", "and", "or", ":", "(", "cuz", "because", "though", "although", "but", "so", "while",
                         "since", "if", "when"})
"""Words right before a noun with no determiner of its own that leave it bare (not an unknown modifier, as "an
extension table" would have)."""


NAMING = frozenset({("known", "as"), ("referred", "to"), ("called", "a"), ("named", "a")})
"""Two words before a noun that make it a name for a thing already named ("commonly known as swooning sofas")."""


def asked_again(objects: list[Mention], idx: int, words: list[str]) -> bool:
    """Whether mention ``idx`` stands in a question about a thing already named: "... and a fan. A fan? It's 30
    degrees in here." A question asks about the room; it adds nothing to it."""
    m = objects[idx]
    end = next((k for k in range(m.end, len(words)) if words[k] in SENTENCE_END), len(words))
    return end < len(words) and words[end] == "?" and any(o.key == m.key and not o.negated for o in objects[:idx])


def renamed(objects: list[Mention], idx: int, words: list[str]) -> bool:
    """Whether mention ``idx`` renames the subject of its copula: "the bed is called a sleigh bed", "the table was
    actually a desk" (same category): one thing, named twice."""
    m = objects[idx]
    j = m.start - 1
    while j >= 0 and words[j] in RENAMING:
        j -= 1
    if j < 1 or (words[j] not in tx.COPULAS and words[j] != "be"):
        return False
    k = j - 1
    while k >= 0 and words[k] in SEEMING:
        k -= 1
    if k >= 0 and words[k] in ("it", "this", "that") and (k == 0 or words[k - 1] in SENTENCE_END):
        # "On the floor is the carpet. It actually appears to be a floor-filling rug": the thing just named
        return any(o.key == m.key and not o.negated for o in objects[:idx])
    return words[j] != "be" and any(o.end == j and o.key == m.key and not o.negated for o in objects[:idx])


SEEMING = frozenset({"to", "appears", "appear", "seems", "seem", "looks", "look", "turns", "out", "must", "may",
                     "might", "would", "actually", "really", "also"})
"""Words between a sentence's "it" and its copula when the sentence says what the thing is: "it appears to be",
"it turns out to be", "it must be"."""


def is_heading(objects: list[Mention], idx: int, words: list[str]) -> bool:
    """Whether mention ``idx`` is a label ("Bed: grey upholstered platform bed ...", "Nightstands: two oak
    nightstands"): right before a colon, with a mention of its category later in the same sentence, which is the
    object it labels."""
    m = objects[idx]
    if m.end >= len(words) or words[m.end] != ":":
        return False
    for o in objects[idx + 1:]:
        if any(w in SENTENCE_END for w in words[m.end + 1:o.start]):
            return False
        if is_heading_of(o, m) and not o.negated:
            return True
    return False


def is_heading_of(o: Mention, label: Mention) -> bool:
    """Whether ``label`` can label ``o``: the same key, or a kind of it ("Sofa: a modular sofa", the sectional)."""
    return o.key == label.key or catalog.is_kind_of(o.key, label.key)


def one_of_a_group(objects: list[Mention], idx: int, words: list[str]) -> bool:
    """Whether mention ``idx`` is "one X" as the target of a relation, or "each X", after a group of X was named ("two
    armchairs and a floor lamp behind one armchair", "two beds, each bed with a lamp"): members of that group, not
    another X."""
    m = objects[idx]
    each = m.start > 0 and words[m.start - 1] in ("each", "every")  # "two beds, each bed with a lamp"
    return (each or (m.is_target and m.qkind == "number" and m.qcount == 1)) and any(
        o.key == m.key and is_group(o) and not o.negated for o in objects[:idx])


def same_noun(a: Mention, b: Mention) -> bool:
    """Whether two mentions use the same noun ("a desk" ... "a desk"), not two synonyms of one category: "beside a
    chesterfield, a settee facing it" names two sofas; a bare later noun ("the counter (kitchen cabinet)") renames."""
    return catalog.singular(a.head_text.strip()) == catalog.singular(b.head_text.strip())


def names_kind_of(earlier: Mention, later: Mention) -> bool:
    """Whether ``later`` ("the chair", "each lamp") can name ``earlier`` by its head word: a one-word noun that ends
    the earlier noun ("armchair", "floor lamp"), or the first of a name with "of" or "with" ("the chest" after "a chest
    of drawers"), so a later, plainer word refers back to the narrower thing; "a table" still adds one."""
    if later.kind != "object" or earlier.kind != "object" or later.qkind not in ("definite", "none") \
            or " " in later.head_text.strip():
        return False
    head = catalog.singular(later.head_text.strip())
    first = earlier.head_text.strip().split()
    if len(first) >= 3 and first[1] in ("of", "with") and catalog.singular(first[0]) == head:
        return True  # "a chest of drawers ... the wash basin on the chest": its first word names it
    return len(head) > 2 and catalog.singular(earlier.head_text.strip()).endswith(head)


def settle_counts(objects: list[Mention], rels: list[Rel], prompt: str, toks: list[tx.Token],
                   notes: list[str]) -> None:
    """Give each introducing mention its number of objects; "on each" and "on either side" multiply."""
    for m in objects:
        if m.owner is None:
            continue
        if m.qkind == "number":
            m.count = 1 if m.mass and piled(m) else m.qcount  # "fifty books": one pile of books stands for the lot
        elif m.qkind in ("pair", "vague"):
            m.count = 1 if m.mass else m.qcount
        elif m.qkind in ("article", "collective"):
            m.count = 1
        else:  # none or definite: a bare plural asks for a couple
            m.count = 2 if m.plural and not m.mass else 1
    for r in rels:
        if r.per_side > 1:
            for s in r.subjects:
                if objects[s].owner == s:
                    objects[s].count *= r.per_side
            continue
        if not (r.distributive or r.flank):
            continue
        for s in r.subjects:
            m = objects[s]
            if m.owner != s:
                continue
            if m.qkind == "number" and m.qcount > 1:
                if r.distributive and not r.flank and r.target is not None:
                    m.count = m.qcount * max(1, group_size(objects, r.target))  # "two chairs at each table"
                continue
            if r.flank:
                m.count = 2
            elif r.target is not None:
                m.count = max(1, group_size(objects, r.target))
    for m in objects:
        if m.owner is not None and objects.index(m) == m.owner and m.count > MAX_PER_OBJECT:
            phrase = prompt[toks[m.start].start:toks[m.end - 1].end]
            raise PlanError(f"'{phrase}' asks for {m.count} {m.head_text}; the planner places at most "
                            f"{MAX_PER_OBJECT} of one object: ask for fewer")


def piled(m: Mention) -> bool:
    """Whether one object of the mention's category stands for any number of them: a catalog category that piles up
    (its ``piles`` role: books, towels, clothes), named by a plural the catalog lists ("fifty books")."""
    return m.kind == "object" and "piles" in catalog.get(m.category).roles


def group_size(objects: list[Mention], idx: int) -> int:
    owner = objects[idx].owner
    return objects[owner].count if owner is not None else 0


def generic_note(head_text: str, n: int) -> str:
    side = catalog.GENERIC.size_typical[0]
    if n == 1:
        return f"'{head_text}' is not in the catalog; it is placed as a generic {side:g} m box"
    return f"'{head_text}' is not in the catalog; they are placed as {n} generic {side:g} m boxes"


def make_objects(objects: list[Mention], notes: list[str]) -> tuple[list[PlannedObject], dict[int, list[str]]]:
    """Planned objects with ids ``<category>_<n>`` in prompt order, and each group's member ids."""
    per_category: dict[str, int] = {}
    planned: list[PlannedObject] = []
    members: dict[int, list[str]] = {}
    for idx, m in enumerate(objects):
        if m.owner is not None and m.owner != idx:
            for field, value in m.attrs.items():  # "a sofa ... the sofa is green": said of the same thing
                objects[m.owner].attrs.setdefault(field, value)
    for idx, m in enumerate(objects):
        if m.owner != idx:
            continue
        ids = []
        for _ in range(m.count):
            n = per_category.get(m.category, 0) + 1
            per_category[m.category] = n
            oid = f"{m.category}_{n}"
            ids.append(oid)
            planned.append(PlannedObject(id=oid, category=m.category, description=m.description,
                                         attributes=Attributes(**m.attrs), generic=m.kind == "generic"))
        members[idx] = ids
        if m.kind == "generic" and ids:
            notes.append(generic_note(m.head_text, len(ids)))
    return planned, members


def expand_relations(rels: list[Rel], objects: list[Mention], members: dict[int, list[str]],
                      prompt: str) -> list[Relation]:
    """One ``Relation`` per subject member (paired with target members for "on each" and plural targets)."""
    out: list[Relation] = []
    seen: set[tuple[str, str, str | None]] = set()

    def add(kind: str, subject: str, target: str | None, params: dict[str, float | str], src: str) -> None:
        if subject == target or (kind, subject, target) in seen:
            return
        seen.add((kind, subject, target))
        out.append(Relation(kind=kind, subject=subject, target=target, params=dict(params), source=src))

    for r in rels:
        assert r.kind is not None
        src = prompt[r.src[0]:r.src[1]].strip()
        subj = [oid for s in r.subjects if objects[s].owner is not None
                for oid in members.get(objects[s].owner, [])]
        if r.reciprocal:
            for a, b in zip(subj, subj[1:]):
                add(r.kind, a, b, r.params, src)
                if r.kind in ("face_to", "across_from"):
                    add(r.kind, b, a, r.params, src)
            continue
        if r.arch is not None and r.target is None:
            for s in subj:
                add(r.kind, s, r.arch, r.params, src)
            continue
        owner = objects[r.target].owner if r.target is not None else None
        targets = members.get(owner, []) if owner is not None else []
        if not targets:
            continue
        if r.all_targets:
            for s in subj:
                for t in targets:
                    add(r.kind, s, t, r.params, src)
            continue
        pair = (r.distributive and not r.flank) or (len(targets) > 1 and len(subj) > 1 and not r.flank)
        # each subject's members are shared out on their own: "a book and a lamp on each nightstand" puts a book
        # and a lamp on every nightstand, not both books on the first
        groups = [[oid for oid in members.get(objects[sm].owner, [])] for sm in r.subjects
                  if objects[sm].owner is not None] if pair else [subj]
        for group in groups:
            for i, s in enumerate(group):
                t = targets[min(i * len(targets) // len(group), len(targets) - 1)] if pair else targets[0]
                add(r.kind, s, t, r.params, src)
    return out


# --------------------------------------------------------------------------------------------------------------------
