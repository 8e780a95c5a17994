"""Semantic validators: what the scene holds against what the plan asked for.

All three follow SceneEval (Tam et al., arXiv 2503.14756) where it defines the metric, with the plan as the annotation:

* ``counts``: object count (CNT) with the ``eq`` quantifier; placed objects are matched by category.
* ``attributes``: attributes (ATR): per planned object and asked attribute (colour, material, style, size word), whether
  the placed object shows it, read from the scene's metadata (asset colour, size, instance attributes), no pictures.
* ``relations``: object–object (OOR) and object–architecture (OAR) relations, each scored in [0, 1] by the one shared
  scorer, ``scenegen.solve.relations.score_relation``, and satisfied when the score is > 0.5.
* ``room_type``: ours (SceneEval has none): whether the placed objects are ones the planned room type usually holds,
  from the catalog's ``Category.rooms``.
"""

from __future__ import annotations

from typing import Any

from scenegen import catalog
from scenegen.assets.colours import COLOURS, VIVID_WORDS, colour_rgb, is_vivid, material_rgb
from scenegen.design.loader import programs
from scenegen.scene import ARCHITECTURE_RELATIONS, Attributes, Finding, ObjectInstance, PlannedObject, Relation, Scene
from scenegen.solve.relations import SATISFIED, Box, back_wall_distance, gap, score_relation
from validators.context import ValidationContext
from validators.registry import VALIDATORS

COLOUR_TOL = 0.02
"""Largest per-channel difference (RGB in [0, 1]) between an asset's colour and the asked colour that still matches;
the generator stores colours rounded to 1e-4, so anything beyond this is a different colour."""
SIZE_WORD_TOL = 0.08
"""A category size word (``queen``) is shown when width and depth are within this fraction of the word's size: the
generator jitters by 2 % and ``small`` / ``large`` scale by 5 %."""


# ----------------------------------------------------------------------------------------------------------------------
# counts
# ----------------------------------------------------------------------------------------------------------------------


@VALIDATORS.register("counts")
def counts(scene: Scene, ctx: ValidationContext) -> list[Finding]:
    """SceneEval CNT (``eq``): per category, placed count == planned count.

    One ``pass`` or ``fail`` finding per category (sorted by name; a failing one names the objects the solver could not
    place and why, from ``scene.unplaced``, the planned objects missing from the scene with no reason recorded, or the
    extra objects), and an ``object_counts`` summary with score = matched categories / categories. An unplaced object
    in a matched category is reported as a ``warn``.
    """
    planned, placed = scene.plan.counts(), scene.counts()
    unplaced_by_cat: dict[str, list] = {}
    for u in scene.unplaced:
        unplaced_by_cat.setdefault(u.category, []).append(u)
    planned_ids = {o.id for o in scene.plan.objects}
    placed_all = {o.id for o in scene.objects}
    findings: list[Finding] = []
    matched = 0
    categories = sorted(set(planned) | set(placed))
    for cat in categories:
        want, got = planned.get(cat, 0), placed.get(cat, 0)
        missing = unplaced_by_cat.get(cat, [])
        placed_ids = [o.id for o in scene.objects if o.category == cat]
        evidence = {"category": cat, "planned": want, "placed": got,
                    "unplaced": {u.id: u.reason for u in missing}}
        if want == got:
            matched += 1
            status = "warn" if missing else "pass"
            message = f"{cat}: asked for {want}, placed {got}"
            if missing:
                message += "; " + "; ".join(f"{u.id} is listed as unplaced: {u.reason}" for u in missing)
            findings.append(Finding(validator="counts", check="object_count", status=status, score=1.0,
                                    message=message, object_ids=placed_ids + [u.id for u in missing],
                                    evidence=evidence,
                                    fix="remove the stale unplaced entries" if missing else ""))
            continue
        if got < want:
            reasoned = {u.id for u in missing}
            silent = [o.id for o in scene.plan.objects
                      if o.category == cat and o.id not in placed_all and o.id not in reasoned]
            parts = [f"{u.id} could not be placed: {u.reason}" for u in missing]
            if want - got > len(missing):
                named = f" ({', '.join(silent)})" if silent else ""
                parts.append(f"{want - got - len(missing)} missing with no reason recorded{named}")
            message = f"asked for {want} {cat}, placed {got}: {'; '.join(parts)}"
            ids = [u.id for u in missing] + silent
            evidence["missing"] = silent
            if missing:
                fix = f"make room for {', '.join(ids)} (larger room, fewer or smaller objects) or re-plan"
            else:
                fix = f"add {', '.join(silent) if silent else f'{want - got} {cat}'} to the scene (re-run the solver)"
        else:
            extra = [i for i in placed_ids if i not in planned_ids] or placed_ids[want:]
            message = f"asked for {want} {cat}, placed {got}: extra {', '.join(extra)}"
            ids = extra
            fix = f"remove {', '.join(extra)}"
        findings.append(Finding(validator="counts", check="object_count", status="fail",
                                score=round(min(want, got) / max(want, got), 4), message=message,
                                object_ids=ids, evidence=evidence, fix=fix))
    score = matched / len(categories) if categories else 1.0
    bad = [c for c in categories if planned.get(c, 0) != placed.get(c, 0)]
    findings.append(Finding(
        validator="counts", check="object_counts", status="fail" if bad else "pass", score=round(score, 4),
        message=(f"{matched} of {len(categories)} categories have the planned count; wrong: {', '.join(bad)}" if bad
                 else f"all {len(categories)} categories have the planned count"),
        object_ids=[u.id for u in scene.unplaced],
        evidence={"categories": len(categories), "matched": matched,
                  "unplaced": {u.id: u.reason for u in scene.unplaced}},
        fix="see the per-category findings" if bad else "",
    ))
    return findings


