"""How long validation takes: synthetic catalogs of growing size, and one hostile file full of errors.

    python3 bench/validate.py [--sizes 1000,10000]

Prints, for each size, the time `load_catalog` + `load_snapshots` take (best of three, in this process, one
core) and the time per entry, so that linear growth shows as a flat last column. Then a single 58 KB entry
naming 4,800 unknown alternatives beside the real catalog: every error positioned, in one run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import project_venv

project_venv.reexec_in_project_venv()

sys.path.insert(0, str(project_venv.REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import scratch_repo, synthesize  # noqa: E402

from generator.catalog.load import CatalogInvalid, load_catalog  # noqa: E402
from generator.hub.snapshot import load_snapshots  # noqa: E402


def _best_of(runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _validate(root: Path) -> None:
    catalog = load_catalog(root)
    load_snapshots(root, catalog.models)


def _hostile(root: Path) -> tuple[float, int]:
    scratch_repo(root)
    real = project_venv.REPO / "catalog" / "models"
    for path in real.rglob("*.yaml"):
        target = root / "catalog" / "models" / path.relative_to(real)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    entry = (real / "ProsusAI" / "finbert.yaml").read_text(encoding="utf-8")
    unknown = "".join(f"  - n/m{i}\n" for i in range(4800))
    hostile = entry.replace("alternatives:\n", "alternatives:\n" + unknown)
    (root / "catalog" / "models" / "ProsusAI" / "finbert.yaml").write_text(hostile, encoding="utf-8")
    count = 0

    def run():
        nonlocal count
        try:
            load_catalog(root)
        except CatalogInvalid as exc:
            count = len(exc.errors)

    return _best_of(3, run), count, len(hostile.encode())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated entry counts")
    args = parser.parse_args()
    print("| Entries | Validate (catalog + Hub snapshots) | Per entry |")
    print("| ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="atlas-validate-") as scratch:
        for n in (int(size) for size in args.sizes.split(",")):
            root = synthesize(Path(scratch) / f"n{n}", n)
            seconds = _best_of(3, lambda root=root: _validate(root))
            print(f"| {n:,} | {seconds:.2f} s | {seconds / n * 1e6:.0f} µs |", flush=True)
        seconds, errors, size = _hostile(Path(scratch) / "hostile")
    print(
        f"\nOne {size / 1000:.0f} KB entry, {errors:,} unknown alternatives: {seconds:.2f} s (target < 2 s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
