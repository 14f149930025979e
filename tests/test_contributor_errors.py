"""A contributor's usual mistakes get a message that names the field, where it stands, what was found and
what would be valid: the cases a new contributor actually made, and generated invalid values."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from conftest import GENERAL, LANGUAGE, REPO, SPECIALIST, make_repo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.catalog.load import CatalogInvalid, load_catalog


def only_error(root, text: str):
    make_repo(
        root, {"acme/fin-sentiment": text, "acme/general-encoder": GENERAL, "acme/norsk-bert": LANGUAGE}
    )
    with pytest.raises(CatalogInvalid) as info:
        load_catalog(root)
    (error,) = info.value.errors
    return error


def line_of(text: str, key: str) -> int:
    return next(i for i, line in enumerate(textwrap.dedent(text).splitlines(), 1) if line.startswith(key))


def test_a_successor_is_newer_and_leads_nowhere_back(tmp_path):
    newer = SPECIALIST.replace("added: 2026-11-24", "added: 2026-11-24\n    released: 2024-09")
    older = GENERAL.replace(
        "license: mit", "license: mit\n    released: 2023-01\n    superseded_by: acme/fin-sentiment"
    )
    make_repo(
        tmp_path,
        {
            "acme/fin-sentiment": newer.replace(
                "2024-09", "2022-05\n    superseded_by: acme/general-encoder"
            ),
            "acme/general-encoder": older,
            "acme/norsk-bert": LANGUAGE,
        },
    )
    with pytest.raises(CatalogInvalid) as info:
        load_catalog(tmp_path)
    messages = sorted(e.message for e in info.value.errors)
    assert any("leads back to this model" in m for m in messages), messages
    # A loop further down the chain is reported on its members, not on a model that leads into it.
    loop = {
        "acme/fin-sentiment": newer.replace("2024-09", "2024-09\n    superseded_by: acme/general-encoder"),
        "acme/general-encoder": GENERAL.replace(
            "license: mit", "license: mit\n    superseded_by: acme/norsk-bert"
        ),
        "acme/norsk-bert": LANGUAGE.replace(
            "languages: [no, nb, nn]", "languages: [no, nb, nn]\n    superseded_by: acme/general-encoder"
        ),
    }
    make_repo(tmp_path / "c", loop)
    with pytest.raises(CatalogInvalid) as info:
        load_catalog(tmp_path / "c")
    looped = sorted(e.file for e in info.value.errors if "leads back to this model" in e.message)
    assert looped == ["catalog/models/acme/general-encoder.yaml", "catalog/models/acme/norsk-bert.yaml"], (
        looped
    )
    # Released before the model it replaces: no successor.
    make_repo(
        tmp_path / "b",
        {
            "acme/fin-sentiment": newer,
            "acme/general-encoder": GENERAL.replace(
                "license: mit", "license: mit\n    released: 2025-01\n    superseded_by: acme/fin-sentiment"
            ),
            "acme/norsk-bert": LANGUAGE,
        },
    )
    with pytest.raises(CatalogInvalid) as info:
        load_catalog(tmp_path / "b")
    (error,) = info.value.errors
    assert error.field == "superseded_by" and "a successor is newer" in error.message, error


@pytest.mark.parametrize(
    "runtimes, words",
    [
        ('["QNN"]', "'QNN' is written 'Qualcomm QNN' in the catalog"),
        ('["ONNX", "tflite"]', "'tflite' is written 'LiteRT (TFLite)'"),
        ('["Core-ML"]', "did you mean 'Core ML'?"),
        ('["Frobnicator 3"]', "add it there, with the devices"),
    ],
)
def test_a_runtime_has_one_spelling(tmp_path, runtimes, words):
    text = SPECIALIST.replace("kind: domain", "kind: platform").replace("    domain: finance\n", "")
    text = text.replace("added: 2026-11-24", f"added: 2026-11-24\n    runtimes: {runtimes}")
    error = only_error(tmp_path, text)
    assert error.field.startswith("runtimes[") and words in error.message, error


@pytest.mark.parametrize(
    "old, new, field, words",
    [
        ("languages: [en]", "languages: [nor]", "languages[0]", "'nor' has a two-letter code: write 'no'"),
        ("languages: [en]", "languages: [en-US]", "languages[0]", "write 'en'"),
        ("languages: [en]", "languages: [German]", "languages[0]", "'German' is German: write 'de'"),
        ("license: apache-2.0", "license: Apache 2.0", "license", "e.g. 'apache-2.0'"),
        ("kind: domain", "kind: domian", "kind", "did you mean 'domain'?"),
        ("subjects: [finance, sentiment]", "subjects: [finanse, sentiment]", "subjects[0]", "'finance'"),
        ("dtype: F32", "dtype: fp32", "weights.dtype", "did you mean 'F32'?"),
        ("added: 2026-11-24", "added: 2026-13-45", "added", "is not a date: write year-month-day"),
        ("added: 2026-11-24", 'added: "2026-11-24"', "added", "without quotes"),
        (
            "task: text-classification",
            "task: text-clasification",
            "task",
            "did you mean 'text-classification'",
        ),
        (
            "added: 2026-11-24",
            "added: 2026-11-24\n    released: 2024-7",
            "released",
            "write the year and month",
        ),
        ("added: 2026-11-24", "added: 2026-11-24\n    released: 2024-07-23", "released", "e.g. 2024-07"),
        (
            "added: 2026-11-24",
            "added: 2026-11-24\n    superseded_by: acme/general-encodr",
            "superseded_by",
            "did you mean 'acme/general-encoder'?",
        ),
        (
            "added: 2026-11-24",
            "added: 2026-11-24\n    superseded_by: acme/fin-sentiment",
            "superseded_by",
            "cannot supersede itself",
        ),
        ("    name: Acme Fin Sentiment\n", "", "name", "the required key 'name' is missing"),
        ("    params: 109482240\n", "", "params", "the parameter count is required"),
        ("kind: domain", "kind: platform", "runtimes", "lists the runtimes or formats its card ships"),
        (  # a Turkish specialist's alternative must read Turkish
            "languages: [en]",
            "languages: [tr]",
            "alternatives[0]",
            "reads none of this model's languages (tr): its entry lists en",
        ),
    ],
)
def test_a_mistake_gets_a_precise_message(tmp_path, old, new, field, words):
    text = SPECIALIST.replace(old, new)
    if "kind: platform" in text:
        text = text.replace("    domain: finance\n", "")
    error = only_error(tmp_path, text)
    assert error.field == field and words in error.message, error
    assert "^[" not in error.message  # words, never the raw pattern


FIELDS = {
    "kind": "kind: domain",
    "task": "task: text-classification",
    "license": "license: apache-2.0",
    "languages": "languages: [en]",
    "added": "added: 2026-11-24",
    "modality": "modality: text",
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(sorted(FIELDS)),
    junk=st.text(alphabet="ABCXYZ_qwz ", min_size=1, max_size=12).filter(
        lambda s: s.strip() == s and any(c.isupper() or c == " " for c in s)  # never a valid id or code
    ),
)
def test_any_invalid_value_is_reported_at_its_field_and_line(tmp_path_factory, field, junk):
    value = f"[{junk}]" if field == "languages" else f'"{junk}"'
    text = SPECIALIST.replace(FIELDS[field], f"{field}: {value}")
    error = only_error(tmp_path_factory.mktemp("entry"), text)
    assert error.field.split("[")[0] == field, error
    assert error.line == line_of(SPECIALIST, field), error
    assert "Traceback" not in error.message


def test_outside_the_virtual_environment_it_says_how_to_run(tmp_path):
    # A bare interpreter with no site packages stands in for `python3` outside .venv.
    result = subprocess.run(
        [sys.executable, "-S", "-m", "generator", "validate"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "Run it inside the virtual environment" in result.stderr and "Traceback" not in result.stderr
