"""A bin or a pet bed the prompt puts under a desk or table stands in its knee space (public prompts failed on it:
the solver never let a floor object overlap another's footprint)."""

from __future__ import annotations

import numpy as np
import pytest

from scenegen.pipeline import make
from scenegen.solve.surface import clear_under


@pytest.mark.parametrize("prompt, subject, host", [
    ("a desk with a trash can under it", "trash_can_1", "desk_1"),
    ("there is a black office chair in front of a white desk. the desk is against the wall and a monitor sits on "
     "the desk. a trash can is under the desk.", "trash_can_1", "desk_1"),
    ("a dining table with a dog bed under it", "pet_bed_1", "dining_table_1"),
])
@pytest.mark.parametrize("seed", [0, 1])
def test_under_a_knee_top_is_met_without_collision(prompt: str, subject: str, host: str, seed: int) -> None:
    result = make(prompt, seed=seed, density="minimal")
    fails = [f.message for f in result.report.findings if f.status == "fail"]
    assert not fails
    s, h = result.scene.object(subject), result.scene.object(host)
    assert np.hypot(s.pose.position[0] - h.pose.position[0], s.pose.position[1] - h.pose.position[1]) < \
        max(h.size[0], h.size[1]) / 2


def test_clear_under_sees_a_desk_top_above_its_knee_space_and_nothing_outside() -> None:
    desk = make("a desk", seed=0, density="minimal").scene.object("desk_1")
    cx, cy, _ = desk.pose.position
    small = np.array([[[cx - 0.05, cy - 0.05], [cx + 0.05, cy - 0.05], [cx + 0.05, cy + 0.05], [cx - 0.05, cy + 0.05]]])
    clear = clear_under(desk.asset, cx, cy, desk.pose.yaw, small)[0]
    assert 0.5 < clear < desk.size[2]
    far = small + 5.0
    assert np.isinf(clear_under(desk.asset, cx, cy, desk.pose.yaw, far)[0])
