"""Simulation-ready scenes (issue 22): a tiny procedural room exported to MuJoCo, URDF/SDF and USD Physics, loaded,
stepped and checked, with a planted floating chair and a wardrobe whose doors open into a wall."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scenegen.assets import plan_asset
from scenegen.scene import LayoutPlan, ObjectInstance, Opening, PlannedObject, Pose, Provenance, Room, Scene
from scenegen.scene_files import dump_json

mujoco = pytest.importorskip("mujoco")


def placed(oid: str, category: str, x: float, y: float, yaw: float = 0.0, z: float = 0.0,
           support: str | None = None) -> ObjectInstance:
    """A procedural ``category`` object (seeded sizes) with bottom centre (x, y, z) metres and ``yaw`` radians."""
    ref = plan_asset(PlannedObject(id=oid, category=category), np.random.default_rng(7))
    w, d, h = (float(ref.params[k]) for k in ("width", "depth", "height"))
    c, s = abs(math.cos(yaw)), abs(math.sin(yaw))
    hx, hy = (c * w + s * d) / 2, (s * w + c * d) / 2
    return ObjectInstance(id=oid, category=category, asset=ref, pose=Pose(position=(x, y, z), yaw=yaw),
                          size=(w, d, h), bbox=((x - hx, y - hy, z), (x + hx, y + hy, z + h)), support=support)


def tiny_scene(float_chair: bool = True) -> Scene:
    """4 × 3 m room, a door on the south wall. A wardrobe against the north wall facing the room (clear), a second
    wardrobe facing the east wall 15 cm from it (its doors hit that wall), a nightstand, and a chair standing on the
    floor or, planted, 0.5 m above it."""
    room = Room.rectangle(4.0, 3.0, 2.7, type="bedroom",
                          openings=[Opening(id="door_1", kind="door", wall=0, offset=0.8, width=0.9, height=2.0)])
    good = placed("wardrobe_1", "wardrobe", 1.6, 0.0, yaw=math.pi)
    good = _against(good, y_max=3.0)
    bad = placed("wardrobe_2", "wardrobe", 0.0, 1.9, yaw=-math.pi / 2)
    bad = _shift(bad, dx=4.0 - 0.15 - bad.bbox[1][0])
    objects = [good, bad, placed("nightstand_1", "nightstand", 0.35, 2.7, yaw=math.pi),
               placed("chair_1", "chair", 1.5, 1.2, z=0.5 if float_chair else 0.0)]
    plan = LayoutPlan(prompt="sim test", room=room, objects=[PlannedObject(id=o.id, category=o.category)
                                                              for o in objects])
    return Scene(room=room, objects=objects, plan=plan, provenance=Provenance(prompt="sim test", seed=0,
                                                                              planner="rules"))


def _shift(o: ObjectInstance, dx: float = 0.0, dy: float = 0.0) -> ObjectInstance:
    (x0, y0, z0), (x1, y1, z1) = o.bbox
    x, y, z = o.pose.position
    return o.model_copy(update={"pose": Pose(position=(x + dx, y + dy, z), yaw=o.pose.yaw),
                                "bbox": ((x0 + dx, y0 + dy, z0), (x1 + dx, y1 + dy, z1))})


def _against(o: ObjectInstance, y_max: float) -> ObjectInstance:
    return _shift(o, dy=y_max - 0.01 - o.bbox[1][1])


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SCENEGEN_CACHE", str(tmp_path / "cache"))


def test_tiny_scene_settles_except_the_floating_chair_and_the_blocked_doors_are_caught():
    from scenegen.export.simulate import run

    result = run(tiny_scene())
    motion = {m.object_id: m for m in result.motions}
    assert motion["chair_1"].displacement > 0.3  # falls about half a metre
    for oid in ("wardrobe_1", "wardrobe_2", "nightstand_1"):
        assert motion[oid].displacement < 0.01 and motion[oid].tilt_deg < 2.0, motion[oid]
    sweeps = {(s.owner, s.joint): s for s in result.sweeps}
    blocked = [s for s in sweeps.values() if s.hits]
    assert blocked and all(s.owner == "wardrobe_2" and set(s.hits) == {"wall_1"} for s in blocked)
    assert all(s.opened < 1.0 for s in blocked)
    assert not any(s.hits for (owner, _), s in sweeps.items() if owner in ("wardrobe_1", "nightstand_1", "room"))
    assert ("room", "door_door_1") in sweeps  # the room's door is swept too
    assert sum(1 for owner, _ in sweeps if owner == "nightstand_1") >= 1


def test_sim_stability_validator_reports_the_faults_in_words():
    from validators import validate

    report = validate(tiny_scene(), only=["sim_stability"])
    fails = [f for f in report.findings if f.status == "fail"]
    settle = [f for f in fails if f.check == "settle"]
    assert [f.object_ids for f in settle] == [["chair_1"]]
    joints = [f for f in fails if f.check == "joint"]
    assert joints and all("wardrobe_2" in f.message and "wall_1" in f.message for f in joints)
    rate = next(f for f in report.findings if f.check == "settle_rate")
    assert rate.score == pytest.approx(3 / 4)
    clean = validate(tiny_scene(float_chair=False), only=["sim_stability"])
    assert not [f for f in clean.findings if f.check in ("settle", "settle_rate") and f.status == "fail"]


def test_sim_stability_is_opt_in():
    from validators.registry import default_names

    assert "sim_stability" not in default_names()


def test_mjcf_bodies_joints_and_masses():
    from scenegen.export.mjcf import mjcf_text
    from scenegen.physics.articulation import derive_joints

    scene = tiny_scene()
    model = mujoco.MjModel.from_xml_string(mjcf_text(scene))
    assert model.body("chair_1").id > 0 and model.body_jntnum[model.body("chair_1").id] == 1  # its free joint
    n_parts = sum(len(derive_joints(o.category, o.size)) for o in scene.objects)
    assert model.njnt == len(scene.objects) + n_parts + 1  # free joints, doors and drawers, the room's door
    total = model.body_subtreemass[model.body("wardrobe_1").id]
    assert 50.0 <= total <= 150.0


def test_urdf_and_sdf_load_in_pybullet(tmp_path):
    pybullet = pytest.importorskip("pybullet")
    from scenegen.export.urdf import write_urdf

    scene = tiny_scene(float_chair=False)
    result = write_urdf(scene, tmp_path / "urdf")
    cid = pybullet.connect(pybullet.DIRECT)
    try:
        ids = pybullet.loadSDF(str(result.scene_sdf), physicsClientId=cid)
        assert len(ids) == len(scene.objects) + 1
        joints = sum(pybullet.getNumJoints(i, physicsClientId=cid) for i in ids)
        assert joints >= 6  # two wardrobes' doors, the nightstand's drawers, the room door
        for path in result.urdfs:
            assert pybullet.loadURDF(str(path), physicsClientId=cid) >= 0
    finally:
        pybullet.disconnect(cid)


def test_usd_physics_reads_back_with_mass_and_collision_on_every_object(tmp_path):
    pxr = pytest.importorskip("pxr")
    from pxr import Usd, UsdPhysics

    from scenegen.export.usd import write_usda

    scene = tiny_scene(float_chair=False)
    stage = Usd.Stage.Open(str(write_usda(scene, tmp_path / "scene.usda")))
    for inst in scene.objects:
        prim = stage.GetPrimAtPath(f"/World/Objects/{inst.id}")
        assert prim.HasAPI(UsdPhysics.RigidBodyAPI) and prim.HasAPI(UsdPhysics.MassAPI)
        assert UsdPhysics.MassAPI(prim).GetMassAttr().Get() > 0
        assert any(p.HasAPI(UsdPhysics.CollisionAPI) for p in Usd.PrimRange(prim))
    joints = [p for p in stage.Traverse() if p.IsA(UsdPhysics.RevoluteJoint) or p.IsA(UsdPhysics.PrismaticJoint)]
    assert len(joints) >= 6
    assert stage.GetPrimAtPath("/World/Physics/Joints/room__door_door_1").IsA(UsdPhysics.RevoluteJoint)
    assert pxr  # imported for the skip


def test_joints_are_recorded_only_when_asked_and_scene_json_is_unchanged_without():
    from scenegen.physics.articulation import articulate

    scene = tiny_scene()
    assert '"joints"' not in dump_json(scene)
    recorded = articulate(scene)
    assert '"joints"' in dump_json(recorded)
    assert Scene.model_validate_json(dump_json(recorded)).object("wardrobe_1").joints == \
        recorded.object("wardrobe_1").joints
    assert not scene.object("wardrobe_1").joints  # the input is not changed


def test_doors_open_outward_and_drawers_slide_out():
    from scenegen.physics.articulation import derive_joints

    d = 0.6
    for j in derive_joints("wardrobe", (1.2, d, 2.0)) + derive_joints("stove", (0.76, d, 0.9)):
        # the door's far corner turned by its limit about its axis must end in front of the face (y > d/2)
        c = np.asarray(j.part_center) - np.asarray(j.anchor)
        far = c + np.asarray(j.part_size) / 2 * np.sign(c + 1e-9)
        axis = np.asarray(j.axis)
        rot = _rotation(axis, j.limit)
        assert (rot @ far + np.asarray(j.anchor))[1] > d / 2 + 0.1, j
    drawers = derive_joints("dresser", (1.2, 0.5, 0.85))
    assert len(drawers) >= 3 and all(j.kind == "slide" and j.axis == (0.0, 1.0, 0.0) for j in drawers)
    assert derive_joints("sofa", (2.0, 0.9, 0.8)) == []


def _rotation(axis: np.ndarray, angle: float) -> np.ndarray:
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    return np.eye(3) + math.sin(angle) * k + (1 - math.cos(angle)) * k @ k


def test_collision_parts_are_cached_on_disk(monkeypatch):
    from scenegen.physics import collision

    ref = tiny_scene().object("wardrobe_1").asset
    first = collision.convex_parts(ref)
    assert len(first) >= 3 and all(p.shape[1] == 3 for p in first)
    monkeypatch.setattr(collision, "decompose", lambda mesh: pytest.fail("recomputed despite the cache"))
    again = collision.convex_parts(ref)
    assert all(np.array_equal(a, b) for a, b in zip(first, again))


def test_non_convex_meshes_go_through_coacd():
    pytest.importorskip("coacd")
    import trimesh

    from scenegen.physics.collision import decompose

    ring = trimesh.creation.annulus(r_min=0.2, r_max=0.3, height=0.1)
    parts = decompose(ring)
    assert len(parts) >= 4  # a ring is not one convex piece
    hull_volume = sum(trimesh.Trimesh(vertices=p).convex_hull.volume for p in parts)
    assert hull_volume < 0.8 * ring.convex_hull.volume  # the hole stays (mostly) open


def test_masses_and_frictions_are_plausible_for_every_category():
    from scenegen import catalog
    from scenegen.assets import build_mesh
    from scenegen.physics.mass import mass_properties
    from scenegen.physics.materials import CATEGORY_PHYSICS, category_physics
    from scenegen.scene import AssetRef

    assert set(CATEGORY_PHYSICS) <= set(catalog.names())  # researched entries name real categories
    for name in sorted(CATEGORY_PHYSICS):
        cat = catalog.get(name)
        lo, hi = CATEGORY_PHYSICS[name].mass_kg
        for which, (w, d, h) in (("min", cat.size_min), ("typical", cat.size_typical), ("max", cat.size_max)):
            params = {"width": w, "depth": d, "height": h}  # the generators' other parameters take their defaults
            mp = mass_properties(build_mesh(AssetRef(category=name, seed=0, params=params)), name)
            assert lo <= mp.mass <= hi, (name, which, mp.mass)
            if which == "typical":  # the data itself, before the clamp, lands in range at the typical size
                assert lo <= mp.raw_mass <= hi, (name, mp.raw_mass, (lo, hi))
            assert 0.2 <= mp.friction <= 1.0, (name, mp.friction)
            assert np.all(np.linalg.eigvalsh(mp.inertia) > 0), name
        raw = [mass_properties(build_mesh(plan_asset(PlannedObject(id="x", category=name),
                                                     np.random.default_rng(seed))), name).raw_mass
               for seed in range(6)]  # the generators' variants (pedestals, drawers, sizes) as planned
        assert sum(lo <= m <= hi for m in raw) >= 3, (name, [round(m, 1) for m in raw], (lo, hi))
    for name in sorted(set(catalog.names()) - set(CATEGORY_PHYSICS)):  # derived entries: a wide, sane range
        cp = category_physics(name)
        assert cp.note.startswith("derived") and 0.05 <= cp.mass_kg[0] < cp.mass_kg[1], name
        cat = catalog.get(name)
        w, d, h = cat.size_typical
        mp = mass_properties(build_mesh(AssetRef(category=name, seed=0, params={"width": w, "depth": d,
                                                                               "height": h})), name)
        assert cp.mass_kg[0] <= mp.mass <= cp.mass_kg[1] and 0.2 <= mp.friction <= 1.0, (name, mp.mass)
        assert mp.mass <= 2500 * w * d * h, (name, mp.mass)  # never denser than stone through its whole box
    lo, hi = CATEGORY_PHYSICS["sofa"].mass_kg
    assert (lo, hi) == (30, 90)
    assert CATEGORY_PHYSICS["chair"].mass_kg == (3, 10)


def _cli(*args: str, cwd=None):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=600)


def test_cli_make_sim_and_exports(tmp_path):
    out = tmp_path / "room"
    done = _cli("make", "a bedroom with a bed, a wardrobe and a nightstand", "--planner", "rules", "--no-pictures",
                "--sim", "--out", str(out))
    assert done.returncode in (0, 1), done.stderr
    for name in ("scene.xml", "urdf/scene.sdf", "sim_report.json", "scene.usda"):
        assert (out / name).exists(), name
    assert '"joints"' in (out / "scene.json").read_text()  # the wardrobe's doors are recorded
    assert "sim:" in done.stdout + done.stderr
    model = mujoco.MjModel.from_xml_path(str(out / "scene.xml"))
    assert model.njnt > 3
    xml = tmp_path / "again.xml"
    done = _cli("export", "mjcf", str(out), "--out", str(xml))
    assert done.returncode == 0 and xml.read_text() == (out / "scene.xml").read_text(), done.stderr
    done = _cli("export", "urdf", str(out), "--out", str(tmp_path / "u"))
    assert done.returncode == 0 and (tmp_path / "u" / "room.urdf").exists(), done.stderr


def test_cli_export_bad_input_is_one_line(tmp_path):
    done = _cli("export", "mjcf", str(tmp_path / "missing"), "--out", str(tmp_path / "x.xml"))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert len([line for line in done.stderr.splitlines() if line.strip()]) == 1
    done = _cli("export", "mjcf", str(tmp_path), "--out", str(tmp_path / "x.txt"))
    assert done.returncode != 0 and ".xml" in done.stderr and "Traceback" not in done.stderr


def test_sweep_depth_is_how_far_the_fronts_reach():
    from scenegen.physics.articulation import derive_joints, sweep_depth

    assert sweep_depth("wardrobe", (1.2, 0.6, 2.0)) == pytest.approx(max(j.part_size[0] for j in
                                                                         derive_joints("wardrobe", (1.2, 0.6, 2.0))))
    assert sweep_depth("dresser", (1.2, 0.5, 0.85)) == pytest.approx(0.7 * 0.5)
    assert 0.4 < sweep_depth("stove", (0.76, 0.65, 0.92)) < 0.6
    assert sweep_depth("sofa", (2.0, 0.9, 0.8)) == 0.0
