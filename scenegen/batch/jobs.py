"""A batch's input: prompt files (plain text or JSONL) read into ``SceneJob``s with stable ids.

Plain text: one prompt a line; blank lines and lines starting with ``#`` are skipped. JSONL: one object a line,
``{"prompt": str, "seed": int (optional), "options": {...} (optional)}``. A file is read as JSONL when its name ends in
``.jsonl`` or its first prompt line starts with ``{``. Every problem is a ``BatchInputError`` whose message is one line
naming the file, the line number and what to change.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JOB_OPTIONS = {"planner": str, "objects": str, "attempts": int, "pictures": bool, "sim": bool, "density": str}
"""Per-scene overrides a JSONL line may carry in ``options`` (the rest of the run's settings apply to every scene)."""

MAX_PROMPT_FILE_BYTES = 64 * 1024 * 1024


class BatchInputError(ValueError):
    """A prompt file or ``--seeds`` value that cannot be used; ``str(err)`` is one line saying what to fix."""


@dataclass(frozen=True)
class SceneJob:
    """One scene to make: a prompt, a seed and per-scene options; ``id`` names its folder and manifest lines."""

    prompt: str
    seed: int
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return scene_id(self.prompt, self.seed, self.options)


def scene_id(prompt: str, seed: int, options: dict[str, Any] | None = None) -> str:
    """``<slug>-s<seed>-<8 hex>``: readable, and stable across runs and machines for the same prompt, seed and options
    (the hash tells apart prompts whose slugs collide and the same prompt with different options)."""
    slug = "-".join(re.findall(r"[a-z0-9]+", prompt.lower()))[:40].strip("-") or "scene"
    key = json.dumps({"prompt": prompt, "seed": seed, "options": options or {}}, sort_keys=True)
    return f"{slug}-s{seed}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def parse_seeds(text: str) -> list[int]:
    """``"a..b"`` (inclusive) or a single seed ``"a"`` -> the list of seeds."""
    m = re.fullmatch(r"\s*(-?\d+)\s*(?:\.\.\s*(-?\d+)\s*)?", text)
    if not m:
        raise BatchInputError(f"--seeds takes a range a..b (inclusive) or one seed, e.g. 0..9; got {text!r}")
    lo = int(m.group(1))
    hi = int(m.group(2)) if m.group(2) is not None else lo
    if hi < lo:
        raise BatchInputError(f"--seeds {text!r} is empty: the end ({hi}) is below the start ({lo})")
    if hi - lo >= 1_000_000:
        raise BatchInputError(f"--seeds {text!r} spans {hi - lo + 1} seeds; at most 1,000,000 per prompt")
    return list(range(lo, hi + 1))


def read_jobs(path: str | Path, seeds: list[int] | None = None) -> list[SceneJob]:
    """The jobs in a prompt file, in file order, duplicates (same id) dropped.

    ``seeds`` expands every prompt that does not give its own seed (JSONL ``"seed"``); without it such prompts get
    seed 0.
    """
    path = Path(path)
    lines = _read_lines(path)
    rows = [(n, line.strip()) for n, line in enumerate(lines, 1)]
    rows = [(n, line) for n, line in rows if line and not line.startswith("#")]
    if not rows:
        raise BatchInputError(f"{path} holds no prompts (one prompt a line, or JSONL with a \"prompt\" per line)")
    is_jsonl = path.suffix.lower() == ".jsonl" or rows[0][1].startswith("{")
    jobs: list[SceneJob] = []
    for n, line in rows:
        if is_jsonl:
            prompt, seed, options = _parse_json_line(path, n, line)
        else:
            prompt, seed, options = line, None, {}
        for s in ([seed] if seed is not None else seeds or [0]):
            jobs.append(SceneJob(prompt, s, options))
    unique: dict[str, SceneJob] = {}
    for job in jobs:
        unique.setdefault(job.id, job)
    return list(unique.values())


def _read_lines(path: Path) -> list[str]:
    if path.is_dir():
        raise BatchInputError(f"{path} is a folder; pass a prompt file (.txt, one prompt a line, or .jsonl)")
    try:
        size = path.stat().st_size
        if size > MAX_PROMPT_FILE_BYTES:
            raise BatchInputError(f"{path} is {size / 2**20:.0f} MiB; prompt files are read up to "
                                  f"{MAX_PROMPT_FILE_BYTES // 2**20} MiB (split it)")
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise BatchInputError(f"no prompt file at {path}") from None
    except UnicodeDecodeError:
        raise BatchInputError(f"{path} is not UTF-8 text; pass a text file with one prompt a line") from None
    except OSError as exc:
        raise BatchInputError(f"{path} cannot be read ({exc.strerror or exc})") from None


def _parse_json_line(path: Path, n: int, line: str) -> tuple[str, int | None, dict[str, Any]]:
    where = f"{path} line {n}"
    try:
        raw = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BatchInputError(f"{where} is not valid JSON ({exc.__class__.__name__}: {exc}); each JSONL line is "
                              f"one object like {{\"prompt\": \"a bedroom with a bed\", \"seed\": 0}}") from None
    if not isinstance(raw, dict):
        raise BatchInputError(f"{where} is not a JSON object; each line needs {{\"prompt\": ...}}")
    unknown = sorted(set(raw) - {"prompt", "seed", "options"})
    if unknown:
        raise BatchInputError(f"{where} has unknown key(s) {', '.join(unknown)}; a line has prompt, seed and options")
    prompt = raw.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise BatchInputError(f"{where}: \"prompt\" must be a non-empty string")
    seed = raw.get("seed")
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
        raise BatchInputError(f"{where}: \"seed\" must be a whole number, got {seed!r}")
    options = raw.get("options") or {}
    if not isinstance(options, dict):
        raise BatchInputError(f"{where}: \"options\" must be an object, got {options!r}")
    for key, value in options.items():
        kind = JOB_OPTIONS.get(key)
        if kind is None:
            raise BatchInputError(f"{where}: unknown option {key!r}; options are {', '.join(sorted(JOB_OPTIONS))}")
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise BatchInputError(f"{where}: option {key!r} must be {kind.__name__}, got {value!r}")
    if "attempts" in options and not 1 <= options["attempts"] <= 20:
        raise BatchInputError(f"{where}: option 'attempts' must be within 1–20, got {options['attempts']}")
    from scenegen.design.loader import DENSITIES

    if "density" in options and options["density"] not in DENSITIES:
        raise BatchInputError(f"{where}: option 'density' must be one of {', '.join(DENSITIES)}, "
                              f"got {options['density']!r}")
    return prompt.strip(), seed, options
