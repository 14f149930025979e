"""The finder and the comparison: their index, their pages in Chromium, and accessibility checks.

Expected result sets are computed here from the catalog (and Hub snapshots) with the semantics the finder
page documents, never copied from the page itself: a filter URL must show exactly those models.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from conftest import (
    FIXTURE_CATALOG,
    GENERAL,
    HUB_SNAPSHOT,
    LANGUAGE,
    REPO,
    chromium_page,
    make_repo,
    mkdocs_build,
)
from test_render import PAYLOADS, hostile_entry

from generator.catalog.load import load_catalog
from generator.catalog.schema import SUBJECTS
from generator.catalog.tasks import TASKS, family_tasks
from generator.catalog.vocabulary import RUNTIME_MARGIN
from generator.catalog.words import normalize, word_table
from generator.hub.snapshot import load_snapshots
from generator.site.indexes import COMPARE_INDEX, FINDER_INDEX, compare_index, finder_index
from generator.site.pages import build_pages

AXE = Path(__file__).parent / "js" / "node_modules" / "axe-core" / "axe.min.js"

# A Hub snapshot for the general model of the small test catalog: gated, with storage and downloads, and
# with a task and license the curated entry leaves to the Hub.
GATED_SNAPSHOT = """\
{"id": "acme/general-encoder", "pulled_at": "2026-11-02T12:00:00Z", "downloads": 999999, "likes": 5,
 "pipeline_tag": "fill-mask", "license": "mit", "languages": ["en"], "gated": "manual",
 "params": 335000000, "used_storage": 2000000000}
"""
NORSK_SNAPSHOT = """\
{"id": "acme/norsk-bert", "pulled_at": "2026-11-03T12:00:00Z", "downloads": 10, "likes": 1,
 "pipeline_tag": "fill-mask", "license": "NOT A LICENSE <b>", "languages": ["en", "<script>"],
 "gated": false, "params": 124000000, "used_storage": 500000000}
"""


# ------------------------------------------------------------------------------------------------------
# The finder's semantics, restated in Python (see docs/finder/index.md, "How the finder judges fit")
# ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    id: str
    name: str
    kind: str
    focus: str
    summary: str
    domain: str | None
    task: str | None
    modality: str | None
    languages: tuple[str, ...]
    license: str | None
    params: int | None
    storage: int | None
    gated: bool | None
    downloads: int | None
    not_for: tuple[str, ...]
    alternatives: tuple[str, ...]
    subjects: tuple[str, ...] = ()
    runtimes: tuple[str, ...] = ()
    family_tasks: tuple[str, ...] = ()
    tuning: str | None = None
    shipped: str | None = None  # int4 / int8 when the weights ship quantized


def catalog_facts(root: Path) -> dict[str, Facts]:
    """Every model's facts as the finder uses them: curated values first, then the Hub snapshot."""
    catalog = load_catalog(root)
    hub = load_snapshots(root, catalog.models)
    facts = {}
    for mid, m in catalog.models.items():
        h = hub.get(mid)
        facts[mid] = Facts(
            id=mid,
            name=m.name,
            kind=m.kind,
            focus=m.focus,
            summary=m.summary,
            domain=m.domain,
            task=m.task or (h.pipeline_tag if h else None),
            modality=m.modality,
            languages=tuple(m.languages or (h.languages if h else ())),
            license=m.license or (h.license if h else None),
            params=m.params if m.params is not None else (h.params if h else None),
            storage=m.weights.bytes if m.weights else (h.used_storage if h else None),
            gated=None if h is None or h.gated is None else bool(h.gated),
            downloads=h.downloads if h else None,
            not_for=tuple(m.not_for),
            alternatives=tuple(m.alternatives),
            subjects=tuple(m.subjects),
            runtimes=tuple(m.runtimes or ()),
            family_tasks=tuple(family_tasks(m)),
            tuning=m.tuning,
            shipped={"INT4": "int4", "INT8": "int8"}.get(m.weights.dtype) if m.weights else None,
        )
    return facts


MULTI = ("task", "lang", "subject")
SUBJECT_WORDS = {word for _, words in SUBJECTS.values() for word in words}
PRECISION = {"fp32": 4, "fp16": 2, "int8": 1, "int4": 0.5}


def parse_filters(query: str) -> dict:
    """As the page reads its address: the first value of a single filter, every value of a multiple one."""
    filters: dict = {"task": [], "lang": [], "subject": []}
    for key, value in parse_qsl(query):
        if key in MULTI:
            for part in (v.strip() for v in value.split(",")):
                if part and part not in filters[key]:
                    filters[key].append(part)
        else:
            filters.setdefault(key, value.strip())
    return filters


def parse_count(text: str) -> float | None:
    """ "350M", "1.5B" or a plain number of parameters."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmbt]?)", text, re.IGNORECASE)
    units = {"": 1, "k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
    return float(match[1]) * units[match[2].lower()] if match else None


def parse_bytes(text: str) -> float | None:
    """ "500MB", "1GB" or a plain number of bytes, in decimal units ("1GiB" in binary)."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:([kmgt])(i?)b?|b)?", text, re.IGNORECASE)
    powers = {"k": 1, "m": 2, "g": 3, "t": 4}
    base = 1024 if match and match[3] else 1000
    return float(match[1]) * base ** powers.get((match[2] or "").lower(), 0) if match else None


def whole_words(text: str) -> list[str]:
    """The words of a text as the page splits them (need.js `tokens`)."""
    words = re.split(r"[^\w.+#-]+|_", normalize(text))
    return [w.strip(".-") for w in words if w.strip(".-")]


