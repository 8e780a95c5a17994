"""Home validators: a made home passes; planted faults (a doorless room, a blocked connecting door, a window on an
interior wall, a room far off its area) fail the check that should catch them."""

from __future__ import annotations

import numpy as np
import pytest
from home_helpers import made

from scenegen.home.model import Door
from scenegen.home.mutate import plant_home_fault
from scenegen.home.validate import (check_door_swings, check_doors, check_program, check_reachable, check_windows,
                                    validate_home)


def _status(findings, check):
    return {f.status for f in findings if f.check == check}


def test_a_made_home_passes_every_home_check_fast_smoke():
    result = made()
    assert result.exit_code == 0, result.report.failures()
    findings = validate_home(result.home)
    assert {f.check for f in findings} == {"doors", "reachable", "door_swing", "windows", "program"}
    assert all(f.status == "pass" for f in findings)
    assert set(result.report.rooms) == {r.id for r in result.home.rooms}  # every room has its own report
    assert all(len(rep.findings) > 5 for rep in result.report.rooms.values())  # the per-room validators ran


def test_doorless_room_fails_doors_and_reachability():
    home, ids = plant_home_fault(made().home, "doorless", np.random.default_rng(0))
    victim = ids[0]
    doors = check_doors(home)
    assert "fail" in _status(doors, "doors")
    assert any(victim in f.object_ids and "no door" in f.message for f in doors)
    reach = check_reachable(home)
    assert any(f.status == "fail" and victim in f.object_ids for f in reach)


def test_blocked_connecting_door_fails_reachability_and_swing():
    home, (door_id, room_id, block) = plant_home_fault(made().home, "block_door", np.random.default_rng(1))
    reach = check_reachable(home)
    failed = [f for f in reach if f.status == "fail"]
    assert failed and any(room_id in f.object_ids and door_id in f.message for f in failed)
    swings = check_door_swings(home)
    assert any(f.status == "fail" and block in f.object_ids for f in swings)


def test_window_on_an_interior_wall_fails():
    home = made().home
    hub = home.room(home.program.hub)
    room = hub.scene.room  # a new window on a wall of the hub that is not on the home's outline
    (x0, y0), (x1, y1) = room.bounds
    w, d = home.footprint[2]
    wall = next(i for i, (a, b) in enumerate([(y0, 0.0), (x1, w), (y1, d), (x0, 0.0)]) if abs(a - b) > 1e-6)
    length = room.wall_length(wall)
    bad = room.openings[0].model_copy(update={"id": "window_9", "kind": "window", "wall": wall, "offset": length / 2,
                                              "width": 0.8, "sill": 0.9, "height": 1.0})
    new_room = room.model_copy(update={"openings": [*room.openings, bad]})
    rooms = [r.model_copy(update={"scene": r.scene.model_copy(update={"room": new_room})}) if r.id == hub.id else r
             for r in home.rooms]
    findings = check_windows(home.model_copy(update={"rooms": rooms}))
    assert any(f.status == "fail" and "window_9" in f.message for f in findings)


def test_program_checks_area_and_counts():
    home = made().home
    room = home.rooms[0]
    far = room.model_copy(update={"target_area": room.scene.room.area * 3})
    findings = check_program(home.model_copy(update={"rooms": [far, *home.rooms[1:]]}))
    assert any(f.status == "fail" and room.id in f.object_ids and "off its" in f.message for f in findings)
    missing = home.model_copy(update={"program": home.program.model_copy(
        update={"rooms": [*home.program.rooms, "garage"]})})
    assert "fail" in _status(check_program(missing), "program")


def test_door_leaves_swinging_into_each_other_fail():
    home = made().home
    d = next(x for x in home.doors if x.b != "outside")
    twin = Door(**{**d.model_dump(), "id": "door_twin", "hinge": "high" if d.hinge == "low" else "low"})
    findings = check_door_swings(home.model_copy(update={"doors": [*home.doors, twin]}))
    assert any(f.status == "fail" and "swing into each other" in f.message for f in findings)


def test_unknown_fault_is_refused():
    with pytest.raises(ValueError, match="unknown home fault"):
        plant_home_fault(made().home, "flood", np.random.default_rng(0))
