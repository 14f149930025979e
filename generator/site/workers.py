"""A second process for the generator: MkDocs builds on one core, and the build machines have two.

A build (`site.build.Build`) hands it half of the catalog's entries to read and the patterns chart to draw,
while this process reads the other half and renders the pages. The preview keeps its Build, and so its
process, for the whole of `mkdocs serve`; one that died is replaced at the next submit.
"""

from __future__ import annotations

import os
import resource
import signal
import stat
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_all_start_methods, get_context


class SecondProcess:
    """One helper process, started at the first job and kept for every later build that uses this object.

    A `site.build.Build` owns one: a one-off build for its single run, the preview (a Build kept on the
    MkDocs plugin's instance) for the whole of `mkdocs serve`, so no pool lives in a module global."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # fork starts in milliseconds with everything already imported, but only a single-threaded
            # process (a build) forks safely; `mkdocs serve` and test servers run threads, so they spawn.
            alone = threading.active_count() == 1
            method = "fork" if alone and "fork" in get_all_start_methods() else "spawn"
            self._pool = ProcessPoolExecutor(
                1, mp_context=get_context(method), initializer=_detach, initargs=(os.getpid(),)
            )
        return self._pool

    def start_method(self) -> str:
        return self._start()._mp_context.get_start_method()

    def submit(self, fn: Callable, /, *args) -> Future:
        """Run `fn(*args)` in the second process; jobs run one after the other, in the order submitted."""
        try:
            return self._start().submit(fn, *args)
        except BrokenProcessPool:  # the process died (killed, out of memory): start another
            self._pool = None
            return self._start().submit(fn, *args)

    def peak_rss_mb(self) -> int:
        """The second process's peak memory so far, for the build's log (bench/build.py adds it up)."""
        return self.submit(_own_peak_rss_mb).result()


def _own_peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _detach(parent: int) -> None:
    """Make the second process a helper that cannot outlive or stand in for its parent.

    Ctrl-C reaches the whole process group, and the parent shuts this process down, so SIGINT is ignored.
    A parent killed outright (SIGTERM, SIGKILL) cannot shut it down: it exits once it is orphaned. A forked
    process also inherits the parent's sockets, such as the listening socket of `mkdocs serve`; each is
    replaced by /dev/null here, so the port is free the moment the parent is gone.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _drop_inherited_sockets()
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _drop_inherited_sockets() -> None:
    try:
        descriptors = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:  # no /proc: not Linux; the parent-death check below still frees the port
        return
    null = os.open(os.devnull, os.O_RDWR)
    for fd in descriptors:
        try:
            if fd != null and stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.dup2(null, fd)  # not close: the number stays taken, so no stale object can close a reuse
        except OSError:
            pass  # the listing's own descriptor, already gone
    os.close(null)


def _exit_when_orphaned(parent: int, interval: float = 0.2) -> None:
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(0)
