"""Per-validator parameters: read from a TOML file and ``--set validator.param=value`` flags, checked, merged.

The file maps validator names to tables of parameters::

    [navigability]
    robot_radius = 0.3        # metres

    [support]
    min_contacts = 4

Values are numbers or booleans (what thresholds and switches are); anything else is refused. The result is the plain
``{validator: {param: value}}`` dict that ``validators.validate(..., config=...)`` hands to ``ValidationContext``,
where each validator reads its own with ``ctx.param(validator, name, default)``.

A validator may declare the parameters it reads as a ``params`` attribute (any collection of names) on its registered
callable; when it does, unknown parameter names are refused too, so a typo does not silently fall back to a default.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

Value = float | int | bool
Config = dict[str, dict[str, Value]]


def load_config(path: str | Path) -> Config:
    """Read and check a TOML validator config. Raises a one-line ``ValueError`` for a missing, unreadable or malformed
    file, an unknown validator, or a value that is not a finite number or a boolean."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text())
    except FileNotFoundError:
        raise ValueError(f"no validator config at {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read validator config {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path} is not valid TOML: {exc}") from None
    try:
        return check_config(raw)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


def parse_set(items: Iterable[str]) -> Config:
    """Parse ``--set`` flags of the form ``validator.param=value`` (value: a number, ``true`` or ``false``).

    Example: ``["navigability.robot_radius=0.3"]`` -> ``{"navigability": {"robot_radius": 0.3}}``. Not checked against
    the registry here (see ``check_config``)."""
    out: Config = {}
    for item in items:
        key, sep, text = item.partition("=")
        validator, dot, param = key.strip().partition(".")
        if not sep or not dot or not validator or not param or "." in param:
            raise ValueError(f"--set {item!r}: expected validator.param=value, e.g. navigability.robot_radius=0.3")
        out.setdefault(validator, {})[param] = _parse_value(text.strip(), f"--set {item!r}")
    return out


PROFILES: dict[str, Config] = {
    "default": {},
    # SceneEval's rules exactly, where scenegen's defaults deviate (docs/sceneeval.md has the mapping, rule by rule):
    "sceneeval": {
        "support": {"contact_tol": 0.005, "surface_centroid": True},  # contact < 5 mm below the bottom; surface centroid
        "navigability": {"flat_obstacles": True},                       # rugs are obstacles (box centre <= 2 m)
        "accessibility": {"knee_space": False, "flat_obstacles": True},  # no knee-space credit; rugs block strips
        "opening_clearance": {"door_depth": 1.0, "flat_obstacles": True},  # 1.0 m in front of every door; rugs occlude
    },
}
"""Named validator configs for ``scenegen validate --profile``. ``default`` is scenegen's parameters (each deviation
from SceneEval documented beside the parameter); ``sceneeval`` reproduces SceneEval's rules."""


def profile_config(name: str) -> Config:
    """A fresh copy of the named profile's config; a one-line ``ValueError`` naming the profiles for an unknown one."""
    if name not in PROFILES:
        raise ValueError(f"unknown validator profile {name!r}; choose from: {', '.join(sorted(PROFILES))}")
    return {v: dict(params) for v, params in PROFILES[name].items()}


def merge_configs(*configs: Mapping[str, Mapping[str, Value]] | None) -> Config:
    """Merge configs left to right; a later value for the same (validator, param) wins."""
    out: Config = {}
    for config in configs:
        for validator, params in (config or {}).items():
            out.setdefault(validator, {}).update(params)
    return out


def check_config(raw: Mapping[str, Any], known: Mapping[str, Any] | None = None) -> Config:
    """Check a ``{validator: {param: value}}`` mapping and return it as plain dicts.

    ``known`` maps validator names to their callables (default: the registry). Raises a one-line ``ValueError`` naming
    the first bad entry: an unknown validator, a section that is not a table, an unknown parameter of a validator that
    declares ``params``, or a value that is not a finite number or a boolean."""
    if known is None:
        from validators.registry import VALIDATORS

        known = dict(VALIDATORS.items())
    out: Config = {}
    for validator, params in raw.items():
        if validator not in known:
            raise ValueError(f"unknown validator {validator!r} in config; choose from: {', '.join(sorted(known))}")
        if not isinstance(params, Mapping):
            raise ValueError(f"[{validator}] must be a table of parameters, got {params!r}")
        declared = getattr(known[validator], "params", None)
        section: dict[str, Value] = {}
        for name, value in params.items():
            where = f"{validator}.{name}"
            if declared is not None and name not in declared:
                raise ValueError(f"{where}: {validator} has no parameter {name!r}; it has: "
                                 f"{', '.join(sorted(declared)) or 'none'}")
            section[name] = _check_value(value, where)
        out[validator] = section
    return out


def _check_value(value: Any, where: str) -> Value:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueError(f"{where} = {value!r}: must be a finite number")
        return value
    raise ValueError(f"{where} = {value!r}: must be a number or true/false")


def _parse_value(text: str, where: str) -> Value:
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    try:
        number: Value = int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{where}: value {text!r} must be a number or true/false") from None
    return _check_value(number, where)
