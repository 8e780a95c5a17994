"""Typed loader for ``programs.toml``: room types of a home, adjacency rules, hub order, named homes and the words
that make a prompt a home. Data, read once; nothing here decides anything."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class RoomType:
    """One room type of a home (``[type.<name>]`` in programs.toml). Areas m², lengths metres."""

    name: str
    design: str
    area: float
    min_width: float
    max_aspect: float
    reach_from: tuple[str, ...]
    window: bool
    themed: bool = False
    door_width: float = 0.9
    objects: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class NamedHome:
    """A named home (``[home.<name>]``): the words that choose it and its rooms per type."""

    name: str
    words: tuple[str, ...]
    rooms: dict[str, int]
    residential: bool = True
    add: dict[str, int] = field(default_factory=dict)
    """rooms added when the prompt names this home and lists rooms of its own (an office floor's corridor)"""


@dataclass(frozen=True)
class HomeData:
    types: dict[str, RoomType]
    adjacency: dict[str, tuple[str, ...]]
    """room type -> the types one of which it must share a door with, when any is present"""
    hub_order: tuple[str, ...]
    homes: dict[str, NamedHome]
    nouns: tuple[str, ...]
    not_after: tuple[str, ...]
    suite_words: tuple[str, ...] = field(default_factory=tuple)
    open_words: tuple[str, ...] = field(default_factory=tuple)
    pairs: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def room_type(self, name: str) -> RoomType:
        try:
            return self.types[name]
        except KeyError:
            raise ValueError(f"unknown home room type {name!r}; known: {', '.join(sorted(self.types))}") from None


@lru_cache(maxsize=1)
def home_data() -> HomeData:
    """programs.toml, parsed once."""
    raw = tomllib.loads(resources.files("scenegen.home").joinpath("programs.toml").read_text())
    types = {name: RoomType(name=name, design=t["design"], area=float(t["area"]), min_width=float(t["min_width"]),
                            max_aspect=float(t["max_aspect"]), reach_from=tuple(t.get("reach_from", ())),
                            window=bool(t.get("window", True)), themed=bool(t.get("themed", False)),
                            door_width=float(t.get("door_width", 0.9)), objects=tuple(t.get("objects", ())),
                            words=tuple(t.get("words", ())))
             for name, t in raw["type"].items()}
    adjacency = {a["type"]: tuple(a["near"]) for a in raw.get("adjacency", [])}
    homes = {name: NamedHome(name=name, words=tuple(h.get("words", ())), rooms=dict(h["rooms"]),
                             residential=bool(h.get("residential", True)), add=dict(h.get("add", {})))
             for name, h in raw["home"].items()}
    res = raw["residential"]
    return HomeData(types=types, adjacency=adjacency, hub_order=tuple(raw["hub"]["order"]), homes=homes,
                    nouns=tuple(res["nouns"]), not_after=tuple(res["not_after"]),
                    suite_words=tuple(res.get("suite_words", ())), open_words=tuple(res.get("open_words", ())),
                    pairs={k: tuple(v) for k, v in res.get("pairs", {}).items()})


def hub_type(types: list[str]) -> str:
    """The room type the entrance opens into: the first of the hub order present, else the first room's type."""
    for t in home_data().hub_order:
        if t in types:
            return t
    return types[0]
