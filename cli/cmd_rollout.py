"""``scenegen rollout``: the engine's walkthrough and the world model's rollout of the same actions, side by side."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import out_console, user_errors

DEFAULT_WEIGHTS = Path(__file__).resolve().parents[1] / "scenegen" / "weights" / "world.safetensors"


def register(app: typer.Typer) -> None:
    app.command()(rollout)


def rollout(
    scene_path: Annotated[Path, typer.Argument(metavar="SCENE_DIR", help="a scene.json or a scene folder holding one")],
    actions: Annotated[Optional[str], typer.Option(help='actions, e.g. "forward*5 turn_left*3 look_down"')] = None,
    auto: Annotated[Optional[int], typer.Option(help="plan N actions automatically (the walk planner)")] = None,
    weights: Annotated[Path, typer.Option(help="world model checkpoint")] = DEFAULT_WEIGHTS,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="video path [default: rollout.<format> beside "
                                                "the scene.json]")] = None,
    seed: Annotated[int, typer.Option(help="seed of the automatic path")] = 0,
    fmt: Annotated[str, typer.Option("--format", help="mp4 or gif")] = "mp4",
    scale: Annotated[int, typer.Option(help="upscale factor of the 64×64 frames in the video", min=1, max=16)] = 4,
    interactive: Annotated[bool, typer.Option(help="drive it from the keyboard: w/s forward/back, a/d strafe, q/e "
                                              "turn, r/f look up/down, x quit (piped keys work too)")] = False,
) -> None:
    """Write engine frames | model frames | |difference| side by side as a video. The model gets the engine's first
    k frames (its context; the geometric model takes up to half the walk) and predicts the rest from the actions.
    With --interactive each key is one action, both views are drawn in the terminal as you go, and the video is
    written when you quit (Ctrl-C included)."""
    from scenegen.render.video import FORMATS
    from scenegen.render.walk import auto_walk, parse_actions
    from cli.cmd_home import load_walkable
    from scenegen.world.model import psnr
    from scenegen.world.model import load
    from scenegen.world.rollout import rollout_scene, write_rollout

    with user_errors():
        if interactive:
            if actions is not None or auto is not None:
                raise ValueError("--interactive takes its actions from the keyboard; drop --actions/--auto")
            if fmt not in FORMATS:
                raise ValueError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
            _interactive(scene_path, weights, out, fmt, scale)
            return
        if (actions is None) == (auto is None):
            raise ValueError('give exactly one of --actions "..." or --auto N')
        if auto is not None and not 1 <= auto <= 10_000:
            raise ValueError(f"--auto takes 1 to 10000 actions, got {auto}")
        if fmt not in FORMATS:
            raise ValueError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
        scene = load_walkable(scene_path)  # a 2.0 home: one scene of all its rooms (cli.cmd_home)
        model = load(weights)
        planned = parse_actions(actions) if actions is not None else auto_walk(scene, auto, seed=seed).actions
        r = rollout_scene(scene, planned, model)
        path = out or (scene_path if scene_path.is_dir() else scene_path.parent) / f"rollout.{fmt}"
        write_rollout(r, path, fmt=fmt, scale=scale)
    k = r.context
    score = float(psnr(r.model[k:], r.engine[k:]).mean())
    out_console.print(f"wrote {len(r.engine)} frames (engine | model | difference) to [bold]{path}[/]; model PSNR "
                      f"{score:.1f} dB over the {len(r.engine) - k} predicted frames", highlight=False)


def _interactive(scene_path: Path, weights: Path, out: Path | None, fmt: str, scale: int) -> None:
    """The keyboard session: draw after every key, write the video when it ends (however it ends)."""
    import sys

    from cli.cmd_home import load_walkable
    from scenegen.world.interactive import InteractiveRollout, read_keys, run_session
    from scenegen.world.model import load
    from scenegen.world.rollout import write_rollout

    scene = load_walkable(scene_path)  # a 2.0 home: one scene of all its rooms (cli.cmd_home)
    session = InteractiveRollout(scene, load(weights))
    path = out or (scene_path if scene_path.is_dir() else scene_path.parent) / f"rollout.{fmt}"

    def draw(text: str) -> None:
        sys.stdout.write(text.replace("\n", "\r\n") if sys.stdin.isatty() else text)
        sys.stdout.flush()

    try:
        run_session(session, read_keys(), draw)
    except KeyboardInterrupt:
        pass
    finally:
        write_rollout(session.result(), path, fmt=fmt, scale=scale)
    steps = len(session.actions) - (session.context - 1)
    out_console.print(f"wrote {len(session.engine)} frames ({steps} of your actions; engine | model | difference) to "
                      f"[bold]{path}[/]; model PSNR {session.psnr():.1f} dB over the predicted frames",
                      highlight=False)
