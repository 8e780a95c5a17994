"""One shared way to say an exception in one line (CLI errors, warnings, batch notes, findings)."""

from __future__ import annotations

MAX_LINE = 400
"""Characters kept of an exception's first line: a message that quotes a whole input stays readable."""


def first_line(exc: BaseException, with_kind: bool = False) -> str:
    """The first non-empty line of ``str(exc)``, cut to ``MAX_LINE`` characters; the exception's class name when its
    text is empty. ``with_kind`` prefixes the class name (``TypeError: ...``), for errors that are not the user's
    words but a value the code did not expect."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else ""
    if len(text) > MAX_LINE:
        text = text[:MAX_LINE - 1] + "…"
    if not text:
        return exc.__class__.__name__
    return f"{exc.__class__.__name__}: {text}" if with_kind else text
