"""The ``scenegen`` command: thin typer commands over the library API, with rich progress and tables.

Errors a user can cause end in one red line and a non-zero exit; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Text in, a validated 3D room out.")
console = Console(stderr=True, soft_wrap=True)
out_console = Console()
_state = {"debug": False}


@app.callback()
def _main(debug: Annotated[bool, typer.Option("--debug", help="show tracebacks instead of one-line errors")] = False
          ) -> None:
    _state["debug"] = debug


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can cause into one line and exit code 1 (tracebacks only with --debug)."""
    from scenegen.plan import PlanError
    from scenegen.registry import UnknownBackendError
    from scenegen.scene import SceneFileError

    try:
        yield
    except (PlanError, SceneFileError, UnknownBackendError, ValueError, OSError) as exc:
        if _state["debug"]:
            raise
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        console.print(f"[bold red]error:[/] {message}", highlight=False)
        raise typer.Exit(1) from None


def _default_out(prompt: str, seed: int) -> Path:
    import re

    slug = "-".join(re.findall(r"[a-z0-9]+", prompt.lower()))[:48].strip("-") or "scene"
    return Path("outputs") / f"{slug}-s{seed}"


@app.command()
def make(
    prompt: Annotated[str, typer.Argument(help="a description of the room")],
    seed: Annotated[int, typer.Option(help="random seed: the same seed gives the same scene.json")] = 0,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="output folder [default: outputs/<prompt>-s<seed>]")] = None,
    planner: Annotated[str, typer.Option(help="layout planner backend")] = "rules",
    objects: Annotated[str, typer.Option("--objects", help="object generator backend")] = "procedural",
    pictures: Annotated[bool, typer.Option(help="render topdown.png and view.png")] = True,
) -> None:
    """Plan, build, place and validate a room; write scene.glb, scene.json, report.json and pictures."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from scenegen.pipeline import STAGES, make as run_make, write_outputs

    out_dir = out or _default_out(prompt, seed)
    with user_errors():
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console,
                      transient=True) as bar:
            task = bar.add_task("starting", total=len(STAGES) + 2)

            def step(stage: str) -> None:
                bar.update(task, description=f"{stage}…", advance=1)

            result = run_make(prompt, seed=seed, planner=planner, assets=objects, progress=step)
            paths = write_outputs(result, out_dir, pictures=pictures, progress=step)
    _print_report(result.report, result.scene)
    for note in result.plan.notes:
        console.print(f"[yellow]note:[/] {note}", highlight=False)
    out_console.print(f"wrote {', '.join(sorted(paths))} to [bold]{out_dir}[/]", highlight=False)
    code = result.exit_code
    if result.scene.unplaced:
        names = ", ".join(u.id for u in result.scene.unplaced[:5])
        more = f" and {len(result.scene.unplaced) - 5} more" if len(result.scene.unplaced) > 5 else ""
        console.print(f"[bold red]error:[/] could not place {len(result.scene.unplaced)} of {len(result.plan.objects)} "
                      f"objects ({names}{more}): {result.scene.unplaced[0].reason}", highlight=False)
    elif code:
        console.print("[bold red]error:[/] the scene failed validation (see the table above and report.json)")
    raise typer.Exit(code)


@app.command()
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
        _print_report(report, scene)
    raise typer.Exit(0 if report.passed else 4)


@app.command()
def schema(out: Annotated[Optional[Path], typer.Option("--out", "-o", help="write here instead of stdout")] = None) -> None:
    """Print (or write) the JSON Schema of scene.json."""
    import json

    from scenegen.scene import scene_json_schema, write_atomic

    text = json.dumps(scene_json_schema(), indent=2, sort_keys=True) + "\n"
    if out:
        write_atomic(out, text)
    else:
        sys.stdout.write(text)


@app.command("catalog")
def list_catalog(
    gallery: Annotated[Optional[Path], typer.Option(help="also render every category's mesh into this PNG")] = None,
    seed: Annotated[int, typer.Option(help="seed for the gallery's meshes")] = 0,
) -> None:
    """List the object categories, their synonyms and typical sizes (and render a gallery of their meshes)."""
    from rich.table import Table

    from scenegen import catalog

    if gallery:
        import io

        from scenegen.render.gallery import catalog_gallery
        from scenegen.scene import write_atomic

        with user_errors():
            buf = io.BytesIO()
            catalog_gallery(seed=seed).save(buf, format="PNG")
            write_atomic(gallery, buf.getvalue())
        out_console.print(f"wrote {gallery}")
        return

    table = Table("category", "support", "typical W×D×H (m)", "synonyms")
    for name in catalog.names():
        c = catalog.get(name)
        table.add_row(name, c.support, "×".join(f"{v:.2f}" for v in c.size_typical), ", ".join(c.synonyms))
    out_console.print(table)


def _print_report(report, scene) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table

    table = Table("validator", "status", "score", "detail", title=f"{len(scene.objects)} objects placed")
    by_validator: dict[str, list] = {}
    for f in report.findings:
        by_validator.setdefault(f.validator, []).append(f)
    for name, findings in by_validator.items():
        fails = [f for f in findings if f.status == "fail"]
        scores = [f.score for f in findings if f.score is not None and f.check in _SUMMARY_CHECKS]
        score = f"{scores[0]:.2f}" if scores else ""
        status = "[red]FAIL[/]" if fails else "[green]pass[/]"
        detail = fails[0].message if fails else f"{len(findings)} check(s) passed"
        if len(fails) > 1:
            detail += f" (+{len(fails) - 1} more)"
        table.add_row(name, status, score, detail)
    out_console.print(table)


_SUMMARY_CHECKS = frozenset({"collision_rate", "out_of_bounds_rate", "support_rate", "object_counts"})


def run(argv: list[str] | None = None) -> None:
    app(args=argv)


if __name__ == "__main__":
    run()
