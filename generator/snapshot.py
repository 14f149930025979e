"""The committed Hub snapshot: one JSON file per model under `catalog/hub/`, read at build time.

Builds read only this snapshot, never the network, so a build is reproducible and works offline. A model
without a snapshot simply renders without Hub facts.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .output import write_file_atomic


class HubFacts(BaseModel):
    """What the Hub said about a model when it was last pulled. All of it is untrusted text."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    pulled_at: dt.datetime
    sha: str | None = None
    last_modified: dt.datetime | None = None
    downloads: int | None = Field(default=None, ge=0)
    likes: int | None = Field(default=None, ge=0)
    library_name: str | None = None
    pipeline_tag: str | None = None
    tags: list[str] = Field(default_factory=list)
    license: str | None = None
    languages: list[str] = Field(default_factory=list)
    gated: bool | str | None = None
    params: int | None = Field(default=None, ge=0)
    used_storage: int | None = Field(default=None, ge=0)
    base_models: list[str] = Field(default_factory=list)

    @property
    def as_of(self) -> str:
        return self.pulled_at.date().isoformat()


class SnapshotError(Exception):
    """A snapshot file that cannot be read: named so the maintainer can re-pull it."""


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
    path = snapshot_path(root, model_id)
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    try:
        facts = HubFacts.model_validate_json(raw)  # parsed and checked in one pass (10,000 files a build)
    except (ValueError, ValidationError) as exc:
        raise SnapshotError(
            f"{path}: unreadable Hub snapshot ({exc}); run `make pull` to refresh it"
        ) from None
    if facts.id != model_id:
        raise SnapshotError(f"{path}: snapshot is for '{facts.id}', expected '{model_id}'")
    return facts


def load_snapshots(root: Path, model_ids) -> dict[str, HubFacts]:
    """Hub facts for every model that has a snapshot; the others are absent from the result."""
    found = {}
    for model_id in model_ids:
        facts = read_snapshot(root, model_id)
        if facts is not None:
            found[model_id] = facts
    return found
