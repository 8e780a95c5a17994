"""Every import in the project's code names a module and a name that exist, function-level imports included.

Commands import lazily (inside the function) so that `scenegen --help` stays fast, which means a moved module breaks
only the command that imports it, at run time, with a traceback: `scenegen eval design-explicit` still imported
`scenegen.plan.evaluate` after the planner's evaluation moved to the training wing.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("scenegen", "validators", "cli")


def _project_imports() -> list[tuple[str, int, str, str]]:
    """(file, line, module, name) of every absolute ``from <project module> import <name>``."""
    out = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                        and node.module.split(".")[0] in PACKAGES:
                    out.extend((str(path.relative_to(ROOT)), node.lineno, node.module, a.name) for a in node.names)
    return out


IMPORTS = _project_imports()


@pytest.mark.parametrize("module", sorted({m for _, _, m, _ in IMPORTS}))
def test_every_imported_project_module_and_name_exists(module: str) -> None:
    mod = importlib.import_module(module)
    missing = []
    for where, line, m, name in IMPORTS:
        if m != module or name == "*" or hasattr(mod, name):
            continue
        try:
            importlib.import_module(f"{module}.{name}")  # a submodule imported by name
        except ModuleNotFoundError:
            missing.append(f"{where}:{line} imports {name} from {module}")
    assert not missing, missing
