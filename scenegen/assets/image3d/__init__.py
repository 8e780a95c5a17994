"""Single-image-to-3D objects in the style of SAM 3D Objects: an image crop and an object mask in, the object's shape
(occupancy on a 32³ grid, meshed by marching cubes), per-vertex colour and pose (yaw, size in metres, translation in
the camera frame) out.

    from scenegen.assets.image3d import load_model, reconstruct
    rec = reconstruct("chair.png", mask="chair_mask.png")      # or (H, W, 3) uint8 + (H, W) bool arrays
    rec.mesh.export("chair.glb")                               # local frame: bottom-centre origin, front +y, z up, m
    rec.size, rec.yaw, rec.translation                         # metres, radians, metres (camera frame)

Modules: ``data`` (procedural renders, ground truth, held-out split), ``model`` (``ImageEncoder``, ``ShapeDecoder``,
``PoseHead``, configs), ``train``, ``infer``, ``evaluate`` (metrics and baselines), ``images`` (image and mask input,
crops), ``backend`` (the ``image3d`` asset backend), ``text2image`` (images from a local diffusers pipeline).
Importing this package imports torch; ``import scenegen`` does not import it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scenegen.assets.image3d.infer import Reconstruction
    from scenegen.assets.image3d.model import Image3DModel

__all__ = ["load_model", "reconstruct", "Reconstruction"]


def load_model(path: str | Path | None = None, device: str = "cpu") -> "Image3DModel":
    """The image-to-3D model from ``path`` (default: the bundled ``scenegen/weights/image3d.safetensors``).
    FileNotFoundError (with the fix) when it is absent."""
    from scenegen.assets.image3d.infer import load_model as _load

    return _load(path, device)


def reconstruct(image: "str | Path | np.ndarray", mask: "str | Path | np.ndarray | None" = None,
                model: "Image3DModel | None" = None, fov_deg: float | None = None,
                K: tuple[float, float, float] | None = None) -> "Reconstruction":
    """Reconstruct the object in ``image`` (a file, or (H, W, 3) uint8 sRGB) selected by ``mask`` (a file, or (H, W)
    bool; None: the alpha channel, else derived from a plain background, noted in ``Reconstruction.notes``).

    ``K`` = (f, c_x, c_y) in pixels, or ``fov_deg`` the vertical field of view (default 55°). ``model`` defaults to
    the bundled checkpoint. Raises ValueError / FileNotFoundError with a one-line reason for bad input."""
    from scenegen.assets.image3d.images import derive_mask, load_image, load_mask
    from scenegen.assets.image3d.infer import DEFAULT_FOV_DEG, intrinsics_for, predict

    notes: list[str] = []
    alpha = None
    if isinstance(image, (str, Path)):
        rgb, alpha = load_image(image)
    else:
        rgb = np.asarray(image)
        if rgb.ndim == 3 and rgb.shape[2] == 4:
            a = rgb[..., 3]
            alpha = a >= 128 if (a < 128).any() and (a >= 128).any() else None
            rgb = rgb[..., :3]
        if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
            raise ValueError(f"image must be an (H, W, 3) uint8 array, got {rgb.shape} {rgb.dtype}")
    if mask is None:
        m, how = derive_mask(rgb, alpha)
        notes.append(how)
    elif isinstance(mask, (str, Path)):
        m = load_mask(mask, rgb.shape[:2])
    else:
        m = np.asarray(mask).astype(bool)
    if K is None:
        K = intrinsics_for(rgb.shape[:2], fov_deg or DEFAULT_FOV_DEG)
        notes.append(f"intrinsics assumed: vertical field of view {fov_deg or DEFAULT_FOV_DEG:g} degrees")
    rec = predict(model if model is not None else _cached_model(), rgb, m, K)
    rec.notes = notes + rec.notes
    return rec


_MODEL: dict[str, "Image3DModel"] = {}


def _cached_model() -> "Image3DModel":
    if "default" not in _MODEL:
        _MODEL["default"] = load_model()
    return _MODEL["default"]


def __getattr__(name: str) -> type:
    if name == "Reconstruction":
        from scenegen.assets.image3d.infer import Reconstruction

        return Reconstruction
    raise AttributeError(name)
