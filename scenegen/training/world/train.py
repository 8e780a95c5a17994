"""Train the world model (``scenegen train world``): teacher forcing, then self forcing.

* Teacher forcing (``mode="teacher"``): the context is always ground truth; one next-frame prediction per sample.
* Self forcing (``mode="self"``): from a ground-truth context the model rolls out ``rollout`` steps, each predicted
  from its own previous predictions (as at inference), with the loss on every step; gradients flow through at most
  ``bptt`` consecutive steps (truncated backprop: the fed-back frame is detached every ``bptt`` steps). Usually started
  from a teacher-forced checkpoint (``init``), so the two can be compared.

Loss: mean squared error in [−1, 1] pixel space (the deterministic head's conditional mean, matching PSNR).
Augmentation: a horizontal flip of a whole sample with probability 0.5, swapping left/right and turn_left/turn_right
(the mirrored room walked with mirrored actions is a valid walk).
Deterministic: weights from ``seed``, batches from ``stage_rng(seed, "world/batches/<mode>")``; the checkpoint and
its card are written every ``save_every`` steps (atomic), so a stopped run leaves a usable model.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch.nn import functional as F

from scenegen.render.walk import ACTIONS
from scenegen.world.model import WorldConfig, WorldModel, build, load, save, to_model

FLIP_ACTION = np.array([ACTIONS.index({"left": "right", "right": "left", "turn_left": "turn_right",
                                       "turn_right": "turn_left"}.get(a, a)) for a in ACTIONS], dtype=np.int64)
"""action id → the id of its mirror image (a horizontal flip of the frames)"""


@dataclass
class TrainConfig:
    mode: str = "teacher"        # "teacher" or "self"
    steps: int = 500             # optimiser steps
    batch: int = 32
    lr: float = 1e-3
    weight_decay: float = 1e-4
    rollout: int = 4             # self forcing: predicted steps per sample
    bptt: int = 2                # self forcing: steps a gradient flows through
    seed: int = 0
    save_every: int = 50
    threads: int = 2
    config: str = "small"
    init: str | None = None      # a checkpoint to start from (self forcing: the teacher-forced one)
    extra: dict = field(default_factory=dict)


class Episodes:
    """Training episodes held in memory: frames (E, T+1, H, W, 3) uint8, actions (E, T) int64."""

    def __init__(self, shards: list[dict[str, np.ndarray]]) -> None:
        t = min(len(s["actions"]) for s in shards)
        self.frames = torch.from_numpy(np.stack([s["frames"][: t + 1] for s in shards]))
        self.actions = torch.from_numpy(np.stack([s["actions"][:t] for s in shards]).astype(np.int64))
        self.scenes = [int(s["scene_index"]) for s in shards]

    def sample(self, rng: np.random.Generator, batch: int, k: int, m: int, flip: bool = True
               ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """``batch`` windows: context (B, k, 3, H, W) in [−1, 1], actions (B, m), targets (B, m, 3, H, W)."""
        e, t1 = self.actions.shape
        ep = rng.integers(0, e, size=batch)
        t = rng.integers(k - 1, t1 - m + 1, size=batch)  # t: the last context frame
        idx = torch.from_numpy(t[:, None] + np.arange(-k + 1, m + 1)[None])
        frames = self.frames[torch.from_numpy(ep)[:, None], idx]  # (B, k+m, H, W, 3)
        acts = self.actions[torch.from_numpy(ep)[:, None], torch.from_numpy(t[:, None] + np.arange(m)[None])]
        if flip:
            fl = torch.from_numpy(rng.random(batch) < 0.5)
            frames = torch.where(fl[:, None, None, None, None], frames.flip(-2), frames)
            acts = torch.where(fl[:, None], torch.from_numpy(FLIP_ACTION)[acts], acts)
        x = to_model(frames)
        return x[:, :k], acts, x[:, k:]


def loss_teacher(model: WorldModel, ctx: torch.Tensor, acts: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
    """Mean squared error of the one-step prediction from a ground-truth context."""
    return F.mse_loss(model(ctx, acts[:, 0]), tgt[:, 0])


def loss_self(model: WorldModel, ctx: torch.Tensor, acts: torch.Tensor, tgt: torch.Tensor, bptt: int
              ) -> torch.Tensor:
    """Mean over ``m = acts.shape[1]`` rolled-out steps of the squared error, each step fed the model's own previous
    predictions; the fed-back frames are detached every ``bptt`` steps (truncated backprop)."""
    losses = []
    for n in range(acts.shape[1]):
        pred = model(ctx, acts[:, n])
        losses.append(F.mse_loss(pred, tgt[:, n]))
        fed = pred.clamp(-1, 1)
        if (n + 1) % bptt == 0:
            fed = fed.detach()
        ctx = torch.cat([ctx[:, 1:], fed[:, None]], dim=1)
    return torch.stack(losses).mean()


def train_world(data_dir: str | Path, out: str | Path, cfg: TrainConfig,
                log: Callable[[str], None] = print) -> dict:
    """Train on ``data_dir``'s train split; write ``out`` (safetensors) and its ``.json`` card as it goes."""
    from scenegen.rng import stage_rng
    from scenegen.training.world.data import load_split

    if cfg.mode not in ("teacher", "self"):
        raise ValueError(f"training mode must be 'teacher' or 'self', got {cfg.mode!r}")
    if cfg.bptt < 1 or cfg.rollout < 1:
        raise ValueError("--rollout and --bptt must be at least 1")
    torch.set_num_threads(cfg.threads)
    out = Path(out)
    episodes = Episodes(load_split(data_dir, "train"))
    log(f"{len(episodes.scenes)} training rooms, {episodes.actions.shape[1]} actions each")
    if cfg.init:
        model = load(cfg.init).train()
        torch.manual_seed(cfg.seed)
    else:
        model = build(cfg.config, cfg.seed).train()
    size = int(episodes.frames.shape[-2])
    if size != model.cfg.size:
        raise ValueError(f"the {cfg.config} config works on {model.cfg.size}×{model.cfg.size} frames but {data_dir} "
                         f"holds {size}×{size}: make data with 'scenegen world data --size {model.cfg.size}'")
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")  # the large config is meant for a GPU
    model = model.to(device)
    k = model.cfg.context
    m = 1 if cfg.mode == "teacher" else cfg.rollout
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=cfg.steps, pct_start=0.05)
    rng = stage_rng(cfg.seed, f"world/batches/{cfg.mode}")
    history: list[float] = []
    t0 = time.perf_counter()
    card: dict = {}
    for step in range(1, cfg.steps + 1):
        ctx, acts, tgt = (x.to(device) for x in episodes.sample(rng, cfg.batch, k, m))
        loss = loss_teacher(model, ctx, acts, tgt) if cfg.mode == "teacher" else loss_self(model, ctx, acts, tgt,
                                                                                          cfg.bptt)
        history.append(optimiser_step(model, opt, loss, sched))
        if step % 10 == 0:
            log(f"step {step}/{cfg.steps} loss {np.mean(history[-10:]):.5f} ({time.perf_counter() - t0:.0f} s)")
        if step % cfg.save_every == 0 or step == cfg.steps:
            card = _card(model.cfg, cfg, data_dir, step, history, time.perf_counter() - t0, episodes)
            save(model, out, {"steps": step, "mode": cfg.mode})
            write_card(out.with_suffix(".json"), card)
    return card


