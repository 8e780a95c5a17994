"""make(): prompt -> plan -> assets -> solve -> Scene -> validate -> Report, and write_outputs() for the files.

Each stage is a plain function over typed objects; randomness comes from per-stage generators derived from the seed
(``scenegen.rng``), and each object's asset from its own stream, so adding an object never changes another's mesh.
"""

from __future__ import annotations

import dataclasses
import math
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenegen import __version__
from scenegen.options import Image3DOptions, MakeOptions
from scenegen.rng import stage_rng
from scenegen.scene import AssetRef, LayoutPlan, Provenance, Report, Scene
from scenegen.scene_files import write_atomic

if TYPE_CHECKING:
    from scenegen.options import JudgeOptions, LLMOptions
    from scenegen.solve.solver import RepairHints

ProgressFn = Callable[[str], None]
"""Called with a short stage name as each stage starts (for progress bars)."""

STAGES = ("plan", "assets", "solve", "validate")

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_UNPLACED = 3
EXIT_INVALID = 4


@dataclass
class MakeResult:
    """What ``make`` made: the plan, the scene, its report, seconds per stage, and the options it ran with."""

    plan: LayoutPlan
    scene: Scene
    report: Report
    timings: dict[str, float] = field(default_factory=dict)
    options: MakeOptions = field(default_factory=MakeOptions)

    @property
    def exit_code(self) -> int:
        """0 when every object was placed and every check passed; 3 when objects could not be placed; 4 when a
        validator failed."""
        if self.scene.unplaced:
            return EXIT_UNPLACED
        return EXIT_OK if self.report.passed else EXIT_INVALID


DEFAULT_ATTEMPTS = 3
"""Solve-and-validate rounds of the repair loop unless told otherwise."""
ROOMIER_ATTEMPTS = 2
"""Solve-and-validate rounds (the second with the first's repair hints) at each larger room size tried when a room
the prompt did not size is still too crowded (``_roomier_fallback``)."""


def make(prompt: str, options: MakeOptions | None = None, *, progress: ProgressFn | None = None,
         **changes: Any) -> MakeResult:
    """Run the whole flow for one prompt with ``options`` (None: ``MakeOptions()``) and ``changes`` on top of them
    (``MakeOptions.replace`` keywords: ``make("a bedroom", seed=2)``, ``make(p, opts, **{"image3d.images": d})``).
    Raises ``PlanError`` (one-line message) on a prompt it cannot read and ``ValueError`` on an unknown option.

    The solve and validate stages form the repair loop: when the scene fails a check or leaves objects unplaced, the
    findings become constraints and moves (``scenegen.solve.repair``) and the room is solved again, up to
    ``attempts`` rounds. The round with the fewest unplaced objects, then the fewest failed findings, is kept; the
    report lists every round. Whatever is still unmet is explained (``scenegen.solve.explain``) in the scene's
    ``conflicts``.

    ``objects="image3d"`` reconstructs each object from a photo (``options.image3d``: a folder ``images``, or photos
    made per planned object by the local diffusers pipeline ``text_to_image`` into ``images_out``, default a folder in
    the user's cache). Objects without a photo get the ``fallback`` generator, and the plan's notes say which.

    ``density`` (``minimal`` | ``normal`` | ``full``) runs the design stage (``scenegen.design``) after the plan:
    ``minimal`` keeps only what the prompt lists (the library default; the CLI's default is ``normal``).
    ``MakeResult.options`` holds the options used; ``write_outputs`` writes them as ``options.json``.
    """
    opts = options or MakeOptions()
    opts = opts.replace(**changes) if changes else opts
    step = progress or (lambda _stage: None)
    timings: dict[str, float] = {}

    step("plan")
    t0 = time.perf_counter()
    layout = _plan_or_empty_room(prompt, opts.planner, opts.seed, opts.density, opts.llm)
    timings["plan"] = time.perf_counter() - t0
    if opts.density != "minimal":
        from scenegen.design import complete

        step("design")
        t0 = time.perf_counter()
        layout = complete(layout, opts.density, stage_rng(opts.seed, "design"))  # type: ignore[arg-type]
        timings["design"] = time.perf_counter() - t0
    from scenegen.design.room_fit import fit_far_relations

    layout = fit_far_relations(layout)
    if not layout.objects:
        from scenegen.plan import PlanError

        room = (layout.program or layout.room.type).replace("_", " ")
        raise PlanError(f"the prompt names {'an' if room[0] in 'aeiou' else 'a'} {room} but no furniture, and this run "
                        f"only places what the prompt lists; name some objects or add --density normal")

    step("assets")
    t0 = time.perf_counter()
    layout, backend_options = _asset_options(opts, layout)
    refs, sizes = build_assets(layout, seed=opts.seed, backend=opts.objects, options=backend_options)
    timings["assets"] = time.perf_counter() - t0
    from scenegen.design.room_fit import fit_room_to_objects

    layout = fit_room_to_objects(layout, refs, sizes)

    validators = list(opts.validators) if opts.validators is not None else None
    scene, report = _solve_and_repair(layout, refs, sizes, seed=opts.seed, planner=opts.planner, assets=opts.objects,
                                      validators=validators, attempts=opts.attempts, step=step, timings=timings,
                                      judge=opts.judge)
    report = report.model_copy(update={"timings": {**timings, **{f"validate.{k}": v for k, v in
                                                                 report.timings.items()}}})
    return MakeResult(layout, scene, report, timings, opts)


