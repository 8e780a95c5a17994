"""Attached relations: what one object holds ("a desk with a lamp", "a shelf holding books", "each with a monitor"),
seats at a table, catalog companions named by "its", and things a mounting word or "for" places."""

from __future__ import annotations

from scenegen import catalog
from scenegen.plan import text as tx
from scenegen.plan.lexicon import only_an_adjective
from scenegen.plan.rules.anchors import is_floor_cover, is_group, placed_by_room_part
from scenegen.plan.rules.records import ROOM_HEIGHT, Mention, Rel, SENTENCE_END
from scenegen.plan.rules.verbs import LOOK_ASIDE_WORDS, LOOK_PARTICIPLES


SETTING_TABLES = frozenset({"coffee_table", "side_table"})
"""Low tables that a seating group is arranged about rather than seated at: "a coffee table with a sofa on one
side" says where the sofa is in the phrase that follows."""


def is_seat(category: str) -> bool:
    """Whether people sit on a category (the catalog's seats, and sofas, armchairs and benches)."""
    return category in catalog.with_role("seat") or category in catalog.SITTING_WITHOUT_SEAT_ROLE


def possessive_companions(objects: list[Mention], words: list[str], toks: list[tx.Token]) -> list[Rel]:
    """"A bed stands against the wall. Its two nightstands are white": a thing named as another's ("its", "their")
    that the catalog pairs with that other (a nightstand with a bed, a chair with a desk) and that no phrase places
    stands as the catalog pairs them (next to the bed)."""
    out: list[Rel] = []
    for idx, m in enumerate(objects):
        owner_word = words[m.start] if words[m.start] in tx.OWNER_POSSESSIVES else (
            words[m.start - 1] if m.start else "")
        if m.negated or m.kind != "object" or m.anchored or owner_word not in tx.OWNER_POSSESSIVES:
            continue
        pairs = dict(catalog.companions(m.category))
        owners = [i for i in range(idx) if objects[i].kind == "object" and objects[i].category in pairs]
        if owners:
            how = pairs[objects[owners[-1]].category].split("+")[0]
            out.append(Rel(how, [idx], target=owners[-1], src=(toks[max(m.start - 1, 0)].start, toks[m.end - 1].end)))
    return out


def seat_kind(key: str, subject: Mention, target: Mention) -> str | None:
    """How a seat sits 'at' or 'on each side of' what it is pulled up to, from the catalog's companions ('a chair at
    the desk' is in front of it, 'chairs at the table' go around it); None for anything else. Things that are not
    seats stand beside ('a speaker at each end of the tv stand')."""
    if key not in ("at", "sides", "with") or subject.kind != "object" or target.kind != "object":
        return None
    if not is_seat(subject.category):
        return "next_to" if key == "sides" else None
    if key == "with" and target.category in SETTING_TABLES:
        return None  # "a coffee table with a sofa": said of the table's setting, read by the phrase that follows
    for anchor, how in catalog.companions(subject.category):
        if anchor == target.category:
            kind = how.split("+")[0]
            return "around" if key == "sides" and kind == "near" else kind  # seats at a table's sides go around it
    return "around" if key == "sides" or (key == "with" and is_table(target)) else None


def is_table(m: Mention) -> bool:
    """Whether a mention names something people sit around ("a dining table", "a bar-height table", "an island")."""
    return m.kind == "object" and (m.category.endswith("table") or m.category == "kitchen_island")


def has_top(m: Mention) -> bool:
    return m.kind == "object" and catalog.get(m.category).has_top


