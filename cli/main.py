"""The ``scenegen`` command: thin typer commands over the library API, with rich progress and tables.

Errors a user can cause end in one red line and a non-zero exit; ``--debug`` shows the traceback instead. Shared pieces
live in ``cli.common``; each ``cli/cmd_*.py`` module adds its commands through ``register(app)``.
"""

from __future__ import annotations

import sys
import warnings
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from cli.cmd_plan import ModelOpt, PathOpt, TimeoutOpt, UrlOpt
from cli.common import app, console, out_console, print_report, user_errors
from cli.env import absolute, make_options
from scenegen.design.loader import DENSITIES

if TYPE_CHECKING:
    from scenegen.options import MakeOptions


def _default_out(prompt: str, seed: int) -> Path:
    import re

    slug = "-".join(re.findall(r"[a-z0-9]+", prompt.lower()))[:48].strip("-") or "scene"
    return Path("outputs") / f"{slug}-s{seed}"


@app.command()
def make(
    prompt: Annotated[str, typer.Argument(help="a description of the room")],
    seed: Annotated[Optional[int], typer.Option(help="random seed: the same seed gives the same scene.json "
                                                "[default: 0]")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="output folder [default: outputs/<prompt>-s<seed>]")] = None,
    options: Annotated[Optional[Path], typer.Option(
        "--options", help="repeat a run: read its options.json (written beside every scene); flags given here "
                          "override it")] = None,
    planner: Annotated[Optional[str], typer.Option(
        help="layout planner: rules (the rules reader), hybrid (the fine-tuned Gemma cross-checked against the "
             "reader), gemma, openai (--llm-url) or hf (--llm-path); default from $SCENEGEN_PLANNER, else rules")] = None,
    llm_url: UrlOpt = None, llm_model: ModelOpt = None, llm_path: PathOpt = None, llm_timeout: TimeoutOpt = None,
    objects: Annotated[Optional[str], typer.Option("--objects", help="object generator: procedural, or image3d (the "
                                                   "image-to-3D model, from --images or --text-to-image) "
                                                   "[default: procedural]")] = None,
    images: Annotated[Optional[Path], typer.Option(help="--objects image3d: a folder of photos, one per object id "
                                                   "or category (bed_1.png, bed.jpg; a <name>_mask.png beside one "
                                                   "is used as its mask)")] = None,
    text_to_image: Annotated[Optional[Path], typer.Option(
        "--text-to-image", help="--objects image3d: make the photos with this local diffusers text-to-image "
                                "pipeline (a GPU helps); they are kept in OUT/images")] = None,
    pictures: Annotated[Optional[bool], typer.Option("--pictures/--no-pictures", help="render topdown.png and "
                                                     "view.png [default: pictures]")] = None,
    density: Annotated[Optional[str], typer.Option(help="design density: minimal (only what the prompt lists), "
                                                   "normal (a furnished room) or full (a lived-in room); default "
                                                   "from $SCENEGEN_DENSITY, else normal")] = None,
    attempts: Annotated[Optional[int], typer.Option(help="solve-and-validate rounds of the repair loop [default: 3]",
                                                    min=1, max=20)] = None,
    judge: Annotated[Optional[str], typer.Option(
        help="also judge rendered views: bundled (the project's CNN), openai (URL in $SCENEGEN_JUDGE_URL) or hf "
             "(model folder in $SCENEGEN_JUDGE_PATH)")] = None,
    sim: Annotated[Optional[bool], typer.Option("--sim/--no-sim", help="also write scene.xml (MuJoCo), urdf/ "
                                                "(pybullet) and sim_report.json (a 2 s MuJoCo settle and door/drawer "
                                                "sweep)")] = None,
) -> None:
    """Plan, build, place and validate a room; write scene.glb, scene.json, report.json, options.json and pictures.

    When a check fails, its findings become moves and constraints and the room is solved again (up to --attempts
    rounds); what still cannot be met is explained in words in scene.json's conflicts. --options OUT/options.json
    makes the same scene again."""
    with user_errors():
        opts = make_options(options, {
            "seed": seed, "planner": planner or None, "objects": objects, "attempts": attempts, "pictures": pictures,
            "density": density or None, "sim": sim, "judge": judge, "llm.url": llm_url, "llm.model": llm_model,
            "llm.path": llm_path, "llm.timeout": llm_timeout, "image3d.images": absolute(images),
            "image3d.text_to_image": absolute(text_to_image)})
    out_dir = out or _default_out(prompt, opts.seed)
    if text_to_image is not None:  # photos made for this run are kept with it
        opts = opts.replace(**{"image3d.images_out": absolute(out_dir / "images")})
    if opts.density not in DENSITIES:
        raise typer.BadParameter(f"must be one of {', '.join(DENSITIES)}, got {opts.density!r}",
                                 param_hint="--density")
    from scenegen.home.prompt import is_home_prompt

    if is_home_prompt(prompt):  # several rooms: scenegen.home (docs/homes.md); a room goes on as before
        from cli.cmd_home import run_make_home

        run_make_home(prompt, seed=opts.seed, out_dir=out_dir, planner=opts.planner, density=opts.density,
                      attempts=opts.attempts, pictures=opts.pictures,
                      refused={"--objects image3d": opts.objects != "procedural", "--judge": opts.judge is not None,
                               "--sim": opts.sim, "--images": opts.image3d.images is not None,
                               "--text-to-image": opts.image3d.text_to_image is not None})
    result, paths, sim_report = _make_and_write(prompt, opts, out_dir)
    _print_made(result, paths, out_dir, sim_report)


