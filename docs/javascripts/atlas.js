// Model Atlas: the helpers every page script shares (finder.js, need.js, compare.js, search.js), loaded
// before them (mkdocs.yml `extra_javascript`) and exported as ModelAtlas; finder.js adds the index's
// helpers to it. Every string from api/finder.json or Pagefind is untrusted: `h` puts it into the page
// only as text (textContent, Text nodes, attribute values), never as markup.
(function () {
  "use strict";

  // The schema's MODEL_ID_PATTERN (generator/catalog/schema.py): letters, digits, ".", "_", "-" and one slash.
  const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

  const text = (value) => (typeof value === "string" ? value : "");
  const texts = (value) => (Array.isArray(value) ? value.filter((v) => typeof v === "string") : []);
  const count = (value) => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null);
  const asObject = (value) => (value && typeof value === "object" && !Array.isArray(value) ? value : {});

  const jsonCache = new Map();
  function loadJSON(url) {
    if (!jsonCache.has(url)) {
      const request = fetch(url, { credentials: "same-origin" }).then((response) => {
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        return response.json();
      });
      request.catch(() => jsonCache.delete(url)); // let a later visit try again
      jsonCache.set(url, request);
    }
    return jsonCache.get(url);
  }

  // Create an element: `props` sets className, text or attributes; children are nodes or strings
  // (strings become Text nodes, never markup).
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }

  // `n` in the largest unit it reaches, one decimal below 10: 109482240 → "109M", 438000000 → "438 MB",
  // as the model pages print them (generator/site/pages.py, COUNT_UNITS and BYTE_UNITS).
  function scaled(n, units, smaller) {
    if (n === null || n === undefined) return "";
    for (const [div, unit] of units) {
      if (n >= div) {
        const value = n / div;
        return value < 10 ? `${value.toFixed(1)}${unit}` : `${Math.round(value)}${unit}`;
      }
    }
    return smaller;
  }
  const humanCount = (n) => scaled(n, [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]], String(n));
  const humanBytes = (n) => scaled(n, [[1e12, " TB"], [1e9, " GB"], [1e6, " MB"], [1e3, " kB"]], `${n} B`);

  const thousands = (n) => (n === null || n === undefined ? "" : n.toLocaleString("en"));

  function listText(items, max) {
    const shown = max && items.length > max ? items.slice(0, max) : items;
    const rest = items.length - shown.length;
    const joined = shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : shown.join("");
    return rest > 0 ? `${shown.join(", ")} and ${rest} more` : joined;
  }

  window.ModelAtlas = { ID_PATTERN, text, texts, count, asObject, h, loadJSON, humanCount, humanBytes, thousands, listText };
})();
