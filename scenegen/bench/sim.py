"""``scenegen bench sim``: simulation export and check speed, and the issue-22 acceptance numbers over saved scenes.

Speed (``bench_sim``): ``BENCH_PROMPT`` is made by the real pipeline (rules planner, procedural assets, solver) at
``BENCH_SEED`` into a scene of about 40 objects. One cold run computes the convex parts into a fresh collision cache;
then ``runs`` timed runs each do what a batch worker does per scene with the cache warm: build the simulation model
(meshes rebuilt: the in-process mesh cache is cleared before each run, so only the disk cache of convex parts helps),
write the MJCF text, load it in MuJoCo, settle 2 s and sweep every joint. Target (issue 22): ≤ 5 s.

Acceptance (``acceptance``): for each saved scene, the settle and sweep (objects within 1 cm and 2°, joints opening
clear), whether the MJCF loads in MuJoCo, whether scene.sdf and every URDF load in pybullet, and whether scene.usda
with physics reads back with ``pxr`` with mass and a collider on every object.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_PROMPT = (
    "a large living room with a sofa, two armchairs, a coffee table with a vase and books on it, a tv on a tv stand, "
    "two bookshelves, a sideboard with a lamp on it, a cabinet, a dresser, a piano, a floor lamp, three plants, "
    "eight paintings, a rug, two ceiling lights, a wall clock, two mirrors, a speaker, a guitar, a trash can, "
    "a coat rack, a side table with a lamp on it and a bench")
"""Forty objects when the solver places them all."""
BENCH_SEED = 0
TARGET_S = 5.0


@dataclass
class SimBench:
    """Seconds: ``cold_s`` the first run (convex parts computed), ``median_s`` over the warm runs, ``stages`` the
    warm runs' median per stage (export = model + MJCF text)."""

    objects: int
    joints: int
    cold_s: float
    median_s: float
    stages: dict[str, float]
    runs: list[float] = field(default_factory=list)


def bench_sim(runs: int = 3) -> SimBench:
    """Make the bench scene and time export + settle + sweep (see module doc)."""
    import os

    from scenegen.assets import _build_cached
    from scenegen.export.simulate import run
    from scenegen.pipeline import make

    scene = make(BENCH_PROMPT, seed=BENCH_SEED, planner="rules").scene
    old = os.environ.get("SCENEGEN_CACHE")
    with tempfile.TemporaryDirectory() as cache:
        os.environ["SCENEGEN_CACHE"] = cache
        try:
            _build_cached.cache_clear()
            start = time.perf_counter()
            first = run(scene)
            cold = time.perf_counter() - start
            times, stages = [], []
            for _ in range(runs):
                _build_cached.cache_clear()
                start = time.perf_counter()
                result = run(scene)
                times.append(time.perf_counter() - start)
                stages.append(result.seconds)
        finally:
            if old is None:
                os.environ.pop("SCENEGEN_CACHE", None)
            else:
                os.environ["SCENEGEN_CACHE"] = old
    median = {k: statistics.median(s[k] for s in stages) for k in stages[0]}
    return SimBench(objects=len(scene.objects), joints=len(first.sweeps), cold_s=cold,
                    median_s=statistics.median(times), stages=median, runs=times)


@dataclass
class SceneCheck:
    """One scene's acceptance numbers: simulated objects and how many stayed put, joints and how many opened clear,
    and whether each export loaded (``usd_ok``: every object prim has mass > 0 and a collider)."""

    scene: str
    room_type: str
    objects: int
    settled: int
    joints: int
    clear: int
    mjcf_loads: bool
    urdf_loads: bool
    usd_ok: bool
    problems: list[str] = field(default_factory=list)


def acceptance(paths: list[Path], max_displacement: float = 0.01, max_tilt_deg: float = 2.0) -> list[SceneCheck]:
    """Check every scene in ``paths`` (scene.json files or folders) as the module doc says."""
    from scenegen.physics.model import sim_scene
    from scenegen.export.simulate import run
    from scenegen.scene_files import load_scene

    out = []
    for path in paths:
        scene = load_scene(path)
        sim = sim_scene(scene)
        problems: list[str] = []
        try:
            result = run(sim)
            mjcf_ok = True
        except Exception as exc:  # a model MuJoCo refuses is the finding here, not a crash of the bench
            problems.append(f"mjcf: {exc}")
            mjcf_ok, result = False, None
        moving = [m for m in result.motions if not m.fixed] if result else []
        bad = [m for m in moving if m.displacement > max_displacement or m.tilt_deg > max_tilt_deg]
        blocked = [s for s in result.sweeps if s.hits] if result else []
        problems += [f"moved: {m.object_id} {m.displacement * 100:.1f} cm {m.tilt_deg:.1f}°" for m in bad]
        problems += [f"blocked: {s.owner}.{s.joint} hits {', '.join(sorted(s.hits))}" for s in blocked]
        urdf_ok = _urdf_loads(sim, problems)
        usd_ok = _usd_ok(scene, problems)
        out.append(SceneCheck(str(path), scene.room.type, len(moving), len(moving) - len(bad),
                              len(result.sweeps) if result else 0, len(result.sweeps) - len(blocked) if result else 0,
                              mjcf_ok, urdf_ok, usd_ok, problems))
    return out


def _urdf_loads(sim: object, problems: list[str]) -> bool:
    import pybullet

    from scenegen.export.urdf import write_urdf

    with tempfile.TemporaryDirectory() as folder:
        result = write_urdf(sim, Path(folder))  # type: ignore[arg-type]
        cid = pybullet.connect(pybullet.DIRECT)
        try:
            ids = pybullet.loadSDF(str(result.scene_sdf), physicsClientId=cid)
            ok = len(ids) == len(result.urdfs)
            if not ok:
                problems.append(f"urdf: scene.sdf gave {len(ids)} bodies for {len(result.urdfs)} models")
            for path in result.urdfs:
                try:
                    pybullet.loadURDF(str(path), physicsClientId=cid)
                except pybullet.error as exc:
                    problems.append(f"urdf: {path.name}: {exc}")
                    ok = False
        finally:
            pybullet.disconnect(cid)
    return ok


def _usd_ok(scene: object, problems: list[str]) -> bool:
    from pxr import Usd, UsdPhysics

    from scenegen.export.usd import OBJECTS, prim_names, usda_text

    layer_text = usda_text(scene)  # type: ignore[arg-type]
    stage = Usd.Stage.CreateInMemory()
    stage.GetRootLayer().ImportFromString(layer_text)
    ok = True
    for name in prim_names(scene):  # type: ignore[arg-type]
        prim = stage.GetPrimAtPath(f"{OBJECTS}/{name}")
        mass = UsdPhysics.MassAPI(prim).GetMassAttr().Get() if prim.HasAPI(UsdPhysics.MassAPI) else None
        collider = any(p.HasAPI(UsdPhysics.CollisionAPI) for p in Usd.PrimRange(prim))
        if not mass or not collider:
            problems.append(f"usd: {name} has mass {mass} and collider {collider}")
            ok = False
    return ok
