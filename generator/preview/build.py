"""What `mkdocs serve` keeps between rebuilds, so that one saved entry costs what that entry touches.

A build reads every file and renders every page. A preview rebuild after one save needs far less: the entry
files and Hub snapshots whose modification time, size or inode did not change read the same as last time,
and a model page shows only its own entry and snapshot and those of the models it links with (its
alternatives, the specialists that name it, its base model and what is built on it, the models its
evidence compares with). So a rebuild re-reads the changed files, re-renders the model pages of the
changed models and of their neighbours, before and after the save, and every index page (home, categories,
patterns, recent, feed, the JSON files), since those list every model. Anything else that shapes every page,
the findings, the kinds, the templates or the site's addresses, renders everything again.

`tests/test_preview.py` builds the same catalog both ways after a series of edits and compares every page.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache

from ..catalog.load import Catalog, EntryResult
from ..hub.snapshot import HubFacts
from ..site.build import Build
from ..site.pages import SiteRenderer, model_page_path
from ..site.patterns import ChartPoint
from ..site.workers import SecondProcess

TEMPLATES = Path(__file__).parent.parent / "site" / "templates"


class ThemeBytecode(BytecodeCache):
    """The theme's compiled templates, kept in memory for the life of `mkdocs serve`.

    MkDocs makes a new Jinja environment for every rebuild, which compiles Material's templates again
    (about 0.4 s of each rebuild on the bench machine). Jinja keys each entry by the template's name and
    checks it against a checksum of its source, so an edited override is compiled afresh, never stale."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _templates_key() -> tuple:
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in TEMPLATES.glob("*.j2")))


def links(catalog: Catalog) -> dict[str, set[str]]:
    """Each model's neighbours, both ways: the models whose facts its page shows, and those showing its."""
    found: dict[str, set[str]] = {}
    for model_id, entry in catalog.models.items():
        refs = set(entry.alternatives)
        if entry.base_model:
            refs.add(entry.base_model.id)
        refs.update(
            r.compared_with.model for r in entry.evidence if r.compared_with and r.compared_with.model
        )
        fallback = catalog.general_fallbacks.get(model_id)
        if fallback:  # its page shows the fallback's size: an edit there, or a better general, changes it
            refs.add(fallback.model_id)
        for ref in refs:
            found.setdefault(model_id, set()).add(ref)
            found.setdefault(ref, set()).add(model_id)
    return found


def file_key(path: str) -> tuple[int, int, int] | None:
    """What tells a saved file from its last reading: modification time, size and inode (never followed)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


@dataclass
class KeptChart:
    points: list[ChartPoint]
    svg: str


class PreviewRenderer(SiteRenderer):
    """The core's renderer, taking from the previous rebuild every page and index piece of a model that is
    not stale, and the chart while its points are the same: an edit to a model's text does not move it."""

    def __init__(self, preview: Preview, catalog: Catalog, hub: dict[str, HubFacts], repo_url: str):
        super().__init__(catalog, hub, repo_url)
        self.preview = preview
        self.fragments: dict[tuple, str] = {}

    def _kept(self, model_id: str) -> bool:
        return self.preview.stale is not None and model_id not in self.preview.stale

    def model_page(self, model_id: str) -> str:
        kept = self.preview.pages.get(model_page_path(model_id)) if self._kept(model_id) else None
        return kept if kept is not None else super().model_page(model_id)

    def fragment(self, key: tuple, model_id: str, make: Callable[[], str]) -> str:
        value = self.preview.fragments.get(key) if self._kept(model_id) else None
        self.fragments[key] = value if value is not None else make()
        return self.fragments[key]

    def chart(self, points: list[ChartPoint], draw_chart: Callable[[list[ChartPoint]], Future[str]]):
        self.points = points
        kept = self.preview.chart
        if kept is not None and kept.points == points:
            chart: Future[str] = Future()
            chart.set_result(kept.svg)
            return chart
        return draw_chart(points)

    def pages(self, site_url: str, draw_chart: Callable[[list[ChartPoint]], Future[str]]) -> dict[str, str]:
        """The pages, the same as the core's; the preview keeps what the next rebuild can reuse."""
        pages = super().pages(site_url, draw_chart)
        kept = self.preview
        kept.catalog, kept.hub, kept.pages, kept.fragments = self.catalog, self.hub, pages, self.fragments
        kept.chart = KeptChart(self.points, pages["patterns/breadth.svg"])
        return pages


