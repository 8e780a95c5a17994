"""Train the geometric world model (``scenegen.world.geometric``) in two stages, on ``scenegen world data`` shards.

1. **depth**: the depth net, from single frames to the engine's depth (metres along the ray; ``inf`` as
   ``MAX_DEPTH_M``): L1 on log depth.
2. **refine**: the refiner, the depth net frozen. A sample is a held-in walk position t0, a context of the k frames
   ending there and a horizon h (half uniform on 1..``max_h``, half log-uniform); the context is lifted with the
   *predicted* depth at the poses its actions integrate to, splatted at the pose of frame t0+h, and the refiner is
   trained to turn that splat into the engine's frame t0+h: MSE plus ``contrast_weight`` × the multi-scale local
   contrast gap (``train_memory.multiscale_std_gap``), so holes are not painted flat.

Poses are read as at inference (``geometric.context_poses``, ``GeometricConfig.move_carried``): a blocked context move
is seen and not made, a future move counts as the expected share of a step (measured on the training walks by
``carried_share`` and stored in the model's config), so the refiner learns to live with the drift the actions cannot
reveal. Checkpoints are written atomically every ``save_every`` steps; ``--resume`` continues
``--out`` from the step it reached (the optimiser's moments start afresh), ``--init`` fine-tunes another checkpoint.

    python -m scenegen.training.world.train_geometric --data outputs/world_data --out outputs/world_geometric.safetensors
"""

from __future__ import annotations

import argparse
import json
import math
import time
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import torch
from torch.nn import functional as F

from scenegen.training.world.data import load_split
from scenegen.world import pose as P
from scenegen.world import warp as W
from scenegen.render.agent import ACTIONS, MOVES
from scenegen.world.geometric import (MAX_DEPTH_M, GeometricConfig, GeometricWorldModel, context_poses, lift_context,
                                      rel_features)
from scenegen.world.model import load, save, to_model


@dataclass
class GeometricTrainConfig:
    """Steps per stage, samples per refiner step (twice as many frames per depth step), peak learning rate, the
    longest horizon sampled, the local-contrast weight, the batch seed, the checkpoint interval, torch threads,
    ``context``: the number of context frames the model lifts (0 keeps the model's own; set for a new model or a
    fine-tune, and stored in its config), the torch ``device`` the networks and the splatting run on ("cuda" on a
    GPU), and ``workers``: processes that build refiner batches ahead (0: built in the loop, as before; each worker
    draws from its own seed, so a run with workers is reproducible but differs from one without). ``max_seconds``
    (0: none) is a time budget per stage: the learning-rate schedule follows whichever of the step count and the
    budget is nearer its end, and the stage stops (and saves) when either is spent."""

    depth_steps: int = 1500
    refine_steps: int = 4000
    batch: int = 16
    lr: float = 1e-3
    max_h: int = 64
    contrast_weight: float = 0.2
    seed: int = 0
    save_every: int = 100
    threads: int = 1
    context: int = 0
    device: str = "cpu"
    workers: int = 0
    max_seconds: float = 0.0


