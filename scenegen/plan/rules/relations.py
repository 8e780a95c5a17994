"""Finding relations: the phrase after an object, its target (an object, the room or a pronoun)."""

from __future__ import annotations

from dataclasses import dataclass, field

from scenegen import catalog
from scenegen.plan import text as tx
from scenegen.plan.rules.anchors import (bare_second, clause_subject, is_floor_cover, is_group, parts_named,
                                        pronoun_anchor)
from scenegen.plan.rules.holdings import (CONTAINMENT_WORDS, DRESSING_WORDS, HOLDER_VERBS, all_on_cover, can_mount,
                                          cornered_by_adjective, dressing_the_window, has_top, held_by,
                                          held_by_room_part, held_in_look_aside, hung_above, hung_by, implied_holdings,
                                          is_seat, is_table, kept_for, mounted_beside, mounted_by_adjective,
                                          place_table_not_seats,
                                          possessive_companions, retarget_to_holder, seat_kind, set_with_seats,
                                          under_everything)
from scenegen.plan.rules.discourse import pronoun_subjects
from scenegen.plan.rules.places import skip_words, wall_of_middle, window_above
from scenegen.plan.rules.records import Mention, Rel, SENTENCE_END, SUBJECT_INTRO, Target
from scenegen.plan.rules.seating import counted_per_side, sits_at
from scenegen.plan.rules.unreal import drop_unreal
from scenegen.plan.rules.verbs import (PLURAL_VERBS, SINGULAR_RELATION_VERBS, is_participle, opening_at, past_adverbs,
                                       past_aside, past_detail, past_intro, past_verb)


def find_relations(toks: list[tx.Token], objects: list[Mention], span_of: dict[int, int], rooms: list[Mention],
                    notes: list[str], prompt: str) -> list[Rel]:
    """Relations between mention groups, in prompt order."""
    words = [t.text for t in toks]
    room_tokens = {t for r in rooms for t in range(r.start, r.end)}
    rels: list[Rel] = []
    related: set[int] = set()
    for start in (p for s in clause_starts(toks) for p in fronted_places(toks, words, s, span_of, room_tokens)):
        rel = leading_relation(toks, words, start, objects, span_of, room_tokens, notes, prompt)
        if rel is not None:
            rels.append(rel)
            related.update(rel.subjects)
    leading = len(rels)
    holders = held_by(objects, words)
    ctx = Reading(toks, words, objects, span_of, room_tokens, notes, prompt, related, holders)
    for idx, m in enumerate(objects):
        if not m.negated:
            rels += subject_relations(idx, ctx)
    for start, idx in pronoun_subjects(objects, words):
        rels += subject_relations(idx, ctx, start)
    seated = {**set_with_seats(objects, words), **holders}
    place_table_not_seats(seated, objects, rels)
    rels += implied_holdings(seated, objects, toks, rels)
    rels += possessive_companions(objects, words, toks)
    rels += mounted_by_adjective(objects, words, toks, rels)
    rels += cornered_by_adjective(objects, words, toks, rels)
    rels += hung_above(objects, rels, prompt)
    rels += hung_by(objects, words, toks, rels)
    rels += held_by_room_part(objects, words, toks, rels)
    rels += held_in_look_aside(objects, words, toks, rels)
    rels += all_on_cover(objects, words, toks)
    rels += mounted_beside(objects, rels)
    rels += dressing_the_window(objects, words, toks, rels)
    rels += window_above(objects, words, span_of, rels, [(t.start, t.end) for t in toks])
    retarget_to_holder(rels, objects, words)
    rels = drop_unreal(rels, prompt)
    if leading:
        rels.sort(key=lambda r: r.src[0])
    return rels


@dataclass
class Reading:
    """What the relation finder reads a prompt with: its tokens, mentions and what has been read so far."""

    toks: list[tx.Token]
    words: list[str]
    objects: list[Mention]
    span_of: dict[int, int]
    room_tokens: set[int]
    notes: list[str]
    prompt: str
    related: set[int]
    holders: dict[int, int]
    passed: set[int] = field(default_factory=set)
    """mentions whose following relation phrases an earlier subject has read ("an armchair on a rug by the window")"""


