"""Stability validator: a short physics settle (pybullet), plus a static tip-over margin.

SceneEval has no stability metric (``/work/shared/METRICS.md`` lists it as a gap); PhyScene (CVPR 2024) argues for
physical plausibility under simulation. Here every floor- or object-supported object becomes a rigid body (the convex
hull of its world mesh, uniform density), the floor a static plane, wall- and ceiling-mounted and flat objects
(rugs, mats) static bodies; gravity runs for up to 2 s and each object's displacement and tilt are measured. Objects
that slide, topple or fall fail, and so do objects that stand but would tip over at a lean of a few degrees (a tall
thing on a tiny base balances in a perfect simulation but not in a room).

pybullet is imported only when the check runs (``scenegen`` core never imports it). Deterministic: bodies are added in
scene order into a fresh ``DIRECT`` client with fixed parameters, so the same scene gives the same report.

Units: metres and seconds in the simulation, centimetres and degrees in messages and evidence (keys ``_cm``/``_deg``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from scenegen import catalog
from scenegen.scene import Finding, ObjectInstance, Scene
from scenegen.freespace import is_flat
from validators.physical import _cm, _r, support_kind
from validators.registry import VALIDATORS

if TYPE_CHECKING:
    import trimesh

    from validators.context import ValidationContext

SETTLE_S = 2.0
"""Simulated seconds (issue 10: 'report displacement and tilt after 2 s simulated'). Param ``seconds``."""
TIME_STEP = 1.0 / 240.0
"""pybullet's default step (s)."""
CHECK_EVERY = 60
"""Steps between rest checks when ``stop_at_rest`` is on: once every dynamic body is at rest the rest of the settle
changes nothing, so it may stop early (a falling object moves at 2.4 m/s by the first check, 0.25 s in). Off by default:
the full 2 s is simulated, as the issue specifies; on, the 50-object bench scene settles in 0.75 s at 2/3 the cost."""
REST_SPEED = 1e-3
"""A body is at rest below this linear speed (m/s) ..."""
REST_SPIN = 1e-2
"""... and this angular speed (rad/s)."""
MAX_DISPLACEMENT = 0.02
"""An object moving more than this in the settle fails (m). Param ``max_displacement``."""
MAX_TILT_DEG = 5.0
"""An object tilting more than this in the settle fails (degrees). Param ``max_tilt_deg``."""
MIN_TIP_DEG = 3.0
"""An object that would tip over at a lean smaller than this fails (degrees): the angle between the vertical and the
line from its centre of mass to the nearest edge of its base. A 2 m pole on a 10 cm base tips at 2.9°; real floor
lamps, coat racks and tall bookcases tip at 6-15°. Param ``min_tip_deg``."""
DENSITY = 300.0
"""kg/m³ of every convex hull: furniture is mostly air; only mass ratios matter for stacking."""
FRICTION = 0.6
BASE_TOL = 0.01
"""Hull vertices within this height of the lowest one form the base (m), as the support check's contact tolerance."""


@dataclass
class _Body:
    inst: ObjectInstance
    dynamic: bool
    com: np.ndarray
    """(3,) world centre of mass of the hull, metres"""
    hull: "trimesh.Trimesh"
    parts: list[np.ndarray] | None = None
    """world-frame convex parts (each (V, 3), metres) for a host whose hull would hide its top: a bed's mattress
    lies below its headboard, and the hull of the two is a ramp that things on the bed slide down"""


def _hull(mesh: "trimesh.Trimesh") -> "trimesh.Trimesh":
    """Convex hull of a world mesh (cached by trimesh on the mesh, so it is built once per run)."""
    return mesh.convex_hull


