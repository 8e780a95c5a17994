"""``scenegen bench validate``: the full validator suite on a 50-object scene, against a no-sharing baseline."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import bench_app, out_console, user_errors


def register(app: typer.Typer) -> None:
    """Adds ``validate`` to the ``bench`` group (``app`` itself is left alone)."""
    bench_app.command("validate")(bench_validate)


def bench_validate(
    runs: Annotated[int, typer.Option(help="timed runs of the suite (medians are reported)")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="print the result as JSON")] = False,
) -> None:
    """Time every validator on a 50-object scene: shared context vs. a fresh context per validator."""
    import json

    from rich.table import Table

    from scenegen.bench.validate import TARGET_S, bench_validate as run_bench

    with user_errors():
        result = run_bench(runs=runs)
    if as_json:
        out_console.print_json(json.dumps(result.to_dict()))
        return
    table = Table("validator", "shared (s)", "baseline (s)", "baseline ÷ shared",
                  title=f"validators on {result.objects} objects, median of {result.runs} run(s)")
    for name in sorted(result.shared):
        s, b = result.shared[name], result.baseline[name]
        table.add_row(name, f"{s:.4f}", f"{b:.4f}", f"{b / s:.1f}×" if s > 0 else "—")
    table.add_row("[bold]total[/]", f"[bold]{result.shared_total:.3f}[/]", f"[bold]{result.baseline_total:.3f}[/]",
                  f"[bold]{result.ratio:.2f}×[/]")
    out_console.print(table)
    verdict = "[green]met[/]" if result.meets_target else "[red]missed[/]"
    out_console.print(f"suite median {result.shared_total:.3f} s (target < {TARGET_S:.1f} s: {verdict}); "
                      f"baseline {result.baseline_total:.3f} s, ratio {result.ratio:.2f}×")
    if result.failing:
        out_console.print(f"[yellow]note:[/] the bench scene fails {len(result.failing)} check(s): "
                          + "; ".join(result.failing[:3]), highlight=False)
