"""Training the image-to-3D model on the project's own renders (``scenegen train image3d``).

Losses, per sample: occupancy BCE + (1 − soft IoU) on the G³ grid; colour L1 on the occupied cells; yaw as a
classification over ``yaw_bins`` bins whose target is spread over the shape's symmetric equivalents (a square table's
four right answers all count) plus an L1 bin residual; L1 on pitch, log size, log(depth · side / f) and the centre
offset; category cross-entropy. AdamW with a linear warm-up and a cosine decay. The checkpoint (safetensors, config and
category templates inside) and its card are written atomically every ``save_every`` steps and at the end.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch.nn import functional as F

from scenegen.assets.image3d.model import Image3DConfig, Image3DModel, preset
from scenegen.training.image3d.batches import Batches
from scenegen.training.image3d.data import CATEGORIES, DataConfig, cached_dataset, param_keys


@dataclass
class TrainConfig:
    """A training run. ``config``: model preset (tiny, small, large); ``shapes``/``views``: training objects per
    category and renders per object; ``held_out_shapes``/``held_out_views`` likewise for the held-out split;
    ``threads``: torch CPU threads; ``device``: ``auto`` (CUDA when present), ``cpu`` or ``cuda``."""

    config: str = "small"
    categories: tuple[str, ...] = CATEGORIES
    shapes: int = 500
    views: int = 3
    held_out_shapes: int = 40
    held_out_views: int = 2
    res: int = 128
    steps: int = 3000
    batch: int = 32
    lr: float = 2e-3
    warmup: int = 100
    seed: int = 0
    threads: int = 2
    device: str = "auto"
    save_every: int = 250
    extra: dict = field(default_factory=dict)

    def data(self, held_out: bool, grid: int) -> DataConfig:
        return DataConfig(categories=tuple(self.categories),
                          shapes_per_category=self.held_out_shapes if held_out else self.shapes,
                          views_per_shape=self.held_out_views if held_out else self.views, grid=grid, res=self.res,
                          seed=self.seed, held_out=held_out)


def pick_device(name: str) -> torch.device:
    """``auto`` → CUDA when available, else CPU."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def yaw_targets(yaw: torch.Tensor, sym: torch.Tensor, k: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """For each sample, its 4 candidate yaws (symmetric equivalents, repeated for orders 1 and 2): bins (B, 4) long,
    residuals (B, 4) in [−0.5, 0.5) bins, and a (B, 4) weight that is 1 for each distinct candidate counted once."""
    j = torch.arange(4, device=yaw.device)
    order = sym.clamp(min=1)
    step = 2 * math.pi / order.float()
    cand = yaw[:, None] + (j[None] % order[:, None]).float() * step[:, None]
    frac = ((cand + math.pi) % (2 * math.pi)) / (2 * math.pi) * k
    bins = frac.floor().long().clamp(0, k - 1)
    res = frac - bins.float() - 0.5
    weight = (j[None] < order[:, None]).float()
    return bins, res, weight


def losses(out: dict[str, torch.Tensor], tgt: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The loss terms (scalars) for one batch."""
    occ_l = out["occ_logits"]
    occ_t = tgt["occ"]
    bce = F.binary_cross_entropy_with_logits(occ_l, occ_t)
    p = torch.sigmoid(occ_l)
    inter = (p * occ_t).sum(dim=(1, 2, 3))
    union = (p + occ_t - p * occ_t).sum(dim=(1, 2, 3)).clamp(min=1.0)
    soft_iou = 1.0 - (inter / union).mean()
    w = occ_t[:, None]
    colour = ((out["rgb"] - tgt["col"]).abs() * w).sum() / (3 * w.sum()).clamp(min=1.0)
    k = out["yaw_logits"].shape[1]
    bins, res, weight = yaw_targets(tgt["yaw"], tgt["sym"], k)
    logp = torch.log_softmax(out["yaw_logits"], dim=1)
    # probability of any right answer: log Σ over the distinct equivalent bins
    right = torch.logsumexp(logp.gather(1, bins) + torch.log(weight.clamp(min=1e-12)), dim=1)
    yaw_cls = -right.mean()
    yaw_res = ((out["yaw_res"].gather(1, bins) - res).abs() * weight).sum() / weight.sum()
    return {"bce": bce, "soft_iou": soft_iou, "colour": colour, "yaw_cls": yaw_cls, "yaw_res": yaw_res,
            "pitch": (out["pitch"] - tgt["pitch"]).abs().mean(),
            "size": (out["log_size"] - tgt["log_size"]).abs().mean(),
            "depth": (out["log_zs"] - tgt["log_zs"]).abs().mean(),
            "offset": (out["offset"] - tgt["offset"]).abs().mean(),
            "category": F.cross_entropy(out["cat_logits"], tgt["cat"])}


WEIGHTS = {"bce": 4.0, "soft_iou": 1.0, "colour": 1.0, "yaw_cls": 0.5, "yaw_res": 0.5, "pitch": 1.0, "size": 1.0,
           "depth": 1.0, "offset": 1.0, "category": 0.3}
"""How much each loss term counts."""


