"""Executors: where ``run_scene`` runs. One small interface, three implementations.

- ``InlineExecutor``: in this process, one scene at a time (tests, debugging).
- ``LocalExecutor``: a ``ProcessPoolExecutor`` (spawn context); each worker warms the pipeline once in its initializer.
- ``RayExecutor``: Ray tasks over the same function, on an existing cluster (``address``) or a local ``ray.init``.
  Ray is an optional dependency, imported only here and only when this executor is made.

``submit(task)`` returns a ``concurrent.futures.Future`` of the scene's manifest entry; ``map_unordered(tasks)`` yields
``(task, entry or exception)`` as scenes finish.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from scenegen.batch.worker import SceneTask, init_worker, ping, run_scene, warm_up

EXECUTORS = ("local", "ray")
RAY_INSTALL = "pip install 'scenegen[ray]' (or pip install ray)"


class ExecutorUnavailableError(ValueError):
    """An executor that cannot start here (Ray not installed, cluster unreachable); the message says what to do.
    A ``ValueError`` so the CLI shows it as one line, like the other errors a user can fix."""


class Executor:
    """The interface. ``workers``: how many scenes run at once."""

    name = "executor"
    workers = 1

    def submit(self, task: SceneTask) -> "Future[dict[str, Any]]":
        raise NotImplementedError

    def warm(self) -> None:
        """Start every worker and load the pipeline in it now (otherwise the first scenes pay for it)."""

    def close(self) -> None:
        """Stop the workers; pending scenes are cancelled."""

    def map_unordered(self, tasks: Iterable[SceneTask]) -> Iterator[tuple[SceneTask, "dict[str, Any] | BaseException"]]:
        """Run every task; yield each with its entry, or the exception that lost it (a dead worker), as it finishes."""
        futures = {self.submit(t): t for t in tasks}
        try:
            for fut in as_completed(futures):
                exc = fut.exception()
                yield futures[fut], (exc if exc is not None else fut.result())
        finally:
            for fut in futures:
                fut.cancel()

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class InlineExecutor(Executor):
    """Runs each scene in this process when it is submitted."""

    name = "inline"

    def submit(self, task: SceneTask) -> "Future[dict[str, Any]]":
        fut: Future[dict[str, Any]] = Future()
        try:
            fut.set_result(run_scene(task))
        except Exception as exc:
            fut.set_exception(exc)
        return fut

    def warm(self) -> None:
        warm_up()


class LocalExecutor(Executor):
    """A process pool on this machine. A pool whose worker died (killed, out of memory) is replaced on the next
    submit; the scenes it held come back as ``BrokenProcessPool`` errors, which the batch retries."""

    name = "local"

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"--workers must be at least 1, got {workers}")
        self.workers = workers
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn: a fresh interpreter per worker, with none of the parent's threads or open files
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=init_worker, initargs=(os.getpid(),))

    def submit(self, task: SceneTask) -> "Future[dict[str, Any]]":
        try:
            return self._pool.submit(run_scene, task)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(run_scene, task)

    def warm(self) -> None:
        for fut in [self._pool.submit(ping) for _ in range(self.workers)]:
            fut.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _ray_run_scene(task: SceneTask) -> dict[str, Any]:
    warm_up()
    return run_scene(task)


def _ray_warm() -> int:
    warm_up()
    return ping()


class RayExecutor(Executor):
    """Ray tasks (one CPU each). ``address``: an existing cluster ("auto", "ray://host:10001", "host:6379"), whose
    workers must have scenegen installed and see the batch folder at the same path (shared storage); without it, a
    local Ray with ``workers`` CPUs is started and stopped with the executor."""

    name = "ray"

    def __init__(self, workers: int, address: str | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise ExecutorUnavailableError(f"--executor ray needs Ray, which is not installed: {RAY_INSTALL}") from None
        self._ray = ray
        self._started = not ray.is_initialized()
        try:
            quiet = {"ignore_reinit_error": True, "log_to_driver": False, "logging_level": logging.ERROR}
            if address:
                ray.init(address=address, **quiet)
            else:
                ray.init(num_cpus=workers, include_dashboard=False, **quiet)
        except Exception as exc:
            target = f"the Ray cluster at {address}" if address else "a local Ray"
            raise ExecutorUnavailableError(f"could not start {target}: {str(exc).strip().splitlines()[0]}") from None
        self.workers = max(1, int(ray.cluster_resources().get("CPU", workers))) if address else workers
        self._run = ray.remote(num_cpus=1, max_retries=0)(_ray_run_scene)
        self._warm = ray.remote(num_cpus=1)(_ray_warm)

    def submit(self, task: SceneTask) -> "Future[dict[str, Any]]":
        return self._run.remote(task).future()

    def warm(self) -> None:
        self._ray.get([self._warm.remote() for _ in range(self.workers)])

    def close(self) -> None:
        if self._started:
            self._ray.shutdown()


def check_executor(name: str, address: str | None = None) -> None:
    """Refuse an unknown executor name, an address without Ray, or Ray when it is not installed, before any work."""
    if name not in (*EXECUTORS, "inline"):
        raise ValueError(f"unknown executor {name!r}; choose one of {', '.join(EXECUTORS)}")
    if address and name != "ray":
        raise ValueError("--ray-address is for --executor ray")
    if name == "ray":
        try:
            import ray  # noqa: F401
        except ImportError:
            raise ExecutorUnavailableError(f"--executor ray needs Ray, which is not installed: {RAY_INSTALL}") from None


def make_executor(name: str, workers: int = 1, address: str | None = None) -> Executor:
    """The executor called ``name`` ("local", "ray" or "inline")."""
    check_executor(name, address)
    if name == "local":
        return LocalExecutor(workers)
    if name == "ray":
        if workers < 1:
            raise ValueError(f"--workers must be at least 1, got {workers}")
        return RayExecutor(workers, address)
    return InlineExecutor()
