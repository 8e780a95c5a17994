"""Walking through a home: one scene of all its rooms with the interior walls as obstacles, so an automatic walk
passes from room to room only through doors."""

from __future__ import annotations

import pytest
from home_helpers import made

from scenegen.home.walk import home_as_scene, room_of


def _room_at(home, x: float, y: float) -> str | None:
    for r in home.rooms:
        (x0, y0), (x1, y1) = r.scene.room.bounds
        if x0 <= x <= x1 and y0 <= y <= y1:
            return r.id
    return None


def _through_a_door(home, a: str, b: str, p: tuple[float, float], q: tuple[float, float]) -> bool:
    """Whether the step p -> q from room a into room b crosses their shared wall inside one of their doors."""
    for d in home.doors:
        if {d.a, d.b} != {a, b}:
            continue
        along = 0 if d.axis == "x" else 1
        mid = (p[along] + q[along]) / 2
        if abs(mid - d.center[along]) <= d.width / 2:
            return True
    return False


def test_home_scene_holds_every_object_and_walls_with_door_gaps():
    home = made().home
    scene = home_as_scene(home)
    walls = [o for o in scene.objects if o.category == "room_divider"]
    assert len(scene.objects) == sum(len(r.scene.objects) for r in home.rooms) + len(walls)
    assert walls and all(o.asset.backend == "box" for o in walls)
    for d in (x for x in home.doors if "outside" not in (x.a, x.b)):  # no wall box covers a door's centre
        cx, cy = d.center
        assert not any(o.bbox[0][0] < cx < o.bbox[1][0] and o.bbox[0][1] < cy < o.bbox[1][1] for o in walls), d.id
    assert {room_of(o.id) for o in scene.objects if o.category != "room_divider"} <= {r.id for r in home.rooms}
    assert any(op.id == "entrance" and op.kind == "door" for op in scene.room.openings)


@pytest.mark.slow
def test_auto_walk_visits_every_room_through_doors():
    from scenegen.render.agent import HOME_CELL_M
    from scenegen.render.walk import auto_walk, default_start, rollout, walk_space

    home = made("a 1b1b apartment of a researcher who has a cat", "normal").home
    scene = home_as_scene(home)
    free = walk_space(scene)
    assert free.res <= HOME_CELL_M + 1e-9  # as fine as each room's own navigability raster, not 256 cells a home
    start = default_start(scene, free)
    walk = auto_walk(scene, 1500, free=free, start=start)
    states, _ = rollout(start, walk.actions, free)
    path = [(s.x, s.y) for s in states]
    rooms = [_room_at(home, x, y) for x, y in path]
    assert set(rooms) == {r.id for r in home.rooms}
    for (p, a), (q, b) in zip(zip(path, rooms), zip(path[1:], rooms[1:])):
        if a and b and a != b:
            assert _through_a_door(home, a, b, p, q), (a, b, p, q)