def subject_relations(idx: int, ctx: Reading, start: int | None = None) -> list[Rel]:
    """The relation phrases after mention ``idx`` (or after token ``start``, where a pronoun stands for it): "a desk
    by the window facing the door", "a table in the middle of the room, in front of the sofa and facing it"."""
    words, objects, toks = ctx.words, ctx.objects, ctx.toks
    rels: list[Rel] = []
    if idx in ctx.passed and start is None:
        return rels
    k = first_relation_token(idx, ctx, objects[idx].end if start is None else start)
    dangling = False  # the last relation phrase named nothing read ("on industrial casters")
    for _ in range(4):  # a subject may carry a few relations
        verb_at = k
        k = skip_words(words, k, tx.SUBJECT_FILLERS, stop_at_relation=True)
        k = skip_words(words, past_adverbs(words, k, ctx.span_of), tx.SUBJECT_FILLERS, stop_at_relation=True)
        matched = tx.match_longest(words, k, tx.REL_PHRASES)
        if matched is None and (words[k:k + 1] in (["with"], ["of"]) or dangling or words[k - 1] in ("that", "which")
                                or tx.match_longest(words, k, tx.LIKENESS_PHRASES) or is_participle(words, k)):
            k = past_detail(words, k, ctx.span_of)  # "a bed with carved posts in the middle of the room"
            matched = tx.match_longest(words, k, tx.REL_PHRASES)
        if matched is None and (after := past_verb(words, k, ctx.span_of, objects[idx].plural)) is not None:
            k = after  # "candles flicker gently along the table": any verb, then where
            matched = tx.match_longest(words, k, tx.REL_PHRASES)
        if matched is None:
            break
        length, key = matched
        if key in ("sidebyside", "backtoback"):  # "a washer and a dryer side by side": no target follows
            target = Target("pronoun", k + length, pronoun="reciprocal")
        else:
            target = parse_target(toks, words, k + length, ctx.span_of, ctx.room_tokens)
            if target.kind == "none" and key in tx.BARE_RELATION_KEYS and clause_ends(words, target.end) \
                    and target.end == k + length:  # "under the screen" names a thing unread, not "it"
                target = Target("pronoun", target.end, pronoun="bare")  # "a sofa bed underneath": under it
        subject = idx
        if idx in ctx.holders and (any(w in HOLDER_VERBS for w in words[verb_at:k]) or contained(idx, ctx, verb_at)
                                   or (target.kind == "arch" and is_small(objects[idx]))
                                   or (words[k] in SINGULAR_RELATION_VERBS and is_group(objects[idx]))):
            subject = ctx.holders[idx]  # "a dresser with a mirror above it sits against the wall": the dresser sits;
            # "a bookcase with books against the wall": small things held have no place in the room of their own
        if key == "undereverything":  # "a large rug under everything"
            span = (toks[objects[subject].start].start, toks[k + length - 1].end)
            rels += under_everything(subject, k, objects, span)
            break
        rel = make_rel(key, subject, target, toks, k, k + length, objects, words, ctx.related, ctx.notes, ctx.prompt)
        if rel is not None and key == "under" and target.kind == "object" \
                and is_wall_thing(objects[target.mention or 0]):
            rels.append(Rel("on_wall", [target.mention or 0], arch="wall", src=rel.src))  # "a sink under a mirror"
        if rel is not None and rel.subjects == [idx] and not rel.reciprocal:
            rel.subjects = [*shared_subjects(idx, rel, words[objects[idx].end:k], ctx), idx]
        if rel is not None:
            rels.append(rel)
            ctx.related.update(rel.subjects)
            for s in rel.subjects if rel.target is not None else ():
                objects[s].anchored = True
        if target.kind == "pronoun" and key == "between" and rel is not None and rel.target is not None:
            rels += between_them(subject, rel, objects)
        if target.kind == "object" and key == "between" and rel is not None:
            second = between_second(toks, words, target.end, ctx.span_of, ctx.room_tokens)
            if second is not None:
                objects[second].is_target = True
                rel.src = (rel.src[0], toks[objects[second].end - 1].end)
                rels.append(Rel("next_to", [idx], target=second, src=rel.src))
        dangling = target.kind == "none" and rel is None
        also, k = second_target(key, subject, target, ctx, verb_at)
        rels += also
        if target.kind == "object":
            agrees = k < len(words) and words[k] in PLURAL_VERBS and is_group(objects[subject]) \
                and not is_group(objects[target.mention or 0])  # "shelves by the fireplace hold books"
            if key != "for" and not agrees and not continues_subject(words, k, objects[target.mention or 0]):
                break  # what follows belongs to the target: "a tv on a tv stand against the wall"
            ctx.passed.add(target.mention or 0)
        if k < len(words) and words[k] == "and" and tx.match_longest(words, k + 1, tx.REL_PHRASES):
            k += 1
        elif k < len(words) and words[k] == "," and tx.match_longest(words, k + 1, tx.REL_PHRASES) \
                and tx.match_longest(words, k + 1, tx.REL_PHRASES)[1] in tx.CONTINUED_RELATION_KEYS:
            k += 1
    return rels


def second_target(key: str, subject: int, target: Target, ctx: Reading, verb_at: int) -> tuple[list[Rel], int]:
    """The same relation to a second target joined by "and" ("close to the window and the door", "on the chairs and
    sofa", "between the window and the tub": a room part and an object), and the token after what was read."""
    words, objects, toks, k = ctx.words, ctx.objects, ctx.toks, target.end
    if target.kind in ("arch", "object") and k + 1 < len(words) and words[k] == "and":
        second = parse_target(toks, words, k + 1, ctx.span_of, ctx.room_tokens)
        if (target.kind, second.kind) == ("arch", "arch") or (key == "between" and {target.kind, second.kind} == {
                "arch", "object"}):
            also = make_rel(key, subject, second, toks, k, k + 1, objects, words, ctx.related, ctx.notes, ctx.prompt)
            return ([also] if also is not None else []), second.end
    if target.kind == "object" and key != "between" and (nxt := bare_second(objects, words, k)) is not None:
        also = make_rel(key, subject, Target("object", objects[nxt].end, mention=nxt), toks, verb_at, k, objects,
                        words, ctx.related, ctx.notes, ctx.prompt)
        return ([also] if also is not None else []), objects[nxt].end
    return [], k


