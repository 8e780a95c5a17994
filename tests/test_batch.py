"""scenegen batch: manifest schema, resume, retries, --only-valid, JSONL and seeds, input errors, executors."""

import json
import os
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path

import pytest

from scenegen.batch import BatchLockedError, run_batch
from scenegen.batch.executors import Executor, ExecutorUnavailableError, InlineExecutor, make_executor
from scenegen.batch.jobs import BatchInputError, SceneJob, parse_seeds, read_jobs, scene_id
from scenegen.batch.manifest import KEYS, MANIFEST, append_line, read_lines
from scenegen.batch.worker import MARKER, TMP_DIR, Settings, run_scene
from scenegen.export.files import glb_problem
from scenegen.options import MakeOptions
from scenegen.scene_files import load_scene

CHEAP = "a bedroom with a bed"
INVALID = "a 3x3 m bedroom with a bed and a chair far from the bed"  # far is 4 m apart: the relation fails (exit 4)
UNPLACED = "a 2x2 m bedroom with two beds and a wardrobe"  # does not fit (exit 3)
UNREADABLE = "hello world"  # no furniture: PlanError
FAST = Settings(MakeOptions(attempts=1, pictures=False))
ROOT = Path(__file__).resolve().parents[1]


def scenegen(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=300,
                          cwd=ROOT, env=env)


def batch(tmp_path, jobs, **kwargs):
    kwargs.setdefault("settings", FAST)
    kwargs.setdefault("executor", "inline")
    return run_batch(jobs, tmp_path / "out", **kwargs)


def jobs_of(*prompts, seeds=(0,)):
    return [SceneJob(p, s) for p in prompts for s in seeds]


def lines(tmp_path):
    return read_lines(tmp_path / "out" / MANIFEST)


# -- the manifest ---------------------------------------------------------------------------------------------------


def test_manifest_schema_and_folders(tmp_path):
    result = batch(tmp_path, jobs_of(CHEAP, INVALID, UNPLACED, UNREADABLE), retries=0)
    rows = lines(tmp_path)
    assert len(rows) == 4
    by_prompt = {r["prompt"]: r for r in rows}
    assert {p: r["status"] for p, r in by_prompt.items()} == {
        CHEAP: "ok", INVALID: "invalid", UNPLACED: "unplaced", UNREADABLE: "error"}
    assert {p: r["exit_code"] for p, r in by_prompt.items()} == {CHEAP: 0, INVALID: 4, UNPLACED: 3, UNREADABLE: 1}
    for row in rows:
        assert list(row) == list(KEYS)
        assert isinstance(row["id"], str) and isinstance(row["seed"], int) and row["attempt"] == 1
        assert row["path"] == row["id"]
        assert all(isinstance(v, float) for v in row["timings"].values())
        for counts in row["summary"].values():
            assert set(counts) == {"pass", "fail", "warn", "skip"}
        folder = tmp_path / "out" / row["path"]
        if row["status"] == "error":
            assert row["error"].startswith("PlanError: found no furniture") and "\n" not in row["error"]
            assert row["summary"] == {} and not folder.exists()
        else:
            assert row["error"] is None and row["summary"]
            assert {"plan", "assets", "solve", "validate", "write", "total"} <= set(row["timings"])
            assert load_scene(folder).provenance.prompt == row["prompt"]
            assert glb_problem(folder / "scene.glb") is None
            assert json.loads((folder / MARKER).read_text())["status"] == row["status"]
    assert by_prompt[INVALID]["summary"]["relations"]["fail"] >= 1
    assert result.counts == {"ok": 1, "invalid": 1, "unplaced": 1, "error": 1}
    assert not (tmp_path / "out" / TMP_DIR).exists()


def test_every_line_is_one_write_and_a_cut_off_tail_is_ignored_then_repaired(tmp_path):
    out = tmp_path / "out"
    batch(tmp_path, jobs_of(CHEAP))
    with open(out / MANIFEST, "ab") as fh:
        fh.write(b'{"id": "half-a-li')  # what a crash in the middle of a write would leave
    assert len(read_lines(out / MANIFEST)) == 1
    batch(tmp_path, jobs_of(CHEAP, seeds=(0, 1)))
    text = (out / MANIFEST).read_text()
    assert text.endswith("\n") and "half-a-li" not in text
    assert [json.loads(line)["seed"] for line in text.splitlines()] == [0, 1]


