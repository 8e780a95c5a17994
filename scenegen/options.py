"""Typed options: what a backend is built with, and ``MakeOptions``, everything one ``make`` run depends on.

``scenegen make``, ``scenegen batch`` and ``scenegen.pipeline.make`` all take a ``MakeOptions``; ``write_outputs``
writes it beside the scene as ``options.json`` (``to_json``), so ``MakeOptions.read(path)`` repeats a run exactly.
Backends receive their part (``LLMOptions``, ``Image3DOptions``, ``JudgeOptions``) from their registry's factory and
never read the environment: the CLI does that, in one place (``cli.env``). Secrets (API keys) are fields that are
never written (``SECRET_FIELDS``). All option objects are frozen, so they hash and can key a cache of built backends.

A new option is one field with a default here (an older ``options.json`` then reads with that default), plus the code
that uses it (``density`` and ``sim`` were added this way).
"""

from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

SECRET_FIELDS = frozenset({"key"})
"""Option fields that are never written to ``options.json`` (nor shown in a repr)."""


@dataclass(frozen=True)
class NoOptions:
    """The options of a backend that takes none (the rules planner, the procedural generators, the validators)."""


@dataclass(frozen=True)
class LLMOptions:
    """The language-model planners' settings (``openai``, ``hf``, ``gemma``, ``hybrid``).

    url/model: an OpenAI-compatible endpoint and its served model name (``openai``); key: its bearer token (never
    written or printed); path: a local transformers causal-LM folder (``hf``); adapter: a LoRA adapter file instead of
    the bundled one (``gemma``); allow_base: let ``gemma`` run without an adapter; hybrid_model: the model ``hybrid``
    cross-checks (None: openai when ``url`` is set, else hf when ``path`` is set, else gemma); normaliser: map unknown
    nouns to catalog categories with the embedding normaliser.
    """

    url: str | None = None
    model: str | None = None
    key: str | None = field(default=None, repr=False)
    path: str | None = None
    adapter: str | None = None
    allow_base: bool = False
    hybrid_model: str | None = None
    normaliser: bool = True
    timeout: float | None = None
    """seconds for a whole plan from an endpoint (tries, backoff and slow bodies included); None: no deadline"""


@dataclass(frozen=True)
class Image3DOptions:
    """The ``image3d`` object generator's settings.

    images: a folder of photos, one per object id or category; text_to_image: a local diffusers pipeline that makes
    them instead, into images_out (None: a folder in the user's cache); weights: a checkpoint other than the bundled
    one; fov_deg: the photos' vertical field of view in degrees (None: 55); fallback: the generator for objects without
    a photo (None: such an object is an error).
    """

    images: str | None = None
    text_to_image: str | None = None
    images_out: str | None = None
    weights: str | None = None
    fov_deg: float | None = None
    fallback: str | None = "procedural"


@dataclass(frozen=True)
class JudgeOptions:
    """The vision judge the ``vision`` validator asks: name (``bundled``, ``openai``, ``hf`` or a plug-in), path
    (weights file or model folder), url/model (``openai``), key (its bearer token, never written)."""

    name: str = "bundled"
    path: str | None = None
    url: str | None = None
    model: str | None = None
    key: str | None = field(default=None, repr=False)

    def backend_options(self) -> dict[str, Any]:
        """The keyword options ``scenegen.judge.get_judge`` builds this judge with (unset ones left out)."""
        out: dict[str, Any] = {"path": self.path}
        if self.name == "openai":
            out.update(url=self.url, model=self.model or "default", api_key=self.key)
        return {k: v for k, v in out.items() if v is not None}


@dataclass(frozen=True)
class MakeOptions:
    """Everything one ``make`` run depends on besides the prompt: the same prompt and options give the same scene.

    seed: the random seed; planner: the planner backend's name; objects: the object generator (``procedural``,
    ``image3d``, ``box`` or a plug-in); attempts: solve-and-validate rounds of the repair loop (>= 1); validators: the
    checks to run (None: the default set); pictures: render topdown.png and view.png (``write_outputs``); density:
    the design stage's density (``minimal`` keeps only what the prompt lists, ``normal`` furnishes the room, ``full``
    a lived-in one; the library's default is ``minimal``, the CLI's ``normal``); sim: also write the simulation files
    (``scenegen.sim_outputs``; the CLI and batch do, ``make`` itself does not); llm / image3d / judge: the backends'
    own options (judge None: no vision check).
    """

    seed: int = 0
    planner: str = "rules"
    objects: str = "procedural"
    attempts: int = 3
    validators: tuple[str, ...] | None = None
    pictures: bool = True
    density: str = "minimal"
    sim: bool = False
    llm: LLMOptions = field(default_factory=LLMOptions)
    image3d: Image3DOptions = field(default_factory=Image3DOptions)
    judge: JudgeOptions | None = None

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError(f"--attempts must be at least 1, got {self.attempts}")
        if self.validators is not None and not isinstance(self.validators, tuple):
            object.__setattr__(self, "validators", tuple(self.validators))

    def replace(self, **changes: Any) -> "MakeOptions":
        """A copy with ``changes``; nested options by dotted name (``replace(**{"image3d.images": "photos/"})``)
        or as a whole (``image3d=Image3DOptions(...)``)."""
        flat = {k: v for k, v in changes.items() if "." not in k}
        for key, value in changes.items():
            if "." in key:
                part, name = key.split(".", 1)
                current = flat.get(part, getattr(self, part, None))
                if current is None and part == "judge":
                    current = JudgeOptions()
                if current is None or not dataclasses.is_dataclass(current):
                    raise ValueError(f"unknown option {key!r}")
                flat[part] = _replace(current, {name: value})
        return _replace(self, flat)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of every option, secrets left out."""
        return _to_dict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "MakeOptions":
        """The options in ``data`` (as ``to_dict`` writes them); an unknown key is a ``ValueError`` naming it."""
        return _from_dict(cls, data, "")

    @classmethod
    def read(cls, path: str | Path) -> "MakeOptions":
        """The options of an ``options.json``."""
        try:
            data = json.loads(Path(path).read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path} is not an options file ({exc.__class__.__name__})") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path} is not an options file (not a JSON object)")
        return cls.from_dict(data)


def _replace(obj: T, changes: dict[str, Any]) -> T:
    names = {f.name for f in dataclasses.fields(obj)}  # type: ignore[arg-type]
    unknown = sorted(set(changes) - names)
    if unknown:
        raise ValueError(f"unknown option {unknown[0]!r}; known: {', '.join(sorted(names))}")
    return dataclasses.replace(obj, **changes)  # type: ignore[type-var]


def _to_dict(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        if f.name in SECRET_FIELDS:
            continue
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            value = _to_dict(value)
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, Path):  # a library caller may pass a folder as a Path
            value = str(value)
        out[f.name] = value
    return out


def _from_dict(cls: type[T], data: dict[str, Any], prefix: str) -> T:
    hints = typing.get_type_hints(cls)
    fields = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in fields or key in SECRET_FIELDS:
            raise ValueError(f"unknown option {prefix + key!r}")
        nested = next((t for t in typing.get_args(hints[key]) or (hints[key],) if dataclasses.is_dataclass(t)), None)
        if nested is not None and isinstance(value, dict):
            value = _from_dict(nested, value, f"{prefix}{key}.")
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[key] = value
    return cls(**kwargs)