def _tip_angle(body: _Body) -> float:
    """Degrees of lean at which ``body`` tips over on its own base: atan(distance from its centre of mass to the
    nearest edge of its base hull, over the centre's height above the base). 0 when the centre is outside the base."""
    from shapely.geometry import MultiPoint, Point

    v = np.asarray(body.hull.vertices, dtype=np.float64)
    zmin = float(v[:, 2].min())
    base = MultiPoint([tuple(p) for p in v[v[:, 2] <= zmin + BASE_TOL, :2]]).convex_hull
    height = float(body.com[2]) - zmin
    if base.area <= 0 or height <= 0:
        return 0.0 if base.area <= 0 else 90.0
    c = Point(float(body.com[0]), float(body.com[1]))
    if not base.covers(c):
        return 0.0
    return math.degrees(math.atan2(base.exterior.distance(c), height))


def _bodies(scene: Scene, ctx: "ValidationContext") -> list[_Body]:
    hosts = {o.support for o in scene.objects if support_kind(o) == "object"}
    # a desk or table with a bin in its knee space, a loft bed over a desk: its hull would swallow what stands under
    # it, so it is its parts too
    hollow = catalog.with_role("knee_top") | catalog.with_role("lofted")
    hosts |= {o.id for o in scene.objects if o.category in hollow}
    out = []
    for inst in scene.objects:
        mesh = ctx.mesh(inst.id)
        if len(mesh.faces) == 0:
            continue
        hull = _hull(mesh)
        # a rug is part of the floor; but a flat thing on furniture (a cutting board, a mouse pad) must be free to
        # move: held fixed, it pins its host, and the settle pushes the sideboard out from under it
        kind = support_kind(inst)
        dynamic = (kind == "object" or (kind == "floor" and not is_flat(inst))) and hull.volume > 1e-9
        com = np.asarray(hull.center_mass if hull.volume > 1e-9 else hull.centroid, dtype=np.float64)
        out.append(_Body(inst, dynamic, com, hull, _world_parts(inst) if inst.id in hosts else None))
    return out


def _world_parts(inst: ObjectInstance) -> list[np.ndarray] | None:
    """The host's convex parts (``scenegen.physics.collision``, cached on disk) in the world frame; None for a host
    that is one convex part anyway."""
    from scenegen.assets import pose_matrix
    from scenegen.physics.collision import convex_parts

    parts = convex_parts(inst.asset)
    if len(parts) < 2:
        return None
    m = pose_matrix(inst.pose.position, inst.pose.yaw)
    return [p @ m[:3, :3].T + m[:3, 3] for p in parts]


def _create_body(pb, cid: int, b: _Body) -> int:  # type: ignore[no-untyped-def]
    """One pybullet body for ``b``: its hull, or its convex parts welded into one rigid body (fixed links)."""
    mass = max(DENSITY * float(b.hull.volume), 0.05) if b.dynamic else 0.0
    if not b.parts:
        verts = np.asarray(b.hull.vertices, dtype=np.float64) - b.com
        shape = pb.createCollisionShape(pb.GEOM_MESH, vertices=verts.tolist(), physicsClientId=cid)
        return pb.createMultiBody(mass, shape, basePosition=b.com.tolist(), physicsClientId=cid)
    shapes = [pb.createCollisionShape(pb.GEOM_MESH, vertices=(p - b.com).tolist(), physicsClientId=cid)
              for p in b.parts]
    k, each = len(shapes) - 1, mass / len(shapes)
    return pb.createMultiBody(
        each, shapes[0], basePosition=b.com.tolist(), linkMasses=[each] * k, linkCollisionShapeIndices=shapes[1:],
        linkVisualShapeIndices=[-1] * k, linkPositions=[[0.0, 0.0, 0.0]] * k,
        linkOrientations=[[0.0, 0.0, 0.0, 1.0]] * k, linkInertialFramePositions=[[0.0, 0.0, 0.0]] * k,
        linkInertialFrameOrientations=[[0.0, 0.0, 0.0, 1.0]] * k, linkParentIndices=[0] * k,
        linkJointTypes=[pb.JOINT_FIXED] * k, linkJointAxis=[[0.0, 0.0, 1.0]] * k, physicsClientId=cid)


