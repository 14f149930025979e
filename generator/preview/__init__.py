"""What `make serve` keeps between rebuilds: a Build that skips what an edit did not change, and the store
of pages handed to MkDocs. It wraps site/ from outside; nothing below imports it."""
