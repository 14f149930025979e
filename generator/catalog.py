"""Load and validate the whole catalog, collecting every error rather than stopping at the first.

A contributor fixes a pull request in one round when the validator names each problem with its file, line,
column and field, and says what would be valid.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .schema import Categories, Finding, ModelEntry
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
    files: dict[str, Path] = field(default_factory=dict)
    """Source file of each model id, relative to the repository, for edit links and messages."""

    def by_kind(self, kind: str) -> list[ModelEntry]:
        return sorted((m for m in self.models.values() if m.kind == kind), key=lambda m: m.id.lower())


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
        return "required key is missing"
    message = error["msg"]
    if kind == "string_type":
        if isinstance(value, bool):
            return f'{message}, got {_describe(value)}: quote it ("{str(value).lower()}") to keep it text'
        if isinstance(value, int | float):
            return f'{message}, got the number {_describe(value)}: quote it to keep it text, e.g. "1.10"'
        if value is None:
            return f"{message}, got nothing: write a value or remove the key"
    if kind == "string_pattern_mismatch" and error["loc"] and error["loc"][0] in ("id", "alternatives"):
        return f"{message}; a Hugging Face repo id looks like 'ProsusAI/finbert', got {_describe(value)}"
    if kind in ("int_type", "date_type"):
        return f"{message}, got {_describe(value)}"
    return f"{message}, got {_describe(value)}" if value is not None else message


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


def _error_at(root: Path, name: str, loc: tuple, message: str, *, key: bool = False) -> CatalogError:
    """An error found across files, positioned by reading its (valid) file again.

    Only files with such an error pay for it: the loader keeps no positions, and has none for the files
    another process read.
    """
    return CatalogError.at(name, read_yaml_file(root / name), loc, message, key=key)


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


def _files_under(folder: Path) -> list[str]:
    """Every file below `folder`, as '/'-joined relative paths in the order of their parts.

    os.walk rather than Path.rglob: it learns from the directory listing which entries are folders, where
    rglob and is_dir() make a stat call and several Path objects per file (10,000 files in a large build).
    """
    found = []
    for directory, _, names in os.walk(folder):
        prefix = os.path.relpath(directory, folder).replace(os.sep, "/")
        found.extend(name if prefix == "." else f"{prefix}/{name}" for name in names)
    return sorted(found, key=lambda relative: relative.split("/"))


def _read_entries(
    models_dir: Path, relatives: list[str]
) -> list[tuple[ModelEntry | None, list[CatalogError]]]:
    """Read and validate entry files each on its own: what can run in another process (workers.py)."""
    results: list[tuple[ModelEntry | None, list[CatalogError]]] = []
    for relative in relatives:
        name, errors = f"catalog/models/{relative}", []
        if os.path.splitext(relative)[1] != ".yaml":
            message = "catalog entries must be .yaml files named catalog/models/<org>/<name>.yaml"
            results.append((None, [CatalogError(name, 1, 1, "", message)]))
            continue
        doc = _read(models_dir / relative, name, errors)
        results.append((_validate(ModelEntry, doc, name, errors) if doc else None, errors))
    return results


def load_catalog(root: Path, submit: Callable[..., Future] | None = None) -> Catalog:
    """Load `root/catalog`, raising CatalogInvalid with every error found.

    With `submit` (workers.submit), the second half of the entry files is read and validated in another
    process while this one reads the first; the result and its errors are the same either way.
    """
    root = Path(root)
    catalog_dir = root / "catalog"
    errors: list[CatalogError] = []

    def rel(p: Path) -> str:
        return p.relative_to(root).as_posix()

    models_dir = catalog_dir / "models"
    relatives = _files_under(models_dir)
    half = len(relatives) // 2 if submit else len(relatives)
    later = submit(_read_entries, models_dir, relatives[half:]) if half < len(relatives) else None
    read = _read_entries(models_dir, relatives[:half]) + (later.result() if later else [])

    models: dict[str, ModelEntry] = {}
    files: dict[str, str] = {}
    seen_lower: dict[str, str] = {}
    broken: set[str] = set()  # ids whose files have errors: pointing at them is not another error
    for relative, (entry, file_errors) in zip(relatives, read, strict=True):
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
            errors.append(_error_at(root, name, ("id",), message))
            continue
        if entry.id.lower() in seen_lower:
            first = files[seen_lower[entry.id.lower()]]
            message = (
                f"duplicate id: '{entry.id}' is already defined in {first} (Hub ids are case-insensitive)"
            )
            errors.append(_error_at(root, name, ("id",), message))
            continue
        seen_lower[entry.id.lower()] = entry.id
        broken.discard(entry.id)
        models[entry.id] = entry
        files[entry.id] = name

    _check_alternatives(root, models, files, errors, broken)

    categories = None
    categories_path = catalog_dir / "categories.yaml"
    if not categories_path.is_file():
        errors.append(CatalogError(rel(categories_path), 1, 1, "", "missing: it defines the five kinds"))
    elif (doc := _read(categories_path, rel(categories_path), errors)) is not None:
        categories = _validate(Categories, doc, rel(categories_path), errors)

    findings = _load_findings(catalog_dir / "findings", models, rel, errors)

    if errors:
        raise CatalogInvalid(errors)
    return Catalog(
        root=root,
        models=models,
        categories=categories,
        findings=findings,
        files={k: Path(v) for k, v in files.items()},
    )


def _check_alternatives(root, models, files, errors, broken) -> None:
    """Every alternative must exist, and must point across the specialized/general divide."""
    ids = list(models)
    for model_id, entry in models.items():
        name = files[model_id]
        for i, alt in enumerate(entry.alternatives):
            if alt == model_id:
                errors.append(
                    _error_at(root, name, ("alternatives", i), "a model cannot be its own alternative")
                )
            elif alt not in models and alt not in broken:
                close = difflib.get_close_matches(alt, ids, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "add its entry first or pick a catalog id"
                errors.append(_error_at(root, name, ("alternatives", i), f"unknown model '{alt}'; {hint}"))
        known = [models[a] for a in entry.alternatives if a in models]
        if len(known) != len(entry.alternatives):  # already reported, here or in the alternative's file
            continue
        if entry.specialized and not any(a.kind == "general" for a in known):
            message = (
                f"a {entry.kind}-specific model must name at least one general-purpose alternative "
                "(kind: general)"
            )
            errors.append(_error_at(root, name, ("alternatives",), message, key=True))
        if not entry.specialized and not any(a.specialized for a in known):
            message = (
                "a general model must name the specialists that beat it on their niche "
                "(kind other than general)"
            )
            errors.append(_error_at(root, name, ("alternatives",), message, key=True))
        if entry.domain is not None and entry.kind != "domain":
            message = (
                f"only domain-specific entries (kind: domain) have a domain; this one is kind: {entry.kind}"
            )
            errors.append(_error_at(root, name, ("domain",), message))


def _load_findings(findings_dir: Path, models, rel, errors) -> list[Finding]:
    findings: list[Finding] = []
    for path in sorted(findings_dir.glob("*.yaml")) if findings_dir.is_dir() else []:
        name = rel(path)
        doc = _read(path, name, errors)
        finding = _validate(Finding, doc, name, errors) if doc else None
        if finding is None:
            continue
        if finding.id != path.stem:
            message = f"id '{finding.id}' must equal the file name '{path.stem}'"
            errors.append(CatalogError.at(name, doc, ("id",), message))
            continue
        for i, model_id in enumerate(finding.models):
            if model_id not in models:
                message = f"unknown model '{model_id}'; name a catalog id"
                errors.append(CatalogError.at(name, doc, ("models", i), message))
        findings.append(finding)
    return findings