# ----------------------------------------------------------------------------------------------------------------------
# attributes
# ----------------------------------------------------------------------------------------------------------------------

AttributeCheck = tuple[bool, str, dict[str, Any]]
"""(shown, what was seen in words, evidence) for one asked attribute."""


def nearest_colour_name(rgb: tuple[float, float, float]) -> str:
    """The colour word in ``scenegen.assets.colours.COLOURS`` closest to ``rgb`` (RGB in [0, 1], Euclidean)."""
    return min(sorted(COLOURS), key=lambda n: sum((a - b) ** 2 for a, b in zip(COLOURS[n], rgb)))


def _rgb_close(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    return max(abs(x - y) for x, y in zip(a, b)) <= COLOUR_TOL


def _rgb(v: tuple[float, float, float]) -> list[float]:
    return [round(float(c), 4) for c in v]


def _check_metadata(inst: ObjectInstance, name: str, asked: str) -> AttributeCheck | None:
    """A failing check when the instance's own metadata names a different value than the plan; else None."""
    have = getattr(inst.attributes, name)
    if have == asked:
        return None
    return False, f"its metadata says {name} {have!r}", {"metadata": have}


def _check_colour(inst: ObjectInstance, asked: str) -> AttributeCheck:
    """The asset's colour must be the asked colour word's RGB (``colour_rgb``), within ``COLOUR_TOL``."""
    want = colour_rgb(asked)
    have = tuple(inst.asset.colour)
    ev: dict[str, Any] = {"asset_rgb": _rgb(have), "nearest_colour": nearest_colour_name(have)}
    if want is None and asked in VIVID_WORDS:
        ok = is_vivid(have)
        return ok, f"its asset colour {ev['asset_rgb']} is {'' if ok else 'not '}vivid ({asked})", ev
    if want is None:
        return False, f"{asked!r} is not a colour the generator knows", {**ev, "expected_rgb": None}
    ev["expected_rgb"] = _rgb(want)
    if _rgb_close(have, want):
        return True, f"its asset colour {ev['asset_rgb']} is {asked}", ev
    return False, f"its asset colour {ev['asset_rgb']} looks {ev['nearest_colour']}, not {asked}", ev


def _check_material(inst: ObjectInstance, asked: str, colour_asked: bool) -> AttributeCheck:
    """Metadata names the material; with no colour asked, the asset colour must also be the material's colour."""
    bad = _check_metadata(inst, "material", asked)
    if bad:
        return bad
    want = material_rgb(asked)
    if colour_asked or want is None:  # the colour word wins in the generator, or the material has no colour
        return True, f"its metadata says {asked}", {"verified": "metadata"}
    have = tuple(inst.asset.colour)
    ev = {"verified": "asset colour", "asset_rgb": _rgb(have), "expected_rgb": _rgb(want)}
    if _rgb_close(have, want):
        return True, f"its asset has the {asked} colour", ev
    return False, f"its asset colour {ev['asset_rgb']} is not {asked}'s {ev['expected_rgb']}", ev


def _check_size(inst: ObjectInstance, asked: str) -> AttributeCheck:
    """Category words (``queen``): width and depth within ``SIZE_WORD_TOL`` of the word's size; general words: volume
    (``small`` / ``large``) or height (``tall`` / ``short``) against the category's typical size; others: metadata."""
    w, d, h = inst.size
    ev: dict[str, Any] = {"size_m": [round(v, 4) for v in inst.size]}
    try:
        cat = catalog.get(inst.category)
    except KeyError:
        cat = None
    if cat is None or inst.generic:
        bad = _check_metadata(inst, "size", asked)
        return bad or (True, f"its metadata says {asked}", {**ev, "verified": "metadata"})
    words = [asked, *asked.replace("-", " ").split()]
    exact = next((s for s in (catalog.size_for_word(cat, x) for x in words) if s is not None), None)
    if exact is not None:
        ew, ed = (min(max(e, lo), hi) for e, lo, hi in zip(exact[:2], cat.size_min, cat.size_max))
        ev.update(verified="size word", expected_m=[ew, ed])
        ok = abs(w / ew - 1) <= SIZE_WORD_TOL and abs(d / ed - 1) <= SIZE_WORD_TOL
        seen = f"{w:.2f} × {d:.2f} m"
        return ok, (f"it is {seen}, a {asked} size" if ok else f"it is {seen}, not {asked} ({ew:.2f} × {ed:.2f} m)"), ev
    classes = [c for c in (catalog.size_class(x) for x in words) if c]
    if not classes:
        bad = _check_metadata(inst, "size", asked)
        return bad or (True, f"its metadata says {asked}", {**ev, "verified": "metadata"})
    tw, td, th = cat.size_typical
    vol, typical = w * d * h, tw * td * th
    ev.update(verified="size", typical_m=list(cat.size_typical))
    tests = {"small": (vol < typical, f"volume {vol:.2f} m³ vs typical {typical:.2f} m³"),
             "large": (vol > typical, f"volume {vol:.2f} m³ vs typical {typical:.2f} m³"),
             "tall": (h > th, f"height {h:.2f} m vs typical {th:.2f} m"),
             "short": (h < th, f"height {h:.2f} m vs typical {th:.2f} m")}
    ok, seen = tests[classes[0]]
    return ok, f"its {seen}", ev


def _attribute_checks(plan_obj: PlannedObject, inst: ObjectInstance) -> list[tuple[str, str, AttributeCheck]]:
    """(attribute name, asked value, check) for each attribute the plan asks of this object."""
    a: Attributes = plan_obj.attributes
    out: list[tuple[str, str, AttributeCheck]] = []
    if a.colour:
        out.append(("colour", a.colour, _check_metadata(inst, "colour", a.colour) or _check_colour(inst, a.colour)))
    if a.material:
        out.append(("material", a.material, _check_material(inst, a.material, colour_asked=bool(a.colour))))
    if a.style:  # no generator draws styles: the metadata is all there is to check
        bad = _check_metadata(inst, "style", a.style)
        out.append(("style", a.style, bad or (True, f"its metadata says {a.style}", {"verified": "metadata"})))
    if a.size:
        out.append(("size", a.size, _check_metadata(inst, "size", a.size) or _check_size(inst, a.size)))
    return out


_ATTRIBUTE_FIX: dict[str, str] = {
    "colour": "rebuild {id}'s asset in {value} (set its asset colour to {value})",
    "material": "rebuild {id}'s asset in {value}",
    "style": "set {id}'s style to {value}",
    "size": "rebuild {id} at a {value} size",
}


@VALIDATORS.register("attributes")
def attributes(scene: Scene, ctx: ValidationContext) -> list[Finding]:
    """SceneEval ATR: per planned object and asked attribute, whether the placed object shows it.

    Colour: the asset's colour equals the colour word's RGB (``scenegen.assets.colours``) within ``COLOUR_TOL``.
    Material: the instance's metadata names it and, when no colour is asked, the asset has the material's colour.
    Style: the instance's metadata (no generator draws styles). Size: category words by width and depth, general words
    by volume or height against the category's typical size. Every attribute also needs the instance's metadata to
    agree with the plan. An unplaced object shows none of its attributes.

    One ``attribute`` finding per (object, attribute), and an ``attribute_rate`` summary with score = fraction shown.
    """
    placed = {o.id: o for o in scene.objects}
    findings: list[Finding] = []
    for obj in scene.plan.objects:
        inst = placed.get(obj.id)
        asked = {k: v for k, v in obj.attributes.model_dump().items() if v}
        if inst is None:
            for name, value in asked.items():
                findings.append(Finding(
                    validator="attributes", check="attribute", status="fail", score=0.0,
                    message=f"{obj.id} was not placed, so it cannot show {name} {value!r}", object_ids=[obj.id],
                    evidence={"attribute": name, "asked": value, "placed": False},
                    fix=f"place {obj.id} (see the counts findings)"))
            continue
        for name, value, (ok, seen, ev) in _attribute_checks(obj, inst):
            findings.append(Finding(
                validator="attributes", check="attribute", status="pass" if ok else "fail", score=float(ok),
                message=(f"{obj.id} is asked to be {value} ({name}): " + ("yes, " if ok else "no, ") + seen),
                object_ids=[obj.id], evidence={"attribute": name, "asked": value, **ev},
                fix="" if ok else _ATTRIBUTE_FIX[name].format(id=obj.id, value=value)))
    shown = sum(f.status == "pass" for f in findings)
    bad = [f for f in findings if f.status == "fail"]
    total = len(findings)
    findings.append(Finding(
        validator="attributes", check="attribute_rate", status="fail" if bad else "pass",
        score=round(shown / total, 4) if total else 1.0,
        message=(f"{shown} of {total} asked attributes are shown; not shown: "
                 + ", ".join(f"{f.object_ids[0]} {f.evidence['asked']}" for f in bad) if bad
                 else f"all {total} asked attributes are shown" if total else "the plan asks for no attributes"),
        object_ids=sorted({f.object_ids[0] for f in bad}),
        evidence={"asked": total, "shown": shown},
        fix="see the attribute findings" if bad else ""))
    return findings


# ----------------------------------------------------------------------------------------------------------------------
# relations
# ----------------------------------------------------------------------------------------------------------------------

_RELATION_FIX: dict[str, str] = {
    "on_top": "put {s} on top of {t}",
    "under": "put {s} under {t}",
    "next_to": "move {s} within 0.5 m of {t}",
    "near": "move {s} within 1.5 m of {t}",
    "far": "move {s} more than 4 m from {t}",
    "face_to": "turn {s} to face {t} (within 30°)",
    "across_from": "move {s} 0.3–4 m across from {t}, facing it",
    "left_of": "move {s} to the left of {t}, within 1.5 m",
    "right_of": "move {s} to the right of {t}, within 1.5 m",
    "in_front_of": "move {s} in front of {t}, within 1.5 m",
    "behind": "move {s} behind {t}, within 1.5 m",
    "side_of": "move {s} beside {t}, within 1.5 m",
    "around": "move {s} within 0.6 m of {t}, facing it",
    "middle_of": "centre {s} on {t}",
    "aligned": "turn {s} to the same heading as {t}",
    "paired": "move {s} within 0.5 m of {t} with the same heading",
    "against_wall": "move {s} back to within 0.3 m of a wall, facing away from it",
    "on_wall": "mount {s} flat on a wall",
    "corner": "move {s} into a corner (within 0.3 m of two walls)",
    "middle_of_room": "move {s} to the middle of the room",
    "next_to_window": "move {s} within 1 m of the {t}",
    "next_to_door": "move {s} within 1 m of the {t}",
    "hang_from_ceiling": "hang {s} from the ceiling",
}


def _relation_text(rel: Relation) -> str:
    target = rel.target if rel.kind not in ARCHITECTURE_RELATIONS else (rel.target or "room")
    return f"{rel.subject} {rel.kind} {target}" if rel.kind not in ("middle_of_room", "corner") else \
        f"{rel.subject} {rel.kind}"


def _measure(rel: Relation, boxes: dict[str, Box], scene: Scene) -> dict[str, float]:
    """Numbers that help a person read a score: the footprint gap (object–object) or the back-to-wall distance."""
    s = boxes[rel.subject]
    if rel.kind in ("against_wall", "on_wall"):
        d = back_wall_distance(s, scene.room)
        return {"back_wall_distance_m": round(d, 4)} if d != float("inf") else {}
    t = boxes.get(rel.target or "")
    if t is not None and rel.kind not in ARCHITECTURE_RELATIONS:
        return {"gap_m": round(gap(s, t), 4)}
    return {}


def _relation_finding(rel: Relation, boxes: dict[str, Box], scene: Scene, index: int) -> Finding:
    """One finding for one plan relation (SceneEval: satisfied when the score is > 0.5)."""
    is_arch = rel.kind in ARCHITECTURE_RELATIONS
    ev: dict[str, Any] = {"index": index, "kind": rel.kind, "subject": rel.subject, "target": rel.target,
                          "source": rel.source, "type": "object-architecture" if is_arch else "object-object"}
    ids = [rel.subject] if is_arch or rel.target is None else [rel.subject, rel.target]
    text = _relation_text(rel)
    said = f" (\"{rel.source}\")" if rel.source else ""
    unplaced = [i for i in ids if i not in boxes]
    if unplaced:
        reasons = {u.id: u.reason for u in scene.unplaced}
        why = "; ".join(f"{i} was not placed" + (f": {reasons[i]}" if i in reasons else "") for i in unplaced)
        return Finding(validator="relations", check="relation", status="fail", score=0.0,
                       message=f"{text}{said} cannot hold: {why}", object_ids=ids,
                       evidence={**ev, "score": 0.0, "unplaced": unplaced},
                       fix=f"place {', '.join(unplaced)} (see the counts findings)")
    score = float(score_relation(rel, boxes, scene.room))
    ev.update(score=round(score, 4), **_measure(rel, boxes, scene))
    ok = score > SATISFIED
    detail = ", ".join(f"{k.removesuffix('_m').replace('_', ' ')} {v:.2f} m" for k, v in ev.items() if k.endswith("_m"))
    detail = f"score {score:.2f}" + (f", {detail}" if detail else "")
    message = f"{text}{said}: {'satisfied' if ok else 'not satisfied'} ({detail})"
    fix = "" if ok else _RELATION_FIX.get(rel.kind, "move {s} to satisfy the relation").format(
        s=rel.subject, t=rel.target or "room")
    return Finding(validator="relations", check="relation", status="pass" if ok else "fail", score=round(score, 4),
                   message=message, object_ids=ids, evidence=ev, fix=fix)


def _rate(found: list[Finding]) -> float | None:
    return round(sum(f.status == "pass" for f in found) / len(found), 4) if found else None


@VALIDATORS.register("relations")
def relations(scene: Scene, ctx: ValidationContext) -> list[Finding]:
    """SceneEval OOR and OAR: every plan relation scored by ``score_relation`` on ``Box.of`` boxes; satisfied > 0.5.

    One ``relation`` finding per plan relation (in plan order; evidence: kind, subject, target, score, the prompt
    phrase it came from, and the footprint gap or back-to-wall distance where it helps). A relation whose subject or
    object target was not placed fails and names it. A ``relation_rate`` summary gives the satisfied fraction, with
    the object–object (OOR) and object–architecture (OAR) rates in its evidence.
    """
    boxes = {o.id: Box.of(o) for o in scene.objects}
    found = [_relation_finding(r, boxes, scene, i) for i, r in enumerate(scene.plan.relations)]
    bad = [f for f in found if f.status == "fail"]
    oor = [f for f in found if f.evidence["type"] == "object-object"]
    oar = [f for f in found if f.evidence["type"] == "object-architecture"]
    n = len(found)
    summary = Finding(
        validator="relations", check="relation_rate", status="fail" if bad else "pass",
        score=_rate(found) if n else 1.0,
        message=(f"{n - len(bad)} of {n} relations satisfied; not: "
                 + "; ".join(_relation_text(scene.plan.relations[f.evidence["index"]]) for f in bad) if bad
                 else f"all {n} relations satisfied" if n else "the plan has no relations"),
        object_ids=sorted({i for f in bad for i in f.object_ids}),
        evidence={"relations": n, "satisfied": n - len(bad), "object_object_rate": _rate(oor),
                  "object_architecture_rate": _rate(oar)},
        fix="see the relation findings" if bad else "")
    return [*found, summary]


# ----------------------------------------------------------------------------------------------------------------------
# room type
# ----------------------------------------------------------------------------------------------------------------------


def room_votes(categories: list[str]) -> dict[str, float]:
    """Room type -> votes from the catalog's ``rooms``: each object gives 1 / (its number of room types) to each."""
    votes: dict[str, float] = {}
    for cat in categories:
        try:
            rooms = catalog.get(cat).rooms
        except KeyError:
            continue
        for r in rooms:
            votes[r] = votes.get(r, 0.0) + 1.0 / len(rooms)
    return votes


def typical_categories(room_type: str, limit: int = 3) -> list[str]:
    """What ``room_type`` holds first, at most ``limit``: its room program's zone anchors (core zones first), then
    its core zones' floor members (``scenegen.design``); else the catalog categories that point at it most strongly."""
    program = next((p for p in programs().values() if room_type == p.name or room_type in p.planner_types), None)
    if program is not None:
        zones = sorted(program.zones, key=lambda z: not z.core)
        anchors = [m.category for z in zones for m in z.members if m.anchor]
        anchors += [m.category for z in zones if z.core for m in z.members if not m.on]
        if anchors:
            return list(dict.fromkeys(anchors))[:limit]
    cats = [c for c in catalog.names() if room_type in catalog.get(c).rooms]
    return sorted(cats, key=lambda c: (len(catalog.get(c).rooms), c))[:limit]


def _pretty(room_type: str) -> str:
    """``living_room`` -> ``a living room``, ``office`` -> ``an office``."""
    name = room_type.replace("_", " ")
    return ("an " if name[:1] in "aeiou" else "a ") + name


@VALIDATORS.register("room_type")
def room_type(scene: Scene, ctx: ValidationContext) -> list[Finding]:
    """Whether the placed objects are ones the planned room type holds (catalog ``rooms``; ours, SceneEval has none).

    ``skip`` when the plan names no room type the catalog knows; ``fail`` when none of the placed objects belongs in
    that room type (a "bedroom" of an office chair and a filing cabinet); ``warn`` when some do but the objects vote
    more strongly for another type; else ``pass`` (also for an empty scene: nothing contradicts the type, and for a
    room type the prompt names furnished only with categories the prompt names). Score = the planned type's share of
    the objects' votes.
    """
    planned = scene.plan.room.type
    known = {r for c in catalog.names() for r in catalog.get(c).rooms}
    if planned not in known:
        return [Finding(validator="room_type", check="room_type", status="skip",
                        message=f"the plan's room type {planned!r} has no typical objects in the catalog",
                        evidence={"room_type": planned})]
    if not scene.objects:
        return [Finding(validator="room_type", check="room_type", status="pass", score=1.0,
                        message=f"no objects placed, so nothing says this is not {_pretty(planned)}",
                        evidence={"room_type": planned})]
    typical = [o.id for o in scene.objects if planned in _rooms_of(o.category)]
    votes = room_votes([o.category for o in scene.objects])
    total = sum(votes.values())
    share = votes.get(planned, 0.0) / total if total else 0.0
    best = max(sorted(votes), key=lambda r: votes[r]) if votes else None
    ev = {"room_type": planned, "typical_objects": typical, "votes": {k: round(v, 3) for k, v in sorted(votes.items())},
          "best": best}
    name, wants = _pretty(planned), ", ".join(typical_categories(planned))
    contradicted = not typical or (best != planned and votes[best] > votes.get(planned, 0.0))
    asked = _asked_for(scene) if contradicted else None
    if asked is not None:
        return [Finding(validator="room_type", check="room_type", status="pass", score=round(share, 4),
                        message=f"the prompt asks for {name} holding these {len(scene.objects)} objects"
                                + (f" (the catalog does not list {', '.join(asked)} for {name})" if asked else ""),
                        object_ids=[o.id for o in scene.objects], evidence={**ev, "stated_by_prompt": True})]
    if not typical:
        looks = (f"; they suggest {_pretty(best)}" if best else "")
        return [Finding(validator="room_type", check="room_type", status="fail", score=round(share, 4),
                        message=f"the plan calls this {name} but none of its {len(scene.objects)} objects belongs "
                                f"in one{looks}",
                        object_ids=[o.id for o in scene.objects], evidence=ev,
                        fix=f"add what {name} holds ({wants})" + (f" or call it {_pretty(best)}" if best else ""))]
    if best != planned and votes[best] > votes.get(planned, 0.0):
        return [Finding(validator="room_type", check="room_type", status="warn", score=round(share, 4),
                        message=f"the objects look more like {_pretty(best)} than {name} "
                                f"({votes[best]:.1f} vs {votes.get(planned, 0.0):.1f} votes); "
                                f"only these belong in {name}: {', '.join(typical)}",
                        object_ids=typical, evidence=ev,
                        fix=f"add what {name} holds ({wants}) or call it {_pretty(best)}")]
    return [Finding(validator="room_type", check="room_type", status="pass", score=round(share, 4),
                    message=f"{name}: {', '.join(typical)} belong in one", object_ids=typical, evidence=ev)]


def _asked_for(scene: Scene) -> list[str] | None:
    """When the prompt names the planned room type and every placed object's category: the categories among them the
    catalog does not list for that room (sorted); else None. A room the user described, furnished as described, is
    what was asked for, whatever the catalog's room lists say (issue 20: "a classroom with ten desks and ten chairs")."""
    prompt = scene.plan.prompt.lower()
    room = scene.plan.room.type
    if not _names_word(prompt, [room.replace("_", " ")]):
        return None
    foreign: set[str] = set()
    for o in scene.objects:
        try:
            entry = catalog.get(o.category)
        except KeyError:
            return None
        if not _names_word(prompt, [o.category.replace("_", " "), *entry.synonyms]):
            return None
        if room not in entry.rooms:
            foreign.add(o.category)
    return sorted(foreign)


def _names_word(text: str, names: list[str]) -> bool:
    """Whether ``text`` (lower case) holds one of ``names`` as whole words, singular or with a plural -s/-es."""
    import re

    return any(re.search(rf"(?<![a-z]){re.escape(n.lower())}(?:e?s)?(?![a-z])", text) for n in names if n)


def _rooms_of(category: str) -> tuple[str, ...]:
    try:
        return catalog.get(category).rooms
    except KeyError:
        return ()