def retarget_to_holder(rels: list[Rel], objects: list[Mention], words: list[str] | None = None) -> None:
    """"a TV stand across from the sofa with a TV on top", "a side table left of the couch and a lamp on it": when the
    nearest noun cannot hold the thing but the subject of the phrase that names it can, the thing stands on the
    subject (the plausible reading; plan physics would otherwise put it beside the sofa), one on each member when
    that phrase was said of each ("a side table next to each chair holding a lamp"). "A trunk at the foot of the bed
    with books on it": what "with" adds after a thing placed beside another belongs to the subject when it has a top
    too (``with_on_subject``)."""
    named_by: dict[int, int] = {}
    named_kind: dict[int, str | None] = {}
    each: set[int] = set()  # targets named per member ("a side table next to each chair")
    for r in rels:
        if r.target is not None and r.kind != "on_top" and len(r.subjects) == 1:
            named_by.setdefault(r.target, r.subjects[0])
            named_kind.setdefault(r.target, r.kind)
            if r.distributive and named_by[r.target] == r.subjects[0]:
                each.add(r.target)
    for r in rels:
        if r.kind != "on_top" or r.target is None or objects[r.target].kind != "object":
            continue
        holder = named_by.get(r.target)
        with_on = holder is not None and with_on_subject(r, objects, holder, named_kind.get(r.target), words or [])
        if has_top(objects[r.target]) and not with_on and not (holder is not None and rather_on(r, objects, holder)):
            continue
        if holder is not None and (has_top(objects[holder]) or with_on) \
                and all(objects[s].start > objects[r.target].start for s in r.subjects):
            r.distributive = r.distributive or r.target in each  # "... next to each chair holding a lamp": a lamp each
            r.target = holder


def place_table_not_seats(holders: dict[int, int], objects: list[Mention], rels: list[Rel]) -> None:
    """"a drop-leaf table with four chairs in the middle of the floor": a room place said after the seats a table is
    set with places the table (the chairs then sit around it), unless the table has a place of its own."""
    placed = {s for r in rels if r.arch is not None for s in r.subjects}
    for r in rels:
        if r.arch is None or r.kind not in ROOM_PLACES or len(r.subjects) != 1 or r.subjects[0] not in holders:
            continue
        seat, table = r.subjects[0], holders[r.subjects[0]]
        if table not in placed and seat_kind("with", objects[seat], objects[table]) == "around":
            r.subjects = [table]
            placed.add(table)


ROOM_PLACES = frozenset({"middle_of_room", "corner", "next_to_window", "next_to_door"})


def set_with_seats(objects: list[Mention], words: list[str]) -> dict[int, int]:
    """Seats named right after a table with "and" ("a breakfast table and two stools", "the table and chairs"): a
    dining set, read like "a table with two stools" (seat mention -> table mention)."""
    out: dict[int, int] = {}
    for i in range(1, len(objects)):
        table, seat = objects[i - 1], objects[i]
        if words[table.end:seat.start] == ["and"] and not seat.negated and not table.negated \
                and seat_kind("with", seat, table) == "around" \
                and "seat" in catalog.get(seat.category).roles:
            out[i] = i - 1  # a seat the catalog pulls up to tables (chairs, stools), not a sofa
    return out


def rather_on(rel: Rel, objects: list[Mention], holder: int) -> bool:
    """Whether the things of an 'on top' read from the nearest noun belong rather on the phrase's subject: the
    catalog stands them on the subject's kind and not on the nearest one ("nightstands flanking the bed with bedside
    lamps": lamps stand on nightstands, not on beds)."""
    target, subject = objects[rel.target].category, objects[holder].category
    for s in rel.subjects:
        if objects[s].kind != "object":
            return False
        on = catalog.get(objects[s].category).supported_by
        if not on or target in on or subject not in on:
            return False
    return True


PLACED_BESIDE_KINDS = frozenset({"in_front_of", "behind", "left_of", "right_of", "next_to", "near", "across_from"})
"""Relation kinds that put a thing beside another (not on, under or around it)."""


