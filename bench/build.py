"""Benchmark the site build at 1,000, 5,000 and 10,000 synthetic models, against plain MkDocs and Zensical.

    python3 bench/build.py [--sizes 1000,5000,10000] [--zensical PATH | --no-zensical] [--keep DIR]

For each size, bench/synth.py writes a synthetic catalog into a scratch copy of the repository, then:

- generator: `python -m generator render --out rendered` alone (load, validate, render, write the pages);
- baseline: plain `mkdocs build` of those same pages, written once: a config that INHERITs mkdocs.yml with
  docs_dir = docs/ + the rendered pages and without the gen-files plugin (no generator in the loop);
- full: `mkdocs build --strict`, the real build, with the generator running inside it (gen-files);
- zensical: `zensical build` of the baseline's pages, from a separate venv (not the project's lock);
- the built site's size, the size of every model page, and a reader's first search in Chromium: the bytes
  transferred (gzip, as a static host sends them) for the search requests until the first results show.

Both MkDocs builds include the model-atlas plugin, whose search step (generator/mkdocs/search.py) runs
Pagefind after the pages are written and logs its own time and peak memory; the MkDocs columns do not
include it.
The generator's overhead is a ratio from one run: its own time inside the full build (imports, load,
validate, render; the gen-files adapter logs it) over MkDocs' own time in that build, which excludes
Pagefind and the handoff: gen-files writing each page to its temporary folder, logged apart, a cost of
the file system more than of Python. As a cross-check, the table also gives (full − baseline) / baseline,
which counts everything but compares two runs and so carries their noise.

Wall times are from time.perf_counter around each subprocess. Peak memory (RSS) is what the kernel reports
for each finished child through os.wait4 (ru_maxrss); MkDocs' own peak and Pagefind's are logged by the
plugin with getrusage, the generator's second process (generator/site/workers.py) logs its own, and
the build's peak is the sum of the three, since MkDocs and that process stay resident while Pagefind runs.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from project_venv import REPO, reexec_in_project_venv

reexec_in_project_venv()

import yaml  # noqa: E402
from synth import synthesize, synthetic_id  # noqa: E402

from generator.mkdocs.search import pagefind_command  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONHASHSEED="0")
CHROMIUM = "/usr/bin/chromium"
ZENSICAL_VENV = Path(tempfile.gettempdir()) / "atlas-bench-zensical"
PAGE_LIMIT = 40 * 1024
SEARCH_LIMIT = 1024 * 1024
HOOK_LINE = re.compile(r"pagefind: indexed the site in (?P<secs>[\d.]+) s; MkDocs peak RSS (?P<mk>\d+) MB")
GENERATOR_LINE = re.compile(
    r"generator: \d+ pages in (?P<secs>[\d.]+) s; handed to MkDocs in (?P<handoff>[\d.]+) s"
    r"(?: \(\d+ model pages written\))?; second process peak RSS (?P<worker>\d+) MB"
)


@dataclass
class Run:
    wall: float
    rss_mb: float
    output: str = ""


@dataclass
class Result:
    n: int
    generator: Run
    baseline: Run
    full: Run
    pagefind_full: float = 0.0
    generator_in_build: float = 0.0
    handoff: float = 0.0
    pagefind_base: float = 0.0
    pagefind_rss: float = 0.0
    mkdocs_rss: float = 0.0
    worker_rss: float = 0.0
    zensical: Run | str | None = None
    site_bytes: int = 0
    pages: list[int] = field(default_factory=list)
    search: dict = field(default_factory=dict)

    @property
    def full_mkdocs(self) -> float:
        return self.full.wall - self.pagefind_full

    @property
    def peak_rss(self) -> float:
        """MkDocs, the generator's second process and Pagefind: all resident at once at the end."""
        return self.mkdocs_rss + self.worker_rss + self.pagefind_rss

    @property
    def rest_of_mkdocs(self) -> float:
        """MkDocs' own time in the full build: without the generator, gen-files' handoff and Pagefind."""
        return self.full_mkdocs - self.generator_in_build - self.handoff

    @property
    def overhead(self) -> float:
        """The generator's time (load, validate, render) over MkDocs' own time in that same build."""
        return self.generator_in_build / self.rest_of_mkdocs

    @property
    def base_mkdocs(self) -> float:
        return self.baseline.wall - self.pagefind_base


