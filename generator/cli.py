"""`python -m generator …`: validate the catalog, render the pages, export the schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import CatalogInvalid, load_catalog
from .output import write_file_atomic, write_pages
from .render import build_pages
from .schema import model_json_schema_text
from .snapshot import SnapshotError, load_snapshots

SCHEMA_PATH = Path("schema/model.schema.json")


def render_site(root: Path) -> dict[str, str]:
    """Load, validate and render: what both the MkDocs adapter and `render --out` publish."""
    catalog = load_catalog(root)
    return build_pages(catalog, load_snapshots(root, catalog.models))


def _validate(args) -> int:
    catalog = load_catalog(args.root)
    load_snapshots(args.root, catalog.models)
    kinds = {}
    for entry in catalog.models.values():
        kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    print(f"catalog OK: {len(catalog.models)} models ({summary}), {len(catalog.findings)} findings")
    return 0


def _render(args) -> int:
    pages = render_site(args.root)
    write_pages(pages, args.out)
    print(f"wrote {len(pages)} pages to {args.out}")
    return 0


def _schema(args) -> int:
    path = args.root / SCHEMA_PATH
    text = model_json_schema_text()
    if args.check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(f"{SCHEMA_PATH} is stale: run `python -m generator schema` and commit it", file=sys.stderr)
            return 1
        print(f"{SCHEMA_PATH} is up to date")
        return 0
    write_file_atomic(path, text)
    print(f"wrote {SCHEMA_PATH}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every catalog file; print every error").set_defaults(
        func=_validate
    )
    render = sub.add_parser("render", help="write the generated pages to a plain folder")
    render.add_argument("--out", type=Path, required=True)
    render.set_defaults(func=_render)
    schema = sub.add_parser("schema", help=f"export the JSON Schema to {SCHEMA_PATH}")
    schema.add_argument("--check", action="store_true", help="fail if the committed file is stale")
    schema.set_defaults(func=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CatalogInvalid as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"{len(exc.errors)} error(s) in the catalog", file=sys.stderr)
        return 1
    except SnapshotError as exc:
        print(exc, file=sys.stderr)
        return 1
