"""``scenegen bench nouns FILE``: the share of furniture nouns the catalog resolves, by synonym or nearest category."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import bench_app, console, out_console, user_errors


def register(app: typer.Typer) -> None:
    """Adds ``nouns`` to the ``bench`` group (``app`` itself is left alone)."""
    bench_app.command("nouns")(bench_nouns)


def bench_nouns(
    nouns: Annotated[Path, typer.Argument(help="noun<TAB>source lines, e.g. prompts/eval/nouns.txt")],
    embed: Annotated[bool, typer.Option(help="try the nearest category by MiniLM embedding for unknown nouns")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="print every noun's resolution as JSON")] = False,
) -> None:
    """Resolution rate of a noun list: catalog synonyms first, then the nearest category by embedding."""
    import json
    from dataclasses import asdict

    from scenegen.bench.nouns import bench_nouns as run_bench

    with user_errors():
        if not nouns.is_file():
            raise ValueError(f"no noun list at {nouns}")
        with console.status("resolving nouns…"):
            result = run_bench(nouns, embed=embed)
    if as_json:
        out_console.print_json(json.dumps({**asdict(result), "rate": result.rate}))
        return
    out_console.print(f"{result.nouns} nouns: {result.catalog} by catalog synonym, {result.nearest} by nearest "
                      f"category, {result.unresolved} unresolved; resolution rate {result.rate:.1%}", highlight=False)
    for r in result.rows:
        if r.how != "catalog":
            out_console.print(f"  {r.noun} -> {r.category or '-'} ({r.how}, {r.similarity:.2f})", highlight=False)
