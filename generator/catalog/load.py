"""Load and validate the whole catalog, collecting every error rather than stopping at the first.

A contributor fixes a pull request in one round when the validator names each problem with its file, line,
column and field, and says what would be valid.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from pydantic import BaseModel, ValidationError

from .fallback import Fallback, general_fallbacks
from .schema import DTYPE_BYTES, SUBJECTS, Categories, Finding, ModelEntry
from .sources import entry_urls, never_source
from .tasks import (
    GENERATIVE_TASKS,
    TASKS,
    languages_missed,
    model_inputs,
    qualifying,
    takes_input,
    task_label,
    why_not,
    with_article,
)
from .yamlfile import YamlDocument, YamlFileError, field_name, read_yaml_file


@dataclass(frozen=True, order=True)
class CatalogError:
    """One problem in one file, positioned the way editors and CI annotations expect (1-based)."""

    file: str
    line: int
    column: int
    field: str
    message: str

    @classmethod
    def at(cls, file: str, doc: YamlDocument, loc: tuple, message: str, *, key: bool = False) -> CatalogError:
        """An error positioned where `loc` stands in `doc` (at its key rather than its value with `key`)."""
        line, column = doc.key_position(loc) if key else doc.position(loc)
        return cls(file, line, column, field_name(loc), message)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class CatalogInvalid(Exception):
    """Raised with every error found, so the CLI can print them all."""

    def __init__(self, errors: list[CatalogError]):
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass
class Catalog:
    """The validated catalog: entries by id, the kinds' definitions, and the findings."""

    root: Path
    models: dict[str, ModelEntry]
    categories: Categories
    findings: list[Finding] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    """Source file of each model id, '/'-separated and relative to the repository, for messages."""

    def by_kind(self, kind: str) -> list[ModelEntry]:
        return sorted((m for m in self.models.values() if m.kind == kind), key=lambda m: m.id.lower())

    @functools.cached_property
    def specialists_naming(self) -> dict[str, list[str]]:
        """For each model, the specialists that name it as an alternative (their fallback), sorted by id:
        computed from the specialists' entries, never typed twice on the general model's; once per catalog,
        for the model pages and compare.json alike."""
        naming: dict[str, list[str]] = {}
        for model_id in sorted(self.models, key=str.lower):
            entry = self.models[model_id]
            for alternative in entry.alternatives if entry.specialized else ():
                naming.setdefault(alternative, []).append(model_id)
        return naming

    @functools.cached_property
    def general_fallbacks(self) -> dict[str, Fallback]:
        """Each specialist's best general model for its job (catalog/fallback.py), once per catalog: the model
        pages and the preview's staleness both read it."""
        return general_fallbacks(self.models)


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(error: dict, valid_keys: list[str]) -> str:
    """pydantic's words, plus the hint a contributor needs for YAML's usual traps."""
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        key = error["loc"][-1]
        close = difflib.get_close_matches(str(key), valid_keys, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"unknown key '{key}'; {hint}valid keys: {', '.join(valid_keys)}"
    if kind == "missing":
        key = error["loc"][-1]
        return f"the required key '{key}' is missing: add `{key}:` to the file (see CONTRIBUTING, section 2)"
    message = error["msg"]
    if kind == "value_error":  # the schema's own words (catalog/schema.py), without pydantic's prefix
        return str(error.get("ctx", {}).get("error", message))
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
        by_lower = {option.lower(): option for option in allowed}
        close = difflib.get_close_matches(str(value).lower(), list(by_lower), n=1, cutoff=0.6)
        hint = f"did you mean '{by_lower[close[0]]}'? " if close else ""
        shown = ", ".join(allowed) if len(allowed) <= 12 else ", ".join(allowed[:12]) + ", …"
        return f"'{value}' is not a valid value; {hint}valid values: {shown}"
    if kind == "string_pattern_mismatch" and error["loc"] and error["loc"][0] == "languages":
        return _language_hint(value)
    if kind == "string_pattern_mismatch" and error["loc"] and error["loc"][0] == "license":
        close = re.sub(r"[^a-z0-9.+-]+", "-", str(value).lower()).strip("-")
        return (
            f"'{value}' is not a license id: write it as the card's metadata does, lowercase with dashes, "
            f"e.g. '{close}' (apache-2.0, mit, cc-by-4.0 …)"
        )
    released = bool(error["loc"]) and error["loc"][0] == "released"
    if released and (kind == "string_pattern_mismatch" or isinstance(value, dt.date)):
        shown = _describe(value)
        return f"{shown} is not a month: write the year and month of the first release, e.g. 2024-07"
    if kind == "string_type":
        if isinstance(value, bool):
            return f'{message}, got {_describe(value)}: quote it ("{str(value).lower()}") to keep it text'
        if isinstance(value, int | float):
            return f'{message}, got the number {_describe(value)}: quote it to keep it text, e.g. "1.10"'
        if value is None:
            return f"{message}, got nothing: write a value or remove the key"
        if isinstance(value, dict):
            return (
                f"{message}, got a mapping: a colon followed by a space turns text into `key: value`; "
                "quote the whole text or write the colon as a semicolon"
            )
    ids = ("id", "alternatives", "superseded_by")
    if kind == "string_pattern_mismatch" and error["loc"] and error["loc"][0] in ids:
        return f"{message}; a Hugging Face repo id looks like 'ProsusAI/finbert', got {_describe(value)}"
    if kind == "date_type" and isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"{_describe(value)} is not a date: write year-month-day, e.g. 2026-11-24"
        return f"{message}, got the text {_describe(value)}: write the date without quotes, e.g. 2026-11-24"
    if kind in ("int_type", "date_type"):
        return f"{message}, got {_describe(value)}"
    return f"{message}, got {_describe(value)}" if value is not None else message


def _language_hint(value: object) -> str:
    """Words for a language that is not a code: the code of a language named in English ('German' → de)."""
    try:
        found = pycountry.languages.lookup(str(value))
    except LookupError:
        found = None
    code = getattr(found, "alpha_2", None) or getattr(found, "alpha_3", None) if found else None
    hint = f"'{value}' is {found.name}: write '{code}'" if code else f"'{value}' is not a language code"
    return (
        f"{hint}; languages are ISO 639-1 codes (`de`), or ISO 639-3 (`yue`) where no two-letter code exists"
    )


def _validate(model: type[BaseModel], doc: YamlDocument, rel: str, errors: list[CatalogError]):
    valid_keys = list(model.model_fields)
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            nested = _nested_model(model, loc)
            keys = list(nested.model_fields) if nested else valid_keys
            errors.append(
                CatalogError.at(rel, doc, loc, _message(err, keys), key=err["type"] == "extra_forbidden")
            )
    return None


def _nested_model(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        if info is None:
            return current
        candidates = [info.annotation, *(getattr(info.annotation, "__args__", ()) or ())]
        current = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), current)
    return current


