"""The compact plan a language model writes, its JSON Schema, and its conversion to a ``LayoutPlan``.

A model is asked for much less than a ``LayoutPlan``: the room's type and optional size, objects as
(category, count, attributes), and relations between object *categories* (or a part of the room). Ids, openings,
per-member relation expansion and room sizing are filled in here, deterministically, so a model cannot get them wrong::

    {"room": {"type": "bedroom"},
     "objects": [{"category": "bed", "count": 1, "attributes": {"size": "queen"}},
                 {"category": "popcorn machine", "count": 1, "size": [0.5, 0.4, 1.6], "support": "floor",
                  "shape": "box"}, ...],
     "relations": [{"kind": "on_top", "subject": "table_lamp", "target": "nightstand"}, ...]}

Absent keys mean null: attributes only as the text gives them, the room's width and depth only when it states them,
and ``size``/``support``/``shape`` only for an object outside the catalog (the open-vocabulary proposal).

Pure Python and pydantic (no torch): the core may import it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from scenegen import catalog
from scenegen.scene import (ARCHITECTURE_RELATIONS, Attributes, GenericProposal, LayoutPlan, PlannedObject, Relation,
                            RelationKind, Room)

RELATION_KINDS: tuple[str, ...] = get_args(RelationKind)
ARCH_TARGETS = ("wall", "window", "door", "room", "ceiling")
DEFAULT_ARCH_TARGET = {"against_wall": "wall", "on_wall": "wall", "corner": "room", "middle_of_room": "room",
                       "next_to_window": "window", "next_to_door": "door", "hang_from_ceiling": "ceiling"}
SUPPORTS = ("floor", "object", "wall", "ceiling")
SHAPES = ("box", "cylinder", "sphere")
MAX_COUNT = 100
"""The most objects of one kind a plan may ask for (as the rules planner)."""
ROOM_SIDE = (1.5, 40.0)
"""Metres: a model's room side outside this range is ignored (and the rules sizing used)."""

Normaliser = Callable[[str], "tuple[str | None, float]"]


class _M(BaseModel):
    model_config = ConfigDict(extra="ignore")


class CompactAttributes(_M):
    colour: str | None = None
    material: str | None = None
    style: str | None = None
    size: str | None = None


class CompactObject(_M):
    category: str = Field(min_length=1, max_length=48)
    count: int = Field(default=1, ge=0, le=MAX_COUNT)
    attributes: CompactAttributes = Field(default_factory=CompactAttributes)
    size: list[float] | None = Field(default=None, description="open vocabulary: width, depth, height in metres")
    support: str | None = Field(default=None, description="open vocabulary: floor, object, wall or ceiling")
    shape: str | None = Field(default=None, description="open vocabulary: box, cylinder or sphere")


class CompactRelation(_M):
    kind: str
    subject: str = Field(min_length=1)
    target: str | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, v: str) -> str:
        v = v.strip().lower().replace(" ", "_")
        if v not in RELATION_KINDS:
            raise ValueError(f"unknown relation kind {v!r}")
        return v


class CompactRoom(_M):
    type: str = "room"
    width: float | None = None
    depth: float | None = None


class CompactPlan(_M):
    room: CompactRoom = Field(default_factory=CompactRoom)
    objects: list[CompactObject] = Field(min_length=1, max_length=40)
    relations: list[CompactRelation] = Field(default_factory=list, max_length=80)


