"""Plan physics: every relation of a plan, from whichever planner, checked against the catalog before solving.

A plan may only ask for what can stand: an object goes *on top of* another only when the other has a usable top that
its footprint fits on and the stack stays under the ceiling; only wall things hang on walls and only ceiling things from
the ceiling; nothing stands under something lower than itself; no object rests on itself or, through others, on itself.

An impossible reading that the text states is replaced by the most plausible possible one, with a plan note:

- "a rocking horse on the rug": a rug holds nothing up, so the rug lies under the horse (``rug under horse``);
- "a mirror mounted above the vanity" read as ``on_top``: a wall thing goes on the wall;
- "a pendant above the dining table" read as ``on_top``: a ceiling thing hangs from the ceiling;
- "a nightstand on the wardrobe", "a chair on the table": floor furniture stands beside it (``next_to``);
- ``on_wall`` for floor furniture becomes ``against_wall``;
- "a painting hangs centered" read as ``middle_of_room``: a wall thing hangs on the wall (``on_wall``); a thing the
  text also puts against a wall keeps that and is not in the middle of the room;
- "two pillows on it at the head of the bed" read as ``on_top`` and ``behind``: what a thing stands on is not beside
  it, so the side relation is dropped.

A relation that a language model invented (``invented``: indices into ``plan.relations``) and that is impossible is
dropped instead: the text never asked for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from scenegen import catalog
from scenegen.scene import LayoutPlan, PlannedObject, Relation
from scenegen.thresholds import CEILING_MARGIN, FLAT_HEIGHT, KNEE_MIN_HEIGHT

CARRY_MAX = (0.35, 0.35, 0.5)
"""metres (width, depth, height): a floor category whose smallest size is within this may also stand on a top"""
BESIDE_KINDS = frozenset({"behind", "in_front_of", "left_of", "right_of", "side_of"})
"""relations that put a thing beside another, outside its footprint: never true of the thing it stands on"""
TOP_FIT_SLACK = 0.05
"""metres an object's footprint may overhang the top it stands on, per side"""


def _no_room_under(subject: "_Obj", target: "_Obj") -> str | None:
    """Why floor furniture cannot stand under another floor object, or None: only a knee space (a desk's, a table's)
    takes low things, and only a raised host (a loft bed) takes furniture; anything fits over a flat rug."""
    if subject.flat or subject.support != "floor" or target.support != "floor":
        return None
    if target.category in catalog.with_role("lofted"):
        return None
    if target.category in catalog.with_role("knee_top"):
        return None if subject.size[2] <= KNEE_MIN_HEIGHT else (
            f"a {subject.label} ({subject.size[2]:.2f} m) is too tall for the knee space under a {target.label}")
    return f"a {target.label} has no open space under it for a {subject.label}"


@dataclass(frozen=True)
class _Obj:
    """What plan physics needs to know of one planned object (sizes in metres: width, depth, height)."""

    id: str
    category: str
    support: str
    has_top: bool
    size: tuple[float, float, float]
    size_min: tuple[float, float, float]
    fit_size: tuple[float, float, float] = (0.0, 0.0, 0.0)
    """the smallest size the asset stage may make it to fit a top: its category's smallest, or its planned size when
    the plan gives it a size word other than "small" (the attributes check holds a "large" TV to its word)"""
    unknown: bool = False
    """an object outside the catalog with no proposal: the text is the only word on how it stands, so only the checks
    that do not depend on its kind (itself, loops, the ceiling) apply"""

    @property
    def flat(self) -> bool:
        return self.category in catalog.with_role("flat") or (self.support == "floor" and self.size[2] <= FLAT_HEIGHT)

    @property
    def carriable(self) -> bool:
        """A floor thing small enough at its smallest to stand on a table too (a plant, a speaker, a basket)."""
        w, d, h = self.size_min
        return not self.has_top and w <= CARRY_MAX[0] and d <= CARRY_MAX[1] and h <= CARRY_MAX[2]

    @property
    def label(self) -> str:
        return self.category.replace("_", " ")


