"""The geometric world model: the point-cloud warp agrees with the engine's camera, a rollout keeps what the context
showed, and the trainer writes a checkpoint that loads as the geometric head."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
import torch

from scenegen.render.agent import ACTIONS, STEP_M, AgentState
from scenegen.world import pose as P
from scenegen.world import warp as W
from scenegen.world.geometric import (GeometricState, GeometricWorldModel, geometric_rollout,
                                      tiny_geometric_config)
from scenegen.world.model import load, model_rollout, save


def _act(*names: str) -> torch.Tensor:
    return torch.tensor([[ACTIONS.index(n) for n in names]])


@pytest.mark.parametrize("yaw_deg,pitch_deg", [(0, 0), (30, 0), (-130, 20), (75, -40)])
def test_camera_rotation_is_the_engine_agents(yaw_deg, pitch_deg):
    yaw, pitch = math.radians(yaw_deg), math.radians(pitch_deg)
    engine = AgentState(0.0, 0.0, yaw, pitch).pose()[:3, :3]
    ours = W.rotation(torch.tensor([[0.0, 0.0, yaw, pitch]]))[0].numpy()
    assert np.abs(engine - ours).max() < 1e-6


def test_a_frame_splatted_at_its_own_pose_is_itself():
    g = torch.Generator().manual_seed(0)
    depth = 0.5 + 4 * torch.rand(2, 16, 16, generator=g)
    colours = torch.rand(2, 256, 3, generator=g)
    pose = torch.tensor([[0.3, -0.2, 0.7, 0.1], [0.0, 0.0, -2.0, -0.3]], dtype=torch.float64)
    image, mask, back = W.splat(W.lift(depth, pose), colours, pose, 16)
    assert mask.min().item() == 1.0
    assert torch.allclose(image.permute(0, 2, 3, 1).reshape(2, -1, 3), colours)
    assert torch.allclose(back[:, 0], depth, atol=1e-4)


def test_a_turn_moves_what_is_ahead_across_and_a_step_brings_it_nearer():
    ahead = torch.tensor([[[0.0, 2.0, 0.0]]])            # 2 m straight ahead of the origin pose (yaw 0 faces +y)
    red = torch.tensor([[[1.0, 0.0, 0.0]]])
    origin = torch.zeros(1, 4, dtype=torch.float64)
    _, mask, depth = W.splat(ahead, red, origin, 16)
    before = mask[0, 0].nonzero()[:, 1].float().mean().item()
    assert before == pytest.approx(8.0) and depth.max().item() == pytest.approx(2.0, abs=1e-5)
    turned = P.step_pose(origin, _act("turn_left")[0])
    _, mask, _ = W.splat(ahead, red, turned, 16)
    after = mask[0, 0].nonzero()[:, 1].float().mean().item()
    # turning left 10° moves it right by f·tan 10° = 8 · 0.176 ≈ 1.4 pixels (f = 8 px at 16² and 90°)
    assert after - before == pytest.approx(1.0, abs=0.5)
    stepped = P.step_pose(origin, _act("forward")[0])
    _, _, depth = W.splat(ahead, red, stepped, 16)
    assert depth.max().item() == pytest.approx(2.0 - STEP_M, abs=1e-5)


def test_a_point_behind_the_camera_is_not_drawn():
    behind = torch.tensor([[[0.0, -1.0, 0.0]]])
    _, mask, _ = W.splat(behind, torch.ones(1, 1, 3), torch.zeros(1, 4, dtype=torch.float64), 16)
    assert mask.sum().item() == 0


def _model(seed: int = 0) -> GeometricWorldModel:
    torch.manual_seed(seed)
    return GeometricWorldModel(tiny_geometric_config()).eval()


def test_untrained_refiner_returns_the_last_frame_when_standing_still_and_after_a_loop():
    model = _model()
    g = torch.Generator().manual_seed(1)
    ctx = (torch.rand(1, 1, 3, 16, 16, generator=g) * 2 - 1).repeat(1, 2, 1, 1, 1)  # two views from one place
    still = geometric_rollout(model, ctx, _act("noop", "noop"), _act("noop"))
    assert torch.allclose(still[0, -1], ctx[0, -1], atol=1e-5)
    loop = geometric_rollout(model, ctx, _act("turn_left", "turn_left", "turn_right", "turn_right"), _act("noop"))
    assert torch.allclose(loop[0, -1], ctx[0, -1], atol=1e-5)
    assert not torch.allclose(loop[0, 0], ctx[0, -1], atol=1e-2)   # mid-loop the picture moved


def test_actions_matter_and_the_rollout_is_deterministic():
    model = _model()
    ctx = torch.rand(1, 2, 3, 16, 16, generator=torch.Generator().manual_seed(2)) * 2 - 1
    a = geometric_rollout(model, ctx, _act("turn_left", "forward"), _act("noop"))
    b = geometric_rollout(model, ctx, _act("turn_right", "forward"), _act("noop"))
    assert torch.equal(a, geometric_rollout(model, ctx, _act("turn_left", "forward"), _act("noop")))
    assert (a - b).abs().mean().item() > 0.05


def test_save_load_and_the_model_rollout_dispatch(tmp_path):
    model = _model(3)
    with torch.no_grad():
        for p in model.refiner.out.parameters():
            p.normal_(0, 0.1)                              # a refiner that does something, so loading matters
    path = save(model, tmp_path / "g.safetensors")
    again = load(path)
    assert isinstance(again, GeometricWorldModel) and again.cfg == model.cfg
    rng = np.random.default_rng(0)
    ctx = rng.integers(0, 256, (2, 2, 16, 16, 3), dtype=np.uint8)
    acts, cacts = rng.integers(0, len(ACTIONS), (2, 5)), rng.integers(0, len(ACTIONS), (2, 1))
    out = model_rollout(again, ctx, acts, context_actions=cacts)
    assert out.shape == (2, 5, 16, 16, 3) and out.dtype == np.uint8
    assert np.array_equal(out, model_rollout(model, ctx, acts, context_actions=cacts))


def test_state_steps_match_the_batch_rollout():
    model = _model(4)
    ctx = torch.rand(1, 2, 3, 16, 16, generator=torch.Generator().manual_seed(5)) * 2 - 1
    acts = _act("forward", "turn_left", "look_up")
    whole = geometric_rollout(model, ctx, acts, _act("left"))
    state = GeometricState(model, ctx, _act("left"))
    for n in range(3):
        assert torch.equal(state.step(model, acts[:, n]), whole[:, n])


def test_trainer_runs_both_stages_and_resumes(tmp_path):
    from scenegen.training.world.train_geometric import GeometricTrainConfig, train_geometric

    _tiny_shards(tmp_path, depth=True)
    out = tmp_path / "g.safetensors"
    tc = GeometricTrainConfig(depth_steps=2, refine_steps=2, batch=2, max_h=4, save_every=1)
    card = train_geometric(tmp_path, out, tc, log=lambda m: None, cfg=tiny_geometric_config())
    assert card["steps_done"] == {"depth": 2, "refine": 2}
    assert isinstance(load(out), GeometricWorldModel)
    more = train_geometric(tmp_path, out, GeometricTrainConfig(depth_steps=2, refine_steps=3, batch=2, max_h=4),
                           resume=True, log=lambda m: None)
    assert more["steps_done"] == {"depth": 2, "refine": 3}


def test_interactive_session_keeps_the_cloud_and_returns_to_the_context_view():
    from scenegen.pipeline import make
    from scenegen.world.interactive import InteractiveRollout

    model = _model(6)
    session = InteractiveRollout(make("a bedroom with a bed, a nightstand and a wardrobe", seed=1, validators=[],
                                      attempts=1).scene, model)
    for a in ("turn_left", "turn_left", "turn_right", "turn_right"):
        session.step(a)
    assert session.context == 1 < model.cfg.context              # waits would only repeat the opening view
    assert isinstance(session._memory, GeometricState) and len(session.model_frames) == 1 + 4
    assert session._memory.pose.abs().max().item() < 1e-12          # back where the context ended
    # back home, the untrained refiner shows the opening view
    assert np.abs(session.model_frames[-1].astype(int) - session.engine[0].astype(int)).max() <= 1


def test_a_recorded_walk_hands_the_geometric_model_up_to_half_the_walk():
    from scenegen.world.model import WorldConfig, WorldModel, opening_context

    model = GeometricWorldModel(replace(tiny_geometric_config(), context=32))
    assert [opening_context(model, t) for t in (1, 9, 64, 200)] == [1, 4, 32, 32]
    fixed = WorldModel(WorldConfig(context=4))
    assert opening_context(fixed, 9) == opening_context(fixed) == 4   # a fixed-window head needs its own context


def test_train_world_geometric_command_writes_checkpoint_and_card(tmp_path):
    import json

    from typer.testing import CliRunner

    from cli.main import app

    rng = np.random.default_rng(1)
    (tmp_path / "train").mkdir()
    t = 6
    np.savez(tmp_path / "train" / "scene_00000.npz", frames=rng.integers(0, 256, (t + 1, 64, 64, 3), dtype=np.uint8),
             actions=rng.integers(0, len(ACTIONS), t), depth=(1 + rng.random((t + 1, 64, 64))).astype(np.float16),
             poses=np.zeros((t + 1, 4, 4), np.float32), scene_index=np.array(0))
    out = tmp_path / "g.safetensors"
    result = CliRunner().invoke(app, ["train", "world-geometric", "--data", str(tmp_path), "--out", str(out),
                                      "--depth-steps", "1", "--refine-steps", "1", "--batch", "1", "--threads", "1"])
    assert result.exit_code == 0, result.output
    card = json.loads(out.with_suffix(".json").read_text())
    assert card["training"]["steps_done"] == {"depth": 1, "refine": 1} and "world-geometric" in card["training"]["command"]
    assert isinstance(load(out), GeometricWorldModel)


def test_a_blocked_context_move_is_not_made_and_future_moves_count_their_expected_share():
    from scenegen.world.geometric import context_poses

    g = torch.Generator().manual_seed(7)
    a, b = torch.rand(3, 16, 16, generator=g), torch.rand(3, 16, 16, generator=g)
    ctx = torch.stack([a, a, b])[None]                        # the first forward changed nothing: it was blocked
    poses = context_poses(ctx, _act("forward", "forward"))
    assert poses[0, 1, 1].item() == 0.0 and poses[0, 2, 1].item() == pytest.approx(STEP_M)
    model = GeometricWorldModel(replace(tiny_geometric_config(), move_carried=0.9)).eval()
    state = GeometricState(model, ctx[:, 1:], _act("forward"))
    state.step(model, _act("forward")[0])
    assert state.pose[0, 1].item() == pytest.approx(STEP_M * (1 + 0.9))
    state.step(_model(), _act("turn_left")[0])
    assert state.pose[0, 2].item() == pytest.approx(math.radians(10))   # turns are never scaled


def test_the_trainer_measures_the_share_of_moves_carried_out_and_the_checkpoint_keeps_it(tmp_path):
    from scenegen.training.world.train_geometric import GeometricTrainConfig, carried_share, train_geometric

    rng = np.random.default_rng(2)
    frames = rng.integers(0, 256, (9, 16, 16, 3), dtype=np.uint8)
    frames[3] = frames[2]                                     # action 2 (a forward) was blocked: the frame repeats
    frames[6] = frames[5]                                     # action 5 (a turn into a blank wall) changed nothing
    actions = np.array([ACTIONS.index(a) for a in ("forward", "left", "forward", "back", "right", "turn_left",
                                                     "look_up", "noop")])
    walk = {"frames": frames, "actions": actions}
    assert carried_share([walk]) == pytest.approx(4 / 5)      # five moves, one blocked; the turn is not a move
    (tmp_path / "train").mkdir()
    np.savez(tmp_path / "train" / "scene_00000.npz", frames=frames, actions=actions,
             depth=(1 + rng.random((9, 16, 16))).astype(np.float16), poses=np.zeros((9, 4, 4), np.float32),
             scene_index=np.array(0))
    out = tmp_path / "g.safetensors"
    tc = GeometricTrainConfig(depth_steps=1, refine_steps=1, batch=1, max_h=2, save_every=1)
    train_geometric(tmp_path, out, tc, log=lambda m: None, cfg=tiny_geometric_config())
    assert load(out).cfg.move_carried == pytest.approx(0.8)


def test_train_world_geometric_refuses_a_missing_init(tmp_path):
    from typer.testing import CliRunner

    from cli.main import app

    result = CliRunner().invoke(app, ["train", "world-geometric", "--data", str(tmp_path), "--init",
                                      str(tmp_path / "none.safetensors")])
    assert result.exit_code != 0 and "no checkpoint" in result.output and "Traceback" not in result.output


def _tiny_shards(root, n=2, t=12, seed=0, depth=False):
    """``n`` random 16² walks of ``t`` actions under ``root/train``, with the engine's depth when ``depth``."""
    rng = np.random.default_rng(seed)
    (root / "train").mkdir()
    for i in range(n):
        extra = {"depth": (1 + rng.random((t + 1, 16, 16))).astype(np.float16)} if depth else {}
        np.savez(root / "train" / f"scene_{i:05d}.npz", frames=rng.integers(0, 256, (t + 1, 16, 16, 3), dtype=np.uint8),
                 actions=rng.integers(0, len(ACTIONS), t), poses=np.zeros((t + 1, 4, 4), np.float32),
                 scene_index=np.array(i), **extra)


