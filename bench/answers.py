"""The finder's answers on the real catalog, for a reader to judge: needs typed as sentences.

    python3 bench/answers.py [--site DIR] [sentence ...]

Builds the site from this checkout (or reads one already built with `--site`), types each sentence into
the finder's box in Chromium, and prints the chips it became and the first three results, each with the
line that says what placed it. With no sentences, the needs people post that the closing notes quote.
This prints answers, not a score: whether the first result is the one a practitioner would pick is a
judgement to make by reading them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from local_browser import launch, served
from project_venv import REPO, reexec_in_project_venv

reexec_in_project_venv()

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
SENTENCES = (
    "a chat model that runs on my 8 GB laptop, CPU only",
    "chatbot for a raspberry pi",
    "chat model for a 24 GB GPU",
    "speech recognition in German on a phone",
    "semantic search for Chinese",
    "embeddings for source code",
    "classify tweets as positive or negative in Spanish",
    "table extraction from scanned invoices, CPU only",
    "remove patient names from clinical notes",
    "fast text to speech cpu",
    "translate Japanese to English",
    "detect toxic comments",
    "handwriting recognition",
    "named entity recognition in French",
    "image captioning on a phone",
)


def build_site(out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out)],
        cwd=REPO,
        env=ENV,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return out


def answers(site: Path, sentences: tuple[str, ...]) -> None:
    from playwright.sync_api import sync_playwright

    with served(site) as root, sync_playwright() as p:
        base = root + "finder/"
        browser = launch(p)
        page = browser.new_page()
        for sentence in sentences:
            page.goto(base)
            page.locator("#atlas-finder[data-state=ready]").wait_for()
            page.locator("#finder-need").fill(sentence)
            page.locator("#finder-need").press("Enter")
            page.wait_for_function("location.search.includes('=')", timeout=5_000)
            page.locator("#atlas-finder[data-state=ready]").wait_for()
            chips = page.locator(".atlas-chip").evaluate_all(
                "cs => cs.map(c => c.textContent.replace('×', '').trim())"
            )
            rows = page.locator("#finder-list > .atlas-result").evaluate_all(
                """items => items.slice(0, 3).map(li => {
                    const placed = li.querySelector('.atlas-placed');
                    return [li.dataset.modelId, li.dataset.fit, placed ? placed.textContent : ''];
                })"""
            )
            print(f"“{sentence}”\n  {page.evaluate('location.search')}\n  chips: {', '.join(chips)}")
            for model_id, fit, placed in rows:
                print(f"  - {model_id} [{fit}] {placed}")
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site already built (default: build one now)")
    parser.add_argument("sentences", nargs="*", help="needs typed as sentences (default: the closing notes')")
    args = parser.parse_args()
    sentences = tuple(args.sentences) or SENTENCES
    if args.site:
        answers(args.site, sentences)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        answers(build_site(Path(tmp) / "site"), sentences)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