def with_on_subject(rel: Rel, objects: list[Mention], holder: int, kind: str | None, words: list[str]) -> bool:
    """Whether "X <beside> the Y with Z on it" puts Z on X: the things come with "with" right after Y, X was placed
    beside Y, X has a top or holds Z, and the catalog does not stand Z on Y's kind alone ("a trunk at the foot of the
    bed with books on it", "a bench at the foot of the bed with a blanket on it"; "a chair by the desk with a laptop
    on it" keeps the desk: a chair has no top and holds no laptop)."""
    target, held = objects[rel.target or 0], [objects[s] for s in rel.subjects]
    if kind not in PLACED_BESIDE_KINDS or target.end >= len(words) or words[target.end] != "with" \
            or objects[holder].end > target.start or any(h.kind != "object" for h in held):
        return False
    on = [catalog.get(h.category).supported_by for h in held]
    holds = has_top(objects[holder]) or all(objects[holder].category in o for o in on)  # a bench holds a blanket
    return holds and not any(o and target.category in o and objects[holder].category not in o for o in on)


def implied_holdings(holders: dict[int, int], objects: list[Mention], toks: list[tx.Token], rels: list[Rel]
                     ) -> list[Rel]:
    """"a desk with a lamp and a monitor": small things that stand on tops, held by an object with a top and given no
    relation of their own, stand on it; seats held by a table or desk sit at it ("a table with four chairs")."""
    def holder_of(i: int) -> int | None:  # "the monitor" names the held monitor mentioned before it
        if i in holders:
            return holders[i]
        same = [j for j in holders if j < i and objects[j].category == objects[i].category]
        return holders[same[-1]] if same else None

    beside_sibling = {s for r in rels if r.kind in SIBLING_KINDS and r.target is not None
                      and holder_of(r.target) is not None for s in r.subjects
                      if holder_of(s) == holder_of(r.target)}
    placed = {s for r in rels for s in r.subjects} - beside_sibling
    out: list[Rel] = []
    for idx, holder in holders.items():
        m, h = objects[idx], objects[holder]
        if idx in placed or m.kind != "object" or h.kind != "object" or m.negated:
            continue
        seated = seat_kind("with", m, h)
        if seated is not None:  # "a dining table with six chairs": the chairs go around it
            out.append(Rel(seated, [idx], target=holder, src=(toks[h.start].start, toks[m.end - 1].end),
                           distributive=m.held_each))
            continue
        entry = catalog.get(m.category)
        if entry.support != "object" or not (catalog.get(h.category).has_top or h.category in entry.supported_by):
            continue  # "a bench that holds pillows and a blanket": a throw may lie on a bench, which has no top
        out.append(Rel("on_top", [idx], target=holder, src=(toks[h.start].start, toks[m.end - 1].end),
                       distributive=m.held_each))
    return out


SIBLING_KINDS = frozenset({"next_to", "near", "in_front_of", "behind", "left_of", "right_of"})
"""Relations that leave a thing on the same host as its target: "a desk with a monitor, a keyboard in front of the
monitor" puts the keyboard on the desk too."""
HOLDER_VERBS = frozenset("sits sit stands stand is are goes go lies lie rests placed positioned located set".split())
"""Verbs whose subject, after 'X with Y ...', is X rather than Y."""
HOLDING_WORDS = frozenset({"with", "containing", "holding", "filled", "full", "stacked", "topped", "loaded", "holds",
                           "draped", "houses", "displays", "displaying", "storing", "housing", "hold", "contain"})
EACH_VERBS = frozenset({"holds", "has", "carries", "supports", "bears", "gets", "displays"})
"""Verbs after "each" that put what follows on every member of the group before ("each holds a lamp")."""
CONTAINMENT_WORDS = frozenset({"containing", "holding", "filled", "full", "stacked", "loaded", "displaying",
                               "storing", "housing"})
"""Holding words after which the held things have no place of their own: a relation that follows places the holder."""


def mounted_by_adjective(objects: list[Mention], words: list[str], toks: list[tx.Token], rels: list[Rel]
                         ) -> list[Rel]:
    """"a floating shelf", "a wall-mounted reading light": an object whose adjectives mount it, and that no phrase
    puts on a wall or ceiling, is mounted there."""
    placed = {s for r in rels if r.arch in ("wall", "ceiling") for s in r.subjects}
    out: list[Rel] = []
    for idx, m in enumerate(objects):
        if m.negated or m.kind == "room" or idx in placed:
            continue
        mount = next((tx.MOUNTING_ADJECTIVES[w] for w in words[m.start:m.end - 1] if w in tx.MOUNTING_ADJECTIVES),
                     None)
        if mount is not None and can_mount(m, mount[1]):
            out.append(Rel(mount[0], [idx], arch=mount[1], src=(toks[m.start].start, toks[m.end - 1].end)))
    return out


