"""MkDocs hook (mkdocs.yml `hooks:`): hand MkDocs the model pages from the page store (pagestore.py), keep
the navigation right in a dirty rebuild, and keep `mkdocs serve`'s rebuilds to what a save changed.

The gen-files script renders every page and hands the index pages to MkDocs itself; the model pages go to
the page store, where an unchanged page keeps its file and its modification time. This hook adds them to
the build's files, after gen-files has run, with the edit link each page's YAML file needs.

Under `mkdocs serve --dirty` (the preview; `mkdocs build` is untouched) it also:
- hands over a model page already built and unchanged since as a `BuiltPage`: a file MkDocs resolves links
  to but neither reads, renders nor copies; its HTML stays in the preview's site folder, which a dirty
  build never empties. At 10,000 models that spares each rebuild a Page object, a navigation entry and two
  modification-time checks per model page;
- keeps Material's compiled templates between rebuilds (preview.ThemeBytecode);
- freezes, once, what the first build left alive, so the garbage collector stops walking it (_freeze_heap);
- watches for saves with the system's file events rather than MkDocs' poller (on_serve).
Each measure's gain is in the README's Performance section (bench/serve.py).
"""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from watchdog.events import (
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

# Loaded by MkDocs from its path, like the gen-files script: make the package importable the same way.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import preview  # noqa: E402
from generator.pagestore import store_for  # noqa: E402


class BuiltPage(File):
    """A model page already built into the preview's site and unchanged since: a link target only."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False

    def is_media_file(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        pass  # its HTML is in the site folder already


def _built_uri(path: str, config) -> str:
    """Where MkDocs writes a model page (no model is named index or README: schema.RESERVED_NAMES)."""
    return f"{path[:-3]}/index.html" if config.use_directory_urls else f"{path[:-3]}.html"


def _model_page(kind: type[File], path: str, directory: Path, config, **options) -> File:
    page = kind(path, str(directory), config.site_dir, config.use_directory_urls, **options)
    page.edit_uri = f"../catalog/{path[:-3]}.yaml"  # its entry, relative to docs/ as edit_uri is
    return page


def on_startup(command: str, dirty: bool) -> None:
    # Kept on generator.preview: MkDocs loads this hook afresh for every rebuild, but on_startup runs once.
    preview.serving = command == "serve"
    preview.incremental = preview.serving and dirty


@event_priority(-100)  # after gen-files' on_files, which runs the generator
def on_files(files, config):
    store = store_for(Path(config.config_file_path).parent)
    built_pages = preview.built_pages.setdefault((config.site_dir, config.use_directory_urls), {})
    for path in store.paths:
        if preview.incremental and path not in store.unbuilt:
            page = built_pages.get(path)
            if page is None:  # made once per preview: MkDocs only reads a link target's url
                page = built_pages[path] = _model_page(
                    BuiltPage,
                    path,
                    store.directory,
                    config,
                    dest_uri=_built_uri(path, config),
                    inclusion=InclusionLevel.NOT_IN_NAV,  # as mkdocs.yml's not_in_nav says of model pages
                )
        else:
            page = _model_page(File, path, store.directory, config)
        files.append(page)
    return files


def on_serve(server, config, builder):
    """Notice saves from the operating system's file events (inotify on Linux) instead of MkDocs' poller,
    which lists every watched file again twice a second: at 10,000 models that is 20,000 files scanned in
    the preview's own process, during rebuilds too, and a save waits for the next scan to be seen
    (bench/serve.py). Where the system has no such events, or refuses them, the poller stays."""
    if not _native_events_work(config.docs_dir):
        return server
    # serve() has watched these two on the poller already; the rest of `watch:` is added after this event.
    watched = [path for path in (config.docs_dir, config.config_file_path) if path]
    for path in watched:
        server.unwatch(path)
    server.observer = SaveObserver()
    for path in watched:
        server.watch(path)
    return server


SAVES = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,
    FileAttribEvent,
]
"""What a save, a new file, a removal or a `touch` makes. Reading a file (opened, closed unwritten) is not a
change: each rebuild reads the generator's own files, and without this filter it set off another."""


class SaveObserver(Observer):
    """The system's file events, only those that change a file (MkDocs schedules its watches unfiltered)."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(
            event_handler,
            path,
            recursive=recursive,
            event_filter=event_filter or SAVES,
            follow_symlink=follow_symlink,
        )


def _native_events_work(folder: str) -> bool:
    if Observer is PollingObserver:
        return False
    probe = Observer()
    try:
        probe.schedule(FileSystemEventHandler(), folder, recursive=True)
        probe.start()
    except OSError:  # no inotify, or the system's limit on watches reached
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    return True


def _freeze_heap() -> None:
    """From now on, the cyclic garbage collector leaves alone what the first build left alive: the catalog,
    the Hub facts, the kept pages and pieces. At 10,000 models, collections that walked those millions of
    objects took 0.4–0.6 s of each rebuild's generator time, 0.1–0.2 s once frozen (bench/serve.py). The
    first build's own MkDocs objects are garbage by now, and collected first, so they are not kept."""
    gc.collect()
    gc.freeze()


def on_env(env, config, files):
    if preview.serving:
        env.bytecode_cache = preview.theme_bytecode
    return env


def on_post_build(config):
    """The preview's site now holds every model page as the store has it; a removed model's page goes."""
    if not preview.incremental:
        return
    store = store_for(Path(config.config_file_path).parent)
    for gone in store.removed:
        Path(config.site_dir, _built_uri(gone, config)).unlink(missing_ok=True)
    store.built()
    if not preview.heap_frozen:  # once, just after the first build, while the preview waits for a save
        preview.heap_frozen = True
        timer = threading.Timer(1.0, _freeze_heap)
        timer.daemon = True
        timer.start()


def on_nav(nav, config, files):
    """A dirty rebuild (`make serve`) reads only the pages it rebuilds, and a page never read has no title:
    the navigation drawn on the rebuilt pages said "None" for every other page. Reading the few pages in
    the navigation (not the model pages, which are left out of it) gives them their titles back."""
    for page in nav.pages:
        if page.markdown is None:
            page.read_source(config)
    return nav
