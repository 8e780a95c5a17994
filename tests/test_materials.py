"""Per-part materials (issue 16): the kinds table, the per-face material slots every generator's mesh carries, and
what reaches scene.glb (pbrMetallicRoughness per primitive) and scene.usda (UsdPreviewSurface under /World/Looks,
bound per GeomSubset). Geometry and scene.json do not change: materials are derived when a mesh is built.

Conventions from ``scenegen.scene``: metres, z up; colours linear RGB in [0, 1].
"""

from __future__ import annotations

import io
import json
import struct

import numpy as np
import pytest

from scenegen import catalog
from scenegen.assets import build_mesh, plan_asset
from scenegen.assets.architecture import room_meshes
from scenegen.assets.materials import (BODY, CATALOG_KINDS, FLOOR_KINDS, KINDS, SHELL_KINDS, WORDS, face_kinds,
                                       groups, kind_for_word)
from scenegen.assets.procedural.parts import (BLACK, CHROME, METAL, PALETTE_KINDS, WHITE, Parts, darker,
                                              implied_kind, lighter)
from scenegen.export.files import Z_UP_TO_Y_UP, glb_bytes, glb_problem
from scenegen.scene import (Attributes, LayoutPlan, ObjectInstance, PlannedObject, Pose, Provenance, Room, Scene)


def instance(category: str, x: float, y: float, material: str | None = None, seed: int = 0) -> ObjectInstance:
    """A ``category`` object planned by the procedural backend, standing at (x, y) unturned."""
    planned = PlannedObject(id=f"{category}_1", category=category, attributes=Attributes(material=material))
    ref = plan_asset(planned, np.random.default_rng(seed))
    w, d, h = (float(ref.params[k]) for k in catalog.SIZE_PARAMS)
    return ObjectInstance(id=planned.id, category=category, asset=ref, pose=Pose(position=(x, y, 0.0), yaw=0.0),
                          size=(w, d, h), bbox=((x - w / 2, y - d / 2, 0.0), (x + w / 2, y + d / 2, h)),
                          attributes=Attributes(material=material))


def scene_of(*objects: ObjectInstance, room_type: str = "living_room") -> Scene:
    room = Room.rectangle(5.0, 4.0, type=room_type)
    plan = LayoutPlan(prompt="materials", room=room,
                      objects=[PlannedObject(id=o.id, category=o.category) for o in objects])
    return Scene(room=room, objects=list(objects), plan=plan,
                 provenance=Provenance(prompt="materials", seed=0, planner="rules"))


def gltf_json(data: bytes) -> dict:
    """The JSON chunk of a GLB."""
    length = struct.unpack("<I", data[12:16])[0]
    assert data[16:20] == b"JSON"
    return json.loads(data[20:20 + length])


def node_materials(doc: dict, name: str) -> list[dict]:
    """The materials of the primitives of the node called ``name``."""
    node = next(n for n in doc["nodes"] if n["name"] == name)
    return [doc["materials"][p["material"]] for p in doc["meshes"][node["mesh"]]["primitives"]]


def kinds_of(materials: list[dict]) -> set[str]:
    return {m["extras"]["kind"] for m in materials}


@pytest.fixture(scope="module")
def living() -> Scene:
    return scene_of(instance("dining_table", 1.5, 2.0), instance("floor_lamp", 4.0, 3.4),
                    instance("sofa", 2.5, 0.6, material="leather"), instance("armchair", 4.2, 1.0),
                    instance("bookshelf", 0.5, 3.6))


@pytest.fixture(scope="module")
def living_glb(living: Scene) -> bytes:
    return glb_bytes(living)


# -- the table of kinds ----------------------------------------------------------------------------------------------


