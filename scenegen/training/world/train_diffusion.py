"""Train the diffusion head (``scenegen.world.diffusion``), usually started from the bundled deterministic model.

``python -m scenegen.training.world.train_diffusion --data D --init W --out O --steps N``

Per step: ``batch`` windows (k ground-truth context frames, the action, the next frame; mirrored with probability 0.5
as in ``train``); Gaussian noise of σ_ctx ~ U(0, ``context_noise``) added to the context; the target noised with
σ = exp(N(P_MEAN, P_STD)); loss = min(SNR, ``SNR_GAMMA``)-weighted mean squared error of the denoised frame, with
SNR = (0.5 / σ)² (0.5: EDM's σ_data). Deterministic from ``seed``; checkpoint and card every ``save_every`` steps.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

from scenegen.world.diffusion import DiffusionWorldModel, from_deterministic
from scenegen.world.model import load, save

P_MEAN, P_STD, SIGMA_DATA, SNR_GAMMA = -0.4, 1.2, 0.5, 5.0


def diffusion_loss(model: DiffusionWorldModel, ctx: torch.Tensor, act: torch.Tensor, tgt: torch.Tensor,
                   gen: torch.Generator) -> torch.Tensor:
    """ctx (B, k, 3, H, W), act (B,), tgt (B, 3, H, W), all in [−1, 1] → the weighted denoising loss (scalar)."""
    b = len(tgt)
    cn = torch.rand(b, generator=gen) * model.cfg.context_noise  # type: ignore[attr-defined]
    ctx = ctx + cn[:, None, None, None, None] * torch.randn(ctx.shape, generator=gen)
    sigma = torch.exp(P_MEAN + P_STD * torch.randn(b, generator=gen))
    noisy = tgt + sigma[:, None, None, None] * torch.randn(tgt.shape, generator=gen)
    weight = ((SIGMA_DATA / sigma) ** 2).clamp(max=SNR_GAMMA)
    err = (model(ctx, act, noisy, sigma) - tgt).pow(2).mean(dim=(1, 2, 3))
    return (weight * err).mean() / SNR_GAMMA


def train_diffusion(data_dir: str | Path, out: str | Path, init: str | Path, steps: int, batch: int = 16,
                    lr: float = 3e-4, seed: int = 0, save_every: int = 50, denoise_steps: int = 3,
                    command: str = "", log: Callable[[str], None] = print) -> dict:
    """Train on ``data_dir``'s train split from the deterministic checkpoint ``init``; write ``out`` and its card."""
    from scenegen.rng import stage_rng
    from scenegen.training.world.data import load_split
    from scenegen.training.world.train import Episodes, optimiser_step, write_card

    torch.set_num_threads(1)
    torch.manual_seed(seed)
    out = Path(out)
    episodes = Episodes(load_split(data_dir, "train"))
    model = from_deterministic(load(init), steps=denoise_steps).train()
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    rng = stage_rng(seed, "world/batches/diffusion")
    gen = torch.Generator().manual_seed(seed)
    history: list[float] = []
    t0 = time.perf_counter()
    card: dict = {}
    for step in range(1, steps + 1):
        ctx, acts, tgt = episodes.sample(rng, batch, model.cfg.context, 1)
        loss = diffusion_loss(model, ctx, acts[:, 0], tgt[:, 0], gen)
        history.append(optimiser_step(model, opt, loss))
        if step % 10 == 0:
            log(f"step {step}/{steps} loss {np.mean(history[-10:]):.5f} ({time.perf_counter() - t0:.0f} s)")
        if step % save_every == 0 or step == steps:
            card = {"model": "scenegen world model, diffusion head (DIAMOND-style x0 denoiser, FiLM action + noise)",
                    "head": "diffusion", "config": json.loads(json.dumps(model.cfg.__dict__, default=list)),
                    "training": {"command": command, "init": str(init), "seed": seed, "steps_done": step,
                                 "batch": batch, "lr": lr, "seconds": round(time.perf_counter() - t0, 1),
                                 "loss_mean_last50": float(np.mean(history[-50:]))},
                    "data": {"dir": str(data_dir), "train_rooms": len(episodes.scenes)}}
            save(model.eval(), out, {"steps": step})
            model.train()
            write_card(out.with_suffix(".json"), card)
    return card


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="outputs/world_data")
    ap.add_argument("--init", default="scenegen/weights/world_teacher.safetensors")
    ap.add_argument("--out", default="outputs/world_diffusion.safetensors")
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--save-every", type=int, default=50)
    ap.add_argument("--denoise-steps", type=int, default=3)
    a = ap.parse_args(argv)
    try:
        train_diffusion(a.data, a.out, a.init, a.steps, a.batch, a.lr, a.seed, a.save_every, a.denoise_steps,
                        command="python -m scenegen.training.world.train_diffusion " + " ".join(argv or sys.argv[1:]),
                        log=lambda m: print(m, flush=True))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