def init_templates(model: Image3DModel, occ: np.ndarray, cat: np.ndarray) -> None:
    """Set the decoder's per-category templates to the logit of each category's mean training occupancy."""
    with torch.no_grad():
        for c in range(model.shape.templates.shape[0]):
            sel = cat == c
            if sel.any():
                mean = torch.from_numpy(occ[sel].mean(axis=0)).float().clamp(0.02, 0.98)
                model.shape.templates[c] = torch.log(mean / (1 - mean))


def save_checkpoint(model: Image3DModel, path: Path, card: dict) -> None:
    """Write the weights (safetensors, the config in its metadata) and the JSON card beside it, both atomically."""
    from safetensors.torch import save_file

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().float().cpu().contiguous() for k, v in model.state_dict().items()}
    tmp = path.with_name(path.name + ".tmp")
    save_file(tensors, str(tmp), metadata={"config": json.dumps(model.cfg.to_dict()), "format": "image3d-v1"})
    os.replace(tmp, path)
    write_card(path.with_suffix(".json"), card)


def write_card(path: Path, card: dict) -> None:
    tmp = Path(str(path) + ".tmp")
    tmp.write_text(json.dumps(card, indent=1) + "\n")
    os.replace(tmp, path)


def train_image3d(out: Path, cfg: TrainConfig, cache: Path | None = None, evaluate: bool = True,
                  log: Callable[[str], None] = print) -> dict:
    """Generate (or reuse) the data, train, and write the checkpoint + card (and, when ``evaluate``, the held-out
    scores and the picture grid ``<out stem>_eval.png``). Returns the card."""
    torch.set_num_threads(cfg.threads)
    device = pick_device(cfg.device)
    torch.manual_seed(cfg.seed)
    mcfg: Image3DConfig = preset(cfg.config, tuple(cfg.categories))
    t0 = time.perf_counter()
    train = cached_dataset(cfg.data(False, mcfg.grid), cache, log=log)
    held = cached_dataset(cfg.data(True, mcfg.grid), cache, log=log)
    overlap = param_keys(train) & param_keys(held)
    if overlap:
        raise ValueError(f"{len(overlap)} held-out objects repeat training parameters; use another seed")
    data_s = time.perf_counter() - t0
    batches = Batches(train, device)
    model = Image3DModel(mcfg).to(device)
    init_templates(model, train["occ"], train["cat"])
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=1e-4)

    def lr_at(step: int) -> float:
        if step < cfg.warmup:
            return cfg.lr * (step + 1) / cfg.warmup
        t = (step - cfg.warmup) / max(1, cfg.steps - cfg.warmup)
        return cfg.lr * (0.03 + 0.97 * 0.5 * (1 + math.cos(math.pi * t)))

    gen = torch.Generator().manual_seed(cfg.seed)
    card = {"model": "image3d", "format": "image3d-v1", "config_name": cfg.config, "config": mcfg.to_dict(),
            "parameters": sum(p.numel() for p in model.parameters()),
            "train_config": {k: v for k, v in dataclasses.asdict(cfg).items() if k != "extra"}, **cfg.extra,
            "data": {"train_shapes": int(len(train["occ"])), "train_views": int(len(train["rgb"])),
                     "held_out_shapes": int(len(held["occ"])), "held_out_views": int(len(held["rgb"])),
                     "generation": "procedural generators (scenegen.assets.procedural) with random size words, "
                                   "colour words, materials or RGB; ray-cast renders from random headings, "
                                   "elevations 5-40 deg, fov 40-65 deg, lights, backgrounds, half on a floor",
                     "held_out_split": f"seeds offset by {10_000_000}; no (category, parameters, colour) vector "
                                       "shared with training (checked)",
                     "data_seconds": round(data_s, 1)},
            "device": str(device), "threads": cfg.threads}
    hist: list[float] = []
    t1 = time.perf_counter()
    model.train()
    for step in range(cfg.steps):
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        idx = torch.randint(0, len(batches), (cfg.batch,), generator=gen)
        x, geom, box = batches.inputs(idx, mcfg.image, gen)
        tgt = batches.targets(idx, box)
        terms = losses(model(x, geom), tgt)
        loss = sum(WEIGHTS[k] * v for k, v in terms.items())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 2.0)
        opt.step()
        hist.append(loss.item())
        if (step + 1) % 50 == 0 or step == 0:
            parts = " ".join(f"{k} {float(v):.3f}" for k, v in terms.items())
            log(f"step {step + 1}/{cfg.steps} loss {np.mean(hist[-50:]):.4f} ({parts}) "
                f"{time.perf_counter() - t1:.0f} s")
        if (step + 1) % cfg.save_every == 0 or step + 1 == cfg.steps:
            card["training"] = {"steps_done": step + 1, "train_seconds": round(time.perf_counter() - t1, 1),
                                "final_loss_mean_last50": float(np.mean(hist[-50:]))}
            save_checkpoint(model, out, card)
            model.train()
    if evaluate:
        from scenegen.training.image3d.evaluate import evaluate as run_eval

        model.eval()
        res = run_eval(model, train, held, picture=Path(out).with_name(Path(out).stem + "_eval.png"), log=log)
        card["held_out"] = res
        save_checkpoint(model, out, card)
    return card