def first_relation_token(idx: int, ctx: Reading, k: int) -> int:
    """Where the relation phrases of mention ``idx`` may start, from token ``k`` just after it: past a parenthesis
    with no object in it, and past a comma before a relative clause or after a held list."""
    words = ctx.words
    if k < len(words) and words[k] == "(" and ")" in words[k:k + 6] \
            and not any(t in ctx.span_of for t in range(k, words.index(")", k))):
        k = words.index(")", k) + 1  # "bed (queen) centred on the north wall"; "(a painting)" renames instead
    k = past_aside(words, k, ctx.span_of)  # "a coffee table, cluttered yet comforting, held a mug"
    comma_rel = k + 1 < len(words) and words[k] == "," and tx.match_longest(words, k + 1, tx.REL_PHRASES)
    if k + 1 < len(words) and words[k] == "," and words[k + 1] in tx.RELATIVE_PRONOUNS:
        k += 1  # "beside the armchair, which is next to the window": the clause describes the armchair
    elif comma_rel and idx in ctx.holders and words[ctx.objects[ctx.holders[idx]].end] in CONTAINMENT_WORDS:
        k += 1  # "a bookcase holding books and a vase, next to the sofa": the comma closes the held list
    return k


def shared_subjects(idx: int, rel: Rel, between: list[str], ctx: Reading) -> list[int]:
    """Earlier items of the list that ends at mention ``idx`` which share its relation: "a lamp and a vase on the
    table" (small things on a top), "a sofa and two armchairs around the coffee table" (seats around a table), "a
    mirror and a print hang on the wall" (things the catalog mounts there), "the sofa and the armchair are arranged
    around ..." (a plural verb). Otherwise ("a sofa, two armchairs and a coffee table in the middle") the relation
    is the last item's alone."""
    items: list[int] = []
    j = ctx.objects[idx].start - 1
    ends = {o.end: i for i, o in enumerate(ctx.objects)}
    while j >= 0 and ctx.words[j] in (",", "and") and ends.get(j) is not None:
        prev = ends[j]
        m = ctx.objects[prev]
        if m.negated or m.kind == "room" or prev in ctx.related or prev in ctx.holders or m.is_target:
            break
        items.insert(0, prev)
        j = m.start - 1
    if not items or (j >= 0 and ctx.words[j] not in SENTENCE_END and ctx.words[j] not in ("with", ":", "of")
                     and j in {t for o in ctx.objects for t in range(o.start, o.end)}):
        return []
    if any(w in PLURAL_VERBS for w in between):
        return items

    def fits(i: int) -> bool:
        o = ctx.objects[i]
        if o.kind != "object":
            return False
        if rel.kind in ("on_wall", "hang_from_ceiling"):  # "a mirror and two prints hang on the wall"
            return can_mount(o, rel.arch or "")
        return catalog.get(o.category).support == "object" if rel.kind == "on_top" else (
            rel.kind == "around" and is_seat(o.category))

    if not fits(idx):
        return []
    run: list[int] = []  # "a bed, a lamp and a book on the nightstand": the small things at the list's end
    for i in reversed(items):
        if not fits(i):
            break
        run.insert(0, i)
    return run


def between_them(subject: int, rel: Rel, objects: list[Mention]) -> list[Rel]:
    """"The sofa faces the fireplace, and a table sits between them": a pronoun that names one thing (not a group)
    after "between" names it and the thing named before it; the subject stands next to both."""
    anchor = rel.target
    if anchor is None or is_group(objects[anchor]):
        return []
    other = [i for i in range(anchor) if i != subject and not objects[i].negated and objects[i].kind != "room"]
    return [Rel("next_to", [subject], target=other[-1], src=rel.src)] if other else []


def contained(idx: int, ctx: Reading, at: int) -> bool:
    """Whether mention ``idx`` is held by a containment word right before it ("a basket containing towels"), so that
    the relation after it (at token ``at``) places the container ("... next to the bathtub"); a later list item
    ("filled with books and a sofa paired with ...") is not, unless a comma closes the held list before the relation
    ("a bookcase holding books and a vase, next to the sofa")."""
    holder_end = ctx.objects[ctx.holders[idx]].end
    between = ctx.words[holder_end:ctx.objects[idx].start]
    if any(w in CONTAINMENT_WORDS for w in between) and not any(w in ("and", ",") for w in between):
        return True
    return at > 0 and ctx.words[at - 1] == "," and ctx.words[holder_end] in CONTAINMENT_WORDS


