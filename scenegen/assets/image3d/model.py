"""The image-to-3D network: ``ImageEncoder`` (masked crop → latent), ``ShapeDecoder`` (latent → occupancy logits and
colour on a G³ grid in the canonical normalised box), ``PoseHead`` (latent + crop geometry → yaw bins, pitch, size,
depth, centre offset) and a category head, built from an ``Image3DConfig`` (presets: ``tiny``, ``small``, ``large``).

The shape decoder adds a per-category template (initialised from the training set's mean occupancy, mixed by the
predicted category probabilities) to its own output, so the network models each object's departure from its
category's typical shape rather than the whole shape (a learned version of the mean-shape baseline it must beat).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import torch
from torch import nn


@dataclass
class Image3DConfig:
    """Network sizes. ``image``: crop side in pixels; ``grid``: occupancy cells per axis (a power of two ≥ 8);
    ``enc``: encoder channels per stride-2 stage; ``dec``: decoder channels from the 4³ seed up to the (G/2)³ grid;
    ``latent``: width of the image code; ``yaw_bins``: classification bins over 360°."""

    image: int = 64
    grid: int = 32
    enc: tuple[int, ...] = (32, 64, 128, 192)
    dec: tuple[int, ...] = (96, 64, 32)
    latent: int = 256
    yaw_bins: int = 36
    categories: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Image3DConfig":
        kw = {k: tuple(v) if isinstance(v, list) else v for k, v in d.items() if k in {f.name for f in
                                                                                        dataclasses.fields(cls)}}
        return cls(**kw)


def preset(name: str, categories: tuple[str, ...]) -> Image3DConfig:
    """A fresh config: ``tiny`` (tests, 32 px, 16³), ``small`` (bundled, CPU, 64 px, 32³) or ``large`` (GPU, 128 px,
    64³, wider)."""
    if name == "tiny":
        return Image3DConfig(image=32, grid=16, enc=(8, 16, 16), dec=(16, 8), latent=32, yaw_bins=12,
                             categories=categories)
    if name == "small":
        return Image3DConfig(categories=categories)
    if name == "large":
        return Image3DConfig(image=128, grid=64, enc=(64, 128, 256, 384, 512), dec=(256, 192, 128, 64),
                             latent=512, yaw_bins=72, categories=categories)
    raise ValueError(f"unknown image3d config {name!r}: use tiny, small or large")


def _gn(c: int) -> nn.GroupNorm:
    return nn.GroupNorm(math.gcd(8, c), c)


class ImageEncoder(nn.Module):
    """(B, 4, S, S) masked crop (RGB centred on 0, background zeroed; channel 3 the mask) → (B, latent)."""

    def __init__(self, cfg: Image3DConfig) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        c_in = 4
        for c in cfg.enc:
            layers += [nn.Conv2d(c_in, c, 3, 2, 1), _gn(c), nn.SiLU(), nn.Conv2d(c, c, 3, 1, 1), _gn(c), nn.SiLU()]
            c_in = c
        self.conv = nn.Sequential(*layers)
        side = cfg.image // 2 ** len(cfg.enc)
        self.fc = nn.Sequential(nn.Flatten(), nn.Linear(c_in * side * side, cfg.latent), nn.SiLU())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.conv(x))


class ShapeDecoder(nn.Module):
    """(B, latent) → occupancy logits (B, G, G, G) and linear RGB (B, 3, G, G, G) in [0, 1], canonical box.

    Up-convolutions from a 4³ seed; ``templates`` (C, G, G, G) are per-category occupancy logits added with the
    category probabilities ``cat_prob`` (B, C)."""

    def __init__(self, cfg: Image3DConfig) -> None:
        super().__init__()
        n_up = int(round(math.log2(cfg.grid / 4)))
        if 4 * 2 ** n_up != cfg.grid or len(cfg.dec) != n_up:
            raise ValueError(f"grid {cfg.grid} needs {n_up} decoder widths (4³ seed, then one per doubling up to "
                             f"{cfg.grid // 2}³), got {len(cfg.dec)}")
        self.seed_c = cfg.dec[0]
        self.fc = nn.Linear(cfg.latent, cfg.dec[0] * 64)
        ups: list[nn.Module] = []
        for a, b in zip(cfg.dec[:-1], cfg.dec[1:]):
            ups += [nn.ConvTranspose3d(a, b, 4, 2, 1), _gn(b), nn.SiLU()]
        self.up = nn.Sequential(*ups)
        self.out = nn.ConvTranspose3d(cfg.dec[-1], 4, 4, 2, 1)  # last doubling straight to the 4 outputs
        self.templates = nn.Parameter(torch.zeros(max(1, len(cfg.categories)), cfg.grid, cfg.grid, cfg.grid))

    def forward(self, z: torch.Tensor, cat_prob: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.fc(z).view(z.shape[0], self.seed_c, 4, 4, 4)
        y = self.out(self.up(h))
        template = torch.einsum("bc,cxyz->bxyz", cat_prob, self.templates)
        return y[:, 0] + template, torch.sigmoid(y[:, 1:])


class PoseHead(nn.Module):
    """(B, latent) + crop geometry (B, 3) → a dict of (B, …) tensors: ``yaw_logits`` (B, K), ``yaw_res`` (B, K) bin
    fractions in [−0.5, 0.5], ``pitch`` radians, ``log_size`` (B, 3) log metres (W, D, H), ``log_zs`` log(depth ·
    crop side / f) (log metres), ``offset`` (B, 2) projected centre minus crop centre, in crop sides."""

    def __init__(self, cfg: Image3DConfig) -> None:
        super().__init__()
        self.k = cfg.yaw_bins
        self.mlp = nn.Sequential(nn.Linear(cfg.latent + 3, cfg.latent), nn.SiLU(), nn.Linear(cfg.latent, cfg.latent),
                                 nn.SiLU(), nn.Linear(cfg.latent, 2 * self.k + 7))

    def forward(self, z: torch.Tensor, geom: torch.Tensor) -> dict[str, torch.Tensor]:
        o = self.mlp(torch.cat([z, geom], dim=1))
        k = self.k
        return {"yaw_logits": o[:, :k], "yaw_res": 0.5 * torch.tanh(o[:, k:2 * k]), "pitch": o[:, 2 * k],
                "log_size": o[:, 2 * k + 1:2 * k + 4], "log_zs": o[:, 2 * k + 4], "offset": o[:, 2 * k + 5:2 * k + 7]}


class Image3DModel(nn.Module):
    """Encoder + category head + shape decoder + pose head. ``forward(crop, geom)`` returns the pose dict plus
    ``occ_logits`` (B, G, G, G), ``rgb`` (B, 3, G, G, G) and ``cat_logits`` (B, C)."""

    def __init__(self, cfg: Image3DConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.encoder = ImageEncoder(cfg)
        self.category = nn.Linear(cfg.latent, max(1, len(cfg.categories)))
        self.shape = ShapeDecoder(cfg)
        self.pose = PoseHead(cfg)

    def forward(self, crop: torch.Tensor, geom: torch.Tensor) -> dict[str, torch.Tensor]:
        z = self.encoder(crop)
        cat_logits = self.category(z)
        occ, rgb = self.shape(z, torch.softmax(cat_logits, dim=1))
        out = self.pose(z, geom)
        out.update(occ_logits=occ, rgb=rgb, cat_logits=cat_logits, latent=z)
        return out


def yaw_from_bins(logits: torch.Tensor, res: torch.Tensor) -> torch.Tensor:
    """(B,) yaw in radians [−π, π) from bin logits and residuals (B, K): the best bin's centre plus its residual."""
    k = logits.shape[1]
    b = logits.argmax(dim=1)
    frac = (b.float() + 0.5 + res.gather(1, b[:, None])[:, 0]) / k
    return (frac * 2 * math.pi) % (2 * math.pi) - math.pi  # inverse of frac = (yaw + π) / 2π
