"""``scenegen mutate``: plant one known fault in a saved scene (see ``scenegen.mutate``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import out_console, user_errors


def register(app: typer.Typer) -> None:
    app.command("mutate")(mutate)


def _out_path(scene: Path, out: Path | None, fault: str, seed: int) -> Path:
    """``--out`` as given (a folder gets ``scene.json``), else ``<scene>.<fault>-s<seed>.json`` beside the input."""
    if out is not None:
        return out if out.suffix == ".json" else out / "scene.json"
    src = scene / "scene.json" if scene.is_dir() else scene
    return src.with_name(f"{src.stem}.{fault}-s{seed}.json")


def mutate(
    scene: Annotated[Path, typer.Argument(help="a scene.json or a scene folder")],
    fault: Annotated[str, typer.Option("--fault", help="float, sink, overlap, through_wall, block_door, "
                                       "wall_off_corner, drop, swap_relation or recolour; on a home: "
                                       "doorless or block_door")],
    seed: Annotated[int, typer.Option(help="picks the target and the amount: the same seed plants the same fault")] = 0,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="where to write the mutated scene.json "
                                                "[default: <scene>.<fault>-s<seed>.json beside the input]")] = None,
) -> None:
    """Plant a known fault in a saved scene and write the mutated scene; prints what was planted and which
    validators should catch it."""
    from scenegen.home.model import is_home_file
    from scenegen.mutate import FAULT_KINDS, mutate as plant
    from scenegen.assets.image3d.photos import bundle_photos
    from scenegen.rng import stage_rng
    from scenegen.scene_files import load_scene, save_scene

    if is_home_file(scene):  # a 2.0 home: the home faults (doorless, block_door) of scenegen.home.mutate
        from cli.cmd_home import mutate_home

        mutate_home(scene, fault, seed, _out_path(scene, out, fault, seed))
        return
    with user_errors():
        if fault not in FAULT_KINDS:
            raise ValueError(f"unknown fault {fault!r}; choose from: {', '.join(FAULT_KINDS)}")
        loaded = load_scene(scene)
        mutated, planted = plant(loaded, fault, stage_rng(seed, f"mutate/{fault}"))
        path = _out_path(scene, out, fault, seed)
        save_scene(bundle_photos(mutated, path.parent), path)  # photo paths stay inside the folder written
    out_console.print(f"planted [bold]{planted.kind}[/]: {planted.description}", highlight=False)
    out_console.print(f"objects: {', '.join(planted.object_ids)}; should be caught by: "
                      f"{', '.join(planted.validators)}", highlight=False)
    out_console.print(f"wrote [bold]{path}[/]", highlight=False)
