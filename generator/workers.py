"""A second process for the generator: MkDocs builds on one core, and the build machines have two.

`site.render_site` hands it half of the catalog's entries to read and the patterns chart to draw, while
this process reads the other half and renders the pages. One process serves every build of its parent,
so `mkdocs serve` starts it once; one that died is replaced at the next submit.
"""

from __future__ import annotations

import resource
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_all_start_methods, get_context

_pool: ProcessPoolExecutor | None = None


def _start() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # fork starts in milliseconds with everything already imported, but only a single-threaded
        # process (a build) forks safely; `mkdocs serve` and test servers run threads, so they spawn.
        alone = threading.active_count() == 1
        method = "fork" if alone and "fork" in get_all_start_methods() else "spawn"
        _pool = ProcessPoolExecutor(1, mp_context=get_context(method), initializer=_ignore_sigint)
    return _pool


def start_method() -> str:
    return _start()._mp_context.get_start_method()


def submit(fn: Callable, /, *args) -> Future:
    """Run `fn(*args)` in the second process; jobs run one after the other, in the order submitted."""
    global _pool
    try:
        return _start().submit(fn, *args)
    except BrokenProcessPool:  # the process died (killed, out of memory): start another
        _pool = None
        return _start().submit(fn, *args)


def peak_rss_mb() -> int:
    """The second process's peak memory so far, for the build's log (bench/build.py adds it up)."""
    return submit(_own_peak_rss_mb).result()


def _own_peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _ignore_sigint() -> None:
    """Ctrl-C in `mkdocs serve` reaches the whole process group; the parent shuts this process down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
