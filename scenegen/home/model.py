"""The home: several rooms, each a full per-room ``Scene``, joined by doors (``scene.json`` version 2.0).

Conventions are those of ``scenegen.scene``: metres, radians, z up, floor at z = 0. Every room's footprint is in
**world** coordinates (the home's frame), so rooms that share a wall share its coordinates. A door is written twice:
once in the home's ``doors`` (which two rooms it joins, where, which way it swings) and once as an ``Opening`` with
the same id in each room it opens into, so each room's solver and validators keep it clear from their own side.

A 1.x ``scene.json`` (one room) still loads: ``load_home`` migrates it to a one-room home (``docs/homes.md``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator

from scenegen.scene import SCHEMA_VERSION, Id, Provenance, Scene, SceneFileError, Vec2, _Model
from scenegen.scene_files import (_check_asset_params, _check_finite, _check_ids, _read_json, _scene_json_path,
                                  _validated, load_scene)

HOME_VERSION = "2.0"
"""Major 2: a scene.json that holds rooms. 1.x files are single rooms (``scenegen.scene.SCHEMA_VERSION``)."""

OUTSIDE = "outside"
"""The ``b`` side of an entrance door."""

MAX_ROOMS = 32
"""Rooms a home may hold: the largest program has 14; the loader refuses more with this number named."""


class Door(_Model):
    """A door in a wall between room ``a`` and room ``b`` (or ``outside``).

    ``center`` is the door's centre on the floor plane (world, metres); ``axis`` the direction its wall runs (``x``
    or ``y``). The leaf is hinged at the ``hinge`` end of the opening (``low``: the smaller x or y) and swings 90° into
    ``swing_into``, sweeping a quarter disc of radius ``width``.
    """

    id: Id
    a: str
    b: str
    center: Vec2
    axis: Literal["x", "y"]
    width: float = Field(gt=0.0, le=3.0, description="metres")
    height: float = Field(default=2.05, gt=0.0, le=5.0, description="metres")
    swing_into: str
    hinge: Literal["low", "high"] = "low"
    open_plan: bool = Field(default=False, description="a wide opening without a leaf (an open kitchen)")

    @property
    def rooms(self) -> tuple[str, str]:
        return self.a, self.b


class HomeRoom(_Model):
    """One room of a home: its id (``bedroom_1``), display name, program (room type), the area the program asked for
    (m²) and the solved room as a full ``Scene``."""

    id: Id
    name: str
    type: str
    target_area: float = Field(default=0.0, ge=0.0, description="m² the home program asked for (0: not given)")
    scene: Scene


class HomeProgram(_Model):
    """What the home was asked to hold: the program's name (``1b1b``, ``office_floor``) and its room types in order
    (``rooms[i]`` is the type of the i-th room)."""

    name: str
    rooms: list[str] = Field(default_factory=list)
    hub: str = Field(default="", description="the room the entrance opens into and the others are reached from")


class Home(_Model):
    """A home: rooms (each a solved Scene in world coordinates), the doors between them, the entrance door, the
    program it was made for and provenance."""

    version: str = HOME_VERSION
    prompt: str = ""
    program: HomeProgram
    footprint: list[Vec2] = Field(default_factory=list, description="outer outline, counter-clockwise, metres")
    rooms: list[HomeRoom] = Field(min_length=1, max_length=MAX_ROOMS)
    doors: list[Door] = Field(default_factory=list)
    entrance: str | None = Field(default=None, description="id of the door to the outside")
    themes: list[str] = Field(default_factory=list, description="persona and pet words the rooms were designed for")
    notes: list[str] = Field(default_factory=list)
    provenance: Provenance
    migrated_from: str | None = Field(default=None, description="the version of the file this home was read from "
                                      "when it was migrated (a 1.x one-room scene)")

    @model_validator(mode="after")
    def _ids_resolve(self) -> "Home":
        ids = [r.id for r in self.rooms]
        if len(ids) != len(set(ids)):
            raise ValueError("room ids must be unique")
        known = set(ids) | {OUTSIDE}
        door_ids = [d.id for d in self.doors]
        if len(door_ids) != len(set(door_ids)):
            raise ValueError("door ids must be unique")
        for d in self.doors:
            for end in (d.a, d.b, d.swing_into):
                if end not in known:
                    raise ValueError(f"door {d.id!r} names unknown room {end!r}")
        if self.entrance is not None and self.entrance not in door_ids:
            raise ValueError(f"the entrance {self.entrance!r} is not one of the doors")
        return self

    def room(self, room_id: str) -> HomeRoom:
        for r in self.rooms:
            if r.id == room_id:
                return r
        raise KeyError(room_id)

    def counts(self) -> dict[str, int]:
        """Rooms per type."""
        out: dict[str, int] = {}
        for r in self.rooms:
            out[r.type] = out.get(r.type, 0) + 1
        return out

    @property
    def area(self) -> float:
        """Floor area of all rooms, m²."""
        return sum(r.scene.room.area for r in self.rooms)


def is_home_file(path: str | Path) -> bool:
    """Whether the scene.json at ``path`` (a file or folder) is a 2.x home rather than a 1.x room."""
    try:
        raw = _read_json(_scene_json_path(Path(path)))
    except SceneFileError:
        return False
    return str(raw.get("version", "")).startswith("2.")


def load_home(path: str | Path) -> Home:
    """Read a home from a scene.json (or its folder). A 2.x file is read as is, each room checked as ``load_scene``
    checks a room; a 1.x file is migrated to a one-room home (``migrate_scene``). Raises ``SceneFileError`` with one
    line."""
    path = _scene_json_path(Path(path))
    raw = _read_json(path)
    version = str(raw.get("version", ""))
    if version == SCHEMA_VERSION:
        return migrate_scene(load_scene(path))
    if version != HOME_VERSION:
        raise SceneFileError(f"{path} has scene version {raw.get('version')!r}; this scenegen reads versions "
                             f"{SCHEMA_VERSION} (a room) and {HOME_VERSION} (a home)")
    rooms = raw.get("rooms")
    if isinstance(rooms, list) and len(rooms) > MAX_ROOMS:
        raise SceneFileError(f"{path} has {len(rooms)} rooms; scenegen handles at most {MAX_ROOMS} per home")
    for k, room in enumerate(rooms if isinstance(rooms, list) else []):
        if isinstance(room, dict) and isinstance(room.get("scene"), dict):
            _check_finite(room["scene"], path)
    home = _validated(Home, raw, path, "home")
    for room in home.rooms:
        _check_ids(room.scene, path)
        _check_asset_params(room.scene, path)
    return home


def migrate_scene(scene: Scene) -> Home:
    """A 1.x one-room scene as a 2.0 home: one room with id ``room`` holding the scene unchanged; each of its doors
    becomes a door to the outside (swinging into the room), the first being the entrance."""
    rid = "room"
    doors = []
    for op in scene.room.openings:
        if op.kind != "door":
            continue
        (ax, ay), (bx, by) = scene.room.wall(op.wall)
        cx, cy = scene.room.opening_center(op)
        doors.append(Door(id=op.id, a=rid, b=OUTSIDE, center=(cx, cy), axis="x" if abs(bx - ax) >= abs(by - ay)
                          else "y", width=op.width, height=op.height, swing_into=rid))
    room = HomeRoom(id=rid, name=scene.room.type.replace("_", " "), type=scene.plan.program or scene.room.type,
                    scene=scene)
    return Home(prompt=scene.plan.prompt, program=HomeProgram(name="room", rooms=[room.type], hub=rid),
                footprint=list(scene.room.footprint), rooms=[room], doors=doors,
                entrance=doors[0].id if doors else None, themes=list(scene.plan.themes), provenance=scene.provenance,
                migrated_from=scene.version)


def dump_home(home: Home) -> str:
    """Canonical JSON text of a home (sorted keys, two-space indent, trailing newline)."""
    return json.dumps(home.model_dump(mode="json"), indent=2, sort_keys=True) + "\n"


def home_json_schema() -> dict[str, Any]:
    """The JSON Schema of a 2.0 scene.json (a home), as checked in at ``schemas/home.schema.json``."""
    schema = Home.model_json_schema()
    schema["$id"] = f"https://scenegen.dev/schemas/home-{HOME_VERSION}.json"
    schema["title"] = f"scenegen home v{HOME_VERSION}"
    return schema
