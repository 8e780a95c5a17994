"""USD export: scene.usda read back with pxr: stage metadata (z up, metres, provenance), one prim per object named by
its id, world-space bounds equal to each object's ``bbox`` (within 1 mm), metadata, colours; and ``scenegen export usd``.

Conventions from ``scenegen.scene``: metres, radians, z up, floor at z = 0.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from typer.testing import CliRunner

from cli.main import app
from scenegen.export.usd import OBJECTS, ROOM, prim_names, usda_text, write_usda
from scenegen.pipeline import make
from scenegen.scene import (AssetRef, Attributes, LayoutPlan, ObjectInstance, PlannedObject, Pose, Provenance, Room,
                            Scene)
from scenegen.scene_files import save_scene

pxr = pytest.importorskip("pxr", reason="usd-core is not installed (pip install usd-core)")
from pxr import Sdf, Usd, UsdGeom  # noqa: E402

MM = 1e-3
PROMPT = "a bedroom with a white bed, two nightstands with a lamp on each, a wardrobe and a rug"


@pytest.fixture(scope="module")
def bedroom() -> Scene:
    return make(PROMPT, seed=3, validators=[]).scene


def open_stage(text: str) -> Usd.Stage:
    layer = Sdf.Layer.CreateAnonymous(".usda")
    assert layer.ImportFromString(text)
    return Usd.Stage.Open(layer)


def world_bounds(stage: Usd.Stage, path: str) -> tuple[np.ndarray, np.ndarray]:
    cache = UsdGeom.BBoxCache(Usd.TimeCode.Default(), [UsdGeom.Tokens.default_], useExtentsHint=False)
    rng = cache.ComputeWorldBound(stage.GetPrimAtPath(path)).ComputeAlignedRange()
    return np.array(rng.GetMin()), np.array(rng.GetMax())


def tilted_box_scene() -> Scene:
    """A 4 × 3 m room with one 0.8 × 0.4 × 0.6 m box turned 0.4 rad, its id not a valid USD name."""
    w, d, h, yaw = 0.8, 0.4, 0.6, 0.4
    hx = abs(math.cos(yaw)) * w / 2 + abs(math.sin(yaw)) * d / 2
    hy = abs(math.sin(yaw)) * w / 2 + abs(math.cos(yaw)) * d / 2
    room = Room.rectangle(4.0, 3.0, type="office")
    box = ObjectInstance(id="box<1>&", category="desk",
                         asset=AssetRef(backend="box", category="desk", seed=1, colour=(0.2, 0.4, 0.8),
                                        params={"width": w, "depth": d, "height": h}),
                         pose=Pose(position=(2.0, 1.5, 0.0), yaw=yaw), size=(w, d, h),
                         bbox=((2.0 - hx, 1.5 - hy, 0.0), (2.0 + hx, 1.5 + hy, h)),
                         attributes=Attributes(colour="blue", material="oak"))
    plan = LayoutPlan(prompt="an office with a blue desk", room=room,
                      objects=[PlannedObject(id=box.id, category="desk")])
    return Scene(room=room, objects=[box], plan=plan,
                 provenance=Provenance(prompt="an office with a blue desk", seed=11, planner="rules"))


def test_stage_is_z_up_in_metres_with_provenance(bedroom):
    stage = open_stage(usda_text(bedroom))
    assert UsdGeom.GetStageUpAxis(stage) == UsdGeom.Tokens.z
    assert UsdGeom.GetStageMetersPerUnit(stage) == 1.0
    assert stage.GetDefaultPrim().GetPath() == Sdf.Path("/World")
    data = stage.GetRootLayer().customLayerData["scenegen"]
    assert data["prompt"] == PROMPT and data["seed"] == 3
    assert data["versions"]["scenegen"] == bedroom.provenance.versions["scenegen"]


def test_one_prim_per_object_with_its_bbox(bedroom):
    stage = open_stage(usda_text(bedroom))
    children = [p.GetName() for p in stage.GetPrimAtPath(OBJECTS).GetChildren()]
    assert children == [o.id for o in bedroom.objects]
    for inst in bedroom.objects:
        prim = stage.GetPrimAtPath(f"{OBJECTS}/{inst.id}")
        assert prim.IsA(UsdGeom.Xform) and prim.GetChild("mesh").IsA(UsdGeom.Mesh)
        lo, hi = world_bounds(stage, str(prim.GetPath()))
        np.testing.assert_allclose(lo, inst.bbox[0], atol=MM, err_msg=inst.id)
        np.testing.assert_allclose(hi, inst.bbox[1], atol=MM, err_msg=inst.id)


def test_object_metadata_and_colours(bedroom):
    stage = open_stage(usda_text(bedroom))
    for inst in bedroom.objects:
        prim = stage.GetPrimAtPath(f"{OBJECTS}/{inst.id}")
        assert prim.GetAttribute("scenegen:id").Get() == inst.id
        assert prim.GetAttribute("scenegen:category").Get() == inst.category
        assert prim.GetAttribute("scenegen:assetBackend").Get() == inst.asset.backend
        assert prim.GetAttribute("scenegen:colour").Get() == (inst.attributes.colour or "")
        assert prim.GetAttribute("scenegen:support").Get() == (inst.support or "")
        assert prim.GetCustomData()["scenegen"]["assetSeed"] == inst.asset.seed
        mesh = UsdGeom.Mesh(prim.GetChild("mesh"))
        counts, indices = mesh.GetFaceVertexCountsAttr().Get(), mesh.GetFaceVertexIndicesAttr().Get()
        assert len(indices) == 3 * len(counts) and set(counts) == {3}
        colour = UsdGeom.PrimvarsAPI(mesh).GetPrimvar("displayColor")
        values = np.array(colour.Get())
        assert colour.GetInterpolation() in ("constant", "uniform") and values.min() >= 0 and values.max() <= 1
        if colour.GetInterpolation() == "uniform":
            assert len(values) == len(counts)
    bed = next(o for o in bedroom.objects if o.category == "bed")
    assert bed.attributes.colour == "white"
    assert stage.GetPrimAtPath(f"{OBJECTS}/{bed.id}").GetAttribute("scenegen:colour").Get() == "white"


def test_room_meshes_span_the_footprint(bedroom):
    stage = open_stage(usda_text(bedroom))
    names = {p.GetName() for p in stage.GetPrimAtPath(ROOM).GetChildren()}
    walls = {f"wall_{i}" for i in range(len(bedroom.room.footprint))}
    assert names == {"floor", "ceiling"} | walls
    (x0, y0), (x1, y1) = bedroom.room.bounds
    lo, hi = world_bounds(stage, f"{ROOM}/floor")
    np.testing.assert_allclose([lo[0], lo[1], hi[0], hi[1], hi[2]], [x0, y0, x1, y1, 0.0], atol=MM)
    lo, hi = world_bounds(stage, ROOM)
    assert hi[2] > bedroom.room.height and lo[0] < x0 and hi[1] > y1  # walls stand outside the footprint


def test_tilted_box_bounds_invalid_id_and_colour():
    scene = tilted_box_scene()
    inst = scene.objects[0]
    stage = open_stage(usda_text(scene))
    (name,) = prim_names(scene)
    assert name != inst.id and Sdf.Path.IsValidIdentifier(name)
    prim = stage.GetPrimAtPath(f"{OBJECTS}/{name}")
    assert prim.GetAttribute("scenegen:id").Get() == "box<1>&"
    assert prim.GetAttribute("scenegen:material").Get() == "oak"
    lo, hi = world_bounds(stage, str(prim.GetPath()))
    np.testing.assert_allclose(lo, inst.bbox[0], atol=MM)
    np.testing.assert_allclose(hi, inst.bbox[1], atol=MM)
    colour = UsdGeom.PrimvarsAPI(prim.GetChild("mesh")).GetPrimvar("displayColor")
    assert colour.GetInterpolation() == "constant"
    np.testing.assert_allclose(np.array(colour.Get())[0], (0.2, 0.4, 0.8), atol=3e-3)


def test_deterministic_and_written_atomically(tmp_path, bedroom):
    path = write_usda(bedroom, tmp_path / "scene.usda")
    assert path.read_text() == usda_text(bedroom)
    assert [p.name for p in tmp_path.iterdir()] == ["scene.usda"]  # no temp file left behind


def test_cli_export_usd(tmp_path):
    scene = tilted_box_scene()
    save_scene(scene, tmp_path / "scene" / "scene.json")
    out = tmp_path / "out" / "room.usda"
    result = CliRunner().invoke(app, ["export", "usd", str(tmp_path / "scene"), "--out", str(out)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert f"wrote {out}" in result.stdout
    stage = Usd.Stage.Open(str(out))
    assert [p.GetAttribute("scenegen:id").Get() for p in stage.GetPrimAtPath(OBJECTS).GetChildren()] == ["box<1>&"]


def test_cli_export_usd_bad_input_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["export", "usd", str(tmp_path / "missing"), "--out", str(tmp_path / "x.usda")])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("error:") and "no scene file" in result.stderr
    save_scene(tilted_box_scene(), tmp_path / "scene.json")
    result = CliRunner().invoke(app, ["export", "usd", str(tmp_path), "--out", str(tmp_path / "x.glb")])
    assert result.exit_code == 1 and "must end in .usda" in result.stderr
