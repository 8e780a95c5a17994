"""Typed options (issue 15): options.json beside every scene repeats the run, ``--options FILE`` with flags on top,
``make(options)`` equals ``make(**changes)``, a batch carries image3d options (run-wide and per scene), and the asset
registry builds one image3d backend per distinct options instead of configuring a process-wide one."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from scenegen.options import Image3DOptions, JudgeOptions, LLMOptions, MakeOptions
from scenegen.pipeline import make, write_outputs
from scenegen.scene_files import dump_json

CHEAP = "a bedroom with a bed"
FAST = MakeOptions(attempts=1, pictures=False, validators=())
ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "scenegen" / "weights" / "image3d.safetensors"


def _needs_image3d() -> None:
    pytest.importorskip("torch")
    if not BUNDLED.is_file():
        pytest.skip("no bundled image3d checkpoint")


@pytest.fixture
def quick_colliders(monkeypatch):
    """Convex hulls instead of CoACD for scene.usda's colliders: a reconstructed mesh takes CoACD about 2 minutes on
    two cores, and these tests are about options, not physics export."""
    import numpy as np

    monkeypatch.setattr("scenegen.physics.collision._coacd",
                        lambda comp: [np.asarray(comp.convex_hull.vertices, dtype=np.float64)])


def _photo(folder: Path, name: str) -> Path:
    """A 96 px photo of a brown block on a plain white background (the backend derives its mask)."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (96, 96), "white")
    ImageDraw.Draw(image).rectangle([20, 30, 76, 80], fill=(120, 80, 40))
    image.save(folder / f"{name}.png")
    return folder / f"{name}.png"


# -- options.json -----------------------------------------------------------------------------------------------------


def test_options_json_round_trips_and_never_holds_a_secret(tmp_path):
    opts = FAST.replace(seed=4, llm=LLMOptions(url="http://x", key="sk-llm-secret"),
                        judge=JudgeOptions(name="openai", key="sk-judge-secret"))
    result = make(CHEAP, opts.replace(judge=None))
    assert result.options == opts.replace(judge=None)  # MakeResult.options: what the run used
    result.options = opts  # as if it had judged: the judge's key must not be written either
    paths = write_outputs(result, tmp_path)
    text = paths["options.json"].read_text()
    assert "sk-llm-secret" not in text and "sk-judge-secret" not in text and '"key"' not in text
    assert not (tmp_path / "topdown.png").exists()  # pictures follow the options unless told
    back = MakeOptions.read(paths["options.json"])
    assert back == opts.replace(**{"llm.key": None, "judge.key": None})
    with pytest.raises(ValueError, match="unknown option 'colour'"):
        MakeOptions.from_dict({**back.to_dict(), "colour": "red"})


def test_make_with_options_is_make_with_the_same_changes():
    by_options = make(CHEAP, FAST.replace(seed=2))
    by_changes = make(CHEAP, seed=2, attempts=1, pictures=False, validators=[])
    assert dump_json(by_options.scene) == dump_json(by_changes.scene)
    assert by_options.options == by_changes.options
    assert dump_json(make(CHEAP, FAST.replace(seed=9), seed=2).scene) == dump_json(by_options.scene)  # changes win
    with pytest.raises(ValueError, match="unknown option 'assets'"):
        make(CHEAP, assets="procedural")  # the loose keywords are gone


def test_options_file_repeats_a_run_and_a_flag_overrides_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SCENEGEN_DENSITY", "normal")  # the file must win over the variables
    runner = CliRunner()
    first = runner.invoke(app, ["make", CHEAP, "--out", str(tmp_path / "a"), "--seed", "3", "--attempts", "1",
                                "--no-pictures", "--density", "minimal", "--planner", "rules"])
    assert first.exit_code == 0, first.output
    saved = tmp_path / "a" / "options.json"
    again = runner.invoke(app, ["make", CHEAP, "--out", str(tmp_path / "b"), "--options", str(saved)])
    assert again.exit_code == 0, again.output
    assert (tmp_path / "b" / "scene.json").read_bytes() == (tmp_path / "a" / "scene.json").read_bytes()
    other = runner.invoke(app, ["make", CHEAP, "--out", str(tmp_path / "c"), "--options", str(saved), "--seed", "5"])
    assert other.exit_code == 0, other.output
    used = MakeOptions.read(tmp_path / "c" / "options.json")
    assert used == MakeOptions.read(saved).replace(seed=5)  # the flag given won; the rest came from the file
    assert not (tmp_path / "c" / "topdown.png").exists()
    bad = runner.invoke(app, ["make", CHEAP, "--options", str(tmp_path / "missing.json")])
    assert bad.exit_code == 1 and "is not an options file" in bad.output and "Traceback" not in bad.output


# -- batch ------------------------------------------------------------------------------------------------------------


def test_a_jsonl_line_may_set_image3d_options_by_dotted_name_or_object(tmp_path):
    from scenegen.batch.jobs import BatchInputError, read_jobs
    from scenegen.batch.worker import Settings

    path = tmp_path / "prompts.jsonl"
    path.write_text(json.dumps({"prompt": CHEAP, "options": {"objects": "image3d", "image3d.images": "/p"}}) + "\n"
                    + json.dumps({"prompt": CHEAP, "options": {"image3d": {"images": "/p", "fov_deg": 40}}}) + "\n")
    dotted, nested = read_jobs(path)
    assert nested.options == {"image3d.images": "/p", "image3d.fov_deg": 40}
    settings = Settings(MakeOptions(attempts=2))
    assert settings.for_job(dotted).options == MakeOptions(attempts=2, seed=0, objects="image3d",
                                                           image3d=Image3DOptions(images="/p"))
    assert pickle.loads(pickle.dumps(settings)) == settings  # what a process pool or Ray sends each worker
    for options, message in (({"image3d.fov_deg": "wide"}, "option 'image3d.fov_deg' must be float or null"),
                              ({"llm.key": "sk"}, "unknown option 'llm.key'")):
        path.write_text(json.dumps({"prompt": CHEAP, "options": options}) + "\n")
        with pytest.raises(BatchInputError, match=message):
            read_jobs(path)


