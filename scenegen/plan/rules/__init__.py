"""The deterministic rules planner: reads a room description with word lists and the catalog's synonyms.

How a prompt is read (each step a small function below):

1. Room dimensions ("5x4 m", "5 by 4 metres", "4m x 3m", "12 x 10 ft", "20 m2") are cut out first.
2. The prompt is tokenized; catalog nouns are found by scanning windows of up to ``catalog.MAX_SYNONYM_WORDS`` words,
   longest first ("bedside table" before "table"); room phrases ("living room") win ties.
3. Each noun looks back over adjectives (colour, material, style, size, descriptive words) to a count ("two", "3",
   "a pair of", "several", "the" ...) and a negation ("no tv", "without a desk").
4. Noun phrases in the object list that the catalog does not know become generic objects, with a note.
5. After each object comes an optional relation phrase ("on", "next to", "by the window", "around", "on each" ...) and
   its target: another object, a part of the room (wall, window, door, corner, middle, ceiling) or a pronoun
   ("it", "each", "them", "each other"). Sentence-initial relations ("Next to the bed is a lamp") are read too.
   Pronouns and left-out targets are resolved in ``rules/anchors.py`` ("..., with a lamp behind it" names the
   clause's subject, "between them" a plural group or the two things before, "a sofa opposite" the last thing not
   placed by another); a sentence opening with "it" continues the previous sentence's subject. A list shares the
   relation after it when its items are small things on a top, seats around a table or the subject of a plural verb.
   What one object holds, seats at a table, "its" companions and mounting words are read in ``rules/holdings.py``.
6. "the X" and relation targets refer to an X already mentioned when there is one ("the chair" may name an
   armchair); otherwise they add one.
7. Counts are settled ("a lamp on each" -> one per member), ids are given in prompt order, and relations are
   expanded per member.
8. The room: type from words or voted from the objects' catalog ``rooms``; size from dimensions, or from the summed
   footprint of the floor objects scaled by size words; one door on the south wall, windows on the north (then east,
   west) walls.

Nothing here is random: the same prompt gives the same plan for any seed.
"""

from __future__ import annotations

from scenegen import catalog
from scenegen.plan import PLANNERS, PlanError
from scenegen.plan import text as tx
from scenegen.plan.brief import program_base, read_brief
from scenegen.plan.rules.counts import expand_relations, make_objects, resolve_references, settle_counts
from scenegen.plan.rules.holdings import held_by
from scenegen.plan.rules.kinds import kind_by_place, kind_by_room
from scenegen.plan.rules.mentions import (find_generics, find_mentions, narrow_by_room, read_count_and_adjectives,
                                          token_owner_map)
from scenegen.plan.rules.records import (ARRANGED_IN, COMMON, EXAMPLE, L_CUT, L_SHAPED, ROOM_HEIGHT, SENTENCE_END,
                                         Mention)
from scenegen.plan.rules.relations import find_relations
from scenegen.plan.rules.seating import implied_seats, seat_relations, seats_at_their_table
from scenegen.plan.rules.room import (extract_dimensions, guess_room_type, l_shaped_room, place_openings, room_size,
                                      window_count)
from scenegen.scene import LayoutPlan, Room


