"""The hybrid's cross-check: a model's plan against the rules planner's for what the text states explicitly.

The rules planner reads numbers, named catalog objects, attributes and explicit relation phrases straight off the
prompt; where the model disagrees, the text (the rules reading) wins and a note says what changed. What the model adds
that the rules reader did not find (an open-vocabulary object, a relation the word rules missed) is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from scenegen import catalog
from scenegen.plan.physics import make_plausible
from scenegen.scene import Attributes, LayoutPlan, PlannedObject, Relation


def _fresh_id(category: str, taken: set[str]) -> str:
    """The first ``<category>_<n>`` not in ``taken`` (added to it)."""
    n = 1
    while f"{category}_{n}" in taken:
        n += 1
    taken.add(f"{category}_{n}")
    return f"{category}_{n}"


def _mentioned(text: str, obj: PlannedObject) -> bool:
    """Whether the normalised prompt ``text`` (space-padded) names ``obj``: its category or a synonym, or for an
    object outside the catalog its own noun."""
    if obj.generic:
        phrases = [obj.description]
    else:
        cat = catalog.get(obj.category)
        phrases = [cat.name, *cat.synonyms]
    return any(f" {catalog.normalise_phrase(p)} " in text for p in phrases if catalog.normalise_phrase(p))


def cross_check(model: LayoutPlan, rules: LayoutPlan, planner: str = "hybrid",
                normalise: Callable[[str], tuple[str | None, float]] | None = None) -> LayoutPlan:
    """A new plan: the rules plan's objects, counts, attributes and relations, plus what the model adds that the text
    names. An object only the model planned is kept when the prompt names it (a catalog synonym or its own noun);
    when the prompt does not, it replaces a generic object of the rules plan whose noun ``normalise`` maps to its
    category ("telly" -> tv), and is dropped otherwise (with a note either way)."""
    notes = [*model.notes]
    by_cat_model, by_cat_rules = _by_category(model), _by_category(rules)
    id_map: dict[str, str] = {}  # model id -> merged id
    text = f" {catalog.normalise_phrase(rules.prompt)} "
    objects = _rules_objects(by_cat_rules, by_cat_model, id_map, notes, text)
    taken = {o.id for o in objects}
    rules_renamed = _add_model_objects(text, by_cat_model, by_cat_rules, objects, id_map, taken, normalise, notes)
    relations, added = _merge_relations(model, rules, id_map, rules_renamed, taken, notes)
    merged = LayoutPlan(prompt=rules.prompt, room=rules.room if rules.room else model.room, objects=objects,
                        relations=relations, notes=notes, planner=planner, program=rules.program,
                        style=rules.style or model.style, themes=rules.themes, excluded=rules.excluded,
                        only=rules.only)
    return make_plausible(merged, invented=frozenset(range(len(relations) - added, len(relations))))


def _by_category(plan: LayoutPlan) -> dict[str, list[PlannedObject]]:
    """The plan's objects by category (``generic:<noun>`` for an object outside the catalog), in plan order."""
    out: dict[str, list[PlannedObject]] = {}
    for o in plan.objects:
        out.setdefault(o.category if not o.generic else f"generic:{o.description}", []).append(o)
    return out


def _rules_objects(by_cat_rules: dict[str, list[PlannedObject]], by_cat_model: dict[str, list[PlannedObject]],
                   id_map: dict[str, str], notes: list[str], text: str = "") -> list[PlannedObject]:
    """The rules plan's objects, each with the attributes the text left open filled from the model's object of the
    same category and rank (the text's win where both say one; a model's colour, material or style only when its
    words are in the text, ``text`` being the normalised prompt padded with spaces). Fills ``id_map`` (model id ->
    rules id) and adds a note for every count or attribute the two disagree on."""
    objects: list[PlannedObject] = []
    for cat, robjs in by_cat_rules.items():
        mobjs = by_cat_model.get(cat, [])
        if len(mobjs) != len(robjs):
            notes.append(f"cross-check: the text asks for {len(robjs)} {cat}, the model planned {len(mobjs)}; "
                         f"kept {len(robjs)}")
        for i, ro in enumerate(robjs):
            attrs = ro.attributes
            update: dict = {}
            if i < len(mobjs):
                ma = mobjs[i].attributes
                filled = {k: getattr(attrs, k) or _grounded(k, getattr(ma, k), text)
                          for k in ("colour", "material", "style", "size")}
                for k in filled:
                    if getattr(attrs, k) and getattr(ma, k) and getattr(attrs, k) != getattr(ma, k):
                        notes.append(f"cross-check: {ro.id} {k} is {getattr(attrs, k)!r} in the text, the model "
                                     f"said {getattr(ma, k)!r}; kept the text's")
                attrs = Attributes(**filled)
                id_map[mobjs[i].id] = ro.id
                if ro.generic and ro.proposal is None and mobjs[i].proposal is not None:
                    update["proposal"] = mobjs[i].proposal  # the text names it; the model sizes it
            objects.append(ro.model_copy(update={**update, "attributes": attrs}))
    return objects


def _grounded(key: str, value: str | None, text: str) -> str | None:
    """The model's attribute ``value`` when the prompt says it (every word a whole word of ``text``) or it is a
    colour or material the generators know (the model reads "navy-ish" as navy); sizes and styles pass. A model once
    read "Moroccan" as the colour "ro", which no generator can show."""
    from scenegen.assets.colours import colour_rgb, material_rgb

    if value is None or key in ("size", "style") or not text:
        return value
    words = catalog.normalise_phrase(value).split()
    if words and all(f" {w} " in text for w in words):
        return value
    known = colour_rgb(value) if key == "colour" else material_rgb(value)
    return value if known is not None else None