def _plan_or_empty_room(prompt: str, planner: str, seed: int, density: str,
                        llm: "LLMOptions | None" = None) -> LayoutPlan:
    """The planner's plan; when it finds no objects in a prompt that names a room ("a living room") and the design
    stage will run, an empty room of that type for the design stage to furnish."""
    from scenegen.plan import PlanError, plan as make_plan

    try:
        return make_plan(prompt, planner=planner, seed=seed, options=llm)
    except PlanError:
        from scenegen.design.empty import empty_plan

        empty = empty_plan(prompt, planner) if density != "minimal" else None
        if empty is None:
            raise
        return empty


def _solve_and_repair(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3], *, seed: int,
                      planner: str, assets: str, validators: list[str] | None, attempts: int, step: ProgressFn,
                      timings: dict[str, float], judge: "JudgeOptions | None" = None) -> tuple[Scene, Report]:
    from scenegen.design import prune_unplaced, relieve
    from scenegen.scene import Attempt
    from scenegen.solve.repair import repair_hints
    from scenegen.solve.solver import RepairHints
    from validators import validate

    hints = RepairHints()
    rounds: list[Attempt] = []
    best: tuple[tuple[int, int], int, Scene, Report] | None = None
    timings["solve"] = timings["validate"] = 0.0
    for k in range(attempts):
        step("solve" if k == 0 else f"solve (attempt {k + 1})")
        t0 = time.perf_counter()
        scene = solve_scene(layout, refs, sizes, seed=seed, planner=planner, assets=assets, hints=hints, attempt=k)
        scene = prune_unplaced(scene)  # design extras that found no place are let go; the prompt's objects are not
        timings["solve"] += time.perf_counter() - t0
        step("validate")
        t0 = time.perf_counter()
        report = validate(scene, only=validators, judge=judge)
        timings["validate"] += time.perf_counter() - t0
        fails = [f for f in report.findings if f.status == "fail"]
        passed = not fails and not scene.unplaced
        rank = (len(scene.unplaced), len(fails))
        if best is None or rank < best[0]:
            best = (rank, k, scene, report)
        repairs: list[str] = []
        if not passed and k + 1 < attempts:
            hints, repairs = repair_hints(scene, report, hints)
            layout, dropped = relieve(layout, scene, report)  # design extras a failed check names go first
            repairs += [f"dropped design extra {d}" for d in dropped]
        rounds.append(Attempt(attempt=k + 1, passed=passed, unplaced=[u.id for u in scene.unplaced],
                              failures=[f"{f.validator}.{f.check}: {f.message}" for f in fails], repairs=repairs))
        if passed:
            break
    assert best is not None
    _, chosen, scene, report = best
    if best[0] != (0, 0):
        scene, report = _shed_design_extras(scene, report, chosen, rounds, validators, judge, step, timings)
    if scene.unplaced or any(f.status == "fail" for f in report.findings):
        scene, report = _sparse_fallback(scene, report, refs, sizes, rounds, seed=seed, planner=planner,
                                         assets=assets, validators=validators, judge=judge, timings=timings)
    if scene.unplaced or any(f.status == "fail" for f in report.findings):
        scene, report = _roomier_fallback(scene, report, refs, sizes, rounds, seed=seed, planner=planner,
                                          assets=assets, validators=validators, judge=judge, timings=timings)
    t0 = time.perf_counter()
    scene = _with_conflicts(scene, scene.plan, refs, sizes)  # the plan this round solved, less what design let go
    timings["explain"] = time.perf_counter() - t0
    return scene, report.model_copy(update={"attempts": rounds})


