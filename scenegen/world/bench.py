"""``scenegen bench world``: frames per second of a world-model rollout at batch 1, one CPU thread by default —
the speed ``scenegen rollout`` and the interactive mode see. For the diffusion head every denoising step is counted."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

TARGET_FPS = 30.0
"""Issue 21: ``scenegen rollout`` at ≥ 30 frames/s at 64², denoising steps included."""


@dataclass
class WorldBench:
    weights: str
    head: str
    size: int
    denoise_steps: int
    threads: int
    frames: int
    fps: float          # best of the timed blocks
    ms_per_frame: float


def bench_world(weights: str | Path, frames: int = 64, threads: int = 1, repeats: int = 3) -> WorldBench:
    """Time ``repeats`` rollouts of ``frames`` frames from a blank context with seeded random actions."""
    from scenegen.world.model import load, rollout

    old = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        model = load(weights)
        k, size = model.cfg.context, model.cfg.size
        ctx = torch.zeros(1, k, 3, size, size)
        acts = torch.randint(0, model.cfg.n_actions, (1, frames), generator=torch.Generator().manual_seed(0))
        rollout(model, ctx, acts[:, :2])  # warm-up
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            rollout(model, ctx, acts)
            times.append(time.perf_counter() - t0)
    finally:
        torch.set_num_threads(old)
    best = float(np.min(times))
    head = getattr(model, "HEAD", "deterministic")
    return WorldBench(weights=str(weights), head=head, size=size, denoise_steps=int(getattr(model.cfg, "steps", 1)),
                      threads=threads, frames=frames, fps=frames / best, ms_per_frame=1000 * best / frames)
