"""``scenegen world data``: generate the world model's dataset (engine walkthroughs of generated rooms, split by room)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional
from typing import Annotated

import typer

from cli.common import console, out_console, user_errors

world_app = typer.Typer(no_args_is_help=True, help="The action-conditioned world model's data.")


def register(app: typer.Typer) -> None:
    app.add_typer(world_app, name="world")


@world_app.command("data")
def data(
    scenes: Annotated[int, typer.Option(help="rooms to generate (every 8th is held out)", min=1)] = 400,
    steps: Annotated[int, typer.Option(help="actions per walk (frames = steps + 1)", min=1)] = 128,
    size: Annotated[int, typer.Option(help="frame width and height, pixels", min=8, max=512)] = 64,
    seed: Annotated[int, typer.Option(help="seeds the rooms and the walks")] = 0,
    out: Annotated[Path, typer.Option("--out", "-o", help="dataset folder")] = Path("outputs/world_data"),
    split: Annotated[Optional[str], typer.Option(help="make only this split's rooms: train or heldout")] = None,
    walk: Annotated[str, typer.Option(help="closed: random actions drawn as the walk goes (the planner re-plans); "
                                           "open: swapped into the finished plan (the first geometric model's data)")]
    = "closed",
) -> None:
    """Make rooms with the pipeline, walk them (planner path + random actions), render at SIZE², write one shard per
    room to OUT/train or OUT/heldout. Existing shards are kept, so a stopped run resumes."""
    from scenegen.training.world.data import generate

    with user_errors():
        def progress(done: int, total: int) -> None:
            if done % 20 == 0 or done == total:
                console.print(f"{done}/{total} rooms", highlight=False)

        meta = generate(out, scenes, steps, size, seed, progress=progress, split=split, walk=walk)
    out_console.print(f"wrote {meta['made']['train']} train and {meta['made']['heldout']} held-out rooms to "
                      f"[bold]{out}[/]", highlight=False)
