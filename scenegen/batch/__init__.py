"""Batch runs: many prompts (and seeds) into one folder of scenes, resumable after any crash.

``jobs`` reads prompt files into ``SceneJob``s, ``manifest`` owns the append-only ``manifest.jsonl``, ``worker`` makes one
scene into a temporary folder and promotes it, ``executors`` run workers (inline, process pool, Ray) and ``runner``
(``run_batch``) plans, dispatches, retries and records. The guarantees are in ``scenegen.batch.runner``.
"""

from scenegen.batch.runner import BatchEvents, BatchLockedError, BatchResult, run_batch, run_batch_file

__all__ = ["BatchEvents", "BatchLockedError", "BatchResult", "run_batch", "run_batch_file"]
