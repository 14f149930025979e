"""The one MkDocs plugin (mkdocs.yml `plugins: - model-atlas`, the `mkdocs.plugins` entry point in
pyproject.toml): it wires MkDocs' events to the generator and holds everything kept between the rebuilds
of `mkdocs serve` on its instance, which MkDocs keeps for the whole preview because it has `on_startup`.

What it does, by event:
- startup: whether this is a preview (`serve`) and an incremental one (`--dirty`);
- files (after gen-files, which runs generator/mkdocs/gen_pages.py): the model pages from the page store
  (mkdocs/model_pages.py has the pieces), with their edit links;
- nav: the titles of the navigation's pages in a dirty rebuild;
- env: the navigation rendered once for all model pages (mkdocs/nav.py), and the theme's compiled
  templates kept for the preview (preview.ThemeBytecode);
- page markdown / content: the category tables skip Python-Markdown's HTML parser (mkdocs/raw_html.py);
- post-build: Pagefind's index (mkdocs/search.py), then the preview's bookkeeping of built model pages;
- serve: the system's file events instead of MkDocs' poller.

The gen-files script finds this instance in the build's config (`config.plugins["model-atlas"]`) and keeps
what it hands over between rebuilds here (`handed`), as the page stores are (`store`).
"""

from __future__ import annotations

import threading
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from ..preview.build import Preview, ThemeBytecode
from ..preview.pagestore import CACHE_DIR, PageStore
from .model_pages import (
    BuiltPage,
    SaveObserver,
    built_uri,
    freeze_heap,
    model_page_file,
    native_events_work,
)
from .nav import SharedNav
from .raw_html import put_back, take_out
from .search import SearchIndex, quiet_dirty_preview

NAME = "model-atlas"


class ModelAtlasPlugin(BasePlugin):
    def __init__(self) -> None:
        self.serving = False
        """`mkdocs serve`: only a preview keeps what a rebuild reuses; a one-off build would only hold
        every page's text in memory until it exits."""
        self.incremental = False
        """`mkdocs serve --dirty`: the preview's site folder keeps what earlier rebuilds wrote there, so a
        model page built once and unchanged since need not be handed to MkDocs as a page again."""
        self.stores: dict[str, PageStore] = {}
        self.built_pages: dict[tuple[str, bool], dict[str, BuiltPage]] = {}
        """BuiltPage objects by (site folder, directory URLs) and path: unchanged link targets."""
        self.handed: dict[str, dict] = {}
        """Per site root, what the gen-files script handed over the previous run (mkdocs/gen_pages.py)."""
        self.previews: dict[str, Preview] = {}
        """Per site root, what the generator reuses between rebuilds (generator/preview/build.py)."""
        self.started: dict[str, dict[str, int]] = {}
        """Per site root, the code and theme files as the preview found them (mkdocs/gen_pages.py)."""
        self.theme_bytecode = ThemeBytecode()
        self.shared_nav = SharedNav()
        self.search: SearchIndex | None = None
        self.heap_frozen = False
        self.pages_handed = False
        """Whether this build's gen-files script handed pages to the store: only then are they added."""
        self._raw_blocks: dict[str, list[str]] = {}

    def store(self, root: Path) -> PageStore:
        """The page store of the site at `root`, kept for the life of the process."""
        key = str(Path(root).resolve())
        if key not in self.stores:
            self.stores[key] = PageStore(Path(key) / CACHE_DIR)
        return self.stores[key]

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"
        self.incremental = self.serving and dirty
        self.search = SearchIndex(self.serving)
        if self.incremental:
            quiet_dirty_preview()

    def on_pre_build(self, *, config) -> None:
        self.pages_handed = False

    @event_priority(-100)  # after gen-files' on_files, which runs the generator
    def on_files(self, files, *, config):
        if not self.pages_handed:
            return files
        store = self.store(Path(config.config_file_path).parent)
        built_pages = self.built_pages.setdefault((config.site_dir, config.use_directory_urls), {})
        for path in store.paths:
            if self.incremental and path not in store.unbuilt:
                page = built_pages.get(path)
                if page is None:  # made once per preview: MkDocs only reads a link target's url
                    page = built_pages[path] = model_page_file(
                        BuiltPage,
                        path,
                        store.directory,
                        config,
                        dest_uri=built_uri(path, config),
                        inclusion=InclusionLevel.NOT_IN_NAV,  # as mkdocs.yml's not_in_nav says of model pages
                    )
            else:
                page = model_page_file(File, path, store.directory, config)
            files.append(page)
        return files

    def on_nav(self, nav, *, config, files):
        """A dirty rebuild (`make serve`) reads only the pages it rebuilds, and a page never read has no
        title: the navigation drawn on the rebuilt pages said "None" for every other page. Reading the few
        pages in the navigation (not the model pages, which are left out of it) gives them their titles."""
        for page in nav.pages:
            if page.markdown is None:
                page.read_source(config)
        return nav

    def on_env(self, env, *, config, files):
        self.shared_nav.reset()
        env.globals["shared_for_model_pages"] = self.shared_nav.render
        if self.serving:
            env.bytecode_cache = self.theme_bytecode
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        text, blocks = take_out(markdown)
        if blocks:
            self._raw_blocks[page.file.src_uri] = blocks
        return text

    def on_page_content(self, html, *, page, config, files):
        blocks = self._raw_blocks.pop(page.file.src_uri, None)
        return put_back(html, blocks) if blocks else html

    def on_post_build(self, *, config) -> None:
        self.search.after_build(config.site_dir)
        if not self.incremental or not self.pages_handed:
            return
        # The preview's site now holds every model page as the store has it; a removed model's page goes.
        store = self.store(Path(config.config_file_path).parent)
        for gone in store.removed:
            Path(config.site_dir, built_uri(gone, config)).unlink(missing_ok=True)
        store.built()
        if not self.heap_frozen:  # once, just after the first build, while the preview waits for a save
            self.heap_frozen = True
            timer = threading.Timer(1.0, freeze_heap)
            timer.daemon = True
            timer.start()

    def on_serve(self, server, *, config, builder):
        """Notice saves from the operating system's file events (inotify on Linux) instead of MkDocs'
        poller, which lists every watched file again twice a second: at 10,000 models that is 20,000 files
        scanned in the preview's own process, during rebuilds too, and a save waits for the next scan to be
        seen (bench/serve.py). Where the system has no such events, or refuses them, the poller stays."""
        if not native_events_work(config.docs_dir):
            return server
        # serve() has watched these two on the poller already; the rest of `watch:` is added after this event.
        watched = [path for path in (config.docs_dir, config.config_file_path) if path]
        for path in watched:
            server.unwatch(path)
        server.observer = SaveObserver()
        for path in watched:
            server.watch(path)
        return server

    def on_shutdown(self) -> None:
        if self.search is not None:
            self.search.wait()
