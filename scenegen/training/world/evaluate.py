"""Score world models against the engine on held-out rooms (``scenegen eval world``).

* Fidelity per horizon (1..64): from a ground-truth context ending at frame t0, roll out 64 actions; at horizon h
  compare the predicted frame with the engine's frame t0+h. PSNR (dB, on [0, 1] pixels quantised to uint8 as a video would be;
  identical frames score ``PSNR_CAP``) and SSIM (Wang et al. 2004: 11×11 Gaussian window, σ = 1.5, K1 = 0.01,
  K2 = 0.03, per channel, valid positions, averaged). Methods: the model, the teacher-forced model (when given) and
  the baselines of ``measures`` (copy-last, blurred last, the flat-mean-colour oracle, the training set's mean frame).
* Measures blur cannot game (``measures``): contrast and gradient-energy ratios, object persistence inside the
  engine's id-buffer masks, and a feature distance with the frozen judge backbone, for the model and every baseline.
* Action controllability: PSNR of the rollout with the true actions minus the rollout from the same context with the
  actions of another held-out walk (walk i gets walk i+1's actions, a derangement), per horizon, averaged over the
  horizons, and over the whole rollout (the mean PSNR of all its predicted frames, 1..32).
* Revisit consistency: in a held-out room, ``LOOP`` (look away, step out and back, turn back) returns the agent to
  where it stood; PSNR of the model's returning frame against the engine's frame at the loop's start (the engine's
  own return PSNR is reported beside it: below ``PSNR_CAP`` only when a move was blocked).
* Speed: frames per second of an autoregressive rollout at batch 1 (64 frames, ``threads`` torch threads).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch

from scenegen.world.model import WorldModel, load, model_rollout, psnr, ssim

if TYPE_CHECKING:
    from scenegen.training.world.measures import FeatureEncoder

HORIZONS = (1, 2, 4, 8, 16, 32, 64)
LOOP = "turn_left*6 forward*2 back*2 turn_right*6"
FIRST_T0 = 31
"""the earliest window start (a window's last context frame), whatever the model's context: models with contexts of
up to 32 frames are scored on the same windows"""
REVISIT_STEPS = 3
"""forward steps from the walk's start before ``LOOP`` (a longer context is padded with the start frame)"""


def window_starts(t_len: int, k: int, n: int, starts_per_room: int) -> np.ndarray:
    """Window starts t0 (the last context frame) in a walk of ``t_len`` actions, for a context of ``k`` frames and
    ``n`` actions after it: ``starts_per_room`` spread evenly from max(``FIRST_T0``, k − 1) to t_len − n (from k − 1
    in a walk too short for ``FIRST_T0``); none when the walk is shorter than the context and the actions."""
    last = t_len - n
    first = max(k - 1, FIRST_T0 if last >= FIRST_T0 else 0)
    if last < first:
        return np.zeros(0, dtype=np.int64)
    return np.linspace(first, last, starts_per_room).round().astype(np.int64)


def revisit_walk(k: int) -> list[str]:
    """The revisit episode's actions for a context of ``k`` frames: noops (the start frame repeated) up to
    ``REVISIT_STEPS`` forward steps, then ``LOOP``; the context is its first k frames."""
    from scenegen.render.walk import parse_actions

    lead = ["forward"] * min(REVISIT_STEPS, k - 1)
    return ["noop"] * (k - 1 - len(lead)) + lead + parse_actions(LOOP)


def copy_last(context_u8: np.ndarray, n: int) -> np.ndarray:
    """Copy-last-frame baseline: context (B, k, H, W, 3) uint8 → (B, n, H, W, 3), the last context frame repeated."""
    return np.repeat(context_u8[:, -1:], n, axis=1)


@dataclass
class Windows:
    """Evaluation windows: context (B, k, H, W, 3) uint8, actions (B, N), targets (B, N, H, W, 3), room (B,),
    context_actions (B, k−1): the actions between the context frames (the memory model banks them)."""

    context: np.ndarray
    actions: np.ndarray
    targets: np.ndarray
    room: np.ndarray
    context_actions: np.ndarray | None = None


def make_windows(shards: list[dict], k: int, n: int = 64, starts_per_room: int = 3) -> Windows:
    """``starts_per_room`` windows per held-out walk, spread evenly over it."""
    ctx, acts, tgt, room, cacts = [], [], [], [], []
    for s in shards:
        for t0 in window_starts(len(s["actions"]), k, n, starts_per_room):
            ctx.append(s["frames"][t0 - k + 1:t0 + 1])
            acts.append(s["actions"][t0:t0 + n])
            tgt.append(s["frames"][t0 + 1:t0 + 1 + n])
            room.append(s["scene_index"])
            cacts.append(s["actions"][t0 - k + 1:t0])
    if not ctx:
        raise ValueError(f"no held-out walk is long enough for a context of {k} and {n} steps")
    return Windows(np.stack(ctx), np.stack(acts), np.stack(tgt), np.array(room), np.stack(cacts))


def horizon_scores(pred: np.ndarray, targets: np.ndarray, horizons: Sequence[int] = HORIZONS) -> dict[str, dict]:
    """Mean PSNR and SSIM at each horizon (1-based): {"psnr": {h: dB}, "ssim": {h: value}}."""
    out: dict[str, dict] = {"psnr": {}, "ssim": {}}
    for h in horizons:
        out["psnr"][h] = float(np.mean(psnr(pred[:, h - 1], targets[:, h - 1])))
        out["ssim"][h] = float(np.mean(ssim(pred[:, h - 1], targets[:, h - 1])))
    return out


def rollout_fps(model: WorldModel, frames: int = 64, threads: int = 1, repeats: int = 3) -> float:
    """Frames per second of a batch-1 autoregressive rollout (median of ``repeats``; ``bench.time_rollouts``)."""
    from scenegen.world.bench import time_rollouts

    return frames / float(np.median(time_rollouts(model, frames, threads, repeats)))


def revisit(model: WorldModel, shards: list[dict], rooms: int = 10, size: int = 64) -> dict:
    """Loop paths in the first ``rooms`` held-out rooms (remade from their prompt and seed): the context is the first k
    frames of ``revisit_walk`` (``REVISIT_STEPS`` forward steps from the start), then ``LOOP``. Mean PSNR of the
    model's returning frame and of
    its farthest-out frame (mid-loop) against the engine's, and the engine's own return PSNR."""
    from scenegen.pipeline import make
    from scenegen.render.walk import ACTIONS, parse_actions
    from scenegen.training.world.data import render_episode

    k = model.cfg.context
    loop = parse_actions(LOOP)
    actions = revisit_walk(k)
    ret_model, mid_model, ret_engine, ret_copy = [], [], [], []
    for s in shards[:rooms]:
        scene = make(str(s["prompt"]), seed=int(s["seed"]), validators=[], attempts=1).scene
        ep = render_episode(scene, actions, size)
        ctx = ep.frames[None, :k]
        pred = model_rollout(model, ctx, np.array([[ACTIONS.index(a) for a in loop]]),
                             context_actions=np.array([[ACTIONS.index(a) for a in actions[:k - 1]]]))[0]
        start = ep.frames[k - 1]
        ret_model.append(float(psnr(pred[-1], start)))
        mid = len(loop) // 2 - 1
        mid_model.append(float(psnr(pred[mid], ep.frames[k + mid])))
        ret_engine.append(float(psnr(ep.frames[-1], start)))
        ret_copy.append(float(psnr(ep.frames[-2], start)))
    return {"loop": LOOP, "rooms": len(ret_model), "return_psnr_model": float(np.mean(ret_model)),
            "mid_loop_psnr_model": float(np.mean(mid_model)), "return_psnr_engine": float(np.mean(ret_engine)),
            "engine_frame_before_return_psnr": float(np.mean(ret_copy))}


@dataclass
class WorldEval:
    horizons: list[int]
    scores: dict[str, dict] = field(default_factory=dict)      # method → {"psnr": {h: dB}, "ssim": {h: v}}
    content: dict[str, dict] = field(default_factory=dict)     # method → {"contrast": {h: r}, "gradient": {h: r}}
    persistence: dict[str, dict] = field(default_factory=dict)  # method → {h: {"colour", "structure", "objects"}}
    features: dict[str, dict] = field(default_factory=dict)    # method → {h: {"cosine", "frechet"}}
    controllability: dict = field(default_factory=dict)        # {"gap": {h: dB}, "mean_gap": dB}
    revisit: dict = field(default_factory=dict)
    retrace: dict = field(default_factory=dict)                # ``retrace.retrace``: out and back the same way
    fps: dict = field(default_factory=dict)
    windows: int = 0
    rooms: int = 0
    encoder: str = ""


def _heldout(data_dir: str | Path, k: int, starts_per_room: int) -> tuple[list[dict], Windows, np.ndarray, list]:
    """Held-out shards, their windows, and each window's engine id buffers (B, N, H, W) and mesh names."""
    from scenegen.training.world.data import load_split

    shards = load_split(data_dir, "heldout", with_ids=True)
    if any("ids" not in s for s in shards):
        raise ValueError(f"the held-out shards in {data_dir} have no id buffer (made before it was stored): "
                         f"remake them with `scenegen world data --split heldout --out {data_dir}` in a new folder")
    n = max(HORIZONS)
    win = make_windows(shards, k, n, starts_per_room)
    ids, names = [], []
    for s in shards:
        for t0 in window_starts(len(s["actions"]), k, n, starts_per_room):
            ids.append(s["ids"][t0 + 1:t0 + 1 + n])
            names.append(s["names"])
    return shards, win, np.stack(ids), names


def score_method(res: WorldEval, name: str, pred: np.ndarray, win: Windows, ids: np.ndarray, names: list,
                 encoder: "FeatureEncoder | None", engine_feats: dict[int, np.ndarray]) -> None:
    """Every per-horizon measure of predictions ``pred`` (B, N, H, W, 3) uint8, stored under ``name``."""
    from scenegen.training.world.measures import contrast_ratio, feature_scores, gradient_ratio, persistence

    res.scores[name] = horizon_scores(pred, win.targets)
    res.content[name] = {"contrast": {}, "gradient": {}}
    res.persistence[name] = {}
    res.features[name] = {}
    for h in HORIZONS:
        p, t = pred[:, h - 1], win.targets[:, h - 1]
        res.content[name]["contrast"][h] = contrast_ratio(p, t)
        res.content[name]["gradient"][h] = gradient_ratio(p, t)
        res.persistence[name][h] = persistence(p, t, ids[:, h - 1], names)
        if encoder is not None:
            res.features[name][h] = feature_scores(encoder(p), engine_feats[h])


def eval_world(data_dir: str | Path, weights: str | Path, teacher: str | Path | None = None,
               starts_per_room: int = 3, revisit_rooms: int = 10, threads: int = 1,
               log: Callable[[str], None] = lambda m: None, encoder_path: str | Path | None = None,
               strip: str | Path | None = None) -> WorldEval:
    """All the scores above on ``data_dir``'s held-out split, the model against the four baselines; ``strip``: also
    draw the strip picture there (6 held-out rooms, engine against model and blurred last frame)."""
    from scenegen.training.world.data import mean_frame
    from scenegen.training.world.measures import FeatureEncoder, baselines

    torch.set_num_threads(threads)
    model = load(weights)
    k = model.cfg.context
    shards, win, ids, names = _heldout(data_dir, k, starts_per_room)
    res = WorldEval(horizons=list(HORIZONS), windows=len(win.actions), rooms=len(set(win.room.tolist())))
    log(f"{res.windows} windows in {res.rooms} held-out rooms")
    encoder = FeatureEncoder(encoder_path)
    res.encoder = str(encoder.path)
    engine_feats = {h: encoder(win.targets[:, h - 1]) for h in HORIZONS}
    for name, pred in baselines(win.context, win.targets, mean_frame(data_dir, "train")).items():
        score_method(res, name, pred, win, ids, names, encoder, engine_feats)
    log("baselines scored")
    pred = model_rollout(model, win.context, win.actions, context_actions=win.context_actions)
    score_method(res, "model", pred, win, ids, names, encoder, engine_feats)
    log("model scored")
    if strip is not None:
        from scenegen.training.world.strip import pick_windows, strip_picture

        pick = pick_windows(win.room)
        prompts = {s["scene_index"]: f'room {s["scene_index"]}: {s["prompt"]}' for s in shards}
        strip_picture(win.context[pick], win.targets[pick], {"model": pred[pick]},
                      [prompts[int(r)] for r in win.room[pick]], strip)
    if teacher is not None:
        tmodel = load(teacher)
        tk = tmodel.cfg.context
        if tk > k:
            raise ValueError(f"the teacher's context ({tk}) is longer than the model's ({k})")
        res.scores["teacher_forced"] = horizon_scores(model_rollout(tmodel, win.context[:, -tk:], win.actions),
                                                      win.targets)
        log("teacher-forced model scored")
    res.controllability = controllability(res, model, win, pred)
    log("controllability scored")
    if revisit_rooms > 0:
        res.revisit = revisit(model, shards, revisit_rooms, model.cfg.size)
        log("revisit scored")
    from scenegen.training.world.retrace import retrace

    res.retrace = retrace(model, shards, k, starts_per_room)
    log("retrace scored")
    res.fps = {"threads_1": rollout_fps(model, threads=1)}
    return res


def controllability(res: WorldEval, model, win: Windows, pred: np.ndarray) -> dict:  # type: ignore[no-untyped-def]
    """PSNR with the true actions minus PSNR with another held-out walk's actions, per horizon and whole rollout."""
    shuffled = np.roll(win.actions, 1, axis=0)
    pred_shuffled = model_rollout(model, win.context, shuffled, context_actions=win.context_actions)
    sh = horizon_scores(pred_shuffled, win.targets)
    res.scores["model_shuffled_actions"] = sh
    gap = {h: res.scores["model"]["psnr"][h] - sh["psnr"][h] for h in HORIZONS}
    whole_true = float(np.mean(psnr(pred, win.targets)))
    whole_shuffled = float(np.mean(psnr(pred_shuffled, win.targets)))
    return {"gap": gap, "mean_gap": float(np.mean(list(gap.values()))),
            "rollout_psnr_true": whole_true, "rollout_psnr_shuffled": whole_shuffled,
            "rollout_gap": whole_true - whole_shuffled,
            "shuffle": "each window rolled out with the next window's actions (another held-out walk)"}


ACCEPTANCE_BASELINES = ("copy_last", "blurred_last", "flat_mean", "train_mean")


def acceptance(res: WorldEval) -> dict[str, bool | float]:
    """Issue 21's acceptance items, each as measured (numbers) and met (bool)."""
    ps = res.scores
    out: dict[str, bool | float] = {}
    for h, need in ((16, 2.0), (32, 1.0)):
        margin = ps["model"]["psnr"][h] - ps["flat_mean"]["psnr"][h]
        out[f"psnr_over_flat_h{h}"] = margin
        out[f"psnr_over_flat_h{h}_met"] = margin >= need
    out["contrast_h32"] = res.content["model"]["contrast"][32]
    out["contrast_h32_met"] = out["contrast_h32"] >= 0.75
    for h in (16, 32):
        m = res.persistence["model"][h]
        out[f"persistence_h{h}_met"] = all(m[e] < res.persistence[b][h][e]
                                           for b in ACCEPTANCE_BASELINES for e in ("colour", "structure"))
    out["controllability_h32"] = res.controllability["gap"][32]
    out["controllability_h32_met"] = out["controllability_h32"] >= 3.0
    if res.revisit:
        out["revisit_psnr"] = res.revisit["return_psnr_model"]
        out["revisit_met"] = out["revisit_psnr"] >= 23.0
    out["fps_threads_1"] = res.fps.get("threads_1", 0.0)
    out["fps_met"] = out["fps_threads_1"] >= 30.0
    return out


def to_json(res: WorldEval) -> dict:
    d = asdict(res)
    return json.loads(json.dumps(d, default=float))


def plot_psnr(res: WorldEval, path: str | Path, width: int = 640, height: int = 420) -> Path:
    """PSNR against horizon, one line per method, drawn with PIL (matplotlib is not a dependency)."""
    from PIL import Image, ImageDraw

    path = Path(path)
    colours = {"model": (220, 50, 47), "teacher_forced": (38, 139, 210), "copy_last": (100, 100, 100),
               "model_shuffled_actions": (181, 137, 0), "flat_mean": (133, 153, 0), "blurred_last": (108, 113, 196),
               "train_mean": (42, 161, 152)}
    methods = [m for m in colours if m in res.scores]
    vals = [v for m in methods for v in res.scores[m]["psnr"].values()]
    lo, hi = math.floor(min(vals)) - 1, math.ceil(max(vals)) + 1
    left, right, top, bottom = 60, width - 20, 30, height - 110
    img = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(img)
    hs = res.horizons
    xs = {h: left + (right - left) * math.log2(h) / math.log2(max(hs)) for h in hs}  # log-spaced horizons

    def y(v: float) -> float:
        return bottom - (bottom - top) * (v - lo) / (hi - lo)

    d.line([(left, top), (left, bottom), (right, bottom)], fill="black")
    for v in range(int(lo), int(hi) + 1, max(1, (int(hi) - int(lo)) // 8)):
        d.line([(left - 4, y(v)), (left, y(v))], fill="black")
        d.text((left - 30, y(v) - 6), f"{v}", fill="black")
    for h in hs:
        d.line([(xs[h], bottom), (xs[h], bottom + 4)], fill="black")
        d.text((xs[h] - 6, bottom + 6), str(h), fill="black")
    d.text((width // 2 - 60, bottom + 22), "horizon (steps, log scale)", fill="black")
    d.text((8, 8), "PSNR (dB) vs horizon on held-out rooms", fill="black")
    for row, m in enumerate(methods):
        pts = [(xs[h], y(res.scores[m]["psnr"][h])) for h in hs]
        d.line(pts, fill=colours[m], width=2)
        for px, py in pts:
            d.ellipse([px - 3, py - 3, px + 3, py + 3], fill=colours[m])
        ly = bottom + 42 + 15 * row
        d.line([(left, ly + 6), (left + 30, ly + 6)], fill=colours[m], width=2)
        d.text((left + 38, ly), m.replace("_", " "), fill="black")
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path)
    return path