class _Locator:
    """Positions for errors found across files, each file read again at most once.

    Only files with such an error pay for it: the loader keeps no positions, and has none for the files
    another process read. One read per file keeps a file with thousands of such errors linear.
    """

    def __init__(self, root: Path):
        self.root = root
        self.docs: dict[str, YamlDocument] = {}

    def error(
        self, name: str, loc: tuple, message: str, *, key: bool = False, field: str | None = None
    ) -> CatalogError:
        """An error at `loc`; `field` names a missing key that has no position of its own."""
        doc = self.docs.get(name)
        if doc is None:
            doc = self.docs[name] = read_yaml_file(self.root / name)
        error = CatalogError.at(name, doc, loc, message, key=key)
        return dataclasses.replace(error, field=field) if field else error


def _read(path: Path, rel: str, errors: list[CatalogError]) -> YamlDocument | None:
    try:
        doc = read_yaml_file(path)
    except YamlFileError as exc:
        errors.append(CatalogError(rel, exc.line, exc.column, exc.field, exc.message))
        return None
    if not isinstance(doc.data, dict):
        errors.append(CatalogError(rel, 1, 1, "", "the file must be a mapping of keys to values"))
        return None
    return doc


def files_under(root: Path, folder: str, errors: list[CatalogError]) -> list[str]:
    """Every file below `root/folder`, as '/'-joined relative paths in the order of their parts.

    Links are never followed: a linked folder is an error here, a linked file fails when it is read. os.walk
    rather than Path.rglob: it learns from the directory listing which entries are folders, where rglob and
    is_dir() make a stat call and several Path objects per file (10,000 files in a large build).
    """
    base = root / folder
    if base.is_symlink():
        errors.append(CatalogError(folder, 1, 1, "", _LINKED_FOLDER))
        return []
    found = []
    for directory, folders, names in os.walk(base):
        prefix = os.path.relpath(directory, base).replace(os.sep, "/")
        for name in folders:
            if os.path.islink(os.path.join(directory, name)):
                linked = name if prefix == "." else f"{prefix}/{name}"
                errors.append(CatalogError(f"{folder}/{linked}", 1, 1, "", _LINKED_FOLDER))
        found.extend(name if prefix == "." else f"{prefix}/{name}" for name in names)
    return sorted(found, key=lambda relative: relative.split("/"))


