"""Write rendered pages to a plain folder, all or nothing.

Pages are rendered in memory first; then the new folder is written beside the old one and swapped in, so a
crash or an error never leaves a reader (or a deploy) with a half-written site.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_file_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file in the same folder, then rename over `path` (atomic on POSIX)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_pages(pages: dict[str, str], out_dir: Path) -> None:
    """Replace `out_dir` with exactly `pages` (path → text), swapping the whole folder in at the end."""
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        for rel, text in pages.items():
            target = (staging / rel).resolve()
            if staging not in target.parents:
                raise ValueError(f"page path escapes the output folder: {rel!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            os.replace(out_dir, old)
        os.replace(staging, out_dir)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