# -- resume ---------------------------------------------------------------------------------------------------------


def test_resume_skips_finished_scenes(tmp_path):
    jobs = jobs_of(CHEAP, INVALID, seeds=(0, 1))
    first = batch(tmp_path, jobs)
    assert first.ran == 4
    before = (tmp_path / "out" / MANIFEST).read_text()
    again = batch(tmp_path, jobs)
    assert again.ran == 0 and again.skipped == 4
    assert (tmp_path / "out" / MANIFEST).read_text() == before
    more = batch(tmp_path, jobs_of(CHEAP, INVALID, seeds=(0, 1, 2)))
    assert more.ran == 2 and more.skipped == 4


def test_a_scene_promoted_before_its_line_was_written_is_recovered_not_redone(tmp_path):
    out = tmp_path / "out"
    batch(tmp_path, jobs_of(CHEAP, seeds=(0, 1)))
    rows = (out / MANIFEST).read_text().splitlines()
    (out / MANIFEST).write_text(rows[0] + "\n")  # as if killed between the rename and the append
    (out / TMP_DIR / "stale-scene-123").mkdir(parents=True)  # and a half-written scene of that run
    result = batch(tmp_path, jobs_of(CHEAP, seeds=(0, 1)))
    assert (result.ran, result.recovered, result.skipped) == (0, 1, 2)
    assert [json.loads(r) for r in (out / MANIFEST).read_text().splitlines()][1]["id"] == json.loads(rows[1])["id"]
    assert not (out / TMP_DIR).exists()


def test_a_final_scene_whose_folder_was_deleted_is_made_again(tmp_path):
    import shutil

    jobs = jobs_of(CHEAP)
    batch(tmp_path, jobs)
    shutil.rmtree(tmp_path / "out" / jobs[0].id)
    assert batch(tmp_path, jobs).ran == 1
    assert load_scene(tmp_path / "out" / jobs[0].id)


def test_errors_are_retried_up_to_the_limit_across_runs(tmp_path, monkeypatch):
    import scenegen.pipeline

    real = scenegen.pipeline.make
    calls = []

    def flaky(prompt, *args, **kwargs):
        calls.append(prompt)
        raise RuntimeError("the GPU fell off\nsecond line")

    monkeypatch.setattr(scenegen.pipeline, "make", flaky)
    result = batch(tmp_path, jobs_of(CHEAP), retries=2)
    assert len(calls) == 3 and result.gave_up == [jobs_of(CHEAP)[0].id]
    rows = lines(tmp_path)
    assert [(r["status"], r["attempt"], r["error"]) for r in rows] == [
        ("error", k, "RuntimeError: the GPU fell off") for k in (1, 2, 3)]
    assert batch(tmp_path, jobs_of(CHEAP), retries=2).ran == 0  # out of retries: not tried again
    monkeypatch.setattr(scenegen.pipeline, "make", real)
    result = batch(tmp_path, jobs_of(CHEAP), retries=3)
    assert result.ran == 1 and result.counts == {"ok": 1}
    assert lines(tmp_path)[-1]["attempt"] == 4


def test_a_lost_worker_is_an_error_line_and_is_retried(tmp_path):
    class LosesFirst(InlineExecutor):
        lost = 0

        def submit(self, task):
            if not self.lost:
                self.lost += 1
                fut = Future()
                fut.set_exception(OSError("worker killed"))
                return fut
            return super().submit(task)

    result = batch(tmp_path, jobs_of(CHEAP), executor=LosesFirst())
    assert [(r["status"], r["attempt"]) for r in lines(tmp_path)] == [("error", 1), ("ok", 2)]
    assert lines(tmp_path)[0]["error"] == "worker lost (OSError: worker killed)"
    assert result.counts == {"ok": 1}


def test_two_runs_never_share_a_folder(tmp_path):
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(BatchLockedError, match="another scenegen batch is writing"):
            batch(tmp_path, jobs_of(CHEAP))


