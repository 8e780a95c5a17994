"""``scenegen bench assets``: milliseconds and faces per procedural object, and a 40-object room's build time."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import bench_app, console, out_console, user_errors


def register(app: typer.Typer) -> None:
    """Adds ``assets`` to the ``bench`` group (``app`` itself is left alone)."""
    bench_app.command("assets")(bench_assets)


def bench_assets(
    seeds: Annotated[int, typer.Option(help="assets planned per category")] = 3,
    repeats: Annotated[int, typer.Option(help="builds per asset; the fastest counts")] = 3,
    slowest: Annotated[int, typer.Option(help="list this many slowest categories")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="print the result as JSON")] = False,
) -> None:
    """Median and p95 ms per object, faces per object, and a 40-object room's meshes (target < 1 s)."""
    import json
    from dataclasses import asdict

    from rich.table import Table

    from scenegen.bench.assets import ROOM_TARGET_S, bench_assets as run_bench

    with user_errors():
        if seeds < 1 or repeats < 1 or slowest < 0:
            raise ValueError("--seeds and --repeats must be at least 1, --slowest at least 0")
        with console.status("building meshes…"):
            result = run_bench(seeds=seeds, repeats=repeats)
    if as_json:
        out_console.print_json(json.dumps(asdict(result)))
        return
    out_console.print(f"{result.categories} categories, {result.objects} objects: median {result.ms_median:.2f} ms, "
                      f"p95 {result.ms_p95:.2f} ms per object; faces median {result.faces_median}, max "
                      f"{result.faces_max}", highlight=False)
    out_console.print(f"{result.room_objects}-object room: {result.room_s * 1000:.0f} ms "
                      f"({'under' if result.room_ok else 'OVER'} the {ROOM_TARGET_S:.0f} s target)", highlight=False)
    table = Table("category", "ms median", "ms max", "faces median", "faces max", title="slowest categories")
    for row in sorted(result.rows, key=lambda r: -r.ms_median)[:slowest]:
        table.add_row(row.category, f"{row.ms_median:.2f}", f"{row.ms_max:.2f}", str(row.faces_median),
                      str(row.faces_max))
    out_console.print(table)