def depth_batch(walks: list[dict], batch: int, rng: np.random.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Random frames (B, 3, H, W) in [−1, 1] and their engine depth (B, H, W) metres, ``inf`` as ``MAX_DEPTH_M``."""
    frames, depths = [], []
    for _ in range(batch):
        w = walks[rng.integers(len(walks))]
        t = rng.integers(len(w["frames"]))
        frames.append(w["frames"][t])
        depths.append(w["depth"][t])
    d = np.nan_to_num(np.stack(depths).astype(np.float32), posinf=MAX_DEPTH_M).clip(0.01, MAX_DEPTH_M)
    return to_model(torch.from_numpy(np.stack(frames))), torch.from_numpy(d)


def depth_loss(model: GeometricWorldModel, frames: torch.Tensor, depth: torch.Tensor) -> torch.Tensor:
    """Mean |log predicted − log engine depth|."""
    return (torch.log(model.depth(frames)) - torch.log(depth)).abs().mean()


def sample_horizon(rng: np.random.Generator, max_h: int) -> int:
    if rng.random() < 0.5:
        return int(rng.integers(1, max_h + 1))
    return int(round(math.exp(rng.uniform(0.0, math.log(max_h)))))


@dataclass
class RefineBatch:
    """context (B, k, 3, H, W) [−1, 1], context_actions (B, k−1), actions (B, h) are ragged, so the target pose is
    integrated here: target_pose (B, 4), target (B, 3, H, W) [−1, 1]; context_depth (B, k, H, W) metres, the frozen
    depth net's prediction (``predict_depths``); context_pose (B, k, 4) the context frames' poses
    (``context_poses``), integrated on the CPU where the batch is built."""

    context: torch.Tensor
    context_actions: torch.Tensor
    target_pose: torch.Tensor
    target: torch.Tensor
    context_depth: torch.Tensor
    context_pose: torch.Tensor

    def to(self, device: str | torch.device) -> RefineBatch:
        """The same batch with every tensor on ``device``."""
        return RefineBatch(*(getattr(self, f.name).to(device) for f in fields(self)))


def carried_share(walks: list[dict]) -> float:
    """The share of move actions (forward, back, strafes) over ``walks`` whose frame changed: the moves the engine
    carried out (a blocked move repeats the frame exactly). 1.0 when the walks hold no move."""
    move_ids = [ACTIONS.index(a) for a in sorted(MOVES)]
    made = moves = 0
    for w in walks:
        is_move = np.isin(w["actions"], move_ids)
        changed = (w["frames"][1:] != w["frames"][:-1]).reshape(len(w["actions"]), -1).any(axis=1)
        moves += int(is_move.sum())
        made += int((is_move & changed).sum())
    return made / moves if moves else 1.0


def refine_batch(walks: list[dict], k: int, batch: int, max_h: int, rng: np.random.Generator,
                 move_carried: float) -> RefineBatch:
    ctx, cacts, cposes, tposes, tgts, depths = [], [], [], [], [], []
    for _ in range(batch):
        w = walks[rng.integers(len(walks))]
        t_len = len(w["actions"])
        h = min(sample_horizon(rng, max_h), t_len - k + 1)
        t0 = int(rng.integers(k - 1, t_len - h + 1))
        ctx.append(w["frames"][t0 - k + 1:t0 + 1])
        ca = torch.from_numpy(w["actions"][t0 - k + 1:t0].astype(np.int64))[None]
        cacts.append(ca[0])
        poses = context_poses(to_model(torch.from_numpy(w["frames"][None, t0 - k + 1:t0 + 1])), ca)
        cposes.append(poses[0])
        tposes.append(P.integrate(torch.from_numpy(w["actions"][t0:t0 + h].astype(np.int64))[None],
                                  start=poses[:, -1],
                                  move_scale=move_carried)[0, -1])
        tgts.append(w["frames"][t0 + h])
        depths.append(w["predicted_depth"][t0 - k + 1:t0 + 1])
    return RefineBatch(to_model(torch.from_numpy(np.stack(ctx))), torch.stack(cacts), torch.stack(tposes),
                       to_model(torch.from_numpy(np.stack(tgts))),
                       torch.from_numpy(np.stack(depths).astype(np.float32)), torch.stack(cposes))


class _RefineBatches(torch.utils.data.IterableDataset):
    """Endless refiner batches for a ``DataLoader`` worker, each worker drawing from its own seed."""

    def __init__(self, walks: list[dict], tc: GeometricTrainConfig, cfg: GeometricConfig, seed: list[int]) -> None:
        self.walks, self.tc, self.cfg, self.seed = walks, tc, cfg, seed

    def __iter__(self) -> Iterator[RefineBatch]:
        info = torch.utils.data.get_worker_info()
        torch.set_num_threads(1)
        rng = np.random.default_rng(self.seed + [info.id if info else 0])
        while True:
            yield refine_batch(self.walks, self.cfg.context, self.tc.batch, self.tc.max_h, rng, self.cfg.move_carried)


def refine_batches(walks: list[dict], tc: GeometricTrainConfig, cfg: GeometricConfig, rng: np.random.Generator,
                   seed: list[int]) -> Iterator[RefineBatch]:
    """Refiner batches forever: built in the loop from ``rng`` without workers, else by ``tc.workers`` processes."""
    if tc.workers <= 0:
        while True:
            yield refine_batch(walks, cfg.context, tc.batch, tc.max_h, rng, cfg.move_carried)
    loader = torch.utils.data.DataLoader(_RefineBatches(walks, tc, cfg, seed), batch_size=None,
                                         num_workers=tc.workers, prefetch_factor=4, persistent_workers=True)
    yield from loader


@torch.no_grad()
def predict_depths(model: GeometricWorldModel, walks: list[dict], chunk: int = 256) -> None:
    """Store the depth net's prediction for every frame of every walk as ``walk["predicted_depth"]`` ((T+1, H, W)
    float16 metres): the refiner stage keeps the depth net frozen, so each frame is lifted once, not per batch."""
    model.eval()
    device = next(model.parameters()).device
    for w in walks:
        frames = to_model(torch.from_numpy(w["frames"])).to(device)
        w["predicted_depth"] = torch.cat([model.depth(frames[i:i + chunk])
                                          for i in range(0, len(frames), chunk)]).cpu().numpy().astype(np.float16)
    model.train()


def refine_forward(model: GeometricWorldModel, rb: RefineBatch) -> torch.Tensor:
    """The refiner's frame (B, 3, H, W) for a batch, the depth net not trained here."""
    poses = rb.context_pose
    with torch.no_grad():
        points, colours = lift_context(model, rb.context, poses, known=True, depth=rb.context_depth)
        image, mask, depth = W.splat(points, colours, rb.target_pose, model.cfg.size)
    return model.refine(image, mask, depth, rb.context[:, -1], rel_features(rb.target_pose, poses[:, -1]))


