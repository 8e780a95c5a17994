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


def time_rollouts(model, frames: int = 64, threads: int = 1, repeats: int = 3) -> list[float]:  # type: ignore[no-untyped-def]
    """Seconds of each of ``repeats`` batch-1 rollouts of ``frames`` frames with seeded random actions, after a
    warm-up. The context is the model's whole window of seeded random frames with random actions between them, so
    the geometric head lifts every context frame, as it does on a real walk."""
    from scenegen.world.model import rollout

    old = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        gen = torch.Generator().manual_seed(0)
        k, size = model.cfg.context, model.cfg.size
        ctx = torch.rand(1, k, 3, size, size, generator=gen) * 2 - 1
        context_actions = torch.randint(0, model.cfg.n_actions, (1, k - 1), generator=gen)
        acts = torch.randint(0, model.cfg.n_actions, (1, frames), generator=gen)
        rollout(model, ctx, acts[:, :2], context_actions=context_actions)  # warm-up
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            rollout(model, ctx, acts, context_actions=context_actions)
            times.append(time.perf_counter() - t0)
    finally:
        torch.set_num_threads(old)
    return times


def bench_world(weights: str | Path, frames: int = 64, threads: int = 1, repeats: int = 3) -> WorldBench:
    """Time ``repeats`` rollouts of ``frames`` frames (``time_rollouts``); the best one counts."""
    from scenegen.world.model import load

    model = load(weights)
    best = float(np.min(time_rollouts(model, frames, threads, repeats)))
    head = getattr(model, "HEAD", "deterministic")
    return WorldBench(weights=str(weights), head=head, size=model.cfg.size,
                      denoise_steps=int(getattr(model.cfg, "steps", 1)), threads=threads, frames=frames,
                      fps=frames / best, ms_per_frame=1000 * best / frames)