def failed_filters(m: Facts, f: dict) -> list[str]:
    failed = []
    # Search words that name a subject are the need's niche, not text to match.
    words = [w for w in whole_words(f.get("search", "")) if w not in SUBJECT_WORDS]
    if words:
        # Whole words, or a word and its plural: "pi" is not in "pii".
        text = f"{m.name} {m.id.replace('/', ' ').replace('_', ' ')} {m.focus}"
        # A joined name's parts count too (need.js `nameTokens`): "ClinicalBERT" holds "bert".
        have = set(whole_words(text)) | set(whole_words(re.sub(r"([a-z])([A-Z])", r"\1 \2", text)))
        if not all(any(t in (w, w + "s", w + "es") or w in (t + "s", t + "es") for t in have) for w in words):
            failed.append("search")
    for key, value in (
        ("kind", m.kind),
        ("modality", m.modality),
        ("domain", m.domain),
    ):
        if f.get(key) and f[key] != value:
            failed.append(key)
    group = word_table().licences.get(f.get("license", ""))
    if group and group.licenses:
        if m.license not in group.licenses:
            failed.append("license")
    elif f.get("license") and f["license"] != (m.license or "not-stated"):
        failed.append("license")
    if f["task"] and m.task not in f["task"] and not set(m.family_tasks) & set(f["task"]):
        failed.append("task")
    if f["lang"] and not all(code in m.languages for code in f["lang"]):
        failed.append("lang")
    limit = parse_count(f.get("maxparams", ""))
    if limit is not None and (m.params is None or m.params > limit):
        failed.append("maxparams")
    limit = parse_bytes(f.get("maxstorage", ""))
    if limit is not None and (m.storage is None or m.storage > limit):
        failed.append("maxstorage")
    memory = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:gb)?", f.get("mem", ""), re.IGNORECASE)
    if memory and float(memory[1]) > 0:
        width = PRECISION.get(f.get("prec", ""), 2)
        if m.shipped:  # a quantized build is loaded at the precision it ships
            width = min(width, PRECISION[m.shipped])
        if m.params is None or m.params * width * RUNTIME_MARGIN > float(memory[1]) * 1e9:
            failed.append("mem")
    if f.get("runtime") and not any(r.lower().startswith(f["runtime"].lower()) for r in m.runtimes):
        failed.append("runtime")
    # Gating is a Hub fact: with no Hub facts in the snapshot the finder does not apply it (`has_hub`).
    if f.get("gated") in ("yes", "no") and f.get("has_hub") and m.gated != (f["gated"] == "yes"):
        failed.append("gated")
    return failed


def expected_ids(facts: dict[str, Facts], query: str) -> set[str]:
    filters = {**parse_filters(query), "has_hub": any(m.downloads is not None for m in facts.values())}
    return {mid for mid, m in facts.items() if not failed_filters(m, filters)}


def by_name(m: Facts):
    return (m.name.lower(), m.id)


# ------------------------------------------------------------------------------------------------------
# The indexes (no browser)
# ------------------------------------------------------------------------------------------------------


@pytest.fixture
def small_catalog(tmp_path):
    return make_repo(
        tmp_path,
        hub={
            "acme/fin-sentiment": HUB_SNAPSHOT,
            "acme/general-encoder": GATED_SNAPSHOT,
            "acme/norsk-bert": NORSK_SNAPSHOT,
        },
    )


def _index(root: Path) -> dict:
    catalog = load_catalog(root)
    return json.loads(finder_index(catalog, load_snapshots(root, catalog.models)))


def test_finder_index_holds_the_short_record_of_every_model(small_catalog):
    index = _index(small_catalog)
    assert index["count"] == 3 and index["kinds"]["domain"] == "domain-specific"
    by_id = {m["i"]: m for m in index["models"]}
    fin = by_id["acme/fin-sentiment"]
    assert fin["n"] == "Acme Fin Sentiment" and fin["k"] == "domain" and fin["d"] == "finance"
    assert fin["t"] == "text-classification" and fin["l"] == ["en"] and fin["c"] == "apache-2.0"
    # The download size is the checked weights (438 MB), not the Hub's storage of every file (1.3 GB).
    assert fin["p"] == 109482240 and fin["b"] == 438000000 and fin["g"] is False
    assert fin["j"] == ["finance", "sentiment"] and index["subjects"]["tables"][0] == "Tables"
    assert fin["dl"] == 123456 and fin["lk"] == 789 and fin["h"] == "2026-11-01"
    # What only the comparison, or a result's opened details, need stays out of the finder's download.
    text = json.dumps(index)
    assert "scope" not in text and "sources" not in text and "social media posts" not in text
    assert {"s", "x", "a"}.isdisjoint(fin)


def test_curated_values_win_and_the_hub_fills_gaps(small_catalog):
    by_id = {m["i"]: m for m in _index(small_catalog)["models"]}
    general = by_id["acme/general-encoder"]
    assert general["t"] == "zero-shot-classification" and general["c"] == "mit"  # curated
    assert general["g"] is True and general["b"] == 1340000000  # "manual" gating counts as gated
    # A general model's alternatives, in the details read on demand, are the specialists that name it.
    details = json.loads(compare_index(load_catalog(small_catalog)))["facts"]
    assert details["acme/general-encoder"]["a"] == ["acme/fin-sentiment", "acme/norsk-bert"]
    assert details["acme/fin-sentiment"]["x"][0] == "Product reviews or social media posts."
    norsk = by_id["acme/norsk-bert"]
    assert norsk["l"] == ["no", "nb", "nn"]  # curated languages, not the Hub's
    assert norsk["b"] == 500000000  # weights unchecked: the Hub's storage stands in
    assert norsk["t"] == "fill-mask" and norsk["p"] == 124000000  # from the Hub: the entry has none
    assert "c" not in norsk  # a Hub license that is not a license id is dropped, not offered as a filter


def test_hub_languages_are_checked_before_they_become_filters(tmp_path):
    language = LANGUAGE.replace("    languages: [no, nb, nn]\n", "")
    root = make_repo(
        tmp_path,
        {"acme/fin-sentiment": hostile_entry(), "acme/general-encoder": GENERAL, "acme/norsk-bert": language},
        hub={"acme/norsk-bert": NORSK_SNAPSHOT},
    )
    by_id = {m["i"]: m for m in _index(root)["models"]}
    assert by_id["acme/norsk-bert"]["l"] == ["en"]
    # Hostile text is kept as data: the pages put it into the DOM as text.
    assert by_id["acme/fin-sentiment"]["n"] == PAYLOADS["name"]


def test_compare_index_has_scopes_and_findings(tmp_path):
    from conftest import FINDING

    root = make_repo(tmp_path, findings={"small-beats-large": FINDING})
    data = json.loads(compare_index(load_catalog(root)))
    assert data["scope"]["acme/norsk-bert"] == "Understands Bokmål and Nynorsk text."
    assert data["findings"] == [
        {
            "id": "small-beats-large",
            "title": "Small specialists can beat large generalists",
            "models": ["acme/fin-sentiment"],
        }
    ]


def test_build_pages_publishes_both_indexes_smaller_than_the_api():
    catalog = load_catalog(REPO)
    pages = build_pages(catalog, load_snapshots(REPO, catalog.models))
    finder = json.loads(pages[FINDER_INDEX])
    assert [m["i"] for m in finder["models"]] == sorted(catalog.models, key=str.lower)
    assert set(json.loads(pages[COMPARE_INDEX])["scope"]) == set(catalog.models)
    assert len(pages[FINDER_INDEX]) < 0.75 * len(pages["api/models.json"])


