"""Vision judge: views and id mapping on hand-built scenes, crops, visibility, the verdict schema from a tiny CNN built
from config (no weights file), strict parsing of VLM replies, and the visual faults."""

from __future__ import annotations

import json

import numpy as np
import pytest

from scenegen.assets import build_mesh, plan_asset
from scenegen.judge.crops import crop, crop_window, visibility
from scenegen.judge.schema import SceneVerdict
from scenegen.judge.views import render_views
from scenegen.judge.vlm import JudgeReplyError, parse_reply
from scenegen.render.camera import generate_rays
from scenegen.render.raycast import RenderOutput
from scenegen.rng import stage_rng
from scenegen.scene import (Attributes, LayoutPlan, ObjectInstance, PlannedObject, Pose, Provenance, Room, Scene)


def instance(oid: str, category: str, xy: tuple[float, float], colour: str | None = None, z: float = 0.0,
             yaw: float = 0.0, support: str | None = None) -> ObjectInstance:
    """A procedural object placed by hand, bottom centre at (x, y, z), its bbox from its mesh's extents."""
    planned = PlannedObject(id=oid, category=category, attributes=Attributes(colour=colour))
    ref = plan_asset(planned, stage_rng(0, f"test/{oid}"))
    w, d, h = (float(v) for v in build_mesh(ref).extents)
    c, s = abs(np.cos(yaw)), abs(np.sin(yaw))
    hx, hy = (w * c + d * s) / 2, (w * s + d * c) / 2
    return ObjectInstance(id=oid, category=category, asset=ref, pose=Pose(position=(xy[0], xy[1], z), yaw=yaw),
                          size=(w, d, h), bbox=((xy[0] - hx, xy[1] - hy, z), (xy[0] + hx, xy[1] + hy, z + h)),
                          attributes=Attributes(colour=colour), support=support)


def hand_scene(objects: list[ObjectInstance]) -> Scene:
    room = Room.rectangle(4.0, 3.5)
    plan = LayoutPlan(prompt="a test room", room=room,
                      objects=[PlannedObject(id=o.id, category=o.category, attributes=o.attributes) for o in objects])
    return Scene(room=room, objects=objects, plan=plan,
                 provenance=Provenance(prompt="a test room", seed=0, planner="rules"))


@pytest.fixture(scope="module")
def scene() -> Scene:
    return hand_scene([instance("bed_1", "bed", (1.2, 1.6), colour="red"),
                       instance("wardrobe_1", "wardrobe", (3.3, 0.5)),
                       instance("plant_1", "plant", (3.4, 3.0))])


# ----------------------------------------------------------------------------------------------------------------------
# views, ids, crops, visibility
# ----------------------------------------------------------------------------------------------------------------------


def test_views_cover_every_object_and_ids_map_to_the_right_mesh(scene):
    views = render_views(scene)
    assert [v.corner for v in views.views] == [0, 1, 2, 3, -1]  # four convex corners, then the overhead view
    assert views.views[-1].overhead and views.views[-1].camera.orthographic
    idx = views.object_index
    assert views.names[-3:] == ["bed_1", "wardrobe_1", "plant_1"]
    for inst in scene.objects:
        k = idx[inst.id]
        assert any((v.output.ids == k).sum() > 200 for v in views.views), inst.id
        (x0, y0, z0), (x1, y1, z1) = inst.bbox
        for v in views.views:
            mask = v.output.ids.ravel() == k
            if not mask.any():
                continue
            origins, dirs = generate_rays(v.camera)
            pts = origins[mask] + dirs[mask] * v.output.depth.ravel()[mask, None]
            # every pixel labelled with this id is a point on this object (its world box, 1 mm slack)
            assert (pts[:, 0] > x0 - 1e-3).all() and (pts[:, 0] < x1 + 1e-3).all()
            assert (pts[:, 1] > y0 - 1e-3).all() and (pts[:, 1] < y1 + 1e-3).all()
            assert (pts[:, 2] > z0 - 1e-3).all() and (pts[:, 2] < z1 + 1e-3).all()