def test_kinds_are_physical_and_every_lookup_names_a_kind():
    for k in KINDS.values():
        assert 0.0 <= k.roughness <= 1.0 and 0.0 <= k.metallic <= 1.0, k
        assert 0.0 <= k.transmission <= 1.0 and 0.0 < k.alpha <= 1.0 and k.emissive >= 0.0 and k.ior >= 1.0, k
    named = [*CATALOG_KINDS.values(), *WORDS.values(), *SHELL_KINDS.values(), *FLOOR_KINDS.values(),
             *(name for _, name in PALETTE_KINDS)]
    assert set(named) <= set(KINDS)
    assert set(CATALOG_KINDS) == set(catalog.model.MATERIALS), "every catalog material word picks a kind"
    assert KINDS["chrome"].metallic == 1.0 and KINDS["chrome"].roughness < KINDS["metal"].roughness
    assert KINDS["glass"].transmission > 0.5 and KINDS["glass"].alpha < 1.0
    assert KINDS["light_emissive"].emissive > 0.0


def test_material_words_pick_kinds():
    assert kind_for_word("Stainless-steel") == "brushed_metal"
    assert kind_for_word("dark oak") == "wood"
    assert kind_for_word("black faux leather") == "leather"
    assert kind_for_word("velvet") == "fabric"
    assert kind_for_word("marble") == "marble"
    assert kind_for_word("sparkly") is None and kind_for_word(None) is None


def test_palette_colours_and_their_shades_imply_kinds():
    body = (0.5, 0.3, 0.2)
    assert implied_kind(METAL) == "metal" and implied_kind(darker(METAL, 0.3)) == "metal"
    assert implied_kind(CHROME) == "chrome" and implied_kind(lighter(CHROME, 0.2)) == "chrome"
    assert implied_kind(BLACK) == "plastic"
    assert implied_kind(body, body) == BODY and implied_kind(darker(body, 0.4), body) == BODY
    assert implied_kind(WHITE) == BODY, "white says nothing of what a part is made of"
    assert implied_kind((0.9, 0.1, 0.5)) == BODY


def test_parts_record_a_slot_per_face_and_material_keyword_wins():
    m = Parts(body=(0.5, 0.3, 0.2))
    m.box((0, 0, 0), (1, 1, 0.1), (0.5, 0.3, 0.2))                    # body: the category's material
    m.box((0, 0, 0.1), (0.1, 0.1, 1), METAL)                          # palette: metal
    m.box((0.2, 0, 0.1), (0.3, 0.1, 1), (0.9, 0.9, 0.8), material="fabric")
    mesh = m.mesh(1.0, 1.0, 1.0, body="wood")
    names, slots = face_kinds(mesh)
    assert names == ("wood", "metal", "fabric") and mesh.metadata["body_material"] == 0
    assert list(slots) == [0] * 12 + [1] * 12 + [2] * 12
    assert face_kinds(mesh, body="leather")[0] == ("leather", "metal", "fabric")
    with pytest.raises(ValueError, match="unknown material kind 'velour'"):
        m.box((0, 0, 0), (1, 1, 1), METAL, material="velour")


def test_material_keyword_leaves_geometry_and_colours_alone():
    def build(material: str | None):
        m = Parts()
        m.cyl(0, 0, 0, 1, 0.3, (0.2, 0.4, 0.6), material=material)
        m.ball((0, 0, 1.2), (0.2, 0.2, 0.2), METAL, material=material)
        return m.mesh(0.6, 0.6, 1.4)

    a, b = build(None), build("glass")
    assert np.array_equal(a.vertices, b.vertices) and np.array_equal(a.faces, b.faces)
    assert np.array_equal(a.visual.face_colors, b.visual.face_colors)


def test_every_category_gives_every_face_a_known_kind():
    for name in sorted(catalog.CATALOG):
        mesh = build_mesh(instance(name, 0.0, 0.0).asset)
        names, slots = face_kinds(mesh)
        assert len(slots) == len(mesh.faces), name
        assert slots.min() >= 0 and slots.max() < len(names), name
        assert set(names) <= set(KINDS) - {BODY}, (name, names)
        assert sum(len(g.faces) for g in groups(mesh)) == len(mesh.faces), name


def test_room_shell_kinds():
    living = room_meshes(Room.rectangle(4.0, 3.0, type="living_room"), ceiling=True)
    assert {face_kinds(m)[0] for n, m in living.items() if n.startswith("wall_")} == {("plaster",)}
    assert face_kinds(living["ceiling"])[0] == ("plaster",) and face_kinds(living["floor"])[0] == ("wood",)
    bath = room_meshes(Room.rectangle(3.0, 2.0, type="bathroom"))
    assert face_kinds(bath["floor"])[0] == ("tile",)


