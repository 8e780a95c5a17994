"""The diffusion head on tiny configs: it starts as the deterministic model it is built from, samples reproducibly
from a seed, round-trips through safetensors, trains a few seeded steps, and is timed by ``bench world``."""

from __future__ import annotations

import numpy as np
import torch

from scenegen.world.diffusion import DiffusionWorldModel, from_deterministic, tiny_diffusion_config
from scenegen.world.model import build, load, rollout, save, tiny_config


def _live_det():  # type: ignore[no-untyped-def]
    m = build(tiny_config(), seed=0)
    torch.manual_seed(1)
    torch.nn.init.normal_(m.head[0].weight, std=0.1)
    return m.eval()


def _live_den() -> DiffusionWorldModel:
    """A fresh tiny denoiser with a non-zero head (a zero head ignores the noise, and every seed would agree)."""
    torch.manual_seed(0)
    den = DiffusionWorldModel(tiny_diffusion_config())
    torch.nn.init.normal_(den.head[0].weight, std=0.1)
    return den.eval()


def _ctx() -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(3)
    return torch.rand(2, 2, 3, 16, 16, generator=g) * 2 - 1, torch.tensor([[1, 5, 6], [0, 2, 3]])


def test_starts_as_the_deterministic_model() -> None:
    det = _live_det()
    den = from_deterministic(det, steps=2).eval()
    ctx, acts = _ctx()
    assert torch.equal(rollout(den, ctx, acts, seed=0), rollout(det, ctx, acts))


def test_schedule_and_seeded_sampling() -> None:
    den = _live_den()
    sig = den.sigmas()
    assert len(sig) == den.cfg.steps + 1 and abs(float(sig[0]) - den.cfg.sigma_max) < 1e-5 and sig[-1] == 0
    assert bool(torch.all(sig[:-1] > sig[1:]))
    ctx, acts = _ctx()
    a, b, c = rollout(den, ctx, acts, seed=0), rollout(den, ctx, acts, seed=0), rollout(den, ctx, acts, seed=1)
    assert torch.equal(a, b) and not torch.equal(a, c)  # the noise matters, and only the seed sets it
    assert a.shape == (2, 3, 3, 16, 16) and a.abs().max() <= 1


def test_save_load_keeps_the_head(tmp_path) -> None:
    den = _live_den()
    back = load(save(den, tmp_path / "d.safetensors"))
    assert isinstance(back, DiffusionWorldModel) and back.cfg == den.cfg
    ctx, acts = _ctx()
    assert torch.equal(rollout(back, ctx, acts), rollout(den, ctx, acts))
    assert not isinstance(load(save(_live_det(), tmp_path / "w.safetensors")), DiffusionWorldModel)


def test_training_is_seeded_and_writes_a_card(tmp_path) -> None:
    from safetensors.torch import load_file
    from test_world import _write_shards

    from scenegen.training.world.train_diffusion import train_diffusion

    _write_shards(tmp_path / "data", n=4, t=12)
    init = save(_live_det(), tmp_path / "w.safetensors")
    outs = []
    for run in ("a", "b"):
        card = train_diffusion(tmp_path / "data", tmp_path / f"{run}.safetensors", init, steps=3, batch=2,
                               save_every=2, denoise_steps=2, log=lambda m: None)
        outs.append(load_file(str(tmp_path / f"{run}.safetensors")))
    assert card["head"] == "diffusion" and card["training"]["steps_done"] == 3
    assert all(torch.equal(outs[0][k], outs[1][k]) for k in outs[0])
    assert not torch.equal(outs[0]["noise_embed.2.weight"], torch.zeros_like(outs[0]["noise_embed.2.weight"]))


def test_bench_counts_every_denoising_step(tmp_path) -> None:
    from scenegen.world.bench import bench_world

    torch.manual_seed(0)
    r = bench_world(save(DiffusionWorldModel(tiny_diffusion_config()), tmp_path / "d.safetensors"), frames=4,
                    repeats=1)
    assert r.head == "diffusion" and r.denoise_steps == 2 and r.fps > 0
    assert np.isclose(r.fps * r.ms_per_frame, 1000.0)