# ------------------------------------------------------------------------------------------------------
# In the browser
# ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def small_site(tmp_path_factory) -> Path:
    """Three models, one hostile, with Hub snapshots: gating, storage and downloads to filter and sort on."""
    root = make_repo(
        tmp_path_factory.mktemp("finder"),
        {"acme/fin-sentiment": hostile_entry(), "acme/general-encoder": GENERAL, "acme/norsk-bert": LANGUAGE},
        site=True,
        hub={
            "acme/fin-sentiment": HUB_SNAPSHOT,
            "acme/general-encoder": GATED_SNAPSHOT,
            "acme/norsk-bert": NORSK_SNAPSHOT,
        },
    )
    mkdocs_build(root, root / "site")
    return root


class Browser:
    """One Chromium page for a module, collecting script errors and requests to other hosts."""

    def __init__(self, playwright, base: str = ""):
        self.browser, self.page = chromium_page(playwright)
        self.errors: list[str] = []
        self.external: list[str] = []
        self.base = base
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("request", self._request)

    def _request(self, request):
        if not request.url.startswith("http://127.0.0.1:"):  # the test servers; nothing else
            self.external.append(request.url)

    def goto(self, path: str, ready: str | None = None):
        self.page.goto(self.base + path)
        if ready:
            self.page.locator(f"#{ready}[data-state=ready]").wait_for(timeout=15_000)
        return self.page

    def finder(self, query: str = ""):
        return self.goto(f"finder/{'?' + query if query else ''}", "atlas-finder")

    def result_ids(self, which: str = "#finder-list") -> list[str]:
        return self.page.locator(f"{which} > .atlas-result").evaluate_all(
            "items => items.map(li => li.dataset.id)"
        )

    def clean(self):
        assert not self.errors, self.errors
        assert not self.external, self.external

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.browser.close()


@pytest.fixture(scope="module")
def site(atlas_site, serve, playwright):
    with Browser(playwright, serve(atlas_site)) as b:
        yield b


@pytest.fixture(scope="module")
def facts():
    return catalog_facts(FIXTURE_CATALOG.parent)


FILTER_URLS = [
    "",
    "kind=domain&task=text-classification&lang=de",
    "lang=de&task=text-classification",
    "search=sentiment&lang=de",
    "search=Sentiment  german",
    "kind=platform&modality=audio",
    "task=automatic-speech-recognition&task=audio-classification",
    "lang=de,fr",
    "lang=de&lang=en&kind=general",
    "domain=finance",
    "license=apache-2.0&maxparams=500M",
    "maxparams=1.5B&modality=text",
    "modality=vision&license=mit&sort=size",
    "gated=no",
    "maxstorage=1GB",
    "kind=nothing-of-the-sort",
    "gated=maybe&sort=constructor&maxparams=lots",
]


@pytest.mark.browser
@pytest.mark.parametrize("query", FILTER_URLS)
def test_a_filter_url_shows_exactly_the_matching_models(site, facts, query):
    page = site.finder(urlencode(parse_qsl(query)) if query else "")
    expected = expected_ids(facts, query)
    assert set(site.result_ids()) == expected, query
    assert page.locator("#atlas-finder").get_attribute("data-count") == str(len(expected))
    status = page.locator("#finder-status").inner_text()
    assert status.startswith(f"{len(expected)} model"), status
    # The form shows the filters the address holds.
    filters = parse_filters(query)
    for name in ("kind", "modality", "domain", "license"):
        assert page.locator(f"#finder-{name}").input_value() == filters.get(name, "")
    selected = page.locator("#finder-lang").evaluate("s => [...s.selectedOptions].map(o => o.value)")
    assert sorted(selected) == sorted(filters["lang"])
    assert not page.locator("#__search").is_checked()  # Material's search stays closed
    site.clean()


@pytest.mark.browser
def test_the_fixed_menus_are_the_vocabulary_python_defines(site):
    """Kinds, modalities, size, download and memory limits, precisions and build preferences are defined once
    (generator/catalog/vocabulary.py) and reach the page through api/finder.json, not typed into it."""
    from generator.catalog.vocabulary import menus

    page = site.finder("mem=8&prec=int4&prefer=cpu")
    for name, entries in menus().items():
        shown = page.locator(f"#finder-{name} option").evaluate_all(
            "options => options.map(o => [o.value, o.textContent])"
        )
        assert [pair for pair in shown if pair[0] or name == "prec"] == entries, name
    assert page.locator("#finder-mem").input_value() == "8"
    assert page.locator("#finder-prec").input_value() == "int4"
    assert page.locator("#finder-prefer").input_value() == "cpu"
    site.clean()


def test_the_journey_filters_are_not_empty(facts):
    """The sets above prove something only if the catalog gives some of them members."""
    assert "oliverguhr/german-sentiment-bert" in expected_ids(facts, "lang=de&task=text-classification")
    assert len(expected_ids(facts, "domain=finance")) >= 2


@pytest.mark.browser
@pytest.mark.parametrize("sort", ["name", "size"])
def test_results_sort_by_name_and_size(site, facts, sort):
    query = f"modality=text&sort={sort}"
    site.finder(query)
    models = [facts[mid] for mid in expected_ids(facts, query)]
    if sort == "name":
        order = sorted(models, key=by_name)
    else:
        known = sorted((m for m in models if m.params is not None), key=lambda m: (m.params, *by_name(m)))
        order = known + sorted((m for m in models if m.params is None), key=by_name)
    assert site.result_ids() == [m.id for m in order]
    site.clean()


# The needs suite: realistic needs as finder addresses, each with the property its answer must have. On the
# fixture catalog the answers are known; on the real catalog (below) only what any valid entry keeps holds.
TABLES = "microsoft/table-transformer-detection"
TABLE_CELLS = "microsoft/table-transformer-structure-recognition"
SIGNATURES = "tech4humans/yolov8s-signature-detector"
DETR = "facebook/detr-resnet-50"

