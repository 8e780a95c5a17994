"""The agent's pose integrated from the discrete actions, as the world model's memory keys it.

A pose is (x, y, yaw, pitch): metres on the floor and radians, in the engine agent's convention
(``scenegen.render.agent``): yaw 0 faces +y, the heading is (−sin yaw, cos yaw), a positive yaw change turns left,
positive pitch looks up and clamps at ±``MAX_PITCH_DEG``. Poses are relative to where the rollout started (the
origin, yaw 0, pitch 0): the world model never sees the room's coordinates, only the actions.

The integration is the agent's ``try_step`` without the walls: the model cannot know that a move was blocked, so a
blocked move counts as made (the only way this drifts from the engine's pose).

Step sizes come from ``scenegen.render.agent`` (one source of truth); the retrieval weights below are this module's.
"""

from __future__ import annotations

import math

import torch

from scenegen.render.agent import ACTIONS, MAX_PITCH_DEG, PITCH_DEG, STEP_M, TURN_DEG

POSE_DIM = 4
"""(x m, y m, yaw rad, pitch rad)"""

REL_FEATURES = 6
"""relative-pose features the model sees: forward m, left m, sin Δyaw, cos Δyaw − 1, Δpitch rad, own (1 when the
retrieved frame is the model's own output, 0 for an engine frame)"""

YAW_M_PER_RAD = 1.0
"""retrieval distance: metres of position one radian of heading difference counts as (a 90° turn ≈ 1.6 m: at a 90°
field of view half the picture is new)"""
PITCH_M_PER_RAD = 0.5
"""retrieval distance: metres per radian of pitch difference"""
OWN_PENALTY_M = 0.25
"""retrieval distance added to the model's own frames, so an engine frame wins unless an own frame is a few steps
closer"""

# action id → (forward steps, left steps, turn steps, pitch steps)
_MOTION = {"noop": (0, 0, 0, 0), "forward": (1, 0, 0, 0), "back": (-1, 0, 0, 0), "left": (0, 1, 0, 0),
           "right": (0, -1, 0, 0), "turn_left": (0, 0, 1, 0), "turn_right": (0, 0, -1, 0), "look_up": (0, 0, 0, 1),
           "look_down": (0, 0, 0, -1)}
MOTION = torch.tensor([_MOTION[a] for a in ACTIONS], dtype=torch.float64)
"""(n_actions, 4): per action id, steps forward, to the left, of turn (left positive) and of pitch (up positive)"""

INVERSE = {"noop": "noop", "forward": "back", "back": "forward", "left": "right", "right": "left",
           "turn_left": "turn_right", "turn_right": "turn_left", "look_up": "look_down", "look_down": "look_up"}
"""the action that undoes each action (when neither was blocked nor clamped)"""
INVERSE_ID = torch.tensor([ACTIONS.index(INVERSE[a]) for a in ACTIONS], dtype=torch.int64)


def wrap(angle: torch.Tensor) -> torch.Tensor:
    """Angles (radians) wrapped to [−π, π)."""
    return torch.remainder(angle + math.pi, 2 * math.pi) - math.pi


def step_pose(pose: torch.Tensor, action: torch.Tensor, move_scale: float | torch.Tensor = 1.0) -> torch.Tensor:
    """pose (B, 4) (x, y, yaw, pitch), action (B,) ids → the pose after the action (B, 4), as the agent moves
    (``STEP_M`` m per move along the heading or its left, ``TURN_DEG``/``PITCH_DEG`` per turn, pitch clamped).
    ``move_scale`` (a float or (B,)) scales the moves (not the turns): 0 for a move known to be blocked, or the
    expected share of a move the agent carries out."""
    m = MOTION.to(pose.device, pose.dtype)[action]
    x, y, yaw, pitch = pose.unbind(-1)
    hx, hy = -torch.sin(yaw), torch.cos(yaw)
    fwd, left = m[:, 0] * STEP_M * move_scale, m[:, 1] * STEP_M * move_scale
    x1 = x + fwd * hx - left * hy   # left of heading (hx, hy) is (−hy, hx)
    y1 = y + fwd * hy + left * hx
    yaw1 = wrap(yaw + m[:, 2] * math.radians(TURN_DEG))
    lim = math.radians(MAX_PITCH_DEG)
    pitch1 = (pitch + m[:, 3] * math.radians(PITCH_DEG)).clamp(-lim, lim)
    return torch.stack([x1, y1, yaw1, pitch1], dim=-1)


def integrate(actions: torch.Tensor, start: torch.Tensor | None = None,
              move_scale: float | torch.Tensor = 1.0) -> torch.Tensor:
    """actions (B, N) ids → poses (B, N+1, 4) float64, the start (default the origin) first; ``move_scale`` as in
    ``step_pose``, a float or (B, N) per action."""
    b, n = actions.shape
    pose = (torch.zeros(b, POSE_DIM, dtype=torch.float64, device=actions.device) if start is None
            else start.to(torch.float64))
    out = [pose]
    for i in range(n):
        scale = move_scale[:, i] if isinstance(move_scale, torch.Tensor) else move_scale
        pose = step_pose(pose, actions[:, i], scale)
        out.append(pose)
    return torch.stack(out, dim=1)


def relative(target: torch.Tensor, source: torch.Tensor) -> torch.Tensor:
    """target (…, 4), source (…, 4) → target in source's frame (…, 4): metres forward and to the left along
    source's heading, Δyaw wrapped (rad), Δpitch (rad)."""
    dx, dy = target[..., 0] - source[..., 0], target[..., 1] - source[..., 1]
    hx, hy = -torch.sin(source[..., 2]), torch.cos(source[..., 2])
    fwd = dx * hx + dy * hy
    left = -dx * hy + dy * hx
    return torch.stack([fwd, left, wrap(target[..., 2] - source[..., 2]), target[..., 3] - source[..., 3]], dim=-1)


def distance(rel: torch.Tensor, own: torch.Tensor) -> torch.Tensor:
    """Retrieval distance (metres) from ``relative``'s (…, 4) and own (…,) bool: position + weighted heading and
    pitch differences + ``OWN_PENALTY_M`` for the model's own frames."""
    return (torch.hypot(rel[..., 0], rel[..., 1]) + YAW_M_PER_RAD * rel[..., 2].abs()
            + PITCH_M_PER_RAD * rel[..., 3].abs() + OWN_PENALTY_M * own.to(rel.dtype))


def features(rel: torch.Tensor, own: torch.Tensor) -> torch.Tensor:
    """The model's pose conditioning (…, ``REL_FEATURES``) float32 from ``relative``'s (…, 4) and own (…,) bool;
    all zero for an engine frame at the target pose."""
    return torch.stack([rel[..., 0], rel[..., 1], torch.sin(rel[..., 2]), torch.cos(rel[..., 2]) - 1, rel[..., 3],
                        own.to(rel.dtype)], dim=-1).float()
