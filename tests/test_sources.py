"""The source checker tells dead citations from live ones, against a real local server."""

from __future__ import annotations

import http.server
import threading

import pytest

from generator.checks.sources import check_sources


class Pages(http.server.BaseHTTPRequestHandler):
    def _answer(self, body: bool):
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/no-head":
            self.send_response(200)
        elif self.path == "/broken":
            self.send_response(500)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_dead_sources_are_reported_with_who_cites_them(site):
    cited = {
        f"{site}/ok": ["a/b"],
        f"{site}/moved": ["a/b"],
        f"{site}/no-head": ["c/d"],
        f"{site}/gone": ["a/b", "finding x"],
        f"{site}/broken": ["c/d"],
        "http://127.0.0.1:9/refused": ["e/f"],
    }
    dead = {d.url: (d.reason, d.cited_by) for d in check_sources(cited, timeout=2)}
    assert set(dead) == {f"{site}/gone", f"{site}/broken", "http://127.0.0.1:9/refused"}
    assert dead[f"{site}/gone"] == ("HTTP 404", ("a/b", "finding x"))
    assert dead[f"{site}/broken"][0] == "HTTP 500"
    assert dead["http://127.0.0.1:9/refused"][0].startswith("unreachable")


def test_evidence_urls_are_cited_and_never_sources_are_reported_without_a_request():
    from generator.catalog.schema import ModelEntry
    from generator.catalog.sources import never_source
    from generator.checks.sources import cited_urls

    entry = ModelEntry.model_validate(
        {
            "id": "acme/m",
            "name": "M",
            "summary": "A model.",
            "kind": "general",
            "focus": "F",
            "scope": "S.",
            "not_for": ["X."],
            "sources": ["https://huggingface.co/acme/m"],
            "evidence": [
                {
                    "benchmark": "B",
                    "metric": "accuracy",
                    "value": 0.9,
                    "source": "https://arxiv.org/abs/1234.5678",
                    "compared_with": {"name": "G", "value": 0.8, "source": "https://www.promptlayer.com/x"},
                }
            ],
        }
    )

    class Catalog:
        models = {"acme/m": entry}
        findings = []

    cited = cited_urls(Catalog())
    assert set(cited) == {
        "https://huggingface.co/acme/m",
        "https://arxiv.org/abs/1234.5678",
        "https://www.promptlayer.com/x",
    }
    assert "promptlayer.com is never a source" in never_source("https://www.promptlayer.com/x")
    (dead,) = check_sources({"https://www.promptlayer.com/x": ["acme/m"]}, timeout=1)
    assert "never a source" in dead.reason
