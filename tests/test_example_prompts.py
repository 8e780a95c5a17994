"""Every example prompt, over several seeds, makes a scene with everything placed and every check passing."""

from pathlib import Path

import pytest

from scenegen.pipeline import make

EXAMPLES = [line.strip() for line in (Path(__file__).resolve().parents[1] / "prompts" / "examples.txt").read_text()
            .splitlines() if line.strip()]
MORE = [
    "a gym with a treadmill, an exercise bike, a weight bench and a dumbbell rack",
    "a classroom with a whiteboard on the wall, a desk and twelve chairs",
    "a large living room with two sofas facing each other, a coffee table between them, a piano in the corner and three paintings",
]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("prompt", EXAMPLES + MORE)
def test_prompt_makes_a_valid_scene(prompt, seed):
    result = make(prompt, seed=seed)
    assert result.scene.unplaced == []
    failing = [f.message for f in result.report.findings if f.status == "fail"]
    assert failing == []
    assert result.exit_code == 0