def hung_above(objects: list[Mention], rels: list[Rel], prompt: str) -> list[Rel]:
    """"a TV above the fireplace", "a clock over the sideboard": a thing that may hang on a wall, put above (not on) a
    floor object, hangs on the wall there; the 'on top' read from "above" stays, and plan physics turns it into
    'near' the floor object."""
    out: list[Rel] = []
    on_wall = {s for r in rels if r.arch == "wall" for s in r.subjects}
    for r in rels:
        if r.kind != "on_top" or r.target is None or len(r.subjects) != 1 or r.subjects[0] in on_wall:
            continue
        subject, target = objects[r.subjects[0]], objects[r.target]
        if subject.kind != "object" or target.kind != "object":
            continue
        entry = catalog.get(subject.category)
        said = set(prompt[r.src[0]:r.src[1]].lower().split())
        if entry.support == "object" and "wall_mountable" in entry.roles and said & ABOVE_WORDS \
                and catalog.get(target.category).support == "floor":
            out.append(Rel("on_wall", list(r.subjects), arch="wall", src=r.src))
    return out


ABOVE_WORDS = frozenset({"above", "over"})


def hung_by(objects: list[Mention], words: list[str], toks: list[tx.Token], rels: list[Rel]) -> list[Rel]:
    """"A calendar hangs by the door", "a print hanging beside the fridge": a wall thing said to hang hangs on the wall
    (beside whatever the phrase names), and "the chandelier once hung in ..." a ceiling thing from the ceiling, when no
    relation already puts it on the wall or the ceiling."""
    mounted = {s for r in rels if r.arch in ("wall", "ceiling") for s in r.subjects}
    starts = {o.start for o in objects}
    out: list[Rel] = []
    for idx, m in enumerate(objects):
        support = catalog.get(m.category).support if m.kind == "object" else ""
        if m.negated or idx in mounted or support not in ("wall", "ceiling"):
            continue
        k = m.end  # up to its verb: "a calendar from the local feed store hangs by the door"
        while k < min(len(words), m.end + 6) and k not in starts and words[k] not in (".", ";", ",", "and"):
            if words[k] in HANGING_VERBS:
                kind = "on_wall" if support == "wall" else "hang_from_ceiling"
                out.append(Rel(kind, [idx], arch=support, src=(toks[m.start].start, toks[k].end)))
                break
            k += 1
    return out


HANGING_VERBS = frozenset({"hangs", "hang", "hanging", "hung", "dangles", "dangling"})


def held_by_room_part(objects: list[Mention], words: list[str], toks: list[tx.Token], rels: list[Rel]) -> list[Rel]:
    """"The ceiling boasts a light and a fan", "the east wall holds two sconces": a wall or the ceiling as a clause's
    subject with a verb of having mounts the things listed after it (those the catalog hangs there), up to the
    sentence's end, when no relation already mounts them."""
    mounted = {s for r in rels if r.arch in ("wall", "ceiling") for s in r.subjects}
    out: list[Rel] = []
    for k, w in enumerate(words[:-1]):
        part = tx.ARCH_WORDS.get(w)
        if part not in ("wall", "ceiling") or not opens_clause(words, k) or not (verb_end := having_verb(words, k + 1)):
            continue
        end = next((j for j in range(verb_end, len(words)) if words[j] in SENTENCE_END), len(words))
        for idx, m in enumerate(objects):
            if not (verb_end <= m.start < end and m.kind == "object" and not m.negated and idx not in mounted):
                continue
            kind = "on_wall" if part == "wall" else "hang_from_ceiling"
            if not can_mount(m, part):  # "the walls are lined with bookshelves": they stand against them
                if part != "wall" or catalog.get(m.category).support != "floor":
                    continue
                kind = "against_wall"
            out.append(Rel(kind, [idx], arch=part, src=(toks[k].start, toks[m.end - 1].end)))
    return out