def _shed_design_extras(scene: Scene, report: Report, chosen: int, rounds: list["Attempt"],
                        validators: list[str] | None, judge: "JudgeOptions | None", step: ProgressFn,
                        timings: dict[str, float]) -> tuple[Scene, Report]:
    """The chosen room after the repair loop, less the design extras its failed checks still name (re-validated each
    time; see ``scenegen.design.prune.shed_extras``); each kept step is one more round in ``rounds``."""
    from scenegen.design.prune import shed_extras
    from scenegen.scene import Attempt
    from validators import validate

    step("validate (letting design extras go)")
    t0 = time.perf_counter()
    scene, report, shed = shed_extras(scene, report, lambda s: validate(s, only=validators, judge=judge))
    timings["validate"] += time.perf_counter() - t0
    for dropped, after in shed:
        rounds[-1] = rounds[-1].model_copy(update={"repairs": [
            *rounds[-1].repairs, *(f"let go design extra {d} from attempt {chosen + 1}'s room (no new solve)"
                                  for d in dropped)]})
        fails = [f for f in after.findings if f.status == "fail"]
        rounds.append(Attempt(attempt=len(rounds) + 1, passed=not fails and not scene.unplaced,
                              unplaced=[u.id for u in scene.unplaced],
                              failures=[f"{f.validator}.{f.check}: {f.message}" for f in fails]))
    return scene, report


def _sparse_fallback(scene: Scene, report: Report, refs: dict[str, AssetRef], sizes: dict[str, Size3],
                     rounds: list["Attempt"], *, seed: int, planner: str, assets: str, validators: list[str] | None,
                     judge: "JudgeOptions | None", timings: dict[str, float]) -> tuple[Scene, Report]:
    """One more solve of a furnished room that still fails, without its design floor extras
    (``scenegen.design.prune.sparse_layout``); kept, as one more round, only when it leaves fewer unplaced objects or
    failed checks. The program's core anchors stay unless the prompt itself has floor furniture."""
    from scenegen.design import is_added

    on_floor = {o.id for o in scene.objects if o.support is None}
    asked_floor = any(o.id in on_floor and not is_added(o) for o in scene.plan.objects)
    for keep_core in (True, False) if asked_floor else (True,):  # the core goes only where the prompt has furniture
        scene, report = _sparse_try(scene, report, refs, sizes, rounds, keep_core, seed=seed, planner=planner,
                                    assets=assets, validators=validators, judge=judge, timings=timings)
        if not scene.unplaced and not any(f.status == "fail" for f in report.findings):
            break
    return scene, report


def _roomier_fallback(scene: Scene, report: Report, refs: dict[str, AssetRef], sizes: dict[str, Size3],
                      rounds: list["Attempt"], *, seed: int, planner: str, assets: str, validators: list[str] | None,
                      judge: "JudgeOptions | None", timings: dict[str, float]) -> tuple[Scene, Report]:
    """The room solved again (``ROOMIER_ATTEMPTS`` repair rounds) at each of ``room_fit.ROOMIER``'s larger sizes in
    turn while it still leaves things out of reach or unplaced (``room_fit.crowded``) and the prompt gave no size; a
    larger room's round is kept, as one more round in ``rounds``, only when it leaves fewer unplaced objects or
    failed checks."""
    from scenegen.design.room_fit import ROOMIER, crowded, roomier
    from scenegen.scene import Attempt
    from scenegen.solve.repair import repair_hints
    from scenegen.solve.solver import RepairHints
    from validators import validate

    base = scene.plan
    for k in ROOMIER:
        failed = [f.validator for f in report.findings if f.status == "fail" and not f.check.endswith("_rate")]
        layout = roomier(base, k)
        if layout is None or not crowded(len(scene.unplaced), failed):
            break
        hints = RepairHints()
        for _ in range(ROOMIER_ATTEMPTS):
            t0 = time.perf_counter()
            trial = solve_scene(layout, refs, sizes, seed=seed, planner=planner, assets=assets, hints=hints,
                                attempt=len(rounds))
            timings["solve"] += time.perf_counter() - t0
            t0 = time.perf_counter()
            trial_report = validate(trial, only=validators, judge=judge)
            timings["validate"] += time.perf_counter() - t0
            fails = [f for f in trial_report.findings if f.status == "fail"]
            if (len(trial.unplaced), len(fails)) < (len(scene.unplaced),
                                                    sum(f.status == "fail" for f in report.findings)):
                rounds.append(Attempt(attempt=len(rounds) + 1, passed=not fails and not trial.unplaced,
                                      unplaced=[u.id for u in trial.unplaced],
                                      failures=[f"{f.validator}.{f.check}: {f.message}" for f in fails],
                                      repairs=[layout.notes[-1]]))
                scene, report = trial, trial_report
            if not fails and not trial.unplaced:
                return scene, report
            hints, _ = repair_hints(trial, trial_report, hints)
    return scene, report


