"""Point-cloud memory for the world model: lift frames to 3-D with their depth and splat them into a new pose.

Geometry only, no learning. Poses are the integrated agent poses of ``scenegen.world.pose`` (x m, y m, yaw rad,
pitch rad, relative to where the rollout started); the camera is the engine agent's (``scenegen.render.agent``): at
the eye, a vertical field of view of ``DEFAULT_FOV_DEG`` on square pixels, OpenCV axes (x right, y down, z forward),
so the same depth and pose put a pixel where the engine would. Depth is metres along the ray, as the engine stores it.

Splatting is a z-buffer over points: the nearest point landing on a pixel colours it; a pixel no point lands on
takes the nearest point landing in its 3×3 neighbourhood, which closes the cracks that a forward step opens between
neighbouring points without shifting pixels that a point truly lands on.
"""

from __future__ import annotations

import math

import torch

from scenegen.render.agent import DEFAULT_FOV_DEG

NEAR_M = 0.05
"""points closer than this to the target camera are dropped"""


def focal(size: int, fov_deg: float = DEFAULT_FOV_DEG) -> float:
    """Focal length in pixels of a ``size``² frame with vertical field of view ``fov_deg``."""
    return (size / 2) / math.tan(math.radians(fov_deg) / 2)


def pixel_rays(size: int, device: torch.device | str = "cpu") -> torch.Tensor:
    """(size·size, 3) unit rays in camera axes through each pixel centre, row-major, on ``device``."""
    f = focal(size)
    c = torch.arange(size, dtype=torch.float32, device=device) + 0.5 - size / 2
    v, u = torch.meshgrid(c, c, indexing="ij")
    d = torch.stack([u.reshape(-1) / f, v.reshape(-1) / f, torch.ones(size * size, device=device)], dim=-1)
    return d / d.norm(dim=-1, keepdim=True)


def rotation(pose: torch.Tensor) -> torch.Tensor:
    """pose (B, 4) → camera-to-world rotation (B, 3, 3), columns the camera's right, down and forward axes."""
    yaw, pitch = pose[:, 2].float(), pose[:, 3].float()
    cp = torch.cos(pitch)
    fwd = torch.stack([-torch.sin(yaw) * cp, torch.cos(yaw) * cp, torch.sin(pitch)], dim=-1)
    right = torch.stack([torch.cos(yaw), torch.sin(yaw), torch.zeros_like(yaw)], dim=-1)  # fwd × up, normalised
    down = torch.cross(fwd, right, dim=-1)
    return torch.stack([right, down, fwd], dim=-1)


def position(pose: torch.Tensor) -> torch.Tensor:
    """pose (B, 4) → eye position (B, 3) in metres (the eye height cancels: every pose shares it)."""
    x = pose[:, 0].float()
    return torch.stack([x, pose[:, 1].float(), torch.zeros_like(x)], dim=-1)


def lift(depth: torch.Tensor, pose: torch.Tensor) -> torch.Tensor:
    """depth (B, H, W) metres along the ray at pose (B, 4) → world points (B, H·W, 3)."""
    b, h, w = depth.shape
    rays = pixel_rays(h, depth.device)                         # (N, 3)
    cam = rays[None] * depth.reshape(b, -1, 1).float()         # (B, N, 3)
    return cam @ rotation(pose).transpose(1, 2) + position(pose)[:, None]


def splat(points: torch.Tensor, values: torch.Tensor, pose: torch.Tensor, size: int,
          valid: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Render points (B, N, 3) carrying values (B, N, C) from pose (B, 4) into a ``size``² frame.

    Returns (image (B, C, H, W) zero where empty, mask (B, 1, H, W) 1 where a point landed, depth (B, 1, H, W) metres
    along the ray, 0 where empty). ``valid`` (B, N) bool drops points (no depth, not yet seen)."""
    b, n, c = values.shape
    cam = (points - position(pose)[:, None]) @ rotation(pose)   # world → camera axes (rotation is orthonormal)
    z = cam[..., 2]
    ok = z > NEAR_M
    if valid is not None:
        ok = ok & valid
    f = focal(size)
    zs = z.clamp(min=NEAR_M)
    u = torch.floor(cam[..., 0] / zs * f + size / 2).long()
    v = torch.floor(cam[..., 1] / zs * f + size / 2).long()
    ok = ok & (u >= -1) & (u <= size) & (v >= -1) & (v <= size)   # a point just outside may still fill a crack
    dist = cam.norm(dim=-1)
    # z-buffer only the points some batch element sees (order kept, so ties resolve as over the whole cloud)
    seen = ok.any(dim=0).nonzero()[:, 0]
    u, v, dist_seen, ok = u[:, seen], v[:, seen], dist[:, seen], ok[:, seen]
    centre = _zbuffer(u, v, dist_seen, ok, size, ((0, 0),))
    ring = _zbuffer(u, v, dist_seen, ok, size, tuple((du, dv) for du in (-1, 0, 1) for dv in (-1, 0, 1) if du or dv))
    local = torch.where(centre >= 0, centre, ring)
    seen = torch.cat([seen, seen.new_zeros(1)])                # a spare entry, so an empty view still indexes
    slot = torch.where(local >= 0, seen[local.clamp(min=0)], -1)  # (B, HW) source point index, −1 where empty
    hit = slot >= 0
    gathered = values.gather(1, slot.clamp(min=0)[..., None].expand(-1, -1, c))        # (B, HW, C)
    image = torch.where(hit[..., None], gathered, torch.zeros_like(gathered))
    dgat = dist.gather(1, slot.clamp(min=0))
    depth = torch.where(hit, dgat, torch.zeros_like(dgat))
    return (image.transpose(1, 2).reshape(b, c, size, size), hit.float().reshape(b, 1, size, size),
            depth.reshape(b, 1, size, size))


def _zbuffer(u: torch.Tensor, v: torch.Tensor, dist: torch.Tensor, ok: torch.Tensor, size: int,
             offsets: tuple[tuple[int, int], ...]) -> torch.Tensor:
    """The nearest point per pixel among points (B, N) at pixel (u, v) shifted by each of ``offsets``: (B, H·W)
    source index, −1 where none (among equally near points the largest index, so the result is deterministic)."""
    b, n = dist.shape
    keys, pixels = [], []
    for du, dv in offsets:
        uu, vv = u + du, v + dv
        inside = ok & (uu >= 0) & (uu < size) & (vv >= 0) & (vv < size)
        pixels.append(vv.clamp(0, size - 1) * size + uu.clamp(0, size - 1))
        keys.append(torch.where(inside, dist, torch.full_like(dist, float("inf"))))
    key, pix = torch.cat(keys, dim=1), torch.cat(pixels, dim=1)
    best = torch.full((b, size * size), float("inf"), device=dist.device).scatter_reduce(1, pix, key, reduce="amin", include_self=True)
    win = (key == best.gather(1, pix)) & torch.isfinite(key)
    src = torch.arange(n, device=dist.device).repeat(len(offsets))[None].expand(b, -1)
    none = torch.full_like(src, -1)
    return torch.full((b, size * size), -1, dtype=torch.long, device=dist.device).scatter_reduce(
        1, pix, torch.where(win, src, none), reduce="amax", include_self=True)
