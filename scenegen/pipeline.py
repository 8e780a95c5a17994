"""make(): prompt -> plan -> assets -> solve -> Scene -> validate -> Report, and write_outputs() for the files.

Each stage is a plain function over typed objects; randomness comes from per-stage generators derived from the seed
(``scenegen.rng``), and each object's asset from its own stream, so adding an object never changes another's mesh.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scenegen import __version__
from scenegen.rng import stage_rng
from scenegen.scene import AssetRef, LayoutPlan, Provenance, Report, Scene

ProgressFn = Callable[[str], None]
"""Called with a short stage name as each stage starts (for progress bars)."""

STAGES = ("plan", "assets", "solve", "validate")

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_UNPLACED = 3
EXIT_INVALID = 4


@dataclass
class MakeResult:
    plan: LayoutPlan
    scene: Scene
    report: Report
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every object was placed and every check passed; 3 when objects could not be placed; 4 when a
        validator failed."""
        if self.scene.unplaced:
            return EXIT_UNPLACED
        return EXIT_OK if self.report.passed else EXIT_INVALID


def make(prompt: str, *, seed: int = 0, planner: str = "rules", assets: str = "procedural",
         validators: list[str] | None = None, progress: ProgressFn | None = None) -> MakeResult:
    """Run the whole flow for one prompt. Raises ``PlanError`` (one-line message) on a prompt it cannot read."""
    from scenegen.plan import plan as make_plan

    step = progress or (lambda _stage: None)
    timings: dict[str, float] = {}

    step("plan")
    t0 = time.perf_counter()
    layout = make_plan(prompt, planner=planner, seed=seed)
    timings["plan"] = time.perf_counter() - t0

    step("assets")
    t0 = time.perf_counter()
    refs, sizes = build_assets(layout, seed=seed, backend=assets)
    timings["assets"] = time.perf_counter() - t0

    step("solve")
    t0 = time.perf_counter()
    scene = solve_scene(layout, refs, sizes, seed=seed, planner=planner, assets=assets)
    timings["solve"] = time.perf_counter() - t0

    step("validate")
    t0 = time.perf_counter()
    from validators import validate

    report = validate(scene, only=validators)
    timings["validate"] = time.perf_counter() - t0
    report = report.model_copy(update={"timings": {**timings, **{f"validate.{k}": v for k, v in
                                                                 report.timings.items()}}})
    return MakeResult(layout, scene, report, timings)


Size3 = tuple[float, float, float]


def build_assets(layout: LayoutPlan, *, seed: int, backend: str = "procedural"
                 ) -> tuple[dict[str, AssetRef], dict[str, Size3]]:
    """Per planned object: its AssetRef and the (width, depth, height) of its mesh in metres."""
    from scenegen.assets import build_mesh, plan_asset

    refs: dict[str, AssetRef] = {}
    sizes: dict[str, Size3] = {}
    for obj in layout.objects:
        ref = plan_asset(obj, stage_rng(seed, f"assets/{obj.id}"), backend="box" if obj.generic else backend)
        mesh = build_mesh(ref)
        w, d, h = (float(v) for v in mesh.extents)
        refs[obj.id] = ref
        sizes[obj.id] = (w, d, h)
    return refs, sizes


def solve_scene(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3], *, seed: int, planner: str,
                assets: str) -> Scene:
    from scenegen.solve import solve

    result = solve(layout, refs, sizes, stage_rng(seed, "solve"))
    provenance = Provenance(prompt=layout.prompt, seed=seed, planner=planner, assets=assets, solver="greedy",
                            versions={"scenegen": __version__, "python": platform.python_version()})
    return Scene(room=layout.room, objects=result.objects, unplaced=result.unplaced, plan=layout,
                 provenance=provenance)


def write_outputs(result: MakeResult, out_dir: str | Path, *, pictures: bool = True,
                  progress: ProgressFn | None = None) -> dict[str, Path]:
    """Write scene.json, report.json, scene.glb and (optionally) top-down and perspective pictures into ``out_dir``.

    The scene and report go first, so a failure while rendering never loses the scene.
    """
    from scenegen.export import write_glb, write_json

    step = progress or (lambda _stage: None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    step("export")
    paths = {
        "scene.json": write_json(result.scene, out / "scene.json"),
        "report.json": write_json(result.report, out / "report.json"),
        "plan.json": write_json(result.plan, out / "plan.json"),
        "scene.glb": write_glb(result.scene, out / "scene.glb"),
    }
    if pictures:
        step("render")
        paths.update(write_pictures(result.scene, result.report, out))
    return paths


def write_pictures(scene: Scene, report: Report, out_dir: Path) -> dict[str, Path]:
    """topdown.png (objects labelled, failures in red) and view.png (a perspective view from a corner)."""
    import io

    from scenegen.render.views import perspective_view, top_down_map
    from scenegen.scene import write_atomic

    paths = {}
    for name, image in (("topdown.png", top_down_map(scene, report.findings)),
                        ("view.png", perspective_view(scene))):
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        write_atomic(out_dir / name, buf.getvalue())
        paths[name] = out_dir / name
    return paths
