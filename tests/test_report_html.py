"""The reviewer's HTML report and the batch dashboard, without a browser: sections present and in order, everything
inline (no http(s) src/href, no scripts, data URIs decode to PNGs), failing findings first with their objects red on
their own map, text escaped; the dashboard's numbers from a hand-made batch folder; ``scenegen report``; and
``write_outputs`` writing report.html and scene.usda (warning, not failing, when one cannot be written).

Conventions from ``scenegen.scene``: metres, radians, z up, floor at z = 0.
"""

from __future__ import annotations

import base64
import io
import json
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from cli.main import app
from scenegen.export import write_json
from scenegen.render.views import FAIL_RED, footprint_corners, map_camera
from scenegen.report.batch import BatchEntry, failure_reasons, load_batch, pass_rates, slowest
from scenegen.report.html import SECTIONS, report_html, write_html
from scenegen.report.images import FINDING_MAP_PX_PER_M, ReportImages
from scenegen.scene import (AssetRef, Attempt, Conflict, LayoutPlan, ObjectInstance, PlannedObject, Pose, Provenance,
                            Relation, Report, Room, Scene)
from scenegen.scene_files import save_scene
from validators import validate

ONLY = ["collision", "support", "out_of_bounds", "counts"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _box(oid: str, x: float, y: float, size=(0.8, 0.6, 0.7), category: str = "desk", z: float = 0.0
         ) -> ObjectInstance:
    w, d, h = size
    return ObjectInstance(id=oid, category=category,
                          asset=AssetRef(backend="box", category=category, seed=1,
                                         params={"width": w, "depth": d, "height": h}),
                          pose=Pose(position=(x, y, z), yaw=0.0), size=size,
                          bbox=((x - w / 2, y - d / 2, z), (x + w / 2, y + d / 2, z + h)))


def collision_scene(prompt: str = "an office with a desk next to a cabinet <b>&amp; a chair</b>",
                    shelf_z: float = 0.25) -> Scene:
    """A 4 × 3 m room: ``desk_1`` and ``cabinet<2>`` overlap by 30 cm at the west; ``shelf_1`` stands apart,
    floating ``shelf_z`` metres up (a second, unrelated failure: support)."""
    room = Room.rectangle(4.0, 3.0, type="office")
    objects = [_box("desk_1", 1.0, 1.0), _box("cabinet<2>", 1.5, 1.0, category="cabinet"),
               _box("shelf_1", 3.2, 2.3, (0.6, 0.4, 1.2), category="shelf", z=shelf_z)]
    plan = LayoutPlan(prompt=prompt, room=room,
                      objects=[PlannedObject(id=o.id, category=o.category, description=f"a {o.category}")
                               for o in objects],
                      relations=[Relation(kind="next_to", subject="desk_1", target="cabinet<2>",
                                          source="a desk next to a cabinet")],
                      notes=["a planner note"])
    return Scene(room=room, objects=objects, plan=plan,
                 provenance=Provenance(prompt=prompt, seed=42, planner="rules", versions={"scenegen": "9.9.9"}))


def collision_report(scene: Scene) -> Report:
    report = validate(scene, only=ONLY)
    return report.model_copy(update={
        "timings": {"plan": 0.01, "solve": 0.25, "validate": 0.5, "validate.collision": 0.4},
        "attempts": [Attempt(attempt=1, passed=False, failures=["collision.collision: desk_1 hits cabinet<2>"],
                             repairs=["move desk_1 away from cabinet<2>"]),
                     Attempt(attempt=2, passed=False, failures=["collision.collision: still"])]})


@pytest.fixture(scope="module")
def page() -> tuple[Scene, Report, str]:
    scene = collision_scene()
    scene = scene.model_copy(update={"conflicts": [Conflict(kind="relation", objects=["desk_1", "cabinet<2>"],
                                                            relations=[0], message="no room for both", minimal=True)]})
    report = collision_report(scene)
    return scene, report, report_html(scene, report)


def data_uris(page: str) -> list[str]:
    return re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)


def decode_png(b64: str) -> Image.Image:
    raw = base64.b64decode(b64)
    assert raw.startswith(PNG_MAGIC)
    return Image.open(io.BytesIO(raw)).convert("RGB")


