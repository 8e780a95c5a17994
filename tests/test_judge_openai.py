"""The ``openai`` judge against a real loopback HTTP server speaking the chat-completions protocol: a good verdict,
a garbage reply, a hanging server (timeout), a transient 500 (retried) and a 401 (not retried)."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scenegen.judge import judge_scene
from scenegen.judge.vlm import JudgeReplyError
from scenegen.judge.vlm_openai import JudgeEndpointError, OpenAIJudge
from tests.test_judge import hand_scene, instance


class Server:
    """A loopback chat-completions server; ``script`` is a list of behaviours, one per request (the last repeats):
    ``("json", text)`` answers a completion whose message is ``text``; ``("raw", body)`` sends ``body`` as is;
    ``("status", code)`` answers that HTTP status; ``("hang", None)`` never answers (until the test ends)."""

    def __init__(self, script: list[tuple[str, object]]) -> None:
        self.script = script
        self.requests: list[dict] = []
        self.release = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep pytest output clean
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
                kind, value = outer.script[min(len(outer.requests), len(outer.script)) - 1]
                if kind == "hang":
                    outer.release.wait(10)
                    return
                if kind == "status":
                    self.send_response(int(value))  # type: ignore[arg-type]
                    self.end_headers()
                    return
                data = (json.dumps({"id": "x", "object": "chat.completion", "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": value}, "finish_reason": "stop"}]})
                    if kind == "json" else str(value)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def scene():
    return hand_scene([instance("bed_1", "bed", (1.2, 1.6), colour="red"),
                       instance("plant_1", "plant", (3.4, 3.0))])


VERDICT = {"objects": [{"id": "bed_1", "category_ok": 0.95, "colour_ok": 0.1, "predicted_category": "bed",
                        "reason": "a bed, but pink"},
                       {"id": "plant_1", "category_ok": 0.2, "colour_ok": None, "predicted_category": "vase",
                        "reason": "looks like a vase"}],
           "scene": {"score": 0.6, "reason": "sparse"}}


def test_good_reply_becomes_the_verdict(scene):
    with Server([("json", json.dumps(VERDICT))]) as srv:
        judge = OpenAIJudge(url=srv.url, model="tiny-vlm", api_key="k", timeout=5, retries=0)
        verdict = judge_scene(scene, judge)
    assert verdict.judge == "openai"
    bed, plant = verdict.object("bed_1"), verdict.object("plant_1")
    assert (bed.category_ok, bed.colour_ok, bed.reason) == (0.95, 0.1, "a bed, but pink")
    assert (plant.category_ok, plant.predicted_category, plant.colour_ok) == (0.2, "vase", None)
    assert verdict.scene.score == 0.6
    assert bed.visible_fraction > 0.9  # visibility is measured from the renders, not asked
    (req,) = srv.requests
    assert req["path"] == "/v1/chat/completions" and req["auth"] == "Bearer k"
    body = req["body"]
    assert body["model"] == "tiny-vlm" and body["temperature"] == 0
    system, user = body["messages"]
    assert system["role"] == "system" and "JSON" in system["content"]
    texts = [p["text"] for p in user["content"] if p["type"] == "text"]
    images = [p["image_url"]["url"] for p in user["content"] if p["type"] == "image_url"]
    assert "- bed_1: bed; red" in texts[0] and "- plant_1: plant; no colour stated" in texts[0]
    assert len(images) == verdict.views == 5
    png = base64.b64decode(images[0].removeprefix("data:image/png;base64,"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_garbage_reply_is_one_clear_line(scene):
    with Server([("json", "I think the room looks lovely!")]) as srv:
        with pytest.raises(JudgeReplyError, match="judge reply is not JSON") as err:
            judge_scene(scene, OpenAIJudge(url=srv.url, timeout=5, retries=0))
    assert "\n" not in str(err.value) and "lovely" in str(err.value)


def test_non_protocol_body_is_one_clear_line(scene):
    with Server([("raw", "<html>gateway</html>")]) as srv:
        with pytest.raises(JudgeReplyError, match="chat-completions format"):
            judge_scene(scene, OpenAIJudge(url=srv.url, timeout=5, retries=0))


def test_hanging_server_times_out_after_the_retries(scene):
    with Server([("hang", None)]) as srv:
        with pytest.raises(JudgeEndpointError, match=r"no answer within 0.5 s \(after 2 tries\)") as err:
            judge_scene(scene, OpenAIJudge(url=srv.url, timeout=0.5, retries=1))
        assert len(srv.requests) == 2
    assert "\n" not in str(err.value)


def test_transient_error_is_retried_and_a_refusal_is_not(scene):
    with Server([("status", 503), ("json", json.dumps(VERDICT))]) as srv:
        verdict = judge_scene(scene, OpenAIJudge(url=srv.url, timeout=5, retries=2))
        assert len(srv.requests) == 2 and verdict.object("bed_1").category_ok == 0.95
    with Server([("status", 401)]) as srv:
        with pytest.raises(JudgeEndpointError, match="refused the request: HTTP 401"):
            judge_scene(scene, OpenAIJudge(url=srv.url, timeout=5, retries=3))
        assert len(srv.requests) == 1


def test_nothing_listening_is_a_connection_error():
    import socket

    with socket.socket() as s:  # a port that was free a moment ago
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    judge = OpenAIJudge(url=f"http://127.0.0.1:{port}/v1", timeout=1, retries=0)
    with pytest.raises(JudgeEndpointError, match="cannot connect"):
        judge.ask("s", "t", [])
