"""``scenegen bench plan``: median seconds per plan and peak memory per planner backend that runs offline."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import bench_app, out_console, user_errors


def register(app: typer.Typer) -> None:
    """Adds ``plan`` to the ``bench`` group."""
    bench_app.command("plan")(bench_plan)


def bench_plan(
    planners: Annotated[str, typer.Option(help="backends, comma-separated (gemma needs its adapter or "
                                          "--allow-base; openai needs --llm-url)")] = "rules,hybrid",
    prompts: Annotated[int, typer.Option(help="eval-set prompts to plan per backend", min=1)] = 20,
    allow_base: Annotated[bool, typer.Option("--allow-base", help="let gemma run without its adapter")] = False,
) -> None:
    """Median seconds per plan and peak resident memory (this process, so far) per backend; rules is the baseline."""
    import resource
    import statistics
    import time

    from rich.table import Table

    from cli.env import llm_options
    from scenegen.plan import PlanError, get_planner
    from scenegen.training.plan.evaluate import load_eval_set

    options = llm_options(allow_base=allow_base)
    items = load_eval_set()[:prompts]
    table = Table("planner", "first plan s (loads the model)", "median s / plan after", "÷ rules", "plans",
                  "peak RSS MB", title=f"{len(items)} eval prompts, one process, backends in order")
    base = None
    with user_errors():
        for name in [p.strip() for p in planners.split(",") if p.strip()]:
            fn = get_planner(name, options)
            times, ok = [], 0
            for it in items:
                t0 = time.perf_counter()
                try:
                    fn(it["prompt"], 0)
                    ok += 1
                except PlanError as exc:
                    out_console.print(f"{name}: {exc}", highlight=False)
                    break
                times.append(time.perf_counter() - t0)
            first = times[0] if times else float("nan")
            med = statistics.median(times[1:]) if len(times) > 1 else first
            base = med if name == "rules" else base
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            table.add_row(name, f"{first:.3f}", f"{med:.4f}", f"{med / base:.1f}" if base else "-",
                          f"{ok}/{len(items)}", f"{peak:.0f}")
    out_console.print(table)
    out_console.print("peak RSS is the process's high-water mark so far, so it only grows along the table; a model "
                      "loaded for one backend stays loaded for the next (hybrid reuses gemma's)", highlight=False)
