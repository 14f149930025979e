"""The Atom feed of newly added models, so readers can follow the catalog's growth.

Built with ElementTree, which escapes every text node: names and summaries from contributors cannot break
the XML or smuggle markup into a feed reader.
"""

from __future__ import annotations

import datetime as dt
import heapq
from xml.etree import ElementTree as ET

from ..catalog.schema import ModelEntry

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 30


def newest_first(entries, limit: int) -> list[ModelEntry]:
    """The `limit` newest entries with an `added` date, newest first (ties by id, so the order is stable).
    heapq.nsmallest is sorted(...)[:limit] without sorting all 10,000."""
    dated = (e for e in entries if e.added is not None)
    return heapq.nsmallest(limit, dated, key=lambda e: (-e.added.toordinal(), e.id.lower()))


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(entries, site_url: str) -> str:
    """An Atom 1.0 document of the FEED_SIZE newest entries; `site_url` makes its links absolute."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    newest = newest_first(entries, FEED_SIZE)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "Model Atlas: recently added models"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base + "feed.xml"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=base + "feed.xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=base + "recent/")
    updated = newest[0].added if newest else dt.date(1970, 1, 1)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(updated)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Model Atlas contributors"
    for entry in newest:
        url = f"{base}models/{entry.id}/"
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}title").text = f"{entry.name} ({entry.kind}): {entry.focus}"
        ET.SubElement(item, f"{{{ATOM}}}id").text = url
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=url)
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _timestamp(entry.added)
        ET.SubElement(item, f"{{{ATOM}}}category", term=entry.kind)
        ET.SubElement(item, f"{{{ATOM}}}summary").text = entry.summary
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
