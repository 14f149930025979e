"""The compact indexes behind the finder (`finder/`) and the comparison page (`compare/`).

Both pages run in the reader's browser with no server, so they read JSON generated here at build time
rather than the full `api/models.json`, which carries every curated field and Hub fact and grows with the
catalog. The data is split in two files by who needs it:

- `api/finder.json`: one short record per model, with exactly what the finder filters, ranks and shows in
  a result's first lines. At 10,000 models it must stay under 1 MB compressed (bench/finder.py).
- `api/compare.json`: what is read on demand: each model's `scope` (the longest curated text, up to 600
  characters), what it is not for, its alternatives, weights, lineage and evidence, and the findings with
  the models they concern. The comparison fetches both files; the finder fetches this one only when a
  reader opens a result's details.

Curated values win; a missing curated task, license, language list or parameter count falls back to the
Hub snapshot. Hub values are untrusted text: a Hub pipeline tag, license or language code that does not
match the schema's pattern is dropped rather than offered as a filter. Every string remains untrusted:
the pages' scripts put it into the DOM as text, never as markup.

Keys of a model record in `api/finder.json` (absent when unknown):

    i   id                     k   kind                 t   task (pipeline tag)
    n   name                   f   focus                m   modality
    d   domain                 l   languages
    c   license                p   parameters           b   download size: weights bytes, else Hub storage
    g   gated (Hub, boolean)   dl  downloads (Hub)      lk  likes (Hub)
    h   Hub snapshot date      j   subjects (niche)     r   runtimes
    e   1 when its evidence beats a general model on its own benchmark
    u   tuning of a generative model (base, instruct, chat, task)
    o   other tasks whose need it answers, by the task families of generator/data/tasks.yaml
    w   for a general model, the tasks it does out of the box by the covering table (`covered_by`)
    rl  first release (YYYY-MM; the entry's `released`, else the month its Hub repository was created)
    sb  the catalog id that supersedes it
    q   int4 or int8 when its weights ship quantized (counted at that precision when the finder's is higher)
    lc  for a general model of a fixed-label task, the subjects its labels cover; ol 1 when it takes
        labels at run time

The index also carries what the pages' scripts would otherwise write a second time, the vocabulary of
generator/catalog/vocabulary.py: the kinds' labels (`kinds`), the subject vocabulary (`subjects`: id →
[label, words a reader may type, 1 when it is what a model outputs]), the task labels (`tasks`), the
sentence box's word table (`words`, generator/data/words.yaml), the generative and fixed-label tasks, the
finder's fixed menus (`menus`: select name → [value, label] pairs), the bytes per parameter at each
precision (`precision`, the first the default) and the devices a reader may prefer builds for (`prefer`);
and a name and the words that name it for every language a model lists (`languages`: code → [name,
words], generator/catalog/languages.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from ..catalog.languages import language_name, language_words
from ..catalog.load import Catalog
from ..catalog.schema import ModelEntry
from ..catalog.tasks import covered_tasks, family_tasks
from ..catalog.vocabulary import browser_vocabulary
from ..hub.snapshot import HubFacts, download_bytes
from .patterns import specialist_wins

FINDER_INDEX = "api/finder.json"
COMPARE_INDEX = "api/compare.json"
INDEX_VERSION = 1

_PIPELINE_TAG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_LICENSE = re.compile(r"^[a-z0-9][a-z0-9.+-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


def _valid(value: str | None, pattern: re.Pattern, max_length: int = 60) -> str | None:
    return value if isinstance(value, str) and len(value) <= max_length and pattern.match(value) else None


def _hub_languages(hub: HubFacts | None) -> list[str]:
    return [code for code in (hub.languages if hub else []) if _valid(code, _LANGUAGE, 12)]


def _languages(entry: ModelEntry, hub: HubFacts | None) -> list[str]:
    """The curated languages, else the Hub's checked ones: what the record lists and the index names."""
    return list(entry.languages) if entry.languages else _hub_languages(hub)


