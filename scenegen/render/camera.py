"""Cameras for the CPU ray-caster: one convention, stated here and asserted in tests/test_render.py.

Convention (OpenCV style):

* Camera frame: the camera looks along **+z_cam**; **+x_cam points right** in the image, **+y_cam points down**.
* ``cam_to_world`` is the (4, 4) float64 camera-to-world transform: its columns 0, 1, 2 are x_cam, y_cam, z_cam in
  world coordinates, column 3 the camera centre (metres). World is ``scenegen.scene``'s frame (metres, z up).
* Intrinsics ``fx, fy, cx, cy`` are in pixels. Image coordinates (u, v) are continuous: u grows to the right, v down;
  pixel (row j, column i) covers [i, i + 1) × [j, j + 1) and its ray passes through its centre (i + 0.5, j + 0.5).
  So ``cx = width / 2, cy = height / 2`` puts the principal point at the middle of the image.
* Perspective: a camera-frame point (X, Y, Z), Z > 0, projects to u = fx·X/Z + cx, v = fy·Y/Z + cy.
* Orthographic (``orthographic=True``): ``ortho_scale`` metres per pixel; u = X / ortho_scale + cx, v = Y / ortho_scale
  + cy; every ray has direction z_cam and starts on the plane z_cam = 0 through the camera centre.
* Ray directions from ``generate_rays`` are unit vectors, so a hit's distance along the ray is in metres.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from scenegen.scene import Room


@dataclass(frozen=True, eq=False)  # eq=False: numpy fields make == ambiguous
class Camera:
    """A pinhole or orthographic camera (see the module docstring for the convention).

    ``width``, ``height``: image size in pixels. ``fx, fy, cx, cy``: intrinsics in pixels (``fx, fy`` unused when
    orthographic). ``cam_to_world``: (4, 4) float64. ``ortho_scale``: metres per pixel, orthographic cameras only.
    """

    width: int
    height: int
    fx: float
    fy: float
    cx: float
    cy: float
    cam_to_world: np.ndarray = field(repr=False)
    orthographic: bool = False
    ortho_scale: float = 0.0

    def __post_init__(self) -> None:
        m = np.asarray(self.cam_to_world, dtype=np.float64)
        if m.shape != (4, 4):
            raise ValueError(f"cam_to_world must be a (4, 4) matrix, got shape {m.shape}")
        if self.width <= 0 or self.height <= 0:
            raise ValueError(f"camera image size must be positive, got {self.width}×{self.height}")
        if self.orthographic and self.ortho_scale <= 0:
            raise ValueError(f"an orthographic camera needs ortho_scale > 0 metres/pixel, got {self.ortho_scale}")
        object.__setattr__(self, "cam_to_world", m)

    @property
    def intrinsics(self) -> np.ndarray:
        """(3, 3) float64 matrix K = [[fx, 0, cx], [0, fy, cy], [0, 0, 1]], pixels."""
        return np.array([[self.fx, 0.0, self.cx], [0.0, self.fy, self.cy], [0.0, 0.0, 1.0]])

    @property
    def position(self) -> np.ndarray:
        """(3,) camera centre in world metres."""
        return self.cam_to_world[:3, 3].copy()

    @property
    def world_to_cam(self) -> np.ndarray:
        """(4, 4) float64 inverse of ``cam_to_world``."""
        return np.linalg.inv(self.cam_to_world)

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Project world points to the image.

        points: (N, 3) metres. Returns (uv (N, 2) float64 continuous pixel coordinates, z (N,) float64 camera-frame
        depth along z_cam in metres; points with z <= 0 are behind a perspective camera and their uv is meaningless).
        """
        p = np.asarray(points, dtype=np.float64).reshape(-1, 3)
        r = self.cam_to_world[:3, :3]
        pc = (p - self.cam_to_world[:3, 3]) @ r  # R^T (p - t), row-wise
        z = pc[:, 2]
        if self.orthographic:
            uv = pc[:, :2] / self.ortho_scale + (self.cx, self.cy)
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                uv = np.stack([self.fx * pc[:, 0] / z + self.cx, self.fy * pc[:, 1] / z + self.cy], axis=1)
        return uv, z


def _frame_from_forward(forward: np.ndarray, up: np.ndarray) -> np.ndarray:
    """(3, 3) rotation whose columns are x_cam (right), y_cam (down), z_cam (forward)."""
    z = forward / np.linalg.norm(forward)
    x = np.cross(z, up)
    if np.linalg.norm(x) < 1e-8:  # looking straight along up: pick any perpendicular right vector
        alt = np.array([0.0, 1.0, 0.0]) if abs(z[1]) < 0.9 else np.array([1.0, 0.0, 0.0])
        x = np.cross(z, alt)
    x /= np.linalg.norm(x)
    y = np.cross(z, x)
    return np.stack([x, y, z], axis=1)


