"""Shared helpers: a throwaway repository with a small catalog, so tests never rely on the real one."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs each property test on the same examples, so a red build is reproducible from its log.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent

SPECIALIST = """\
    # yaml-language-server: $schema=../../../schema/model.schema.json
    id: acme/fin-sentiment
    name: Acme Fin Sentiment
    summary: A small classifier for the sentiment of financial news sentences.
    kind: domain
    focus: Sentiment of financial news
    domain: finance
    scope: Labels English financial news sentences as positive, negative or neutral.
    not_for:
      - Product reviews or social media posts.
      - Languages other than English.
    alternatives:
      - acme/general-encoder
    task: text-classification
    modality: text
    languages: [en]
    license: apache-2.0
    params: 109482240
    weights: {bytes: 438000000, format: safetensors, dtype: F32}
    added: 2026-11-24
    sources:
      - https://huggingface.co/acme/fin-sentiment
    subjects: [finance, sentiment]
    """

GENERAL = """\
    id: acme/general-encoder
    name: Acme General Encoder
    summary: A broad English encoder that is fine-tuned for many tasks.
    kind: general
    focus: General English text understanding
    scope: Classifies English text into labels given at run time, by natural-language inference.
    not_for:
      - Running on a phone; it is large.
    task: zero-shot-classification
    modality: text
    languages: [en]
    license: mit
    params: 335000000
    weights: {bytes: 1340000000, format: safetensors, dtype: F32}
    added: 2026-11-20
    sources:
      - https://huggingface.co/acme/general-encoder
    """

LANGUAGE = """\
    id: acme/norsk-bert
    name: Acme Norsk BERT
    summary: A Norwegian-only encoder.
    kind: language
    focus: Norwegian text
    scope: Understands Bokmål and Nynorsk text.
    not_for:
      - Any language but Norwegian.
    alternatives:
      - acme/general-encoder
    languages: [no, nb, nn]
    unchecked: [params, weights]
    sources:
      - https://huggingface.co/acme/norsk-bert
    """

HUB_SNAPSHOT = """\
{"id": "acme/fin-sentiment", "pulled_at": "2026-11-01T12:00:00Z", "sha": "abc123",
 "last_modified": "2025-05-23T10:00:00Z", "downloads": 123456, "likes": 789,
 "library_name": "transformers", "pipeline_tag": "text-classification", "tags": ["finance"],
 "license": "apache-2.0", "languages": ["en"], "gated": false, "params": 109482240,
 "used_storage": 1316525846}
"""

FINDING = """\
    id: small-beats-large
    title: Small specialists can beat large generalists
    claim: On a narrow task, a small tuned model can match a far larger general one.
    evidence:
      - figure: 2.7 % accuracy
        detail: Illustrative figure for tests.
    conditions: Narrow, well-defined tasks with in-domain training data.
    caveats:
      - Scope is narrow.
    models:
      - acme/fin-sentiment
    sources:
      - https://example.org/paper
    """


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_repo(
    root: Path,
    models: dict[str, str] | None = None,
    *,
    site: bool = False,
    hub: dict[str, str] | None = None,
    findings: dict[str, str] | None = None,
) -> Path:
    """A repository layout with the real categories and the given entries (id → YAML text)."""
    if models is None:
        models = {
            "acme/fin-sentiment": SPECIALIST,
            "acme/general-encoder": GENERAL,
            "acme/norsk-bert": LANGUAGE,
        }
    shutil.copy(REPO / "catalog" / "categories.yaml", _mkparent(root / "catalog" / "categories.yaml"))
    for model_id, text in models.items():
        write(root / "catalog" / "models" / f"{model_id}.yaml", text)
    for model_id, text in (hub or {}).items():
        write(root / "catalog" / "hub" / f"{model_id}.json", text)
    for finding_id, text in (findings or {}).items():
        write(root / "catalog" / "findings" / f"{finding_id}.yaml", text)
    if site:
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copy(REPO / "CONTRIBUTING.md", root / "CONTRIBUTING.md")
        shutil.copytree(REPO / "docs", root / "docs")
        shutil.copytree(REPO / "overrides", root / "overrides")
        (root / "generator").symlink_to(REPO / "generator")
    return root


def _mkparent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path)


# The built site and the browser, shared by test_site.py and test_finder.py: session fixtures defined once
# here, so one session builds the real site once and starts Playwright once.

CHROMIUM = "/usr/bin/chromium"
MKDOCS_ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")


def mkdocs_build(root: Path, site_dir: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root,
        env=MKDOCS_ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


FIXTURE_CATALOG = Path(__file__).resolve().parent / "fixtures" / "atlas" / "catalog"
"""A frozen copy of part of the catalog: behaviour tests read it, so no contribution can change them."""

SYNTHETIC_ID = "atlas-tests/synthetic-multilingual-sentiment"


def synthetic_entry(general_id: str | None) -> str:
    """A valid specialist, as a contributor would add one: the real catalog's checks must hold with it."""
    alternatives = f"alternatives:\n      - {general_id}\n    " if general_id else ""
    return f"""\
    id: {SYNTHETIC_ID}
    name: Synthetic Multilingual Sentiment
    summary: A made-up entry that the tests add to a copy of the real catalog.
    kind: domain
    focus: Sentiment of product reviews in many languages
    domain: reviews
    scope: Labels product reviews as positive, negative or neutral.
    not_for:
      - Anything but product reviews.
    {alternatives}task: text-classification
    modality: text
    languages: [de, en, es, fr, ja]
    params: 278000000
    weights: {{bytes: 1110000000, format: safetensors, dtype: F32}}
    added: 2026-12-01
    sources:
      - https://example.org/synthetic
    subjects: [reviews, sentiment]
    """


def site_of(root: Path, catalog: Path) -> Path:
    """`root` made a site around a copy of `catalog`, built strict; returns the built folder."""
    make_repo(root, {}, site=True)
    shutil.rmtree(root / "catalog")
    shutil.copytree(catalog, root / "catalog")
    result = mkdocs_build(root, root / "site")
    assert "WARNING" not in result.stderr, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real catalog plus one synthetic valid entry, built: tests over it check only invariants."""
    import yaml

    from generator.catalog.load import load_catalog, qualifying
    from generator.catalog.schema import ModelEntry

    root = tmp_path_factory.mktemp("real")
    shutil.copytree(REPO / "catalog", root / "real-catalog")
    models = load_catalog(REPO).models
    draft = ModelEntry.model_validate(yaml.safe_load(textwrap.dedent(synthetic_entry(None))), strict=False)
    general = next((m for m in qualifying(models, draft) if models[m].kind == "general"), None)
    write(root / "real-catalog" / "models" / f"{SYNTHETIC_ID}.yaml", synthetic_entry(general))
    return site_of(root, root / "real-catalog")


@pytest.fixture(scope="session")
def atlas_site(tmp_path_factory) -> Path:
    """The frozen fixture catalog, built: what behaviour tests in the browser read."""
    return site_of(tmp_path_factory.mktemp("atlas"), FIXTURE_CATALOG)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """Serve a built site on 127.0.0.1 (random port); returns its base URL."""
    servers = []

    def start(directory: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


def chromium_page(playwright):
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    )
    return browser, browser.new_page()


@pytest.fixture(scope="session")
def playwright():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p
