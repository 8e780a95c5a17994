"""Shared, cached homes for the home tests (made once per session; each is small and quick to make)."""

from __future__ import annotations

from functools import lru_cache

from scenegen.home.make import HomeResult, make_home


@lru_cache(maxsize=4)
def made(prompt: str = "a 1b1b apartment", density: str = "minimal", seed: int = 0) -> HomeResult:
    """``make_home`` with the rules planner; at ``minimal`` density rooms hold only their type's fittings."""
    return make_home(prompt, seed=seed, planner="rules", density=density)