def continues_subject(words: list[str], k: int, target: Mention) -> bool:
    """Whether the relation phrase at ``k``, after an object target, still describes the subject: after a rug ("an
    armchair on a rug by the window"), or one whose own target is a pronoun ("in front of the sofa and facing it")."""
    if is_floor_cover(target):
        return True
    j = k + 1 if k < len(words) and words[k] in ("and", ",") else k
    matched = tx.match_longest(words, j, tx.REL_PHRASES)
    if matched is None:
        return False
    after = skip_words(words, j + matched[0], frozenset({"the", "a"}))
    pron = tx.match_longest(words, after, tx.PRONOUNS)
    return pron is not None and pron[1] == "it" and clause_ends(words, after + pron[0])


def between_second(toks: list[tx.Token], words: list[str], k: int, span_of: dict[int, int],
                    room_tokens: set[int]) -> int | None:
    """The second object of "between the bed and the desk" (the mention after "and"), or None."""
    if k < len(words) and words[k] == "and":
        target = parse_target(toks, words, k + 1, span_of, room_tokens)
        if target.kind == "object":
            return target.mention
    return None


def clause_ends(words: list[str], k: int) -> bool:
    """Whether the clause ends at token ``k`` (the prompt's end, punctuation or a new list item)."""
    return k >= len(words) or words[k] in SENTENCE_END or words[k] in (",", "and", "with", "while", "but")


def clause_starts(toks: list[tx.Token]) -> list[int]:
    """Where a clause may open with its relation: the prompt's start, after a sentence end and after ", and" ("...,
    and in front of it sits a low table")."""
    return [0] + [i + 1 for i, t in enumerate(toks) if i + 1 < len(toks) and (
        t.text in SENTENCE_END or (t.text == "and" and i > 0 and toks[i - 1].text == ","))]


def leading_relation(toks: list[tx.Token], words: list[str], start: int, objects: list[Mention],
                      span_of: dict[int, int], room_tokens: set[int], notes: list[str], prompt: str) -> Rel | None:
    """A relation that opens a sentence before its subject: "Next to the bed is a nightstand", "In the corner, a
    plant", "Pushed up against the wall, a sofa"."""
    at = opening_at(words, start)
    if at is None:
        return None
    start = at
    matched = tx.match_longest(words, start, tx.REL_PHRASES)
    assert matched is not None
    length, key = matched
    target = parse_target(toks, words, start + length, span_of, room_tokens)
    if "its" in words[start:start + length] and words[start + length - 1] not in ("to", "against"):  # "At its foot"
        target = Target("pronoun", start + length, pronoun="it")
    if target.kind == "pronoun" and target.pronoun == "it":  # "...a dresser; above it hangs a mirror"
        topic = clause_subject(objects, words, start - 1) if start > 0 else None
        if topic is not None:  # the previous sentence's subject
            target = Target("object", target.end, mention=topic)
    if target.kind not in ("object", "arch"):
        return None
    k = past_intro(words, target.end, LEAD_INTRO)  # "In the other corner, we currently have a table"
    if k > target.end and words[k - 1] == "," and (more := opening_at(words, k)) is not None:
        found = tx.match_longest(words, more, tx.REL_PHRASES)  # "..., hidden in the shadows, an armchair"
        assert found is not None
        end = parse_target(toks, words, more + found[0], span_of, room_tokens).end
        k = past_intro(words, to_comma(words, end, span_of), SUBJECT_INTRO)
    if k > target.end:  # after "is", "stands", ",": the subject's unknown modifiers may come first
        k = past_modifiers(toks, words, k, span_of, objects)
    subject = span_of.get(k)
    if subject is None and k < len(words) and words[k] in ("it", "it's") and start > 0:
        subject = clause_subject(objects, words, start - 1)  # "Suspended above the table, it casts a glow"
    if subject is None or subject == target.mention:
        return None
    rel = make_rel(key, subject, target, toks, start, start + length, objects, words, set(), notes, prompt)
    if rel is None:
        return None
    last = subject
    if rel.subjects == [subject] and not rel.reciprocal:
        rel.subjects += list_after(subject, objects, words, span_of)
        last = rel.subjects[-1]
    rel.src = (toks[start].start, toks[objects[last].end - 1].end)
    return rel


LEAD_INTRO = SUBJECT_INTRO | {":"}
"""Words between a fronted place phrase and its subject ("In one corner: there is a bin")."""


def to_comma(words: list[str], k: int, span_of: dict[int, int], most: int = 4) -> int:
    """``k``, or the token just past a comma within ``most`` words that name nothing ("hidden in the shadows, ...")."""
    for j in range(k, min(len(words), k + most)):
        if j in span_of or words[j] in SENTENCE_END:
            return k
        if words[j] == ",":
            return j + 1
    return k