def refine_loss(model: GeometricWorldModel, rb: RefineBatch, contrast_weight: float) -> torch.Tensor:
    from scenegen.training.world.train_memory import multiscale_std_gap

    pred = refine_forward(model, rb)
    loss = F.mse_loss(pred, rb.target)
    if contrast_weight:
        loss = loss + contrast_weight * multiscale_std_gap(pred, rb.target, 8)
    return loss


def train_geometric(data_dir: str | Path, out: str | Path, tc: GeometricTrainConfig, resume: bool = False,
                    log=print, cfg: GeometricConfig | None = None,  # type: ignore[no-untyped-def]
                    init: str | Path | None = None) -> dict:
    """Both stages; returns the card's training section. ``resume`` continues ``out``'s checkpoint (its metadata
    says which stage and step it reached); ``init`` starts both stages afresh from a checkpoint's weights (a
    fine-tune: pass ``depth_steps=0`` to keep its depth net); ``cfg`` the architecture of a new model (default
    ``GeometricConfig()``). The engine's depth is read only when the depth stage has steps to run."""
    torch.set_num_threads(tc.threads)
    out = Path(out)
    done = _progress(out) if resume and out.exists() else {"depth": 0, "refine": 0}
    walks = load_split(data_dir, "train", with_depth=done["depth"] < tc.depth_steps)
    model = _start_model(out, tc, walks, resume and out.exists(), log, cfg, init).to(tc.device)
    model.train()
    seed = [tc.seed, done["depth"], done["refine"]]
    rng = np.random.default_rng(seed)
    t_start = time.perf_counter()
    losses: dict[str, list[float]] = {"depth": [], "refine": []}
    for name, steps in (("depth", tc.depth_steps), ("refine", tc.refine_steps)):
        if done[name] >= steps:
            continue
        if name == "depth":
            net = model.depth_net
            batches = iter(lambda: depth_batch(walks, 2 * tc.batch, rng), None)
        else:
            net = model.refiner
            predict_depths(model, walks)
            log("depth predicted for every training frame")
            batches = refine_batches(walks, tc, model.cfg, rng, seed)
        params = list(net.parameters())
        opt = torch.optim.AdamW(params, lr=tc.lr, weight_decay=1e-4)
        t_stage = time.perf_counter()
        for step in range(done[name], steps):
            time_share = (time.perf_counter() - t_stage) / tc.max_seconds if tc.max_seconds else 0.0
            if time_share >= 1.0:
                save(model, out, {"progress": done})
                log(f"{name}: the {tc.max_seconds:.0f} s budget is spent after {step} steps")
                break
            for group in opt.param_groups:
                group["lr"] = tc.lr * lr_factor(step, steps, time_share)
            loss = _stage_loss(model, name, next(batches), tc)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            losses[name].append(float(loss.detach()))
            done[name] = step + 1
            if done[name] % 50 == 0:
                log(f"{name} {done[name]}/{steps} loss {np.mean(losses[name][-50:]):.4f} "
                    f"({time.perf_counter() - t_start:.0f} s)")
            if done[name] % tc.save_every == 0 or done[name] == steps:
                save(model, out, {"progress": done})
    return asdict(tc) | {"steps_done": done, "seconds": round(time.perf_counter() - t_start, 1),
                         "final_loss_mean_last50": {k: float(np.mean(v[-50:])) for k, v in losses.items() if v}}


