"""Benchmark the preview: edit one entry under `mkdocs serve` and time until its page is served changed.

    python3 bench/serve.py [--n 1000,10000] [--edits 3] [--modes plain,dirty] [--keep DIR]

bench/synth.py writes a synthetic catalog of N entries into a scratch copy of the repository; for each mode,
`mkdocs serve` starts on a free port of 127.0.0.1 and builds the site; then, a few times, one entry's focus
is rewritten (an ordinary save of its YAML file) and its page is polled over HTTP every 50 ms until the new
text is in it. The time is from the save to the first response that holds the change. Each rebuild is
broken down into the generator's time (loading and rendering, as generator/mkdocs/gen_pages.py logs it), the
handoff of pages to MkDocs, and the rest of MkDocs.

Modes: `plain` is `mkdocs serve`; `dirty` is `mkdocs serve --dirty`, which rebuilds only the pages whose
source is newer than their built page. generator/mkdocs/gen_pages.py keeps the modification time of every
generated page whose text did not change, so only the pages an edit touches are rebuilt.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from project_venv import reexec_in_project_venv

reexec_in_project_venv()

import yaml  # noqa: E402
from synth import synthesize, synthetic_id  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
TARGETS = {1000: 1.5, 10000: 3.0}
"""Issue 17's targets: an edit served changed within these seconds (median), by catalog size."""
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
GENERATOR = re.compile(r"generator: \d+ pages in ([\d.]+) s; handed to MkDocs in ([\d.]+) s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, timeout: float) -> float:
    """Poll `url` every 50 ms until its body contains `text`; the seconds it took."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - started
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


class Server:
    """`mkdocs serve` in its own process group, with its log collected for the build times it reports."""

    def __init__(self, root: Path, port: int, dirty: bool):
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
        if dirty:
            cmd.append("--dirty")
        self.proc = subprocess.Popen(
            cmd,
            cwd=root,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.log.append(line.rstrip())

    def build_times(self) -> list[float]:
        return [float(m[1]) for line in self.log if (m := BUILT.search(line))]

    def generator_times(self) -> list[tuple[float, float]]:
        """(generator, handoff) of each build, as generator/mkdocs/gen_pages.py logs them."""
        return [(float(m[1]), float(m[2])) for line in self.log if (m := GENERATOR.search(line))]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def edit_focus(path: Path, focus: str) -> None:
    """Save the entry with a new focus, as an editor would (the same file, rewritten)."""
    entry = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    entry["focus"] = focus
    path.write_text(yaml.dump(entry, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=120))


def bench_mode(root: Path, n: int, dirty: bool, edits: int) -> dict:
    port = free_port()
    server = Server(root, port, dirty)
    base = f"http://127.0.0.1:{port}/"
    model = synthetic_id(n // 2)
    url = f"{base}models/{model}/"
    path = root / "catalog" / "models" / f"{model}.yaml"
    try:
        started = time.perf_counter()
        wait_for(url, "<h1", timeout=900)
        first = time.perf_counter() - started
        times = []
        for k in range(edits):
            time.sleep(1.0)  # let the watcher settle between saves
            marker = f"Edited focus {k} {time.time_ns()}"
            saved = time.perf_counter()
            edit_focus(path, marker)
            wait_for(url, marker, timeout=300)
            times.append(time.perf_counter() - saved)
        time.sleep(0.5)
        rebuilds = server.build_times()[1:]
        phases = server.generator_times()[1:]
    finally:
        server.stop()
    if server.proc.returncode not in (0, -signal.SIGINT, 130):
        print("\n".join(server.log[-30:]), file=sys.stderr)
    return {"first": first, "times": times, "rebuilds": rebuilds, "phases": phases}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n", default="1000,10000", help="catalog sizes, comma-separated (default: 1000,10000)"
    )
    parser.add_argument("--edits", type=int, default=3, help="edits to time per mode (default: 3)")
    parser.add_argument("--modes", default="plain,dirty", help="plain, dirty or both (default)")
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="atlas-bench-serve-"))
    ok = True
    for n in (int(size) for size in str(args.n).split(",")):
        ok = bench_size(work, n, args) and ok
    return 0 if ok else 1


def bench_size(work: Path, n: int, args) -> bool:
    root = synthesize(work / f"n{n}", n)
    print(f"serve benchmark: {n:,} synthetic models in {root}, {os.cpu_count()} cores", flush=True)
    ok = True
    for mode in args.modes.split(","):
        result = bench_mode(root, n, mode == "dirty", args.edits)
        times = ", ".join(f"{t:.2f}" for t in result["times"])
        rebuilds = ", ".join(f"{t:.2f}" for t in result["rebuilds"])
        command = "mkdocs serve --dirty" if mode == "dirty" else "mkdocs serve"
        median = statistics.median(result["times"])
        target = TARGETS.get(n, 3.0)
        print(
            f"{command}: first build served after {result['first']:.1f} s; edit → changed page served in "
            f"{times} s (median {median:.2f} s, target ≤ {target:g} s); MkDocs rebuilds took {rebuilds} s"
        )
        for rebuild, (generator, handoff) in zip(result["rebuilds"], result["phases"], strict=False):
            rest = rebuild - generator - handoff
            print(
                f"  rebuild {rebuild:.2f} s = generator {generator:.2f} + handoff {handoff:.2f}"
                f" + rest of MkDocs {rest:.2f}"
            )
        ok = ok and (mode != "dirty" or median <= target)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
