"""Renderer tests: architecture meshes, the camera convention, the ray-caster's buffers, and the scene views.

Scenes are built directly from ``scenegen.scene`` models with box assets, so every expected pixel is known exactly.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from scenegen.assets.architecture import WALL_THICKNESS, room_meshes
from scenegen.render import (Lights, generate_rays, id_overlay, look_at, map_camera, perspective_view, render,
                             scene_meshes, top_down, top_down_map)
from scenegen.scene import (AssetRef, Finding, LayoutPlan, ObjectInstance, Opening, Pose, Provenance, Room, Scene)

L_FOOTPRINT = [(0.0, 0.0), (5.0, 0.0), (5.0, 2.5), (2.5, 2.5), (2.5, 4.5), (0.0, 4.5)]


def box_instance(oid: str, size: tuple[float, float, float], xy: tuple[float, float], yaw: float = 0.0,
                 colour: tuple[float, float, float] = (0.5, 0.5, 0.5)) -> ObjectInstance:
    w, d, h = size
    c, s = abs(math.cos(yaw)), abs(math.sin(yaw))
    hx, hy = (w * c + d * s) / 2, (w * s + d * c) / 2
    return ObjectInstance(
        id=oid, category="box",
        asset=AssetRef(backend="box", category="box", seed=0, params={"width": w, "depth": d, "height": h},
                       colour=colour),
        pose=Pose(position=(xy[0], xy[1], 0.0), yaw=yaw), size=size,
        bbox=((xy[0] - hx, xy[1] - hy, 0.0), (xy[0] + hx, xy[1] + hy, h)))


def make_scene(room: Room, objects: list[ObjectInstance]) -> Scene:
    return Scene(room=room, objects=objects, plan=LayoutPlan(prompt="test", room=room),
                 provenance=Provenance(prompt="test", seed=0, planner="rules", assets="box"))


def door_room() -> Room:
    return Room.rectangle(4.0, 3.0, openings=[
        Opening(id="door_0", kind="door", wall=0, offset=2.0, width=0.9, height=2.1),
        Opening(id="window_0", kind="window", wall=1, offset=1.5, width=1.2, height=1.0, sill=0.9)])


# --------------------------------------------------------------------------------------------------------------------
# Camera convention
# --------------------------------------------------------------------------------------------------------------------


def test_look_at_convention_opencv():
    # Camera at (0, 0, 1) looking along world +x, z up: image right is world -y, image down is world -z.
    cam = look_at((0.0, 0.0, 1.0), (5.0, 0.0, 1.0), width=64, height=48, fov_deg=60.0)
    np.testing.assert_allclose(cam.cam_to_world[:3, 0], [0, -1, 0], atol=1e-12)  # x_cam: right
    np.testing.assert_allclose(cam.cam_to_world[:3, 1], [0, 0, -1], atol=1e-12)  # y_cam: down
    np.testing.assert_allclose(cam.cam_to_world[:3, 2], [1, 0, 0], atol=1e-12)   # z_cam: forward
    uv, z = cam.project(np.array([[5.0, 0.0, 1.0], [5.0, -1.0, 1.0], [5.0, 0.0, 2.0]]))
    np.testing.assert_allclose(uv[0], [32.0, 24.0])  # target -> image centre
    assert z[0] == pytest.approx(5.0)
    assert uv[1, 0] > 32.0 and uv[1, 1] == pytest.approx(24.0)  # world -y appears to the right
    assert uv[2, 1] < 24.0 and uv[2, 0] == pytest.approx(32.0)  # world +z appears up
    # vertical field of view: a point at the top edge angle projects to v = 0
    uv_top, _ = cam.project(np.array([[5.0, 0.0, 1.0 + 5.0 * math.tan(math.radians(30.0))]]))
    assert uv_top[0, 1] == pytest.approx(0.0, abs=1e-9)


def test_generate_rays_round_trip_and_unit():
    cam = look_at((0.3, -0.2, 1.4), (2.0, 1.0, 0.5), width=40, height=30)
    origins, dirs = generate_rays(cam)
    assert origins.shape == dirs.shape == (40 * 30, 3)
    np.testing.assert_allclose(np.linalg.norm(dirs, axis=1), 1.0)
    uv, _ = cam.project(origins + 3.0 * dirs)
    jj, ii = np.divmod(np.arange(40 * 30), 40)  # row-major: index = row * width + column
    np.testing.assert_allclose(uv, np.column_stack([ii + 0.5, jj + 0.5]), atol=1e-9)


def test_top_down_is_north_up():
    room = Room.rectangle(4.0, 3.0)
    cam = top_down(room, px_per_m=50, margin=0.5)
    assert (cam.width, cam.height) == (250, 200)
    uv, _ = cam.project(np.array([[2.0, 1.5, 0.0], [3.0, 1.5, 0.0], [2.0, 2.5, 0.0]]))
    np.testing.assert_allclose(uv[0], [125.0, 100.0])
    np.testing.assert_allclose(uv[1] - uv[0], [50.0, 0.0])    # +x world -> right
    np.testing.assert_allclose(uv[2] - uv[0], [0.0, -50.0])   # +y world -> up
    origins, dirs = generate_rays(cam)
    np.testing.assert_allclose(dirs, np.tile([0.0, 0.0, -1.0], (len(dirs), 1)))
    assert origins[:, 2].min() > room.height


# --------------------------------------------------------------------------------------------------------------------
# Architecture
# --------------------------------------------------------------------------------------------------------------------


def test_room_meshes_geometry():
    room = door_room()
    meshes = room_meshes(room, ceiling=True)
    assert set(meshes) == {"floor", "wall_0", "wall_1", "wall_2", "wall_3", "ceiling"}
    np.testing.assert_allclose(meshes["floor"].bounds[1], [4.0, 3.0, 0.0])
    np.testing.assert_allclose(meshes["wall_0"].bounds, [[-WALL_THICKNESS, -WALL_THICKNESS, 0.0], [4.1, 0.0, 2.7]])
    np.testing.assert_allclose(meshes["ceiling"].bounds[0, 2], room.height)
    # wall volume = full slab minus the door hole (all pieces are disjoint boxes)
    slab = (4.0 + 2 * WALL_THICKNESS) * WALL_THICKNESS * room.height
    assert meshes["wall_0"].volume == pytest.approx(slab - 0.9 * 2.1 * WALL_THICKNESS)
    for m in meshes.values():
        assert len(m.visual.face_colors) == len(m.faces)


def _centre_hit(meshes, eye, target):
    cam = look_at(eye, target, width=33, height=33, fov_deg=10.0)
    out = render(meshes, cam, shadows=False)
    j, i = cam.height // 2, cam.width // 2
    name = out.names[out.ids[j, i]] if out.ids[j, i] >= 0 else None
    return name, float(out.depth[j, i])


def test_walls_have_holes_at_openings():
    meshes = list(room_meshes(door_room()).items())
    # through the door (wall 0, x in [1.55, 2.45], z < 2.1): nothing behind it
    assert _centre_hit(meshes, (2.0, 1.5, 1.0), (2.0, -1.0, 1.0)) == (None, math.inf)
    # beside the door and above it: the wall, at the right distance
    name, depth = _centre_hit(meshes, (1.0, 1.5, 1.0), (1.0, -1.0, 1.0))
    assert name == "wall_0" and depth == pytest.approx(1.5, abs=1e-6)
    assert _centre_hit(meshes, (2.0, 1.5, 2.4), (2.0, -1.0, 2.4))[0] == "wall_0"
    # window on wall 1 (x = 4, y in [0.9, 2.1], z in [0.9, 1.9]): open in the middle, wall below the sill
    assert _centre_hit(meshes, (2.0, 1.5, 1.4), (6.0, 1.5, 1.4))[0] is None
    assert _centre_hit(meshes, (2.0, 1.5, 0.5), (6.0, 1.5, 0.5))[0] == "wall_1"


# --------------------------------------------------------------------------------------------------------------------
# Ray-caster buffers
# --------------------------------------------------------------------------------------------------------------------


def test_perspective_depth_to_wall():
    meshes = list(room_meshes(Room.rectangle(4.0, 3.0)).items())
    cam = look_at((1.0, 1.5, 1.2), (4.0, 1.5, 1.2), width=64, height=48)
    out = render(meshes, cam)
    assert out.depth.dtype == np.float32 and out.depth.shape == (48, 64)
    assert out.names[out.ids[24, 32]] == "wall_1"
    assert out.depth[24, 32] == pytest.approx(3.0, abs=0.01)
    # normals face the camera: the wall's inner face points to -x
    np.testing.assert_allclose(out.normals[24, 32], [-1.0, 0.0, 0.0], atol=1e-6)
    # depth is along the ray: for every wall pixel, depth * dir.x == 3 m
    _, dirs = generate_rays(cam)
    wall = (out.ids == out.names.index("wall_1")).ravel()
    np.testing.assert_allclose(out.depth.ravel()[wall] * dirs[wall, 0], 3.0, atol=1e-4)


def test_box_pixels_in_ortho_ids():
    room = Room.rectangle(4.0, 3.0)
    scene = make_scene(room, [box_instance("crate", (1.0, 0.5, 0.8), (2.6, 1.2))])
    ppm = 100
    cam = top_down(room, px_per_m=ppm)
    out = render(scene_meshes(scene), cam)
    mask = out.mask("crate")
    assert mask.sum() == pytest.approx(1.0 * 0.5 * ppm**2, rel=0.03)
    jj, ii = np.nonzero(mask)
    uv_centre, _ = cam.project(np.array([[2.6, 1.2, 0.8]]))
    assert abs(ii.mean() + 0.5 - uv_centre[0, 0]) < 1.0 and abs(jj.mean() + 0.5 - uv_centre[0, 1]) < 1.0
    assert np.all(out.depth[mask] == pytest.approx(cam.position[2] - 0.8, abs=1e-4))  # the top face
    assert out.ids.dtype == np.int32 and out.rgb.dtype == np.uint8 and out.rgb.shape == (cam.height, cam.width, 3)
    # background outside the walls
    assert out.ids[0, 0] == -1 and np.isinf(out.depth[0, 0])


def test_shadows_darken_floor_beside_box():
    room = Room.rectangle(4.0, 4.0, height=0.5)  # low walls: their own shadows stay near the walls
    scene = make_scene(room, [box_instance("tower", (0.6, 0.6, 1.0), (2.0, 2.0))])
    lights = Lights(sun_direction=(1.0, 0.0, 1.0))  # sun in the +x sky: the shadow falls towards -x
    cam = top_down(room, px_per_m=50)
    lit = render(scene_meshes(scene), cam, lights=lights, shadows=True)
    flat = render(scene_meshes(scene), cam, lights=lights, shadows=False)
    (u, v), = cam.project(np.array([[2.0 - 0.3 - 0.3, 2.0, 0.0]]))[0]  # 0.3 m beyond the box's -x face
    j, i = int(v), int(u)
    assert lit.names[lit.ids[j, i]] == "floor"
    assert int(lit.rgb[j, i].sum()) < int(flat.rgb[j, i].sum()) - 60
    # the sunlit side (+x) is not shadowed
    (u2, v2), = cam.project(np.array([[2.0 + 0.6, 2.0, 0.0]]))[0]
    assert np.array_equal(lit.rgb[int(v2), int(u2)], flat.rgb[int(v2), int(u2)])


def test_a_shadowless_mesh_leaves_the_floor_below_it_lit():
    """Lamps hang from a ceiling the views leave open to the sun: each used to print a dark disc on the floor."""
    room = Room.rectangle(4.0, 4.0, height=0.5)
    lamp = box_instance("lamp", (0.6, 0.6, 0.2), (2.0, 2.0))
    lamp = lamp.model_copy(update={"pose": Pose(position=(2.0, 2.0, 2.2)), "bbox": ((1.7, 1.7, 2.2), (2.3, 2.3, 2.4))})
    scene = make_scene(room, [lamp])
    lights = Lights(sun_direction=(0.3, 0.0, 1.0))
    cam = top_down(room, px_per_m=50)
    under = np.array([[2.0 - 0.66 - 0.05, 2.0, 0.0]])  # where the lamp's shadow falls (2.2 m up, sun 0.3 across)
    (u, v), = cam.project(under)[0]
    j, i = int(v), int(u)
    shaded = render(scene_meshes(scene), cam, lights=lights, shadows=True)
    quiet = render(scene_meshes(scene), cam, lights=lights, shadows=True, shadowless={"lamp"})
    flat = render(scene_meshes(scene), cam, lights=lights, shadows=False)
    assert shaded.names[shaded.ids[j, i]] == "floor" and quiet.names[quiet.ids[j, i]] == "floor"
    assert int(shaded.rgb[j, i].sum()) < int(flat.rgb[j, i].sum()) - 60
    assert np.array_equal(quiet.rgb[j, i], flat.rgb[j, i])


def test_dense_mesh_renders_its_silhouette():
    import trimesh

    sphere = trimesh.creation.icosphere(subdivisions=5, radius=0.5)  # 20k triangles
    sphere.apply_translation((2.0, 1.5, 0.6))
    meshes = list(room_meshes(Room.rectangle(4.0, 3.0)).items()) + [("sphere", sphere)]
    cam = look_at((0.4, 0.4, 1.6), (2.0, 1.5, 0.7), width=256, height=256)
    out = render(meshes, cam)
    assert out.mask("sphere").sum() > 1000


# --------------------------------------------------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------------------------------------------------


def _red_pixels(img, box) -> int:
    a = np.asarray(img.crop(box)).astype(int)
    return int(((a[..., 0] > 200) & (a[..., 1] < 40) & (a[..., 2] < 40)).sum())


def test_top_down_map_size_and_failing_outline():
    room = door_room()
    scene = make_scene(room, [box_instance("desk", (1.2, 0.6, 0.75), (1.0, 2.2)),
                              box_instance("chair", (0.5, 0.5, 0.9), (3.0, 1.0), yaw=math.pi / 2)])
    cam = map_camera(room, px_per_m=60)
    plain = top_down_map(scene, px_per_m=60)
    assert plain.size == (cam.width, cam.height) and plain.mode == "RGB"
    fail = Finding(validator="physical", check="collision", status="fail", message="chair hits the wall",
                   object_ids=["chair"])
    ok = Finding(validator="physical", check="support", status="pass", message="fine", object_ids=["desk"])
    marked = top_down_map(scene, [fail, ok], px_per_m=60)
    uv, _ = cam.project(np.array([[2.6, 0.6, 0.0], [3.4, 1.4, 0.0]]))  # around the chair's footprint
    chair_box = (int(uv[0, 0]) - 4, int(uv[1, 1]) - 4, int(uv[1, 0]) + 4, int(uv[0, 1]) + 4)
    assert _red_pixels(plain, (0, 0, *plain.size)) == 0
    assert _red_pixels(marked, chair_box) > 4 * 0.5 * 60  # most of the outline's perimeter
    uv_d, _ = cam.project(np.array([[0.3, 1.8, 0.0], [1.7, 2.6, 0.0]]))  # around the desk: passing -> not red
    desk_box = (int(uv_d[0, 0]), int(uv_d[1, 1]), int(uv_d[1, 0]), int(uv_d[0, 1]))
    assert _red_pixels(marked, desk_box) == 0


def test_l_shaped_room_renders():
    room = Room(footprint=L_FOOTPRINT, openings=[Opening(id="door_0", kind="door", wall=0, offset=1.5, width=0.9,
                                                         height=2.1)])
    meshes = room_meshes(room)
    assert len([k for k in meshes if k.startswith("wall_")]) == 6
    scene = make_scene(room, [box_instance("bed", (1.6, 2.0, 0.5), (1.2, 3.2))])
    ppm = 40
    cam = top_down(room, px_per_m=ppm, eye_height=10.0)
    out = render(scene_meshes(scene), cam, shadows=False)
    visible_floor = out.mask("floor").sum() + out.mask("bed").sum()
    assert visible_floor == pytest.approx(room.area * ppm**2, rel=0.03)
    (u, v), = cam.project(np.array([[3.75, 3.5, 0.0]]))[0]  # the notch of the L is outside: background
    assert out.ids[int(v), int(u)] == -1
    # no wall pokes into the room at the reflex corner (2.5, 2.5)
    (u, v), = cam.project(np.array([[2.45, 2.55, 0.0]]))[0]
    assert out.names[out.ids[int(v), int(u)]] == "floor"
    img = perspective_view(scene, width=96, height=72, corner=1)
    assert img.size == (96, 72)
    assert len(np.unique(np.asarray(img).reshape(-1, 3), axis=0)) > 10
    ov = id_overlay(out)
    assert ov.size == (cam.width, cam.height)


def test_perspective_view_sees_room_from_inside():
    from scenegen.render import corner_camera

    closed = Room.rectangle(4.0, 3.0)
    for room in (closed, door_room()):
        scene = make_scene(room, [box_instance("table", (1.0, 1.0, 0.7), (2.0, 1.5))])
        for corner in range(4):
            cam = corner_camera(room, corner, 64, 48)
            assert room.contains(*cam.position[:2]) and cam.position[2] == pytest.approx(1.6)
            out = render(scene_meshes(scene), cam, shadows=False)
            assert out.names[out.ids[24, 32]] == "table"  # the room centre is in the middle of the view
            if room is closed:  # walls all around and no openings: no background anywhere
                assert (out.ids >= 0).all()


def test_catalog_gallery_draws_every_requested_object():
    from scenegen.render.gallery import catalog_gallery

    names = ["bed", "chair", "table_lamp", "painting"]
    sheet = np.asarray(catalog_gallery(names, cell=64, columns=2))
    assert sheet.shape == (2 * (64 + 16), 2 * 64, 3)
    for k in range(len(names)):
        r, c = divmod(k, 2)
        cell = sheet[r * 80: r * 80 + 64, c * 64: (c + 1) * 64]
        background = np.all(np.abs(cell.astype(int) - cell[0, 0].astype(int)) < 3, axis=-1)
        assert 0.05 < 1 - background.mean() < 0.95, names[k]  # the object fills part of its cell


def test_map_tints_reachable_floor_green_and_a_sealed_pocket_orange():
    """Two wardrobes close off the north-east corner of a 4 × 3 m room: its floor is tinted as cut off."""
    from scenegen.render.views import _CUT_OFF, _NAVIGABLE

    room = door_room()
    walls = [box_instance("wardrobe_1", (1.2, 0.6, 2.0), (3.4, 1.3), yaw=math.pi),
             box_instance("wardrobe_2", (1.4, 0.6, 2.0), (2.5, 2.3), yaw=math.pi / 2)]
    scene = make_scene(room, walls)
    cam = map_camera(room)
    tinted = np.asarray(top_down_map(scene, navigable=True)).astype(int)
    plain = np.asarray(top_down_map(scene, navigable=False)).astype(int)

    def px(x, y):
        (u, v), = [(int(p[0]), int(p[1])) for p in [_project(cam, x, y)]]
        return tinted[v, u] - plain[v, u]

    pocket, open_floor = px(3.5, 2.4), px(1.0, 1.5)
    assert pocket[0] > 0 and pocket[2] < 0  # pulled towards orange (245, 150, 40)
    assert open_floor[1] > 0 and open_floor[0] < 0  # pulled towards green (60, 190, 90)
    assert _CUT_OFF != _NAVIGABLE


def _project(cam, x, y):
    """Pixel (u, v) of a floor point on an orthographic top-down camera."""
    local = np.linalg.inv(cam.cam_to_world) @ np.array([x, y, 0.0, 1.0])
    return local[0] / cam.ortho_scale + cam.cx, local[1] / cam.ortho_scale + cam.cy


def test_object_view_centres_the_object():
    from scenegen.render.views import object_camera, scene_meshes

    room = door_room()
    desk = box_instance("desk_1", (1.2, 0.6, 0.75), (2.0, 2.6), yaw=math.pi)  # against the north wall, facing south
    scene = make_scene(room, [desk])
    cam = object_camera(scene, "desk_1", 96, 72)
    assert room.contains(*cam.cam_to_world[:2, 3]) and cam.cam_to_world[1, 3] < 2.3  # in front of it
    out = render(scene_meshes(scene, ceiling=False), cam, shadows=False)
    assert out.names[out.ids[36, 48]] == "desk_1"
    seen = out.ids == out.names.index("desk_1")
    assert 0.05 < seen.mean() < 0.9  # the whole desk in view, not filling the frame