def json_schema() -> dict:
    """The JSON Schema sent as the OpenAI ``response_format`` (a plain, server-friendly subset)."""
    nstr = {"type": ["string", "null"]}
    return {
        "type": "object", "additionalProperties": False, "required": ["room", "objects", "relations"],
        "properties": {
            "room": {"type": "object", "required": ["type"], "additionalProperties": False,
                     "properties": {"type": {"type": "string"}, "width": {"type": ["number", "null"]},
                                    "depth": {"type": ["number", "null"]}}},
            "objects": {"type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["category", "count"], "additionalProperties": False,
                "properties": {"category": {"type": "string"}, "count": {"type": "integer", "minimum": 1},
                               "attributes": {"type": "object", "additionalProperties": False, "properties": {
                                   "colour": nstr, "material": nstr, "style": nstr, "size": nstr}},
                               "size": {"type": "array", "items": {"type": "number"}, "minItems": 3, "maxItems": 3},
                               "support": {"type": "string", "enum": list(SUPPORTS)},
                               "shape": {"type": "string", "enum": list(SHAPES)}}}},
            "relations": {"type": "array", "items": {
                "type": "object", "required": ["kind", "subject"], "additionalProperties": False,
                "properties": {"kind": {"type": "string", "enum": list(RELATION_KINDS)},
                               "subject": {"type": "string"}, "target": {"type": ["string", "null"]}}}},
        },
    }


class ReplyError(ValueError):
    """A model reply that is not a compact plan (one line, naming what was wrong)."""


def parse_reply(text: str) -> CompactPlan:
    """The compact plan in a model's reply: the first balanced ``{...}`` block (code fences and chatter around it are
    ignored), validated. Raises ``ReplyError``."""
    block = _first_json_object(text)
    if block is None:
        head = " ".join(text.split())[:60]
        raise ReplyError(f"the reply holds no JSON object (it starts {head!r})")
    try:
        data = json.loads(block)
    except (ValueError, RecursionError) as exc:  # RecursionError: a reply nested deeper than the parser recurses
        raise ReplyError(f"the reply's JSON does not parse ({exc.__class__.__name__}: {exc})") from None
    try:
        return CompactPlan.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ReplyError(f"the reply's plan is not valid: {where}: {first['msg']}") from None


def _first_json_object(text: str) -> str | None:
    start = text.find("{")
    while start != -1:
        depth, in_str, esc = 0, False, False
        for i in range(start, len(text)):
            ch = text[i]
            if in_str:
                esc = (ch == "\\") and not esc
                if ch == '"' and not esc:
                    in_str = False
                continue
            if ch == '"':
                in_str = True
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return text[start:i + 1]
        start = text.find("{", start + 1)
    return None


# --------------------------------------------------------------------------------------------------------------------
# Conversion
# --------------------------------------------------------------------------------------------------------------------


def _clean(s: str | None, limit: int = 32) -> str | None:
    if s is None:
        return None
    s = " ".join(re.sub(r"[^a-z0-9 _-]", " ", str(s).lower()).split())[:limit]
    return s or None


def resolve_category(noun: str, normalise: Normaliser | None = None) -> tuple[str, bool, str | None]:
    """(catalog category or ``generic``, is_generic, how it was found) for a model's category string: the catalog
    name or synonym first, then the embedding normaliser when given."""
    cleaned = _clean(noun, 48) or "object"
    if cleaned.replace(" ", "_") in catalog.names():
        return cleaned.replace(" ", "_"), False, None
    cat = catalog.resolve(cleaned)
    if cat is not None:
        return cat.name, False, None
    if normalise is not None:
        name, sim = normalise(cleaned)
        if name is not None:
            return name, False, f"'{cleaned}' read as {name} (embedding similarity {sim:.2f})"
    return "generic", True, None


