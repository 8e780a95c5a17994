"""Walkthroughs: the action vocabulary, the agent's collision rule, the automatic planner (checked from the rendered
camera poses against the true footprints), the output folder and the ``scenegen walk`` command."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from shapely.geometry import Point, Polygon

from scenegen.render.walk import (ACTIONS, BODY_RADIUS, ActionError, AgentState, auto_walk, default_start,
                                  format_actions, parse_actions, render_walk, step, try_step, walk_space,
                                  write_walk)
from scenegen.scene import AssetRef, LayoutPlan, ObjectInstance, Opening, Pose, Provenance, Room, Scene
from scenegen.freespace import footprint, is_obstacle

BEDROOM = "a bedroom with a bed, two nightstands, a wardrobe and a desk"


def box(oid: str, size: tuple[float, float, float], xy: tuple[float, float]) -> ObjectInstance:
    w, d, h = size
    return ObjectInstance(
        id=oid, category="box",
        asset=AssetRef(backend="box", category="box", seed=0, params={"width": w, "depth": d, "height": h}),
        pose=Pose(position=(xy[0], xy[1], 0.0), yaw=0.0), size=size,
        bbox=((xy[0] - w / 2, xy[1] - d / 2, 0.0), (xy[0] + w / 2, xy[1] + d / 2, h)))


def box_scene() -> Scene:
    """A 4 × 3 m room, door on the south wall, a 1 × 0.4 m box whose south face is at y = 1.8."""
    room = Room.rectangle(4.0, 3.0, openings=[Opening(id="door_0", kind="door", wall=0, offset=2.0, width=0.9,
                                                      height=2.1)])
    return Scene(room=room, objects=[box("box_0", (1.0, 0.4, 0.8), (2.0, 2.0))],
                 plan=LayoutPlan(prompt="test", room=room),
                 provenance=Provenance(prompt="test", seed=0, planner="rules", assets="box"))


@pytest.fixture(scope="module")
def bedroom() -> Scene:
    from scenegen.pipeline import make

    return make(BEDROOM, seed=0).scene


def clearances(scene: Scene, xy: np.ndarray) -> tuple[float, float, bool]:
    """Smallest distance (m) from the points ``xy`` (N, 2) to an obstacle footprint and to the walls, and whether all
    are inside the room: computed from the true footprints, not the raster."""
    room = Polygon(scene.room.footprint)
    feet = [Polygon(footprint(o)) for o in scene.objects if is_obstacle(o)]
    pts = [Point(float(x), float(y)) for x, y in xy]
    to_obj = min((f.distance(p) for f in feet for p in pts), default=math.inf)
    to_wall = min(room.exterior.distance(p) for p in pts)
    return to_obj, to_wall, all(room.contains(p) for p in pts)


# --------------------------------------------------------------------------------------------------------------------
# Actions
# --------------------------------------------------------------------------------------------------------------------


def test_parse_and_format_round_trip():
    acts = parse_actions("forward*5 turn_left*3, look_down,LOOK_UP  noop")
    assert acts == ["forward"] * 5 + ["turn_left"] * 3 + ["look_down", "look_up", "noop"]
    assert format_actions(acts) == "forward*5 turn_left*3 look_down look_up noop"
    rng = np.random.default_rng(0)
    seq = [ACTIONS[i] for i in rng.integers(0, len(ACTIONS), 300)]
    assert parse_actions(format_actions(seq)) == seq
    assert parse_actions("") == [] and format_actions([]) == ""


@pytest.mark.parametrize("text, named", [("forward*2 jump", "'jump'"), ("forward*0", "forward*0"),
                                         ("forward*x", "forward*x"), ("turn-left", "turn-left")])
def test_parse_errors_name_the_bad_token(text, named):
    with pytest.raises(ActionError) as err:
        parse_actions(text)
    assert named in str(err.value) and "\n" not in str(err.value)


# --------------------------------------------------------------------------------------------------------------------
# The agent
# --------------------------------------------------------------------------------------------------------------------


def test_step_moves_and_turns_in_the_stated_convention():
    free = walk_space(box_scene())
    s = AgentState(x=1.0, y=1.0, yaw=0.0)  # yaw 0 faces +y
    f = step(s, "forward", free)
    assert (f.x, f.y) == pytest.approx((1.0, 1.1))
    left = step(s, "left", free)  # facing +y, left is -x
    assert (left.x, left.y) == pytest.approx((0.9, 1.0))
    assert (step(s, "back", free).y, step(s, "right", free).x) == pytest.approx((0.9, 1.1))
    t = step(s, "turn_left", free)
    assert math.degrees(t.yaw) == pytest.approx(10.0) and (t.x, t.y) == (s.x, s.y)
    assert step(t, "forward", free).x < s.x  # turned left (counter-clockwise): now drifting towards -x
    up = s
    for _ in range(9):
        up = step(up, "look_up", free)
    assert math.degrees(up.pitch) == pytest.approx(60.0)  # clamped
    assert step(s, "noop", free) == s
    with pytest.raises(ActionError):
        step(s, "fly", free)


def test_step_refuses_to_enter_a_box_or_a_wall():
    scene = box_scene()
    free = walk_space(scene)
    s = AgentState(x=2.0, y=1.0, yaw=0.0)  # facing the box's south face at y = 1.8
    ys, blocked = [], []
    for _ in range(12):
        s, b = try_step(s, "forward", free)
        ys.append(s.y)
        blocked.append(b)
    assert any(blocked) and not blocked[0]
    first = blocked.index(True)
    assert all(blocked[first:])  # once blocked, stays put
    assert ys[-1] == ys[first - 1] and ys[-1] <= 1.8 - BODY_RADIUS + 1e-9
    assert ys[-1] >= 1.8 - BODY_RADIUS - 0.15  # stopped within a step or so of the body touching it
    # sideways is free
    s2, b2 = try_step(s, "left", free)
    assert not b2 and s2.x == pytest.approx(1.9)
    # the south wall (y = 0) behind: walking back stops a body radius short of it
    w = AgentState(x=0.6, y=1.0, yaw=math.pi)  # facing -y
    for _ in range(15):
        w = step(w, "forward", free)
    assert BODY_RADIUS <= w.y < BODY_RADIUS + 0.15


def test_pose_is_opencv_camera_to_world_at_eye_height():
    pose = AgentState(x=1.0, y=2.0, yaw=0.0, pitch=0.0).pose()
    np.testing.assert_allclose(pose[:3, 3], [1.0, 2.0, 1.5])
    np.testing.assert_allclose(pose[:3, 0], [1, 0, 0], atol=1e-12)   # x_cam: right
    np.testing.assert_allclose(pose[:3, 1], [0, 0, -1], atol=1e-12)  # y_cam: down
    np.testing.assert_allclose(pose[:3, 2], [0, 1, 0], atol=1e-12)   # z_cam: forward, +y at yaw 0
    down = AgentState(x=0.0, y=0.0, yaw=math.radians(90), pitch=math.radians(-30)).pose()
    np.testing.assert_allclose(down[:3, 2], [-math.cos(math.radians(30)), 0, -0.5], atol=1e-12)


def test_default_start_is_inside_the_door_facing_in():
    scene = box_scene()
    free = walk_space(scene)
    s = default_start(scene, free)
    assert abs(s.x - 2.0) < 0.1 and 0.2 < s.y < 1.0  # door at (2, 0) on the south wall
    assert s.yaw == 0.0 and s.pitch == 0.0  # facing +y, into the room


# --------------------------------------------------------------------------------------------------------------------
# The automatic walk
# --------------------------------------------------------------------------------------------------------------------


def test_auto_walk_200_actions_never_enters_objects_or_walls(bedroom):
    walk = auto_walk(bedroom, 200, seed=0)
    assert len(walk.actions) == 200 and set(walk.actions) <= set(ACTIONS)
    frames = render_walk(bedroom, walk.actions, 64, 64)
    assert len(frames) == 201 and frames.poses.shape == (201, 4, 4)
    eye = frames.poses[:, :3, 3]
    np.testing.assert_allclose(eye[:, 2], 1.5)
    to_obj, to_wall, inside = clearances(bedroom, eye[:, :2])
    assert inside and to_obj >= BODY_RADIUS and to_wall >= BODY_RADIUS
    # it gets around: visits most objects, moves a fair distance, and plans no refused moves
    assert len(set(walk.visited) & {o.id for o in bedroom.objects}) >= 4
    assert walk.actions.count("forward") >= 40 and not any(frames.blocked)
    travelled = np.linalg.norm(np.diff(eye[:, :2], axis=0), axis=1).sum()
    assert travelled == pytest.approx(0.1 * walk.actions.count("forward"), abs=1e-6)
    # deterministic for a seed, different for another
    assert auto_walk(bedroom, 200, seed=0).actions == walk.actions
    assert auto_walk(bedroom, 200, seed=1).actions != walk.actions


def test_auto_walk_smoke_20_actions_at_64px(bedroom):
    walk = auto_walk(bedroom, 20, seed=3)
    frames = render_walk(bedroom, walk.actions, 64, 64)
    assert frames.rgb.shape == (21, 64, 64, 3) and frames.depth.shape == (21, 64, 64)
    to_obj, to_wall, inside = clearances(bedroom, frames.poses[:, :2, 3])
    assert inside and to_obj >= BODY_RADIUS and to_wall >= BODY_RADIUS
    hit = np.isfinite(frames.depth)
    assert hit.mean() > 0.8  # ceiling on: only the window and door openings let rays out
    np.testing.assert_array_equal(hit, frames.ids >= 0)
    assert np.all(frames.depth[hit] > 0.15)  # the camera never sits in or against a surface


def test_blocked_moves_repeat_the_pose_and_frame():
    scene = box_scene()
    frames = render_walk(scene, parse_actions("forward*12 look_down*3"), 48, 32, start=AgentState(x=2.0, y=1.0))
    first = frames.blocked.index(True)
    k = first + 1  # frame after the first refused action
    np.testing.assert_array_equal(frames.poses[k], frames.poses[k - 1])
    np.testing.assert_array_equal(frames.rgb[k], frames.rgb[k - 1])
    assert frames.rgb.shape == (16, 32, 48, 3)
    # looking down at the box from just in front of it: it fills the lower middle of the view
    box_id = frames.names.index("box_0")
    assert (frames.ids[-1, 16:, 12:36] == box_id).mean() > 0.5
    assert (frames.ids[0] == box_id).mean() < (frames.ids[-1] == box_id).mean()


# --------------------------------------------------------------------------------------------------------------------
# Output folder and command
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["mp4", "gif"])
def test_write_walk_folder_and_video_reads_back(bedroom, tmp_path, fmt):
    import imageio.v3 as iio

    walk = auto_walk(bedroom, 20, seed=0)
    frames = render_walk(bedroom, walk.actions, 64, 64)
    out = tmp_path / "walk"
    paths = write_walk(frames, out, fmt=fmt)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["frames", "depth.npz", "ids.npz", "actions.jsonl", "actions.txt", "poses.json", f"walk.{fmt}"])
    assert set(paths) >= {"frames", f"walk.{fmt}"}
    pngs = sorted((out / "frames").glob("*.png"))
    assert [p.name for p in pngs[:2]] == ["00000.png", "00001.png"] and len(pngs) == 21
    np.testing.assert_array_equal(iio.imread(pngs[5]), frames.rgb[5])
    depth = np.load(out / "depth.npz")["depth"]
    np.testing.assert_array_equal(depth, frames.depth)
    ids = np.load(out / "ids.npz")
    np.testing.assert_array_equal(ids["ids"], frames.ids)
    assert list(ids["names"]) == frames.names
    lines = [json.loads(line) for line in (out / "actions.jsonl").read_text().splitlines()]
    assert [r["action"] for r in lines] == walk.actions and [r["step"] for r in lines] == list(range(1, 21))
    assert all(r["blocked"] is False and ACTIONS[r["action_id"]] == r["action"] for r in lines)
    np.testing.assert_allclose(np.array(lines[-1]["pose"]), frames.poses[-1], atol=1e-9)
    assert parse_actions((out / "actions.txt").read_text()) == walk.actions
    poses = json.loads((out / "poses.json").read_text())
    assert len(poses["frames"]) == 21 and poses["width"] == 64 and "OpenCV" in poses["convention"]
    np.testing.assert_allclose(np.array(poses["intrinsics"]), frames.intrinsics, atol=1e-9)
    video = iio.imread(out / f"walk.{fmt}", index=None)
    assert video.shape[0] == 21 and video.shape[1:3] == (64, 64)
    if fmt == "gif":  # palette-quantised but close
        assert np.abs(video[..., :3].astype(int) - frames.rgb.astype(int)).mean() < 8
    # rewriting replaces the folder and leaves no temporary siblings
    write_walk(frames, out, fmt=fmt)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["walk"]


def scenegen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture()
def scene_file(bedroom, tmp_path) -> Path:
    from scenegen.scene_files import dump_json

    path = tmp_path / "scene.json"
    path.write_text(dump_json(bedroom))
    return path


@pytest.mark.slow  # two real processes, ~1.5 s of imports each on a loaded machine
def test_walk_command(scene_file):
    folder = scene_file.parent
    ok = scenegen("walk", str(scene_file), "--actions", "forward*3, turn_left*2 look_down", "--size", "32",
                  "--format", "gif")
    assert ok.returncode == 0, ok.stderr
    out = folder / "walk"
    assert len(list((out / "frames").glob("*.png"))) == 7 and (out / "walk.gif").exists()
    auto = scenegen("walk", str(folder), "--auto", "5", "--size", "32", "--out", str(folder / "auto"))
    assert auto.returncode == 0, auto.stderr
    assert len((folder / "auto" / "actions.jsonl").read_text().splitlines()) == 5
    assert (folder / "auto" / "walk.mp4").exists()


def test_walk_command_errors_are_one_line(scene_file):
    from typer.testing import CliRunner

    from cli.main import app

    runner = CliRunner()
    for args, words in [(["--actions", "forward jump"], "unknown action 'jump'"),
                        ([], "exactly one of"),
                        (["--auto", "5", "--format", "avi"], "--format"),
                        (["--auto", "5", "--size", "3"], "--size"),
                        (["--actions", " , "], "--actions is empty")]:
        bad = runner.invoke(app, ["walk", str(scene_file), *args])
        text = bad.output.strip()
        assert bad.exit_code == 1 and words in text, (args, text)
        assert "Traceback" not in text and len(text.splitlines()) == 1
    missing = runner.invoke(app, ["walk", str(scene_file.parent / "nope.json"), "--auto", "3"])
    assert missing.exit_code == 1 and "no scene file" in missing.output
    assert not (scene_file.parent / "walk").exists()


# --------------------------------------------------------------------------------------------------------------------
# Random actions in the walk (the world model's training walks)
# --------------------------------------------------------------------------------------------------------------------


def _blocked_moves(scene: Scene, actions: list[str]) -> tuple[int, int]:
    """(blocked moves, moves) of ``actions`` walked from the default start."""
    from scenegen.render.agent import MOVES, rollout

    free = walk_space(scene)
    _, blocked = rollout(default_start(scene, free), actions, free)
    moves = [a in MOVES for a in actions]
    return sum(b and m for b, m in zip(blocked, moves)), sum(moves)


def test_random_actions_drawn_in_the_walk_are_seen_and_rarely_blocked(bedroom):
    from scenegen.training.world.data import walk_actions

    closed = [walk_actions(bedroom, 128, seed, walk="closed") for seed in range(4)]
    opened = [walk_actions(bedroom, 128, seed, walk="open") for seed in range(4)]
    assert all(len(a) == 128 for a in closed + opened)
    assert set(sum(closed, [])) == set(ACTIONS)  # every action is seen, noop and looks included
    assert walk_actions(bedroom, 128, 0, walk="closed") == closed[0]  # deterministic for a seed
    # the planner re-plans from where a random action led, so only random moves into things are refused; the open
    # walk runs the rest of its plan from poses it was not planned for
    blocked_closed, moves_closed = map(sum, zip(*(_blocked_moves(bedroom, a) for a in closed)))
    blocked_open, moves_open = map(sum, zip(*(_blocked_moves(bedroom, a) for a in opened)))
    assert blocked_closed / moves_closed < 0.08
    assert blocked_closed / moves_closed < 0.5 * blocked_open / moves_open
    # without random actions the walk is the planner's alone
    assert auto_walk(bedroom, 128, seed=0, random_p=0.0).actions == auto_walk(bedroom, 128, seed=0).actions
    assert _blocked_moves(bedroom, auto_walk(bedroom, 128, seed=0).actions)[0] == 0


def test_walk_modes_and_random_share_are_checked(bedroom):
    from scenegen.training.world.data import walk_actions

    with pytest.raises(ValueError, match="random_p"):
        auto_walk(bedroom, 10, seed=0, random_p=1.5)
    with pytest.raises(ValueError, match="walk must be one of closed, open"):
        walk_actions(bedroom, 10, 0, walk="sideways")
