"""``scenegen validate``: flags, exit codes, the table, report.json, the HTML report, validator configuration, and bad
files; run in-process through typer's CliRunner (separate stdout and stderr, real exit codes)."""

import base64
import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from cli.main import app
from scenegen.export import write_glb
from scenegen.report import summarize, summary_finding
from scenegen.scene import (AssetRef, Finding, LayoutPlan, ObjectInstance, Opening, PlannedObject, Pose, Provenance,
                            Report, Room, Scene)
from scenegen.scene_files import dump_json, save_scene
from validators import validate
from validators.config import check_config, load_config, merge_configs, parse_set
from validators.registry import VALIDATORS

PHYSICAL = ["--only", "collision", "--only", "support", "--only", "out_of_bounds", "--only", "counts"]
"""Pinned so these tests do not change meaning as validators are added."""


def _box(oid: str, x: float, y: float, z: float, size, support=None) -> ObjectInstance:
    w, d, h = size
    return ObjectInstance(id=oid, category="nightstand",
                          asset=AssetRef(backend="box", category="nightstand", seed=1,
                                         params={"width": w, "depth": d, "height": h}),
                          pose=Pose(position=(x, y, z), yaw=0.0), size=size,
                          bbox=((x - w / 2, y - d / 2, z), (x + w / 2, y + d / 2, z + h)), support=support)


def make_scene(lift: float = 0.0, top_id: str = "box_1") -> Scene:
    """A 4 × 3 m room: a 0.5 m cube on the floor with a 0.2 m cube on it (``lift`` metres above its top)."""
    room = Room.rectangle(4.0, 3.0, type="bedroom",
                          openings=[Opening(id="door_1", kind="door", wall=0, offset=0.8, width=0.9, height=2.1)])
    objects = [_box("stand_1", 2.0, 2.0, 0.0, (0.5, 0.5, 0.5)),
               _box(top_id, 2.0, 2.0, 0.5 + lift, (0.2, 0.2, 0.2), support="stand_1")]
    plan = LayoutPlan(prompt="a bedroom", room=room,
                      objects=[PlannedObject(id=o.id, category=o.category) for o in objects])
    return Scene(room=room, objects=objects, plan=plan,
                 provenance=Provenance(prompt="a bedroom", seed=1, planner="rules"))


def _folder(tmp_path: Path, scene: Scene, glb: bool = True) -> Path:
    folder = tmp_path / "scene"
    save_scene(scene, folder / "scene.json")
    if glb:
        write_glb(scene, folder / "scene.glb")
    return folder


def run(*args: str):
    return CliRunner().invoke(app, ["validate", *args])


def _one_error(result, needle: str) -> None:
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0], result.stderr


@pytest.fixture
def probe(monkeypatch):
    """A registered validator that reports the parameters it was given (removed again after the test)."""
    seen: dict = {}

    def probe_validator(scene, ctx):
        seen["radius"] = ctx.param("probe", "radius", 0.2)
        seen["strict"] = ctx.param("probe", "strict", False)
        return [Finding(validator="probe", check="probe_score", status="pass", score=0.75, message="probed")]

    probe_validator.params = ("radius", "strict")
    VALIDATORS.names()  # load the built-ins first so the registry does not reload over the patch
    monkeypatch.setitem(VALIDATORS._items, "probe", probe_validator)
    return seen


# -- exit codes, table, JSON, report.json ---------------------------------------------------------------------------


def test_passing_scene_exit_0_and_no_report_written(tmp_path):
    folder = _folder(tmp_path, make_scene())
    result = run(str(folder), *PHYSICAL)
    assert result.exit_code == 0, result.stdout + result.stderr
    for name in ("collision", "support", "out_of_bounds", "counts"):
        assert re.search(rf"│ {name}\s+│ pass\s+│ 1\.00 ", result.stdout), result.stdout
    assert not (folder / "report.json").exists()


def test_failing_check_exit_4_and_fails_sorted_first(tmp_path):
    folder = _folder(tmp_path, make_scene(lift=0.2))
    result = run(str(folder / "scene.json"), *PHYSICAL)
    assert result.exit_code == 4, result.stdout + result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("│ ") and not line.startswith("│ valid")]
    names = [row.split("│")[1].strip() for row in rows if row.split("│")[1].strip()]
    assert names[0] == "support" and set(names[1:]) == {"collision", "counts", "out_of_bounds"}
    support_row = rows[0]
    assert "FAIL" in support_row and "0.50" in support_row and "box_1" in support_row  # 1 of 2 supported


def test_json_output_and_write_report(tmp_path):
    folder = _folder(tmp_path, make_scene(lift=0.2))
    (folder / "report.json").write_text("{}")
    result = run(str(folder), "--json", *PHYSICAL)
    assert result.exit_code == 4
    report = json.loads(result.stdout)
    assert any(f["validator"] == "support" and f["status"] == "fail" for f in report["findings"])
    assert (folder / "report.json").read_text() == "{}"  # not overwritten without --write-report
    result = run(str(folder), "--write-report", *PHYSICAL)
    assert result.exit_code == 4
    written = json.loads((folder / "report.json").read_text())
    assert [f["check"] for f in written["findings"]] == [f["check"] for f in report["findings"]]
    assert f"wrote {folder / 'report.json'}" in result.stderr


