"""Floor plans: a partition of the footprint, rooms of usable shape near their target areas, doors on shared walls
away from the corners, windows on the outline, deterministic for a seed, and one-line errors when a program cannot
fit."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from scenegen.home.floorplan import CORNER, FloorPlanError, RoomSpec, plan_floor, shared_wall
from scenegen.home.make import room_specs
from scenegen.home.program import home_data
from scenegen.home.prompt import HomeRequest
from scenegen.home.validate import AREA_TOLERANCE

PROGRAMS = {
    "1b1b": {"bedroom": 1, "bathroom": 1, "living_room": 1, "kitchen": 1},
    "office_floor": {"office": 4, "meeting_room": 1, "hallway": 1},
    "cottage": {"living_room": 2, "dining_room": 1, "kitchen": 1, "toilet": 1, "laundry_room": 1, "garage": 1,
                "office": 1, "bedroom": 2, "bathroom": 2, "pool_room": 1},
    "studio": {"studio_apartment": 1, "bathroom": 1},
}


def _plan(rooms: dict[str, int], seed: int = 0, **kw):
    specs, hub = room_specs(HomeRequest(prompt="", rooms=rooms))
    return plan_floor(specs, hub, np.random.default_rng(seed), **kw)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_rooms_partition_the_footprint_with_usable_shapes(name):
    fp = _plan(PROGRAMS[name])
    types = home_data().types
    w, d = fp.size
    assert sum(r.area for r in fp.rects.values()) == pytest.approx(w * d, rel=1e-6)  # no gaps
    for (a, ra), (b, rb) in itertools.combinations(fp.rects.items(), 2):  # no overlaps
        ox = min(ra.x1, rb.x1) - max(ra.x0, rb.x0)
        oy = min(ra.y1, rb.y1) - max(ra.y0, rb.y0)
        assert ox <= 1e-6 or oy <= 1e-6, (a, b)
    for rid, r in fp.rects.items():
        spec = fp.spec(rid)
        assert min(r.w, r.d) >= types[spec.type].min_width - 1e-6, rid
        if spec.area > 0:
            assert abs(r.area / spec.area - 1) <= AREA_TOLERANCE, (rid, r.area, spec.area)
    assert sum(1 for s in fp.specs) == sum(PROGRAMS[name].values())


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_doors_sit_on_shared_walls_away_from_corners(name):
    fp = _plan(PROGRAMS[name])
    assert fp.entrance.b == "outside" and fp.entrance.a == fp.hub
    inner = fp.doors[1:]
    assert len(inner) == len(fp.rects) - 1  # a tree: every room but the hub has the door it is reached by
    for door in inner:
        axis, fixed, lo, hi = shared_wall(fp.rects[door.a], fp.rects[door.b])
        c = door.center[0] if axis == "x" else door.center[1]
        assert axis == door.axis and abs((door.center[1] if axis == "x" else door.center[0]) - fixed) < 1e-6
        assert c - door.width / 2 >= lo + CORNER - 1e-6 and c + door.width / 2 <= hi - CORNER + 1e-6
        assert home_data().types[fp.spec(door.a).type].name in home_data().types[fp.spec(door.b).type].reach_from


def test_same_seed_same_plan_and_the_seed_matters():
    a, b = _plan(PROGRAMS["cottage"], seed=3), _plan(PROGRAMS["cottage"], seed=3)
    assert a.rects == b.rects and a.doors == b.doors
    plans = {tuple(sorted((k, v.x0, v.y0) for k, v in _plan(PROGRAMS["cottage"], seed=s).rects.items()))
             for s in range(4)}
    assert len(plans) > 1


def test_kitchen_opens_to_the_living_room_and_bedrooms_not_through_the_kitchen():
    from scenegen.home.floorplan import unmet_adjacency

    for name in ("1b1b", "cottage"):
        fp = _plan(PROGRAMS[name])
        parent = {d.b: d.a for d in fp.doors[1:]}
        types = {rid: fp.spec(rid).type for rid in fp.rects}
        assert unmet_adjacency(types, parent) == []
        kitchen_links = {types[p] for c, p in parent.items() if c.startswith("kitchen")} | \
            {types[c] for c, p in parent.items() if p.startswith("kitchen")}
        assert kitchen_links & {"living_room", "dining_room"}
        assert all(types[parent[b]] != "kitchen" for b in parent if types[b] == "bedroom")


def test_floor_area_from_the_prompt_is_honoured():
    fp = _plan({"bedroom": 2, "bathroom": 1, "living_room": 1, "kitchen": 1}, total_area=70.0)
    assert fp.size[0] * fp.size[1] == pytest.approx(70.0, rel=0.05)


def test_a_program_that_cannot_fit_names_rooms_and_why():
    with pytest.raises(FloorPlanError, match=r"do not fit in 20 m².*bedroom_1 needs 2.8 m of width") as err:
        _plan({"bedroom": 2, "bathroom": 1, "living_room": 1, "kitchen": 1}, total_area=20.0)
    assert "\n" not in str(err.value)
    with pytest.raises(FloorPlanError, match=r"cafe_2 has no wall"):
        plan_floor([RoomSpec("cafe_1", "cafe", 36.0), RoomSpec("cafe_2", "cafe", 36.0)], "cafe_1",
                   np.random.default_rng(0))


def test_windows_only_on_exterior_walls_and_rooms_world_coordinates():
    fp = _plan(PROGRAMS["1b1b"])
    w, d = fp.size
    for win in fp.windows:
        x, y = win.center
        assert min(abs(x), abs(x - w), abs(y), abs(y - d)) < 1e-6
    for rid, r in fp.rects.items():
        room = fp.room(rid)
        assert room.bounds == ((r.x0, r.y0), (r.x1, r.y1))
        assert {o.id for o in room.openings if o.kind == "door"} == {x.id for x in fp.doors if rid in (x.a, x.b)}


@pytest.mark.parametrize("shape, corners", [("rect", 4), ("L", 6), ("U", 8)])
def test_l_and_u_footprints(shape, corners):
    from scenegen.home.floorplan import outline
    from scenegen.scene import Room

    rooms = {"bedroom": 4, "bathroom": 2, "living_room": 1, "kitchen": 1}
    fp = _plan(rooms, shape=shape)
    foot = fp.footprint
    assert len(foot) == corners
    poly = Room(footprint=foot)  # a simple counter-clockwise polygon
    assert poly.area == pytest.approx(sum(r.area for r in fp.rects.values()), rel=1e-6)
    assert outline(fp.rects) == foot
    for win in fp.windows:  # on the outline, never on the courtyard-free interior
        x, y = win.center
        assert any(abs((x - a[0]) * (b[1] - a[1]) - (y - a[1]) * (b[0] - a[0])) < 1e-6
                   and min(a[0], b[0]) - 1e-6 <= x <= max(a[0], b[0]) + 1e-6
                   and min(a[1], b[1]) - 1e-6 <= y <= max(a[1], b[1]) + 1e-6
                   for a, b in zip(foot, foot[1:] + foot[:1]))


def test_shape_words_and_too_few_rooms():
    from scenegen.home.prompt import read_home

    assert read_home("an L-shaped bungalow with three bedrooms").shape == "L"
    assert read_home("a U-shaped house around a courtyard with four bedrooms").shape == "U"
    assert read_home("a 1b1b apartment").shape == "rect"
    with pytest.raises(FloorPlanError, match="U-shaped home needs at least 4 rooms"):
        _plan({"studio_apartment": 1, "bathroom": 1}, shape="U")


def test_a_home_too_big_for_its_hub_gets_a_hallway():
    from scenegen.home.make import _floor_plan
    from scenegen.home.prompt import read_home

    req = read_home("a house with twelve bedrooms")
    specs, hub = room_specs(req)
    assert hub == "living_room_1"
    fp = _floor_plan(req, specs, hub, seed=0)
    assert fp.hub == "hallway_1" and any("a hallway was added" in n for n in fp.notes)
    assert len(fp.rects) == len(specs) + 1
