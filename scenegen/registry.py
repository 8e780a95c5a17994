"""Backends by name: a small registry per pluggable stage, filled by a decorator from the project's own modules and,
on first lookup, from the entry-point group ``scenegen.<stage>`` so users can add a backend without forking.

Every entry is a factory that takes a typed options object (a frozen dataclass, ``scenegen.options``) and returns the
backend: ``register(name, options=LLMOptions)`` on a function ``(LLMOptions) -> backend``. A backend that takes no
options is registered as itself (``register(name)``), which is the factory ``NoOptions -> that backend``.
``create(name, options)`` builds (once per distinct options, per process: the last ``MAX_BUILT`` kept); ``get(name)``
is ``create`` with the options type's defaults."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any, Generic, TypeVar

T = TypeVar("T")

MAX_BUILT = 16
"""Built backends a registry keeps (the most recently built); a batch with many distinct options stays bounded."""


class _Factory:
    """A registered factory: ``build(options)`` -> backend, for options of type ``options``."""

    def __init__(self, build: Callable[[Any], Any], options: type) -> None:
        self.build = build
        self.options = options


class UnknownBackendError(KeyError):
    """A backend name nobody registered."""

    def __str__(self) -> str:  # KeyError quotes its message; a user should read a plain line
        return str(self.args[0])


class Registry(Generic[T]):
    """Name -> backend. ``builtin_modules`` are imported on first lookup (not at import), then entry points are read."""

    def __init__(self, stage: str, builtin_modules: tuple[str, ...] = ()) -> None:
        self.stage = stage
        self._builtin_modules = builtin_modules
        self._items: dict[str, T | _Factory] = {}
        self._built: dict[tuple[str, Any], T] = {}
        self._loaded = False

    def register(self, name: str, options: type | None = None) -> Callable[[Any], Any]:
        """Decorator: register a backend (``options`` None) or a factory taking an ``options`` instance."""
        def decorate(obj: Any) -> Any:
            entry = _Factory(obj, options) if options is not None else obj
            old = self._items.get(name)
            if old is not None and (old.build if isinstance(old, _Factory) else old) is not obj:
                raise ValueError(f"{self.stage} backend {name!r} is registered twice")
            if old is None:
                self._items[name] = entry
            return obj

        return decorate

    def options_type(self, name: str) -> type:
        """The options type ``name``'s factory takes (``NoOptions`` for a backend registered as itself)."""
        from scenegen.options import NoOptions

        entry = self._entry(name)
        return entry.options if isinstance(entry, _Factory) else NoOptions

    def create(self, name: str, options: Any = None) -> T:
        """The backend ``name`` built with ``options`` (None: the options type's defaults); built once per
        distinct options. A ``TypeError`` when the options are not of the type the factory takes."""
        entry = self._entry(name)
        if not isinstance(entry, _Factory):
            return entry
        options = entry.options() if options is None else options
        if not isinstance(options, entry.options):
            raise TypeError(f"{self.stage} backend {name!r} takes {entry.options.__name__}, got "
                            f"{type(options).__name__}")
        key = (name, options)
        if key not in self._built:
            if len(self._built) >= MAX_BUILT:
                del self._built[next(iter(self._built))]  # the oldest build goes first
            self._built[key] = entry.build(options)
        return self._built[key]

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for mod in self._builtin_modules:
            import_module(mod)
        for ep in entry_points(group=f"scenegen.{self.stage}"):
            if ep.name not in self._items:
                self._items[ep.name] = ep.load()

    def _entry(self, name: str) -> T | _Factory:
        self._load()
        try:
            return self._items[name]
        except KeyError:
            raise UnknownBackendError(
                f"unknown {self.stage} backend {name!r}; choose one of: {', '.join(self.names())}") from None

    def get(self, name: str) -> T:
        """The backend ``name`` with default options."""
        return self.create(name)

    def names(self) -> list[str]:
        self._load()
        return sorted(self._items)

    def items(self) -> list[tuple[str, T]]:
        """(name, backend with default options) for every entry, by name."""
        return [(n, self.get(n)) for n in self.names()]
