"""Video files from frames: MP4 (H.264 through imageio-ffmpeg, whose wheel carries its own ffmpeg) or an animated GIF
(Pillow). imageio is imported only when an MP4 is written."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

FORMATS = ("mp4", "gif")
DEFAULT_FPS = 10.0
"""frames per second: one walkthrough action per frame, ten a second"""


def write_video(path: str | Path, frames: Iterable[np.ndarray], fmt: str = "mp4", fps: float = DEFAULT_FPS) -> Path:
    """Write ``frames`` ((H, W, 3) uint8 sRGB each, all the same size) to ``path`` as ``fmt`` (``mp4`` or ``gif``) at
    ``fps`` frames per second. MP4 is H.264 in yuv420p (an odd width or height gains one repeated column or row);
    GIF uses a per-frame adaptive palette and loops. Raises ``ValueError`` for an unknown format, no frames, or a
    missing imageio-ffmpeg (naming the install that fixes it)."""
    path = Path(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown video format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fps <= 0:
        raise ValueError(f"fps must be positive, got {fps}")
    if fmt == "gif":
        return _write_gif(path, frames, fps)
    from importlib.util import find_spec

    # imageio's ffmpeg plugin needs imageio-ffmpeg (which carries the ffmpeg binary): say so here, with the fix
    if find_spec("imageio") is None or find_spec("imageio_ffmpeg") is None:
        raise ValueError("writing MP4 needs imageio and imageio-ffmpeg (pip install imageio imageio-ffmpeg); "
                         "or write a GIF (--format gif)")
    import imageio.v2 as iio

    writer = iio.get_writer(str(path), format="FFMPEG", mode="I", fps=fps, codec="libx264", quality=7,
                            pixelformat="yuv420p", macro_block_size=2)
    n = 0
    try:
        for frame in frames:
            frame = np.asarray(frame, dtype=np.uint8)
            h, w = frame.shape[:2]
            if h % 2 or w % 2:  # yuv420p needs even sizes: repeat the last row / column rather than rescale
                frame = np.pad(frame, ((0, h % 2), (0, w % 2), (0, 0)), mode="edge")
            writer.append_data(frame)
            n += 1
    finally:
        writer.close()
    if n == 0:
        path.unlink(missing_ok=True)
        raise ValueError("no frames to write")
    return path


def _write_gif(path: Path, frames: Iterable[np.ndarray], fps: float) -> Path:
    from PIL import Image

    images = [Image.fromarray(np.asarray(f, dtype=np.uint8), "RGB") for f in frames]
    if not images:
        raise ValueError("no frames to write")
    # GIF frame delays are whole hundredths of a second
    images[0].save(path, format="GIF", save_all=True, append_images=images[1:], duration=round(1000.0 / fps),
                   loop=0)
    return path
