"""Kill and resume: a batch run as a subprocess, killed with SIGKILL at random (seeded) moments and rerun each time,
ends with every scene finished exactly once, each folder complete and loadable, and nothing left in the temp area."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from scenegen.batch.jobs import read_jobs
from scenegen.batch.manifest import FINAL, MANIFEST, read_lines
from scenegen.batch.worker import MARKER, TMP_DIR
from scenegen.export.files import glb_problem
from scenegen.scene_files import load_scene

ROOT = Path(__file__).resolve().parents[1]
PROMPTS = ["a bedroom with a bed", "an office with a desk and a chair", "a cozy bedroom with a queen bed and two nightstands"]
FILES = ("scene.json", "report.json", "plan.json", "scene.glb", MARKER)


def _command(prompts: Path, out: Path, seeds: str) -> list[str]:
    return [sys.executable, "-m", "cli.main", "batch", str(prompts), "--out", str(out), "--seeds", seeds,
            "--workers", "2", "--no-pictures", "--attempts", "1"]


def _manifest_lines(out: Path) -> int:
    try:
        return (out / MANIFEST).read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def kill_and_resume(tmp_path: Path, n_prompts: int, seeds: str, kills: int, rng_seed: int) -> tuple[Path, list]:
    """Run the batch, SIGKILL it ``kills`` times (each after a random number of new manifest lines plus a random
    delay, so kills land in startup, mid-scene, mid-rename and mid-append alike), then run it to the end."""
    rng = np.random.default_rng(rng_seed)
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("\n".join(PROMPTS[:n_prompts]) + "\n")
    out = tmp_path / "out"
    jobs = read_jobs(prompts, list(range(int(seeds.split("..")[0]), int(seeds.split("..")[1]) + 1)))
    killed = 0
    for _ in range(kills):
        before = _manifest_lines(out)
        wait_for = int(rng.integers(0, max(1, (len(jobs) - before) // 2)))
        proc = subprocess.Popen(_command(prompts, out, seeds), cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while _manifest_lines(out) < before + wait_for and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(float(rng.uniform(0.0, 0.25)))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
    assert killed >= 1, "every run finished before its kill: the kills tested nothing"
    final = subprocess.run(_command(prompts, out, seeds), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    return out, jobs


def check_complete(out: Path, jobs: list) -> None:
    raw = (out / MANIFEST).read_text()
    assert raw.endswith("\n")
    rows = [json.loads(line) for line in raw.splitlines()]  # every line whole
    finals = [r for r in rows if r["status"] in FINAL]
    assert sorted(r["id"] for r in finals) == sorted(j.id for j in jobs)  # each scene finished exactly once
    assert all(r["status"] == "ok" for r in finals)
    assert len(read_lines(out / MANIFEST)) == len(rows)
    folders = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert folders == sorted(j.id for j in jobs)
    for job in jobs:
        folder = out / job.id
        for name in FILES:
            assert (folder / name).stat().st_size > 0, f"{job.id}/{name}"
        scene = load_scene(folder)
        assert (scene.provenance.prompt, scene.provenance.seed) == (job.prompt, job.seed)
        assert glb_problem(folder / "scene.glb") is None
        assert json.loads((folder / MARKER).read_text())["id"] == job.id
        assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    tmp = out / TMP_DIR
    assert not tmp.exists() or not any(tmp.iterdir())


def test_kill_once_and_resume_small(tmp_path):
    out, jobs = kill_and_resume(tmp_path, n_prompts=2, seeds="0..2", kills=1, rng_seed=1)
    assert len(jobs) == 6
    check_complete(out, jobs)


@pytest.mark.slow
@pytest.mark.parametrize("rng_seed", [0, 7])
def test_kill_three_times_during_a_30_scene_batch(tmp_path, rng_seed):
    out, jobs = kill_and_resume(tmp_path, n_prompts=3, seeds="0..9", kills=3, rng_seed=rng_seed)
    assert len(jobs) == 30
    check_complete(out, jobs)
