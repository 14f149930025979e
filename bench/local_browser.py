"""A built site served on a free local port, and Debian's Chromium to read it: what the bench scripts that
drive a browser share (bench/finder.py, bench/answers.py)."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from project_venv import REPO

CHROMIUM = "/usr/bin/chromium"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve `site` until the block ends; yields its base address, ending in a slash."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def launch(playwright):
    """Headless Chromium from Debian (installed first when missing, as the tests do)."""
    if not os.path.exists(CHROMIUM):
        subprocess.run([sys.executable, str(REPO / "tests" / "ensure_chromium.py")], check=True)
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