def _sparse_try(scene: Scene, report: Report, refs: dict[str, AssetRef], sizes: dict[str, Size3],
                rounds: list["Attempt"], keep_core: bool, *, seed: int, planner: str, assets: str,
                validators: list[str] | None, judge: "JudgeOptions | None", timings: dict[str, float]
                ) -> tuple[Scene, Report]:
    """``scene`` solved once more without its design floor extras (``keep_core``: the program's core anchors
    stay), kept as a new round of ``rounds`` only when it leaves fewer unplaced objects or failed checks."""
    from scenegen.design.prune import sparse_layout
    from scenegen.scene import Attempt
    from validators import validate

    layout, dropped = sparse_layout(scene.plan, scene, keep_core)
    if not dropped:
        return scene, report
    t0 = time.perf_counter()
    trial = solve_scene(layout, refs, sizes, seed=seed, planner=planner, assets=assets, attempt=len(rounds))
    timings["solve"] += time.perf_counter() - t0
    t0 = time.perf_counter()
    trial_report = validate(trial, only=validators, judge=judge)
    timings["validate"] += time.perf_counter() - t0
    fails = [f for f in trial_report.findings if f.status == "fail"]
    before = (len(scene.unplaced), sum(f.status == "fail" for f in report.findings))
    if (len(trial.unplaced), len(fails)) >= before:
        return scene, report
    rounds.append(Attempt(attempt=len(rounds) + 1, passed=not fails and not trial.unplaced,
                          unplaced=[u.id for u in trial.unplaced],
                          failures=[f"{f.validator}.{f.check}: {f.message}" for f in fails],
                          repairs=[f"solved again without the design's floor extras ({', '.join(dropped)})"]))
    return trial, trial_report


def _with_conflicts(scene: Scene, layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3]) -> Scene:
    """The scene with its unmet parts explained: conflicts filled in, and each unplaced object's reason replaced by
    its conflict's message when that names more than the solver knew."""
    from scenegen.solve.explain import explain_conflicts
    from scenegen.solve.relations import SATISFIED, Box, score_relation

    boxes = {o.id: Box.of(o) for o in scene.objects}
    unmet = any(score_relation(r, boxes, layout.room) <= SATISFIED for r in layout.relations
                if r.subject in boxes)
    if not scene.unplaced and not unmet:
        return scene
    from scenegen.solve.solver import SolveResult

    result = SolveResult(objects=scene.objects, unplaced=scene.unplaced)
    conflicts = explain_conflicts(layout, refs, sizes, result)
    by_object = {c.objects[0]: c for c in conflicts if c.kind == "unplaced"}
    unplaced = [u.model_copy(update={"reason": by_object[u.id].message}) if u.id in by_object else u
                for u in scene.unplaced]
    return scene.model_copy(update={"conflicts": conflicts, "unplaced": unplaced})


Size3 = tuple[float, float, float]


