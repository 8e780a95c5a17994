"""Read a batch folder into one ``BatchEntry`` per scene, for the dashboard.

Two sources, in order of preference:

* ``DIR/manifest.jsonl`` (written by ``scenegen batch``): one JSON object per line, ``{"id", "prompt", "seed",
  "status": "ok"|"invalid"|"unplaced"|"error", "exit_code", "path" (scene folder relative to DIR), "summary":
  {validator: {"pass", "fail", "warn", "skip"}}, "timings": {stage: seconds}, "error", "attempt"}``. The last line
  per id wins (a retried scene's final try). Blank lines are skipped; a line that is not a JSON object (a run killed
  mid-write) is skipped with a note.
* otherwise, every folder under DIR (hidden ones skipped) holding ``scene.json`` and ``report.json``: prompt and seed
  from the scene's provenance, status from the report (``ok``, ``unplaced`` when objects could not be placed,
  ``invalid`` when a check fails), summary and timings from the report.

In both cases a scene folder's report.json, when readable, adds the failing ``validator.check`` names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = "manifest.jsonl"

STATUSES = ("ok", "invalid", "unplaced", "error")
"""Scene statuses, best first."""

_EXIT_CODES = {"ok": 0, "unplaced": 3, "invalid": 4}


@dataclass
class BatchEntry:
    """One scene of a batch. ``folder`` is the scene folder (None when there is none, e.g. an ``error``);
    ``summary`` maps validator -> status counts; ``timings`` stage -> seconds; ``failing`` holds the
    ``validator.check`` names of failing findings when the scene's report.json could be read."""

    id: str
    prompt: str = ""
    seed: int | None = None
    status: str = "error"
    exit_code: int | None = None
    folder: Path | None = None
    summary: dict[str, dict[str, int]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    attempt: int | None = None
    failing: list[str] = field(default_factory=list)

    @property
    def total_seconds(self) -> float:
        """The scene's wall time: its ``total`` timing when there is one (``scenegen batch`` records it), else the
        sum over the top-level stages (keys without a dot; ``validate.<name>`` are parts of ``validate``)."""
        if "total" in self.timings:
            return float(self.timings["total"])
        return float(sum(self.stages.values()))

    @property
    def stages(self) -> dict[str, float]:
        """Seconds per top-level stage: ``timings`` without ``total`` and without dotted sub-stages."""
        return {k: v for k, v in self.timings.items() if "." not in k and k != "total"}

    @property
    def has_scene(self) -> bool:
        return self.folder is not None and (self.folder / "scene.json").is_file()


@dataclass
class Batch:
    """A batch folder read: its entries (manifest order, or folder order when scanned), where they came from
    (``manifest`` or ``scan``), and notes on anything skipped."""

    root: Path
    entries: list[BatchEntry]
    source: str
    notes: list[str] = field(default_factory=list)


def is_batch_folder(path: Path) -> bool:
    """Whether ``path`` is a folder holding a manifest or at least one scene folder below it."""
    if not path.is_dir():
        return False
    return (path / MANIFEST).is_file() or any(True for _ in _scene_folders(path))


def load_batch(root: str | Path) -> Batch:
    """Read ``root`` (see the module docstring). Raises ``ValueError`` naming the folder when it holds neither a
    manifest nor any scene folder."""
    root = Path(root)
    manifest = root / MANIFEST
    if manifest.is_file():
        entries, notes = read_manifest(manifest)
        batch = Batch(root=root, entries=entries, source="manifest", notes=notes)
    else:
        folders = list(_scene_folders(root))
        if not folders:
            raise ValueError(f"{root} holds no {MANIFEST} and no scene folders (scene.json + report.json)")
        batch = Batch(root=root, entries=[], source="scan")
        for folder in folders:
            entry = entry_from_folder(root, folder, batch.notes)
            if entry is not None:
                batch.entries.append(entry)
    for entry in batch.entries:
        _add_failing_checks(entry)
    return batch


def read_manifest(path: Path) -> tuple[list[BatchEntry], list[str]]:
    """The manifest's entries (last line per id wins, in order of each id's first appearance) and notes on the
    lines that were skipped."""
    root = path.parent
    latest: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for number, line in enumerate(path.read_text(errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError:
            notes.append(f"{path.name} line {number} is not JSON (a run stopped mid-write?); skipped")
            continue
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            notes.append(f"{path.name} line {number} has no scene id; skipped")
            continue
        latest[raw["id"]] = raw
    return [_entry_from_line(root, raw, notes) for raw in latest.values()], notes


def entry_from_folder(root: Path, folder: Path, notes: list[str]) -> BatchEntry | None:
    """A ``BatchEntry`` from a scene folder's scene.json and report.json, or None (with a note) when unreadable."""
    from scenegen.scene import Report, SceneFileError
    from scenegen.scene_files import load_scene

    rel = folder.relative_to(root).as_posix()
    try:
        scene = load_scene(folder)
        report = Report.model_validate_json((folder / "report.json").read_text())
    except (SceneFileError, OSError, ValueError) as exc:
        notes.append(f"{rel}: skipped ({str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__})")
        return None
    status = "unplaced" if scene.unplaced else ("ok" if report.passed else "invalid")
    return BatchEntry(id=rel, prompt=scene.provenance.prompt, seed=scene.provenance.seed, status=status,
                      exit_code=_EXIT_CODES[status], folder=folder, summary=report.summary(),
                      timings=dict(report.timings), attempt=len(report.attempts) or None)


def pass_rates(entries: list[BatchEntry]) -> dict[str, tuple[int, int]]:
    """Per validator: (scenes with no failing finding, scenes where it ran), over the entries' summaries. A validator
    ran on a scene when it has a pass, fail or warn there (all-``skip`` rows are not counted). Sorted by name."""
    out: dict[str, list[int]] = {}
    for entry in entries:
        for name, counts in entry.summary.items():
            ran = sum(int(counts.get(k, 0)) for k in ("pass", "fail", "warn"))
            if not ran:
                continue
            row = out.setdefault(name, [0, 0])
            row[1] += 1
            row[0] += int(counts.get("fail", 0)) == 0
    return {name: (ok, n) for name, (ok, n) in sorted(out.items())}


def failure_reasons(entries: list[BatchEntry]) -> dict[str, list[str]]:
    """Reason -> ids of the scenes it applies to, most common first: ``error: <first line>`` for errors,
    ``unplaced objects`` for unplaced scenes, and each failing validator (its name) from the summary."""
    reasons: dict[str, list[str]] = {}
    for entry in entries:
        keys: list[str] = []
        if entry.status == "error":
            first = (entry.error or "unknown error").strip().splitlines() or ["unknown error"]
            keys.append(f"error: {first[0][:160]}")
        if entry.status == "unplaced":
            keys.append("unplaced objects")
        keys += [name for name, counts in sorted(entry.summary.items()) if int(counts.get("fail", 0)) > 0]
        for key in keys:
            reasons.setdefault(key, []).append(entry.id)
    return dict(sorted(reasons.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def slowest(entries: list[BatchEntry], n: int = 10) -> list[BatchEntry]:
    """The ``n`` entries with the most ``total_seconds``, slowest first (ties by id)."""
    timed = [e for e in entries if e.timings]
    return sorted(timed, key=lambda e: (-e.total_seconds, e.id))[:n]


def _entry_from_line(root: Path, raw: dict[str, Any], notes: list[str]) -> BatchEntry:
    status = raw.get("status") if raw.get("status") in STATUSES else "error"
    folder = None
    rel = raw.get("path")
    if isinstance(rel, str) and rel:
        candidate = (root / rel).resolve()
        if candidate.is_relative_to(root.resolve()) and candidate.is_dir():
            folder = root / rel
        elif not candidate.is_relative_to(root.resolve()):
            notes.append(f"scene {raw['id']!r}: path {rel!r} is outside the batch folder; not linked")
    return BatchEntry(id=raw["id"], prompt=str(raw.get("prompt") or ""), seed=_int(raw.get("seed")), status=status,
                      exit_code=_int(raw.get("exit_code")), folder=folder, summary=_summary(raw.get("summary")),
                      timings=_timings(raw.get("timings")), error=raw.get("error") or None,
                      attempt=_int(raw.get("attempt")))


def _add_failing_checks(entry: BatchEntry) -> None:
    if entry.folder is None or entry.failing:
        return
    try:
        raw = json.loads((entry.folder / "report.json").read_text())
        findings = raw.get("findings", []) if isinstance(raw, dict) else []
    except (OSError, ValueError):
        return
    names = [f"{f.get('validator')}.{f.get('check')}" for f in findings
             if isinstance(f, dict) and f.get("status") == "fail"]
    entry.failing = list(dict.fromkeys(names))


def _scene_folders(root: Path):
    """Folders under ``root`` (not ``root`` itself, none hidden) that hold scene.json and report.json, sorted."""
    for scene_json in sorted(root.rglob("scene.json")):
        folder = scene_json.parent
        rel = folder.relative_to(root)
        if rel.parts and not any(p.startswith(".") for p in rel.parts) and (folder / "report.json").is_file():
            yield folder


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _summary(value: Any) -> dict[str, dict[str, int]]:
    if not isinstance(value, dict):
        return {}
    out = {}
    for name, counts in value.items():
        if isinstance(counts, dict):
            out[str(name)] = {k: _int(counts.get(k)) or 0 for k in ("pass", "fail", "warn", "skip")}
    return out


def _timings(value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        return {}
    return {str(k): float(v) for k, v in value.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
