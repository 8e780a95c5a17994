"""The per-scene function every executor runs: make one scene in a temp folder, then promote it with one rename.

A scene's files are written under ``DIR/.tmp/<id>-<host>-<pid>``; ``batch.json`` (the scene's manifest entry) is
written last, and the folder is renamed to ``DIR/<id>``. So ``DIR/<id>`` either does not exist or holds every file,
whatever moment the run is killed at. The function never raises for a scene's own failure: it returns an ``error``
entry with a one-line message, and removes its temp folder.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scenegen.batch.jobs import SceneJob
from scenegen.batch.manifest import STATUS_BY_EXIT, make_entry
from scenegen.options import MakeOptions

TMP_DIR = ".tmp"
MARKER = "batch.json"
"""Written last into each scene folder: the scene's manifest entry, from which a resumed run recovers a line lost
between the rename and the manifest append."""
WARM_PROMPT = "a bedroom with a bed"


@dataclass(frozen=True)
class Settings:
    """What every scene of a run shares: the ``MakeOptions`` (a JSONL line's ``options`` override them, nested ones by
    dotted name such as ``image3d.images``; each scene's seed is its job's) and ``only_valid`` (keep only the folders
    of passing scenes). Workers, local or Ray, build their backends from these options (``Registry.create``)."""

    options: MakeOptions = field(default_factory=MakeOptions)
    only_valid: bool = False

    def for_job(self, job: SceneJob) -> "Settings":
        """These settings with ``job``'s per-scene options and seed applied."""
        return replace(self, options=self.options.replace(**job.options, seed=job.seed))


@dataclass(frozen=True)
class SceneTask:
    """One unit of work for an executor: a job, the batch folder (absolute, as workers see it) and the settings."""

    job: SceneJob
    root: str
    settings: Settings


def one_line(exc: BaseException) -> str:
    """``Type: first line of the message`` (just the type when the message is empty)."""
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    return f"{exc.__class__.__name__}: {first}" if first else exc.__class__.__name__


def error_entry(job: SceneJob, message: str, timings: dict[str, float] | None = None) -> dict[str, Any]:
    return make_entry(id=job.id, prompt=job.prompt, seed=job.seed, status="error", exit_code=1, timings=timings,
                      error=message)


def run_scene(task: SceneTask) -> dict[str, Any]:
    """Make ``task.job``'s scene, write and promote its folder (unless ``only_valid`` drops it); its manifest entry
    (``attempt`` left for the caller to set)."""
    from scenegen.pipeline import make, write_outputs
    from scenegen.scene_files import write_atomic

    job, settings = task.job, task.settings
    root = Path(task.root)
    tmp = root / TMP_DIR / f"{job.id}-{socket.gethostname()}-{os.getpid()}"
    photos = root / TMP_DIR / f"{job.id}-{socket.gethostname()}-{os.getpid()}-photos"
    start = time.perf_counter()
    try:
        options = settings.for_job(job).options  # an option a line got wrong is that scene's error
        if options.image3d.text_to_image and options.image3d.images_out is None:  # made per scene, copied into it
            options = options.replace(**{"image3d.images_out": str(photos)})
        from scenegen.home.prompt import is_home_prompt

        home = is_home_prompt(job.prompt)  # several rooms: scenegen.home (docs/homes.md)
        if home:
            from scenegen.home.batch import make_batch_home

            if options.sim or options.objects != "procedural":
                raise ValueError("--sim and --objects work on single rooms, not on a home")
            result = make_batch_home(job.prompt, seed=job.seed, planner=options.planner, attempts=options.attempts,
                                     density=options.density)
        else:
            result = make(job.prompt, options)
        timings = dict(result.timings)
        status = STATUS_BY_EXIT.get(result.exit_code, "error")
        entry = make_entry(id=job.id, prompt=job.prompt, seed=job.seed, status=status, exit_code=result.exit_code,
                           summary=result.report.summary(), timings=timings,
                           error=None if status != "error" else f"make exited with code {result.exit_code}")
        if status == "ok" or not settings.only_valid:
            t0 = time.perf_counter()
            shutil.rmtree(tmp, ignore_errors=True)
            if home:
                result.write(tmp, pictures=options.pictures)  # type: ignore[union-attr]
            else:
                write_outputs(result, tmp)  # type: ignore[arg-type]
            if options.sim:
                from scenegen.sim_outputs import write_sim_outputs

                write_sim_outputs(result.scene, tmp)
            timings["write"] = time.perf_counter() - t0
            timings["total"] = time.perf_counter() - start
            entry = {**entry, "timings": {k: round(v, 4) for k, v in timings.items()}}
            write_atomic(tmp / MARKER, json.dumps(entry, indent=2) + "\n")
            promote(tmp, root / job.id)
        else:
            timings["total"] = time.perf_counter() - start
            entry = {**entry, "timings": {k: round(v, 4) for k, v in timings.items()}}
        return entry
    except Exception as exc:  # a scene's failure is data for the manifest, not the end of the batch
        shutil.rmtree(tmp, ignore_errors=True)
        return error_entry(job, one_line(exc), {"total": time.perf_counter() - start})
    finally:
        shutil.rmtree(photos, ignore_errors=True)  # photos made for this scene (its folder keeps copies)


def promote(tmp: Path, final: Path) -> None:
    """Rename the finished temp folder to its final name, durably. If ``final`` already exists and is complete (a
    worker of an earlier, killed run finished the same scene: the same seed gives the same files), keep it."""
    _fsync_dir(tmp)
    try:
        os.rename(tmp, final)
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY) or not (final / MARKER).is_file():
            raise
        shutil.rmtree(tmp, ignore_errors=True)
    _fsync_dir(final.parent)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems (network mounts) refuse fsync on a directory; the rename itself is still atomic
    finally:
        os.close(fd)


_warm = {"done": False}


def warm_up() -> None:
    """Import the pipeline and make one small scene, once per process, so a worker's first real scene does not pay
    for imports and caches. Failures are ignored here: the real scene reports them."""
    if _warm["done"]:
        return
    _warm["done"] = True
    try:
        from scenegen.pipeline import make

        make(WARM_PROMPT, seed=0)
    except Exception:
        pass


def init_worker(parent: int) -> None:
    """Process-pool initializer: exit when the batch process (pid ``parent``) dies, so a killed run leaves no worker
    finishing scenes behind it; then warm up. The pid is passed in rather than read here because the parent may
    already be dead by the time a freshly spawned worker gets this far."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="scenegen-parent-watch", daemon=True).start()
    warm_up()


def ping() -> int:
    """A no-op task: returns the worker's pid once its initializer has run (used to start every worker up front)."""
    time.sleep(0.05)  # keeps this worker busy long enough that the next ping goes to (or starts) another
    return os.getpid()