def to_layout_plan(compact: CompactPlan, prompt: str, planner: str, fallback_room: Room | None = None,
                   normalise: Normaliser | None = None, notes: list[str] | None = None) -> LayoutPlan:
    """A ``LayoutPlan`` from a model's compact plan. Objects get ids ``<category>_<n>`` in plan order (``generic_<n>``
    for nouns outside the catalog, which keep their name as the description). A relation between categories is
    expanded per member: one-to-one when both groups have the same size, else every subject to the target's first
    member. The room's size is the model's when plausible, else ``fallback_room``'s (the rules planner's), else a
    footprint estimate."""
    notes = list(notes or [])
    objects: list[PlannedObject] = []
    members: dict[str, list[str]] = {}
    per_cat: dict[str, int] = {}
    for co in compact.objects:
        if co.count < 1:
            continue
        cat, generic, how = resolve_category(co.category, normalise)
        if how:
            notes.append(how)
        name = _clean(co.category, 48) or cat
        a = co.attributes
        attrs = Attributes(colour=_clean(a.colour), material=_clean(a.material), style=_clean(a.style),
                           size=_clean(a.size))
        proposal = _proposal(co) if generic else None
        ids = []
        for _ in range(co.count):
            per_cat[cat] = per_cat.get(cat, 0) + 1
            oid = f"{cat}_{per_cat[cat]}"
            ids.append(oid)
            objects.append(PlannedObject(id=oid, category=cat, description=name if generic else
                                         " ".join(x for x in (attrs.colour, attrs.material, name.replace("_", " ")) if x),
                                         attributes=attrs, generic=generic, proposal=proposal))
        if generic:
            if proposal is not None:
                w, d, h = proposal.size
                notes.append(f"'{name}' is not in the catalog; it is placed as a generic {proposal.shape} of "
                             f"{w:.2f}×{d:.2f}×{h:.2f} m on the {proposal.support}, as the planner proposed")
            else:
                notes.append(f"'{name}' is not in the catalog; it is placed as a generic object")
        for key in {name, name.replace(" ", "_"), cat}:
            members.setdefault(key, []).extend(ids)
    if not objects:
        raise ReplyError("the reply's plan has no objects")
    relations = _relations(compact.relations, members, normalise, notes)
    room = _room(compact.room, objects, fallback_room)
    return LayoutPlan(prompt=prompt, room=room, objects=objects, relations=relations, notes=notes, planner=planner)


def _proposal(co: CompactObject) -> GenericProposal | None:
    """The open-vocabulary proposal in a model's object (None when it gave no usable size)."""
    if not co.size or len(co.size) != 3:
        return None
    support = co.support if co.support in SUPPORTS else "floor"
    shape = co.shape if co.shape in SHAPES else "box"
    try:
        return GenericProposal(size=tuple(float(x) for x in co.size), support=support, shape=shape)
    except ValidationError:
        return None


def _members_of(ref: str | None, members: dict[str, list[str]], normalise: Normaliser | None) -> list[str]:
    if not ref:
        return []
    key = _clean(ref, 48) or ""
    for k in (key, key.replace(" ", "_"), re.sub(r"_\d+$", "", key.replace(" ", "_"))):
        if k in members:
            ids = members[k]
            m = re.search(r"_(\d+)$", key)
            if m and f"{k}_{m.group(1)}" in ids:  # the model named one member ("nightstand_2")
                return [f"{k}_{m.group(1)}"]
            return ids
    cat, generic, _ = resolve_category(key, normalise)
    return [] if generic else members.get(cat, [])


def _relations(rels: list[CompactRelation], members: dict[str, list[str]], normalise: Normaliser | None,
               notes: list[str]) -> list[Relation]:
    out: list[Relation] = []
    seen: set[tuple[str, str, str | None]] = set()

    def add(kind: str, s: str, t: str | None) -> None:
        if (kind, s, t) not in seen and s != t:
            seen.add((kind, s, t))
            out.append(Relation(kind=kind, subject=s, target=t, source="model"))  # type: ignore[arg-type]

    for r in rels:
        subjects = _members_of(r.subject, members, normalise)
        if not subjects:
            notes.append(f"dropped the model's relation {r.kind} on '{r.subject}': no such object in the plan")
            continue
        if r.kind in ARCHITECTURE_RELATIONS:
            target = _clean(r.target) if r.target else None
            if target not in ARCH_TARGETS and not (target and re.fullmatch(r"(door|window)_\d+", target)):
                target = DEFAULT_ARCH_TARGET[r.kind]
            for s in subjects:
                add(r.kind, s, target)
            continue
        targets = _members_of(r.target, members, normalise)
        if not targets:
            notes.append(f"dropped the model's relation {r.subject} {r.kind} '{r.target}': no such object in the plan")
            continue
        if len(subjects) == len(targets) and subjects != targets:
            for s, t in zip(subjects, targets):
                add(r.kind, s, t)
        elif subjects == targets:  # "chairs next to each other"
            for s, t in zip(subjects, subjects[1:]):
                add(r.kind, s, t)
        else:
            for s in subjects:
                add(r.kind, s, targets[0] if targets[0] != s else (targets[1] if len(targets) > 1 else s))
    return out


