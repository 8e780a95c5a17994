"""A ceiling thing drawn too tall for the room is drawn shorter, so it hangs above head height."""

from __future__ import annotations

from scenegen.assets import build_mesh
from scenegen.assets.ceiling import fit_under_ceiling
from scenegen.scene import AssetRef, LayoutPlan, PlannedObject, Room
from scenegen.thresholds import HEAD_CLEAR


def test_a_big_chandelier_in_a_low_room_is_made_short_enough_to_hang():
    plan = LayoutPlan(prompt="t", room=Room.rectangle(4.0, 3.5, height=2.7, type="dining_room"),
                      objects=[PlannedObject(id="c", category="chandelier", description="big chandelier")],
                      relations=[])
    ref = AssetRef(backend="procedural", category="chandelier", seed=0,
                   params={"width": 1.09, "depth": 1.0, "height": 1.0})
    size = tuple(float(v) for v in build_mesh(ref).extents)
    assert size[2] > 2.7 - HEAD_CLEAR
    refs, sizes = fit_under_ceiling(plan, {"c": ref}, {"c": size}, build_mesh)
    assert sizes["c"][2] <= 2.7 - HEAD_CLEAR + 1e-3
    assert abs(sizes["c"][0] / sizes["c"][2] - size[0] / size[2]) < 0.05  # kept its proportions


def test_a_chandelier_that_fits_is_unchanged():
    plan = LayoutPlan(prompt="t", room=Room.rectangle(4.0, 3.5, height=3.2, type="dining_room"),
                      objects=[PlannedObject(id="c", category="chandelier", description="chandelier")], relations=[])
    ref = AssetRef(backend="procedural", category="chandelier", seed=0, params={"width": 0.6, "depth": 0.6, "height": 0.5})
    size = tuple(float(v) for v in build_mesh(ref).extents)
    refs, sizes = fit_under_ceiling(plan, {"c": ref}, {"c": size}, build_mesh)
    assert refs["c"] == ref and sizes["c"] == size
