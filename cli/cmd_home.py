"""Homes on the command line: ``scenegen make`` hands a home prompt here (``run_make_home``), ``eval homes``,
``bench home``, and the home side of ``validate`` and ``export`` (``validate_home_file``, ``export_home``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import bench_app, console, out_console, user_errors


def register(app: typer.Typer) -> None:
    """Adds ``homes`` to the ``eval`` group and ``home`` to the ``bench`` group."""
    from cli.cmd_eval import eval_app

    eval_app.command("homes")(eval_homes)
    bench_app.command("home")(bench_home)


def run_make_home(prompt: str, *, seed: int, out_dir: Path, planner: str, density: str, attempts: int,
                  pictures: bool, refused: dict[str, bool]) -> None:
    """``scenegen make`` for a home prompt: same flags and exit codes as a room (0 ok, 3 unplaced, 4 invalid, 1 bad
    input in one line). ``refused``: room-only flags that were given (--objects image3d, --judge, --sim)."""
    import warnings

    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from scenegen.home.make import make_home
    from scenegen.home.outputs import write_home_outputs

    with user_errors():
        given = [name for name, on in refused.items() if on]
        if given:
            raise ValueError(f"{', '.join(given)} work on single rooms; a home is made with procedural objects and "
                             f"the default checks (run them on a room: OUT/rooms/<room>/scene.json)")
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console,
                      transient=True) as bar:
            task = bar.add_task("home", total=None)

            def step(stage: str) -> None:
                bar.update(task, description=f"{stage}…")
                console.print(f"[dim]{stage}[/]", highlight=False)

            result = make_home(prompt, seed=seed, planner=planner, density=density, attempts=attempts,
                               progress=step)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", UserWarning)
                paths = write_home_outputs(result, out_dir, pictures=pictures, progress=step)
    for w in caught:
        console.print(f"[yellow]warning:[/] {w.message}", highlight=False)
    _print_home(result, paths, out_dir)


def _print_home(result, paths: dict, out_dir: Path) -> None:  # noqa: ANN001 -- HomeResult
    """A table of rooms and the home checks; then exit with the home's code, saying in one line why when not 0."""
    from rich.markup import escape
    from rich.table import Table

    home, report = result.home, result.report
    table = Table("room", "m²", "objects", "unplaced", "checks", "seconds",
                  title=f"{home.program.name}: {len(home.rooms)} rooms, {home.area:.0f} m²")
    for r in home.rooms:
        rep = report.rooms[r.id]
        fails = [f for f in rep.findings if f.status == "fail"]
        table.add_row(r.name, f"{r.scene.room.area:.1f}", str(len(r.scene.objects)), str(len(r.scene.unplaced)),
                      "[green]pass[/]" if not fails else f"[red]{len(fails)} failed[/]: {fails[0].validator}",
                      f"{report.timings.get(f'room.{r.id}', 0.0):.1f}")
    out_console.print(table)
    checks = Table("home check", "status", "detail")
    for f in report.findings:
        checks.add_row(f.check, "[green]pass[/]" if f.status == "pass" else "[red]FAIL[/]", f.message)
    out_console.print(checks)
    for note in home.notes:
        console.print(f"[yellow]note:[/] {escape(note)}", highlight=False)
    out_console.print(f"wrote {', '.join(sorted(paths))} to [bold]{out_dir}[/]", highlight=False)
    code = result.exit_code
    if code == 3:
        unplaced = [f"{r.id}/{u.id}" for r in home.rooms for u in r.scene.unplaced]
        console.print(f"[bold red]error:[/] could not place {len(unplaced)} objects ({', '.join(unplaced[:5])})",
                      highlight=False)
    elif code:
        console.print(f"[bold red]error:[/] the home failed validation: {escape(report.failures()[0])}",
                      highlight=False)
    raise typer.Exit(code)


def validate_home_file(path: Path, as_json: bool) -> None:
    """``scenegen validate`` on a 2.0 home: every room's validators and the home checks; exit 0 or 4."""
    from scenegen.home.model import load_home
    from scenegen.home.validate import validate_home
    from validators import validate as run_validate

    with user_errors():
        home = load_home(path)
        reports = {r.id: run_validate(r.scene) for r in home.rooms}
        findings = validate_home(home)
    rows = [{"room": rid, "passed": rep.passed, "failures": [f"{f.validator}.{f.check}: {f.message}"
                                                             for f in rep.findings if f.status == "fail"]}
            for rid, rep in reports.items()]
    passed = all(r["passed"] for r in rows) and all(f.status != "fail" for f in findings)
    if as_json:
        out_console.print_json(json.dumps({"rooms": rows, "home": [f.model_dump(mode="json") for f in findings],
                                           "passed": passed}))
    else:
        for r in rows:
            out_console.print(f"{r['room']}: {'pass' if r['passed'] else 'FAIL ' + '; '.join(r['failures'][:2])}",
                              highlight=False, markup=False)
        for f in findings:
            out_console.print(f"home.{f.check}: {f.status}: {f.message}", highlight=False, markup=False)
    raise typer.Exit(0 if passed else 4)


