"""Write a synthetic catalog of N valid entries into a scratch copy of the repository, for benchmarks.

    .venv/bin/python bench/synth.py --n 10000 [--out DIR] [--seed 6] [--hub 1.0]

The copy holds what a build reads (mkdocs.yml, docs/, overrides/, CONTRIBUTING.md, the real
catalog/categories.yaml, and a symlink to generator/) plus N entries under
catalog/models/synthetic-org-K/model-NNNNN.yaml, their Hub snapshots and a few findings. It is never
written inside this repository's catalog/.

Entries are realistic rather than uniform: each one copies the field mix of a real entry picked at random
(kind, modality, task, license, languages, whether params are known, how many not_for items and sources)
and gets text of the same length, drawn from a word-level Markov chain trained on the real catalog's
summaries, scopes and not_for items. So page sizes and the compressibility of the search index follow the
real catalog's. Every entry says it is synthetic in its name and summary. Alternatives point across the
specialized/general divide as the validator requires, to other synthetic entries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.catalog.load import load_catalog  # noqa: E402
from generator.catalog.schema import ModelEntry  # noqa: E402
from generator.catalog.tasks import can_replace, model_inputs  # noqa: E402

COPIED = ("mkdocs.yml", "CONTRIBUTING.md", "docs", "overrides")
FINDINGS = 9
MODELS_PER_ORG = 20


class Markov:
    """Order-1 word chain over real catalog text: plausible words, real word lengths, real entropy."""

    def __init__(self, texts: list[str]):
        self.next: dict[str, list[str]] = {}
        self.starts: list[str] = []
        for text in texts:
            words = text.split()
            if not words:
                continue
            self.starts.append(words[0])
            for a, b in zip(words, words[1:], strict=False):
                self.next.setdefault(a, []).append(b)
        self.words = [w for text in texts for w in text.split()]

    def text(self, rng: random.Random, length: int) -> str:
        """About `length` characters, cut at a word boundary, never longer."""
        out: list[str] = []
        size = 0
        word = rng.choice(self.starts)
        while True:
            if size + len(word) + (1 if out else 0) > length:
                break
            out.append(word)
            size += len(word) + (1 if len(out) > 1 else 0)
            followers = self.next.get(word)
            word = rng.choice(followers) if followers else rng.choice(self.words)
        if not out:
            out.append(word[: max(1, length)])
        return " ".join(out).rstrip(",;:") or "text"


def _real_entries() -> list[ModelEntry]:
    return list(load_catalog(REPO).models.values())


def synthetic_id(i: int) -> str:
    return f"synthetic-org-{i // MODELS_PER_ORG}/model-{i:05}"


def _entry(i: int, template: ModelEntry, chain: Markov, rng: random.Random) -> dict:
    """One entry shaped like `template`, with fresh text of the same lengths (alternatives set later)."""
    name = f"Synthetic {chain.text(rng, max(8, len(template.name) - 10)).strip('.')} {i:05}"
    summary = "Synthetic benchmark entry. " + chain.text(rng, max(20, len(template.summary) - 27))
    entry: dict = {
        "id": synthetic_id(i),
        "name": name[:120],
        "summary": summary[:300],
        "kind": template.kind,
        "focus": chain.text(rng, len(template.focus)),
    }
    if template.kind == "domain":
        entry["domain"] = template.domain or "finance"
    entry["scope"] = chain.text(rng, len(template.scope))
    entry["not_for"] = [chain.text(rng, len(item)) for item in template.not_for]
    entry["alternatives"] = []
    if template.task:
        entry["task"] = template.task
    for fact in ("tuning", "embeddings", "open_labels"):
        if getattr(template, fact):
            entry[fact] = getattr(template, fact)
    for fact in ("also_does", "not_for_subjects", "labels_cover", "runtimes"):
        if getattr(template, fact):
            entry[fact] = list(getattr(template, fact))
    if template.modality:
        entry["modality"] = template.modality
    if template.languages:
        entry["languages"] = list(template.languages)
    if template.license:
        entry["license"] = template.license
    if template.subjects:
        entry["subjects"] = list(template.subjects)
    scale = rng.uniform(0.5, 2.0)  # params and weights scale together, so the size check still holds
    if template.params:
        entry["params"] = int(template.params * scale)
        if template.params_estimated:
            entry["params_estimated"] = True
    if template.weights:  # also where params are `unchecked`: the weights are then known alone
        weights = template.weights.model_dump()
        weights["bytes"] = max(1, int(weights["bytes"] * scale))
        entry["weights"] = weights
    if template.unchecked:
        entry["unchecked"] = list(template.unchecked)
    if template.evidence:
        entry["evidence"] = [
            {
                **r.model_dump(exclude_none=True, exclude={"compared_with"}),
                **(
                    {"compared_with": {"name": "A general baseline", "value": r.compared_with.value}}
                    if r.compared_with
                    else {}
                ),
            }
            for r in template.evidence
        ]
    entry["added"] = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(1050))
    entry["sources"] = [f"https://huggingface.co/{synthetic_id(i)}"] + [
        f"https://arxiv.org/abs/{rng.randrange(1900, 2600)}.{rng.randrange(10000, 99999)}"
        for _ in template.sources[1:]
    ]
    return entry


def _link_alternatives(entries: list[dict], templates: list[ModelEntry], rng: random.Random) -> None:
    """Specialists name models that do their job, as the validator requires (a general one first, where
    one does); general models name none (their pages list the specialists that name them)."""
    general = [(e, t) for e, t in zip(entries, templates, strict=True) if e["kind"] == "general"]
    fitting_by_template: dict[str, list[str]] = {}
    special = [(e["id"], t) for e, t in zip(entries, templates, strict=True) if e["kind"] != "general"]
    for entry, template in zip(entries, templates, strict=True):
        if entry["kind"] == "general":
            continue
        if template.id not in fitting_by_template:  # a few hundred real templates, thousands of copies
            fitting_by_template[template.id] = [e["id"] for e, t in general if can_replace(t, template)]
        fitting = fitting_by_template[template.id]
        picks = [rng.choice(fitting)] if fitting else []
        for _ in range(len(template.alternatives) - 1):
            other, other_template = rng.choice(special)
            if other not in picks and other != entry["id"] and can_replace(other_template, template):
                picks.append(other)
        entry["alternatives"] = picks


def _hub(entry: dict, rng: random.Random) -> dict:
    """A snapshot shaped like the pull writes, with the counts and tags a Hub model page has."""
    params = entry.get("params") or int(rng.lognormvariate(19, 1.5))
    task = entry.get("task", "text-classification")
    langs = entry.get("languages", [])
    tags = [task, "transformers", "safetensors", *langs, f"license:{entry.get('license', 'other')}"]
    tags += [
        f"arxiv:{rng.randrange(1900, 2600)}.{rng.randrange(10000, 99999)}" for _ in range(rng.randrange(3))
    ]
    tags += ["region:us", "autotrain_compatible", "endpoints_compatible"][: rng.randrange(4)]
    pulled = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randrange(10000))
    modified = dt.datetime(2023, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randrange(1_500_000))
    return {
        "id": entry["id"],
        "pulled_at": pulled.isoformat().replace("+00:00", "Z"),
        "sha": f"{rng.getrandbits(160):040x}",
        "last_modified": modified.isoformat().replace("+00:00", "Z"),
        "downloads": int(rng.lognormvariate(7, 3)),
        "likes": int(rng.lognormvariate(2, 2)),
        "library_name": rng.choice(["transformers", "transformers", "sentence-transformers", "onnx", "timm"]),
        "pipeline_tag": task,
        "tags": tags,
        "license": entry.get("license"),
        "languages": langs,
        "gated": rng.random() < 0.05,
        "params": params,
        "used_storage": params * rng.choice([2, 4, 6, 8]),
    }


def _finding(n: int, ids: list[str], chain: Markov, rng: random.Random) -> dict:
    return {
        "id": f"synthetic-finding-{n}",
        "title": f"Synthetic finding {n}: " + chain.text(rng, 60),
        "claim": chain.text(rng, 240),
        "evidence": [{"figure": f"{rng.uniform(1, 30):.1f} % accuracy", "detail": chain.text(rng, 300)}],
        "conditions": chain.text(rng, 300),
        "caveats": [chain.text(rng, 160) for _ in range(2)],
        "models": rng.sample(ids, min(len(ids), rng.randrange(3, 7))),
        "sources": [f"https://arxiv.org/abs/{rng.randrange(1900, 2600)}.{rng.randrange(10000, 99999)}"],
    }


def _dump_yaml(data: dict) -> str:
    # The C dumper quotes anything YAML 1.1 would misread (`no`, `1.10`), so the 1.2 reader agrees.
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=120)


def scratch_repo(out: Path, code: Path = REPO, catalog: Path | None = None) -> Path:
    """The files a build reads from the repository at `code`, copied (generator/ symlinked) into `out`,
    with a copy of `catalog`, or an empty catalog (only the categories) to fill."""
    out.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        src = code / name
        if src.is_dir():
            shutil.copytree(src, out / name)
        else:
            shutil.copy2(src, out / name)
    (out / "generator").symlink_to(code / "generator")
    if catalog is not None:
        shutil.copytree(catalog, out / "catalog")
        return out
    (out / "catalog").mkdir()
    shutil.copy2(code / "catalog" / "categories.yaml", out / "catalog" / "categories.yaml")
    return out


def synthesize(out: Path, n: int, seed: int = 6, hub_fraction: float = 1.0) -> Path:
    """Write the scratch repository with `n` synthetic entries; returns its root."""
    if n < 2:
        raise ValueError("need at least 2 entries: one general model and one specialist")
    out = Path(out).resolve()
    if out == REPO or out.is_relative_to(REPO / "catalog"):
        raise ValueError("refusing to write synthetic entries into the repository's catalog")
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty")
    rng = random.Random(seed)
    real = _real_entries()
    chain = Markov([m.summary for m in real] + [m.scope for m in real] + [x for m in real for x in m.not_for])
    templates = [rng.choice(real) for _ in range(n)]
    # The validator needs both sides of the divide: make sure both exist, whatever the sample.
    # One general model per kind of input, so that every specialist has a fallback that takes its input.
    generals = {}
    for m in real:
        if m.kind == "general":
            generals.setdefault(frozenset(model_inputs(m)), m)
    for slot, model in enumerate(generals.values()):
        templates[slot] = model
    templates[len(generals)] = next(m for m in real if m.kind != "general")
    entries = [_entry(i, t, chain, rng) for i, t in enumerate(templates)]
    _link_alternatives(entries, templates, rng)

    scratch_repo(out)
    models_dir = out / "catalog" / "models"
    for entry in entries:
        path = models_dir / f"{entry['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_dump_yaml(entry), encoding="utf-8")
        if rng.random() < hub_fraction:
            hub = out / "catalog" / "hub" / f"{entry['id']}.json"
            hub.parent.mkdir(parents=True, exist_ok=True)
            hub.write_text(json.dumps(_hub(entry, rng), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    ids = [e["id"] for e in entries]
    findings_dir = out / "catalog" / "findings"
    findings_dir.mkdir()
    for k in range(FINDINGS):
        finding = _finding(k, ids, chain, rng)
        (findings_dir / f"{finding['id']}.yaml").write_text(_dump_yaml(finding), encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True, help="number of entries")
    parser.add_argument("--out", type=Path, help="empty or new folder (default: a new temporary folder)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--hub", type=float, default=1.0, help="fraction of entries with a Hub snapshot")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix=f"atlas-synth-{args.n}-"))
    try:
        root = synthesize(out, args.n, args.seed, args.hub)
    except ValueError as exc:
        parser.error(str(exc))
    print(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
