"""``scenegen bench batch``: scenes per minute with 1 and 2 local workers (and Ray), same scenes, same process."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import bench_app, console, out_console, user_errors


def register(app: typer.Typer) -> None:
    """Adds ``batch`` to the ``bench`` group (``app`` itself is left alone)."""
    bench_app.command("batch")(bench_batch)


def bench_batch(
    prompts: Annotated[Optional[Path], typer.Option(help="prompt file [default: the bundled batch_bench.txt]")] = None,
    seeds: Annotated[str, typer.Option(help="seeds a..b made for every prompt")] = "0..2",
    ray: Annotated[Optional[bool], typer.Option("--ray/--no-ray", help="include Ray on a local 2-CPU cluster "
                                                "[default: when installed]")] = None,
    repeats: Annotated[int, typer.Option(help="interleaved runs per configuration (median reported)",
                                         min=1, max=20)] = 1,
    attempts: Annotated[int, typer.Option(help="repair rounds per scene", min=1, max=20)] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="print rows as JSON")] = False,
) -> None:
    """Batch throughput with 1 and 2 local workers (and Ray): the ratio 2 ÷ 1 should be ≥ 1.7."""
    import json
    from dataclasses import asdict

    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from scenegen.batch.jobs import parse_seeds
    from scenegen.bench.batch import TARGET_RATIO, bench_batch as run_bench, ratio, ray_available

    import os

    load_before = os.getloadavg()[0]
    with user_errors():
        wanted = tuple(parse_seeds(seeds))
        use_ray = ray_available() if ray is None else ray
        if use_ray and not ray_available():
            from scenegen.batch.executors import RAY_INSTALL

            raise ValueError(f"--ray needs Ray, which is not installed: {RAY_INSTALL}")
        configs = [("local", 1), ("local", 2)] + ([("ray", 2)] if use_ray else [])
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console,
                      transient=True) as bar:
            task = bar.add_task("starting")
            rows = run_bench(prompts, wanted, configs=configs, attempts=attempts, repeats=repeats,
                             progress=lambda what: bar.update(task, description=what))
    two = ratio(rows, "local", 2)
    load = max(load_before, os.getloadavg()[0])
    cpus = os.cpu_count() or 1
    if as_json:
        out_console.print_json(json.dumps({"rows": [{**asdict(r), "per_minute": r.per_minute} for r in rows],
                                           "ratio_2_over_1": two, "target": TARGET_RATIO,
                                           "load_average": load, "cpus": cpus}))
        return
    statuses = ", ".join(f"{v} {k}" for k, v in sorted(rows[0].statuses.items()))
    table = Table("executor", "seconds", "scenes/min", "÷ 1 worker", "s/scene in worker", "start-up s", "same",
                  title=f"{rows[0].scenes} scenes ({statuses}; no pictures); workers warmed before timing; "
                        f"median of {repeats}")
    for row in rows:
        r = ratio(rows, row.executor, row.workers)
        table.add_row(row.label, f"{row.seconds:.2f}", f"{row.per_minute:.1f}", f"{r:.2f}×" if r else "-",
                      f"{row.scene_s:.3f}", f"{row.startup_s:.2f}", "yes" if row.same_scenes else "[red]NO[/]")
    out_console.print(table)
    if two is not None:
        verdict = "[green]meets[/]" if two >= TARGET_RATIO else "[red]misses[/]"
        out_console.print(f"2 workers ÷ 1 worker: {two:.2f}× ({verdict} the {TARGET_RATIO}× target)")
    if load > cpus - 1:  # other processes had the CPUs a second worker needs: the ratio measures them, not us
        console.print(f"[yellow]note:[/] load average {load:.1f} on {cpus} CPUs during the run; worker scaling can "
                      f"only be measured on an otherwise idle machine", highlight=False)
