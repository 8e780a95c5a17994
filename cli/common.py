"""What every ``scenegen`` command shares: the typer app, the consoles, one-line user errors and the report table.

Command modules (``cli/cmd_*.py``) import from here and register themselves with ``register(app)``; ``cli.main``
discovers them, so a new command is a new file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Text in, a validated 3D room out.")
console = Console(stderr=True, soft_wrap=True)
out_console = Console()
_state = {"debug": False}
bench_app = typer.Typer(no_args_is_help=True, help="Speed and quality against baselines measured in the same run.")
app.add_typer(bench_app, name="bench")


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


def print_report(report, scene) -> None:  # type: ignore[no-untyped-def]
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
