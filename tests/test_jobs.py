"""Which model can do another's job (generator/data/tasks.yaml), as the loader enforces it on `alternatives`
and as each specialist page's computed general fallback reads it. Small fixture catalogs only."""

from __future__ import annotations

import pytest
from conftest import GENERAL, SPECIALIST, make_repo, write
from test_facts import errors as _errors

from generator.catalog.fallback import general_fallbacks
from generator.catalog.schema import ModelEntry
from generator.catalog.tasks import TASKS, TaskTable, languages_missed, why_not
from generator.site.build import render_site


def entry(model_id: str, task: str | None, kind: str = "general", **facts) -> ModelEntry:
    data = {
        "id": model_id,
        "name": model_id.split("/")[1],
        "summary": "A model.",
        "kind": kind,
        "focus": "Something",
        "scope": "Does something.",
        "not_for": ["Other things."],
        "modality": facts.pop("modality", "text"),
        "sources": ["https://example.org/card"],
        **facts,
    }
    if task:
        data["task"] = task
    return ModelEntry.model_validate(data)


NER = entry("acme/ner", "token-classification", kind="task", languages=["de"], subjects=["named-entities"])
CHAT_SMALL = entry("acme/chat-small", "text-generation", kind="platform", tuning="chat", languages=["en"])
BASE_LM = entry("acme/base-lm", "text-generation", tuning="base", languages=["en"], params=100_000_000)
CHAT_LM = entry(
    "acme/chat-lm", "text-generation", tuning="chat", languages=["en", "de"], params=7_000_000_000
)
ENCODER = entry("acme/encoder", "fill-mask", languages=["en", "de"])
GLINER = entry("acme/gliner", "token-classification", languages=["en"], params=200_000_000, open_labels=True)
SENTENCES = entry(
    "acme/sentences", "feature-extraction", kind="task", embeddings="sentence", subjects=["code"]
)
TOKENS = entry("acme/tokens", "feature-extraction", embeddings="token")
SIMILARITY = entry("acme/similarity", "sentence-similarity", languages=["en"])
AGE = entry("acme/age", "image-classification", kind="task", modality="vision", subjects=["faces", "age"])
EXPRESSION = entry(
    "acme/expression", "image-classification", kind="task", modality="vision", subjects=["faces", "emotions"]
)
TWEET_SENTIMENT = entry(
    "acme/tweets", "text-classification", kind="domain", subjects=["social-media", "sentiment"]
)
REVIEW_SENTIMENT = entry(
    "acme/reviews", "text-classification", kind="task", subjects=["reviews", "sentiment"]
)


@pytest.mark.parametrize(
    "candidate, specialist, words",
    [
        (ENCODER, NER, "base encoder with no named entities and token labels head"),
        (BASE_LM, CHAT_SMALL, "base model (pretrained only): it does not follow the instructions"),
        (TOKENS, SENTENCES, "token features of a base encoder"),
        (SIMILARITY, NER, "does sentence embeddings, which does not do named entities"),
        # Token features do not rank passages; nor does a reranker give vectors to store.
        (
            TOKENS,
            entry("acme/reranker", "text-ranking", kind="language"),
            "base encoder with no reranking head",
        ),
        (entry("acme/reranker", "text-ranking"), SENTENCES, "does reranking, which does not do"),
        # A classifier of other labels, though it reads the same pictures: faces' emotions are not their age.
        (EXPRESSION, AGE, "does not predict age (it predicts emotions"),
        (
            entry("acme/irony", "text-classification", kind="domain", subjects=["social-media"]),
            entry("acme/hate", "text-classification", kind="domain", subjects=["social-media", "toxicity"]),
            "does not predict toxicity (its labels are of its own",
        ),
        (  # a general tagger of names finds some patient names, but not the dates and record numbers
            entry("acme/names", "token-classification", kind="task", subjects=["named-entities"]),
            entry(
                "acme/deid",
                "token-classification",
                kind="domain",
                subjects=["clinical", "named-entities", "personal-data"],
            ),
            "does not predict personal-data (it predicts named-entities",
        ),
    ],
)
def test_what_cannot_do_the_job_says_why(candidate, specialist, words):
    assert words in why_not(candidate, specialist)


