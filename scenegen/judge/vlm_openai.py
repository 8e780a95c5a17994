"""The ``openai`` judge: any OpenAI-compatible chat-completions endpoint that accepts images (vLLM, llama.cpp server,
Ollama, hosted services).

One POST to ``<url>/chat/completions`` per scene: the rubric as the system message; the object list and every marked
view (PNG as a base64 ``data:`` URL) as the user message; ``temperature`` 0 and a JSON response format. Each try has
``timeout`` seconds; connection failures, timeouts, HTTP 429 and 5xx are retried up to ``retries`` more times with
exponential backoff; other HTTP errors are not. Every failure ends in a one-line ``JudgeEndpointError``. Standard
library only (``urllib``).
"""

from __future__ import annotations

import base64
import json
import os
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import TYPE_CHECKING

from scenegen.judge.core import JUDGES
from scenegen.judge.schema import ObjectAssessment, SceneAssessment
from scenegen.judge.vlm import JudgeReplyError, assess_with
from scenegen.scene import Scene

if TYPE_CHECKING:
    from scenegen.judge.crops import Visibility
    from scenegen.judge.views import JudgeViews

DEFAULT_URL = "http://127.0.0.1:8000/v1"
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_RETRIES = 2
BACKOFF_S = 0.5


class JudgeEndpointError(ValueError):
    """The endpoint could not be reached or did not answer usefully (one line)."""


class OpenAIJudge:
    """Judge through an OpenAI-compatible endpoint. ``url``: the API base (…/v1); ``model``: the served model's name;
    ``api_key``: sent as a bearer token (default: ``$OPENAI_API_KEY`` when set)."""

    name = "openai"

    def __init__(self, url: str | None = None, model: str = "default", api_key: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT_S, retries: int = DEFAULT_RETRIES, json_mode: bool = True,
                 max_tokens: int = 2048) -> None:
        self.url = (url or os.environ.get("SCENEGEN_JUDGE_URL") or DEFAULT_URL).rstrip("/")
        if not self.url.startswith(("http://", "https://")):
            raise ValueError(f"--judge-url must start with http:// or https://, got {self.url!r}")
        self.model = model
        self.api_key = api_key if api_key is not None else os.environ.get("OPENAI_API_KEY")
        self.timeout = float(timeout)
        self.retries = max(0, int(retries))
        self.json_mode = json_mode
        self.max_tokens = max_tokens

    def payload(self, system: str, text: str, images: list[bytes]) -> dict:
        """The chat-completions request body."""
        content: list[dict] = [{"type": "text", "text": text}]
        for png in images:
            url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
            content.append({"type": "image_url", "image_url": {"url": url}})
        body: dict = {"model": self.model, "temperature": 0, "max_tokens": self.max_tokens,
                      "messages": [{"role": "system", "content": system}, {"role": "user", "content": content}]}
        if self.json_mode:
            body["response_format"] = {"type": "json_object"}
        return body

    def ask(self, system: str, text: str, images: list[bytes]) -> str:
        """POST the request and return the reply's message text (retrying as the module docstring says)."""
        data = json.dumps(self.payload(system, text, images)).encode()
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        endpoint = f"{self.url}/chat/completions"
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(BACKOFF_S * 2 ** (attempt - 1))
            req = urllib.request.Request(endpoint, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    raw = resp.read()
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code} {exc.reason}"
                if exc.code == 429 or exc.code >= 500:
                    continue
                raise JudgeEndpointError(f"judge endpoint {endpoint} refused the request: {last}") from None
            except (TimeoutError, socket.timeout):
                last = f"no answer within {self.timeout:g} s"
                continue
            except (urllib.error.URLError, ConnectionError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, (TimeoutError, socket.timeout)):
                    last = f"no answer within {self.timeout:g} s"
                else:
                    last = f"cannot connect ({reason})"
                continue
            return _message_text(raw, endpoint)
        tries = self.retries + 1
        raise JudgeEndpointError(f"judge endpoint {endpoint}: {last} (after {tries} tr{'y' if tries == 1 else 'ies'}); "
                                 f"check --judge-url and that the server is up")

    def assess(self, scene: Scene, views: "JudgeViews", visibility: Mapping[str, "Visibility"]
               ) -> tuple[dict[str, ObjectAssessment], SceneAssessment]:
        return assess_with(self.ask, scene, views, visibility)


def _message_text(raw: bytes, endpoint: str) -> str:
    """The first choice's message content from a chat-completions response body."""
    try:
        body = json.loads(raw)
        content = body["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        head = " ".join(raw[:60].decode("utf-8", "replace").split())
        raise JudgeReplyError(f"judge endpoint {endpoint} did not answer in the chat-completions format; it sent: "
                              f"{head!r}") from None
    if isinstance(content, list):  # some servers return content parts
        content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
    if not isinstance(content, str):
        raise JudgeReplyError(f"judge endpoint {endpoint} sent a message without text content")
    return content


JUDGES.register("openai")(OpenAIJudge)