def _card(mcfg: WorldConfig, cfg: TrainConfig, data_dir: str | Path, step: int, history: list[float],
          seconds: float, episodes: Episodes) -> dict:
    meta_path = Path(data_dir) / "meta.json"
    data_meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    return {"model": "scenegen world model: action-conditioned next-frame U-Net (deterministic head, FiLM actions)",
            "config": asdict(mcfg), "training": asdict(cfg) | {"steps_done": step, "seconds": round(seconds, 1),
                                                               "samples_seen": step * cfg.batch,
                                                               "final_loss_mean_last50": float(np.mean(history[-50:]))},
            "data": data_meta | {"train_rooms": len(episodes.scenes)},
            "init_card": _read_card(cfg.init),
            "head": ("deterministic: the conditional mean under MSE, one network pass per frame (rollout speed), "
                     "and what PSNR/SSIM reward; a diffusion head (DIAMOND-style) was out of scope for the CPU budget"),
            "actions": list(ACTIONS)}


def _read_card(init: str | None) -> dict | None:
    """The card beside a starting checkpoint (so a fine-tune's card says what it started from)."""
    if not init:
        return None
    path = Path(init).with_suffix(".json")
    if not path.exists():
        return None
    card = json.loads(path.read_text())
    return {k: card[k] for k in ("training", "data") if k in card}


def optimiser_step(model: "torch.nn.Module", opt: "torch.optim.Optimizer", loss: "torch.Tensor",
                   sched: "torch.optim.lr_scheduler.LRScheduler | None" = None) -> float:
    """One gradient step on ``loss`` (gradients clipped to norm 1.0, then the scheduler, if any); returns the loss."""
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    if sched is not None:
        sched.step()
    return float(loss.detach())


def write_card(path: str | Path, card: dict) -> None:
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(card, indent=1) + "\n")
    tmp.replace(path)
