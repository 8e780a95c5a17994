"""Homes through the command line: make routes a home prompt to the home path with the room's exit codes, validate
and export read a 2.0 home, and a stored 1.0 scene still validates, renders and exports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app

ROOT = Path(__file__).resolve().parents[1]
STORED_1_0 = ROOT / "tests" / "data" / "scene_v1_0"
runner = CliRunner()


def test_stored_1_0_scene_validates_renders_and_exports(tmp_path):
    from scenegen.pipeline import write_pictures
    from scenegen.scene import Report
    from scenegen.scene_files import load_scene

    folder = tmp_path / "room"
    shutil.copytree(STORED_1_0, folder)
    res = runner.invoke(app, ["validate", str(folder)])
    assert res.exit_code == 0, res.output
    paths = write_pictures(load_scene(folder), Report(), folder)
    assert all(p.stat().st_size > 1000 for p in paths.values())
    res = runner.invoke(app, ["export", "usd", str(folder), "--out", str(tmp_path / "room.usda")])
    assert res.exit_code == 0, res.output
    assert "def Xform" in (tmp_path / "room.usda").read_text()
    res = runner.invoke(app, ["export", "sceneeval", str(folder), "--out", str(tmp_path / "se")])
    assert res.exit_code == 0, res.output
    assert list((tmp_path / "se").glob("*.json"))


def test_bad_home_prompt_is_one_line(tmp_path):
    res = runner.invoke(app, ["make", "a 10 m² apartment with three bedrooms", "--out", str(tmp_path / "h")])
    assert res.exit_code == 1
    assert "does not fit in 10 m²" in res.output and "bedroom" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["make", "a 1b1b apartment", "--sim", "--out", str(tmp_path / "h")])
    assert res.exit_code == 1 and "--sim work on single rooms" in res.output


@pytest.mark.slow
def test_make_validate_export_a_home(tmp_path):
    out = tmp_path / "home"
    res = runner.invoke(app, ["make", "a 1b1b apartment of a researcher who has a cat", "--out", str(out),
                              "--density", "normal"])
    assert res.exit_code == 0, res.output
    for name in ("scene.json", "report.json", "plan.json", "scene.glb", "topdown.png", "view.png", "report.html"):
        assert (out / name).stat().st_size > 0, name
    home = json.loads((out / "scene.json").read_text())
    assert home["version"] == "2.0"
    assert sorted(r["type"] for r in home["rooms"]) == ["bathroom", "bedroom", "kitchen", "living_room"]
    cats = [o["category"] for r in home["rooms"] for o in r["scene"]["objects"]]
    assert "books" in cats and {"pet_bed", "cat_tree"} & set(cats)
    assert all(len(r["scene"]["objects"]) >= 5 for r in home["rooms"])  # every room furnished
    html = (out / "report.html").read_text()
    assert all(f'id="{r["id"]}"' in html for r in home["rooms"])
    res = runner.invoke(app, ["validate", str(out)])
    assert res.exit_code == 0, res.output
    (out / "report.html").unlink()
    res = runner.invoke(app, ["report", str(out)])
    assert res.exit_code == 0 and 'class="verdict pass"' in (out / "report.html").read_text(), res.output
    res = runner.invoke(app, ["export", "sceneeval", str(out), "--out", str(tmp_path / "se")])
    assert res.exit_code == 0 and len(list((tmp_path / "se").glob("*/*.json"))) == 4, res.output
    res = runner.invoke(app, ["walk", str(out), "--auto", "40", "--size", "32", "--format", "gif", "--out",
                              str(tmp_path / "w")])
    assert res.exit_code == 0 and len(list((tmp_path / "w" / "frames").glob("*.png"))) == 41, res.output
    res = runner.invoke(app, ["mutate", str(out), "--fault", "block_door", "--out", str(tmp_path / "m")])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["validate", str(tmp_path / "m")])
    assert res.exit_code == 4 and "home.reachable: fail" in res.output
    pxr = pytest.importorskip("pxr")
    stage = pxr.Usd.Stage.Open(str(out / "scene.usda"))
    rooms = [p.GetName() for p in stage.GetPrimAtPath("/World").GetChildren()]
    assert sorted(rooms) == sorted(r["id"] for r in home["rooms"])
    assert stage.GetPrimAtPath(f"/World/{rooms[0]}/Objects").GetChildren()  # the references resolve
    import trimesh

    glb = trimesh.load(out / "scene.glb")
    groups = {n for n in glb.graph.nodes if n in {r["id"] for r in home["rooms"]}}
    assert len(groups) == 4


def test_batch_makes_a_home_beside_a_room(tmp_path):
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a 1b1b apartment\na bedroom with a bed\n")
    res = runner.invoke(app, ["batch", str(prompts), "--out", str(tmp_path / "b"), "--workers", "1",
                              "--no-pictures"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in (tmp_path / "b" / "manifest.jsonl").read_text().splitlines()]
    assert [x["status"] for x in lines] == ["ok", "ok"]
    home = json.loads((tmp_path / "b" / lines[0]["path"] / "scene.json").read_text())
    room = json.loads((tmp_path / "b" / lines[1]["path"] / "scene.json").read_text())
    assert home["version"] == "2.0" and len(home["rooms"]) == 4 and "home" in lines[0]["summary"]
    assert room["version"] == "1.0"


def test_eval_homes_without_making_and_bench_home(tmp_path):
    res = runner.invoke(app, ["eval", "homes", "--no-make", "--limit", "6", "--json", str(tmp_path / "e.json")])
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "e.json").read_text())
    assert data["summary"]["prompts"] == 6 and data["summary"]["counts_match"] == 1.0
    assert all(c["is_home"] and c["valid"] for c in data["cases"])
    res = runner.invoke(app, ["bench", "home", "--rooms", "2,3", "--density", "minimal", "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output[res.output.index("["):])
    assert [r["rooms"] for r in rows] == [2, 3] and all(r["exit_code"] == 0 for r in rows)
    assert all(len(r["per_room"]) == r["rooms"] for r in rows)
    res = runner.invoke(app, ["bench", "home", "--rooms", "7"])
    assert res.exit_code == 1 and "not 7" in res.output
