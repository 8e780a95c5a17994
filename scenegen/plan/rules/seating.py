"""Seats a prompt counts without naming them: "an island with seating for four", "a table that seats six",
"room for eight at the table". Each becomes a mention of the seat the catalog pulls up to that table (a bar stool at
an island, a chair at a dining table), counted, and seated around it."""

from __future__ import annotations

from scenegen import catalog
from scenegen.plan import text as tx
from scenegen.plan.rules.holdings import is_seat
from scenegen.plan.rules.anchors import pronoun_anchor
from scenegen.plan.rules.records import SENTENCE_END, Mention, Rel, Target

SEATING_NOUNS = frozenset({"seating", "seats", "seat", "room", "space"})
"""Nouns that count seats after "for": 'seating for four', 'room for eight'."""
SEATING_VERBS = frozenset({"seats", "sits", "accommodates"})
"""Verbs a table counts its seats with: 'a table that seats six'. Only the finite forms: 'a table to seat 24' or 'can
seat up to 26' states a capacity, not the chairs in the room."""
PEOPLE = frozenset({"people", "guests", "persons", "diners", "adults", "kids", "children"})


def seat_for(table: str) -> str | None:
    """The seat the catalog pulls up to ``table`` first: the seat whose companions name the table earliest (a bar
    stool at an island, a chair at a dining table, an office chair at a desk); None when no seat goes with it."""
    best: tuple[int, int, str] | None = None
    for order, name in enumerate(catalog.names()):
        if not is_seat(name):
            continue
        for rank, (anchor, _) in enumerate(catalog.companions(name)):
            if anchor == table and (best is None or (rank, order) < best[:2]):
                best = (rank, order, name)
    return best[2] if best else None


def implied_seats(words: list[str], objects: list[Mention]) -> tuple[list[Mention], list[tuple[int, int]]]:
    """New seat mentions for "seating for N" / "seats N" after a table in the same sentence, and for each the token
    of its seat mention and the head token of its table (indices shift when mentions are sorted)."""
    out: list[Mention] = []
    pairs: list[tuple[int, int]] = []
    taken = {t for m in objects for t in range(m.start, m.end)}
    for i, w in enumerate(words):
        n_at = count_after(words, i)
        if n_at is None or i in taken:
            continue
        count, end = n_at
        table = table_before(objects, words, i)
        seat = seat_for(table.category) if table is not None else None
        if seat is None or table is None or any(head == table.head for _, head in pairs):
            continue  # a table's seats are counted once: "sits four to six, ... an overlay that accommodates fourteen"
        m = Mention("object", i, i, i + 1, seat, head_text=seat.replace("_", " "), description=seat.replace("_", " "),
                    qkind="number", qcount=count, plural=count > 1)
        out.append(m)
        pairs.append((i, table.head))
    return out, pairs


def count_after(words: list[str], i: int) -> tuple[int, int] | None:
    """(N, token after the phrase) when a seat-counting phrase starts at ``i``: "seating for four (people)", "seats
    six", "room for 8 guests"; None otherwise."""
    w = words[i]
    if w in SEATING_NOUNS and i + 2 < len(words) and words[i + 1] == "for":
        k = i + 2
        if words[k] in ("up", "at") and k + 1 < len(words) and words[k + 1] in ("to", "least"):
            k += 2
        n = number_at(words, k)
        people_next = k + 1 < len(words) and words[k + 1] in PEOPLE
        if n is not None and (w == "seating" or people_next):
            return n, k + 1
    if w in SEATING_VERBS and i + 1 < len(words):
        k = i + 1 + (words[i + 1] == "up" and i + 2 < len(words) and words[i + 2] == "to") * 2
        n = number_at(words, k)
        if n is not None:
            return n, k + 1
    return None


def number_at(words: list[str], k: int) -> int | None:
    if k >= len(words):
        return None
    if words[k].isdigit():
        return int(words[k]) if 1 < int(words[k]) <= 24 else None
    n = tx.NUMBER_WORDS.get(words[k])
    return n if n is not None and 1 < n <= 24 else None


def table_before(objects: list[Mention], words: list[str], i: int) -> Mention | None:
    """The last object before token ``i`` in its sentence that a seat is pulled up to."""
    for m in sorted(objects, key=lambda o: o.head, reverse=True):
        if m.end > i or m.negated or m.kind != "object":
            continue
        if any(w in SENTENCE_END for w in words[m.end:i]) or is_seat(m.category):
            return None  # "a sofa that seats three" counts the sofa's places, not chairs
        if seat_for(m.category) is not None:
            return m
    return None


def seat_relations(objects: list[Mention], pairs: list[tuple[int, int]], toks: list[tx.Token]) -> list[Rel]:
    """'around' from each implied seat mention to its table (mention indices after sorting)."""
    index = {m.head: j for j, m in enumerate(objects)}
    return [Rel("around", [index[s]], target=index[t], src=(toks[t].start, toks[s].end)) for s, t in pairs
            if s in index and t in index]


def sits_at(subject: Mention, target: Mention | None) -> bool:
    """Whether ``subject`` is a seat its catalog entry pulls up around ``target`` (chairs at a dining table): such
    seats "on each side" of it are counted per side ("two chairs on each side of the table" are four), anything else
    one a side ("a bed with two nightstands on each side" has two)."""
    return target is not None and subject.kind == "object" \
        and (target.category, "around") in catalog.companions(subject.category)


def counted_per_side(subject: int, target: Target, rel_start: int, objects: list[Mention], words: list[str],
                     related: set[int]) -> bool:
    """Whether "N <subject> on each side" of ``target`` (an object, or "it" and a left-out target, whose anchor is
    read) counts N a side: only seats at the table they sit around (``sits_at``)."""
    host = target.mention if target.kind == "object" else pronoun_anchor(subject, rel_start, objects, words,
                                                                             related)[0]
    return sits_at(objects[subject], objects[host] if host is not None else None)


def seats_at_their_table(objects: list[Mention], toks: list[tx.Token], rels: list[Rel]) -> list[Rel]:
    """"An 11-foot island in dark granite ... I found the bar stools for a steal": a seat made only to be pulled up to a
    table (every catalog companion of it is a table it goes around: bar stools, kids' chairs), that no phrase places,
    sits around the table the catalog pairs it with first when the prompt names one (bar stools at an island; at a bar
    or beside dining tables they stay unplaced)."""
    placed = {s for r in rels for s in r.subjects}
    out: list[Rel] = []
    for idx, m in enumerate(objects):
        pairs = catalog.companions(m.category) if m.kind == "object" else ()
        if m.negated or idx in placed or not pairs or not is_seat(m.category) \
                or any(how.split("+")[0] != "around" for _, how in pairs):
            continue
        named = [j for j, o in enumerate(objects) if o.kind == "object" and o.category == pairs[0][0] and not o.negated]
        if named:
            out.append(Rel("around", [idx], target=named[0], src=(toks[m.start].start, toks[m.end - 1].end)))
    return out
