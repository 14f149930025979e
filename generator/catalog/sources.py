"""What a catalog entry cites, and the hosts that are never a source.

Hosts that copy cards or papers (`data/never_sources.yaml`) are refused by the loader at their file and
line, since a contributor can fix that; `checks/sources.py` refuses them too when it probes every URL.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from .yamlfile import read_yaml_file

NEVER_SOURCES_FILE = Path(__file__).parent.parent / "data" / "never_sources.yaml"


@cache
def never_sources() -> dict[str, str]:
    """Host → why it is never a source, from `data/never_sources.yaml`."""
    data = read_yaml_file(NEVER_SOURCES_FILE).data
    hosts = data.get("hosts") if isinstance(data, dict) else None
    if not isinstance(hosts, dict) or not all(isinstance(v, str) and v for v in hosts.values()):
        raise ValueError(f"{NEVER_SOURCES_FILE}: `hosts` must map each host to its reason")
    return {str(host).lower(): why for host, why in hosts.items()}


def never_source(url: str) -> str | None:
    """Why `url` cannot be a source (its host, or a subdomain of it, is listed), or None."""
    host = (urlsplit(url).hostname or "").lower()
    for listed, why in never_sources().items():
        if host == listed or host.endswith("." + listed):
            return f"{listed} is never a source: {why}; cite the model's own card, repository or paper"
    return None


def entry_urls(entry) -> list[tuple[tuple, str]]:
    """What an entry cites, each URL with where it stands in the entry: its sources, each result's source
    and the compared score's source."""
    urls = [(("sources", i), url) for i, url in enumerate(entry.sources)]
    for i, result in enumerate(entry.evidence):
        urls.append((("evidence", i, "source"), result.source))
        if result.compared_with and result.compared_with.source:
            urls.append((("evidence", i, "compared_with", "source"), result.compared_with.source))
    return urls