def look_at(eye: tuple[float, float, float] | np.ndarray, target: tuple[float, float, float] | np.ndarray,
            up: tuple[float, float, float] = (0.0, 0.0, 1.0), fov_deg: float = 60.0, width: int = 512,
            height: int = 384) -> Camera:
    """A perspective camera at ``eye`` looking at ``target`` (metres), ``up`` appearing upward in the image.

    ``fov_deg`` is the **vertical** field of view in degrees; pixels are square (fx = fy), principal point centred.
    """
    eye_a = np.asarray(eye, dtype=np.float64)
    fwd = np.asarray(target, dtype=np.float64) - eye_a
    if np.linalg.norm(fwd) < 1e-9:
        raise ValueError(f"look_at needs target != eye (both {eye_a.tolist()})")
    if not 0.0 < fov_deg < 180.0:
        raise ValueError(f"fov_deg must be in (0, 180), got {fov_deg}")
    m = np.eye(4)
    m[:3, :3] = _frame_from_forward(fwd, np.asarray(up, dtype=np.float64))
    m[:3, 3] = eye_a
    f = 0.5 * height / math.tan(math.radians(fov_deg) / 2.0)
    return Camera(width=int(width), height=int(height), fx=f, fy=f, cx=width / 2.0, cy=height / 2.0, cam_to_world=m)


def look_along(eye: tuple[float, float, float] | np.ndarray, forward: tuple[float, float, float] | np.ndarray,
               up: tuple[float, float, float] = (0.0, 0.0, 1.0), fov_deg: float = 60.0, width: int = 512,
               height: int = 384) -> Camera:
    """A perspective camera at ``eye`` (metres) looking along the direction ``forward`` (need not be unit), ``up``
    appearing upward in the image; ``fov_deg`` is the vertical field of view in degrees (see ``look_at``)."""
    eye_a = np.asarray(eye, dtype=np.float64)
    return look_at(eye_a, eye_a + np.asarray(forward, dtype=np.float64), up=up, fov_deg=fov_deg, width=width,
                   height=height)


def top_down(room: Room, px_per_m: float | None = 80.0, width: int | None = None, margin: float = 0.5,
             eye_height: float | None = None) -> Camera:
    """An orthographic camera looking straight down (−z) over the room's footprint bounds plus ``margin`` metres.

    Give ``px_per_m`` (pixels per metre) or ``width`` (pixels; the scale follows). The image is north-up: world +x is
    image right (+u), world +y is image up (−v). The camera sits ``eye_height`` metres up (default 1 m above the
    ceiling height) so that walls and tall objects are seen from above.
    """
    (x0, y0), (x1, y1) = room.bounds
    ext_x, ext_y = (x1 - x0) + 2 * margin, (y1 - y0) + 2 * margin
    if width is not None:
        px_per_m = width / ext_x
    if px_per_m is None or px_per_m <= 0:
        raise ValueError(f"top_down needs px_per_m > 0 or width > 0 (got px_per_m={px_per_m}, width={width})")
    w = int(width) if width is not None else max(1, math.ceil(ext_x * px_per_m - 1e-6))
    h = max(1, math.ceil(ext_y * px_per_m - 1e-6))
    m = np.eye(4)
    m[:3, :3] = np.array([[1.0, 0.0, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, -1.0]]).T  # columns: x_cam=+x, y_cam=-y, z_cam=-z
    m[:3, 3] = (0.5 * (x0 + x1), 0.5 * (y0 + y1), eye_height if eye_height is not None else room.height + 1.0)
    return Camera(width=w, height=h, fx=0.0, fy=0.0, cx=w / 2.0, cy=h / 2.0, cam_to_world=m, orthographic=True,
                  ortho_scale=1.0 / px_per_m)


def generate_rays(camera: Camera) -> tuple[np.ndarray, np.ndarray]:
    """One ray per pixel through its centre, row-major (index = row · width + column).

    Returns (origins (H·W, 3) float64 metres, directions (H·W, 3) float64 unit vectors), world frame.
    """
    u = np.arange(camera.width, dtype=np.float64) + 0.5
    v = np.arange(camera.height, dtype=np.float64) + 0.5
    uu, vv = np.meshgrid(u, v)  # (H, W) each
    r = camera.cam_to_world[:3, :3]
    t = camera.cam_to_world[:3, 3]
    n = camera.width * camera.height
    if camera.orthographic:
        s = camera.ortho_scale
        local = np.stack([(uu.ravel() - camera.cx) * s, (vv.ravel() - camera.cy) * s, np.zeros(n)], axis=1)
        origins = local @ r.T + t
        dirs = np.broadcast_to(r[:, 2], (n, 3)).copy()
    else:
        local = np.stack([(uu.ravel() - camera.cx) / camera.fx, (vv.ravel() - camera.cy) / camera.fy, np.ones(n)],
                         axis=1)
        dirs = local @ r.T
        dirs /= np.linalg.norm(dirs, axis=1, keepdims=True)
        origins = np.broadcast_to(t, (n, 3)).copy()
    return origins, dirs
