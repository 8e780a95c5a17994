"""What every ``scenegen`` command shares: the typer app, the consoles, one-line user errors and the report table.

Command modules (``cli/cmd_*.py``) import from here and register themselves with ``register(app)``; ``cli.main``
discovers them, so a new command is a new file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from scenegen.scene import Report, Scene

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


UNEXPECTED_ERRORS: tuple[type[BaseException], ...] = (TypeError, RecursionError, ArithmeticError, LookupError,
                                                    AttributeError, MemoryError, SystemError)
"""Exceptions a hostile input can provoke deep inside a library (a string where a number belongs, nesting past the
recursion limit, a float overflow, PIL's SystemError on a 1e30 m image) but that may also be a genuine bug: one line
naming the exception's kind and pointing at --debug, which shows the traceback."""


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can cause into one line and exit code 1 (tracebacks only with --debug)."""
    from scenegen.errors import first_line
    from scenegen.plan import PlanError
    from scenegen.registry import UnknownBackendError
    from scenegen.scene import SceneFileError

    try:
        yield
    except (PlanError, SceneFileError, UnknownBackendError, ValueError, OSError) as exc:
        if _state["debug"]:
            raise
        _fail(first_line(exc))
    except UNEXPECTED_ERRORS as exc:
        if _state["debug"]:
            raise
        _fail(f"{first_line(exc, with_kind=True)} (run with --debug for the traceback)")


def _fail(message: str) -> None:
    from rich.markup import escape

    console.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(1) from None


_STATUS_STYLE = {"fail": "[red]FAIL[/]", "warn": "[yellow]warn[/]", "pass": "[green]pass[/]", "skip": "[dim]skip[/]"}


def print_report(report: "Report", scene: "Scene") -> None:
    """The report as a rich table on stdout: one row per validator, failing ones first, with its status, its summary
    score (``scenegen.report.summary_finding``) and its first failure (or warning)."""
    from rich.markup import escape
    from rich.table import Table

    from scenegen.report import summarize

    table = Table("validator", "status", "score", "detail", title=f"{len(scene.objects)} objects placed")
    for row in summarize(report):
        score = f"{row.score:.2f}" if row.score is not None else ""
        flagged = row.fails or row.warns
        if flagged:
            detail = flagged[0].message
            if len(flagged) > 1:
                detail += f" (+{len(flagged) - 1} more)"
        else:
            detail = row.summary.message if row.summary else f"{len(row.findings)} check(s) passed"
        table.add_row(row.validator, _STATUS_STYLE[row.status], score, escape(detail))
    out_console.print(table)
