// Model Atlas: a need, as filters in the address and as words a reader types.
//
// The finder (finder.js), the home page's box and the search page (search.js) share this module, exported
// as ModelAtlasNeed:
// - the filters a need is made of, read from and written to the address (readFilters, writeFilters);
// - the sentence reader (read): "speech recognition for German on a phone" becomes task, language and
//   memory filters, with the words it did not understand named. Its words are generator/data/words.yaml,
//   languages' names come from generator/catalog/languages.py, both carried by api/finder.json: no copy here.
// - the chips that show a need's filters, each removable (chips).
// Matching is by whole words or their plural, never by parts of words ("pi" is not in "pii").
(function () {
  "use strict";

  // ---------------------------------------------------------------------------------------------------
  // Filters and the address
  // ---------------------------------------------------------------------------------------------------

  // The free-text filter is `search`, not `q`: Material opens its own search box on any page whose
  // address carries `q`. `need` (a sentence) is read once into these filters and leaves the address.
  const MULTI = ["task", "lang", "subject"];
  const SINGLE = [
    "search", "kind", "modality", "domain", "license", "maxparams", "maxstorage", "mem", "prec", "prefer", "runtime", "gated", "sort",
  ];
  const ORDER = [
    "search", "kind", "task", "subject", "modality", "domain", "lang", "license", "maxparams", "maxstorage", "mem",
    "prec", "prefer", "runtime", "gated", "sort",
  ];

  function emptyFilters() {
    const f = {};
    for (const name of SINGLE) f[name] = "";
    for (const name of MULTI) f[name] = [];
    return f;
  }

  // Filters from a query string. A multi-valued filter may repeat (lang=de&lang=fr) or use commas.
  function readFilters(search) {
    const params = new URLSearchParams(search);
    const filters = emptyFilters();
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

  // ---------------------------------------------------------------------------------------------------
  // Words
  // ---------------------------------------------------------------------------------------------------

  // generator/catalog/words.py `normalize`: lower case, compatibility forms folded, Latin accents removed.
  const fold = (s) => String(s).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  // Words of a sentence: letters and digits, keeping "llama.cpp", "x-ray", "c++" and "8.5" whole.
  const tokens = (s) =>
    fold(s)
      .split(/[^\p{L}\p{N}.+#-]+/u)
      .map((t) => t.replace(/^[.-]+|[.-]+$/g, ""))
      .filter(Boolean);
  // Words of a model's name: its tokens, plus the parts of a joined name ("Bio_ClinicalBERT" is also
  // "clinical" and "bert"), so a name word is found in a compound but "pi" is still not in "pii".
  const nameTokens = (s) => [...new Set([...tokens(s), ...tokens(String(s).replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2"))])];
  // The singular forms a typed word may stand for: "tweets" → "tweet", "boxes" → "box", "entities" → "entity".
  function stems(word) {
    const out = [word];
    if (word.length > 3 && word.endsWith("ies")) out.push(`${word.slice(0, -3)}y`);
    if (word.length > 3 && word.endsWith("es")) out.push(word.slice(0, -2));
    if (word.length > 2 && word.endsWith("s") && !word.endsWith("ss")) out.push(word.slice(0, -1));
    return out;
  }
  const wordMatches = (typed, word) => typed === word || stems(typed).includes(word);

  const { texts: asList, asObject } = window.ModelAtlas;

  // The phrase table of an index, built once: first word → phrases starting with it, longest first, each
  // with what it means ({kind, value}). A phrase listed in several places means all of them ("ner" is a
  // task and a subject).
  const tables = new WeakMap();
  function phraseTable(index) {
    if (tables.has(index)) return tables.get(index);
    const meanings = new Map();
    const add = (phrase, meaning) => {
      const words = tokens(phrase);
      if (!words.length) return;
      const key = words.join(" ");
      if (!meanings.has(key)) meanings.set(key, { words, meanings: [] });
      meanings.get(key).meanings.push(meaning);
    };
    const words = index.words;
    for (const [key, subject] of index.subjects) for (const w of subject.words) add(w, { kind: "subject", value: key });
    for (const [code, language] of index.languages) for (const w of language.words) add(w, { kind: "lang", value: code });
    for (const job of words.tasks) for (const w of job.words) add(w, { kind: "task", value: job.task });
    for (const [input, list] of Object.entries(words.inputs)) for (const w of list) add(w, { kind: "input", value: input });
    for (const [key, device] of Object.entries(words.devices)) for (const w of device.words) add(w, { kind: "device", value: key });
    for (const [prec, list] of Object.entries(words.precisions)) for (const w of list) add(w, { kind: "prec", value: prec });
    for (const [key, licence] of Object.entries(words.licences)) for (const w of licence.words) add(w, { kind: "license", value: key });
    for (const w of words.filler) add(w, { kind: "filler" });
    const byFirst = new Map();
    for (const entry of meanings.values()) {
      if (!byFirst.has(entry.words[0])) byFirst.set(entry.words[0], []);
      byFirst.get(entry.words[0]).push(entry);
    }
    for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
    // Whole words of model names and ids: an unknown word found there ("whisper") filters by name.
    const names = new Set();
    for (const m of index.models) for (const t of nameTokens(`${m.name} ${m.id.replace(/[/_]/g, " ")}`)) names.add(t);
    const table = { byFirst, names };
    tables.set(index, table);
    return table;
  }

  // The longest phrase at position i; an exact spelling wins over a plural at equal length.
  function phraseAt(table, typed, i) {
    let best = null;
    for (const first of stems(typed[i])) {
      for (const entry of table.byFirst.get(first) || []) {
        const n = entry.words.length;
        if (i + n > typed.length) continue;
        let exact = true;
        let ok = true;
        for (let k = 0; k < n && ok; k++) {
          ok = wordMatches(typed[i + k], entry.words[k]);
          exact = exact && typed[i + k] === entry.words[k];
        }
        if (!ok) continue;
        if (!best || n > best.entry.words.length || (n === best.entry.words.length && exact && !best.exact)) {
          best = { entry, exact };
        }
      }
    }
    return best && best.entry;
  }

  // "8gb", "8 GB", "350M", "1.5 billion", "500MB": a budget typed as a figure.
  const NUMBER = /^\d+(?:\.\d+)?$/;
  const UNITS = {
    gb: "mem", gib: "mem", g: "mem", gigabytes: "mem", gigs: "mem",
    mb: "maxstorage", megabytes: "maxstorage",
    m: "maxparams", million: "maxparams", b: "maxparams", billion: "maxparams",
  };
  function figureAt(typed, i) {
    const glued = /^(\d+(?:\.\d+)?)(gb|gib|g|mb|m|b)$/.exec(typed[i]);
    let number = null;
    let unit = null;
    let used = 1;
    if (glued) [, number, unit] = glued;
    else if (NUMBER.test(typed[i]) && i + 1 < typed.length && Object.hasOwn(UNITS, typed[i + 1])) {
      number = typed[i];
      unit = typed[i + 1];
      used = 2;
    }
    if (number === null || !(Number(number) > 0)) return null;
    const key = UNITS[unit];
    const value =
      key === "mem" ? String(Number(number)) : key === "maxstorage" ? `${Number(number)}MB` : `${Number(number)}${unit[0].toUpperCase()}`;
    return { key, value, used };
  }

  const MAX_WORDS = 60; // a need is a sentence; the rest of a pasted page is not read

  // Read a sentence into filters. Returns { filters, unknown: [words not understood] }.
  function read(index, sentence) {
    const table = phraseTable(index);
    const typed = tokens(typeof sentence === "string" ? sentence.slice(0, 1000) : "").slice(0, MAX_WORDS);
    const f = emptyFilters();
    const jobs = [];
    const inputs = [];
    const devices = [];
    const unknown = [];
    const names = [];
    const figures = {};
    for (let i = 0; i < typed.length; ) {
      const figure = figureAt(typed, i);
      if (figure) {
        figures[figure.key] = figure.value;
        i += figure.used;
        continue;
      }
      const entry = phraseAt(table, typed, i);
      if (!entry) {
        if (table.names.has(typed[i])) names.push(typed[i]);
        else if (!unknown.includes(typed[i])) unknown.push(typed[i]);
        i += 1;
        continue;
      }
      for (const meaning of entry.meanings) {
        if (meaning.kind === "subject" && !f.subject.includes(meaning.value)) f.subject.push(meaning.value);
        else if (meaning.kind === "lang" && !f.lang.includes(meaning.value)) f.lang.push(meaning.value);
        else if (meaning.kind === "task") jobs.push(meaning.value);
        else if (meaning.kind === "input" && !inputs.includes(meaning.value)) inputs.push(meaning.value);
        else if (meaning.kind === "device") devices.push(index.words.devices[meaning.value]);
        else if (meaning.kind === "prec") f.prec = f.prec || meaning.value;
        else if (meaning.kind === "license") f.license = f.license || meaning.value;
      }
      i += entry.words.length;
    }
    // What is read decides a job that depends on it ("classify" photos, sounds or text): the input words
    // typed, else what the named subjects' specialists read, else text.
    let input = inputs[0] || null;
    if (!input && f.subject.length) {
      // What most of those specialists read, each counted by the subjects it shares; a multimodal (document)
      // model reads images.
      const counts = new Map();
      for (const m of index.models) {
        const shared = m.kind === "general" ? 0 : m.subjects.filter((k) => f.subject.includes(k)).length;
        if (!shared) continue;
        const reads = m.modality === "multimodal" ? "vision" : m.modality;
        counts.set(reads, (counts.get(reads) || 0) + shared); // a face-emotion model counts twice for both
      }
      const ranked = [...counts].sort((a, b) => b[1] - a[1]);
      if (ranked.length && (ranked.length === 1 || ranked[0][1] > ranked[1][1])) input = ranked[0][0];
    }
    for (const job of jobs) {
      const task = typeof job === "string" ? job : job[input] || job.text;
      if (task && !f.task.includes(task)) f.task.push(task);
    }
    if (!f.task.length && inputs.length === 1) f.modality = inputs[0];
    // A device names a memory budget, a preferred kind of build or a runtime; a typed figure wins.
    const budgets = devices.map((d) => d.mem).filter((m) => typeof m === "number");
    if (budgets.length) f.mem = String(Math.min(...budgets));
    const preferred = devices.find((d) => d.prefer);
    if (preferred) f.prefer = preferred.prefer;
    const runtime = devices.find((d) => d.runtime);
    if (runtime) f.runtime = runtime.runtime;
    if (figures.mem) f.mem = figures.mem;
    if (figures.maxparams) f.maxparams = figures.maxparams;
    if (figures.maxstorage) f.maxstorage = figures.maxstorage;
    // Builds made for a CPU or a phone ship int8 (or int4) weights: count memory at int8 unless told.
    if (f.prefer && !f.prec) f.prec = "int8";
    if (names.length) f.search = names.join(" ");
    return { filters: f, unknown };
  }

  // ---------------------------------------------------------------------------------------------------
  // Chips: a need's filters as removable labels
  // ---------------------------------------------------------------------------------------------------

  const PREFER = { cpu: "Builds for a CPU first", phone: "Builds for a phone first" };

  // Each filter value as { key, value, label }, in the address's order; `sort` is an order, not a need.
  function chips(index, f) {
    const out = [];
    const subject = (k) => (index.subjects.get(k) || { label: k }).label;
    const language = (code) => (index.languages.get(code) || { name: code }).name;
    const licence = (v) => (v === "not-stated" ? "License not stated" : `License: ${(asObject(index.words.licences[v]).label) || v}`);
    const label = {
      search: (v) => `Name: ${v}`,
      kind: (v) => (index.kinds[v] ? `${index.kinds[v][0].toUpperCase()}${index.kinds[v].slice(1)}` : v),
      task: (v) => index.tasks.get(v) || v,
      subject,
      modality: (v) => `Reads ${v}`,
      domain: (v) => `Domain: ${subject(v)}`,
      lang: language,
      license: licence,
      maxparams: (v) => `Up to ${v} parameters`,
      maxstorage: (v) => `Download up to ${v}`,
      mem: (v) => `Within ${v} GB`,
      prec: (v) => `Counted at ${v}`,
      prefer: (v) => PREFER[v] || v,
      runtime: (v) => `Runtime: ${v}`,
      gated: (v) => (v === "yes" ? "Gated" : v === "no" ? "Not gated" : v),
    };
    for (const key of ORDER) {
      if (!label[key]) continue;
      const value = f[key];
      for (const v of Array.isArray(value) ? value : value ? [value] : []) out.push({ key, value: v, label: label[key](v) });
    }
    return out;
  }

  // The filters without one chip's value.
  function without(f, chip) {
    const next = { ...f, task: [...f.task], lang: [...f.lang], subject: [...f.subject] };
    if (MULTI.includes(chip.key)) next[chip.key] = next[chip.key].filter((v) => v !== chip.value);
    else next[chip.key] = "";
    return next;
  }

  // The word table and the language names of an index (api/finder.json `words`, `languages`, `tasks`).
  function wordsOf(data) {
    const raw = asObject(data && data.words);
    const tasks = (Array.isArray(raw.tasks) ? raw.tasks : [])
      .filter((t) => Array.isArray(t) && t.length === 2)
      .map(([w, task]) => ({ words: asList(w), task: typeof task === "string" ? task : asObject(task) }));
    const lists = (v) => Object.fromEntries(Object.entries(asObject(v)).map(([k, w]) => [k, asList(w)]));
    const devices = {};
    for (const [key, d] of Object.entries(asObject(raw.devices))) {
      const o = asObject(d);
      devices[key] = {
        words: asList(o.words),
        mem: typeof o.mem === "number" && o.mem > 0 ? o.mem : null,
        prefer: o.prefer === "cpu" || o.prefer === "phone" ? o.prefer : null,
        runtime: typeof o.runtime === "string" ? o.runtime : null,
      };
    }
    const licences = {};
    for (const [key, l] of Object.entries(asObject(raw.licences))) {
      const o = asObject(l);
      licences[key] = { words: asList(o.words), label: typeof o.label === "string" ? o.label : key, licenses: Array.isArray(o.licenses) ? asList(o.licenses) : null };
    }
    return {
      tasks,
      inputs: lists(raw.inputs),
      devices,
      precisions: lists(raw.precisions),
      licences,
      filler: asList(raw.filler),
      deviceRuntimes: lists(raw.deviceRuntimes),
    };
  }

  function languagesOf(data) {
    const languages = new Map();
    for (const [code, value] of Object.entries(asObject(data && data.languages))) {
      if (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(code) && Array.isArray(value)) {
        languages.set(code, { name: typeof value[0] === "string" ? value[0] : code, words: asList(value[1]) });
      }
    }
    return languages;
  }

  // Whether a model's runtimes include a build for the device ("GGUF" for a CPU, "Core ML" for a phone):
  // the devices of generator/data/runtimes.yaml, whose labels are the only spellings an entry may use.
  // Asked of every result on each change: the answer is kept per model and device.
  const builds = new WeakMap();
  function buildFor(index, model, device) {
    if (!builds.has(model)) builds.set(model, new Map());
    const known = builds.get(model);
    if (!known.has(device)) known.set(device, hasBuildFor(index, model, device));
    return known.get(device);
  }
  function hasBuildFor(index, model, device) {
    const wanted = index.words.deviceRuntimes[device] || [];
    return model.runtimes.some((runtime) => wanted.includes(runtime));
  }

  // Whether every word of `words` is a whole word (or its plural, or its singular) of a model's name, id or
  // focus. Each model's words are found once and kept: the finder asks on every change.
  const modelWords = new WeakMap();
  const pluralsOf = (w) => [`${w}s`, `${w}es`, ...(w.endsWith("y") ? [`${w.slice(0, -1)}ies`] : [])];
  function hasWords(model, words) {
    if (!modelWords.has(model)) modelWords.set(model, new Set(nameTokens(`${model.name} ${model.id.replace(/[/_]/g, " ")} ${model.focus}`)));
    const have = modelWords.get(model);
    return words.every((w) => have.has(w) || stems(w).some((s) => have.has(s)) || pluralsOf(w).some((p) => have.has(p) && stems(p).includes(w)));
  }

  // Build what a first sentence would otherwise wait for (the phrase table, each model's words and
  // builds), in a few slices of idle time after the page loads.
  function prepare(index) {
    const idle = window.requestIdleCallback || ((fn) => setTimeout(() => fn({ timeRemaining: () => 8 }), 50));
    let i = 0;
    const step = (deadline) => {
      if (i === 0) phraseTable(index);
      while (i < index.models.length && deadline.timeRemaining() > 1) {
        const m = index.models[i++];
        hasWords(m, []);
        for (const device of Object.keys(index.words.deviceRuntimes)) buildFor(index, m, device);
      }
      if (i < index.models.length) idle(step);
    };
    idle(step);
  }

  window.ModelAtlasNeed = {
    MULTI, SINGLE, ORDER, emptyFilters, readFilters, writeFilters, read, chips, without, wordsOf, languagesOf, buildFor,
    hasWords, tokens, nameTokens, fold, prepare,
  };
})();
