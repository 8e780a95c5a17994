"""Running a trained image-to-3D model: load the checkpoint, crop, predict, decode the pose, mesh the occupancy.

The mesh is in the object's local frame like the procedural generators' (bottom-centre origin, front +y, z up,
metres; bounds exactly [−W/2, −D/2, 0] .. [W/2, D/2, H]) with per-vertex colours (linear albedo × 255, the
convention the renderer reads); the pose says where that frame sits in the camera frame.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch

from scenegen.assets.image3d.frames import object_to_camera
from scenegen.assets.image3d.images import EVAL_MARGIN, check_mask, crop_geometry, crops, mask_box
from scenegen.assets.image3d.model import Image3DConfig, Image3DModel, yaw_from_bins

if TYPE_CHECKING:
    import trimesh

DEFAULT_WEIGHTS = Path(__file__).resolve().parents[2] / "weights" / "image3d.safetensors"
"""The bundled checkpoint (``scenegen/weights/image3d.safetensors``)."""

DEFAULT_FOV_DEG = 55.0
"""Vertical field of view assumed for a photo whose intrinsics are unknown, degrees."""


@dataclass
class Reconstruction:
    """What ``reconstruct`` returns.

    mesh: local-frame trimesh (metres, per-vertex colours); occupancy: (G, G, G) float probabilities in the canonical
    normalised box; colours: (G, G, G, 3) float linear RGB in [0, 1]; size: (W, D, H) metres; yaw: radians, the
    object's yaw minus the camera's heading; pitch: the camera's downward tilt, radians; translation: (3,) metres,
    the bounding-box centre in the camera frame (OpenCV: x right, y down, z forward); category: the most likely
    training category and its probability; seconds: wall time of the prediction (crop, network, mesh).
    """

    mesh: "trimesh.Trimesh"
    occupancy: np.ndarray
    colours: np.ndarray
    size: tuple[float, float, float]
    yaw: float
    pitch: float
    translation: np.ndarray
    category: str
    category_prob: float
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def object_to_camera(self) -> np.ndarray:
        """(4, 4) transform from the local frame to the camera frame."""
        m = np.eye(4)
        m[:3, :3] = object_to_camera(self.yaw, self.pitch)
        m[:3, 3] = np.asarray(self.translation) - m[:3, :3] @ np.array([0.0, 0.0, self.size[2] / 2])
        return m

    def camera_mesh(self) -> "trimesh.Trimesh":
        """The mesh moved into the camera frame (metres)."""
        mesh = self.mesh.copy()
        mesh.apply_transform(self.object_to_camera())
        return mesh


def load_model(path: str | Path | None = None, device: str | torch.device = "cpu") -> Image3DModel:
    """The model from a checkpoint written by ``scenegen train image3d`` (default: the bundled one), in eval mode.

    Raises FileNotFoundError with the fix when the file is absent, ValueError when it is not an image3d checkpoint."""
    from safetensors import safe_open
    from safetensors.torch import load_file

    p = Path(path) if path is not None else DEFAULT_WEIGHTS
    if not p.is_file():
        raise FileNotFoundError(f"no image3d weights at {p}: train them with 'scenegen train image3d' or pass "
                                "--weights PATH")
    try:
        with safe_open(str(p), framework="pt") as f:
            meta = f.metadata() or {}
        state = load_file(str(p))
    except Exception as exc:  # safetensors raises its own error types for truncated or foreign files
        raise ValueError(f"{p} is not a readable safetensors checkpoint ({exc.__class__.__name__})") from None
    if meta.get("format") != "image3d-v1" or "config" not in meta:
        raise ValueError(f"{p} is not an image3d checkpoint (no image3d config in its metadata)")
    model = Image3DModel(Image3DConfig.from_dict(json.loads(meta["config"])))
    model.load_state_dict(state)
    model = model.to(device).eval()
    # warm up once here (torch's first-call kernel setup, scikit-image's lazy imports) so that the first
    # reconstruction is timed like every later one
    with torch.no_grad():
        model(torch.zeros(1, 4, model.cfg.image, model.cfg.image, device=device), torch.zeros(1, 3, device=device))
    mesh_from_grid(np.pad(np.ones((2, 2, 2)), 1), None, (1.0, 1.0, 1.0))
    return model


def decode_pose(out: dict[str, torch.Tensor], box: torch.Tensor, K: torch.Tensor) -> dict[str, np.ndarray]:
    """Network outputs → ``yaw`` (B,), ``pitch`` (B,) radians, ``size`` (B, 3) metres, ``translation`` (B, 3) metres
    (camera frame), from the crop boxes (B, 3) and intrinsics K (B, 3) = (f, c_x, c_y), pixels."""
    box, K = box.cpu().double(), K.cpu().double()
    yaw = yaw_from_bins(out["yaw_logits"].cpu(), out["yaw_res"].cpu()).double()
    z = out["log_zs"].cpu().double().exp() * K[:, 0] / box[:, 2]
    off = out["offset"].cpu().double()
    u = box[:, 0] + off[:, 0] * box[:, 2]
    v = box[:, 1] + off[:, 1] * box[:, 2]
    t = torch.stack([(u - K[:, 1]) * z / K[:, 0], (v - K[:, 2]) * z / K[:, 0], z], dim=1)
    return {"yaw": yaw.numpy(), "pitch": out["pitch"].cpu().double().numpy(),
            "size": out["log_size"].cpu().double().exp().numpy(), "translation": t.numpy()}


def mesh_from_grid(occ: np.ndarray, rgb: np.ndarray | None, size: tuple[float, float, float],
                   level: float = 0.5) -> "trimesh.Trimesh":
    """Marching cubes (scikit-image) on the occupancy probabilities (G, G, G) → a closed local-frame mesh fitted to
    ``size`` (W, D, H) metres, coloured per vertex from ``rgb`` (G, G, G, 3) linear [0, 1] at the nearest occupied
    cell. An empty grid gives the size's box (so a caller always gets a mesh)."""
    import trimesh
    from scipy import ndimage
    from skimage.measure import marching_cubes

    w, d, h = size
    g = occ.shape[0]
    if occ.max() <= level:
        occ = np.zeros_like(occ)
        occ[1:-1, 1:-1, 1:-1] = 1.0
    padded = np.pad(occ.astype(np.float32), 1)
    verts, faces, _, _ = marching_cubes(padded, level=level)
    verts = (verts - 1 + 0.5) / g - 0.5  # index space → canonical unit box
    lo, hi = verts.min(axis=0), verts.max(axis=0)
    verts = (verts - lo) / np.maximum(hi - lo, 1e-9) * np.array([w, d, h]) - np.array([w / 2, d / 2, 0.0])
    mesh = trimesh.Trimesh(vertices=verts, faces=faces[:, ::-1], process=False)  # outward normals
    if rgb is not None:
        occupied = occ > level
        _, (ii, jj, kk) = ndimage.distance_transform_edt(~occupied, return_indices=True)
        idx = np.clip(np.floor((mesh.vertices / np.array([w, d, h]) + np.array([0.5, 0.5, 0.0])) * g).astype(int),
                      0, g - 1)
        a, b, c = ii[idx[:, 0], idx[:, 1], idx[:, 2]], jj[idx[:, 0], idx[:, 1], idx[:, 2]], kk[idx[:, 0], idx[:, 1],
                                                                                              idx[:, 2]]
        col = np.clip(rgb[a, b, c], 0.0, 1.0)
        mesh.visual.vertex_colors = np.concatenate([np.round(col * 255), np.full((len(col), 1), 255)],
                                                   axis=1).astype(np.uint8)
    return mesh