_LINKED_FOLDER = "is a symbolic link; the catalog reads only folders and files inside the repository"


EntryResult = tuple[ModelEntry | None, list[CatalogError]]
"""One entry file read and validated on its own: the entry, or None, and the file's own errors."""

EntryReader = Callable[[Path, list[str]], list[EntryResult]]
"""Reads the entry files named relative to catalog/models/, in order: `read_entries`, or a wrapper of it
that reads elsewhere (site/build.py) or skips files that did not change (preview/build.py)."""


def read_entries(models_dir: Path, relatives: list[str]) -> list[EntryResult]:
    """Read and validate entry files each on its own: what can run in another process (site/workers.py)."""
    results: list[EntryResult] = []
    for relative in relatives:
        name, errors = f"catalog/models/{relative}", []
        if os.path.splitext(relative)[1] != ".yaml":
            message = "catalog entries must be .yaml files named catalog/models/<org>/<name>.yaml"
            if os.path.islink(models_dir / relative):
                message = "is a symbolic link; catalog files must be regular files, not links"
            results.append((None, [CatalogError(name, 1, 1, "", message)]))
            continue
        doc = _read(models_dir / relative, name, errors)
        results.append((_validate(ModelEntry, doc, name, errors) if doc else None, errors))
    return results


def load_catalog(root: Path, read: EntryReader = read_entries) -> Catalog:
    """Load `root/catalog`, raising CatalogInvalid with every error found.

    `read` reads the entry files; whatever reads them, the catalog and its errors must be the same.
    """
    root = Path(root)
    catalog_dir = root / "catalog"
    errors: list[CatalogError] = []

    models_dir = catalog_dir / "models"
    relatives = files_under(root, "catalog/models", errors)
    read_files = read(models_dir, relatives)

    locate = _Locator(root)
    models: dict[str, ModelEntry] = {}
    files: dict[str, str] = {}
    broken: set[str] = set()  # ids whose files have errors: pointing at them is not another error
    by_lower: dict[str, list[str]] = {}  # Hub ids are case-insensitive: these must be one file each
    for relative, (entry, file_errors) in zip(relatives, read_files, strict=True):
        errors.extend(file_errors)
        expected = relative.removesuffix(".yaml")
        if expected != relative:
            broken.add(expected)
        if entry is None:
            continue
        name = f"catalog/models/{relative}"
        if expected.count("/") != 1 or entry.id != expected:
            want = f"'{expected}'" if expected.count("/") == 1 else "an <org>/<name>.yaml path"
            message = (
                f"id '{entry.id}' does not match the file path: expected {want} "
                f"(the file must sit at catalog/models/{entry.id}.yaml)"
            )
            errors.append(locate.error(name, ("id",), message))
            continue
        by_lower.setdefault(entry.id.lower(), []).append(entry.id)
        broken.discard(entry.id)
        models[entry.id] = entry
        files[entry.id] = name
    for same in (ids for ids in by_lower.values() if len(ids) > 1):
        # Which file is the newcomer is not for the loader to guess: each one names the others.
        for model_id in same:
            others = ", ".join(files[other] for other in same if other != model_id)
            message = f"duplicate id: '{model_id}' differs only in case from {others} (Hub ids are "
            errors.append(locate.error(files[model_id], ("id",), message + "case-insensitive); keep one"))
            broken.add(model_id)
            del models[model_id]

    _check_alternatives(locate, models, files, errors, broken)
    _check_successors(locate, models, files, errors, broken)
    _check_facts(locate, models, files, errors)

    categories = None
    categories_name = "catalog/categories.yaml"
    if not (root / categories_name).exists():
        errors.append(CatalogError(categories_name, 1, 1, "", "missing: it defines the five kinds"))
    elif (doc := _read(root / categories_name, categories_name, errors)) is not None:
        categories = _validate(Categories, doc, categories_name, errors)

    findings = _load_findings(root, models, errors)
    _check_unread(root, errors)

    if errors:
        raise CatalogInvalid(errors)
    return Catalog(
        root=root,
        models=models,
        categories=categories,
        findings=findings,
        files=files,
    )


