"""Model Atlas generator: catalog YAML (+ Hub snapshot) → Markdown pages for a static site."""
