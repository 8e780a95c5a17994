"""A thing's kind read from where it stands and what it is for: a plain "table" set beside a bed is a bedside table,
one beside a sofa an end table, as the catalog pairs them; "desks" in a classroom are the students'; clothes named as
what drawers are for are out of sight, no thing to place."""

from __future__ import annotations

from scenegen import catalog
from scenegen.plan.lexicon import parts_of_speech
from scenegen.plan.rules.holdings import is_seat
from scenegen.plan.rules.records import Mention, Rel

PLAIN_TABLE = (["table"], ["tables"])
"""A noun that names a kind only loosely: the catalog's default (a dining table) unless where it stands says more."""


def kind_by_place(objects: list[Mention], words: list[str], rels: list[Rel]) -> None:
    """"Small wooden tables sat next to each bed", "a table between the beds", "a little table beside the couch": a
    plain table said to stand beside a thing is the catalog's table kind paired beside that thing (a nightstand by a
    bed, a side table by a sofa), the one that names the thing first among its companions. A table between two long
    seats (sofas) keeps its kind: it stands in front of them; one between two armchairs stands beside them."""
    for r in rels:
        if r.kind != "next_to" or r.target is None or objects[r.target].kind != "object" \
                or (r.all_targets and is_long_seat(objects[r.target].category)):
            continue  # a table between two sofas stands in front of both, not beside one
        beside = objects[r.target].category
        for s in r.subjects:
            m = objects[s]
            if m.kind != "object" or words[m.head:m.end] not in PLAIN_TABLE:
                continue
            paired = [(pairs.index((beside, "next_to")), name) for name in catalog.names()
                      if (beside, "next_to") in (pairs := catalog.companions(name))
                      and any("table" in syn.split() for syn in catalog.get(name).synonyms)]
            if paired:
                retype(objects, words, s, min(paired)[1])


def is_long_seat(category: str) -> bool:
    """Whether ``category`` is a seat for several people side by side (a sofa or a bench, not an armchair)."""
    return is_seat(category) and catalog.get(category).size_typical[0] >= LONG_SEAT_WIDTH


LONG_SEAT_WIDTH = 1.2
"""Metres of typical width from which a seat seats several side by side (a loveseat is 1.45, an armchair 0.85)."""


def retype(objects: list[Mention], words: list[str], idx: int, category: str) -> None:
    """Give mention ``idx`` the kind ``category``, and so the later plain mentions that name it again ("the table")."""
    old = objects[idx].category
    objects[idx].category = category
    for m in objects[idx + 1:]:
        if m.category == old and words[m.head:m.end] in PLAIN_TABLE and m.head > 0 \
                and words[m.head - 1] in ("the", "this", "that"):
            m.category = category


ROOM_KINDS: dict[tuple[str, str], tuple[str, str]] = {("classroom", "desk"): ("school_desk", "teachers_desk")}
"""(room, plain category) -> (the kind the room has many of, the kind its speaker owns): in a classroom "desks" are
the students' desks and "my desk" is the teacher's."""
OWNERS = frozenset({"my", "our"})
ROOM_PEOPLE: dict[str, frozenset[str]] = {"classroom": frozenset({"student", "students", "pupil", "pupils"})}
"""room -> the people a room is named by when the prompt does not name it ("the students sit at their desks"): the
room ``ROOM_KINDS`` reads the plain nouns in."""
THEIRS = frozenset({"their", "his", "her"})
"""Possessives that give a thing to the room's people ("the students ... at their desks"): the room's kind for many."""


def kind_by_room(objects: list[Mention], rooms: list[Mention], words: list[str]) -> None:
    """"My classroom ... the desks are in groups of four", "I like that my desk is out of the way": in a room the
    prompt names, a plain noun the room has many kinds of takes the room's kind for many when it is plural and the
    speaker's own kind after "my" (``ROOM_KINDS``)."""
    room = next((r.category for r in rooms if r.category != "room"), None) or room_of_people(words)
    for m in objects:
        kinds = ROOM_KINDS.get((room or "", m.category))
        if kinds is None or m.kind != "object" or m.head + 1 != m.end or (m.head and words[m.head - 1] == "teacher"):
            continue
        if m.head > 0 and words[m.head - 1] in OWNERS:
            m.category = kinds[1]
        elif words[m.head].endswith("s") or (m.head > 0 and words[m.head - 1] in THEIRS):
            m.category = kinds[0]


def room_of_people(words: list[str]) -> str | None:
    """The room a prompt that names no room speaks of by its people (``ROOM_PEOPLE``): "I arranged 16 desks so the
    students can work in groups" is a classroom. None when no such word is there."""
    said = set(words)
    return next((room for room, people in ROOM_PEOPLE.items() if said & people), None)


STORAGE_WORDS = frozenset({"storage", "drawers", "drawer", "closet", "closets", "space", "room"})
"""Words for storage that is no placed thing: what they are "for" is kept out of sight."""
USE_WORDS = frozenset({"hanging", "storing", "keeping", "all", "the", "your", "our", "their", "his", "her", "each"})
"""Words between "for" and the thing kept ("for hanging clothes", "for each occupant's clothing")."""


def named_as_a_use(words: list[str], i: int, category: str) -> bool:
    """"A highboy provides ample storage for clothes", "drawers for clothes", "no wardrobe for hanging clothes",
    "closets for each occupant's clothing": a thing that closed furniture keeps inside (the catalog's containers),
    named only as what storage is for, is out of sight: no thing to place. "A basket for blankets" keeps its
    blankets: an open basket shows them."""
    if not any(c.container and not c.container.open and category in c.container.holds
               for c in catalog.CATALOG.values()):
        return False
    j = i - 1
    while j > 0 and (words[j] in USE_WORDS or words[j].endswith("'s") or "ADJ" in parts_of_speech(words[j])):
        j -= 1
    if j < 1 or words[j] != "for":
        return False
    holder = catalog.resolve(words[j - 1])
    return words[j - 1] in STORAGE_WORDS or (holder is not None and holder.container is not None
                                             and not holder.container.open)
