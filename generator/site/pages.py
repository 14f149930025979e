"""Catalog + Hub snapshot → the site's pages, as a mapping of path to text.

This is the pure core: no MkDocs, no network, no files written. The MkDocs adapter and
`python -m generator render --out DIR` both write what `build_pages` returns.
"""

from __future__ import annotations

import functools
import itertools
import json
import posixpath
import re
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from urllib.parse import urlencode

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..catalog.load import Catalog
from ..catalog.schema import DTYPE_BYTES, KIND_LABELS, KINDS, SUBJECTS, Finding, ModelEntry, language_name
from ..catalog.tasks import task_label
from ..hub.snapshot import HubFacts, download_bytes
from .escape import _BLOCK_START, _MARKUP_CHARS, escape_meta, escape_text, link_url
from .feed import atom_feed, newest_first
from .indexes import finder_pages
from .patterns import (
    ChartPoint,
    chart_points,
    draw_here,
    evidence_stats,
    kind_stats,
    specialist_wins,
    specialized_vs_general,
)

HUB_URL = "https://huggingface.co"
SUBJECT_LABELS = {key: label for key, (label, _words) in SUBJECTS.items()}
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
DEFAULT_REPO_URL = "https://github.com/model-atlas/model-atlas"
RECENT_PAGE_SIZE = 100


COUNT_UNITS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
BYTE_UNITS = ((1e12, " TB"), (1e9, " GB"), (1e6, " MB"), (1e3, " kB"))
"""Decimal units, as the Hub's file listings print sizes; docs/javascripts/atlas.js writes the same."""


def _scaled(n: float, units, smaller: str) -> str:
    """`n` in the largest unit it reaches, one decimal below 10 ("1.5B", "438 MB"), else `smaller`."""
    for div, unit in units:
        if n >= div:
            value = n / div
            return f"{value:.1f}{unit}" if value < 10 else f"{value:.0f}{unit}"
    return smaller


def human_count(n: int | None) -> str:
    """109482240 → "109M": sizes readers compare at a glance."""
    return "" if n is None else _scaled(n, COUNT_UNITS, str(n))


def human_bytes(n: int | None) -> str:
    """438,000,000 bytes → "438 MB"."""
    return "" if n is None else _scaled(n, BYTE_UNITS, f"{n} B")


def spread_text(spread, fmt) -> str:
    """A median and its range, "110M (87M–334M)", or a dash when nothing is known."""
    if spread.median is None:
        return "–"
    return f"{fmt(spread.median)} ({fmt(spread.low)}–{fmt(spread.high)})"


def model_page_path(model_id: str) -> str:
    return f"models/{model_id}.md"