def _room(cr: CompactRoom, objects: list[PlannedObject], fallback: Room | None) -> Room:
    from scenegen.plan.rules import records as rules  # sizing constants live with the rules planner
    from scenegen.plan.rules.room import place_openings, rounded
    from scenegen.plan import text as tx

    rtype = (_clean(cr.type) or "room").replace(" ", "_")
    if rtype not in tx.ROOM_MIN_SIZE:
        rtype = fallback.type if fallback is not None else "room"
    lo, hi = ROOM_SIDE
    if cr.width and cr.depth and lo <= cr.width <= hi and lo <= cr.depth <= hi:
        w, d = rounded(cr.width, cr.depth)
        windows = sum(1 for o in fallback.openings if o.kind == "window") if fallback is not None else 1
        return Room.rectangle(w, d, height=rules.ROOM_HEIGHT, type=rtype, openings=place_openings(w, d, windows))
    if fallback is not None:
        return fallback.model_copy(update={"type": rtype})
    total, longest = 0.0, 0.0
    for o in objects:
        c = catalog.GENERIC if o.generic else catalog.get(o.category)
        if c.support == "floor" and c.size_typical[2] >= 0.1:
            total += c.size_typical[0] * c.size_typical[1]
            longest = max(longest, c.size_typical[0], c.size_typical[1])
    min_w, min_d = tx.ROOM_MIN_SIZE.get(rtype, tx.ROOM_MIN_SIZE["room"])
    area = max(rules.FOOTPRINT_FACTOR * total, min_w * min_d)
    w = max(math.sqrt(area * rules.ASPECT), min_w, longest + 0.6)
    d = max(area / w, min_d, longest + rules.DOOR_W)
    w, d = rounded(min(w, hi), min(d, hi))
    return Room.rectangle(w, d, height=rules.ROOM_HEIGHT, type=rtype, openings=place_openings(w, d, 1))


def from_layout_plan(plan: LayoutPlan) -> dict:
    """The compact plan (as a JSON-ready dict) that describes ``plan``: the training target for the corpus. Relations
    are written once per (kind, subject category, target) group."""
    objects: list[dict] = []
    index: dict[tuple, dict] = {}
    cat_of: dict[str, str] = {}
    for o in plan.objects:
        name = o.description if o.generic else o.category
        cat_of[o.id] = name
        a = o.attributes
        key = (name, a.colour, a.material, a.style, a.size)
        if key in index:
            index[key]["count"] += 1
        else:
            item: dict = {"category": name, "count": 1}
            attrs = {k: v for k, v in (("colour", a.colour), ("material", a.material), ("style", a.style),
                                       ("size", a.size)) if v}
            if attrs:
                item["attributes"] = attrs
            if o.generic and o.proposal is not None:
                item.update(size=[round(x, 2) for x in o.proposal.size], support=o.proposal.support,
                            shape=o.proposal.shape)
            index[key] = item
            objects.append(item)
    rels: list[dict] = []
    seen = set()
    for r in plan.relations:
        t = r.target if r.kind in ARCHITECTURE_RELATIONS else cat_of.get(r.target or "", r.target)
        item = (r.kind, cat_of[r.subject], t)
        if item not in seen:
            seen.add(item)
            rels.append({"kind": r.kind, "subject": item[1], "target": t})
    return {"room": {"type": plan.room.type}, "objects": objects, "relations": rels}
