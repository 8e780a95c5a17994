"""A dataset of rendered views as tensors, sampled into augmented training batches or fixed evaluation crops
(shared by ``train`` and ``evaluate``, so neither imports the other)."""

from __future__ import annotations

import numpy as np
import torch

from scenegen.assets.image3d.images import EVAL_MARGIN, crop_geometry, crops


class Batches:
    """A dataset as tensors on ``device`` plus the per-view targets, ready to sample augmented batches from."""

    def __init__(self, data: dict[str, np.ndarray], device: torch.device) -> None:
        self.device = device
        self.rgb = torch.from_numpy(data["rgb"]).permute(0, 3, 1, 2).contiguous()  # uint8 (N, 3, R, R)
        self.mask = torch.from_numpy(data["mask"])[:, None].contiguous()  # bool (N, 1, R, R)
        self.K = torch.from_numpy(data["K"]).float()
        self.shape_idx = torch.from_numpy(data["shape"]).long()
        self.occ = torch.from_numpy(data["occ"])  # bool (S, G, G, G)
        self.col = torch.from_numpy(data["col"])  # uint8 (S, G, G, G, 3)
        self.size = torch.from_numpy(data["size"]).float()
        self.cat = torch.from_numpy(data["cat"]).long()
        self.sym = torch.from_numpy(data["sym"]).long()
        self.yaw = torch.from_numpy(data["yaw"]).float()
        self.pitch = torch.from_numpy(data["pitch"]).float()
        self.trans = torch.from_numpy(data["trans"]).float()
        m = data["mask"]
        rows, cols = m.any(axis=2), m.any(axis=1)
        r0 = rows.argmax(axis=1)
        r1 = m.shape[1] - rows[:, ::-1].argmax(axis=1)
        c0 = cols.argmax(axis=1)
        c1 = m.shape[2] - cols[:, ::-1].argmax(axis=1)
        self.box = torch.from_numpy(np.stack([(c0 + c1) / 2, (r0 + r1) / 2, np.maximum(c1 - c0, r1 - r0)], 1)).float()

    def __len__(self) -> int:
        return len(self.rgb)

    def inputs(self, idx: torch.Tensor, image: int, gen: torch.Generator | None = None
               ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(crop (B, 4, S, S), geometry (B, 3), box (B, 3)) for views ``idx``; random margin, shift and colour when a
        generator is given (training), the fixed ``EVAL_MARGIN`` crop otherwise."""
        box = self.box[idx].clone()
        rgb = self.rgb[idx].float() / 255.0
        mask = self.mask[idx].float()
        b = len(idx)
        if gen is not None:
            u = torch.rand(b, 6, generator=gen)
            box[:, 2] *= 1.04 + 0.3 * u[:, 0]
            box[:, 0] += (u[:, 1] - 0.5) * 0.1 * box[:, 2]
            box[:, 1] += (u[:, 2] - 0.5) * 0.1 * box[:, 2]
            gain = (0.75 + 0.5 * u[:, 3:4]) * (0.9 + 0.2 * torch.rand(b, 3, generator=gen))
            rgb = (rgb * gain[:, :, None, None]).clamp(0, 1)
            contrast = 0.8 + 0.4 * u[:, 4:5, None, None]
            mean = rgb.mean(dim=(1, 2, 3), keepdim=True)
            rgb = ((rgb - mean) * contrast + mean).clamp(0, 1)
        else:
            box[:, 2] *= EVAL_MARGIN
        x = crops(rgb, mask, box, image)
        return x.to(self.device), crop_geometry(box, self.K[idx]).to(self.device), box

    def targets(self, idx: torch.Tensor, box: torch.Tensor) -> dict[str, torch.Tensor]:
        """Per-view targets (see ``PoseHead``), on the device."""
        s = self.shape_idx[idx]
        t = self.trans[idx]
        K = self.K[idx]
        u = K[:, 0] * t[:, 0] / t[:, 2] + K[:, 1]
        v = K[:, 0] * t[:, 1] / t[:, 2] + K[:, 2]
        out = {"occ": self.occ[s].float(), "col": self.col[s].permute(0, 4, 1, 2, 3).float() / 255.0,
               "log_size": self.size[s].log(), "cat": self.cat[s], "sym": self.sym[s], "yaw": self.yaw[idx],
               "pitch": self.pitch[idx], "log_zs": (t[:, 2] * box[:, 2] / K[:, 0]).log(),
               "offset": torch.stack([(u - box[:, 0]) / box[:, 2], (v - box[:, 1]) / box[:, 2]], 1)}
        return {k: val.to(self.device) for k, val in out.items()}
