"""A small OpenAI-compatible chat-completions client (standard library only), for the planner's and the judge's
``openai`` backends.

One POST to ``<url>/chat/completions`` per call, ``temperature`` 0. Each try has ``timeout`` seconds; connection
failures, timeouts, HTTP 429 and 5xx are retried up to ``retries`` more times with exponential backoff. ``deadline_s``
bounds everything the client does from its creation (every try, backoff and format fallback, body reads included):
past it no request is started or waited for (the planner's ``--llm-timeout``); other HTTP
errors are not, except that a 400 to a request carrying a ``response_format`` is retried once with a simpler format
(``json_schema`` -> ``json_object`` -> none), since many servers (older llama.cpp, Ollama) reject one or the other.
Every failure ends in a one-line ``LLMEndpointError`` / ``LLMReplyError``. The API key is sent as a bearer token and
is never part of a message, an error or a ``repr``.
The vision judge's ``openai`` backend (``scenegen.judge.vlm_openai``) uses the same client.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request

DEFAULT_TIMEOUT_S = 60.0
DEFAULT_RETRIES = 2
BACKOFF_S = 0.5


class LLMEndpointError(ValueError):
    """The endpoint could not be reached or refused the request (one line)."""


class LLMReplyError(ValueError):
    """The endpoint answered, but not in the chat-completions format (one line)."""


class ChatClient:
    """``url``: the API base (…/v1); ``model``: the served model's name; ``api_key``: bearer token or None."""

    def __init__(self, url: str, model: str = "default", api_key: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT_S, retries: int = DEFAULT_RETRIES, max_tokens: int = 1024,
                 what: str = "LLM endpoint", flag: str = "--llm-url", deadline_s: float | None = None) -> None:
        self.url = url.rstrip("/")
        if not self.url.startswith(("http://", "https://")):
            raise LLMEndpointError(f"{flag} must start with http:// or https://, got {self.url!r}")
        self.model = model
        self._api_key = api_key or None
        self.timeout = float(timeout)
        self.retries = max(0, int(retries))
        self.max_tokens = max_tokens
        self.what, self.flag = what, flag
        if deadline_s is not None and not deadline_s > 0:
            raise LLMEndpointError(f"the LLM deadline must be a positive number of seconds, got {deadline_s!r}")
        self.deadline_s = deadline_s
        self._deadline = time.monotonic() + deadline_s if deadline_s is not None else None

    def _remaining(self) -> float | None:
        """Seconds left before the deadline (may be <= 0), or None without one."""
        return None if self._deadline is None else self._deadline - time.monotonic()

    def _past_deadline(self, last: str) -> "LLMEndpointError":
        detail = f" (last: {last})" if last else ""
        return LLMEndpointError(f"{self.what} {self.endpoint}: no answer within the {self.deadline_s:g} s deadline"
                                f"{detail}; raise --llm-timeout or check {self.flag} and that the server is up")

    def __repr__(self) -> str:  # never the key
        return f"ChatClient(url={self.url!r}, model={self.model!r}, key={'set' if self._api_key else 'none'})"

    @property
    def endpoint(self) -> str:
        return f"{self.url}/chat/completions"

    def chat(self, messages: list[dict], json_schema: dict | None = None, name: str = "reply",
             json_object: bool = False) -> str:
        """The first choice's message text. With ``json_schema``, ask for schema-constrained JSON, falling back to
        ``json_object`` and then to no response format when the server answers 400 to it; ``json_object`` alone asks
        for any JSON object (falling back to no format)."""
        formats: list[dict | None] = [{"type": "json_object"}, None] if json_object else [None]
        if json_schema is not None:
            formats = [{"type": "json_schema", "json_schema": {"name": name, "schema": json_schema, "strict": False}},
                       {"type": "json_object"}, None]
        for i, fmt in enumerate(formats):
            body: dict = {"model": self.model, "temperature": 0, "max_tokens": self.max_tokens, "messages": messages}
            if fmt is not None:
                body["response_format"] = fmt
            try:
                return self._post(body)
            except _Rejected as exc:
                if fmt is None or i == len(formats) - 1:
                    raise LLMEndpointError(f"{self.what} {self.endpoint} refused the request: {exc}") from None
        raise AssertionError("unreachable")

    def _post(self, body: dict) -> str:
        data = json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(_clip(BACKOFF_S * 2 ** (attempt - 1), self._remaining()))
            left = self._remaining()
            if left is not None and left <= 0:
                raise self._past_deadline(last)
            req = urllib.request.Request(self.endpoint, data=data, headers=headers, method="POST")
            try:
                raw = self._fetch(req, _clip(self.timeout, left), left)
            except _DeadlinePassed:
                raise self._past_deadline(last) from None
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code} {exc.reason}"
                if exc.code == 429 or exc.code >= 500:
                    continue
                if exc.code == 400 and "response_format" in body:
                    raise _Rejected(last) from None
                raise LLMEndpointError(f"{self.what} {self.endpoint} refused the request: {last}") from None
            except (TimeoutError, socket.timeout):
                last = f"no answer within {self.timeout:g} s"
                continue
            except (urllib.error.URLError, ConnectionError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                last = (f"no answer within {self.timeout:g} s" if isinstance(reason, (TimeoutError, socket.timeout))
                        else f"cannot connect ({reason})")
                continue
            return message_text(raw, self.what, self.endpoint)
        tries = self.retries + 1
        raise LLMEndpointError(f"{self.what} {self.endpoint}: {last} (after {tries} tr{'y' if tries == 1 else 'ies'}); "
                               f"check {self.flag} and that the server is up")


    def _fetch(self, req: urllib.request.Request, timeout: float, left: float | None) -> bytes:
        """The response body of ``req`` (each socket wait at most ``timeout`` s). With a deadline, the request runs in
        a daemon thread that is waited for at most ``left`` s, so a server that trickles its answer cannot outlast
        it; the abandoned thread ends at its own socket timeout."""
        if left is None:
            return _urlopen_read(req, timeout)
        box: dict[str, object] = {}

        def work() -> None:
            try:
                box["raw"] = _urlopen_read(req, timeout)
            except BaseException as exc:  # noqa: BLE001 -- handed to the waiting thread, which re-raises it
                box["exc"] = exc

        thread = threading.Thread(target=work, name="llm-http", daemon=True)
        thread.start()
        thread.join(max(left, 0.0))
        if thread.is_alive():
            raise _DeadlinePassed
        if "exc" in box:
            raise box["exc"]  # type: ignore[misc]
        return box["raw"]  # type: ignore[return-value]


def _urlopen_read(req: urllib.request.Request, timeout: float) -> bytes:
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.read()


def _clip(seconds: float, left: float | None) -> float:
    """``seconds`` cut to the time left before a deadline (never below a millisecond, which sockets need)."""
    return seconds if left is None else max(min(seconds, left), 0.001)


class _Rejected(Exception):
    pass


class _DeadlinePassed(Exception):
    pass


def message_text(raw: bytes, what: str, endpoint: str) -> str:
    """The first choice's message content from a chat-completions response body."""
    try:
        body = json.loads(raw)
        content = body["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        head = " ".join(raw[:60].decode("utf-8", "replace").split())
        raise LLMReplyError(f"{what} {endpoint} did not answer in the chat-completions format; it sent: {head!r}"
                            ) from None
    if isinstance(content, list):  # some servers return content parts
        content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
    if not isinstance(content, str):
        raise LLMReplyError(f"{what} {endpoint} sent a message without text content")
    return content
