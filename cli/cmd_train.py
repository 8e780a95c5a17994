"""``scenegen train ...``: train the project's bundled models (``scenegen train judge``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import console, out_console, user_errors

train_app = typer.Typer(no_args_is_help=True, help="Train the bundled models on the project's own scenes.")


def register(app: typer.Typer) -> None:
    app.add_typer(train_app, name="train")


@train_app.command("judge")
def judge(
    out: Annotated[Path, typer.Option("--out", "-o", help="checkpoint path (a .json card is written beside it)")] = (
        Path("scenegen/weights/judge.safetensors")),
    scenes: Annotated[int, typer.Option(help="generated training scenes", min=1)] = 800,
    val_scenes: Annotated[int, typer.Option(help="held-out scenes (other prompts, other seeds)", min=1)] = 80,
    epochs: Annotated[int, typer.Option(help="passes over the training crops", min=1)] = 8,
    batch: Annotated[int, typer.Option(help="crops per step", min=1)] = 128,
    lr: Annotated[float, typer.Option(help="peak learning rate (one-cycle schedule)")] = 3e-3,
    seed: Annotated[int, typer.Option(help="seeds prompts, scenes, recolouring, weights and batches")] = 0,
    workers: Annotated[int, typer.Option(help="processes generating training data", min=1)] = 2,
    cache: Annotated[Optional[Path], typer.Option(help="keep generated crops here (.npz) and reuse them")] = None,
) -> None:
    """Render the project's own scenes, crop every visible object, and train the bundled judge CNN (category and
    colour). Writes the checkpoint and its card after every epoch."""
    from scenegen.judge.train import TrainConfig, train_judge

    with user_errors():
        cfg = TrainConfig(scenes=scenes, val_scenes=val_scenes, epochs=epochs, batch=batch, lr=lr, seed=seed,
                          workers=workers)
        card = train_judge(out, cfg, cache=cache, log=lambda m: console.print(m, highlight=False))
    held = card["held_out"]
    out_console.print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) and {out.with_suffix('.json')}: held-out "
                      f"object category accuracy {held['object_category_accuracy']:.1%}, colour "
                      f"{held['object_colour_accuracy']:.1%}", highlight=False)
