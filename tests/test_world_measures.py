"""The blur-proof world-model measures: each baseline scores where it must (a flat guess has no contrast, no
gradients and no structure; a perfect prediction has zero error), so a model cannot win them by blurring."""

from __future__ import annotations

import numpy as np

from scenegen.training.world.measures import (baselines, blur, contrast_ratio, feature_scores, gradient_ratio,
                                              object_masks, persistence)
from scenegen.training.world.strip import pick_windows, strip_picture


def _frames(seed: int, n: int = 4, size: int = 32, textured: bool = True) -> np.ndarray:
    rng = np.random.default_rng(seed)
    f = np.full((n, size, size, 3), 120, dtype=np.uint8)
    for i in range(n):  # a few boxes, solid or textured: contrast, edges and structure to lose
        for _ in range(3):
            y, x = rng.integers(0, size - 10, 2)
            f[i, y:y + 10, x:x + 10] = rng.integers(0, 255, (10, 10, 3) if textured else 3)
    return f


def test_ratios_are_one_for_the_engine_and_collapse_for_flat_and_blur() -> None:
    t = _frames(0)
    assert contrast_ratio(t, t) == 1.0 and gradient_ratio(t, t) == 1.0
    flat = np.broadcast_to(t.reshape(4, -1, 3).mean(1).astype(np.uint8)[:, None, None], t.shape)
    assert contrast_ratio(flat, t) < 0.05 and gradient_ratio(flat, t) == 0.0
    solid = _frames(0, textured=False)
    assert gradient_ratio(blur(solid), solid) < 0.5 < contrast_ratio(blur(solid), solid) < 1.0


def test_persistence_zero_for_truth_one_for_flat() -> None:
    t = _frames(1)
    ids = np.full(t.shape[:3], 0, dtype=np.int16)  # "floor"
    ids[:, 4:20, 4:20] = 1                          # one object
    names = [["floor", "sofa_0"]] * len(t)
    assert object_masks(ids[0], names[0])[0].sum() == 256
    perfect = persistence(t, t, ids, names)
    assert perfect["objects"] == 4 and perfect["colour"] == 0.0 and abs(perfect["structure"]) < 1e-9
    flat = np.full_like(t, 120)
    worse = persistence(flat, t, ids, names)
    assert worse["structure"] == 1.0 and worse["colour"] > 0.0
    assert persistence(t, t, np.zeros_like(ids), names)["objects"] == 0  # architecture only: nothing to score


def test_baselines_shapes_and_flat_oracle_colour() -> None:
    ctx, tgt = _frames(2)[None], _frames(3)[None]
    b = baselines(ctx, tgt, np.zeros((32, 32, 3), np.uint8))
    assert set(b) == {"copy_last", "blurred_last", "flat_mean", "train_mean"}
    assert all(v.shape == tgt.shape for v in b.values())
    assert np.array_equal(b["copy_last"][0, 2], ctx[0, -1])
    assert np.abs(b["flat_mean"][0, 1].astype(float).mean((0, 1)) - tgt[0, 1].reshape(-1, 3).mean(0)).max() < 1


def test_feature_scores_zero_for_identical_sets() -> None:
    f = np.random.default_rng(0).normal(size=(40, 8))
    s = feature_scores(f, f)
    assert abs(s["cosine"]) < 1e-9 and abs(s["frechet"]) < 1e-6
    assert feature_scores(f + 1.0, f)["frechet"] > 7.9  # mean shift of 1 in 8 dims: squared distance 8


def test_strip_picture_draws_rows_per_room(tmp_path) -> None:
    from PIL import Image

    ctx, tgt = _frames(4)[None, :2], np.repeat(_frames(5, n=64)[None], 2, axis=0)
    ctx = np.repeat(ctx, 2, axis=0)
    path = strip_picture(ctx, tgt, {"model": tgt}, ["a", "b"], tmp_path / "s.png", scale=1)
    assert Image.open(path).size[0] == 120 + 6 * (32 + 4)
    assert list(pick_windows(np.array([7, 7, 7, 15, 15, 15, 23]), 2)) == [0, 6]