def photo_colours(mesh: "trimesh.Trimesh", to_camera: np.ndarray, image: np.ndarray, mask: np.ndarray,
                  K: tuple[float, float, float]) -> np.ndarray:
    """(V, 4) uint8 vertex colours (linear albedo × 255) with the photo's hue and the model's brightness.

    The colour head alone drifts toward its categories' usual colours (a blue bed comes out wood-toned), so each vertex
    that faces the camera and projects inside the mask takes the photo's pixel (sRGB → linear), the others the median
    of those; the whole is then scaled so its median luminance is the model's, because the photo's pixels are
    shaded (darker than the albedo on faces turned from the light). ``to_camera``: (4, 4) local → camera frame
    (OpenCV axes); ``K`` = (f, c_x, c_y) pixels of ``image`` (H, W, 3) uint8 sRGB and ``mask`` (H, W) bool."""
    v = np.asarray(mesh.vertices) @ to_camera[:3, :3].T + to_camera[:3, 3]
    n = np.asarray(mesh.vertex_normals) @ to_camera[:3, :3].T
    f, cx, cy = K
    z = np.maximum(v[:, 2], 1e-6)
    u = np.round(f * v[:, 0] / z + cx).astype(int)
    w = np.round(f * v[:, 1] / z + cy).astype(int)
    seen = (u >= 0) & (u < mask.shape[1]) & (w >= 0) & (w < mask.shape[0]) & ((n * -v).sum(axis=1) > 0)
    seen[seen] &= mask[w[seen], u[seen]]
    srgb = image.astype(np.float64) / 255.0
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    model_rgb = np.asarray(mesh.visual.vertex_colors, dtype=np.float64)[:, :3] / 255.0
    col = np.tile(np.median(linear[mask], axis=0), (len(v), 1))
    col[seen] = linear[w[seen], u[seen]]
    luminance = np.array([0.2126, 0.7152, 0.0722])
    col = np.clip(col * (np.median(model_rgb @ luminance) / max(float(np.median(col @ luminance)), 1e-3)), 0, 1)
    return np.concatenate([np.round(col * 255), np.full((len(col), 1), 255)], axis=1).astype(np.uint8)


