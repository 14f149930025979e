"""`python -m generator pull`: refresh the committed Hub snapshot, oldest first, within the Hub's limits.

Each model is pulled by a bounded pool of workers and written atomically on its own, so a failure, a crash
or an interrupt costs at most that model's refresh: every other file is old or new, never half-written.
Models whose snapshot is younger than `stale_after` are not requested at all.

Rate limit: the Hub allows 500 API requests per 5 minutes per IP anonymously (1,000 with a token). A pull
never sends more than `budget` requests in any `window` seconds (a sliding window, so it also holds for the
Hub's fixed windows). When the budget is spent, the pull waits for the window to slide, but only while it
can still finish before `time_limit`; past that, it stops and reports the rest as deferred. Because the
oldest snapshots go first, the next scheduled run picks up exactly where this one stopped.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .client import HubSettings, PullDeferred, PullFailed, RetryPolicy, fetch_facts
from .snapshot import HubFacts, SnapshotError, read_snapshot, snapshot_path, write_snapshot

ANONYMOUS_BUDGET, TOKEN_BUDGET, WINDOW = 500, 1000, 300.0
SHOWN_DEFERRED = 10  # a cut-off run of a big catalog defers hundreds: name a few, count the rest
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smhd]?)$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """'30m', '12h', '7d', '45s' or plain seconds → seconds."""
    match = _DURATION.match(text.strip().lower())
    if not match:
        raise ValueError(f"not a duration: {text!r} (use e.g. 30m, 12h, 7d)")
    return float(match.group(1)) * _UNITS[match.group(2)]


class RequestBudget:
    """At most `limit` request starts in any `window` seconds, shared by all workers; gives up at `deadline`.

    `pause_for` holds every worker when the Hub answers 429: the limit is per client, not per request.
    """

    def __init__(self, limit: float, window: float, deadline: float, stop: threading.Event):
        self.limit, self.window, self.deadline, self.stop = limit, window, deadline, stop
        self.starts: collections.deque[float] = collections.deque()
        self.paused_until = 0.0
        self.sent = 0
        self.refusal = ""
        self._cond = threading.Condition()

    def acquire(self) -> bool:
        """Wait for a slot and take it; False (with `refusal` saying why) if none comes in time."""
        with self._cond:
            while not self.stop.is_set():
                now = time.monotonic()
                while self.starts and self.starts[0] <= now - self.window:
                    self.starts.popleft()
                full = len(self.starts) >= self.limit
                ready_at = max(self.paused_until, self.starts[0] + self.window if full else now)
                if ready_at <= now < self.deadline:
                    self.starts.append(now)
                    self.sent += 1
                    return True
                if max(ready_at, now) >= self.deadline:
                    self.refusal = (
                        "time limit reached"
                        if now >= self.deadline
                        else f"request budget spent ({self.limit:g} per {self.window:g} s)"
                        if full
                        else "the Hub asked to wait past the time limit"
                    )
                    return False
                self._cond.wait(min(ready_at - now, 1.0))  # wake now and then to notice `stop`
            self.refusal = "interrupted"
            return False

    def pause_for(self, seconds: float) -> None:
        with self._cond:
            self.paused_until = max(self.paused_until, time.monotonic() + seconds)


@dataclass
class PullOptions:
    """Everything a pull can be tuned by; tests and the benchmark shrink the times."""

    stale_after: float = 7 * 86400.0
    concurrency: int = 8
    budget: float | None = None  # None: 500 anonymous, 1,000 with HF_TOKEN
    window: float = WINDOW
    time_limit: float = 25 * 60.0
    policy: RetryPolicy = field(default_factory=RetryPolicy)


@dataclass
class PullReport:
    """What happened to each model, for the summary and the exit code."""

    pulled: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    fresh: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    deferred: dict[str, str] = field(default_factory=dict)
    requests: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    def summary(self, root: Path) -> str:
        lines = [
            f"pulled {len(self.pulled)} ({len(self.changed)} changed), fresh {len(self.fresh)}, "
            f"failed {len(self.failed)}, deferred {len(self.deferred)} "
            f"({self.requests} request{'' if self.requests == 1 else 's'} in {self.seconds:.1f} s)"
        ]
        for model_id, reason in sorted(self.failed.items()):
            kept = "kept the last snapshot" if snapshot_path(root, model_id).is_file() else "no snapshot"
            lines.append(f"  failed {model_id}: {reason}; {kept}")
        deferred = sorted(self.deferred.items())
        lines += [f"  deferred {model_id}: {reason}" for model_id, reason in deferred[:SHOWN_DEFERRED]]
        if len(deferred) > SHOWN_DEFERRED:
            lines.append(
                f"  and {len(deferred) - SHOWN_DEFERRED} more deferred: the next pull takes them first"
            )
        return "\n".join(lines)


def catalog_ids(root: Path) -> list[str]:
    """Ids from the entries' paths: a pull does not need the curated fields to be valid."""
    models = Path(root) / "catalog" / "models"
    return sorted(p.relative_to(models).with_suffix("").as_posix() for p in models.glob("*/*.yaml"))