# -- scene.glb -------------------------------------------------------------------------------------------------------


def test_table_glb_has_wood_with_the_kinds_factors(living_glb):
    doc = gltf_json(living_glb)
    wood = [m for m in node_materials(doc, "dining_table_1") if m["extras"]["kind"] == "wood"]
    assert wood
    for m in wood:
        pbr = m["pbrMetallicRoughness"]
        assert pbr["metallicFactor"] == KINDS["wood"].metallic and pbr["roughnessFactor"] == KINDS["wood"].roughness
        assert m["name"].startswith("wood_") and pbr["baseColorFactor"][3] == 1.0


def test_lamp_glb_has_metal_an_emissive_bulb_and_a_fabric_shade(living_glb):
    mats = node_materials(gltf_json(living_glb), "floor_lamp_1")
    assert {"metal", "light_emissive", "fabric"} <= kinds_of(mats)
    metal = next(m for m in mats if m["extras"]["kind"] == "metal")
    assert metal["pbrMetallicRoughness"]["metallicFactor"] == 1.0
    bulb = next(m for m in mats if m["extras"]["kind"] == "light_emissive")
    assert max(bulb["emissiveFactor"]) > 0.5


def test_prompt_material_word_rekinds_the_body_only(living_glb):
    doc = gltf_json(living_glb)
    assert "leather" in kinds_of(node_materials(doc, "sofa_1"))
    assert "fabric" not in kinds_of(node_materials(doc, "sofa_1"))
    assert "fabric" in kinds_of(node_materials(doc, "armchair_1")), "no word: the catalog's material"
    assert "paper" in kinds_of(node_materials(doc, "bookshelf_1")), "the books stay paper on a wooden shelf"


def test_room_shell_in_glb(living_glb):
    doc = gltf_json(living_glb)
    assert kinds_of(node_materials(doc, "wall_0")) == {"plaster"}
    assert kinds_of(node_materials(doc, "floor")) == {"wood"}


def test_glass_is_blended_and_transmissive():
    doc = gltf_json(glb_bytes(scene_of(instance("display_cabinet", 2.0, 2.0))))
    glass = [m for m in doc["materials"] if m["extras"]["kind"] == "glass"]
    assert glass and all(m["alphaMode"] == "BLEND" for m in glass)
    assert glass[0]["extensions"]["KHR_materials_transmission"]["transmissionFactor"] > 0.5
    assert "KHR_materials_transmission" in doc["extensionsUsed"]


def test_glb_is_intact_and_loads_back_with_every_triangle(living, living_glb, tmp_path):
    import trimesh

    path = tmp_path / "scene.glb"
    path.write_bytes(living_glb)
    assert glb_problem(path) is None
    doc = gltf_json(living_glb)
    root = doc["nodes"][doc["scenes"][doc["scene"]]["nodes"][0]]
    assert root["name"] == "scenegen_root"
    assert np.allclose(np.array(root["matrix"]).reshape(4, 4).T, Z_UP_TO_Y_UP)
    names = {doc["nodes"][i]["name"] for i in root["children"]}
    assert {o.id for o in living.objects} <= names and {"floor", "wall_0"} <= names
    expected = sum(len(m.faces) for m in room_meshes(living.room).values())
    expected += sum(len(build_mesh(o.asset).faces) for o in living.objects)
    loaded = trimesh.load(io.BytesIO(living_glb), file_type="glb")
    got = sum(len(loaded.geometry[loaded.graph[n][1]].faces) for n in loaded.graph.nodes_geometry)
    assert got == expected
    # y up: the room's height (2.4 m or more) now lies along y
    lo, hi = loaded.bounds
    assert hi[1] - lo[1] >= living.room.height - 1e-6 and hi[2] - lo[2] < 4.0 + 0.5


def test_glb_is_deterministic(living):
    assert glb_bytes(living) == glb_bytes(living)


def test_home_glb_has_materials():
    from home_helpers import made

    from scenegen.home.outputs import home_glb

    doc = gltf_json(home_glb(made().home))
    kinds = {m["extras"]["kind"] for m in doc["materials"]}
    assert {"plaster", "wood"} <= kinds


