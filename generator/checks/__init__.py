"""Checks a maintainer runs on the catalog or the built site: links, sources, coverage, changes."""