def test_crop_takes_the_window_around_the_mask():
    ids = np.full((40, 60), -1, np.int32)
    ids[10:20, 30:50] = 2  # a 20 × 10 px object
    rgb = np.zeros((40, 60, 3), np.uint8)
    rgb[10:20, 30:50] = (255, 0, 0)
    out = RenderOutput(rgb=rgb, depth=np.ones((40, 60), np.float32), normals=np.zeros((40, 60, 3), np.float32),
                       ids=ids, names=["a", "b", "c"])
    cx, cy, side = crop_window(ids == 2, margin=0.0)
    assert (cx, cy, side) == (40.0, 15.0, 20.0)
    c = crop(out, 2, size=20, margin=0.0)
    assert c.shape == (4, 20, 20) and c.dtype == np.float32
    # the window is 20 px wide and 20 tall centred on the object: rows 5..25, the object fills rows 5..15 of the crop
    np.testing.assert_array_equal(c[3, 5:15, :], 1.0)
    np.testing.assert_array_equal(c[3, :5, :], 0.0)
    np.testing.assert_array_equal(c[3, 15:, :], 0.0)
    np.testing.assert_allclose(c[0][c[3] > 0], 1.0)  # red inside the mask
    assert crop(out, 1) is None  # an object not in view gives no crop


def test_visibility_is_full_in_the_open_and_zero_inside_another_object(scene):
    vis = visibility(render_views(scene), [o.id for o in scene.objects])
    assert vis["bed_1"].fraction > 0.9
    assert vis["wardrobe_1"].fraction > 0.9
    # a plant moved into the middle of the wardrobe: in frame, but every point is behind the wardrobe's panels
    wardrobe = scene.object("wardrobe_1")
    inside = instance("plant_2", "plant", (3.3, 0.5), z=0.2)
    small = inside.asset.model_copy(update={"params": {**inside.asset.params, "width": 0.3, "depth": 0.3,
                                                       "height": 0.5}})
    inside = inside.model_copy(update={"asset": small, "size": (0.3, 0.3, 0.5)})
    assert wardrobe.size[0] > 0.4 and wardrobe.size[1] > 0.4
    hidden = hand_scene([*scene.objects, inside])
    vis = visibility(render_views(hidden), [o.id for o in hidden.objects])
    assert vis["plant_2"].fraction == 0.0
    assert max(vis["plant_2"].pixels) == 0


# ----------------------------------------------------------------------------------------------------------------------
# the bundled judge's code path with a tiny CNN built from config
# ----------------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_judge():
    torch = pytest.importorskip("torch")
    from scenegen.judge.bundled import BundledJudge
    from scenegen.judge.model import build_model, tiny_config

    torch.manual_seed(0)
    config = tiny_config()
    return BundledJudge(model=build_model(config), config=config)


def test_tiny_judge_returns_a_schema_valid_verdict(scene, tiny_judge):
    from scenegen.judge import judge_scene

    verdict = judge_scene(scene, tiny_judge)
    again = SceneVerdict.model_validate_json(verdict.model_dump_json())
    assert again == verdict
    assert verdict.judge == "bundled" and verdict.views == 5
    assert [o.id for o in verdict.objects] == ["bed_1", "wardrobe_1", "plant_1"]
    for o in verdict.objects:
        assert 0.0 <= o.category_ok <= 1.0
        assert o.predicted_category in tiny_judge.config.categories
        assert o.visible_fraction > 0.9 and o.views >= 2 and o.pixels > 200
        assert all(0.0 <= c <= 1.0 for c in o.predicted_colour)
        assert o.reason.startswith("looks like ")
    bed = verdict.object("bed_1")
    assert bed.colour == "red" and 0.0 <= bed.colour_ok <= 1.0
    assert verdict.object("plant_1").colour_ok is None  # no colour asked
    assert {(c.category, c.planned, c.placed) for c in verdict.counts} == {("bed", 1, 1), ("wardrobe", 1, 1),
                                                                           ("plant", 1, 1)}


def test_tiny_judge_is_deterministic(scene, tiny_judge):
    from scenegen.judge import judge_scene

    a, b = judge_scene(scene, tiny_judge), judge_scene(scene, tiny_judge)
    assert [o.model_dump() for o in a.objects] == [o.model_dump() for o in b.objects]


