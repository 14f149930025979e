"""The committed Hub snapshot: one JSON file per model under `catalog/hub/`, read at build time.

Builds read only this snapshot, never the network, so a build is reproducible and works offline. A model
without a snapshot simply renders without Hub facts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ..catalog.load import CatalogError, CatalogInvalid, files_under
from ..catalog.schema import Weights
from ..catalog.yamlfile import FORBIDDEN_CHARACTERS, YamlFileError, decode_text, parse_yaml_text, read_capped
from ..output import write_file_atomic

MAX_SNAPSHOT_BYTES = 1024 * 1024
"""A snapshot is a few kilobytes even with a hundred languages; a larger file is not one the pull wrote."""


def _visible(value: str) -> str:
    if FORBIDDEN_CHARACTERS.search(value):
        raise ValueError("contains a control, zero-width or bidi character; run `make pull` to refresh it")
    return value


def _hub_text(max_length: int):
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(_visible)]


def _count(upper: int):
    """A count from the Hub, bounded so that every figure it feeds stays a finite float."""
    return Annotated[int, Field(ge=0, le=upper)]


class CardResult(BaseModel):
    """One result from the card's `model-index` metadata: the card's own claim, not checked by a curator."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    dataset: _hub_text(200)
    split: _hub_text(60) | None = None
    metric: _hub_text(100)
    value: float = Field(allow_inf_nan=False)
    verified: bool | None = None


class HubFacts(BaseModel):
    """What the Hub said about a model when it was last pulled. All of it is untrusted text."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: _hub_text(200)
    pulled_at: dt.datetime
    sha: _hub_text(64) | None = None
    created_at: dt.datetime | None = None
    """When the repository was created on the Hub: its weights' first public upload there, which the
    finder takes for a model's release month when the entry does not state `released`."""
    last_modified: dt.datetime | None = None
    downloads: _count(10**12) | None = None
    likes: _count(10**9) | None = None
    library_name: _hub_text(100) | None = None
    pipeline_tag: _hub_text(100) | None = None
    tags: list[_hub_text(200)] = Field(default_factory=list, max_length=1000)
    license: _hub_text(200) | None = None
    languages: list[_hub_text(40)] = Field(default_factory=list, max_length=1000)
    gated: bool | _hub_text(20) | None = None
    params: _count(10**14) | None = None
    used_storage: _count(10**16) | None = None
    eval_results: list[CardResult] = Field(default_factory=list, max_length=200)

    @property
    def as_of(self) -> str:
        return self.pulled_at.date().isoformat()

    @property
    def on_hub_since(self) -> str | None:
        """The month the repository was created on the Hub (YYYY-MM), as `released` is written."""
        return self.created_at.strftime("%Y-%m") if self.created_at else None


def download_bytes(weights: Weights | None, hub: HubFacts | None) -> int | None:
    """What a reader downloads: the entry's checked weights, else the Hub's storage of the whole repository
    (every file and format, so larger), else unknown. The finder and the patterns page both mean this."""
    if weights is not None:
        return weights.bytes
    return hub.used_storage if hub is not None and hub.used_storage else None


class SnapshotError(Exception):
    """A snapshot file that cannot be read: named so the maintainer can re-pull it."""

    def __init__(self, message: str, line: int = 1, column: int = 1, field: str = ""):
        super().__init__(message)
        self.line, self.column, self.field = line, column, field


def snapshot_path(root: Path, model_id: str) -> Path:
    return Path(root) / "catalog" / "hub" / f"{model_id}.json"


def snapshot_text(facts: HubFacts) -> str:
    """Sorted keys, one field per line and a final newline: a refresh reads as a short, stable diff."""
    return json.dumps(facts.model_dump(mode="json"), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_snapshot(root: Path, facts: HubFacts) -> Path:
    """Replace the model's snapshot atomically: a crash leaves the old file or the new one, never half."""
    path = snapshot_path(root, facts.id)
    write_file_atomic(path, snapshot_text(facts))
    return path


def read_snapshot(root: Path, model_id: str) -> HubFacts | None:
    """The model's snapshot, None when it has none; SnapshotError, positioned, when the file is bad."""
    path = snapshot_path(root, model_id)
    if not path.exists() and not path.is_symlink():
        return None
    try:
        raw = read_capped(path, MAX_SNAPSHOT_BYTES)
    except YamlFileError as exc:
        raise SnapshotError(f"{exc.message}; run `make pull` to refresh it") from None
    try:
        facts = HubFacts.model_validate_json(raw)  # parsed and checked in one pass (10,000 files a build)
    except (ValueError, ValidationError) as exc:
        raise _positioned(raw, exc) from None
    if facts.id != model_id:
        raise SnapshotError(f"snapshot is for '{facts.id}', expected '{model_id}'", field="id")
    return facts


def _positioned(raw: bytes, exc: Exception) -> SnapshotError:
    """The first problem of a snapshot that failed to validate, at its line and column.

    Only a broken file pays for positions: JSON is YAML, so the catalog's own reader finds where each value
    stands.
    """
    refresh = "run `make pull` to refresh it"
    try:
        doc = parse_yaml_text(decode_text(raw))
    except YamlFileError as bad:
        return SnapshotError(f"not a valid snapshot: {bad.message}; {refresh}", bad.line, bad.column)
    if not isinstance(exc, ValidationError):
        return SnapshotError(f"not a valid snapshot: {exc}; {refresh}")
    error = exc.errors()[0]
    loc = tuple(error["loc"])
    line, column = doc.position(loc)
    field = ".".join(str(part) for part in loc)
    got = repr(error.get("input"))
    got = got if len(got) <= 60 else got[:57] + "..."
    return SnapshotError(f"{error['msg']}, got {got}; {refresh}", line, column, field)


SnapshotReader = Callable[[Path, str], HubFacts | None]
"""Reads one model's snapshot: `read_snapshot`, or a wrapper that skips unchanged files (preview/build.py)."""


def load_snapshots(root: Path, model_ids, read: SnapshotReader = read_snapshot) -> dict[str, HubFacts]:
    """Hub facts for every model that has a snapshot; the others are absent from the result.

    Every file under `catalog/hub/` is read like a contributor's: CatalogInvalid names each bad one, and
    each file that is not the snapshot of a catalog entry, with its line and column.
    """
    ids = set(model_ids)
    found: dict[str, HubFacts] = {}
    errors: list[CatalogError] = []
    for relative in files_under(Path(root), "catalog/hub", errors):
        name = f"catalog/hub/{relative}"
        model_id = relative.removesuffix(".json")
        if model_id not in ids:
            errors.append(
                CatalogError(
                    name,
                    1,
                    1,
                    "",
                    "not the snapshot of a catalog entry: snapshots are catalog/hub/<org>/<name>.json, "
                    "named like an entry in catalog/models/; delete it (`make pull` writes them)",
                )
            )
            continue
        try:
            found[model_id] = read(root, model_id)
        except SnapshotError as exc:
            errors.append(CatalogError(name, exc.line, exc.column, exc.field, str(exc)))
    if errors:
        raise CatalogInvalid(errors)
    return found