def fronted_places(toks: list[tx.Token], words: list[str], start: int, span_of: dict[int, int],
                   room_tokens: set[int]) -> list[int]:
    """Where the place phrases a clause opens with start, one after another and each closed by a comma ("Behind it,
    with its back to the windows, was a chair", "Opposite, beside the fire-place, were sink and boiler"): ``start``
    first, then each further phrase, then the token after the last comma; the subject follows them all."""
    out = [start]
    while len(out) < 4 and (at := opening_at(words, out[-1])) is not None:
        matched = tx.match_longest(words, at, tx.REL_PHRASES)
        assert matched is not None
        end = parse_target(toks, words, at + matched[0], span_of, room_tokens).end
        if end >= len(words) or words[end] != ",":
            break
        out.append(end + 1)
    return out


def past_modifiers(toks: list[tx.Token], words: list[str], k: int, span_of: dict[int, int],
                   objects: list[Mention], most: int = 4) -> int:
    """Where the mention that a fronted relation introduces starts: ``k`` itself, or past an article and a few words
    the vocabulary does not know ("Against one wall is a silk cushioned sofa", "Below the desk was a large Persian
    rug", "In the center is a marble-topped oval table"); ``k`` when no mention starts within ``most`` plain words."""
    for d in range(most + 1):
        j = k + d
        if j in span_of and objects[span_of[j]].start == j:
            return j
        if j >= len(words) or toks[j].kind != "word" or words[j] in tx.LIST_BOUNDARIES or words[j] in tx.ARCH_WORDS \
                or words[j] in SENTENCE_END or words[j] in tx.PREPOSITIONS or words[j] == "of" \
                or tx.match_longest(words, j, tx.REL_PHRASES) is not None:
            return k
    return k


def list_after(first: int, objects: list[Mention], words: list[str], span_of: dict[int, int]) -> list[int]:
    """The further items of a list that shares a leading relation ("On the sideboard are two candlesticks and a
    bowl"): mentions joined by "," or "and" up to the clause's end, none with a relation phrase of its own."""
    out: list[int] = []
    k = objects[first].end
    while k < len(words) and words[k] in (",", "and"):
        j = k + 1 if words[k] == "," and k + 1 < len(words) and words[k + 1] == "and" else k
        nxt = span_of.get(j + 1)
        if nxt is None or objects[nxt].start != j + 1 or objects[nxt].negated:
            return out
        end = objects[nxt].end
        if end < len(words) and words[end] not in (",", "and") and words[end] not in SENTENCE_END:
            return out  # the item says where it goes itself, or the list turns into a clause
        out.append(nxt)
        k = end
    return out if k >= len(words) or words[k] in SENTENCE_END else []


def parse_target(toks: list[tx.Token], words: list[str], k: int, span_of: dict[int, int],
                  room_tokens: set[int]) -> Target:
    """What a relation phrase points at, starting at token ``k``."""
    distributive = False
    params: dict[str, float | str] = {}
    while k < len(words):
        recip = tx.match_longest(words, k, tx.PRONOUNS)
        if recip and recip[1] == "reciprocal":
            return Target("pronoun", k + recip[0], pronoun="reciprocal")
        if k in span_of:
            idx = span_of[k]
            distributive = distributive or words[k] in tx.DISTRIBUTIVE
            end = k
            while end < len(words) and span_of.get(end) == idx:
                end += 1
            return Target("object", end, mention=idx, distributive=distributive)
        if k in room_tokens:
            end = k
            while end in room_tokens:
                end += 1
            return Target("arch", end, arch="room")
        if words[k] in tx.ARCH_WORDS and k + 1 < len(words) and k + 1 not in span_of \
                and tx.ARCH_WORDS.get(words[k + 1]) in ("window", "door", "wall"):
            k += 1  # "under the corner windows", "by the middle window": the first word says which one
            continue
        if words[k] in tx.ARCH_WORDS:
            found = arch_target(words, k, span_of, params)
            found.distributive = distributive and found.kind == "arch"  # "in each corner" (of the room)
            return found
        if words[k] in tx.COMPASS and k + 1 < len(words) and words[k + 1] in tx.ARCH_WORDS:
            params = {"wall": float(tx.COMPASS[words[k]])} if words[k + 1] in ("wall", "walls") else {}
            k += 1
            continue
        pron = tx.match_longest(words, k, tx.PRONOUNS)
        if pron and (k + pron[0] not in span_of or pron[0] > 1) and not (
                k + pron[0] < len(words) and (tx.is_adjective(words[k + pron[0]])
                                              or words[k + pron[0]] in tx.ARCH_WORDS)):
            return Target("pronoun", k + pron[0], pronoun=pron[1],
                           distributive=pron[1] == "each" or distributive)
        if words[k] in tx.WALL_ADJECTIVES and k + 1 < len(words) and (
                words[k + 1] in tx.ARCH_WORDS or words[k + 1] in tx.WALL_ADJECTIVES):
            k += 1  # "against the opposite wall", "on the far side wall"
            continue
        if words[k] in tx.TARGET_DETERMINERS or tx.is_adjective(words[k]) or words[k] in ("far", "same", "other"):
            distributive = distributive or words[k] in tx.DISTRIBUTIVE
            k += 1
            continue
        ahead = next((d for d in (1, 2) if k + d in span_of or (k + d < len(words) and words[k + d] in tx.ARCH_WORDS
                                                                and words[k + d] not in ("room", "floor"))), None)
        if ahead is not None and all(toks[k + i].kind == "word" and words[k + i] not in tx.LIST_BOUNDARIES
                                     and words[k + i] not in tx.ARCH_WORDS
                                     and tx.match_longest(words, k + i, tx.REL_PHRASES) is None
                                     for i in range(ahead)):
            k += ahead  # "on a patterned rug", "by the long bay window": unknown adjectives before the object
            continue
        break
    return Target("pronoun", k, pronoun="each", distributive=True) if distributive else Target("none", k)