def red_mask(image: Image.Image) -> np.ndarray:
    rgb = np.asarray(image).astype(int)
    r, g, b = FAIL_RED
    return (np.abs(rgb - (r, g, b)).max(axis=2) <= 40)


def pair_box(scene: Scene, ids: list[str], px_per_m: float, pad: int = 4) -> tuple[int, int, int, int]:
    """Pixel box (u0, v0, u1, v1) around the footprints of ``ids`` on the map at ``px_per_m``."""
    cam = map_camera(scene.room, px_per_m)
    corners = np.vstack([footprint_corners(scene.object(i)) for i in ids])
    uv, _ = cam.project(np.column_stack([corners, np.zeros(len(corners))]))
    (u0, v0), (u1, v1) = uv.min(axis=0), uv.max(axis=0)
    return int(u0) - pad, int(v0) - pad, int(u1) + pad + 1, int(v1) + pad + 1


def section(page: str, key: str) -> str:
    start = page.index(f'<section id="{key}">')
    return page[start:page.index("</section>\n", start)]


# -- the scene report ----------------------------------------------------------------------------------------------


def test_sections_present_in_order(page):
    _, _, html = page
    positions = [html.index(f'<section id="{key}">') for key in SECTIONS]
    assert positions == sorted(positions)
    for title in ("<h2>Summary</h2>", "<h2>Views</h2>", "<h2>Findings</h2>", "<h2>Plan</h2>",
                  "<h2>Repair rounds</h2>", "<h2>Conflicts</h2>", "<h2>Timings</h2>", "<h2>Provenance</h2>"):
        assert title in html
    assert all(f'href="#{key}"' in html for key in SECTIONS)  # the navigation bar


def test_everything_inline_and_pngs_decode(page):
    _, _, html = page
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "http://" not in html and "https://" not in html
    assert all(src.startswith("data:image/png;base64,") for src in re.findall(r'src="([^"]*)"', html))
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', html))
    uris = data_uris(html)
    assert len(uris) == 2 + 4  # map + view, and one map per failing finding (collision: 2, support: 2)
    top_down, view = decode_png(uris[0]), decode_png(uris[1])
    assert top_down.size[0] > 200 and view.size == (512, 384)
    assert np.asarray(view).std() > 10  # a real render, not a blank image


def test_text_is_escaped(page):
    _, _, html = page
    assert "<b>&amp; a chair</b>" not in html and "&lt;b&gt;&amp;amp; a chair&lt;/b&gt;" in html
    assert "cabinet<2>" not in html and "cabinet&lt;2&gt;" in html


def test_failing_validators_and_findings_first(page):
    _, report, html = page
    findings = section(html, "findings")
    order = re.findall(r'<section class="validator" id="v-(\w+)" data-status="(\w+)">', findings)
    assert order[:2] == [("collision", "fail"), ("support", "fail")] and {s for _, s in order[2:]} == {"pass"}
    assert [name for name, _ in order[2:]] == sorted(name for name, _ in order[2:])
    collision = findings[findings.index('id="v-collision"'):]
    collision = collision[:collision.index("</section>")]
    rows = re.findall(r'<tr class="(\w+)">', collision)
    assert rows == sorted(rows, key=lambda s: s != "fail") and rows[0] == "fail"
    assert collision.index('class="finding fail"') < collision.index("<table>")  # the cards come first