def _quiet_import_pybullet():  # type: ignore[no-untyped-def]
    """Import pybullet with its C-level banner ("pybullet build time: ...") sent to /dev/null, so that a command's
    output stays the user's."""
    import os
    import sys

    if "pybullet" in sys.modules:
        return sys.modules["pybullet"]
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            os.dup2(devnull.fileno(), 2)
            import pybullet
    finally:
        for fd, copy in zip((1, 2), saved):
            os.dup2(copy, fd)
            os.close(copy)
    return pybullet


def _settle(bodies: list[_Body], seconds: float, stop_at_rest: bool = False
            ) -> tuple[list[tuple[np.ndarray, np.ndarray]], float]:
    """Simulate ``bodies`` under gravity for ``seconds``; per body its final centre of mass (3,) and rotation matrix
    (3, 3), and the simulated time (s; less than ``seconds`` when ``stop_at_rest`` and everything came to rest)."""
    pb = _quiet_import_pybullet()
    cid = pb.connect(pb.DIRECT)
    try:
        pb.setGravity(0.0, 0.0, -9.81, physicsClientId=cid)
        pb.setTimeStep(TIME_STEP, physicsClientId=cid)
        pb.setPhysicsEngineParameter(deterministicOverlappingPairs=1, physicsClientId=cid)
        plane = pb.createCollisionShape(pb.GEOM_PLANE, physicsClientId=cid)
        floor = pb.createMultiBody(0.0, plane, physicsClientId=cid)
        pb.changeDynamics(floor, -1, lateralFriction=FRICTION, physicsClientId=cid)
        ids = []
        for b in bodies:
            bid = _create_body(pb, cid, b)
            for link in range(-1, len(b.parts or [None]) - 1):
                pb.changeDynamics(bid, link, lateralFriction=FRICTION, restitution=0.0, physicsClientId=cid)
            ids.append(bid)
        dynamic = [bid for bid, b in zip(ids, bodies) if b.dynamic]
        steps = int(round(seconds / TIME_STEP))
        done = 0
        while done < steps:
            n = min(CHECK_EVERY, steps - done)
            for _ in range(n):
                pb.stepSimulation(physicsClientId=cid)
            done += n
            if stop_at_rest and all(np.linalg.norm(lin) < REST_SPEED and np.linalg.norm(ang) < REST_SPIN
                   for lin, ang in (pb.getBaseVelocity(bid, physicsClientId=cid) for bid in dynamic)):
                break
        final = []
        for bid in ids:
            pos, quat = pb.getBasePositionAndOrientation(bid, physicsClientId=cid)
            rot = np.asarray(pb.getMatrixFromQuaternion(quat), dtype=np.float64).reshape(3, 3)
            final.append((np.asarray(pos, dtype=np.float64), rot))
        return final, done * TIME_STEP
    finally:
        pb.disconnect(cid)


def _reason(inst: ObjectInstance, moved: np.ndarray, tilt: float, tip: float, limits: tuple[float, float, float],
            seconds: float) -> tuple[str, str]:
    """Words for why an object failed, and a fix."""
    max_disp, max_tilt, min_tip = limits
    disp = float(np.linalg.norm(moved))
    on = inst.support if support_kind(inst) == "object" else "the floor"
    if disp > max_disp or tilt > max_tilt:
        what = "topples" if tilt > 45 else "tilts" if tilt > max_tilt else "falls" if moved[2] < -max_disp else \
            "slides"
        msg = (f"{inst.id} {what} in a {seconds:g} s physics settle: it moves {_cm(disp)} and tilts {tilt:.0f}°"
               + (f" (it would tip over at a {tip:.0f}° lean)" if tip < min_tip else ""))
        if support_kind(inst) == "object":
            fix = f"move {inst.id} so its centre of mass is well inside the top of {on}, and resting flat on it"
        else:
            fix = f"rest {inst.id} flat on {on}, clear of the objects around it"
        return msg, fix
    msg = (f"{inst.id} would tip over at a {tip:.1f}° lean (needs at least {min_tip:.0f}°): its base is too small "
           f"for its height")
    return msg, f"give {inst.id} a wider base, make it shorter, or fix it to the wall"


