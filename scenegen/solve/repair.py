"""Validator findings -> constraints and moves for the next solve (the repair loop's one step).

Each failed finding names objects; what is done with them depends on what failed:

| failed check            | next attempt                                                                     |
| ----------------------- | -------------------------------------------------------------------------------- |
| unplaced object         | placed before the others of its kind                                             |
| collision               | every object of the pair but the largest leaves its spot                         |
| support, stability      | the object leaves its spot (another spot on its support, or elsewhere)           |
| out_of_bounds           | the object leaves its spot                                                       |
| opening_clearance       | the object leaves its spot and keeps out of every door and window clearance box  |
| navigability            | the objects that wall off floor, largest excepted, leave their spots             |
| accessibility           | the object leaves its spot, and all its functional sides must face free floor    |
| relations               | the relation weighs three times more, and its subject is placed earlier          |
| vision: hidden          | the object leaves its spot (it is inside or behind something in every view)      |

Per-object findings name their object first; summary findings (checks ending in ``_rate``) are skipped.
Attribute, room-type, count, scale and the judge's category and colour verdicts are not placement problems and change nothing here (a count failure
is an unplaced object, handled above).
"""

from __future__ import annotations

import copy

from scenegen.scene import Report, Scene
from scenegen.solve.solver import RepairHints

MOVERS = frozenset({"support", "stability", "out_of_bounds"})
RELATION_BOOST = 3.0


def repair_hints(scene: Scene, report: Report, previous: RepairHints | None = None) -> tuple[RepairHints, list[str]]:
    """The hints for the next attempt (``previous`` extended, never mutated) and what they change, in words."""
    hints = copy.deepcopy(previous) if previous else RepairHints()
    placed = {o.id: o for o in scene.objects}
    words: list[str] = []

    def move(oid: str, why: str) -> None:
        inst = placed.get(oid)
        if inst is None:
            return
        pose = (inst.pose.position[0], inst.pose.position[1], inst.pose.yaw)
        if pose not in hints.avoid.setdefault(oid, []):
            hints.avoid[oid].append(pose)
            words.append(f"move {oid} ({why})")

    for u in scene.unplaced:
        if u.id not in hints.first:
            hints.first.add(u.id)
            words.append(f"place {u.id} earlier (it found no spot)")
    for f in report.findings:
        if f.status != "fail" or f.check.endswith("_rate"):
            continue
        ids = [i for i in f.object_ids if i in placed]
        if f.validator == "collision" and len(ids) >= 2:
            keep = max(ids, key=lambda i: _footprint(scene, i))
            for oid in ids:
                if oid != keep:
                    move(oid, f"it intersects {keep}")
        elif f.validator in MOVERS and ids:
            move(ids[0], f"{f.validator} failed")
        elif f.validator == "opening_clearance" and ids:
            for oid in ids:
                if oid not in hints.clear_openings:
                    hints.clear_openings.add(oid)
                move(oid, "it stands in front of a door or window")
        elif f.validator == "navigability" and ids:
            largest = max(ids, key=lambda i: _footprint(scene, i))
            for oid in ids:
                if oid != largest:
                    move(oid, "it walls off floor")
        elif f.validator == "accessibility" and ids:
            hints.clear_front.add(ids[0])
            move(ids[0], "its functional side cannot be reached")
        elif f.validator == "vision" and f.check == "hidden" and ids:
            move(ids[0], "the judge cannot see it in any view")
        elif f.validator == "relations" and "index" in f.evidence:
            i = int(f.evidence["index"])
            hints.relation_weight[i] = hints.relation_weight.get(i, 1.0) * RELATION_BOOST
            rel = scene.plan.relations[i]
            hints.first.add(rel.subject)
            words.append(f"weigh '{rel.subject} {rel.kind} {rel.target or ''}'".rstrip() + f" {RELATION_BOOST:g}× more")
    return hints, words


def _footprint(scene: Scene, oid: str) -> float:
    w, d, _ = scene.object(oid).size
    return w * d
