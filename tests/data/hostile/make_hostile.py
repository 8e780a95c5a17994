"""Writes the hostile scene files in this folder from ``_base.json`` (a 3-object bedroom made by
``scenegen make "a small bedroom with a bed and a nightstand with a lamp on it" --planner rules``).

Each file is the base with one defect from issue 20; ``tests/test_hostile_scenes.py`` runs every command on each.
Run ``python tests/data/hostile/make_hostile.py`` to rewrite them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent


def _obj(raw: dict, oid: str) -> dict:
    return next(o for o in raw["objects"] if o["id"] == oid)


def _move(raw: dict, oid: str, x: float) -> None:
    o = _obj(raw, oid)
    o["pose"]["position"][0] = x
    o["bbox"][0][0] = x - o["size"][0] / 2
    o["bbox"][1][0] = x + o["size"][0] / 2


def self_intersecting_room(raw: dict) -> None:
    # a bow-tie-ish pentagon whose signed area is positive, so the old area-only check let it through
    raw["room"]["footprint"] = [[0, 0], [6, 0], [6, 4], [2, -1], [0, 4]]
    raw["room"]["openings"] = []


def negative_size(raw: dict) -> None:
    _obj(raw, "bed_1")["size"][2] = -0.5


def zero_size(raw: dict) -> None:
    _obj(raw, "nightstand_1")["size"][0] = 0.0


def self_support(raw: dict) -> None:
    _obj(raw, "table_lamp_1")["support"] = "table_lamp_1"


def support_cycle(raw: dict) -> None:
    _obj(raw, "nightstand_1")["support"] = "table_lamp_1"


def far_object_1e17(raw: dict) -> None:
    _move(raw, "bed_1", 1e17)


def far_object_1e30(raw: dict) -> None:
    _move(raw, "bed_1", 1e30)


def huge_room_1e30(raw: dict) -> None:
    raw["room"]["footprint"] = [[0, 0], [1e30, 0], [1e30, 1e30], [0, 1e30]]


def long_id(raw: dict) -> None:
    new = "bed_" + "x" * 60  # 64 characters, one over Blender's name limit
    _obj(raw, "bed_1")["id"] = new
    next(o for o in raw["plan"]["objects"] if o["id"] == "bed_1")["id"] = new
    for r in raw["plan"]["relations"]:
        for k in ("subject", "target"):
            if r.get(k) == "bed_1":
                r[k] = new


def string_param(raw: dict) -> None:
    _obj(raw, "bed_1")["asset"]["params"]["pillows"] = "/etc/passwd"


def string_size(raw: dict) -> None:
    _obj(raw, "bed_1")["size"] = ["a", "b", "c"]


def objects_not_a_list(raw: dict) -> None:
    raw["objects"] = {"bed_1": 1}


def missing_room(raw: dict) -> None:
    del raw["room"]


def nan_position(raw: dict) -> None:
    _obj(raw, "bed_1")["pose"]["position"][1] = float("nan")


def image_reads_etc_passwd(raw: dict) -> None:
    o = _obj(raw, "bed_1")
    o["asset"]["backend"] = "image3d"
    o["asset"]["params"] = {"width": 1.6, "depth": 2.1, "height": 0.96, "image": "/etc/passwd", "image_crc": 0.0}


def image_escapes_folder(raw: dict) -> None:
    o = _obj(raw, "bed_1")
    o["asset"]["backend"] = "image3d"
    o["asset"]["params"] = {"width": 1.6, "depth": 2.1, "height": 0.96, "image": "images/../../../../etc/hosts.png",
                            "image_crc": 0.0}


MUTATIONS: dict[str, Callable[[dict], None]] = {f.__name__: f for f in (
    self_intersecting_room, negative_size, zero_size, self_support, support_cycle, far_object_1e17, far_object_1e30,
    huge_room_1e30, long_id, string_param, string_size, objects_not_a_list, missing_room, nan_position,
    image_reads_etc_passwd, image_escapes_folder)}


def main() -> None:
    base = json.loads((HERE / "_base.json").read_text())
    for name, mutate in MUTATIONS.items():
        raw = copy.deepcopy(base)
        mutate(raw)
        (HERE / f"{name}.json").write_text(json.dumps(raw, indent=1, allow_nan=True) + "\n")
    # JSON nested far deeper than Python's recursion limit (a reader that recurses must not traceback)
    (HERE / "nested_deep.json").write_text('{"version": "1.0", "room": ' + "[" * 20000 + "]" * 20000 + "}\n")


if __name__ == "__main__":
    main()
