"""Issue 20 items 3 and 13: runaway prompts end at once in one line; a negative count is said, not silently flipped."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from scenegen.plan import MAX_PLANNED_OBJECTS, MAX_PROMPT_CHARS, PlanError, plan


def test_a_100kb_prompt_is_refused_by_make_in_one_line(tmp_path) -> None:
    prompt = "a bedroom with a bed and two nightstands " * 2500  # ~100 KB: planned 7,584 objects and never finished
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "cli.main", "make", prompt, "--planner", "rules", "-o",
                           str(tmp_path / "out"), "--no-pictures"], capture_output=True, text=True, timeout=120)
    took = time.monotonic() - t0
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 1 and len(lines) == 1, proc.stderr[-2000:]
    assert f"at most {MAX_PROMPT_CHARS}" in lines[0] and "Traceback" not in proc.stderr
    assert took < 60, took
    assert not (tmp_path / "out" / "scene.json").exists()


def test_the_prompt_cap_is_exact() -> None:
    head = "a bedroom with a bed. "
    ok = head + " " * (MAX_PROMPT_CHARS - len(head))
    assert plan(ok, "rules").counts() == {"bed": 1}
    with pytest.raises(PlanError, match=f"is {MAX_PROMPT_CHARS + 1} characters"):
        plan(ok + " ", "rules")


def test_too_many_objects_in_total_are_refused() -> None:
    prompt = ". ".join(f"a room with 99 {c}" for c in ("chairs", "desks", "floor lamps"))  # 297 < 2000 characters
    assert len(prompt) < MAX_PROMPT_CHARS
    with pytest.raises(PlanError, match=f"asks for 297 objects; scenegen plans at most {MAX_PLANNED_OBJECTS}"):
        plan(prompt, "rules")


@pytest.mark.parametrize("prompt, phrase", [
    ("a room with -3 chairs", "'-3 chairs': a count cannot be negative; read as 3 chairs"),
    ("an office with a desk and - 2 lamps, a rug", "'- 2 lamps': a count cannot be negative; read as 2 lamps"),
])
def test_a_negative_count_is_noted(prompt: str, phrase: str) -> None:
    p = plan(prompt, "rules")
    assert phrase in p.notes


def test_hyphens_that_are_not_counts_add_no_note() -> None:
    assert plan("a 3-seat sofa and a mid-century chair in a living-room", "rules").notes == []