def arch_target(words: list[str], k: int, span_of: dict[int, int], params: dict[str, float | str]) -> Target:
    """An architecture word at ``k`` ("wall", "window", "middle" ...), with "of the room" / "of the X" after it."""
    arch = tx.ARCH_WORDS[words[k]]
    end = k + 1
    if end < len(words) and words[end] == "of":
        j = skip_words(words, end + 1, frozenset({"the", "a", "an", "this"}))
        wall_end = wall_of_middle(words, j) if arch == "middle" else None
        if wall_end is not None:  # "at the center of the left wall": along that wall
            return Target("arch", wall_end, arch="wall", params=params)
        if j in span_of and arch in ("middle", "corner"):
            idx = span_of[j]
            while j < len(words) and span_of.get(j) == idx:
                j += 1
            return Target("object", j, mention=idx, arch=arch)
        if j < len(words) and words[j] in ("room", "space", "floor", "area"):
            end = j + 1
        if arch == "middle" and j < len(words) and tx.ARCH_WORDS.get(words[j]) == "ceiling":
            return Target("arch", j + 1, arch="ceiling", params=params)  # "from the middle of the ceiling"
    return Target("arch", end, arch=arch, params=params)


def make_rel(key: str, subject: int, target: Target, toks: list[tx.Token], rel_start: int, rel_end: int,
              objects: list[Mention], words: list[str], related: set[int], notes: list[str],
              prompt: str) -> Rel | None:
    """Turn a relation phrase and its target into a ``Rel`` (None when no relation kind applies)."""
    if key == "in" and rel_start > 0 and words[rel_start - 1] in DRESSING_WORDS:
        return None  # "a bed dressed in a quilt": the quilt lies on the bed (``held_by``), the bed is not in it
    rel = read_rel(key, subject, target, toks, rel_start, rel_end, objects, words, related, notes, prompt)
    if rel is not None and key == "above":
        return above_rel(rel, objects)
    if rel is not None and key == "under":
        return under_mounted(rel, objects)
    return rel


def is_small(m: Mention) -> bool:
    """Whether the catalog stands ``m`` on tops (a lamp, books), not on the floor."""
    return m.kind == "object" and catalog.get(m.category).support == "object"


def small_on_top(subject: Mention, target: Mention) -> bool:
    """Whether ``subject`` is a small thing that stands on tops and ``target`` has one (or the catalog lets it hold
    the subject, as a sofa holds cushions)."""
    if subject.kind != "object" or target.kind != "object":
        return False
    return is_small(subject) and (has_top(target) or target.category in catalog.get(subject.category).supported_by)


def is_ceiling_thing(m: Mention) -> bool:
    """Whether the catalog hangs a mention's category from the ceiling (a pendant light, a chandelier, a fan)."""
    return m.kind == "object" and catalog.get(m.category).support == "ceiling"


def is_wall_thing(m: Mention) -> bool:
    """Whether the catalog hangs a mention's category on a wall (a mirror, a painting, a wall shelf)."""
    return m.kind == "object" and catalog.get(m.category).support == "wall"


def under_mounted(rel: Rel, objects: list[Mention]) -> Rel:
    """"a table under the chandelier": what is under a ceiling thing stands below it, which says that the thing hangs
    from the ceiling; how close is not stated. ("a dresser beneath the mirror" stays: the mirror hangs over it.)"""
    if rel.kind != "under" or rel.target is None or objects[rel.target].kind != "object":
        return rel
    if len(rel.subjects) == 1 and is_wall_thing(objects[rel.subjects[0]]):  # "a picture ledge under the prints"
        return rel  # hung on the wall just below them (the solver reads 'under' on a wall)
    if catalog.get(objects[rel.target].category).support == "ceiling":
        return Rel("hang_from_ceiling", [rel.target], arch="ceiling", src=rel.src)
    return rel


