"""``scenegen walk``: render a walkthrough of a saved scene — given actions or an automatic path — to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import console, out_console, user_errors


def register(app: typer.Typer) -> None:
    app.command()(walk)


def walk(
    scene_path: Annotated[Path, typer.Argument(metavar="SCENE", help="a scene.json or a scene folder holding one")],
    actions: Annotated[Optional[str], typer.Option(help='actions, e.g. "forward*5 turn_left*3 look_down" '
                                                   "(space- or comma-separated; name*count repeats)")] = None,
    auto: Annotated[Optional[int], typer.Option(help="plan N actions automatically: visit the room, look at "
                                                "its objects")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="output folder [default: walk/ beside the "
                                                "scene.json]")] = None,
    size: Annotated[int, typer.Option(help="frame width and height, pixels")] = 256,
    seed: Annotated[int, typer.Option(help="seed of the automatic path")] = 0,
    fmt: Annotated[str, typer.Option("--format", help="video format: mp4 or gif")] = "mp4",
    fov: Annotated[float, typer.Option(help="vertical field of view, degrees")] = 90.0,
    shadows: Annotated[bool, typer.Option(help="cast sun shadows (the ceiling then shades the whole room)")] = False,
) -> None:
    """Render a walkthrough: frames, depth, ids, actions and camera poses, and a video, to a folder.

    Moves into furniture or walls are refused (the frame repeats; actions.jsonl marks them blocked)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from scenegen.render.video import FORMATS
    from scenegen.render.walk import auto_walk, default_start, parse_actions, render_walk, walk_space, write_walk
    from cli.cmd_home import load_walkable

    with user_errors():
        if (actions is None) == (auto is None):
            raise ValueError("give exactly one of --actions \"...\" or --auto N")
        if auto is not None and not 1 <= auto <= 100_000:
            raise ValueError(f"--auto takes 1 to 100000 actions, got {auto}")
        if not 8 <= size <= 2048:
            raise ValueError(f"--size must be 8 to 2048 pixels, got {size}")
        if fmt not in FORMATS:
            raise ValueError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
        if not 10.0 <= fov <= 150.0:
            raise ValueError(f"--fov must be 10 to 150 degrees, got {fov:g}")
        planned = parse_actions(actions) if actions is not None else None
        if planned is not None and not planned:
            raise ValueError("--actions is empty: give at least one action, e.g. forward*5")
        scene = load_walkable(scene_path)  # a 2.0 home: one scene of all its rooms (cli.cmd_home)
        out_dir = out or (scene_path if scene_path.is_dir() else scene_path.parent) / "walk"
        free = walk_space(scene)
        start = default_start(scene, free)
        if planned is None:
            planned = auto_walk(scene, auto, seed=seed, free=free, start=start).actions
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("rendering frames", total=len(planned) + 1)
            frames = render_walk(scene, planned, size, size, fov, start=start, free=free, shadows=shadows,
                                 progress=lambda done, total: bar.update(task, completed=done))
            bar.update(task, description="writing")
            paths = write_walk(frames, out_dir, fmt=fmt,
                               progress=lambda what: bar.update(task, description=f"writing {what}"))
    blocked = sum(frames.blocked)
    if blocked:
        console.print(f"[yellow]note:[/] {blocked} of {len(planned)} moves were blocked by furniture or walls "
                      f"(see actions.jsonl)", highlight=False)
    out_console.print(f"wrote {len(frames)} frames ({size}×{size}) and {paths[f'walk.{fmt}'].name} to "
                      f"[bold]{out_dir}[/]", highlight=False)