def test_unknown_only_is_one_line(tmp_path):
    _one_error(run(str(_folder(tmp_path, make_scene())), "--only", "nope"), "unknown validator(s) 'nope'")


# -- HTML -------------------------------------------------------------------------------------------------------


def test_html_report(tmp_path):
    folder = _folder(tmp_path, make_scene(lift=0.2, top_id="box<1>&"))
    out = tmp_path / "report.html"
    result = run(str(folder), "--html", str(out), *PHYSICAL)
    assert result.exit_code == 4
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page  # self-contained
    match = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    image = Image.open(io.BytesIO(base64.b64decode(match.group(1))))
    assert image.size[0] > 200 and image.size[1] > 200
    assert "box&lt;1&gt;&amp;" in page and "box<1>" not in page  # ids and messages escaped
    # the support section lists its failing finding before its passing summary, with the fix
    section = page[page.index('id="v-support"'):]
    section = section[:section.index("</table>")]
    statuses = re.findall(r'<tr class="(\w+)">', section)
    assert statuses == ["fail", "fail"]  # box<1>& floats; support_rate fails with it
    assert 'class="fix">' in section and 'class="fix"></td>' not in section.split("</tr>")[0]
    # summary table: support first (failing), then the passing validators
    summary = page[page.index("<h2>Summary</h2>"):page.index("<h2>Findings</h2>")]
    assert re.findall(r'href="#v-(\w+)"', summary)[0] == "support"


# -- validator configuration -------------------------------------------------------------------------------------


def test_config_and_set_reach_the_validator(tmp_path, probe):
    folder = _folder(tmp_path, make_scene())
    cfg = tmp_path / "validators.toml"
    cfg.write_text("[probe]\nradius = 0.3\nstrict = true\n")
    result = run(str(folder), "--only", "probe", "--config", str(cfg))
    assert result.exit_code == 0, result.stderr
    assert probe == {"radius": 0.3, "strict": True}
    assert re.search(r"│ probe\s+│ pass\s+│ 0\.75 ", result.stdout)  # a new validator's summary score shows
    result = run(str(folder), "--only", "probe", "--config", str(cfg), "--set", "probe.radius=0.45")
    assert result.exit_code == 0 and probe == {"radius": 0.45, "strict": True}  # --set wins over the file


def test_defaults_when_not_configured(tmp_path, probe):
    assert run(str(_folder(tmp_path, make_scene())), "--only", "probe").exit_code == 0
    assert probe == {"radius": 0.2, "strict": False}


@pytest.mark.parametrize("toml, needle", [
    ("[nonexistent]\nx = 1\n", "unknown validator 'nonexistent' in config"),
    ("[probe]\nradius = 'wide'\n", "probe.radius = 'wide': must be a number or true/false"),
    ("[probe]\nradius = nan\n", "must be a finite number"),
    ("[probe]\nradios = 0.3\n", "probe has no parameter 'radios'"),
    ("probe = 3\n", "[probe] must be a table"),
    ("[probe\nradius = 0.3\n", "is not valid TOML"),
])
def test_bad_config_file_is_one_line(tmp_path, probe, toml, needle):
    cfg = tmp_path / "validators.toml"
    cfg.write_text(toml)
    _one_error(run(str(_folder(tmp_path, make_scene())), "--config", str(cfg)), needle)


@pytest.mark.parametrize("flag, needle", [
    ("probe.radius", "expected validator.param=value"),
    ("radius=0.3", "expected validator.param=value"),
    ("probe.radius=big", "must be a number or true/false"),
    ("probe.radius=inf", "must be a finite number"),
    ("nothere.radius=1", "unknown validator 'nothere'"),
])
def test_bad_set_flag_is_one_line(tmp_path, probe, flag, needle):
    _one_error(run(str(_folder(tmp_path, make_scene())), "--set", flag), needle)


def test_missing_config_file(tmp_path):
    _one_error(run(str(_folder(tmp_path, make_scene())), "--config", str(tmp_path / "none.toml")),
               "no validator config at")


def test_config_library_functions(tmp_path):
    assert parse_set(["support.min_contacts=4", "navigability.doors=false", "a.b=1e-2"]) == {
        "support": {"min_contacts": 4}, "navigability": {"doors": False}, "a": {"b": 0.01}}
    assert merge_configs({"a": {"x": 1, "y": 2}}, None, {"a": {"y": 3}, "b": {"z": True}}) == {
        "a": {"x": 1, "y": 3}, "b": {"z": True}}
    known = {"support": lambda s, c: []}
    assert check_config({"support": {"min_contacts": 6}}, known=known) == {"support": {"min_contacts": 6}}
    with pytest.raises(ValueError, match="unknown validator 'nav'"):
        check_config({"nav": {}}, known=known)
    cfg = tmp_path / "c.toml"
    cfg.write_text("[collision]\nnudge = 0.01\n")
    assert load_config(cfg) == {"collision": {"nudge": 0.01}}