def plan(root: Path, ids: list[str], stale_after: float, now: dt.datetime) -> tuple[list[str], list[str]]:
    """(to pull, fresh): missing or unreadable snapshots first, then the oldest, so a cut-off run is fair."""
    due, fresh = [], []
    for model_id in ids:
        try:
            facts = read_snapshot(root, model_id)
        except SnapshotError:
            facts = None  # a broken file is replaced, not trusted
        pulled_at = _utc(facts.pulled_at) if facts else dt.datetime.min.replace(tzinfo=dt.UTC)
        if facts is not None and (now - pulled_at).total_seconds() < stale_after:
            fresh.append(model_id)
        else:
            due.append((pulled_at, model_id))
    return [model_id for _, model_id in sorted(due)], fresh


def _unchanged(old: HubFacts | None, new: HubFacts) -> bool:
    """Equal apart from `pulled_at`: the refresh only confirms what the snapshot said."""
    return old is not None and old.model_dump(exclude={"pulled_at"}) == new.model_dump(exclude={"pulled_at"})


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def remove_leftovers(root: Path) -> None:
    """Temporary files a killed pull left behind (`.name.json.*.tmp`); they were never snapshots."""
    hub = Path(root) / "catalog" / "hub"
    for leftover in hub.glob("*/.*.tmp") if hub.is_dir() else []:
        leftover.unlink(missing_ok=True)


def pull_models(
    root: Path, ids: list[str], options: PullOptions, settings: HubSettings | None = None
) -> PullReport:
    """Refresh the snapshots of `ids` that are due; never raises for one model's failure."""
    settings = settings or HubSettings.from_env()
    started = time.monotonic()
    report = PullReport()
    remove_leftovers(root)
    due, report.fresh = plan(root, ids, options.stale_after, dt.datetime.now(dt.UTC))
    if not due:
        return report
    limit = options.budget or (TOKEN_BUDGET if settings.token else ANONYMOUS_BUDGET)
    stop = threading.Event()
    budget = RequestBudget(limit, options.window, started + options.time_limit, stop)
    api = settings.client()
    lock = threading.Lock()

    def pull_one(model_id: str) -> None:
        try:
            facts = fetch_facts(api, model_id, options.policy, budget, stop)
            try:
                old = read_snapshot(root, model_id)
            except SnapshotError:
                old = None
            write_snapshot(root, facts)
        except PullDeferred as exc:
            with lock:
                report.deferred[model_id] = str(exc)
            return
        except (PullFailed, OSError) as exc:
            with lock:
                report.failed[model_id] = str(exc) if isinstance(exc, PullFailed) else f"not written ({exc})"
            return
        with lock:
            report.pulled.append(model_id)
            if not _unchanged(old, facts):
                report.changed.append(model_id)

    pool = ThreadPoolExecutor(max_workers=max(1, options.concurrency), thread_name_prefix="pull")
    try:
        for future in [pool.submit(pull_one, model_id) for model_id in due]:
            future.result()
    except KeyboardInterrupt:
        stop.set()  # workers abandon their current model; every file stays whole
        report.interrupted = True
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        report.requests = budget.sent
        report.seconds = time.monotonic() - started
    done = {*report.pulled, *report.failed, *report.deferred}
    report.deferred.update({model_id: "interrupted" for model_id in due if model_id not in done})
    return report
