"""Physical validators: collision, out_of_bounds and support, following SceneEval's definitions.

SceneEval: Tam et al., "SceneEval: Evaluating Semantic Coherence in Text-Conditioned 3D Indoor Scene Synthesis",
arXiv 2503.14756; thresholds from its ``configs/metrics.yaml`` (summarised in ``/work/shared/METRICS.md``).

Units: metres in the geometry, centimetres in messages and in evidence keys ending ``_cm``; z up, floor at z = 0.
Every check is deterministic: surface samples use a fixed seed, and pairs and objects are visited in a stable order.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from scenegen.catalog import support_kind
from scenegen.scene import Finding, ObjectInstance, Room, Scene
from validators.context import FLOOR, ValidationContext
from validators.registry import VALIDATORS

if TYPE_CHECKING:
    import trimesh

NUDGE = 0.005
"""SceneEval collision: a pair counts only if it still collides after moving one object this far apart (m)."""
LIFT = 0.005
"""SceneEval support: the object is lifted this far before casting rays down (m)."""
CONTACT_TOL = 0.01
"""scenegen support (param ``contact_tol``): a ray hit within this distance below the (unlifted) bottom is a contact
(m). Deviation: SceneEval's rays start 5 mm up and count hits within 1 cm of that start, so its effective tolerance is
under 5 mm below the bottom (``--profile sceneeval`` sets 0.005); ours also forgives 5-10 mm of float, which
procedural legs on a rug's bevel need."""
MIN_CONTACTS = 4
"""SceneEval support: floor- and object-supported objects need at least this many contacts."""
RAYS_PER_M2 = 256
"""SceneEval support: rays per m² of the object's bottom."""
MIN_RAYS, MAX_RAYS = 16, 4096
SUNK_TOL = 0.01
"""A bottom more than this far below its support's surface is sunk rather than resting (m)."""
MOUNT_TOL = 0.01
"""Wall objects: back within this distance of a wall; ceiling objects: top within this distance of the ceiling (m).
SceneEval's on_wall predicate uses the same 0-0.01 m band."""
OOB_INSIDE = 0.99
"""SceneEval out-of-bounds: an object is out of bounds if fewer than this fraction of its samples are inside."""
OOB_SAMPLES_PER_M3, OOB_MIN_SAMPLES, OOB_MAX_SAMPLES = 5000, 1000, 5000
OOB_TOL = 1e-3
"""Numerical slack for surface points that lie on a wall, the floor or the ceiling (m)."""
OOB_WALL_TOL = 0.01
"""Wall-mounted objects touch their wall: points up to this far outside the footprint are not counted (m)."""
SEED = 0
"""Fixed seed for surface sampling: the same scene gives the same report."""


# ----------------------------------------------------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------------------------------------------------


def _cm(metres: float) -> str:
    """Human-readable centimetres: '3 cm', '0.4 cm', '12 cm'."""
    cm = abs(metres) * 100.0
    return f"{cm:.0f} cm" if cm >= 1.0 else f"{cm:.1f} cm"


def _r(x: float, nd: int = 4) -> float:
    """Round evidence numbers so reports are stable and readable."""
    return float(round(float(x), nd))


def _polygon(room: Room) -> np.ndarray:
    return np.asarray(room.footprint, dtype=np.float64)


