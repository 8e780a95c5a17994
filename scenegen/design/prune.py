"""After a solve: what the design stage added but the solver could not place is let go, not reported as a failure.

The prompt's objects stay the solver's promise (an unplaced one is still an error the user sees); a designer's extra
lamp that found no free top is simply not there. Design relations the solved room does not meet (a rug that could not
lie under its group) are dropped the same way, so the validators judge what the prompt asked for plus a physically
checked room, not a designer's unmet wishes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scenegen import catalog
from scenegen.design.complete import DESIGN_MARK, is_added, is_design_relation
from scenegen.design.loader import Program
from scenegen.scene import LayoutPlan, Report, Scene

if TYPE_CHECKING:
    from scenegen.design.brief import Brief


def prune_unplaced(scene: Scene) -> Scene:
    """``scene`` without the design objects the solver left unplaced (and their design relations), and without design
    relations scored <= 0.5. A scene with nothing added comes back unchanged (the same object)."""
    added = {o.id for o in scene.plan.objects if is_added(o)}
    if not added:
        return scene
    from scenegen.solve.relations import SATISFIED, Box, score_relation

    gone = {u.id for u in scene.unplaced if u.id in added}
    boxes = {o.id: Box.of(o) for o in scene.objects}
    relations = [r for r in scene.plan.relations if not is_design_relation(r)
                 or (r.subject not in gone and r.target not in gone
                     and score_relation(r, boxes, scene.room) > SATISFIED)]
    if not gone and len(relations) == len(scene.plan.relations):
        return scene
    plan = scene.plan.model_copy(update={"objects": [o for o in scene.plan.objects if o.id not in gone],
                                         "relations": relations})
    return scene.model_copy(update={"plan": plan, "unplaced": [u for u in scene.unplaced if u.id not in gone]})


IN_THE_WAY = frozenset({"accessibility", "navigability", "opening_clearance"})
"""Validators whose findings name an object first and then what stands in its way; other findings (stability,
support, collision) are about their first object itself."""
RELIEVE_MAX = 3
"""design objects let go per repair round"""
CROWD = 0.8
"""metres: design furniture this close to the objects of an unmet relation between the prompt's own objects is what
may stand in its way (an armchair where the prompt's rug should lie under its sofa)"""


def relieve(layout: LayoutPlan, scene: Scene, report: Report) -> tuple[LayoutPlan, list[str]]:
    """The layout without the design objects that failed checks name (a blocked sofa's blockers, a toppling vase),
    and without what stands on them; with the ids dropped. The program's core anchors (a living room's sofa) and the
    prompt's objects are never dropped: when no design
    object is named, the layout comes back unchanged for the solver's own repair to handle."""
    from scenegen.design.brief import read_brief

    level = _levels(layout, read_brief(layout))
    standing = {o.id for o in scene.objects if o.support not in ("wall", "ceiling")}
    added = {o.id: o.category for o in layout.objects if is_added(o)}
    votes: dict[str, int] = {}
    for f in report.findings:
        if f.status != "fail" or f.check.endswith("_rate"):
            continue
        # a finding names the object it is about first, then what stands in its way: let the blockers go first
        blockers = [oid for oid in f.object_ids[1:] if oid in added and oid in standing] \
            if f.validator in IN_THE_WAY else []  # what hangs on a wall blocks no one's way
        if f.check == "relation" and not any(oid in added for oid in f.object_ids):
            blockers = _crowding(scene, f.object_ids, set(added) & standing)
        ids = blockers or [oid for oid in f.object_ids[:1] if oid in added]
        for oid in ids:
            votes[oid] = votes.get(oid, 0) + 1
    # a few at a time, the least important and most blamed first (a walled-off floor names every object around it);
    # the program's core anchors (a living room's sofa) are never let go
    order = sorted((oid for oid in votes if level[oid] < 3), key=lambda oid: (level[oid], -votes[oid], oid))
    lowest = level[order[0]] if order else 0
    named = {oid for oid in order[:RELIEVE_MAX] if level[oid] == lowest}
    if lowest >= 2 and len(named) > 1:  # anchors go one at a time, the one carrying least (a desk takes its dressing)
        load = {oid: sum(1 for o in scene.objects if o.support == oid) for oid in named}
        named = {min(named, key=lambda oid: (load[oid], -votes[oid], oid))}
    if not named:
        return layout, []
    drop = set(named) | {t for t in _left_unseated(scene, named, added) if level[t] < 3}
    drop |= carried(scene, drop) & set(added)
    drop |= {r.subject for r in layout.relations if r.kind == "on_top" and r.target in drop and r.subject in added}
    objects = [o for o in layout.objects if o.id not in drop]
    relations = [r for r in layout.relations if r.subject not in drop and r.target not in drop]
    return layout.model_copy(update={"objects": objects, "relations": relations}), sorted(drop)


SEATED_GAP = 0.6
"""metres: a seat this close to a table or desk is at it (the design evaluation's completeness check reads it too)"""


def table_seats() -> frozenset[str]:
    """What a person sits on at a table or desk (``catalog.table_seats``)."""
    return catalog.table_seats()


def _left_unseated(scene: Scene, going: set[str], added: dict[str, str]) -> set[str]:
    """The design's tables and desks that letting ``going`` go would leave with no seat at them: a desk without its
    chair is not a work place, so it goes with its chair (the caller keeps a program's core table)."""
    from scenegen.solve.relations import Box, gap

    seats = table_seats()
    placed = {o.id: o for o in scene.objects}
    staying = [o for o in scene.objects if o.category in seats and o.id not in going]
    out = set()
    for oid in going:
        if oid not in placed or placed[oid].category not in seats:
            continue
        for table in scene.objects:
            if table.id in added and table.id not in going and "knee_top" in catalog.get(table.category).roles \
                    and gap(Box.of(table), Box.of(placed[oid])) < SEATED_GAP \
                    and not any(gap(Box.of(table), Box.of(s)) < SEATED_GAP for s in staying):
                out.add(table.id)
    return out


def _crowding(scene: Scene, ids: list[str], candidates: set[str]) -> list[str]:
    """The ``candidates`` (design floor objects) whose footprints come within ``CROWD`` m of any of ``ids``'s."""
    from shapely.geometry import Polygon

    from scenegen.freespace import footprint

    placed = {o.id: o for o in scene.objects}
    around = [Polygon(footprint(placed[i])) for i in ids if i in placed]
    return sorted(oid for oid in candidates if oid in placed and oid not in ids and placed[oid].support is None
                  and any(Polygon(footprint(placed[oid])).distance(p) <= CROWD for p in around))


def _levels(layout: LayoutPlan, brief: "Brief") -> dict[str, int]:
    """Design extra id -> how much a designer wants it kept (``_importance`` of its category; 3 for what the design
    stage added for one of the prompt's themes or personas, a cat tree for "a researcher who has a cat": what the
    person asked for is kept like the program's core)."""
    rank = _importance(brief.program)
    themed = tuple(f"{DESIGN_MARK} {t.name}:" for t in brief.themes)
    return {o.id: 3 if o.description.startswith(themed) else rank.get(o.category, 0)
            for o in layout.objects if is_added(o)}


def _importance(prog: Program) -> dict[str, int]:
    """Category -> how much a designer wants it kept: 3 core anchors, 2 other anchors, 1 members every group of a
    core zone gets, 0 the rest (optional members, decor, dressing)."""
    rank: dict[str, int] = {}
    for z in prog.zones:
        for m in z.members:
            level = 3 if (m.anchor and z.core) else 2 if m.anchor else 1 if (z.core and m.p >= 1.0 and
                                                                            m.level == "normal" and m.on is None) else 0
            for c in (m.category, *m.alt):
                rank[c] = max(rank.get(c, 0), level)
    return rank


SHED_ROUNDS = 3
"""rounds of letting failing design extras go from the last solved room, each re-validated"""


def without_objects(scene: Scene, ids: set[str]) -> Scene:
    """The solved ``scene`` less the objects ``ids`` (placed or not) and every plan relation that names one; nothing
    else moves, so what stays keeps its pose."""
    plan = scene.plan.model_copy(update={
        "objects": [o for o in scene.plan.objects if o.id not in ids],
        "relations": [r for r in scene.plan.relations if r.subject not in ids and r.target not in ids]})
    return scene.model_copy(update={"objects": [o for o in scene.objects if o.id not in ids],
                                    "unplaced": [u for u in scene.unplaced if u.id not in ids], "plan": plan})


def shed_extras(scene: Scene, report: Report, revalidate: Callable[[Scene], Report],
                rounds: int = SHED_ROUNDS) -> tuple[Scene, Report, list[tuple[list[str], Report]]]:
    """A room that still fails after the repair loop, with the design extras its failed checks name taken out as a
    designer would (the side table no one can reach, the armchair walling off the floor), without solving again.

    Each round lets go what ``relieve`` picks (never the prompt's objects nor the program's core anchors) and
    re-validates with ``revalidate``; a round is kept only when it leaves fewer failed findings. Returns the scene,
    its report and, per kept round, the ids let go and the report after (empty when nothing helped).
    """
    shed: list[tuple[list[str], Report]] = []
    for _ in range(rounds):
        fails = _failures(report)
        if not fails:
            break
        kept = False
        # what stands in the way first; failing that, the design extras the failed checks are about themselves
        for dropped in (relieve(scene.plan, scene, report)[1], _failing_extras(scene, report)):
            if not dropped:
                continue
            trial = without_objects(scene, set(dropped))
            trial_report = revalidate(trial)
            if _failures(trial_report) < fails:
                scene, report, kept = trial, trial_report, True
                shed.append((dropped, report))
                break
        if not kept:
            break
    return scene, report, shed


def _failing_extras(scene: Scene, report: Report) -> list[str]:
    """The design objects failed findings are about (an unreachable third bookshelf), never a program's core anchor
    or what a theme asked for, with what stands on them."""
    from scenegen.design.brief import read_brief

    level = _levels(scene.plan, read_brief(scene.plan))
    about = {f.object_ids[0] for f in report.findings if f.status == "fail" and not f.check.endswith("_rate")
             and f.object_ids and level.get(f.object_ids[0], 3) < 3}
    about |= carried(scene, about) & set(level)
    return sorted(about)


def carried(scene: Scene, ids: set[str]) -> set[str]:
    """The placed objects standing on one of ``ids``, which go when it goes. Furniture lifted onto a rug is not
    carried by it: letting a rug go leaves the dining table where it stands."""
    placed = {o.id: o for o in scene.objects}
    flat = catalog.with_role("flat")
    return {o.id for o in scene.objects if o.support in ids and placed[o.support].category not in flat}


def _failures(report: Report) -> int:
    return sum(f.status == "fail" for f in report.findings)


def sparse_layout(layout: LayoutPlan, scene: Scene, keep_core: bool = True) -> tuple[LayoutPlan, list[str]]:
    """The last resort for a furnished room that still fails after the repair loop and shedding: the layout less
    every design extra standing on the floor (what stands on those goes too), keeping the seats at the tables that
    stay and, with ``keep_core``, the program's core anchors. A valid room with fewer extras beats a full one that
    fails; the caller solves it once more and keeps whichever is better. Returns the layout and the ids dropped
    (empty: nothing to drop)."""
    from scenegen.design.brief import read_brief
    from scenegen.solve.relations import Box, gap

    level = _levels(layout, read_brief(layout))
    added = {o.id: o.category for o in layout.objects if is_added(o)}
    placed = {o.id: o for o in scene.objects}
    flat = catalog.with_role("flat")
    floor = {oid for oid, o in placed.items() if oid in added
             and (o.support is None or (o.support in placed and placed[o.support].category in flat))}
    drop = {oid for oid in floor if level[oid] < 3 or not keep_core}
    kept_tables = [Box.of(o) for oid, o in placed.items() if oid not in drop
                   and o.category in catalog.with_role("knee_top")]
    drop -= {oid for oid in drop if added[oid] in table_seats()
             and any(gap(t, Box.of(placed[oid])) < SEATED_GAP for t in kept_tables)}
    drop |= carried(scene, drop) & set(added)
    drop |= {r.subject for r in layout.relations if r.kind == "on_top" and r.target in drop and r.subject in added}
    if not drop:
        return layout, []
    objects = [o for o in layout.objects if o.id not in drop]
    relations = [r for r in layout.relations if r.subject not in drop and r.target not in drop]
    return layout.model_copy(update={"objects": objects, "relations": relations}), sorted(drop)