def having_verb(words: list[str], k: int) -> int:
    """The token after the verb of having at ``k`` that follows a wall or the ceiling as its subject ("boasts", "has",
    "feature", "are lined with", "were adorned with"); 0 when there is none."""
    if words[k] in ROOM_PART_HAVING:
        return k + 1
    j = k + 1 if words[k] in tx.COPULAS else k
    if j + 1 < len(words) and words[j] in WALL_DRESSING and words[j + 1] in ("with", "by", "in"):
        return j + 2
    return 0


WALL_DRESSING = frozenset({"adorned", "lined", "decorated", "covered", "hung", "filled", "dotted", "festooned",
                           "graced", "clad", "fitted", "dressed"})
"""Participles before "with" by which walls or a ceiling carry the things after them ("the walls are lined with
bookshelves", "walls adorned with colourful artwork")."""


ROOM_PART_HAVING = frozenset({"boasts", "has", "holds", "features", "sports", "carries", "bears", "displays",
                              "hosts", "boasted", "had", "held", "featured", "displayed", "feature", "have", "hold",
                              "display", "boast", "carry", "bear"})
"""Verbs by which a wall or the ceiling has the things after it ("the ceiling boasts a fan")."""


def opens_clause(words: list[str], k: int) -> bool:
    """Whether the room part at ``k`` is its clause's subject: "The ceiling ...", "the east wall ..." after a sentence
    end, a comma or "and", with only a determiner and wall adjectives between."""
    j = k - 1
    while j >= 0 and (words[j] in tx.WALL_ADJECTIVES or words[j] in tx.COMPASS or words[j] in ("the", "its", "this")):
        j -= 1
    return j < 0 or words[j] in SENTENCE_END or words[j] in (",", "and")


def cornered_by_adjective(objects: list[Mention], words: list[str], toks: list[tx.Token], rels: list[Rel]
                          ) -> list[Rel]:
    """"a compact corner shower", "a corner desk": "corner" just before an object's noun (and not part of a catalog
    name) puts it in a corner, and "center" or "central" among its adjectives in the middle, when no phrase places
    it ("a corner side table to the right of the sofa" is placed by the sofa)."""
    placed = {s for r in rels for s in r.subjects}
    out = []
    for idx, m in enumerate(objects):
        if m.negated or m.kind != "object" or idx in placed or m.head == 0:
            continue
        if words[m.head - 1] == "corner":
            out.append(Rel("corner", [idx], arch="room", src=(toks[m.head - 1].start, toks[m.end - 1].end)))
        elif any(w in CENTRE_ADJECTIVES for w in words[m.start:m.head]) and catalog.get(m.category).support == "floor":
            out.append(Rel("middle_of_room", [idx], arch="room", src=(toks[m.start].start, toks[m.end - 1].end)))
    return out


CENTRE_ADJECTIVES = frozenset({"center", "centre", "central", "centered", "centred", "centrally"})
"""Adjectives that put a floor object in the middle of the room ("a large center island", "a central table")."""


def can_mount(m: Mention, part: str) -> bool:
    """Whether the catalog lets ``m`` hang on ``part`` (a wall or the ceiling); a floor lamp called wall-mounted
    stays a floor lamp, which plan physics would stand against the wall."""
    if m.kind != "object":
        return True
    entry = catalog.get(m.category)
    return entry.support == part or (part == "wall" and "wall_mountable" in entry.roles)


def is_container(m: Mention) -> bool:
    """Whether the catalog keeps things in ``m`` (a basket, a box, a bin): its ``container`` record."""
    return m.kind == "object" and not m.negated and catalog.get(m.category).container is not None \
        and catalog.get(m.category).support != "wall"


DRESSING_WORDS = frozenset({"dressed", "draped", "made", "covered", "wrapped"})
"""Participles before "in" that lay what follows over the thing before them ("a bed dressed in a quilt")."""