def _asset_options(opts: MakeOptions, layout: LayoutPlan) -> tuple[LayoutPlan, Image3DOptions | None]:
    """The options the object generator ``opts.objects`` is built with (None: its defaults), and the layout with a
    note for every object that has no photo. A generator taking ``Image3DOptions`` gets its photos here: the folder
    ``images``, or the folder ``text_to_image`` made them into; other generators take no photos."""
    from scenegen.assets import ASSET_BACKENDS

    i3 = opts.image3d
    if ASSET_BACKENDS.options_type(opts.objects) is not Image3DOptions:
        if i3.images is not None or i3.text_to_image is not None:
            raise ValueError("--images and --text-to-image are for --objects image3d")
        return layout, None
    if i3.images is not None and i3.text_to_image is not None:
        raise ValueError("give --images DIR or --text-to-image PATH, not both")
    images = i3.images
    if i3.text_to_image is not None:
        from scenegen.assets.image3d.text2image import generate_images
        from scenegen.paths import user_cache_dir

        out = Path(i3.images_out) if i3.images_out is not None else user_cache_dir() / "images" / f"s{opts.seed}"
        generate_images([o for o in layout.objects if not o.generic], i3.text_to_image, out, seed=opts.seed)
        images = str(out)
    if images is None:
        raise ValueError("--objects image3d needs photos: --images DIR (one per object id or category) or "
                         "--text-to-image PATH (a local diffusers pipeline)")
    built = dataclasses.replace(i3, images=str(images), text_to_image=None, images_out=None)
    backend = ASSET_BACKENDS.create(opts.objects, built)
    missing = sorted({o.category for o in layout.objects if not o.generic and backend.image_for(o) is None})
    if not missing or not built.fallback:
        return layout, built
    note = (f"no photo for {', '.join(missing)} in {images}: {built.fallback} meshes (add <category>.png or "
            f"<id>.png to use the image-to-3D model)")
    return layout.model_copy(update={"notes": [*layout.notes, note]}), built


def build_assets(layout: LayoutPlan, *, seed: int, backend: str = "procedural", options: object | None = None
                 ) -> tuple[dict[str, AssetRef], dict[str, Size3]]:
    """Per planned object: its AssetRef and the (width, depth, height) of its mesh in metres. ``options``: what the
    generator ``backend`` is built with (None: its defaults); generic objects get boxes."""
    from scenegen.assets import build_mesh, plan_asset

    refs: dict[str, AssetRef] = {}
    sizes: dict[str, Size3] = {}
    for obj in layout.objects:
        rng = stage_rng(seed, f"assets/{obj.id}")
        ref = plan_asset(obj, rng, backend="box") if obj.generic else plan_asset(obj, rng, backend, options)
        mesh = build_mesh(ref)
        w, d, h = (float(v) for v in mesh.extents)
        refs[obj.id] = ref
        sizes[obj.id] = (w, d, h)
    from scenegen.assets.seating import fit_tables_to_seats

    refs, sizes = fit_tables_to_seats(layout, refs, sizes, build_mesh)
    from scenegen.assets.contents import fit_contents
    from scenegen.assets.loads import deepen_tops, fit_hosts_to_loads, level_loaded_tops
    from scenegen.assets.ceiling import fit_under_ceiling
    from scenegen.assets.undersides import clear_undersides

    refs, sizes = clear_undersides(layout, refs, sizes, build_mesh)
    refs, sizes = fit_under_ceiling(layout, refs, sizes, build_mesh)
    refs, sizes = fit_hosts_to_loads(layout, refs, sizes, build_mesh)
    refs, sizes = fit_contents(layout, refs, sizes, build_mesh)
    hosted = _with_chosen_hosts(layout, refs, sizes)
    refs, sizes = deepen_tops(hosted, refs, sizes, build_mesh)
    refs, sizes = level_loaded_tops(hosted, refs, sizes, build_mesh)
    return _fit_to_hosts(hosted, refs, sizes)


def _with_chosen_hosts(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3]) -> LayoutPlan:
    """``layout`` with an ``on_top`` relation for every small thing the plan gives no host, to the host the solver
    will choose for it (``solve.object_roles``), so that the asset stage sizes it and its top for each other too (a
    towel on the one shelf in a powder room). Only for sizing: the plan the solver reads is unchanged."""
    from scenegen.scene import Relation
    from scenegen.solve.solver import object_roles

    stated = {r.subject for r in layout.relations if r.kind == "on_top"}
    chosen = [Relation(kind="on_top", subject=oid, target=host, source="[assets] the host the solver will choose")
              for oid, (role, host) in object_roles(layout, refs, sizes).items()
              if role == "object" and host and oid not in stated]
    return layout.model_copy(update={"relations": [*layout.relations, *chosen]}) if chosen else layout