@dataclass
class Preview(Build):
    """What `mkdocs serve` keeps between rebuilds: the files read, the last catalog, Hub facts and pages.

    A `Build` whose stages skip what did not change since the last rebuild."""

    second_process: SecondProcess = field(default_factory=SecondProcess)
    """Kept for the whole of `mkdocs serve`: the helper process starts once."""
    entry_files: dict[str, tuple[tuple | None, EntryResult]] = field(default_factory=dict)
    """Entry file (relative to catalog/models/) → its `file_key` and what reading it gave."""
    snapshot_files: dict[str, tuple[tuple | None, HubFacts | None]] = field(default_factory=dict)
    catalog: Catalog | None = None
    hub: dict[str, HubFacts] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    fragments: dict[tuple, str] = field(default_factory=dict)
    """The per-model pieces of index pages the last rebuild rendered (SiteRenderer.fragment)."""
    chart: KeptChart | None = None
    settings: tuple = ()
    links: dict[str, set[str]] | None = None
    """`links` of the last catalog, computed then."""
    stale: set[str] | None = None
    """What the last rebuild rendered again (None: everything), for the log and the tests."""

    def stale_models(self, catalog: Catalog, hub: dict[str, HubFacts], settings: tuple) -> set[str] | None:
        """The models whose pages must be rendered again; None when every page must be."""
        settings = (*settings, _templates_key())
        old = self.catalog
        full = (
            old is None
            or settings != self.settings
            or old.findings != catalog.findings
            or old.categories != catalog.categories
        )
        self.settings = settings
        if full:
            self.stale, self.links = None, None
            return None
        ids = old.models.keys() | catalog.models.keys()

        def same(a, b) -> bool:  # an unchanged file's entry is the very object read before
            return a is b or a == b

        changed = {
            mid
            for mid in ids
            if not same(old.models.get(mid), catalog.models.get(mid))
            or not same(self.hub.get(mid), hub.get(mid))
        }
        before = self.links if self.links is not None else links(old)
        after = links(catalog)
        self.links = after
        stale = set(changed)
        for mid in changed:
            stale |= before.get(mid, set()) | after.get(mid, set())
        self.stale = stale & catalog.models.keys()
        return self.stale

    def read_entries(self, models_dir: Path, relatives: list[str]) -> list[EntryResult]:
        """An entry file whose `file_key` has not changed since it was last read is not read again: its
        previous result stands, errors included."""
        # os.path rather than Path objects: 10,000 of them cost a tenth of a second per rebuild.
        base = str(models_dir)
        keys = {r: file_key(os.path.join(base, r)) for r in relatives}
        old = self.entry_files
        unread = [r for r in relatives if r not in old or old[r][0] != keys[r]]
        fresh = dict(zip(unread, super().read_entries(models_dir, unread), strict=True))
        self.entry_files = {r: (keys[r], fresh[r] if r in fresh else old[r][1]) for r in relatives}
        return [self.entry_files[r][1] for r in relatives]

    def read_snapshot(self, root: Path, model_id: str) -> HubFacts | None:
        """A snapshot whose `file_key` has not changed is not read again; a bad one is read every time."""
        name = f"{model_id}.json"
        key = file_key(os.path.join(root, "catalog", "hub", name))
        kept = self.snapshot_files.get(name)
        if kept is not None and kept[0] == key:
            return kept[1]
        facts = super().read_snapshot(root, model_id)
        self.snapshot_files[name] = (key, facts)
        return facts

    def renderer(self, catalog: Catalog, hub: dict[str, HubFacts], site_url: str, repo_url: str):
        self.snapshot_files = {k: v for k, v in self.snapshot_files.items() if k.removesuffix(".json") in hub}
        self.stale_models(catalog, hub, (site_url, repo_url))
        return PreviewRenderer(self, catalog, hub, repo_url)
