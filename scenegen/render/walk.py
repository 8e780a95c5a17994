"""Walkthroughs: a discrete action vocabulary, an agent that cannot walk through things, an automatic path planner,
and the engine's frames for a sequence of actions.

The agent and its actions live in ``scenegen.render.agent``, the automatic path planner in
``scenegen.render.autowalk``; this module renders a walk (``render_walk``) and writes it to a folder
(``write_walk``), and re-exports the names callers import from here.

The same actions drive the engine (here) and the world model (``scenegen.world``), so the vocabulary is fixed:
``ACTIONS`` in this order, an action's index in it is its id. Conventions (agent yaw and pitch, collisions, camera
poses): ``scenegen.render.agent``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from scenegen.render.agent import ACTIONS, BODY_RADIUS, DEFAULT_FOV_DEG, EYE_HEIGHT, MAX_PITCH_DEG, MOVES, \
    PITCH_DEG, RASTER_GRID, RASTER_MARGIN_CELLS, STEP_M, TURN_DEG, ActionError, AgentState, can_stand, \
    default_start, format_actions, parse_actions, path_clear, rollout, step, try_step, walk_space
from scenegen.render.autowalk import AutoWalk, auto_walk

if TYPE_CHECKING:
    from scenegen.freespace import FreeSpace
    from scenegen.scene import Scene

__all__ = ["ACTIONS", "BODY_RADIUS", "DEFAULT_FOV_DEG", "EYE_HEIGHT", "MAX_PITCH_DEG", "MOVES", "PITCH_DEG",
           "POSE_CONVENTION", "RASTER_GRID", "RASTER_MARGIN_CELLS", "STEP_M", "TURN_DEG", "ActionError", "AgentState",
           "AutoWalk", "WalkFrames", "auto_walk", "can_stand", "default_start", "format_actions", "parse_actions",
           "path_clear", "render_walk", "rollout", "step", "try_step", "walk_space", "write_walk"]


# --------------------------------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------------------------------


@dataclass
class WalkFrames:
    """The engine's frames for a walk: frame 0 is the start, frame k the view after action k (T = actions + 1).

    rgb (T, H, W, 3) uint8 sRGB; depth (T, H, W) float32 metres along the ray, ``inf`` where nothing was hit;
    ids (T, H, W) int32 index into ``names``, −1 for nothing; poses (T, 4, 4) float64 camera-to-world (OpenCV axes,
    ``scenegen.render.camera``); intrinsics (3, 3) float64 pixels; states the agent states; blocked[k] whether
    action k was refused.
    """

    rgb: np.ndarray
    depth: np.ndarray
    ids: np.ndarray
    poses: np.ndarray
    intrinsics: np.ndarray
    names: list[str]
    actions: list[str]
    states: list[AgentState]
    blocked: list[bool]
    fov_deg: float
    shadows: bool

    def __len__(self) -> int:
        return len(self.rgb)


def render_walk(scene: "Scene", actions: Sequence[str], width: int = 256, height: int = 256,
                fov_deg: float = DEFAULT_FOV_DEG, *, start: AgentState | None = None,
                body_radius: float = BODY_RADIUS, free: "FreeSpace | None" = None, shadows: bool = False,
                ceiling: bool = True, progress: Callable[[int, int], None] | None = None) -> WalkFrames:
    """Roll ``actions`` out from ``start`` (default: ``default_start``) against the walk raster and render every state
    with the ray-caster, building the scene's triangle soup and BVH once for the whole walk.

    The room has its ceiling by default (the view from eye height looks up at it), and then the sun casts no
    shadows indoors, so ``shadows`` is off by default: the sun still shades surfaces by their angle.
    ``progress(done, total)`` is called after each frame.
    """
    from scenegen.render.raycast import prepare
    from scenegen.render.views import scene_meshes

    for a in actions:
        if a not in ACTIONS:
            raise ActionError(f"unknown action {a!r}; known: {', '.join(ACTIONS)}")
    if width < 1 or height < 1:
        raise ValueError(f"frame size must be positive, got {width}×{height}")
    free = free if free is not None else walk_space(scene, body_radius)
    start = start if start is not None else default_start(scene, free)
    states, blocked = rollout(start, actions, free)
    prepared = prepare(scene_meshes(scene, ceiling=ceiling))
    t = len(states)
    rgb = np.empty((t, height, width, 3), dtype=np.uint8)
    depth = np.empty((t, height, width), dtype=np.float32)
    ids = np.empty((t, height, width), dtype=np.int32)
    poses = np.empty((t, 4, 4), dtype=np.float64)
    intrinsics = np.eye(3)
    for k, s in enumerate(states):
        cam = s.camera(width, height, fov_deg)
        out = prepared.render(cam, shadows=shadows)
        rgb[k], depth[k], ids[k], poses[k] = out.rgb, out.depth, out.ids, cam.cam_to_world
        intrinsics = cam.intrinsics
        if progress is not None:
            progress(k + 1, t)
    return WalkFrames(rgb=rgb, depth=depth, ids=ids, poses=poses, intrinsics=intrinsics, names=prepared.names,
                      actions=list(actions), states=states, blocked=blocked, fov_deg=fov_deg, shadows=shadows)


# --------------------------------------------------------------------------------------------------------------------
# Output folder
# --------------------------------------------------------------------------------------------------------------------

POSE_CONVENTION = ("cam_to_world: 4x4 camera-to-world, metres, world z up (scenegen.scene); camera axes OpenCV: "
                   "x right, y down, z forward (scenegen.render.camera). Agent yaw 0 faces +y, positive yaw turns "
                   "left.")


def write_walk(frames: WalkFrames, out_dir: str | Path, fmt: str = "mp4", fps: float | None = None,
               progress: Callable[[str], None] | None = None) -> dict[str, Path]:
    """Write a rendered walk to the folder ``out_dir``, atomically (a temporary sibling folder renamed into place;
    an existing folder of that name is replaced):

    * ``frames/00000.png`` …: frame k is the view after action k (frame 0: the start), sRGB PNG;
    * ``depth.npz``: ``depth`` (T, H, W) float32 metres along the ray, ``inf`` where nothing was hit (uncompressed:
      fast and exact);
    * ``ids.npz``: ``ids`` (T, H, W) int16 (int32 beyond 32767 meshes) index into ``names``, −1 for nothing;
      ``names``;
    * ``actions.jsonl``: one line per action: step (= its frame), action, action_id (index in ``ACTIONS``), blocked,
      state and pose after it;
    * ``actions.txt``: the actions in ``parse_actions`` syntax (``scenegen walk --actions "$(cat actions.txt)"``);
    * ``poses.json``: the convention, intrinsics, field of view, size, start and every frame's pose and state;
    * ``walk.mp4`` or ``walk.gif`` (``fmt``), one frame per action at ``fps`` (default ``video.DEFAULT_FPS``).

    Returns the written paths by name. ``progress(what)`` is called before each part.
    """
    import json
    import os
    import shutil

    from PIL import Image

    from scenegen.render.video import DEFAULT_FPS, FORMATS, write_video

    if fmt not in FORMATS:
        raise ValueError(f"unknown video format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    note = progress or (lambda what: None)
    try:
        (tmp / "frames").mkdir(parents=True)
        note("frames")
        for k, rgb in enumerate(frames.rgb):
            Image.fromarray(rgb, "RGB").save(tmp / "frames" / f"{k:05d}.png", compress_level=1)
        note("depth and ids")
        np.savez(tmp / "depth.npz", depth=frames.depth)
        id_type = np.int16 if len(frames.names) < 2**15 else np.int32
        np.savez_compressed(tmp / "ids.npz", ids=frames.ids.astype(id_type), names=np.array(frames.names, dtype=str))
        note("actions and poses")
        lines = []
        for k, (a, b) in enumerate(zip(frames.actions, frames.blocked), start=1):
            lines.append(json.dumps({"step": k, "action": a, "action_id": ACTIONS.index(a), "blocked": bool(b),
                                     "state": frames.states[k].to_json(), "pose": _pose_list(frames.poses[k])}))
        (tmp / "actions.jsonl").write_text("".join(line + "\n" for line in lines))
        (tmp / "actions.txt").write_text(format_actions(frames.actions) + "\n")
        h, w = frames.rgb.shape[1:3]
        meta = {"convention": POSE_CONVENTION, "width": int(w), "height": int(h), "fov_deg": frames.fov_deg,
                "intrinsics": np.round(frames.intrinsics, 9).tolist(), "shadows": frames.shadows,
                "start": frames.states[0].to_json(), "actions": ACTIONS,
                "frames": [{"frame": k, "pose": _pose_list(p), "state": s.to_json()}
                           for k, (p, s) in enumerate(zip(frames.poses, frames.states))]}
        head = json.dumps({k: v for k, v in meta.items() if k != "frames"}, indent=1)
        rows = ",\n".join("  " + json.dumps(f) for f in meta["frames"])  # one frame per line
        (tmp / "poses.json").write_text(head[:-2] + ',\n "frames": [\n' + rows + "\n ]\n}\n")
        note("video")
        write_video(tmp / f"walk.{fmt}", frames.rgb, fmt=fmt, fps=fps or DEFAULT_FPS)
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        if out.exists():
            os.replace(out, old)
        os.replace(tmp, out)
        if old.exists():
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    names = ["frames", "depth.npz", "ids.npz", "actions.jsonl", "actions.txt", "poses.json", f"walk.{fmt}"]
    return {name: out / name for name in names}


def _pose_list(pose: np.ndarray) -> list[list[float]]:
    """A (4, 4) pose as nested lists, rounded to 1e-9 (so exact zeros and ones print as such)."""
    return (np.round(pose, 9) + 0.0).tolist()
