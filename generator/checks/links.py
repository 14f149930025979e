"""Check that every internal link of a built site resolves, anchors included.

MkDocs checks links between Markdown pages, but not links inside raw HTML (category tables), theme
templates or generated assets; this reads the HTML a reader actually gets.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src")}


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.reason}"


class _PageScan(HTMLParser):
    """Collects a page's outgoing links and the ids it defines (for anchors)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRS and value:
                self.links.append(value)


def _target_file(site: Path, url_path: str) -> Path | None:
    candidate = site / url_path.lstrip("/")
    if url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _site_path(page_url: str, path: str, base_path: str) -> str:
    """A link's path, relative to the site folder: absolute paths lose the site's own prefix."""
    if path.startswith("/"):
        return "/" + path[len(base_path) :] if path.startswith(base_path) else path
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path))
    return joined + "/" if path.endswith("/") and not joined.endswith("/") else joined


def check_site(site: Path, site_url: str = "") -> list[BrokenLink]:
    """Every broken internal link under `site`; links to other hosts are not followed."""
    site = Path(site)
    base_path = urlsplit(site_url).path if site_url else "/"
    scans: dict[Path, _PageScan] = {}

    def scan(path: Path) -> _PageScan:
        if path not in scans:
            parser = _PageScan()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            scans[path] = parser
        return scans[path]

    broken: list[BrokenLink] = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        page_url = "/" + rel
        for link in scan(page).links:
            parts = urlsplit(link)
            if parts.scheme in ("mailto", "data", "tel") or link.startswith("#") and not link[1:]:
                continue
            if parts.scheme or parts.netloc:
                if site_url and link.startswith(site_url):
                    parts = urlsplit("/" + link[len(site_url) :])
                else:
                    continue  # another host
            target = (
                _target_file(site, _site_path(page_url, unquote(parts.path), base_path))
                if parts.path
                else page
            )
            if target is None:
                broken.append(BrokenLink(rel, link, "no such page or file"))
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in scan(target).ids:
                broken.append(BrokenLink(rel, link, f"no element with id '{fragment}'"))
    return sorted(set(broken))
