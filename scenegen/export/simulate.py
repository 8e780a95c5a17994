"""Run a scene in MuJoCo (beside the MJCF exporter whose text it loads): a gravity settle (does everything stay
open fully without running into something?).

``mujoco`` is imported inside the functions. Units: metres, seconds, radians in; centimetres and degrees only in the
words of ``validators.sim_stability``. Deterministic: MuJoCo steps a fixed model from a fixed state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from scenegen.export.mjcf import mjcf_text
from scenegen.physics.model import SimScene, sim_scene
from scenegen.scene import Scene

if TYPE_CHECKING:
    import mujoco

SETTLE_S = 2.0
"""Simulated seconds of the settle (issue 22)."""
SWEEP_STEPS = 8
"""Poses checked from closed to fully open, evenly spaced, the last one the limit."""
HIT_DEPTH = 0.005
"""Metres of penetration at which a moving part counts as hitting something (MuJoCo's soft contacts let resting
bodies sink about a millimetre, so touching is not hitting)."""


@dataclass
class BodyMotion:
    """How far an object's frame moved (metres) and tilted (degrees, angle between its z axis and world z) in the
    settle; ``fixed`` bodies are not simulated and always report 0."""

    object_id: str
    displacement: float
    tilt_deg: float
    fixed: bool


@dataclass
class JointSweep:
    """One moving part opened from 0 to its limit: ``hits`` names what it ran into (object ids, ``wall_<i>``,
    ``floor``, room doors) with the deepest penetration (metres), and ``opened`` the share of the range reached clear
    of any hit (1.0 = fully open)."""

    owner: str
    joint: str
    kind: str
    hits: dict[str, float] = field(default_factory=dict)
    opened: float = 1.0


@dataclass
class SimResult:
    """What ``run`` found: per-object motion (simulated objects only), per-joint sweeps, seconds of wall time."""

    motions: list[BodyMotion]
    sweeps: list[JointSweep]
    seconds: dict[str, float]


def run(scene: Scene | SimScene, settle_s: float = SETTLE_S, sweep: bool = True) -> SimResult:
    """Export ``scene`` to MJCF, load it in MuJoCo, settle for ``settle_s`` simulated seconds and sweep every joint."""
    import time

    import mujoco

    t0 = time.perf_counter()
    sim = scene if isinstance(scene, SimScene) else sim_scene(scene)
    xml = mjcf_text(sim)
    t1 = time.perf_counter()
    model = mujoco.MjModel.from_xml_string(xml)
    t2 = time.perf_counter()
    motions = settle(model, sim, settle_s)
    t3 = time.perf_counter()
    sweeps = sweep_joints(model, sim) if sweep else []
    t4 = time.perf_counter()
    return SimResult(motions, sweeps, {"export": t1 - t0, "load": t2 - t1, "settle": t3 - t2, "sweep": t4 - t3})


def settle(model: "mujoco.MjModel", sim: SimScene, seconds: float = SETTLE_S) -> list[BodyMotion]:
    """Step ``model`` from its initial state for ``seconds`` and measure each object body's motion."""
    import mujoco

    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    ids = [model.body(b.name).id for b in sim.bodies]
    start_pos = data.xpos[ids].copy()
    start_rot = data.xmat[ids].reshape(-1, 3, 3).copy()
    for _ in range(int(round(seconds / model.opt.timestep))):
        mujoco.mj_step(model, data)
    out = []
    for b, k, p0, r0 in zip(sim.bodies, ids, start_pos, start_rot):
        rel = r0.T @ data.xmat[k].reshape(3, 3)
        tilt = math.degrees(math.acos(float(np.clip(rel[2, 2], -1.0, 1.0))))
        out.append(BodyMotion(b.inst.id, float(np.linalg.norm(data.xpos[k] - p0)), tilt, b.fixed))
    return out


def sweep_joints(model: "mujoco.MjModel", sim: SimScene) -> list[JointSweep]:
    """Open each joint alone, in ``SWEEP_STEPS`` poses from closed to its limit, everything else as placed, and
    collect the contacts of the moving part deeper than ``HIT_DEPTH`` that were not already there when closed."""
    import mujoco

    data = mujoco.MjData(model)
    owners = {**{f"{b.name}__{p.joint.name}": (b.inst.id, p.joint.name) for b in sim.bodies for p in b.moving},
              **{d.name: ("room", d.name) for d in sim.doors}}
    names = {model.body(b.name).id: b.inst.id for b in sim.bodies}
    out = []
    for body_name, (owner, joint_name) in owners.items():
        body = model.body(body_name).id
        jnt = model.body_jntadr[body]
        adr = model.jnt_qposadr[jnt]
        limit = float(model.jnt_range[jnt][1])
        result = JointSweep(owner, joint_name, "slide" if model.jnt_type[jnt] == mujoco.mjtJoint.mjJNT_SLIDE
                            else "hinge")
        closed = _hits(model, data, body, adr, 0.0, names)
        for k in range(1, SWEEP_STEPS + 1):
            hits = {n: d for n, d in _hits(model, data, body, adr, limit * k / SWEEP_STEPS, names).items()
                    if n not in closed}
            if hits and result.opened == 1.0:
                result.opened = (k - 1) / SWEEP_STEPS
            for n, depth in hits.items():
                result.hits[n] = max(result.hits.get(n, 0.0), depth)
        out.append(result)
    return out


def _hits(model: "mujoco.MjModel", data: "mujoco.MjData", body: int, adr: int, q: float,
          names: dict[int, str]) -> dict[str, float]:
    """Penetrations deeper than ``HIT_DEPTH`` between ``body``'s geoms and others with its joint at ``q``."""
    import mujoco

    data.qpos[:] = model.qpos0
    data.qpos[adr] = q
    mujoco.mj_kinematics(model, data)
    mujoco.mj_collision(model, data)
    out: dict[str, float] = {}
    for c in data.contact[:data.ncon]:
        b1, b2 = model.geom_bodyid[c.geom1], model.geom_bodyid[c.geom2]
        if body not in (b1, b2) or -c.dist <= HIT_DEPTH:
            continue
        other_geom = c.geom2 if b1 == body else c.geom1
        other = model.geom_bodyid[other_geom]
        name = names.get(other) or _world_name(model, other_geom, other)
        out[name] = max(out.get(name, 0.0), float(-c.dist))
    return out


def _world_name(model: "mujoco.MjModel", geom: int, body: int) -> str:
    """``wall_<i>`` / ``floor`` for world geoms, the body's name (a room door, a moving part) otherwise."""
    if body == 0:
        name = model.geom(geom).name
        return "_".join(name.split("_")[:2]) if name.startswith("wall_") else name
    return model.body(body).name