NEEDS = [
    # (address, the first result and its fit, ids that must carry `narrower`, ids that must be absent)
    ("task=object-detection", (DETR, "general"), [TABLES, TABLE_CELLS, SIGNATURES], []),
    ("task=object-detection&subject=tables", (TABLES, "specialist"), [SIGNATURES], []),
    ("task=object-detection&search=tables", (TABLES, "specialist"), [SIGNATURES], []),
    ("task=object-detection&search=signatures", (SIGNATURES, "specialist"), [TABLES, TABLE_CELLS], []),
    (
        "task=image-classification",
        ("google/vit-large-patch16-384", "general"),
        ["Falconsai/nsfw_image_detection", "trpakov/vit-face-expression", "apple/mobilevit-small"],
        [],
    ),
    (
        "task=image-classification&subject=faces",
        ("trpakov/vit-face-expression", "specialist"),
        ["Falconsai/nsfw_image_detection"],
        [],
    ),
    (
        "task=image-classification&search=nsfw",
        ("Falconsai/nsfw_image_detection", "specialist"),
        ["trpakov/vit-face-expression"],
        [],
    ),
    (
        "task=image-classification&mem=4&prec=int8",
        ("apple/mobilevit-small", "specialist"),
        ["Falconsai/nsfw_image_detection"],
        [],
    ),
    (
        "task=text-classification&subject=sentiment",
        (None, "specialist"),
        ["unitary/toxic-bert", "j-hartmann/emotion-english-distilroberta-base"],
        [],
    ),
    (
        "task=text-classification&subject=sentiment&search=tweets",
        ("cardiffnlp/twitter-roberta-base-sentiment-latest", "specialist"),
        ["unitary/toxic-bert"],
        [],
    ),
    ("task=text-classification&search=toxic", ("unitary/toxic-bert", "specialist"), ["ProsusAI/finbert"], []),
    (
        "lang=de&task=text-classification",
        ("oliverguhr/german-sentiment-bert", "specialist"),
        [],
        ["ProsusAI/finbert"],
    ),
    (
        "task=automatic-speech-recognition",
        ("openai/whisper-large-v3", "general"),
        ["openai/whisper-tiny", "distil-whisper/distil-large-v3", "primeline/whisper-large-v3-german"],
        [],
    ),
    (
        "task=automatic-speech-recognition&lang=de",
        ("primeline/whisper-large-v3-german", "specialist"),
        [],
        [],
    ),
    ("task=automatic-speech-recognition&mem=4", (None, "specialist"), [], []),
    (
        "task=text-generation&mem=4",
        ("HuggingFaceTB/SmolLM2-135M-Instruct", "specialist"),  # chat-tuned before the smaller base model
        [],
        ["Qwen/Qwen2.5-7B-Instruct"],
    ),
    ("domain=finance", (None, "specialist"), [], ["google-bert/bert-large-uncased"]),
    (
        "task=fill-mask&lang=de",
        ("dbmdz/bert-base-german-cased", "specialist"),
        [],
        ["google-bert/bert-large-uncased"],
    ),
    (
        "task=fill-mask&subject=clinical",
        ("emilyalsentzer/Bio_ClinicalBERT", "specialist"),
        ["nlpaueb/legal-bert-base-uncased"],
        ["dmis-lab/biobert-v1.1"],
    ),
    ("task=token-classification", ("dslim/bert-base-NER", "narrower"), [], []),
    ("task=token-classification&search=entities", ("dslim/bert-base-NER", "specialist"), [], []),
    (
        "task=audio-classification&search=sounds",
        ("MIT/ast-finetuned-audioset-10-10-0.4593", "specialist"),
        ["speechbrain/lang-id-voxlingua107-ecapa"],
        [],
    ),
    (
        "modality=audio&subject=speech-activity",
        ("pyannote/voice-activity-detection", "specialist"),
        ["MIT/ast-finetuned-audioset-10-10-0.4593"],
        [],
    ),
]


def result_fits(page) -> list[tuple[str, str]]:
    return page.locator("#finder-list > .atlas-result").evaluate_all(
        "items => items.map(li => [li.dataset.modelId, li.dataset.fit])"
    )


def all_result_fits(page) -> list[tuple[str, str]]:
    """Every match, not only the first page: a catalog that grows past a page must not change the answer."""
    more = page.get_by_role("button", name=re.compile(r"^Show all \d+ models$"))
    if more.count():
        total = int(re.search(r"\d+", more.inner_text()).group())
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('#finder-list > .atlas-result').length === n", arg=total
        )
    return result_fits(page)


def base_models(facts: dict[str, Facts], query: str) -> frozenset[str]:
    """For a need whose task is generative (chat, instructions), the models that are not tuned for it."""
    generative = any(TASKS[t].generative for t in parse_filters(query)["task"] if t in TASKS)
    return frozenset(mid for mid, m in facts.items() if generative and m.tuning == "base")


def assert_levels(fits: list[tuple[str, str]], niched: bool, base: frozenset[str] = frozenset()) -> None:
    """A bare task never puts a narrower specialist above a general model that covers it; a need that names
    a niche lists specialists, then general models, then narrower ones. For a chat or instruction need the
    `base` models (not tuned to follow instructions) come after all the others, each part in that order."""
    order = {"specialist": 0, "general": 1, "narrower": 2} if niched else {"general": 0, "narrower": 1}
    levels = [(mid in base, order[fit]) for mid, fit in fits]
    assert levels == sorted(levels), fits


@pytest.mark.browser
@pytest.mark.parametrize("query, first, narrower, absent", NEEDS, ids=[n[0] for n in NEEDS])
def test_needs_suite_on_the_fixture_catalog(site, facts, query, first, narrower, absent):
    page = site.finder(query)
    fits = result_fits(page)
    assert fits, query
    first_id, first_fit = first
    assert fits[0][1] == first_fit, fits
    if first_id:
        assert fits[0][0] == first_id, fits
    fit_of = dict(fits)
    for mid in narrower:
        assert fit_of.get(mid) == "narrower", (mid, fits)
    for mid in absent:
        assert mid not in fit_of, (mid, fits)
    niched = "A need that names its niche" in page.locator(".atlas-need").inner_text()
    assert niched == (
        first_fit == "specialist"
        or any(f == "specialist" for _, f in fits)
        or "lang=" in query
        or "mem=" in query
        or "subject=" in query
        or "domain=" in query
    ), query
    assert_levels(fits, niched, base_models(facts, query))
    # Compact: the verdict is one line; not-for and alternatives wait behind a closed <details>.
    item = page.locator("#finder-list > .atlas-result").first
    assert item.locator(".atlas-verdict").count() == 1
    assert item.locator("details[open]").count() == 0
    site.clean()


