"""Semantic validators: what the scene holds against what the plan asked for.

``counts`` mirrors SceneEval's object-count metric (CNT; Tam et al., arXiv 2503.14756) with the ``eq`` quantifier:
the plan's per-category counts are the annotation, the scene's placed objects are matched by category.
"""

from __future__ import annotations

from scenegen.scene import Finding, Scene
from validators.context import ValidationContext
from validators.registry import VALIDATORS


@VALIDATORS.register("counts")
def counts(scene: Scene, ctx: ValidationContext) -> list[Finding]:
    """SceneEval CNT (``eq``): per category, placed count == planned count.

    One ``pass`` or ``fail`` finding per category (sorted by name; a failing one names the objects the solver could not
    place and why, from ``scene.unplaced``, or the extra objects), and an ``object_counts`` summary with
    score = matched categories / categories. An unplaced object in a matched category is reported as a ``warn``.
    """
    planned, placed = scene.plan.counts(), scene.counts()
    unplaced_by_cat: dict[str, list] = {}
    for u in scene.unplaced:
        unplaced_by_cat.setdefault(u.category, []).append(u)
    planned_ids = {o.id for o in scene.plan.objects}
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
            if missing:
                detail = "; ".join(f"{u.id} could not be placed: {u.reason}" for u in missing)
            else:
                detail = f"{want - got} missing with no reason recorded"
            message = f"asked for {want} {cat}, placed {got}: {detail}"
            ids = [u.id for u in missing]
            fix = (f"make room for {', '.join(ids)} (larger room, fewer or smaller objects) or re-plan"
                   if ids else f"add {want - got} {cat} to the scene")
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
