// Model Atlas finder (finder/): filter the catalog in the browser, keep every filter in the address, and
// explain how well each result fits the need the filters describe.
//
// Data: api/finder.json, generated at build time by generator/site/indexes.py (its docstring lists the short
// keys). Every string in it is untrusted contributor or Hub text, so it reaches the page only as text
// (textContent, Text nodes, attribute values); links are built only from ids that match the catalog's id
// pattern and only to the site's own model pages. The helpers every script shares are atlas.js's.
(function () {
  "use strict";

  const { ID_PATTERN, text, texts, count, asObject, h, loadJSON, humanCount, humanBytes, listText } = window.ModelAtlas;

  // ---------------------------------------------------------------------------------------------------
  // Shared helpers (also used by compare.js)
  // ---------------------------------------------------------------------------------------------------

  // The vocabulary the index carries (generator/catalog/vocabulary.py): set when an index loads, the same
  // for every index of one site. Bytes per parameter at each precision, the first the default, and the
  // devices a reader may prefer builds for.
  let PRECISION = {};
  let DEFAULT_PRECISION = "";
  let PREFER_LABEL = {};
  // How much more than its weights a model takes to run (activations, context cache): weights × MARGIN.
  let MARGIN = 1;
  // The largest memory budget that is a small device's, in bytes: a build for such devices fits it.
  let EDGE_MEMORY = Infinity;


  // Keep only well-formed records: a malformed one is dropped rather than half shown.
  function cleanModel(raw, kinds) {
    if (!raw || typeof raw !== "object" || !ID_PATTERN.test(text(raw.i))) return null;
    if (!Object.hasOwn(kinds, raw.k)) return null;
    return {
      id: raw.i,
      name: text(raw.n) || raw.i,
      sortName: (text(raw.n) || raw.i).toLowerCase(),
      kind: raw.k,
      focus: text(raw.f),
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
      subjects: texts(raw.j),
      runtimes: texts(raw.r),
      beatsGeneral: raw.e === 1,
      tuning: text(raw.u),
      familyTasks: texts(raw.o),
      covers: texts(raw.w),
      labelsCover: texts(raw.lc),
      openLabels: raw.ol === 1,
      shipped: raw.q === "int4" || raw.q === "int8" ? raw.q : "",
      released: /^\d{4}-\d{2}$/.test(text(raw.rl)) ? raw.rl : "",
      supersededBy: ID_PATTERN.test(text(raw.sb)) ? raw.sb : "",
    };
  }


  // The finder index, as { kinds: {kind: label}, models: [...], byId: Map }: built once per address, so the
  // tables kept per index (need.js's phrases, the builds per model) last across pages and searches.
  const indexCache = new Map();
  function loadIndex(url) {
    if (!indexCache.has(url)) {
      const request = buildIndex(url);
      request.catch(() => indexCache.delete(url));
      indexCache.set(url, request);
    }
    return indexCache.get(url);
  }
  function buildIndex(url) {
    return loadJSON(url).then((data) => {
      const kinds = {};
      for (const [kind, label] of Object.entries(asObject(data && data.kinds))) kinds[kind] = text(label) || kind;
      const models = (Array.isArray(data && data.models) ? data.models : []).map((raw) => cleanModel(raw, kinds)).filter(Boolean);
      PRECISION = Object.fromEntries(Object.entries(asObject(data && data.precision)).filter(([, n]) => count(n)));
      DEFAULT_PRECISION = Object.keys(PRECISION)[0] || "";
      MARGIN = count(data && data.margin) ? data.margin : 1;
      EDGE_MEMORY = count(data && data.edge) ? data.edge * 1e9 : Infinity;
      PREFER_LABEL = Object.fromEntries(Object.entries(asObject(data && data.prefer)).filter(([, v]) => text(v)));
      // The finder's fixed menus: select name → [value, label] pairs.
      const menus = new Map(
        Object.entries(asObject(data && data.menus)).map(([name, list]) => [
          name,
          (Array.isArray(list) ? list : []).filter((pair) => Array.isArray(pair) && typeof pair[0] === "string" && text(pair[1])),
        ]),
      );
      // The niches a need can name: id → { label, words }.
      const subjects = new Map();
      const raw = data && typeof data.subjects === "object" && data.subjects ? data.subjects : {};
      for (const [key, value] of Object.entries(raw)) {
        if (/^[a-z]+(-[a-z]+)*$/.test(key) && Array.isArray(value)) {
          subjects.set(key, { label: text(value[0]) || key, words: texts(value[1]).map((w) => w.toLowerCase()), predicts: value[2] === 1 });
        }
      }
      // Tasks whose models say how they were tuned (generator/data/tasks.yaml): a need for one of them is
      // an instruction or chat need, which a base model does not meet out of the box.
      const generative = new Set(texts(data && data.generative));
      const hasHub = models.some((m) => m.hubDate);
      // Tasks whose models predict labels fixed in training: a general one covers only the subjects its
      // labels do (the rule of the model pages' fallback, generator/catalog/tasks.py).
      const fixedLabels = new Set(texts(data && data.fixed));
      // Language names (generator/catalog/languages.py), task labels and the sentence box's words (words.yaml).
      const N = window.ModelAtlasNeed;
      const languages = N.languagesOf(data);
      for (const [code, language] of languages) languageNames.set(code, language.name);
      const tasks = new Map(Object.entries(data && typeof data.tasks === "object" && data.tasks ? data.tasks : {}).filter(([, v]) => typeof v === "string"));
      const words = N.wordsOf(data);
      return {
        kinds, menus, subjects, generative, hasHub, fixedLabels, languages, tasks, words, models, byId: new Map(models.map((m) => [m.id, m])),
      };
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


  function link(root, model) {
    return h("a", { href: modelHref(root, model.id) }, model.name);
  }


  // Names of the languages the catalog lists, from the index (generator/catalog/languages.py): the pages and the
  // finder print the same name for a code.
  const languageNames = new Map();
  // "de" → "German"; an unknown code stays as it is.
  const languageName = (code) => languageNames.get(code) || code;


  function languagesText(codes, max) {
    return listText(codes.map((c) => `${languageName(c)} (${c})`), max);
  }

  // The index and page helpers compare.js and search.js use, beside atlas.js's.
  Object.assign(window.ModelAtlas, { loadIndex, detailsOf, modelHref, compareHref, link, languageName, languagesText });

  // ---------------------------------------------------------------------------------------------------
  // Filters and the address
  // ---------------------------------------------------------------------------------------------------

  const NEED = window.ModelAtlasNeed;
  const { MULTI, SINGLE, readFilters, writeFilters } = NEED;

  // Bytes per parameter at each precision a reader may load the weights in (generator/catalog/schema.py DTYPE_BYTES).
  const precisionOf = (f) => (Object.hasOwn(PRECISION, f.prec) ? f.prec : DEFAULT_PRECISION);
  // "8", "8GB" or "0.5": gigabytes of memory for the weights.
  function parseMemory(value) {
    const match = /^(\d+(?:\.\d+)?)\s*(?:gb)?$/i.exec(value || "");
    return match && Number(match[1]) > 0 ? Number(match[1]) * 1e9 : null;
  }
  // The precision a model's weights are counted at: the one asked for, or the lower one its quantized
  // build ships (a GGUF file at int4 is loaded at int4, whatever the finder's default).
  const precisionFor = (model, f) => {
    const asked = precisionOf(f);
    return model.shipped && PRECISION[model.shipped] < PRECISION[asked] ? model.shipped : asked;
  };
  const precisionText = (model, f) => (precisionFor(model, f) === precisionOf(f) ? precisionOf(f) : `${precisionFor(model, f)}, as shipped`);
  const memoryFor = (model, f) => (model.params === null ? null : model.params * PRECISION[precisionFor(model, f)]);
  // What it takes to run: the weights and the margin for activations and the context cache.
  const runningFor = (model, f) => (model.params === null ? null : memoryFor(model, f) * MARGIN);
  const runningText = (model, f) =>
    `about ${humanBytes(runningFor(model, f))} to run at ${precisionText(model, f)} (weights ${humanBytes(memoryFor(model, f))})`;

  // The niches the need names: chosen subjects, and search words that are a subject's words.
  function namedSubjects(f, index) {
    const named = new Set(f.subject.filter((key) => index.subjects.has(key)));
    for (const word of searchWords(f)) {
      for (const [key, subject] of index.subjects) if (subject.words.includes(word)) named.add(key);
    }
    return [...named];
  }
  const searchWords = (f) => NEED.tokens(f.search);
  // Search words left to match as text once those that name a subject are taken out.
  function textWords(f, index) {
    const subjectWords = new Set([...index.subjects.values()].flatMap((s) => s.words));
    return searchWords(f).filter((w) => !subjectWords.has(w));
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
  // search: every word must be a whole word (or its plural) of the name, id or focus: "pi" is not in "pii".
  function activeFilters(f, index) {
    const active = [];
    const words = textWords(f, index);
    if (words.length) {
      active.push({
        key: "search",
        name: "search words",
        test: (m) => NEED.hasWords(m, words),
        miss: () => `its name, id and focus do not have the words “${words.join(" ")}”`,
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
        // A task family (generator/data/tasks.yaml): a sentence embedder tagged feature-extraction answers
        // a sentence-similarity need; the index lists, per model, the families it belongs to.
        test: (m) => f.task.includes(m.task) || m.familyTasks.some((t) => f.task.includes(t)),
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
        // "not-stated": the card states no license, which is a fact a reader filters on, not a blank.
        // A group of the word table (words.yaml `licences`: those allowing commercial use) or one license.
        test: (m) => {
          const group = index.words.licences[f.license];
          return group && group.licenses ? group.licenses.includes(m.license) : (m.license || NOT_STATED) === f.license;
        },
        miss: (m) => (m.license ? `its license is ${m.license}` : "its card states no license"),
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
    const memory = parseMemory(f.mem);
    if (memory !== null) {
      active.push({
        key: "mem",
        name: "memory budget",
        test: (m) => runningFor(m, f) !== null && runningFor(m, f) <= memory,
        miss: (m) => (runningFor(m, f) !== null ? `it needs ${runningText(m, f)}` : "its size is not known"),
      });
    }
    if (f.runtime) {
      const want = f.runtime.toLowerCase();
      active.push({
        key: "runtime",
        name: "runtime",
        test: (m) => m.runtimes.some((r) => r.toLowerCase().startsWith(want)),
        miss: (m) => (m.runtimes.length ? `its card ships ${m.runtimes.join(", ")}` : "its card names no on-device runtime"),
      });
    }
    // Gating is a Hub fact: with no Hub facts in the snapshot the filter is shown disabled, not applied
    // (it would leave nothing).
    if ((f.gated === "yes" || f.gated === "no") && index.hasHub) {
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

  // A need is a task plus what narrows it: a subject (tables, finance, tweets …), a domain, languages, or a
  // hardware budget. A need that names none of these is broad, whatever task it names.
  function assessNeed(f, active, index) {
    const subjects = namedSubjects(f, index);
    const niches = [];
    if (subjects.length) niches.push(`subject (${subjects.map((k) => index.subjects.get(k).label).join(", ")})`);
    if (f.domain) niches.push(`domain (${f.domain})`);
    if (f.lang.length) niches.push(`${f.lang.length > 1 ? "languages" : "language"} (${f.lang.map(languageName).join(", ")})`);
    const budget = hasBudget(f);
    if (budget) niches.push("hardware budget");
    const described = active.length > 0 || subjects.length > 0;
    // A need that names subjects but no task or input reads what the specialists for those subjects read: a
    // general model of another modality is no fallback for it (no image model for a text job).
    let modalities = null;
    // The jobs those specialists do: a general model that does none of them (a base encoder for "toxic
    // tweets") is no fallback either.
    let jobs = null;
    if (subjects.length && !f.task.length) {
      const specialists = index.models.filter((m) => m.kind !== "general" && m.subjects.some((k) => subjects.includes(k)));
      const present = (values) => {
        const found = new Set(values.filter(Boolean));
        return found.size ? found : null;
      };
      if (!f.modality) modalities = present(specialists.map((m) => m.modality));
      jobs = present(specialists.map((m) => m.task));
    }
    // A limit every result must fit (memory, size or download), as opposed to a preferred kind of build.
    const limit = parseMemory(f.mem) !== null || parseCount(f.maxparams) !== null || parseBytes(f.maxstorage) !== null;
    // Evidence that a specialist beats a general model is evidence on its niche (a subject, a domain, a
    // language), not on a hardware budget.
    const content = subjects.length > 0 || Boolean(f.domain) || f.lang.length > 0;
    // A platform build (for a phone, a CPU) is made for a small device's budget, not for a 24 GB GPU's.
    const edge = budget && !(parseMemory(f.mem) > EDGE_MEMORY);
    return { described, niched: niches.length > 0, subjects, niches, budget, edge, limit, content, modalities, jobs };
  }

  const hasBudget = (f) =>
    parseMemory(f.mem) !== null ||
    parseCount(f.maxparams) !== null ||
    parseBytes(f.maxstorage) !== null ||
    Boolean(f.runtime) ||
    Object.hasOwn(PREFER_LABEL, f.prefer);
  // "Builds for a CPU first": a preference, not a filter (words.yaml `devices`; runtimes.yaml `devices`).

  const subjectLabels = (keys, index) => listText(keys.map((k) => (index.subjects.get(k) || { label: k }).label.toLowerCase()));

  // One result's fit, as the page explains it: "specialist" (made for the niche the need names: first),
  // "general" (covers the task broadly: first for a broad need, the fallback for a narrow one), "narrower"
  // (a specialist for a niche the need does not name) or "none" (no need described yet).
  function assessFit(model, f, need, index) {
    const fit = assessLevel(model, f, need, index);
    const generativeNeed = f.task.some((t) => index.generative && index.generative.has(t));
    if (fit.type !== "none" && generativeNeed && model.tuning === "base") {
      fit.base = true;
      fit.why += " A base model: it completes text and needs fine-tuning or a completion prompt, so it comes after the models tuned to follow instructions.";
    } else if (fit.type !== "none" && generativeNeed && (model.tuning === "chat" || model.tuning === "instruct")) {
      fit.why += model.tuning === "chat" ? " Chat-tuned: it follows instructions out of the box." : " Instruction-tuned: it follows instructions out of the box.";
    }
    if (fit.type !== "none" && model.supersededBy) {
      const successor = index.byId.get(model.supersededBy);
      fit.superseded = true;
      fit.why += ` Superseded by ${successor ? successor.name : model.supersededBy}, as its maker says: it comes after current models that fit as well.`;
    }
    if (fit.type !== "none" && Object.hasOwn(PREFER_LABEL, f.prefer) && NEED.buildFor(index, model, f.prefer)) {
      fit.build = true;
      fit.why += ` A build for ${PREFER_LABEL[f.prefer]} (${model.runtimes.join(", ")}), which you prefer.`;
    }
    return fit;
  }

  function assessLevel(model, f, need, index) {
    if (!need.described) return { type: "none" };
    if (model.kind === "general" && need.modalities && model.modality && !need.modalities.has(model.modality)) {
      return {
        type: "narrower",
        title: "Another kind of input",
        why: `Reads ${model.modality}; the specialists for your need read ${listText([...need.modalities].sort())}, so it is no fallback here.`,
      };
    }
    if (model.kind === "general" && need.jobs && ![model.task, ...model.familyTasks, ...model.covers].some((t) => need.jobs.has(t))) {
      const does = [...need.jobs].sort().map((t) => (index.tasks.get(t) || t).toLowerCase());
      return {
        type: "narrower",
        title: "Another job",
        why: `Does ${(index.tasks.get(model.task) || model.task || "no stated task").toLowerCase()}; the specialists for your need do ${listText(does)}, which it does not do without training.`,
      };
    }
    if (model.kind === "general" && need.subjects.length && index.fixedLabels.has(model.task) && !model.openLabels) {
      const outside = need.subjects.filter((k) => !model.labelsCover.includes(k));
      if (outside.length) {
        return {
          type: "narrower",
          title: "Its own fixed labels",
          why: `Predicts the labels it was trained on, which do not cover ${subjectLabels(outside, index)}; a zero-shot or instruction-following model takes any labels.`,
        };
      }
    }
    if (model.kind === "general") {
      return {
        type: "general",
        title: "General-purpose",
        why: need.niched
          ? "Broader than your need: the fallback when no specialist above fits."
          : "Covers the task broadly, as a broad need asks.",
      };
    }
    // Under a budget too large to be a small device's (a 16 GB GPU), a CPU build of a general model (GGUF,
    // which llama.cpp also runs on a GPU) with no niche of its own is that model in another format: it fits
    // as a general model does. A phone build (MLX, Core ML) does not run on such a GPU and stays narrower.
    const generalBuild = model.kind === "platform" && !model.subjects.length && NEED.buildFor(index, model, "cpu");
    if (generalBuild && need.budget && !need.edge && !need.subjects.length) {
      return {
        type: "general",
        title: "A build of a general model",
        why: `${model.focus}: under your budget it serves as the general model it packs.`,
      };
    }
    const label = index.kinds[model.kind];
    const shared = model.subjects.filter((k) => need.subjects.includes(k));
    // A need that names a subject asks for models made for it: a specialist made for none of its subjects
    // (a phone build of a general model, a German encoder) is narrower, however well it fits the budget.
    if (need.subjects.length && !shared.length) {
      return {
        type: "narrower",
        title: "Narrower than your need",
        why: model.subjects.length
          ? `Made for ${subjectLabels(model.subjects, index)}, not ${subjectLabels(need.subjects, index)}.`
          : `${model.focus}: not made for ${subjectLabels(need.subjects, index)}.`,
      };
    }
    // What it outputs: a need naming a label (toxic language) is not met by a model that predicts another
    // (sentiment), whatever it reads (tweets).
    const predicts = (keys) => keys.filter((k) => (index.subjects.get(k) || {}).predicts);
    const wantedLabels = predicts(need.subjects);
    const ownLabels = predicts(model.subjects);
    if (wantedLabels.length && ownLabels.length && !ownLabels.some((k) => wantedLabels.includes(k))) {
      return {
        type: "narrower",
        title: "Predicts something else",
        why: `Predicts ${subjectLabels(ownLabels, index)}, not ${subjectLabels(wantedLabels, index)}.`,
      };
    }
    const matched = [];
    if (shared.length) matched.push(subjectLabels(shared, index));
    if (f.domain && model.domain === f.domain) matched.push(`the ${f.domain} domain`);
    // A language-specific model, or any specialist that reads only the languages named (French NER for French).
    const onlyNamed = model.languages.length > 0 && model.languages.every((code) => f.lang.includes(code));
    if (f.lang.length && (model.kind === "language" || onlyNamed)) matched.push(f.lang.map(languageName).join(" and "));
    if (model.kind === "platform" && need.edge) matched.push("your hardware budget");
    if (matched.length) {
      return {
        type: "specialist",
        title: "Specialist for your need",
        why: `${model.focus}: it matches ${listText(matched)}.`,
        score: shared.length + matched.length - (shared.length ? 1 : 0), // each niche of the need it was made for
      };
    }
    return {
      type: "narrower",
      title: "Narrower than your need",
      why: `${label[0].toUpperCase()}${label.slice(1)}: ${model.focus}. Your need names no such niche.`,
    };
  }

  // Levels: for a need that names a niche, specialists, then general models, then narrower ones; for a broad
  // need, general models, then narrower ones. Best fit orders by, in turn: doing the job out of the box (a
  // base model after every tuned one), the level, a build for the preferred device, the specialist made for
  // more of the need's niches (tweets and sentiment over sentiment alone), evidence that it beats a general
  // model on its benchmark (for a need naming content), current over superseded, Hub downloads, then size
  // (the smaller model, or under a budget the larger one unless within 1.5x); the name breaks ties. The
  // finder page states this order.
  const LEVEL = {
    niched: { specialist: 0, general: 1, none: 1, narrower: 2 },
    broad: { general: 0, none: 0, specialist: 1, narrower: 1 },
  };
  const byName = (a, b) => {
    const x = a.model.sortName;
    const y = b.model.sortName;
    return x < y ? -1 : x > y ? 1 : a.model.id < b.model.id ? -1 : a.model.id > b.model.id ? 1 : 0;
  };
  // Unknown figures sort last whatever the direction.
  const byFigure = (key, direction) => (a, b) => {
    const x = a.model[key];
    const y = b.model[key];
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x - y) * direction;
  };
  // Newest first by first release (YYYY-MM); unknown months last.
  const byReleased = (a, b) => {
    const x = a.model.released;
    const y = b.model.released;
    if (!x || !y) return (x ? 0 : 1) - (y ? 0 : 1);
    return x < y ? 1 : x > y ? -1 : 0;
  };
  const withName = (compare) => (a, b) => compare(a, b) || byName(a, b);
  const mostDownloaded = byFigure("downloads", -1);
  const smallest = byFigure("params", 1);
  // A base (pretrained-only) model does not do a chat or instruction job out of the box.
  const outOfTheBox = (result) => (result.fit.base ? 0 : 1);
  // A model its maker has replaced comes after the current ones that fit as well.
  const current = (result) => (result.fit.superseded ? 0 : 1);
  // With a preference for CPU or phone builds, a model that ships one comes before one that does not.
  const preferred = (result) => (result.fit.build ? 1 : 0);
  // Size comes last. With no budget the smaller model comes first: at equal fit it is the cheaper one.
  // Under a budget every result already fits, and the larger one is usually the more capable ("the largest
  // model that fits"), so it comes first, unless the two are within 1.5x of each other.
  const largerFirst = (need, a, b) => {
    const x = a.model.params;
    const y = b.model.params;
    return Boolean(need.limit) && x !== null && y !== null && Math.max(x, y) > 1.5 * Math.min(x, y);
  };
  const bySize = (need) => (a, b) => (largerFirst(need, a, b) ? b.model.params - a.model.params : smallest(a, b));
  const LEVEL_TEXT = { specialist: "a specialist for your need", general: "general-purpose", narrower: "narrower than your need", none: "" };
  const paramsText = (r) => (r.model.params === null ? "size not checked" : humanCount(r.model.params));
  const sizes = (a, b) => `${paramsText(a)} to ${paramsText(b)} parameters`;
  const device = (f) => PREFER_LABEL[f.prefer] || "the device you prefer";
  // The best-fit order, signal by signal: the first that tells two results apart places them. Each signal
  // says in words why `a` comes before `b`: `ahead` for the first result, `behind` for each result after
  // it (why it is not above the one before). These are the results' one-line reasons.
  const SIGNALS = [
    {
      key: "tuning",
      compare: () => (a, b) => outOfTheBox(b) - outOfTheBox(a),
      ahead: () => "tuned to follow instructions; the next is a base model",
      behind: () => "a base model, after every model tuned to follow instructions: it only completes text",
    },
    {
      key: "level",
      compare: (need) => {
        const levels = need.niched ? LEVEL.niched : LEVEL.broad;
        return (a, b) => levels[a.fit.type] - levels[b.fit.type];
      },
      ahead: (need, f, a, b) => `${LEVEL_TEXT[a.fit.type]}; the next is ${LEVEL_TEXT[b.fit.type]}`,
      behind: (need, f, a, b) => `${LEVEL_TEXT[b.fit.type]}; the one above is ${LEVEL_TEXT[a.fit.type]}`,
    },
    {
      key: "build",
      compare: () => (a, b) => preferred(b) - preferred(a),
      ahead: (need, f) => `ships a build for ${device(f)}; the next does not`,
      behind: (need, f) => `no build for ${device(f)}; the one above ships one`,
    },
    {
      key: "niches",
      compare: () => (a, b) => (b.fit.score || 0) - (a.fit.score || 0),
      ahead: () => "made for more of the niches you name than the next",
      behind: () => "made for fewer of the niches you name than the one above",
    },
    {
      key: "evidence",
      compare: (need) => (a, b) => (need.content ? Number(b.model.beatsGeneral) - Number(a.model.beatsGeneral) : 0),
      ahead: () => "its entry shows it beating a general model on its benchmark; the next shows no such result",
      behind: () => "its entry shows no result against a general model; the one above does",
    },
    {
      key: "current",
      compare: () => (a, b) => current(b) - current(a),
      ahead: () => "current; the next is superseded by its maker's newer model",
      behind: () => "superseded by its maker's newer model; the one above is current",
    },
    {
      key: "downloads",
      compare: () => mostDownloaded,
      ahead: (need, f, a, b) =>
        `more used: ${humanCount(a.model.downloads)} Hub downloads, the next ${b.model.downloads === null ? "no count" : humanCount(b.model.downloads)}`,
      behind: (need, f, a, b) =>
        `less used: ${b.model.downloads === null ? "no download count" : `${humanCount(b.model.downloads)} Hub downloads`}, the one above ${humanCount(a.model.downloads)}`,
    },
    {
      key: "size",
      compare: bySize,
      ahead: (need, f, a, b) =>
        b.model.params === null
          ? "fits as well as the next, whose size is not checked"
          : largerFirst(need, a, b)
            ? `the larger model within your limit (${sizes(a, b)}): usually the more capable`
            : `fits as well as the next and is ${paramsText(a) === paramsText(b) ? `a little smaller (both ${paramsText(a)} parameters)` : `smaller (${sizes(a, b)})`}`,
      behind: (need, f, a, b) =>
        b.model.params === null
          ? "its size is not checked; the one above fits as well"
          : largerFirst(need, a, b)
            ? `smaller than the one above (${sizes(b, a)}), which also fits your limit`
            : `fits as well as the one above and is ${paramsText(a) === paramsText(b) ? `a little larger (both ${paramsText(a)} parameters)` : `larger (${sizes(b, a)})`}`,
    },
    {
      key: "name",
      compare: () => byName,
      ahead: () => "ties with the next on every signal: by name",
      behind: () => "ties with the one above on every signal: by name",
    },
  ];
  // A base model does not do a chat or instruction job at all, so it follows every model that does,
  // whatever its level; the levels order the rest.
  const bestFit = (need) => {
    const compares = SIGNALS.map((signal) => signal.compare(need));
    return (a, b) => {
      for (const compare of compares) {
        const order = compare(a, b);
        if (order) return order;
      }
      return 0;
    };
  };
  // What placed a result where it is in the best-fit order: the first signal that tells it from the result
  // above it (or, for the first, from the one below), in words. The need's comparators are built once per
  // answer, not once per result shown.
  function placer(need, f) {
    const compares = SIGNALS.map((signal) => signal.compare(need));
    return (results, i) => {
      const [a, b] = i === 0 ? [results[0], results[1]] : [results[i - 1], results[i]];
      if (!a || !b) return null;
      const k = compares.findIndex((compare) => compare(a, b));
      const signal = SIGNALS[k === -1 ? SIGNALS.length - 1 : k];
      return { key: signal.key, first: i === 0, text: (i === 0 ? signal.ahead : signal.behind)(need, f, a, b) };
    };
  }
  const SORTS = {
    "": null, // best fit: depends on the need (bestFit)
    name: byName,
    size: withName(smallest),
    downloads: withName(mostDownloaded),
    newest: withName(byReleased),
  };

  // ---------------------------------------------------------------------------------------------------
  // The page
  // ---------------------------------------------------------------------------------------------------

  const PAGE_SIZE = 50;
  const NEAR_MISS_LIMIT = 10;

  function optionsFrom(select, entries) {
    for (const [value, label] of entries) select.append(h("option", { value }, label));
  }

  const NOT_STATED = "not-stated";

  function tally(values) {
    const counts = new Map();
    for (const value of values) if (value) counts.set(value, (counts.get(value) || 0) + 1);
    return counts;
  }

  // Fill the selects whose choices come from the catalog, each with its number of models.
  function populate(form, index) {
    const models = index.models;
    for (const [name, entries] of index.menus) if (form.elements[name]) optionsFrom(form.elements[name], entries);
    const fill = (name, counts, label) => {
      const select = form.elements[name];
      const entries = [...counts].map(([value, n]) => [value, `${label(value)} (${n})`]);
      entries.sort((a, b) => (a[1].toLowerCase() < b[1].toLowerCase() ? -1 : 1));
      optionsFrom(select, entries);
    };
    fill("task", tally(models.map((m) => m.task)), (v) => v);
    // A domain is a key of the subject vocabulary: it shows the same label as the subject filter.
    fill("domain", tally(models.map((m) => m.domain)), (v) => (index.subjects.get(v) || { label: v }).label);
    fill("license", tally(models.map((m) => m.license || NOT_STATED)), (v) => (v === NOT_STATED ? "not stated" : v));
    // Groups of licenses a reader asks for in words ("commercial use"), first: words.yaml `licences`.
    const anyLicense = form.elements.license.options[0];
    for (const [key, group] of Object.entries(index.words.licences).reverse()) {
      if (!group.licenses) continue;
      const n = models.filter((m) => group.licenses.includes(m.license)).length;
      anyLicense.after(h("option", { value: key }, `${group.label} (${n})`));
    }
    fill("lang", tally(models.flatMap((m) => m.languages)), (v) => `${languageName(v)} (${v})`);
    fill("subject", tally(models.flatMap((m) => m.subjects)), (v) => (index.subjects.get(v) || { label: v }).label);
    fill("runtime", tally(models.flatMap((m) => m.runtimes)), (v) => v);
    if (!index.hasHub) {
      // Gating and downloads come from the Hub snapshot; without it they cannot filter or order anything.
      const why = "The Hub snapshot has no Hub facts yet, so gating and downloads are unknown.";
      form.elements.gated.disabled = true;
      form.elements.gated.title = why;
      const downloads = [...form.elements.sort.options].find((o) => o.value === "downloads");
      if (downloads) {
        downloads.disabled = true;
        downloads.textContent += " (no Hub data)";
      }
      const hint = h("p", { id: "finder-hub-hint", class: "atlas-hint", text: why });
      form.elements.gated.closest(".atlas-field").append(hint);
    }
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
      mem: parseMemory(f.mem) !== null ? f.mem : "",
      prec: Object.hasOwn(PRECISION, f.prec) ? f.prec : "",
      prefer: Object.hasOwn(PREFER_LABEL, f.prefer) ? f.prefer : "",
      gated: f.gated === "yes" || f.gated === "no" ? f.gated : "",
      sort: Object.hasOwn(SORTS, f.sort) ? f.sort : "",
    };
    for (const name of ["kind", "modality", "domain", "license", "maxparams", "maxstorage", "mem", "prec", "prefer", "runtime", "gated", "sort"]) {
      const select = form.elements[name];
      const value = effective[name];
      if (value && ![...select.options].some((o) => o.value === value)) {
        const label = name.startsWith("max") ? `Up to ${value}` : name === "mem" ? `Up to ${value} GB` : value;
        select.append(h("option", { value }, label));
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

  // The verdict line under a result: the fit and its one-line reason.
  function verdict(fit, miss) {
    if (miss) {
      return h(
        "p",
        { class: "atlas-verdict atlas-verdict--miss" },
        h("strong", { text: `Misses your ${miss.name}: ` }),
        `${miss.text}.`,
      );
    }
    if (fit.type === "none") return null;
    return h("p", { class: `atlas-verdict atlas-verdict--${fit.type}` }, h("strong", { text: `${fit.title}. ` }), fit.why);
  }

  // What a model's details say: what it is not for, and its alternatives (for a general model, the
  // specialists that name it), from api/compare.json, which is fetched only when details are opened.
  function detailsOf(facts) {
    const own = facts && typeof facts === "object" ? facts : {};
    return { notFor: texts(own.x), alternatives: texts(own.a).filter((id) => ID_PATTERN.test(id)) };
  }

  function detailParts(root, index, model, details) {
    const alternatives = details.alternatives.map((id) => index.byId.get(id)).filter(Boolean);
    const parts = [];
    if (details.notFor.length) {
      parts.push(
        h("p", { class: "atlas-fit__label" }, h("strong", { text: "Not for:" })),
        h("ul", { class: "atlas-fit__notfor" }, details.notFor.map((item) => h("li", { text: item }))),
      );
    }
    if (alternatives.length) {
      const label = model.kind === "general" ? "Specialists that name it: " : "Alternatives: ";
      const links = [];
      alternatives.forEach((m, i) => {
        if (i) links.push(", ");
        links.push(link(root, m), ` (${index.kinds[m.kind]})`);
      });
      parts.push(h("p", { class: "atlas-fit__alternatives" }, h("strong", { text: label }), ...links));
      const ids = [model.id, ...alternatives.map((m) => m.id)].slice(0, 4);
      parts.push(h("p", { class: "atlas-result__compare" }, h("a", { href: compareHref(root, ids) }, "Compare with them")));
    }
    if (!parts.length) parts.push(h("p", { text: "Its entry lists nothing more." }));
    return parts;
  }

  // A closed <details>: its content is fetched and drawn the first time a reader opens it.
  function details(state, model) {
    const { root, index } = state;
    const box = h("details", { class: "atlas-result__more" }, h("summary", { text: "Not for, and alternatives" }));
    box.addEventListener("toggle", () => {
      if (!box.open || box.dataset.filled) return;
      box.dataset.filled = "loading";
      loadJSON(state.detailsUrl).then(
        (data) => {
          const facts = data && typeof data.facts === "object" && data.facts ? data.facts[model.id] : null;
          box.append(...detailParts(root, index, model, detailsOf(facts)));
          box.dataset.filled = "yes";
        },
        () => {
          box.append(h("p", { text: "The details could not be loaded. Open the model's page instead." }));
          delete box.dataset.filled;
        },
      );
    });
    return box;
  }

  function resultItem(state, model, fit, miss, f, placed) {
    const { root, index } = state;
    const figures = [
      model.params !== null ? `${humanCount(model.params)} parameters` : "size not checked",
      model.params !== null ? runningText(model, f) : null,
      model.storage !== null ? `${humanBytes(model.storage)} download` : null,
      model.license ? `license ${model.license}` : "license not stated",
      model.task || null,
      model.gated ? "gated" : null,
    ].filter(Boolean);
    const fitValue = miss ? `miss-${miss.key}` : fit.type;
    return h(
      "li",
      { class: "atlas-result", "data-id": model.id, "data-model-id": model.id, "data-fit": fitValue },
      h("h3", { class: "atlas-result__name" }, link(root, model), " ", h("code", { text: model.id })),
      h(
        "p",
        { class: "atlas-result__facts" },
        h("span", { class: `atlas-kind atlas-kind--${model.kind}`, text: index.kinds[model.kind] }),
        ` ${model.focus}`,
      ),
      h("p", { class: "atlas-result__figures", text: figures.join(" · ") }),
      verdict(fit, miss),
      placed ? h("p", { class: "atlas-placed", "data-placed": placed.key }, h("strong", { text: placed.first ? "Placed first: " : "Placed here: " }), `${placed.text}.`) : null,
      details(state, model),
    );
  }

  function needParagraph(need) {
    if (!need.described) {
      return h("p", { class: "atlas-need", text: "Describe your task with the filters: the finder then explains how each model fits it." });
    }
    if (!need.niched) {
      return h(
        "p",
        { class: "atlas-need atlas-need--broad" },
        h("strong", { text: "A broad need" }),
        ": your filters name no subject, domain, language or hardware budget. General-purpose models that cover it come first; specialists follow, marked narrower than your need.",
      );
    }
    return h(
      "p",
      { class: "atlas-need atlas-need--narrow" },
      h("strong", { text: "A need that names its niche" }),
      `: ${listText(need.niches)}. Specialists made for it come first, then general-purpose models as the fallback, then specialists for other niches.`,
    );
  }

  // The answer to a need's filters: the models that match every filter, in the order asked for (best fit
  // unless a sort is chosen), and those that miss exactly one, each with its fit. The finder, the search
  // page and bench/finder.py all call this one function.
  function answer(index, f) {
    const active = activeFilters(f, index);
    const need = assessNeed(f, active, index);
    const matches = [];
    const nearMisses = [];
    for (const model of index.models) {
      // The filters it fails, counted up to two: a near miss fails exactly one.
      let failed = null;
      let misses = 0;
      for (const filter of active) {
        if (filter.test(model)) continue;
        failed = failed || filter;
        if (++misses > 1) break;
      }
      if (misses === 0) {
        matches.push({ model, fit: assessFit(model, f, need, index) });
      } else if (misses === 1 && active.length >= 2) {
        const miss = { key: failed.key, name: failed.name, text: failed.miss(model, index) };
        nearMisses.push({ model, fit: assessFit(model, f, need, index), miss });
      }
    }
    const noHubOrder = f.sort === "downloads" && !index.hasHub;
    const chosen = !noHubOrder && Object.hasOwn(SORTS, f.sort) && SORTS[f.sort];
    const byFit = bestFit(need);
    matches.sort(chosen || byFit);
    nearMisses.sort(byFit);
    return { need, matches, nearMisses, noHubOrder, bestFitOrder: !chosen && need.described };
  }
  window.ModelAtlas.answer = answer;

  function render(state) {
    const { root, index, status, results } = state;
    const f = readFilters(location.search);
    const { need, matches, nearMisses, noHubOrder, bestFitOrder } = answer(index, f);
    const specialists = matches.filter((r) => r.fit.type === "specialist").length;
    const narrower = matches.filter((r) => r.fit.type === "narrower").length;

    showChips(state, f);
    results.replaceChildren();
    results.append(h("h2", { id: "finder-results-heading", text: "Results" }), needParagraph(need));
    if (noHubOrder) {
      results.append(h("p", { class: "atlas-hint", text: "Sorted by best fit: the Hub snapshot has no download counts to sort by." }));
    }
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
    // In the best-fit order each result shown says what placed it there.
    const place = bestFitOrder ? placer(need, f) : null;
    shown.forEach((r, i) => {
      const placed = place ? place(matches, i) : null;
      list.append(resultItem(state, r.model, r.fit, null, f, placed));
    });
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
      for (const r of shownMisses) missList.append(resultItem(state, r.model, r.fit, r.miss, f));
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
    message += need.described ? " your filters." : " (no filters).";
    if (specialists) message += ` ${specialists} ${specialists === 1 ? "specialist fits" : "specialists fit"} your need.`;
    if (narrower) message += ` ${narrower} ${narrower === 1 ? "model is" : "models are"} narrower than your need.`;
    if (nearMisses.length) message += ` ${nearMisses.length} near ${nearMisses.length === 1 ? "miss" : "misses"}.`;
    status.textContent = message;
    state.rootEl.dataset.count = String(matches.length);
    state.rootEl.dataset.state = "ready";
  }

  // The need's filters as removable chips, and the words of the last sentence that were not understood.
  function showChips(state, f) {
    const chips = NEED.chips(state.index, f);
    state.chips.replaceChildren();
    if (chips.length) {
      const list = h("ul", { class: "atlas-chips__list", "aria-label": "Your need, as filters" });
      for (const chip of chips) {
        const button = h(
          "button",
          { type: "button", class: "atlas-chip", "data-key": chip.key, "data-value": chip.value, "aria-label": `Remove ${chip.label}` },
          chip.label,
          h("span", { class: "atlas-chip__x", "aria-hidden": "true", text: " ×" }),
        );
        button.addEventListener("click", () => {
          const next = NEED.without(readFilters(location.search), chip);
          showFilters(state.form, next);
          setAddress(next);
          render(state);
          const again = state.chips.querySelector(".atlas-chip") || state.box;
          again.focus();
        });
        list.append(h("li", {}, button));
      }
      state.chips.append(list);
    }
    if (state.unknown.length) {
      state.chips.append(
        h("p", { class: "atlas-chips__unknown", id: "finder-unknown" }, "Not understood, so not used: ", state.unknown.map((w) => `“${w}”`).join(", "), "."),
      );
    }
  }

  function setAddress(filters) {
    const query = writeFilters(filters);
    if (query !== location.search || new URLSearchParams(location.search).has("need")) {
      history.replaceState(history.state, "", `${location.pathname}${query}${location.hash}`);
    }
  }

  // Apply the form's filters: into the address (replaced, so Back leaves the finder) and the list.
  function apply(state) {
    setAddress(formFilters(state.form));
    state.showAll = false;
    state.allMisses = false;
    render(state);
  }

  // A sentence typed into the box is a new need: its reading replaces the filters (the order stays).
  function readSentence(state, sentence) {
    const { filters, unknown } = NEED.read(state.index, sentence);
    filters.sort = readFilters(location.search).sort;
    state.unknown = unknown;
    showFilters(state.form, filters);
    setAddress(filters);
    state.showAll = false;
    state.allMisses = false;
    render(state);
  }

  function init(rootEl) {
    if (rootEl.dataset.wired) return;
    rootEl.dataset.wired = "yes";
    const form = rootEl.querySelector("#finder-form");
    const needForm = rootEl.querySelector("#finder-need-form");
    const box = rootEl.querySelector("#finder-need");
    const chips = rootEl.querySelector("#finder-chips");
    const status = rootEl.querySelector("#finder-status");
    const results = rootEl.querySelector("#finder-results");
    const root = rootEl.dataset.root || "../";
    const indexUrl = new URL(rootEl.dataset.index || "../api/finder.json", location.href).href;
    const detailsUrl = new URL(rootEl.dataset.details || "../api/compare.json", location.href).href;
    rootEl.dataset.state = "loading";

    loadIndex(indexUrl).then(
      (index) => {
        if (!rootEl.isConnected) return; // the reader moved on (instant navigation)
        const state = { root, index, form, box, chips, status, results, rootEl, detailsUrl, showAll: false, allMisses: false, unknown: [] };
        populate(form, index);
        const sentence = new URLSearchParams(location.search).get("need");
        if (sentence && sentence.trim()) {
          // From the home page's box, or a shared address: read once, then the address holds the filters.
          box.value = sentence.slice(0, 1000);
          readSentence(state, box.value);
        } else {
          showFilters(form, readFilters(location.search));
          render(state);
        }
        NEED.prepare(index);
        let reading = null;
        box.addEventListener("input", () => {
          clearTimeout(reading);
          reading = setTimeout(() => {
            if (box.value.trim()) readSentence(state, box.value);
          }, 400);
        });
        needForm.addEventListener("submit", (event) => {
          event.preventDefault();
          clearTimeout(reading);
          if (box.value.trim()) readSentence(state, box.value);
        });
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
          state.unknown = [];
          box.value = "";
          apply(state);
          box.focus();
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
