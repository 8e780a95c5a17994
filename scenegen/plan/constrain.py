"""Token-level constrained decoding to the compact plan's JSON, for local models (``hf``, ``gemma``).

The compact plan (``scenegen.plan.schema``) with its keys in a fixed order, no whitespace and bounded strings and
lists is a regular language, so the constraint is a character-level regular expression matched by Brzozowski
derivatives (a state is the derivative of the grammar by the text so far; hash-consed, so states compare and cache
cheaply). At each step only tokens whose text keeps the state alive are allowed; the end-of-text token only when the
state accepts; when the token budget runs out the shortest completion of the state is appended. So the output always
parses as JSON and validates as a compact plan, whatever the model's weights (even random ones).

Pure Python; torch is imported by ``generate`` only.
"""

from __future__ import annotations

import json
import string
from functools import lru_cache

# --------------------------------------------------------------------------------------------------------------------
# Regular expressions as hash-consed nodes: ("0",) empty set, ("e",) epsilon, ("c", frozenset) one char,
# ("s", a, b) sequence, ("a", frozenset) alternation, ("*", a) star. Nodes are interned tuples of ints -> int ids.
# --------------------------------------------------------------------------------------------------------------------

_NODES: list[tuple] = []
_IDS: dict[tuple, int] = {}


def _mk(node: tuple) -> int:
    i = _IDS.get(node)
    if i is None:
        i = _IDS[node] = len(_NODES)
        _NODES.append(node)
    return i


EMPTY = _mk(("0",))
EPS = _mk(("e",))


def chars(cs: str | frozenset[str]) -> int:
    return _mk(("c", frozenset(cs)))


def seq(*parts: int) -> int:
    out = EPS
    for p in reversed(parts):
        if p == EMPTY or out == EMPTY:
            return EMPTY
        out = p if out == EPS else (out if p == EPS else _mk(("s", p, out)))
    return out


def alt(*parts: int) -> int:
    items: set[int] = set()
    for p in parts:
        if p == EMPTY:
            continue
        n = _NODES[p]
        items.update(n[1] if n[0] == "a" else (p,))
    if not items:
        return EMPTY
    if len(items) == 1:
        return next(iter(items))
    return _mk(("a", frozenset(items)))


def lit(s: str) -> int:
    return seq(*(chars(c) for c in s))


def repeat(p: int, lo: int, hi: int) -> int:
    """``p`` between ``lo`` and ``hi`` times."""
    tail = EPS
    for _ in range(hi - lo):
        tail = alt(EPS, seq(p, tail))
    return seq(*([p] * lo), tail)


def sep_list(item: int, lo: int, hi: int) -> int:
    """``[item,item,...]`` with lo..hi items."""
    if hi == 0:
        return lit("[]")
    more = repeat(seq(chars(","), item), max(lo - 1, 0), hi - 1)
    body = seq(item, more)
    return seq(chars("["), alt(EPS, body) if lo == 0 else body, chars("]"))


@lru_cache(maxsize=None)
def nullable(r: int) -> bool:
    n = _NODES[r]
    k = n[0]
    if k == "e" or k == "*":
        return True
    if k == "s":
        return nullable(n[1]) and nullable(n[2])
    if k == "a":
        return any(nullable(x) for x in n[1])
    return False


@lru_cache(maxsize=1 << 20)
def deriv(r: int, c: str) -> int:
    n = _NODES[r]
    k = n[0]
    if k in ("0", "e"):
        return EMPTY
    if k == "c":
        return EPS if c in n[1] else EMPTY
    if k == "s":
        d = seq(deriv(n[1], c), n[2])
        return alt(d, deriv(n[2], c)) if nullable(n[1]) else d
    if k == "a":
        return alt(*(deriv(x, c) for x in n[1]))
    return seq(deriv(n[1], c), r)  # star


def step(r: int, text: str) -> int:
    for c in text:
        r = deriv(r, c)
        if r == EMPTY:
            return EMPTY
    return r


@lru_cache(maxsize=None)
def shortest(r: int) -> str | None:
    """A shortest string the state accepts (None for the empty set)."""
    n = _NODES[r]
    k = n[0]
    if k == "0":
        return None
    if k in ("e", "*"):
        return ""
    if k == "c":
        return min(n[1])
    if k == "s":
        a, b = shortest(n[1]), shortest(n[2])
        return None if a is None or b is None else a + b
    best = None
    for x in sorted(n[1]):
        s = shortest(x)
        if s is not None and (best is None or len(s) < len(best)):
            best = s
    return best


# --------------------------------------------------------------------------------------------------------------------
# The compact plan's grammar
# --------------------------------------------------------------------------------------------------------------------

_WORD = string.ascii_lowercase
_SPACE = " _-"


def _string(max_len: int) -> int:
    first = chars(_WORD)
    return seq(chars('"'), first, repeat(chars(_WORD + _SPACE), 0, max_len - 1), chars('"'))


def _enum(options: list[str]) -> int:
    return alt(*(lit(json.dumps(o)) for o in options))


def _null_or(p: int) -> int:
    return alt(lit("null"), p)


