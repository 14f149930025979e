"""Benchmark the pull stage: 1,000 models from a local fake Hub that takes 50 ms per answer.

With N requests in flight the ideal wall time is models × latency / N; the pull's own overhead (client,
parsing, atomic writes) is the ratio to that ideal, and the target is at most 1.3×. The server runs in a
separate process, as the real Hub would, and the catalog is synthetic, in a temporary folder.

    .venv/bin/python bench/pull.py [--models 1000] [--latency 0.05] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.hub.client import HubSettings, RetryPolicy  # noqa: E402
from generator.hub.pull import PullOptions, pull_models  # noqa: E402

TARGET = 1.3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per answer")
    parser.add_argument("--concurrency", type=int, default=PullOptions().concurrency)
    args = parser.parse_args()
    if args.latency <= 0 or args.concurrency < 1 or args.models < 1:
        parser.error("latency, concurrency and models must be positive")

    server = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "tests" / "hub_server.py"),
            "--synthetic",
            "--latency",
            str(args.latency),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
            root = Path(tmp)
            ids = [f"bench/model-{n:04}" for n in range(args.models)]
            for model_id in ids:
                path = root / "catalog" / "models" / f"{model_id}.yaml"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(f"id: {model_id}\n", encoding="utf-8")
            # No rate-limit budget here: the benchmark measures the pull's overhead, not the Hub's policy.
            options = PullOptions(
                stale_after=0,
                concurrency=args.concurrency,
                budget=float("inf"),
                policy=RetryPolicy(retries=0),
            )
            started = time.perf_counter()
            report = pull_models(root, ids, options, HubSettings(endpoint=url))
            wall = time.perf_counter() - started
    finally:
        server.stdin.close()
        server.wait(timeout=10)

    ideal = args.models * args.latency / args.concurrency
    ratio = wall / ideal
    print(
        f"pull benchmark: {args.models} models, {args.latency * 1000:g} ms per answer, "
        f"concurrency {args.concurrency}"
    )
    print(f"pulled {len(report.pulled)}, failed {len(report.failed)}, {report.requests} requests")
    print(
        f"wall {wall:.2f} s, ideal {ideal:.2f} s ({args.models} × {args.latency * 1000:g} ms / "
        f"{args.concurrency}), ratio {ratio:.2f}× (target ≤ {TARGET}×)"
    )
    return 0 if ratio <= TARGET and len(report.pulled) == args.models else 1


if __name__ == "__main__":
    raise SystemExit(main())
