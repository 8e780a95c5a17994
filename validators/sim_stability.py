"""Stability and articulation in the target simulator (MuJoCo): the scene's MJCF export is loaded, settled for 2 s
under gravity, and every door and drawer is opened to its limit.

An object fails when its frame moves more than ``max_displacement`` (1 cm) or tilts more than ``max_tilt_deg`` (2°):
issue 22's thresholds, tighter than the pybullet ``stability`` check's (which uses hulls without walls, 2 cm and 5°)
because SceneSmith reports against these. A moving part fails when, opened alone from closed to its limit with
everything else as placed, it sinks more than ``export.simulate.HIT_DEPTH`` (5 mm) into anything it did not already
touch when closed: a drawer into the bed, a wardrobe door into the wall. Wall- and ceiling-mounted and flat objects
are fixed and not scored; room doors are swept like furniture doors.

Opt-in (``--only sim_stability`` or ``make --sim``): it needs the ``mujoco`` package, which a plain install may lack,
and it repeats what ``stability`` checks on every repair round; it costs about a second for a 40-object room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scenegen.scene import Finding, Scene
from validators.registry import VALIDATORS

if TYPE_CHECKING:
    from validators.context import ValidationContext

MAX_DISPLACEMENT = 0.01
"""Metres (issue 22). Param ``max_displacement``."""
MAX_TILT_DEG = 2.0
"""Degrees (issue 22). Param ``max_tilt_deg``."""


@VALIDATORS.register("sim_stability")
def sim_stability(scene: Scene, ctx: "ValidationContext") -> list[Finding]:
    """Findings: ``settle`` fails per moving object and ``settle_rate`` (score: share of simulated objects that stay
    within the limits); ``joint`` fails per blocked door or drawer (naming what it hits) and ``joint_rate`` (score:
    share of joints that open fully). A scene whose simulator is not installed gets one ``skip``."""
    import importlib.util

    if importlib.util.find_spec("mujoco") is None:
        return [Finding(validator="sim_stability", check="settle_rate", status="skip",
                        message="MuJoCo is not installed, so the scene was not simulated",
                        fix="pip install mujoco")]
    from scenegen.export.simulate import SETTLE_S, run

    max_disp = float(ctx.param("sim_stability", "max_displacement", MAX_DISPLACEMENT))
    max_tilt = float(ctx.param("sim_stability", "max_tilt_deg", MAX_TILT_DEG))
    seconds = float(ctx.param("sim_stability", "seconds", SETTLE_S))
    result = run(scene, settle_s=seconds)
    findings: list[Finding] = []
    moving = [m for m in result.motions if not m.fixed]
    bad = [m for m in moving if m.displacement > max_disp or m.tilt_deg > max_tilt]
    for m in bad:
        findings.append(Finding(
            validator="sim_stability", check="settle", status="fail", score=0.0, object_ids=[m.object_id],
            message=(f"{m.object_id} does not stay put in MuJoCo: in {seconds:g} s it moves "
                     f"{m.displacement * 100:.1f} cm and tilts {m.tilt_deg:.1f}°"),
            evidence={"displacement_cm": round(m.displacement * 100, 2), "tilt_deg": round(m.tilt_deg, 2)},
            fix=f"rest {m.object_id} flat on its support, clear of its neighbours and the walls"))
    rate = 1.0 - len(bad) / len(moving) if moving else 1.0
    findings.append(Finding(
        validator="sim_stability", check="settle_rate", status="fail" if bad else "pass", score=round(rate, 4),
        message=(f"{len(bad)} of {len(moving)} objects move in MuJoCo: {', '.join(m.object_id for m in bad)}" if bad
                 else f"all {len(moving)} free objects stay within {max_disp * 100:g} cm and {max_tilt:g}° "
                      f"in a {seconds:g} s MuJoCo settle"),
        object_ids=[m.object_id for m in bad],
        evidence={"objects": len(moving), "moved": len(bad), "seconds": {k: round(v, 3) for k, v in
                                                                          result.seconds.items()}}))
    findings += _joint_findings(result.sweeps)
    return findings


def _joint_findings(sweeps: list) -> list[Finding]:  # type: ignore[type-arg]
    blocked = [s for s in sweeps if s.hits]
    out = []
    for s in blocked:
        what = ", ".join(f"{n} ({d * 100:.0f} cm deep)" for n, d in sorted(s.hits.items()))
        part = "drawer" if s.kind == "slide" else "door"
        owner = "the room's" if s.owner == "room" else f"{s.owner}'s"
        ids = [] if s.owner == "room" else [s.owner]
        ids += [n for n in sorted(s.hits) if not n.startswith(("wall_", "floor", "door_"))]
        out.append(Finding(
            validator="sim_stability", check="joint", status="fail", score=round(s.opened, 3), object_ids=ids,
            message=f"{owner} {part} {s.joint} hits {what} when opened ({s.opened:.0%} of its range is clear)",
            evidence={"joint": s.joint, "kind": s.kind, "opened": s.opened,
                      "hits_cm": {n: round(d * 100, 1) for n, d in sorted(s.hits.items())}},
            fix=(f"move {s.owner} or what it hits so the {part} has room to open" if s.owner != "room"
                 else "keep the door's swing clear")))
    rate = 1.0 - len(blocked) / len(sweeps) if sweeps else 1.0
    out.append(Finding(
        validator="sim_stability", check="joint_rate", status="fail" if blocked else "pass", score=round(rate, 4),
        message=(f"{len(blocked)} of {len(sweeps)} doors and drawers are blocked" if blocked
                 else f"all {len(sweeps)} doors and drawers open fully"),
        object_ids=sorted({s.owner for s in blocked if s.owner != "room"}),
        evidence={"joints": len(sweeps), "blocked": len(blocked)}))
    return out


sim_stability.params = ("max_displacement", "max_tilt_deg", "seconds")  # type: ignore[attr-defined]
sim_stability.opt_in = True  # type: ignore[attr-defined]
