"""Specialization patterns computed from the catalog at build time, never typed by hand.

The tables and the chart on the patterns page change whenever an entry does, so the evidence for
"smaller is narrower" is always the catalog's own.
"""

from __future__ import annotations

import io
import statistics
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass

from ..catalog.schema import KINDS

# Okabe–Ito colours (readable with colour-vision deficiencies), plus one marker per kind so the chart
# does not rely on colour alone.
KIND_STYLE = {
    "task": ("#E69F00", "o"),
    "domain": ("#56B4E9", "s"),
    "language": ("#009E73", "^"),
    "platform": ("#CC79A7", "D"),
    "general": ("#0072B2", "P"),
}


@dataclass(frozen=True)
class Spread:
    """Median and range of a measure over the models that have it."""

    n: int
    median: float | None
    low: float | None
    high: float | None

    @classmethod
    def of(cls, values: Iterable[float | None]) -> Spread:
        known = sorted(v for v in values if v is not None)
        if not known:
            return cls(0, None, None, None)
        return cls(len(known), statistics.median(known), known[0], known[-1])


@dataclass(frozen=True)
class GroupStats:
    """One row of the patterns tables: a kind, or all specialized or all general models."""

    label: str
    count: int
    params: Spread
    download: Spread
    languages: Spread


@dataclass(frozen=True)
class ChartPoint:
    """One model on the chart: size against breadth."""

    model_id: str
    name: str
    kind: str
    params: int
    breadth: int


def breadth(view) -> int:
    """How broad a model is: the number of languages it serves (curated, else Hub), at least 1."""
    languages = view.entry.languages or (view.hub.languages if view.hub else None) or []
    return max(1, len(languages))


def _group(label: str, views: list) -> GroupStats:
    return GroupStats(
        label=label,
        count=len(views),
        params=Spread.of(v.params for v in views),
        download=Spread.of(v.download for v in views),
        languages=Spread.of(len(v.entry.languages) if v.entry.languages else None for v in views),
    )


def kind_stats(views: list) -> list[GroupStats]:
    return [_group(kind, [v for v in views if v.entry.kind == kind]) for kind in KINDS]


def specialized_vs_general(views: list) -> list[GroupStats]:
    return [
        _group("specialized", [v for v in views if v.entry.specialized]),
        _group("general", [v for v in views if not v.entry.specialized]),
    ]


def specialist_wins(result) -> bool:
    """Whether the specialist's own figure beats the general model's on the same benchmark."""
    other = result.compared_with.value
    return result.value < other if result.lower_is_better else result.value > other


@dataclass(frozen=True)
class Comparison:
    """A specialist's result beside a general model's, on the specialist's own benchmark."""

    specialist: object  # ModelView
    result: object  # schema.Result
    general: object | None  # ModelView, when the general model is in the catalog
    wins: bool
    size_ratio: float | None  # general params ÷ specialist params, when both are known


@dataclass(frozen=True)
class EvidenceStats:
    """How often specialists beat general models on their niche, and how much smaller they are."""

    comparisons: list[Comparison]
    wins: int
    size_ratio: Spread


def evidence_stats(views: dict) -> EvidenceStats:
    """Every specialist result that has a general model's score beside it, from the entries' `evidence`."""
    found = []
    for view in views.values():
        if not view.entry.specialized:
            continue
        for result in view.entry.evidence:
            if result.compared_with is None:
                continue
            general = views.get(result.compared_with.model) if result.compared_with.model else None
            ratio = None
            if general is not None and general.params and view.params:
                ratio = general.params / view.params
            found.append(Comparison(view, result, general, specialist_wins(result), ratio))
    found.sort(key=lambda c: (c.specialist.entry.id.lower(), c.result.benchmark))
    return EvidenceStats(found, sum(c.wins for c in found), Spread.of(c.size_ratio for c in found))


def chart_points(views: list) -> list[ChartPoint]:
    points = [
        ChartPoint(v.entry.id, v.entry.name, v.entry.kind, v.params, breadth(v)) for v in views if v.params
    ]
    return sorted(points, key=lambda p: (p.kind, p.params, p.model_id))


def _short(x: float) -> str:
    for div, unit in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if x >= div:
            return f"{x / div:g}{unit}"
    return f"{x:g}"


def import_matplotlib():
    """matplotlib's object API, without pyplot: no global figure state, and a fifth of the import time."""
    import matplotlib
    from matplotlib import ticker
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    return matplotlib, ticker, Figure, FigureCanvasSVG


def breadth_chart_svg(points: list[ChartPoint]) -> str:
    """Parameter count (log) against breadth, one mark per model, drawn as a reproducible SVG."""
    matplotlib, ticker, Figure, FigureCanvasSVG = import_matplotlib()

    with matplotlib.rc_context(
        {"svg.hashsalt": "model-atlas", "svg.fonttype": "none", "font.size": 10, "axes.titlesize": 11}
    ):
        fig = Figure(figsize=(7.5, 4.2))
        FigureCanvasSVG(fig)
        ax = fig.subplots()
        for kind in KINDS:
            mine = [p for p in points if p.kind == kind]
            if not mine:
                continue
            colour, marker = KIND_STYLE[kind]
            ax.scatter(
                [p.params for p in mine],
                [p.breadth for p in mine],
                c=colour,
                marker=marker,
                s=36,
                alpha=0.85,
                edgecolors="#333333",
                linewidths=0.4,
                label=f"{kind} ({len(mine)})",
                gid=f"marks-{kind}",
            )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda y, _: f"{y:g}"))
        ax.set_ylim(bottom=0.7)
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: _short(x)))
        ax.set_xlabel("Parameters (log scale)")
        ax.set_ylabel("Languages served (log scale)")
        ax.grid(True, which="major", alpha=0.3)
        if points:
            ax.legend(title="Kind", loc="upper left", fontsize=8, title_fontsize=9, frameon=True)
        # Fixed margins, as tight_layout finds them for these labels, without its extra drawing pass.
        fig.subplots_adjust(left=0.095, right=0.975, bottom=0.14, top=0.965)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def draw_here(points: list[ChartPoint]) -> Future[str]:
    """Draw the chart in this process (what `build_pages` does unless given a worker)."""
    done: Future[str] = Future()
    done.set_result(breadth_chart_svg(points))
    return done
