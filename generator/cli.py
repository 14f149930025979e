"""`python -m generator …`: validate the catalog, render the pages, export the schema, pull from the Hub."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from .catalog.load import CatalogInvalid, load_catalog
from .catalog.schema import model_json_schema_text
from .catalog.yamlfile import read_yaml_file
from .checks.annotations import annotation
from .checks.changes import entries_at, entries_now, summarize
from .checks.coverage import coverage, coverage_table, failing
from .checks.links import check_site
from .checks.sources import check_sources, cited_urls
from .hub.client import PullDeferred, PullFailed, RetryPolicy, compare_with_snapshot
from .hub.pull import PullOptions, catalog_ids, parse_duration, pull_models
from .hub.snapshot import SnapshotError, load_snapshots
from .output import write_file_atomic, write_pages
from .scaffold import ScaffoldError, create_entry
from .site.build import render_site
from .site.pages import DEFAULT_REPO_URL, DEFAULT_SITE_URL

SCHEMA_PATH = Path("schema/model.schema.json")


def _validate(args) -> int:
    catalog = load_catalog(args.root)
    hub = load_snapshots(args.root, catalog.models)
    # Curated and Hub facts may disagree for good reasons (a card's rounding, a relicense): warn only.
    for model_id, facts in sorted(hub.items()):
        path = catalog.files[model_id]
        for mismatch in compare_with_snapshot(catalog.models[model_id], facts):
            if args.format == "github":
                line, column = read_yaml_file(args.root / path).key_position((mismatch.field,))
                print(
                    annotation(
                        "warning",
                        path,
                        line,
                        column,
                        f"{mismatch.field} disagrees with the Hub",
                        str(mismatch),
                    )
                )
            else:
                print(f"{path}: warning: {mismatch}", file=sys.stderr)
    kinds = {}
    for entry in catalog.models.values():
        kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    print(f"catalog OK: {len(catalog.models)} models ({summary}), {len(catalog.findings)} findings")
    return 0


def _render(args) -> int:
    pages = render_site(args.root, args.site_url, args.repo_url)
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


def _pull(args) -> int:
    known = catalog_ids(args.root)
    unknown = [i for i in args.ids if i not in known]
    if unknown:
        print(f"not in the catalog: {', '.join(unknown)} (add an entry with `new` first)", file=sys.stderr)
        return 2
    stale = args.stale_after if args.stale_after is not None else ("0" if args.ids else "7d")
    options = PullOptions(
        stale_after=parse_duration(stale),
        concurrency=args.concurrency,
        budget=args.budget,
        time_limit=parse_duration(args.time_limit),
        policy=RetryPolicy(timeout=args.timeout, retries=args.retries),
    )
    report = pull_models(args.root, args.ids or known, options)
    print(report.summary(args.root))
    if report.interrupted:
        return 130
    return 1 if args.strict and (report.failed or report.deferred) else 0


def _new(args) -> int:
    try:
        path, problems = create_entry(args.root, args.id)
    except ScaffoldError as exc:
        print(f"{args.id}: {exc}", file=sys.stderr)
        return 1
    except (PullFailed, PullDeferred) as exc:
        print(
            f"{args.id}: {exc}.\n`new` reads the model's facts from the Hugging Face Hub "
            f"({os.environ.get('HF_ENDPOINT', 'https://huggingface.co')}), which did not answer. Try again "
            "online, or write the file by hand: copy an entry of the same kind to "
            f"catalog/models/{args.id}.yaml and follow CONTRIBUTING, section 2.",
            file=sys.stderr,
        )
        return 1
    print(f"wrote {path.relative_to(args.root).as_posix()} and its Hub snapshot")
    if problems:
        print(f"{len(problems)} field(s) left to fill before it validates:")
        print("\n".join(f"  {problem}" for problem in problems))
    return 0


def _duration(text: str) -> str:
    parse_duration(text)  # reject a bad value while parsing arguments, with argparse's usage message
    return text


def _check_links(args) -> int:
    broken = check_site(args.site, args.site_url)
    for link in broken:
        print(link, file=sys.stderr)
    print(f"{len(broken)} broken internal link(s) in {args.site}")
    return 1 if broken else 0


def _check_sources(args) -> int:
    dead = check_sources(cited_urls(load_catalog(args.root)), timeout=args.timeout)
    for source in dead:
        print(source)
    print(f"{len(dead)} dead source(s)", file=sys.stderr)
    return 1 if dead and args.strict else 0


def _changes(args) -> int:
    try:
        before = entries_at(args.root, args.base)
    except subprocess.CalledProcessError as exc:
        print(f"cannot read the catalog at '{args.base}': {exc.stderr.strip()}", file=sys.stderr)
        return 2
    print(summarize(before, entries_now(args.root)))
    return 0


def _coverage(args) -> int:
    """Exits 1 when a cell of generator/data/coverage.yaml has fewer entries than it asks, with no reason."""
    rows = coverage(load_catalog(args.root))
    print(coverage_table(rows))
    return 1 if failing(rows) else 0


def _add_checks(sub) -> None:
    cov = sub.add_parser("coverage", help="print how well the catalog covers readers' needs, against targets")
    cov.set_defaults(func=_coverage)
    changes = sub.add_parser(
        "changes", help="Markdown summary of the catalog entries changed since a git rev"
    )
    changes.add_argument("--base", required=True, help="git revision to compare with, e.g. origin/main")
    changes.set_defaults(func=_changes)
    links = sub.add_parser("check-links", help="check every internal link of a built site, anchors included")
    links.add_argument("site", type=Path, help="the built site folder, e.g. site/")
    links.add_argument("--site-url", default=os.environ.get("SITE_URL", DEFAULT_SITE_URL))
    links.set_defaults(func=_check_links)
    sources = sub.add_parser("check-sources", help="report `sources` URLs that no longer answer")
    sources.add_argument("--timeout", type=float, default=20.0)
    sources.add_argument("--strict", action="store_true", help="exit 1 when a source is dead")
    sources.set_defaults(func=_check_sources)


def _add_pull(sub) -> None:
    pull = sub.add_parser("pull", help="refresh the Hub snapshot (catalog/hub/) from the Hugging Face Hub")
    pull.add_argument("ids", nargs="*", metavar="ID", help="catalog ids (default: every entry)")
    pull.add_argument(
        "--stale-after",
        type=_duration,
        help="skip snapshots younger than this, e.g. 12h, 7d (default: 7d; 0 when IDs are given)",
    )
    pull.add_argument("--strict", action="store_true", help="exit 1 if any model failed or was deferred")
    pull.add_argument("--concurrency", type=int, default=8, help="requests in flight at once (default: 8)")
    pull.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default: 10)")
    pull.add_argument("--retries", type=int, default=3, help="retries of 429, 5xx, timeouts (default: 3)")
    pull.add_argument(
        "--budget", type=int, help="requests per 5 minutes (default: 500, or 1000 with HF_TOKEN)"
    )
    pull.add_argument(
        "--time-limit",
        type=_duration,
        default="25m",
        help="stop waiting for rate-limit windows after this; the rest is deferred (default: 25m)",
    )
    pull.set_defaults(func=_pull)
    new = sub.add_parser("new", help="scaffold catalog/models/ORG/NAME.yaml from the Hub")
    new.add_argument("id", metavar="ORG/NAME")
    new.set_defaults(func=_new)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check every catalog file; print every error")
    validate.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: print GitHub Actions annotations that mark the offending lines in a pull request",
    )
    validate.set_defaults(func=_validate)
    render = sub.add_parser("render", help="write the generated pages to a plain folder")
    render.add_argument("--out", type=Path, required=True)
    render.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL", DEFAULT_SITE_URL),
        help="the published address, for absolute links in the feed (default: $SITE_URL)",
    )
    render.add_argument(
        "--repo-url",
        default=os.environ.get("ATLAS_REPOSITORY", DEFAULT_REPO_URL),
        help="GitHub repository for Edit and Report links (default: $ATLAS_REPOSITORY)",
    )
    render.set_defaults(func=_render)
    schema = sub.add_parser("schema", help=f"export the JSON Schema to {SCHEMA_PATH}")
    schema.add_argument("--check", action="store_true", help="fail if the committed file is stale")
    schema.set_defaults(func=_schema)
    _add_pull(sub)
    _add_checks(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CatalogInvalid as exc:
        for error in exc.errors:
            if getattr(args, "format", "text") == "github":
                title = f"{error.field}: invalid" if error.field else "invalid catalog file"
                print(annotation("error", error.file, error.line, error.column, title, error.message))
            else:
                print(error, file=sys.stderr)
        print(f"{len(exc.errors)} error(s) in the catalog", file=sys.stderr)
        return 1
    except SnapshotError as exc:
        print(exc, file=sys.stderr)
        return 1
