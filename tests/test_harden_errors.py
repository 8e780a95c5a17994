"""Issue 20 items 2 and 4: errors a hostile input provokes deep in a library end in one line, and --debug still
shows the traceback so a genuine bug stays diagnosable."""

from __future__ import annotations

import pytest
import typer

from cli import common
from scenegen.errors import MAX_LINE, first_line


def test_first_line_takes_the_first_non_empty_line_and_caps_it() -> None:
    assert first_line(ValueError("\n  bad thing  \nmore detail")) == "bad thing"
    assert first_line(KeyError()) == "KeyError"
    assert first_line(TypeError("x"), with_kind=True) == "TypeError: x"
    assert len(first_line(ValueError("a" * 10_000))) == MAX_LINE


@pytest.mark.parametrize("exc", [TypeError("type str doesn't define __round__ method"),
                                 RecursionError("maximum recursion depth exceeded"),
                                 OverflowError("cannot convert float infinity to integer"),
                                 SystemError("tile cannot extend outside image")])
def test_unexpected_errors_end_in_one_line_naming_their_kind(exc: Exception, capsys: pytest.CaptureFixture,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(common._state, "debug", False)
    with pytest.raises(typer.Exit) as info:
        with common.user_errors():
            raise exc
    assert info.value.exit_code == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {exc.__class__.__name__}: ") and "--debug" in lines[0]


def test_debug_lets_the_exception_through(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(common._state, "debug", True)
    with pytest.raises(TypeError):
        with common.user_errors():
            raise TypeError("a genuine bug")


def test_a_reply_nested_past_the_recursion_limit_is_a_reply_error() -> None:
    from scenegen.plan.schema import ReplyError, parse_reply

    with pytest.raises(ReplyError, match="RecursionError"):
        parse_reply('{"room": ' + "[" * 50_000 + "]" * 50_000 + "}")
