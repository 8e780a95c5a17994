"""Engine vs world model, side by side (``scenegen rollout``).

The engine renders the whole walk at the model's frame size; the model is given the engine's first k frames (k its
context) and predicts every later frame from its own predictions and the actions. The video shows, per step, the
engine frame | the model frame | |engine − model| (amplified ×2), each upscaled ``scale``× with nearest-neighbour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass
class Episode:
    """An engine walk: frames, the action ids taken, camera poses, depth (metres) and which steps were blocked."""

    frames: np.ndarray   # (T+1, H, W, 3) uint8
    actions: np.ndarray  # (T,) int64
    poses: np.ndarray    # (T+1, 4, 4) float32
    depth: np.ndarray    # (T+1, H, W) float16
    blocked: np.ndarray  # (T,) bool
    ids: np.ndarray | None = None    # (T+1, H, W) int16: index into ``names`` of the mesh each pixel shows, −1 none
    names: tuple[str, ...] = ()      # mesh names ("floor", "wall_0", object ids…)


def render_episode(scene, actions: Sequence[str], size: int = 64) -> Episode:  # type: ignore[no-untyped-def]
    """Render ``actions`` in ``scene`` at ``size``×``size`` (shadows off, ceiling on: ``render_walk``'s defaults)."""
    from scenegen.render.walk import ACTIONS, render_walk

    w = render_walk(scene, list(actions), size, size, shadows=False)
    return Episode(frames=w.rgb, actions=np.array([ACTIONS.index(a) for a in actions], dtype=np.int64),
                   poses=w.poses.astype(np.float32), depth=w.depth.astype(np.float16),
                   blocked=np.array(w.blocked, dtype=bool), ids=w.ids.astype(np.int16),
                   names=tuple(str(n) for n in w.names))


@dataclass
class Rollout:
    """engine, model, diff: (T+1, H, W, 3) uint8 (model frames 0..k−1 are the engine's context); actions."""

    engine: np.ndarray
    model: np.ndarray
    diff: np.ndarray
    actions: list[str]
    context: int

    def side_by_side(self, scale: int = 4) -> np.ndarray:
        """(T+1, H·scale, 3·W·scale + 2·gap, 3) uint8 panels with white gaps."""
        t, h, w, _ = self.engine.shape
        gap = np.full((t, h, 1, 3), 255, dtype=np.uint8)
        strip = np.concatenate([self.engine, gap, self.model, gap, self.diff], axis=2)
        return strip.repeat(scale, axis=1).repeat(scale, axis=2)


def compare(model, engine_frames: np.ndarray, action_ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    """Model frames for a walk: engine_frames (T+1, H, W, 3) uint8, action_ids (T,) → (model (T+1, …), diff)."""
    from scenegen.world.model import model_rollout, opening_context

    t = len(action_ids)
    k = opening_context(model, t)
    if t < k:
        raise ValueError(f"the world model needs at least {k} actions ({k} engine frames of context), got {t}")
    acts = np.asarray(action_ids)[None]
    pred = model_rollout(model, engine_frames[None, :k], acts[:, k - 1:], context_actions=acts[:, :k - 1])[0]
    frames = np.concatenate([engine_frames[:k], pred])
    diff = np.clip(2 * np.abs(engine_frames.astype(np.int16) - frames.astype(np.int16)), 0, 255).astype(np.uint8)
    return frames, diff


def rollout_scene(scene, actions: Sequence[str], model) -> Rollout:  # type: ignore[no-untyped-def]
    """Render ``actions`` with the engine at the model's size and roll the model out beside it."""
    from scenegen.render.walk import ACTIONS
    from scenegen.world.model import opening_context

    ep = render_episode(scene, actions, model.cfg.size)
    frames, diff = compare(model, ep.frames, [ACTIONS.index(a) for a in actions])
    return Rollout(engine=ep.frames, model=frames, diff=diff, actions=list(actions),
                   context=opening_context(model, len(actions)))


def write_rollout(r: Rollout, path: str | Path, fmt: str = "mp4", fps: float = 10.0, scale: int = 4) -> Path:
    """Write the side-by-side video (atomically: a temporary sibling renamed into place)."""
    from scenegen.render.video import write_video

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.tmp.{fmt}")
    write_video(tmp, r.side_by_side(scale), fmt=fmt, fps=fps)
    tmp.replace(path)
    return path