def held_by(objects: list[Mention], words: list[str]) -> dict[int, int]:
    """Mention index -> the mention it is attached to by "with" / "filled with" / "containing" ("a bookshelf filled
    with books", "a desk with a lamp and a monitor")."""
    out: dict[int, int] = {}
    ends = {o.end: i for i, o in enumerate(objects)}
    for idx, m in enumerate(objects):
        j = m.start - 1
        if j >= 1 and words[j] not in HOLDING_WORDS and words[j - 1] in CONTAINMENT_WORDS and words[j].isalpha() \
                and words[j] not in tx.LIST_BOUNDARIES:
            j -= 1  # "containing rolled towels": an unknown adjective
        while j >= 2 and words[j] == "," and (tx.is_adjective(words[j - 1]) or only_an_adjective(words[j - 1])):
            j -= 2  # "filled with old, dusty books": describing words listed before the noun
        while j >= 0 and words[j] in ("a", "an", "the", "some", "its", "their", "own"):  # "each with its own chair"
            j -= 1
        if j >= 1 and words[j] == "plus" and words[j - 1] == ",":
            j -= 1  # "a desk with a monitor, plus a lamp"
        if j >= 1 and words[j] == "and" and words[j - 1] == "," and serial_list(objects, words, ends, out, j - 1):
            j -= 1  # "a desk with a keyboard, a lamp, and a mouse": the serial comma of a list of three or more
        if j >= 1 and words[j] == "of" and ends.get(j) is not None and is_container(objects[ends[j]]):
            out[idx] = ends[j]  # "a basket of blankets", "a bin of toys": what the container holds
            continue
        if j >= 2 and words[j] == "in" and words[j - 1] in DRESSING_WORDS and ends.get(j - 1) is not None:
            out[idx] = ends[j - 1]  # "an iron bed dressed in a vintage quilt"
            continue
        if j >= 0 and words[j] in (",", "and", "plus") and ends.get(j) in out:
            out[idx] = out[ends[j]]  # "with a lamp and a monitor": both held by the desk
            m.held_each = objects[ends[j]].held_each
            continue
        if j >= 0 and "plus" in words[j:j + 2]:  # "a desk with a monitor, a lamp beside it, plus a mug": the mug too
            held = [i for i in out if objects[i].end <= j
                    and not any(w in SENTENCE_END for w in words[objects[i].end:j])]
            if held:
                out[idx] = out[held[-1]]
                continue
        k = j
        while k >= 0 and words[k] in HOLDING_WORDS:
            k -= 1
        if k == j and k >= 1 and words[k] in EACH_VERBS and words[k - 1] == "each":
            k -= 1  # "two nightstands, and each holds a lamp"
        if k < j and k >= 0 and words[k] == "each":  # "two desks (in a row), each with a monitor": one on every desk
            group = each_owner(objects, words, k)
            if group is not None:
                out[idx] = group
                m.held_each = True
                continue
        if k < j and ends.get(k + 1, idx) != idx:
            out[idx] = plural_subject(objects, words, ends[k + 1], words[j])
            holder = objects[out[idx]]
            m.held_each = holder.start > 0 and words[holder.start - 1] in ("each", "every")  # "each bed with a lamp"
        elif k < j and words[j] == "with" and words[k] in tx.ARCH_WORDS:
            placed = placed_by_room_part(objects, words, k)
            if placed is not None and placed != idx:
                out[idx] = placed  # "a desk under the window with a chair": the desk has the chair
    return out


def serial_list(objects: list[Mention], words: list[str], ends: dict[int, int], out: dict[int, int],
                comma: int) -> bool:
    """Whether the comma at ``comma`` (before "and") closes a held list of three or more: the thing before it is
    held and was itself listed after a comma ("with a keyboard, a lamp, and ..."), not a clause joined by ", and"
    after one held thing ("a desk with a lamp, and a sofa stands by the window")."""
    prev = ends.get(comma)
    if prev is None or prev not in out:
        return False
    k = objects[prev].start - 1
    while k >= 0 and words[k] in ("a", "an", "the", "some"):
        k -= 1
    return k >= 0 and words[k] == ","


