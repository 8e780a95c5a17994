"""Import layering: the core never reaches up into validators, the CLI, batch runs or training code, and no two
packages import each other. Imports are read with ``ast`` from every module, function-level and ``TYPE_CHECKING``
ones included, so a lazy import cannot hide a dependency."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOP = ("scenegen", "validators", "cli")
CORE = frozenset(f"scenegen.{n}" for n in ("scene", "geometry", "catalog", "plan", "assets", "solve", "render",
                                             "export"))
"""Units that make a scene; they may import each other and the leaf modules, never the layers above them."""
ABOVE_CORE = frozenset({"validators", "cli", "scenegen.batch", "scenegen.training"})
"""Units the core must not import (validators run on scenes; the CLI, batch runs and training drive the core)."""


def module_name(path: Path, root: Path) -> str:
    """Dotted module name of ``path`` (a ``.py`` file under ``root``); a package's ``__init__`` is the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imported_names(path: Path, root: Path) -> list[tuple[str, int]]:
    """(dotted name, line) of every import in ``path``, at any depth. ``from a import b`` yields both ``a`` and
    ``a.b`` (``b`` may be a submodule); relative imports are resolved against the module's package."""
    mod = module_name(path, root)
    package = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
    out: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.append((name, node.lineno))
            out += [(f"{name}.{a.name}", node.lineno) for a in node.names if _is_module(root, f"{name}.{a.name}")]
    return out


def _is_module(root: Path, name: str) -> bool:
    """Whether dotted ``name`` is a module or package under ``root`` (not an attribute of one)."""
    base = root.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def unit(name: str) -> str:
    """The package a module belongs to for layering: ``scenegen.<sub>`` for anything inside scenegen (a subpackage
    or a top-level module), else the top-level name (``validators``, ``cli``). ``scenegen`` itself is its own unit."""
    parts = name.split(".")
    return ".".join(parts[:2]) if parts[0] == "scenegen" else parts[0]


def unit_edges(root: Path, tops: tuple[str, ...] = TOP) -> dict[tuple[str, str], list[str]]:
    """(importer unit, imported unit) -> ["module:line -> name", ...] over every module under ``root/<top>``."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for top in tops:
        for path in sorted((root / top).rglob("*.py")):
            mod = module_name(path, root)
            for name, line in imported_names(path, root):
                if name.split(".")[0] not in tops:
                    continue
                a, b = unit(mod), unit(name)
                if a != b:
                    edges[(a, b)].append(f"{mod}:{line} -> {name}")
    return edges


def layering_violations(root: Path, tops: tuple[str, ...] = TOP, core: frozenset[str] = CORE,
                        above: frozenset[str] = ABOVE_CORE) -> list[str]:
    """One line per violation: a core unit importing a unit above the core, or two units importing each other
    (each pair once, with one import from each side as evidence)."""
    edges = unit_edges(root, tops)
    bad = []
    for (a, b), where in sorted(edges.items()):
        if a in core and b in above:
            bad.append(f"core {a} imports {b}: {where[0]}")
        if (b, a) in edges and a < b:
            bad.append(f"{a} and {b} import each other: {where[0]}; {edges[(b, a)][0]}")
    return bad


def test_the_core_imports_nothing_above_it_and_no_two_packages_import_each_other():
    assert layering_violations(ROOT) == []


def _tree(tmp: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = tmp / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp


CLEAN = {"scenegen/__init__.py": "", "scenegen/scene.py": "import json\n", "scenegen/solve/__init__.py": "",
         "scenegen/solve/solver.py": "from scenegen.scene import Scene\n", "validators/__init__.py": "",
         "validators/physical.py": "from scenegen import scene\n", "cli/__init__.py": "",
         "cli/main.py": "import validators.physical\n"}


def test_the_checker_reports_a_function_level_import_of_validators_in_the_solver(tmp_path):
    root = _tree(tmp_path, CLEAN)
    assert layering_violations(root) == []
    (root / "scenegen/solve/solver.py").write_text(
        "from scenegen.scene import Scene\n\n\ndef f():\n    from validators.physical import x\n    return x\n")
    bad = layering_violations(root)
    assert any(v.startswith("core scenegen.solve imports validators: scenegen.solve.solver:5") for v in bad), bad
    assert len(bad) == 1, bad


def test_the_checker_reports_training_and_cli_imports_and_relative_ones(tmp_path):
    files = dict(CLEAN)
    files["scenegen/training/__init__.py"] = ""
    files["scenegen/training/fit.py"] = "from scenegen.solve.solver import x\n"
    files["scenegen/render/__init__.py"] = "from ..training import fit\n"
    files["scenegen/export/__init__.py"] = "if True:\n    import cli.main\n"
    bad = layering_violations(_tree(tmp_path, files))
    assert "core scenegen.render imports scenegen.training: scenegen.render:1 -> scenegen.training" in bad, bad
    assert "core scenegen.export imports cli: scenegen.export:2 -> cli.main" in bad, bad


def test_the_checker_reports_two_packages_that_import_each_other(tmp_path):
    files = dict(CLEAN)
    files["validators/physical.py"] = "from scenegen import scene\n"
    files["scenegen/scene.py"] = "def load():\n    import validators\n"
    bad = layering_violations(_tree(tmp_path, files))
    assert any(v.startswith("scenegen.scene and validators import each other") for v in bad), bad
