"""Simulation commands: ``scenegen export mjcf``, ``scenegen export urdf`` and ``scenegen bench sim`` (issue 22)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import bench_app, out_console, user_errors

SceneArg = Annotated[Path, typer.Argument(metavar="SCENE", help="a scene.json or a scene folder holding one")]


def register(app: typer.Typer) -> None:
    """Adds ``mjcf`` and ``urdf`` to the ``export`` group and ``sim`` to ``bench`` (``app`` itself is left alone)."""
    from cli.cmd_export import export_app

    export_app.command("mjcf")(export_mjcf)
    export_app.command("urdf")(export_urdf)
    bench_app.command("sim")(bench_sim)


def _needs(module: str, package: str) -> None:
    try:
        __import__(module)
    except ImportError:
        raise ValueError(f"this needs the {package} package: pip install {package}") from None


def export_mjcf(scene_path: SceneArg,
                out: Annotated[Path, typer.Option("--out", "-o", help="the MJCF .xml file to write")]) -> None:
    """Write a MuJoCo model: the room static, each object a body (free, or fixed when wall-mounted) with mass from its
    materials, convex collision parts and its doors and drawers as joints; checked by loading it in MuJoCo."""
    from scenegen.export.mjcf import mjcf_text
    from scenegen.scene_files import load_scene, write_atomic

    with user_errors():
        if out.suffix.lower() != ".xml":
            raise ValueError(f"--out {out} must end in .xml (MJCF)")
        scene = load_scene(scene_path)
        text = mjcf_text(scene)
        _needs("mujoco", "mujoco")
        import mujoco

        model = mujoco.MjModel.from_xml_string(text)
        write_atomic(out, text)
    out_console.print(f"wrote {out} ({model.nbody - 1} bodies, {model.njnt} joints, {model.ngeom} collision geoms; "
                      f"loads in MuJoCo {mujoco.__version__})", highlight=False, markup=False)


def export_urdf(scene_path: SceneArg,
                out: Annotated[Path, typer.Option("--out", "-o", help="folder for scene.sdf, room.urdf, objects/, "
                                                  "meshes/")]) -> None:
    """Write one URDF per object (doors and drawers as joints), room.urdf, and scene.sdf that pybullet.loadSDF loads
    in one call."""
    from scenegen.export.urdf import write_urdf
    from scenegen.scene_files import load_scene

    with user_errors():
        if out.suffix:
            raise ValueError(f"--out {out} must be a folder (no file suffix)")
        scene = load_scene(scene_path)
        result = write_urdf(scene, out)
    out_console.print(f"wrote {result.scene_sdf}, {len(result.urdfs)} URDF files and {result.meshes} collision "
                      f"meshes under {out}", highlight=False, markup=False)


def bench_sim(
    runs: Annotated[int, typer.Option(help="timed runs (after one that fills the collision cache)", min=1)] = 3,
    scenes: Annotated[list[Path], typer.Option(
        "--scenes", help="instead: the acceptance numbers over these saved scenes (folders or scene.json files)")]
    = [],  # noqa: B006 - typer needs a literal default
) -> None:
    """Export + a 2 s MuJoCo settle + the joint sweep for a 40-object scene (target ≤ 5 s, collision parts cached);
    with --scenes, the issue-22 acceptance numbers over saved scenes."""
    from scenegen.bench.sim import TARGET_S, bench_sim as run_bench

    with user_errors():
        _needs("mujoco", "mujoco")
        if scenes:
            _print_acceptance(scenes)
            return
        result = run_bench(runs=runs)
    out_console.print(
        f"{result.objects} objects, {result.joints} joints: cold (collision parts computed) {result.cold_s:.2f} s; "
        f"warm median {result.median_s:.2f} s (export {result.stages['export']:.2f}, load {result.stages['load']:.2f}, "
        f"settle {result.stages['settle']:.2f}, sweep {result.stages['sweep']:.2f}); target ≤ {TARGET_S:g} s: "
        f"{'met' if result.median_s <= TARGET_S else 'missed'}", highlight=False, markup=False)


def _print_acceptance(paths: list[Path]) -> None:
    from scenegen.bench.sim import acceptance

    rows = acceptance(paths)
    objects, settled = sum(r.objects for r in rows), sum(r.settled for r in rows)
    joints, clear = sum(r.joints for r in rows), sum(r.clear for r in rows)
    for r in rows:
        for problem in r.problems:
            out_console.print(f"{r.scene}: {problem}", highlight=False, markup=False)
    types = sorted({r.room_type for r in rows})
    out_console.print(
        f"{len(rows)} scenes, {len(types)} room types ({', '.join(types)}): {settled}/{objects} objects settle within "
        f"1 cm and 2° ({settled / max(objects, 1):.1%}); {clear}/{joints} doors and drawers open clear "
        f"({clear / max(joints, 1):.1%}); MJCF loads {sum(r.mjcf_loads for r in rows)}/{len(rows)}; URDF/SDF load in "
        f"pybullet {sum(r.urdf_loads for r in rows)}/{len(rows)}; USD physics complete {sum(r.usd_ok for r in rows)}/"
        f"{len(rows)}", highlight=False, markup=False)
