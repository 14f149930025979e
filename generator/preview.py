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

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache

from .catalog import Catalog
from .snapshot import HubFacts

TEMPLATES = Path(__file__).parent / "templates"


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


@dataclass
class Preview:
    """The previous rebuild's inputs and pages, and the file caches that load_catalog and load_snapshots
    fill (see their `reuse` argument)."""

    entry_files: dict = field(default_factory=dict)
    snapshot_files: dict = field(default_factory=dict)
    catalog: Catalog | None = None
    hub: dict[str, HubFacts] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    fragments: dict = field(default_factory=dict)
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

    def remember(self, catalog: Catalog, hub: dict[str, HubFacts], pages: dict[str, str]) -> None:
        self.catalog, self.hub, self.pages = catalog, hub, pages