def points_in_polygon(xy: np.ndarray, poly: np.ndarray) -> np.ndarray:
    """Even-odd test, vectorised: (N, 2) points against an (M, 2) polygon -> (N,) bool. Boundary points are undefined;
    pair with ``distance_to_boundary`` for a tolerance."""
    x, y = xy[:, 0:1], xy[:, 1:2]
    x1, y1 = poly[:, 0], poly[:, 1]
    x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
    crosses = (y1 > y) != (y2 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        xc = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
    hits = crosses & (xc > x)
    return (hits.sum(axis=1) % 2) == 1


def distance_to_boundary(xy: np.ndarray, poly: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(N,) distance in metres from each point to the polygon's nearest edge, and (N,) index of that edge (wall)."""
    a = poly[None, :, :]
    ab = np.roll(poly, -1, axis=0)[None, :, :] - a
    ap = xy[:, None, :] - a
    t = np.clip((ap * ab).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-18), 0.0, 1.0)
    d = np.linalg.norm(ap - t[..., None] * ab, axis=-1)
    edge = d.argmin(axis=1)
    return d[np.arange(len(xy)), edge], edge


def _wall_names(room: Room, walls: list[int]) -> str:
    return ("wall " if len(walls) == 1 else "walls ") + " and ".join(str(w) for w in walls)


# ----------------------------------------------------------------------------------------------------------------------
# collision
# ----------------------------------------------------------------------------------------------------------------------


def _still_collides(ctx: ValidationContext, a: str, b: str, offset: np.ndarray) -> bool:
    """Whether ``b``'s mesh, translated by ``offset`` (m), still intersects ``a``'s (exact mesh test, fcl)."""
    transform = np.eye(4)
    transform[:3, 3] = offset
    _, names = ctx.collision_manager.in_collision_single(ctx.mesh(b), transform=transform, return_names=True)
    return a in names


def _nudges(ctx: ValidationContext, a: str, b: str) -> tuple[np.ndarray, np.ndarray]:
    """The two SceneEval-style 5 mm nudges of ``b`` away from ``a``: horizontal, along the xy direction between their
    box centres (+x when the centres coincide), and vertical (off its support when one holds the other, else up when
    ``b``'s centre is not below ``a``'s)."""
    ca, cb = ctx.bounds(a).mean(axis=0), ctx.bounds(b).mean(axis=0)
    h = cb[:2] - ca[:2]
    norm = float(np.hypot(*h))
    h = h / norm if norm > 1e-9 else np.array([1.0, 0.0])
    horizontal = np.array([h[0], h[1], 0.0]) * NUDGE
    # away from a support: a thing resting inside its container (a blanket on a wardrobe's bottom panel) lies below
    # the container's centre, yet it is lifted off what holds it, not pushed into it
    inst_a, inst_b = ctx.instance(a), ctx.instance(b)
    if inst_b is not None and inst_b.support == a:
        up = True
    elif inst_a is not None and inst_a.support == b:
        up = False
    else:
        up = bool(cb[2] >= ca[2])
    vertical = np.array([0.0, 0.0, NUDGE if up else -NUDGE])
    return horizontal, vertical


@VALIDATORS.register("collision")
def collision(scene: Scene, ctx: ValidationContext) -> list[Finding]:
    """SceneEval COL: exact mesh intersection between object pairs (fcl), counted only if it persists after a 5 mm nudge.

    A pair fcl reports as touching is nudged twice, moving the smaller object 5 mm away from the other horizontally
    (along the line between their box centres) and vertically (away from the other's centre height). The pair counts
    as colliding only if it still intersects after **both** nudges: objects that merely touch (side by side, or one
    standing on the other's top) separate under one of them, so contact with a support is never a collision. A
    penetration of 5 mm or less along either direction is tolerated, as in SceneEval.

    Findings: one ``fail`` per colliding pair (penetration estimated from the overlap of the two meshes' AABBs, so
    an upper bound for rotated objects), and a ``collision_rate`` summary with score = 1 - fraction of objects in
    collision.
    """
    ids = ctx.ids
    findings: list[Finding] = []
    in_collision: set[str] = set()
    pairs: list[tuple[str, str]] = []
    if len(ids) >= 2:
        _, raw = ctx.collision_manager.in_collision_internal(return_names=True)
        pairs = sorted({tuple(sorted(p)) for p in raw})  # type: ignore[misc]
    for p, q in pairs:
        # Move (and name in the fix) the smaller object: that is the practical repair.
        vol = {i: float(np.prod(np.ptp(ctx.bounds(i), axis=0))) for i in (p, q)}
        a, b = (p, q) if (vol[p], q) >= (vol[q], p) else (q, p)
        horizontal, vertical = _nudges(ctx, a, b)
        if not (_still_collides(ctx, a, b, horizontal) and _still_collides(ctx, a, b, vertical)):
            continue
        ba, bb = ctx.bounds(a), ctx.bounds(b)
        overlap = np.minimum(ba[1], bb[1]) - np.maximum(ba[0], bb[0])
        depth = float(max(overlap.min(), 0.0))
        in_collision.update((a, b))
        findings.append(Finding(
            validator="collision", check="collision", status="fail", score=0.0,
            message=f"{a} and {b} intersect (penetration ≈ {_cm(depth)})",
            object_ids=[a, b],
            evidence={"penetration_cm": _r(depth * 100, 2), "aabb_overlap_cm": [_r(v * 100, 2) for v in overlap],
                      "nudge_m": NUDGE},
            fix=f"move {b} away from {a} by at least {_cm(depth + NUDGE)}",
        ))
    n = len(ids)
    rate = len(in_collision) / n if n else 0.0
    findings.append(Finding(
        validator="collision", check="collision_rate", status="fail" if in_collision else "pass", score=_r(1.0 - rate),
        message=(f"{len(in_collision)} of {n} objects collide ({len(findings)} pair(s))" if in_collision
                 else f"no colliding objects among {n}"),
        object_ids=sorted(in_collision),
        evidence={"objects": n, "objects_in_collision": len(in_collision), "pairs": len(findings),
                  "collision_rate": _r(rate), "touching_pairs_checked": len(pairs)},
        fix="separate the objects listed above" if in_collision else "",
    ))
    return findings


# ----------------------------------------------------------------------------------------------------------------------
# out of bounds
# ----------------------------------------------------------------------------------------------------------------------


@VALIDATORS.register("out_of_bounds")
def out_of_bounds(scene: Scene, ctx: ValidationContext) -> list[Finding]:
    """SceneEval OOB: points sampled on each mesh must lie over the floor; out of bounds if fewer than 99% do.

    Samples: 5000 per m³ of the object's box, at least 1000, at most 5000, drawn with a fixed seed. A point is inside
    when its xy lies in the footprint polygon (within 1 mm of a wall counts as inside: surfaces touching a wall) and
    0 <= z <= room height (1 mm slack). SceneEval casts the points down onto the floor, which is the xy test; the
    height test is ours. Wall-mounted objects may reach up to 1 cm past the footprint (they touch the wall).

    Findings: one ``fail`` per object out of bounds (fraction outside, how far, which walls) and an
    ``out_of_bounds_rate`` summary with score = 1 - fraction of objects out of bounds.
    """
    import trimesh

    room = scene.room
    poly = _polygon(room)
    findings: list[Finding] = []
    bad: list[str] = []
    for inst in scene.objects:
        mesh = ctx.mesh(inst.id)
        if len(mesh.faces) == 0 or mesh.area <= 0:
            continue
        extent = np.ptp(ctx.bounds(inst.id), axis=0)
        n = int(np.clip(math.ceil(OOB_SAMPLES_PER_M3 * float(np.prod(extent))), OOB_MIN_SAMPLES, OOB_MAX_SAMPLES))
        pts, _ = trimesh.sample.sample_surface(mesh, n, seed=SEED)
        pts = np.asarray(pts, dtype=np.float64)
        tol = OOB_WALL_TOL if support_kind(inst) == "wall" else OOB_TOL
        dist, edge = distance_to_boundary(pts[:, :2], poly)
        inside_xy = points_in_polygon(pts[:, :2], poly) | (dist <= tol)
        below = pts[:, 2] < -OOB_TOL
        above = pts[:, 2] > room.height + OOB_TOL
        inside = inside_xy & ~below & ~above
        frac_out = 1.0 - float(inside.mean())
        if frac_out <= 1.0 - OOB_INSIDE + 1e-12:
            continue
        bad.append(inst.id)
        walls = sorted({int(w) for w in np.unique(edge[~inside_xy])})
        past = float(dist[~inside_xy].max()) if (~inside_xy).any() else 0.0
        below_by = float(-pts[below, 2].min()) if below.any() else 0.0
        above_by = float(pts[above, 2].max() - room.height) if above.any() else 0.0
        where, fixes = [], []
        if walls:
            where.append(f"up to {_cm(past)} past {_wall_names(room, walls)}")
            normals = np.array([room.wall_normal(w) for w in walls]).sum(axis=0)
            normals /= max(float(np.hypot(*normals)), 1e-9)
            fixes.append(f"move {inst.id} {_cm(past)} into the room, away from {_wall_names(room, walls)} "
                         f"(direction x={normals[0]:+.2f}, y={normals[1]:+.2f})")
        if below_by:
            where.append(f"{_cm(below_by)} below the floor")
            fixes.append(f"raise {inst.id} by {_cm(below_by)}")
        if above_by:
            where.append(f"{_cm(above_by)} above the ceiling")
            fixes.append(f"lower or shrink {inst.id} by {_cm(above_by)}")
        findings.append(Finding(
            validator="out_of_bounds", check="out_of_bounds", status="fail", score=_r(1.0 - frac_out),
            message=f"{inst.id} is {frac_out:.0%} outside the room ({'; '.join(where)})",
            object_ids=[inst.id],
            evidence={"fraction_outside": _r(frac_out), "samples": n, "walls": walls,
                      "max_outside_cm": _r(past * 100, 2), "below_floor_cm": _r(below_by * 100, 2),
                      "above_ceiling_cm": _r(above_by * 100, 2)},
            fix="; ".join(fixes),
        ))
    n_obj = len(scene.objects)
    rate = len(bad) / n_obj if n_obj else 0.0
    findings.append(Finding(
        validator="out_of_bounds", check="out_of_bounds_rate", status="fail" if bad else "pass", score=_r(1.0 - rate),
        message=(f"{len(bad)} of {n_obj} objects are out of bounds: {', '.join(bad)}" if bad
                 else f"all {n_obj} objects are inside the room"),
        object_ids=bad,
        evidence={"objects": n_obj, "objects_out_of_bounds": len(bad), "out_of_bounds_rate": _r(rate)},
        fix="move the objects listed above into the room" if bad else "",
    ))
    return findings


# ----------------------------------------------------------------------------------------------------------------------
# support
# ----------------------------------------------------------------------------------------------------------------------


def bottom_points(mesh: "trimesh.Trimesh") -> np.ndarray:
    """(N, 3) points on an object's bottom, metres: the down-facing faces within 1 cm of its lowest point, sampled at
    256 per m² (at least 16, at most 4096, fixed seed), plus those faces' corners so the contact hull reaches the
    edges. A mesh with no such face (a curved or open bottom) falls back to its vertices within 1 cm of its lowest
    point."""
    import trimesh

    zmin = float(mesh.bounds[0, 2])
    tris = mesh.triangles
    sel = (mesh.face_normals[:, 2] < -0.5) & (tris[:, :, 2].max(axis=1) <= zmin + CONTACT_TOL)
    if not sel.any():
        verts = mesh.vertices[mesh.vertices[:, 2] <= zmin + CONTACT_TOL]
        return np.unique(np.asarray(verts, dtype=np.float64), axis=0)
    weight = np.where(sel, mesh.area_faces, 0.0)
    n = int(np.clip(math.ceil(RAYS_PER_M2 * float(weight.sum())), MIN_RAYS, MAX_RAYS))
    samples, _ = trimesh.sample.sample_surface(mesh, n, face_weight=weight, seed=SEED)
    corners = np.unique(tris[sel].reshape(-1, 3), axis=0)
    return np.vstack([np.asarray(samples, dtype=np.float64), corners])


def _centroid(mesh: "trimesh.Trimesh", surface: bool = False) -> np.ndarray:
    """Centre of mass for a closed mesh (uniform density), else (or with ``surface``) the area-weighted surface
    centroid; (3,) metres. Deviation (param ``surface_centroid``, default False): SceneEval always uses the surface
    centroid; the centre of mass is where a solid object's weight acts, so it is ours for closed meshes."""
    return np.asarray(mesh.center_mass if mesh.is_volume and not surface else mesh.centroid, dtype=np.float64)


def _centroid_in_hull(points_xy: np.ndarray, c_xy: np.ndarray, tol: float = 1e-3) -> bool:
    """Whether ``c_xy`` lies in the convex hull of ``points_xy`` (1 mm slack; degenerate hulls are lines/points)."""
    from shapely.geometry import MultiPoint, Point

    hull = MultiPoint([tuple(p) for p in points_xy]).convex_hull
    return bool(hull.buffer(tol).covers(Point(float(c_xy[0]), float(c_xy[1]))))


def _sunk_depth(ctx: ValidationContext, inst: ObjectInstance, pts: np.ndarray) -> tuple[float, str]:
    """How far (m) the object's bottom lies below the surface of what it is declared to stand on, and that thing's
    name. Floor: depth below z = 0. Object: rays cast down from the object's top at each bottom point, against the
    support alone; the first hit is the support's surface there (its top, or a lower shelf the object sits in)."""
    depth, into = max(0.0, -float(pts[:, 2].min())), FLOOR
    sid = inst.support
    if support_kind(inst) == "object" and sid is not None and ctx.instance(sid) is not None:
        top = float(ctx.bounds(inst.id)[1, 2])
        origins = np.column_stack([pts[:, :2], np.full(len(pts), top)])
        dist, owner = ctx.cast_down(origins, exclude=inst.id, only=[sid], floor=False)
        hit = np.isfinite(dist)
        if hit.any():
            d = float(((top - dist[hit]) - pts[hit, 2]).max())
            if d > depth:
                depth, into = d, sid
    return depth, into


def _check_standing(ctx: ValidationContext, inst: ObjectInstance) -> Finding | None:
    """SceneEval SUP for floor- and object-supported objects; None when supported."""
    oid = inst.id
    mesh = ctx.mesh(oid)
    pts = bottom_points(mesh)
    depth, into = _sunk_depth(ctx, inst, pts)
    into_name = "the floor" if into == FLOOR else into
    if depth > SUNK_TOL:
        return Finding(
            validator="support", check="support", status="fail", score=0.0,
            message=f"{oid} is sunk {_cm(depth)} into {into_name}",
            object_ids=[oid] if into == FLOOR else [oid, into],
            evidence={"state": "sunk", "sunk_cm": _r(depth * 100, 2), "into": into},
            fix=f"raise {oid} by {_cm(depth)} so it rests on {into_name}",
        )
    origins = pts + np.array([0.0, 0.0, LIFT])
    dist, owner = ctx.cast_down(origins, exclude=oid)
    contact = dist <= LIFT + float(ctx.param("support", "contact_tol", CONTACT_TOL))
    n_contacts = int(contact.sum())
    under = sorted({o for o, c in zip(owner, contact) if c and o is not None})
    evidence: dict[str, object] = {"contacts": n_contacts, "rays": len(pts), "supported_by": under,
                                   "declared_support": inst.support or FLOOR}
    if n_contacts == 0:
        finite = np.isfinite(dist)
        if finite.any():
            k = int(np.argmin(np.where(finite, dist, np.inf)))
            gap, below = float(dist[k]) - LIFT, owner[k] or FLOOR
        else:  # nothing underneath at all (below the floor plane and over no object)
            gap, below = float("nan"), FLOOR
        below_name = "the floor" if below == FLOOR else below
        evidence.update(state="floating", gap_cm=_r(gap * 100, 2) if math.isfinite(gap) else None, below=below)
        return Finding(
            validator="support", check="support", status="fail", score=0.0,
            message=f"{oid} floats {_cm(gap)} above {below_name}" if math.isfinite(gap)
            else f"{oid} has nothing underneath it",
            object_ids=[oid] if below == FLOOR else [oid, below], evidence=evidence,
            fix=f"lower {oid} by {_cm(gap)} onto {below_name}" if math.isfinite(gap)
            else f"place {oid} on the floor or on a supporting object",
        )
    on = " and ".join("the floor" if u == FLOOR else u for u in under)
    others = [u for u in under if u != FLOOR]
    c = _centroid(mesh, surface=bool(ctx.param("support", "surface_centroid", False)))
    inside = _centroid_in_hull(origins[contact, :2], c[:2])
    evidence.update(centroid_in_hull=inside)
    if n_contacts < MIN_CONTACTS:
        evidence.update(state="unstable")
        return Finding(
            validator="support", check="support", status="fail", score=_r(n_contacts / MIN_CONTACTS),
            message=f"{oid} touches {on} at only {n_contacts} of {len(pts)} points (needs {MIN_CONTACTS})",
            object_ids=[oid, *others], evidence=evidence,
            fix=f"move {oid} so its whole base rests on {on}",
        )
    if not inside:
        evidence.update(state="overhanging")
        return Finding(
            validator="support", check="support", status="fail", score=0.5,
            message=f"{oid} overhangs {on}: its centre of mass is outside the {n_contacts} points it rests on",
            object_ids=[oid, *others], evidence=evidence,
            fix=f"move {oid} toward the middle of {on}",
        )
    return None


def _check_wall(ctx: ValidationContext, room: Room, inst: ObjectInstance) -> Finding | None:
    """Wall objects pass when their back (local -y side, see ``scenegen.scene``) is within 1 cm of a wall line."""
    oid = inst.id
    v = np.asarray(ctx.mesh(oid).vertices, dtype=np.float64)
    c, s = math.cos(inst.pose.yaw), math.sin(inst.pose.yaw)
    rel = v[:, :2] - np.asarray(inst.pose.position[:2])
    local_y = -s * rel[:, 0] + c * rel[:, 1]
    back3 = v[local_y <= local_y.min() + MOUNT_TOL]
    back = back3[:, :2]
    poly = _polygon(room)
    dist, edge = distance_to_boundary(back, poly)
    k = int(np.argmin(dist))
    wall = int(edge[k])
    if dist[k] <= MOUNT_TOL:
        touching = back3[(dist <= MOUNT_TOL) & (edge == wall)]
        opening = _over_opening(room, wall, touching)
        if opening is None:
            return None
        return Finding(validator="support", check="support", status="fail", score=0.0,
                       message=f"{oid} hangs over {opening} on wall {wall}: there is no wall behind it",
                       object_ids=[oid], evidence={"state": "over_opening", "wall": wall, "opening": opening},
                       fix=f"move {oid} along wall {wall} off {opening}")
    a = np.asarray(room.wall(wall)[0])
    signed = float((back[k] - a) @ np.asarray(room.wall_normal(wall)))
    if signed < 0:
        msg, fix, state = (f"{oid} is sunk {_cm(-signed)} into wall {wall}",
                           f"move {oid} {_cm(-signed)} out of wall {wall}", "sunk")
    else:
        msg, fix, state = (f"{oid} hangs {_cm(signed)} off wall {wall}",
                           f"move {oid} back {_cm(signed)} against wall {wall}", "floating")
    return Finding(validator="support", check="support", status="fail", score=0.0, message=msg, object_ids=[oid],
                   evidence={"state": state, "gap_cm": _r(signed * 100, 2), "wall": wall}, fix=fix)


def _over_opening(room: Room, wall: int, points: np.ndarray) -> str | None:
    """The id of a door or window on ``wall`` that is behind every one of ``points`` ((K, 3) metres, on the wall's
    line), i.e. the object touches the wall only where there is a hole in it; None when some point has wall behind."""
    a = np.asarray(room.wall(wall)[0])
    along = (points[:, :2] - a) @ np.asarray(room.wall_direction(wall))
    covered = np.zeros(len(points), dtype=bool)
    hit: str | None = None
    for op in room.openings:
        if op.wall != wall:
            continue
        inside = (np.abs(along - op.offset) < op.width / 2) & (points[:, 2] > op.sill) & \
            (points[:, 2] < op.sill + op.height)
        if inside.any():
            hit = hit or op.id
        covered |= inside
    return hit if len(points) and covered.all() else None


def _check_ceiling(ctx: ValidationContext, room: Room, inst: ObjectInstance) -> Finding | None:
    """Ceiling objects pass when their top is within 1 cm of the ceiling (z = room height)."""
    oid = inst.id
    gap = room.height - float(ctx.bounds(oid)[1, 2])
    if abs(gap) <= MOUNT_TOL:
        return None
    if gap > 0:
        msg, fix, state = (f"{oid} hangs {_cm(gap)} below the ceiling", f"raise {oid} by {_cm(gap)}", "floating")
    else:
        msg, fix, state = (f"{oid} is sunk {_cm(gap)} into the ceiling", f"lower {oid} by {_cm(gap)}", "sunk")
    return Finding(validator="support", check="support", status="fail", score=0.0, message=msg, object_ids=[oid],
                   evidence={"state": state, "gap_cm": _r(gap * 100, 2)}, fix=fix)


@VALIDATORS.register("support")
def support(scene: Scene, ctx: ValidationContext) -> list[Finding]:
    """SceneEval SUP: is every object held up by what it is declared to stand on or hang from?

    Floor- and object-supported objects: lift the object 5 mm, cast rays straight down (-z) from points on its bottom
    (256 per m², at least 16) against the floor plane z = 0 and every *other* object's mesh; a hit within 1 cm of the
    unlifted bottom (ray length <= 1.5 cm) is a contact. Supported = at least 4 contacts and the centroid's xy inside
    the contacts' convex hull. Before that, a bottom more than 1 cm below the floor, or below the surface of its
    declared support object, is reported as **sunk** (distinct from **floating**: no contact, gap in cm).
    Wall objects (``support == "wall"``): back within 1 cm of a wall line. Ceiling objects: top within 1 cm of the
    ceiling. (SceneEval passes wall/ceiling items on any ray contact; the distance test is the same idea without rays.)

    Findings: one ``fail`` per unsupported object (state: sunk / floating / unstable / overhanging) and a
    ``support_rate`` summary with score = fraction of objects supported.
    """
    findings: list[Finding] = []
    for inst in scene.objects:
        kind = support_kind(inst)
        if kind == "wall":
            f = _check_wall(ctx, scene.room, inst)
        elif kind == "ceiling":
            f = _check_ceiling(ctx, scene.room, inst)
        else:
            f = _check_standing(ctx, inst)
        if f is not None:
            findings.append(f)
    n = len(scene.objects)
    bad = [f.object_ids[0] for f in findings]
    rate = (n - len(bad)) / n if n else 1.0
    findings.append(Finding(
        validator="support", check="support_rate", status="fail" if bad else "pass", score=_r(rate),
        message=(f"{len(bad)} of {n} objects are not supported: {', '.join(bad)}" if bad
                 else f"all {n} objects are supported"),
        object_ids=bad,
        evidence={"objects": n, "supported": n - len(bad), "support_rate": _r(rate)},
        fix="fix the objects listed above" if bad else "",
    ))
    return findings
