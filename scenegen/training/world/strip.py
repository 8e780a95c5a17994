"""The strip picture of issue 21: for several held-out rooms, the engine's frame above the model's at rollout steps
1, 8, 16, 32 and 64 (the last context frame first), so fading, blur and lost objects show at a glance."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

STEPS = (1, 8, 16, 32, 64)


def strip_picture(context: np.ndarray, targets: np.ndarray, preds: dict[str, np.ndarray], rooms: Sequence[str],
                  path: str | Path, steps: Sequence[int] = STEPS, scale: int = 2) -> Path:
    """Write a PNG: per window b (context (B, k, H, W, 3), targets (B, N, H, W, 3) uint8), one row of engine frames
    and one row per entry of ``preds`` (name → (B, N, H, W, 3) uint8), columns the last context frame then ``steps``.
    ``rooms[b]`` labels the window. Cells are upscaled ``scale``× (nearest)."""
    from PIL import Image, ImageDraw

    b, _, h, w, _ = targets.shape
    cell_w, cell_h, label_w, gap, head = w * scale, h * scale, 120, 4, 18
    rows = 1 + len(preds)
    width = label_w + (len(steps) + 1) * (cell_w + gap)
    height = head + b * (rows * (cell_h + gap) + 14)
    img = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(img)
    for c, label in enumerate(["context"] + [f"step {s}" for s in steps]):
        d.text((label_w + c * (cell_w + gap) + 4, 3), label, fill="black")
    y = head
    for i in range(b):
        d.text((4, y), str(rooms[i])[:60], fill=(90, 90, 90))
        y += 12
        for r, (name, frames) in enumerate([("engine", targets)] + list(preds.items())):
            d.text((4, y + cell_h // 2 - 6), name, fill="black")
            cells = [context[i, -1]] + [frames[i, s - 1] for s in steps]
            if r > 0:
                cells[0] = np.full_like(context[i, -1], 255)
            for c, cell in enumerate(cells):
                tile = Image.fromarray(cell).resize((cell_w, cell_h), Image.NEAREST)
                img.paste(tile, (label_w + c * (cell_w + gap), y))
            y += cell_h + gap
        y += 2
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path)
    return path


def pick_windows(room: np.ndarray, count: int = 6) -> np.ndarray:
    """Indices of ``count`` windows in distinct rooms spread over the held-out set (the first window of each)."""
    first = np.array([i for i in range(len(room)) if i == 0 or room[i] != room[i - 1]])
    return first[np.linspace(0, len(first) - 1, min(count, len(first))).round().astype(int)]
