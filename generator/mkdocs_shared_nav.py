"""MkDocs hook (mkdocs.yml `hooks:`): render the navigation once for all model pages, not once per page.

Model pages are left out of the navigation (`not_in_nav`) and all sit at the same depth,
`models/<org>/<name>/`, so the tabs and the sidebar navigation Material renders for each of them are the
same HTML, byte for byte: no item is active and every relative link climbs the same number of levels. At
10,000 models, rendering them again for every page is about a twelfth of the build (bench/build.py).
overrides/main.html wraps those two partials in `{% call shared_for_model_pages(name, page) %}`; any other
page renders them as usual. The cache is emptied at the start of every build, so `mkdocs serve` sees edits.
"""

from __future__ import annotations

_rendered: dict[tuple[str, int], str] = {}


def shared_for_model_pages(name: str, page, caller) -> str:
    url = getattr(page, "url", "") or ""
    if not url.startswith("models/"):
        return caller()
    key = (name, url.count("/"))
    if key not in _rendered:
        _rendered[key] = caller()
    return _rendered[key]


def on_env(env, config, files):
    _rendered.clear()
    env.globals["shared_for_model_pages"] = shared_for_model_pages
    return env
