"""The batch manifest, ``DIR/manifest.jsonl``: one JSON line per finished try of a scene, appended atomically.

A line (the schema ``scenegen report`` reads)::

    {"id": str, "prompt": str, "seed": int, "status": "ok"|"invalid"|"unplaced"|"error", "exit_code": int,
     "path": "<scene folder relative to DIR>", "summary": {validator: {"pass": n, "fail": n, "warn": n, "skip": n}},
     "timings": {stage: seconds}, "error": str|null, "attempt": int}

``path`` is always the scene's folder name; the folder exists for ``ok`` scenes, and for ``invalid``/``unplaced`` ones
unless the run kept only valid scenes; never for ``error``. A scene's last line is its state. Each line goes out in
one ``write`` on an ``O_APPEND`` descriptor, then fsync, so a kill leaves whole lines; readers skip a cut-off last line.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST = "manifest.jsonl"
FINAL = ("ok", "invalid", "unplaced")
"""Statuses a resumed run never redoes; ``error`` is retried."""
STATUS_BY_EXIT = {0: "ok", 3: "unplaced", 4: "invalid"}
KEYS = ("id", "prompt", "seed", "status", "exit_code", "path", "summary", "timings", "error", "attempt")


def make_entry(*, id: str, prompt: str, seed: int, status: str, exit_code: int,
               summary: dict[str, dict[str, int]] | None = None, timings: dict[str, float] | None = None,
               error: str | None = None, attempt: int = 1) -> dict[str, Any]:
    """A manifest line as a dict, keys in schema order."""
    return {"id": id, "prompt": prompt, "seed": seed, "status": status, "exit_code": exit_code, "path": id,
            "summary": summary or {}, "timings": {k: round(v, 4) for k, v in (timings or {}).items()},
            "error": error, "attempt": attempt}


def append_line(path: str | Path, entry: dict[str, Any]) -> None:
    """Append ``entry`` as one line: a single ``write`` on an ``O_APPEND`` descriptor, flushed to disk.

    A short or failed write (a full disk) is cut back off, so the file never keeps half a line; the error is raised.
    """
    data = (json.dumps(entry, separators=(", ", ": ")) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        before = os.fstat(fd).st_size
        try:
            written = os.write(fd, data)
            if written != len(data):
                raise OSError(errno.ENOSPC, f"short write to {path} ({written} of {len(data)} bytes)")
            os.fsync(fd)
        except OSError:
            try:
                os.ftruncate(fd, before)
            except OSError:
                pass  # readers skip a cut-off last line, and the next run's repair_tail removes it
            raise
    finally:
        os.close(fd)


def read_lines(path: str | Path) -> list[dict[str, Any]]:
    """Every whole, parseable line of the manifest (an absent file has none). A line that is not JSON, or a cut-off
    last line, is skipped."""
    try:
        text = Path(path).read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return []
    out = []
    for line in text.split("\n"):
        try:
            raw = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            continue
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            out.append(raw)
    return out


def repair_tail(path: str | Path) -> bool:
    """Cut a trailing partial line (from a crash mid-write or a full disk) so the next append starts on a fresh line.
    Returns whether anything was cut. Call only while holding the batch lock."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return False
    if not data or data.endswith(b"\n"):
        return False
    with open(path, "r+b") as fh:
        fh.truncate(data.rfind(b"\n") + 1)
        fh.flush()
        os.fsync(fh.fileno())
    return True


@dataclass
class SceneHistory:
    """What the manifest says about one scene id: its tries so far, how many ended in error, and its last line."""

    tries: int = 0
    errors: int = 0
    last: dict[str, Any] | None = None

    @property
    def final(self) -> bool:
        return self.last is not None and self.last.get("status") in FINAL


def histories(lines: Iterable[dict[str, Any]]) -> dict[str, SceneHistory]:
    """Per scene id, its history from the manifest lines (in file order)."""
    out: dict[str, SceneHistory] = {}
    for line in lines:
        h = out.setdefault(line["id"], SceneHistory())
        h.tries += 1
        h.errors += line.get("status") == "error"
        h.last = line
    return out


def latest(lines: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per scene id, its last line: the scene's current state."""
    return {line["id"]: line for line in lines}
