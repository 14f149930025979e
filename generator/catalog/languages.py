"""Language names: one source for the pages, the finder's filter and the sentence box.

Names come from the Unicode CLDR through Babel ("Greek", "Cantonese", the names a reader knows, and the
same data browsers use), then from pycountry's copy of the ISO 639 tables for codes CLDR does not name
("Modern Greek (1453-)" style names are kept out of pages that way). The words a reader may type for a
language add its endonym ("Deutsch", "español") and the extra names of generator/data/words.yaml.
"""

from __future__ import annotations

import functools
import re

import pycountry
from babel import Locale, UnknownLocaleError

from .words import normalize, word_table

_ENGLISH = Locale("en")


@functools.cache
def iso_entry(code: str):
    base = code.split("-", 1)[0]
    return pycountry.languages.get(alpha_2=base) if len(base) == 2 else pycountry.languages.get(alpha_3=base)


@functools.cache
def language_name(code: str) -> str | None:
    """The English name of an ISO 639 code (`de` → German); None for a code that is not ISO 639."""
    entry = iso_entry(code)
    if entry is None:
        return None
    return _ENGLISH.languages.get(code.split("-", 1)[0]) or entry.name


@functools.cache
def endonym(code: str) -> str | None:
    """The language's name for itself (`de` → Deutsch), where CLDR has one."""
    try:
        name = Locale.parse(code.split("-", 1)[0]).get_display_name(code.split("-", 1)[0])
    except (UnknownLocaleError, ValueError):
        return None
    return name or None


def _words(name: str) -> list[str]:
    # "Spanish; Castilian" and "Modern Greek (1453-)" name one language several ways.
    parts = re.split(r"[;,]", re.sub(r"\([^)]*\)", " ", name))
    return [" ".join(normalize(p).split()) for p in parts if p.strip()]


@functools.cache
def language_words(code: str) -> tuple[str, ...]:
    """Every phrase that names the language in a need: English names, endonym and the table's extras."""
    names = [language_name(code) or ""]
    entry = iso_entry(code)
    if entry is not None:
        names += [entry.name, getattr(entry, "common_name", "")]
    names.append(endonym(code) or "")
    words = [w for name in names if name for w in _words(name)]
    words += word_table().languages.get(code, [])
    return tuple(dict.fromkeys(w for w in words if w))
