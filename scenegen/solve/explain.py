"""Why a plan could not be met: for each unplaced object and each unmet plan relation, the smallest set of other
objects found to conflict with it, in words a user can act on.

The search is QuickXplain (Junker, AAAI 2004) over the solver itself: a candidate set of objects "conflicts" when
solving the plan restricted to those objects plus the core (the unplaced object, or the relation's subject and
target) still fails. QuickXplain needs O(k log(n / k)) such solves to find k culprits among n objects; each solve is
of a small sub-plan. The result is then checked for minimality (dropping any one culprit must resolve the conflict).
A deadline bounds the whole search: when it passes, the explanation names the set found so far and says it is not
narrowed down, so the user always gets an answer within the budget, never a hang.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from scenegen import catalog
from scenegen.assets.cavity import cavity
from scenegen.rng import stage_rng
from scenegen.scene import ARCHITECTURE_RELATIONS, AssetRef, Conflict, LayoutPlan, Relation
from scenegen.solve.relations import SATISFIED, Box, score_relation
from scenegen.solve.solver import SolveResult, object_roles, solve
from scenegen.thresholds import CEILING_MARGIN

BUDGET_S = 4.0
"""Seconds for all explanations of one solve together (the issue allows 5 s end to end)."""

Sizes = dict[str, tuple[float, float, float]]


class _OutOfTime(Exception):
    pass


def explain_conflicts(plan: LayoutPlan, refs: dict[str, AssetRef], sizes: Sizes, result: SolveResult,
                      budget_s: float = BUDGET_S) -> list[Conflict]:
    """Conflicts for every unplaced object and every unmet plan relation of ``result`` (in plan order)."""
    deadline = time.perf_counter() + budget_s
    roles = object_roles(plan, refs, sizes)
    placed = {o.id for o in result.objects}
    out: list[Conflict] = []
    for u in result.unplaced:
        out.append(_explain_unplaced(u.id, plan, refs, sizes, roles, placed, deadline))
    boxes = {o.id: Box.of(o) for o in result.objects}
    for i, rel in enumerate(plan.relations):
        if rel.subject not in placed or (rel.kind not in ARCHITECTURE_RELATIONS and rel.target not in placed):
            continue  # an unplaced object's relations are explained by its own conflict
        if score_relation(rel, boxes, plan.room) > SATISFIED:
            continue
        out.append(_explain_relation(i, rel, plan, refs, sizes, roles, deadline))
    return out


# ----------------------------------------------------------------------------------------------------------------------
# the oracle and QuickXplain
# ----------------------------------------------------------------------------------------------------------------------


def _sub_plan(plan: LayoutPlan, keep: set[str], without: frozenset[int] = frozenset()) -> LayoutPlan:
    """The plan restricted to the objects ``keep`` and their relations, less the relation indices ``without``."""
    objects = [o for o in plan.objects if o.id in keep]
    relations = [r for i, r in enumerate(plan.relations) if r.subject in keep and i not in without
                 and (r.kind in ARCHITECTURE_RELATIONS or r.target is None or r.target in keep)]
    return plan.model_copy(update={"objects": objects, "relations": relations})


def _relation_oracle(plan: LayoutPlan, refs: dict[str, AssetRef], sizes: Sizes, core: set[str],
                     candidates: list[int], ok_when: Callable[[SolveResult, LayoutPlan], bool],
                     deadline: float) -> Callable[[frozenset[int]], bool]:
    """``feasible(kept)``: whether the core alone, with only the candidate relations ``kept`` (every other relation of
    the core stays), meets ``ok_when``. Cached."""
    cache: dict[frozenset[int], bool] = {}

    def feasible(kept: frozenset[int]) -> bool:
        if kept not in cache:
            if time.perf_counter() > deadline:
                raise _OutOfTime
            sub = _sub_plan(plan, core, without=frozenset(candidates) - kept)
            result = solve(sub, {k: refs[k] for k in core}, {k: sizes[k] for k in core}, stage_rng(0, "explain"))
            cache[kept] = ok_when(result, sub)
        return cache[kept]

    return feasible


def _relations_in_the_way(plan: LayoutPlan, refs: dict[str, AssetRef], sizes: Sizes, core: set[str],
                          ok_when: Callable[[SolveResult, LayoutPlan], bool], deadline: float,
                          keep: int | None = None) -> list[int]:
    """When the core cannot be solved on its own: the smallest set of its own relations (indices into
    ``plan.relations``; never ``keep``, nor what holds an object up) without which it can. Empty when dropping all of
    them does not help either (then the cause is size, not relations) or when time runs out."""
    candidates = [i for i, r in enumerate(plan.relations) if i != keep and r.kind != "on_top"
                  and (r.subject in core or r.target in core)]
    if not candidates:
        return []
    feasible = _relation_oracle(plan, refs, sizes, core, candidates, ok_when, deadline)
    try:
        if not feasible(frozenset()):
            return []
        return [int(i) for i in _quickxplain(feasible, candidates)]  # type: ignore[arg-type]
    except _OutOfTime:
        return []


def _oracle(plan: LayoutPlan, refs: dict[str, AssetRef], sizes: Sizes, core: set[str],
            ok_when: Callable[[SolveResult, LayoutPlan], bool], deadline: float) -> Callable[[frozenset[str]], bool]:
    """``feasible(others)``: whether solving the plan restricted to ``core | others`` meets ``ok_when``. Cached."""
    cache: dict[frozenset[str], bool] = {}

    def feasible(others: frozenset[str]) -> bool:
        if others in cache:
            return cache[others]
        if time.perf_counter() > deadline:
            raise _OutOfTime
        sub = _sub_plan(plan, core | others)
        result = solve(sub, {k: refs[k] for k in core | others}, {k: sizes[k] for k in core | others},
                       stage_rng(0, "explain"))
        cache[others] = ok_when(result, sub)
        return cache[others]

    return feasible


def _quickxplain(feasible: Callable[[frozenset[str]], bool], candidates: list[str]) -> list[str]:
    """A minimal subset of ``candidates`` that is infeasible together with the core (assuming the whole set is).
    Candidates are tried in order: put the likeliest culprits last so they are the ones kept."""

    def qx(background: frozenset[str], added: bool, cs: list[str]) -> list[str]:
        if added and not feasible(background):
            return []
        if len(cs) == 1:
            return cs
        half = len(cs) // 2
        c1, c2 = cs[:half], cs[half:]
        d2 = qx(background | frozenset(c1), bool(c1), c2)
        d1 = qx(background | frozenset(d2), bool(d2), c1)
        return d1 + d2

    return qx(frozenset(), False, candidates) if candidates else []


def _is_minimal(feasible: Callable[[frozenset[str]], bool], culprits: list[str]) -> bool:
    whole = frozenset(culprits)
    return all(feasible(whole - {c}) for c in culprits)


def _search(feasible: Callable[[frozenset[str]], bool], universe: list[str]) -> tuple[str, list[str], bool]:
    """(status, culprits, minimal). Status: ``alone`` (the core fails with nothing else in the room), ``found``
    (culprits found), ``timeout`` (deadline passed: culprits = the whole universe), ``solvable`` (the core and the
    universe together solve: the conflict comes from the order of the full search, not from space)."""
    try:
        if not feasible(frozenset()):
            return "alone", [], True
        if feasible(frozenset(universe)):
            return "solvable", [], False
        culprits = _quickxplain(feasible, universe)
        return "found", culprits, _is_minimal(feasible, culprits)
    except _OutOfTime:
        return "timeout", universe, False


SOLVABLE_HINT = ("a layout exists for these objects alone, so the full search missed it: try another --seed or more "
                 "--attempts")


# ----------------------------------------------------------------------------------------------------------------------
# unplaced objects
# ----------------------------------------------------------------------------------------------------------------------


def _universe(target_role: str, roles: dict[str, tuple[str, str | None]], core: set[str], sizes: Sizes) -> list[str]:
    """Objects that can stand in the way of a core object with ``target_role``, smallest footprint first (so that
    QuickXplain keeps the big ones, the ones a person would move)."""
    layers = {"floor": {"floor"}, "flat": {"flat"}, "wall": {"floor", "wall"}, "ceiling": {"ceiling"},
              "object": {"object"}}[target_role]
    ids = [oid for oid, (role, _) in roles.items() if role in layers and oid not in core]
    return sorted(ids, key=lambda oid: (sizes[oid][0] * sizes[oid][1], oid))


def _explain_unplaced(oid: str, plan: LayoutPlan, refs: dict[str, AssetRef], sizes: Sizes,
                      roles: dict[str, tuple[str, str | None]], placed: set[str], deadline: float) -> Conflict:
    role, support = roles[oid]
    core = {oid} | ({support} if role == "object" and support else set())
    universe = _universe(role, roles, core, sizes)
    if role == "object":
        universe = [o for o in universe if roles[o][1] == support]  # only items on the same top compete
    feasible = _oracle(plan, refs, sizes, core, lambda r, _p: not r.unplaced, deadline)
    status, culprits, minimal = _search(feasible, universe)
    room = _room_words(plan)
    what = _dims(oid, sizes)  # "bed_1 (1.60×2.05 m)"
    doors = [op for op in plan.room.openings if op.kind == "door"]
    in_the_way = _relations_in_the_way(plan, refs, sizes, core, lambda r, _p: not r.unplaced, deadline) \
        if status == "alone" else []
    if status == "solvable":
        message = f"{what} could not be placed: {SOLVABLE_HINT}"
    elif in_the_way:
        said = _join([_relation_words(plan.relations[i]) for i in in_the_way])
        message = (f"{what} fits in the {room} on its own, but not with {said}: drop or change "
                   f"{'that relation' if len(in_the_way) == 1 else 'one of them'}")
        return Conflict(kind="unplaced", objects=[oid], relations=in_the_way, message=message, minimal=True)
    elif status == "alone" and role == "object" and support and _inside(oid, support, refs):
        message = (f"{_dims(oid, sizes)}, {sizes[oid][2]:.2f} m tall, does not fit inside {support} "
                   f"({cavity(refs[support].model_dump_json()).describe()}), even with nothing else in it: choose a "
                   f"larger {_name(support, plan)} or put it elsewhere")
    elif status == "alone" and role == "object" and support:
        message = _too_big_for_top(oid, support, plan, sizes)
    elif status == "alone":
        message = _too_big_alone(oid, role, plan, sizes)
    elif role == "object":
        found = " (not narrowed down further within the time limit)" if not minimal else ""
        into = "in" if _inside(oid, support, refs) else "on"
        message = (f"{what} does not fit {into} {support} beside {_join(culprits)}{found}: put fewer things {into} it "
                   "or choose a larger one")
    else:
        where = {"wall": f"on the walls of the {room}", "ceiling": f"on the ceiling of the {room}"}.get(
            role, f"in the {room}")
        clear = " with the door clear" if doors and role == "floor" else ""
        walls = [c for c in [oid, *culprits] if _against_wall(c, plan)]
        wall_note = f", {_join(walls)} against the walls" if len(walls) > 1 else ""
        found = " (not narrowed down further within the time limit)" if not minimal else ""
        both = "both" if len(culprits) == 1 else "all"
        message = (f"{_join([what, *[_dims(c, sizes) for c in culprits]])} cannot {both} stand {where}{clear}"
                   f"{wall_note}{found}: remove or shrink one of them, or make the room larger")
    return Conflict(kind="unplaced", objects=[oid, *culprits], message=message, minimal=minimal)


# ----------------------------------------------------------------------------------------------------------------------
# unmet relations
# ----------------------------------------------------------------------------------------------------------------------


def _explain_relation(index: int, rel: Relation, plan: LayoutPlan, refs: dict[str, AssetRef], sizes: Sizes,
                      roles: dict[str, tuple[str, str | None]], deadline: float) -> Conflict:
    core = {rel.subject} | ({rel.target} if rel.target in roles else set())
    for oid in list(core):
        role, support = roles[oid]
        if role == "object" and support:
            core.add(support)

    def met(result: SolveResult, sub: LayoutPlan) -> bool:
        boxes = {o.id: Box.of(o) for o in result.objects}
        return not result.unplaced and score_relation(rel, boxes, sub.room) > SATISFIED

    feasible = _oracle(plan, refs, sizes, core, met, deadline)
    universe = _universe(roles[rel.subject][0] if roles[rel.subject][0] != "object" else "floor", roles, core, sizes)
    status, culprits, minimal = _search(feasible, universe)
    phrase = _relation_words(rel)
    in_the_way = _relations_in_the_way(plan, refs, sizes, core, met, deadline, keep=index) \
        if status == "alone" else []
    if status == "solvable":
        message = f"{phrase} is not met: {SOLVABLE_HINT}"
    elif in_the_way:
        said = _join([_relation_words(plan.relations[i]) for i in in_the_way])
        message = (f"{phrase} cannot be met together with {said}: without {'it' if len(in_the_way) == 1 else 'them'}"
                   f" it can be met in the {_room_words(plan)}; drop or change one of them")
        return Conflict(kind="relation", objects=[rel.subject], relations=[index, *in_the_way], message=message,
                        minimal=True)
    elif status == "alone":
        message = (f"{phrase} cannot be met in the {_room_words(plan)} even with nothing else in it: change the "
                   "relation or the room")
    else:
        found = "" if minimal else " (not narrowed down further within the time limit)"
        message = (f"{phrase} is not met: {_join(culprits)} take the room it needs{found}; move or remove "
                   f"{'it' if len(culprits) == 1 else 'one of them'}, or drop the relation")
    return Conflict(kind="relation", objects=[rel.subject, *culprits], relations=[index], message=message,
                    minimal=minimal)


# ----------------------------------------------------------------------------------------------------------------------
# words
# ----------------------------------------------------------------------------------------------------------------------


def _too_big_alone(oid: str, role: str, plan: LayoutPlan, sizes: Sizes) -> str:
    """Why an object that has no relation in its way cannot be placed in an empty room, in measured words."""
    w, d, h = sizes[oid]
    (x0, y0), (x1, y1) = plan.room.bounds
    long_side, short_side = max(x1 - x0, y1 - y0), min(x1 - x0, y1 - y0)
    room, name = _room_words(plan), _name(oid, plan)
    if h > plan.room.height:
        return (f"{_dims(oid, sizes)} is {h:.2f} m tall, taller than the {plan.room.height:.2f} m ceiling of the "
                f"{room}: choose a smaller {name} or a taller room")
    if max(w, d) > long_side or min(w, d) > short_side:
        return (f"{_dims(oid, sizes)} is larger than the {room} itself: choose a smaller {name} or a larger room")
    doors = [op for op in plan.room.openings if op.kind == "door"]
    where = {"wall": "on a free stretch of wall", "ceiling": "on the ceiling"}.get(role, "on the floor")
    clear = ", with the door clear" if doors and role == "floor" else ""
    use = " and room in front to use it" if role == "floor" and _has_functional_side(oid, plan) else ""
    return (f"{_dims(oid, sizes)} fits inside the {room}'s outline but finds no spot {where}{clear}{use}, even with "
            f"nothing else in the room: choose a smaller {name} or a larger room")


def _inside(oid: str, support: str | None, refs: dict[str, AssetRef]) -> bool:
    """Whether ``oid`` goes inside its support (a towel in a basket) rather than on its top."""
    return support in refs and catalog.kept_inside(refs[support].category, refs[oid].category) is not None


def _too_big_for_top(oid: str, support: str, plan: LayoutPlan, sizes: Sizes) -> str:
    """Why an object cannot stand on its support's top on its own, in measured words."""
    w, d, h = sizes[oid]
    tw, td, th = sizes[support]
    if max(w, d) > max(tw, td) or min(w, d) > min(tw, td):
        return (f"{_dims(oid, sizes)} is larger than the top of {support} ({tw:.2f}×{td:.2f} m), even with nothing "
                f"else on it: choose a larger {_name(support, plan)} or put it elsewhere")
    if th + h > plan.room.height - CEILING_MARGIN:
        return (f"{_dims(oid, sizes)} on {support} (top {th:.2f} m up) would reach {th + h:.2f} m, above the "
                f"{plan.room.height:.2f} m ceiling: put it elsewhere")
    return f"{_dims(oid, sizes)} finds no clear spot on the top of {support}: put it elsewhere"