@pytest.mark.parametrize(
    "candidate, specialist",
    [
        (GLINER, NER),  # the same task
        (CHAT_LM, NER),  # a chat-tuned generator extracts entities when asked
        (CHAT_LM, CHAT_SMALL),
        (SIMILARITY, SENTENCES),  # sentence-similarity covers sentence embeddings
        (TWEET_SENTIMENT, REVIEW_SENTIMENT),  # the same labels from other text: narrower, not unable
        # A sentence embedder orders candidates by similarity to the query: a reranker's job, less finely.
        (SIMILARITY, entry("acme/reranker", "text-ranking", kind="language", languages=["en"])),
        (
            entry("acme/m2m", "text2text-generation", tuning="task", also_does=["translation"]),
            entry("acme/opus", "translation", kind="language", languages=["de", "en"]),
        ),
    ],
)
def test_what_does_the_job_passes(candidate, specialist):
    assert why_not(candidate, specialist) is None


def test_a_base_specialist_is_covered_by_any_pretrained_generator():
    base_code = entry("acme/code-lm", "text2text-generation", kind="domain", tuning="base", subjects=["code"])
    assert why_not(BASE_LM, base_code) is None
    assert (
        why_not(
            BASE_LM,
            entry("acme/grammar", "text2text-generation", kind="task", tuning="task", subjects=["grammar"]),
        )
        is not None
    )


def test_a_general_model_that_rules_out_the_niche_is_not_its_alternative():
    tagger = entry(
        "acme/tagger",
        "audio-classification",
        modality="audio",
        not_for_subjects=["emotions"],
        labels_cover=["music"],
    )
    emotion = entry(
        "acme/emotion", "audio-classification", kind="task", modality="audio", subjects=["emotions"]
    )
    assert "is not for emotions" in why_not(tagger, emotion)
    assert (
        why_not(
            tagger,
            entry("acme/genres", "audio-classification", kind="task", modality="audio", subjects=["music"]),
        )
        is None
    )


def test_a_fixed_label_general_model_does_only_the_niches_its_labels_cover():
    imagenet = entry("acme/imagenet", "image-classification", modality="vision")
    xray = entry(
        "acme/xray", "image-classification", kind="domain", modality="vision", subjects=["medical-imaging"]
    )
    mobile = entry(
        "acme/mobile", "image-classification", kind="platform", modality="vision", runtimes=["ONNX"]
    )
    assert "fixed set of labels, which does not cover medical-imaging" in why_not(imagenet, xray)
    assert why_not(imagenet, mobile) is None  # the same 1,000 classes, smaller
    tagger = entry("acme/tagger", "audio-classification", modality="audio", labels_cover=["music"])
    genres = entry("acme/genres", "audio-classification", kind="task", modality="audio", subjects=["music"])
    assert why_not(tagger, genres) is None
    open_ner = entry("acme/open-ner", "token-classification", open_labels=True)
    assert why_not(open_ner, NER) is None


def test_the_task_table_refuses_an_unknown_covering_task():
    with pytest.raises(ValueError, match="unknown task 'text-clasification'"):
        TaskTable.model_validate(
            {
                "tasks": {
                    "summarization": {
                        "label": "S",
                        "reads": ["text"],
                        "covered_by": [{"task": "text-clasification"}],
                    }
                }
            }
        )


def test_every_covering_rule_names_a_real_task():
    for name, info in TASKS.items():
        assert all(cover.task in TASKS and cover.task != name for cover in info.covered_by)


def test_fallback_ranks_language_then_directness_then_size():
    models = {m.id: m for m in (NER, GLINER, CHAT_LM, ENCODER)}
    # GLiNER does NER directly but lists English only; the chat model lists German: languages come first.
    assert general_fallbacks(models)["acme/ner"].model_id == "acme/chat-lm"
    english = entry(
        "acme/ner-en", "token-classification", kind="task", languages=["en"], subjects=["named-entities"]
    )
    models[english.id] = english
    chosen = general_fallbacks(models)["acme/ner-en"]
    assert chosen.model_id == "acme/gliner" and "it does the same job" in chosen.reason


