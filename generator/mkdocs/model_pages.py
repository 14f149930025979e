"""The pieces the plugin (mkdocs/plugin.py) uses to hand MkDocs the model pages from the page store
(preview/pagestore.py) and to keep `mkdocs serve`'s rebuilds to what a save changed.

The gen-files script renders every page and hands the index pages to MkDocs itself; the model pages go to
the page store, where an unchanged page keeps its file and its modification time. The plugin adds them to
the build's files, after gen-files has run, with the edit link each page's YAML file needs.

Under `mkdocs serve --dirty` (the preview; `mkdocs build` is untouched) it also:
- hands over a model page already built and unchanged since as a `BuiltPage`: a file MkDocs resolves links
  to but neither reads, renders nor copies; its HTML stays in the preview's site folder, which a dirty
  build never empties. At 10,000 models that spares each rebuild a Page object, a navigation entry and two
  modification-time checks per model page;
- keeps Material's compiled templates between rebuilds (preview.ThemeBytecode);
- freezes, once, what the first build left alive, so the garbage collector stops walking it (_freeze_heap);
- watches for saves with the system's file events rather than MkDocs' poller (SaveObserver).
Each measure's gain is in the README's Performance section (bench/serve.py).
"""

from __future__ import annotations

import gc
from pathlib import Path

from mkdocs.structure.files import File
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


def built_uri(path: str, config) -> str:
    """Where MkDocs writes a model page (no model is named index or README: schema.RESERVED_NAMES)."""
    return f"{path[:-3]}/index.html" if config.use_directory_urls else f"{path[:-3]}.html"


def model_page_file(kind: type[File], path: str, directory: Path, config, **options) -> File:
    page = kind(path, str(directory), config.site_dir, config.use_directory_urls, **options)
    page.edit_uri = f"../catalog/{path[:-3]}.yaml"  # its entry, relative to docs/ as edit_uri is
    return page


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


def native_events_work(folder: str) -> bool:
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


def freeze_heap() -> None:
    """From now on, the cyclic garbage collector leaves alone what the first build left alive: the catalog,
    the Hub facts, the kept pages and pieces. At 10,000 models, collections that walked those millions of
    objects took 0.4–0.6 s of each rebuild's generator time, 0.1–0.2 s once frozen (bench/serve.py). The
    first build's own MkDocs objects are garbage by now, and collected first, so they are not kept."""
    gc.collect()
    gc.freeze()
