"""A local HTTP server that answers `GET /api/models/{org}/{name}` the way the Hugging Face Hub does.

The pull stage is tested against real HTTP through the real `huggingface_hub` client, never a mock: this
server plays the Hub, with per-model scripted failures (status, headers, body, delay). The benchmark runs it
as a separate process (`python tests/hub_server.py --synthetic 1000 --latency 0.05`) so that the server and
the client do not share one interpreter lock.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass
class Answer:
    """One scripted answer: a status, headers, a body (dict → JSON, str → raw text) and a delay."""

    status: int = 200
    body: dict | str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Request:
    """What the server saw, for assertions: the model id, the `expand` values, the auth header, when."""

    model_id: str
    expand: list[str]
    authorization: str | None
    started: float
    finished: float = 0.0


def hub_doc(model_id: str, **overrides) -> dict:
    """A model document shaped like the Hub's `model_info` answer with the properties the pull expands."""
    doc = {
        "_id": "6500000000000000000000aa",
        "id": model_id,
        "author": model_id.split("/")[0],
        "sha": "0123456789abcdef0123456789abcdef01234567",
        "createdAt": "2023-03-14T09:30:00.000Z",
        "lastModified": "2026-10-01T12:00:00.000Z",
        "private": False,
        "gated": False,
        "disabled": False,
        "downloads": 1000,
        "likes": 10,
        "library_name": "transformers",
        "pipeline_tag": "text-classification",
        "tags": ["transformers", "safetensors", "en", "text-classification"],
        "cardData": {"language": ["en"], "license": "apache-2.0", "base_model": "acme/base"},
        "safetensors": {"parameters": {"F32": 109484547}, "total": 109484547},
        "usedStorage": 1316525846,
        "trendingScore": 3,
    }
    doc.update(overrides)
    return doc


def not_found(model_id: str) -> Answer:
    return Answer(404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})


def gated(model_id: str) -> Answer:
    return Answer(401, {"error": "Access to model is restricted"}, {"X-Error-Code": "GatedRepo"})


class FakeHub:
    """Serves `docs` (id → document); `scripts` (id → answers) are played first, one per request.

    With `synthetic`, any `bench/<name>` id exists. `latency` delays every answer, as a remote server
    would. Requests are recorded, and the peak number in flight is kept to check the client's bound.
    """

    def __init__(self, docs=None, scripts=None, latency: float = 0.0, synthetic: bool = False):
        self.docs: dict[str, dict] = dict(docs or {})
        self.scripts: dict[str, list[Answer]] = {k: list(v) for k, v in (scripts or {}).items()}
        self.latency = latency
        self.synthetic = synthetic
        self.requests: list[Request] = []
        self.in_flight = 0
        self.peak_in_flight = 0
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    def answer(self, model_id: str) -> Answer:
        with self._lock:
            script = self.scripts.get(model_id)
            if script:
                return script.pop(0)
        if model_id in self.docs:
            return Answer(200, self.docs[model_id])
        if self.synthetic and model_id.startswith("bench/"):
            return Answer(200, hub_doc(model_id))
        return not_found(model_id)

    def __enter__(self) -> FakeHub:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, port: int = 0) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False  # a hanging answer must not hold up the test's teardown
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def requested(self) -> list[str]:
        with self._lock:
            return [r.model_id for r in self.requests]


def _handler(hub: FakeHub):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the real client pools connections
        # Headers and body go out as two writes; with Nagle's algorithm the second waits for the client's
        # delayed ACK (~40 ms), a cost of this server that the real Hub does not have.
        disable_nagle_algorithm = True

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            url = urlsplit(self.path)
            prefix = "/api/models/"
            if not url.path.startswith(prefix):
                self._send(Answer(404, {"error": "Not found"}))
                return
            model_id = unquote(url.path[len(prefix) :])
            record = Request(
                model_id,
                parse_qs(url.query).get("expand", []),
                self.headers.get("authorization"),
                time.monotonic(),
            )
            with hub._lock:
                hub.requests.append(record)
                hub.in_flight += 1
                hub.peak_in_flight = max(hub.peak_in_flight, hub.in_flight)
            try:
                answer = hub.answer(model_id)
                time.sleep(hub.latency + answer.delay)
                self._send(answer)
            finally:
                with hub._lock:
                    hub.in_flight -= 1
                record.finished = time.monotonic()

        def _send(self, answer: Answer) -> None:
            body = answer.body if isinstance(answer.body, str) else json.dumps(answer.body)
            data = body.encode("utf-8")
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test): nothing to answer

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a fake Hub on 127.0.0.1 until stdin closes.")
    parser.add_argument("--synthetic", action="store_true", help="answer any bench/<name> id")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    args = parser.parse_args()
    hub = FakeHub(latency=args.latency, synthetic=args.synthetic)
    hub.start()
    print(hub.url, flush=True)
    sys.stdin.read()  # the parent closes our stdin to stop us
    hub.stop()


if __name__ == "__main__":
    main()