@pytest.mark.browser
def test_a_specialist_for_the_named_niche_says_why_and_ranks_smaller_first(site, facts):
    page = site.finder("task=object-detection&subject=tables")
    first = page.locator("#finder-list > .atlas-result").first
    assert (
        "Specialist for your need." in first.inner_text()
        and "it matches" in first.inner_text()
        and "it matches tables" in first.inner_text()
    )
    # Both table models share the subject; at equal fit the smaller comes first (both are 28.8M here, so
    # the name decides). A COCO detector is no fallback for tables: its labels do not cover them.
    fits = result_fits(page)
    assert [f for _, f in fits[:2]] == ["specialist", "specialist"]
    assert dict(fits)[DETR] == "narrower"
    detr = page.locator(f'#finder-list > .atlas-result[data-model-id="{DETR}"] .atlas-verdict')
    assert "Its own fixed labels" in detr.inner_text() and "do not cover tables" in detr.inner_text()
    narrower = page.locator(f'#finder-list > .atlas-result[data-model-id="{SIGNATURES}"] .atlas-verdict')
    assert "Made for signatures and documents, not tables." in narrower.inner_text()
    site.clean()


def placements(page) -> list[tuple[str, str, str]]:
    return page.locator("#finder-list > .atlas-result").evaluate_all(
        """items => items.map(li => {
            const p = li.querySelector('.atlas-placed');
            return [li.dataset.modelId, p ? p.dataset.placed : '', p ? p.textContent : ''];
        })"""
    )


@pytest.mark.browser
def test_each_result_says_what_placed_it(site, facts):
    # A chat need: the tuned models first; the 125M base model follows them all and says so.
    placed = placements(site.finder("task=text-generation"))
    assert placed[0][2].startswith("Placed first: ") and all(
        r[2].startswith("Placed here: ") for r in placed[1:]
    )
    assert placed[-1][0] == "facebook/MobileLLM-125M" and facts[placed[-2][0]].tuning != "base"
    assert placed[-1][1] == "tuning" and "a base model" in placed[-1][2], placed
    # A bare task: general models first, the narrower ones after them say so; at equal fit (no Hub
    # downloads here) the smaller model first, each line naming both sizes.
    placed = placements(site.finder("task=text-classification"))
    assert [r[1] for r in placed] == ["size"] * len(placed), placed
    assert "is smaller (67M to 82M parameters)" in placed[0][2]
    assert all("is larger (" in r[2] or "a little larger" in r[2] for r in placed[1:]), placed
    placed = placements(site.finder("task=image-classification"))
    assert placed[1][1] == "level"
    assert "narrower than your need; the one above is general-purpose" in placed[1][2]
    # Under a 24 GB budget a CPU build of a 135M model is no specialist, only another general model: the
    # larger model that fits leads, and the build follows it, smaller.
    page = site.finder("task=text-generation&mem=24")
    placed = placements(page)
    assert placed[0][0] == "Qwen/Qwen2.5-7B-Instruct", placed
    assert placed[1][:2] == ["HuggingFaceTB/SmolLM2-135M-Instruct", "size"], placed
    assert "which also fits your limit" in placed[1][2], placed
    assert dict(result_fits(page))["HuggingFaceTB/SmolLM2-135M-Instruct"] == "general"
    # On a phone-sized budget the same build is the specialist.
    placed = placements(site.finder("task=text-generation&mem=4"))
    assert placed[0][0] == "HuggingFaceTB/SmolLM2-135M-Instruct", placed
    assert dict((r[0], r[1]) for r in placed).get("Qwen/Qwen2.5-7B-Instruct") is None, "7.6B needs > 4 GB"
    # Ties on every signal fall to the name, and the line says so.
    placed = placements(site.finder("task=object-detection&subject=tables"))
    assert placed[0][1] == "name" and "by name" in placed[0][2], placed
    # Another order chosen: no line claims a fit order.
    page = site.finder("task=text-generation&sort=name")
    assert page.locator("#finder-list .atlas-placed").count() == 0
    site.clean()


@pytest.mark.browser
def test_memory_budget_names_its_precision_and_excludes_what_does_not_fit(site, facts):
    page = site.finder("task=text-generation&mem=4&prec=fp16")
    ids = site.result_ids()
    assert ids == sorted(expected_ids(facts, "task=text-generation&mem=4&prec=fp16"), key=ids.index)
    assert set(ids) == expected_ids(facts, "task=text-generation&mem=4&prec=fp16")
    assert "Qwen/Qwen2.5-7B-Instruct" not in ids
    figures = page.locator(
        '#finder-list > .atlas-result[data-model-id="HuggingFaceTB/SmolLM2-135M-Instruct"]'
    )
    # 135M parameters: 270 MB of weights at fp16, a fifth more to run.
    shown = figures.locator(".atlas-result__figures").inner_text()
    assert "about 324 MB to run at fp16 (weights 270 MB)" in shown
    more = page.get_by_role("button", name=re.compile("Show all .* near misses"))
    if more.count():
        more.click()
    near = page.locator('#finder-near > .atlas-result[data-model-id="Qwen/Qwen2.5-7B-Instruct"]')
    assert near.get_attribute("data-fit") == "miss-mem"
    assert "it needs about 18 GB to run at fp16 (weights 15 GB)" in near.inner_text()
    site.clean()


@pytest.fixture(scope="module")
def real(real_site, serve, playwright):
    with Browser(playwright, serve(real_site)) as b:
        yield b


@pytest.mark.browser
@pytest.mark.parametrize("query", [n[0] for n in NEEDS])
def test_needs_suite_on_the_real_catalog_keeps_its_invariants(real, real_site, query):
    """Only what any valid entry keeps true: the levels' order, no specialist for a bare need, and every
    specialist sharing a niche the need names."""
    page = real.finder(query)
    fits = all_result_fits(page)
    niched = "A need that names its niche" in page.locator(".atlas-need").inner_text()
    facts = catalog_facts(real_site.parent)
    assert_levels(fits, niched, base_models(facts, query))
    if not niched:
        assert all(fit != "specialist" for _, fit in fits), fits
    expected = expected_ids(facts, query)
    assert {mid for mid, _ in fits} == expected
    real.clean()


