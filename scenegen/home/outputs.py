"""A home's files: scene.json (the 2.0 Home), report.json, plan.json, scene.glb and scene.usda (one group per room),
topdown.png (the floor plan), view.png (the hub), report.html (a home summary and a section per room), and per room
``rooms/<id>/`` the room's own 1.0 scene.json, report.json, pictures and report page, so every single-room tool
(walk, export sceneeval, rollout) works on any room of a home.

Every file is written atomically (``scenegen.scene_files.write_atomic``).
"""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING


from scenegen.home.model import Home, dump_home
from scenegen.scene_files import dump_json, write_atomic

if TYPE_CHECKING:
    from PIL import Image as PILImage

    from scenegen.home.make import HomeReport, HomeResult

ProgressFn = Callable[[str], None]


def write_home_outputs(result: "HomeResult", out_dir: str | Path, *, pictures: bool = True,
                       progress: ProgressFn | None = None) -> dict[str, Path]:
    """Write the home's files into ``out_dir``; returns name -> path. The scene and report go first, so a failing
    extra (usd-core missing, a rendering error) never loses them: such an extra is a ``UserWarning``."""
    step = progress or (lambda _s: None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    step("export")
    home = result.home
    paths = {"scene.json": _write(out / "scene.json", dump_home(home)),
             "report.json": _write(out / "report.json", dump_json(result.report)),
             "plan.json": _write(out / "plan.json", json.dumps(plan_json(result), indent=2, sort_keys=True) + "\n")}
    for room in home.rooms:
        folder = out / "rooms" / room.id
        _write(folder / "scene.json", dump_json(room.scene))
        _write(folder / "report.json", dump_json(result.report.rooms[room.id]))
    paths["rooms/"] = out / "rooms"
    paths["scene.glb"] = _write(out / "scene.glb", home_glb(home))
    _optional(paths, "scene.usda", lambda: write_home_usda(home, out))
    if pictures:
        step("render")
        paths.update(write_home_pictures(result, out))
    _optional(paths, "report.html", lambda: _write(out / "report.html", home_report_html(home, result.report, out,
                                                                                         pictures)))
    return paths


def _write(path: Path, data: str | bytes) -> Path:
    write_atomic(path, data)
    return path


def _optional(paths: dict[str, Path], name: str, write: Callable[[], Path]) -> None:
    try:
        paths[name] = write()
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001 -- an extra: say why, keep the scene files
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        warnings.warn(f"{name} was not written ({exc.__class__.__name__}: {reason}); the scene files are complete",
                      UserWarning, stacklevel=3)


def plan_json(result: "HomeResult") -> dict:
    """plan.json of a home: what the prompt was read as, and the floor plan (rectangles, doors, windows), metres."""
    req, fp = result.request, result.plan
    return {
        "version": "2.0", "prompt": req.prompt, "program": req.program, "rooms": req.rooms, "themes": req.themes,
        "style": req.style, "total_area": req.total_area, "open_kitchen": req.open_kitchen, "hub": fp.hub,
        "size": list(fp.size),
        "floorplan": {rid: {"type": fp.spec(rid).type, "target_area": fp.spec(rid).area,
                            "rect": [r.x0, r.y0, r.x1, r.y1], "area": round(r.area, 3)}
                      for rid, r in fp.rects.items()},
        "doors": [{"id": d.id, "a": d.a, "b": d.b, "center": list(d.center), "axis": d.axis, "width": d.width,
                   "swing_into": d.swing_into, "hinge": d.hinge, "open_plan": d.open_plan} for d in fp.doors],
        "windows": [{"room": w.room, "center": list(w.center), "axis": w.axis, "width": w.width}
                    for w in fp.windows],
    }


# -- 3D ------------------------------------------------------------------------------------------------------------


def home_glb(home: Home) -> bytes:
    """The home as binary glTF: a root node (z-up -> y-up) holding one group node per room (named by room id), each
    with the room's walls, floor and objects (nodes ``<room>/<object id>``), a PBR material per part
    (``scenegen.export.gltf``)."""
    from scenegen.assets import build_mesh, pose_matrix
    from scenegen.assets.architecture import room_meshes
    from scenegen.assets.materials import kind_for_word
    from scenegen.export.files import Z_UP_TO_Y_UP
    from scenegen.export.gltf import Node, glb

    root = Node("scenegen_root", matrix=Z_UP_TO_Y_UP)
    for room in home.rooms:
        group = Node(room.id)
        group.children += [Node(f"{room.id}/{name}", mesh) for name, mesh in room_meshes(room.scene.room).items()]
        group.children += [Node(f"{room.id}/{inst.id}", build_mesh(inst.asset),
                                matrix=pose_matrix(inst.pose.position, inst.pose.yaw),
                                extras={"category": inst.category, "room": room.id},
                                body=kind_for_word(inst.attributes.material))
                           for inst in room.scene.objects]
        root.children.append(group)
    return glb(root)


def write_home_usda(home: Home, out: Path) -> Path:
    """``rooms/<id>/scene.usda`` per room (``scenegen.export.usd``) and a top-level ``scene.usda`` whose
    ``/World/<room id>`` prims reference them: one group per room, z up, metres (needs usd-core)."""
    from pxr import Sdf

    from scenegen.export.usd import write_usda

    layer = Sdf.Layer.CreateAnonymous(".usda")  # written as a layer: the rooms are not composed (nor needed) here
    layer.customLayerData = {"scenegen:prompt": home.prompt, "scenegen:version": home.version,
                             "scenegen:seed": int(home.provenance.seed)}
    layer.pseudoRoot.SetInfo("upAxis", "Z")
    layer.pseudoRoot.SetInfo("metersPerUnit", 1.0)
    layer.defaultPrim = "World"
    world = Sdf.PrimSpec(layer, "World", Sdf.SpecifierDef, "Xform")
    for room in home.rooms:
        write_usda(room.scene, out / "rooms" / room.id / "scene.usda")
        prim = Sdf.PrimSpec(world, _usd_name(room.id), Sdf.SpecifierDef, "Xform")
        prim.referenceList.Prepend(Sdf.Reference(f"./rooms/{room.id}/scene.usda"))
        prim.customData = {"scenegen": {"room": room.id, "type": room.type, "area": float(room.scene.room.area)}}
    return _write(out / "scene.usda", layer.ExportToString())


def _usd_name(text: str) -> str:
    """A valid USD prim name (letters, digits, underscores; not starting with a digit)."""
    import re

    name = re.sub(r"[^A-Za-z0-9_]", "_", text)
    return name if name and not name[0].isdigit() else f"_{name}"


# -- pictures ------------------------------------------------------------------------------------------------------


def _png(image: "PILImage.Image") -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def failing_ids(report: "HomeReport") -> set[str]:
    """Rooms and doors named by failed home findings, and rooms whose own checks failed."""
    ids = {i for f in report.findings if f.status == "fail" for i in f.object_ids}
    return ids | {rid for rid, rep in report.rooms.items() if not rep.passed}


def write_home_pictures(result: "HomeResult", out: Path) -> dict[str, Path]:
    """topdown.png (the floor plan), view.png (the hub from a corner), and per room topdown.png and view.png."""
    from scenegen.home.draw import floor_plan_image
    from scenegen.pipeline import write_pictures

    home = result.home
    paths = {"topdown.png": _write(out / "topdown.png", _png(floor_plan_image(home, failing=failing_ids(
        result.report))))}
    for room in home.rooms:
        write_pictures(room.scene, result.report.rooms[room.id], out / "rooms" / room.id)
    if home.program.hub:
        from scenegen.home.draw import home_view

        paths["view.png"] = _write(out / "view.png", _png(home_view(home, home.program.hub)))
    return paths


# -- report page ---------------------------------------------------------------------------------------------------


def home_report_html(home: Home, report: "HomeReport", out: Path, pictures: bool) -> str:
    """report.html: the home summary (verdict, rooms, home checks, floor plan) and a section per room (its checks
    and pictures, a link to its full page ``rooms/<id>/report.html``, which is written here too)."""
    from scenegen.report.html import write_html
    from scenegen.report.images import ReportImages, folder_images
    from scenegen.report.page import document, png_bytes_data_uri, status, table
    from scenegen.report.summary import summarize

    unplaced = any(r.scene.unplaced for r in home.rooms)
    verdict = "unplaced" if unplaced else ("pass" if report.passed else "fail")
    body = [f"<h1>scenegen home: {escape(home.prompt)}</h1>",
            f'<p class="meta"><span class="verdict {verdict}">{verdict}</span> {len(home.rooms)} rooms, '
            f"{home.area:.0f} m², program {escape(home.program.name)}, seed {home.provenance.seed}</p>"]
    rows = [[escape(r.name), escape(r.type), f"{r.scene.room.area:.1f}", f"{r.target_area:.1f}",
             str(len(r.scene.objects)), str(len(r.scene.unplaced)), status("pass" if report.rooms[r.id].passed
                                                                             else "fail")] for r in home.rooms]
    body.append("<h2>Rooms</h2>" + table(["room", "type", "m²", "target m²", "objects", "unplaced", "checks"], rows))
    body.append("<h2>Home checks</h2>" + table(["check", "status", "message"], [
        [escape(f.check), status(f.status), escape(f.message)] for f in report.findings]))
    if pictures and (out / "topdown.png").exists():
        body.append(f'<h2>Floor plan</h2><img alt="floor plan" style="max-width:100%" '
                    f'src="{png_bytes_data_uri((out / "topdown.png").read_bytes())}">')
    for r in home.rooms:
        rep = report.rooms[r.id]
        folder = out / "rooms" / r.id
        images = folder_images(folder, r.scene, rep) if pictures else ReportImages()
        write_html(r.scene, rep, folder / "report.html", title=f"{home.prompt}: {r.name}", images=images)
        checks = table(["validator", "status", "detail"], [
            [escape(row.validator), status(row.status), escape((row.fails or row.warns or [row.summary])[0].message
                                                               if (row.fails or row.warns or row.summary) else "")]
            for row in summarize(rep)])
        pics = "".join(f'<img alt="{n}" style="max-width:48%;margin-right:1%" '
                       f'src="{png_bytes_data_uri((folder / n).read_bytes())}">'
                       for n in ("topdown.png", "view.png") if pictures and (folder / n).exists())
        body.append(f'<h2 id="{escape(r.id)}">{escape(r.name)}</h2><p class="meta">{r.scene.room.area:.1f} m², '
                    f'{len(r.scene.objects)} objects; <a href="rooms/{escape(r.id)}/report.html">full room report'
                    f'</a></p>{pics}{checks}')
    return document(f"scenegen home: {home.prompt}", body)
