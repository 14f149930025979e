"""Escaping for every context contributor or Hub text lands in.

Generated pages are Markdown that Python-Markdown turns into HTML, and Python-Markdown passes raw HTML
through. So one function serves Markdown and HTML alike: it turns every character that could open markup
(HTML tags, entities, links, images, attribute lists, code spans, tables) into a numeric character reference.
Browsers display those as the original characters; neither Markdown nor HTML can act on them.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_MARKUP_CHARS = "&<>\"'`\\*_[](){}#|!~^$"
_TO_ENTITY = str.maketrans({ch: f"&#{ord(ch)};" for ch in _MARKUP_CHARS})
_BLOCK_START = re.compile(r"[-+=:?]|[0-9]+[.)](?= |$)")
"""What opens a block when it starts a line: a rule or list (`---`, `+ x`, `1. x`), a heading's underline
(`===`), a definition or a collapsible block (`???`). Its last character is escaped: the text stays inline."""


def escape_text(value: object) -> Markup:
    """Inline text safe in Markdown and in HTML text or attribute values. Newlines fold to spaces."""
    if value is None:
        return Markup("")
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    text = " ".join(str(value).split()).translate(_TO_ENTITY)
    if opening := _BLOCK_START.match(text):
        end = opening.end() - 1
        text = f"{text[:end]}&#{ord(text[end])};{text[end + 1 :]}"
    return Markup(text)


def escape_meta(value: str) -> str:
    """For MkDocs front matter (`title`, `description`): themes print these into HTML unescaped."""
    return html.escape(" ".join(value.split()), quote=True)


def link_url(url: str) -> Markup:
    """A schema-checked http(s) URL, made safe as a Markdown link target and an HTML attribute."""
    if not (url.startswith("https://") or url.startswith("http://")):
        raise ValueError(f"refusing to link to a non-web URL: {url!r}")
    safe = url.replace("&", "&amp;").replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    for ch in "<>\"'`":
        safe = safe.replace(ch, f"%{ord(ch):02X}")
    return Markup(safe)