def above_rel(rel: Rel, objects: list[Mention]) -> Rel | None:
    """"X above Y" where X is a floor-standing thing: a cabinet or shelf above a floor object is its wall kind, on the
    wall ("a cabinet above the washer"); a raised bed above something stands over it ("a loft bed above the desk": the
    desk is under it). Wall and ceiling things above an object ("a mirror above the sink") and small things ("a vase
    above the fireplace") are read as ``on_top``, which plan physics settles."""
    if rel.kind != "on_top" or rel.target is None or len(rel.subjects) != 1:
        return rel
    subject, target = objects[rel.subjects[0]], objects[rel.target]
    if subject.kind == "generic" and target.kind == "object" and catalog.get(target.category).support == "floor":
        return Rel("on_wall", rel.subjects, arch="wall", src=rel.src)  # "above the sofa, a mariner's chart" hangs
    if subject.kind != "object":
        return rel
    entry = catalog.get(subject.category)
    if entry.support != "floor" or target.kind == "room":
        return rel
    if subject.category.endswith("bed") and entry.size_typical[2] >= RAISED_BED_HEIGHT:
        return Rel("under", [rel.target], target=rel.subjects[0], src=rel.src)
    mounted = catalog.CATALOG.get(f"wall_{subject.category}")
    if mounted is None or mounted.support != "wall":
        return rel  # "a floor lamp arching over the sofa" stands beside it (plan physics says so)
    subject.category = mounted.name  # "a cabinet above the washer" is a wall cabinet
    return Rel("on_wall", rel.subjects, arch="wall", src=rel.src)


RAISED_BED_HEIGHT = 1.2
"""A bed at least this tall (m) in the catalog sleeps above what stands under it (a loft or bunk bed)."""


def read_rel(key: str, subject: int, target: Target, toks: list[tx.Token], rel_start: int, rel_end: int,
             objects: list[Mention], words: list[str], related: set[int], notes: list[str],
             prompt: str) -> Rel | None:
    """A relation phrase and its target as read, before "above" is settled (``make_rel``)."""
    obj_kind, arch_kinds = tx.RELATION_KINDS[key]
    last = max(target.end, rel_end) - 1
    src = (toks[objects[subject].start].start, toks[min(last, len(toks) - 1)].end)
    phrase = prompt[toks[rel_start].start:src[1]]
    if key == "unsupported" or (target.kind == "arch" and target.arch in ("window", "door", "wall", "corner")
                                and arch_kinds.get(target.arch) is None):
        notes.append(f"'{phrase}' is not a relation the rules planner reads; the solver places "
                     f"the {objects[subject].head_text} on its own")
        return None
    phrase_words = words[rel_start:rel_end]
    per_side = 2 if key == "sides" and any(w in ("each", "both", "either") for w in phrase_words) else 1
    if key == "flank" and "each" in phrase_words and objects[subject].qkind == "number" \
            and objects[subject].qcount > 1 and counted_per_side(subject, target, rel_start, objects, words, related):
        per_side = 2  # "four chairs on each side of the table": four a side ("a lamp on either side": two in all)
    if key == "sides" and target.kind in ("none", "pronoun"):
        anchor, _ = pronoun_anchor(subject, rel_start, objects, words, related)
        return side_rel(subject, anchor, objects, phrase_words, src, per_side)
    if key in ("flankedby", "surroundedby") and target.kind == "object" and target.mention not in (None, subject):
        # "a bed flanked by nightstands", "a table surrounded by chairs": the others stand by the subject
        objects[subject].is_target = True
        return Rel(obj_kind, [target.mention], target=subject, src=src,  # type: ignore[list-item]
                   flank=key == "flankedby")
    if key == "above" and target.kind == "none" and is_wall_thing(objects[subject]):
        return Rel("on_wall", [subject], arch="wall", src=src)  # "a painting above the headboard": it hangs there
    if key == "above" and target.kind == "none" and is_ceiling_thing(objects[subject]):
        return Rel("hang_from_ceiling", [subject], arch="ceiling", src=src)  # "a pendant over the sleeping area"
    if key == "hangover" and target.kind in ("object", "arch", "pronoun"):
        # "a mobile hanging over the crib": it hangs from the ceiling; how close to the crib is not stated
        return Rel("hang_from_ceiling", [subject], arch="ceiling", src=src)
    if key == "for" and target.kind == "object" and target.mention not in (None, subject):
        return kept_for(subject, target.mention, objects, src)  # type: ignore[arg-type]
    if key == "holds" and target.kind == "object" and target.mention is not None and target.mention != subject:
        return held_rel(subject, target.mention, objects, words, rel_start, src)
    if target.kind == "object":
        assert target.mention is not None
        if (target.arch in ("middle", "corner") or key == "against") \
                and small_on_top(objects[subject], objects[target.mention]):
            kind: str | None = "on_top"  # "a vase in the middle of the table", "candles along the table"
        elif target.arch == "middle":
            kind = "middle_of"
        else:  # seats "on each side of" a table sit around it, as at its sides
            at_table = sits_at(objects[subject], objects[target.mention])
            kind = seat_kind("sides" if key == "flank" and at_table else key, objects[subject],
                             objects[target.mention]) or obj_kind
        if kind is None or target.mention == subject:
            return None
        objects[target.mention].is_target = True
        return Rel(kind, [subject], target=target.mention, distributive=target.distributive, src=src,
                    flank=key == "flank", all_targets=key == "between", per_side=per_side)
    if target.kind == "arch":
        kind = arch_kinds.get(target.arch or "")
        if key == "centered" and target.arch is None:
            kind = "middle_of_room"
        if kind is None:
            return None
        if kind == "against_wall" and is_wall_thing(objects[subject]):
            kind = "on_wall"  # "shelves line the wall", "a mirror along the wall": a wall thing hangs on it
        name = "wall" if kind in ("against_wall", "on_wall") else tx.ARCH_TARGET_NAMES.get(target.arch or "room",
                                                                                           "room")
        per_part = parts_named(target.arch, target.distributive, objects[subject], words[rel_start:target.end])
        return Rel(kind, [subject], arch=name, params=dict(target.params), src=src, per_side=per_part)
    if key == "overhead":  # "a ceiling fan overhead"
        return Rel("hang_from_ceiling", [subject], arch="ceiling", src=src)
    if key == "centered":  # "centred against the back wall" is centred along that wall, not in the middle
        followed = tx.match_longest(words, rel_end, tx.REL_PHRASES) is not None
        return None if followed else Rel("middle_of_room", [subject], arch="room", src=src)
    if target.kind == "pronoun" or (key == "flank" and target.kind == "none"):
        rel = pronoun_rel(key, obj_kind, subject, target, toks, rel_start, objects, words, related, src)
        if rel is not None:
            rel.per_side = per_side
        return rel
    return None


