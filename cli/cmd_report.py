"""``scenegen report``: write the self-contained HTML report of a scene folder, or the dashboard of a batch folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import console, out_console, user_errors


def register(app: typer.Typer) -> None:
    app.command()(report)


def report(
    path: Annotated[Path, typer.Argument(help="a scene folder (or its scene.json), or a batch folder")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="write the page here [default: report.html in "
                                                "a scene folder, index.html in a batch folder]")] = None,
    open_: Annotated[bool, typer.Option("--open", help="open the page in the default web browser")] = False,
    force: Annotated[bool, typer.Option("--force", help="batch: rewrite every scene's report.html, not only "
                                        "missing or stale ones")] = False,
) -> None:
    """Write the reviewer's HTML report (prompt, plan, views, findings with the objects in red, repair rounds,
    conflicts, timings, provenance) or, for a batch folder, the dashboard (pass rate per validator, failures by
    reason, slowest scenes, a gallery linking to each scene's report). One file each, no network needed."""
    from rich.markup import escape

    from scenegen.home.model import is_home_file
    from scenegen.report.build import write_report

    if is_home_file(path):  # a 2.0 home: the home page rebuilt from its folder (cli.cmd_home)
        from cli.cmd_home import report_home

        report_home(path, out)
        return
    with user_errors():
        written = write_report(path, out, force=force)
    for note in written.notes:
        console.print(f"[yellow]note:[/] {escape(note)}", highlight=False)
    extra = f" and {len(written.scene_reports)} scene report(s)" if written.scene_reports else ""
    out_console.print(f"wrote {written.page}{extra}", highlight=False, markup=False, soft_wrap=True)
    if open_:
        import webbrowser

        if not webbrowser.open(written.page.resolve().as_uri()):
            console.print("[yellow]note:[/] no web browser could be started; open the file above by hand",
                          highlight=False)