def export_home(kind: str, path: Path, out: Path, **kw: str) -> None:
    """``scenegen export`` on a 2.0 home: ``sceneeval`` writes one SceneEval scene per room (``OUT/<room>/``),
    ``usd`` the home's scene.usda with one group per room; other formats are refused in one line."""
    from scenegen.home.model import load_home

    with user_errors():
        home = load_home(path)
        if kind == "sceneeval":
            from scenegen.export.sceneeval import export_sceneeval

            for k, r in enumerate(home.rooms):
                res = export_sceneeval(r.scene, out / r.id, scene_id=f"{kw.get('scene_id', '0')}_{k}",
                                       prefix=kw.get("prefix", "scenegen"))
                out_console.print(f"wrote {res.scene_state} ({len(res.meshes)} meshes)", highlight=False,
                                  markup=False)
            return
        if kind == "usd":
            from scenegen.home.outputs import write_home_usda

            if out.suffix.lower() not in (".usda", ".usd"):
                raise ValueError(f"--out {out} must end in .usda (text USD)")
            folder = out.parent / out.stem
            written = write_home_usda(home, folder)
            out.write_text(written.read_text().replace("@./rooms/", f"@./{out.stem}/rooms/"))
            out_console.print(f"wrote {out} ({len(home.rooms)} rooms, rooms under {folder})", highlight=False,
                              markup=False)
            return
        raise ValueError(f"export {kind} reads one room; a home's rooms are OUT/rooms/<room>/scene.json")


def eval_homes(
    set_path: Annotated[Optional[Path], typer.Option("--set", help="a homes.jsonl")] = None,
    make: Annotated[bool, typer.Option(help="make every home (else read prompts and lay out floor plans only)")]
    = True,
    seed: Annotated[int, typer.Option()] = 0,
    planner: Annotated[str, typer.Option(help="planner recorded for the rooms (homes are read by rules)")] = "rules",
    density: Annotated[str, typer.Option(help="design density of every room")] = "normal",
    limit: Annotated[Optional[int], typer.Option(help="only the first N prompts")] = None,
    out: Annotated[Optional[Path], typer.Option(help="also write each home's files here (no pictures)")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="write every case as JSON here")] = None,
) -> None:
    """Share of valid homes, of homes with every room reachable from the entrance, and of prompts whose room counts
    and types match, on prompts/eval/homes.jsonl."""
    from rich.table import Table

    from scenegen.home.evaluate import HOMES_SET, cases_json, eval_homes as run_eval, eval_summary

    with user_errors():
        cases = run_eval(path=set_path or HOMES_SET, make=make, seed=seed, planner=planner, density=density,
                         limit=limit, out_dir=out, progress=lambda s: console.print(f"[dim]{s}[/]", highlight=False))
    table = Table("prompt", "home", "counts", "valid", "reach", "s", "why")
    for c in cases:
        why = c.error or (c.failures[0] if c.failures else "")
        table.add_row(c.prompt[:48], _yn(c.is_home), _yn(c.counts_match), _yn(c.valid), _yn(c.reachable),
                      f"{c.seconds:.0f}", why[:70])
    out_console.print(table)
    summary = eval_summary(cases)
    out_console.print(f"{summary['prompts']} prompts: counts match {summary['counts_match']:.1%}, valid homes "
                      f"{summary['valid']:.1%}, every room reachable {summary['all_rooms_reachable']:.1%}, "
                      f"{summary['seconds_mean']:.1f} s per home", highlight=False)
    if json_out:
        json_out.write_text(json.dumps({"summary": summary, "cases": cases_json(cases)}, indent=2) + "\n")


def _yn(v: bool) -> str:
    return "[green]yes[/]" if v else "[red]no[/]"


