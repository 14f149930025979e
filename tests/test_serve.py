"""`mkdocs serve` as contributors run it: a bad save is explained and survived; stopping it frees the port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from conftest import MKDOCS_ENV, SPECIALIST, make_repo, write

SPEC_FILE = "catalog/models/acme/fin-sentiment.yaml"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the next `mkdocs serve` binds
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _get(url: str, timeout: float = 10.0) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def _children(pid: int) -> list[int]:
    path = f"/proc/{pid}/task/{pid}/children"
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        return [int(child) for child in handle.read().split()]


@pytest.mark.build
def test_serve_survives_a_bad_save_and_frees_its_port_when_terminated(tmp_path):
    repo = make_repo(tmp_path, site=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=repo,
        env=MKDOCS_ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(server.stdout), daemon=True).start()
    page = f"http://127.0.0.1:{port}/models/acme/fin-sentiment/"
    try:
        _wait_for(lambda: "Acme Fin Sentiment" in _get(page), 180, "the first build")

        # A YAML mistake: readable positioned lines in the log, and the last good site stays served.
        write(repo / SPEC_FILE, SPECIALIST.replace("name: Acme Fin Sentiment", "name: [Acme"))
        _wait_for(lambda: any(f"{SPEC_FILE}:" in line for line in log), 60, "the error in the log")
        _wait_for(lambda: any("keeps the last good pages" in line for line in log), 60, "the fallback")
        assert "Acme Fin Sentiment" in _get(page, timeout=5)  # answered, not held until the fix
        # The page store keeps the last good model pages; the next good save rewrites only what changed.
        stored = repo / ".cache" / "model-atlas" / "pages" / "models" / "acme"
        assert sorted(p.name for p in stored.iterdir()) == [
            "fin-sentiment.md",
            "general-encoder.md",
            "norsk-bert.md",
        ]
        assert not any("SystemExit(" in line or "Traceback" in line for line in log), "".join(log)

        # The next good save is served, by one rebuild: the rebuild's own reading of the generator's and the
        # catalog's files is not a change (generator/mkdocs/model_pages.py, SAVES).
        def builds() -> int:
            return sum("Building documentation" in line for line in log)

        before = builds()
        write(repo / SPEC_FILE, SPECIALIST.replace("name: Acme Fin Sentiment", "name: Acme Fin Mended"))
        _wait_for(lambda: "Acme Fin Mended" in _get(page), 60, "the mended page")
        time.sleep(3)  # long enough for a rebuild set off by that rebuild to have started
        assert builds() == before + 1, "".join(log[-20:])

        helpers = _children(server.pid)
        server.send_signal(signal.SIGTERM)  # as a process manager or an editor's task runner stops it
        server.wait(timeout=10)
        _wait_for(lambda: _port_is_free(port), 2, "the port to be free within 2 s")
        _wait_for(lambda: not any(os.path.exists(f"/proc/{pid}") for pid in helpers), 5, "helpers to exit")
    finally:
        if server.poll() is None:
            server.kill()
