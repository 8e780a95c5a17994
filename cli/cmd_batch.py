"""``scenegen batch``: a prompt file into a folder of scenes with a manifest, resumable, on local processes or Ray."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.progress import ProgressColumn

from cli.cmd_plan import ModelOpt, PathOpt, TimeoutOpt, UrlOpt
from cli.common import console, out_console, user_errors

if TYPE_CHECKING:
    from rich.progress import Task
    from rich.text import Text

    from scenegen.batch import BatchResult
    from scenegen.options import MakeOptions


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)


def batch(
    prompts: Annotated[Path, typer.Argument(help="prompt file: one prompt a line (# comments), or JSONL with "
                                                 "prompt, seed, options")],
    out: Annotated[Path, typer.Option("--out", "-o", help="batch folder: one folder per scene and manifest.jsonl")],
    workers: Annotated[int, typer.Option(help="scenes made at once (processes, or Ray CPUs for a local Ray)",
                                         min=1, max=512)] = 1,
    executor: Annotated[str, typer.Option(help="local (process pool) or ray")] = "local",
    ray_address: Annotated[Optional[str], typer.Option("--ray-address", help="an existing Ray cluster (e.g. auto, "
                                                       "ray://head:10001); --out must be on storage its nodes share")
                           ] = None,
    seeds: Annotated[Optional[str], typer.Option(help="make each prompt with every seed in a..b (inclusive), "
                                                      "e.g. 0..9")] = None,
    attempts: Annotated[Optional[int], typer.Option(help="solve-and-validate rounds of each scene's repair loop "
                                                    "[default: 3]", min=1, max=20)] = None,
    retries: Annotated[int, typer.Option(help="times a scene that crashed is tried again (across reruns)",
                                         min=0, max=100)] = 2,
    only_valid: Annotated[bool, typer.Option("--only-valid", help="keep only the folders of scenes that pass "
                                             "(the rest are still in the manifest)")] = False,
    pictures: Annotated[Optional[bool], typer.Option("--pictures/--no-pictures", help="render topdown.png and "
                                                     "view.png for each scene [default: pictures]")] = None,
    planner: Annotated[Optional[str], typer.Option(help="layout planner backend [default: rules]")] = None,
    objects: Annotated[Optional[str], typer.Option("--objects", help="object generator backend: procedural, or "
                                                   "image3d (with --images or --text-to-image)")] = None,
    sim: Annotated[Optional[bool], typer.Option("--sim/--no-sim", help="also write scene.xml, urdf/ and "
                                                "sim_report.json per scene")] = None,
    density: Annotated[Optional[str], typer.Option(help="design density: minimal, normal or full (default: "
                                                        "$SCENEGEN_DENSITY, else normal, as for make)")] = None,
    images: Annotated[Optional[Path], typer.Option(help="--objects image3d: a folder of photos, one per object id or "
                                                        "category (on storage every worker reads)")] = None,
    text_to_image: Annotated[Optional[Path], typer.Option(
        "--text-to-image", help="--objects image3d: make each scene's photos with this local diffusers pipeline "
                                "(kept in the scene folder's images/)")] = None,
    llm_url: UrlOpt = None, llm_model: ModelOpt = None, llm_path: PathOpt = None, llm_timeout: TimeoutOpt = None,
    judge: Annotated[Optional[str], typer.Option(help="also judge each scene's rendered views: bundled, openai or "
                                                      "hf (as for make)")] = None,
    options: Annotated[Optional[Path], typer.Option(
        "--options", help="an options.json (as make writes) every scene starts from; flags given here override "
                          "it, and a JSONL line's options override both")] = None,
) -> None:
    """Make every prompt (× seeds) into its own folder under --out, with manifest.jsonl.

    Rerun the same command to resume: finished scenes are skipped and crashed ones retried (up to --retries).
    A run killed at any moment loses nothing."""
    from scenegen.batch import run_batch
    from scenegen.batch.executors import check_executor
    from scenegen.batch.jobs import parse_seeds, read_jobs
    from scenegen.batch.worker import Settings

    from cli.env import absolute, make_options
    from scenegen.design.loader import DENSITIES

    with user_errors():
        opts = make_options(options, {
            "planner": planner, "objects": objects, "attempts": attempts, "pictures": pictures, "sim": sim,
            "density": density, "judge": judge, "llm.url": llm_url, "llm.model": llm_model, "llm.path": llm_path,
            "llm.timeout": llm_timeout, "image3d.images": absolute(images),
            "image3d.text_to_image": absolute(text_to_image)}, planner="rules")
    if opts.density not in DENSITIES:
        raise typer.BadParameter(f"must be one of {', '.join(DENSITIES)}, got {opts.density!r}",
                                 param_hint="--density")
    with user_errors():
        _check_photos(opts)
        check_executor(executor, ray_address)
        jobs = read_jobs(prompts, parse_seeds(seeds) if seeds else None)
        settings = Settings(options=opts, only_valid=only_valid)
        with _BarEvents() as events:
            result = run_batch(jobs, out, settings=settings, executor=executor, workers=workers,
                               address=ray_address, retries=retries, events=events)
    _print_summary(result)
    if result.errors:
        from rich.markup import escape

        first = result.errors[0]
        console.print(f"[bold red]error:[/] {len(result.errors)} scene(s) ended in an error, e.g. {first['id']}: "
                      f"{escape(str(first['error']))}", highlight=False)
        raise typer.Exit(1)


def _check_photos(opts: "MakeOptions") -> None:
    """Refuse, before any scene, photo options that cannot work: photos without image3d, image3d without photos,
    or a photo folder that is not one. (A JSONL line may still switch a scene to image3d with its own photos.)"""
    i3 = opts.image3d
    if (i3.images or i3.text_to_image) and opts.objects != "image3d":
        raise ValueError("--images and --text-to-image are for --objects image3d")
    if i3.images is not None and not Path(i3.images).is_dir():
        raise ValueError(f"--images {i3.images} is not a folder of photos")
    if opts.objects == "image3d" and i3.images is None and i3.text_to_image is None:
        raise ValueError("--objects image3d needs photos: --images DIR (one per object id or category) or "
                         "--text-to-image PATH")


class _BarEvents:
    """A rich progress bar (scenes done of total, scenes/min, ETA) fed by the batch's events."""

    def __init__(self) -> None:
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console,
                            transient=True)
        self.task = self.bar.add_task("batch", total=None)
        self.counts: dict[str, int] = {}

    def __enter__(self) -> "_BarEvents":
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.bar.live.is_started:
            self.bar.__exit__(*exc)

    def planned(self, todo: int, done: int, recovered: int) -> None:
        if done:
            console.print(f"resuming: {done} scene(s) already done{f', {recovered} recovered' if recovered else ''}"
                          f", {todo} to make", highlight=False)
        self.bar.update(self.task, total=todo, description="scenes")
        if todo:  # started only now, so an error before any scene runs stays a single line
            self.bar.__enter__()

    def retrying(self, count: int) -> None:
        total = self.bar.tasks[0].total or 0
        self.bar.update(self.task, total=total + count)

    def finished(self, entry: dict[str, Any]) -> None:
        self.counts[entry["status"]] = self.counts.get(entry["status"], 0) + 1
        ok = self.counts.get("ok", 0)
        bad = sum(v for k, v in self.counts.items() if k != "ok")
        self.bar.update(self.task, advance=1, description=f"scenes [green]{ok} ok[/] [red]{bad} not[/]")


