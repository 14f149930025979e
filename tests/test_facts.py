"""Size, weights, languages, lineage and evidence: the rules across fields, and the pages they feed."""

from __future__ import annotations

import pytest
from conftest import GENERAL, LANGUAGE, SPECIALIST, make_repo

from generator.catalog.load import CatalogInvalid, load_catalog
from generator.site.build import render_site

SPEC_FILE = "catalog/models/acme/fin-sentiment.yaml"

AUDIO_TAGGER = """\
    id: acme/sound-tagger
    name: Acme Sound Tagger
    summary: Tags sound events in audio clips.
    kind: task
    focus: Sound events
    scope: Labels dogs, sirens and music in short clips.
    not_for:
      - Speech transcription.
    alternatives:
      - acme/general-encoder
    task: audio-classification
    modality: audio
    subjects: [sound-events]
    params: 86000000
    weights: {bytes: 346000000, format: safetensors, dtype: F32}
    sources:
      - https://huggingface.co/acme/sound-tagger
    """

EVIDENCE = """\
    base_model: {id: acme/general-encoder, relation: finetune}
    evidence:
      - benchmark: Financial PhraseBank (test)
        metric: accuracy
        value: 0.86
        source: https://example.org/paper
        compared_with: {model: acme/general-encoder, value: 0.81}
    """


def errors(tmp_path, **texts):
    entries = {"acme/fin-sentiment": SPECIALIST, "acme/general-encoder": GENERAL, "acme/norsk-bert": LANGUAGE}
    entries.update(texts)
    make_repo(tmp_path, entries)
    with pytest.raises(CatalogInvalid) as info:
        load_catalog(tmp_path)
    return info.value.errors


def test_weights_that_do_not_fit_the_count_are_refused(tmp_path):
    # 438 MB cannot hold 109M parameters in F16 alone and still be 438 MB: the dtype is wrong.
    spec = SPECIALIST.replace("dtype: F32", "dtype: F16")
    (error,) = errors(tmp_path, **{"acme/fin-sentiment": spec})
    assert (error.file, error.field) == (SPEC_FILE, "weights.bytes")
    assert "2.00×" in error.message and "check the dtype" in error.message


def test_quantized_files_may_keep_some_tensors_at_16_bits_but_not_be_the_next_wider_dtype(tmp_path):
    # 109M parameters in INT4 take 55 MB; a GPTQ or GGUF file keeps embeddings and scales at 16 bits, so
    # 80 MB (1.46×) is a real INT4 file, while 110 MB (2.0×) is an INT8 file labelled INT4.
    int4 = SPECIALIST.replace("bytes: 438000000", "bytes: 80000000").replace("dtype: F32", "dtype: INT4")
    make_repo(
        tmp_path / "ok",
        {"acme/fin-sentiment": int4, "acme/general-encoder": GENERAL, "acme/norsk-bert": LANGUAGE},
    )
    assert load_catalog(tmp_path / "ok").models["acme/fin-sentiment"].weights.bytes == 80_000_000
    int8 = int4.replace("bytes: 80000000", "bytes: 110000000")
    (error,) = errors(tmp_path / "bad", **{"acme/fin-sentiment": int8})
    assert error.field == "weights.bytes" and "2.01×" in error.message and "0.8–1.9×" in error.message
    # A 16-bit file keeps the tight range: 1.46× there is the wrong files or the wrong count.
    f16 = SPECIALIST.replace("bytes: 438000000", "bytes: 320000000").replace("dtype: F32", "dtype: F16")
    (error,) = errors(tmp_path / "f16", **{"acme/fin-sentiment": f16})
    assert "1.46×" in error.message and "0.8–1.3×" in error.message


def test_a_required_fact_is_given_or_declared_unchecked(tmp_path):
    spec = SPECIALIST.replace("    weights: {bytes: 438000000, format: safetensors, dtype: F32}\n", "")
    (error,) = errors(tmp_path, **{"acme/fin-sentiment": spec})
    assert "weights are required" in error.message and "unchecked" in error.message
    both = SPECIALIST.replace("params: 109482240", "params: 109482240\n    unchecked: [params]")
    (error,) = errors(tmp_path / "b", **{"acme/fin-sentiment": both})
    assert error.field == "unchecked[0]" and "remove it" in error.message


def test_language_codes_come_from_the_iso_tables(tmp_path):
    (error,) = errors(tmp_path, **{"acme/fin-sentiment": SPECIALIST.replace("[en]", "[en, xx]")})
    assert error.field == "languages[1]" and "not an ISO 639 language code" in error.message


