"""The README's first command (``make demo``) with the product's default planner, as a new user runs it."""

from __future__ import annotations

import re
from pathlib import Path


def demo_prompt_and_seed() -> tuple[str, int]:
    """The demo's prompt and seed, read from the Makefile the README points to."""
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    prompt = re.search(r"^PROMPT \?= (.+)$", makefile, re.M).group(1).strip()
    seed = int(re.search(r"^SEED \?= (\d+)$", makefile, re.M).group(1))
    return prompt, seed


def test_the_readme_demo_passes_every_check_with_the_default_planner():
    from scenegen.pipeline import make
    from scenegen.plan import DEFAULT_PLANNER

    prompt, seed = demo_prompt_and_seed()
    result = make(prompt, seed=seed, planner=DEFAULT_PLANNER, density="normal")
    assert result.plan.planner == DEFAULT_PLANNER
    failed = [f"{f.validator}: {f.message}" for f in result.report.findings if f.status == "fail"]
    assert failed == [] and result.scene.unplaced == [] and result.exit_code == 0