def bench_home(
    rooms: Annotated[str, typer.Option(help="room counts, comma-separated (2, 3, 5, 8, 10, 12)")] = "2,5,10",
    seed: Annotated[int, typer.Option()] = 0,
    planner: Annotated[str, typer.Option()] = "rules",
    density: Annotated[str, typer.Option()] = "normal",
    json_out: Annotated[bool, typer.Option("--json", help="print rows as JSON")] = False,
) -> None:
    """Seconds to make homes of growing room counts (floor plan, every room designed, solved and validated, home
    checks), seconds per room, and how time grows with rooms."""
    from rich.table import Table

    from scenegen.home.evaluate import bench_home as run_bench, growth_exponent

    with user_errors():
        sizes = [int(x) for x in rooms.split(",") if x.strip()]
        rows = run_bench(sizes, seed=seed, planner=planner, density=density,
                         progress=lambda s: console.print(f"[dim]{s}[/]", highlight=False))
    if json_out:
        out_console.print_json(json.dumps([{**r.__dict__, "seconds_per_room": r.seconds_per_room} for r in rows]))
        return
    table = Table("rooms", "objects", "seconds", "s / room", "slowest room", "exit")
    for r in rows:
        slow = max(r.per_room.items(), key=lambda kv: kv[1])
        table.add_row(str(r.rooms), str(r.objects), f"{r.seconds:.1f}", f"{r.seconds_per_room:.1f}",
                      f"{slow[0]} {slow[1]:.1f} s", str(r.exit_code))
    out_console.print(table)
    for r in rows:
        out_console.print(f"{r.rooms} rooms, seconds per room: " + ", ".join(f"{k} {v:.1f}" for k, v in
                                                                           r.per_room.items()), highlight=False)
    k = growth_exponent(rows)
    if k is not None:
        out_console.print(f"time grows as rooms^{k:.2f} from {rows[0].rooms} to {rows[-1].rooms} rooms",
                          highlight=False)
    five = [r for r in rows if r.rooms == 5]
    if five:
        verdict = "within" if five[0].seconds <= 60 else "OVER"
        out_console.print(f"5-room home: {five[0].seconds:.1f} s ({verdict} the 60 s budget)", highlight=False)


def eval_home_faults(homes: int) -> None:
    """``eval validators --homes N``: each home check's detection rate on planted home faults and its fail rate on
    the clean homes."""
    from rich.table import Table

    from scenegen.home.evaluate import eval_home_faults as run

    with user_errors():
        rows = run(homes, progress=lambda s: console.print(f"[dim]{s}[/]", highlight=False))
    table = Table("home check", "catches", "detected", "detection", "clean fails", title="home checks against "
                  "planted home faults")
    for r in rows:
        rate = f"{r.detected / r.planted:.1%}" if r.planted else "—"
        table.add_row(r.check, ", ".join(r.faults) or "—", f"{r.detected}/{r.planted}", rate,
                      f"{r.clean_fails}/{r.clean_homes}")
    out_console.print(table)


def mutate_home(path: Path, fault: str, seed: int, out: Path) -> None:
    """``scenegen mutate`` on a 2.0 home: plant a home fault and write the mutated home."""
    from scenegen.home.evaluate import HOME_FAULT_CHECKS
    from scenegen.home.model import dump_home, load_home
    from scenegen.home.mutate import HOME_FAULTS, plant_home_fault
    from scenegen.rng import stage_rng
    from scenegen.scene_files import write_atomic

    with user_errors():
        if fault not in HOME_FAULTS:
            raise ValueError(f"unknown home fault {fault!r}; on a home choose from: {', '.join(HOME_FAULTS)} (room "
                             f"faults: mutate OUT/rooms/<room>/scene.json)")
        mutated, ids = plant_home_fault(load_home(path), fault, stage_rng(seed, f"mutate/home/{fault}"))
        write_atomic(out, dump_home(mutated))
    out_console.print(f"planted {fault} at {', '.join(ids)}; should be caught by: "
                      f"{', '.join('home.' + c for c in HOME_FAULT_CHECKS[fault])}", highlight=False, markup=False)
    out_console.print(f"wrote {out}", highlight=False, markup=False)


def load_walkable(path: Path):  # noqa: ANN201 -- a Scene
    """The scene ``walk`` and ``rollout`` move through: a 1.x room as it is, a 2.0 home as one scene of all its
    rooms with its interior walls as obstacles (``scenegen.home.walk``), so the walk passes through its doors."""
    from scenegen.home.model import is_home_file, load_home
    from scenegen.scene_files import load_scene

    if not is_home_file(path):
        return load_scene(path)
    from scenegen.home.walk import home_as_scene

    return home_as_scene(load_home(path))


def report_home(path: Path, out: Path | None) -> None:
    """``scenegen report`` on a home folder: report.html (and each room's page) rebuilt from scene.json, report.json
    and the pictures in the folder."""
    from scenegen.home.make import HomeReport
    from scenegen.home.model import load_home
    from scenegen.home.outputs import home_report_html
    from scenegen.scene_files import write_atomic

    folder = path if path.is_dir() else path.parent
    with user_errors():
        home = load_home(folder)
        try:
            report = HomeReport.model_validate_json((folder / "report.json").read_text())
        except (OSError, ValueError) as exc:
            raise ValueError(f"{folder / 'report.json'} is missing or not a home report ({exc.__class__.__name__}); "
                             f"validate the home with scenegen validate") from None
        target = out or folder / "report.html"
        write_atomic(target, home_report_html(home, report, folder, pictures=True))
    out_console.print(f"wrote {target} and {len(home.rooms)} room reports", highlight=False, markup=False)
