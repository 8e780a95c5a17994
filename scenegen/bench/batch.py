"""``scenegen bench batch``: batch throughput (scenes per minute) with 1 and 2 local workers, and Ray when installed.

Every run makes the same scenes (``BENCH_PROMPTS`` × seeds, no pictures, the same repair attempts) into its own fresh
folder, through the real ``run_batch`` (temp folders, renames, manifest appends and fsyncs included). Workers are
started and warmed before the clock starts, so a run's time is its steady-state throughput; start-up is reported
separately. With ``repeats`` > 1 the configurations are interleaved (1, 2, ray, 1, 2, ray, ...) and the median taken,
so a load change on the machine hits every configuration alike. Issue 6's target: 2 workers ≥ 1.7× 1 worker.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from scenegen.batch import run_batch
from scenegen.batch.executors import make_executor
from scenegen.batch.jobs import SceneJob, read_jobs
from scenegen.batch.worker import Settings
from scenegen.options import MakeOptions

TARGET_RATIO = 1.7
DEFAULT_SEEDS = (0, 1, 2)


def bench_prompts_path() -> Path:
    """The bundled prompt list: medium rooms of 10–16 objects (``prompts/batch_bench.txt``)."""
    return Path(str(files("prompts") / "batch_bench.txt"))


@dataclass
class BatchBenchRow:
    """One configuration; ``seconds``/``startup_s`` are medians over the repeats."""

    executor: str
    workers: int
    scenes: int
    seconds: float
    startup_s: float
    statuses: dict[str, int] = field(default_factory=dict)
    runs: list[float] = field(default_factory=list)
    same_scenes: bool = True
    """Every scene.json byte-identical to the first configuration's (the executor changes nothing but speed)."""
    scene_s: float = 0.0
    """Mean seconds one scene took inside its worker (make + write). When this grows with more workers, the workers
    are competing for CPU (or memory bandwidth), not waiting on the pool."""

    @property
    def per_minute(self) -> float:
        return 60.0 * self.scenes / self.seconds if self.seconds > 0 else 0.0

    @property
    def label(self) -> str:
        return f"{self.executor}, {self.workers} worker{'s' if self.workers > 1 else ''}"


def ray_available() -> bool:
    try:
        import ray  # noqa: F401
    except ImportError:
        return False
    return True


def bench_batch(prompts: str | Path | None = None, seeds: tuple[int, ...] = DEFAULT_SEEDS, *,
                configs: list[tuple[str, int]] | None = None, attempts: int = 3, repeats: int = 1,
                progress: Callable[[str], None] | None = None) -> list[BatchBenchRow]:
    """Time each (executor, workers) configuration on the same jobs; rows in ``configs`` order.

    Default configs: local × 1, local × 2, and ray × 2 (a local 2-CPU Ray) when Ray is installed.
    """
    jobs = read_jobs(prompts or bench_prompts_path(), list(seeds))
    if configs is None:
        configs = [("local", 1), ("local", 2)] + ([("ray", 2)] if ray_available() else [])
    settings = Settings(MakeOptions(attempts=attempts, pictures=False))
    step = progress or (lambda _what: None)
    times: dict[tuple[str, int], list[float]] = {c: [] for c in configs}
    startups: dict[tuple[str, int], list[float]] = {c: [] for c in configs}
    statuses: dict[tuple[str, int], dict[str, int]] = {}
    inside: dict[tuple[str, int], list[float]] = {c: [] for c in configs}
    same: dict[tuple[str, int], bool] = {c: True for c in configs}
    with tempfile.TemporaryDirectory(prefix="scenegen-bench-batch-") as tmp:
        reference: dict[str, bytes] | None = None
        for r in range(repeats):
            for name, workers in configs:
                out = Path(tmp) / f"{name}-{workers}-{r}"
                step(f"{name} × {workers} (run {r + 1}/{repeats})")
                seconds, startup, counts, scene_s = _timed_run(jobs, out, name, workers, settings)
                times[(name, workers)].append(seconds)
                inside[(name, workers)].append(scene_s)
                startups[(name, workers)].append(startup)
                statuses[(name, workers)] = counts
                scenes = _scene_bytes(out, jobs)
                reference = reference or scenes
                same[(name, workers)] &= scenes == reference
    return [BatchBenchRow(name, workers, len(jobs), statistics.median(times[(name, workers)]),
                          statistics.median(startups[(name, workers)]), statuses[(name, workers)],
                          times[(name, workers)], same[(name, workers)], statistics.median(inside[(name, workers)]))
            for name, workers in configs]


def _timed_run(jobs: list[SceneJob], out: Path, name: str, workers: int,
               settings: Settings) -> tuple[float, float, dict[str, int], float]:
    """(batch seconds after warm-up, start-up seconds, statuses, mean seconds per scene in a worker) of one run."""
    t0 = time.perf_counter()
    executor = make_executor(name, workers)
    try:
        executor.warm()
        startup = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = run_batch(jobs, out, settings=settings, executor=executor, retries=0)
        seconds = time.perf_counter() - t0
    finally:
        executor.close()
    inside = [e["timings"].get("total", 0.0) for e in result.scenes.values()]
    return seconds, startup, result.counts, statistics.fmean(inside) if inside else 0.0


def _scene_bytes(out: Path, jobs: list[SceneJob]) -> dict[str, bytes]:
    return {j.id: (out / j.id / "scene.json").read_bytes() for j in jobs if (out / j.id / "scene.json").is_file()}


def ratio(rows: list[BatchBenchRow], executor: str, workers: int) -> float | None:
    """Throughput of (executor, workers) ÷ that of local with 1 worker, or None when either is missing."""
    by = {(r.executor, r.workers): r for r in rows}
    base, other = by.get(("local", 1)), by.get((executor, workers))
    if not base or not other or not base.per_minute:
        return None
    return other.per_minute / base.per_minute
