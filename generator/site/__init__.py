"""Catalog and snapshot into pages: model and index pages, the finder's JSON, patterns, feed, templates."""