def held_rel(holder: int, first: int, objects: list[Mention], words: list[str], rel_start: int,
             src: tuple[int, int]) -> Rel:
    """What a holder holds goes on it: "a basket containing towels", "a bowl filled with fruit", "holds pillows and a
    blanket" (both), "nightstands ... each holding a lamp" (a lamp on every one)."""
    objects[holder].is_target = True
    starts = {o.start: i for i, o in enumerate(objects)}
    held = [first] + [i for i in list_after(first, objects, words, starts)
                      if catalog.get(objects[i].category).support == "object" or objects[i].kind == "generic"]
    return Rel("on_top", held, target=holder, src=src, distributive=words[rel_start - 1] == "each")


def side_rel(subject: int, anchor: int | None, objects: list[Mention], phrase_words: list[str],
             src: tuple[int, int], per_side: int) -> Rel | None:
    """"on each long side", "on one side of it" with the thing left out or named by a pronoun (``anchor``): seats at a
    table's sides go around it, other things beside it; "a sofa on one side and armchairs on the other" is said of a
    table, so of anything else it says nothing."""
    one_side = any(w in ("one", "other") for w in phrase_words)
    if anchor is not None and anchor != subject and not is_table(objects[anchor]) and one_side \
            and phrase_words[-1] == "of":  # "a chaise on one side of it": beside it
        objects[anchor].is_target = True
        return Rel("next_to", [subject], target=anchor, src=src)
    if anchor is None or anchor == subject or (not is_table(objects[anchor]) and one_side):
        return None
    objects[anchor].is_target = True
    return Rel(seat_kind("sides", objects[subject], objects[anchor]) or "next_to", [subject], target=anchor, src=src,
               per_side=per_side)


def pronoun_rel(key: str, obj_kind: str | None, subject: int, target: Target, toks: list[tx.Token],
                 rel_start: int, objects: list[Mention], words: list[str], related: set[int],
                 src: tuple[int, int]) -> Rel | None:
    """"a lamp on each", "lamps on them", "a mirror on top", "two armchairs facing each other"."""
    if obj_kind is None:
        return None
    if target.pronoun == "reciprocal":
        subjects = [subject]
        prev = subject - 1
        if objects[subject].qcount <= 1 and prev >= 0 and all(
                w in ("and", ",") for w in words[objects[prev].end:objects[subject].start]):
            subjects = [prev, subject]
        return Rel(obj_kind, subjects, reciprocal=True, src=(toks[objects[subjects[0]].start].start, src[1]))
    # a target left out ("a lamp on either side") or unread ("on each side of the headboard") is not a spoken "it"
    anchor, subjects = pronoun_anchor(subject, rel_start, objects, words, related, target.pronoun or "unsaid")
    if anchor is None:
        return None
    if obj_kind == "on_top" and key != "above" and not has_top(objects[anchor]) and not is_floor_cover(objects[anchor]) \
            and not small_on_top(objects[subject], objects[anchor]):  # a throw "draped over it" is on the armchair
        # "a cabinet holding plates and cups, with a kettle on top": on top of the last thing named that has one
        holders = [i for i in range(anchor) if not objects[i].negated and has_top(objects[i])]
        anchor = holders[-1] if holders else anchor
    between = key == "between"
    return Rel(obj_kind, subjects, target=anchor,
                distributive=(target.pronoun == "each" or key == "flank" or objects[subject].held_each) and not between,
                flank=key == "flank", all_targets=between, src=(toks[objects[subjects[0]].start].start, src[1]))


# --------------------------------------------------------------------------------------------------------------------
