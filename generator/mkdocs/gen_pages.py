"""mkdocs-gen-files script: hand the generator's pages to MkDocs. Nothing else belongs here.

The core never imports MkDocs; `python -m generator render --out DIR` writes the same pages to a folder.
"""

import logging
import os
import sys
import time
from pathlib import Path

import mkdocs_gen_files

STARTED = time.perf_counter()  # the generator's own imports count as its time

from generator.catalog.load import CatalogInvalid  # noqa: E402
from generator.catalog.schema import KINDS  # noqa: E402
from generator.mkdocs.plugin import NAME  # noqa: E402
from generator.preview.build import Preview  # noqa: E402
from generator.site.build import Build  # noqa: E402

LOG = logging.getLogger("mkdocs.plugins.model_atlas")
# The catalog belongs to the site being built: the folder that holds its mkdocs.yml.
ROOT = Path(mkdocs_gen_files.config["config_file_path"]).resolve().parent
# The plugin (generator/mkdocs/plugin.py) keeps what lives between rebuilds: MkDocs keeps its instance for
# the whole of `mkdocs serve`, while this script runs afresh each time.
try:
    plugin = mkdocs_gen_files.config["plugins"][NAME]
except KeyError:
    raise SystemExit(f"mkdocs.yml must list the `{NAME}` plugin after gen-files") from None
# What the previous run handed over, path → (mtime, text). A one-off `mkdocs build` starts with none.
previous = plugin.handed.setdefault(str(ROOT), {})
# What the generator reuses between rebuilds (generator/preview/build.py), in a preview only.
preview = plugin.previews.setdefault(str(ROOT), Preview()) if plugin.serving else None


def _restart_signature() -> dict[str, int]:
    """What a running preview cannot apply to every page: its own code (imported once), and the theme
    overrides and mkdocs.yml, which `--dirty` applies only to the pages it rebuilds."""
    paths = [ROOT / "mkdocs.yml", *(ROOT / "generator").rglob("*.py"), *(ROOT / "overrides").rglob("*")]
    return {str(p): p.stat().st_mtime_ns for p in paths if p.is_file()}


first_seen = plugin.started.setdefault(str(ROOT), _restart_signature())
changed = sorted(
    Path(p).relative_to(ROOT).as_posix() for p, t in _restart_signature().items() if first_seen.get(p) != t
)
if changed:  # a reader of the preview must not take a stale page for the current one
    print(
        f"WARNING  -  {', '.join(changed[:3])}{' …' if len(changed) > 3 else ''} changed since `make serve` "
        "started: pages not rebuilt still show the old version. Restart `make serve` to see it everywhere.",
        file=sys.stderr,
    )

fallback = False  # serving the last good pages after a bad save
try:
    build = preview or Build()
    pages = build.run(ROOT, mkdocs_gen_files.config["site_url"], mkdocs_gen_files.config["repo_url"])
except CatalogInvalid as exc:
    if not previous:  # a build, or the first build of `mkdocs serve`: nothing good to fall back on
        for error in exc.errors:
            LOG.error("%s", error)
        raise SystemExit(f"the catalog has {len(exc.errors)} error(s), listed above") from None
    # `mkdocs serve` after a bad save: keep serving the last good site, which the next good save replaces.
    # Printed rather than logged: MkDocs counts logged errors, and in strict mode would stop serving.
    for error in exc.errors:
        print(f"ERROR    -  {error}", file=sys.stderr)
    print(
        f"ERROR    -  the catalog has {len(exc.errors)} error(s): the preview keeps the last good pages "
        "until they are fixed",
        file=sys.stderr,
    )
    pages = {path: text for path, (_, text) in previous.items() if path != "contributing.md"}
    fallback = True

# Each generated page's "Edit" button opens the file a contributor must change (relative to docs/); model
# pages get theirs in generator/mkdocs/plugin.py.
sources = {f"categories/{kind}.md": Path("catalog/categories.yaml") for kind in KINDS}
sources["categories/index.md"] = Path("catalog/categories.yaml")
sources["contributing.md"] = Path("CONTRIBUTING.md")
# Pages built from many files open the template that lays them out.
sources.update(
    {
        "index.md": Path("generator/site/templates/home.md.j2"),
        "findings/index.md": Path("generator/site/templates/findings.md.j2"),
        "patterns/index.md": Path("generator/site/templates/patterns.md.j2"),
        "recent/index.md": Path("generator/site/templates/recent.md.j2"),
    }
)
# The contributor guide lives at the repository root, where GitHub shows it; publish it on the site too.
pages["contributing.md"] = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")

# `mkdocs serve` runs this script again after every change, in the same process, and gen-files writes every
# page to a new temporary folder: to `mkdocs serve --dirty`, which rebuilds only sources newer than their
# built page, all of them would look changed. So a page whose text is the same as in the previous run gets
# back that run's modification time, and only the pages an edit changed are rebuilt.
RENDERED = time.perf_counter()

# Model pages go to the page store, which rewrites only the pages whose text changed; the plugin
# (generator/mkdocs/plugin.py) hands them to MkDocs. The few index pages go through gen-files.
model_pages = {path: text for path, text in pages.items() if path.startswith("models/")}
# After a bad save the store keeps the last good model pages, as they are.
written = 0 if fallback else plugin.store(ROOT).update(model_pages, remember=preview is not None)
plugin.pages_handed = True

for path, text in pages.items():
    if path in model_pages:
        continue
    with mkdocs_gen_files.open(path, "w") as handle:
        handle.write(text)
    before = previous.get(path)
    if before is not None and before[1] == text:
        os.utime(handle.name, ns=(before[0], before[0]))
    else:
        previous[path] = (os.stat(handle.name).st_mtime_ns, text)
    if path in sources:
        mkdocs_gen_files.set_edit_path(path, f"../{sources[path].as_posix()}")

for gone in previous.keys() - pages.keys():
    del previous[gone]

# bench/build.py reads this line: the generator's share of a build, measured inside that build, the time
# gen-files took to take the pages (writing each one to its temporary folder), and the peak memory of the
# generator's second process, which stays resident until MkDocs exits.
HANDED = time.perf_counter()
LOG.info(
    "generator: %d pages in %.2f s; handed to MkDocs in %.2f s (%d model pages written); "
    "second process peak RSS %d MB",
    len(pages),
    RENDERED - STARTED,
    HANDED - RENDERED,
    written,
    build.second_process.peak_rss_mb(),
)
