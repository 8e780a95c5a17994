"""The world model's pose-keyed frame memory: the pose integrated from the actions is the engine agent's, the bank
returns the start frame when the walk comes back, a fresh memory model is exactly the model it started from, and the
training windows that walk out and back are the engine's own frames with actions that undo the way out."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import torch

from scenegen.render.agent import ACTIONS, STEP_M, default_start, parse_actions, rollout as agent_rollout, walk_space
from scenegen.world import pose as P
from scenegen.world.memory import (MemoryBank, MemoryState, MemoryWorldModel, from_deterministic, memory_rollout,
                                   tiny_memory_config)
from scenegen.world.model import build, load, rollout, save, tiny_config

PROMPT = "a bedroom with a bed, a nightstand and a wardrobe"
LOOP = "turn_left*6 forward*2 back*2 turn_right*6"
DETERMINISTIC = Path(__file__).resolve().parents[1] / "scenegen" / "weights" / "world_teacher.safetensors"
"""a bundled deterministic 64² checkpoint (the memory model shipped as world.safetensors started from the
self-forced sibling of this one, same architecture)"""


def _ids(text: str) -> torch.Tensor:
    return torch.tensor([[ACTIONS.index(a) for a in parse_actions(text)]])


# --------------------------------------------------------------------------------------------------------------------
# pose


def test_one_step_of_each_action_moves_as_the_agent_convention_says():
    start = torch.zeros(1, 4, dtype=torch.float64)
    got = {a: P.step_pose(start, torch.tensor([i]))[0].tolist() for i, a in enumerate(ACTIONS)}
    assert got["forward"] == pytest.approx([0.0, STEP_M, 0.0, 0.0])   # yaw 0 faces +y
    assert got["left"] == pytest.approx([-STEP_M, 0.0, 0.0, 0.0])     # left of +y is −x
    assert got["turn_left"][2] == pytest.approx(math.radians(10))     # positive yaw turns left
    assert got["look_up"][3] == pytest.approx(math.radians(10))
    assert P.integrate(_ids("look_up*9"))[0, -1, 3].item() == pytest.approx(math.radians(60))  # clamped


def test_integrated_pose_matches_the_engine_agent():
    from scenegen.pipeline import make

    scene = make(PROMPT, seed=1, validators=[], attempts=1).scene
    free = walk_space(scene)
    s0 = default_start(scene, free)
    actions = parse_actions("turn_left*3 forward*2 look_up turn_right*5 forward right*2 look_down*2 back left "
                            "turn_left*4 forward*2")
    states, blocked = agent_rollout(s0, actions, free)
    assert not any(blocked), "the walk must not be blocked for this test to compare every step"
    engine = torch.tensor([[s.x, s.y, s.yaw, s.pitch] for s in states], dtype=torch.float64)
    ours = P.integrate(_ids(" ".join(actions)))[0]
    rel_engine = P.relative(engine, engine[:1].expand_as(engine))
    rel_ours = P.relative(ours, ours[:1].expand_as(ours))
    assert rel_engine[-1, :2].abs().max() > 0.1  # the walk went somewhere
    torch.testing.assert_close(rel_ours, rel_engine, atol=1e-9, rtol=0)


def test_relative_pose_is_in_the_source_frame():
    src = torch.tensor([[1.0, 2.0, math.radians(90), 0.0]], dtype=torch.float64)  # facing −x
    tgt = torch.tensor([[0.0, 2.0, math.radians(100), 0.1]], dtype=torch.float64)  # one metre ahead
    rel = P.relative(tgt, src)[0]
    assert rel.tolist() == pytest.approx([1.0, 0.0, math.radians(10), 0.1])


# --------------------------------------------------------------------------------------------------------------------
# bank and retrieval


def _loop_bank(k: int = 4) -> tuple[MemoryBank, torch.Tensor]:
    """Context frames (frame i filled with value i/10) after k−1 forward steps, then the loop's own frames."""
    bank = MemoryBank(capacity=64)
    poses = P.integrate(_ids("forward*" + str(k - 1)))[0]
    for i in range(k):
        bank.add(torch.full((1, 3, 4, 4), i / 10), poses[i:i + 1], own=False)
    loop = P.integrate(_ids(LOOP), start=poses[-1:])[0]
    for j, p in enumerate(loop[1:-1]):
        bank.add(torch.full((1, 3, 4, 4), -j / 100), p[None], own=True)
    return bank, loop[-1:]


