"""The state one solve works on: the plan, its items with their roles, the boxes placed so far and what could not be
placed. Each placement step (``floor``, ``support``, ``wall``, ``rugs``, ``search``) is a function of this state."""

from __future__ import annotations

import numpy as np

from scenegen.geometry import yaw_facing
from scenegen.scene import AssetRef, LayoutPlan, Room, UnplacedObject
from scenegen.solve.items import Item, RepairHints
from scenegen.solve.relations import Box
from scenegen.solve.roles import implied_relations, keepout_zones, make_item

WORK_PER_OBJECT = 4
"""Backtracking stops once this many floor placements per floor object have been made (counted, not timed, so the
same seed gives the same scene on any machine)."""


class SolverState:
    """Mutable state of one solve. ``boxes``: object id -> placed box (metres, radians); ``unplaced``: objects given
    up on, with reasons; ``rng``: the solve's generator (jitter in the scores), drawn from in placement order."""

    def __init__(self, plan: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, tuple[float, float, float]],
                 rng: np.random.Generator, hints: RepairHints | None = None, compact: bool = False) -> None:
        self.plan = plan
        self.hints = hints or RepairHints()
        self.compact = compact
        """pack tightly: functional-side and free-floor requirements become soft (for rooms too dense for them)"""
        self.room: Room = plan.room
        self.poly = np.asarray(plan.room.footprint, dtype=float)
        self.rng = rng
        self.items = {o.id: make_item(plan, o, refs[o.id], sizes[o.id]) for o in plan.objects}
        self.boxes: dict[str, Box] = {}
        self.unplaced: list[UnplacedObject] = []
        self.keepout = keepout_zones(self.room)
        self.access_cache: dict[tuple, int] = {}
        self.work = 0
        """floor placements made so far (retries included): the search's deterministic effort counter"""
        self.work_budget = WORK_PER_OBJECT * max(1, sum(1 for it in self.items.values() if it.role == "floor"))
        self.blockers: dict[str, dict[str, int]] = {}
        """object id -> {placed object or opening: how many of its candidate spots it took}, from the last attempt"""
        self.wall_yaws = sorted({round(yaw_facing(self.room.wall_normal(i)), 9) for i in range(len(self.poly))})
        self.implied = implied_relations(plan, self.items)
        self.relations = [*plan.relations, *self.implied]

    def fail(self, it: Item, reason: str) -> None:
        """Record ``it`` as not placed, with a reason a person can act on."""
        self.unplaced.append(UnplacedObject(id=it.obj.id, category=it.obj.category, reason=reason))