# Linux carries a process's peak RSS across exec, so a child forked from a big process reports at least
# that process's size. A small launcher in between makes each measured command's ru_maxrss its own.
LAUNCHER = (
    "import os, subprocess, sys; p = subprocess.Popen(sys.argv[2:]); _, s, r = os.wait4(p.pid, 0); "
    "open(sys.argv[1], 'w').write(str(r.ru_maxrss)); sys.exit(os.waitstatus_to_exitcode(s))"
)


def run(cmd: list[str], cwd: Path, timeout: float = 1800) -> Run:
    """Run `cmd`: its wall time, the peak RSS of it and its children (the largest one), and its output."""
    # The previous run's written site would otherwise still be flushing to disk during this one's timing.
    os.sync()
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as rss:
        started = time.perf_counter()
        launch = [sys.executable, "-c", LAUNCHER, rss.name, *cmd]
        proc = subprocess.Popen(launch, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        deadline = started + timeout
        while True:
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                raise TimeoutError(f"{cmd} took more than {timeout} s")
            time.sleep(0.02)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
        peak_kb = int(rss.read() or 0)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}) in {cwd}:\n{text[-4000:]}")
    return Run(wall, peak_kb / 1024, text)


def _config_loader():
    class Loader(yaml.SafeLoader):
        pass

    def env(loader, node):  # !ENV [NAME, default]: keep the default, as a build without the variable does
        values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
        return values[-1] if values else None

    Loader.add_constructor("!ENV", env)
    return Loader


def baseline_config(root: Path) -> None:
    """Pages of `render --out` plus docs/ in one folder, and configs that build it without the generator."""
    docs = root / "baseline_docs"
    shutil.copytree(root / "docs", docs)
    shutil.copytree(root / "rendered", docs, dirs_exist_ok=True)
    shutil.copy(root / "CONTRIBUTING.md", docs / "contributing.md")  # as generator/mkdocs/gen_pages.py does
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_config_loader())
    plugins = [
        p
        for p in config.get("plugins", [])
        if not (p == "gen-files" or (isinstance(p, dict) and "gen-files" in p))
    ]
    baseline = {"INHERIT": "mkdocs.yml", "docs_dir": "baseline_docs", "plugins": plugins}
    (root / "baseline.yml").write_text(yaml.safe_dump(baseline, sort_keys=False), encoding="utf-8")
    # Zensical reads mkdocs.yml-style configs but neither INHERIT nor MkDocs plugins (nor hooks). Its own
    # search is off: the site searches with Pagefind, which runs after either builder and is timed apart.
    zensical_plugins = [{"search": {"enabled": False}}]
    config.update(docs_dir="baseline_docs", site_dir="site-zensical", plugins=zensical_plugins)
    config.pop("hooks", None)
    (root / "zensical.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")


def hook_figures(output: str) -> tuple[float, float]:
    """Pagefind's seconds and MkDocs' own peak RSS (MB), as the plugin's search step logs them."""
    match = HOOK_LINE.search(output)
    if not match:
        raise RuntimeError("the plugin did not report Pagefind's time:\n" + output[-2000:])
    return float(match["secs"]), float(match["mk"])


def find_zensical(option: str | None) -> Path | None:
    if option == "none":
        return None
    if option:
        return Path(option)
    found = shutil.which("zensical")
    if found:
        return Path(found)
    exe = ZENSICAL_VENV / "bin" / "zensical"
    if not exe.exists():
        print(
            f"installing zensical into {ZENSICAL_VENV} (a scratch venv, not the project's lock)", flush=True
        )
        subprocess.run([sys.executable, "-m", "venv", str(ZENSICAL_VENV)], check=True)
        subprocess.run(
            [str(ZENSICAL_VENV / "bin" / "pip"), "install", "--quiet", "zensical"],
            check=True,
        )
    return exe


# --- A reader's first search, in Chromium, against a server that gzips like a static host ---------------

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as GitHub Pages does: text types gzip-encoded when the browser accepts it."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        encode = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if encode:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if encode:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_dir(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = lambda *a, **k: GzipHandler(*a, directory=str(directory), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@dataclass
class SearchUI:
    """Where a reader types and where results show, and which requests belong to search."""

    page: str
    box: str
    result: str
    is_search_request: object