@pytest.mark.browser
def test_german_bank_reports_get_a_shortlist_with_the_fit_explained(site, facts):
    """ "I need to classify the sentiment of German bank reports": no model does all of it; say why."""
    query = "domain=finance&lang=de&task=text-classification"
    page = site.finder(query)
    filters = parse_filters(query)
    near = {mid for mid, m in facts.items() if len(failed_filters(m, filters)) == 1}
    assert set(site.result_ids("#finder-near")) == near
    finbert = page.locator('#finder-near > .atlas-result[data-id="ProsusAI/finbert"]')
    assert finbert.get_attribute("data-fit") == "miss-lang"
    assert "Misses your language" in finbert.inner_text()
    assert "English (en) only" in finbert.inner_text()
    german = page.locator('#finder-near > .atlas-result[data-id="oliverguhr/german-sentiment-bert"]')
    assert german.get_attribute("data-fit") == "miss-domain"
    assert "Misses your domain" in german.inner_text()
    # Its own "not for" and its alternatives open on demand.
    german.locator("details > summary").click()
    german.locator(".atlas-fit__notfor").wait_for(timeout=15_000)  # fetched on first opening
    assert "financial or legal documents" in german.inner_text()
    assert "Qwen2.5 7B Instruct" in german.locator(".atlas-fit__alternatives").inner_text()
    site.clean()


@pytest.mark.browser
def test_keyboard_alone_goes_from_a_sentence_to_a_model_page(site):
    page = site.finder()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "finder-need":
            break
    else:
        pytest.fail("Tab never reached the sentence box")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "focus is not visible"
    page.keyboard.type("sentiment of German reviews")
    page.keyboard.press("Enter")
    page.wait_for_function("location.search.includes('lang=de')", timeout=5_000)
    assert "subject=sentiment" in page.url and "need=" not in page.url
    first = "document.querySelector('#finder-list .atlas-result')?.dataset.id"
    page.wait_for_function(f"{first} === 'oliverguhr/german-sentiment-bert'")
    assert "specialist" in page.locator("#finder-status").inner_text()
    # Focus order: the box, its button, the chips, the filters' summary, then the results.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('atlas-chip')")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.atlas-result')?.dataset.id || ''"):
            break
    focused = page.evaluate("document.activeElement.closest('.atlas-result').dataset.id")
    assert focused == "oliverguhr/german-sentiment-bert"
    page.keyboard.press("Enter")
    page.wait_for_url("**/models/oliverguhr/german-sentiment-bert/", timeout=15_000)
    assert page.locator("h1").inner_text().rstrip("¶") == "German Sentiment BERT"
    # Back on the finder, the address restores the same filters, chips and results.
    page.go_back()
    page.locator("#atlas-finder[data-state=ready]").wait_for(timeout=15_000)
    assert "German" in page.locator("#finder-chips").inner_text()
    assert site.result_ids()[0] == "oliverguhr/german-sentiment-bert"
    site.clean()


@pytest.mark.browser
def test_keyboard_alone_opens_the_filters_and_sets_one(site):
    page = site.finder()
    page.locator("#finder-need").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    page.keyboard.press("Enter")
    # Focus order follows the form: name words, kind, modality, domain, license, task, then language.
    for expected in (
        "finder-search",
        "finder-kind",
        "finder-modality",
        "finder-domain",
        "finder-license",
        "finder-task",
    ):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == expected
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "finder-lang"
    page.keyboard.type("German")
    page.wait_for_function("location.search.includes('lang=de')", timeout=5_000)
    site.clean()


@pytest.mark.browser
def test_the_finder_works_after_instant_navigation(site, facts):
    page = site.goto("")
    page.locator(".md-tabs__link", has_text="Finder").click()
    page.wait_for_url("**/finder/")
    page.locator("#atlas-finder[data-state=ready]").wait_for(timeout=15_000)
    page.locator(".atlas-refine > summary").click()
    page.locator("#finder-kind").select_option("domain")
    page.wait_for_function("location.search === '?kind=domain'")
    count = len(expected_ids(facts, "kind=domain"))
    page.wait_for_function(f"document.getElementById('atlas-finder').dataset.count === '{count}'")
    assert set(site.result_ids()) == expected_ids(facts, "kind=domain")
    site.clean()


@pytest.mark.browser
def test_finder_and_compare_work_under_a_sub_path(site, atlas_site, serve, tmp_path_factory, facts):
    """As on a GitHub Pages project site: the site lives at /<project>/, not at the root."""
    parent = tmp_path_factory.mktemp("pages")
    (parent / "model-atlas").symlink_to(atlas_site, target_is_directory=True)
    base = serve(parent) + "model-atlas/"
    page = site.page
    page.goto(base + "finder/?domain=finance")
    page.locator("#atlas-finder[data-state=ready]").wait_for(timeout=15_000)
    assert set(site.result_ids()) == expected_ids(facts, "domain=finance")
    first = page.locator("#finder-list .atlas-result h3 a").first
    assert first.evaluate("a => a.href").startswith(base + "models/")
    page.goto(base + "compare/?ids=ProsusAI/finbert,google-bert/bert-large-uncased")
    page.locator("#atlas-compare[data-state=ready]").wait_for(timeout=15_000)
    assert page.locator("table thead th[scope=col] a").count() == 2
    assert not site.errors, site.errors


@pytest.mark.browser
def test_compare_shows_models_side_by_side_with_their_findings(site, facts):
    ids = ["ProsusAI/finbert", "google-bert/bert-large-uncased"]
    page = site.goto(f"compare/?ids={','.join(ids)}", "atlas-compare")
    heads = page.locator("table thead th[scope=col] a").all_inner_texts()
    assert heads == [facts[i].name for i in ids]
    table = page.locator("table").inner_text()
    catalog = load_catalog(FIXTURE_CATALOG.parent)
    for mid in ids:
        assert catalog.models[mid].scope in table
        for line in facts[mid].not_for:
            assert line in table
    for finding in catalog.findings:
        if set(finding.models) & set(ids):
            assert finding.title in table, finding.id
    rows = page.locator("tbody th[scope=row]").all_inner_texts()
    for label in ("Kind", "Focus", "What it is for", "Not for", "Parameters", "License", "Languages"):
        assert label in rows
    for label in ("Weights", "Lineage", "How it does on its niche"):
        assert label in rows
    catalog_entry = catalog.models[ids[0]]
    assert catalog_entry.evidence[0].benchmark in table  # FinBERT's own result, from api/compare.json
    assert "Comparing 2 models" in page.locator("#compare-status").inner_text()
    # Remove one and add another: the address follows.
    page.get_by_role("button", name=f"Remove {facts[ids[1]].name} from the comparison").click()
    page.wait_for_function(f"location.search === '?ids={ids[0]}'")
    page.locator("#compare-add").select_option("oliverguhr/german-sentiment-bert")
    page.get_by_role("button", name="Add to the comparison").click()
    page.wait_for_function(f"location.search === '?ids={ids[0]},oliverguhr/german-sentiment-bert'")
    assert page.locator("table thead th[scope=col] a").count() == 2
    site.clean()