def test_retrieval_returns_the_start_frame_on_return_to_start():
    bank, back_home = _loop_bank(k=4)
    frame, feats, idx = bank.retrieve(back_home)
    assert idx.item() == 3 and torch.all(frame == 0.3)
    assert feats.abs().max().item() < 1e-9  # an engine frame at the target pose: every feature zero


def test_engine_frames_win_unless_an_own_frame_is_much_closer():
    def at(y: float) -> torch.Tensor:
        return torch.tensor([[0.0, y, 0.0, 0.0]], dtype=torch.float64)

    near = P.OWN_PENALTY_M - 0.05   # the own frame stands exactly here, the engine frame this far back
    bank = MemoryBank(capacity=8)
    bank.add(torch.zeros(1, 3, 2, 2), at(0.0), own=False)
    bank.add(torch.ones(1, 3, 2, 2), at(near), own=True)
    assert bank.retrieve(at(near))[2].item() == 0
    bank = MemoryBank(capacity=8)
    bank.add(torch.zeros(1, 3, 2, 2), at(0.0), own=False)
    bank.add(torch.ones(1, 3, 2, 2), at(near + 0.1), own=True)
    frame, feats, idx = bank.retrieve(at(near + 0.1))
    assert idx.item() == 1 and feats[0, -1].item() == 1.0 and torch.all(frame == 1)  # the own frame, marked own


def test_capacity_drops_own_frames_never_the_context():
    bank = MemoryBank(capacity=3)
    for i in range(2):
        bank.add(torch.zeros(1, 3, 2, 2), torch.zeros(1, 4), own=False)
    for i in range(5):
        bank.add(torch.full((1, 3, 2, 2), float(i)), torch.zeros(1, 4), own=True)
    assert len(bank.frames) == 3 and bank.own[0].item() is False and bank.own[1].item() is False
    assert bank.frames[2][0, 0, 0, 0].item() == 4.0


# --------------------------------------------------------------------------------------------------------------------
# model


def test_zero_initialised_memory_reproduces_the_deterministic_model_exactly():
    base = load(DETERMINISTIC)
    assert type(base).__name__ == "WorldModel"
    mem = from_deterministic(base).eval()
    g = torch.Generator().manual_seed(0)
    ctx = torch.rand(2, base.cfg.context, 3, 64, 64, generator=g) * 2 - 1
    acts = torch.randint(0, len(ACTIONS), (2, 6), generator=g)
    cacts = torch.randint(0, len(ACTIONS), (2, base.cfg.context - 1), generator=g)
    assert torch.equal(rollout(base, ctx, acts), rollout(mem, ctx, acts, context_actions=cacts))


def _live_memory() -> MemoryWorldModel:
    model = MemoryWorldModel(tiny_memory_config()).eval()
    torch.manual_seed(1)
    for layer in (model.head[0], model.mem_stem, model.gate[-1]):
        torch.nn.init.normal_(layer.weight, std=0.1)
    return model


def test_shapes_save_load_and_the_memory_matters(tmp_path):
    model = _live_memory()
    k, s = model.cfg.context, model.cfg.size
    ctx = torch.rand(3, k, 3, s, s) * 2 - 1
    acts = torch.randint(0, len(ACTIONS), (3, 5))
    out = memory_rollout(model, ctx, acts, torch.zeros(3, k - 1, dtype=torch.long))
    assert out.shape == (3, 5, 3, s, s) and out.abs().max() <= 1
    other = torch.rand(3, 3, s, s) * 2 - 1
    rel = torch.zeros(3, P.REL_FEATURES)
    assert not torch.allclose(model(ctx, acts[:, 0], other, rel), model(ctx, acts[:, 0], ctx[:, -1], rel))
    path = save(model, tmp_path / "m.safetensors")
    again = load(path)
    assert isinstance(again, MemoryWorldModel)
    assert torch.equal(rollout(again, ctx, acts), rollout(model, ctx, acts))


