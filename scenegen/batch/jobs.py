"""A batch's input: prompt files (plain text or JSONL) read into ``SceneJob``s with stable ids.

Plain text: one prompt a line; blank lines and lines starting with ``#`` are skipped. JSONL: one object a line,
``{"prompt": str, "seed": int (optional), "options": {...} (optional)}``; ``options`` holds ``MakeOptions`` overrides
(``JOB_OPTIONS``), nested ones by dotted name (``{"objects": "image3d", "image3d.images": "/data/photos"}``) or as an
object (``{"image3d": {"images": "/data/photos"}}``). A file is read as JSONL when its name ends in
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

PER_SCENE = ("planner", "objects", "attempts", "validators", "pictures", "density", "sim")
"""The ``MakeOptions`` fields a JSONL line may override for its scene; of the nested ones, every field of ``llm``,
``image3d`` and ``judge`` but their secrets. The seed is the line's own ``seed``."""
NESTED = ("llm", "image3d", "judge")


def _job_options() -> dict[str, tuple[type, ...]]:
    """Per-scene option name (dotted for nested ones) -> the JSON types its value may have."""
    import dataclasses
    import typing

    from scenegen.options import SECRET_FIELDS, MakeOptions

    def kinds(hint: Any) -> tuple[type, ...]:
        args = typing.get_args(hint) or (hint,)
        out = tuple(typing.get_origin(a) or a for a in args)
        out = tuple(list if k is tuple else k for k in out)  # JSON has lists where options have tuples
        return (*out, int) if float in out else out  # 1 is a fine number of degrees

    hints = typing.get_type_hints(MakeOptions)
    table = {name: kinds(hints[name]) for name in PER_SCENE}
    for part in NESTED:
        cls = next(t for t in typing.get_args(hints[part]) or (hints[part],) if dataclasses.is_dataclass(t))
        sub = typing.get_type_hints(cls)
        table.update({f"{part}.{f.name}": kinds(sub[f.name]) for f in dataclasses.fields(cls)
                      if f.name not in SECRET_FIELDS})
    return table


JOB_OPTIONS = _job_options()
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
    options = _flatten(options)
    for key, value in options.items():
        _check_option(where, key, value)
    if "attempts" in options and not 1 <= options["attempts"] <= 20:
        raise BatchInputError(f"{where}: option 'attempts' must be within 1–20, got {options['attempts']}")
    from scenegen.design.loader import DENSITIES

    if "density" in options and options["density"] not in DENSITIES:
        raise BatchInputError(f"{where}: option 'density' must be one of {', '.join(DENSITIES)}, "
                              f"got {options['density']!r}")
    return prompt.strip(), seed, options


def _flatten(options: dict[str, Any]) -> dict[str, Any]:
    """``{"image3d": {"images": d}}`` -> ``{"image3d.images": d}``; dotted and plain keys are kept."""
    flat: dict[str, Any] = {}
    for key, value in options.items():
        if key in NESTED and isinstance(value, dict):
            flat.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    return flat


def _check_option(where: str, key: str, value: Any) -> None:
    """A one-line ``BatchInputError`` when ``key`` is no per-scene option or ``value`` is not of its type."""
    kinds = JOB_OPTIONS.get(key)
    if kinds is None:
        raise BatchInputError(f"{where}: unknown option {key!r}; options are {', '.join(sorted(JOB_OPTIONS))}")
    is_bool = isinstance(value, bool)
    if not isinstance(value, kinds) or (is_bool and bool not in kinds):
        shown = [k for k in kinds if k is not int or float not in kinds]  # a float option says float, not int
        names = " or ".join("null" if k is type(None) else k.__name__ for k in shown)
        raise BatchInputError(f"{where}: option {key!r} must be {names}, got {value!r}")
    if isinstance(value, list) and not all(isinstance(v, str) for v in value):
        raise BatchInputError(f"{where}: option {key!r} must be a list of names, got {value!r}")
