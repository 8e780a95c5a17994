"""Semantic faults: a planned object dropped from the scene, a satisfied relation broken by turning or moving its
subject, and an object recoloured away from the colour its plan asks."""

from __future__ import annotations

import math
from functools import partial

import numpy as np

from scenegen.assets.colours import COLOURS, colour_rgb
from scenegen.catalog import support_kind
from scenegen.geometry import footprint_corners
from scenegen.mutate.fault import EXPECTED, PlantedFault, cannot_plant
from scenegen.mutate.moves import carried, footprint_of, in_door_clearance, inside_room, move_group, overlaps_any, \
    pick, shuffled
from scenegen.scene import ARCHITECTURE_RELATIONS, Relation, Scene
from scenegen.solve.relations import SATISFIED, Box, score_relation

RECOLOUR_MIN_DISTANCE = 0.45
"""A recolour picks a named colour at least this far (Euclidean, RGB in [0, 1]) from the asked one."""


def plant_drop(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Remove a placed object that carries nothing from the scene, leaving the plan (and ``unplaced``) as they are."""
    planned = {o.id for o in scene.plan.objects}
    cands = [o for o in scene.objects if o.id in planned and not carried(scene, o.id)]
    if not cands:
        raise cannot_plant("drop", "no planned object that carries nothing")
    inst = pick(rng, cands)
    out = scene.model_copy(update={"objects": [o for o in scene.objects if o.id != inst.id]})
    return out, PlantedFault(kind="drop", object_ids=[inst.id], validators=list(EXPECTED["drop"]),
                             params={"category": inst.category}, moved=[inst.id],
                             match={"counts": {"category": inst.category}},
                             description=f"removed {inst.id} from the scene (still in the plan)")


def plant_swap_relation(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Break a satisfied plan relation: turn the subject (orientation relations) or move it, with what it carries,
    to the free floor spot farthest from the target (or from where it stood, for architecture relations) where
    the relation scores at most half of ``SATISFIED``."""
    boxes = {o.id: Box.of(o) for o in scene.objects}
    rels = [r for r in scene.plan.relations if _breakable(scene, r, boxes)]
    if not rels:
        raise cannot_plant("swap_relation", "no satisfied plan relation whose subject stands on the floor or an object")
    order = shuffled(rng, rels)
    # clean moves first; then ones that also push into other furniture or a door's clearance (a second fault)
    attempts = [(rel, fn) for crowded in (False, True) for rel in order
                for fn in ((_turn_subject,) if not crowded else ()) + (partial(_relocate_subject, crowded=crowded),)]
    for rel, attempt in attempts:
        result = attempt(scene, rel)
        if result is None:
            continue
        out, moved, how = result
        new_score = score_relation(rel, {o.id: Box.of(o) for o in out.objects}, out.room)
        ids = [rel.subject] + ([rel.target] if rel.kind not in ARCHITECTURE_RELATIONS and rel.target else [])
        return out, PlantedFault(
            kind="swap_relation", object_ids=ids, validators=list(EXPECTED["swap_relation"]),
            params={"relation": rel.model_dump(), "how": how,
                    "score_before": round(score_relation(rel, boxes, scene.room), 4),
                    "score_after": round(new_score, 4)},
            match={"relations": {"kind": rel.kind, "subject": rel.subject}}, moved=moved,
            description=f"broke '{rel.subject} {rel.kind} {rel.target}' ({how})")
    raise cannot_plant("swap_relation",
                       "no relation could be broken without leaving the room or hitting another object")


def _breakable(scene: Scene, rel: Relation, boxes: dict[str, Box]) -> bool:
    """Whether ``rel`` is satisfied now between placed objects and its subject stands on the floor or an object,
    so turning or moving the subject breaks it."""
    if rel.subject not in boxes:
        return False
    if rel.kind not in ARCHITECTURE_RELATIONS and rel.target is not None and rel.target not in boxes:
        return False
    if support_kind(scene.object(rel.subject)) not in ("floor", "object"):
        return False
    return score_relation(rel, boxes, scene.room) > SATISFIED


_TURN_KINDS = frozenset({"face_to", "across_from", "around", "aligned", "paired"})


def _turn_subject(scene: Scene, rel: Relation) -> tuple[Scene, list[str], str] | None:
    """Turn the subject in place (half a turn, else a quarter) when that alone breaks an orientation relation."""
    if rel.kind not in _TURN_KINDS:
        return None
    inst = scene.object(rel.subject)
    x, y, z = inst.pose.position
    for turn in (math.pi, math.pi / 2, -math.pi / 2):
        out, moved = move_group(scene, inst.id, x, y, z, inst.pose.yaw + turn)
        corners = footprint_of(out.object(inst.id))
        ignore = {*moved, rel.target or ""}
        if not inside_room(corners, scene.room, 0.0) or overlaps_any(corners, scene, ignore):
            continue
        if score_relation(rel, {o.id: Box.of(o) for o in out.objects}, out.room) <= SATISFIED / 2:
            return out, moved, f"turned {inst.id} by {math.degrees(turn):.0f}°"
    return None


def _relocate_subject(scene: Scene, rel: Relation, crowded: bool = False,
                      step: float = 0.1) -> tuple[Scene, list[str], str] | None:
    """Move the subject (with what it carries), at its own heading or a quarter turn from it, to the floor spot on a
    ``step`` grid farthest from the target (or from its old spot) where the relation scores <= SATISFIED / 2.
    Unless ``crowded``, the spot must be clear of other floor objects and of door clearance boxes. Object-supported
    subjects land on the floor."""
    inst = scene.object(rel.subject)
    room = scene.room
    group = {inst.id, *carried(scene, inst.id)}
    ref = scene.object(rel.target) if rel.kind not in ARCHITECTURE_RELATIONS and rel.target else inst
    rx, ry, _ = ref.pose.position
    (x0, y0), (x1, y1) = room.bounds
    w, d, _ = inst.size
    spots = [(float(x), float(y)) for x in np.arange(x0 + step / 2, x1, step)
             for y in np.arange(y0 + step / 2, y1, step)]
    spots.sort(key=lambda p: (-math.hypot(p[0] - rx, p[1] - ry), p))
    others = {o.id: Box.of(o) for o in scene.objects if o.id not in group}
    yaws = [inst.pose.yaw + k * math.pi / 2 for k in range(4)]
    for x, y in spots:
        for yaw in yaws:
            corners = footprint_corners(x, y, w / 2, d / 2, yaw)
            if not inside_room(corners, room):
                continue
            if not crowded and (overlaps_any(corners, scene, group) or in_door_clearance(room, corners)):
                continue
            box = Box(inst.id, x, y, 0.0, yaw, w, d, inst.size[2], None)
            if score_relation(rel, {**others, inst.id: box}, room) > SATISFIED / 2:
                continue
            out, moved = move_group(scene, inst.id, x, y, 0.0, yaw, support=None)
            return out, moved, f"moved {inst.id} to ({x:.1f}, {y:.1f})"
    return None


def plant_recolour(scene: Scene, rng: np.random.Generator) -> tuple[Scene, PlantedFault]:
    """Give a placed object whose plan asks a known colour a named colour far from it (asset colour only: the
    instance's metadata still says the asked colour)."""
    asked = {o.id: o.attributes.colour for o in scene.plan.objects
             if o.attributes.colour and colour_rgb(o.attributes.colour) is not None}
    cands = [o for o in scene.objects if o.id in asked]
    if not cands:
        raise cannot_plant("recolour", "no placed object whose plan asks a known colour")
    inst = pick(rng, cands)
    want = np.asarray(colour_rgb(asked[inst.id]))
    names = [n for n in sorted(COLOURS)
             if float(np.linalg.norm(np.asarray(COLOURS[n]) - want)) >= RECOLOUR_MIN_DISTANCE]
    name = pick(rng, names)
    rgb = tuple(round(float(c), 4) for c in COLOURS[name])
    asset = inst.asset.model_copy(update={"colour": rgb})
    objects = [o.model_copy(update={"asset": asset}) if o.id == inst.id else o for o in scene.objects]
    return scene.model_copy(update={"objects": objects}), PlantedFault(
        kind="recolour", object_ids=[inst.id], validators=list(EXPECTED["recolour"]),
        params={"asked": asked[inst.id], "colour": name, "rgb": list(rgb)}, moved=[inst.id],
        description=f"recoloured {inst.id} {name} (the plan asks {asked[inst.id]})")
