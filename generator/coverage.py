"""How well the catalog answers the needs readers bring: `python -m generator coverage`.

Counts, from the entries alone, the general models and specialists for each pipeline task readers ask for,
the languages that have specialists for each language-bearing task, and the models per kind and per
domain subject, each against the catalog's growth targets, so that the gaps are a printed table rather
than a guess.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .catalog import Catalog
from .schema import KINDS

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

    @property
    def met(self) -> bool:
        return self.have >= self.want


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
    return rows


def coverage_table(rows: list[Row]) -> str:
    lines = ["| Need | Have | Target | Met |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {r.label} | {r.have} | {r.want} | {'yes' if r.met else 'no'} |" for r in rows]
    met = sum(r.met for r in rows)
    return "\n".join([*lines, "", f"{met} of {len(rows)} targets met"])
