"""CPU ray-cast rendering: cameras (``camera``), the ray-caster (``raycast``) and scene views (``views``).

Importing this package pulls in numpy only; trimesh/embreex load on the first render and Pillow on the first image.
Camera convention (OpenCV style, camera-to-world poses): see ``scenegen.render.camera``.
"""

from scenegen.render.camera import Camera, generate_rays, look_at, top_down
from scenegen.render.raycast import Lights, RenderOutput, render
from scenegen.render.views import (corner_camera, id_overlay, map_camera, perspective_view, scene_meshes,
                                   top_down_map)

__all__ = ["Camera", "Lights", "RenderOutput", "corner_camera", "generate_rays", "id_overlay", "look_at", "map_camera",
           "perspective_view", "render", "scene_meshes", "top_down", "top_down_map"]