MAX_HINTS_PER_FILE = 20
""""Did you mean" compares a name with every id: a file with thousands of unknown names gets the first few."""


def _check_alternatives(locate: _Locator, models, files, errors, broken) -> None:
    """Every alternative must exist and do the specialist's job without training (same task, or one that
    covers it in the task table); a general model names none, its page lists who names it."""
    ids = list(models)
    for model_id, entry in models.items():
        hints = MAX_HINTS_PER_FILE
        name = files[model_id]
        for i, alt in enumerate(entry.alternatives):
            if alt == model_id:
                errors.append(
                    locate.error(name, ("alternatives", i), "a model cannot be its own alternative")
                )
            elif alt not in models and alt not in broken:
                hints -= 1
                message = _unknown_model(alt, ids if hints >= 0 else [])
                errors.append(locate.error(name, ("alternatives", i), message))
        if not entry.specialized and entry.alternatives:
            message = (
                "a general-purpose model names no alternatives: its page lists the specialists that name it "
                "as their fallback; remove `alternatives`"
            )
            errors.append(locate.error(name, ("alternatives",), message, key=True))
        for i, alt in enumerate(entry.alternatives if entry.specialized else ()):
            alternative = models.get(alt)
            if alternative is None or alt == model_id:
                continue
            reason = why_not(alternative, entry)
            if reason is None and not takes_input(alternative, entry):
                reason = f"cannot take this model's input ({', '.join(sorted(model_inputs(entry)))})"
            # A specialist with no task states no job (why_not); its languages are then not one either.
            if reason is None and entry.task and (missed := languages_missed(alternative, entry)):
                listed = ", ".join(alternative.languages[:8]) + (
                    " …" if len(alternative.languages) > 8 else ""
                )
                reason = (
                    f"reads none of this model's languages ({', '.join(missed)}): its entry lists {listed}"
                )
            if reason is not None:
                hints -= 1
                fit = qualifying(models, entry)[:3] if hints >= 0 else []
                instead = f"; catalog models that do the job: {', '.join(fit)}" if fit else ""
                message = (
                    f"'{alt}' cannot do this model's job ({task_label(entry.task).lower()}) without "
                    f"training: it {reason}. An alternative has the same task or one that covers it "
                    f"(generator/data/tasks.yaml){instead}"
                )
                errors.append(locate.error(name, ("alternatives", i), message))
        if entry.domain is not None and entry.kind != "domain":
            message = (
                f"only domain-specific entries (kind: domain) have a domain; this one is kind: {entry.kind}"
            )
            errors.append(locate.error(name, ("domain",), message))


LANGUAGE_TASKS = frozenset(
    {
        "automatic-speech-recognition",
        "text-to-speech",
        "translation",
        "image-to-text",
        "image-text-to-text",
        "document-question-answering",
        "visual-question-answering",
        "zero-shot-image-classification",
        "zero-shot-object-detection",
    }
)
"""Tasks whose input or output is language even when the modality is audio or vision."""

WEIGHTS_TOLERANCE = (0.8, 1.3)
"""weights.bytes ÷ (params × dtype width). Listings round to three digits and cards round counts ("110M" for
109.5M): a few percent. Files also hold buffers and tied or extra heads: tens of percent at most. A ratio
outside this range is a wrong dtype (F32 for F16 halves it), a wrong count or the wrong files."""

QUANTIZED_TOLERANCE = (0.8, 1.9)
"""The same ratio for INT8 and INT4 files, which keep embeddings, output head, norms and quantization scales
at 16 bits: measured 1.31× (Llama 3.2 1B Q4_K_M GGUF), 1.43× (Phi-3 mini CPU int4 ONNX), 1.47× (Qwen2.5 7B
GPTQ-Int4), and more for a small model with a large vocabulary. It stays below 2×, which is what a file of
the next wider dtype shows."""


def _unknown_model(model_id: str, ids: list[str]) -> str:
    """An id the catalog does not hold, with the closest one among `ids` (none: no search is made)."""
    close = difflib.get_close_matches(model_id, ids, n=1) if ids else []
    hint = f"did you mean '{close[0]}'?" if close else "add its entry first or pick a catalog id"
    return f"unknown model '{model_id}'; {hint}"


