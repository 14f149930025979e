// Model Atlas search page (search/): Pagefind's own UI over the index that generator/mkdocs_search.py
// writes to pagefind/ after each build. Its files load only on this page, and the index only in the pieces
// a query needs. `?q=words` starts a search, so the header and the 404 page can link to one.
(function () {
  "use strict";

  function load(tag, attrs) {
    return new Promise((resolve, reject) => {
      const el = document.createElement(tag);
      Object.assign(el, attrs, { onload: resolve, onerror: reject });
      document.head.appendChild(el);
    });
  }

  let loaded = null;

  function mount() {
    const root = document.getElementById("atlas-search");
    if (!root || root.dataset.mounted) return;
    root.dataset.mounted = "1";
    // data-bundle is relative to the page; resolve it against the page's own address.
    const bundle = new URL(root.dataset.bundle, document.baseURI).href;
    loaded =
      loaded ||
      Promise.all([
        load("link", { rel: "stylesheet", href: bundle + "pagefind-ui.css" }),
        load("script", { src: bundle + "pagefind-ui.js" }),
      ]);
    loaded.then(() => {
      const ui = new window.PagefindUI({
        element: "#atlas-search",
        bundlePath: bundle,
        showImages: false,
        showSubResults: false,
        resetStyles: false,
        autofocus: true,
        translations: { placeholder: "Search models by id, name, focus or tag" },
      });
      // Tie the page's visible label (search.md) to Pagefind's box, which has only a placeholder.
      const input = root.querySelector(".pagefind-ui__search-input");
      if (input) input.id = "atlas-search-input";
      const query = new URLSearchParams(location.search).get("q");
      if (query) ui.triggerSearch(query);
    });
  }

  // "/" opens search from any page, as on most documentation sites (and focuses the box on this page).
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
    const box = document.getElementById("atlas-search-input");
    const link = document.querySelector("header a[aria-label='Search the atlas']");
    if (!box && !link) return;
    event.preventDefault();
    if (box) box.focus();
    else link.click();
  });

  if (window.document$) window.document$.subscribe(mount);
  else document.addEventListener("DOMContentLoaded", mount);
})();