def test_validate_api_checks_config():
    with pytest.raises(ValueError, match="unknown validator 'nope'"):
        validate(make_scene(), only=["counts"], config={"nope": {"x": 1}})
    with pytest.raises(ValueError, match="must be a number"):
        validate(make_scene(), only=["counts"], config={"counts": {"x": "1"}})


# -- bad files --------------------------------------------------------------------------------------------------


def test_glb_path_is_refused(tmp_path):
    folder = _folder(tmp_path, make_scene())
    _one_error(run(str(folder / "scene.glb")), "scene.glb is a glTF file; scenegen reads scenes from scene.json")


def test_truncated_glb_in_folder_warns_and_validates(tmp_path):
    folder = _folder(tmp_path, make_scene())
    data = (folder / "scene.glb").read_bytes()
    (folder / "scene.glb").write_bytes(data[: len(data) // 3])
    result = run(str(folder), *PHYSICAL)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "scene.glb is truncated" in warnings[0] and "scene.json" in warnings[0]
    assert run(str(folder / "scene.json"), *PHYSICAL).stderr.startswith("warning:")  # same next to a scene.json
    clean = _folder(tmp_path / "clean", make_scene())
    assert "warning" not in run(str(clean), *PHYSICAL).stderr


def test_nan_pose_is_one_line(tmp_path):
    folder = _folder(tmp_path, make_scene(), glb=False)
    raw = json.loads((folder / "scene.json").read_text())
    raw["objects"][1]["pose"]["position"][0] = float("nan")
    (folder / "scene.json").write_text(json.dumps(raw))
    _one_error(run(str(folder)), "object 'box_1' has a non-finite number at pose.position.0")


def test_unbuildable_mesh_is_one_line(tmp_path):
    scene = make_scene()
    raw = json.loads(dump_json(scene))
    del raw["objects"][0]["asset"]["params"]["height"]
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "scene.json").write_text(json.dumps(raw))
    _one_error(run(str(folder)), "object 'stand_1': its mesh cannot be built")


@pytest.mark.parametrize("content, needle", [("", "is empty"), ("{", "not readable JSON"),
                                             ('{"version": "9"}', "scene version '9'")])
def test_bad_scene_json_is_one_line(tmp_path, content, needle):
    (tmp_path / "scene.json").write_text(content)
    _one_error(run(str(tmp_path / "scene.json")), needle)


# -- the summary column -------------------------------------------------------------------------------------------


def _f(validator, check, status="pass", score=None, ids=()):
    return Finding(validator=validator, check=check, status=status, score=score, message=f"{check} {status}",
                   object_ids=list(ids))


def test_summary_finding_conventions():
    collision = [_f("collision", "collision", "fail", 0.0, ["a", "b"]), _f("collision", "collision_rate", "fail", 0.6)]
    assert summary_finding("collision", collision).check == "collision_rate"
    counts = [_f("counts", "object_count", score=1.0), _f("counts", "object_count", score=1.0),
              _f("counts", "object_counts", score=0.5)]
    assert summary_finding("counts", counts).score == 0.5
    nav = [_f("navigability", "door_reachable", "fail", 0.0, ["door_1"]), _f("navigability", "navigability", score=0.8)]
    assert summary_finding("navigability", nav).score == 0.8
    relations = [_f("relations", "relation", score=1.0), _f("relations", "relation", "fail", 0.2),
                 _f("relations", "relations_satisfied", score=0.5)]
    assert summary_finding("relations", relations).check == "relations_satisfied"  # the one check emitted once
    per_object_only = [_f("x", "x_check", score=1.0), _f("x", "x_check", score=0.0)]
    assert summary_finding("x", per_object_only) is None
    assert summary_finding("y", [_f("y", "anything", score=0.3)]).score == 0.3
    assert summary_finding("z", [_f("z", "z", "skip")]) is None


def test_summarize_orders_fail_warn_pass():
    report = Report(findings=[_f("a", "a_rate", score=1.0), _f("b", "b_rate", "warn", 0.9),
                              _f("c", "c", "pass", 1.0), _f("c", "c", "fail", 0.0), _f("d", "d", "skip")])
    rows = summarize(report)
    assert [(r.validator, r.status) for r in rows] == [("c", "fail"), ("b", "warn"), ("a", "pass"), ("d", "skip")]
    assert [f.status for f in rows[0].findings] == ["fail", "pass"]


def test_html_puts_fail_rows_first_within_a_validator():
    from scenegen.report.html import report_html

    scene = make_scene()
    report = Report(findings=[_f("support", "support", "pass", 1.0, ["stand_1"]),
                              _f("support", "support", "fail", 0.0, ["box_1"]),
                              _f("support", "support_rate", "warn", 0.5)])
    page = report_html(scene, report, map_image=Image.new("RGB", (4, 4)))
    section = page[page.index('id="v-support"'):]
    assert re.findall(r'<tr class="(\w+)">', section) == ["fail", "warn", "pass"]
    assert "1 validator(s) fail" in page
