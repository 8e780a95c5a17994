"""Object and camera frames of the image-to-3D model.

Conventions used by every module of ``scenegen.assets.image3d`` and by its training code (``scenegen.training.image3d``):

* **Canonical normalised box.** An object's local frame (``scenegen.scene``: bottom-centre origin, front +y, z up,
  metres) is scaled per axis so its bounding box becomes the unit cube ``[-0.5, 0.5]³``:
  ``x_n = x / W``, ``y_n = y / D``, ``z_n = z / H - 0.5``. Shapes (occupancy, colour) live on a ``G³`` grid over that
  cube, index ``[i, j, k]`` ↔ (x, y, z), cell centre ``(i + 0.5) / G - 0.5``. Size (W, D, H) puts it back in metres.
* **Occupancy** is a conservative voxelisation: a cell is occupied when its centre lies within half a cell of one of
  the object's convex parts (every procedural part is a box, cylinder, frustum or ellipsoid), so thin parts (legs,
  table tops) are never lost between cell centres.
* **Pose relative to the camera** (OpenCV camera frame, ``scenegen.render.camera``): ``yaw`` (radians) is the
  object's yaw minus the camera's heading (the yaw of its horizontal viewing direction, ``Pose.front`` convention);
  ``pitch`` (radians) is the camera's elevation angle (looking down > 0); ``translation`` (metres) is the object's
  bounding-box centre in the camera frame. ``object_to_camera(yaw, pitch)`` composes the rotation.
* **Crops.** A square box around the mask (side = longest mask side × margin), described to the pose head by
  ``crop_geometry`` = ((u_c − c_x)/f, (v_c − c_y)/f, side/f), so the network never needs the full image.
"""

from __future__ import annotations

import math

import numpy as np


def rot_z(angle: float) -> np.ndarray:
    """(3, 3) rotation by ``angle`` radians about +z."""
    c, s = math.cos(angle), math.sin(angle)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def camera_rotation(heading: float, pitch: float) -> np.ndarray:
    """(3, 3) world-to-camera rotation (OpenCV camera frame) of a camera looking along heading ``heading`` (radians,
    the direction (−sin h, cos h) in the floor plane) tilted down by ``pitch`` radians, no roll."""
    fwd = np.array([-math.sin(heading) * math.cos(pitch), math.cos(heading) * math.cos(pitch), -math.sin(pitch)])
    x = np.cross(fwd, [0.0, 0.0, 1.0])
    x /= np.linalg.norm(x)
    y = np.cross(fwd, x)
    return np.stack([x, y, fwd], axis=1).T


def object_to_camera(yaw: float, pitch: float) -> np.ndarray:
    """(3, 3) rotation taking the object's local frame to the camera frame, for a camera-relative ``yaw`` and a camera
    ``pitch`` (radians; see the module docstring)."""
    return camera_rotation(0.0, pitch) @ rot_z(yaw)


def wrap_angle(a: np.ndarray | float) -> np.ndarray | float:
    """Angle(s) wrapped to [−π, π)."""
    return (np.asarray(a) + np.pi) % (2 * np.pi) - np.pi
