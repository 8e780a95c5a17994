"""Backends by name: a small registry per pluggable stage, filled by a decorator from the project's own modules and,
on first lookup, from the entry-point group ``scenegen.<stage>`` so users can add a backend without forking."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.metadata import entry_points
from typing import Generic, TypeVar

T = TypeVar("T")


class UnknownBackendError(KeyError):
    """A backend name nobody registered."""

    def __str__(self) -> str:  # KeyError quotes its message; a user should read a plain line
        return str(self.args[0])


class Registry(Generic[T]):
    """Name -> backend. ``builtin_modules`` are imported on first lookup (not at import), then entry points are read."""

    def __init__(self, stage: str, builtin_modules: tuple[str, ...] = ()) -> None:
        self.stage = stage
        self._builtin_modules = builtin_modules
        self._items: dict[str, T] = {}
        self._loaded = False

    def register(self, name: str) -> Callable[[T], T]:
        def decorate(obj: T) -> T:
            if name in self._items and self._items[name] is not obj:
                raise ValueError(f"{self.stage} backend {name!r} is registered twice")
            self._items[name] = obj
            return obj

        return decorate

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for mod in self._builtin_modules:
            import_module(mod)
        for ep in entry_points(group=f"scenegen.{self.stage}"):
            if ep.name not in self._items:
                self._items[ep.name] = ep.load()

    def get(self, name: str) -> T:
        self._load()
        try:
            return self._items[name]
        except KeyError:
            raise UnknownBackendError(
                f"unknown {self.stage} backend {name!r}; choose one of: {', '.join(self.names())}") from None

    def names(self) -> list[str]:
        self._load()
        return sorted(self._items)

    def items(self) -> list[tuple[str, T]]:
        self._load()
        return sorted(self._items.items())