def _add_model_objects(text: str, by_cat_model: dict[str, list[PlannedObject]],
                       by_cat_rules: dict[str, list[PlannedObject]], objects: list[PlannedObject],
                       id_map: dict[str, str], taken: set[str],
                       normalise: Callable[[str], tuple[str | None, float]] | None,
                       notes: list[str]) -> dict[str, str]:
    """Add (to ``objects``, in place) the model's objects of categories the rules plan lacks: kept when the prompt
    ``text`` names them, else naming a rules generic object whose noun ``normalise`` maps to their category, else
    dropped. Updates ``id_map`` and ``taken`` and notes each decision. Returns the renamed rules generic objects:
    old id -> new id."""
    rules_renamed: dict[str, str] = {}  # a rules generic object the model named: old id -> new id
    for cat, mobjs in by_cat_model.items():
        if cat in by_cat_rules:
            continue  # the text's count wins (the disagreement is noted above)
        if not _mentioned(text, mobjs[0]):
            generic = [o for o in objects if o.generic and o.id not in rules_renamed.values()
                       and normalise is not None and normalise(o.description)[0] == cat]
            if generic:  # the text's unknown noun is the model's category ("telly" -> tv): name it so
                for o in generic:
                    new_id = rules_renamed[o.id] = _fresh_id(cat, taken)
                    objects[objects.index(o)] = o.model_copy(update={"id": new_id, "category": cat, "generic": False,
                                                                     "proposal": None})
                for mo, o in zip(mobjs, generic):
                    id_map[mo.id] = rules_renamed[o.id]
                notes.append(f"cross-check: the text's '{generic[0].description}' is the model's {cat}; kept the "
                             f"text's count ({len(generic)})")
            else:
                notes.append(f"cross-check: the model added {len(mobjs)} {mobjs[0].description or cat} that the text "
                             f"does not mention; dropped")
            continue
        extra = mobjs
        for mo in extra:
            new_id = id_map[mo.id] = _fresh_id(mo.category, taken)
            objects.append(mo.model_copy(update={"id": new_id}))
        notes.append(f"cross-check: the model added {len(extra)} {cat} that the rules reader did not find")
    return rules_renamed


def _merge_relations(model: LayoutPlan, rules: LayoutPlan, id_map: dict[str, str], rules_renamed: dict[str, str],
                     taken: set[str], notes: list[str]) -> tuple[list[Relation], int]:
    """The rules plan's relations (renamed objects followed), then the model's relations whose subject only the model
    found (an open-vocabulary object needs a place), where the text fixes no relation of that kind for that subject
    nor any relation between the same two objects. A model relation about an object the rules reader read is not
    kept: on the public set, 22 of the 31 such relations were wrong (issue 17: a contribution that does not pay for
    itself is dropped). Returns them and how many came from the model (they come last); notes what the model missed,
    added and had dropped."""
    relations: list[Relation] = [r.model_copy(update={"subject": rules_renamed.get(r.subject, r.subject),
                                                      "target": rules_renamed.get(r.target or "", r.target)})
                                 for r in rules.relations]
    have = {(r.kind, r.subject, r.target) for r in relations}
    subj_kinds = {(r.kind, r.subject) for r in relations}
    pairs = {frozenset((r.subject, r.target)) for r in relations if r.target in taken}  # two objects the text relates
    read = {rules_renamed.get(o.id, o.id) for o in rules.objects}
    added = unread = 0
    for r in model.relations:
        s = id_map.get(r.subject)
        t = id_map.get(r.target, r.target) if r.target is not None else None
        if s is None or (r.target in {o.id for o in model.objects} and t not in taken):
            continue
        if s in read:
            unread += (r.kind, s, t) not in have
            continue
        if (r.kind, s, t) in have or (r.kind, s) in subj_kinds:
            continue  # the text already fixes this subject's relation of this kind
        if t in taken and frozenset((s, t)) in pairs:
            continue  # the text already says how these two stand ("a lamp on it": not also under it)
        have.add((r.kind, s, t))
        relations.append(r.model_copy(update={"subject": s, "target": t}))
        added += 1
    missing = len(rules.relations) - sum(
        1 for r in rules.relations if any(id_map.get(m.subject) == r.subject and m.kind == r.kind
                                          for m in model.relations))
    if missing > 0:
        notes.append(f"cross-check: kept {missing} relation(s) the text states that the model missed")
    if added:
        notes.append(f"cross-check: kept {added} relation(s) the model added for objects only it found")
    if unread:
        notes.append(f"cross-check: dropped {unread} relation(s) the model added between objects the text's reader "
                     f"read")
    return relations, added


def ground(model: LayoutPlan, planner: str = "hybrid") -> LayoutPlan | None:
    """The model's plan with only the objects the prompt names (as ``cross_check`` keeps the model's extras), for when
    the rules reader found nothing to check against; None when none is left (the text names no furniture)."""
    text = f" {catalog.normalise_phrase(model.prompt)} "
    kept = [o for o in model.objects if _mentioned(text, o)]
    if not kept:
        return None
    ids = {o.id for o in kept}
    dropped = sorted({o.description or o.category for o in model.objects if o.id not in ids})
    notes = [*model.notes]
    if dropped:
        notes.append(f"cross-check: the model planned {', '.join(dropped)}, which the text does not mention; dropped")
    relations = [r for r in model.relations if r.subject in ids and (r.target in ids or r.target not in
                                                                      {o.id for o in model.objects})]
    return model.model_copy(update={"objects": kept, "relations": relations, "notes": notes, "planner": planner})
