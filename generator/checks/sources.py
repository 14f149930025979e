"""Check that the URLs behind catalog facts still answer, and that none is a host that is never a source.

Sources rot: pages move, repos are renamed. A scheduled workflow runs this and reports dead links for a
curator to fix; it never fails a pull request, because a contributor cannot fix someone else's page.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..catalog.sources import entry_urls, never_source

USER_AGENT = "model-atlas-source-check/1 (+https://github.com/model-atlas/model-atlas)"


@dataclass(frozen=True, order=True)
class DeadSource:
    url: str
    cited_by: tuple[str, ...]
    reason: str

    def __str__(self) -> str:
        return f"{self.url}: {self.reason} (cited by {', '.join(self.cited_by)})"


def _probe(url: str, timeout: float) -> str | None:
    """None when the URL answers with a success or redirect; otherwise why it failed."""
    last = "no answer"
    for method in ("HEAD", "GET"):  # some servers refuse HEAD; GET settles it
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if response.status < 400:
                    return None
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            last = f"HTTP {exc.code}"
            if exc.code in (404, 410):
                return last
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            last = f"unreachable ({getattr(exc, 'reason', exc)})"
    return last


def cited_urls(catalog) -> dict[str, list[str]]:
    """Every source URL, evidence sources included, with the entries and findings that cite it."""
    cited: dict[str, list[str]] = {}
    for entry in catalog.models.values():
        for _loc, url in entry_urls(entry):
            if entry.id not in cited.get(url, ()):
                cited.setdefault(url, []).append(entry.id)
    for finding in catalog.findings:
        for url in finding.sources:
            cited.setdefault(url, []).append(f"finding {finding.id}")
    return cited


def check_sources(
    cited: dict[str, Iterable[str]], timeout: float = 20.0, workers: int = 8
) -> list[DeadSource]:
    urls = sorted(cited)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        reasons = list(pool.map(lambda u: never_source(u) or _probe(u, timeout), urls))
    return sorted(
        DeadSource(url, tuple(sorted(cited[url])), reason)
        for url, reason in zip(urls, reasons, strict=True)
        if reason is not None
    )
