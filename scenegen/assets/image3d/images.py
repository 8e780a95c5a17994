"""Input images for the image-to-3D model: reading images and masks, deriving a mask when none is given, and cutting
the square, mask-centred crops the network sees (see ``scenegen.assets.image3d.frames`` for the crop geometry)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import torch

EVAL_MARGIN = 1.15
"""Crop side = longest side of the mask's bounding box × this (at inference and evaluation)."""


def load_image(path: str | Path) -> tuple[np.ndarray, np.ndarray | None]:
    """(H, W, 3) uint8 RGB and, when the file has a non-trivial alpha channel, (H, W) bool alpha > 50 %.

    Raises ValueError naming the file when it is not a readable image."""
    from PIL import Image, UnidentifiedImageError

    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"no image file at {p}")
    try:
        with Image.open(p) as im:
            im.load()
            alpha = None
            if im.mode in ("RGBA", "LA") or (im.mode == "P" and "transparency" in im.info):
                a = np.asarray(im.convert("RGBA"))[..., 3]
                if (a < 128).any() and (a >= 128).any():
                    alpha = a >= 128
            rgb = np.asarray(im.convert("RGB"), dtype=np.uint8)
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValueError(f"{p} is not an image PIL can read ({exc.__class__.__name__})") from None
    return rgb, alpha


def load_mask(path: str | Path, shape: tuple[int, int]) -> np.ndarray:
    """(H, W) bool mask from an image file (grey level or alpha > 50 % is the object). ``shape`` is the photo's (H, W);
    a mask of another size, or an empty one, raises ValueError."""
    from PIL import Image, UnidentifiedImageError

    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"no mask file at {p}")
    try:
        with Image.open(p) as im:
            im.load()
            if im.mode in ("RGBA", "LA"):
                a = np.asarray(im.convert("RGBA"))[..., 3]
                m = a >= 128 if (a < 128).any() else np.asarray(im.convert("L")) >= 128
            else:
                m = np.asarray(im.convert("L")) >= 128
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValueError(f"mask {p} is not an image PIL can read ({exc.__class__.__name__})") from None
    if m.shape != tuple(shape):
        raise ValueError(f"mask {p} is {m.shape[1]}×{m.shape[0]} pixels but the image is {shape[1]}×{shape[0]}")
    check_mask(m)
    return m


def check_mask(mask: np.ndarray, min_pixels: int = 16) -> None:
    """Raise ValueError unless ``mask`` (H, W) bool has at least ``min_pixels`` object pixels."""
    n = int(np.count_nonzero(mask))
    if n < min_pixels:
        raise ValueError(f"the mask is empty ({n} object pixels; need at least {min_pixels}): white (or opaque) "
                         "pixels mark the object")


def derive_mask(rgb: np.ndarray, alpha: np.ndarray | None = None, threshold: float = 40.0) -> tuple[np.ndarray, str]:
    """A mask for a photo given without one, and how it was made.

    With a non-trivial alpha channel, the opaque pixels. Otherwise the background is taken to be the median colour
    of the image border: pixels farther than ``threshold`` (RGB units, 0–255) from it are the object; the largest
    connected region is kept and its holes filled. Raises ValueError when that leaves nothing usable (a busy
    background: pass a mask)."""
    from scipy import ndimage

    if alpha is not None:
        check_mask(alpha)
        return alpha, "mask from the image's alpha channel"
    img = rgb.astype(np.float64)
    border = np.concatenate([img[0], img[-1], img[:, 0], img[:, -1]])
    bg = np.median(border, axis=0)
    spread = float(np.median(np.linalg.norm(border - bg, axis=1)))
    fg = np.linalg.norm(img - bg, axis=2) > max(threshold, 3.0 * spread)
    fg = ndimage.binary_opening(fg, iterations=1)
    labels, n = ndimage.label(fg)
    if n == 0:
        raise ValueError("could not find an object against the image's background; pass --mask")
    sizes = ndimage.sum(fg, labels, index=np.arange(1, n + 1))
    mask = ndimage.binary_fill_holes(labels == 1 + int(np.argmax(sizes)))
    frac = float(mask.mean())
    if frac > 0.9 or mask.sum() < 16:
        raise ValueError(f"the background is not plain enough to find the object (it would cover {frac:.0%} of the "
                         "image); pass --mask")
    return mask, (f"mask derived from the plain background (border colour RGB {tuple(int(c) for c in bg)}, "
                  f"{frac:.0%} of the image)")


def mask_box(mask: np.ndarray, margin: float = EVAL_MARGIN) -> tuple[float, float, float]:
    """(c_u, c_v, side) in pixels: the centre of the mask's bounding box and the square crop's side."""
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    u0, u1, v0, v1 = cols[0], cols[-1] + 1, rows[0], rows[-1] + 1
    return (u0 + u1) / 2.0, (v0 + v1) / 2.0, max(u1 - u0, v1 - v0) * margin


def crops(rgb: "torch.Tensor", mask: "torch.Tensor", boxes: "torch.Tensor", out: int) -> "torch.Tensor":
    """Cut square crops with bilinear sampling.

    rgb: (B, 3, H, W) float in [0, 1] (sRGB); mask: (B, 1, H, W) float; boxes: (B, 3) float (c_u, c_v, side) pixels.
    Returns (B, 4, out, out): RGB − 0.5 multiplied by the mask (background zero), then the mask.
    """
    import torch
    from torch.nn import functional as F

    b, _, h, w = rgb.shape
    theta = torch.zeros(b, 2, 3, dtype=rgb.dtype)
    theta[:, 0, 0] = boxes[:, 2] / w
    theta[:, 0, 2] = 2 * boxes[:, 0] / w - 1
    theta[:, 1, 1] = boxes[:, 2] / h
    theta[:, 1, 2] = 2 * boxes[:, 1] / h - 1
    grid = F.affine_grid(theta, [b, 4, out, out], align_corners=False)
    x = F.grid_sample(torch.cat([rgb - 0.5, mask], dim=1), grid, mode="bilinear", padding_mode="zeros",
                      align_corners=False)
    m = x[:, 3:4]
    return torch.cat([x[:, :3] * m, m], dim=1)


def crop_geometry(boxes: "torch.Tensor", K: "torch.Tensor") -> "torch.Tensor":
    """(B, 3) float tensor ((c_u − c_x)/f, (c_v − c_y)/f, side/f) from boxes (B, 3) and intrinsics K (B, 3) =
    (f, c_x, c_y), all pixels."""
    import torch

    f = K[:, 0]
    return torch.stack([(boxes[:, 0] - K[:, 1]) / f, (boxes[:, 1] - K[:, 2]) / f, boxes[:, 2] / f], dim=1)