@pytest.mark.browser
def test_compare_refuses_unknown_ids_and_keeps_four(site, facts):
    ids = sorted(facts)[:5]
    page = site.goto(f"compare/?ids={','.join(['nope/missing', *ids])}", "atlas-compare")
    assert page.locator("table thead th[scope=col] a").count() == 4
    notes = page.locator("#compare-result .atlas-note").all_inner_texts()
    assert any("nope/missing" in n for n in notes) and any("first four" in n for n in notes)
    site.clean()


@pytest.mark.browser
def test_each_model_page_links_to_a_comparison_with_its_alternatives(site, facts):
    model = facts["ProsusAI/finbert"]
    page = site.goto("models/ProsusAI/finbert/")
    page.get_by_role("link", name="Compare with its alternatives").click()
    page.locator("#atlas-compare[data-state=ready]").wait_for(timeout=15_000)
    ids = [model.id, *model.alternatives[:3]]
    assert urlsplit(page.url).query == f"ids={','.join(ids)}"
    assert page.locator("table thead th[scope=col] a").all_inner_texts() == [facts[i].name for i in ids]
    site.clean()


@pytest.mark.browser
def test_hub_figures_filter_and_sort_and_hostile_text_stays_text(small_site, serve, playwright):
    b = Browser(playwright)
    b.base = serve(small_site / "site")
    dialogs = []
    b.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    facts = catalog_facts(small_site)
    try:
        for query in ("gated=yes", "gated=no", "maxstorage=1GB", "maxparams=200M", "sort=downloads"):
            b.finder(query)
            ids = b.result_ids()
            assert set(ids) == expected_ids(facts, query), query
        assert ids == [
            "acme/general-encoder",
            "acme/fin-sentiment",
            "acme/norsk-bert",
        ]  # most downloads first
        page = b.finder("search=evil")
        assert page.locator("#finder-list .atlas-result h3 a").inner_text() == PAYLOADS["name"]
        assert PAYLOADS["focus"] in page.locator("#finder-list").inner_text()
        page = b.goto("compare/?ids=acme/fin-sentiment,acme/general-encoder", "atlas-compare")
        assert PAYLOADS["scope"] in page.locator("table").inner_text()
        assert "999,999" in page.locator("table").inner_text()
        assert page.evaluate("window.__xss") is None
        assert (
            page.locator("#atlas-compare [onerror], #atlas-compare [onclick], #atlas-compare img").count()
            == 0
        )
        b.clean()
    finally:
        b.browser.close()
    assert dialogs == []


# ------------------------------------------------------------------------------------------------------
# Accessibility: axe-core, from npm (tests/js), injected into the page
# ------------------------------------------------------------------------------------------------------

AXE_PAGES = [
    ("", None),
    ("models/ProsusAI/finbert/", None),
    ("categories/domain/", None),
    ("finder/?lang=de", "#atlas-finder[data-state=ready]"),
    ("finder/?domain=finance&lang=de&task=text-classification", "#atlas-finder[data-state=ready]"),
    ("finder/?task=object-detection&subject=tables&mem=8", "#atlas-finder[data-state=ready]"),
    ("patterns/", None),
    (
        "compare/?ids=ProsusAI/finbert,google-bert/bert-large-uncased,oliverguhr/german-sentiment-bert",
        "#atlas-compare[data-state=ready]",
    ),
    ("search/?q=sentiment", ".pagefind-ui__result"),
]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_accessibility_violations(site, scheme):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `.venv/bin/python tests/js/ensure_js.py` (`make test` does)")
    # A fresh context: Material keeps the reader's palette in local storage once it has chosen one.
    context = site.browser.new_context(color_scheme=scheme)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    problems = {}
    try:
        for path, ready in AXE_PAGES:
            page.goto(site.base + path)
            if ready:
                page.locator(ready).first.wait_for(timeout=15_000)
            assert page.evaluate("document.body.dataset.mdColorScheme") == (
                "slate" if scheme == "dark" else "default"
            )
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                """async () => {
                    const result = await axe.run(document, { resultTypes: ["violations"] });
                    return result.violations.map(v => ({
                        id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
                    }));
                }"""
            )
            serious = [v for v in violations if v["impact"] in ("serious", "critical")]
            if serious:
                problems[path] = serious
    finally:
        context.close()
    assert problems == {}, json.dumps(problems, indent=1)
    assert not errors, errors


@pytest.mark.browser
def test_a_chat_need_puts_models_that_follow_instructions_before_base_models(site):
    """A base model completes text; for a chat need it comes after the instruction- and chat-tuned ones,
    whatever its size, and its line says why."""
    page = site.finder("task=text-generation")
    ids = site.result_ids()
    assert ids.index("HuggingFaceTB/SmolLM2-135M-Instruct") < ids.index("facebook/MobileLLM-125M")
    base = page.locator('#finder-list > .atlas-result[data-id="facebook/MobileLLM-125M"]')
    assert "A base model: it completes text" in base.inner_text()
    chat = page.locator('#finder-list > .atlas-result[data-id="HuggingFaceTB/SmolLM2-135M-Instruct"]')
    assert "Chat-tuned: it follows instructions" in chat.inner_text()
    site.clean()


def test_task_families_reach_the_index(tmp_path):
    """A sentence embedder tagged feature-extraction answers a sentence-similarity need; a base encoder's
    token features do not; the index says which tasks are generative."""
    embedder = GENERAL.replace("acme/general-encoder", "acme/embedder").replace(
        "task: zero-shot-classification", "task: feature-extraction\n    embeddings: sentence"
    )
    encoder = GENERAL.replace("acme/general-encoder", "acme/encoder").replace(
        "task: zero-shot-classification", "task: feature-extraction\n    embeddings: token"
    )
    root = make_repo(
        tmp_path,
        {"acme/general-encoder": GENERAL, "acme/embedder": embedder, "acme/encoder": encoder},
    )
    index = json.loads(finder_index(load_catalog(root)))
    records = {m["i"]: m for m in index["models"]}
    assert records["acme/embedder"]["o"] == ["sentence-similarity"]
    assert "o" not in records["acme/encoder"]
    assert "text-generation" in index["generative"]


