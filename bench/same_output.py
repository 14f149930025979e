"""Whether a change leaves the built site byte-identical: two builds of the same catalog, one with the code of
a git revision and one with the working tree's, compared file by file.

    python3 bench/same_output.py [--ref HEAD] [--n 1000] [--keep DIR]
    python3 bench/same_output.py --against DIR


Builds, with each side's own generator, templates, docs/, overrides/ and mkdocs.yml: the working tree's
real catalog, and a synthetic catalog of N entries (bench/synth.py, written once, so both sides read the
same files). Prints, per catalog, the files only one side has and the files whose bytes differ (the first
differing line of each, for text), and exits 1 if any differ. A refactor should print nothing but "same";
a change meant to alter the output lists exactly the pages it meant to alter. `--against DIR` compares
with the "before" builds an earlier `--keep DIR` run left there (and its synthetic catalog), for a change
that the revision's code cannot be built beside, such as one that moves the plugin the installed package's
entry point names.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from project_venv import REPO, reexec_in_project_venv

reexec_in_project_venv()

sys.path.insert(0, str(REPO))
from synth import scratch_repo, synthesize  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
SHOWN = 20  # differing files listed per catalog


def side(code: Path, catalog: Path, out: Path) -> Path:
    """A scratch repository with `code`'s build files and generator, and `catalog`; built into out/site."""
    scratch_repo(out, code=code, catalog=catalog)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"],
        cwd=out,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode:
        raise SystemExit(f"build failed in {out}:\n{result.stderr[-3000:]}")
    return out / "site"


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def first_difference(a: Path, b: Path) -> str:
    try:
        left, right = a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return f"binary, {a.stat().st_size} vs {b.stat().st_size} bytes"
    for number, (x, y) in enumerate(zip(left, right, strict=False), 1):
        if x != y:
            return f"line {number}: {x[:160]!r} → {y[:160]!r}"
    return f"{len(left)} vs {len(right)} lines"


def compare(name: str, before: Path, after: Path) -> bool:
    old, new = files(before), files(after)
    changed = sorted(p for p in old & new if not filecmp.cmp(before / p, after / p, shallow=False))
    only_old, only_new = sorted(old - new), sorted(new - old)
    if not (changed or only_old or only_new):
        print(f"{name}: same ({len(new):,} files)")
        return True
    print(f"{name}: {len(changed)} changed, {len(only_old)} only before, {len(only_new)} only after")
    for path in changed[:SHOWN]:
        print(f"  changed {path}: {first_difference(before / path, after / path)}")
    for path in only_old[:SHOWN]:
        print(f"  only before: {path}")
    for path in only_new[:SHOWN]:
        print(f"  only after: {path}")
    return False


def against(kept: Path) -> int:
    """The working tree's builds of the catalogs kept in `kept`, compared with the builds kept there."""
    same = True
    for before in sorted(kept.glob("*-before")):
        slug = before.name.removesuffix("-before")
        catalog = REPO / "catalog" if slug == "real" else kept / "synthetic" / "catalog"
        after = kept / f"{slug}-after"
        shutil.rmtree(after, ignore_errors=True)
        same = (
            compare(f"{slug} catalog (kept → working tree)", before / "site", side(REPO, catalog, after))
            and same
        )
    return 0 if same else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="HEAD", help="the revision to compare the working tree with")
    parser.add_argument("--n", type=int, default=1000, help="entries in the synthetic catalog")
    parser.add_argument("--keep", type=Path, help="build here and keep the builds")
    parser.add_argument("--against", type=Path, help="compare with the before-builds kept in this folder")
    args = parser.parse_args()
    if args.against:
        return against(args.against)
    work = args.keep or Path(tempfile.mkdtemp(prefix="atlas-same-"))
    work.mkdir(parents=True, exist_ok=True)
    ref = work / "ref"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(ref), args.ref], cwd=REPO, check=True)
    try:
        synthetic = synthesize(work / "synthetic", args.n) / "catalog"
        same = True
        for name, catalog in (("real catalog", REPO / "catalog"), (f"{args.n:,} synthetic", synthetic)):
            slug = name.split()[0]
            before = side(ref, catalog, work / f"{slug}-before")
            after = side(REPO, catalog, work / f"{slug}-after")
            same = compare(f"{name} ({args.ref} → working tree)", before, after) and same
        return 0 if same else 1
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(ref)], cwd=REPO, check=False)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
