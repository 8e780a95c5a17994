"""The world model: an autoregressive next-frame predictor p(frame_{t+1} | frames_{t-k+1..t}, action_t).

A small convolutional U-Net: the ``context`` last frames stacked on channels (3·k, H, W), in [−1, 1]; four levels
(``channels``), each a residual block whose GroupNorm output is modulated by the action (FiLM: a per-channel scale
and shift from a learned action embedding, Perez et al. 2018); skip connections; the head predicts the change to the
last context frame (frame_{t+1} = frame_t + Δ), so "nothing moves" is the easy default and the capacity goes into
the motion the action causes.

The head is deterministic (trained with mean squared error, it predicts the conditional mean, which PSNR rewards and
which blurs). ``scenegen.world.diffusion`` adds a diffusion head on the same U-Net (DIAMOND-style, a few denoising
passes per frame); ``load`` returns whichever head a checkpoint holds, and ``rollout`` drives both.

Checkpoints: safetensors with the config in the metadata (``save`` / ``load``); no pickles.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from scenegen.render.walk import ACTIONS


@dataclass(frozen=True)
class WorldConfig:
    """``context``: frames seen (k); ``channels``: U-Net width per level (first at full resolution);
    ``action_dim``: action embedding size; ``size``: frame width = height, pixels."""

    context: int = 4
    channels: tuple[int, ...] = (32, 64, 96, 128)
    action_dim: int = 64
    n_actions: int = len(ACTIONS)
    size: int = 64
    groups: int = 8
    patch: int = 2
    """the stem folds patch×patch pixels into channels (a strided conv) and the head unfolds them (pixel shuffle):
    the network runs at size/patch resolution, 4× cheaper at patch 2"""


def tiny_config() -> WorldConfig:
    """For tests: a few thousand parameters, 16×16 frames."""
    return WorldConfig(context=2, channels=(8, 16), action_dim=8, size=16, groups=4, patch=2)


def small_config() -> WorldConfig:
    """The bundled model: 64×64 frames, 4 frames of context."""
    return WorldConfig(channels=(32, 64, 96, 128), patch=2)


def large_config() -> WorldConfig:
    """For a GPU: 128×128 frames (``scenegen world data --size 128``), 8 frames of context, twice the width
    (about 4× the parameters of ``small``)."""
    return WorldConfig(context=8, channels=(64, 128, 192, 256), action_dim=128, size=128, patch=2)


CONFIGS = {"tiny": tiny_config, "small": small_config, "large": large_config}


class _Block(nn.Module):
    """conv–GroupNorm–FiLM(action)–SiLU–conv–GroupNorm, residual."""

    def __init__(self, cin: int, cout: int, action_dim: int, groups: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.norm1 = nn.GroupNorm(min(groups, cout), cout)
        self.film = nn.Linear(action_dim, 2 * cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.norm2 = nn.GroupNorm(min(groups, cout), cout)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x: torch.Tensor, a: torch.Tensor) -> torch.Tensor:
        h = self.norm1(self.conv1(x))
        scale, shift = self.film(a)[:, :, None, None].chunk(2, dim=1)
        h = F.silu(h * (1 + scale) + shift)
        h = self.norm2(self.conv2(h))
        return F.silu(h + self.skip(x))


class WorldModel(nn.Module):
    """``forward(context, action)``: context (B, k, 3, H, W) float in [−1, 1], action (B,) int64 ids into
    ``ACTIONS`` → next frame (B, 3, H, W) float (not clamped; ``step`` clamps)."""

    def __init__(self, cfg: WorldConfig) -> None:
        super().__init__()
        self.cfg = cfg
        ch = cfg.channels
        self.embed = nn.Sequential(nn.Embedding(cfg.n_actions, cfg.action_dim), nn.SiLU(),
                                   nn.Linear(cfg.action_dim, cfg.action_dim))
        p = cfg.patch
        self.stem = (nn.Conv2d(3 * cfg.context, ch[0], 3, padding=1) if p == 1 else
                     nn.Conv2d(3 * cfg.context, ch[0], 2 * p, stride=p, padding=p // 2))
        self.down_blocks = nn.ModuleList()
        self.downs = nn.ModuleList()
        cin = ch[0]
        for level, c in enumerate(ch):
            if level > 0:
                self.downs.append(nn.Conv2d(cin, c, 3, stride=2, padding=1))
                cin = c
            self.down_blocks.append(_Block(cin, c, cfg.action_dim, cfg.groups))
        self.mid = _Block(ch[-1], ch[-1], cfg.action_dim, cfg.groups)
        self.ups = nn.ModuleList()
        self.up_blocks = nn.ModuleList()
        for level in range(len(ch) - 2, -1, -1):
            self.ups.append(nn.Conv2d(ch[level + 1], ch[level], 3, padding=1))
            self.up_blocks.append(_Block(2 * ch[level], ch[level], cfg.action_dim, cfg.groups))
        self.head = nn.Sequential(nn.Conv2d(ch[0], 3 * p * p, 3, padding=1), nn.PixelShuffle(p))
        nn.init.zeros_(self.head[0].weight)  # start as copy-last-frame
        nn.init.zeros_(self.head[0].bias)

    def forward(self, context: torch.Tensor, action: torch.Tensor) -> torch.Tensor:
        b, k, c, h, w = context.shape
        if k != self.cfg.context or c != 3 or h % self.cfg.patch or w % self.cfg.patch:
            raise ValueError(f"context must be (B, {self.cfg.context}, 3, H, W) with H, W multiples of "
                             f"{self.cfg.patch}, got {tuple(context.shape)}")
        return context[:, -1] + self.trunk(self.stem(context.reshape(b, k * c, h, w)), self.embed(action))

    def trunk(self, x: torch.Tensor, a: torch.Tensor) -> torch.Tensor:
        """The U-Net after the stem: features (B, ch[0], H/p, W/p), conditioning (B, action_dim) → the head's output
        (B, 3, H, W)."""
        skips = []
        for level, block in enumerate(self.down_blocks):
            if level > 0:
                x = self.downs[level - 1](x)
            x = block(x, a)
            skips.append(x)
        x = self.mid(x, a)
        for up, block in zip(self.ups, self.up_blocks):
            skip = skips.pop(-2)
            x = up(F.interpolate(x, size=skip.shape[-2:], mode="nearest"))
            x = block(torch.cat([x, skip], dim=1), a)
        return self.head(x)

    def predict_next(self, context: torch.Tensor, action: torch.Tensor, generator: torch.Generator | None = None
                     ) -> torch.Tensor:
        """The next frame (B, 3, H, W) in [−1, 1] (clamped); ``generator`` is unused (deterministic head)."""
        return self(context, action).clamp(-1, 1)


def to_model(frames_u8: torch.Tensor) -> torch.Tensor:
    """(…, H, W, 3) uint8 → (…, 3, H, W) float32 in [−1, 1]."""
    return frames_u8.permute(*range(frames_u8.dim() - 3), -1, -3, -2).float().div(127.5).sub(1.0)


def to_uint8(frames: torch.Tensor) -> torch.Tensor:
    """(…, 3, H, W) float in [−1, 1] → (…, H, W, 3) uint8 (clamped, rounded)."""
    x = frames.clamp(-1, 1).add(1).mul(127.5).round().to(torch.uint8)
    return x.permute(*range(x.dim() - 3), -2, -1, -3)


@torch.no_grad()
def rollout(model: WorldModel, context: torch.Tensor, actions: torch.Tensor, seed: int = 0,
            context_actions: torch.Tensor | None = None) -> torch.Tensor:
    """Autoregressive rollout: context (B, k, 3, H, W) in [−1, 1], actions (B, N) ids → (B, N, 3, H, W), each frame
    predicted from the last k frames (ground truth first, then the model's own, clamped to [−1, 1]). Works for
    every head (``predict_next``; the memory head keeps its bank, ``scenegen.world.memory``); ``seed`` seeds the
    diffusion head's noise; ``context_actions`` (B, k−1), the actions between the context frames, place them in the
    memory head's bank (other heads ignore them)."""
    if getattr(model, "HEAD", "deterministic") == "memory":
        from scenegen.world.memory import memory_rollout

        return memory_rollout(model, context, actions, context_actions)  # type: ignore[arg-type]
    if getattr(model, "HEAD", "deterministic") == "geometric":
        from scenegen.world.geometric import geometric_rollout

        return geometric_rollout(model, context, actions, context_actions)  # type: ignore[arg-type]
    ctx = context
    out = []
    gen = torch.Generator().manual_seed(seed)  # the diffusion head's noise: a rollout is reproducible
    for n in range(actions.shape[1]):
        nxt = model.predict_next(ctx, actions[:, n], gen)
        out.append(nxt)
        ctx = torch.cat([ctx[:, 1:], nxt[:, None]], dim=1)
    return torch.stack(out, dim=1)


def opening_context(model: WorldModel, walk_actions: int | None = None) -> int:
    """How many engine frames a walkthrough hands the model before it draws. Heads that read a fixed window need
    exactly their context. The geometric head lifts any number of frames up to its context, so a recorded walk of
    ``walk_actions`` actions gives it up to half the walk (it draws the other half at least), and an interactive
    session (``walk_actions`` None) one frame: its opening waits would only repeat that view."""
    k = int(model.cfg.context)
    if getattr(model, "HEAD", "deterministic") != "geometric":
        return k
    if walk_actions is None:
        return 1
    return max(1, min(k, walk_actions // 2))


def build(cfg: WorldConfig | str, seed: int = 0) -> WorldModel:
    """A freshly initialised model (weights drawn from a generator seeded with ``seed``)."""
    if isinstance(cfg, str):
        if cfg not in CONFIGS:
            raise ValueError(f"unknown world model config {cfg!r}; choose one of {', '.join(CONFIGS)}")
        cfg = CONFIGS[cfg]()
    torch.manual_seed(seed)  # nn init draws from the default generator; seed it so a run is reproducible
    return WorldModel(cfg)


def save(model: WorldModel, path: str | Path, extra: dict | None = None) -> Path:
    """Write the weights as safetensors (config in the metadata), atomically."""
    from safetensors.torch import save_file

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    meta = {"config": json.dumps(asdict(model.cfg)), "head": json.dumps(getattr(model, "HEAD", "deterministic"))} | {k: json.dumps(v) for k, v in (extra or {}).items()}
    save_file({k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}, str(tmp), metadata=meta)
    tmp.chmod(0o644)  # an ordinary readable file, like the other bundled weights
    tmp.replace(path)
    return path


def load(path: str | Path) -> WorldModel:
    """A model from ``save``'s safetensors file (eval mode). Raises ``ValueError`` naming a missing file."""
    from safetensors import safe_open
    from safetensors.torch import load_file

    path = Path(path)
    if not path.exists():
        raise ValueError(f"no world model at {path}: train one with `scenegen train world` (or pass --weights)")
    with safe_open(str(path), "pt") as f:
        meta = f.metadata() or {}
    raw = json.loads(meta["config"])
    if "channels" in raw:
        raw["channels"] = tuple(raw["channels"])
    head = json.loads(meta.get("head", '"deterministic"'))
    if head == "diffusion":
        from scenegen.world.diffusion import DiffusionConfig, DiffusionWorldModel

        model: WorldModel = DiffusionWorldModel(DiffusionConfig(**raw))
    elif head == "memory":
        from scenegen.world.memory import MemoryConfig, MemoryWorldModel

        model = MemoryWorldModel(MemoryConfig(**raw))
    elif head == "geometric":
        from scenegen.world.geometric import GeometricConfig, GeometricWorldModel

        for key in ("depth_channels", "refine_channels"):
            raw[key] = tuple(raw[key])
        model = GeometricWorldModel(GeometricConfig(**raw))  # type: ignore[assignment]
    else:
        model = WorldModel(WorldConfig(**raw))
    model.load_state_dict(load_file(str(path)))
    return model.eval()


PSNR_CAP = 100.0
"""PSNR (dB) given to identical frames."""


def psnr(pred: np.ndarray | torch.Tensor, target: np.ndarray | torch.Tensor) -> np.ndarray:
    """PSNR (dB) per frame of uint8 images (…, H, W, 3) → (…,), capped at ``PSNR_CAP`` (identical frames)."""
    p = torch.as_tensor(pred).float() / 255.0
    t = torch.as_tensor(target).float() / 255.0
    mse = (p - t).pow(2).flatten(-3).mean(-1)
    out = 10 * torch.log10(1.0 / mse.clamp_min(1e-30))
    return out.clamp(max=PSNR_CAP).numpy()


def ssim(pred: np.ndarray | torch.Tensor, target: np.ndarray | torch.Tensor) -> np.ndarray:
    """SSIM per frame of uint8 images (…, H, W, 3) → (…,) (Gaussian window 11, σ 1.5, valid positions; H, W ≥ 11)."""
    p = torch.as_tensor(pred).float() / 255.0
    t = torch.as_tensor(target).float() / 255.0
    lead = p.shape[:-3]
    h, w = p.shape[-3:-1]
    p = p.reshape(-1, h, w, 3).permute(0, 3, 1, 2).reshape(-1, 1, h, w)
    t = t.reshape(-1, h, w, 3).permute(0, 3, 1, 2).reshape(-1, 1, h, w)
    g = torch.exp(-((torch.arange(11) - 5.0) ** 2) / (2 * 1.5**2))
    g = (g / g.sum())
    win = (g[:, None] * g[None, :])[None, None]
    mu_p, mu_t = F.conv2d(p, win), F.conv2d(t, win)
    spp = F.conv2d(p * p, win) - mu_p**2
    stt = F.conv2d(t * t, win) - mu_t**2
    spt = F.conv2d(p * t, win) - mu_p * mu_t
    c1, c2 = 0.01**2, 0.03**2
    m = ((2 * mu_p * mu_t + c1) * (2 * spt + c2)) / ((mu_p**2 + mu_t**2 + c1) * (spp + stt + c2))
    return m.reshape(-1, 3, *m.shape[-2:]).mean(dim=(1, 2, 3)).reshape(lead).numpy()


def model_rollout(model: WorldModel, context_u8: np.ndarray, actions: np.ndarray, batch: int = 64,
                  context_actions: np.ndarray | None = None) -> np.ndarray:
    """Roll ``model`` out: context (B, k, H, W, 3) uint8, actions (B, N) → predicted frames (B, N, H, W, 3) uint8;
    ``context_actions`` (B, k−1): the actions between the context frames (the memory head banks them)."""
    outs = []
    for s in range(0, len(context_u8), batch):
        ctx = to_model(torch.from_numpy(np.ascontiguousarray(context_u8[s:s + batch])))
        acts = torch.from_numpy(np.asarray(actions[s:s + batch], dtype=np.int64))
        cacts = None if context_actions is None else torch.from_numpy(
            np.asarray(context_actions[s:s + batch], dtype=np.int64))
        outs.append(to_uint8(rollout(model, ctx, acts, context_actions=cacts)).numpy())
    return np.concatenate(outs)
