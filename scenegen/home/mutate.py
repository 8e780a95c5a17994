"""Home-level faults planted on purpose, for the home validators' tests and evaluation (the per-room faults stay in
``scenegen.mutate``):

* ``doorless``: one room loses every door (from the home's doors and from the walls of the rooms they joined); the
  ``doors`` and ``reachable`` checks must fail for it.
* ``block_door``: a 0.6 m cabinet stands in front of a connecting door, on the side its leaf opens into; the
  ``reachable`` check must fail for the room behind it (and ``door_swing`` for the leaf).

Each returns a new Home (the input is not changed) and the ids the fault involves.
"""

from __future__ import annotations

import numpy as np

from scenegen.home.model import OUTSIDE, Home
from scenegen.scene import AssetRef, ObjectInstance, Pose

HOME_FAULTS = ("doorless", "block_door")
BLOCK_SIZE = (0.8, 0.6, 1.0)
"""width, depth, height of the blocking cabinet, metres"""


def plant_home_fault(home: Home, kind: str, rng: np.random.Generator) -> tuple[Home, list[str]]:
    """``home`` with the fault ``kind`` planted at a room or door drawn from ``rng``."""
    if kind == "doorless":
        return _doorless(home, rng)
    if kind == "block_door":
        return _block_door(home, rng)
    raise ValueError(f"unknown home fault {kind!r}; known: {', '.join(HOME_FAULTS)}")


def _doorless(home: Home, rng: np.random.Generator) -> tuple[Home, list[str]]:
    candidates = [r.id for r in home.rooms if r.id != home.program.hub] or [home.rooms[0].id]
    victim = candidates[int(rng.integers(len(candidates)))]
    gone = {d.id for d in home.doors if victim in (d.a, d.b)}
    rooms = []
    for r in home.rooms:
        openings = [o for o in r.scene.room.openings if o.id not in gone]
        room = r.scene.room.model_copy(update={"openings": openings})
        rooms.append(r.model_copy(update={"scene": r.scene.model_copy(update={"room": room})}))
    doors = [d for d in home.doors if d.id not in gone]
    entrance = home.entrance if home.entrance not in gone else None
    return home.model_copy(update={"rooms": rooms, "doors": doors, "entrance": entrance}), [victim, *sorted(gone)]


def _block_door(home: Home, rng: np.random.Generator) -> tuple[Home, list[str]]:
    from scenegen.home.validate import _door_point

    inner = [d for d in home.doors if OUTSIDE not in (d.a, d.b) and not d.open_plan] or \
            [d for d in home.doors if OUTSIDE not in (d.a, d.b)]
    if not inner:
        raise ValueError("the home has no door between rooms to block")
    door = inner[int(rng.integers(len(inner)))]
    room = home.room(door.swing_into)
    x, y = (float(v) for v in _door_point(room.scene.room, door, BLOCK_SIZE[1] / 2 + 0.02))
    yaw = 0.0 if door.axis == "x" else float(np.pi / 2)
    w, d, h = BLOCK_SIZE
    hx, hy = (w / 2, d / 2) if door.axis == "x" else (d / 2, w / 2)
    ids = {o.id for o in room.scene.objects}
    oid = next(f"blocking_cabinet_{k}" for k in range(1, 1000) if f"blocking_cabinet_{k}" not in ids)
    block = ObjectInstance(id=oid, category="sideboard", asset=AssetRef(backend="box", category="sideboard", seed=0,
                                                                        params={"width": w, "depth": d, "height": h}),
                           pose=Pose(position=(x, y, 0.0), yaw=yaw), size=(w, d, h),
                           bbox=((x - hx, y - hy, 0.0), (x + hx, y + hy, h)), mesh_node=oid)
    scene = room.scene.model_copy(update={"objects": [*room.scene.objects, block]})
    rooms = [r.model_copy(update={"scene": scene}) if r.id == room.id else r for r in home.rooms]
    return home.model_copy(update={"rooms": rooms}), [door.id, room.id, oid]