def test_checkpoint_round_trip(tmp_path, tiny_judge):
    torch = pytest.importorskip("torch")
    from scenegen.judge.model import load_checkpoint, save_checkpoint

    path = tmp_path / "judge.safetensors"
    save_checkpoint(tiny_judge.model, tiny_judge.config, path, {"note": "test"})
    model, config = load_checkpoint(path)
    assert config == tiny_judge.config
    card = json.loads(path.with_suffix(".json").read_text())
    assert card["note"] == "test" and card["config"]["widths"] == list(config.widths)
    x = torch.rand(2, 4, config.crop_size, config.crop_size)
    with torch.no_grad():
        for got, want in zip(model(x), tiny_judge.model(x)):
            torch.testing.assert_close(got, want)
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"not a checkpoint")
    with pytest.raises(ValueError, match="not a scenegen judge checkpoint"):
        load_checkpoint(bad)
    with pytest.raises(ValueError, match="no judge weights"):
        load_checkpoint(tmp_path / "absent.safetensors")


def test_missing_bundled_weights_say_how_to_fix(tmp_path):
    from scenegen.judge.bundled import BundledJudge

    with pytest.raises(ValueError, match="scenegen train judge"):
        BundledJudge(path=tmp_path / "none.safetensors")


# ----------------------------------------------------------------------------------------------------------------------
# strict reply parsing (VLM judges)
# ----------------------------------------------------------------------------------------------------------------------


GOOD = {"objects": [{"id": "bed_1", "category_ok": 0.9, "colour_ok": 0.2, "predicted_category": "bed",
                     "reason": "a bed"}], "scene": {"score": 0.7, "reason": "fine"}}


def test_parse_reply_accepts_the_verdict_and_a_fenced_one():
    objects, scene = parse_reply(json.dumps(GOOD), ["bed_1", "plant_1"])
    assert objects["bed_1"].category_ok == 0.9 and objects["bed_1"].colour_ok == 0.2
    assert scene.score == 0.7
    objects, _ = parse_reply("```json\n" + json.dumps(GOOD) + "\n```", ["bed_1"])
    assert objects["bed_1"].predicted_category == "bed"


@pytest.mark.parametrize("reply, message", [
    ("Sure! The bed looks great.", "not JSON"),
    ('{"objects": [{"id": "bed_1", "category_ok": 1.5}]}', "wrong shape at objects.0.category_ok"),
    ('{"objects": [{"id": "bed_1"}]}', "wrong shape at objects.0.category_ok"),
    ('{"verdict": "ok"}', "wrong shape"),
    ('{"objects": [{"id": "sofa_9", "category_ok": 0.5}]}', "not asked about"),
])
def test_parse_reply_refuses_garbage_in_one_line(reply, message):
    with pytest.raises(JudgeReplyError, match=message) as err:
        parse_reply(reply, ["bed_1"])
    assert "\n" not in str(err.value)


# ----------------------------------------------------------------------------------------------------------------------
# visual faults
# ----------------------------------------------------------------------------------------------------------------------


def test_swap_mesh_keeps_the_box_and_the_stated_category(scene):
    from scenegen.training.judge.faults import plant

    out, fault = plant(scene, "swap_mesh", stage_rng(1, "t"))
    oid = fault.object_ids[0]
    before, after = scene.object(oid), out.object(oid)
    assert after.category == before.category and after.asset.category == fault.params["mesh"] != before.category
    np.testing.assert_allclose(build_mesh(after.asset).extents, before.size, atol=1e-6)
    assert after.pose == before.pose and scene.object(oid).asset.category == before.category  # input untouched


def test_hide_inside_puts_an_object_where_no_view_sees_it(scene):
    from scenegen.training.judge.faults import plant

    out, fault = plant(scene, "hide_inside", stage_rng(0, "t"))
    assert fault.object_ids == ["plant_1"] and fault.params["host"] == "wardrobe_1"
    vis = visibility(render_views(out), ["plant_1"])
    assert vis["plant_1"].fraction == 0.0
    with pytest.raises(ValueError, match="unknown visual fault"):
        plant(scene, "melt", stage_rng(0, "t"))
