"""Train the bundled judge (``scenegen train judge``): generate crops from the project's own scenes, fit the CNN,
write ``judge.safetensors`` + ``judge.json`` after every epoch (so a stopped run leaves a usable checkpoint).

Train and held-out data never share a prompt or a seed: training scenes use prompts from the stream
``judge/train-prompts`` and seeds ``seed·10⁶ + i``; held-out ones prompts from ``judge/val-prompts`` and seeds
``seed·10⁶ + 500 000 + i``. Held-out scenes are not recoloured (they look like what the validator will see).

Loss: cross-entropy on the category plus ``COLOUR_WEIGHT`` × mean squared error on the main colour (RGB in [0, 1]).
Augmentation: horizontal flips and a small brightness jitter (the renderer's lights never change, the objects' sides do).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from scenegen.training.judge.dataset import Samples, generate, synthetic_prompts
from scenegen.judge.model import JudgeNetConfig, build_model, predict, save_checkpoint
from scenegen.rng import stage_rng

COLOUR_WEIGHT = 5.0
COLOUR_TOL = 0.15
"""A predicted colour counts as right when within this Euclidean distance (RGB in [0, 1]) of the asset's colour."""
VAL_SEED_OFFSET = 500_000
COLOUR_SEED_OFFSET = 700_000
COLOUR_RELIABLE_MEDIAN = 0.2
"""Categories whose held-out median colour error (RGB distance) exceeds this are listed in the card as
``colour_unreliable``: the bundled judge abstains on their colour (their main colour covers too little of the mesh)."""

LogFn = Callable[[str], None]


@dataclass
class TrainConfig:
    """How to train. Scenes: number of generated training / held-out scenes. ``recolour_p``: share of training
    objects given a random colour. ``workers``: processes generating data."""

    scenes: int = 800
    val_scenes: int = 80
    epochs: int = 8
    batch: int = 128
    lr: float = 3e-3
    weight_decay: float = 1e-4
    seed: int = 0
    recolour_p: float = 0.5
    workers: int = 2
    net: JudgeNetConfig = field(default_factory=JudgeNetConfig)


def _jobs(cfg: TrainConfig, name: str) -> list[tuple[int, str, int, float, int, int]]:
    """Generation jobs for the ``train``, ``val`` (held-out) or ``colour`` (held-out, every object recoloured) set."""
    n = {"train": cfg.scenes, "val": cfg.val_scenes, "colour": cfg.val_scenes}[name]
    prompts = synthetic_prompts(n, stage_rng(cfg.seed, f"judge/{name}-prompts"))
    offset = {"train": 0, "val": VAL_SEED_OFFSET, "colour": COLOUR_SEED_OFFSET}[name]
    recolour = {"train": cfg.recolour_p, "val": 0.0, "colour": 1.0}[name]
    base = cfg.seed * 1_000_000 + offset
    return [(i, p, base + i, recolour, cfg.seed, cfg.net.crop_size) for i, p in enumerate(prompts)]


def build_data(cfg: TrainConfig, name: str, cache: Path | None, log: LogFn) -> Samples:
    """Generate (or read from ``cache``) the ``train``, ``val`` or ``colour`` samples (see ``_jobs``)."""
    n = cfg.scenes if name == "train" else cfg.val_scenes
    path = cache / f"{name}-s{cfg.seed}-n{n}-c{cfg.net.crop_size}.npz" if cache else None
    if path is not None and path.is_file():
        with np.load(path, allow_pickle=False) as z:
            log(f"{name}: read {len(z['category'])} crops from {path}")
            return Samples(z["crops"], z["category"], z["colour"], z["visible"], z["pixels"], z["scene"],
                           [str(o) for o in z["obj"]])
    jobs = _jobs(cfg, name)
    start = time.perf_counter()
    parts: list[Samples] = []
    if cfg.workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(cfg.workers) as pool:
            for k, s in enumerate(pool.map(generate, jobs, chunksize=4)):
                parts.append(s)
                if (k + 1) % 50 == 0:
                    log(f"{name}: {k + 1}/{len(jobs)} scenes, {sum(len(p.category) for p in parts)} crops, "
                        f"{time.perf_counter() - start:.0f} s")
    else:
        parts = [generate(j) for j in jobs]
    data = Samples.concat(parts)
    log(f"{name}: {len(data.category)} crops from {len(jobs)} scenes in {time.perf_counter() - start:.0f} s")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.stem + ".tmp.npz")
        np.savez(tmp, crops=data.crops, category=data.category, colour=data.colour, visible=data.visible,
                 pixels=data.pixels, scene=data.scene, obj=np.asarray(data.obj))
        tmp.replace(path)
    return data


def held_out_scores(model: Any, data: Samples, categories: list[str]) -> dict[str, Any]:
    """Crop-level and object-level (views pooled by summed log-probability) accuracies on ``data``."""
    logp, cols = predict(model, data.crops)
    pred = logp.argmax(1)
    crop_acc = float((pred == data.category).mean()) if len(pred) else 0.0
    dist = np.linalg.norm(cols - data.colour, axis=1)
    keys = [f"{s}/{o}" for s, o in zip(data.scene, data.obj)]
    objects: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        objects.setdefault(k, []).append(i)
    hits = 0
    per_cat: dict[str, list[int]] = {}
    col_hits = 0
    for rows in objects.values():
        total = logp[rows].sum(0)
        truth = int(data.category[rows[0]])
        ok = int(total.argmax() == truth)
        hits += ok
        per_cat.setdefault(categories[truth], []).append(ok)
        col = cols[rows].mean(0)
        col_hits += int(np.linalg.norm(col - data.colour[rows[0]]) < COLOUR_TOL)
    n = max(len(objects), 1)
    return {"crops": int(len(pred)), "objects": len(objects), "crop_category_accuracy": round(crop_acc, 4),
            "object_category_accuracy": round(hits / n, 4),
            "crop_colour_accuracy": round(float((dist < COLOUR_TOL).mean()) if len(dist) else 0.0, 4),
            "object_colour_accuracy": round(col_hits / n, 4),
            "colour_tolerance": COLOUR_TOL,
            "per_category_object_accuracy": {c: round(sum(v) / len(v), 3) for c, v in sorted(per_cat.items())}}