def test_collision_card_names_pair_and_its_map_shows_them_red(page):
    scene, report, html = page
    cards = re.findall(r'<div class="finding fail" id="finding-(\d+)" data-validator="collision" '
                       r'data-check="collision" data-objects="([^"]*)">(.*?)</div></div>', html, re.S)
    assert len(cards) == 1
    index, objects, body = cards[0]
    assert set(objects.split()) == {"desk_1", "cabinet&lt;2&gt;"}
    assert '<span class="obj">desk_1</span>' in body and '<span class="obj">cabinet&lt;2&gt;</span>' in body
    assert "Fix:" in body and report.findings[int(index)].fix
    (b64,) = data_uris(body)
    red = red_mask(decode_png(b64))
    u0, v0, u1, v1 = pair_box(scene, ["desk_1", "cabinet<2>"], FINDING_MAP_PX_PER_M)
    inside = red[v0:v1, u0:u1].sum()
    outside = red.sum() - inside - red[:20].sum()  # the legend line at the top names the finding in red
    assert inside > 60 and outside <= inside * 0.05
    shelf = pair_box(scene, ["shelf_1"], FINDING_MAP_PX_PER_M, pad=-2)
    assert red[shelf[1]:shelf[3], shelf[0]:shelf[2]].sum() == 0  # the shelf fails support, not this finding
    main = red_mask(decode_png(data_uris(html)[0]))  # the main map shows every failure: the shelf is red there
    shelf = pair_box(scene, ["shelf_1"], 80.0, pad=-2)
    assert main[shelf[1]:shelf[3], shelf[0]:shelf[2]].sum() > 20


def test_plan_attempts_conflicts_timings_provenance(page):
    _, _, html = page
    plan = section(html, "plan")
    assert "<q>a desk next to a cabinet</q>" in plan and "a planner note" in plan
    assert 'tag bad">fails collision' in plan and "shelf_1" in plan
    attempts = section(html, "attempts")
    assert attempts.count("<tr>") == 1 + 2 and "move desk_1 away from cabinet&lt;2&gt;" in attempts
    conflicts = section(html, "conflicts")
    assert "no room for both" in conflicts and "next_to desk_1 → cabinet&lt;2&gt;" in conflicts
    timings = section(html, "timings")
    assert "Total 760 ms" in timings and "validate.collision" in timings
    provenance = section(html, "provenance")
    assert "42" in provenance and "9.9.9" in provenance


def test_page_without_pictures_says_so():
    scene = collision_scene()
    html = report_html(scene, collision_report(scene), images=ReportImages())
    assert not data_uris(html) and "pictures were not rendered" in html
    assert 'data-objects="desk_1 cabinet&lt;2&gt;"' in html or 'data-objects="cabinet&lt;2&gt; desk_1"' in html


# -- the dashboard -------------------------------------------------------------------------------------------------


def _summary(**fails: int) -> dict:
    names = ("collision", "support", "counts")
    return {n: {"pass": 1, "fail": fails.get(n, 0), "warn": 0, "skip": 0} for n in names}


@pytest.fixture
def batch_dir(tmp_path: Path) -> Path:
    """A batch folder: two real scene folders (one with a collision), a manifest with a retried scene (last line
    wins), an error without a folder, a skipped-only validator, and a truncated last line."""
    root = tmp_path / "batch"
    good = collision_scene().model_copy(update={"objects": collision_scene(shelf_z=0.0).objects[2:]})
    good = good.model_copy(update={"plan": good.plan.model_copy(update={
        "objects": [o for o in good.plan.objects if o.id == "shelf_1"], "relations": []})})
    for name, scene in (("a", good), ("b", collision_scene())):
        save_scene(scene, root / name / "scene.json")
        write_json(validate(scene, only=ONLY), root / name / "report.json")
    lines = [
        {"id": "a", "prompt": "first try", "seed": 0, "status": "error", "exit_code": 1, "path": "a",
         "summary": {}, "timings": {}, "error": "boom", "attempt": 1},
        {"id": "b", "prompt": "an office", "seed": 1, "status": "invalid", "exit_code": 4, "path": "b",
         "summary": _summary(collision=2), "timings": {"plan": 0.1, "solve": 2.0, "validate": 1.0,
                                                       "validate.collision": 0.9}, "error": None, "attempt": 1},
        {"id": "a", "prompt": "a shelf", "seed": 0, "status": "ok", "exit_code": 0, "path": "a",
         "summary": {**_summary(), "vision": {"pass": 0, "fail": 0, "warn": 0, "skip": 1}},
         "timings": {"plan": 0.1, "solve": 0.5, "write": 0.2, "total": 12.5}, "error": None, "attempt": 2},
        {"id": "c", "prompt": "a <weird> room", "seed": 2, "status": "error", "exit_code": 1, "path": "c",
         "summary": {}, "timings": {}, "error": "planner endpoint down\ntraceback...", "attempt": 3},
        {"id": "d", "prompt": "a bad room", "seed": 3, "status": "unplaced", "exit_code": 3, "path": "../outside",
         "summary": _summary(support=1, collision=1), "timings": {"solve": 9.0}, "error": None, "attempt": 1},
    ]
    text = "\n".join(json.dumps(line) for line in lines) + '\n\n{"id": "e", "prompt": "cut of'
    (root / "manifest.jsonl").write_text(text)
    return root