PLURAL_HOLDING_VERBS = frozenset({"hold", "contain"})
"""Holding verbs whose subject is plural: "shelves by the fireplace hold books" (the shelves, not the fireplace)."""


def plural_subject(objects: list[Mention], words: list[str], before: int, verb: str) -> int:
    """The subject of a holding verb: the mention ``before`` it, or for a plural verb after one thing, the last group
    named before it in the same clause."""
    if verb not in PLURAL_HOLDING_VERBS or is_group(objects[before]):
        return before
    groups = [i for i in range(before) if is_group(objects[i]) and not objects[i].negated
              and not any(w in SENTENCE_END or w == "," for w in words[objects[i].end:objects[before].start])]
    return groups[-1] if groups else before


def each_owner(objects: list[Mention], words: list[str], each: int) -> int | None:
    """The group that "each" at token ``each`` distributes over: the last group named before it in its sentence."""
    groups = [i for i, o in enumerate(objects) if o.end <= each and is_group(o) and not o.negated
              and not any(w in SENTENCE_END for w in words[o.end:each])]
    return groups[-1] if groups else None


def under_everything(subject: int, before: int, objects: list[Mention], src: tuple[int, int]) -> list[Rel]:
    """"a large rug under everything": the subject lies under each thing named before it that stands on the floor."""
    return [Rel("under", [subject], target=i, src=src) for i, o in enumerate(objects)
            if i != subject and not o.negated and o.kind == "object" and o.end <= before
            and catalog.get(o.category).support == "floor"]


def mounted_beside(objects: list[Mention], rels: list[Rel]) -> list[Rel]:
    """"Sconces on either side of the medicine chest", "a clock beside the mirror": wall things placed beside each
    other hang on the wall together, when no relation already mounts them."""
    mounted = {s for r in rels if r.arch in ("wall", "ceiling") for s in r.subjects}
    out: list[Rel] = []
    for r in rels:
        if r.kind != "next_to" or r.target is None:
            continue
        group = [*r.subjects, r.target]
        if all(objects[i].kind == "object" and catalog.get(objects[i].category).support == "wall" for i in group):
            for i in group:
                if i not in mounted:
                    mounted.add(i)
                    out.append(Rel("on_wall", [i], arch="wall", src=r.src))
    return out


def dressing_the_window(objects: list[Mention], words: list[str], toks: list[tx.Token], rels: list[Rel]
                        ) -> list[Rel]:
    """"Large windows draped with heavy curtains", "a window whose curtains have been thrown aside", "the window, hung
    with lace drapes": curtains or blinds that a window is said to wear hang at the window, when nothing else places
    them. So do curtains or blinds in a sentence that names a window ("the white muslin curtains were in keeping
    with the old-fashioned windows", "a tall window, a faded shade"): a window dressing hangs at a window, and the
    sentence has put one before the reader; curtains named in a sentence of their own stay unplaced."""
    placed = {s for r in rels for s in r.subjects}
    out: list[Rel] = []
    for idx, m in enumerate(objects):
        if m.negated or m.kind != "object" or idx in placed \
                or "window_dressing" not in catalog.get(m.category).roles:
            continue
        start = m.start
        for j in range(m.start - 1, max(m.start - 5, 0), -1):
            if words[j] in SENTENCE_END:
                break
            if words[j] in WINDOW_WEARING and any(words[i] in ("window", "windows") for i in range(max(j - 3, 0), j)):
                start = j
                break
        if start < m.start or "window" in sentence_words(words, m.start):
            out.append(Rel("next_to_window", [idx], arch="window", src=(toks[start].start, toks[m.end - 1].end)))
    return out


def sentence_words(words: list[str], k: int) -> set[str]:
    """The singular words of the sentence around token ``k``."""
    start, end = k, k
    while start > 0 and words[start - 1] not in SENTENCE_END:
        start -= 1
    while end < len(words) and words[end] not in SENTENCE_END:
        end += 1
    return {catalog.singular(w) for w in words[start:end]}


