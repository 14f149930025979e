"""Load, validate and render the whole site: what both the MkDocs adapter and `render --out` publish.

Kept apart from cli.py so that a build imports neither the Hub client nor the pull machinery.
"""

from __future__ import annotations

from pathlib import Path

from . import workers
from .catalog import load_catalog
from .patterns import breadth_chart_svg, import_matplotlib
from .render import DEFAULT_REPO_URL, DEFAULT_SITE_URL, build_pages
from .snapshot import load_snapshots


def render_site(root: Path, site_url: str | None = None, repo_url: str | None = None) -> dict[str, str]:
    """Every page of the site built from `root`'s catalog and Hub snapshot, path → text.

    The second process (workers.py) reads half of the entries, then imports matplotlib, then draws the
    chart while this one renders the pages.
    """

    def read_elsewhere(fn, *args):
        job = workers.submit(fn, *args)
        workers.submit(import_matplotlib)  # queued next: done by the time the chart's points are ready
        return job

    catalog = load_catalog(root, read_elsewhere)
    return build_pages(
        catalog,
        load_snapshots(root, catalog.models),
        site_url or DEFAULT_SITE_URL,
        repo_url or DEFAULT_REPO_URL,
        draw_chart=lambda points: workers.submit(breadth_chart_svg, points),
    )
