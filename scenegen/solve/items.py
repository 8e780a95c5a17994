"""The solver's shared vocabulary: what it places (``Item``), what the repair loop tells it (``RepairHints``), what it
returns (``SolveResult``), how a placed group is graded (``Quality``), and the distances every placement step shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from scenegen import catalog
from scenegen.scene import AssetRef, ObjectInstance, PlannedObject, UnplacedObject
from scenegen.solve.relations import SATISFIED

WALL_GAP = 0.005
"""metres between an object's back and the wall it stands against"""
CLEARANCE = 0.5
"""metres of free floor wanted in front of an object's functional sides"""
FACING_KINDS = frozenset({"in_front_of", "face_to", "around", "across_from"})
"""Relations whose subject faces its target: the floor between them is the point, not an obstruction."""
MOVE_MIN = 0.15
"""metres an object told to move (repair hints) must move at least, unless it also turns"""


@dataclass
class SolveResult:
    """What one solve returns: the placed objects, the ones it could not place (with reasons) and each plan
    relation's score."""

    objects: list[ObjectInstance]
    unplaced: list[UnplacedObject]
    relation_scores: dict[int, float] = field(default_factory=dict)
    """index into plan.relations -> score in [0, 1]"""

    @property
    def relation_satisfaction(self) -> float:
        if not self.relation_scores:
            return 1.0
        return sum(s > SATISFIED for s in self.relation_scores.values()) / len(self.relation_scores)


@dataclass
class Item:
    """A planned object as the solver sees it: its asset, mesh size (width, depth, height; metres), role and
    catalog entry, and the id of the object it stands on (role "object")."""

    obj: PlannedObject
    ref: AssetRef
    size: tuple[float, float, float]
    role: str  # floor | object | wall | ceiling | flat
    cat: catalog.Category
    support: str | None = None

    def clearance(self, side: str) -> float:
        """metres of floor kept free beside ``side``: ``CLEARANCE``, or in front as far as its doors and drawers reach
        when open (``physics.articulation.sweep_depth``: a wardrobe's 0.6 m doors)."""
        if side != "front":
            return CLEARANCE
        from scenegen.physics.articulation import sweep_depth

        return max(CLEARANCE, sweep_depth(self.obj.category, self.size))


@dataclass
class RepairHints:
    """What the repair loop learned from the validators, as constraints and moves for the next solve.

    ``avoid``: object id -> (x, y, yaw) poses it must not take again (metres, radians; a spot within ``MOVE_MIN`` m
    and 0.1 rad counts as the same). ``first``: objects placed before the others of their kind. ``clear_front``:
    objects whose functional sides must face free floor (a hard constraint where any spot allows it).
    ``clear_openings``: objects kept out of every door's and window's clearance box, whatever their height.
    ``relation_weight``: index into ``plan.relations`` -> multiplier on that relation's weight.
    """

    avoid: dict[str, list[tuple[float, float, float]]] = field(default_factory=dict)
    first: set[str] = field(default_factory=set)
    clear_front: set[str] = field(default_factory=set)
    clear_openings: set[str] = field(default_factory=set)
    relation_weight: dict[int, float] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.avoid or self.first or self.clear_front or self.clear_openings or self.relation_weight)


Quality = tuple[int, int, int, int, float]
"""(-unplaced members, -unsatisfied plan relations, -floor access problems, -unsatisfied implied relations, total
relation score) of a placed group; larger is better (compared as a tuple)."""


def perfect(q: Quality) -> bool:
    """Whether a group has nothing unplaced, no unmet relation and no access problem."""
    return q[0] == 0 and q[1] == 0 and q[2] == 0 and q[3] == 0


def add_quality(a: Quality, b: Quality) -> Quality:
    """The element-wise sum of two groups' grades."""
    return a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]
