"""The world model with a memory (issue 21): a bank of earlier frames keyed by the pose integrated from the actions,
so the model can return to what it saw.

Each predicted step: integrate the action into the target pose (``scenegen.world.pose``), retrieve the bank frame
whose pose is nearest to it (position + weighted heading and pitch, engine frames preferred over the model's own),
and give the model that frame and its pose relative to the target as extra conditioning:

* the retrieved frame (3, H, W) through its own stem convolution, added to the context stem's features;
* the relative pose (``pose.REL_FEATURES``: forward, left, sin/cos Δyaw, Δpitch, own) through a small MLP, added to
  the action embedding that drives every block's FiLM;
* a gate g (a scalar per sample from the same features): next = last + U-Net + g · (retrieved − last), an easy path
  to copy the remembered frame when it was taken where the agent now stands.

The bank holds the engine's context frames (poses from the context's actions when known, else only the last context
frame, at the origin) and the model's own predictions (marked own). Every new part starts at zero
(``from_deterministic``): the memory model then returns exactly the deterministic model's frames.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import nn

from scenegen.world import pose as P
from scenegen.world.model import WorldConfig, WorldModel


@dataclass(frozen=True)
class MemoryConfig(WorldConfig):
    """``bank_own``: put the model's own predictions in the bank (marked own); ``capacity``: frames kept (oldest
    dropped, the engine's context frames never); ``gate_hidden``: width of the gate MLP."""

    bank_own: bool = True
    capacity: int = 128
    gate_hidden: int = 32


def tiny_memory_config() -> MemoryConfig:
    """For tests: 16×16 frames, two levels."""
    return MemoryConfig(context=2, channels=(8, 16), action_dim=8, size=16, groups=4, patch=2, gate_hidden=8)


