"""MkDocs hook (mkdocs.yml `hooks:`): hand MkDocs the model pages from the page store (pagestore.py), and
keep the navigation right in a dirty rebuild.

The gen-files script renders every page and hands the index pages to MkDocs itself; the model pages go to
the page store, where an unchanged page keeps its file and its modification time. This hook adds them to
the build's files, after gen-files has run, with the edit link each page's YAML file needs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

# Loaded by MkDocs from its path, like the gen-files script: make the package importable the same way.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import preview  # noqa: E402
from generator.pagestore import store_for  # noqa: E402


def on_startup(command: str, dirty: bool) -> None:
    preview.serving = command == "serve"


@event_priority(-100)  # after gen-files' on_files, which runs the generator
def on_files(files, config):
    store = store_for(Path(config.config_file_path).parent)
    for path in store.paths:
        page = File(
            path,
            src_dir=str(store.directory),
            dest_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
        )
        page.edit_uri = f"../catalog/{path[:-3]}.yaml"  # relative to docs/, as edit_uri is
        files.append(page)
    return files


def on_nav(nav, config, files):
    """A dirty rebuild (`make serve`) reads only the pages it rebuilds, and a page never read has no title:
    the navigation drawn on the rebuilt pages said "None" for every other page. Reading the few pages in
    the navigation (not the model pages, which are left out of it) gives them their titles back."""
    for page in nav.pages:
        if page.markdown is None:
            page.read_source(config)
    return nav
