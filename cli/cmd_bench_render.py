"""``scenegen bench render``: renderer frames per second on a ~100k-triangle room, beside same-run baselines."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import bench_app, console, out_console, user_errors


def register(app: typer.Typer) -> None:
    """Adds ``render`` to the ``bench`` group (``app`` itself is left alone)."""
    bench_app.command("render")(bench_render)


def bench_render(
    size: Annotated[int, typer.Option(help="frame width and height, pixels")] = 256,
    frames: Annotated[int, typer.Option(help="walkthrough frames per timed block")] = 100,
    triangles: Annotated[int, typer.Option(help="subdivide the room's objects until it has this many triangles")]
    = 100_000,
    baseline_frames: Annotated[int, typer.Option(help="frames per timed block for the (slow) baselines")] = 5,
    repeats: Annotated[int, typer.Option(help="timed blocks per row; the best counts")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="print the result as JSON")] = False,
) -> None:
    """Frames/s rendering RGB + depth + normals + ids along a walkthrough, prepared scene vs per-call baselines."""
    import json
    from dataclasses import asdict

    from rich.table import Table

    from scenegen.bench.render import TARGET_FPS, bench_render as run_bench

    with user_errors():
        if not 8 <= size <= 4096 or frames < 1 or baseline_frames < 1 or repeats < 1 or triangles < 0:
            raise ValueError("--size must be 8-4096 and --frames, --baseline-frames and --repeats at least 1")
        with console.status("rendering…") as status:
            result = run_bench(size=size, frames=frames, target_triangles=triangles, baseline_frames=baseline_frames,
                               repeats=repeats, progress=lambda what: status.update(f"{what}…"))
    if as_json:
        out_console.print_json(json.dumps(asdict(result)))
        return
    base = result.row("render() per call", False)
    table = Table("renderer", "shadows", "ms/frame", "frames/s", "× render() per call",
                  title=f"{result.width}×{result.height} RGB+depth+normals+ids, {result.triangles:,} triangles, "
                        f"{result.cpus} CPUs; best of {repeats} blocks; prepare once: {result.prepare_ms:.0f} ms")
    for row in result.rows:
        table.add_row(row.method + (" (baseline)" if row.baseline else ""), "on" if row.shadows else "off",
                      f"{row.ms_per_frame:.2f}", f"{row.fps:.1f}", f"{row.fps / base.fps:.1f}")
    out_console.print(table)
    off, on = result.row("prepared", False), result.row("prepared", True)
    met = off.fps >= TARGET_FPS
    out_console.print(f"target ≥ {TARGET_FPS:.0f} frames/s at 256×256 (shadows off): "
                      f"{'met' if met else 'missed'} at {result.width}×{result.height}: {off.fps:.1f} frames/s "
                      f"(shadows on: {on.fps:.1f}); the trimesh+embreex row casts primary rays only, no shading",
                      highlight=False)