def test_the_rollout_banks_context_and_own_frames():
    model = _live_memory()
    k, s = model.cfg.context, model.cfg.size
    state = MemoryState(model, torch.zeros(2, k, 3, s, s), torch.ones(2, k - 1, dtype=torch.long))
    assert len(state.bank.frames) == k and state.pose[0, 1].item() == pytest.approx((k - 1) * STEP_M)
    with torch.no_grad():
        for a in (1, 5, 5):
            state.step(model, torch.full((2,), a))
    assert len(state.bank.frames) == k + 3 and bool(state.bank.own[-1].all())
    assert state.pose[0, 2].item() == pytest.approx(math.radians(20))


# --------------------------------------------------------------------------------------------------------------------
# training windows


def test_return_path_and_its_actions_come_back_to_the_start():
    from scenegen.training.world.train_memory import path_actions, return_path

    assert return_path(3, 10).tolist() == [0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2]
    rec = np.array([ACTIONS.index(a) for a in ("forward", "turn_left", "forward", "look_up")])
    moved = np.array([True, True, False, True])  # the second forward was blocked
    acts = path_actions(rec, moved, return_path(3, 6))
    assert [ACTIONS[a] for a in acts] == ["forward", "turn_left", "noop", "noop", "turn_right", "back"]
    home = P.integrate(torch.from_numpy(acts)[None])[0, -1]
    assert home.abs().max().item() < 1e-12


def test_train_memory_writes_a_memory_checkpoint(tmp_path):
    from scenegen.training.world.train_memory import MemoryTrainConfig, train_memory

    rng = np.random.default_rng(0)
    (tmp_path / "train").mkdir()
    for i in range(3):
        t = 30
        np.savez(tmp_path / "train" / f"scene_{i:05d}.npz",
                 frames=rng.integers(0, 256, (t + 1, 16, 16, 3), dtype=np.uint8),
                 actions=rng.integers(0, len(ACTIONS), t), poses=rng.normal(size=(t + 1, 4, 4)).astype(np.float32),
                 scene_index=np.array(i))
    init = save(build(tiny_config(), seed=0), tmp_path / "init.safetensors")
    card = train_memory(tmp_path, init, tmp_path / "mem.safetensors",
                        MemoryTrainConfig(steps=2, batch=2, rollout=6, save_every=1), log=lambda m: None)
    assert card["training"]["steps_done"] == 2 and card["head"] == "memory"
    assert isinstance(load(tmp_path / "mem.safetensors"), MemoryWorldModel)


def test_interactive_session_keeps_the_memory_bank():
    from scenegen.pipeline import make
    from scenegen.world.interactive import InteractiveRollout

    model = _live_memory()
    session = InteractiveRollout(make(PROMPT, seed=1, validators=[], attempts=1).scene, model)
    for a in ("turn_left", "turn_left", "turn_right", "turn_right"):
        session.step(a)
    k = model.cfg.context
    assert len(session.model_frames) == k + 4 and len(session._memory.bank.frames) == k + 4
    assert session._memory.pose.abs().max().item() < 1e-12  # back where the context ended


def test_retrace_scores_the_way_back_and_a_copy_model_is_exact_at_the_start():
    from scenegen.training.world.retrace import retrace
    from scenegen.world.model import PSNR_CAP

    rng = np.random.default_rng(0)
    t = 40
    poses = np.tile(np.eye(4, dtype=np.float32), (t + 1, 1, 1))
    poses[:, 0, 3] = np.arange(t + 1) * 0.1  # every step moves
    shard = {"frames": rng.integers(0, 256, (t + 1, 16, 16, 3), dtype=np.uint8),
             "actions": np.ones(t, dtype=np.int64), "poses": poses, "scene_index": 0}
    model = build(tiny_config(), seed=0).eval()  # a fresh model copies the last frame
    k = model.cfg.context
    r = retrace(model, [shard], k, starts_per_room=2, length=5)
    assert r["windows"] == 2 and r["return_psnr"] == PSNR_CAP  # back at t0 = the last context frame
    assert r["out_psnr"] < 15 and r["back_psnr"] < PSNR_CAP     # random frames: copying is poor on the way


