"""Wall and floor finishes from the prompt ("light blue walls", "dark oak floors"): read by ``scenegen.plan.finishes``
for every planner, kept on the room through resizing, and painted on the shell meshes that render and export."""

from __future__ import annotations

import numpy as np
import pytest

from scenegen.assets.architecture import FLOOR_COLOUR, WALL_COLOUR, room_meshes
from scenegen.assets.colours import colour_rgb, material_rgb
from scenegen.design.empty import empty_plan
from scenegen.design.room_fit import scale_room
from scenegen.plan import plan
from scenegen.plan.finishes import read_finishes
from scenegen.scene import Finish, LayoutPlan, Room


@pytest.mark.parametrize("text, walls, floor", [
    ("A cozy bedroom with light blue walls and warm wooden floors.", ("light blue", None), (None, "wooden")),
    ("Living room, muted olive-green color wallpaper, with smooth matte finish, light tan color flooring",
     ("muted olive green", None), ("light tan", None)),
    ("The walls are painted in sage green; the floors of polished oak.", ("sage green", None), (None, "oak")),
    ("a bathroom with grey tile floor and white walls", ("white", None), ("grey", "tile")),
    ("a study with dark oak floors", None, ("dark oak", "oak")),
    ("walls of a bluish-gray, cream woodwork", ("bluish gray", None), None),
])
def test_finishes_are_read_next_to_the_wall_or_floor_noun(text, walls, floor) -> None:
    got = read_finishes(text)
    assert (got[0] and (got[0].colour, got[0].material)) == walls
    assert (got[1] and (got[1].colour, got[1].material)) == floor


@pytest.mark.parametrize("text", [
    "a black floor lamp and white wall shelves",        # things named with floor/wall
    "an accent wall in navy and a grey sofa",           # one wall, not the room's
    "it stands against a pastel blue wall",             # one wall
    "a rug on the floor and floor-length white curtains",
    "a kitchen with white subway tiles",                 # tiles may be a wall's
])
def test_one_wall_and_things_named_after_surfaces_are_no_finish(text) -> None:
    assert read_finishes(text) == (None, None)


def test_every_plan_carries_the_finishes_and_they_survive_a_round_trip() -> None:
    p = plan("a bedroom with sage green walls and a white marble floor, a bed and a desk")
    assert p.room.walls == Finish(colour="sage green") and p.room.floor == Finish(colour="white", material="marble")
    assert LayoutPlan.model_validate_json(p.model_dump_json()).room == p.room


def test_a_room_type_alone_keeps_its_finishes() -> None:
    """"a living room with sage green walls" names no furniture: the empty room the designer furnishes has them."""
    p = empty_plan("a living room with sage green walls", "rules")
    assert p is not None and p.room.walls == Finish(colour="sage green")


def test_a_grown_room_keeps_its_finishes() -> None:
    room = Room.rectangle(3.0, 3.0, walls=Finish(colour="navy"), floor=Finish(material="concrete"))
    grown = scale_room(room, 1.5)
    assert grown.walls == room.walls and grown.floor == room.floor and grown.area == pytest.approx(room.area * 2.25)


def _rgb(mesh) -> np.ndarray:
    return mesh.visual.face_colors[0, :3].astype(float) / 255.0


def test_the_shell_is_painted_in_the_finishes_and_defaults_stay_as_they_were() -> None:
    plain = room_meshes(Room.rectangle(3.0, 3.0))
    assert np.allclose(_rgb(plain["wall_0"]), WALL_COLOUR, atol=1 / 255)
    assert np.allclose(_rgb(plain["floor"]), FLOOR_COLOUR, atol=1 / 255)
    room = Room.rectangle(3.0, 3.0, type="living_room", walls=Finish(colour="sage green"),
                          floor=Finish(material="marble"))
    meshes = room_meshes(room)
    assert all(np.allclose(_rgb(meshes[f"wall_{i}"]), colour_rgb("sage green"), atol=1 / 255) for i in range(4))
    assert np.allclose(_rgb(meshes["floor"]), material_rgb("marble"), atol=1 / 255)
    assert meshes["floor"].metadata["materials"] == ("marble",)


def test_the_report_says_the_finishes() -> None:
    from scenegen.pipeline import make
    from scenegen.report.html import report_html

    result = make("a study with navy walls, a desk and a chair", seed=0, validators=["collision"])
    assert result.scene.room.walls == Finish(colour="navy")
    assert "walls: navy" in report_html(result.scene, result.report)
