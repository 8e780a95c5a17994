"""Refactors must not change scenes: every example prompt x 3 seeds gives a ``scene.json`` whose SHA-256 matches the one
stored in ``tests/data/golden_scenes.json``, made on main before the structure issue's moves (rules planner, the default
procedural assets, ``--density minimal``-like behaviour: only what the prompt lists).

A change that is *meant* to change scenes regenerates the file and says why in its commit:
``python tests/test_golden_scenes.py --write``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden_scenes.json"
SEEDS = (1, 2, 3)


def example_prompts() -> list[str]:
    lines = (ROOT / "prompts" / "examples.txt").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def scene_digest(prompt: str, seed: int) -> str:
    """SHA-256 of the canonical scene.json text that ``scenegen make PROMPT --seed SEED --planner rules`` writes."""
    from scenegen.pipeline import make
    from scenegen.scene_files import dump_json

    result = make(prompt, seed=seed, planner="rules")
    scene = result.scene.model_copy(update={"provenance": result.scene.provenance.model_copy(update={"versions": {}})})
    return hashlib.sha256(dump_json(scene).encode()).hexdigest()


def _key(prompt: str, seed: int) -> str:
    return f"{seed}|{prompt}"


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_scenes_are_byte_identical_to_the_stored_ones(seed: int) -> None:
    stored = json.loads(GOLDEN.read_text())
    mismatched = [p for p in example_prompts() if scene_digest(p, seed) != stored[_key(p, seed)]]
    assert not mismatched, f"seed {seed}: scene.json changed for {mismatched}"


if __name__ == "__main__" and "--write" in sys.argv:
    table = {_key(p, s): scene_digest(p, s) for p in example_prompts() for s in SEEDS}
    GOLDEN.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
    print(f"wrote {len(table)} digests to {GOLDEN}")
