"""Ask the Hugging Face Hub about one model, and turn every way that can go wrong into a named outcome.

This is the only module that knows `huggingface_hub`'s types. It maps the client's exceptions in one place:
retry (429, 5xx, 408, timeouts, dropped connections), fail with a reason (gone, gated, malformed), or defer
(the request budget is spent), so the pull loop never inspects an exception itself.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os
import random
import threading
from dataclasses import dataclass, field
from typing import Protocol

import httpx2
from huggingface_hub import HfApi
from huggingface_hub.errors import (
    GatedRepoError,
    HfHubHTTPError,
    OfflineModeIsEnabled,
    RepositoryNotFoundError,
)
from huggingface_hub.utils import parse_ratelimit_headers

from ..catalog.schema import ModelEntry
from ..catalog.yamlfile import FORBIDDEN_CHARACTERS
from .snapshot import CardResult, HubFacts

DEFAULT_ENDPOINT = "https://huggingface.co"
EXPAND = [
    "sha",
    "createdAt",
    "lastModified",
    "downloads",
    "likes",
    "library_name",
    "pipeline_tag",
    "tags",
    "cardData",
    "gated",
    "safetensors",
    "usedStorage",
]
"""Only what the snapshot keeps: a smaller answer, and no volatile field (trendingScore …) to churn."""

PARAMS_TOLERANCE = 0.05


@dataclass(frozen=True)
class HubSettings:
    """Where to send requests and with which token, read from the environment when a command runs.

    `huggingface_hub` reads `HF_ENDPOINT` once, at import; reading it here at call time lets tests and the
    benchmark point a pull at a local server. The token is kept out of `repr` so it cannot reach a log.
    """

    endpoint: str = DEFAULT_ENDPOINT
    token: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, environ=None) -> HubSettings:
        environ = os.environ if environ is None else environ
        endpoint = (environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")
        return cls(endpoint=endpoint, token=environ.get("HF_TOKEN") or None)

    def client(self) -> HfApi:
        # token=False: without HF_TOKEN, stay anonymous rather than pick up a token saved on the machine.
        return HfApi(endpoint=self.endpoint, token=self.token or False, library_name="model-atlas")


@dataclass(frozen=True)
class RetryPolicy:
    """Per-request timeout and bounded retries with exponential backoff and jitter (seconds)."""

    timeout: float = 10.0
    retries: int = 3
    backoff_base: float = 1.0
    backoff_max: float = 60.0

    def backoff(self, attempt: int) -> float:
        """Half fixed, half random: retries spread out instead of arriving together."""
        cap = min(self.backoff_max, self.backoff_base * 2**attempt)
        return cap / 2 + random.uniform(0, cap / 2)


class Budget(Protocol):
    refusal: str

    def acquire(self) -> bool: ...
    def pause_for(self, seconds: float) -> None: ...


class PullFailed(Exception):
    """This model could not be pulled; `str()` is the reason shown in the summary."""


class PullDeferred(Exception):
    """Not this model's fault: the budget or the time limit ran out first. The next pull takes it early."""


def retry_after_seconds(headers) -> float | None:
    """How long the Hub asks us to wait: the `RateLimit` reset when the budget is spent, else `Retry-After`.

    `huggingface_hub` parses the IETF `RateLimit` header; `Retry-After` may be seconds or an HTTP date.
    """
    info = parse_ratelimit_headers(headers)
    if info is not None and info.remaining == 0:
        return float(info.reset_in_seconds)
    value = (headers.get("retry-after") or "").strip()
    if value.isdigit():
        return float(value)
    if value:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
    return None