def test_manifest_last_line_wins_and_numbers(batch_dir):
    batch = load_batch(batch_dir)
    assert batch.source == "manifest"
    assert [(e.id, e.status) for e in batch.entries] == [("a", "ok"), ("b", "invalid"), ("c", "error"),
                                                         ("d", "unplaced")]
    assert batch.entries[0].attempt == 2 and batch.entries[0].prompt == "a shelf"
    assert batch.entries[3].folder is None  # ../outside is not followed
    assert any("line 7" in n for n in batch.notes) and any("outside the batch folder" in n for n in batch.notes)
    # pass rate: scenes with no failing finding / scenes the validator ran on (vision only skipped: not counted)
    assert pass_rates(batch.entries) == {"collision": (1, 3), "counts": (3, 3), "support": (2, 3)}
    reasons = failure_reasons(batch.entries)
    assert list(reasons) == ["collision", "error: planner endpoint down", "support", "unplaced objects"]
    assert reasons["collision"] == ["b", "d"]
    assert [e.id for e in slowest(batch.entries)] == ["a", "d", "b"]  # a's "total" wins over its stages' sum
    assert batch.entries[1].total_seconds == pytest.approx(3.1)
    assert batch.entries[0].stages == {"plan": 0.1, "solve": 0.5, "write": 0.2}
    assert "collision.collision" in batch.entries[1].failing  # read from b/report.json