class _RateColumn(ProgressColumn):
    """Scenes per minute, from rich's moving estimate of the task's speed."""

    def render(self, task: "Task") -> "Text":
        from rich.text import Text

        speed = task.finished_speed or task.speed
        return Text(f"{speed * 60:.1f}/min" if speed else "–/min", style="cyan")


def _print_summary(result: "BatchResult") -> None:
    """Scenes per status, with throughput and where the manifest is."""
    from rich.table import Table

    counts = result.counts
    total = sum(counts.values())
    table = Table("status", "scenes", "share", title=f"{total} scene(s) in {result.out}")
    for status, style in (("ok", "green"), ("invalid", "yellow"), ("unplaced", "yellow"), ("error", "red")):
        n = counts.get(status, 0)
        table.add_row(f"[{style}]{status}[/]", str(n), f"{n / total:.0%}" if total else "-")
    out_console.print(table)
    rate = f"{result.per_minute:.1f} scenes/min" if result.ran else "nothing to do"
    out_console.print(f"made {result.ran} scene(s) in {result.seconds:.1f} s ({rate}); skipped {result.skipped} "
                      f"already done; manifest: {result.out / 'manifest.jsonl'}", highlight=False)
    if result.gave_up:
        console.print(f"[yellow]note:[/] {len(result.gave_up)} scene(s) are out of retries ({result.retries}); "
                      f"rerun with a higher --retries to try them again", highlight=False)