def model_url(model_id: str) -> str:
    """The public URL of a model page, relative to the site root (part of the site's contract)."""
    return f"models/{model_id}/"


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for the clean relative paths pages use, without its two `os.getcwd()` calls.

    A 10,000-model catalog asks for ~55,000 links; anything unusual (`.`, `..`, empty or absolute parts)
    still goes through `posixpath.relpath`, so the result is the same for every input.
    """
    clean = path[:-1] if path.endswith("/") else path  # a model URL's trailing slash does not change it
    start_parts = start.split("/") if start else []
    parts = clean.split("/")
    if not clean or "" in start_parts or "" in parts or {".", ".."} & {*start_parts, *parts}:
        return posixpath.relpath(path, start)
    common = 0
    for a, b in zip(start_parts, parts, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + parts[common:]) or "."


def relative_link(from_page: str, to_page: str) -> str:
    """A Markdown link between two source pages, which MkDocs checks and rewrites to URLs."""
    return _relpath(to_page, posixpath.dirname(from_page))


def relative_url(from_page: str, to_url: str) -> str:
    """An href from the built page of `from_page` to a site URL, for links inside raw HTML blocks."""
    page_dir = posixpath.dirname(from_page) if from_page.endswith("index.md") else from_page[: -len(".md")]
    return _relpath(to_url, page_dir or ".") + "/"


@dataclass(frozen=True)
class ModelView:
    """What the templates need about one model, computed once here rather than in Jinja."""

    entry: ModelEntry
    hub: HubFacts | None
    params: int | None

    @property
    def download(self) -> int | None:
        return download_bytes(self.entry.weights, self.hub)

    @property
    def size(self) -> str:
        return human_count(self.params)

    @property
    def memory(self) -> list[tuple[str, int]]:
        """Bytes to hold the weights at each precision: what decides whether it fits a phone or a GPU."""
        if self.entry.params is None:
            return []
        return [
            (dtype, round(self.entry.params * DTYPE_BYTES[dtype])) for dtype in ("F32", "F16", "INT8", "INT4")
        ]

    @property
    def loaded(self) -> str:
        """ "438 MB (F32, as published)": the memory its weights take at the precision they ship in."""
        weights, params = self.entry.weights, self.entry.params
        if weights is None or params is None:
            return "–"
        return f"{human_bytes(round(params * DTYPE_BYTES[weights.dtype]))} ({weights.dtype}, as published)"

    @property
    def size_line(self) -> str:
        """ "109M parameters, 438 MB download": what a search result says of the model's size."""
        parts = [f"{human_count(self.params)} parameters"] if self.params else []
        if self.entry.weights:
            parts.append(f"{human_bytes(self.entry.weights.bytes)} download")
        return ", ".join(parts)

    @property
    def search_tags(self) -> str:
        """The hidden words a model is found by: kind, task, modality, domain, subjects, languages by code
        and by name (so "speech recognition spanish" finds the speech models that cover Spanish)."""
        m = self.entry
        words = [KIND_LABELS[m.kind], m.task, m.modality, m.domain]
        words += [SUBJECTS[s][0] for s in m.subjects]
        for code in m.languages or []:
            words += [code, language_name(code)]
        return " ".join(w for w in words if w)

    @property
    def language_names(self) -> list[str]:
        return [f"{language_name(code) or code} ({code})" for code in self.entry.languages or []]


# Values PyYAML writes as plain scalars, unquoted, as they are: a letter first, no `:` or `#`, ASCII, one
# space between words, not a YAML 1.1 boolean or null, and short enough not to be folded at width=1000.
_PLAIN_YAML = re.compile(r"[A-Za-z][A-Za-z0-9 .,;()/+_%=~^$@!?&*'\"<>|\[\]{}-]*")
_YAML_WORDS = frozenset(
    f(w)
    for w in ("yes", "no", "true", "false", "on", "off", "null")
    for f in (str.lower, str.title, str.upper)
)


def _plain_yaml(value: str) -> bool:
    return (
        len(value) <= 900
        and "  " not in value
        and not value.endswith(" ")
        and value not in _YAML_WORDS
        and _PLAIN_YAML.fullmatch(value) is not None
    )


def _front_matter(title: str, description: str) -> Markup:
    title, description = escape_meta(title), escape_meta(description)
    if _plain_yaml(title) and _plain_yaml(description):
        # What yaml.safe_dump below writes for such values, at a fraction of its cost (10,000 pages).
        meta = f"title: {title}\ndescription: {description}\n"
    else:
        meta = yaml.safe_dump(
            {"title": title, "description": description}, allow_unicode=True, sort_keys=False, width=1000
        )
    return Markup(f"---\n{meta}---\n")


# A value escape_text would return unchanged: no markup character, and whitespace already single spaces.
_NEEDS_ESCAPE = re.compile(
    "[" + re.escape(_MARKUP_CHARS) + r"]|[^\S ]|\s\s|^\s|\s$|^(?:" + _BLOCK_START.pattern + ")"
)


def _cell(value: object) -> str:
    """A value as `{{ value }}` prints it in a template: what Python-written table rows use."""
    return str(_finalize(value))


def _finalize(value: object) -> object:
    """escape_text, skipped for the plain strings that most values are (680,000 of them for 10,000 models).

    Jinja only prints what this returns, so the plain string is output exactly as escape_text's Markup.
    """
    if type(value) is str and value and _NEEDS_ESCAPE.search(value) is None:
        return value
    return escape_text(value)


