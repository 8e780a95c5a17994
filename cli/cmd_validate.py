"""``scenegen validate``: re-run the validators on a saved scene (terminal table, JSON, HTML, report.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import console, out_console, print_report, user_errors

EXIT_FAILED_CHECKS = 4
"""Exit code when the scene was read and validated but some enabled check fails (1 is kept for bad input)."""


def register(app: typer.Typer) -> None:
    app.command()(validate)


def validate(
    path: Annotated[Path, typer.Argument(help="a scene.json or a scene folder holding one")],
    only: Annotated[Optional[list[str]], typer.Option(help="run only these validators (repeatable)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON instead of a table")] = False,
    html: Annotated[Optional[Path], typer.Option("--html", help="also write a self-contained HTML report here")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="TOML file of validator parameters, e.g. "
                                                   "[navigability] robot_radius = 0.3")] = None,
    set_: Annotated[Optional[list[str]], typer.Option("--set", help="a validator parameter, validator.param=value "
                                                      "(repeatable; overrides --config)")] = None,
    write_report: Annotated[bool, typer.Option("--write-report", help="write report.json next to the scene "
                                               "(replacing one that is there)")] = False,
    profile: Annotated[str, typer.Option(help="validator parameters: default, or sceneeval (SceneEval's rules "
                                         "exactly; docs/sceneeval.md); --config and --set override it")] = "default",
) -> None:
    """Re-run the validators on a saved scene. Exit code 0 only when every enabled check passes, 4 when some fail,
    1 on bad input."""
    from scenegen.export.files import glb_problem
    from scenegen.scene_files import dump_json, load_scene, write_atomic
    from cli.env import judge_options
    from validators import validate as run_validate
    from validators.config import load_config, merge_configs, parse_set, profile_config

    from scenegen.home.model import is_home_file

    if is_home_file(path):  # a 2.0 home: every room's validators and the home checks (cli.cmd_home)
        from cli.cmd_home import validate_home_file

        validate_home_file(path, as_json)
    with user_errors():
        params = merge_configs(profile_config(profile), load_config(config) if config else None,
                               parse_set(set_ or []))
        scene = load_scene(path)
        folder = path if path.is_dir() else path.parent
        if (path.is_dir() or path.name == "scene.json") and (folder / "scene.glb").exists():
            problem = glb_problem(folder / "scene.glb")
            if problem:
                from rich.markup import escape

                console.print(f"[yellow]warning:[/] {escape(problem)}; validating from scene.json (re-export the GLB "
                              f"with scenegen make)", highlight=False)
        report = run_validate(scene, only=only or None, config=params, judge=judge_options())  # for --only vision
        written = []
        if write_report:
            target = folder / "report.json"
            write_atomic(target, dump_json(report))
            written.append(target)
        if html:
            from scenegen.report.html import write_html

            written.append(write_html(scene, report, html))
    if as_json:
        out_console.print_json(dump_json(report))
    else:
        print_report(report, scene)
    for target in written:
        console.print(f"wrote {target}", highlight=False, markup=False)
    raise typer.Exit(0 if report.passed else EXIT_FAILED_CHECKS)
