"""``scenegen validate``: re-run the validators on a saved scene."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import out_console, print_report, user_errors


def register(app: typer.Typer) -> None:
    app.command()(validate)


def validate(
    path: Annotated[Path, typer.Argument(help="a scene.json or a scene folder")],
    only: Annotated[Optional[list[str]], typer.Option(help="run only these validators (repeatable)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
) -> None:
    """Re-run the validators on a saved scene. Exit code 0 only when every check passes."""
    from scenegen.scene import dump_json, load_scene

    with user_errors():
        scene = load_scene(path)
        from validators import validate as run_validate

        report = run_validate(scene, only=only or None)
    if as_json:
        out_console.print_json(dump_json(report))
    else:
        print_report(report, scene)
    raise typer.Exit(0 if report.passed else 4)


