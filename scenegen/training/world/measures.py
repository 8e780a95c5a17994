"""Measures of a world-model rollout that blur cannot game (issue 21), and the baselines they are read against.

PSNR rewards the conditional mean: a blurred or flat guess beats a sharp frame that is slightly misplaced. So every
measure here is read beside baselines that know nothing of the room's future:

* ``copy_last``: the last context frame repeated; ``blurred_last``: the same, Gaussian-blurred (σ = ``BLUR_SIGMA`` px);
  ``flat_mean``: an *oracle* flat image painted the engine frame's own mean colour; ``train_mean``: the training set's
  mean frame.
* Content: contrast ratio (std of the pixel values of the predicted frame / that of the engine frame) and
  gradient-energy ratio (mean squared finite difference, predicted / engine), per frame, averaged. 1 is right; blur
  and fading go towards 0.
* Object persistence: for each object (not floor, wall or ceiling) the engine's id buffer shows with at least
  ``MIN_OBJECT_PIXELS`` pixels, inside its mask: colour error (RMS over channels of the difference of the mean
  colours, [0, 1] units) and structure error (1 − Pearson correlation of the grey values; a flat guess scores 1).
* Feature distance: the frozen vision-judge CNN (``scenegen/weights/judge.safetensors``, trained by this project on
  engine renders, card beside it), applied to the whole frame with an all-ones mask channel, global-average-pooled
  features of its last stage. Per horizon: the mean paired cosine distance to the engine frame's features, and the
  Fréchet distance between the two feature sets (FID in spirit; with as many samples as windows it is biased upward,
  so only compare it between methods on the same windows).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from torch.nn import functional as F

BLUR_SIGMA = 2.0
"""σ (pixels, at 64²) of the blurred-last-frame baseline."""
MIN_OBJECT_PIXELS = 12
"""An object smaller than this in the engine frame is too small to score."""
ARCHITECTURE = ("floor", "ceiling", "wall")
"""Mesh-name prefixes that are the room's shell, not objects."""


def blur(frames_u8: np.ndarray, sigma: float = BLUR_SIGMA) -> np.ndarray:
    """Separable Gaussian blur (reflect padding) of (…, H, W, 3) uint8 frames → same shape uint8."""
    x = torch.from_numpy(np.ascontiguousarray(frames_u8)).float()
    lead, (h, w) = x.shape[:-3], x.shape[-3:-1]
    x = x.reshape(-1, h, w, 3).permute(0, 3, 1, 2).reshape(-1, 1, h, w)
    r = int(np.ceil(3 * sigma))
    g = torch.exp(-((torch.arange(-r, r + 1).float()) ** 2) / (2 * sigma**2))
    g = g / g.sum()
    x = F.conv2d(F.pad(x, (r, r, 0, 0), mode="reflect"), g[None, None, None, :])
    x = F.conv2d(F.pad(x, (0, 0, r, r), mode="reflect"), g[None, None, :, None])
    x = x.reshape(-1, 3, h, w).permute(0, 2, 3, 1).round().clamp(0, 255).to(torch.uint8)
    return x.reshape(*lead, h, w, 3).numpy()


def baselines(context_u8: np.ndarray, targets_u8: np.ndarray, train_mean_u8: np.ndarray) -> dict[str, np.ndarray]:
    """Baseline predictions, each (B, N, H, W, 3) uint8, for context (B, k, H, W, 3) and targets (B, N, H, W, 3)."""
    n = targets_u8.shape[1]
    last = context_u8[:, -1:]
    flat = targets_u8.reshape(*targets_u8.shape[:2], -1, 3).mean(axis=2).round().astype(np.uint8)
    return {
        "copy_last": np.repeat(last, n, axis=1),
        "blurred_last": np.repeat(blur(last), n, axis=1),
        "flat_mean": np.broadcast_to(flat[:, :, None, None, :], targets_u8.shape).copy(),
        "train_mean": np.broadcast_to(train_mean_u8, targets_u8.shape).copy(),
    }


def contrast_ratio(pred_u8: np.ndarray, target_u8: np.ndarray) -> float:
    """Mean over frames of std(pred) / std(engine); frames (B, H, W, 3) uint8. Flat engine frames are skipped."""
    p = pred_u8.reshape(len(pred_u8), -1).astype(np.float64).std(axis=1)
    t = target_u8.reshape(len(target_u8), -1).astype(np.float64).std(axis=1)
    ok = t > 1.0
    return float(np.mean(p[ok] / t[ok])) if ok.any() else float("nan")


def _grad_energy(frames_u8: np.ndarray) -> np.ndarray:
    """Mean squared horizontal + vertical finite difference per frame, (B, H, W, 3) → (B,), in (0..255)² units."""
    x = frames_u8.astype(np.float64)
    gx = np.diff(x, axis=2) ** 2
    gy = np.diff(x, axis=1) ** 2
    return gx.reshape(len(x), -1).mean(axis=1) + gy.reshape(len(x), -1).mean(axis=1)


