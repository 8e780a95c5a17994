"""Issue 20 item 6: ``--llm-timeout`` is a total deadline for a plan, not a per-try timeout.

Loopback servers only (127.0.0.1, port 0), with bounded loops: one accepts and never answers, one sends its headers
and then trickles the body a byte at a time (each byte well inside the per-try socket timeout, so only a total deadline
stops it)."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from scenegen.llm_http import ChatClient, LLMEndpointError

HOLD_S = 20.0
"""The longest a test server holds a connection; every loop in it ends by then."""


@contextmanager
def hanging_server(mode: str) -> Iterator[str]:
    """A loopback HTTP server whose every connection is held: ``silent`` never answers, ``trickle`` sends a 200
    header and then one body byte every 0.2 s. Yields the API base URL."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.1)
    stop = threading.Event()
    conns: list[socket.socket] = []

    def serve(conn: socket.socket) -> None:
        end = time.monotonic() + HOLD_S
        try:
            conn.settimeout(0.1)
            if mode == "trickle":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
            while not stop.is_set() and time.monotonic() < end:
                if mode == "trickle":
                    conn.sendall(b" ")
                stop.wait(0.2)
        except OSError:
            pass

    def accept() -> None:
        end = time.monotonic() + HOLD_S
        while not stop.is_set() and time.monotonic() < end:
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            conns.append(conn)
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.getsockname()[1]}/v1"
    finally:
        stop.set()
        for c in conns:
            c.close()
        srv.close()


@pytest.mark.parametrize("mode", ["silent", "trickle"])
def test_the_deadline_bounds_every_try_retry_and_read(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scenegen.llm_http.BACKOFF_S", 0.05)
    with hanging_server(mode) as url:
        client = ChatClient(url, timeout=5.0, retries=3, deadline_s=1.0)
        t0 = time.monotonic()
        with pytest.raises(LLMEndpointError, match="no answer within the 1 s deadline") as err:
            client.chat([{"role": "user", "content": "hi"}], json_schema={"type": "object"})
        took = time.monotonic() - t0
    assert 0.9 < took < 2.0, took  # without the deadline: 4 tries x 5 s (silent) or until the body ends (trickle)
    assert "\n" not in str(err.value) and "--llm-timeout" in str(err.value)


def test_no_deadline_keeps_the_per_try_timeout() -> None:
    with hanging_server("silent") as url:
        client = ChatClient(url, timeout=0.3, retries=0)
        with pytest.raises(LLMEndpointError, match="no answer within 0.3 s"):
            client.chat([{"role": "user", "content": "hi"}])


def test_a_non_positive_deadline_is_refused() -> None:
    with pytest.raises(LLMEndpointError, match="positive"):
        ChatClient("http://127.0.0.1:9/v1", deadline_s=0.0)


def test_plan_llm_timeout_ends_the_command_in_time() -> None:
    """``scenegen plan --planner openai --llm-timeout 2`` against a silent server: one line, non-zero, ~2 s (the
    default per-try 60 s x 3 tries took 182 s)."""
    with hanging_server("silent") as url:
        t0 = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "cli.main", "plan", "a bedroom with a bed", "--planner",
                               "openai", "--llm-url", url, "--llm-timeout", "2"],
                              capture_output=True, text=True, timeout=60)
        took = time.monotonic() - t0
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 1 and len(lines) == 1 and "2 s deadline" in lines[0], proc.stderr
    assert took < 20, took  # interpreter start-up on a loaded machine plus the 2 s deadline