def _fit_to_hosts(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3]
                  ) -> tuple[dict[str, AssetRef], dict[str, Size3]]:
    """Objects drawn too big for the top they are to stand on, made as big as that top allows (never below their
    category's smallest size; the height shrinks in proportion): a stack of books 0.28 m deep on a 0.21 m wall shelf
    becomes 0.2 m deep. An open-vocabulary object (a box) is scaled whole, keeping its proportions, to a tabletop
    thing's size and its share of the top (``_open_box_scale``). Only sizes that would not fit change."""
    from scenegen import catalog
    from scenegen.assets import build_mesh, refit

    margin = 0.01  # metres left free on each side of the top
    open_load: dict[str, int] = {}  # per host: how many open-vocabulary boxes stand on it
    used: dict[str, float] = {}  # per host: the footprint (m²) the catalog things on it take
    for rel in layout.relations:
        if rel.kind == "on_top" and rel.target in refs and rel.subject in refs \
                and catalog.kept_inside(refs[rel.target].category, refs[rel.subject].category) is None:
            if refs[rel.subject].category in catalog.CATALOG:
                used[rel.target] = used.get(rel.target, 0.0) + sizes[rel.subject][0] * sizes[rel.subject][1]
            else:
                open_load[rel.target] = open_load.get(rel.target, 0) + 1
    proposed = {o.id for o in layout.objects if o.proposal is not None}
    for rel in layout.relations:
        ref, host = refs.get(rel.subject), sizes.get(rel.target or "")
        if rel.kind != "on_top" or ref is None or host is None or not {"width", "depth"} <= ref.params.keys():
            continue
        w, d, _ = sizes[rel.subject]
        top_w, top_d = host[0] - 2 * margin, host[1] - 2 * margin
        if ref.category not in catalog.CATALOG:  # an open-vocabulary box keeps its proportions: "a trophy" on a shelf
            host_id = rel.target or ""
            scale = _open_box_scale((w, d), (top_w, top_d), used.get(host_id, 0.0), open_load.get(host_id, 1),
                                    rel.subject in proposed)
            if scale < 1.0:
                refit(refs, sizes, rel.subject,
                      {k: round(float(ref.params[k]) * scale, 4) for k in catalog.SIZE_PARAMS}, build_mesh)
            continue
        if (w <= top_w and d <= top_d) or (d <= top_w and w <= top_d):
            continue
        lo = catalog.get(ref.category).size_min
        fit_w, fit_d = max(min(w, top_w), lo[0]), max(min(d, top_d), lo[1])
        if fit_w > top_w or fit_d > top_d:
            continue  # too big even at its smallest: the solver explains it
        # the height shrinks with it, so a TV made narrower for a cabinet stays a TV's shape, not a square
        h = sizes[rel.subject][2]
        fit_h = max(h * min(fit_w / w, fit_d / d), lo[2])
        params = {"width": round(fit_w, 4), "depth": round(fit_d, 4)}
        if "height" in ref.params and fit_h < h - 1e-4:
            params["height"] = round(fit_h, 4)
        refit(refs, sizes, rel.subject, params, build_mesh)
    return refs, sizes


def _open_box_scale(box: tuple[float, float], top: tuple[float, float], used: float, load: int,
                    proposed: bool) -> float:
    """The factor (at most 1) that an open-vocabulary box of footprint ``box`` (width, depth metres) is scaled by to
    stand on a top of ``top`` (metres, margins taken) where catalog things take ``used`` m² and ``load`` such boxes
    stand: it fits the top either way round, and it takes no more than an equal share of what the catalog things
    leave of the top's fillable area (``catalog.TOP_SHARE_FILL``; never under ``catalog.GENERIC_MIN_SIDE``), so that
    "a radio, a lamp and papers on the bedside table" all stand there. A box no planner sized (the reader's default
    generic, a floor thing's size) is first made a tabletop thing (``catalog.GENERIC_ON_TOP_SIDE``)."""
    from scenegen import catalog

    w, d = box
    fit = max(min(top[0] / w, top[1] / d), min(top[0] / d, top[1] / w))
    free = max(catalog.TOP_SHARE_FILL * top[0] * top[1] - used, 0.0) / max(load, 1)
    share = max(math.sqrt(free / (w * d)), catalog.GENERIC_MIN_SIDE / max(w, d))
    scale = min(1.0, fit, share)
    if not proposed:
        scale = min(scale, catalog.GENERIC_ON_TOP_SIDE / max(w, d))
    return scale