# --------------------------------------------------------------------------------------------------------------------
# the terms next to the pixel loss that do not reward blur


def _striped(shift: int = 0) -> torch.Tensor:
    """(1, 3, 16, 16): vertical stripes 2 px wide, ±0.8, shifted ``shift`` px."""
    x = torch.arange(16)
    row = torch.where(((x + shift) // 2) % 2 == 0, 0.8, -0.8)
    return row.expand(1, 3, 16, 16).clone()


def test_local_contrast_term_charges_a_flat_guess_not_a_misplaced_sharp_one():
    from scenegen.training.world.train_memory import sharp_loss

    tgt = _striped()
    flat = torch.zeros_like(tgt)
    moved = _striped(shift=1)  # right texture, wrong place: MSE prefers the flat guess to it
    assert torch.nn.functional.mse_loss(flat, tgt) < torch.nn.functional.mse_loss(moved, tgt)
    assert sharp_loss(tgt, tgt, 0.0, 1.0).item() < 1e-3
    assert sharp_loss(moved, tgt, 0.0, 1.0).item() < 1e-3 < sharp_loss(flat, tgt, 0.0, 1.0).item()
    assert sharp_loss(flat, tgt, 0.0, 1.0).item() == pytest.approx(0.8, abs=1e-3)  # the stripes' std, all missing
    # the gradient-difference term: zero on the target, positive on the flat guess
    assert sharp_loss(tgt, tgt, 1.0, 0.0).item() == 0.0 < sharp_loss(flat, tgt, 1.0, 0.0).item()
    assert sharp_loss(flat, tgt, 0.0, 0.0).item() == 0.0  # both weights zero: nothing added to the MSE


def test_contrast_weight_changes_the_training_loss_and_is_a_cli_option(tmp_path):
    from scenegen.training.world import train_memory as TM

    model = _live_memory()
    k, s = model.cfg.context, model.cfg.size
    g = torch.Generator().manual_seed(0)
    ctx = torch.rand(2, k, 3, s, s, generator=g) * 2 - 1
    acts = torch.randint(0, len(ACTIONS), (2, 4), generator=g)
    cacts = torch.zeros(2, k - 1, dtype=torch.long)
    tgt = torch.rand(2, 4, 3, s, s, generator=g) * 2 - 1
    plain = TM.loss_memory(model, ctx, cacts, acts, tgt, 2)
    sharp = TM.loss_memory(model, ctx, cacts, acts, tgt, 2, grad_weight=0.5, contrast_weight=0.5, window=4)
    assert sharp.item() > plain.item()
    seen = {}
    orig = TM.train_memory
    try:
        TM.train_memory = lambda data, init, out, cfg: seen.setdefault("cfg", cfg)  # type: ignore[assignment]
        TM.main(["--contrast-weight", "0.2", "--grad-weight", "0.1", "--contrast-window", "4", "--rollout", "32"])
    finally:
        TM.train_memory = orig
    cfg = seen["cfg"]
    assert (cfg.contrast_weight, cfg.grad_weight, cfg.contrast_window, cfg.rollout) == (0.2, 0.1, 4, 32)


def test_contrast_term_also_sees_the_frame_scale_layout_a_fading_frame_loses():
    from scenegen.training.world.train_memory import sharp_loss

    halves = torch.full((1, 3, 16, 16), 0.5)
    halves[..., 8:] = -0.5                 # light left half, dark right half: no texture inside any 4² patch
    flat = torch.zeros_like(halves)
    swapped = -halves                      # the same layout, mirrored: misplaced, not missing
    assert sharp_loss(swapped, halves, 0.0, 1.0, window=4).item() < 1e-3
    assert sharp_loss(flat, halves, 0.0, 1.0, window=4).item() > 0.1  # a 4² window alone would charge it nothing