# -- scene.usda ------------------------------------------------------------------------------------------------------


def test_usd_has_looks_and_bound_subsets(living):
    pytest.importorskip("pxr", reason="usd-core is not installed (pip install usd-core)")
    from pxr import Sdf, Usd, UsdGeom, UsdShade

    from scenegen.export.usd import usda_text

    layer = Sdf.Layer.CreateAnonymous(".usda")
    assert layer.ImportFromString(usda_text(living, physics=False))
    stage = Usd.Stage.Open(layer)
    looks = stage.GetPrimAtPath("/World/Looks")
    assert looks.IsValid() and len(looks.GetChildren()) > 5
    mesh = UsdGeom.Mesh(stage.GetPrimAtPath("/World/Objects/dining_table_1/mesh"))
    subsets = UsdGeom.Subset.GetGeomSubsets(mesh, UsdGeom.Tokens.face, "materialBind")
    assert len(subsets) >= 2
    assert UsdGeom.Subset.ValidateFamily(mesh, UsdGeom.Tokens.face, "materialBind")[0]
    covered = sorted(i for s in subsets for i in s.GetIndicesAttr().Get())
    assert covered == list(range(len(mesh.GetFaceVertexCountsAttr().Get())))
    kinds = set()
    for subset in subsets:
        material = UsdShade.MaterialBindingAPI(subset.GetPrim()).ComputeBoundMaterial()[0]
        assert material and str(material.GetPath()).startswith("/World/Looks/")
        kind = material.GetPrim().GetAttribute("scenegen:kind").Get()
        kinds.add(kind)
        shader = UsdShade.Shader(stage.GetPrimAtPath(material.GetPath().AppendChild("PreviewSurface")))
        assert shader.GetIdAttr().Get() == "UsdPreviewSurface"
        assert shader.GetInput("roughness").Get() == pytest.approx(KINDS[kind].roughness)
        assert shader.GetInput("metallic").Get() == pytest.approx(KINDS[kind].metallic)
    assert "wood" in kinds
    wall = UsdShade.MaterialBindingAPI(stage.GetPrimAtPath("/World/Room/wall_0")).ComputeBoundMaterial()[0]
    assert wall.GetPrim().GetAttribute("scenegen:kind").Get() == "plaster"
    sofa = stage.GetPrimAtPath("/World/Objects/sofa_1/mesh")
    sofa_kinds = {UsdShade.MaterialBindingAPI(s.GetPrim()).ComputeBoundMaterial()[0].GetPrim()
                  .GetAttribute("scenegen:kind").Get()
                  for s in UsdGeom.Subset.GetGeomSubsets(UsdGeom.Mesh(sofa), UsdGeom.Tokens.face, "materialBind")}
    sofa_kinds.discard(None)
    bound = UsdShade.MaterialBindingAPI(sofa).ComputeBoundMaterial()[0]
    if bound:
        sofa_kinds.add(bound.GetPrim().GetAttribute("scenegen:kind").Get())
    assert "leather" in sofa_kinds


def test_exports_leave_the_scene_json_alone(living):
    from scenegen.export.usd import usda_text
    from scenegen.scene_files import dump_json

    pytest.importorskip("pxr", reason="usd-core is not installed (pip install usd-core)")
    before = dump_json(living)
    glb_bytes(living)
    usda_text(living, physics=False)
    assert dump_json(living) == before
    assert "material" not in json.loads(before)["objects"][0]["asset"], "materials are derived, never stored"


def test_wood_in_a_colour_no_wood_has_is_painted():
    from scenegen.assets.colours import COLOURS
    from scenegen.assets.materials import body_kind, woody

    assert all(woody(COLOURS[w]) for w in ("oak", "walnut", "pine", "mahogany", "ebony", "birch", "teak"))
    assert not any(woody(COLOURS[w]) for w in ("white", "grey", "black", "navy", "red", "cream"))
    assert body_kind("wood", COLOURS["white"]) == "painted_wood" and body_kind("wood", COLOURS["oak"]) == "wood"
    assert body_kind("metal", COLOURS["white"]) == "metal"
    cabinet = build_mesh(instance("kitchen_cabinet", 0.0, 0.0).asset)  # the catalog's kitchen cabinet is white
    assert "painted_wood" in face_kinds(cabinet)[0]


