"""`python -m generator new ORG/NAME`: start a catalog entry from what the Hub knows.

The Hub can say what a model is (task, license, languages, size); only a person can say what it is for and
not for. So the facts are filled in and the judgement fields are left as marked placeholders that fail
validation (an empty value, `kind: TODO`, `alternatives: [TODO]`) until someone writes them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
from pathlib import Path

from .catalog.load import CatalogInvalid, load_catalog
from .catalog.schema import KINDS, MODEL_ID_PATTERN
from .hub.client import DEFAULT_ENDPOINT, HubSettings, RetryPolicy, fetch_facts
from .hub.pull import WINDOW, RequestBudget, catalog_ids
from .hub.snapshot import HubFacts, write_snapshot

MODALITY_BY_TASK = {
    "text": (
        "text-classification token-classification fill-mask question-answering summarization translation "
        "text-generation text2text-generation feature-extraction sentence-similarity "
        "zero-shot-classification table-question-answering"
    ),
    "vision": (
        "image-classification object-detection image-segmentation depth-estimation image-feature-extraction"
    ),
    "audio": "automatic-speech-recognition audio-classification text-to-speech text-to-audio",
    "multimodal": (
        "image-text-to-text image-to-text visual-question-answering document-question-answering "
        "zero-shot-image-classification any-to-any"
    ),
    "tabular": "tabular-classification tabular-regression",
}
_MODALITY = {task: modality for modality, tasks in MODALITY_BY_TASK.items() for task in tasks.split()}
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
_TAG = re.compile(r"^[a-z0-9][a-z0-9.+-]*$")


class ScaffoldError(Exception):
    """The entry was not created; the message says why."""


def entry_path(root: Path, model_id: str) -> Path:
    return Path(root) / "catalog" / "models" / f"{model_id}.yaml"


def _existing(root: Path, model_id: str) -> str | None:
    """Hub ids are case-insensitive: `acme/X` exists if `Acme/x` does."""
    return next((i for i in catalog_ids(root) if i.lower() == model_id.lower()), None)


def scaffold_text(facts: HubFacts, today: dt.date) -> str:
    """The YAML of a new entry: Hub facts filled in, the fields only a person can write left marked."""
    q = json.dumps  # a JSON string is a valid YAML double-quoted scalar, whatever the Hub sent
    lines = [
        "# yaml-language-server: $schema=../../../schema/model.schema.json",
        f"# Scaffolded from the Hugging Face Hub on {today.isoformat()}. Fill every TODO, then run",
        "# `make validate`: the entry stays invalid until each one is written.",
        f"id: {facts.id}",
        f"name: {q(facts.id.split('/', 1)[1])}  # TODO: check the human-readable name",
        "summary:  # TODO: one or two sentences: what the model is",
        f"kind: TODO  # TODO: one of {', '.join(KINDS)} (see catalog/categories.yaml)",
        "focus:  # TODO: the one thing it is specialized for; for a general model, its breadth",
        "# domain:  # only for kind: domain, e.g. finance",
        "scope:  # TODO: what it does well",
        "not_for:",
        "  -  # TODO: a concrete misuse; one line each",
        "alternatives:",
        "  - TODO  # TODO: catalog ids; a specialist names a general model, a general model its specialists",
    ]
    if facts.pipeline_tag and _TAG.match(facts.pipeline_tag):
        lines.append(f"task: {facts.pipeline_tag}")
        if facts.pipeline_tag in _MODALITY:
            lines.append(f"modality: {_MODALITY[facts.pipeline_tag]}")
    languages = [code for code in facts.languages if _LANGUAGE.match(code)]
    if languages:
        lines.append(f"languages: [{', '.join(q(code) for code in languages)}]")
    if facts.license and _TAG.match(facts.license):
        lines.append(f"license: {facts.license}")
    if facts.params:
        lines.append(f"params: {facts.params}")
    lines += [f"added: {today.isoformat()}", "sources:", f"  - {DEFAULT_ENDPOINT}/{facts.id}"]
    return "\n".join(lines) + "\n"


def create_entry(
    root: Path, model_id: str, settings: HubSettings | None = None, policy: RetryPolicy | None = None
) -> tuple[Path, list[str]]:
    """Write the new entry and its Hub snapshot; return the path and what is left to fill.

    Refuses to touch an existing entry. The id is taken as the Hub spells it, so `prosusai/finbert`
    becomes `ProsusAI/finbert`.
    """
    if not re.match(MODEL_ID_PATTERN, model_id):
        raise ScaffoldError(f"'{model_id}' is not a Hub model id like 'ProsusAI/finbert'")
    if existing := _existing(root, model_id):
        raise ScaffoldError(f"{entry_path(root, existing)} already exists; edit it instead")
    settings = settings or HubSettings.from_env()
    policy = policy or RetryPolicy()
    stop = threading.Event()
    budget = RequestBudget(policy.retries + 1, WINDOW, time.monotonic() + 15 * 60, stop)
    facts = fetch_facts(settings.client(), model_id, policy, budget, stop, id_from_hub=True)
    if not re.match(MODEL_ID_PATTERN, facts.id):
        raise ScaffoldError(f"the Hub answered with the id {facts.id!r}, which the catalog cannot hold")
    if existing := _existing(root, facts.id):
        raise ScaffoldError(f"{entry_path(root, existing)} already exists (the Hub spells it {facts.id})")
    path = entry_path(root, facts.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(scaffold_text(facts, dt.date.today()))
    write_snapshot(root, facts)
    return path, remaining_problems(root, path)


def remaining_problems(root: Path, path: Path) -> list[str]:
    """The validator's errors for this one file: the placeholders still to fill."""
    rel = path.relative_to(root).as_posix()
    try:
        load_catalog(root)
    except CatalogInvalid as exc:
        return [str(error) for error in exc.errors if error.file == rel]
    return []