def solve_scene(layout: LayoutPlan, refs: dict[str, AssetRef], sizes: dict[str, Size3], *, seed: int, planner: str,
                assets: str, hints: "RepairHints | None" = None, attempt: int = 0) -> Scene:
    """Solve the plan into a Scene. Attempt 0 draws from the seed's ``solve`` stream; later repair attempts from
    their own streams, so each round explores, and the whole loop stays deterministic for the seed."""
    from scenegen.solve import solve

    stream = "solve" if attempt == 0 else f"solve/attempt{attempt + 1}"
    result = solve(layout, refs, sizes, stage_rng(seed, stream), hints)
    provenance = Provenance(prompt=layout.prompt, seed=seed, planner=planner, assets=assets, solver=f"group-beam, attempt {attempt + 1}",
                            versions={"scenegen": __version__, "python": platform.python_version()})
    return Scene(room=layout.room, objects=result.objects, unplaced=result.unplaced, plan=layout,
                 provenance=provenance)


def write_outputs(result: MakeResult, out_dir: str | Path, *, pictures: bool | None = None,
                  progress: ProgressFn | None = None) -> dict[str, Path]:
    """Write scene.json, report.json, plan.json, options.json (the run's ``MakeOptions``, secrets left out:
    ``MakeOptions.read`` repeats the run), scene.glb, scene.usda, (optionally: ``pictures``, None: the run's
    ``options.pictures``) the top-down and perspective pictures, and report.html (the reviewer's page:
    ``scenegen.report.html``) into ``out_dir``.

    The scene and report go first, so a failure while rendering never loses the scene. scene.usda and report.html
    are extras: when one cannot be built (usd-core missing, a rendering error) a ``UserWarning`` says so and the
    other files stand; an ``OSError`` while writing (a full disk) is raised, so a batch never promotes the folder. With ``pictures=False`` report.html is written without pictures.
    """
    import warnings

    from scenegen.export import write_glb, write_json
    from scenegen.export.usd import write_usda
    from scenegen.report.html import write_html
    from scenegen.report.images import ReportImages, folder_images

    pictures = result.options.pictures if pictures is None else pictures
    step = progress or (lambda _stage: None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    step("export")
    from scenegen.assets.image3d.photos import bundle_photos

    paths = {
        "scene.json": write_json(bundle_photos(result.scene, out), out / "scene.json"),  # photos travel with it
        "report.json": write_json(result.report, out / "report.json"),
        "plan.json": write_json(result.plan, out / "plan.json"),
        "options.json": _write_options(result.options, out / "options.json"),
        "scene.glb": write_glb(result.scene, out / "scene.glb"),
    }

    def optional(name: str, write: Callable[[], Path]) -> None:
        try:
            paths[name] = write()
        except OSError:  # a full disk or a failing device: the folder is incomplete, so it must not be promoted
            raise
        except Exception as exc:  # noqa: BLE001 -- optional extras: say why, never lose the files above
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            warnings.warn(f"{name} was not written ({exc.__class__.__name__}: {reason}); the scene files are "
                          f"complete", UserWarning, stacklevel=3)

    optional("scene.usda", lambda: write_usda(result.scene, out / "scene.usda"))
    if pictures:
        step("render")
        paths.update(write_pictures(result.scene, result.report, out))
    # the page embeds the pictures just written (read back, not rendered twice) and a small map per failure
    optional("report.html", lambda: write_html(
        result.scene, result.report, out / "report.html",
        images=folder_images(out, result.scene, result.report) if pictures else ReportImages()))
    return paths


def _write_options(options: MakeOptions, path: Path) -> Path:
    """``options.json``: every option of the run (``MakeOptions.to_json``; API keys are never written)."""
    write_atomic(path, options.to_json())
    return path


def write_pictures(scene: Scene, report: Report, out_dir: Path) -> dict[str, Path]:
    """topdown.png (objects labelled, failures in red) and view.png (a perspective view from a corner)."""
    import io

    from scenegen.render.views import perspective_view, top_down_map
    from scenegen.scene_files import write_atomic

    paths = {}
    for name, image in (("topdown.png", top_down_map(scene, report.findings)),
                        ("view.png", perspective_view(scene))):
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        write_atomic(out_dir / name, buf.getvalue())
        paths[name] = out_dir / name
    return paths