# -- --only-valid ---------------------------------------------------------------------------------------------------


def test_only_valid_records_everything_and_keeps_only_passing_folders(tmp_path):
    settings = Settings(MakeOptions(attempts=1, pictures=False), only_valid=True)
    jobs = jobs_of(CHEAP, INVALID, UNPLACED)
    result = batch(tmp_path, jobs, settings=settings)
    assert result.counts == {"ok": 1, "invalid": 1, "unplaced": 1}
    folders = sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir())
    assert folders == [jobs[0].id]
    again = batch(tmp_path, jobs, settings=settings)
    assert again.ran == 0 and again.skipped == 3
    # without --only-valid the dropped folders are filled in
    assert batch(tmp_path, jobs).ran == 2
    assert all((tmp_path / "out" / j.id / "scene.json").is_file() for j in jobs)


# -- input ----------------------------------------------------------------------------------------------------------


def test_text_file_skips_blank_lines_and_comments_and_expands_seeds(tmp_path):
    path = tmp_path / "prompts.txt"
    path.write_text(f"# a comment\n\n{CHEAP}\n   \n{INVALID}\n{CHEAP}\n")
    jobs = read_jobs(path, parse_seeds("0..2"))
    assert [(j.prompt, j.seed) for j in jobs] == [(CHEAP, 0), (CHEAP, 1), (CHEAP, 2),
                                                  (INVALID, 0), (INVALID, 1), (INVALID, 2)]
    assert len({j.id for j in jobs}) == 6
    assert [j.seed for j in read_jobs(path)] == [0, 0]


def test_jsonl_input_with_seeds_and_options(tmp_path):
    path = tmp_path / "prompts.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in (
        {"prompt": CHEAP, "seed": 7},
        {"prompt": CHEAP},
        {"prompt": INVALID, "options": {"attempts": 1, "pictures": False}},
    )) + "\n")
    jobs = read_jobs(path, parse_seeds("0..1"))
    assert [(j.prompt, j.seed) for j in jobs] == [(CHEAP, 7), (CHEAP, 0), (CHEAP, 1), (INVALID, 0), (INVALID, 1)]
    assert jobs[3].options == {"attempts": 1, "pictures": False}
    assert scene_id(INVALID, 0, {"attempts": 1}) != scene_id(INVALID, 0)  # options are part of a scene's identity
    result = run_batch(jobs[3:4], tmp_path / "out", settings=Settings(MakeOptions(attempts=3)), executor="inline")
    assert result.counts == {"invalid": 1}
    folder = tmp_path / "out" / jobs[3].id
    assert not (folder / "topdown.png").exists()  # the line's options won over the run's settings
    assert len(json.loads((folder / "report.json").read_text())["attempts"]) == 1


def test_scene_ids_are_stable_and_readable():
    assert scene_id(CHEAP, 3) == scene_id(CHEAP, 3)
    assert scene_id(CHEAP, 3).startswith("a-bedroom-with-a-bed-s3-")
    assert scene_id("Ünïcode!!", 0).startswith("n-code-s0-") or scene_id("Ünïcode!!", 0).startswith("n")
    assert scene_id("!!!", 0).startswith("scene-s0-")
    assert len(scene_id("word " * 100, 0)) < 60


@pytest.mark.parametrize("text, message", [
    ("0..9", None), ("5", None), ("9..0", "is empty"), ("a..b", "takes a range"), ("0...3", "takes a range"),
])
def test_parse_seeds(text, message):
    if message is None:
        assert parse_seeds(text)
    else:
        with pytest.raises(BatchInputError, match=message):
            parse_seeds(text)


