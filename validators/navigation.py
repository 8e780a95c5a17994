"""Navigation validators: navigability (free floor connected to the doors), accessibility of functional sides, and
opening clearance.

Definitions follow SceneEval (Tam et al., arXiv 2503.14756; summarised in ``/work/shared/METRICS.md``):

* NAV: a 256×256 top-down raster over the room; obstacles are objects whose box centre is at most 2.0 m high; the free
  floor is eroded by the robot radius; score = largest 8-connected free component ÷ all free pixels. SceneEval leaves
  doors as a TODO; here every door must also reach that component.
* ACC: per object, a 0.2 m strip placed 0.05 m out from each functional side (``scenegen.catalog``); score = fraction
  of the strip on free floor that the robot can reach; best side per object; averaged.
* Opening clearance: a box extruded into the room in front of each door (depth = door width) and window (0.5 m);
  any object inside it is an occlusion.

The raster (``FreeSpace``) is built once per ``ValidationContext`` and robot radius (``ctx.free_space``) and shared by
navigability and accessibility. Obstacles are rasterised from each object's oriented footprint (pose + size), not
from its mesh: the floor area a person cannot walk through is the object's box.

Units: metres in the geometry, centimetres in messages and in evidence keys ending ``_cm``; z up, floor at z = 0.
Raster arrays are (ny, nx), row = y, column = x.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from scenegen import catalog
from scenegen.freespace import FreeSpace, footprint, is_flat, quad_mask, scene_free_space, z_range
from scenegen.geometry import footprint_corners, rects_overlap
from scenegen.scene import Finding, ObjectInstance, Opening, Room, Scene
from scenegen.thresholds import ACC_STRIP_DEPTH, ACC_STRIP_OFFSET, KNEE_MIN_HEIGHT, MIN_ACC_SCORE, MIN_NAV_SCORE, \
    ROBOT_RADIUS
from validators.physical import _cm, _r, support_kind
from validators.registry import VALIDATORS

if TYPE_CHECKING:
    from validators.context import ValidationContext

DOOR_PROBE = 0.3
"""A door reaches the free floor when a robot can stand within ``robot_radius + DOOR_PROBE`` m of it, inside its width
(the robot's centre cannot come closer than its radius to the wall)."""
MIN_REGION_M2 = 0.1
"""Cut-off regions with at least this much robot-centre area (m²; 0.1 m² is a floor patch of about 0.7 × 0.7 m) get
their own ``warn`` finding naming what walls them off; smaller slivers are listed in the summary's evidence only."""
WINDOW_DEPTH = 0.5
"""Opening clearance: depth of the box in front of a window (m)."""
OVERLAP_MARGIN = 0.01
"""Footprints must overlap an opening's box by more than this (m) to count: touching its edge is not blocking."""
SILL_TOL = 0.01
"""An object must reach more than this far above a window's sill (m) to occlude it: a headboard lifted 6 mm onto a
rug is not in front of the window. Same 1 cm as the support check's contact tolerance."""


# ----------------------------------------------------------------------------------------------------------------------
# footprints
# ----------------------------------------------------------------------------------------------------------------------


def on_floor(inst: ObjectInstance, scene: Scene) -> bool:
    """Whether the object stands on the floor, directly or on a flat object lying on it (a table on a rug)."""
    kind = support_kind(inst)
    if kind == "floor":
        return True
    if kind != "object" or inst.support is None:
        return False
    try:
        below = scene.object(inst.support)
    except KeyError:
        return False
    return is_flat(below) and support_kind(below) == "floor"


def _rect(center: np.ndarray, along: np.ndarray, normal: np.ndarray, half_width: float, near: float,
          far: float) -> np.ndarray:
    """(4, 2) CCW corners of the rectangle ``half_width`` either side of ``center`` along ``along`` and from ``near``
    to ``far`` metres along ``normal`` (``along`` × ``normal`` must be counter-clockwise, as a wall and its inward
    normal are)."""
    a, b = center + along * half_width, center - along * half_width
    return np.array([b + normal * near, a + normal * near, a + normal * far, b + normal * far])


def _opening_frame(room: Room, op: Opening) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Centre of an opening on the floor, the unit direction of its wall and the wall's inward normal."""
    return (np.asarray(room.opening_center(op), dtype=np.float64), np.asarray(room.wall_direction(op.wall)),
            np.asarray(room.wall_normal(op.wall)))


# ----------------------------------------------------------------------------------------------------------------------
# the free-space raster
# ----------------------------------------------------------------------------------------------------------------------


build_free_space = scene_free_space
"""The validators' name for ``scenegen.freespace.scene_free_space``."""


def _free_space(ctx: "ValidationContext", validator: str) -> FreeSpace:
    """The shared raster for ``validator``'s robot radius (navigability's parameters are the scene's)."""
    radius = float(ctx.param(validator, "robot_radius", ctx.param("navigability", "robot_radius", ROBOT_RADIUS)))
    return ctx.free_space(radius, flat_obstacles=bool(ctx.param(validator, "flat_obstacles", False)))


# ----------------------------------------------------------------------------------------------------------------------
# navigability
# ----------------------------------------------------------------------------------------------------------------------


def _door_access(room: Room, fs: FreeSpace, op: Opening) -> dict[str, object]:
    """Which components the robot positions just inside door ``op`` belong to, and what stands in the way there.

    The probe is the rectangle the door's width wide, from the wall to ``robot_radius + DOOR_PROBE`` m into the room.
    """
    centre, along, normal = _opening_frame(room, op)
    probe = _rect(centre, along, normal, op.width / 2, 0.0, fs.robot_radius + DOOR_PROBE)
    lo = np.floor((probe.min(axis=0) - fs.origin) / fs.res).astype(int)
    hi = np.floor((probe.max(axis=0) - fs.origin) / fs.res).astype(int) + 1
    ny, nx = fs.free.shape
    c0, r0 = max(lo[0], 0), max(lo[1], 0)
    c1, r1 = min(hi[0], nx), min(hi[1], ny)
    mask = np.zeros_like(fs.free)
    if c1 > c0 and r1 > r0:
        xs = fs.origin[0] + (np.arange(c0, c1) + 0.5) * fs.res
        ys = fs.origin[1] + (np.arange(r0, r1) + 0.5) * fs.res
        mask[r0:r1, c0:c1] = quad_mask(probe, xs, ys)
    comps = sorted({int(v) for v in np.unique(fs.labels[mask]) if v > 0})
    reaches = fs.main > 0 and fs.main in comps
    blockers: list[str] = []
    if not reaches:
        if comps:  # the door opens into a pocket: whatever walls the pocket off
            for c in comps:
                blockers += [o for o in fs.walls_of(c)[0] if o not in blockers]
        else:  # no room to stand inside the door at all: what is within a robot radius of the probe
            wide = _rect(centre, along, normal, op.width / 2 + fs.robot_radius, 0.0,
                         2 * fs.robot_radius + DOOR_PROBE)
            xs = fs.origin[0] + (np.arange(nx) + 0.5) * fs.res
            ys = fs.origin[1] + (np.arange(ny) + 0.5) * fs.res
            blockers = fs.owners_in(quad_mask(wide, xs, ys))
    return {"door": op.id, "reaches_main": bool(reaches), "components": comps, "blocked_by": blockers}


def _regions(fs: FreeSpace) -> list[dict[str, object]]:
    """Every component but the largest, largest first: area (m² of robot positions), centre (m), walls."""
    from scipy import ndimage

    out = []
    labels = [k for k in range(1, len(fs.sizes)) if k != fs.main and fs.sizes[k] > 0]
    if not labels:
        return out
    centres = ndimage.center_of_mass(np.ones_like(fs.labels), fs.labels, labels)
    for k, (ci, cj) in zip(labels, centres):
        area = float(fs.sizes[k]) * fs.cell_area
        walls, inside = fs.walls_of(k) if area >= MIN_REGION_M2 else ([], [])
        out.append({"label": k, "area_m2": _r(area), "centre": [_r(fs.origin[0] + (cj + 0.5) * fs.res, 3),
                                                                _r(fs.origin[1] + (ci + 0.5) * fs.res, 3)],
                    "walled_off_by": walls, "contains": inside})
    out.sort(key=lambda r: (-float(r["area_m2"]), int(r["label"])))  # type: ignore[arg-type]
    return out


@VALIDATORS.register("navigability")
def navigability(scene: Scene, ctx: "ValidationContext") -> list[Finding]:
    """SceneEval NAV, plus doors: can a robot of radius ``robot_radius`` (0.2 m) get around the room and in by every
    door?

    The floor is rasterised (256 cells along the longer side), obstacles are objects whose box centre is at most
    2.0 m high (wall objects above that, ceiling lights and flat rugs/mats are not), the free floor is eroded by the
    robot radius, and score = largest 8-connected component ÷ all navigable cells. A door is reachable when a robot
    can stand inside its width within ``robot_radius + 0.3`` m of it, in that largest component.

    Findings: one ``fail`` per door cut off (naming the objects in the way); one ``warn`` per cut-off region of at
    least 0.1 m² of robot positions (naming the objects that wall it off); and a ``navigability`` summary (score as
    above) that fails when the score is below ``min_score`` (0.9, see ``MIN_NAV_SCORE``) or a door is cut off.
    """
    fs = _free_space(ctx, "navigability")
    min_score = float(ctx.param("navigability", "min_score", MIN_NAV_SCORE))
    findings: list[Finding] = []
    doors = [op for op in scene.room.openings if op.kind == "door"]
    access = [_door_access(scene.room, fs, op) for op in doors]
    for acc in access:
        if acc["reaches_main"]:
            continue
        blockers = list(acc["blocked_by"])  # type: ignore[arg-type]
        by = f" by {', '.join(blockers)}" if blockers else ""
        where = "opens into a pocket cut off from the rest of the room" if acc["components"] else \
            "has no room to stand inside it"
        findings.append(Finding(
            validator="navigability", check="door_access", status="fail", score=0.0,
            message=f"{acc['door']} {where}{by} (robot radius {_cm(fs.robot_radius)})",
            object_ids=blockers, evidence=acc,
            fix=(f"move {', '.join(blockers)} to leave a {_cm(2 * fs.robot_radius)} wide path from {acc['door']} "
                 f"to the rest of the room") if blockers else f"clear the floor inside {acc['door']}",
        ))
    regions = _regions(fs)
    for reg in regions:
        if float(reg["area_m2"]) < MIN_REGION_M2:  # type: ignore[arg-type]
            break
        walls = list(reg["walled_off_by"])  # type: ignore[arg-type]
        inside = list(reg["contains"])  # type: ignore[arg-type]
        cx, cy = reg["centre"]  # type: ignore[misc]
        holds = f"; it holds {', '.join(inside)}" if inside else ""
        findings.append(Finding(
            validator="navigability", check="cut_off_region", status="warn",
            score=None, message=(f"{reg['area_m2']:.2f} m² of floor around ({cx:.2f}, {cy:.2f}) is cut off from the "
                                 f"rest of the room by {', '.join(walls) or 'the walls'}{holds}"),
            object_ids=walls + inside, evidence=reg,
            fix=f"open a {_cm(2 * fs.robot_radius)} wide gap between {', '.join(walls)}" if walls else "",
        ))
    score = fs.score
    cut = [a for a in access if not a["reaches_main"]]
    low = score < min_score
    bad_ids: list[str] = []
    for f in findings:
        bad_ids += [o for o in f.object_ids if o not in bad_ids]
    problems = []
    if low:
        problems.append(f"only {score:.0%} of the free floor is one connected area (needs {min_score:.0%})")
        big = regions[0] if regions else None
        if big is not None and big["walled_off_by"]:
            problems[-1] += (f": {big['area_m2']:.2f} m² around ({big['centre'][0]:.2f}, {big['centre'][1]:.2f}) "
                             f"is walled off by {', '.join(big['walled_off_by'])}")  # type: ignore[arg-type]
    if cut:
        problems.append(f"{', '.join(str(a['door']) for a in cut)} cut off")
    free_m2 = float(fs.free.sum()) * fs.cell_area
    findings.append(Finding(
        validator="navigability", check="navigability", status="fail" if problems else "pass", score=_r(score),
        message=("; ".join(problems) if problems else
                 f"{score:.0%} of the free floor is one connected area, reached from "
                 f"{'every door' if doors else 'anywhere (no doors)'}"),
        object_ids=bad_ids if problems else [],
        evidence={"score": _r(score), "free_area_m2": _r(free_m2, 3),
                  "navigable_area_m2": _r(float(fs.sizes.sum()) * fs.cell_area, 3),
                  "main_area_m2": _r(float(fs.sizes[fs.main]) * fs.cell_area, 3), "components": len(fs.sizes) - 1,
                  "cut_off_regions": regions[:10], "doors": access, "robot_radius_m": fs.robot_radius,
                  "cell_m": _r(fs.res, 5), "min_score": min_score},
        fix=("move the objects named above to join the cut-off floor to the rest of the room" if problems else ""),
    ))
    return findings


# ----------------------------------------------------------------------------------------------------------------------
# accessibility
# ----------------------------------------------------------------------------------------------------------------------


def side_strip(inst: ObjectInstance, side: str, depth: float = ACC_STRIP_DEPTH,
               offset: float = ACC_STRIP_OFFSET) -> np.ndarray:
    """(4, 2) CCW corners of the ``depth``-deep strip of floor ``offset`` m out from ``side`` (front: local +y, back:
    -y, right: +x, left: -x; see ``scenegen.scene``) of the object's footprint, metres."""
    x, y, _ = inst.pose.position
    w, d, _ = inst.size
    if side in ("front", "back"):
        sign = 1.0 if side == "front" else -1.0
        right, fwd, hw, hd = 0.0, sign * (d / 2 + offset + depth / 2), w / 2, depth / 2
    else:
        sign = 1.0 if side == "right" else -1.0
        right, fwd, hw, hd = sign * (w / 2 + offset + depth / 2), 0.0, depth / 2, d / 2
    c, s = math.cos(inst.pose.yaw), math.sin(inst.pose.yaw)
    return footprint_corners(x + right * c - fwd * s, y + right * s + fwd * c, hw, hd, inst.pose.yaw)


def _strip_samples(quad: np.ndarray, step: float) -> np.ndarray:
    """(N, 2) points on a regular grid of about ``step`` m spacing covering the rectangle ``quad`` (4, 2)."""
    u, v = quad[1] - quad[0], quad[3] - quad[0]
    nu = max(int(math.ceil(float(np.hypot(*u)) / step)), 1)
    nv = max(int(math.ceil(float(np.hypot(*v)) / step)), 1)
    a = (np.arange(nu) + 0.5) / nu
    b = (np.arange(nv) + 0.5) / nv
    aa, bb = np.meshgrid(a, b)
    return quad[0] + aa.reshape(-1, 1) * u + bb.reshape(-1, 1) * v


def _is_seat(inst: ObjectInstance, scene: Scene) -> bool:
    return inst.category in catalog.with_role("seat") and on_floor(inst, scene)


def _is_knee_top(inst: ObjectInstance, scene: Scene) -> bool:
    return (inst.category in catalog.with_role("knee_top") and on_floor(inst, scene)
            and float(inst.size[2]) >= KNEE_MIN_HEIGHT)


def _grown(inst: ObjectInstance, margin: float) -> np.ndarray:
    """(4, 2) the object's footprint grown by ``margin`` m on every side."""
    x, y, _ = inst.pose.position
    w, d, _ = inst.size
    return footprint_corners(x, y, w / 2 + margin, d / 2 + margin, inst.pose.yaw)


def _in_quad(quad: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """(N,) bool: points (N, 2) inside the convex CCW ``quad`` (4, 2)."""
    inside = np.ones(len(pts), dtype=bool)
    for k in range(4):
        (ax, ay), (bx, by) = quad[k], quad[(k + 1) % 4]
        inside &= (bx - ax) * (pts[:, 1] - ay) - (by - ay) * (pts[:, 0] - ax) >= 0.0
    return inside


class _Tucked:
    """Seat/table pairs for the knee-space rule: which seats are pulled up to which raised tops, and whether a person
    can get to each seat at all (some floor beside one of its four sides is reachable)."""

    def __init__(self, scene: Scene, fs: FreeSpace) -> None:
        self.fs = fs
        self.scene = scene
        self.seats = [o for o in scene.objects if _is_seat(o, scene)]
        self.tops = [o for o in scene.objects if _is_knee_top(o, scene)]
        self._reachable: dict[str, bool] = {}

    def reachable(self, seat: ObjectInstance) -> bool:
        if seat.id not in self._reachable:
            self._reachable[seat.id] = any(
                _side_samples(self.fs, seat, side)[1].any() for side in ("front", "back", "left", "right"))
        return self._reachable[seat.id]

    def zones(self, inst: ObjectInstance) -> list[tuple[str, np.ndarray]]:
        """The partners of ``inst`` whose floor counts as usable for it, with each partner's footprint grown by a
        strip's reach (the partner itself and the gap to it). A seat's partners are the raised tops it is pulled up
        to (when the seat is reachable); a top's partners are the reachable seats pulled up to it."""
        reach_m = ACC_STRIP_OFFSET + ACC_STRIP_DEPTH
        if _is_seat(inst, self.scene):
            if not self.reachable(inst):
                return []
            partners = self.tops
        elif _is_knee_top(inst, self.scene):
            partners = [s for s in self.seats if self.reachable(s)]
        else:
            return []
        mine = _grown(inst, reach_m)
        return [(p.id, _grown(p, reach_m)) for p in partners
                if rects_overlap(mine[None], footprint(p), margin=0.0)[0]]


def _side_samples(fs: FreeSpace, inst: ObjectInstance, side: str) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                                              np.ndarray]:
    """A side's strip sampled at the raster's resolution: points (N, 2), reachable (N,), inside the room (N,), and the
    obstacle index under each point (N,) int, -1 for none."""
    pts = _strip_samples(side_strip(inst, side), fs.res)
    row, col, on_grid = fs.cell_index(pts)
    inside = on_grid & fs.inside[row, col]
    owner = np.where(inside, fs.owner[row, col], -1)
    return pts, inside & fs.reach[row, col], inside, owner


def _score_side(fs: FreeSpace, inst: ObjectInstance, side: str,
                zones: list[tuple[str, np.ndarray]]) -> dict[str, object]:
    """One functional side: the fraction of its strip's samples on reachable free floor (or in a tucked partner's
    zone, see ``_Tucked``), and what blocks the rest."""
    pts, reach, inside, owner = _side_samples(fs, inst, side)
    row, col, _ = fs.cell_index(pts)
    tucked = np.zeros(len(pts), dtype=bool)
    partners: list[str] = []
    for pid, quad in zones:
        hit = inside & ~reach & _in_quad(quad, pts)
        if hit.any():
            tucked |= hit
            partners.append(pid)
    ok = reach | tucked
    blocked = sorted({fs.obstacle_ids[int(k)] for k in np.unique(owner[~ok]) if k >= 0})
    unreached = inside & fs.free[row, col] & ~ok
    cover = fs.cover[row, col]
    pocket, narrow = unreached & (cover > 0), unreached & (cover == 0)
    walls: list[str] = []
    for lab in sorted({int(v) for v in np.unique(cover[pocket])}):
        walls += [o for o in fs.walls_of(lab)[0] if o not in walls and o != inst.id]
    squeezed = [o for o in fs.owners_near(row[narrow], col[narrow]) if o != inst.id] if narrow.any() else []
    n = len(pts)
    return {"side": side, "score": float(ok.sum()) / n, "tucked_fraction": _r(float(tucked.sum()) / n),
            "tucked_with": partners, "blocked_by": [b for b in blocked if b != inst.id],
            "outside_room": _r(float((~inside).sum()) / n), "cut_off": _r(float(pocket.sum()) / n),
            "cut_off_by": walls, "too_narrow": _r(float(narrow.sum()) / n), "narrowed_by": squeezed}


def _skip_reason(inst: ObjectInstance, sides: tuple[str, ...] | None, scene: Scene) -> str | None:
    kind = support_kind(inst)
    if not on_floor(inst, scene):
        return {"object": "stands on another object", "wall": "wall-mounted", "ceiling": "ceiling-mounted"}[kind]
    if is_flat(inst):
        return "flat (walked over)"
    if sides is None:
        return "not in the catalog: functional sides unknown"
    if not sides:
        return "no functional side"
    return None


def _describe_side(s: dict[str, Any]) -> str:
    """What keeps a side's strip from being reachable, in words."""
    parts = []
    if s["blocked_by"]:
        parts.append(f"blocked by {', '.join(s['blocked_by'])}")
    if s["cut_off"]:
        walls = s["cut_off_by"]
        parts.append("on floor cut off from the rest of the room" + (f" by {', '.join(walls)}" if walls else ""))
    if s["too_narrow"]:
        near = s["narrowed_by"]
        parts.append("in a gap too narrow to step into" + (f" beside {', '.join(near)}" if near else ""))
    if s["outside_room"] > 0:
        parts.append("it faces the wall" if s["outside_room"] > 0.5 else "partly outside the room")
    return "; ".join(parts) or "too narrow to reach"


@VALIDATORS.register("accessibility")
def accessibility(scene: Scene, ctx: "ValidationContext") -> list[Finding]:
    """SceneEval ACC: can a person reach a functional side of each object from the main free floor?

    Per floor-standing object (directly or on a rug) with functional sides (``scenegen.catalog``), a 0.2 m strip is
    placed 0.05 m out from each side; its score is the fraction of the strip on free floor that a robot (radius
    ``robot_radius``, as in ``navigability``) standing in the largest navigable component covers with its body (the
    raster's free cells within a robot radius of that component: the strip lies closer to the object than a robot's
    centre can come, so the eroded component itself never holds it). An object's score is its best side's; it fails
    below ``min_score`` (0.5, see ``MIN_ACC_SCORE``). Objects standing on other objects, wall- and ceiling-mounted
    ones, flat ones (rugs, mats) and non-catalog ones are skipped (listed in the summary's evidence).

    Knee space (a deviation from SceneEval, on by default, param ``knee_space``): a chair pulled up to a desk faces
    the desk by design, and the desk's front is where the chair stands; a person uses both by pulling the chair out.
    So for a seat (chair, office chair, bar stool, stool) and a raised top it is pulled up to (desk, dining table,
    kitchen island, at least 0.6 m high, within 25 cm), the strip points on the partner or in the gap to it count as
    reachable, provided the seat itself has reachable floor beside one of its sides. With ``knee_space=False`` the
    strict SceneEval strip is scored: tucked chairs score ~0 on their front, tables lose the floor their chairs stand
    on. Evidence says, per side, which partner was credited (``tucked_with``).

    Findings: one ``fail`` per inaccessible object (its best side, what blocks it) and an ``accessibility_rate`` summary
    with score = mean best-side score over the evaluated objects.
    """
    fs = _free_space(ctx, "accessibility")
    min_score = float(ctx.param("accessibility", "min_score", MIN_ACC_SCORE))
    knee_space = bool(ctx.param("accessibility", "knee_space", True))
    tucked = _Tucked(scene, fs) if knee_space else None
    findings: list[Finding] = []
    skipped: dict[str, str] = {}
    scores: dict[str, float] = {}
    failed: list[str] = []
    for inst in scene.objects:
        try:
            sides: tuple[str, ...] | None = catalog.get(inst.category).functional_sides
        except KeyError:
            sides = None
        if inst.generic:
            sides = None
        reason = _skip_reason(inst, sides, scene)
        if reason:
            skipped[inst.id] = reason
            continue
        assert sides is not None
        zones = tucked.zones(inst) if tucked is not None else []
        results = [_score_side(fs, inst, side, zones) for side in sides]
        best = max(results, key=lambda r: float(r["score"]))  # type: ignore[arg-type]
        score = float(best["score"])  # type: ignore[arg-type]
        scores[inst.id] = score
        if score >= min_score:
            continue
        failed.append(inst.id)
        blockers = list(dict.fromkeys(  # type: ignore[call-overload]
            [*best["blocked_by"], *best["cut_off_by"], *best["narrowed_by"]]))  # type: ignore[misc]
        names = "/".join(str(r["side"]) for r in results)
        findings.append(Finding(
            validator="accessibility", check="accessibility", status="fail", score=_r(score),
            message=(f"{inst.id} cannot be reached: only {score:.0%} of the floor at its best side ({best['side']}) "
                     f"is reachable ({_describe_side(best)})"),
            object_ids=[inst.id, *blockers],
            evidence={"best_side": best["side"], "sides": {str(r["side"]): {k: (_r(v) if isinstance(v, float) else v)
                                                                             for k, v in r.items() if k != "side"}
                                                            for r in results}, "min_score": min_score},
            fix=(f"move {', '.join(blockers)} to free at least {_cm(ACC_STRIP_OFFSET + ACC_STRIP_DEPTH)} of floor in "
                 f"front of the {names} of {inst.id}, joined to the rest of the room" if blockers else
                 f"turn {inst.id} so its {names} faces open floor"),
        ))
    mean = sum(scores.values()) / len(scores) if scores else 1.0
    findings.append(Finding(
        validator="accessibility", check="accessibility_rate", status="fail" if failed else "pass", score=_r(mean),
        message=(f"{len(failed)} of {len(scores)} objects cannot be reached: {', '.join(failed)}" if failed else
                 f"all {len(scores)} objects with a functional side can be reached (mean {mean:.0%})"),
        object_ids=failed,
        evidence={"objects": len(scores), "inaccessible": len(failed), "mean_score": _r(mean),
                  "scores": {k: _r(v) for k, v in scores.items()}, "skipped": skipped, "min_score": min_score,
                  "knee_space": knee_space},
        fix="see the per-object findings" if failed else "",
    ))
    return findings


# ----------------------------------------------------------------------------------------------------------------------
# opening clearance
# ----------------------------------------------------------------------------------------------------------------------


def clearance_box(room: Room, op: Opening) -> tuple[np.ndarray, float, float]:
    """The box in front of an opening: (4, 2) CCW floor rectangle (door: as deep as the door is wide; window: 0.5 m),
    and the heights it spans (door: floor to door top; window: sill to window top), metres."""
    centre, along, normal = _opening_frame(room, op)
    depth = clearance_depth(op)
    quad = _rect(centre, along, normal, op.width / 2, 0.0, depth)
    return quad, float(op.sill), float(op.sill + op.height)


def clearance_depth(op: Opening, door_depth: float | None = None) -> float:
    """Metres the clearance box reaches into the room: a window's ``WINDOW_DEPTH``; a door's ``door_depth`` when
    given, else its width. Deviation (param ``door_depth``): SceneEval clears 1.0 m in front of every door; scenegen
    clears as deep as the door is wide (the leaf's swing), which ``--profile sceneeval`` replaces with 1.0 m."""
    if op.kind != "door":
        return WINDOW_DEPTH
    return float(door_depth) if door_depth is not None else op.width


def _occlusion(room: Room, op: Opening, inst: ObjectInstance, quad: np.ndarray, z0: float,
               z1: float, flat_blocks: bool = False) -> dict[str, float] | None:
    """How ``inst`` intrudes into ``op``'s clearance box: overlap area (m²) and its distance from the wall (m), or
    None when it does not (flat objects never do, nor curtains and blinds on a window; a window is occluded only by
    objects reaching above its sill)."""
    from shapely.geometry import Polygon

    if is_flat(inst) and not flat_blocks:
        return None
    if op.kind == "window" and inst.category in catalog.with_role("window_dressing") and support_kind(inst) == "wall":
        return None  # curtains and blinds are hung across a window to frame it; they draw aside
    lo, hi = z_range(inst)
    if op.kind == "door":
        if lo >= z1 - 1e-6:
            return None
    elif hi <= max(z0 + SILL_TOL, op.occlusion_height) or lo >= z1 - 1e-6:
        return None
    fp = footprint(inst)
    if not rects_overlap(fp[None], quad, margin=OVERLAP_MARGIN)[0]:
        return None
    inter = Polygon(fp).intersection(Polygon(quad))
    if inter.is_empty or inter.area <= 0:
        return None
    centre, _, normal = _opening_frame(room, op)
    pts = np.asarray(inter.exterior.coords, dtype=np.float64)
    return {"overlap_m2": float(inter.area), "from_wall": float(max(((pts - centre) @ normal).min(), 0.0))}


@VALIDATORS.register("opening_clearance")
def opening_clearance(scene: Scene, ctx: "ValidationContext") -> list[Finding]:
    """SceneEval opening clearance: nothing in the box in front of a door (as deep as the door is wide, floor to door
    top) or a window (0.5 m deep, sill to window top; only objects reaching above ``Opening.occlusion_height`` — the
    sill plus a tenth of the window's height — count, so a headboard just over the sill does not).

    Flat objects (rugs, mats) never block. An object mounted on the same wall over the opening is reported as hanging
    over it (there is no wall behind it there).

    Findings: one ``fail`` per (opening, object) occlusion, and an ``opening_clearance`` summary with score =
    fraction of openings clear.
    """
    room = scene.room
    findings: list[Finding] = []
    blocked: dict[str, list[str]] = {}
    door_depth = ctx.param("opening_clearance", "door_depth", None)
    flat_blocks = bool(ctx.param("opening_clearance", "flat_obstacles", False))
    for op in room.openings:
        depth = clearance_depth(op, door_depth)
        quad, z0, z1 = clearance_box(room, op)
        if depth != clearance_depth(op):
            centre, along, normal = _opening_frame(room, op)
            quad = _rect(centre, along, normal, op.width / 2, 0.0, depth)
        for inst in scene.objects:
            occ = _occlusion(room, op, inst, quad, z0, z1, flat_blocks)
            if occ is None:
                continue
            blocked.setdefault(op.id, []).append(inst.id)
            mounted = support_kind(inst) == "wall" and occ["from_wall"] <= 0.05
            need = depth - occ["from_wall"]
            if mounted:
                message = f"{inst.id} hangs over {op.id}: there is no wall behind it there"
                fix = f"move {inst.id} along the wall off {op.id} ({_cm(op.width)} wide)"
            else:
                message = (f"{inst.id} blocks {op.id}: it stands {_cm(occ['from_wall'])} from the {op.kind}, inside "
                           f"its {_cm(depth)} clearance")
                fix = (f"move {inst.id} {_cm(need)} further from {op.id}, or sideways off its {_cm(op.width)} width")
                if op.kind == "window":
                    fix += f", or use one lower than the {_cm(op.sill)} sill"
            findings.append(Finding(
                validator="opening_clearance", check="opening_clearance", status="fail", score=0.0, message=message,
                object_ids=[inst.id],
                evidence={"opening": op.id, "kind": op.kind, "object": inst.id, "overlap_m2": _r(occ["overlap_m2"]),
                          "from_wall_cm": _r(occ["from_wall"] * 100, 2), "clearance_depth_cm": _r(depth * 100, 2),
                          "mounted_over": mounted},
                fix=fix,
            ))
    n = len(room.openings)
    clear = n - len(blocked)
    findings.append(Finding(
        validator="opening_clearance", check="opening_clearance_rate", status="fail" if blocked else "pass",
        score=_r(clear / n if n else 1.0),
        message=("; ".join(f"{k} is blocked by {', '.join(v)}" for k, v in blocked.items()) if blocked else
                 f"all {n} doors and windows are clear"),
        object_ids=sorted({o for v in blocked.values() for o in v}),
        evidence={"openings": n, "clear": clear, "blocked": blocked},
        fix="see the per-object findings" if blocked else "",
    ))
    return findings


navigability.params = ("robot_radius", "min_score", "grid", "obstacle_max_centre",  # type: ignore[attr-defined]
                       "flat_obstacles")
accessibility.params = ("robot_radius", "min_score", "knee_space", "flat_obstacles")  # type: ignore[attr-defined]
opening_clearance.params = ("door_depth", "flat_obstacles")  # type: ignore[attr-defined]