def intrinsics_for(shape: tuple[int, int], fov_deg: float = DEFAULT_FOV_DEG) -> tuple[float, float, float]:
    """(f, c_x, c_y) pixels for an image of ``shape`` (H, W) with vertical field of view ``fov_deg``."""
    h, w = shape
    return 0.5 * h / math.tan(math.radians(fov_deg) / 2), w / 2.0, h / 2.0


@torch.no_grad()
def predict(model: Image3DModel, image: np.ndarray, mask: np.ndarray,
            K: tuple[float, float, float] | None = None) -> Reconstruction:
    """Reconstruct one object: ``image`` (H, W, 3) uint8 sRGB, ``mask`` (H, W) bool, ``K`` (f, c_x, c_y) pixels
    (default: ``DEFAULT_FOV_DEG`` vertical field of view)."""
    t0 = time.perf_counter()
    image = np.asarray(image)
    mask = np.asarray(mask).astype(bool)
    if image.ndim != 3 or image.shape[2] != 3:
        raise ValueError(f"the image must be (H, W, 3) RGB, got shape {image.shape}")
    if mask.shape != image.shape[:2]:
        raise ValueError(f"mask is {mask.shape[1]}×{mask.shape[0]} pixels but the image is "
                         f"{image.shape[1]}×{image.shape[0]}")
    check_mask(mask)
    K = K or intrinsics_for(image.shape[:2])
    cfg = model.cfg
    c_u, c_v, side = mask_box(mask, EVAL_MARGIN)
    scale = 1.0
    if side > 3 * cfg.image:  # shrink a large photo first so bilinear sampling does not alias
        from PIL import Image

        scale = 2.0 * cfg.image / side
        size = (max(1, round(image.shape[1] * scale)), max(1, round(image.shape[0] * scale)))
        image = np.asarray(Image.fromarray(image).resize(size, Image.BILINEAR))
        mask = np.asarray(Image.fromarray(mask.astype(np.uint8) * 255).resize(size, Image.BILINEAR)) >= 128
        c_u, c_v, side = c_u * scale, c_v * scale, side * scale
    Ks = torch.tensor([[K[0] * scale, K[1] * scale, K[2] * scale]], dtype=torch.float32)
    box = torch.tensor([[c_u, c_v, side]], dtype=torch.float32)
    device = next(model.parameters()).device
    rgb = torch.from_numpy(np.array(image, dtype=np.uint8)).permute(2, 0, 1)[None].float() / 255.0
    m = torch.from_numpy(np.array(mask, dtype=bool))[None, None].float()
    x = crops(rgb, m, box, cfg.image).to(device)
    out = model(x, crop_geometry(box, Ks).to(device))
    pose = decode_pose(out, box, Ks)
    occ = torch.sigmoid(out["occ_logits"][0]).cpu().numpy()
    col = out["rgb"][0].permute(1, 2, 3, 0).cpu().numpy()
    size = tuple(float(s) for s in pose["size"][0])
    mesh = mesh_from_grid(occ, col, size)
    rot = object_to_camera(float(pose["yaw"][0]), float(pose["pitch"][0]))
    to_cam = np.eye(4)
    to_cam[:3, :3] = rot
    to_cam[:3, 3] = pose["translation"][0] - rot @ np.array([0.0, 0.0, size[2] / 2])
    mesh.visual.vertex_colors = photo_colours(mesh, to_cam, np.asarray(image), np.asarray(mask),
                                              tuple(float(k) for k in Ks[0]))
    prob = torch.softmax(out["cat_logits"][0], dim=0)
    c = int(prob.argmax())
    name = cfg.categories[c] if c < len(cfg.categories) else "object"
    return Reconstruction(mesh=mesh, occupancy=occ, colours=col, size=size, yaw=float(pose["yaw"][0]),
                          pitch=float(pose["pitch"][0]), translation=pose["translation"][0], category=name,
                          category_prob=float(prob[c]), seconds=time.perf_counter() - t0)