def _start_model(out: Path, tc: GeometricTrainConfig, walks: list[dict], resumed: bool, log: Callable[[str], object],
                 cfg: GeometricConfig | None, init: str | Path | None) -> GeometricWorldModel:
    """The model a run starts from: ``out``'s checkpoint when resumed, ``init``'s weights, or a new one from ``cfg``.
    A run that is not resumed measures the walks' carried move share and sets the context length."""
    if resumed:
        model = load(out)
        log(f"resuming {out} at {_progress(out)}")
        return model
    if init is not None:
        model = load(init)
        log(f"starting from {init}")
    else:
        torch.manual_seed(tc.seed)
        model = GeometricWorldModel(cfg or GeometricConfig())
    model.cfg = replace(model.cfg, move_carried=round(carried_share(walks), 4), context=tc.context or model.cfg.context)
    log(f"moves carried out in the training walks: {model.cfg.move_carried:.1%}; context {model.cfg.context}")
    return model


def _stage_loss(model: GeometricWorldModel, stage: str, batch: tuple[torch.Tensor, torch.Tensor] | RefineBatch,
                tc: GeometricTrainConfig) -> torch.Tensor:
    """One batch's loss on ``tc.device``: the depth stage's (frames, depth) or the refiner's ``RefineBatch``."""
    if stage == "depth":
        frames, depth = batch
        return depth_loss(model, frames.to(tc.device), depth.to(tc.device))
    return refine_loss(model, batch.to(tc.device), tc.contrast_weight)


def lr_factor(step: int, steps: int, time_share: float = 0.0) -> float:
    """Linear warm-up over the first 5% of the run, then a cosine to zero; the share of the run done is the larger
    of the steps' share and ``time_share`` (seconds spent over a time budget, 0 without one)."""
    warm = max(1, steps // 20)
    rise = min(1.0, max((step + 1) / warm, time_share / 0.05))
    return rise * 0.5 * (1 + math.cos(math.pi * min(1.0, max(step / max(steps, 1), time_share))))


def _progress(path: Path) -> dict[str, int]:
    from safetensors import safe_open

    with safe_open(str(path), "pt") as f:
        meta = f.metadata() or {}
    return json.loads(meta.get("progress", '{"depth": 0, "refine": 0}'))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="outputs/world_data")
    ap.add_argument("--out", default="outputs/world_geometric.safetensors")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--init", default=None, help="fine-tune from this checkpoint's weights")
    ap.add_argument("--card", default=None, help="write the training card (JSON) here")
    for f in fields(GeometricTrainConfig):
        ap.add_argument("--" + f.name.replace("_", "-"), type=type(getattr(GeometricTrainConfig, f.name)),
                        default=getattr(GeometricTrainConfig, f.name))
    a = ap.parse_args(argv)
    tc = GeometricTrainConfig(**{f.name: getattr(a, f.name) for f in fields(GeometricTrainConfig)})
    card = train_geometric(a.data, a.out, tc, resume=a.resume, log=lambda m: print(m, flush=True),
                           init=a.init)
    if a.card:
        Path(a.card).write_text(json.dumps(card, indent=1) + "\n")
    print(json.dumps(card))


if __name__ == "__main__":
    main()