@functools.cache
def _environment() -> Environment:
    """One environment per process: Jinja compiles each template once, and recompiles it only when its
    file changes (auto_reload), so a preview rebuild does not pay for compiling them again."""
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=False,  # `finalize` escapes every value for Markdown and HTML at once; see site/escape.py
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["url"] = link_url
    env.filters["count"] = human_count
    env.filters["bytes"] = human_bytes
    env.filters["thousands"] = lambda n: "" if n is None else f"{n:,}"
    env.filters["plural"] = lambda n, word: f"{n} {word}" if n == 1 else f"{n} {word}s"
    env.filters["spread_count"] = lambda s: spread_text(s, lambda v: human_count(round(v)))
    env.filters["spread_bytes"] = lambda s: spread_text(s, lambda v: human_bytes(round(v)))
    env.filters["spread_plain"] = lambda s: spread_text(s, lambda v: f"{v:g}")
    env.filters["first_sentence"] = lambda text: text.split(". ")[0].rstrip(".") + "."
    return env


class SiteRenderer:
    """Renders every page of one catalog; holds the lookups the pages share."""

    def __init__(
        self,
        catalog: Catalog,
        hub: dict[str, HubFacts] | None = None,
        repo_url: str = DEFAULT_REPO_URL,
    ):
        self.catalog = catalog
        self.hub = hub or {}
        self.repo_url = repo_url.rstrip("/")
        self.env = _environment()
        self.views = {
            mid: ModelView(
                entry=m,
                hub=self.hub.get(mid),
                params=m.params if m.params is not None else getattr(self.hub.get(mid), "params", None),
            )
            for mid, m in catalog.models.items()
        }
        # Computed both ways, never typed twice: a base model's page lists what was built on it, and a
        # general model's page the specialists that name it as their fallback.
        self.built_on: dict[str, list[str]] = {}
        for mid in sorted(catalog.models, key=str.lower):
            entry = catalog.models[mid]
            if entry.base_model and entry.base_model.id in catalog.models:
                self.built_on.setdefault(entry.base_model.id, []).append(mid)
        self.specialists_of = catalog.specialists_naming
        self.findings_by_model: dict[str, list[Finding]] = {}
        for finding in catalog.findings:
            for mid in finding.models:
                self.findings_by_model.setdefault(mid, []).append(finding)

    def fragment(self, key: tuple, model_id: str, make: Callable[[], str]) -> str:
        """A piece of an index page that shows one model only (a table row, a JSON record), by `make`.

        A method of its own, like `model_page` and `chart`, so that the preview (preview/build.py) can keep
        the pieces of models an edit did not touch: an edit then re-renders a few rows, not 10,000."""
        return make()

    def chart(self, points: list[ChartPoint], draw_chart: Callable[[list[ChartPoint]], Future[str]]):
        """The patterns chart of these points, as a future: it may be drawn in another process."""
        return draw_chart(points)

    def pages(
        self,
        site_url: str = DEFAULT_SITE_URL,
        draw_chart: Callable[[list[ChartPoint]], Future[str]] = draw_here,
    ) -> dict[str, str]:
        """Every generated page of the site, path → content (see `build_pages`)."""
        points = chart_points(list(self.views.values()))
        chart = self.chart(points, draw_chart)
        catalog = self.catalog
        pages = {
            "index.md": self.home_page(),
            "categories/index.md": self.categories_index(),
            "findings/index.md": self.findings_page(),
            "api/models.json": self.models_json(),
            "patterns/index.md": self.patterns_page(chart="breadth.svg", points=points),
            "recent/index.md": self.recent_page(),
            "feed.xml": atom_feed(catalog.models.values(), site_url),
            **finder_pages(catalog, self.hub, self.fragment),
        }
        for kind in KINDS:
            pages[f"categories/{kind}.md"] = self.category_page(kind)
        for model_id in catalog.models:
            pages[model_page_path(model_id)] = self.model_page(model_id)
        pages["patterns/breadth.svg"] = chart.result()
        return pages

    def _render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(
            kinds=KINDS,
            kind_labels=KIND_LABELS,
            subject_labels=SUBJECT_LABELS,
            categories=self.catalog.categories,
            **context,
        )

    def model_page(self, model_id: str) -> str:
        view = self.views[model_id]
        page = model_page_path(model_id)
        entry = view.entry
        related = entry.alternatives if entry.specialized else self.specialists_of.get(model_id, [])
        alternatives = [(self.views[a], relative_link(page, model_page_path(a))) for a in related]
        chosen = self.catalog.general_fallbacks.get(model_id) if entry.specialized else None
        fallback = (
            (
                self.views[chosen.model_id],
                relative_link(page, model_page_path(chosen.model_id)),
                chosen.reason,
            )
            if chosen
            else None
        )
        successor = (
            (self.views[entry.superseded_by], relative_link(page, model_page_path(entry.superseded_by)))
            if entry.superseded_by in self.views
            else None
        )
        base = entry.base_model
        base_link = relative_link(page, model_page_path(base.id)) if base and base.id in self.views else None
        evidence = [
            (
                result,
                self.views.get(result.compared_with.model) if result.compared_with else None,
                relative_link(page, model_page_path(result.compared_with.model))
                if result.compared_with and result.compared_with.model
                else None,
            )
            for result in entry.evidence
        ]
        beaten_by = [
            (self.views[mid], relative_link(page, model_page_path(mid)), result)
            for mid in self.specialists_of.get(model_id, [])
            for result in self.views[mid].entry.evidence
            if result.compared_with and result.compared_with.model == model_id and specialist_wins(result)
        ]
        return self._render(
            "model.md.j2",
            front=_front_matter(view.entry.name, view.entry.summary),
            m=view.entry,
            view=view,
            hub=view.hub,
            hub_url=f"{HUB_URL}/{model_id}",
            category=getattr(self.catalog.categories, view.entry.kind),
            category_link=relative_link(page, f"categories/{view.entry.kind}.md"),
            alternatives=alternatives,
            compare_ids=[model_id, *related[:3]],
            job=task_label(entry.task).lower() if entry.task else None,
            fallback=fallback,
            base_link=base_link,
            successor=successor,
            built_on=[
                (self.views[b], relative_link(page, model_page_path(b)))
                for b in self.built_on.get(model_id, [])
            ],
            evidence=evidence,
            beaten_by=beaten_by,
            findings=self.findings_by_model.get(model_id, []),
            findings_link=relative_link(page, "findings/index.md"),
            edit_url=f"{self.repo_url}/edit/main/catalog/models/{model_id}.yaml",
            report_url=f"{self.repo_url}/issues/new?"
            + urlencode(
                {"template": "report-fact.yml", "title": f"Wrong fact: {model_id}", "model_id": model_id}
            ),
        )

    def category_page(self, kind: str) -> str:
        page = f"categories/{kind}.md"
        category = getattr(self.catalog.categories, kind)
        rows = [
            self.fragment(
                ("category", m.id),
                m.id,
                lambda m=m: self._render(
                    "category_row.html.j2",
                    view=self.views[m.id],
                    href=relative_url(page, model_url(m.id)),
                ).strip(),
            )
            for m in self.catalog.by_kind(kind)
        ]
        return self._render(
            "category.md.j2",
            front=_front_matter(category.title, category.description),
            kind=kind,
            category=category,
            count=len(rows),
            rows=Markup("\n".join(rows)),  # joined here: one value for Jinja, not thousands
        )

    def categories_index(self) -> str:
        counts = {k: len(self.catalog.by_kind(k)) for k in KINDS}
        return self._render(
            "categories.md.j2", front=_front_matter("Categories", "The five kinds of model."), counts=counts
        )

    def home_page(self) -> str:
        counts = {k: len(self.catalog.by_kind(k)) for k in KINDS}
        return self._render(
            "home.md.j2",
            front=_front_matter("Model Atlas", "AI models catalogued by how specialized they are."),
            counts=counts,
            total=len(self.catalog.models),
            findings=len(self.catalog.findings),
        )

    def findings_page(self) -> str:
        page = "findings/index.md"
        findings = [
            (f, [(self.views[mid], relative_link(page, model_page_path(mid))) for mid in f.models])
            for f in self.catalog.findings
        ]
        return self._render(
            "findings.md.j2",
            front=_front_matter(
                "Research findings", "What research says about small specialized models, with sources."
            ),
            findings=findings,
        )

    def recent_page(self) -> str:
        page = "recent/index.md"
        rows = [
            (e, relative_link(page, model_page_path(e.id)))
            for e in newest_first(self.catalog.models.values(), RECENT_PAGE_SIZE)
        ]
        return self._render(
            "recent.md.j2",
            front=_front_matter("Recently added", "The newest models in the catalog, newest first."),
            rows=rows,
        )

    def patterns_page(self, chart: str, points: list[ChartPoint] | None = None) -> str:
        """`points`: the chart's points, when the caller has computed them already for the chart.

        The two long tables (the chart's data, one row per model; the comparisons, a few rows per
        specialist) are written here, row by row as the template's cells would print them, and kept as
        per-model pieces: a preview rebuild redoes only the rows of the models an edit touched."""
        views = list(self.views.values())
        points = chart_points(views) if points is None else points
        evidence = evidence_stats(self.views)
        chart_rows = (
            self.fragment(("chart-row", p.model_id), p.model_id, lambda p=p: self._chart_row(p))
            for p in points
        )
        comparison_rows = (
            self.fragment(("comparisons", mid), mid, lambda rows=list(rows): self._comparison_rows(rows))
            for mid, rows in itertools.groupby(evidence.comparisons, key=lambda c: c.specialist.entry.id)
        )
        return self._render(
            "patterns.md.j2",
            front=_front_matter(
                "Specialization patterns",
                "How size, breadth and kind relate across the "
                "catalog, computed from its entries at build time.",
            ),
            by_kind=kind_stats(views),
            sides=specialized_vs_general(views),
            points=points,
            chart_rows=Markup("\n".join(chart_rows)),
            missing=len(views) - len(points),
            chart=chart,
            evidence=evidence,
            comparison_rows=Markup("\n".join(comparison_rows)),
        )

    @staticmethod
    def _patterns_link(model_id: str) -> str:
        return relative_link("patterns/index.md", model_page_path(model_id))

    def _chart_row(self, p: ChartPoint) -> str:
        cell, link = _cell, self._patterns_link(p.model_id)
        size = cell(human_count(p.params))
        return f"    | [{cell(p.name)}]({link}) | {cell(p.kind)} | {size} | {cell(p.breadth)} |"

    def _comparison_rows(self, comparisons: list) -> str:
        cell, rows = _cell, []
        for c in comparisons:
            r, s = c.result, c.specialist.entry
            metric = f"{cell(r.metric)}{' (lower is better)' if r.lower_is_better else ''}"
            if c.general:
                general = f"[{cell(c.general.entry.name)}]({self._patterns_link(c.general.entry.id)})"
            else:
                general = cell(r.compared_with.name or r.compared_with.model)
            better = "specialist" if c.wins else "general"
            rows.append(
                f"| [{cell(s.name)}]({self._patterns_link(s.id)}) | {cell(r.benchmark)} | {metric} "
                f"| {cell(r.value)} | {general} | {cell(r.compared_with.value)} | {better} |"
            )
        return "\n".join(rows)

    def _json_record(self, mid: str) -> str:
        view = self.views[mid]
        # pydantic writes each record's JSON itself (in Rust), the same text as json.dumps of
        # model_dump(mode="json") at a third of the cost; url and hub are appended as its last keys.
        entry = view.entry.model_dump_json(exclude_none=True)
        hub = view.hub.model_dump_json(exclude_none=True) if view.hub else "null"
        url = json.dumps(model_url(mid), ensure_ascii=False)
        return f'{entry[:-1]},"url":{url},"hub":{hub}}}'

    def models_json(self) -> str:
        """`api/models.json`: curated fields, kind and Hub facts of every model, for other tools."""
        records = [
            self.fragment(("json", mid), mid, lambda mid=mid: self._json_record(mid))
            for mid in sorted(self.catalog.models, key=str.lower)
        ]
        # One model per line: diffable.
        head = json.dumps({"schema": "schema/model.schema.json", "count": len(records)}, ensure_ascii=False)
        lines = ",\n".join(records)
        return f'{head[:-1]}, "models": [\n{lines}\n]}}\n'


def build_pages(
    catalog: Catalog,
    hub: dict[str, HubFacts] | None = None,
    site_url: str = DEFAULT_SITE_URL,
    repo_url: str = DEFAULT_REPO_URL,
    draw_chart: Callable[[list[ChartPoint]], Future[str]] = draw_here,
) -> dict[str, str]:
    """Every generated page of the site, path → content. Paths are the site's public contract.

    `site_url` is only needed where links must be absolute (the Atom feed); `repo_url` is the GitHub
    repository that "Edit" and "Report a problem" links point to. `draw_chart` may draw the chart
    elsewhere (the second process, site/workers.py) while the pages render here.
    """
    return SiteRenderer(catalog, hub, repo_url).pages(site_url, draw_chart)
