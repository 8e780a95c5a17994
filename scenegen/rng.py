"""Per-stage random generators: each stage draws from its own stream derived from (scene seed, stage name), so adding
randomness to one stage never shifts another's. Nothing in scenegen uses global RNG state."""

from __future__ import annotations

import hashlib

import numpy as np


def stage_seed(seed: int, stage: str) -> int:
    """A 63-bit integer derived from the scene seed and a stage name (stable across Python versions and platforms)."""
    digest = hashlib.sha256(f"{int(seed)}:{stage}".encode()).digest()
    return int.from_bytes(digest[:8], "little") >> 1


def stage_rng(seed: int, stage: str) -> np.random.Generator:
    """The numpy generator for ``stage`` of the scene with ``seed``."""
    return np.random.default_rng(stage_seed(seed, stage))