def test_dashboard_page(batch_dir):
    result = CliRunner().invoke(app, ["report", str(batch_dir)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "wrote" in result.stdout and "2 scene report(s)" in result.stdout
    html = (batch_dir / "index.html").read_text()
    for key in ("overview", "pass-rates", "failures", "slowest", "gallery", "notes"):
        assert f'<section id="{key}">' in html
    rates = section(html, "pass-rates")
    rows = re.findall(r"<tr><td>(\w+)</td><td>.*?>(\d+/\d+)<.*?>([\d.]+%)<", rates)
    assert rows == [("collision", "1/3", "33.3%"), ("support", "2/3", "66.7%"), ("counts", "3/3", "100.0%")]
    overview = section(html, "overview")
    assert re.findall(r'status (\w+)">\w+</span></td><td><span[^>]*>(\d+)<', overview) == [
        ("ok", "1"), ("invalid", "1"), ("unplaced", "1"), ("error", "1")]
    assert "&lt;weird&gt;" in html and "<weird>" not in html
    assert "<script" not in html and "http://" not in html and "https://" not in html
    # every scene with a folder links to its report, which now exists; thumbnails are PNGs
    gallery = section(html, "gallery")
    links = re.findall(r'<div class="card \w+" data-scene="(\w+)"><a href="([^"]+)">', gallery)
    assert links == [("a", "a/report.html"), ("b", "b/report.html")]
    assert all((batch_dir / href).is_file() for _, href in links)
    assert len(data_uris(gallery)) == 2 and all(decode_png(u).size[0] <= 240 for u in data_uris(gallery))
    # the per-scene report is fresh now: a second run writes no scene reports
    again = CliRunner().invoke(app, ["report", str(batch_dir), "--out", str(batch_dir / "other" / "dash.html")])
    assert again.exit_code == 0 and "scene report" not in again.stdout
    assert 'href="../a/report.html"' in (batch_dir / "other" / "dash.html").read_text()


def test_scan_without_manifest(batch_dir):
    (batch_dir / "manifest.jsonl").unlink()
    (batch_dir / ".tmp" / "x").mkdir(parents=True)
    save_scene(collision_scene(), batch_dir / ".tmp" / "x" / "scene.json")
    write_json(Report(), batch_dir / ".tmp" / "x" / "report.json")
    batch = load_batch(batch_dir)
    assert batch.source == "scan"
    assert [(e.id, e.status, e.exit_code) for e in batch.entries] == [("a", "ok", 0), ("b", "invalid", 4)]
    assert pass_rates(batch.entries)["collision"] == (1, 2)


def test_pass_rates_count_warn_as_ran_and_not_failed():
    entries = [BatchEntry(id="x", summary={"v": {"pass": 0, "fail": 0, "warn": 2, "skip": 0}}),
               BatchEntry(id="y", summary={"v": {"pass": 3, "fail": 1, "warn": 0, "skip": 0}})]
    assert pass_rates(entries) == {"v": (1, 2)}


# -- scenegen report on a scene folder, and write_outputs ----------------------------------------------------------


def test_cli_report_scene_folder_and_errors(tmp_path, monkeypatch):
    scene = collision_scene()
    folder = tmp_path / "scene"
    save_scene(scene, folder / "scene.json")
    result = CliRunner().invoke(app, ["report", str(folder)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "report.json" in result.stderr and "validated the scene now" in result.stderr  # no report.json: validated
    html = (folder / "report.html").read_text()
    assert 'data-check="collision"' in html
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    out = tmp_path / "elsewhere" / "r.html"
    result = CliRunner().invoke(app, ["report", str(folder / "scene.json"), "--out", str(out), "--open"])
    assert result.exit_code == 0 and out.is_file() and opened == [out.resolve().as_uri()]
    for bad, needle in ((tmp_path / "nope", "no scene or batch folder"), (tmp_path / "elsewhere", "holds no")):
        result = CliRunner().invoke(app, ["report", str(bad)])
        assert result.exit_code == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith("error:") and needle in result.stderr
    (folder / "report.json").write_text("{not json")
    result = CliRunner().invoke(app, ["report", str(folder)])
    assert result.exit_code == 1 and "not a readable scenegen report" in result.stderr


def test_write_html_is_atomic(tmp_path):
    scene = collision_scene()
    path = write_html(scene, collision_report(scene), tmp_path / "r.html", images=ReportImages())
    assert path.read_text().startswith("<!DOCTYPE html>") and [p.name for p in tmp_path.iterdir()] == ["r.html"]


@pytest.fixture(scope="module")
def made():
    from scenegen.pipeline import make

    return make("a bedroom with a bed and a nightstand", seed=0, validators=ONLY)


def test_write_outputs_writes_report_and_usd(tmp_path, made):
    from scenegen.pipeline import write_outputs

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        paths = write_outputs(made, tmp_path / "out")
    assert {"report.html", "scene.usda", "scene.json", "topdown.png", "view.png"} <= set(paths)
    html = paths["report.html"].read_text()
    topdown = Image.open(tmp_path / "out" / "topdown.png").convert("RGB")
    view = Image.open(tmp_path / "out" / "view.png").convert("RGB")
    embedded = [np.asarray(decode_png(u)) for u in data_uris(html)[:2]]
    assert np.array_equal(embedded[0], np.asarray(topdown)) and np.array_equal(embedded[1], np.asarray(view))
    assert paths["scene.usda"].read_text().startswith("#usda 1.0")


def test_write_outputs_warns_and_keeps_the_scene_when_an_extra_fails(tmp_path, made, monkeypatch):
    from scenegen.pipeline import write_outputs

    def broken(*_args, **_kwargs):
        raise RuntimeError("usd broke")

    monkeypatch.setattr("scenegen.export.usd.write_usda", broken)
    monkeypatch.setattr("scenegen.report.html.write_html", broken)
    with pytest.warns(UserWarning) as caught:
        paths = write_outputs(made, tmp_path / "out", pictures=False)
    messages = [str(w.message) for w in caught]
    assert any(m.startswith("scene.usda was not written (RuntimeError: usd broke)") for m in messages)
    assert any(m.startswith("report.html was not written") for m in messages)
    assert set(paths) == {"scene.json", "report.json", "plan.json", "options.json", "scene.glb"}
    assert all(p.is_file() for p in paths.values())
    assert not (tmp_path / "out" / "scene.usda").exists() and not (tmp_path / "out" / "report.html").exists()
