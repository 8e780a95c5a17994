"""``scenegen export``: write a saved scene in other tools' formats (``export sceneeval``, ``export usd``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import console, out_console, user_errors

export_app = typer.Typer(no_args_is_help=True, help="Write a saved scene in other tools' formats.")


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")


@export_app.command("sceneeval")
def sceneeval(
    scene_path: Annotated[Path, typer.Argument(metavar="SCENE", help="a scene.json or a scene folder holding one")],
    out: Annotated[Path, typer.Option("--out", "-o", help="output folder (SceneEval input layout)")],
    scene_id: Annotated[str, typer.Option("--scene-id", help="writes scene_<ID>.json; SceneEval matches ID to its "
                                          "annotations.csv")] = "0",
    prefix: Annotated[str, typer.Option(help="modelId prefix: the asset_id_prefix of the SceneEval dataset entry")]
    = "scenegen",
) -> None:
    """Write SceneEval's sceneState JSON and one GLB per object, so SceneEval can score it (docs/sceneeval.md)."""
    from rich.markup import escape

    from scenegen.export.sceneeval import export_sceneeval
    from scenegen.home.model import is_home_file
    from scenegen.scene_files import load_scene

    if is_home_file(scene_path):  # a 2.0 home: one SceneEval scene per room (cli.cmd_home)
        from cli.cmd_home import export_home

        export_home("sceneeval", scene_path, out, scene_id=scene_id, prefix=prefix)
        return
    with user_errors():
        scene = load_scene(scene_path)
        result = export_sceneeval(scene, out, scene_id=scene_id, prefix=prefix)
    for note in result.notes:
        console.print(f"[yellow]note:[/] {escape(note)}", highlight=False)
    out_console.print(f"wrote {result.scene_state} and {len(result.meshes)} object meshes under "
                      f"{out / 'assets'}", highlight=False, markup=False)


@export_app.command("usd")
def usd(
    scene_path: Annotated[Path, typer.Argument(metavar="SCENE", help="a scene.json or a scene folder holding one")],
    out: Annotated[Path, typer.Option("--out", "-o", help="the .usda file to write")],
) -> None:
    """Write the scene as text USD (.usda) for artists' tools: z up, metres, one Xform + Mesh per object under
    /World/Objects, the room under /World/Room, metadata as scenegen:* attributes (needs usd-core)."""
    from scenegen.export.usd import write_usda
    from scenegen.home.model import is_home_file
    from scenegen.scene_files import load_scene

    if is_home_file(scene_path):  # a 2.0 home: one group per room (cli.cmd_home)
        from cli.cmd_home import export_home

        export_home("usd", scene_path, out)
        return
    with user_errors():
        if out.suffix.lower() not in (".usda", ".usd"):
            raise ValueError(f"--out {out} must end in .usda (text USD)")
        scene = load_scene(scene_path)
        try:
            import pxr  # noqa: F401
        except ImportError:
            raise ValueError("USD export needs the usd-core package: pip install usd-core") from None
        write_usda(scene, out)
    out_console.print(f"wrote {out} ({len(scene.objects)} objects, z up, metres)", highlight=False, markup=False)
