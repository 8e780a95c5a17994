"""``scenegen bench world``: world-model rollout frames per second (batch 1, denoising steps included)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import bench_app, out_console, user_errors

DEFAULT_WEIGHTS = Path(__file__).resolve().parents[1] / "scenegen" / "weights" / "world.safetensors"


def register(app: typer.Typer) -> None:
    """Adds ``world`` to the ``bench`` group (``app`` itself is left alone)."""
    bench_app.command("world")(bench_world_cmd)


def bench_world_cmd(
    weights: Annotated[Path, typer.Option(help="world model checkpoint")] = DEFAULT_WEIGHTS,
    frames: Annotated[int, typer.Option(help="frames per timed rollout", min=1)] = 64,
    threads: Annotated[int, typer.Option(help="torch CPU threads", min=1)] = 1,
    repeats: Annotated[int, typer.Option(help="timed rollouts; the best counts", min=1)] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="print the result as JSON")] = False,
) -> None:
    """Frames per second of an autoregressive world-model rollout at batch 1 (the speed `scenegen rollout` sees)."""
    import json
    from dataclasses import asdict

    from scenegen.world.bench import TARGET_FPS, bench_world

    with user_errors():
        r = bench_world(weights, frames=frames, threads=threads, repeats=repeats)
    if as_json:
        out_console.print_json(json.dumps(asdict(r)))
        return
    met = "met" if r.fps >= TARGET_FPS else "missed"
    out_console.print(f"{r.head} head, {r.size}×{r.size}, {r.denoise_steps} network pass(es) per frame, "
                      f"{r.threads} thread(s): {r.fps:.1f} frames/s ({r.ms_per_frame:.1f} ms/frame, best of "
                      f"{repeats} × {r.frames} frames); target ≥ {TARGET_FPS:.0f} frames/s: {met}", highlight=False)