@pytest.mark.parametrize("name, content, message", [
    ("missing.txt", None, "no prompt file at"),
    ("empty.txt", "# only a comment\n\n", "holds no prompts"),
    ("bad.jsonl", '{"prompt": "a bedroom with a bed"}\n{"prompt": \n', "line 2 is not valid JSON"),
    ("list.jsonl", '["a bed"]\n', "line 1 is not a JSON object"),
    ("noprompt.jsonl", '{"seed": 1}\n', "\"prompt\" must be a non-empty string"),
    ("seed.jsonl", '{"prompt": "a bed", "seed": "one"}\n', "\"seed\" must be a whole number"),
    ("option.jsonl", '{"prompt": "a bed", "options": {"colour": "red"}}\n', "unknown option 'colour'"),
    ("type.jsonl", '{"prompt": "a bed", "options": {"attempts": "3"}}\n', "option 'attempts' must be int"),
    ("key.jsonl", '{"prompt": "a bed", "sede": 1}\n', "unknown key"),
    ("binary.txt", b"\xff\xfe\x00\x81 bed", "is not UTF-8 text"),
])
def test_bad_prompt_files_are_one_line_errors(tmp_path, name, content, message):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    with pytest.raises(BatchInputError, match=message) as err:
        read_jobs(path)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("args, message", [
    (["missing.txt"], "no prompt file at"),
    (["prompts.txt", "--seeds", "x"], "--seeds takes a range"),
    (["prompts.txt", "--executor", "dask"], "unknown executor 'dask'"),
    (["prompts.txt", "--ray-address", "auto"], "--ray-address is for --executor ray"),
    (["prompts.txt", "--planner", "nope"], ""),
])
def test_cli_input_errors_are_one_line(tmp_path, args, message):
    (tmp_path / "prompts.txt").write_text(CHEAP + "\n")
    args = [str(tmp_path / a) if a.endswith(".txt") else a for a in args]
    proc = scenegen("batch", *args, "--out", str(tmp_path / "out"), "--no-pictures")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    if message:  # an input error stops the run before any scene
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error:") and message in proc.stderr
    else:  # a bad backend is each scene's error, reported in the manifest and in one closing line
        assert "ended in an error" in proc.stderr and "nope" in proc.stderr
        assert read_lines(tmp_path / "out" / MANIFEST)[-1]["status"] == "error"


# -- executors ------------------------------------------------------------------------------------------------------


def test_cli_local_pool_with_two_workers_and_a_jsonl_file(tmp_path):
    path = tmp_path / "prompts.jsonl"
    path.write_text(json.dumps({"prompt": CHEAP, "seed": 4}) + "\n" + json.dumps({"prompt": INVALID}) + "\n")
    proc = scenegen("batch", str(path), "--out", str(tmp_path / "out"), "--workers", "2", "--no-pictures",
                    "--attempts", "1")
    assert proc.returncode == 0, proc.stderr
    assert "ok" in proc.stdout and "invalid" in proc.stdout
    rows = read_lines(tmp_path / "out" / MANIFEST)
    assert sorted((r["seed"], r["status"]) for r in rows) == [(0, "invalid"), (4, "ok")]
    proc = scenegen("batch", str(path), "--out", str(tmp_path / "out"), "--workers", "2", "--no-pictures",
                    "--attempts", "1")
    assert proc.returncode == 0 and "resuming: 2 scene(s) already done" in proc.stderr
    assert len(read_lines(tmp_path / "out" / MANIFEST)) == 2


def test_run_scene_is_the_same_in_every_executor(tmp_path):
    from scenegen.batch.worker import SceneTask

    job = SceneJob(CHEAP, 2)
    a = run_scene(SceneTask(job, str(tmp_path / "a"), FAST))
    (tmp_path / "b").mkdir()
    with make_executor("local", 1) as pool:
        b = pool.submit(SceneTask(job, str(tmp_path / "b"), FAST)).result()
    assert {k: v for k, v in a.items() if k != "timings"} == {k: v for k, v in b.items() if k != "timings"}
    assert (tmp_path / "a" / job.id / "scene.json").read_bytes() == (tmp_path / "b" / job.id / "scene.json").read_bytes()