def finder_record(entry: ModelEntry, hub: HubFacts | None) -> dict:
    """One model's record: curated values first, the Hub snapshot where the entry says nothing."""
    record: dict = {
        "i": entry.id,
        "n": entry.name,
        "k": entry.kind,
        "f": entry.focus,
        "d": entry.domain,
        "t": entry.task or _valid(hub and hub.pipeline_tag, _PIPELINE_TAG),
        "m": entry.modality,
        "l": _languages(entry, hub) or None,
        "c": entry.license or _valid(hub and hub.license, _LICENSE),
        "p": entry.params if entry.params is not None else (hub.params if hub else None) or None,
        "b": download_bytes(entry.weights, hub),
    }
    if hub is not None:
        record.update(
            {
                "g": None if hub.gated is None else bool(hub.gated),
                "dl": hub.downloads,
                "lk": hub.likes,
                "h": hub.as_of,
            }
        )
    record["j"] = list(entry.subjects) or None
    record["r"] = list(entry.runtimes) if entry.runtimes else None
    record["u"] = entry.tuning
    record["o"] = family_tasks(entry) or None
    record["w"] = (covered_tasks(entry) or None) if entry.kind == "general" else None
    record["lc"] = list(entry.labels_cover) or None
    record["ol"] = 1 if entry.open_labels else None
    # The curated first release; without one, the month the repository appeared on the Hub.
    record["rl"] = entry.released or (hub.on_hub_since if hub else None)
    record["sb"] = entry.superseded_by
    record["q"] = {"INT4": "int4", "INT8": "int8"}.get(entry.weights.dtype) if entry.weights else None
    wins = any(r.compared_with and specialist_wins(r) for r in entry.evidence)
    record["e"] = 1 if wins else None
    return {key: value for key, value in record.items() if value is not None}


def _compact(value) -> str:
    # Compact: the browser downloads this on every visit to the finder.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def _fresh(key: tuple, model_id: str, make: Callable[[], str]) -> str:
    return make()


Fragment = Callable[[tuple, str, Callable[[], str]], str]
"""How a caller supplies one model's piece of an index: made fresh (a build), or kept from the previous
preview rebuild when that model did not change (render.SiteRenderer.fragment)."""


def finder_index(
    catalog: Catalog, hub: dict[str, HubFacts] | None = None, fragment: Fragment = _fresh
) -> str:
    """`api/finder.json`: every model, sorted by id, with the kinds' labels the pages print."""
    hub = hub or {}
    ids = sorted(catalog.models, key=str.lower)
    codes = sorted({code for mid in ids for code in _languages(catalog.models[mid], hub.get(mid))})
    head = _compact(
        {
            "v": INDEX_VERSION,
            **browser_vocabulary(),
            "languages": {code: [language_name(code) or code, list(language_words(code))] for code in codes},
            "count": len(ids),
        }
    )
    records = ",".join(
        fragment(
            ("finder", mid), mid, lambda mid=mid: _compact(finder_record(catalog.models[mid], hub.get(mid)))
        )
        for mid in ids
    )
    return f'{head[:-1]},"models":[{records}]}}\n'


def _compare_facts(entry: ModelEntry, named_by: list[str]) -> dict:
    """What the comparison, and a finder result opened on demand, show beyond the finder's record: what it
    is not for, its alternatives (for a general model, the specialists that name it), weights, lineage and
    evidence on the niche."""
    facts: dict = {"x": list(entry.not_for)}
    alternatives = list(entry.alternatives) if entry.specialized else list(named_by)
    if alternatives:
        facts["a"] = alternatives
    if entry.weights:
        facts["w"] = [entry.weights.bytes, entry.weights.format, entry.weights.dtype]
    if entry.params_estimated:
        facts["pe"] = True
    if entry.base_model:
        facts["b"] = [entry.base_model.id, entry.base_model.relation]
    if entry.evidence:
        facts["e"] = [
            [
                r.benchmark,
                r.metric,
                r.value,
                r.lower_is_better,
                (r.compared_with.model or r.compared_with.name) if r.compared_with else None,
                r.compared_with.value if r.compared_with else None,
            ]
            for r in entry.evidence
        ]
    return facts


def compare_index(catalog: Catalog, fragment: Fragment = _fresh) -> str:
    """`api/compare.json`: each model's scope, not-for, alternatives, weights, lineage and evidence, and the
    findings with the models they concern."""
    ids = sorted(catalog.models, key=str.lower)
    named_by = catalog.specialists_naming

    def pair(mid: str, value) -> str:
        return f"{_compact(mid)}:{_compact(value)}"

    scopes = ",".join(
        fragment(("scope", mid), mid, lambda mid=mid: pair(mid, catalog.models[mid].scope)) for mid in ids
    )
    facts = ",".join(
        fragment(
            ("facts", mid),
            mid,
            lambda mid=mid: pair(mid, _compare_facts(catalog.models[mid], named_by.get(mid, []))),
        )
        for mid in ids
    )
    findings = _compact(
        [
            {"id": f.id, "title": f.title, "models": [m for m in f.models if m in catalog.models]}
            for f in catalog.findings
        ]
    )
    return f'{{"v":{INDEX_VERSION},"scope":{{{scopes}}},"facts":{{{facts}}},"findings":{findings}}}\n'


def finder_pages(
    catalog: Catalog, hub: dict[str, HubFacts] | None = None, fragment: Fragment = _fresh
) -> dict[str, str]:
    """Both indexes, path → content, for `render.build_pages`."""
    return {
        FINDER_INDEX: finder_index(catalog, hub, fragment),
        COMPARE_INDEX: compare_index(catalog, fragment),
    }
