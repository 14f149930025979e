"""Load, validate and render the whole site: what both the MkDocs adapter and `render --out` publish.

Kept apart from cli.py so that a build imports neither the Hub client nor the pull machinery.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from ..catalog.load import Catalog, EntryResult, load_catalog, read_entries
from ..hub.snapshot import HubFacts, load_snapshots, read_snapshot
from .pages import DEFAULT_REPO_URL, DEFAULT_SITE_URL, SiteRenderer
from .patterns import ChartPoint, breadth_chart_svg, import_matplotlib
from .workers import SecondProcess


class Build:
    """One build of the site, stage by stage: read the entry files, read the Hub snapshots, render.

    Each stage is a method, and this class is the whole interface between the core and the preview: the
    preview (preview/build.py) subclasses it to skip what an edit did not change, and the core knows
    nothing of it. The second process (site/workers.py) reads half of the entries, then imports
    matplotlib, then draws the chart while this one renders the pages.
    """

    def __init__(self) -> None:
        self.second_process = SecondProcess()

    split_above = 200
    """Above how many entry files the other process reads half: below it, starting it costs more."""

    def read_entries(self, models_dir: Path, relatives: list[str]) -> list[EntryResult]:
        """Every entry file read and validated, the second half in the other process when there are many."""
        half = len(relatives) // 2 if len(relatives) > self.split_above else len(relatives)
        later = (
            self.second_process.submit(read_entries, models_dir, relatives[half:])
            if half < len(relatives)
            else None
        )
        if later:
            self.second_process.submit(
                import_matplotlib
            )  # queued next: done by the time the chart's points are ready
        return read_entries(models_dir, relatives[:half]) + (later.result() if later else [])

    def read_snapshot(self, root: Path, model_id: str) -> HubFacts | None:
        return read_snapshot(root, model_id)

    def renderer(
        self, catalog: Catalog, hub: dict[str, HubFacts], site_url: str, repo_url: str
    ) -> SiteRenderer:
        return SiteRenderer(catalog, hub, repo_url)

    def draw_chart(self, points: list[ChartPoint]) -> Future[str]:
        return self.second_process.submit(breadth_chart_svg, points)

    def run(self, root: Path, site_url: str | None = None, repo_url: str | None = None) -> dict[str, str]:
        """Every page of the site built from `root`'s catalog and Hub snapshot, path → text."""
        site_url, repo_url = site_url or DEFAULT_SITE_URL, repo_url or DEFAULT_REPO_URL
        catalog = load_catalog(root, self.read_entries)
        hub = load_snapshots(root, catalog.models, self.read_snapshot)
        return self.renderer(catalog, hub, site_url, repo_url).pages(site_url, self.draw_chart)


def render_site(root: Path, site_url: str | None = None, repo_url: str | None = None) -> dict[str, str]:
    """Every page of the site built from `root`'s catalog and Hub snapshot, path → text."""
    return Build().run(root, site_url, repo_url)
