"""The geometric world model (issue 21): the room is kept as a point cloud, and a network only paints what it lacks.

Each context frame is lifted to 3-D with a depth the model predicts from its pixels (``depth_net``, trained on the
engine's depth) at the pose integrated from the actions (``scenegen.world.pose``). Each predicted step splats that
cloud into the new pose (``scenegen.world.warp``) and a refiner U-Net turns the splat (colours, coverage, depth) into
the frame: it keeps what was seen where it lands, repairs the splat's cracks and aliasing, and fills what the context
never showed (the room behind the agent, the ceiling after a look up) from the colours it did show.

Seen content therefore stays put however long the walk (no drift: every step is rendered from the same cloud), a
return to a seen pose shows what was seen, and the actions move the picture as the engine would, because the motion
is geometry, not a learned guess. What the context never showed is the model's estimate, and is blurrier.

The model sees only RGB frames and action ids, like every other head; the engine's depth is a training target only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

from scenegen.world import pose as P
from scenegen.world import warp as W

MOVE_CARRIED = 0.786
"""The default ``GeometricConfig.move_carried``: the share of move actions the engine carried out in the open walks
of the first geometric model's data (15 452 moves, 3 304 blocked); checkpoints from before the field load with it."""
STILL = 1.0 / 255
"""two context frames differing by at most this (in [−1, 1] units, about half a grey level) show one view: the move
between them was blocked"""

MAX_DEPTH_M = 12.0
"""depths are predicted up to this (metres); the engine's ``inf`` (nothing hit) is trained as this"""


@dataclass(frozen=True)
class GeometricConfig:
    """``context`` engine frames are lifted; frames are ``size``² ; ``depth_channels`` / ``refine_channels``: U-Net
    widths per level (each level halves the resolution); ``n_actions`` as the engine's action list.

    ``move_carried``: the share of move actions (forward, back, strafes) the engine carried out in the training walks
    (the trainer measures it). A future move may be blocked by something the model cannot see, so it renders the
    expected pose: each move counts as this share of a step. Turns and looks are never blocked."""

    context: int = 4
    size: int = 64
    n_actions: int = 9
    depth_channels: tuple[int, ...] = (16, 32, 64, 96)
    refine_channels: tuple[int, ...] = (32, 64, 96, 128)
    groups: int = 8
    move_carried: float = MOVE_CARRIED


def tiny_geometric_config() -> GeometricConfig:
    """For tests: 16×16 frames, two levels."""
    return GeometricConfig(context=2, size=16, depth_channels=(8, 16), refine_channels=(8, 16), groups=4)


class _Block(nn.Module):
    def __init__(self, cin: int, cout: int, groups: int) -> None:
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.GroupNorm(min(groups, cout), cout), nn.SiLU(),
                                  nn.Conv2d(cout, cout, 3, padding=1), nn.GroupNorm(min(groups, cout), cout), nn.SiLU())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)


class UNet(nn.Module):
    """x (B, cin, H, W) → (B, cout, H, W); H divisible by 2^(levels−1); the output convolution starts at zero."""

    def __init__(self, cin: int, cout: int, channels: tuple[int, ...], groups: int) -> None:
        super().__init__()
        self.down = nn.ModuleList()
        prev = cin
        for c in channels:
            self.down.append(_Block(prev, c, groups))
            prev = c
        self.up = nn.ModuleList(_Block(channels[i + 1] + channels[i], channels[i], groups)
                                for i in range(len(channels) - 1))
        self.out = nn.Conv2d(channels[0], cout, 1)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skips = []
        for i, block in enumerate(self.down):
            x = block(x if i == 0 else F.avg_pool2d(x, 2))
            skips.append(x)
        for i in reversed(range(len(self.up))):
            x = self.up[i](torch.cat([F.interpolate(x, scale_factor=2, mode="nearest"), skips[i]], dim=1))
        return self.out(x)


REFINE_INPUTS = 3 + 1 + 1 + 3 + 5
"""splat colours, coverage, splat depth, last context frame, relative pose (5 constant channels)"""


