"""The raw-HTML hook (generator/mkdocs/raw_html.py) never changes a page: converting the Markdown with the
category tables taken out and put back gives exactly the HTML that converting it whole gives."""

from __future__ import annotations

import html
from pathlib import Path

import markdown
import pytest
from conftest import FIXTURE_CATALOG
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from generator.mkdocs.raw_html import put_back, take_out
from generator.site.build import render_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def convert():
    config = load_config(str(ROOT / "mkdocs.yml"))

    def run(text: str) -> str:
        return markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        ).convert(text)

    return run


def both_ways(convert, text: str) -> tuple[str, str, int]:
    rest, blocks = take_out(text)
    return convert(text), put_back(convert(rest), blocks), len(blocks)


def test_every_generated_page_converts_the_same(convert):
    pages = render_site(FIXTURE_CATALOG.parent)
    taken = 0
    for path, text in pages.items():
        if path.endswith(".md"):
            whole, swapped, count = both_ways(convert, text)
            assert swapped == whole, path
            taken += count
    assert taken == 5  # one table on each category page


cell_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


gap = st.sampled_from(["\n", "\n\n", "\n\n\n", "\r\n\r\n"])


@settings(max_examples=300, deadline=None)
@given(
    before=cell_text,
    cells=st.lists(cell_text, min_size=0, max_size=5),
    after=cell_text,
    gaps=st.tuples(gap, gap),
)
def test_any_escaped_text_around_and_inside_a_table_converts_the_same(convert, before, cells, after, gaps):
    rows = "\n".join(f"<tr><td>{html.escape(cell)}</td></tr>" for cell in cells)
    block = f'<div class="atlas-table-wrap" markdown="0">\n<table>\n{rows}\n</table>\n</div>'
    text = f"# Title\n\n{html.escape(before)}{gaps[0]}{block}{gaps[1]}{html.escape(after)}\n"
    whole, swapped, _ = both_ways(convert, text)
    assert swapped == whole


def test_blocks_it_cannot_take_out_are_left_to_markdown(convert):
    nested = '<div class="a" markdown="0">\n<div>inner</div>\n</div>\n'
    unclosed = '<div class="a" markdown="0">\n<table></table>\n'
    for text in (nested, unclosed):
        rest, blocks = take_out(text)
        assert (rest, blocks) == (text, [])


def test_a_lost_placeholder_is_an_error_not_a_missing_table():
    rest, blocks = take_out('<div class="a" markdown="0">\n<table></table>\n</div>\n')
    with pytest.raises(ValueError, match="lost its placeholder"):
        put_back("<p>something else</p>", blocks)