def _number() -> int:
    """A non-negative decimal: 0-99 with up to two decimals (metres)."""
    d = chars(string.digits)
    whole = alt(chars("0"), seq(chars("123456789"), repeat(d, 0, 1)))
    return seq(whole, alt(EPS, seq(chars("."), repeat(d, 1, 2))))


def _ordered_subset(items: list[int]) -> int:
    """One or more of ``items`` in their order, comma-separated."""
    if not items:
        return EMPTY
    first, rest = items[0], items[1:]
    tail = _ordered_subset(rest)
    return alt(seq(first, alt(EPS, seq(chars(","), tail))) if rest else first, tail)


@lru_cache(maxsize=None)
def plan_grammar(max_objects: int = 12, max_relations: int = 16, max_name: int = 24) -> int:
    """The compact plan of ``scenegen.plan.schema``, keys in order, no whitespace, absent keys for nulls. Categories
    are free lowercase strings (normalised after), relation kinds and room types enums, counts 1-99; attributes, the
    room's size and the open-vocabulary proposal (size, support, shape) optional."""
    from scenegen.plan import text as tx
    from scenegen.plan.schema import RELATION_KINDS, SHAPES, SUPPORTS

    name = _string(max_name)
    count = seq(chars("123456789"), repeat(chars(string.digits), 0, 1))
    attr = _string(16)
    attrs = seq(lit(',"attributes":{'), _ordered_subset([seq(lit(f'"{k}":'), attr) for k in
                                                         ("colour", "material", "style", "size")]), chars("}"))
    num = _number()
    proposal = seq(lit(',"size":['), num, chars(","), num, chars(","), num, lit('],"support":'),
                   _enum(list(SUPPORTS)), lit(',"shape":'), _enum(list(SHAPES)))
    obj = seq(lit('{"category":'), name, lit(',"count":'), count, alt(EPS, attrs), alt(EPS, proposal), chars("}"))
    rel = seq(lit('{"kind":'), _enum(list(RELATION_KINDS)), lit(',"subject":'), name, lit(',"target":'),
              _null_or(name), chars("}"))
    room = seq(lit('{"type":'), _enum(sorted(tx.ROOM_MIN_SIZE)),
               alt(EPS, seq(lit(',"width":'), num, lit(',"depth":'), num)), chars("}"))
    return seq(lit('{"room":'), room, lit(',"objects":'), sep_list(obj, 1, max_objects), lit(',"relations":'),
               sep_list(rel, 0, max_relations), chars("}"))


# --------------------------------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------------------------------


class TokenTable:
    """Each token id's text (as it appears in decoded output) for a tokenizer, computed once."""

    def __init__(self, tokenizer) -> None:  # type: ignore[no-untyped-def]
        self.eos = tokenizer.eos_token_id
        special = set(tokenizer.all_special_ids)
        self.texts: list[str | None] = []
        for i in range(len(tokenizer)):
            if i in special:
                self.texts.append(None)
                continue
            t = tokenizer.convert_ids_to_tokens(i)
            t = tokenizer.convert_tokens_to_string([t]) if isinstance(t, str) else None
            self.texts.append(t if t else None)


def allowed(state: int, table: TokenTable, candidates) -> list[int]:  # type: ignore[no-untyped-def]
    """The token ids among ``candidates`` whose text keeps ``state`` alive."""
    out = []
    for i in candidates:
        t = table.texts[i] if i < len(table.texts) else None
        if t and step(state, t) != EMPTY:
            out.append(i)
    return out


def generate(model, tokenizer, prompt: str, max_new_tokens: int = 400, grammar: int | None = None,  # type: ignore[no-untyped-def]
             table: TokenTable | None = None, top_k: int = 64) -> str:
    """Greedy decoding of ``model`` after ``prompt`` under ``grammar`` (default: the compact plan). Each step tries the
    ``top_k`` most likely tokens first and scans the whole vocabulary only when none of them fits. Returns text
    that matches the grammar completely."""
    import torch

    g = plan_grammar() if grammar is None else grammar
    table = table or TokenTable(tokenizer)
    ids = tokenizer(prompt, return_tensors="pt").input_ids
    state, out, past = g, "", None
    inp = ids
    with torch.no_grad():
        for _ in range(max_new_tokens):
            res = model(input_ids=inp, past_key_values=past, use_cache=True)
            past = res.past_key_values
            logits = res.logits[0, -1]
            order = torch.argsort(logits, descending=True).tolist()
            choice = None
            if nullable(state) and table.eos is not None and table.eos in order[:top_k]:
                break
            ok = allowed(state, table, order[:top_k])
            if not ok:
                ok = allowed(state, table, order[top_k:])
            if not ok:
                break
            choice = ok[0]
            out += table.texts[choice] or ""
            state = step(state, table.texts[choice] or "")
            if _done(state):
                break
            inp = torch.tensor([[choice]])
    rest = shortest(state)
    return out + (rest or "")


def _done(state: int) -> bool:
    """Accepting with nothing more to read."""
    return nullable(state) and _NODES[state][0] == "e"
