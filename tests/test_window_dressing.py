"""Curtains and blinds frame windows, and cushions rest at the head of a bed or the back of a sofa."""

from __future__ import annotations

import math

import pytest

from scenegen.pipeline import make
from scenegen.scene import Scene


def _along_wall(scene: Scene, obj_id: str, wall: int) -> float:
    """Metres from the start of ``wall`` to the object's centre, measured along the wall."""
    (ax, ay), _ = scene.room.wall(wall)
    dx, dy = scene.room.wall_direction(wall)
    x, y, _ = scene.object(obj_id).pose.position
    return (x - ax) * dx + (y - ay) * dy


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_stated_curtains_hang_centred_on_the_window(seed: int) -> None:
    result = make("a bedroom with a bed and curtains on the window", seed=seed)
    window = next(op for op in result.scene.room.openings if op.kind == "window")
    curtains = result.scene.object("curtains_1")
    assert abs(_along_wall(result.scene, "curtains_1", window.wall) - window.offset) < 0.05
    # it covers the window from its sill (or from just over a bed under it) to above its head
    assert curtains.pose.position[2] <= window.sill + 0.02 + 1e-6
    assert curtains.pose.position[2] + curtains.size[2] > window.sill + window.height
    assert not [f for f in result.report.findings if f.validator == "opening_clearance" and f.status == "fail"]


def test_a_wardrobe_in_front_of_a_window_still_blocks_it() -> None:
    from validators.navigation import _occlusion, clearance_box

    result = make("a bedroom with a bed and curtains on the window", seed=0)
    scene = result.scene
    window = next(op for op in scene.room.openings if op.kind == "window")
    quad, z0, z1 = clearance_box(scene.room, window)
    curtains = scene.object("curtains_1")
    assert _occlusion(scene.room, window, curtains, quad, z0, z1) is None
    wardrobe = curtains.model_copy(update={"category": "wardrobe", "support": None})
    assert _occlusion(scene.room, window, wardrobe, quad, z0, z1) is not None


def test_design_dresses_every_window_with_the_program_kind_and_respects_the_prompt() -> None:
    bedroom = make("a bedroom", seed=0, density="normal").scene
    windows = [op for op in bedroom.room.openings if op.kind == "window"]
    assert len([o for o in bedroom.objects if o.category == "curtains"]) == len(windows) >= 1
    bathroom = make("a bathroom", seed=0, density="normal").scene
    assert any(o.category == "blinds" for o in bathroom.objects)
    assert not any(o.category == "curtains" for o in bathroom.objects)
    bare = make("a bedroom with no curtains", seed=0, density="normal").scene
    assert not any(o.category == "curtains" for o in bare.objects)


@pytest.mark.parametrize("prompt, host", [("a sofa with three cushions on it", "sofa_1"),
                                          ("a bed with two cushions on it", "bed_1")])
def test_cushions_rest_in_the_back_half_of_their_host(prompt: str, host: str) -> None:
    scene = make(prompt, seed=0).scene
    h = scene.object(host)
    back = (-math.sin(h.pose.yaw) * -1.0, math.cos(h.pose.yaw) * -1.0)  # the host's local -y, in the world
    cushions = [o for o in scene.objects if o.category == "cushions"]
    assert cushions
    for c in cushions:
        offset = ((c.pose.position[0] - h.pose.position[0]) * back[0]
                  + (c.pose.position[1] - h.pose.position[1]) * back[1])
        assert offset > 0.0, (c.id, offset)