class GeometricWorldModel(nn.Module):
    """``depth(frames)`` and ``refine(...)``; ``rollout`` is ``geometric_rollout``. Frames are in [−1, 1]."""

    HEAD = "geometric"

    def __init__(self, cfg: GeometricConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.depth_net = UNet(3, 1, cfg.depth_channels, cfg.groups)
        self.refiner = UNet(REFINE_INPUTS, 3, cfg.refine_channels, cfg.groups)

    def depth(self, frames: torch.Tensor) -> torch.Tensor:
        """frames (B, 3, H, W) in [−1, 1] → depth (B, H, W) metres along the ray, in (0, ``MAX_DEPTH_M``]."""
        return depth_from_logit(self.depth_net(frames)[:, 0])

    def refine(self, splat: torch.Tensor, mask: torch.Tensor, splat_depth: torch.Tensor, last: torch.Tensor,
               rel: torch.Tensor) -> torch.Tensor:
        """splat (B, 3, H, W) [−1, 1] (0 where empty), mask (B, 1, H, W), splat_depth (B, 1, H, W) metres, last
        context frame (B, 3, H, W), rel (B, 5) the target seen from the last context frame (forward m, left m,
        sin Δyaw, cos Δyaw − 1, Δpitch rad) → the frame (B, 3, H, W), not clamped.

        Before training (output convolution at zero) the frame is the splat with its holes painted the last
        context frame's mean colour."""
        base = splat + (1 - mask) * last.mean(dim=(2, 3), keepdim=True)
        h, w = splat.shape[-2:]
        x = torch.cat([splat, mask, depth_feature(splat_depth) * mask, last,
                       rel[:, :, None, None].expand(-1, -1, h, w)], dim=1)
        return base + self.refiner(x)


def depth_from_logit(logit: torch.Tensor) -> torch.Tensor:
    """The depth net's output → metres: a sigmoid over (0, ``MAX_DEPTH_M``], at least 1 cm."""
    return (torch.sigmoid(logit) * MAX_DEPTH_M).clamp(min=0.01)


def depth_feature(depth_m: torch.Tensor) -> torch.Tensor:
    """Metres → a bounded input feature: log(1 + d) / log(1 + ``MAX_DEPTH_M``)."""
    return torch.log1p(depth_m) / math.log1p(MAX_DEPTH_M)


def rel_features(target: torch.Tensor, source: torch.Tensor) -> torch.Tensor:
    """target, source (B, 4) poses → (B, 5) float32: target seen from source (``REFINE_INPUTS``' pose channels)."""
    own = torch.zeros(len(target), dtype=torch.bool, device=target.device)
    return P.features(P.relative(target, source), own)[:, :5]


def context_poses(context: torch.Tensor, context_actions: torch.Tensor | None) -> torch.Tensor:
    """Poses (B, k, 4) of the context frames (B, k, 3, H, W), the first at the origin. A move whose two frames are
    the same view (``STILL``) was blocked and counts as not made. Without the actions between the frames only the
    last frame has a known pose, and every frame is put there (the caller then lifts only the last)."""
    b, k = context.shape[:2]
    if context_actions is None:
        return torch.zeros(b, k, P.POSE_DIM, dtype=torch.float64)
    moved = (context[:, 1:] - context[:, :-1]).abs().flatten(2).amax(-1) > STILL     # (B, k−1)
    return P.integrate(context_actions, move_scale=moved.to(torch.float64))


def lift_context(model: GeometricWorldModel, context: torch.Tensor, poses: torch.Tensor, known: bool,
                 depth: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """context (B, k, 3, H, W), poses (B, k, 4) → the cloud: points (B, M, 3), colours (B, M, 3); every context frame
    when the poses are ``known``, else the last frame only. ``depth`` (B, k, H, W) metres: the depth net's prediction
    when the caller already has it (the trainer caches it)."""
    frames = context if known else context[:, -1:]
    fposes = poses if known else poses[:, -1:]
    b, k = frames.shape[:2]
    flat = frames.reshape(b * k, *frames.shape[2:])
    if depth is None:
        depth = model.depth(flat)                                       # (B·k, H, W)
    else:
        depth = (depth if known else depth[:, -1:]).reshape(b * k, *depth.shape[2:])
    points = W.lift(depth, fposes.reshape(b * k, -1)).reshape(b, -1, 3)
    colours = flat.permute(0, 2, 3, 1).reshape(b, -1, 3)
    return points, colours


class GeometricState:
    """A rollout in progress: the context's cloud, the last context frame and its pose, and the pose the actions so
    far lead to. context (B, k, 3, H, W) in [−1, 1], context_actions (B, k−1) or None (then only the last context
    frame is lifted, at the origin)."""

    @torch.no_grad()
    def __init__(self, model: GeometricWorldModel, context: torch.Tensor,
                 context_actions: torch.Tensor | None = None) -> None:
        poses = context_poses(context, context_actions)
        self.points, self.colours = lift_context(model, context, poses, context_actions is not None)
        self.last, self.last_pose = context[:, -1], poses[:, -1]
        self.pose = self.last_pose.clone()

    @torch.no_grad()
    def step(self, model: GeometricWorldModel, action: torch.Tensor) -> torch.Tensor:
        """action (B,) ids → the frame at the new pose (B, 3, H, W), clamped to [−1, 1]."""
        self.pose = P.step_pose(self.pose, action, model.cfg.move_carried)
        image, mask, depth = W.splat(self.points, self.colours, self.pose, model.cfg.size)
        return model.refine(image, mask, depth, self.last, rel_features(self.pose, self.last_pose)).clamp(-1, 1)


def geometric_rollout(model: GeometricWorldModel, context: torch.Tensor, actions: torch.Tensor,
                      context_actions: torch.Tensor | None = None) -> torch.Tensor:
    """context (B, k, 3, H, W) in [−1, 1], actions (B, N) ids, context_actions (B, k−1) → frames (B, N, 3, H, W),
    clamped to [−1, 1]. Every frame is rendered from the context's cloud at the pose the actions lead to."""
    state = GeometricState(model, context, context_actions)
    return torch.stack([state.step(model, actions[:, n]) for n in range(actions.shape[1])], dim=1)