def test_ray_missing_is_a_one_line_error_naming_the_install(tmp_path):
    (tmp_path / "p.txt").write_text(CHEAP + "\n")
    code = ("import sys; sys.modules['ray'] = None; from cli.main import run; "
            f"run(['batch', {str(tmp_path / 'p.txt')!r}, '--out', {str(tmp_path / 'out')!r}, '--executor', 'ray'])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "error: --executor ray needs Ray, which is not installed: pip install 'scenegen[ray]' (or pip install ray)"]


def test_ray_missing_in_the_library(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(ExecutorUnavailableError, match="pip install"):
        make_executor("ray", 2)


@pytest.mark.slow
def test_ray_executor_on_a_local_two_cpu_cluster(tmp_path):
    pytest.importorskip("ray", reason="Ray is optional: pip install 'scenegen[ray]' to run this test")
    jobs = jobs_of(CHEAP, INVALID, seeds=(0, 1))
    result = run_batch(jobs, tmp_path / "out", settings=FAST, executor="ray", workers=2)
    assert result.counts == {"ok": 2, "invalid": 2}
    for job in jobs:
        assert load_scene(tmp_path / "out" / job.id).provenance.seed == job.seed
    assert not (tmp_path / "out" / TMP_DIR).exists()


def test_executor_interface_map_unordered_yields_every_task():
    class Echo(Executor):
        def submit(self, task):
            fut = Future()
            fut.set_result({"id": task})
            return fut

    assert sorted(e["id"] for _, e in Echo().map_unordered([3, 1, 2])) == [1, 2, 3]


def test_append_line_failure_leaves_no_partial_line(tmp_path, monkeypatch):
    path = tmp_path / MANIFEST
    append_line(path, {"id": "a"})
    real_write = os.write

    def half_then_full(fd, data):
        real_write(fd, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(OSError, match="No space left"):
        append_line(path, {"id": "b", "prompt": "x" * 100})
    monkeypatch.undo()
    assert path.read_text() == '{"id": "a"}\n'


# -- bench ----------------------------------------------------------------------------------------------------------


def test_bench_batch_compares_configurations_on_the_same_scenes(tmp_path):
    from scenegen.bench.batch import bench_batch, bench_prompts_path, ratio

    assert len(read_jobs(bench_prompts_path())) >= 8
    prompts = tmp_path / "p.txt"
    prompts.write_text(f"{CHEAP}\n{INVALID}\n")
    rows = bench_batch(prompts, (0,), configs=[("local", 1), ("inline", 1)], attempts=1)
    assert [(r.executor, r.workers, r.scenes) for r in rows] == [("local", 1, 2), ("inline", 1, 2)]
    assert all(r.statuses == {"ok": 1, "invalid": 1} and r.same_scenes and r.per_minute > 0 for r in rows)
    assert ratio(rows, "local", 1) == pytest.approx(1.0)
    assert ratio(rows, "inline", 1) == pytest.approx(rows[1].per_minute / rows[0].per_minute)
    assert ratio(rows, "local", 2) is None


@pytest.mark.slow
def test_cli_bench_batch_prints_the_ratio(tmp_path):
    prompts = tmp_path / "p.txt"
    prompts.write_text(f"{CHEAP}\n")
    proc = scenegen("bench", "batch", "--prompts", str(prompts), "--seeds", "0..1", "--no-ray", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [(r["executor"], r["workers"]) for r in data["rows"]] == [("local", 1), ("local", 2)]
    assert data["ratio_2_over_1"] > 0 and data["target"] == 1.7


def test_density_reaches_each_scene_and_a_line_may_override_it(tmp_path):
    """Issue 18: a batch furnishes rooms like make does (--density); a JSONL line may ask for another density."""
    path = tmp_path / "prompts.jsonl"
    path.write_text(json.dumps({"prompt": "a bedroom with a bed", "options": {"density": "normal"}}) + "\n"
                    + json.dumps({"prompt": "a bedroom with a bed"}) + "\n")
    jobs = read_jobs(path)
    result = run_batch(jobs, tmp_path / "out", settings=Settings(MakeOptions(density="minimal", pictures=False)),
                       executor="inline")
    assert sum(result.counts.values()) == 2
    counts = [len(json.loads((tmp_path / "out" / j.id / "scene.json").read_text())["objects"]) for j in jobs]
    assert counts[0] > 5 and counts[1] == 1  # normal: a furnished bedroom; minimal: only the bed
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"prompt": "a bed", "options": {"density": "lots"}}) + "\n")
    with pytest.raises(BatchInputError, match="option 'density' must be one of minimal, normal, full"):
        read_jobs(bad)
