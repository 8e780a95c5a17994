"""The bundled judge's network: a small CNN over object crops, built from a config (torch imported here only).

Input: (B, 4, S, S) float32 crops (RGB in [0, 1] + the object's mask, see ``scenegen.judge.crops``). Outputs: category
logits (B, C) over ``config.categories`` and the object's main colour (B, 3), display RGB in [0, 1].

Checkpoints are safetensors (weights) with the config in the file's metadata and a JSON card beside it
(``judge.json``: data, epochs, seeds, held-out accuracies). Nothing here downloads anything.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import torch
    from torch import nn


def _catalog_names() -> list[str]:
    from scenegen import catalog

    return catalog.names()


@dataclass
class JudgeNetConfig:
    """Architecture of the judge CNN. ``widths``: channels of the stem and of each stride-2 stage."""

    categories: list[str] = field(default_factory=_catalog_names)
    in_channels: int = 4
    crop_size: int = 64
    widths: tuple[int, ...] = (24, 48, 96, 160)
    dropout: float = 0.2

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "JudgeNetConfig":
        raw = json.loads(text)
        raw["widths"] = tuple(raw["widths"])
        return cls(**raw)


def tiny_config() -> JudgeNetConfig:
    """A very small config for tests (fresh object each call)."""
    return JudgeNetConfig(widths=(8, 8, 16), crop_size=32)


def build_model(config: JudgeNetConfig) -> "nn.Module":
    """A randomly initialised ``JudgeNet`` for ``config`` (seed torch yourself for reproducible weights)."""
    import torch
    from torch import nn

    def block(cin: int, cout: int, stride: int) -> list[nn.Module]:
        return [nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False), nn.BatchNorm2d(cout),
                nn.ReLU(inplace=True)]

    class JudgeNet(nn.Module):
        def __init__(self, cfg: JudgeNetConfig) -> None:
            super().__init__()
            w = cfg.widths
            layers: list[nn.Module] = block(cfg.in_channels, w[0], 2)
            for cin, cout in zip(w[:-1], w[1:]):
                layers += block(cin, cout, 2) + block(cout, cout, 1)
            self.features = nn.Sequential(*layers)
            self.drop = nn.Dropout(cfg.dropout)
            self.category = nn.Linear(w[-1], len(cfg.categories))
            self.colour = nn.Linear(w[-1], 3)

        def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            h = self.features(x).mean(dim=(2, 3))
            h = self.drop(h)
            return self.category(h), torch.sigmoid(self.colour(h))

    return JudgeNet(config)


def save_checkpoint(model: "nn.Module", config: JudgeNetConfig, path: str | Path, card: dict[str, Any]) -> None:
    """Write ``path`` (safetensors, config in its metadata) and ``path`` with suffix ``.json`` (the card, which also
    holds the config), each atomically."""
    import os

    from safetensors.torch import save_file

    from scenegen.scene_files import write_atomic

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    state = {k: v.detach().contiguous().cpu() for k, v in model.state_dict().items()}
    save_file(state, str(tmp), metadata={"config": config.to_json(), "format": "scenegen-judge-v1"})
    os.chmod(tmp, 0o644)  # safetensors writes 0600; a packaged checkpoint must be readable by everyone
    os.replace(tmp, path)
    write_atomic(path.with_suffix(".json"), json.dumps({**card, "config": json.loads(config.to_json())}, indent=2,
                                                       sort_keys=True) + "\n")


def load_checkpoint(path: str | Path) -> tuple["nn.Module", JudgeNetConfig]:
    """The model (eval mode, CPU) and config stored in a judge safetensors file. Raises a one-line ``ValueError`` for
    a missing or foreign file."""
    from safetensors import safe_open
    from safetensors.torch import load_file

    path = Path(path)
    if not path.is_file():
        raise ValueError(f"no judge weights at {path}; train them with `scenegen train judge` or pass --judge-path")
    try:
        with safe_open(str(path), framework="pt") as f:
            meta = f.metadata() or {}
        config = JudgeNetConfig.from_json(meta["config"])
        state = load_file(str(path))
    except Exception as exc:  # a truncated or foreign file: say which
        raise ValueError(f"{path} is not a scenegen judge checkpoint ({exc.__class__.__name__}: {exc})") from None
    model = build_model(config)
    model.load_state_dict(state)
    model.eval()
    return model, config


def predict(model: Any, crops: np.ndarray, batch: int = 256) -> tuple[np.ndarray, np.ndarray]:
    """(log-probabilities (N, C), colours (N, 3)) for uint8 or float crops (N, 4, S, S), model in eval mode."""
    import torch

    model.eval()
    logp, cols = [], []
    with torch.no_grad():
        for i in range(0, len(crops), batch):
            x = torch.from_numpy(np.ascontiguousarray(crops[i:i + batch]))
            x = x.float() / 255.0 if x.dtype == torch.uint8 else x.float()
            lo, co = model(x)
            logp.append(torch.log_softmax(lo, dim=1).numpy())
            cols.append(co.numpy())
    if not logp:
        return np.zeros((0, 0), np.float32), np.zeros((0, 3), np.float32)
    return np.concatenate(logp), np.concatenate(cols)
