"""Train the memory world model (``scenegen.world.memory``) by self forcing on walks that come back.

``python -m scenegen.training.world.train_memory --data outputs/world_data --init scenegen/weights/world.safetensors
--out outputs/world_memory.safetensors --steps 900 --threads 1``

The data's walks rarely return to where they were, so a share ``p_return`` of the training windows is made to: from
the context's last frame t0 the window walks L steps out along the recorded walk, then L steps back (each recorded
action undone by its inverse, so the engine's own frames t0+L−1 … t0 are the targets, exact, not synthesised), then
out again along the same actions (revisiting its own predictions). A recorded step whose pose did not change (a blocked
move, a clamped look) becomes a noop in such windows, so the integrated pose stays the engine's. The other windows are
the recorded walk as it is (blocked moves and all), as ``train.py`` samples.

Self forcing as ``train.py``: each step fed the model's own previous prediction, loss (MSE) on every step, gradients
through at most ``bptt`` steps; the bank holds the engine's context frames and the model's own (detached) frames.
Optional terms next to the MSE that do not reward blur (``sharp_loss``; both off by default): a local-contrast term
(``--contrast-weight``: match the standard deviation of 8², 16², 32² patches and the frame, wherever its edges fall) and the gradient-difference
term (``--grad-weight``). Warm start: ``from_deterministic`` on the bundled checkpoint (the memory parts at zero). Checkpoint + card every
``save_every`` steps (atomic).
"""

from __future__ import annotations

import argparse
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from torch.nn import functional as F

from scenegen.world import pose as P
from scenegen.world.memory import MemoryState, MemoryWorldModel, from_deterministic
from scenegen.world.model import load, save, to_model
from scenegen.training.world.train import FLIP_ACTION, optimiser_step, write_card

NOOP = 0


@dataclass
class MemoryTrainConfig:
    steps: int = 900
    batch: int = 16
    rollout: int = 16          # predicted steps per window
    bptt: int = 2
    lr: float = 3e-4
    weight_decay: float = 1e-4
    p_return: float = 0.6      # share of windows that walk out and back
    min_out: int = 3           # out-leg length L drawn from [min_out, rollout // 2]
    seed: int = 0
    save_every: int = 25
    threads: int = 1
    grad_weight: float = 0.0      # weight of the image-gradient term (``sharp_loss``), 0: MSE only
    contrast_weight: float = 0.0  # weight of the local-contrast term (``sharp_loss``), 0: MSE only
    contrast_window: int = 8      # px, the smallest window whose standard deviation is matched (doubled to the frame)


class WalkData:
    """Training walks in memory: frames (E, T+1, H, W, 3) uint8, actions (E, T), moved (E, T) bool (the step
    changed the engine's pose)."""

    def __init__(self, shards: list[dict]) -> None:
        t = min(len(s["actions"]) for s in shards)
        self.frames = torch.from_numpy(np.stack([s["frames"][: t + 1] for s in shards]))
        self.actions = np.stack([s["actions"][:t] for s in shards]).astype(np.int64)
        poses = np.stack([s["poses"][: t + 1] for s in shards])
        self.moved = ~np.all(np.isclose(poses[:, 1:], poses[:, :-1], atol=1e-6), axis=(-2, -1))
        self.rooms = len(shards)


def return_path(length: int, m: int) -> np.ndarray:
    """Frame offsets from t0 for m steps that go out ``length``, back ``length``, out again…: (m+1,), a triangle
    wave between 0 and ``length``."""
    j = np.arange(m + 1) % (2 * length)
    return np.where(j <= length, j, 2 * length - j)


def path_actions(acts: np.ndarray, moved: np.ndarray, frames_idx: np.ndarray) -> np.ndarray:
    """The actions walking frame indices ``frames_idx`` (m+1,) of one recorded walk (unit steps ±1): forward steps
    replay the recorded action, backward ones its inverse; unmoved steps are noops."""
    out = []
    for a, b in zip(frames_idx[:-1], frames_idx[1:]):
        j = min(a, b)
        if not moved[j]:
            out.append(NOOP)
        else:
            out.append(int(acts[j]) if b > a else int(P.INVERSE_ID[acts[j]]))
    return np.array(out, dtype=np.int64)


