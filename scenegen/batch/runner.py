"""Batch runs: many prompts (and seeds) into one folder of scenes, with a manifest, resumable after any crash.

Layout of a batch folder ``DIR``::

    DIR/manifest.jsonl     one line per finished try of a scene (``scenegen.batch.manifest``)
    DIR/<id>/              one folder per scene: scene.json, report.json, plan.json, scene.glb, pictures, batch.json
    DIR/.tmp/              scenes being written (``scenegen.batch.worker``); empty or absent after a run
    DIR/.lock              held while a run writes here, so two runs never share a folder

Guarantees, whatever moment the run is killed at (SIGKILL included): a scene folder is complete or absent (temp
folder + rename); a manifest line is whole or absent (one append + fsync); rerunning the same command redoes exactly
the scenes that have no final line, retries ``error`` ones while they have retries left, recovers the line of a scene
promoted just before the kill (from its ``batch.json``), and removes stale temp folders. Only this process writes the
manifest; workers write scene folders.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scenegen.batch.executors import Executor, make_executor
from scenegen.batch.jobs import BatchInputError, SceneJob, parse_seeds, read_jobs
from scenegen.batch.manifest import (FINAL, KEYS, MANIFEST, SceneHistory, append_line, histories, read_lines,
                                     repair_tail)
from scenegen.batch.worker import MARKER, TMP_DIR, SceneTask, Settings, error_entry, one_line

DEFAULT_RETRIES = 2


class BatchLockedError(ValueError):
    """Another run is writing to the same batch folder."""


class BatchEvents:
    """Hooks a caller (the CLI's progress bar) can override; the defaults do nothing."""

    def planned(self, todo: int, done: int, recovered: int) -> None:
        """Before any scene runs: scenes to make now, scenes already final (skipped), lines recovered."""

    def retrying(self, count: int) -> None:
        """``count`` scenes that ended in an error are about to be tried again."""

    def finished(self, entry: dict[str, Any]) -> None:
        """A scene's try ended and its manifest line (``entry``) was appended."""


@dataclass
class BatchResult:
    """The state of this run's scenes after it: ``scenes`` maps id -> last manifest line."""

    out: Path
    scenes: dict[str, dict[str, Any]]
    ran: int = 0
    skipped: int = 0
    recovered: int = 0
    seconds: float = 0.0
    retries: int = DEFAULT_RETRIES
    gave_up: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Scenes per status (last line of each)."""
        return dict(Counter(e["status"] for e in self.scenes.values()))

    @property
    def per_minute(self) -> float:
        """Tries finished per minute of this run's wall time."""
        return 60.0 * self.ran / self.seconds if self.seconds > 0 else 0.0

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [e for e in self.scenes.values() if e["status"] == "error"]


def run_batch(jobs: list[SceneJob], out: str | Path, *, settings: Settings | None = None,
              executor: Executor | str = "local", workers: int = 1, address: str | None = None,
              retries: int = DEFAULT_RETRIES, events: BatchEvents | None = None) -> BatchResult:
    """Make every job's scene into ``out`` (resuming whatever an earlier run of the same jobs left there).

    ``executor``: a started ``Executor`` (left open) or a name for ``make_executor`` (started only if there is work,
    closed at the end). ``retries``: how many times a scene that ended in ``error`` is tried again, counting tries of
    earlier runs. Raises ``BatchLockedError`` when another run holds ``out``; ``OSError`` when the manifest cannot be
    written (the scenes already promoted are recovered by the next run).
    """
    if retries < 0:
        raise ValueError(f"--retries must be 0 or more, got {retries}")
    settings = settings or Settings()
    events = events or BatchEvents()
    root = Path(out).resolve()
    root.mkdir(parents=True, exist_ok=True)
    manifest = root / MANIFEST
    start = time.perf_counter()
    with _lock(root):
        _clean_temp(root)
        repair_tail(manifest)
        history = histories(read_lines(manifest))
        todo, skipped, recovered = _plan(jobs, root, manifest, history, settings, retries)
        events.planned(len(todo), skipped, recovered)
        ran = 0
        if todo:
            pool = make_executor(executor, workers, address) if isinstance(executor, str) else executor
            try:
                ran = _run(todo, root, manifest, history, pool, settings, retries, events)
            finally:
                if pool is not executor:
                    pool.close()
        _clean_temp(root, remove=True)
    scenes = {j.id: last for j in jobs if (last := history.get(j.id, SceneHistory()).last) is not None}
    gave_up = [i for i, e in scenes.items() if e["status"] == "error" and history[i].errors > retries]
    return BatchResult(root, scenes, ran=ran, skipped=skipped, recovered=recovered,
                       seconds=time.perf_counter() - start, retries=retries, gave_up=gave_up)


def run_batch_file(prompts: str | Path, out: str | Path, *, seeds: str | None = None, **kwargs: Any) -> BatchResult:
    """``run_batch`` over a prompt file (text or JSONL), with ``seeds`` like ``"0..9"``."""
    return run_batch(read_jobs(prompts, parse_seeds(seeds) if seeds else None), out, **kwargs)


def _run(todo: list[SceneJob], root: Path, manifest: Path, history: dict[str, SceneHistory], pool: Executor,
         settings: Settings, retries: int, events: BatchEvents) -> int:
    """Run ``todo`` and its retries; append one manifest line per try. Returns the number of tries."""
    ran = 0
    pending = todo
    while pending:
        again: list[SceneJob] = []
        tasks = [SceneTask(job, str(root), settings) for job in pending]
        for task, outcome in pool.map_unordered(tasks):
            job = task.job
            if isinstance(outcome, BaseException):  # the worker itself was lost, not just the scene's code
                outcome = error_entry(job, f"worker lost ({one_line(outcome)})")
            h = history.setdefault(job.id, SceneHistory())
            entry = {**outcome, "attempt": h.tries + 1}
            append_line(manifest, entry)
            h.tries += 1
            h.errors += entry["status"] == "error"
            h.last = entry
            ran += 1
            events.finished(entry)
            if entry["status"] == "error" and h.errors <= retries:
                again.append(job)
        pending = again
        if pending:
            events.retrying(len(pending))
    return ran


def _plan(jobs: list[SceneJob], root: Path, manifest: Path, history: dict[str, SceneHistory], settings: Settings,
          retries: int) -> tuple[list[SceneJob], int, int]:
    """Which jobs to run now. Returns (todo, skipped, recovered); appends the recovered lines."""
    todo: list[SceneJob] = []
    skipped = recovered = 0
    for job in jobs:
        h = history.setdefault(job.id, SceneHistory())
        only_valid = settings.only_valid
        folder = root / job.id
        marker = _read_marker(folder, job.id) if folder.is_dir() else None
        if folder.is_dir() and marker is None:
            shutil.rmtree(folder)  # cannot come from a promotion (batch.json is written before the rename)
        if marker is not None:
            if not h.final:  # promoted, then killed before its line was appended
                entry = {**marker, "attempt": h.tries + 1}
                append_line(manifest, entry)
                h.tries, h.last = h.tries + 1, entry
                recovered += 1
            if only_valid and marker["status"] != "ok":
                shutil.rmtree(folder)
            skipped += 1
        elif h.final and only_valid and h.last is not None and h.last["status"] != "ok":
            skipped += 1  # recorded, and deliberately not kept
        elif not h.final and h.errors > retries:
            skipped += 1  # out of retries
        else:
            todo.append(job)  # new, retried, or a final scene whose folder was removed since
    return todo, skipped, recovered


def _read_marker(folder: Path, scene_id: str) -> dict[str, Any] | None:
    """The manifest entry a promoted scene folder carries, or None when the folder is not a complete scene."""
    try:
        entry = json.loads((folder / MARKER).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("id") != scene_id or entry.get("status") not in FINAL:
        return None
    if not set(KEYS) <= set(entry):
        return None
    return entry


def _clean_temp(root: Path, remove: bool = False) -> None:
    """Remove stale temp folders (from killed runs); with ``remove``, the then-empty temp area too."""
    tmp = root / TMP_DIR
    if not tmp.is_dir():
        return
    for child in tmp.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    if remove:
        try:
            tmp.rmdir()
        except OSError:
            pass


class _lock:
    """An exclusive ``flock`` on ``DIR/.lock`` for the run (the kernel drops it when the process dies)."""

    def __init__(self, root: Path) -> None:
        self.path = root / ".lock"
        self.fd = -1

    def __enter__(self) -> "_lock":
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            raise BatchLockedError(f"another scenegen batch is writing to {self.path.parent}; wait for it to finish "
                                   f"or use another --out") from None
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)


__all__ = ["BatchEvents", "BatchInputError", "BatchLockedError", "BatchResult", "DEFAULT_RETRIES", "Settings",
           "SceneJob", "parse_seeds", "read_jobs", "run_batch", "run_batch_file"]
