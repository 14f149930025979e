"""The MkDocs side: the one plugin (plugin.py wires events; the other modules hold the logic) and the
mkdocs-gen-files script that hands the generator's pages to MkDocs."""