def _make_and_write(prompt: str, opts: "MakeOptions", out_dir: Path):  # noqa: ANN202 -- pipeline types
    """Make the room with a progress spinner and write its files (and the simulation files when ``opts.sim``);
    (result, {file name: path}, the sim report or None). Warnings while writing are printed as one line each."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from scenegen.pipeline import STAGES, make as run_make, write_outputs

    sim_report = None
    with user_errors():
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console,
                      transient=True) as bar:
            task = bar.add_task("starting", total=len(STAGES) + 2)

            def step(stage: str) -> None:
                bar.update(task, description=f"{stage}…", advance=1)

            result = run_make(prompt, opts, progress=step)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", UserWarning)
                paths = write_outputs(result, out_dir, progress=step)
            if opts.sim:
                from scenegen.sim_outputs import write_sim_outputs

                sim_paths, sim_report = write_sim_outputs(result.scene, out_dir)
                paths.update(sim_paths)
    for w in caught:
        console.print(f"[yellow]warning:[/] {w.message}", highlight=False)
    return result, paths, sim_report


def _print_made(result, paths: dict, out_dir: Path, sim_report) -> None:  # noqa: ANN001 -- pipeline types
    """The validator table, sim lines, repair rounds, conflicts, notes and the design summary of a made scene; then
    exit with its code, saying in one line why when it is not 0."""
    print_report(result.report, result.scene)
    if sim_report is not None:
        for f in sim_report.findings:
            if f.check.endswith("_rate"):
                console.print(f"sim: {f.message}", highlight=False, markup=False)
    _print_attempts(result.report)
    for conflict in result.scene.conflicts:
        console.print(f"[yellow]conflict:[/] {conflict.message}", highlight=False)
    for note in result.plan.notes:
        console.print(f"[yellow]note:[/] {note}", highlight=False)
    from scenegen.report.design import design_summary

    console.print(design_summary(result.scene).line(), highlight=False)
    out_console.print(f"wrote {', '.join(sorted(paths))} to [bold]{out_dir}[/]", highlight=False)
    code = result.exit_code
    if result.scene.unplaced:
        names = ", ".join(u.id for u in result.scene.unplaced[:5])
        more = f" and {len(result.scene.unplaced) - 5} more" if len(result.scene.unplaced) > 5 else ""
        console.print(f"[bold red]error:[/] could not place {len(result.scene.unplaced)} of {len(result.plan.objects)} "
                      f"objects ({names}{more}): {result.scene.unplaced[0].reason}", highlight=False)
    elif code:
        console.print("[bold red]error:[/] the scene failed validation (see the table above and report.json)")
    raise typer.Exit(code)


@app.command()
def schema(out: Annotated[Optional[Path], typer.Option("--out", "-o", help="write here instead of stdout")] = None,
           home: Annotated[bool, typer.Option("--home", help="the 2.0 home's schema (several rooms)")] = False
           ) -> None:
    """Print (or write) the JSON Schema of scene.json (a 1.0 room, or with --home a 2.0 home)."""
    import json

    from scenegen.home.model import home_json_schema
    from scenegen.scene_files import scene_json_schema, write_atomic

    text = json.dumps(home_json_schema() if home else scene_json_schema(), indent=2, sort_keys=True) + "\n"
    if out:
        write_atomic(out, text)
    else:
        sys.stdout.write(text)


@app.command("catalog")
def list_catalog(
    gallery: Annotated[Optional[Path], typer.Option(help="also render every category's mesh into this PNG")] = None,
    seed: Annotated[int, typer.Option(help="seed for the gallery's meshes")] = 0,
    variants: Annotated[int, typer.Option(min=1, max=4, help="gallery: draws of each category (different seeds)")] = 1,
    json_out: Annotated[bool, typer.Option("--json", help="print the whole catalog as JSON data")] = False,
) -> None:
    """List the object categories, their synonyms and typical sizes (and render a gallery of their meshes)."""
    from rich.table import Table

    from scenegen import catalog

    if json_out:
        print(catalog.to_json())
        return

    if gallery:
        import io

        from scenegen.render.gallery import catalog_gallery
        from scenegen.scene_files import write_atomic

        with user_errors():
            buf = io.BytesIO()
            catalog_gallery(seed=seed, variants=variants).save(buf, format="PNG")
            write_atomic(gallery, buf.getvalue())
        out_console.print(f"wrote {gallery}")
        return

    table = Table("category", "support", "typical W×D×H (m)", "synonyms")
    for name in catalog.names():
        c = catalog.get(name)
        table.add_row(name, c.support, "×".join(f"{v:.2f}" for v in c.size_typical), ", ".join(c.synonyms))
    out_console.print(table)


def _print_attempts(report) -> None:  # type: ignore[no-untyped-def]
    """One line per repair round when there was more than one."""
    if len(report.attempts) < 2:
        return
    for a in report.attempts:
        status = "[green]passed[/]" if a.passed else f"[red]{len(a.failures)} failed, {len(a.unplaced)} unplaced[/]"
        then = f"; then: {'; '.join(a.repairs)}" if a.repairs else ""
        console.print(f"attempt {a.attempt}: {status}{then}", highlight=False)


def _register_command_modules() -> None:
    for path in sorted(Path(__file__).parent.glob("cmd_*.py")):
        import_module(f"cli.{path.stem}").register(app)


_register_command_modules()


def run(argv: list[str] | None = None) -> None:
    app(args=argv)


if __name__ == "__main__":
    run()
