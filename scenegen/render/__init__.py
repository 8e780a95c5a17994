"""CPU ray-cast rendering: cameras (``camera``), the ray-caster (``raycast``), scene views (``views``) and walkthroughs
(``walk``: discrete actions, auto walks, frames).

Importing this package pulls in numpy only; trimesh/embreex load on the first render and Pillow on the first image.
Camera convention (OpenCV style, camera-to-world poses): see ``scenegen.render.camera``.
"""

from scenegen.render.camera import Camera, generate_rays, look_along, look_at, top_down
from scenegen.render.raycast import Lights, PreparedScene, RenderOutput, prepare, render
from scenegen.render.views import (corner_camera, id_overlay, map_camera, object_camera, object_view,
                                   perspective_view, scene_meshes, top_down_map)
from scenegen.render.walk import ACTIONS, auto_walk, parse_actions, render_walk

__all__ = ["ACTIONS", "Camera", "Lights", "PreparedScene", "RenderOutput", "auto_walk", "corner_camera",
           "generate_rays", "id_overlay", "look_along", "look_at", "map_camera", "object_camera", "object_view",
           "parse_actions", "perspective_view", "prepare", "render", "render_walk", "scene_meshes", "top_down",
           "top_down_map"]