def test_no_fallback_where_no_general_model_does_the_job():
    vad = entry(
        "acme/vad", "voice-activity-detection", kind="task", modality="audio", subjects=["speech-activity"]
    )
    asr = entry("acme/asr", "automatic-speech-recognition", modality="audio", languages=["en"])
    assert "acme/vad" not in general_fallbacks({vad.id: vad, asr.id: asr})


def _another_general(text: str) -> dict[str, str]:
    return {"acme/other": text.replace("acme/general-encoder", "acme/other")}


def test_a_general_model_names_no_alternatives(tmp_path):
    named = "alternatives:\n      - acme/fin-sentiment\n    task: zero-shot"
    text = GENERAL.replace("task: zero-shot", named)
    (error,) = _errors(tmp_path, **_another_general(text))
    assert error.field == "alternatives" and "a general-purpose model names no alternatives" in error.message


def test_a_generator_says_how_it_was_tuned(tmp_path):
    text = GENERAL.replace("task: zero-shot-classification", "task: text-generation")
    (error,) = _errors(tmp_path, **_another_general(text))
    assert error.field == "task" and "add `tuning:` base" in error.message


def test_a_feature_extractor_says_what_it_gives(tmp_path):
    text = GENERAL.replace("task: zero-shot-classification", "task: feature-extraction")
    (error,) = _errors(tmp_path, **_another_general(text))
    assert error.field == "task" and "add `embeddings:` sentence" in error.message


def test_a_task_typo_gets_the_closest_task(tmp_path):
    text = SPECIALIST.replace("task: text-classification", "task: text-clasification")
    (error,) = _errors(tmp_path, **{"acme/fin-sentiment": text})
    assert error.field == "task" and "did you mean 'text-classification'?" in error.message
    assert "^[a-z0-9]" not in error.message  # words, not the raw pattern


def test_specialist_pages_show_their_computed_fallback(tmp_path):
    root = make_repo(tmp_path)
    write(
        root / "catalog/models/acme/vad.yaml",
        """\
        id: acme/vad
        name: Acme VAD
        summary: Finds speech in audio.
        kind: task
        focus: Voice activity detection
        scope: Marks where speech starts and stops.
        not_for:
          - Transcribing speech.
        task: voice-activity-detection
        modality: audio
        subjects: [speech-activity]
        params: 1000000
        weights: {bytes: 4000000, format: pytorch, dtype: F32}
        sources:
          - https://example.org/vad
        """,
    )
    pages = render_site(root)
    fin = pages["models/acme/fin-sentiment.md"]
    assert "## General fallback" in fin and "[Acme General Encoder](general-encoder.md)" in fin
    assert "| Parameters | 109M | 335M |" in fin
    assert "438 MB &#40;F32, as published&#41;" in fin
    assert (
        "No general-purpose model in the catalog does voice activity detection" in pages["models/acme/vad.md"]
    )
    assert "names no task" in pages["models/acme/norsk-bert.md"]
    assert "## General fallback" not in pages["models/acme/general-encoder.md"]


def test_an_alternative_reads_one_of_the_specialists_languages():
    turkish = entry("acme/tr-sentiment", "text-classification", kind="language", languages=["tr"])
    assert languages_missed(
        entry("acme/t5", "text2text-generation", languages=["en", "de", "fr", "ro"]), turkish
    ) == ["tr"]
    assert languages_missed(entry("acme/m", "text-classification", languages=["tr", "en"]), turkish) == []
    assert (
        languages_missed(entry("acme/any", "text-classification"), turkish) == []
    )  # lists none: not held against it
    code = entry("acme/code", "feature-extraction", kind="domain", languages=["zxx"])
    assert languages_missed(entry("acme/e", "feature-extraction", languages=["en"]), code) == []