def _check_successors(locate: _Locator, models, files, errors, broken) -> None:
    """`superseded_by` names another catalog entry, released no earlier, with no loop back (A by B by A)."""
    for model_id, entry in models.items():
        successor = entry.superseded_by
        if successor is None:
            continue
        name = files[model_id]
        if successor == model_id:
            errors.append(locate.error(name, ("superseded_by",), "a model cannot supersede itself"))
        elif successor not in models:
            if successor not in broken:
                errors.append(locate.error(name, ("superseded_by",), _unknown_model(successor, list(models))))
        elif entry.released and models[successor].released and models[successor].released < entry.released:
            message = (
                f"'{successor}' was released {models[successor].released}, before this model "
                f"({entry.released}): a successor is newer"
            )
            errors.append(locate.error(name, ("superseded_by",), message))
        else:
            # Follow the chain until it ends or repeats; a loop not through this model is its members' error.
            seen, current = {model_id, successor}, successor
            while current in models and models[current].superseded_by:
                current = models[current].superseded_by
                if current == model_id:
                    message = f"'{successor}' leads back to this model through `superseded_by`: remove one"
                    errors.append(locate.error(name, ("superseded_by",), message))
                if current in seen:
                    break
                seen.add(current)


def _check_facts(locate: _Locator, models, files, errors) -> None:
    """Rules across fields: languages where language is read or written, weights that fit the count,
    comparisons that name catalog entries."""
    for model_id, entry in models.items():
        name = files[model_id]
        reads_language = entry.modality in ("text", "multimodal") or entry.task in LANGUAGE_TASKS
        required = {"params": entry.params, "weights": entry.weights}
        if reads_language:
            required["languages"] = entry.languages
        for fact, value in required.items():
            if value is None and fact not in entry.unchecked:
                message = {
                    "params": "the parameter count is required: from the card, the paper or the "
                    "safetensors header",
                    "weights": "weights are required: {bytes, format, dtype} from the file listing",
                    "languages": "a model that reads or writes language must list its languages (ISO 639 "
                    "codes, every one its card names)",
                }[fact]
                message += f"; or, if no source settles it, list `{fact}` under `unchecked`"
                errors.append(locate.error(name, ("id",), message, field=fact))
        for i, fact in enumerate(entry.unchecked):
            if getattr(entry, fact) is not None:
                message = f"{fact} is given: remove it from unchecked"
                errors.append(locate.error(name, ("unchecked", i), message))
        if entry.params and entry.weights and not entry.params_estimated:
            ratio = entry.weights.bytes / (entry.params * DTYPE_BYTES[entry.weights.dtype])
            low, high = QUANTIZED_TOLERANCE if entry.weights.dtype in ("INT8", "INT4") else WEIGHTS_TOLERANCE
            if not low <= ratio <= high:
                message = (
                    f"{entry.weights.bytes:,} bytes is {ratio:.2f}× what {entry.params:,} parameters take "
                    f"in {entry.weights.dtype}; expected {low}–{high}×: check the dtype, the count and which "
                    "files were added up"
                )
                errors.append(locate.error(name, ("weights", "bytes"), message))
        _check_job_facts(locate, name, entry, errors)
        if entry.kind == "platform" and not entry.runtimes:
            message = (
                "a platform-optimized model lists the runtimes or formats its card ships under `runtimes` "
                "(e.g. [ONNX, Transformers.js], [GGUF, llama.cpp], [Core ML]): they are what makes it "
                "platform-optimized"
            )
            errors.append(locate.error(name, ("id",), message, field="runtimes"))
        if entry.kind in ("task", "domain") and not entry.subjects:
            message = (
                f"a {entry.kind}-specific model names its niche under `subjects`, from: "
                f"{', '.join(SUBJECTS)}; the finder puts it first only for a need that names it"
            )
            errors.append(locate.error(name, ("id",), message))
        _check_never_sources(locate, name, entry, errors)
        for i, result in enumerate(entry.evidence):
            other = result.compared_with.model if result.compared_with else None
            if other is not None and other not in models:
                message = f"unknown model '{other}': name a catalog id, or use `name` for a model outside it"
                errors.append(locate.error(name, ("evidence", i, "compared_with", "model"), message))