def gradient_ratio(pred_u8: np.ndarray, target_u8: np.ndarray) -> float:
    """Mean over frames of gradient energy (pred) / gradient energy (engine); (B, H, W, 3) uint8."""
    p, t = _grad_energy(pred_u8), _grad_energy(target_u8)
    ok = t > 1.0
    return float(np.mean(p[ok] / t[ok])) if ok.any() else float("nan")


def object_masks(ids: np.ndarray, names: Sequence[str]) -> list[np.ndarray]:
    """The (H, W) bool masks of the objects the id buffer ``ids`` (H, W) shows with ≥ ``MIN_OBJECT_PIXELS`` pixels."""
    out = []
    for i in np.unique(ids):
        if i < 0 or i >= len(names) or str(names[i]).startswith(ARCHITECTURE):
            continue
        m = ids == i
        if m.sum() >= MIN_OBJECT_PIXELS:
            out.append(m)
    return out


def object_errors(pred_u8: np.ndarray, target_u8: np.ndarray, masks: list[np.ndarray]) -> tuple[list[float], list[float]]:
    """Per-object (colour error, structure error) of one frame pair (H, W, 3) uint8 inside each mask."""
    col, struct = [], []
    for m in masks:
        p = pred_u8[m].astype(np.float64) / 255.0  # (n, 3)
        t = target_u8[m].astype(np.float64) / 255.0
        col.append(float(np.sqrt(np.mean((p.mean(0) - t.mean(0)) ** 2))))
        pg, tg = p.mean(1), t.mean(1)
        pc, tc = pg - pg.mean(), tg - tg.mean()
        den = np.sqrt((pc**2).sum() * (tc**2).sum())
        struct.append(1.0 - float((pc * tc).sum() / den) if den > 1e-9 else 1.0)
    return col, struct


def persistence(pred_u8: np.ndarray, target_u8: np.ndarray, ids: np.ndarray, names: Sequence[Sequence[str]]) -> dict:
    """Object persistence at one horizon: pred, target (B, H, W, 3) uint8, ids (B, H, W), names[b] per window →
    {"colour": mean error, "structure": mean error, "objects": count}."""
    col, struct = [], []
    for b in range(len(pred_u8)):
        c, s = object_errors(pred_u8[b], target_u8[b], object_masks(ids[b], names[b]))
        col += c
        struct += s
    if not col:
        return {"colour": float("nan"), "structure": float("nan"), "objects": 0}
    return {"colour": float(np.mean(col)), "structure": float(np.mean(struct)), "objects": len(col)}


class FeatureEncoder:
    """The frozen judge backbone as a frame encoder: (B, H, W, 3) uint8 → (B, D) float64 pooled features."""

    def __init__(self, path: str | Path | None = None) -> None:
        from scenegen.judge.bundled import WEIGHTS
        from scenegen.judge.model import load_checkpoint

        self.path = Path(path) if path is not None else WEIGHTS
        self.model, self.config = load_checkpoint(self.path)

    @torch.no_grad()
    def __call__(self, frames_u8: np.ndarray, batch: int = 256) -> np.ndarray:
        out = []
        for s in range(0, len(frames_u8), batch):
            x = torch.from_numpy(np.ascontiguousarray(frames_u8[s:s + batch])).float().div(255.0).permute(0, 3, 1, 2)
            x = torch.cat([x, torch.ones_like(x[:, :1])], dim=1)
            out.append(self.model.features(x).mean(dim=(2, 3)).double().numpy())
        return np.concatenate(out)


def frechet(a: np.ndarray, b: np.ndarray) -> float:
    """Fréchet distance between Gaussians fitted to feature sets a (N, D) and b (M, D)."""
    from scipy import linalg

    mu_a, mu_b = a.mean(0), b.mean(0)
    ridge = 1e-6 * np.eye(a.shape[1])  # as in FID implementations: keeps sqrtm defined for rank-deficient sets
    ca, cb = np.cov(a, rowvar=False) + ridge, np.cov(b, rowvar=False) + ridge
    root = linalg.sqrtm(ca @ cb)
    return float(((mu_a - mu_b) ** 2).sum() + np.trace(ca + cb - 2 * np.real(root)))


def feature_scores(fa: np.ndarray, fb: np.ndarray) -> dict[str, float]:
    """Paired cosine distance (mean) and Fréchet distance between predicted features fa and engine features fb."""
    cos = (fa * fb).sum(1) / (np.linalg.norm(fa, axis=1) * np.linalg.norm(fb, axis=1) + 1e-12)
    return {"cosine": float(np.mean(1 - cos)), "frechet": frechet(fa, fb)}
