"""Index the built site with Pagefind, which the search page queries: the plugin (mkdocs/plugin.py) runs
`SearchIndex.after_build` after every build. (`quiet_dirty_preview` keeps `mkdocs serve --dirty` usable
with `strict: true`: see `_DirtyPreview`.)

Why not Material's built-in search: it sends every reader the whole index before the first result, and at
10,000 models that is about 0.9 MB gzip even when it indexes only each model's id, name, focus and summary;
it also parses every page in Python during the build, a fifth of MkDocs' time. Pagefind (`pagefind[bin]`,
a Rust binary) reads the built HTML once after the build and splits its index into small files, so a
reader's first search downloads a few hundred kilobytes whatever the catalog's size (README, Performance).

What is indexed: each page's <article> (not the header, navigation or footer), minus the selectors in
`IGNORE` (the long tables that repeat what model pages say) and whatever a template marks
`data-pagefind-ignore`. A model page keeps its name, id, kind, focus, summary and tags; see
templates/model.md.j2.
"""

from __future__ import annotations

import logging
import resource
import shutil
import subprocess
import sys
import threading
import time

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.model_atlas.search")

ROOT_SELECTOR = "article.md-content__inner"
IGNORE = (
    ".headerlink",  # the ¶ permalinks
    ".atlas-table-wrap",  # category tables: a row per model, each already indexed on its own page
    "details",  # the patterns page's data table (one row per model)
    ".atlas-finder",  # the finder's form and results, built in the browser
)


def pagefind_command(site_dir: str) -> list[str]:
    ignore = [arg for selector in IGNORE for arg in ("--exclude-selectors", selector)]
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        site_dir,
        "--root-selector",
        ROOT_SELECTOR,
        *ignore,
        "--quiet",
    ]


class _DirtyPreview(logging.Filter):
    """`mkdocs serve --dirty` rebuilds only the pages an edit changed (see mkdocs/gen_pages.py). Two warnings
    then describe exactly that, and with `strict: true` either would stop the preview: MkDocs' notice that
    a dirty build is running (kept, as info) and gen-files' list of edit links for the pages not rebuilt."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if message.startswith("mkdocs_gen_files: These set_edit_path invocations went unused"):
            return False
        if message.startswith("A 'dirty' build is being performed"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def quiet_dirty_preview() -> None:
    """Under `mkdocs serve --dirty`: the two messages that would stop a strict preview (see _DirtyPreview)."""
    for name in ("mkdocs.commands.build", "mkdocs.plugins.mkdocs_gen_files.plugin"):
        logging.getLogger(name).addFilter(_DirtyPreview())


class SearchIndex:
    """Pagefind after each build: in the build's time for `mkdocs build`, in the background for a preview.

    A preview rebuild never waits for the index of the one before (at 10,000 models Pagefind takes
    seconds): when one is still running, the newest request waits its turn and runs once it ends, and older
    requests are dropped, since the newest covers them. Pagefind runs at a lower priority than the next
    rebuild."""

    def __init__(self, serving: bool) -> None:
        self.serving = serving
        self._indexer: subprocess.Popen | None = None
        self._pending: list[str] | None = None
        self._lock = threading.Lock()

    def after_build(self, site_dir: str) -> None:
        command = pagefind_command(site_dir)
        if self.serving:
            self._in_background(command)
            return
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise PluginError(f"Pagefind could not index the site:\n{result.stdout}{result.stderr}")
        for line in (result.stdout + result.stderr).splitlines():
            if line.strip():
                log.info("pagefind: %s", line.strip())
        # bench/build.py reads this line: Pagefind's share of the build time, and MkDocs' own peak memory.
        log.info(
            "pagefind: indexed the site in %.2f s; MkDocs peak RSS %d MB",
            time.perf_counter() - started,
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        )

    def _in_background(self, command: list[str]) -> None:
        """Preview: reload the browser as soon as the pages are written; the index follows a moment later."""
        with self._lock:
            if self._indexer is not None and self._indexer.poll() is None:
                self._pending = command
                return
            self._indexer = _start_low(command)
        threading.Thread(target=self._run_pending, daemon=True).start()

    def _run_pending(self) -> None:
        while True:
            self._indexer.wait()
            with self._lock:
                if self._pending is None:
                    return
                command, self._pending = self._pending, None
                self._indexer = _start_low(command)

    def wait(self) -> None:
        """At shutdown: let a running index finish, so the site folder is never left half indexed."""
        with self._lock:
            indexer = self._indexer
        if indexer is not None and indexer.poll() is None:
            indexer.wait()


def _start_low(command: list[str]) -> subprocess.Popen:
    """Pagefind at a lower priority (`nice`, where the system has it), so the next rebuild goes first."""
    prefix = ["nice", "-n", "10"] if shutil.which("nice") else []
    return subprocess.Popen([*prefix, *command], stdout=subprocess.DEVNULL)