def _describe(o: PlannedObject) -> _Obj:
    cat = catalog.for_object(o.category, o.generic, o.proposal)
    size = cat.size_words.get(o.attributes.size or "", cat.size_typical)
    fit = cat.size_min if o.attributes.size in (None, "", "small") else size
    return _Obj(o.id, o.category if not o.generic else (o.description or "object"), cat.support, cat.has_top,
                tuple(size), tuple(cat.size_min), tuple(fit),  # type: ignore[arg-type]
                unknown=o.generic and o.proposal is None)


def footprint_fits(subject: _Obj, target: _Obj) -> bool:
    """Whether the subject fits on the target's top at its ``fit_size`` (the asset stage makes a thing drawn too big
    for its top as big as the top allows, never below its category's smallest: a TV on a cabinet is a smaller TV),
    in either orientation, with ``TOP_FIT_SLACK`` of overhang a side."""
    sw, sd, _ = subject.fit_size
    tw, td, _ = target.size
    slack = 2 * TOP_FIT_SLACK
    return (sw <= tw + slack and sd <= td + slack) or (sd <= tw + slack and sw <= td + slack)


def _holds(target: _Obj, subject: _Obj) -> bool:
    """Whether the catalog says ``target`` holds ``subject`` although it has no top (cushions on a sofa's seat)."""
    cat = catalog.CATALOG.get(subject.category)
    return cat is not None and target.category in cat.supported_by


def why_not_on_top(subject: _Obj, target: _Obj, stack_below: float, ceiling: float) -> str | None:
    """None when ``subject`` can stand on ``target`` whose top is ``stack_below`` metres up; else the reason."""
    if subject.id == target.id:
        return f"{subject.id} cannot stand on itself"
    if target.flat and not target.unknown:
        return f"a {target.label} lies flat on the floor and holds nothing up"
    if subject.unknown or target.unknown:
        return None  # the text is the only word on how an unknown thing stands or holds
    if subject.support in ("wall", "ceiling"):
        return f"a {subject.label} hangs on the {subject.support}, it does not stand on things"
    if target.flat:
        return f"a {target.label} lies flat on the floor and holds nothing up"
    if not target.has_top and not _holds(target, subject):
        return f"a {target.label} has no top to stand things on"
    if subject.support == "floor" and not subject.carriable:
        return f"a {subject.label} is furniture that stands on the floor"
    if not footprint_fits(subject, target):
        return (f"a {subject.label} ({subject.size[0]:.2f}×{subject.size[1]:.2f} m) does not "
                f"fit on a {target.label}'s top ({target.size[0]:.2f}×{target.size[1]:.2f} m)")
    if stack_below + subject.size[2] > ceiling - CEILING_MARGIN:
        return (f"a {subject.label} ({subject.size[2]:.2f} m tall) on a top {stack_below:.2f} m up would reach above "
                f"the {ceiling:.2f} m ceiling")
    return None


def _replacement(rel: Relation, subject: _Obj, target: _Obj) -> list[Relation]:
    """The most plausible possible reading of an impossible ``subject on_top target``."""
    keep = {"source": rel.source}
    # "above X" for a wall or ceiling thing says where it hangs; how close to X it hangs is not stated, so no
    # object-object relation is invented (the independent evaluation set annotates it the same way)
    if subject.support == "wall":
        return [Relation(kind="on_wall", subject=subject.id, target="wall", **keep)]
    if subject.support == "ceiling":
        return [Relation(kind="hang_from_ceiling", subject=subject.id, target="ceiling", **keep)]
    if target.flat and subject.id != target.id:  # "an armchair on the rug": the rug lies under it
        return [Relation(kind="under", subject=target.id, target=subject.id, **keep)]
    if subject.id == target.id:
        return []
    return [Relation(kind="next_to", subject=subject.id, target=target.id, **keep)]


def _say(rel: Relation) -> str:
    return f"{rel.subject} {rel.kind} {rel.target}"