PAGEFIND = SearchUI(
    page="search/",
    box=".pagefind-ui__search-input",
    result=".pagefind-ui__result",
    is_search_request=lambda url: "/pagefind/" in url,
)


def first_search(site: Path, query: str, ui: SearchUI = PAGEFIND) -> dict:
    """Open the search page in a fresh browser, type `query`, and measure until results show."""
    from playwright.sync_api import sync_playwright

    server, base = serve_dir(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            try:
                page = browser.new_page()
                requests = []
                page.on("requestfinished", lambda r: requests.append(r))
                page.goto(base + ui.page, wait_until="load")
                box = page.locator(ui.box)
                box.wait_for(timeout=30_000)
                page.wait_for_load_state("networkidle")
                loaded = len(requests)
                started = time.perf_counter()
                box.click()
                box.press_sequentially(query)
                page.locator(ui.result).first.wait_for(timeout=60_000)
                shown = time.perf_counter() - started
                page.wait_for_load_state("networkidle")
                results = page.locator(ui.result).count()
                search = [r for r in requests if ui.is_search_request(r.url)]
                sizes = [r.sizes() for r in search]
                transferred = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
                before_typing = sum(
                    s["responseBodySize"] + s["responseHeadersSize"]
                    for r, s in zip(search, sizes, strict=True)
                    if requests.index(r) < loaded
                )
            finally:
                browser.close()
    finally:
        server.shutdown()
    return {
        "query": query,
        "bytes": transferred,
        "requests": len(search),
        "before_typing": before_typing,
        "seconds": shown,
        "results": results,
    }


# --- The benchmark -------------------------------------------------------------------------------------


def bench_size(n: int, work: Path, zensical: Path | None, browser: bool) -> Result:
    root = work / f"n{n}"
    print(f"\n== {n:,} models: synthesizing into {root}", flush=True)
    synthesize(root, n)
    py = sys.executable

    print("   generator render --out ...", flush=True)
    generator = run([py, "-m", "generator", "render", "--out", "rendered"], root)
    baseline_config(root)
    print("   baseline mkdocs build (pages written once) ...", flush=True)
    baseline = run([py, "-m", "mkdocs", "build", "--strict", "-f", "baseline.yml", "-d", "site-base"], root)
    print("   full mkdocs build (generator in the loop) ...", flush=True)
    full = run([py, "-m", "mkdocs", "build", "--strict", "-d", "site"], root)
    result = Result(n, generator, baseline, full)
    result.pagefind_full, result.mkdocs_rss = hook_figures(full.output)
    logged = GENERATOR_LINE.search(full.output)
    result.generator_in_build, result.handoff = float(logged["secs"]), float(logged["handoff"])
    result.worker_rss = float(logged["worker"])
    result.pagefind_base = hook_figures(baseline.output)[0]
    # Pagefind's own peak: the same indexing of the built site again, on its own.
    print("   pagefind alone (for its memory) ...", flush=True)
    result.pagefind_rss = run(pagefind_command("site-base"), root).rss_mb

    if zensical is not None:
        print("   zensical build ...", flush=True)
        try:
            result.zensical = run([str(zensical), "build", "--clean", "-f", "zensical.yml"], root)
        except (RuntimeError, OSError, TimeoutError) as exc:
            result.zensical = f"failed: {str(exc).strip().splitlines()[-1][:160]}"

    site = root / "site"
    result.site_bytes = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    result.pages = [f.stat().st_size for f in (site / "models").rglob("index.html")]
    if browser:
        print("   first search in Chromium ...", flush=True)
        queries = (synthetic_id(n // 2), "speech recognition")
        result.search = {q: first_search(site, q) for q in queries}
    return result


def machine() -> str:
    mem = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("mkdocs", "mkdocs-material", "pagefind", "Markdown", "Jinja2")
    )
    return (
        f"machine: {os.cpu_count()} cores ({cpu}), {mem / 1024 / 1024:.1f} GiB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; {versions}"
    )


def report(results: list[Result], zensical: Path | None) -> str:
    lines = [machine()]
    if zensical is not None:
        version = subprocess.run([str(zensical), "--version"], capture_output=True, text=True).stdout.strip()
        lines[0] += f", zensical {version.split()[-1] if version else '?'}"
    lines += [
        "",
        "| Models | Full build | Peak RSS (MkDocs + second process + Pagefind) | Generator in build "
        "| Handoff (gen-files) | Rest of MkDocs | Generator overhead | Pagefind | MkDocs baseline "
        "| Full − baseline | Generator alone | Zensical | Site | Model page mean / max |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        cross = (r.full_mkdocs - r.base_mkdocs) / r.base_mkdocs
        zen = f"{r.zensical.wall:.1f} s" if isinstance(r.zensical, Run) else (r.zensical or "–")
        lines.append(
            f"| {r.n:,} | {r.full.wall:.1f} s | {r.peak_rss:,.0f} MB "
            f"({r.mkdocs_rss:,.0f} + {r.worker_rss:,.0f} + {r.pagefind_rss:,.0f}) "
            f"| {r.generator_in_build:.2f} s "
            f"| {r.handoff:.2f} s "
            f"| {r.rest_of_mkdocs:.1f} s | {r.overhead:.1%} | {r.pagefind_full:.1f} s "
            f"| {r.base_mkdocs:.1f} s | {cross:+.1%} | {r.generator.wall:.1f} s | {zen} "
            f"| {r.site_bytes / 1e6:,.0f} MB "
            f"| {statistics.mean(r.pages) / 1024:.1f} / {max(r.pages) / 1024:.1f} KB |"
        )
    if any(r.search for r in results):
        lines += [
            "",
            "| Models | First search | Transferred (gzip) | Requests | Of which before typing "
            "| Results shown after |",
            "| ---: | --- | ---: | ---: | ---: | ---: |",
        ]
        for r in results:
            for q, s in r.search.items():
                lines.append(
                    f"| {r.n:,} | `{q}` | {s['bytes'] / 1024:,.0f} KB | {s['requests']} "
                    f"| {s['before_typing'] / 1024:,.0f} KB | {s['seconds']:.2f} s ({s['results']} shown) |"
                )
    small, big = results[0], results[-1]
    ratio = big.full.wall / small.full.wall
    scale = big.n / small.n
    worst_page = max(max(r.pages) for r in results)
    worst_search = max((s["bytes"] for r in results for s in r.search.values()), default=None)
    checks = [
        (f"t({big.n:,}) / t({small.n:,}) = {ratio:.2f} (target ≤ {scale * 1.1:g})", ratio <= scale * 1.1),
        (f"{big.n:,} models in {big.full.wall:.1f} s (target < 90 s)", big.full.wall < 90),
        (
            f"peak memory {big.peak_rss:,.0f} MB (target < 1,536 MB)",
            big.peak_rss < 1536,
        ),
        (
            "generator overhead "
            + ", ".join(f"{r.overhead:.1%} at {r.n:,}" for r in results)
            + " of MkDocs' own time (target < 10%)",
            all(r.overhead < 0.10 for r in results),
        ),
        (f"largest model page {worst_page / 1024:.1f} KB (target < 40 KB)", worst_page < PAGE_LIMIT),
    ]
    if worst_search is not None:
        checks.append(
            (
                f"first search ≤ {worst_search / 1024:,.0f} KB gzip (target ≤ 1,024 KB)",
                worst_search <= SEARCH_LIMIT,
            )
        )
    lines += [""] + [f"- {'PASS' if ok else 'FAIL'}: {text}" for text, ok in checks]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000", help="comma-separated catalog sizes")
    parser.add_argument("--zensical", help="path to a zensical executable (default: find or install one)")
    parser.add_argument("--no-zensical", dest="zensical", action="store_const", const="none")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measurement in Chromium")
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    browser = not args.no_browser
    if browser and not os.path.exists(CHROMIUM):  # installs Debian's chromium, as `make test` does
        subprocess.run([sys.executable, str(REPO / "tests" / "ensure_chromium.py")], check=True)
    zensical = find_zensical(args.zensical)
    work = args.keep or Path(tempfile.mkdtemp(prefix="atlas-bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = [bench_size(n, work, zensical, browser) for n in sizes]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = report(results, zensical)
    print("\n" + text)
    return 0 if "FAIL" not in text else 1


if __name__ == "__main__":
    raise SystemExit(main())
