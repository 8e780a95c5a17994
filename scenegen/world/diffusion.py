"""The diffusion head (DIAMOND-style, Alonso et al. 2024): p(frame_{t+1} | frames_{t-k+1..t}, action_t) sampled by
denoising in a few steps, so the rollout can stay sharp where the deterministic head's conditional mean blurs.

The denoiser is the deterministic model's U-Net with one more input and one more condition: the noisy next frame
(3 channels) is stacked after the context on the stem's input, and the noise level σ (Fourier features of ln σ / 4,
as EDM's c_noise) is added to the action embedding that drives every block's FiLM. It predicts the clean frame
directly (x₀-prediction, ``D(x_σ, σ, context, action) = context[-1] + head``), which lets it start *from* a trained
deterministic model: the new stem weights and the noise embedding start at zero, so before any diffusion training the
denoiser returns the deterministic prediction whatever the noise (``from_deterministic``).

Sampling: the Karras et al. (2022) σ schedule (``sigma_max`` → ``sigma_min``, ρ = 7) with ``steps`` Euler steps of
the probability-flow ODE, each one network pass; the last step returns the denoised frame.
Training (``scenegen.training.world.train_diffusion``): σ log-normal (EDM's P_mean, P_std), loss weighted by
min(SNR, 5) (Hang et al. 2023), and Gaussian noise added to the context frames (σ up to ``context_noise``) so the
model learns to correct, rather than copy, the small errors its own rollout feeds back (DIAMOND's augmentation).

The memory bank of earlier frames keyed by the pose integrated from the actions is ``scenegen.world.memory`` (on the
deterministic head).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn

from scenegen.world.model import WorldConfig, WorldModel


@dataclass(frozen=True)
class DiffusionConfig(WorldConfig):
    """``steps``: denoising steps per frame; ``sigma_min``/``sigma_max``: the sampling schedule's ends (pixel units
    on [−1, 1]); ``context_noise``: the largest σ of the training-time context augmentation."""

    steps: int = 3
    sigma_min: float = 0.002
    sigma_max: float = 5.0
    rho: float = 7.0
    context_noise: float = 0.1
    fourier: int = 16


def tiny_diffusion_config() -> DiffusionConfig:
    """For tests: 16×16 frames, two levels, two denoising steps."""
    return DiffusionConfig(context=2, channels=(8, 16), action_dim=8, size=16, groups=4, patch=2, steps=2, fourier=4)


class DiffusionWorldModel(WorldModel):
    """``forward(context, action, noisy, sigma)``: context (B, k, 3, H, W) in [−1, 1], action (B,), noisy next frame
    (B, 3, H, W), sigma (B,) → denoised next frame (B, 3, H, W) (not clamped)."""

    HEAD = "diffusion"

    def __init__(self, cfg: DiffusionConfig) -> None:
        super().__init__(cfg)
        p, ch = cfg.patch, cfg.channels
        self.stem = (nn.Conv2d(3 * cfg.context + 3, ch[0], 3, padding=1) if p == 1 else
                     nn.Conv2d(3 * cfg.context + 3, ch[0], 2 * p, stride=p, padding=p // 2))
        self.register_buffer("freqs", torch.randn(cfg.fourier, generator=torch.Generator().manual_seed(0)) * 4.0)
        self.noise_embed = nn.Sequential(nn.Linear(2 * cfg.fourier, cfg.action_dim), nn.SiLU(),
                                         nn.Linear(cfg.action_dim, cfg.action_dim))

    def forward(self, context: torch.Tensor, action: torch.Tensor, noisy: torch.Tensor | None = None,  # type: ignore[override]
                sigma: torch.Tensor | None = None) -> torch.Tensor:
        b, k, c, h, w = context.shape
        if noisy is None or sigma is None:
            raise ValueError("the diffusion world model needs the noisy next frame and its noise level")
        t = torch.log(sigma.clamp_min(1e-5))[:, None] / 4 * self.freqs[None] * 2 * math.pi
        a = self.embed(action) + self.noise_embed(torch.cat([t.cos(), t.sin()], dim=1))
        x = self.stem(torch.cat([context.reshape(b, k * c, h, w), noisy], dim=1))
        return context[:, -1] + self.trunk(x, a)

    def sigmas(self) -> torch.Tensor:
        """The sampling schedule: ``steps`` σ values from ``sigma_max`` down to ``sigma_min``, then 0."""
        cfg = self.cfg
        assert isinstance(cfg, DiffusionConfig)
        ramp = torch.linspace(0, 1, cfg.steps)
        lo, hi = cfg.sigma_min ** (1 / cfg.rho), cfg.sigma_max ** (1 / cfg.rho)
        return torch.cat([(hi + ramp * (lo - hi)) ** cfg.rho, torch.zeros(1)])

    def predict_next(self, context: torch.Tensor, action: torch.Tensor, generator: torch.Generator | None = None
                     ) -> torch.Tensor:
        """Sample the next frame (B, 3, H, W) in [−1, 1]: Euler steps of the probability-flow ODE from pure noise."""
        sig = self.sigmas()
        x = torch.randn(context[:, -1].shape, generator=generator) * sig[0]
        x0 = x
        for i in range(len(sig) - 1):
            x0 = self(context, action, x, sig[i].expand(len(x)))
            x = x0 + (sig[i + 1] / sig[i]) * (x - x0)
        return x0.clamp(-1, 1)


def from_deterministic(model: WorldModel, **overrides: float | int) -> DiffusionWorldModel:
    """A denoiser that starts as ``model``: its weights copied, the noisy-frame stem channels and the noise embedding's
    output at zero, so it predicts ``model``'s frame whatever the noise until trained."""
    from dataclasses import asdict

    cfg = DiffusionConfig(**(asdict(model.cfg) | overrides))
    den = DiffusionWorldModel(cfg)
    state = {k: v for k, v in model.state_dict().items() if not k.startswith("stem.")}
    den.load_state_dict(state, strict=False)
    with torch.no_grad():
        den.stem.weight.zero_()
        den.stem.weight[:, :3 * cfg.context] = model.stem.weight
        den.stem.bias.copy_(model.stem.bias)
        nn.init.zeros_(den.noise_embed[2].weight)
        nn.init.zeros_(den.noise_embed[2].bias)
    return den