@pytest.mark.browser
def test_hub_filters_are_disabled_with_the_reason_when_the_snapshot_has_no_hub_facts(site, facts):
    """The frozen catalog has no Hub snapshot: gating cannot filter and downloads cannot order anything."""
    assert all(m.downloads is None for m in facts.values())
    page = site.finder("gated=no&sort=downloads&task=text-classification")
    assert page.locator("#finder-gated").is_disabled()
    assert "no Hub facts yet" in page.locator("#finder-hub-hint").text_content()
    assert page.locator('#finder-sort option[value="downloads"]').is_disabled()
    assert "Sorted by best fit" in page.locator("#finder-results").inner_text()
    assert set(site.result_ids()) == expected_ids(facts, "task=text-classification")  # never 0 results
    site.clean()


@pytest.mark.browser
def test_a_two_gigabyte_budget_is_a_preset(site):
    page = site.finder("mem=2&prec=int4")
    assert "Raspberry Pi" in page.locator("#finder-mem option:checked").text_content()
    site.clean()


@pytest.mark.browser
def test_a_subject_only_need_gets_no_fallback_of_another_modality(site):
    """ "Sentiment" names a text job: a general image or audio model is not its fallback."""
    page = site.finder("subject=sentiment")
    fits = dict(result_fits(page))
    assert fits["facebook/bart-large-mnli"] == "general"
    assert fits["facebook/detr-resnet-50"] == "narrower"
    detr = page.locator('#finder-list > .atlas-result[data-id="facebook/detr-resnet-50"]')
    assert "Another kind of input" in detr.inner_text() and "Reads vision" in detr.inner_text()
    site.clean()


@pytest.mark.browser
def test_unknown_sizes_sort_last_in_a_category_table_whichever_the_direction(site):
    page = site.goto("categories/task/")
    page.locator("table.atlas-sortable[data-sortable=yes]").wait_for(timeout=15_000)
    header = page.locator("table.atlas-sortable th", has_text="Size")
    # Their parameter counts are not checked yet.
    unknown = {"tech4humans/yolov8s-signature-detector", "pyannote/voice-activity-detection"}
    for direction in ("ascending", "descending"):
        header.click()
        assert header.get_attribute("aria-sort") == direction
        order = page.locator("table.atlas-sortable tbody tr code").all_inner_texts()
        assert set(order[-len(unknown) :]) == unknown, order
    site.clean()


def chat_entry(model_id: str, name: str, params: int, extra: str) -> str:
    return f"""\
    id: {model_id}
    name: {name}
    summary: An instruction-tuned English chat model.
    kind: general
    focus: General English chat
    scope: Answers questions and follows instructions in English.
    not_for:
      - Languages other than English.
    task: text-generation
    tuning: chat
    modality: text
    languages: [en]
    license: mit
    params: {params}
    weights: {{bytes: {params * 2}, format: safetensors, dtype: BF16}}
    {extra}
    sources:
      - https://huggingface.co/{model_id}
    """


@pytest.fixture(scope="module")
def successor_site(tmp_path_factory):
    """Two chat models of one maker, the smaller one replaced by the larger, and one with no release month."""
    models = {
        "acme/chat-v1": chat_entry(
            "acme/chat-v1",
            "Acme Chat v1",
            1_000_000_000,
            "released: 2023-05\n    superseded_by: acme/chat-v2",
        ),
        "acme/chat-v2": chat_entry("acme/chat-v2", "Acme Chat v2", 1_400_000_000, "released: 2024-09"),
        "acme/chat-undated": chat_entry(
            "acme/chat-undated", "Acme Chat undated", 900_000_000, "added: 2026-11-20"
        ),
    }
    root = make_repo(tmp_path_factory.mktemp("successor"), models, site=True)
    mkdocs_build(root, root / "site")
    return root / "site"


@pytest.mark.browser
def test_a_superseded_model_follows_its_successor_and_newest_sorts_by_release(
    successor_site, serve, playwright
):
    with Browser(playwright, serve(successor_site)) as b:
        page = b.finder("task=text-generation")
        ids = b.result_ids()
        # At equal fit the smaller model would come first; the replaced one comes after the current ones.
        assert ids.index("acme/chat-v2") < ids.index("acme/chat-v1"), ids
        line = page.locator('#finder-list > .atlas-result[data-id="acme/chat-v1"]').inner_text()
        assert "Superseded by Acme Chat v2" in line
        b.finder("task=text-generation&sort=newest")
        assert b.result_ids() == ["acme/chat-v2", "acme/chat-v1", "acme/chat-undated"]
        # The page names the successor, linked, and the month of first release.
        page = b.goto("models/acme/chat-v1/")
        note = page.locator(".admonition.note")
        assert "Superseded by Acme Chat v2" in note.inner_text()
        assert note.locator("a").get_attribute("href").endswith("chat-v2/")
        assert "| First released | 2023-05 |" not in page.content()
        assert page.locator("td", has_text="2023-05").count() == 1
        b.clean()


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_category_and_patterns_tables_fit_their_column(site, width, height):
    """No table scrolls sideways: a reader sees every column the layout keeps, at a laptop's and a phone's
    width. On a phone a category table keeps the name, size and memory; the evidence table stacks."""
    page = site.page
    page.set_viewport_size({"width": width, "height": height})
    measure = """() => [...document.querySelectorAll('article table')].map((t) => {
        const column = document.querySelector('article').getBoundingClientRect();
        const shown = [...t.querySelectorAll('thead th')]
            .filter((c) => getComputedStyle(c).display !== 'none');
        return { width: t.getBoundingClientRect().width, scroll: t.scrollWidth, column: column.width,
                 headings: shown.map((c) => c.textContent.trim()) };
    })"""
    try:
        for path in ("categories/domain/", "categories/general/", "patterns/"):
            site.goto(path)
            tables = page.evaluate(measure)
            assert tables, path
            for table in tables:
                assert table["scroll"] <= table["width"] + 1 and table["width"] <= table["column"] + 1, (
                    path,
                    table,
                )
        site.goto("categories/domain/")
        headings = page.evaluate(measure)[0]["headings"]
        if width < 600:
            assert headings == ["Model", "Size", "Memory at fp16"], headings
        else:
            assert headings == ["Model", "Focus", "Size", "Memory at fp16", "License", "Task"], headings
    finally:
        page.set_viewport_size({"width": 1280, "height": 800})
    site.clean()