def _check_never_sources(locate: _Locator, name: str, entry: ModelEntry, errors: list[CatalogError]) -> None:
    """A host that copies cards or papers is never a source (data/never_sources.yaml)."""
    for loc, url in entry_urls(entry):
        reason = never_source(url)
        if reason:
            errors.append(locate.error(name, loc, reason))


def _check_job_facts(locate: _Locator, name: str, entry: ModelEntry, errors: list[CatalogError]) -> None:
    """The facts that tell which jobs a model does: how a generator was tuned, what an embedder gives."""
    info = TASKS.get(entry.task) if entry.task else None
    generative = bool(info and info.generative)
    if generative and entry.tuning is None:
        message = (
            f"{with_article(entry.task)} model says how it was tuned: add "
            "`tuning:` base (pretrained only: it completes text), instruct, chat, or task (trained for set "
            "jobs), as its card says"
        )
        errors.append(locate.error(name, ("task",), message))
    elif entry.tuning is not None and not generative:
        tasks = ", ".join(GENERATIVE_TASKS)
        message = f"`tuning` is for generative tasks ({tasks}); this model's is {entry.task}: remove it"
        errors.append(locate.error(name, ("tuning",), message))
    if entry.task == "feature-extraction" and entry.embeddings is None:
        message = (
            "a feature-extraction model says what it gives: add `embeddings:` sentence (one vector per "
            "input, trained to be compared) or token (a base encoder's features, to pool or fine-tune)"
        )
        errors.append(locate.error(name, ("task",), message))
    elif entry.embeddings is not None and entry.task != "feature-extraction":
        message = (
            "`embeddings` is for feature-extraction models (a sentence-similarity model gives sentence "
            "embeddings by its task): remove it"
        )
        errors.append(locate.error(name, ("embeddings",), message))
    if (entry.labels_cover or entry.open_labels) and entry.specialized:
        message = (
            "`labels_cover` and `open_labels` are for general-purpose models (a specialist's niche is its "
            "`subjects`): remove them"
        )
        field = "labels_cover" if entry.labels_cover else "open_labels"
        errors.append(locate.error(name, (field,), message, key=True))
    if entry.not_for_subjects and entry.specialized:
        message = (
            "`not_for_subjects` is for general-purpose models (a specialist's niche is its `subjects`, its "
            "limits its `not_for`): remove it"
        )
        errors.append(locate.error(name, ("not_for_subjects",), message, key=True))
    for i, task in enumerate(entry.also_does):
        if task == entry.task:
            message = f"'{task}' is this model's own task: `also_does` lists other tasks only"
            errors.append(locate.error(name, ("also_does", i), message))


def _load_findings(root: Path, models, errors) -> list[Finding]:
    findings: list[Finding] = []
    for relative in files_under(root, "catalog/findings", errors):
        name = f"catalog/findings/{relative}"
        stem, extension = os.path.splitext(relative)
        if extension != ".yaml" or "/" in relative:
            message = "findings must be .yaml files directly in catalog/findings/, named after their id"
            errors.append(CatalogError(name, 1, 1, "", message))
            continue
        doc = _read(root / name, name, errors)
        finding = _validate(Finding, doc, name, errors) if doc else None
        if finding is None:
            continue
        if finding.id != stem:
            message = f"id '{finding.id}' must equal the file name '{stem}'"
            errors.append(CatalogError.at(name, doc, ("id",), message))
            continue
        for i, model_id in enumerate(finding.models):
            if model_id not in models:
                message = f"unknown model '{model_id}'; name a catalog id"
                errors.append(CatalogError.at(name, doc, ("models", i), message))
        findings.append(finding)
    return findings


CATALOG_PARTS = {"categories.yaml", "models", "findings", "hub"}
"""What `catalog/` holds; anything else there would be silently ignored, so it is an error."""


def _check_unread(root: Path, errors: list[CatalogError]) -> None:
    catalog_dir = root / "catalog"
    for name in sorted(os.listdir(catalog_dir)) if catalog_dir.is_dir() else []:
        if name not in CATALOG_PARTS:
            message = (
                "the loader does not read this: catalog/ holds categories.yaml, models/, findings/ and hub/ "
                "only; move or delete it"
            )
            errors.append(CatalogError(f"catalog/{name}", 1, 1, "", message))
        elif name != "categories.yaml" and os.path.islink(catalog_dir / name):
            errors.append(CatalogError(f"catalog/{name}", 1, 1, "", _LINKED_FOLDER))
