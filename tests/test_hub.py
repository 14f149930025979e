"""The Hub pull, against a real HTTP server on 127.0.0.1 speaking the Hub's API (never a mocked client)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
import yaml
from conftest import REPO, SPECIALIST, make_repo, write
from hub_server import Answer, FakeHub, gated, hub_doc, not_found

from generator.catalog.load import load_catalog
from generator.catalog.schema import ModelEntry
from generator.cli import main
from generator.hub.client import HubSettings, RetryPolicy, compare_with_snapshot
from generator.hub.pull import PullOptions, parse_duration, pull_models
from generator.hub.snapshot import HubFacts, read_snapshot, snapshot_path
from generator.site.build import render_site
from generator.site.indexes import FINDER_INDEX

IDS = ["acme/fin-sentiment", "acme/general-encoder", "acme/norsk-bert"]
FAST = RetryPolicy(timeout=0.3, retries=2, backoff_base=0.01, backoff_max=0.05)
OLD = {"id": "acme/fin-sentiment", "pulled_at": "2020-01-01T00:00:00Z", "downloads": 1, "license": "mit"}


def options(**overrides) -> PullOptions:
    return PullOptions(**{"stale_after": 0, "concurrency": 4, "policy": FAST, **overrides})


def pull(root, hub: FakeHub, ids=IDS, **overrides):
    return pull_models(root, ids, options(**overrides), HubSettings(endpoint=hub.url))


@pytest.fixture
def old_snapshot(repo):
    write(snapshot_path(repo, OLD["id"]), json.dumps(OLD))
    return snapshot_path(repo, OLD["id"]).read_text(encoding="utf-8")


def test_success_writes_a_sorted_snapshot_of_the_expanded_fields(repo):
    with FakeHub({i: hub_doc(i) for i in IDS}) as hub:
        report = pull(repo, hub)
    assert sorted(report.pulled) == IDS and not report.failed and report.requests == 3
    assert {"cardData", "safetensors", "usedStorage", "sha"} <= set(hub.requests[0].expand)
    text = snapshot_path(repo, "acme/fin-sentiment").read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == sorted(data) and text.endswith("}\n") and "trendingScore" not in text
    facts = HubFacts.model_validate(data)
    assert (facts.params, facts.license, facts.languages) == (109484547, "apache-2.0", ["en"])
    # The card's base_model is not kept: the lineage pages show is the curated `base_model`.
    assert "base_models" not in data
    assert (facts.downloads, facts.used_storage, facts.gated, facts.pipeline_tag) == (
        1000,
        1316525846,
        False,
        "text-classification",
    )
    assert dt.datetime.now(dt.UTC) - facts.pulled_at < dt.timedelta(minutes=1)


@pytest.mark.parametrize(
    "answers, reason",
    [
        ([not_found("x")], "not found (404 RepoNotFound)"),
        ([gated("x")], "gated (401 GatedRepo)"),
        ([Answer(500, {"error": "boom"})] * 3, "HTTP 500, 3 attempts"),
        ([Answer(200, "{not json")], "malformed answer"),
        ([Answer(200, [1, 2])], "malformed answer"),
        ([Answer(200, hub_doc("acme/fin-sentiment"), delay=1.0)] * 3, "timed out after 0.3 s, 3 attempts"),
    ],
    ids=["404", "401-gated", "500", "malformed-json", "not-an-object", "timeout"],
)
def test_a_failure_keeps_the_last_snapshot_and_is_named(repo, old_snapshot, answers, reason):
    docs = {i: hub_doc(i) for i in IDS}
    with FakeHub(docs, {"acme/fin-sentiment": answers}) as hub:
        report = pull(repo, hub)
    assert reason in report.failed["acme/fin-sentiment"]
    assert snapshot_path(repo, "acme/fin-sentiment").read_text(encoding="utf-8") == old_snapshot
    assert sorted(report.pulled) == IDS[1:]
    assert f"failed acme/fin-sentiment: {reason}" in report.summary(repo)
    assert "kept the last snapshot" in report.summary(repo)


@pytest.mark.parametrize(
    "headers",
    [
        {"Retry-After": "1"},
        {"RateLimit": '"api";r=0;t=1', "RateLimit-Policy": '"fixed window";"api";q=5;w=300'},
    ],
    ids=["retry-after", "ratelimit-header"],
)
def test_429_waits_as_told_then_succeeds(repo, headers):
    script = {"acme/fin-sentiment": [Answer(429, {"error": "slow down"}, headers)]}
    with FakeHub({i: hub_doc(i) for i in IDS}, script) as hub:
        report = pull(repo, hub, ids=IDS[:1])
    assert report.pulled == ["acme/fin-sentiment"]
    first, second = hub.requests
    assert second.started - first.finished >= 0.95


def test_second_pull_within_stale_after_sends_no_request(repo, monkeypatch, capsys):
    with FakeHub({i: hub_doc(i) for i in IDS}) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        assert main(["--root", str(repo), "pull", "--stale-after", "1h"]) == 0
        assert len(hub.requests) == 3
        assert main(["--root", str(repo), "pull", "--stale-after", "1h"]) == 0
        assert len(hub.requests) == 3
    assert "pulled 0 (0 changed), fresh 3, failed 0, deferred 0 (0 requests" in capsys.readouterr().out


def test_concurrency_is_bounded(tmp_path):
    ids = [f"bench/m{i:02}" for i in range(24)]
    root = make_repo(tmp_path, {i: f"id: {i}\n" for i in ids})
    with FakeHub(latency=0.05, synthetic=True) as hub:
        report = pull(root, hub, ids=ids, concurrency=3)
    assert len(report.pulled) == 24 and hub.peak_in_flight == 3


def test_budget_spreads_requests_over_windows(tmp_path):
    ids = [f"bench/m{i:02}" for i in range(9)]
    root = make_repo(tmp_path, {i: f"id: {i}\n" for i in ids})
    with FakeHub(synthetic=True) as hub:
        report = pull(root, hub, ids=ids, budget=4, window=0.4)
    starts = sorted(r.started for r in hub.requests)
    assert len(report.pulled) == 9
    assert all(b - a >= 0.35 for a, b in zip(starts, starts[4:], strict=False))


def test_spent_budget_defers_the_newest_snapshots(tmp_path):
    ids = [f"bench/m{i}" for i in range(5)]
    root = make_repo(tmp_path, {i: f"id: {i}\n" for i in ids})
    for n, model_id in enumerate(ids[1:]):  # m0 has no snapshot; m4 is the newest
        write(
            snapshot_path(root, model_id),
            json.dumps({"id": model_id, "pulled_at": f"202{n}-01-01T00:00:00Z"}),
        )
    with FakeHub(synthetic=True) as hub:
        report = pull(root, hub, ids=ids, budget=3, window=60, time_limit=1, concurrency=1)
    assert hub.requested() == ["bench/m0", "bench/m1", "bench/m2"]
    assert sorted(report.deferred) == ["bench/m3", "bench/m4"]
    assert "deferred bench/m4: request budget spent" in report.summary(root)


def test_token_is_sent_but_never_printed_or_written(repo, monkeypatch, capsys):
    secret = "hf_SECRETsecretSECRET"
    monkeypatch.setenv("HF_TOKEN", secret)
    with FakeHub({"acme/general-encoder": hub_doc("acme/general-encoder")}) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        assert main(["--root", str(repo), "pull"]) == 0
        assert main(["--root", str(repo), "pull", "--strict", "acme/fin-sentiment"]) == 1
    assert {r.authorization for r in hub.requests} == {f"Bearer {secret}"}
    out = capsys.readouterr()
    assert "failed acme/fin-sentiment: not found (404 RepoNotFound); no snapshot" in out.out
    written = "".join(p.read_text(encoding="utf-8") for p in (repo / "catalog").rglob("*.*"))
    assert secret not in out.out + out.err + written
    assert secret not in repr(HubSettings.from_env())


def test_write_failure_keeps_the_old_file(repo, old_snapshot, monkeypatch):
    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("generator.output.os.fsync", disk_full)
    with FakeHub({i: hub_doc(i) for i in IDS}) as hub:
        report = pull(repo, hub, ids=IDS[:1])
    assert "No space left on device" in report.failed["acme/fin-sentiment"]
    assert snapshot_path(repo, "acme/fin-sentiment").read_text(encoding="utf-8") == old_snapshot
    assert not list((repo / "catalog" / "hub").rglob("*.tmp"))


def test_killed_pull_leaves_every_file_old_or_new(tmp_path):
    ids = [f"bench/m{i:03}" for i in range(400)]
    root = make_repo(tmp_path, {i: f"id: {i}\n" for i in ids})
    old = {i: json.dumps({"id": i, "pulled_at": "2020-01-01T00:00:00Z"}) for i in ids}
    for model_id, text in old.items():
        write(snapshot_path(root, model_id), text)
    with FakeHub(latency=0.002, synthetic=True) as hub:
        env = {**os.environ, "HF_ENDPOINT": hub.url, "PYTHONPATH": str(REPO)}
        cmd = [sys.executable, "-m", "generator", "--root", str(root), "pull", "--concurrency", "8"]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while len(hub.requests) < 60 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        new = [i for i in ids if snapshot_path(root, i).read_text(encoding="utf-8") != old[i]]
        assert 0 < len(new) < len(ids)
        for model_id in ids:
            assert read_snapshot(root, model_id).id == model_id  # parses: old or whole new
        pull(root, hub, ids=ids[:1], stale_after=parse_duration("7d"))  # the next pull tidies up
    assert not [p.name for p in (root / "catalog" / "hub").rglob("*") if p.is_file() and p.suffix != ".json"]


def test_pulled_figures_reach_the_model_page_and_the_json(repo):
    doc = hub_doc("acme/fin-sentiment", downloads=4242424, likes=77)
    with FakeHub({"acme/fin-sentiment": doc}) as hub:
        pull(repo, hub, ids=IDS[:1])
    pages = render_site(repo)
    assert "4,242,424" in pages["models/acme/fin-sentiment.md"]
    assert "huggingface.co/acme/fin-sentiment" in pages["models/acme/fin-sentiment.md"]
    record = next(
        m for m in json.loads(pages["api/models.json"])["models"] if m["id"] == "acme/fin-sentiment"
    )
    assert (record["hub"]["downloads"], record["hub"]["likes"]) == (4242424, 77)
    assert "not available" in pages["models/acme/norsk-bert.md"]
    # Each record is written by pydantic (site/pages.py, models_json): what model_dump says, nothing else.
    catalog = load_catalog(repo)
    assert record == {
        **catalog.models["acme/fin-sentiment"].model_dump(mode="json", exclude_none=True),
        "url": "models/acme/fin-sentiment/",
        "hub": read_snapshot(repo, "acme/fin-sentiment").model_dump(mode="json", exclude_none=True),
    }


def test_the_hub_creation_month_stands_in_for_a_release_the_entry_does_not_state(repo):
    """The pull keeps when the repository appeared on the Hub; the finder ranks "newest" by it only where
    the entry states no `released`, and the page shows it as a Hub fact, not as the curated release."""
    docs = {mid: hub_doc(mid, createdAt="2023-03-14T09:30:00.000Z") for mid in IDS[:2]}
    with FakeHub(docs) as hub:
        pull(repo, hub, ids=IDS[:2])
    assert read_snapshot(repo, IDS[0]).created_at.isoformat().startswith("2023-03-14T09:30")
    entry = repo / "catalog" / "models" / f"{IDS[1]}.yaml"
    entry.write_text(entry.read_text(encoding="utf-8") + "released: 2022-11\n", encoding="utf-8")
    pages = render_site(repo)
    records = {m["i"]: m for m in json.loads(pages[FINDER_INDEX])["models"]}
    assert records[IDS[0]]["rl"] == "2023-03"  # from the Hub
    assert records[IDS[1]]["rl"] == "2022-11"  # the entry's own, though the Hub says 2023-03
    page = pages[f"models/{IDS[0]}.md"]
    assert "| On the Hub since | 2023-03 |" in page and "First released" not in page


def test_validator_warns_where_curated_and_hub_facts_disagree(repo, capsys):
    facts = {**OLD, "license": "apache-2.0", "pipeline_tag": "text-classification", "params": 110_000_000}
    write(snapshot_path(repo, "acme/fin-sentiment"), json.dumps(facts))  # curated: 109,482,240 (within 5 %)
    write(snapshot_path(repo, "acme/general-encoder"), json.dumps({**facts, "id": "acme/general-encoder"}))
    assert main(["--root", str(repo), "validate"]) == 0
    err = capsys.readouterr().err
    assert "catalog/models/acme/general-encoder.yaml: warning: license: curated 'mit', the Hub says" in err
    assert "task: curated 'zero-shot-classification', the Hub says 'text-classification'" in err
    assert "params: curated 335000000, the Hub says 110000000" in err
    assert "fin-sentiment" not in err


def test_compare_treats_a_missing_side_as_no_conflict():
    entry = ModelEntry.model_validate(yaml.safe_load(textwrap.dedent(SPECIALIST)))
    assert compare_with_snapshot(entry, HubFacts(id=entry.id, pulled_at="2026-01-01T00:00:00Z")) == []


def test_new_scaffolds_an_entry_that_fails_until_filled(repo, monkeypatch, capsys):
    doc = hub_doc("Acme/Tiny-OCR", pipeline_tag="image-to-text", cardData={"language": ["en", "no"]})
    with FakeHub({"acme/tiny-ocr": doc}) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        assert main(["--root", str(repo), "new", "acme/tiny-ocr"]) == 0
        assert main(["--root", str(repo), "new", "Acme/tiny-OCR"]) == 1  # refuses to overwrite
    out = capsys.readouterr()
    assert "already exists" in out.err
    text = (repo / "catalog/models/Acme/Tiny-OCR.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/model.schema.json\n")
    for line in [
        "task: image-to-text",
        "modality: multimodal",
        'languages: ["en", "no"]',
        "params: 109484547",
    ]:
        assert line in text
    assert "https://huggingface.co/Acme/Tiny-OCR" in text and "license:" not in text
    for field in ["summary", "kind", "focus", "scope", "not_for[0]", "alternatives[0]"]:
        assert "catalog/models/Acme/Tiny-OCR.yaml:" in out.out and f": {field}: " in out.out
    assert read_snapshot(repo, "Acme/Tiny-OCR").pipeline_tag == "image-to-text"
    assert main(["--root", str(repo), "validate"]) == 1


@pytest.mark.parametrize("text, seconds", [("30m", 1800), ("12h", 43200), ("7d", 604800), ("0", 0)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


def test_the_cards_model_index_reaches_the_page_as_the_cards_own_claim(repo):
    model_index = [
        {
            "name": "fin-sentiment",
            "results": [
                {
                    "task": {"type": "text-classification"},
                    "dataset": {
                        "name": "Financial PhraseBank",
                        "type": "financial_phrasebank",
                        "split": "test",
                    },
                    "metrics": [
                        {"type": "accuracy", "value": 0.86, "name": "Accuracy", "verified": False},
                        {"type": "f1", "value": "n/a"},  # not a number: left out, the pull still succeeds
                    ],
                }
            ],
        }
    ]
    card = {"language": ["en"], "license": "apache-2.0", "model-index": model_index}
    with FakeHub({"acme/fin-sentiment": hub_doc("acme/fin-sentiment", cardData=card)}) as hub:
        report = pull(repo, hub, ids=IDS[:1])
    assert report.pulled == ["acme/fin-sentiment"]
    facts = read_snapshot(repo, "acme/fin-sentiment")
    assert [(r.dataset, r.split, r.metric, r.value) for r in facts.eval_results] == [
        ("Financial PhraseBank", "test", "Accuracy", 0.86)
    ]
    page = render_site(repo)["models/acme/fin-sentiment.md"]
    assert "The card's own results" in page and "the catalog has not checked them" in page
    assert "| Financial PhraseBank | test | Accuracy | 0.86 | no |" in page