def train_judge(out: str | Path, cfg: TrainConfig | None = None, cache: str | Path | None = None,
                log: LogFn = print) -> dict[str, Any]:
    """Generate data, train, and write ``out`` (safetensors) + its ``.json`` card after every epoch. Returns the
    final card."""
    import torch

    cfg = cfg or TrainConfig()
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    cache_dir = Path(cache) if cache else None
    started = time.perf_counter()
    train = build_data(cfg, "train", cache_dir, log)
    val = build_data(cfg, "val", cache_dir, log)
    categories = cfg.net.categories
    covered = sorted({categories[i] for i in np.unique(train.category)})
    model = build_model(cfg.net)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    steps_per_epoch = max(1, len(train.category) // cfg.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=cfg.epochs * steps_per_epoch,
                                                pct_start=0.15)
    gen = np.random.default_rng(cfg.seed)
    crops_t = torch.from_numpy(train.crops)
    cats_t = torch.from_numpy(train.category)
    cols_t = torch.from_numpy(train.colour)
    card: dict[str, Any] = {}
    for epoch in range(cfg.epochs):
        model.train()
        order = gen.permutation(len(train.category))
        t0 = time.perf_counter()
        total = 0.0
        for s in range(steps_per_epoch):
            idx = torch.from_numpy(order[s * cfg.batch:(s + 1) * cfg.batch])
            x = crops_t[idx].float() / 255.0
            flip = torch.from_numpy(gen.random(len(idx)) < 0.5)
            x[flip] = x[flip].flip(3)
            gain = torch.from_numpy(gen.uniform(0.85, 1.15, size=(len(idx), 1, 1, 1)).astype(np.float32))
            x[:, :3] = (x[:, :3] * gain).clamp(0, 1)
            logits, colour = model(x)
            loss = torch.nn.functional.cross_entropy(logits, cats_t[idx], label_smoothing=0.05)
            loss = loss + COLOUR_WEIGHT * torch.nn.functional.mse_loss(colour, cols_t[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach())
        scores = held_out_scores(model, val, categories)
        log(f"epoch {epoch + 1}/{cfg.epochs}: loss {total / steps_per_epoch:.3f}, held-out object category "
            f"{scores['object_category_accuracy']:.3f}, crop category {scores['crop_category_accuracy']:.3f}, "
            f"object colour {scores['object_colour_accuracy']:.3f}, {time.perf_counter() - t0:.0f} s")
        card = {
            "model": "scenegen bundled judge: CNN over object crops (RGB + id mask) -> category (65-way) + main "
                     "colour (RGB)",
            "data": {"train_scenes": cfg.scenes, "train_crops": int(len(train.category)),
                     "held_out_scenes": cfg.val_scenes, "held_out_crops": int(len(val.category)),
                     "source": "scenegen.pipeline.make (rules planner, procedural assets) on synthetic prompts "
                               "naming catalog categories in balanced rotation; training objects recoloured at "
                               f"random with p={cfg.recolour_p}; held-out scenes use other prompts and seeds, "
                               "not recoloured",
                     "categories_covered": len(covered), "categories": len(categories)},
            "training": {k: v for k, v in asdict(cfg).items() if k != "net"} | {"epochs_done": epoch + 1,
                                                                              "seconds": round(time.perf_counter()
                                                                                               - started)},
            "held_out": scores,
        }
        save_checkpoint(model, cfg.net, out, card)
    card["colour_error_median"] = colour_errors(model, cfg, cache_dir, log)
    card["colour_unreliable"] = sorted(c for c, e in card["colour_error_median"].items() if e > COLOUR_RELIABLE_MEDIAN)
    save_checkpoint(model, cfg.net, out, card)
    return card


def colour_errors(model: Any, cfg: TrainConfig, cache: Path | None, log: LogFn) -> dict[str, float]:
    """Per category: the median RGB distance between the judge's pooled colour and the asset's main colour, over
    held-out scenes (their own prompts and seeds) in which every object was given a random colour."""
    data = build_data(cfg, "colour", cache, log)
    _, cols = predict(model, data.crops)
    rows: dict[tuple[int, str], list[int]] = {}
    for i, key in enumerate(zip(data.scene.tolist(), data.obj)):
        rows.setdefault(key, []).append(i)
    errors: dict[str, list[float]] = {}
    for r in rows.values():
        err = float(np.linalg.norm(cols[r].mean(0) - data.colour[r[0]]))
        errors.setdefault(cfg.net.categories[int(data.category[r[0]])], []).append(err)
    return {c: round(float(np.median(v)), 4) for c, v in sorted(errors.items())}


def write_card(path: str | Path, card: dict[str, Any]) -> None:
    from scenegen.scene_files import write_atomic

    write_atomic(path, json.dumps(card, indent=2, sort_keys=True) + "\n")