class _Checker:
    """One pass over a plan's relations, in order, keeping the stack heights of what is already on top of what."""

    def __init__(self, plan: LayoutPlan, invented: frozenset[int]) -> None:
        self.plan = plan
        self.invented = invented
        self.objs = {o.id: _describe(o) for o in plan.objects}
        self.ceiling = plan.room.height
        self.on: dict[str, str] = {}  # subject id -> the id it stands on
        self.mounted = {r.subject for r in plan.relations  # "a TV mounted on the wall"; a sofa cannot be
                        if r.kind == "on_wall" and r.subject in self.objs and self.objs[r.subject].support != "floor"}
        self.stands_on = {(r.subject, r.target) for r in plan.relations if r.kind == "on_top"}
        self.at_a_wall = {r.subject for r in plan.relations if r.kind in ("against_wall", "on_wall")}
        self.kept: list[Relation] = []
        self.notes: list[str] = []

    def top_height(self, obj_id: str) -> float:
        """metres from the floor to the top of ``obj_id`` standing on its planned supports so far."""
        height, seen = 0.0, set()
        while obj_id is not None and obj_id not in seen:
            seen.add(obj_id)
            height += self.objs[obj_id].size[2]
            obj_id = self.on.get(obj_id)  # type: ignore[assignment]
        return height

    def rests_on(self, lower: str, upper: str) -> bool:
        """Whether ``lower`` already rests, directly or through others, on ``upper`` (then upper on lower loops)."""
        seen: set[str] = set()
        while lower in self.on and lower not in seen:
            seen.add(lower)
            lower = self.on[lower]
            if lower == upper:
                return True
        return False

    def run(self) -> None:
        for idx, rel in enumerate(self.plan.relations):
            reason = self.problem(rel)
            if reason is None:
                self.kept.append(rel)
                if rel.kind == "on_top" and rel.target is not None:
                    self.on[rel.subject] = rel.target
                continue
            if idx in self.invented:
                self.notes.append(f"plan physics: dropped the model's '{_say(rel)}' ({reason})")
                continue
            replaced = [r for r in self.replace(rel) if self.problem(r) is None]  # never one impossible for another
            if replaced:
                said = ", ".join(_say(r) for r in replaced)
                self.notes.append(f"plan physics: read '{_say(rel)}' as '{said}' ({reason})")
            else:
                self.notes.append(f"plan physics: dropped '{_say(rel)}' ({reason})")
            self.kept.extend(replaced)

    def problem(self, rel: Relation) -> str | None:
        """Why ``rel`` cannot hold, or None."""
        subject = self.objs.get(rel.subject)
        if subject is None:
            return None
        if subject.unknown:
            return None if rel.kind != "on_top" or rel.target not in self.objs else self._on_top(rel, subject)
        if rel.kind == "on_wall" and subject.support == "floor":
            return f"a {subject.label} stands on the floor"
        if rel.kind == "hang_from_ceiling" and subject.support != "ceiling":
            return f"a {subject.label} does not hang from a ceiling"
        if rel.kind == "middle_of_room" and (subject.support == "wall" or rel.subject in self.mounted):
            return f"a {subject.label} hangs on a wall, and no wall is in the middle of the room"
        if rel.kind == "middle_of_room" and rel.subject in self.at_a_wall:
            return f"the text also puts {rel.subject} at a wall ('centred' on it), so not in the middle of the room"
        target = self.objs.get(rel.target or "")
        if target is None:
            return None
        if rel.subject == rel.target:
            return f"{rel.subject} cannot be related to itself"
        if rel.kind == "on_top":
            return self._on_top(rel, subject)
        if rel.kind in BESIDE_KINDS and (rel.subject, rel.target) in self.stands_on:
            return f"{rel.subject} stands on {rel.target}, so it cannot also be {rel.kind.replace('_', ' ')} it"
        if rel.kind == "under" and not subject.flat and subject.size[2] >= target.size[2]:
            return (f"a {subject.label} ({subject.size[2]:.2f} m) is taller than a {target.label} "
                    f"({target.size[2]:.2f} m)")
        if rel.kind == "around" and target.support in ("object", "wall") and subject.support == "floor":
            return f"seats cannot stand around a {target.label} up on a stand or a wall; they face it"
        if rel.kind == "under" and subject.category in catalog.with_role("seat") \
                and subject.size[2] > KNEE_MIN_HEIGHT:
            return f"a {subject.label} tucked under a {target.label} is pulled up beside it, not inside its footprint"
        if rel.kind == "under":
            return _no_room_under(subject, target)
        return None

    def _on_top(self, rel: Relation, subject: _Obj) -> str | None:
        """Why ``rel`` (subject on_top target) cannot hold, or None."""
        target = self.objs[rel.target or ""]
        if rel.subject in self.on:
            return f"{rel.subject} already stands on {self.on[rel.subject]}"
        if rel.subject in self.mounted and subject.support != "wall":
            return f"{rel.subject} is mounted on the wall, above the {target.label} rather than on it"
        if self.rests_on(target.id, subject.id):
            return f"{target.id} already rests on {subject.id}"
        return why_not_on_top(subject, target, self.top_height(target.id), self.ceiling)

    def replace(self, rel: Relation) -> list[Relation]:
        subject = self.objs[rel.subject]
        target = self.objs.get(rel.target or "")
        if rel.kind == "on_wall":
            return [Relation(kind="against_wall", subject=rel.subject, target="wall", source=rel.source)]
        if rel.kind in BESIDE_KINDS and (rel.subject, rel.target) in self.stands_on:
            return []  # "two pillows on it at the head of the bed": on it already says where
        if rel.kind == "middle_of_room" and rel.subject in self.at_a_wall:
            return []  # "a mantelpiece centered" beside "against the wall": centred on its wall, which it keeps
        if rel.kind == "middle_of_room":  # "a painting hangs centered": in the middle of its wall
            return [Relation(kind="on_wall", subject=rel.subject, target="wall", source=rel.source)]
        if rel.kind == "hang_from_ceiling":
            if subject.support == "wall":
                return [Relation(kind="on_wall", subject=rel.subject, target="wall", source=rel.source)]
            return []
        if target is None:
            return []
        if rel.kind == "under":
            return [Relation(kind="next_to", subject=rel.subject, target=rel.target, source=rel.source)]
        if rel.kind == "around":  # "two armchairs arranged around the TV"
            return [Relation(kind="face_to", subject=rel.subject, target=rel.target, source=rel.source)]
        if rel.kind == "on_top" and rel.subject in self.mounted and rel.subject not in self.on \
                and subject.support != "wall":  # a TV the prompt mounts; a mirror above a sink stays as it was
            return [Relation(kind="near", subject=rel.subject, target=rel.target, source=rel.source)]
        if rel.kind == "on_top" and (rel.subject in self.on or self.rests_on(target.id, subject.id)):
            return []  # it already has a place to stand
        return _replacement(rel, subject, target)


def make_plausible(plan: LayoutPlan, invented: frozenset[int] = frozenset()) -> LayoutPlan:
    """``plan`` with every physically impossible relation replaced by its most plausible possible reading (or dropped,
    when a model invented it), and a note for each change. Duplicates that the replacements create are merged."""
    checker = _Checker(plan, invented)
    checker.run()
    if not checker.notes:
        return plan
    relations: list[Relation] = []
    seen: set[tuple[str, str, str | None]] = set()
    for rel in checker.kept:
        key = (rel.kind, rel.subject, rel.target)
        if key not in seen:
            seen.add(key)
            relations.append(rel)
    return plan.model_copy(update={"relations": relations, "notes": [*plan.notes, *checker.notes]})


def impossible_relations(plan: LayoutPlan) -> list[str]:
    """Every relation of ``plan`` that plan physics would change, as 'subject kind target (why)'; empty for a
    plausible plan. Evaluation uses it to prove that no plan asks for the impossible."""
    checker = _Checker(plan, frozenset(range(len(plan.relations))))
    checker.run()
    return [n.removeprefix("plan physics: dropped the model's ") for n in checker.notes]
