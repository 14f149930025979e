"""Load, validate and render the whole site: what both the MkDocs adapter and `render --out` publish.

Kept apart from cli.py so that a build imports neither the Hub client nor the pull machinery.
"""

from __future__ import annotations

from pathlib import Path

from . import workers
from .catalog import load_catalog
from .patterns import breadth_chart_svg, import_matplotlib
from .preview import Preview
from .render import DEFAULT_REPO_URL, DEFAULT_SITE_URL, build_pages
from .snapshot import load_snapshots


def render_site(
    root: Path, site_url: str | None = None, repo_url: str | None = None, preview: Preview | None = None
) -> dict[str, str]:
    """Every page of the site built from `root`'s catalog and Hub snapshot, path → text.

    The second process (workers.py) reads half of the entries, then imports matplotlib, then draws the
    chart while this one renders the pages. With `preview` (kept by `mkdocs serve` between rebuilds), only
    changed files are read and only the model pages they touch are rendered again (preview.py); the
    pages are the same as without it.
    """

    def read_elsewhere(fn, *args):
        job = workers.submit(fn, *args)
        workers.submit(import_matplotlib)  # queued next: done by the time the chart's points are ready
        return job

    site_url, repo_url = site_url or DEFAULT_SITE_URL, repo_url or DEFAULT_REPO_URL
    catalog = load_catalog(root, read_elsewhere, preview.entry_files if preview else None)
    hub = load_snapshots(root, catalog.models, preview.snapshot_files if preview else None)
    stale = preview.stale_models(catalog, hub, (site_url, repo_url)) if preview else None
    pages = build_pages(
        catalog,
        hub,
        site_url,
        repo_url,
        draw_chart=lambda points: workers.submit(breadth_chart_svg, points),
        previous=preview.pages if preview else None,
        stale=stale,
        fragments=preview.fragments if preview else None,
    )
    if preview:
        preview.remember(catalog, hub, pages)
    return pages
