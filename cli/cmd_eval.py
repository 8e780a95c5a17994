"""``scenegen eval ...``: measure the project's own checkers and models (``scenegen eval validators``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import console, out_console, user_errors

eval_app = typer.Typer(no_args_is_help=True, help="Measure how far scenegen's checkers can be trusted.")


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")


@eval_app.command("validators")
def validators(
    scenes: Annotated[int, typer.Option(help="clean scenes to plant every fault in")] = 25,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="also write the full result as JSON here")] = None,
    prompts: Annotated[Optional[Path], typer.Option(help="prompt set, one per line "
                                                    "[default: prompts/validator_eval.txt]")] = None,
    seeds: Annotated[int, typer.Option(help="seeds 0..N-1 are tried for each prompt")] = 10,
    fault: Annotated[Optional[list[str]], typer.Option(help="plant only these faults (repeatable)")] = None,
) -> None:
    """Plant every fault kind in valid generated scenes; print each validator's detection rate on its faults and its
    fail rate on clean scenes."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from scenegen.evaluate import PROMPT_SET, eval_validators, load_prompts, write_json
    from scenegen.mutate import FAULT_KINDS

    kinds = fault or list(FAULT_KINDS)
    with user_errors():
        if scenes < 1:
            raise ValueError(f"--scenes must be at least 1, got {scenes}")
        prompt_list = load_prompts(prompts or PROMPT_SET)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("starting", total=scenes * (1 + len(kinds)))

            def step(done: int, total: int, message: str) -> None:
                bar.update(task, completed=done, total=total, description=message[:60])

            result = eval_validators(prompt_list, seeds=range(seeds), faults=kinds, progress=step, scenes=scenes)
        if json_path:
            write_json(result, json_path)
    _print(result)
    if json_path:
        out_console.print(f"wrote [bold]{json_path}[/]", highlight=False)


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.1%}"


def _print(result) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table

    used, placed = len(result.used), sum(c.placed for c in result.clean)
    table = Table("validator", "catches", "detected", "detection", "clean fails", "clean fail rate",
                  title="validators against planted faults")
    table.columns[0].no_wrap = True
    table.columns[1].min_width = 15
    for r in result.rows:
        rate = _pct(r.detection_rate)
        if r.detection_rate is not None:
            rate = f"[{'green' if r.detection_rate >= 0.98 else 'red'}]{rate}[/]"
        fp = _pct(r.clean_fail_rate)
        if r.clean_fail_rate is not None:
            fp = f"[{'green' if r.clean_fail_rate <= 0.02 else 'red'}]{fp}[/]"
        table.add_row(r.validator, ", ".join(r.faults) or "—", f"{r.detected}/{r.planted}", rate,
                      f"{r.clean_fails}/{r.clean_scenes}", fp)
    out_console.print(table)
    out_console.print(f"{result.mutated} mutated scenes from {used} valid clean ones; clean fail rates over {placed} "
                      f"fully placed scenes ({len(result.clean) - sum(c.valid for c in result.clean)} not valid); "
                      f"{result.seconds:.0f} s", highlight=False, soft_wrap=True)
    if used < result.requested:
        console.print(f"[yellow]warning:[/] only {used} of the {result.requested} clean scenes asked for were valid; "
                      "try more --seeds or a larger prompt set", highlight=False)
    skipped = [t for t in result.trials if t.planted is None]
    for t in skipped:
        console.print(f"[yellow]not planted:[/] {t.kind} in {t.prompt!r} seed {t.seed}: {t.error}", highlight=False)
    for c in result.clean:
        if not c.valid:
            console.print(f"[yellow]not valid:[/] {c.prompt!r} seed {c.seed}: {c.reason}", highlight=False)