def fetch_facts(
    api: HfApi,
    model_id: str,
    policy: RetryPolicy,
    budget: Budget,
    stop: threading.Event,
    *,
    id_from_hub: bool = False,
) -> HubFacts:
    """One model's facts, retrying what may pass; raises PullFailed or PullDeferred otherwise.

    The facts carry the catalog's id, so a snapshot stays paired with its entry even when the Hub answers
    for a renamed repo; `id_from_hub` takes the Hub's spelling instead, for a new entry.
    """
    reason = ""
    for attempt in range(policy.retries + 1):
        if stop.is_set():
            raise PullDeferred("interrupted")
        if not budget.acquire():
            raise PullDeferred(f"{budget.refusal} (after: {reason})" if reason else budget.refusal)
        try:
            info = api.model_info(model_id, expand=EXPAND, timeout=policy.timeout)
            return facts_from_info(info.id if id_from_hub else model_id, info)
        except GatedRepoError as exc:
            raise PullFailed(f"gated ({_status(exc)} GatedRepo): set HF_TOKEN with access") from None
        except RepositoryNotFoundError as exc:
            raise PullFailed(f"not found ({_status(exc)} RepoNotFound)") from None
        except HfHubHTTPError as exc:
            status = _status(exc)
            if status == 429:
                reason = "rate limited (429)"
                asked = retry_after_seconds(exc.response.headers)
                jitter = random.uniform(0, policy.backoff_base)
                budget.pause_for(policy.backoff(attempt) if asked is None else asked + jitter)
                wait = 0.0  # the pause holds every worker: the limit is per client, not per request
            elif status == 408 or (status or 0) >= 500:
                reason, wait = f"HTTP {status}", policy.backoff(attempt)
            else:
                raise PullFailed(f"HTTP {status}") from None
        except httpx2.TimeoutException:
            reason, wait = f"timed out after {policy.timeout:g} s", policy.backoff(attempt)
        except httpx2.TransportError as exc:
            reason, wait = f"connection failed ({type(exc).__name__})", policy.backoff(attempt)
        except OfflineModeIsEnabled:
            raise PullFailed("HF_HUB_OFFLINE is set: no request was sent") from None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise PullFailed(f"malformed answer ({type(exc).__name__})") from None
        if attempt < policy.retries and stop.wait(wait):
            raise PullDeferred("interrupted")
    raise PullFailed(f"{reason}, {policy.retries + 1} attempts")


def _status(exc: HfHubHTTPError) -> int | None:
    return exc.response.status_code if exc.response is not None else None


def _strings(value) -> list[str]:
    """Card metadata allows a string or a list; keep the strings, once each, in order."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    cleaned = (_clean(v) for v in items if isinstance(v, str | int))
    return list(dict.fromkeys(v for v in cleaned if v))


def facts_from_info(model_id: str, info, pulled_at: dt.datetime | None = None) -> HubFacts:
    """The snapshot's fields from a `ModelInfo`: card metadata gives license, languages and base model."""
    card = info.card_data
    licenses = _strings(getattr(card, "license", None))
    safetensors = info.safetensors
    pulled_at = pulled_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    return HubFacts(
        id=model_id,
        pulled_at=pulled_at,
        sha=info.sha,
        created_at=info.created_at,
        last_modified=info.last_modified,
        downloads=info.downloads,
        likes=info.likes,
        library_name=_clean(info.library_name) or None,
        pipeline_tag=_clean(info.pipeline_tag) or None,
        tags=sorted(set(_strings(info.tags))),
        license=", ".join(licenses) or None,
        languages=_strings(getattr(card, "language", None)),
        gated=info.gated,
        params=safetensors.total if safetensors else None,
        used_storage=info.used_storage,
        eval_results=_card_results(getattr(card, "eval_results", None)),
    )


def _card_results(results) -> list[CardResult]:
    """The card's `model-index`, as huggingface_hub parses it into EvalResults: numeric values only, since
    a page sets them beside curated figures; anything malformed is left out rather than failing the pull."""
    kept = []
    for result in results or []:
        value = getattr(result, "metric_value", None)
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            continue
        try:
            kept.append(
                CardResult(
                    dataset=_clean(result.dataset_name or result.dataset_type),
                    split=_clean(result.dataset_split) or None,
                    metric=_clean(result.metric_name or result.metric_type),
                    value=float(value),
                    verified=result.verified,
                )
            )
        except (ValueError, TypeError):
            continue
    return kept[:200]


def _clean(text) -> str:
    """Hub text without the characters the snapshot refuses, cut to what the snapshot keeps."""
    return FORBIDDEN_CHARACTERS.sub("", str(text or ""))[:200].strip()


@dataclass(frozen=True)
class Mismatch:
    """A curated fact the Hub contradicts: both values, so the curator can decide which is right."""

    field: str
    curated: object
    hub: object
    as_of: str

    def __str__(self) -> str:
        return f"{self.field}: curated {self.curated!r}, the Hub says {self.hub!r} (as of {self.as_of})"


def compare_with_snapshot(entry: ModelEntry, facts: HubFacts) -> list[Mismatch]:
    """Where curated license, task or params disagree with the Hub snapshot; a missing side is no conflict.

    License and task compare without regard to case. Params agree when the curated figure is within ±5 % of
    the Hub's safetensors total, because curated counts are usually rounded from the model card
    ("110M", "7B") while the Hub counts every tensor.
    """
    found = []
    if entry.license and facts.license and entry.license.lower() != facts.license.lower():
        found.append(Mismatch("license", entry.license, facts.license, facts.as_of))
    if entry.task and facts.pipeline_tag and entry.task.lower() != facts.pipeline_tag.lower():
        found.append(Mismatch("task", entry.task, facts.pipeline_tag, facts.as_of))
    if entry.params and facts.params and abs(entry.params - facts.params) > PARAMS_TOLERANCE * facts.params:
        found.append(Mismatch("params", entry.params, facts.params, facts.as_of))
    return found