def _has_functional_side(oid: str, plan: LayoutPlan) -> bool:
    from scenegen import catalog

    obj = next(o for o in plan.objects if o.id == oid)
    return bool(catalog.for_object(obj.category, obj.generic, obj.proposal).functional_sides)


def _room_words(plan: LayoutPlan) -> str:
    (x0, y0), (x1, y1) = plan.room.bounds
    shape = "" if len(plan.room.footprint) == 4 else f"{len(plan.room.footprint)}-sided "
    return f"{shape}{x1 - x0:.1f}×{y1 - y0:.1f} m room ({plan.room.area:.1f} m²)"


def _dims(oid: str, sizes: Sizes) -> str:
    w, d, _ = sizes[oid]
    return f"{oid} ({w:.2f}×{d:.2f} m)"


def _name(oid: str, plan: LayoutPlan) -> str:
    return next(o.category for o in plan.objects if o.id == oid).replace("_", " ")


def _against_wall(oid: str, plan: LayoutPlan) -> bool:
    return any(r.subject == oid and r.kind == "against_wall" for r in plan.relations)


def _relation_words(rel: Relation) -> str:
    target = f" {rel.target}" if rel.target and rel.kind not in ARCHITECTURE_RELATIONS else ""
    return f"'{rel.subject} {rel.kind.replace('_', ' ')}{target}'"


def _join(items: list[str]) -> str:
    if not items:
        return "the rest of the plan"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