def test_a_mirror_is_mirror_glass_in_a_frame():
    names = set(face_kinds(build_mesh(instance("mirror", 0.0, 0.0).asset))[0])
    assert names == {"mirror", "painted_wood"}


def test_the_docs_table_matches_the_kinds():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "materials.md").read_text()
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] in KINDS:
            rows[cells[0]] = (float(cells[1]), float(cells[2]))
    assert rows == {name: (k.roughness, k.metallic) for name, k in KINDS.items()}


def test_a_mesh_with_a_colour_per_face_keeps_its_colours_in_one_primitive():
    """An image-to-3D mesh has one colour per face: one primitive with COLOR_0 (white base), not a material each."""
    import trimesh

    from scenegen.export.gltf import Node, glb

    mesh = trimesh.creation.icosphere(subdivisions=3)
    colours = np.random.default_rng(0).integers(0, 256, (len(mesh.faces), 3))
    mesh.visual.face_colors = np.concatenate([colours, np.full((len(colours), 1), 255)], axis=1).astype(np.uint8)
    parts = groups(mesh, body="plastic")
    assert len(parts) == 1 and parts[0].face_colours is not None and parts[0].key == "plastic_per_face"
    data = glb(Node("root", children=[Node("blob", mesh, body="plastic")]))
    doc = gltf_json(data)
    (prim,) = doc["meshes"][0]["primitives"]
    assert "COLOR_0" in prim["attributes"]
    assert doc["materials"][prim["material"]]["pbrMetallicRoughness"]["baseColorFactor"][:3] == [1.0, 1.0, 1.0]
    loaded = trimesh.load(io.BytesIO(data), file_type="glb", force="mesh")
    assert len(loaded.faces) == len(mesh.faces)
    # the COLOR_0 bytes: three vertices a face, each in its face's colour, faces in order
    acc = doc["accessors"][prim["attributes"]["COLOR_0"]]
    view = doc["bufferViews"][acc["bufferView"]]
    json_len = struct.unpack("<I", data[12:16])[0]
    blob = data[20 + json_len + 8:]
    rgba = np.frombuffer(blob, np.uint8, acc["count"] * 4, view["byteOffset"]).reshape(-1, 4)
    assert acc["normalized"] and np.array_equal(rgba[::3, :3], colours)


def test_usd_reads_per_face_colours_through_a_primvar_reader():
    pytest.importorskip("pxr", reason="usd-core is not installed (pip install usd-core)")
    import trimesh
    from pxr import Usd, UsdGeom, UsdShade

    from scenegen.export.usd_looks import bind_materials

    mesh = trimesh.creation.icosphere(subdivisions=2)
    colours = np.random.default_rng(1).integers(0, 256, (len(mesh.faces), 3))
    mesh.visual.face_colors = np.concatenate([colours, np.full((len(colours), 1), 255)], axis=1).astype(np.uint8)
    stage = Usd.Stage.CreateInMemory()
    geom = UsdGeom.Mesh.Define(stage, "/World/blob")
    bind_materials(stage, geom, mesh)
    material = UsdShade.MaterialBindingAPI(geom.GetPrim()).ComputeBoundMaterial()[0]
    shader = UsdShade.Shader(stage.GetPrimAtPath(material.GetPath().AppendChild("PreviewSurface")))
    source = shader.GetInput("diffuseColor").GetConnectedSource()
    reader = UsdShade.Shader(source[0].GetPrim())
    assert reader.GetIdAttr().Get() == "UsdPrimvarReader_float3"
    assert reader.GetInput("varname").Get() == "displayColor"


def test_box_backend_meshes_are_one_body_slot_that_a_word_rekinds():
    from scenegen.assets import ASSET_BACKENDS

    planned = PlannedObject(id="desk_1", category="desk")
    ref = ASSET_BACKENDS.get("box").plan_asset(planned, np.random.default_rng(0))
    mesh = ASSET_BACKENDS.get("box").build(ref)
    assert face_kinds(mesh)[0] in (("wood",), ("painted_wood",))
    assert face_kinds(mesh, body="metal")[0] == ("metal",)
