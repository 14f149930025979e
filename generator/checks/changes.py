"""What a pull request changes in the catalog, as a short Markdown summary for the CI job page.

A reviewer sees at a glance which models a PR adds, removes or edits, with the fields that changed and
each model's kind, before reading any YAML.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..catalog.yamlfile import YamlFileError, parse_yaml_text

MODELS_DIR = "catalog/models"


def _model_id(path: str) -> str:
    return path[len(MODELS_DIR) + 1 : -len(".yaml")]


def _parse(text: str) -> dict:
    try:
        data = parse_yaml_text(text).data
    except YamlFileError:
        return {"(unreadable)": text}
    return data if isinstance(data, dict) else {"(unreadable)": text}


def entries_at(root: Path, rev: str) -> dict[str, dict]:
    """Catalog entries as they were at git revision `rev` (id → raw data)."""
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", rev, "--", MODELS_DIR],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    entries = {}
    for path in (p for p in listing if p.endswith(".yaml")):
        text = subprocess.run(
            ["git", "show", f"{rev}:{path}"], cwd=root, capture_output=True, text=True, check=True
        ).stdout
        entries[_model_id(path)] = _parse(text)
    return entries


def entries_now(root: Path) -> dict[str, dict]:
    """Catalog entries in the working tree (id → raw data)."""
    base = Path(root) / MODELS_DIR
    return {
        _model_id(path.relative_to(root).as_posix()): _parse(
            path.read_text(encoding="utf-8", errors="replace")
        )
        for path in sorted(base.rglob("*.yaml"))
    }


def _cell(value: object) -> str:
    text = str(value).replace("|", "\\|").replace("\n", " ").replace("`", "'")
    return f"`{text}`" if len(text) <= 60 else f"`{text[:57]}...`"


def summarize(before: dict[str, dict], after: dict[str, dict]) -> str:
    """Markdown: added, removed and changed models, with the changed fields of each."""
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(m for m in set(before) & set(after) if before[m] != after[m])
    if not (added or removed or changed):
        return "## Catalog changes\n\nThis change does not touch any model entry.\n"
    lines = ["## Catalog changes", ""]
    lines.append(f"{len(added)} added, {len(changed)} changed, {len(removed)} removed.")
    lines.append("")
    if added:
        lines += ["### Added", "", "| Model | Kind | Focus |", "| --- | --- | --- |"]
        lines += [
            f"| {_cell(m)} | {_cell(after[m].get('kind', '?'))} | {_cell(after[m].get('focus', ''))} |"
            for m in added
        ]
        lines.append("")
    if changed:
        lines += [
            "### Changed",
            "",
            "| Model | Kind | Field | Before | After |",
            "| --- | --- | --- | --- | --- |",
        ]
        for m in changed:
            old, new = before[m], after[m]
            for key in sorted(set(old) | set(new), key=str):
                if old.get(key) != new.get(key):
                    lines.append(
                        f"| {_cell(m)} | {_cell(new.get('kind', '?'))} | {_cell(key)} | "
                        f"{_cell(old.get(key, '—'))} | {_cell(new.get(key, '—'))} |"
                    )
        lines.append("")
    if removed:
        lines += ["### Removed", ""] + [
            f"- {_cell(m)} ({_cell(before[m].get('kind', '?'))})" for m in removed
        ]
        lines.append("")
    return "\n".join(lines)
