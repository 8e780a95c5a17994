"""The world model: data shards, the tiny model, teacher and self forcing, rollouts, metrics (tiny models from config;
the bundled checkpoint is scored by `scenegen eval world`, not here)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from scenegen.render.walk import ACTIONS
from scenegen.training.world import data as wdata
from scenegen.training.world.evaluate import (acceptance, copy_last, eval_world, horizon_scores, make_windows, model_rollout,
                                     plot_psnr, psnr, ssim)
from scenegen.world.model import PSNR_CAP, WorldConfig, build, load, rollout, save, tiny_config, to_model, to_uint8
from scenegen.training.world.train import FLIP_ACTION, Episodes, TrainConfig, loss_self, loss_teacher, train_world

PROMPT = "a bedroom with a bed, a nightstand and a wardrobe"


def _live(model):  # type: ignore[no-untyped-def]
    """The head starts at zero (copy-last); give it weights so the action and every layer matter."""
    torch.manual_seed(1)
    torch.nn.init.normal_(model.head[0].weight, std=0.1)
    return model


def _synthetic_shard(index: int, t: int = 12, size: int = 16, seed: int = 0) -> dict:
    """A walk where each action shifts a random texture: forward/turn_left/turn_right move it differently."""
    rng = np.random.default_rng(seed + index)
    base = rng.integers(0, 256, size=(size, 3 * size, 3), dtype=np.uint8)
    actions = rng.integers(0, len(ACTIONS), size=t)
    shift, frames = size, []
    for k in range(t + 1):
        frames.append(base[:, shift:shift + size])
        if k < t:
            shift = int(np.clip(shift + {5: -2, 6: 2}.get(int(actions[k]), 0), 0, 2 * size))
    ids = np.zeros((t + 1, size, size), dtype=np.int16)
    ids[:, size // 4:3 * size // 4, size // 4:3 * size // 4] = 1  # one object in the middle of every frame
    return {"frames": np.stack(frames), "actions": actions.astype(np.int64),
            "poses": np.tile(np.eye(4, dtype=np.float32), (t + 1, 1, 1)), "scene_index": index,
            "ids": ids, "names": np.array(["floor", "box_0"])}


def _write_shards(root, n: int = 8, t: int = 40, size: int = 16) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        split = "heldout" if wdata.is_heldout(i) else "train"
        (root / split).mkdir(parents=True, exist_ok=True)
        s = _synthetic_shard(i, t, size)
        np.savez(root / split / f"scene_{i:05d}.npz", **s, prompt=np.array(PROMPT), seed=np.array(i))


# --------------------------------------------------------------------------------------------------------------------
# data


def test_shard_shapes_and_dtypes(tmp_path):
    path = tmp_path / "scene_00000.npz"
    assert wdata.make_shard(0, PROMPT, seed=3, steps=5, size=16, out_path=path)
    with np.load(path) as z:
        assert z["frames"].shape == (6, 16, 16, 3) and z["frames"].dtype == np.uint8
        assert z["actions"].shape == (5,) and z["actions"].dtype == np.int64
        assert z["actions"].min() >= 0 and z["actions"].max() < len(ACTIONS)
        assert z["poses"].shape == (6, 4, 4) and z["depth"].shape == (6, 16, 16)
        assert z["blocked"].shape == (5,) and int(z["scene_index"]) == 0
        assert z["frames"].std() > 0  # an actual rendered room, not a blank image


def test_heldout_rule_and_flip_table():
    held = [i for i in range(32) if wdata.is_heldout(i)]
    assert held == [7, 15, 23, 31]
    assert np.array_equal(FLIP_ACTION[FLIP_ACTION], np.arange(len(ACTIONS)))
    assert ACTIONS[FLIP_ACTION[ACTIONS.index("turn_left")]] == "turn_right"
    assert ACTIONS[FLIP_ACTION[ACTIONS.index("forward")]] == "forward"


@pytest.mark.slow
def test_generate_splits_by_scene(tmp_path):
    meta = wdata.generate(tmp_path, scenes=8, steps=4, size=16, seed=0)
    assert meta["made"] == {"train": 7, "heldout": 1}
    train = wdata.load_split(tmp_path, "train")
    held = wdata.load_split(tmp_path, "heldout")
    assert [s["scene_index"] for s in held] == [7]
    assert 7 not in {s["scene_index"] for s in train}
    seeds = {}
    for split in ("train", "heldout"):
        for f in (tmp_path / split).glob("*.npz"):
            with np.load(f) as z:
                seeds.setdefault(split, set()).add(int(z["seed"]))
    assert not seeds["train"] & seeds["heldout"]  # no room in both splits


# --------------------------------------------------------------------------------------------------------------------
# model


def test_tiny_forward_shapes_and_action_matters():
    cfg = tiny_config()
    model = _live(build(cfg, seed=0)).eval()
    ctx = torch.rand(3, cfg.context, 3, cfg.size, cfg.size) * 2 - 1
    out = model(ctx, torch.tensor([0, 1, 5]))
    assert out.shape == (3, 3, cfg.size, cfg.size)
    same = ctx[:1].repeat(2, 1, 1, 1, 1)
    with torch.no_grad():
        a, b = model(same, torch.tensor([ACTIONS.index("forward"), ACTIONS.index("turn_left")]))
    assert float((a - b).abs().max()) > 1e-4
    with pytest.raises(ValueError, match="context"):
        model(ctx[:, :1], torch.tensor([0, 0, 0]))


def test_fresh_model_copies_last_frame():
    cfg = tiny_config()
    model = build(cfg, seed=0)
    ctx = torch.rand(2, cfg.context, 3, cfg.size, cfg.size) * 2 - 1
    assert torch.allclose(model(ctx, torch.tensor([1, 2])), ctx[:, -1])


def test_save_load_round_trip(tmp_path):
    cfg = tiny_config()
    model = _live(build(cfg, seed=0)).eval()
    path = save(model, tmp_path / "w.safetensors")
    again = load(path)
    assert again.cfg == cfg
    ctx = torch.rand(1, cfg.context, 3, cfg.size, cfg.size)
    assert torch.equal(model(ctx, torch.tensor([3])), again(ctx, torch.tensor([3])))
    with pytest.raises(ValueError, match="train world"):
        load(tmp_path / "absent.safetensors")


def test_uint8_conversions_round_trip():
    x = torch.randint(0, 256, (2, 5, 7, 3), dtype=torch.uint8)
    y = to_model(x)
    assert y.shape == (2, 3, 5, 7) and float(y.min()) >= -1 and float(y.max()) <= 1
    assert torch.equal(to_uint8(y), x)


# --------------------------------------------------------------------------------------------------------------------
# training


def _fixed_batch(k: int, m: int):  # type: ignore[no-untyped-def]
    episodes = Episodes([_synthetic_shard(i) for i in range(4)])
    return episodes.sample(np.random.default_rng(0), 8, k, m)


@pytest.mark.parametrize("mode", ["teacher", "self"])
def test_training_steps_reduce_loss_and_reach_every_parameter(mode):
    cfg = tiny_config()
    model = _live(build(cfg, seed=0)).train()
    m = 1 if mode == "teacher" else 3
    ctx, acts, tgt = _fixed_batch(cfg.context, m)
    assert ctx.shape == (8, cfg.context, 3, 16, 16) and acts.shape == (8, m) and tgt.shape == (8, m, 3, 16, 16)

    def loss_fn():  # type: ignore[no-untyped-def]
        return loss_teacher(model, ctx, acts, tgt) if mode == "teacher" else loss_self(model, ctx, acts, tgt, bptt=2)

    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    first = loss_fn()
    first.backward()
    for name, p in model.named_parameters():
        assert p.grad is not None and torch.isfinite(p.grad).all(), name
        assert float(p.grad.abs().sum()) > 0, f"no gradient reaches {name}"
    opt.step()
    for _ in range(15):
        opt.zero_grad()
        loss = loss_fn()
        loss.backward()
        opt.step()
    assert math.isfinite(float(loss.detach())) and float(loss.detach()) < float(first.detach())


def test_train_world_writes_checkpoint_and_card(tmp_path):
    _write_shards(tmp_path / "data", n=4, t=12)
    out = tmp_path / "w.safetensors"
    card = train_world(tmp_path / "data", out, TrainConfig(mode="teacher", steps=2, batch=2, config="tiny",
                                                          save_every=1, threads=1), log=lambda m: None)
    assert out.exists() and out.with_suffix(".json").exists()
    assert card["training"]["steps_done"] == 2 and card["config"]["context"] == tiny_config().context
    card = train_world(tmp_path / "data", tmp_path / "s.safetensors",
                       TrainConfig(mode="self", steps=1, batch=2, rollout=3, init=str(out), threads=1),
                       log=lambda m: None)
    assert card["training"]["mode"] == "self"


# --------------------------------------------------------------------------------------------------------------------
# rollout


def test_rollout_frame_counts():
    from scenegen.world.rollout import compare

    cfg = tiny_config()
    model = _live(build(cfg, seed=0)).eval()
    pred = rollout(model, torch.zeros(2, cfg.context, 3, 16, 16), torch.zeros(2, 7, dtype=torch.long))
    assert pred.shape == (2, 7, 3, 16, 16)
    shard = _synthetic_shard(0, t=9)
    frames, diff = compare(model, shard["frames"], shard["actions"])
    assert frames.shape == shard["frames"].shape == diff.shape
    assert np.array_equal(frames[:cfg.context], shard["frames"][:cfg.context])  # the context is the engine's
    with pytest.raises(ValueError, match="at least"):
        compare(model, shard["frames"][:2], shard["actions"][:1])


def test_rollout_cli_writes_video(tmp_path):
    from typer.testing import CliRunner

    from cli.main import app
    from scenegen.pipeline import make, write_outputs

    write_outputs(make(PROMPT, seed=1, validators=[], attempts=1), tmp_path / "room", pictures=False)
    weights = save(_live(build(tiny_config(), seed=0)), tmp_path / "w.safetensors")
    result = CliRunner().invoke(app, ["rollout", str(tmp_path / "room"), "--actions", "forward*3 turn_left*3",
                                      "--weights", str(weights), "--format", "gif", "--scale", "2"])
    assert result.exit_code == 0, result.output
    from PIL import Image

    with Image.open(tmp_path / "room" / "rollout.gif") as gif:
        assert gif.n_frames == 7 and gif.size == (2 * (3 * 16 + 2), 2 * 16)


# --------------------------------------------------------------------------------------------------------------------
# metrics


def test_psnr_and_ssim_on_known_inputs():
    a = np.full((2, 8, 8, 3), 100, dtype=np.uint8)
    assert np.all(psnr(a, a) == PSNR_CAP)
    b = a + 10
    assert np.allclose(psnr(a, b), 20 * math.log10(255 / 10), atol=1e-4)
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, size=(16, 16, 3), dtype=np.uint8)
    assert abs(float(ssim(img, img)) - 1.0) < 1e-5
    noisy = np.clip(img.astype(int) + rng.integers(-60, 60, size=img.shape), 0, 255).astype(np.uint8)
    assert 0 < float(ssim(noisy, img)) < 0.95


def test_copy_last_baseline_numbers():
    # frame value = 10 * frame index: copy-last at horizon h is off by 10 h grey levels everywhere
    frames = (np.arange(12)[:, None, None, None] * 10 * np.ones((1, 16, 16, 3))).astype(np.uint8)
    shard = {"frames": frames, "actions": np.zeros(11, dtype=np.int64), "scene_index": 0}
    win = make_windows([shard], k=2, n=4, starts_per_room=1)
    assert win.context.shape == (1, 2, 16, 16, 3) and np.array_equal(win.context[0, -1], frames[1])
    pred = copy_last(win.context, 4)
    scores = horizon_scores(pred, win.targets, horizons=(1, 4))
    assert scores["psnr"][1] == pytest.approx(20 * math.log10(255 / 10), abs=1e-4)
    assert scores["psnr"][4] == pytest.approx(20 * math.log10(255 / 40), abs=1e-4)


def test_windows_start_at_the_same_frames_whatever_the_context():
    from scenegen.training.world.evaluate import FIRST_T0, window_starts

    # a 128-action walk, 64 actions rolled out: contexts of 4 and 32 frames are scored on the same three windows
    assert window_starts(128, 4, 64, 3).tolist() == window_starts(128, 32, 64, 3).tolist() == [FIRST_T0, 48, 64]
    assert window_starts(128, 40, 64, 3).tolist() == [39, 52, 64]   # a longer context starts where it fits
    assert window_starts(12, 2, 4, 2).tolist() == [1, 8]             # too short for FIRST_T0: from the context on
    assert window_starts(12, 2, 12, 1).size == 0


def test_revisit_walk_pads_a_long_context_with_the_start_frame():
    from scenegen.render.walk import parse_actions
    from scenegen.training.world.evaluate import LOOP, revisit_walk

    loop = parse_actions(LOOP)
    assert revisit_walk(4) == ["forward"] * 3 + loop
    assert revisit_walk(32) == ["noop"] * 28 + ["forward"] * 3 + loop
    assert revisit_walk(2) == ["forward"] + loop


def test_eval_world_on_synthetic_rooms(tmp_path):
    _write_shards(tmp_path / "data", n=8, t=70)
    w = save(_live(build(tiny_config(), seed=0)), tmp_path / "w.safetensors")
    res = eval_world(tmp_path / "data", w, teacher=w, starts_per_room=2, revisit_rooms=0, threads=1,
                     strip=tmp_path / "strip.png")
    assert res.rooms == 1 and res.windows == 2
    baselines = {"copy_last", "blurred_last", "flat_mean", "train_mean"}
    assert set(res.scores) == baselines | {"model", "teacher_forced", "model_shuffled_actions"}
    assert res.scores["model"] == res.scores["teacher_forced"]  # same weights, same numbers
    assert set(res.controllability["gap"]) == {1, 2, 4, 8, 16, 32, 64}
    assert set(res.persistence) == set(res.content) == set(res.features) == baselines | {"model"}
    assert res.persistence["flat_mean"][16]["structure"] == 1.0  # a flat guess has no structure
    assert res.persistence["model"][1]["objects"] == 2  # the one object, in both windows
    assert res.content["flat_mean"]["gradient"][8] == 0.0
    assert (tmp_path / "strip.png").stat().st_size > 0
    acc = acceptance(res)
    assert isinstance(acc["contrast_h32_met"], bool) and acc["contrast_h32"] == res.content["model"]["contrast"][32]
    c = res.controllability
    assert c["rollout_gap"] == pytest.approx(c["rollout_psnr_true"] - c["rollout_psnr_shuffled"])
    assert math.isfinite(c["rollout_psnr_true"]) and math.isfinite(c["rollout_psnr_shuffled"])
    assert res.fps["threads_1"] > 0
    png = plot_psnr(res, tmp_path / "plot.png")
    assert png.stat().st_size > 0
    pred = model_rollout(load(w), make_windows(wdata.load_split(tmp_path / "data", "heldout"), 2).context,
                         np.zeros((3, 5), dtype=np.int64))
    assert pred.shape == (3, 5, 16, 16, 3) and pred.dtype == np.uint8


def test_training_is_reproducible_from_the_seed(tmp_path):
    from safetensors.torch import load_file

    _write_shards(tmp_path / "data", n=4, t=12)
    outs = []
    for run in ("a", "b"):
        out = tmp_path / f"{run}.safetensors"
        train_world(tmp_path / "data", out, TrainConfig(mode="teacher", steps=3, batch=2, config="tiny", seed=5,
                                                        threads=1), log=lambda m: None)
        train_world(tmp_path / "data", tmp_path / f"{run}_self.safetensors",
                    TrainConfig(mode="self", steps=2, batch=2, rollout=3, init=str(out), seed=5, threads=1),
                    log=lambda m: None)
        outs.append([load_file(str(out)), load_file(str(tmp_path / f"{run}_self.safetensors"))])
    for first, second in zip(*outs):  # same tensors (the header's key order is not part of the claim)
        assert first.keys() == second.keys()
        assert all(torch.equal(first[k], second[k]) for k in first)


def test_large_config_builds_for_128_pixel_frames_and_refuses_64_pixel_data(tmp_path):
    from scenegen.world.model import large_config, small_config

    large = build("large", seed=0)
    n_large = sum(p.numel() for p in large.parameters())
    n_small = sum(p.numel() for p in build("small", seed=0).parameters())
    assert large.cfg == large_config() and large.cfg.size == 128 and 3 * n_small < n_large < 6 * n_small
    with torch.no_grad():
        out = large(torch.zeros(1, large.cfg.context, 3, 128, 128), torch.zeros(1, dtype=torch.long))
    assert out.shape == (1, 3, 128, 128)
    assert small_config().size == 64
    _write_shards(tmp_path / "data", n=8, t=20, size=16)
    with pytest.raises(ValueError, match="world data --size 128"):
        train_world(tmp_path / "data", tmp_path / "w.safetensors", TrainConfig(config="large", steps=1, threads=1))