WINDOW_WEARING = frozenset({"draped", "dressed", "hung", "whose", "curtained", "framed", "covered", "fitted"})
"""Words after a window that give it the curtains or blinds that follow ("windows draped with curtains")."""


def all_on_cover(objects: list[Mention], words: list[str], toks: list[tx.Token]) -> list[Rel]:
    """"The whole shebang sits on top of a large rug", "everything rests on a jute mat": a phrase summing up the things
    named before it, said to be on a rug, puts the rug under each of them that stands on the floor."""
    out: list[Rel] = []
    for k in range(len(words)):
        said = tx.match_longest(words, k, tx.EVERYTHING)
        if said is None or (k > 0 and words[k - 1] not in SENTENCE_END and words[k - 1] not in (",", "and")):
            continue
        j = k + said[0]
        while j < len(words) and words[j] in tx.SUBJECT_FILLERS:
            j += 1
        rel = tx.match_longest(words, j, tx.REL_PHRASES)
        if rel is None or rel[1] != "on":
            continue
        after = j + rel[0]  # "on a large, 8x10 rug", "on a jute rug": the first thing named, a few words on
        cover = next((i for i, o in enumerate(objects) if after <= o.start and o.head <= after + 5
                      and not any(w in SENTENCE_END for w in words[after:o.head])), None)
        if cover is not None and is_floor_cover(objects[cover]):
            out += under_everything(cover, k, objects, (toks[k].start, toks[objects[cover].end - 1].end))
    return out


def kept_for(holder: int, held: int, objects: list[Mention], src: tuple[int, int]) -> Rel | None:
    """"an armoire for the TV", "a basket for blankets": a container named for something small keeps it (on it, the
    scene model's one support relation); "a desk for the kids" or "a chair for the desk" say nothing about place."""
    h, m = objects[holder], objects[held]
    if h.kind != "object" or m.kind == "room" or (m.kind == "object" and catalog.get(m.category).support != "object"):
        return None
    top = catalog.get(h.category)
    high = m.kind == "object" and top.size_typical[2] + catalog.get(m.category).size_typical[2] > ROOM_HEIGHT - 0.3
    if not top.has_top or high:
        return None  # kept inside (a wardrobe, a basket): the scene model has no "inside", and on top it cannot go
    m.is_target = False
    return Rel("on_top", [held], target=holder, src=src)


def held_in_look_aside(objects: list[Mention], words: list[str], toks: list[tx.Token], rels: list[Rel]) -> list[Rel]:
    """"The bed, dressed in grey linens with a wool throw, stands against the wall", "a sofa, covered in cushions,
    ...": things named in an aside on how a thing looks (``verbs.LOOK_PARTICIPLES``) lie on it, when the catalog
    stands them on its kind (or it has a top and they are small things the catalog names no top for, or unknown
    things), and no relation places them already."""
    placed = {s for r in rels for s in r.subjects}
    starts = {o.start: i for i, o in enumerate(objects)}
    out: list[Rel] = []
    for idx, m in enumerate(objects):
        if m.negated or m.kind != "object" or m.end + 1 >= len(words) or words[m.end] != "," \
                or words[m.end + 1] not in LOOK_PARTICIPLES:
            continue
        end = next((i for i in range(m.end + 2, min(len(words), m.end + 2 + LOOK_ASIDE_WORDS))
                    if words[i] == "," or words[i] in SENTENCE_END), None)
        if end is None or words[end] != ",":
            continue
        for i in (starts[j] for j in range(m.end + 2, end) if j in starts):
            o = objects[i]
            if o.negated or i in placed or o.kind not in ("object", "generic"):
                continue
            on = catalog.get(o.category).supported_by if o.kind == "object" else ()
            small = o.kind == "generic" or (catalog.get(o.category).support == "object" and not on)
            if m.category in on or (has_top(m) and small):  # "the desk, cluttered with papers, ..."
                out.append(Rel("on_top", [i], target=idx, src=(toks[m.start].start, toks[o.end - 1].end)))
    return out
