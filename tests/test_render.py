"""Rendering: golden files for each page type, escaping of untrusted text, the JSON export."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from conftest import FINDING, GENERAL, HUB_SNAPSHOT, LANGUAGE, SPECIALIST, make_repo

from generator.catalog.load import load_catalog
from generator.catalog.schema import model_json_schema_text
from generator.cli import main
from generator.hub.snapshot import load_snapshots
from generator.output import write_pages
from generator.site.build import render_site
from generator.site.pages import build_pages, human_count

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture
def pages(tmp_path):
    make_repo(tmp_path, hub={"acme/fin-sentiment": HUB_SNAPSHOT}, findings={"small-beats-large": FINDING})
    return render_site(tmp_path)


@pytest.mark.parametrize(
    "page, golden",
    [
        ("models/acme/fin-sentiment.md", "model_specialist_with_hub.md"),
        ("models/acme/general-encoder.md", "model_general_without_hub.md"),
        ("categories/domain.md", "category_domain.md"),
        ("categories/index.md", "categories_index.md"),
        ("index.md", "home.md"),
        ("findings/index.md", "findings.md"),
        ("api/models.json", "models.json"),
        ("patterns/index.md", "patterns.md"),
    ],
)
def test_page_matches_golden_file(pages, page, golden):
    """Reviewed snapshots of each page type; regenerate with UPDATE_GOLDEN=1 and review the diff."""
    path = GOLDEN / golden
    if UPDATE:
        path.write_text(pages[page], encoding="utf-8")
    assert pages[page] == path.read_text(encoding="utf-8")


def test_every_model_gets_a_page_and_every_kind_a_category(pages):
    assert {p for p in pages if p.startswith("models/")} == {
        "models/acme/fin-sentiment.md",
        "models/acme/general-encoder.md",
        "models/acme/norsk-bert.md",
    }
    assert {f"categories/{k}.md" for k in ("task", "domain", "language", "platform", "general")} <= set(pages)


def test_specialist_page_leads_with_its_scope(pages):
    page = pages["models/acme/fin-sentiment.md"]
    notice = page.index('!!! warning "Specialized:')
    assert notice < page.index("## What it is for") < page.index("## Not for") < page.index("## Alternatives")
    assert "- Product reviews or social media posts." in page
    assert "[Acme General Encoder](general-encoder.md)" in page


def test_hub_facts_are_dated_and_absence_is_said(pages):
    assert "As of 2026-11-01" in pages["models/acme/fin-sentiment.md"]
    assert "123,456" in pages["models/acme/fin-sentiment.md"]
    assert "Hub data is not available" in pages["models/acme/general-encoder.md"]


def test_findings_link_both_ways(pages):
    assert "small-beats-large" in pages["models/acme/fin-sentiment.md"]
    assert "[Acme Fin Sentiment](../models/acme/fin-sentiment.md)" in pages["findings/index.md"]


def test_api_lists_every_model_with_its_hub_facts(pages):
    data = json.loads(pages["api/models.json"])
    assert data["count"] == 3 == len(data["models"])
    by_id = {m["id"]: m for m in data["models"]}
    assert by_id["acme/fin-sentiment"]["hub"]["downloads"] == 123456
    assert by_id["acme/general-encoder"]["hub"] is None
    assert by_id["acme/norsk-bert"]["languages"] == ["no", "nb", "nn"]


PAYLOADS = {
    "name": "<script>window.__xss=1</script>Evil",
    "summary": '<img src=x onerror="window.__xss=2"> [click](javascript:window.__xss=3)',
    "focus": '{: onclick="window.__xss=4" } <b onmouseover=alert(5)>hi</b>',
    "scope": "![x](javascript:alert(6)) <javascript:alert(7)> `code` &lt;script&gt;",
}


def hostile_entry() -> str:
    text = SPECIALIST
    for key, value in PAYLOADS.items():
        start = text.index(f"    {key}: ")
        end = text.index("\n", start)
        text = text[:start] + f"    {key}: {json.dumps(value)}" + text[end:]
    return text.replace(
        "    - Product reviews or social media posts.", "    - '</li><script>window.__xss=8</script>'"
    )


class ElementAudit(HTMLParser):
    """Collects what a browser would act on: elements and attributes, not text."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: set[str] = set()
        self.bad_attrs: list[tuple[str, str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or value.startswith(("javascript:", "data:", "vbscript:")):
                self.bad_attrs.append((tag, name, value))


def render_html(md_text: str) -> str:
    """The same Markdown extensions as mkdocs.yml, so what passes here passes on the site."""
    body = md_text.split("---\n", 2)[2] if md_text.startswith("---\n") else md_text
    return markdown.markdown(body, extensions=["admonition", "attr_list", "md_in_html", "tables", "toc"])


def test_untrusted_text_cannot_inject_markup(tmp_path):
    make_repo(
        tmp_path,
        {
            "acme/fin-sentiment": hostile_entry(),
            "acme/general-encoder": GENERAL,
            "acme/norsk-bert": LANGUAGE,
        },
    )
    pages = render_site(tmp_path)
    for path in ("models/acme/fin-sentiment.md", "categories/domain.md", "models/acme/general-encoder.md"):
        audit = ElementAudit(render_html(pages[path]))
        assert not audit.bad_attrs, (path, audit.bad_attrs)
        assert not audit.tags & {"script", "img", "b", "iframe", "object"}, (path, audit.tags)
    # The text survives, shown as text: a reader still sees what the contributor wrote.
    html = render_html(pages["models/acme/fin-sentiment.md"])
    assert "&#60;script&#62;window.&#95;&#95;xss=1&#60;/script&#62;Evil" in html


def test_front_matter_is_escaped_for_themes_that_print_it_raw(tmp_path):
    make_repo(
        tmp_path,
        {
            "acme/fin-sentiment": hostile_entry(),
            "acme/general-encoder": GENERAL,
            "acme/norsk-bert": LANGUAGE,
        },
    )
    page = render_site(tmp_path)["models/acme/fin-sentiment.md"]
    front = page.split("---\n")[1]
    assert "<" not in front and "&lt;script&gt;" in front


def test_human_count():
    assert [human_count(n) for n in (999, 1_500, 109_482_240, 1_100_000_000, 7_615_616_512)] == [
        "999",
        "1.5K",
        "109M",
        "1.1B",
        "7.6B",
    ]


def test_render_writes_a_plain_folder_and_replaces_it_whole(tmp_path):
    repo = make_repo(tmp_path / "repo")
    out = tmp_path / "out"
    (out / "stale").mkdir(parents=True)
    (out / "stale" / "old.md").write_text("left over")
    assert main(["--root", str(repo), "render", "--out", str(out)]) == 0
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == set(build_pages(load_catalog(repo), load_snapshots(repo, ["acme/fin-sentiment"])))
    assert not (out / "stale").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_failed_write_leaves_the_old_folder_untouched(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.md").write_text("old site")
    with pytest.raises(ValueError):
        write_pages({"index.md": "new", "../escape.md": "bad"}, out)
    assert (out / "index.md").read_text() == "old site"
    assert not [p for p in tmp_path.iterdir() if p.name != "out"]


def test_committed_json_schema_is_up_to_date():
    committed = (Path(__file__).parent.parent / "schema" / "model.schema.json").read_text(encoding="utf-8")
    assert committed == model_json_schema_text(), "run `make schema` and commit schema/model.schema.json"


def test_json_schema_rejects_what_the_loader_rejects():
    schema = json.loads(model_json_schema_text())
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {
        "id",
        "name",
        "summary",
        "kind",
        "focus",
        "scope",
        "not_for",
        "sources",
    }
    assert schema["properties"]["kind"]["enum"] == ["task", "domain", "language", "platform", "general"]


def test_feed_is_valid_atom_newest_first(pages):
    from xml.etree import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.fromstring(pages["feed.xml"])
    assert root.tag == f"{atom}feed"
    entries = root.findall(f"{atom}entry")
    # The Norwegian entry has no `added` date and stays out; the others come newest first.
    assert [e.find(f"{atom}id").text for e in entries] == [
        "http://127.0.0.1:8000/models/acme/fin-sentiment/",
        "http://127.0.0.1:8000/models/acme/general-encoder/",
    ]
    assert [e.find(f"{atom}updated").text for e in entries] == [
        "2026-11-24T00:00:00Z",
        "2026-11-20T00:00:00Z",
    ]
    assert root.find(f"{atom}updated").text == "2026-11-24T00:00:00Z"


def test_feed_escapes_untrusted_text(tmp_path):
    from xml.etree import ElementTree

    make_repo(
        tmp_path,
        {"acme/fin-sentiment": hostile_entry(), "acme/general-encoder": GENERAL, "acme/norsk-bert": LANGUAGE},
    )
    feed = render_site(tmp_path)["feed.xml"]
    root = ElementTree.fromstring(feed)  # still well-formed
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "<script>window.__xss=1</script>Evil (domain): " + PAYLOADS["focus"] in titles
    assert "<script>" not in feed


def test_recent_page_lists_dated_entries_newest_first(pages):
    page = pages["recent/index.md"]
    assert page.index("[Acme Fin Sentiment]") < page.index("[Acme General Encoder]")
    assert "Acme Norsk BERT" not in page


# The renderer skips escape_text and yaml.safe_dump for the plain strings most values are (a speed-up at
# 10,000 models, see bench/build.py). These shortcuts must print exactly what the slow paths print.

TRICKY = [
    *(chr(cp) for cp in range(0x250)),
    *"\u0085\u00a0\u1680\u2000\u2007\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\x1c\x1d\x1e\x1f",
    "yes", "No", "TRUE", "null", "Off", "y", "~", "e5", ".inf", "a: b", "a #b", "a  b", "a ", " a",
    "x" * 950, "<script>", "[x](javascript:y)", "a - b", "ok?", "it's", 'say "hi"', "a|b", "{a}", "é",
]  # fmt: skip


def _samples():
    import random

    rng = random.Random(7)
    alphabet = "aZ09 .,;:()/+_%=~^$@!?&*'\"<>|[]{}-#`\t\né\u2028"
    yield from TRICKY
    for single in TRICKY[:0x250]:
        yield f"a{single}b"
        yield f"ab {single}"
    for _ in range(8_000):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))


def test_fast_escape_prints_what_escape_text_prints():
    from generator.site.escape import escape_text
    from generator.site.pages import _finalize

    for text in _samples():
        assert str(_finalize(text)) == str(escape_text(text)), repr(text)


def test_fast_front_matter_is_what_yaml_would_write():
    import yaml

    from generator.site.escape import escape_meta
    from generator.site.pages import _front_matter

    for text in _samples():
        fast = str(_front_matter(text, "A summary."))
        meta = {"title": escape_meta(text), "description": "A summary."}
        slow = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n"
        assert fast == slow, repr(text)
        assert yaml.safe_load(fast.strip("-\n"))["title"] == escape_meta(text)


@pytest.mark.parametrize(
    "path, start",
    [
        ("models/a/b/", "categories"),
        ("models/a/b.md", "models/a"),
        ("models/a/b.md", "models/c"),
        ("index.md", "models/a"),
        ("findings/index.md", ""),
        ("models/a/b/", "."),
        ("../x", "models"),
        ("a//b", "c"),
        ("models", "models"),
    ],
)
def test_fast_relative_paths_match_posixpath(path, start):
    import posixpath

    from generator.site.pages import _relpath

    assert _relpath(path, start) == posixpath.relpath(path, start or ".")
