"""No Python file in scenegen/, validators/ or cli/ over 700 lines and no function over 80 lines (STYLE.md).

``KNOWN_OVER`` lists the units not yet brought under, so each is visible to the lead and the test fails both when a
new one appears and when a listed one is fixed (then strike it from the list)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_FILE_LINES = 700
MAX_FUNCTION_LINES = 80
EXCLUDED: set[str] = set()
"""Files left out of the check while another session splits them (none now: plan/rules and assets/procedural became
packages)."""
KNOWN_OVER: set[str] = set()
"""Units not yet under the limits (none: the solver, mutate, walk and the four long functions were split)."""


def oversized(root: Path = ROOT) -> set[str]:
    """``path`` for each file over the line limit and ``path:function`` for each function over it."""
    out = set()
    for top in ("scenegen", "validators", "cli"):
        for p in sorted((root / top).rglob("*.py")):
            rel = p.relative_to(root).as_posix()
            if rel in EXCLUDED:
                continue
            src = p.read_text()
            if src.count("\n") > MAX_FILE_LINES:
                out.add(rel)
            for node in ast.walk(ast.parse(src)):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                        out.add(f"{rel}:{node.name}")
    return out


def test_no_unit_over_the_size_limits_beyond_the_known_list():
    assert oversized() == KNOWN_OVER


def test_the_size_check_reports_a_long_file_and_a_long_function(tmp_path):
    (tmp_path / "scenegen").mkdir()
    (tmp_path / "scenegen" / "big.py").write_text("x = 1\n" * 701)
    (tmp_path / "scenegen" / "fn.py").write_text("def f():\n" + "    x = 1\n" * 80)
    assert oversized(tmp_path) == {"scenegen/big.py", "scenegen/fn.py:f"}