def test_refiner_trains_without_engine_depth_with_batch_workers_and_a_time_budget(tmp_path):
    """A fine-tune of the refiner alone needs no engine depth in the shards; batches built by worker processes train
    the same way; a time budget ends the stage early and still saves."""
    from scenegen.training.world.train_geometric import GeometricTrainConfig, train_geometric

    _tiny_shards(tmp_path)
    base = tmp_path / "base.safetensors"
    save(GeometricWorldModel(tiny_geometric_config()), base)
    out = tmp_path / "w.safetensors"
    tc = GeometricTrainConfig(depth_steps=0, refine_steps=3, batch=2, max_h=4, save_every=10, workers=2)
    card = train_geometric(tmp_path, out, tc, log=lambda m: None, init=base)
    assert card["steps_done"] == {"depth": 0, "refine": 3}
    assert not torch.equal(load(out).refiner.out.weight, load(base).refiner.out.weight)
    in_loop = train_geometric(tmp_path, tmp_path / "l.safetensors", replace(tc, workers=0), log=lambda m: None,
                              init=base)
    assert in_loop["steps_done"] == card["steps_done"]
    assert not torch.equal(load(out).refiner.out.weight, load(tmp_path / "l.safetensors").refiner.out.weight)  # own draws
    said: list[str] = []
    timed = GeometricTrainConfig(depth_steps=0, refine_steps=10**6, batch=2, max_h=4, save_every=10**6,
                                 max_seconds=0.5)
    card = train_geometric(tmp_path, tmp_path / "t.safetensors", timed, log=said.append, init=base)
    assert 0 < card["steps_done"]["refine"] < 10**6
    assert any("budget is spent" in m for m in said) and (tmp_path / "t.safetensors").exists()


def test_lr_schedule_follows_the_time_budget_when_it_is_nearer_its_end():
    from scenegen.training.world.train_geometric import lr_factor

    assert lr_factor(50, 100) == pytest.approx(0.5)                 # the step schedule as before: cosine midway
    assert lr_factor(0, 100) == pytest.approx(0.2)                  # warm-up: 1 of 5 steps
    assert lr_factor(10, 10**6, 0.5) == pytest.approx(0.5)          # half the time: cosine at its middle
    assert lr_factor(10, 10**6, 0.01) == pytest.approx(0.2 * 0.5 * (1 + math.cos(math.pi * 0.01)))  # warming up
    assert lr_factor(10, 10**6, 0.999) < 1e-4
