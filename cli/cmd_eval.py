"""``scenegen eval ...``: measure the project's own checkers and models (``scenegen eval validators``,
``scenegen eval judge``)."""

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
    homes: Annotated[int, typer.Option(help="also plant the home faults (doorless, block_door) in this many homes "
                                       "of prompts/eval/homes.jsonl; --scenes 0 runs only these")] = 0,
) -> None:
    """Plant every fault kind in valid generated scenes; print each validator's detection rate on its faults and its
    fail rate on clean scenes."""
    if homes:
        from cli.cmd_home import eval_home_faults

        eval_home_faults(homes)
        if scenes == 0:
            return
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


@eval_app.command("judge")
def judge(
    judge_name: Annotated[str, typer.Option("--judge", help="judge backend: bundled, openai, hf")] = "bundled",
    judge_path: Annotated[Optional[Path], typer.Option("--judge-path", help="bundled: a judge .safetensors; hf: a "
                                                       "local transformers VLM folder")] = None,
    judge_url: Annotated[Optional[str], typer.Option("--judge-url", help="openai: the API base, e.g. "
                                                     "http://127.0.0.1:8000/v1")] = None,
    judge_model: Annotated[Optional[str], typer.Option("--judge-model", help="openai: the served model name")] = None,
    synthetic: Annotated[int, typer.Option(help="new synthetic prompts added to prompts/validator_eval.txt")] = 30,
    seeds: Annotated[int, typer.Option(help="held-out seeds per prompt", min=1)] = 3,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="also write the full result as JSON here")] = None,
) -> None:
    """Judge held-out scenes (new prompts, new seeds): recognition, colour and count accuracy, detection of planted
    visual faults (mesh swap, recolour, hidden inside another object) and the false-positive rate on clean scenes."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from scenegen.training.judge.evaluate import eval_judge, eval_prompts, time_scene

    from cli.env import judge_options

    chosen = judge_options(judge_name)  # $SCENEGEN_JUDGE_* and the key; the flags below win
    options = {**chosen.backend_options(), "path": str(judge_path) if judge_path else chosen.path,
               "url": judge_url or chosen.url, "model": judge_model or chosen.model}
    with user_errors():
        prompts = eval_prompts(synthetic)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("starting", total=len(prompts) * seeds)

            def step(done: int, total: int, message: str) -> None:
                bar.update(task, completed=done, total=total, description=message[:60])

            result = eval_judge(prompts, judge=judge_name, options={k: v for k, v in options.items() if v},
                                seeds=seeds, progress=step)
        timing = time_scene(judge_name, {k: v for k, v in options.items() if v})
        if json_path:
            from scenegen.scene_files import write_atomic

            write_atomic(json_path, result.model_dump_json(indent=2) + "\n")
    _print_judge(result)
    out_console.print(f"timing: {timing[1]:.2f} s to judge a {timing[0]}-object scene (median of 3, rendering "
                      f"included, model loaded)", highlight=False)


def _print_judge(r) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table

    out_console.print(f"judge [bold]{r.judge}[/] on {r.scenes} held-out scenes ({r.objects} judged objects)",
                      highlight=False)
    t = Table("measure", "value", "of", title="clean held-out scenes")
    t.add_row("category recognition", _pct(r.recognition), str(r.objects))
    t.add_row("colour as asked (colour_ok >= 0.5)", _pct(r.colour_ok), str(r.colour_asked))
    t.add_row("colour RGB within 0.15 of the asset's", _pct(r.colour_rgb), str(r.objects))
    t.add_row("visible count per category", _pct(r.count_accuracy), str(r.count_pairs))
    t.add_row("objects with a failing finding (FP)", _pct(r.clean_object_fails / r.clean_objects
                                                          if r.clean_objects else None), str(r.clean_objects))
    t.add_row("scenes with a failing finding", _pct(r.clean_scene_fails / r.scenes if r.scenes else None),
              str(r.scenes))
    out_console.print(t)
    f = Table("fault", "check", "detected", "rate", "no target", title="planted visual faults (default thresholds)")
    for row in r.faults:
        f.add_row(row.fault, row.check, f"{row.detected}/{row.planted}", _pct(row.rate), str(row.not_planted))
    out_console.print(f)
    s = Table("check", "threshold", "detection", "clean objects flagged", title="threshold sweep")
    for row in r.sweep:
        s.add_row(row.check, f"{row.threshold:g}", _pct(row.detection), _pct(row.object_fp_rate))
    out_console.print(s)
    worst = sorted(((n - k) / n if n else 0.0, c, k, n) for c, (k, n) in r.per_category.items())
    weak = [f"{c} {k}/{n}" for frac, c, k, n in reversed(worst) if frac > 0][:12]
    if weak:
        out_console.print("least recognised: " + ", ".join(weak), highlight=False, soft_wrap=True)
    out_console.print(f"judge_scene: {r.seconds_per_scene:.2f} s per scene on average; {r.seconds_max_objects:.2f} s "
                      f"for the largest ({r.max_objects} objects), rendering included", highlight=False)


@eval_app.command("plan")
def plan_eval(
    planner: Annotated[str, typer.Option(help="planner backends, comma-separated: rules, hybrid, gemma, openai, hf "
                                         "(gemma then hybrid decodes each prompt once)")] = "rules",
    eval_set: Annotated[Optional[Path], typer.Option("--set", help="one annotated JSONL [default: the project's "
                                                     "prompts/eval/plans.jsonl, the public public_plans.jsonl and the "
                                                     "held-out public_holdout.jsonl]")] = None,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="also write the result as JSON here")] = None,
    llm_url: Annotated[Optional[str], typer.Option("--llm-url", help="OpenAI-compatible API base (openai)")] = None,
    llm_model: Annotated[Optional[str], typer.Option("--llm-model", help="served model name (openai)")] = None,
    llm_path: Annotated[Optional[str], typer.Option("--llm-path", help="local model folder (hf)")] = None,
    allow_base: Annotated[bool, typer.Option("--allow-base", help="let gemma run without its adapter")] = False,
) -> None:
    """Per-field precision/recall (objects and counts, attributes, relations) and parse rate of a planner on the
    annotated prompt sets (the project's, the public one and the held-out one), and the physically impossible relations
    left in its plans."""
    import json

    from cli.env import llm_options
    from scenegen.plan import get_planner
    from scenegen.training.plan.evaluate import EVAL_SETS, eval_planner, load_eval_set
    from scenegen.plan.llm import reuse_model_plans
    from scenegen.scene_files import write_atomic

    options = llm_options(llm_url, llm_model, llm_path, allow_base)
    names = [p.strip() for p in planner.split(",") if p.strip()]
    results = {}
    sets = {eval_set.stem: eval_set} if eval_set else EVAL_SETS
    with user_errors(), reuse_model_plans():
        for set_name, path in sets.items():
            items = load_eval_set(path)
            for name in names:
                results.setdefault(set_name, {})[name] = _score_planner(name, get_planner(name, options), items,
                                                                         set_name, eval_planner)
        if json_path:
            payload = {s: {n: e.to_dict() for n, e in by_planner.items()} for s, by_planner in results.items()}
            write_atomic(json_path, json.dumps(payload, indent=2) + "\n")


def _score_planner(name: str, fn, items: list[dict], set_name: str, eval_planner):  # noqa: ANN001, ANN202
    """One planner on one annotated set, with a progress bar; prints its table and returns its ``PlanEval``."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    with Progress(TextColumn(f"planning the {set_name} set with {name}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("", total=len(items))
        ev = eval_planner(fn, name, items, progress=lambda d, t: bar.update(task, completed=d))
    table = Table("field", "precision", "recall",
                  title=f"{name} on the {set_name} set ({ev.prompts} prompts): parse rate {ev.parse_rate:.1%}, "
                        f"object-count accuracy {_pct(ev.count_accuracy)}, room type {ev.room_hits}/{ev.prompts} "
                        f"(where the prompt names it {ev.room_named_hits}/{ev.room_named}), "
                        f"physically impossible relations {len(ev.impossible)}"
                        + (f", {ev.fallbacks} handed to the rules reader" if name != "rules" else ""))
    for field, p, r in ev.rows():
        table.add_row(field, _pct(p), _pct(r))
    out_console.print(table)
    for f in ev.failures[:5]:
        console.print(f"[yellow]no plan:[/] {f}", highlight=False)
    return ev


@eval_app.command("world")
def world(
    data: Annotated[Path, typer.Option(help="dataset folder from `scenegen world data` (its heldout/ rooms are used)")] = (
        Path("outputs/world_data")),
    weights: Annotated[Path, typer.Option(help="the world model")] = Path("scenegen/weights/world.safetensors"),
    teacher: Annotated[Optional[Path], typer.Option(help="a teacher-forced model, to compare (PSNR/SSIM only)")] = None,
    starts: Annotated[int, typer.Option(help="rollout windows per held-out room", min=1)] = 3,
    revisit_rooms: Annotated[int, typer.Option(help="held-out rooms walked on a loop path (0: skip)", min=0)] = 10,
    threads: Annotated[int, typer.Option(help="torch CPU threads", min=1)] = 1,
    plot: Annotated[Path, typer.Option(help="PNG plot of PSNR against horizon")] = Path("outputs/world_eval.png"),
    strip: Annotated[Optional[Path], typer.Option(help="PNG strip picture: engine vs model, 6 held-out rooms")] = None,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="also write the full result as JSON here")] = None,
    card: Annotated[bool, typer.Option(help="write the held-out figures into the model's .json card")] = False,
) -> None:
    """Score the world model against the engine on held-out rooms, horizons 1..64, beside four baselines (copy-last,
    blurred last, flat mean colour, training mean): PSNR/SSIM, contrast and gradient ratios, object persistence,
    judge-feature distance, action controllability, revisit, frames per second; and issue 21's acceptance items."""
    import json

    from scenegen.training.world.evaluate import acceptance, eval_world, plot_psnr, to_json
    from scenegen.training.world.report import print_eval

    with user_errors():
        if teacher is not None and not teacher.exists():
            raise ValueError(f"no teacher-forced model at {teacher}")
        res = eval_world(data, weights, teacher, starts_per_room=starts, revisit_rooms=revisit_rooms,
                         threads=threads, log=lambda m: console.print(m, highlight=False), strip=strip)
        plot_psnr(res, plot)
        result = to_json(res) | {"acceptance": acceptance(res)}
        command = (f"scenegen eval world --data {data} --weights {weights} --starts {starts} "
                   f"--revisit-rooms {revisit_rooms}" + (f" --teacher {teacher}" if teacher else ""))
        if json_path:
            json_path.parent.mkdir(parents=True, exist_ok=True)
            json_path.write_text(json.dumps(result | {"command": command}, indent=1) + "\n")
        if card:
            from scenegen.training.world.train import write_card

            card_path = weights.with_suffix(".json")
            meta = json.loads(card_path.read_text()) if card_path.exists() else {}
            meta["held_out"] = result | {"command": command}
            write_card(card_path, meta)
    print_eval(res, out_console)
    out_console.print(f"wrote [bold]{plot}[/]" + (f", [bold]{strip}[/]" if strip else "")
                      + (f" and [bold]{json_path}[/]" if json_path else ""), highlight=False)