@VALIDATORS.register("stability")
def stability(scene: Scene, ctx: "ValidationContext") -> list[Finding]:
    """Physics settle (pybullet): does every floor- or object-supported object stay where it was put?

    Bodies: each object's world-mesh convex hull (uniform density), or for an object that holds others its convex
    parts welded into one body (a bed's mattress is not hidden under the hull of its headboard); dynamic when it stands on the floor or on another
    object, static when it is wall- or ceiling-mounted or flat (rugs, mats); a static floor plane at z = 0; no walls
    (out_of_bounds covers those). Gravity runs for ``seconds`` (2 s at 240 Hz; with ``stop_at_rest`` it stops once
    every body is at rest). An object fails when its centre of mass moved more than ``max_displacement`` (2 cm) or it
    tilted more than ``max_tilt_deg`` (5°), or when it would tip over on its own base at a lean under ``min_tip_deg``
    (3°).

    Findings: one ``fail`` per unstable object (displacement in cm, tilt and tip angle in degrees) and a
    ``stability_rate`` summary with score = fraction of the dynamic objects that are stable.
    """
    max_disp = float(ctx.param("stability", "max_displacement", MAX_DISPLACEMENT))
    max_tilt = float(ctx.param("stability", "max_tilt_deg", MAX_TILT_DEG))
    min_tip = float(ctx.param("stability", "min_tip_deg", MIN_TIP_DEG))
    seconds = float(ctx.param("stability", "seconds", SETTLE_S))
    stop_at_rest = bool(ctx.param("stability", "stop_at_rest", False))
    bodies = _bodies(scene, ctx)
    findings: list[Finding] = []
    unstable: list[str] = []
    per_object: dict[str, dict[str, float]] = {}
    simulated = 0.0
    if any(b.dynamic for b in bodies):
        final, simulated = _settle(bodies, seconds, stop_at_rest)
    else:
        final = []
    for b, (pos, rot) in zip(bodies, final):
        if not b.dynamic:
            continue
        moved = pos - b.com
        disp = float(np.linalg.norm(moved))
        tilt = math.degrees(math.acos(float(np.clip(rot[2, 2], -1.0, 1.0))))
        tip = _tip_angle(b)
        per_object[b.inst.id] = {"displacement_cm": _r(disp * 100, 2), "tilt_deg": _r(tilt, 2),
                                 "tip_angle_deg": _r(tip, 2)}
        if disp <= max_disp and tilt <= max_tilt and tip >= min_tip:
            continue
        unstable.append(b.inst.id)
        message, fix = _reason(b.inst, moved, tilt, tip, (max_disp, max_tilt, min_tip), simulated)
        ids = [b.inst.id] + ([b.inst.support] if support_kind(b.inst) == "object" and b.inst.support else [])
        findings.append(Finding(
            validator="stability", check="stability", status="fail", score=0.0, message=message, object_ids=ids,
            evidence={**per_object[b.inst.id], "moved_cm": [_r(v * 100, 2) for v in moved],
                      "simulated_s": _r(simulated, 3), "max_displacement_cm": _r(max_disp * 100, 2),
                      "max_tilt_deg": max_tilt, "min_tip_deg": min_tip},
            fix=fix,
        ))
    n = len(per_object)
    rate = (n - len(unstable)) / n if n else 1.0
    findings.append(Finding(
        validator="stability", check="stability_rate", status="fail" if unstable else "pass", score=_r(rate),
        message=(f"{len(unstable)} of {n} objects are unstable: {', '.join(unstable)}" if unstable
                 else f"all {n} free-standing objects stay put in a {seconds:.0f} s physics settle"),
        object_ids=unstable,
        evidence={"objects": n, "unstable": len(unstable), "simulated_s": _r(simulated, 3),
                  "static": [b.inst.id for b in bodies if not b.dynamic], "per_object": per_object},
        fix="see the per-object findings" if unstable else "",
    ))
    return findings


stability.params = (  # type: ignore[attr-defined]
    "max_displacement", "max_tilt_deg", "min_tip_deg", "seconds", "stop_at_rest")
