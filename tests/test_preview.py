"""The preview's reuse (generator/preview/build.py) never changes a page: after each edit, the pages
rendered with what the previous rebuild kept equal the pages rendered from scratch."""

from __future__ import annotations

import json
import os

import pytest
from conftest import FINDING, GENERAL, HUB_SNAPSHOT, LANGUAGE, SPECIALIST, make_repo, write

from generator.catalog import load as catalog_module
from generator.preview.build import Preview
from generator.site.build import render_site

SPEC = "catalog/models/acme/fin-sentiment.yaml"
GEN = "catalog/models/acme/general-encoder.yaml"


def save(path, text):
    """A save as an editor makes it: new content, and a modification time that moves on."""
    write(path, text)
    stamp = os.stat(path).st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


EDITS = [
    (
        "focus of a specialist (shown on its general model's page)",
        SPEC,
        SPECIALIST.replace("Sentiment of financial news", "Sentiment of bank reports"),
    ),
    ("size of a specialist", SPEC, SPECIALIST.replace("params: 109482240", "params: 110000000")),
    (
        "name of the general model (shown on every specialist's page)",
        GEN,
        GENERAL.replace("Acme General Encoder", "Acme Broad Encoder"),
    ),
    (
        "a new specialist naming the general model",
        "catalog/models/acme/tweet-sentiment.yaml",
        SPECIALIST.replace("acme/fin-sentiment", "acme/tweet-sentiment").replace(
            "Acme Fin Sentiment", "Acme Tweet Sentiment"
        ),
    ),
    (
        "a smaller general model that becomes the specialists' computed fallback",
        "catalog/models/acme/small-zero-shot.yaml",
        GENERAL.replace("acme/general-encoder", "acme/small-zero-shot")
        .replace("Acme General Encoder", "Acme Small Zero-Shot")
        .replace("params: 335000000", "params: 33500000")
        .replace("bytes: 1340000000", "bytes: 134000000"),
    ),
    (
        "a Hub snapshot",
        "catalog/hub/acme/fin-sentiment.json",
        HUB_SNAPSHOT.replace('"downloads": 123456', '"downloads": 999'),
    ),
    (
        "a finding",
        "catalog/findings/small-beats-large.yaml",
        FINDING.replace("Small specialists can beat", "Small specialists often beat"),
    ),
]


def test_every_page_matches_a_full_render_after_each_edit(tmp_path):
    root = make_repo(
        tmp_path, hub={"acme/fin-sentiment": HUB_SNAPSHOT}, findings={"small-beats-large": FINDING}
    )
    preview = Preview()
    assert preview.run(root) == render_site(root)
    for what, path, text in EDITS:
        save(root / path, text)
        assert preview.run(root) == render_site(root), what
    (root / "catalog/models/acme/tweet-sentiment.yaml").unlink()
    assert preview.run(root) == render_site(root), "an entry removed"
    (root / "catalog/models/acme/small-zero-shot.yaml").unlink()
    assert preview.run(root) == render_site(root), "the computed fallback removed"


def test_an_edit_reads_one_file_and_renders_only_the_pages_it_touches(tmp_path, monkeypatch):
    root = make_repo(tmp_path)
    preview = Preview()
    preview.run(root)
    reads = []
    original = catalog_module.read_yaml_file
    monkeypatch.setattr(catalog_module, "read_yaml_file", lambda p: reads.append(p.name) or original(p))
    save(root / "catalog/models/acme/norsk-bert.yaml", LANGUAGE.replace("Norwegian text", "Norwegian prose"))
    pages = preview.run(root)
    assert sorted(reads) == ["categories.yaml", "norsk-bert.yaml"]
    # The Norwegian model and its general alternative are rendered again; the finance specialist is not.
    assert preview.stale == {"acme/norsk-bert", "acme/general-encoder"}
    assert "Norwegian prose" in pages["models/acme/norsk-bert.md"]
    assert "Norwegian prose" in pages["models/acme/general-encoder.md"]


@pytest.mark.parametrize("kept", [True, False])
def test_a_bad_save_keeps_nothing_stale(tmp_path, kept):
    from generator.catalog.load import CatalogInvalid

    root = make_repo(tmp_path)
    preview = Preview()
    preview.run(root)
    save(root / SPEC, SPECIALIST.replace("name: Acme Fin Sentiment", "name: [Acme"))
    with pytest.raises(CatalogInvalid):
        preview.run(root)
    fixed = SPECIALIST.replace("Acme Fin Sentiment", "Acme Fin Mended") if kept else SPECIALIST
    save(root / SPEC, fixed)
    assert preview.run(root) == render_site(root)
    assert json.loads(preview.run(root)["api/models.json"])["count"] == 3


PREVIEW_SCRIPT = """
import os, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
root, site, entry = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
added = entry.with_name("fin-sentiment-copy.yaml")
def rebuild(dirty, first=False):
    # As `mkdocs serve --dirty` does: the config (and so every hook) loaded afresh for each rebuild,
    # on_startup run once, on the first one.
    config = load_config(str(root / "mkdocs.yml"), site_dir=site)
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=dirty)
def save(path, text):
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(stamp, stamp))
original = entry.read_text(encoding="utf-8")
rebuild(False, first=True)
save(entry, original.replace("Sentiment of financial news", "Sentiment of something else"))
rebuild(True)
save(added, original.replace("acme/fin-sentiment", "acme/fin-sentiment-copy"))
rebuild(True)
save(entry, original)
added.unlink()
rebuild(True)
"""
"""Edits a preview rebuilds after: a changed entry, a new one, and the new one removed (its page must go)."""


@pytest.mark.build
def test_a_preview_after_edits_publishes_what_a_build_publishes(tmp_path):
    import subprocess
    import sys

    from conftest import MKDOCS_ENV, mkdocs_build

    root = make_repo(tmp_path / "repo", site=True, findings={"small-beats-large": FINDING})
    mkdocs_build(root, tmp_path / "built")
    subprocess.run(
        [sys.executable, "-c", PREVIEW_SCRIPT, str(root), str(tmp_path / "previewed"), str(root / SPEC)],
        cwd=root,
        env=MKDOCS_ENV,
        check=True,
        capture_output=True,
        timeout=600,
    )

    def published(site):
        skip = ("pagefind/", "sitemap.xml")  # the search index's file names, and the sitemap's build date
        return {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith(skip)
        }

    built, previewed = published(tmp_path / "built"), published(tmp_path / "previewed")
    assert built.keys() == previewed.keys()
    different = [path for path in built if built[path] != previewed[path]]
    assert different == [], different
