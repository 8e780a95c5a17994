"""The prepared renderer gives the one-shot ``render()``'s pixels, however a frame is split across threads, and the
render benchmark runs end to end with tiny settings (no timings are asserted)."""

from __future__ import annotations

import numpy as np
import pytest

from scenegen.render import raycast
from scenegen.render.camera import look_at, top_down
from scenegen.render.raycast import Lights, prepare, render
from scenegen.render.views import scene_meshes


@pytest.fixture(scope="module")
def bedroom():
    from scenegen.pipeline import make

    return make("a bedroom with a bed, two nightstands, a wardrobe and a desk", seed=0).scene


def same(a: raycast.RenderOutput, b: raycast.RenderOutput) -> None:
    np.testing.assert_array_equal(a.rgb, b.rgb)
    np.testing.assert_array_equal(a.ids, b.ids)
    np.testing.assert_array_equal(a.depth, b.depth)
    np.testing.assert_array_equal(a.normals, b.normals)
    assert a.names == b.names


def test_prepared_scene_matches_one_shot_render_for_many_cameras(bedroom):
    meshes = scene_meshes(bedroom, ceiling=True)
    prepared = prepare(meshes)
    assert prepared.n_triangles == sum(len(m.faces) for _, m in meshes)
    cams = [look_at((0.8, 0.6, 1.5), (3.0, 2.5, 0.5), width=96, height=64),
            look_at((3.5, 2.8, 1.2), (0.5, 0.5, 0.8), width=96, height=64, fov_deg=90.0),
            top_down(bedroom.room, px_per_m=20)]
    lights = Lights(sun_direction=(0.2, 0.1, 1.0))
    for cam in cams:
        for shadows in (False, True):
            same(prepared.render(cam, shadows=shadows), render(meshes, cam, shadows=shadows))
        same(prepared.render(cam, lights=lights), render(meshes, cam, lights=lights))
    # without the ceiling the sun reaches the floor: shadows change pixels, and only ever darken them
    open_top = prepare(scene_meshes(bedroom, ceiling=False))
    lit, shaded = open_top.render(cams[0], shadows=False), open_top.render(cams[0], shadows=True)
    diff = lit.rgb.astype(int) - shaded.rgb.astype(int)
    assert (diff > 0).any() and (diff >= 0).all()
    np.testing.assert_array_equal(lit.depth, shaded.depth)


def test_splitting_a_frame_across_threads_changes_nothing(bedroom, monkeypatch):
    prepared = prepare(scene_meshes(bedroom, ceiling=True))
    cam = look_at((0.8, 0.6, 1.5), (3.0, 2.5, 0.5), width=160, height=120)  # 19200 px: several ranges
    split = prepared.render(cam, shadows=True)
    monkeypatch.setattr(raycast, "_cpus", lambda: 1)
    whole = prepared.render(cam, shadows=True)
    same(split, whole)
    monkeypatch.setattr(raycast, "_cpus", lambda: 4)
    same(prepared.render(cam, shadows=True), whole)


def test_empty_scene_renders_background():
    out = prepare([]).render(look_at((0, 0, 1), (1, 0, 1), width=8, height=6))
    assert out.rgb.shape == (6, 8, 3) and np.all(out.ids == -1) and np.all(np.isinf(out.depth))
    assert len(np.unique(out.rgb.reshape(-1, 3), axis=0)) == 1


def test_bench_render_tiny():
    from scenegen.bench.render import bench_render, bench_scene

    _, meshes = bench_scene(target_triangles=3000)
    total = sum(len(m.faces) for _, m in meshes)
    assert total >= 3000
    again = bench_scene(target_triangles=3000)[1]
    assert [len(m.faces) for _, m in again] == [len(m.faces) for _, m in meshes]  # deterministic
    result = bench_render(size=24, frames=3, target_triangles=3000, baseline_frames=2, repeats=1)
    assert result.triangles == total and (result.width, result.height) == (24, 24) and result.cpus >= 1
    methods = [(r.method, r.shadows, r.baseline) for r in result.rows]
    assert methods == [("prepared", False, False), ("prepared", True, False), ("render() per call", False, True),
                       ("trimesh+embreex first-hit", False, True)]
    for r in result.rows:
        assert r.ms_per_frame > 0 and r.fps == pytest.approx(1000.0 / r.ms_per_frame)
    assert result.row("prepared", True).frames == 3 and result.row("render() per call", False).frames == 2
    with pytest.raises(ValueError):
        bench_render(size=0)
