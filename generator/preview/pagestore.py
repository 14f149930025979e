"""A folder of generated model pages that outlives one build, written only where a page changed.

mkdocs-gen-files hands every page to MkDocs through a new temporary folder each build, so under
`mkdocs serve` every save wrote all 10,000 model pages again (5–7 s of a rebuild on the bench machine) and
gave each a fresh modification time. Model pages go here instead: a page whose text is unchanged keeps its
file and its modification time, so `mkdocs serve --dirty` rebuilds only the pages an edit changed, and the
plugin (`generator/mkdocs/plugin.py`, which keeps one store per site) hands MkDocs the files as they
are. The folder holds exactly the current pages: a removed model's file is deleted. Each write is atomic
(output.write_file_atomic without its fsync, since the folder is a cache: a crash costs a rebuild, never a
half-written published page).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

CACHE_DIR = Path(".cache") / "model-atlas" / "pages"
"""Under the site's root (gitignored): one folder per site, found again by the next build or `make serve`."""


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class PageStore:
    """The model pages of one site on disk, with what each file holds, so unchanged pages are not touched."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.digests: dict[str, bytes] | None = None  # None until the folder has been read once
        self.paths: list[str] = []
        self.texts: dict[str, str] = {}
        """The text each page was last given as: not hashed again while it is the same object."""
        self.unbuilt: set[str] = set()
        """Pages written (or, in a new process, found) since the site was last built from this store: a
        preview hands only these to MkDocs as pages to build (generator/mkdocs/plugin.py)."""
        self.removed: set[str] = set()
        """Pages deleted since the site was last built: their built copies must go too."""

    def _read_existing(self) -> dict[str, bytes]:
        found = {}
        if self.directory.is_dir():
            for folder, _, names in os.walk(self.directory):
                for name in names:
                    path = Path(folder) / name
                    if name.startswith("."):  # a temporary file a killed build left
                        path.unlink(missing_ok=True)
                        continue
                    found[path.relative_to(self.directory).as_posix()] = _digest(path.read_text("utf-8"))
        return found

    def update(self, pages: dict[str, str], remember: bool = False) -> int:
        """Make the folder hold exactly `pages` (path → text); return how many files were written. With
        `remember` (a preview, which hands over the same string for a page it did not render again), a page
        given as the same object as last time is known unchanged without hashing it."""
        if self.digests is None:
            self.digests = self._read_existing()
            self.unbuilt = set(pages)
        written = 0
        for path, text in pages.items():
            if self.texts.get(path) is text:
                continue
            if remember:
                self.texts[path] = text
            digest = _digest(text)
            if self.digests.get(path) != digest:
                self._write(path, text)
                self.digests[path] = digest
                self.unbuilt.add(path)
                written += 1
        for gone in self.digests.keys() - pages.keys():
            (self.directory / gone).unlink(missing_ok=True)
            del self.digests[gone]
            self.texts.pop(gone, None)
            self.unbuilt.discard(gone)
            self.removed.add(gone)
        self.paths = list(pages)
        return written

    def built(self) -> None:
        """The site now holds every page of the store as it is: nothing is left to build or remove."""
        self.unbuilt.clear()
        self.removed.clear()

    def _write(self, relative: str, text: str) -> None:
        target = (self.directory / relative).resolve()
        if self.directory.resolve() not in target.parents:
            raise ValueError(f"page path escapes the page store: {relative!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