def test_a_batch_line_switches_its_scene_to_image3d(tmp_path, quick_colliders):
    _needs_image3d()
    from scenegen.batch import run_batch
    from scenegen.batch.jobs import read_jobs
    from scenegen.batch.worker import Settings

    _photo(tmp_path / "photos", "bed")
    path = tmp_path / "prompts.jsonl"
    path.write_text(json.dumps({"prompt": CHEAP}) + "\n" + json.dumps(
        {"prompt": CHEAP, "options": {"objects": "image3d", "image3d.images": str(tmp_path / "photos")}}) + "\n")
    jobs = read_jobs(path)
    result = run_batch(jobs, tmp_path / "out", settings=Settings(FAST), executor="inline")
    assert result.counts.get("error", 0) == 0 and sum(result.counts.values()) == 2
    backends = [json.loads((tmp_path / "out" / j.id / "scene.json").read_text())["objects"][0]["asset"]["backend"]
                for j in jobs]
    assert backends == ["procedural", "image3d"]


def test_batch_command_with_objects_image3d_and_images_makes_its_scenes(tmp_path, quick_colliders):
    """The issue's acceptance: ``scenegen batch --objects image3d --images DIR``."""
    _needs_image3d()
    _photo(tmp_path / "photos", "bed")
    prompts = tmp_path / "prompts.txt"
    prompts.write_text(f"{CHEAP}\na bedroom with a bed and a rug\n")
    run = CliRunner().invoke(app, ["batch", str(prompts), "--out", str(tmp_path / "out"), "--objects", "image3d",
                                   "--images", str(tmp_path / "photos"), "--executor", "inline", "--no-pictures",
                                   "--attempts", "1"])
    assert run.exit_code == 0, run.output
    folders = sorted(p for p in (tmp_path / "out").iterdir() if (p / "scene.json").is_file())
    assert len(folders) == 2
    for folder in folders:
        scene = json.loads((folder / "scene.json").read_text())
        (bed,) = [o for o in scene["objects"] if o["category"] == "bed"]
        assert bed["asset"]["backend"] == "image3d" and bed["asset"]["params"]["image"].startswith("images/")
        assert MakeOptions.read(folder / "options.json").image3d.images == str((tmp_path / "photos").resolve())
    refused = CliRunner().invoke(app, ["batch", str(prompts), "--out", str(tmp_path / "x"), "--objects", "image3d"])
    assert refused.exit_code == 1 and "--images DIR" in refused.output and not (tmp_path / "x").exists()


def test_batch_starts_every_scene_from_an_options_file_and_flags_override_it(tmp_path):
    saved = tmp_path / "options.json"
    saved.write_text(FAST.replace(seed=7, density="minimal", planner="rules").to_json())
    prompts = tmp_path / "prompts.txt"
    prompts.write_text(CHEAP + "\n")
    run = CliRunner().invoke(app, ["batch", str(prompts), "--out", str(tmp_path / "out"), "--options", str(saved),
                                   "--attempts", "2", "--executor", "inline"])
    assert run.exit_code == 0, run.output
    (folder,) = [p for p in (tmp_path / "out").iterdir() if (p / "options.json").is_file()]
    used = MakeOptions.read(folder / "options.json")
    assert used == MakeOptions.read(saved).replace(attempts=2, seed=0)  # the flag won; the seed is the scene's own
    assert not (folder / "topdown.png").exists()


# -- the registry -----------------------------------------------------------------------------------------------------


def test_the_registry_builds_one_image3d_backend_per_distinct_options(tmp_path):
    import scenegen.assets.image3d.backend as image3d
    from scenegen.assets import ASSET_BACKENDS

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = ASSET_BACKENDS.create("image3d", Image3DOptions(images=str(tmp_path / "a")))
    assert ASSET_BACKENDS.create("image3d", Image3DOptions(images=str(tmp_path / "a"))) is a  # equal options: cached
    b = ASSET_BACKENDS.create("image3d", Image3DOptions(images=str(tmp_path / "b")))
    assert b is not a and (a.images, b.images) == (tmp_path / "a", tmp_path / "b")
    assert ASSET_BACKENDS.get("image3d").images is None  # the defaults: rebuilds from a ref, plans nothing
    assert not hasattr(image3d, "BACKEND")  # no shared instance to configure
    with pytest.raises(FileNotFoundError, match="is not a folder"):
        ASSET_BACKENDS.create("image3d", Image3DOptions(images=str(tmp_path / "missing")))


def test_the_model_loads_once_for_backends_with_the_same_checkpoint(tmp_path):
    _needs_image3d()
    import numpy as np

    import scenegen.assets.image3d.backend as image3d
    from scenegen.assets import ASSET_BACKENDS
    from scenegen.scene import PlannedObject

    for name in ("a", "b"):
        _photo(tmp_path / name, "bed")
    image3d._model(None)  # loaded (once) for the whole process
    before = image3d._model.cache_info()
    for name in ("a", "b"):
        backend = ASSET_BACKENDS.create("image3d", Image3DOptions(images=str(tmp_path / name)))
        backend.plan_asset(PlannedObject(id="bed_1", category="bed"), np.random.default_rng(0))
    after = image3d._model.cache_info()
    assert after.misses == before.misses and after.currsize == before.currsize
