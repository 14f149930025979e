"""The patterns page is computed from the catalog: adding an entry changes its tables and chart."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from xml.etree import ElementTree

from conftest import GENERAL, HUB_SNAPSHOT, LANGUAGE, SPECIALIST, make_repo

from generator.catalog.load import load_catalog
from generator.site.build import render_site
from generator.site.pages import build_pages
from generator.site.patterns import Spread

SVG = "{http://www.w3.org/2000/svg}"
BASE = {"acme/fin-sentiment": SPECIALIST, "acme/general-encoder": GENERAL, "acme/norsk-bert": LANGUAGE}

PLATFORM = """\
    id: acme/tiny-lm
    name: Acme Tiny LM
    summary: A very small language model for phones.
    kind: platform
    focus: On-device text generation
    scope: Short completions on a phone CPU.
    not_for:
      - Long reasoning; it is tiny.
    alternatives:
      - acme/general-encoder
    languages: [en]
    params: 5000000
    weights: {bytes: 20000000, format: safetensors, dtype: F32}
    runtimes: [ONNX]
    sources:
      - https://huggingface.co/acme/tiny-lm
    """


def kind_row(page: str, label: str) -> str:
    return next(line for line in page.splitlines() if line.startswith(f"| [{label}]"))


def test_adding_an_entry_changes_the_tables_and_the_chart(tmp_path):
    base = BASE
    before = render_site(make_repo(tmp_path / "before", base))
    after = render_site(make_repo(tmp_path / "after", {**base, "acme/tiny-lm": PLATFORM}))

    assert kind_row(before["patterns/index.md"], "Platform-optimized").startswith(
        "| [Platform-optimized](../categories/platform.md) | 0 | –, 0 known"
    )
    assert kind_row(after["patterns/index.md"], "Platform-optimized").startswith(
        "| [Platform-optimized](../categories/platform.md) | 1 | 5.0M &#40;5.0M–5.0M&#41;, 1 known"
        " | 20 MB &#40;20 MB–20 MB&#41;, 1 known |"
    )
    # Specialized side: 109M alone before; the 5M model joins and the median moves to their midpoint.
    assert "| Median parameters (range) | 109M &#40;109M–109M&#41; | 335M" in before["patterns/index.md"]
    assert "| Median parameters (range) | 57M &#40;5.0M–109M&#41; | 335M" in after["patterns/index.md"]
    # One mark per model with a parameter count.
    assert count_marks(before["patterns/breadth.svg"]) == 2
    assert count_marks(after["patterns/breadth.svg"]) == 3
    assert "[Acme Tiny LM](../models/acme/tiny-lm.md)" in after["patterns/index.md"]


def test_download_size_is_the_checked_weights_and_the_hub_storage_only_without_them(tmp_path):
    # The Norwegian entry has no checked weights: its Hub storage (the whole repository) stands in. The
    # financial entry has both: its checked 438 MB wins over the Hub's 1.3 GB of every file.
    norsk = HUB_SNAPSHOT.replace("acme/fin-sentiment", "acme/norsk-bert").replace("1316525846", "700000000")
    hub = {"acme/fin-sentiment": HUB_SNAPSHOT, "acme/norsk-bert": norsk}
    page = render_site(make_repo(tmp_path, BASE, hub=hub))["patterns/index.md"]
    assert " | 700 MB &#40;700 MB–700 MB&#41;, 1 known |" in kind_row(page, "Language-specific")
    assert " | 438 MB &#40;438 MB–438 MB&#41;, 1 known |" in kind_row(page, "Domain-specific")
    assert "| Median download size (range) | 569 MB &#40;438 MB–700 MB&#41; | 1.3 GB" in page


def test_chart_table_links_ids_verbatim(tmp_path):
    # Ids may hold characters the escaper turns into entities (`_`); a link target must not be escaped.
    tiny = PLATFORM.replace("acme/tiny-lm", "acme/tiny_lm")
    base = BASE
    page = render_site(make_repo(tmp_path, {**base, "acme/tiny_lm": tiny}))["patterns/index.md"]
    assert "](../models/acme/tiny_lm.md)" in page


def count_marks(svg: str) -> int:
    """Marks drawn in the per-kind scatter groups (`gid="marks-<kind>"`), not tick marks."""
    root = ElementTree.fromstring(svg)
    groups = [g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("marks-")]
    return sum(1 for g in groups for _ in g.iter(f"{SVG}use"))


def test_chart_is_reproducible(tmp_path):
    repo = make_repo(tmp_path)
    assert render_site(repo)["patterns/breadth.svg"] == render_site(repo)["patterns/breadth.svg"]


def test_chart_drawn_by_the_worker_process_is_the_one_drawn_in_process(tmp_path):
    """render_site draws the chart in the second process (site/workers.py); build_pages draws it here."""
    repo = make_repo(tmp_path, {**BASE, "acme/tiny-lm": PLATFORM})
    in_process = build_pages(load_catalog(repo))["patterns/breadth.svg"]
    assert count_marks(in_process) == 3
    assert render_site(repo)["patterns/breadth.svg"] == in_process


def test_chart_worker_spawns_when_threads_run(tmp_path):
    """With other threads running (mkdocs serve), forking is unsafe: the worker is spawned and still draws."""
    repo = make_repo(tmp_path, {**BASE, "acme/tiny-lm": PLATFORM})
    script = textwrap.dedent(
        f"""
        import threading
        from pathlib import Path
        from generator.site.build import Build

        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()
        build = Build()
        svg = build.run(Path({str(repo)!r}))["patterns/breadth.svg"]
        print(build.second_process.start_method(), svg.count("<use "))
        stop.set()
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    method, uses = done.stdout.split()
    assert method == "spawn"
    assert int(uses) >= 3


def test_spread_ignores_unknown_values():
    assert Spread.of([None, 3, 1, None, 2]) == Spread(3, 2, 1, 3)
    assert Spread.of([None]) == Spread(0, None, None, None)