class MemoryBank:
    """Frames (B, M, 3, H, W) in [−1, 1] with poses (B, M, 4) float64 and own (B, M) bool; grows by ``add``."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.frames: list[torch.Tensor] = []
        self.poses: list[torch.Tensor] = []
        self.own: list[torch.Tensor] = []
        self.pinned = 0  # the first ``pinned`` entries (engine context) are never dropped

    def add(self, frame: torch.Tensor, pose: torch.Tensor, own: bool) -> None:
        """frame (B, 3, H, W), pose (B, 4); the oldest own/unpinned entry goes when over capacity."""
        self.frames.append(frame.detach())
        self.poses.append(pose.to(torch.float64))
        self.own.append(torch.full((len(frame),), own, dtype=torch.bool))
        if not own:
            self.pinned = len(self.frames) if self.pinned == len(self.frames) - 1 else self.pinned
        if len(self.frames) > self.capacity and len(self.frames) > self.pinned:
            for lst in (self.frames, self.poses, self.own):
                del lst[self.pinned]

    def retrieve(self, target: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """target (B, 4) → (frame (B, 3, H, W), relative-pose features (B, ``REL_FEATURES``), index (B,)): per
        sample the bank entry nearest the target (``pose.distance``; the first of equals)."""
        poses = torch.stack(self.poses, dim=1)                       # (B, M, 4)
        own = torch.stack(self.own, dim=1)                           # (B, M)
        rel = P.relative(target[:, None], poses)                      # target seen from each entry
        idx = P.distance(rel, own).argmin(dim=1)                      # (B,)
        ar = torch.arange(len(idx))
        frames = torch.stack([self.frames[int(j)][i] for i, j in enumerate(idx)])  # gather, not stack the bank
        return frames, P.features(rel[ar, idx], own[ar, idx]), idx


class MemoryWorldModel(WorldModel):
    """``forward(context, action, retrieved, rel)``: context (B, k, 3, H, W) in [−1, 1], action (B,) ids, retrieved
    frame (B, 3, H, W), rel (B, ``REL_FEATURES``) → next frame (B, 3, H, W) (not clamped)."""

    HEAD = "memory"

    def __init__(self, cfg: MemoryConfig) -> None:
        super().__init__(cfg)
        p, c0 = cfg.patch, cfg.channels[0]
        self.mem_stem = (nn.Conv2d(3, c0, 3, padding=1, bias=False) if p == 1 else
                         nn.Conv2d(3, c0, 2 * p, stride=p, padding=p // 2, bias=False))
        self.pose_embed = nn.Sequential(nn.Linear(P.REL_FEATURES, cfg.action_dim), nn.SiLU(),
                                        nn.Linear(cfg.action_dim, cfg.action_dim))
        self.gate = nn.Sequential(nn.Linear(P.REL_FEATURES, cfg.gate_hidden), nn.SiLU(), nn.Linear(cfg.gate_hidden, 1))
        for layer in (self.mem_stem, self.pose_embed[-1], self.gate[-1]):
            nn.init.zeros_(layer.weight)
            if layer.bias is not None:
                nn.init.zeros_(layer.bias)

    def forward(self, context: torch.Tensor, action: torch.Tensor, retrieved: torch.Tensor | None = None,  # type: ignore[override]
                rel: torch.Tensor | None = None) -> torch.Tensor:
        b, k, c, h, w = context.shape
        last = context[:, -1]
        if retrieved is None or rel is None:  # no memory given: the last frame, seen from one step on
            retrieved = last
            rel = P.features(P.relative(P.step_pose(torch.zeros(b, 4, dtype=torch.float64), action),
                                        torch.zeros(b, 4, dtype=torch.float64)), torch.zeros(b, dtype=torch.bool))
        x = self.stem(context.reshape(b, k * c, h, w)) + self.mem_stem(retrieved)
        a = self.embed(action) + self.pose_embed(rel)
        g = self.gate(rel)[:, :, None, None]
        return last + self.trunk(x, a) + g * (retrieved - last)


class MemoryState:
    """A rollout in progress: the context (B, k, 3, H, W), the current pose (B, 4) and the bank."""

    def __init__(self, model: MemoryWorldModel, context: torch.Tensor,
                 context_actions: torch.Tensor | None = None) -> None:
        """``context_actions`` (B, k−1): the actions between the context frames (then every context frame enters the
        bank with its pose); None: only the last context frame, at the origin."""
        cfg = model.cfg
        assert isinstance(cfg, MemoryConfig)
        b, k = context.shape[:2]
        self.bank = MemoryBank(cfg.capacity + k)
        self.bank_own = cfg.bank_own
        self.context = context
        if context_actions is not None and context_actions.shape[1] == k - 1:
            poses = P.integrate(context_actions.long())
            for i in range(k):
                self.bank.add(context[:, i], poses[:, i], own=False)
            self.pose = poses[:, -1]
        else:
            self.pose = torch.zeros(b, P.POSE_DIM, dtype=torch.float64)
            self.bank.add(context[:, -1], self.pose, own=False)

    def step(self, model: MemoryWorldModel, action: torch.Tensor, feed_detach: bool = True
             ) -> torch.Tensor:
        """Predict the frame after ``action`` (B,), unclamped; the clamped frame is fed back (detached when
        ``feed_detach``) and banked (always detached)."""
        target = P.step_pose(self.pose, action)
        retrieved, rel, _ = self.bank.retrieve(target)
        pred = model(self.context, action, retrieved, rel)
        fed = pred.clamp(-1, 1)
        if feed_detach:
            fed = fed.detach()
        if self.bank_own:
            self.bank.add(fed, target, own=True)
        self.context = torch.cat([self.context[:, 1:], fed[:, None]], dim=1)
        self.pose = target
        return pred


@torch.no_grad()
def memory_rollout(model: MemoryWorldModel, context: torch.Tensor, actions: torch.Tensor,
                   context_actions: torch.Tensor | None = None) -> torch.Tensor:
    """context (B, k, 3, H, W) in [−1, 1], actions (B, N) → (B, N, 3, H, W) clamped frames."""
    state = MemoryState(model, context, context_actions)
    return torch.stack([state.step(model, actions[:, n]).clamp(-1, 1) for n in range(actions.shape[1])], dim=1)


def from_deterministic(model: WorldModel, **overrides: bool | int) -> MemoryWorldModel:
    """A memory model that starts as ``model``: its weights copied, every memory part at zero."""
    cfg = MemoryConfig(**(asdict(model.cfg) | overrides))
    mem = MemoryWorldModel(cfg)
    missing, unexpected = mem.load_state_dict(model.state_dict(), strict=False)
    if unexpected or any(not k.startswith(("mem_stem.", "pose_embed.", "gate.")) for k in missing):
        raise ValueError(f"cannot start a memory model from this checkpoint (missing {missing}, extra {unexpected})")
    return mem
