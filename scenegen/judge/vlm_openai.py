"""The ``openai`` judge: any OpenAI-compatible chat-completions endpoint that accepts images (vLLM, llama.cpp server,
Ollama, hosted services).

One POST to ``<url>/chat/completions`` per scene: the rubric as the system message; the object list and every marked
view (PNG as a base64 ``data:`` URL) as the user message; ``temperature`` 0 and a JSON response format. Each try has
``timeout`` seconds; connection failures, timeouts, HTTP 429 and 5xx are retried up to ``retries`` more times with
exponential backoff; other HTTP errors are not. Every failure ends in a one-line ``JudgeEndpointError``. Standard
library only (``scenegen.llm_http``, shared with the planner's ``openai`` backend).
"""

from __future__ import annotations

import base64
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


class JudgeEndpointError(ValueError):
    """The endpoint could not be reached or did not answer usefully (one line)."""


class OpenAIJudge:
    """Judge through an OpenAI-compatible endpoint. ``url``: the API base (…/v1); ``model``: the served model's name;
    ``api_key``: sent as a bearer token (the command line passes ``$OPENAI_API_KEY``: ``cli.env.judge_options``)."""

    name = "openai"

    def __init__(self, url: str | None = None, model: str = "default", api_key: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT_S, retries: int = DEFAULT_RETRIES, json_mode: bool = True,
                 max_tokens: int = 2048) -> None:
        self.url = (url or DEFAULT_URL).rstrip("/")
        if not self.url.startswith(("http://", "https://")):
            raise ValueError(f"--judge-url must start with http:// or https://, got {self.url!r}")
        self.model = model
        self.api_key = api_key
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
        """POST the request and return the reply's message text (``scenegen.llm_http.ChatClient``: timeouts, retries
        with backoff, one-line errors)."""
        from scenegen.llm_http import ChatClient, LLMEndpointError, LLMReplyError

        body = self.payload(system, text, images)
        client = ChatClient(self.url, self.model, self.api_key, self.timeout, self.retries, self.max_tokens,
                            what="judge endpoint", flag="--judge-url")
        try:
            return client.chat(body["messages"], json_object=self.json_mode)
        except LLMReplyError as exc:
            raise JudgeReplyError(str(exc)) from None
        except LLMEndpointError as exc:
            raise JudgeEndpointError(str(exc)) from None

    def assess(self, scene: Scene, views: "JudgeViews", visibility: Mapping[str, "Visibility"]
               ) -> tuple[dict[str, ObjectAssessment], SceneAssessment]:
        return assess_with(self.ask, scene, views, visibility)


JUDGES.register("openai")(OpenAIJudge)
