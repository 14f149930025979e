// Model Atlas search page (search/): Pagefind's JavaScript API over the index that generator/mkdocs_search.py
// writes to pagefind/ after each build. Its files load only on this page, and the index only in the pieces
// a query needs. `?q=words` starts a search, so the header and the 404 page can link to one.
//
// The results are drawn here rather than by Pagefind's UI for two reasons a reader notices: a model whose id
// or name is exactly what was typed comes first (Pagefind ranks by word density, so "finbert" put
// FinBERT-tone above FinBERT), and each result shows the model's name, id, kind, focus and size from the
// page's metadata, never an excerpt of the hidden words that make it findable (its languages by name and
// code, its task and kind). Every value reaches the page as text.
(function () {
  "use strict";

  const SHOWN = 20;
  const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
  let pagefind = null;

  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  // Pagefind hands attribute values over as written in the HTML, where the generator escaped them as
  // character references: decode them as text, never as markup.
  function decode(value) {
    const text = typeof value === "string" ? value : "";
    if (!text.includes("&")) return text;
    return new DOMParser().parseFromString(`<!doctype html><body>${text.replace(/</g, "&lt;")}`, "text/html").body.textContent;
  }

  // Exact id or name matches first, then Pagefind's order.
  function rank(query, results) {
    const q = query.trim().toLowerCase();
    const exact = (r) => {
      const id = decode(r.meta.model_id).toLowerCase();
      const name = decode(r.meta.title).toLowerCase();
      return id === q || name === q ? 0 : id.split("/").pop() === q ? 1 : 2;
    };
    return results.map((r, i) => [exact(r), i, r]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]);
  }

  function resultItem(r) {
    const meta = r.meta || {};
    const id = decode(meta.model_id);
    const title = decode(meta.title) || r.url;
    const facts = [decode(meta.kind), decode(meta.focus), decode(meta.size)].filter(Boolean).join(" · ");
    return h(
      "li",
      { class: "pagefind-ui__result" },
      h(
        "p",
        { class: "pagefind-ui__result-title" },
        h("a", { class: "pagefind-ui__result-link", href: r.url }, title),
        ID_PATTERN.test(id) ? [" ", h("code", { text: id })] : null,
      ),
      facts ? h("p", { class: "pagefind-ui__result-excerpt", text: facts }) : null,
    );
  }

  function mount() {
    const root = document.getElementById("atlas-search");
    if (!root || root.dataset.mounted) return;
    root.dataset.mounted = "1";
    const bundle = new URL(root.dataset.bundle, document.baseURI).href;
    const input = h("input", {
      class: "pagefind-ui__search-input",
      id: "atlas-search-input",
      type: "search",
      autocomplete: "off",
      spellcheck: "false",
      placeholder: "Search models by id, name, focus, task or language",
    });
    const message = h("p", { class: "pagefind-ui__message", role: "status", "aria-live": "polite" });
    const list = h("ol", { class: "pagefind-ui__results" });
    const form = h("form", { class: "pagefind-ui__form", role: "search" }, input);
    form.addEventListener("submit", (event) => event.preventDefault());
    root.append(form, message, list);

    let latest = 0;
    async function run(query) {
      const ticket = ++latest;
      const q = query.trim();
      if (!q) {
        list.replaceChildren();
        message.textContent = "";
        return;
      }
      pagefind = pagefind || (await import(`${bundle}pagefind.js`));
      const search = await pagefind.search(q);
      if (ticket !== latest || !search) return; // a newer query took over
      const data = await Promise.all(search.results.slice(0, SHOWN * 2).map((r) => r.data()));
      if (ticket !== latest) return;
      const ranked = rank(q, data).slice(0, SHOWN);
      list.replaceChildren(...ranked.map(resultItem));
      const total = search.results.length;
      message.textContent =
        total === 0
          ? `No results for “${q}”.`
          : `${total} ${total === 1 ? "result" : "results"} for “${q}”${total > SHOWN ? `; the first ${SHOWN} shown` : ""}.`;
    }

    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const url = new URL(location.href);
        if (input.value.trim()) url.searchParams.set("q", input.value.trim());
        else url.searchParams.delete("q");
        history.replaceState(history.state, "", url);
        run(input.value).catch((error) => {
          message.textContent = "Search could not load. Reload the page to try again.";
          console.warn("Model Atlas search:", error);
        });
      }, 150);
    });
    const query = new URLSearchParams(location.search).get("q");
    if (query) {
      input.value = query;
      run(query).catch((error) => console.warn("Model Atlas search:", error));
    }
    input.focus();
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
