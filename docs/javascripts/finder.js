// Model Atlas finder (finder/): filter the catalog in the browser, keep every filter in the address, and
// explain how well each result fits the need the filters describe.
//
// Data: api/finder.json, generated at build time by generator/finder.py (its docstring lists the short
// keys). Every string in it is untrusted contributor or Hub text, so it reaches the page only as text
// (textContent, Text nodes, attribute values); links are built only from ids that match the catalog's id
// pattern and only to the site's own model pages. compare.js reuses the helpers exported as ModelAtlas.
(function () {
  "use strict";

  // ---------------------------------------------------------------------------------------------------
  // Shared helpers (also used by compare.js)
  // ---------------------------------------------------------------------------------------------------

  // The schema's MODEL_ID_PATTERN (generator/schema.py): letters, digits, ".", "_", "-" and one slash.
  const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
  const KINDS = ["task", "domain", "language", "platform", "general"];

  const text = (value) => (typeof value === "string" ? value : "");
  const texts = (value) => (Array.isArray(value) ? value.filter((v) => typeof v === "string") : []);
  const count = (value) => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null);

  // Keep only well-formed records: a malformed one is dropped rather than half shown.
  function cleanModel(raw) {
    if (!raw || typeof raw !== "object" || !ID_PATTERN.test(text(raw.i))) return null;
    if (!KINDS.includes(raw.k)) return null;
    return {
      id: raw.i,
      name: text(raw.n) || raw.i,
      kind: raw.k,
      focus: text(raw.f),
      summary: text(raw.s),
      domain: text(raw.d),
      task: text(raw.t),
      modality: text(raw.m),
      languages: texts(raw.l),
      license: text(raw.c),
      params: count(raw.p),
      storage: count(raw.b),
      gated: typeof raw.g === "boolean" ? raw.g : null,
      downloads: count(raw.dl),
      likes: count(raw.lk),
      hubDate: text(raw.h),
      notFor: texts(raw.x),
      alternatives: texts(raw.a).filter((id) => ID_PATTERN.test(id)),
    };
  }

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

  // The finder index, as { kinds: {kind: label}, models: [...], byId: Map }.
  function loadIndex(url) {
    return loadJSON(url).then((data) => {
      const models = (Array.isArray(data && data.models) ? data.models : []).map(cleanModel).filter(Boolean);
      const kinds = {};
      for (const kind of KINDS) kinds[kind] = text(data && data.kinds && data.kinds[kind]) || kind;
      return { kinds, models, byId: new Map(models.map((m) => [m.id, m])) };
    });
  }

  // The URL of a model page, relative to the page that holds `root` (data-root, e.g. "../").
  function modelHref(root, id) {
    if (!ID_PATTERN.test(id)) throw new Error("not a model id");
    return `${root}models/${id}/`;
  }

  function compareHref(root, ids) {
    const valid = ids.filter((id) => ID_PATTERN.test(id));
    // Ids need no encoding (see ID_PATTERN); left readable, the address can be read and edited.
    return `${root}compare/?ids=${valid.join(",")}`;
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

  function link(root, model) {
    return h("a", { href: modelHref(root, model.id) }, model.name);
  }

  // 109482240 → "109M", as the model pages print it (generator/render.py, human_count).
  function humanCount(n) {
    if (n === null || n === undefined) return "";
    for (const [div, unit] of [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]]) {
      if (n >= div) {
        const value = n / div;
        return value < 10 ? `${value.toFixed(1)}${unit}` : `${Math.round(value)}${unit}`;
      }
    }
    return String(n);
  }

  function humanBytes(n) {
    if (n === null || n === undefined) return "";
    for (const [div, unit] of [[1e12, "TB"], [1e9, "GB"], [1e6, "MB"], [1e3, "kB"]]) {
      if (n >= div) {
        const value = n / div;
        return value < 10 ? `${value.toFixed(1)} ${unit}` : `${Math.round(value)} ${unit}`;
      }
    }
    return `${n} B`;
  }

  const thousands = (n) => (n === null || n === undefined ? "" : n.toLocaleString("en"));

  let languageNames = null;
  try {
    languageNames = new Intl.DisplayNames(["en"], { type: "language" });
  } catch (e) {
    languageNames = null;
  }
  // "de" → "German"; an unknown code stays as it is.
  function languageName(code) {
    try {
      const name = languageNames && languageNames.of(code);
      return name && name !== code ? name : code;
    } catch (e) {
      return code;
    }
  }

  function listText(items, max) {
    const shown = max && items.length > max ? items.slice(0, max) : items;
    const rest = items.length - shown.length;
    const joined = shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : shown.join("");
    return rest > 0 ? `${shown.join(", ")} and ${rest} more` : joined;
  }

  function languagesText(codes, max) {
    return listText(codes.map((c) => `${languageName(c)} (${c})`), max);
  }

  window.ModelAtlas = {
    ID_PATTERN, loadJSON, loadIndex, modelHref, compareHref, h, link, humanCount, humanBytes, thousands,
    languageName, languagesText, listText, text, texts,
  };

  // ---------------------------------------------------------------------------------------------------
  // Filters and the address
  // ---------------------------------------------------------------------------------------------------

  // The free-text filter is `search`, not `q`: Material opens its own search box on any page whose
  // address carries `q`.
  const MULTI = ["task", "lang"];
  const SINGLE = ["search", "kind", "modality", "domain", "license", "maxparams", "maxstorage", "gated", "sort"];
  const ORDER = ["search", "kind", "task", "modality", "domain", "lang", "license", "maxparams", "maxstorage", "gated", "sort"];

  // Filters from a query string. A multi-valued filter may repeat (lang=de&lang=fr) or use commas.
  function readFilters(search) {
    const params = new URLSearchParams(search);
    const filters = {};
    for (const name of SINGLE) filters[name] = (params.get(name) || "").trim();
    for (const name of MULTI) {
      const values = params.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
      filters[name] = [...new Set(values)];
    }
    return filters;
  }

  function writeFilters(filters) {
    const params = new URLSearchParams();
    for (const name of ORDER) {
      const value = filters[name];
      if (Array.isArray(value)) value.forEach((v) => params.append(name, v));
      else if (value) params.set(name, value);
    }
    const query = params.toString();
    return query ? `?${query}` : "";
  }

  // "350M", "1.5B" or a plain number of parameters.
  function parseCount(value) {
    const match = /^(\d+(?:\.\d+)?)\s*([kmbt]?)$/i.exec(value || "");
    if (!match) return null;
    return Number(match[1]) * { "": 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 }[match[2].toLowerCase()];
  }

  // "500MB", "1GB" or a plain number of bytes; decimal units, as the model pages and the Hub's file
  // listings print sizes ("GiB" and the like stay binary).
  function parseBytes(value) {
    const match = /^(\d+(?:\.\d+)?)\s*(?:([kmgt])(i?)b?|b)?$/i.exec(value || "");
    if (!match) return null;
    const power = { k: 1, m: 2, g: 3, t: 4 }[(match[2] || "").toLowerCase()] || 0;
    return Number(match[1]) * (match[3] ? 1024 : 1000) ** power;
  }

  // The filters that narrow the list, each with a test and the words that say why a model misses it.
  // search: every word must appear in the name, id, focus or summary (case-insensitive).
  function activeFilters(f) {
    const active = [];
    if (f.search) {
      const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
      active.push({
        key: "search",
        name: "search words",
        test: (m) => {
          const haystack = `${m.name} ${m.id} ${m.focus} ${m.summary}`.toLowerCase();
          return words.every((w) => haystack.includes(w));
        },
        miss: () => `its name, id, focus and summary do not contain “${f.search}”`,
      });
    }
    if (f.kind) {
      active.push({
        key: "kind",
        name: "kind",
        test: (m) => m.kind === f.kind,
        miss: (m, idx) => `it is ${idx.kinds[m.kind]}`,
      });
    }
    if (f.task.length) {
      active.push({
        key: "task",
        name: f.task.length > 1 ? "tasks" : "task",
        test: (m) => f.task.includes(m.task),
        miss: (m) => (m.task ? `its task is ${m.task}` : "its task is not listed"),
      });
    }
    if (f.modality) {
      active.push({
        key: "modality",
        name: "modality",
        test: (m) => m.modality === f.modality,
        miss: (m) => (m.modality ? `it takes ${m.modality}` : "its modality is not listed"),
      });
    }
    if (f.domain) {
      active.push({
        key: "domain",
        name: "domain",
        test: (m) => m.domain === f.domain,
        miss: (m) => (m.domain ? `its domain is ${m.domain}` : "it has no domain"),
      });
    }
    if (f.lang.length) {
      active.push({
        key: "lang",
        name: f.lang.length > 1 ? "languages" : "language",
        test: (m) => f.lang.every((code) => m.languages.includes(code)),
        miss: (m) => (m.languages.length ? `it covers ${languagesText(m.languages, 4)} only` : "its languages are not listed"),
      });
    }
    if (f.license) {
      active.push({
        key: "license",
        name: "license",
        test: (m) => m.license === f.license,
        miss: (m) => (m.license ? `its license is ${m.license}` : "its license is not listed"),
      });
    }
    const maxParams = parseCount(f.maxparams);
    if (maxParams !== null) {
      active.push({
        key: "maxparams",
        name: "size limit",
        test: (m) => m.params !== null && m.params <= maxParams,
        miss: (m) => (m.params !== null ? `it has ${humanCount(m.params)} parameters` : "its size is not known"),
      });
    }
    const maxStorage = parseBytes(f.maxstorage);
    if (maxStorage !== null) {
      active.push({
        key: "maxstorage",
        name: "storage limit",
        test: (m) => m.storage !== null && m.storage <= maxStorage,
        miss: (m) => (m.storage !== null ? `it takes ${humanBytes(m.storage)}` : "its storage is not known"),
      });
    }
    if (f.gated === "yes" || f.gated === "no") {
      const want = f.gated === "yes";
      active.push({
        key: "gated",
        name: "gating",
        test: (m) => m.gated === want,
        miss: (m) => (m.gated === null ? "its gating is not known (no Hub data)" : m.gated ? "it is gated" : "it is not gated"),
      });
    }
    return active;
  }

  // ---------------------------------------------------------------------------------------------------
  // Fit: the rule the finder page explains to readers ("How the finder judges fit")
  // ---------------------------------------------------------------------------------------------------

  // Tasks that are open-ended by nature: a reader who picks one has not yet named a narrow job.
  const OPEN_ENDED_TASKS = new Set([
    "text-generation", "text2text-generation", "fill-mask", "feature-extraction", "image-text-to-text",
    "any-to-any", "zero-shot-classification", "zero-shot-image-classification", "zero-shot-object-detection",
  ]);

  // The need the filters describe. It is "broad" when no domain is chosen and at least one of: no task and
  // no search words, several tasks, an open-ended task, several languages, or kind=general.
  function assessNeed(f, active) {
    const reasons = [];
    if (!f.domain) {
      if (f.task.length === 0 && !f.search) reasons.push("no task or search words");
      if (f.task.length > 1) reasons.push("several tasks");
      if (f.task.length === 1 && OPEN_ENDED_TASKS.has(f.task[0])) reasons.push(`${f.task[0]} is an open-ended task`);
      if (f.lang.length > 1) reasons.push("several languages");
      if (f.kind === "general") reasons.push("general-purpose models asked for");
    }
    const described = active.length > 0;
    return { described, broad: described && reasons.length > 0, reasons };
  }

  // Does the reader ask for what this specialist is specialized in? Per kind: its domain, its language,
  // a single task, a size limit (platform); search words that match it count for every kind.
  function specialtyAsked(model, f) {
    if (f.search) return true;
    switch (model.kind) {
      case "domain": return Boolean(f.domain);
      case "language": return f.lang.length > 0;
      case "task": return f.task.length === 1;
      case "platform": return parseCount(f.maxparams) !== null || parseBytes(f.maxstorage) !== null;
      default: return false;
    }
  }

  const NOT_ASKED = {
    domain: "your filters name no domain",
    language: "your filters name no language",
    task: "your filters name no single task",
    platform: "your filters set no size limit",
  };

  // The reader's narrowing filters, in words, for a "matches your …" reason.
  function matchedWords(f) {
    const words = [];
    if (f.domain) words.push(`domain (${f.domain})`);
    if (f.lang.length) words.push(`${f.lang.length > 1 ? "languages" : "language"} (${f.lang.map(languageName).join(", ")})`);
    if (f.task.length === 1) words.push(`task (${f.task[0]})`);
    if (f.search) words.push(`search words (“${f.search}”)`);
    if (parseCount(f.maxparams) !== null || parseBytes(f.maxstorage) !== null) words.push("size limit");
    return words;
  }

  // One result's fit: "match" (a specialist for what was asked: listed first), "warning" (narrower than
  // the need), "general" (a general-purpose model) or "none" (no need described yet).
  function assessFit(model, f, need, kinds) {
    if (!need.described) return { type: "none" };
    if (model.kind === "general") return { type: "general" };
    const label = kinds[model.kind];
    if (need.broad) {
      return {
        type: "warning",
        title: "Narrow model for a broad need",
        why: `Specialized (${label}) for ${model.focus}, while your filters describe a broad need: ${listText(need.reasons)}.`,
      };
    }
    if (specialtyAsked(model, f)) {
      return {
        type: "match",
        title: "Specialist for your need",
        why: `Specialized for ${model.focus}; matches your ${listText(matchedWords(f))}.`,
      };
    }
    return {
      type: "warning",
      title: "Narrower than your filters",
      why: `Specialized (${label}) for ${model.focus}, but ${NOT_ASKED[model.kind]}.`,
    };
  }

  const FIT_RANK = { match: 0, general: 1, none: 1, warning: 2 };
  const byName = (a, b) => {
    const x = a.model.name.toLowerCase();
    const y = b.model.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a.model.id < b.model.id ? -1 : a.model.id > b.model.id ? 1 : 0;
  };
  // Unknown figures sort last whatever the direction.
  const byFigure = (key, direction) => (a, b) => {
    const x = a.model[key];
    const y = b.model[key];
    if (x === null && y === null) return byName(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return (x - y) * direction || byName(a, b);
  };
  const SORTS = {
    "": (a, b) => FIT_RANK[a.fit.type] - FIT_RANK[b.fit.type] || byName(a, b),
    name: byName,
    size: byFigure("params", 1),
    downloads: byFigure("downloads", -1),
  };

  // ---------------------------------------------------------------------------------------------------
  // The page
  // ---------------------------------------------------------------------------------------------------

  const PAGE_SIZE = 200;
  const NEAR_MISS_LIMIT = 10;

  function optionsFrom(select, entries) {
    for (const [value, label] of entries) select.append(h("option", { value }, label));
  }

  function tally(values) {
    const counts = new Map();
    for (const value of values) if (value) counts.set(value, (counts.get(value) || 0) + 1);
    return counts;
  }

  // Fill the selects whose choices come from the catalog, each with its number of models.
  function populate(form, index) {
    const models = index.models;
    const fill = (name, counts, label) => {
      const select = form.elements[name];
      const entries = [...counts].map(([value, n]) => [value, `${label(value)} (${n})`]);
      entries.sort((a, b) => (a[1].toLowerCase() < b[1].toLowerCase() ? -1 : 1));
      optionsFrom(select, entries);
    };
    fill("task", tally(models.map((m) => m.task)), (v) => v);
    fill("domain", tally(models.map((m) => m.domain)), (v) => v);
    fill("license", tally(models.map((m) => m.license)), (v) => v);
    fill("lang", tally(models.flatMap((m) => m.languages)), (v) => `${languageName(v)} (${v})`);
  }

  // Show the filters in the form. A value from the address that filters but that no option offers (a
  // hand-typed maxparams=2.5B, a language no model lists) gets its own option, so the form always says
  // exactly what is filtered; a value that filters nothing (sort=bogus, gated=maybe) shows as "any".
  function showFilters(form, f) {
    form.elements.search.value = f.search;
    const effective = {
      ...f,
      maxparams: parseCount(f.maxparams) !== null ? f.maxparams : "",
      maxstorage: parseBytes(f.maxstorage) !== null ? f.maxstorage : "",
      gated: f.gated === "yes" || f.gated === "no" ? f.gated : "",
      sort: Object.hasOwn(SORTS, f.sort) ? f.sort : "",
    };
    for (const name of ["kind", "modality", "domain", "license", "maxparams", "maxstorage", "gated", "sort"]) {
      const select = form.elements[name];
      const value = effective[name];
      if (value && ![...select.options].some((o) => o.value === value)) {
        select.append(h("option", { value }, name.startsWith("max") ? `Up to ${value}` : value));
      }
      select.value = value;
    }
    for (const name of MULTI) {
      const select = form.elements[name];
      for (const value of f[name]) {
        if (![...select.options].some((o) => o.value === value)) select.append(h("option", { value }, value));
      }
      for (const option of select.options) option.selected = f[name].includes(option.value);
    }
  }

  function formFilters(form) {
    const f = {};
    for (const name of SINGLE) f[name] = form.elements[name].value.trim();
    for (const name of MULTI) f[name] = [...form.elements[name].selectedOptions].map((o) => o.value);
    return f;
  }

  function alternativesLine(root, index, model) {
    const alternatives = model.alternatives.map((id) => index.byId.get(id)).filter(Boolean);
    const general = alternatives.filter((m) => m.kind === "general");
    const shown = general.length ? general : alternatives;
    if (!shown.length) return null;
    const label = general.length ? "General-purpose alternatives: " : "Alternatives: ";
    const links = [];
    shown.forEach((m, i) => {
      if (i) links.push(", ");
      links.push(link(root, m));
    });
    return h("p", { class: "atlas-fit__alternatives" }, h("strong", { text: label }), ...links);
  }

  function notForList(model) {
    if (!model.notFor.length) return null;
    return [
      h("p", { class: "atlas-fit__label" }, h("strong", { text: "Not for:" })),
      h("ul", { class: "atlas-fit__notfor" }, model.notFor.map((item) => h("li", { text: item }))),
    ];
  }

  // The box under a result that explains its fit (an admonition, as on the model pages).
  function fitBox(root, index, model, fit, anyMatch, miss) {
    if (miss) {
      return h(
        "div",
        { class: "admonition warning atlas-fit atlas-fit--miss" },
        h("p", { class: "admonition-title", text: `Misses your ${miss.name}` }),
        h("p", { text: `${miss.text[0].toUpperCase()}${miss.text.slice(1)}.` }),
        model.kind !== "general" ? notForList(model) : null,
        model.kind !== "general" ? alternativesLine(root, index, model) : null,
      );
    }
    if (fit.type === "match") {
      return h(
        "div",
        { class: "admonition success atlas-fit atlas-fit--match" },
        h("p", { class: "admonition-title", text: fit.title }),
        h("p", { text: fit.why }),
        notForList(model),
        alternativesLine(root, index, model),
      );
    }
    if (fit.type === "warning") {
      return h(
        "div",
        { class: "admonition warning atlas-fit atlas-fit--warning" },
        h("p", { class: "admonition-title", text: fit.title }),
        h("p", { text: fit.why }),
        notForList(model),
        alternativesLine(root, index, model),
      );
    }
    if (fit.type === "general") {
      const why = anyMatch
        ? "Broader than your need: a specialist listed above may do better at a fraction of the size."
        : "A broad model: it suits a broad need, and a specialist may beat it on a narrow one.";
      return h("p", { class: "atlas-fit atlas-fit--general" }, h("strong", { text: "General-purpose. " }), why);
    }
    return null;
  }

  function resultItem(root, index, model, fit, anyMatch, miss) {
    const facts = [
      h("span", { class: `atlas-kind atlas-kind--${model.kind}`, text: index.kinds[model.kind] }),
      ` ${model.focus}`,
    ];
    const figures = [
      model.params !== null ? `${humanCount(model.params)} parameters` : "size not listed",
      model.storage !== null ? `${humanBytes(model.storage)} download` : null,
      model.license ? `license ${model.license}` : "license not listed",
      model.task || null,
      model.downloads !== null ? `${thousands(model.downloads)} downloads` : null,
      model.gated ? "gated" : null,
    ].filter(Boolean);
    const compareIds = [model.id, ...model.alternatives.filter((id) => index.byId.has(id))].slice(0, 4);
    return h(
      "li",
      { class: "atlas-result", "data-id": model.id, "data-fit": miss ? "miss" : fit.type },
      h("h3", { class: "atlas-result__name" }, link(root, model), " ", h("code", { text: model.id })),
      h("p", { class: "atlas-result__facts" }, ...facts),
      h("p", { class: "atlas-result__figures", text: figures.join(" · ") }),
      fitBox(root, index, model, fit, anyMatch, miss),
      compareIds.length > 1
        ? h("p", { class: "atlas-result__compare" }, h("a", { href: compareHref(root, compareIds) }, "Compare with its alternatives"))
        : null,
    );
  }

  function needParagraph(need, f) {
    if (!need.described) {
      return h("p", { class: "atlas-need", text: "Describe your task with the filters: the finder then explains how each model fits it." });
    }
    if (need.broad) {
      return h(
        "p",
        { class: "atlas-need atlas-need--broad" },
        h("strong", { text: "Your filters describe a broad need" }),
        `: ${listText(need.reasons)}. General-purpose models come first; specialized ones carry a warning.`,
      );
    }
    const words = matchedWords(f);
    return h(
      "p",
      { class: "atlas-need atlas-need--narrow" },
      h("strong", { text: "Your filters describe a narrow need" }),
      words.length ? `: ${listText(words)}.` : ".",
      " Specialists for it come first, with the reason.",
    );
  }

  function render(state) {
    const { root, index, form, status, results } = state;
    const f = readFilters(location.search);
    const active = activeFilters(f);
    const need = assessNeed(f, active);

    const matches = [];
    const nearMisses = [];
    for (const model of index.models) {
      const failed = active.filter((filter) => !filter.test(model));
      if (failed.length === 0) {
        matches.push({ model, fit: assessFit(model, f, need, index.kinds) });
      } else if (failed.length === 1 && active.length >= 2) {
        // Ranked as if the missed filter were not set: a specialist for the rest of the need comes first.
        const rest = { ...f, [failed[0].key]: MULTI.includes(failed[0].key) ? [] : "" };
        const miss = { name: failed[0].name, text: failed[0].miss(model, index) };
        nearMisses.push({ model, fit: assessFit(model, rest, need, index.kinds), miss });
      }
    }
    const sort = Object.hasOwn(SORTS, f.sort) ? SORTS[f.sort] : SORTS[""];
    matches.sort(sort);
    nearMisses.sort(SORTS[""]);
    const anyMatch = matches.some((r) => r.fit.type === "match");
    const specialists = matches.filter((r) => r.fit.type === "match").length;
    const warned = matches.filter((r) => r.fit.type === "warning").length;

    results.replaceChildren();
    results.append(h("h2", { id: "finder-results-heading", text: "Results" }), needParagraph(need, f));
    if (matches.length >= 2) {
      const top = matches.slice(0, 4).map((r) => r.model.id);
      results.append(
        h("p", {}, h("a", { href: compareHref(root, top), class: "atlas-compare-top" }, `Compare the first ${top.length} side by side`)),
      );
    }
    if (matches.length === 0) {
      results.append(h("p", { class: "atlas-empty", text: "No model matches every filter. Remove one, or see the near misses below." }));
    }
    const shown = state.showAll ? matches : matches.slice(0, PAGE_SIZE);
    const list = h("ol", { class: "atlas-result-list", id: "finder-list", "aria-labelledby": "finder-results-heading" });
    for (const r of shown) list.append(resultItem(root, index, r.model, r.fit, anyMatch, null));
    if (shown.length) results.append(list);
    if (shown.length < matches.length) {
      const more = h("button", { type: "button", class: "md-button" }, `Show all ${matches.length} models`);
      more.addEventListener("click", () => {
        state.showAll = true;
        render(state);
        const next = results.querySelectorAll(".atlas-result")[PAGE_SIZE];
        const anchor = next && next.querySelector("a");
        if (anchor) anchor.focus();
      });
      results.append(h("p", {}, more));
    }
    if (nearMisses.length) {
      const shownMisses = state.allMisses ? nearMisses : nearMisses.slice(0, NEAR_MISS_LIMIT);
      results.append(
        h("h2", { id: "finder-near-heading", text: "Near misses" }),
        h("p", {
          text:
            "These models miss exactly one of your filters; each says which." +
            (nearMisses.length > shownMisses.length ? ` The first ${shownMisses.length} of ${nearMisses.length}.` : ""),
        }),
      );
      const missList = h("ol", { class: "atlas-result-list atlas-result-list--near", id: "finder-near", "aria-labelledby": "finder-near-heading" });
      for (const r of shownMisses) missList.append(resultItem(root, index, r.model, r.fit, false, r.miss));
      results.append(missList);
      if (shownMisses.length < nearMisses.length) {
        const more = h("button", { type: "button", class: "md-button" }, `Show all ${nearMisses.length} near misses`);
        more.addEventListener("click", () => {
          state.allMisses = true;
          render(state);
          const next = results.querySelectorAll("#finder-near .atlas-result")[NEAR_MISS_LIMIT];
          const anchor = next && next.querySelector("a");
          if (anchor) anchor.focus();
        });
        results.append(h("p", {}, more));
      }
    }

    // The live region: short, so a screen reader reads it whole after each change.
    let message = `${matches.length} ${matches.length === 1 ? "model matches" : "models match"}`;
    message += active.length ? " your filters." : " (no filters).";
    if (specialists) message += ` ${specialists} ${specialists === 1 ? "specialist fits" : "specialists fit"} your need.`;
    if (warned) message += ` ${warned} narrow ${warned === 1 ? "model carries" : "models carry"} a warning.`;
    if (nearMisses.length) message += ` ${nearMisses.length} near ${nearMisses.length === 1 ? "miss" : "misses"}.`;
    status.textContent = message;
    state.rootEl.dataset.count = String(matches.length);
    state.rootEl.dataset.state = "ready";
  }

  // Apply the form's filters: into the address (replaced, so Back leaves the finder) and the list.
  function apply(state) {
    const query = writeFilters(formFilters(state.form));
    if (query !== location.search) {
      history.replaceState(history.state, "", `${location.pathname}${query}${location.hash}`);
    }
    state.showAll = false;
    state.allMisses = false;
    render(state);
  }

  function init(rootEl) {
    if (rootEl.dataset.wired) return;
    rootEl.dataset.wired = "yes";
    const form = rootEl.querySelector("#finder-form");
    const status = rootEl.querySelector("#finder-status");
    const results = rootEl.querySelector("#finder-results");
    const root = rootEl.dataset.root || "../";
    const indexUrl = new URL(rootEl.dataset.index || "../api/finder.json", location.href).href;
    rootEl.dataset.state = "loading";

    loadIndex(indexUrl).then(
      (index) => {
        if (!rootEl.isConnected) return; // the reader moved on (instant navigation)
        const state = { root, index, form, status, results, rootEl, showAll: false, allMisses: false };
        populate(form, index);
        showFilters(form, readFilters(location.search));
        render(state);
        let timer = null;
        form.addEventListener("input", (event) => {
          clearTimeout(timer);
          // Typing waits for a pause, so the count is not announced on every key.
          timer = setTimeout(() => apply(state), event.target.name === "search" ? 250 : 0);
        });
        form.addEventListener("change", () => {
          clearTimeout(timer);
          apply(state);
        });
        form.addEventListener("submit", (event) => {
          event.preventDefault();
          clearTimeout(timer);
          apply(state);
        });
        rootEl.querySelector("#finder-clear").addEventListener("click", () => {
          showFilters(form, readFilters(""));
          apply(state);
          form.elements.search.focus();
        });
      },
      (error) => {
        status.textContent = "The catalog index could not be loaded. Reload the page to try again.";
        rootEl.dataset.state = "error";
        console.warn("Model Atlas finder:", error);
      },
    );
  }

  // Material's instant navigation swaps pages without reloading: document$ fires for each page.
  const subscribe = (fn) => (window.document$ ? window.document$.subscribe(fn) : document.addEventListener("DOMContentLoaded", fn));
  subscribe(() => {
    const rootEl = document.getElementById("atlas-finder");
    if (rootEl) init(rootEl);
  });
})();