def sample(data: WalkData, rng: np.random.Generator, cfg: MemoryTrainConfig, k: int
           ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """A batch: context (B, k, 3, H, W), context actions (B, k−1), actions (B, m), targets (B, m, 3, H, W)."""
    e, t_len = data.actions.shape
    m = cfg.rollout
    ctx_i, cact, act, tgt_i = [], [], [], []
    for _ in range(cfg.batch):
        ep = int(rng.integers(0, e))
        if rng.random() < cfg.p_return:
            length = int(rng.integers(cfg.min_out, m // 2 + 1))
            t0 = int(rng.integers(k - 1, t_len - length + 1))
            idx = t0 + return_path(length, m)
            act.append(path_actions(data.actions[ep], data.moved[ep], idx))
        else:
            t0 = int(rng.integers(k - 1, t_len - m + 1))
            idx = t0 + np.arange(m + 1)
            act.append(data.actions[ep, t0:t0 + m])
        ctx_i.append((ep, np.arange(t0 - k + 1, t0 + 1)))
        cact.append(data.actions[ep, t0 - k + 1:t0])
        tgt_i.append((ep, idx[1:]))
    ctx = torch.stack([data.frames[ep, torch.from_numpy(i)] for ep, i in ctx_i])
    tgt = torch.stack([data.frames[ep, torch.from_numpy(i)] for ep, i in tgt_i])
    acts, cacts = torch.from_numpy(np.stack(act)), torch.from_numpy(np.stack(cact))
    fl = torch.from_numpy(rng.random(cfg.batch) < 0.5)  # the mirrored walk with mirrored actions
    flip = torch.from_numpy(FLIP_ACTION)
    ctx = torch.where(fl[:, None, None, None, None], ctx.flip(-2), ctx)
    tgt = torch.where(fl[:, None, None, None, None], tgt.flip(-2), tgt)
    acts, cacts = torch.where(fl[:, None], flip[acts], acts), torch.where(fl[:, None], flip[cacts], cacts)
    return to_model(ctx), cacts, acts, to_model(tgt)


def multiscale_std_gap(pred: torch.Tensor, tgt: torch.Tensor, window: int) -> torch.Tensor:
    """Mean over window sides ``window``, 2·``window``, … up to the whole frame of mean |σ_w(pred) − σ_w(tgt)|:
    the small windows ask for edges and texture, the large ones for the room's layout of light and dark (a frame
    fading to one beige keeps some texture but loses this)."""
    gaps, w = [], window
    while True:
        w = min(w, pred.shape[-1], pred.shape[-2])
        gaps.append((local_std(pred, w) - local_std(tgt, w)).abs().mean())
        if w >= min(pred.shape[-2:]):
            return torch.stack(gaps).mean()
        w *= 2


def local_std(x: torch.Tensor, window: int) -> torch.Tensor:
    """x (B, C, H, W) → the standard deviation inside each non-overlapping ``window``² patch, (B, C, H/w, W/w)."""
    mean = F.avg_pool2d(x, window)
    var = F.avg_pool2d(x * x, window) - mean * mean
    return var.clamp_min(1e-8).sqrt()


def sharp_loss(pred: torch.Tensor, tgt: torch.Tensor, grad_weight: float, contrast_weight: float,
               window: int = 8) -> torch.Tensor:
    """The terms next to the pixel MSE that do not reward blur; pred, tgt (B, 3, H, W) in [−1, 1].

    * image gradient: mean |∇pred − ∇tgt| over horizontal and vertical finite differences (the gradient-difference
      loss of Mathieu et al. 2016, "Deep multi-scale video prediction beyond mean square error", with α = 1);
    * local contrast: mean |σ_w(pred) − σ_w(tgt)|, σ_w the standard deviation in each w² patch, averaged over
      w = ``window``, 2·``window``, … up to the whole frame (``multiscale_std_gap``). It matches how much a patch
      varies, not where, so a blurred guess pays for its missing contrast even where the model
      cannot know where an edge falls (where MSE and the gradient term both prefer the blur).
    """
    out = pred.new_zeros(())
    if grad_weight:
        gx = (pred[..., :, 1:] - pred[..., :, :-1]) - (tgt[..., :, 1:] - tgt[..., :, :-1])
        gy = (pred[..., 1:, :] - pred[..., :-1, :]) - (tgt[..., 1:, :] - tgt[..., :-1, :])
        out = out + grad_weight * 0.5 * (gx.abs().mean() + gy.abs().mean())
    if contrast_weight:
        out = out + contrast_weight * multiscale_std_gap(pred, tgt, window)
    return out


def loss_memory(model: MemoryWorldModel, ctx: torch.Tensor, cacts: torch.Tensor, acts: torch.Tensor,
                tgt: torch.Tensor, bptt: int, grad_weight: float = 0.0, contrast_weight: float = 0.0,
                window: int = 8) -> torch.Tensor:
    """Self-forced loss over the window's steps, the bank filled as at inference: MSE, plus ``sharp_loss`` when
    its weights are not zero."""
    state = MemoryState(model, ctx, cacts)
    losses = []
    for n in range(acts.shape[1]):
        pred = state.step(model, acts[:, n], feed_detach=(n + 1) % bptt == 0)
        losses.append(F.mse_loss(pred, tgt[:, n]) + sharp_loss(pred, tgt[:, n], grad_weight, contrast_weight, window))
    return torch.stack(losses).mean()


def train_memory(data_dir: str | Path, init: str | Path, out: str | Path, cfg: MemoryTrainConfig,
                 log=print) -> dict:  # type: ignore[no-untyped-def]
    """Warm-start from ``init`` and train; writes ``out`` and its ``.json`` card every ``save_every`` steps."""
    from scenegen.rng import stage_rng
    from scenegen.training.world.data import load_split

    torch.set_num_threads(cfg.threads)
    out = Path(out)
    data = WalkData(load_split(data_dir, "train"))
    log(f"{data.rooms} training rooms, {data.actions.shape[1]} actions each")
    base = load(init)
    model = base if isinstance(base, MemoryWorldModel) else from_deterministic(base)
    model.train()
    torch.manual_seed(cfg.seed)
    k = model.cfg.context
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=cfg.steps, pct_start=0.05)
    rng = stage_rng(cfg.seed, "world/batches/memory")
    history: list[float] = []
    t0 = time.perf_counter()
    card: dict = {}
    for step in range(1, cfg.steps + 1):
        loss = loss_memory(model, *sample(data, rng, cfg, k), cfg.bptt, cfg.grad_weight, cfg.contrast_weight,
                           cfg.contrast_window)
        history.append(optimiser_step(model, opt, loss, sched))
        if step % 10 == 0:
            log(f"step {step}/{cfg.steps} loss {np.mean(history[-10:]):.5f} ({time.perf_counter() - t0:.0f} s)")
        if step % cfg.save_every == 0 or step == cfg.steps:
            card = _card(model, cfg, data_dir, init, step, history, time.perf_counter() - t0, data.rooms)
            save(model, out, {"steps": step, "mode": "self+memory"})
            write_card(out.with_suffix(".json"), card)
    return card


def _card(model: MemoryWorldModel, cfg: MemoryTrainConfig, data_dir: str | Path, init: str | Path, step: int,
          history: list[float], seconds: float, rooms: int) -> dict:
    import json

    meta_path = Path(data_dir) / "meta.json"
    return {"model": "scenegen world model with a pose-keyed frame memory (deterministic head, FiLM actions + pose)",
            "config": asdict(model.cfg),
            "training": asdict(cfg) | {"init": str(init), "steps_done": step, "seconds": round(seconds, 1),
                                       "samples_seen": step * cfg.batch,
                                       "final_loss_mean_last50": float(np.mean(history[-50:]))},
            "data": (json.loads(meta_path.read_text()) if meta_path.exists() else {}) | {"train_rooms": rooms},
            "head": "memory",
            "memory": {"key": "pose (x, y, yaw, pitch) integrated from the actions (scenegen.world.pose)",
                       "yaw_m_per_rad": P.YAW_M_PER_RAD, "pitch_m_per_rad": P.PITCH_M_PER_RAD,
                       "own_penalty_m": P.OWN_PENALTY_M}}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="outputs/world_data")
    ap.add_argument("--init", default="scenegen/weights/world_memory.safetensors")
    ap.add_argument("--out", default="outputs/world_memory.safetensors")
    for f in ("steps", "batch", "rollout", "bptt", "seed", "save_every", "threads", "min_out", "contrast_window"):
        ap.add_argument("--" + f.replace("_", "-"), type=int, default=getattr(MemoryTrainConfig, f))
    for f in ("lr", "weight_decay", "p_return", "grad_weight", "contrast_weight"):
        ap.add_argument("--" + f.replace("_", "-"), type=float, default=getattr(MemoryTrainConfig, f))
    a = ap.parse_args(argv)
    cfg = MemoryTrainConfig(**{f: getattr(a, f) for f in MemoryTrainConfig.__dataclass_fields__})
    train_memory(a.data, a.init, a.out, cfg)


if __name__ == "__main__":
    main()
