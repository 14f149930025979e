"""Render the navigation once for all model pages, not once per page (the plugin, mkdocs/plugin.py, puts
`SharedNav.render` in the theme's globals).

Model pages are left out of the navigation (`not_in_nav`) and all sit at the same depth,
`models/<org>/<name>/`, so the tabs and the sidebar navigation Material renders for each of them are the
same HTML, byte for byte: no item is active and every relative link climbs the same number of levels. At
10,000 models, rendering them again for every page is about a twelfth of the build (bench/build.py).
overrides/main.html wraps those two partials in `{% call shared_for_model_pages(name, page) %}`; any other
page renders them as usual. The plugin empties the cache at the start of every build, so `mkdocs serve`
sees edits.
"""

from __future__ import annotations


class SharedNav:
    """The tabs and sidebar, rendered once per depth of model page within one build."""

    def __init__(self) -> None:
        self._rendered: dict[tuple[str, int], str] = {}

    def reset(self) -> None:
        self._rendered.clear()

    def render(self, name: str, page, caller) -> str:
        url = getattr(page, "url", "") or ""
        if not url.startswith("models/"):
            return caller()
        key = (name, url.count("/"))
        if key not in self._rendered:
            self._rendered[key] = caller()
        return self._rendered[key]
