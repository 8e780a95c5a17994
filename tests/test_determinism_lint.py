"""Randomness only through passed-in generators: no global RNG, uuid or clock in code that shapes a scene."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = re.compile(r"np\.random\.(seed|rand|randn|randint|uniform|normal|choice|shuffle|random|permutation)\("
                       r"|^\s*import random\b|^\s*from random import|\buuid\d?\(|time\.time\(\)", re.MULTILINE)


def test_no_global_rng_in_library_code():
    offenders = []
    for folder in ("scenegen", "validators"):
        for path in (ROOT / folder).rglob("*.py"):
            for match in FORBIDDEN.finditer(path.read_text()):
                line = path.read_text()[: match.start()].count("\n") + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0).strip()}")
    assert offenders == []


def test_the_lint_catches_a_global_rng_call():
    assert FORBIDDEN.search("x = np.random.uniform(0, 1)")
    assert FORBIDDEN.search("import random\n")
    assert not FORBIDDEN.search("rng = np.random.default_rng(seed)")
