"""How well the catalog answers the needs readers bring: `python -m generator coverage`.

Counts, from the entries alone, the general models and specialists for each pipeline task readers ask for,
the languages that have specialists for each language-bearing task, and the models per kind and per
domain subject, each against the catalog's growth targets, so that the gaps are a printed table rather
than a guess.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from ..catalog.load import Catalog
from ..catalog.runtimes import device_runtimes
from ..catalog.schema import KINDS, ModelEntry
from ..catalog.tasks import TASKS as TASK_TABLE
from ..catalog.tasks import family_tasks
from ..catalog.yamlfile import Strict, read_data_table

CELLS_FILE = Path(__file__).parent.parent / "data" / "coverage.yaml"

TASKS = (
    "text-classification",
    "token-classification",
    "question-answering",
    "summarization",
    "translation",
    "text-generation",
    "fill-mask",
    "sentence-similarity",
    "zero-shot-classification",
    "automatic-speech-recognition",
    "text-to-speech",
    "audio-classification",
    "image-classification",
    "object-detection",
    "image-segmentation",
    "depth-estimation",
    "image-to-text",
    "zero-shot-image-classification",
    "image-text-to-text",
)
LANGUAGE_TASKS = (
    "automatic-speech-recognition",
    "translation",
    "text-classification",
    "token-classification",
    "text-generation",
)
DOMAINS = (
    "finance",
    "biomedical",
    "clinical",
    "legal",
    "science",
    "code",
    "chemistry",
    "geospatial",
    "documents",
    "social-media",
)
TARGETS = {"entries": 250, "per_kind": 40, "general": 1, "specialists": 2, "languages": 5, "platform": 40}


@dataclass(frozen=True)
class Row:
    label: str
    have: int
    want: int
    thin: str | None = None
    """Why fewer is all there is (a cell of generator/data/coverage.yaml): reported, not failed."""
    cell: bool = False

    @property
    def met(self) -> bool:
        return self.have >= self.want


def answered_subjects(m: ModelEntry) -> set[str]:
    """The niches an entry answers: a specialist's subjects, or the niches a general model's own label set
    covers (an AudioSet tagger's sound events and music), as the finder's fallbacks read them."""
    return set(m.subjects) | set(m.labels_cover)


class Cell(Strict):
    """A need the catalog should answer several ways (generator/data/coverage.yaml explains the keys)."""

    label: str = Field(min_length=1, max_length=80)
    task: list[str] = Field(default_factory=list)
    subjects: list[str] = Field(default_factory=list)
    modality: str | None = None
    language: str | None = None
    multilingual: bool = False
    max_params: int | None = None
    min_params: int | None = None
    int4_gb: list[float] | None = Field(default=None, min_length=2, max_length=2)
    tuning: list[str] = Field(default_factory=list)
    device: Literal["cpu", "phone"] | None = None
    min: int = Field(default=3, ge=1)
    thin: str | None = None

    def answers(self, m: ModelEntry) -> bool:
        if self.task and not ({m.task, *family_tasks(m)} & set(self.task)):
            return False
        # Labels given at run time answer any niche, but only of a task the cell names (GLiNER's entity
        # types are not sound events).
        open_niche = m.open_labels and bool(self.task)
        if self.subjects and not (open_niche or answered_subjects(m) & set(self.subjects)):
            return False
        if self.modality and m.modality != self.modality:
            return False
        languages = m.languages or []
        if self.language and self.language not in languages:
            return False
        if self.multilingual and len(languages) < 10:
            return False
        if (self.max_params or self.min_params or self.int4_gb) and m.params is None:
            return False
        if self.max_params is not None and m.params > self.max_params:
            return False
        if self.min_params is not None and m.params <= self.min_params:
            return False
        if self.int4_gb and not (self.int4_gb[0] * 1e9 < m.params * 0.5 <= self.int4_gb[1] * 1e9):
            return False
        if self.tuning and m.tuning not in self.tuning:
            return False
        return not self.device or bool(set(m.runtimes or ()) & set(device_runtimes()[self.device]))


class CellTable(Strict):
    cells: list[Cell]

    @model_validator(mode="after")
    def _known_tasks(self) -> CellTable:
        for cell in self.cells:
            unknown = [t for t in cell.task if t not in TASK_TABLE]
            if unknown:
                raise ValueError(f"cell '{cell.label}': unknown task {', '.join(unknown)}")
        return self


def cells(path: Path = CELLS_FILE) -> list[Cell]:
    return read_data_table(path, CellTable).cells


def cell_rows(catalog: Catalog, table: list[Cell] | None = None) -> list[Row]:
    """Each cell of the coverage table with the entries that answer it."""
    models = list(catalog.models.values())
    return [
        Row(cell.label, sum(cell.answers(m) for m in models), cell.min, cell.thin, cell=True)
        for cell in (cells() if table is None else table)
    ]


def failing(rows: list[Row]) -> list[Row]:
    """The cells below their minimum with no stated reason: what makes the command fail."""
    return [r for r in rows if r.cell and not r.met and not r.thin]


def coverage(catalog: Catalog) -> list[Row]:
    models = list(catalog.models.values())
    rows = [Row("entries", len(models), TARGETS["entries"])]
    kinds = Counter(m.kind for m in models)
    rows += [Row(f"kind {kind}", kinds[kind], TARGETS["per_kind"]) for kind in KINDS]
    for task in TASKS:
        on_task = [m for m in models if m.task == task]
        rows.append(Row(f"{task}: general", sum(not m.specialized for m in on_task), TARGETS["general"]))
        rows.append(Row(f"{task}: specialists", sum(m.specialized for m in on_task), TARGETS["specialists"]))
    for task in LANGUAGE_TASKS:
        languages = {
            code
            for m in models
            if m.kind == "language" and m.task == task
            for code in (m.languages or [])
            if code != "en"
        }
        rows.append(Row(f"{task}: languages with a specialist (besides English)", len(languages), 5))
    subjects = Counter(s for m in models if m.specialized for s in m.subjects)
    rows += [Row(f"subject {domain}", subjects[domain], 2) for domain in DOMAINS]
    return rows + cell_rows(catalog)


def coverage_table(rows: list[Row]) -> str:
    lines = ["| Need | Have | Target | Met |", "| --- | ---: | ---: | --- |"]
    for r in rows:
        verdict = "yes" if r.met else f"thin: {r.thin}" if r.thin else "no"
        lines.append(f"| {r.label} | {r.have} | {r.want} | {verdict} |")
    met = sum(r.met for r in rows)
    short = failing(rows)
    summary = f"{met} of {len(rows)} targets met; cells of generator/data/coverage.yaml below their minimum"
    summary += f" with no stated reason: {len(short)}"
    return "\n".join([*lines, "", summary])
