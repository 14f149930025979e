// Model Atlas search page (search/): Pagefind's JavaScript API over the index that generator/mkdocs/search.py
// writes to pagefind/ after each build. Its files load only on this page, and the index only in the pieces
// a query needs. `?q=words` starts a search, so the header and the 404 page can link to one.
//
// The results are drawn here rather than by Pagefind's UI for two reasons a reader notices: a model whose id
// or name is exactly what was typed comes first (Pagefind ranks by word density, so "finbert" put
// FinBERT-tone above FinBERT), and each result shows the model's name, id, kind, focus and size from the
// page's metadata, never an excerpt of the hidden words that make it findable (its languages by name and
// code, its task and kind). Every value reaches the page as text. Pages matching more of the query's words
// come first, so one word no page has does not empty the list; and a query that names a need ("speech
// recognition in German") also shows the finder's answer to it above the hits (finder.js `answer`).
(function () {
  "use strict";

  const { ID_PATTERN, h } = window.ModelAtlas;
  const SHOWN = 20;
  let pagefind = null;

  // Pagefind hands attribute values over as written in the HTML, where the generator escaped them as
  // character references: decode them as text, never as markup.
  function decode(value) {
    const text = typeof value === "string" ? value : "";
    if (!text.includes("&")) return text;
    return new DOMParser().parseFromString(`<!doctype html><body>${text.replace(/</g, "&lt;")}`, "text/html").body.textContent;
  }

  // The pages that match the most of the query's words first, each word searched on its own, so a query
  // with one word no page has ("fast text to speech cpu") still finds pages; Pagefind's score breaks ties.
  // Filler words ("a", "for", words.yaml `filler`) are not counted.
  async function byWordsMatched(query, filler) {
    const words = [...new Set(window.ModelAtlasNeed.tokens(query))].filter((w) => !filler.has(w)).slice(0, 12);
    if (words.length < 2) {
      const search = await pagefind.search(query);
      return { hits: search ? search.results : [], words: words.length };
    }
    const found = new Map();
    for (const search of await Promise.all(words.map((w) => pagefind.search(w)))) {
      for (const r of search ? search.results : []) {
        const seen = found.get(r.id) || { r, n: 0, score: 0 };
        seen.n += 1;
        seen.score += r.score || 0;
        found.set(r.id, seen);
      }
    }
    const ranked = [...found.values()].sort((a, b) => b.n - a.n || b.score - a.score);
    return { hits: ranked.map((x) => x.r), words: words.length, all: ranked.filter((x) => x.n === words.length).length };
  }

  // Exact id or name matches first, then the order found.
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
    const needBox = h("section", { class: "atlas-search-need", id: "search-need", "aria-labelledby": "search-need-heading", hidden: "" });
    const list = h("ol", { class: "pagefind-ui__results" });
    const form = h("form", { class: "pagefind-ui__form", role: "search" }, input);
    form.addEventListener("submit", (event) => event.preventDefault());
    root.append(form, needBox, message, list);
    const A = window.ModelAtlas;
    const N = window.ModelAtlasNeed;
    const siteRoot = root.dataset.root || "../";
    const indexUrl = root.dataset.index ? new URL(root.dataset.index, document.baseURI).href : null;
    // The finder's index, for reading the query as a need; without it, search still runs on text alone.
    const loadIndex = () => (A && N && indexUrl ? A.loadIndex(indexUrl).catch(() => null) : Promise.resolve(null));

    // The query read as a need (words.yaml, need.js): its chips, the words not understood and the first
    // results of the finder's answer, linked to the whole answer. Shown when the query names more than a
    // model's name.
    function showNeed(index, q) {
      const read = index ? N.read(index, q) : null;
      const chips = read ? N.chips(index, read.filters).filter((c) => c.key !== "search" && c.key !== "sort") : [];
      if (!chips.length) {
        needBox.hidden = true;
        needBox.replaceChildren();
        return;
      }
      const { matches } = A.answer(index, read.filters);
      const href = `${siteRoot}finder/${N.writeFilters(read.filters)}`;
      const first = matches.slice(0, 3).map((r) => {
        const m = r.model;
        const size = m.params !== null ? `${A.humanCount(m.params)} parameters` : null;
        return h(
          "li",
          { class: "atlas-search-need__result", "data-id": m.id },
          h("a", { href: A.modelHref(siteRoot, m.id), text: m.name }),
          " ",
          h("code", { text: m.id }),
          h("span", { class: "atlas-search-need__fit", text: ` · ${r.fit.title || ""}${size ? ` · ${size}` : ""}` }),
        );
      });
      const parts = [
        h("h2", { id: "search-need-heading", text: "Your need, as the finder reads it" }),
        h("ul", { class: "atlas-chips__list", "aria-label": "Your need, as filters" }, chips.map((c) => h("li", {}, h("span", { class: "atlas-chip atlas-chip--static", text: c.label })))),
        read.unknown.length ? h("p", { class: "atlas-chips__unknown", text: `Not understood, so not used: ${read.unknown.map((w) => `“${w}”`).join(", ")}.` }) : null,
        first.length ? h("ol", { class: "atlas-search-need__results" }, first) : h("p", { text: "No model matches all of it." }),
        h("p", {}, h("a", { href, class: "atlas-search-need__more" }, `The whole answer in the finder (${matches.length} ${matches.length === 1 ? "model" : "models"}), to refine`)),
      ];
      needBox.replaceChildren(...parts.filter(Boolean));
      needBox.hidden = false;
    }

    let latest = 0;
    async function run(query) {
      const ticket = ++latest;
      const q = query.trim();
      if (!q) {
        list.replaceChildren();
        message.textContent = "";
        return;
      }
      const index = await loadIndex();
      if (ticket !== latest) return;
      showNeed(index, q);
      pagefind = pagefind || (await import(`${bundle}pagefind.js`));
      const filler = new Set(index ? index.words.filler : []);
      const found = await byWordsMatched(q, filler);
      if (ticket !== latest) return; // a newer query took over
      const data = await Promise.all(found.hits.slice(0, SHOWN * 2).map((r) => r.data()));
      if (ticket !== latest) return;
      const ranked = rank(q, data).slice(0, SHOWN);
      list.replaceChildren(...ranked.map(resultItem));
      const total = found.hits.length;
      const partial = found.all !== undefined && found.all < total;
      message.textContent =
        total === 0
          ? `No results for “${q}”.`
          : `${total} ${total === 1 ? "result" : "results"} for “${q}”` +
            (partial ? `, ${found.all} with all ${found.words} words; those with the most words first` : "") +
            (total > SHOWN ? `; the first ${SHOWN} shown` : "") +
            ".";
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