@PLANNERS.register("rules")
def plan_rules(prompt: str, seed: int = 0) -> LayoutPlan:
    """Read ``prompt`` into a ``LayoutPlan`` with word rules and the catalog (deterministic; ``seed`` is unused)."""
    del seed  # nothing is randomised
    if not isinstance(prompt, str) or not prompt.strip():
        raise PlanError(f"the prompt is empty: describe a room, e.g. {EXAMPLE}")
    cleaned, dims, area = extract_dimensions(prompt)
    cleaned = ARRANGED_IN.sub(lambda m: " " * len(m.group(0)), cleaned)  # blanked: character offsets stay valid
    toks = tx.tokenize(cleaned)
    words = [t.text for t in toks]
    notes: list[str] = []

    rooms, objects = find_mentions(toks)
    for m in objects:
        read_count_and_adjectives(m, toks)
    narrow_by_room(objects, rooms, words)
    kind_by_room(objects, rooms, words)
    objects += find_generics(toks, rooms, objects, notes)
    seats, seated_at = implied_seats(words, objects)
    objects += seats
    objects.sort(key=lambda m: m.head)
    link_aliases(objects, words)
    wanted = [m for m in objects if not m.negated]
    brief = read_brief(prompt)
    room_named = brief.program is not None or brief.fallback is not None or any(r.category != "room" for r in rooms)
    if not any(m.kind == "object" for m in wanted) and not (rooms and wanted) and not room_named:
        raise PlanError(no_furniture_message(prompt, objects))

    span_of = token_owner_map(objects)
    rels = find_relations(toks, objects, span_of, rooms, notes, prompt)
    rels += seat_relations(objects, seated_at, toks)
    kind_by_place(objects, words, rels)
    rels += seats_at_their_table(objects, toks, rels)
    resolve_references(objects, rels, words)
    settle_counts(objects, rels, prompt, toks, notes)
    planned, members = make_objects(objects, notes)
    relations = expand_relations(rels, objects, members, prompt)

    room_type = guess_room_type(rooms, objects)
    if brief.program is None and room_type == "room" and brief.fallback:
        brief.program = brief.fallback  # "a room for a student": most likely their bedroom
    if brief.program is not None and (brief.persona or room_type in ("room", brief.program)):
        room_type = program_base(brief.program)  # "a teenager's room with a desk" is a bedroom, not an office
    width, depth = room_size(dims, area, room_type, rooms, objects, toks)
    if L_SHAPED.search(prompt.lower()):
        room = l_shaped_room(width, depth, room_type, window_count(words, notes), given=dims is not None)
        notes.append(f"an L-shaped room: the {room.bounds[1][0]:.1f}×{room.bounds[1][1]:.1f} m rectangle with its "
                     f"north-east corner cut away ({L_CUT:.0%} of each side)")
    else:
        openings = place_openings(width, depth, window_count(words, notes))
        room = Room.rectangle(width, depth, height=ROOM_HEIGHT, type=room_type, openings=openings)
    excluded = sorted({m.category for m in objects if m.negated and m.kind == "object"})
    return LayoutPlan(prompt=prompt, room=room, objects=planned, relations=relations, notes=notes, planner="rules",
                      program=brief.program or (room_type if room_type != "room" else None), style=brief.style,
                      themes=brief.themes, excluded=excluded, only=brief.only)


def link_aliases(objects: list[Mention], words: list[str]) -> None:
    """Mentions that name no thing of their own: what a taken-back thing holds ("rather than the counter with two
    sinks"), the rest of a negated "or" list ("no hutch or buffet"), the second of two alternatives ("a sofa or a
    loveseat") and a part named like its whole ("a bed w/ mattress")."""
    for held, holder in held_by(objects, words).items():
        replaced = objects[holder].start > 0 and words[objects[holder].start - 1] in tx.REPLACING
        objects[held].negated |= objects[holder].negated and not replaced  # "replace the sofa with a sectional"
        if objects[held].category == objects[holder].category and objects[held].kind == "object":
            objects[held].alias_of = holder
    for idx in range(1, len(objects)):
        before, after = objects[idx - 1], objects[idx]
        if words[before.end:after.start] in (["or"], ["nor"], [",", "or"]):
            after.negated |= before.negated
            if not before.negated:
                after.alias_of = idx - 1
    for idx, m in enumerate(objects):
        named = role_of(objects, words, idx)
        if named is not None and m.alias_of is None:
            m.alias_of = named


def role_of(objects: list[Mention], words: list[str], idx: int) -> int | None:
    """The thing mention ``idx`` gives a role to, when the mention names a use and no second thing: "a dresser to be
    used as a changing table", "have it do double duty as a changing table", "a futon, which can become a couch": the
    nearest thing named before it in its sentence. None otherwise."""
    start = objects[idx].start
    if start < 2 or objects[idx].negated:
        return None
    if words[start - 1] == "as":
        verbs = tx.ROLE_VERBS
        look = range(start - 2, max(start - 8, -1), -1)
    elif words[start - 1] in tx.BECOMING_VERBS:
        verbs = tx.BECOMING_VERBS
        look = range(start - 1, start - 2, -1)
    else:
        return None
    if not any(words[k] in verbs for k in look if not any(w in SENTENCE_END for w in words[k:start])):
        return None
    before = [j for j in range(idx) if objects[j].end <= start and objects[j].kind != "room" and not objects[j].negated
              and not any(w in SENTENCE_END for w in words[objects[j].end:start])]
    return before[-1] if before else None


def no_furniture_message(prompt: str, objects: list[Mention]) -> str:
    shown = " ".join(prompt.split())
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    known = ", ".join(n for n in COMMON if n in catalog.CATALOG) or ", ".join(catalog.names()[:10])
    unknown = sorted({m.head_text for m in objects if m.kind == "generic"})
    extra = f" ({', '.join(repr(u) for u in unknown)} not in the catalog)" if unknown else ""
    return (f"found no furniture in the prompt {shown!r}{extra}; name some objects, e.g. {EXAMPLE}; "
            f"known objects include {known}, ... ({len(catalog.CATALOG)} in all)")


# --------------------------------------------------------------------------------------------------------------------
