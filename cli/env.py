"""The one place the environment is read: ``SCENEGEN_*`` variables and API keys become typed options here, and the
backends receive them as arguments (``scenegen.options``); nothing under ``scenegen/`` or ``validators/`` reads
``os.environ`` for a backend's settings. A command-line flag wins over its variable.

Variables: ``SCENEGEN_PLANNER`` (planner name), ``SCENEGEN_LLM_URL``, ``SCENEGEN_LLM_MODEL``, ``SCENEGEN_LLM_KEY`` (else
``OPENAI_API_KEY``), ``SCENEGEN_LLM_PATH``, ``SCENEGEN_LLM_ALLOW_BASE``, ``SCENEGEN_PLANNER_ADAPTER``,
``SCENEGEN_HYBRID_MODEL``, ``SCENEGEN_NO_NORMALISER``; ``SCENEGEN_JUDGE``, ``SCENEGEN_JUDGE_PATH``,
``SCENEGEN_JUDGE_URL``, ``SCENEGEN_JUDGE_MODEL`` (key: ``OPENAI_API_KEY``); ``SCENEGEN_DENSITY``.

``make_options`` builds the ``MakeOptions`` of ``scenegen make`` and ``scenegen batch``: an ``--options`` file (or
the defaults and variables), then every flag given on top of it.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scenegen.options import JudgeOptions, LLMOptions, MakeOptions


def _truthy(v: str | None) -> bool:
    return (v or "").strip().lower() in ("1", "true", "yes", "on")


def planner_name(flag: str | None, env: Mapping[str, str] = os.environ) -> str:
    """``--planner`` when given, else ``$SCENEGEN_PLANNER`` (pipelines and the test suite pin ``rules`` this way),
    else ``scenegen.plan.DEFAULT_PLANNER``."""
    from scenegen.plan import DEFAULT_PLANNER

    return flag or env.get("SCENEGEN_PLANNER") or DEFAULT_PLANNER


def llm_options(url: str | None = None, model: str | None = None, path: str | None = None, allow_base: bool = False,
                env: Mapping[str, str] = os.environ, timeout: float | None = None) -> LLMOptions:
    """The language-model planners' options from the flags, each falling back on its variable."""
    return LLMOptions(url=url or env.get("SCENEGEN_LLM_URL") or None,
                      model=model or env.get("SCENEGEN_LLM_MODEL") or None,
                      key=env.get("SCENEGEN_LLM_KEY") or env.get("OPENAI_API_KEY") or None,
                      path=path or env.get("SCENEGEN_LLM_PATH") or None,
                      adapter=env.get("SCENEGEN_PLANNER_ADAPTER") or None,
                      allow_base=allow_base or _truthy(env.get("SCENEGEN_LLM_ALLOW_BASE")),
                      hybrid_model=env.get("SCENEGEN_HYBRID_MODEL") or None,
                      normaliser=not env.get("SCENEGEN_NO_NORMALISER"),
                      timeout=timeout or _seconds(env.get("SCENEGEN_LLM_TIMEOUT")))


def judge_options(name: str | None = None, env: Mapping[str, str] = os.environ) -> JudgeOptions:
    """The vision judge's options: ``--judge`` when given, else ``$SCENEGEN_JUDGE``, else the bundled CNN."""
    return JudgeOptions(name=name or env.get("SCENEGEN_JUDGE") or "bundled",
                        path=env.get("SCENEGEN_JUDGE_PATH") or None, url=env.get("SCENEGEN_JUDGE_URL") or None,
                        model=env.get("SCENEGEN_JUDGE_MODEL") or None, key=env.get("OPENAI_API_KEY") or None)


def density_name(flag: str | None, env: Mapping[str, str] = os.environ) -> str:
    """The design density: ``--density`` when given, else ``$SCENEGEN_DENSITY`` (the test suite pins ``minimal`` this
    way), else ``normal``."""
    return flag or env.get("SCENEGEN_DENSITY") or "normal"


def _seconds(value: str | None) -> float | None:
    """A number of seconds from a variable, or None when it is unset or empty."""
    return float(value) if value else None


def make_options(file: str | Path | None, flags: Mapping[str, Any], *, planner: str | None = None,
                 env: Mapping[str, str] = os.environ) -> MakeOptions:
    """The run's options: the ``options.json`` at ``file`` (``--options``; it wins over the variables, so a run
    repeats), else the defaults with ``$SCENEGEN_PLANNER`` (or ``planner`` when given: batch pins ``rules``),
    ``$SCENEGEN_DENSITY`` and the ``SCENEGEN_LLM_*`` variables; then every flag that was given (``flags``:
    ``MakeOptions.replace`` keywords, dotted for nested options; None: not given). ``flags["judge"]`` is a judge name:
    it becomes ``JudgeOptions`` from the variables and adds the ``vision`` check to the validators. API keys, which an
    options file never holds, come from the variables. Raises ``ValueError`` (one line) on an unreadable file."""
    given = {k: v for k, v in flags.items() if v is not None}
    if file is not None:
        base = MakeOptions.read(file)
    else:
        base = MakeOptions(planner=planner or planner_name(None, env), density=density_name(None, env),
                           llm=llm_options(env=env))
    judge = given.pop("judge", None)
    if judge:
        from validators.registry import default_names

        given["judge"] = judge_options(judge, env)
        checks = tuple(given.get("validators") or base.validators or default_names())
        given["validators"] = checks if "vision" in checks else (*checks, "vision")
    opts = base.replace(**given)
    key = env.get("SCENEGEN_LLM_KEY") or env.get("OPENAI_API_KEY") or None
    opts = opts.replace(**{"llm.key": key})
    if opts.judge is not None and opts.judge.key is None:
        opts = opts.replace(judge=dataclasses.replace(opts.judge, key=env.get("OPENAI_API_KEY") or None))
    return opts


def absolute(path: Path | None) -> str | None:
    """``path`` made absolute (None stays None): options files and batch workers must not depend on the folder."""
    return str(path.resolve()) if path is not None else None
