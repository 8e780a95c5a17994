"""``scenegen bench solve``: the placement solver against a Holodeck-style grid DFS on the same generated plans."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import bench_app, console, out_console, user_errors


def register(app: typer.Typer) -> None:
    """Adds ``solve`` to the ``bench`` group (``app`` itself is left alone)."""
    bench_app.command("solve")(bench_solve)


def bench_solve(
    plans: Annotated[int, typer.Option(help="generated plans per object count")] = 10,
    counts: Annotated[str, typer.Option(help="object counts, comma-separated")] = "5,15,30,60",
    room_scale: Annotated[float, typer.Option(help="scale of the rooms' sides (< 1: the same furniture, tighter)")] = 1.0,
    as_json: Annotated[bool, typer.Option("--json", help="print rows and runs as JSON")] = False,
) -> None:
    """Success rate, relation satisfaction and median seconds per object count, scenegen beside the baseline."""
    import json
    from dataclasses import asdict

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from scenegen.bench.solve import LABELS, bench_solve as run_bench

    with user_errors():
        try:
            wanted = tuple(int(c) for c in counts.split(","))
        except ValueError:
            raise ValueError(f"--counts takes whole numbers separated by commas, got {counts!r}") from None
        if plans < 1 or any(c < 1 for c in wanted) or not 0.3 <= room_scale <= 3.0:
            raise ValueError("--plans and --counts must be positive and --room-scale within 0.3–3.0")
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("solving", total=plans * len(wanted) * 2)

            def step(what: str) -> None:
                bar.update(task, description=what, advance=1)

            rows, runs = run_bench(wanted, plans, room_scale=room_scale, progress=step)
    if as_json:
        out_console.print_json(json.dumps({"rows": [asdict(r) for r in rows], "runs": [asdict(r) for r in runs]}))
        return
    table = Table("objects", "solver", "success", "relations", "usable", "median s", "dropped", "collisions",
                  "time ÷ base",
                  title=f"{plans} generated plans per count, room scale {room_scale:g}; baseline: Holodeck-style grid "
                        "DFS, same plans, same process")
    by_key = {(r.solver, r.n_objects): r for r in rows}
    for n in wanted:
        ours, base = by_key[("scenegen", n)], by_key[("grid_dfs", n)]
        for row in (ours, base):
            ratio = f"{row.median_seconds / base.median_seconds:.2f}" if base.median_seconds else "-"
            table.add_row(str(n), LABELS[row.solver], f"{row.success_rate:.0%}", f"{row.relation_satisfaction:.1%}",
                          f"{row.usable_rate:.0%}", f"{row.median_seconds:.3f}", f"{row.mean_dropped:.1f}", f"{row.mean_collisions:.1f}", ratio,
                          end_section=row is base)
    out_console.print(table)