def test_a_text_model_must_list_its_languages(tmp_path):
    (error,) = errors(tmp_path, **{"acme/fin-sentiment": SPECIALIST.replace("    languages: [en]\n", "")})
    assert error.file == SPEC_FILE and "must list its languages" in error.message


def test_a_specialists_alternative_must_do_its_job(tmp_path):
    (error,) = errors(tmp_path, **{"acme/sound-tagger": AUDIO_TAGGER})
    assert error.field == "alternatives[0]"
    assert "does zero-shot text classification, which does not do audio classification" in error.message


def test_comparisons_name_catalog_entries(tmp_path):
    spec = SPECIALIST.replace(
        "    added:", EVIDENCE.replace("acme/general-encoder, value", "acme/nope, value") + "added:"
    )
    (error,) = errors(tmp_path, **{"acme/fin-sentiment": spec})
    assert error.field == "evidence[0].compared_with.model" and "unknown model 'acme/nope'" in error.message


def test_lineage_and_wins_show_on_both_pages(tmp_path):
    spec = SPECIALIST.replace("    added:", EVIDENCE + "added:")
    make_repo(
        tmp_path, {"acme/fin-sentiment": spec, "acme/general-encoder": GENERAL, "acme/norsk-bert": LANGUAGE}
    )
    pages = render_site(tmp_path)
    specialist, general = pages["models/acme/fin-sentiment.md"], pages["models/acme/general-encoder.md"]
    assert "Made from [acme/general-encoder](general-encoder.md) (finetune): the base to start" in specialist
    assert "| Financial PhraseBank &#40;test&#41; | accuracy | 0.86 | [Acme General Encoder]" in specialist
    assert "## To build your own" in general and "Made from it, in the catalog" in general
    assert "[Acme Fin Sentiment](fin-sentiment.md): Sentiment of financial news (finetune)" in general
    assert "### Specialists that beat it on their niche" in general
    assert "| 0.86 | 0.81 |" in general
    # Memory to load comes from the count: 109,482,240 × 4 bytes at fp32, × 0.5 at int4.
    assert "f32 438 MB; f16 219 MB; int8 109 MB; int4 55 MB" in specialist


def test_an_unchecked_fact_is_said_on_the_page(tmp_path):
    make_repo(tmp_path)
    page = render_site(tmp_path)["models/acme/norsk-bert.md"]
    assert "| Parameters | not checked yet" in page and "| Weights | not checked yet" in page
    assert "Norwegian Bokmål &#40;nb&#41;" in page


def test_patterns_count_wins_and_size_ratios_from_the_evidence(tmp_path):
    spec = SPECIALIST.replace("    added:", EVIDENCE + "added:")
    make_repo(
        tmp_path, {"acme/fin-sentiment": spec, "acme/general-encoder": GENERAL, "acme/norsk-bert": LANGUAGE}
    )
    page = render_site(tmp_path)["patterns/index.md"]
    assert "Of 1 results where an entry's `evidence`" in page and "the specialist scores better in 1." in page
    # 335,000,000 ÷ 109,482,240 parameters
    assert "it is a median 3.1× the specialist's parameter count" in page
    assert "a selected record, not a fair sample" in page
    worse = spec.replace("value: 0.86", "value: 0.80")
    make_repo(
        tmp_path / "b",
        {"acme/fin-sentiment": worse, "acme/general-encoder": GENERAL, "acme/norsk-bert": LANGUAGE},
    )
    assert "the specialist scores better in 0." in render_site(tmp_path / "b")["patterns/index.md"]


def test_the_comparison_index_carries_weights_lineage_and_evidence(tmp_path):
    import json

    from generator.site.indexes import COMPARE_INDEX

    spec = SPECIALIST.replace("    added:", EVIDENCE + "added:")
    make_repo(
        tmp_path, {"acme/fin-sentiment": spec, "acme/general-encoder": GENERAL, "acme/norsk-bert": LANGUAGE}
    )
    facts = json.loads(render_site(tmp_path)[COMPARE_INDEX])["facts"]
    assert facts["acme/fin-sentiment"] == {
        "x": ["Product reviews or social media posts.", "Languages other than English."],
        "a": ["acme/general-encoder"],
        "w": [438000000, "safetensors", "F32"],
        "b": ["acme/general-encoder", "finetune"],
        "e": [["Financial PhraseBank (test)", "accuracy", 0.86, False, "acme/general-encoder", 0.81]],
    }
    assert facts["acme/norsk-bert"] == {"x": ["Any language but Norwegian."], "a": ["acme/general-encoder"]}
