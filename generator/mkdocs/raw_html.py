"""The category tables skip Python-Markdown's HTML parser (the plugin, mkdocs/plugin.py, calls `take_out`
before a page's conversion and `put_back` after it).

A category page holds its table as one raw HTML block, `<div class="..." markdown="0">` … `</div>`, which
Markdown copies into the page unchanged, but only after html.parser has read every tag of it: at 10,000
models, about 1 s of each build or preview rebuild that touches a category page (bench/serve.py). This
takes such blocks out of a page's Markdown before conversion, leaving a placeholder paragraph, and puts
each back in place of its paragraph afterwards: the page is byte for byte what Markdown makes of it
(tests/test_raw_html.py). Blocks that nest another `<div>` are left to Markdown.
"""

from __future__ import annotations

import re
import secrets

from markdown.util import ETX, STX

TAB_LENGTH = 4  # Python-Markdown's default, which MkDocs keeps
_OPENING = re.compile(r'^<div class="[^"<>]*" markdown="0">$', re.MULTILINE)
_CLOSING = "\n</div>\n"
_NONCE = secrets.token_hex(8)  # so that no contributor's text can be mistaken for a placeholder


def take_out(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each raw block replaced by a placeholder paragraph, and the blocks in order.

    Only a block with an empty line (or the page's start or end) on both sides is taken: Markdown writes
    those as they are, followed by an empty line. The text is first normalised as Markdown would."""
    markdown = _as_markdown_reads_it(markdown)
    blocks: list[str] = []
    parts: list[str] = []
    position = 0
    for opening in _OPENING.finditer(markdown):
        start = opening.start()
        if start < position or not (start == 0 or markdown.endswith("\n\n", 0, start)):
            continue  # inside a block taken out, or not a block of its own
        end = markdown.find(_CLOSING, opening.end())
        if end < 0 or "<div" in markdown[opening.end() : end]:
            continue
        end += len(_CLOSING) - 1  # the block ends with `</div>`; its newline stays in the text
        if not (markdown.startswith("\n\n", end) or not markdown[end:].strip("\n")):
            continue
        parts += [markdown[position:start], f"\n\n{_placeholder(len(blocks))}\n\n"]
        blocks.append(markdown[start:end])
        position = end
    parts.append(markdown[position:])
    return "".join(parts), blocks


def put_back(html: str, blocks: list[str]) -> str:
    """`html` (Markdown's output for `take_out`'s text) with each placeholder paragraph replaced by its block,
    as Markdown writes a raw block: followed by an empty line, and the whole page stripped at its ends."""
    for number, block in enumerate(blocks):
        paragraph = f"<p>{_placeholder(number)}</p>"
        if paragraph not in html:
            raise ValueError(f"raw HTML block {number} lost its placeholder during Markdown conversion")
        html = html.replace(paragraph, f"{block}\n", 1)
    return html.strip()


def _as_markdown_reads_it(text: str) -> str:
    """Python-Markdown's whitespace normalisation (NormalizeWhitespace, the first preprocessor), which applies
    to raw HTML too: no STX/ETX, line ends made \\n, tabs expanded, lines of spaces emptied."""
    text = text.replace(STX, "").replace(ETX, "").replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"(?<=\n) +\n", "\n", text.expandtabs(TAB_LENGTH))


def _placeholder(number: int) -> str:
    return f"atlasrawblock{_NONCE}n{number}"
