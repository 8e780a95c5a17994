"""``scenegen eval design`` and ``scenegen bench design``: the design stage on short prompts (issue 18)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.cmd_eval import eval_app
from cli.common import bench_app, console, out_console, user_errors


def register(app: typer.Typer) -> None:
    """Adds ``design`` to the ``eval`` and ``bench`` groups (``app`` itself is left alone)."""
    eval_app.command("design")(eval_design)
    eval_app.command("design-explicit")(eval_design_explicit)
    bench_app.command("design")(bench_design)


def eval_design(
    density: Annotated[str, typer.Option(help="normal or full")] = "normal",
    seeds: Annotated[int, typer.Option(help="seeds 0..N-1 per prompt (diversity needs 2 or more)", min=1)] = 2,
    prompts: Annotated[Optional[Path], typer.Option(help="JSONL eval set [default: prompts/eval/design.jsonl]")] = None,
    limit: Annotated[int, typer.Option(help="only the first N prompts (0: all)", min=0)] = 0,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="also write the full result as JSON here")] = None,
) -> None:
    """Per room type: validity, objects per room, small objects per surface, collision and support rates,
    completeness and diversity across seeds, with the rules reader."""
    from rich.table import Table

    from scenegen.training.design.evaluate import evaluate, read_prompts
    from scenegen.scene_files import write_atomic

    with user_errors():
        if density not in ("normal", "full", "minimal"):
            raise ValueError(f"--density must be minimal, normal or full, got {density!r}")
        rows = read_prompts(prompts)
        rows = rows[:limit] if limit else rows
        with console.status(f"designing {len(rows)} prompts × {seeds} seeds at {density}…"):
            result = evaluate(rows, density, seeds)
    table = Table("room type", "rooms", "valid", "median objects", "small/surface", "collision", "support",
                  "complete", "must have", "diversity (hist L1)", "diversity (m)")
    for name, row in [*result["by_room_type"].items(), ("ALL", result["overall"])]:
        table.add_row(name, str(row["rooms"]), f"{row['valid']:.0%}", f"{row['median_objects']:g}",
                      f"{row['small_per_surface']:.2f}", f"{row['collision_rate']:.2%}", f"{row['support_rate']:.2%}",
                      f"{row['complete']:.0%}", f"{row['must_have']:.0%}", str(row["diversity_histogram_l1"]), str(row["diversity_layout_m"]))
    out_console.print(table)
    for bad in result["invalid"][:10]:
        console.print(f"[yellow]invalid:[/] {bad}", highlight=False)
    if json_path:
        write_atomic(json_path, json.dumps(result, indent=2) + "\n")


def eval_design_explicit(
    prompts: Annotated[Optional[Path], typer.Option(help="explicit eval set [default: prompts/eval/plans.jsonl]")] = None,
    limit: Annotated[int, typer.Option(help="only the first N prompts (0: all)", min=0)] = 0,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="also write the result as JSON here")] = None,
) -> None:
    """Count and relation accuracy of made scenes on explicit prompts at minimal and normal density: the design
    stage must not cost the prompt's own counts and relations (issue 18: within 1 point)."""
    from rich.table import Table

    from scenegen.training.design.evaluate import explicit
    from scenegen.training.plan.evaluate import EVAL_SET, load_eval_set
    from scenegen.scene_files import write_atomic

    with user_errors():
        rows = load_eval_set(prompts or EVAL_SET)
        rows = rows[:limit] if limit else rows
        with console.status(f"making {len(rows)} explicit prompts at minimal and normal…"):
            result = explicit(rows)
    table = Table("density", "prompts", "refused", "count accuracy", "relation accuracy")
    for density, row in result.items():
        table.add_row(density, str(row["prompts"]), str(row["refused"]), f"{row['count_accuracy']:.2%}",
                      f"{row['relation_accuracy']:.2%}")
    out_console.print(table)
    if json_path:
        write_atomic(json_path, json.dumps(result, indent=2) + "\n")


def bench_design(seeds: Annotated[int, typer.Option(help="seeds per density", min=1)] = 3) -> None:
    """Seconds to make a living room with the rules reader at minimal, normal and full, against the budgets
    (normal ≤ 10 s, full ≤ 30 s)."""
    from rich.table import Table

    from scenegen.training.design.evaluate import bench

    with user_errors():
        result = bench(seeds)
    table = Table("density", "prompt", "median s", "max s", "× minimal", "objects", "budget s", "within")
    for density, row in result.items():
        table.add_row(density, row["prompt"], f"{row['median_s']:.2f}", f"{row['max_s']:.2f}",
                      str(row.get("x_minimal", 1.0)), ",".join(map(str, row["objects"])),
                      str(row["budget_s"] or "-"), str(row.get("within_budget", "-")))
    out_console.print(table)
    if not all(row.get("within_budget", True) for row in result.values()):
        raise typer.Exit(1)
