"""The loader's contract: strict, and every error names file, line, column, field and the fix."""

from __future__ import annotations

import pytest
from conftest import GENERAL, LANGUAGE, SPECIALIST, make_repo, write

from generator.catalog.load import CatalogInvalid, load_catalog
from generator.catalog.yamlfile import MAX_FILE_BYTES

SPEC_FILE = "catalog/models/acme/fin-sentiment.yaml"


def errors_for(tmp_path, spec=SPECIALIST, general=GENERAL):
    """Load the test catalog with the specialist's and general entry's texts replaced; return its errors."""
    entries = {"acme/fin-sentiment": spec, "acme/general-encoder": general, "acme/norsk-bert": LANGUAGE}
    make_repo(tmp_path, entries)
    with pytest.raises(CatalogInvalid) as info:
        load_catalog(tmp_path)
    return info.value.errors


def only(errors):
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def test_valid_catalog_loads(repo):
    catalog = load_catalog(repo)
    assert sorted(catalog.models) == ["acme/fin-sentiment", "acme/general-encoder", "acme/norsk-bert"]
    assert catalog.models["acme/fin-sentiment"].specialized
    assert not catalog.models["acme/general-encoder"].specialized


def test_norwegian_no_stays_a_string(repo):
    # YAML 1.1 reads `no` as false; the catalog reads YAML 1.2, where it is the language code.
    assert load_catalog(repo).models["acme/norsk-bert"].languages == ["no", "nb", "nn"]


def test_unknown_key_names_the_typo_and_the_fix(tmp_path):
    errors = errors_for(tmp_path, spec=SPECIALIST.replace("focus:", "focsu:"))
    error = next(e for e in errors if e.field == "focsu")
    assert (error.file, error.line, error.column) == (SPEC_FILE, 6, 1)
    assert "unknown key 'focsu'" in error.message and "did you mean 'focus'" in error.message


def test_missing_required_key(tmp_path):
    errors = errors_for(tmp_path, spec=SPECIALIST.replace("    focus: Sentiment of financial news\n", ""))
    assert any(e.field == "focus" and "required" in e.message and e.file == SPEC_FILE for e in errors)


def test_wrong_type_says_what_would_be_valid(tmp_path):
    error = only(errors_for(tmp_path, spec=SPECIALIST.replace("params: 109482240", "params: many")))
    assert (error.file, error.line, error.field) == (SPEC_FILE, 18, "params")
    assert "valid integer" in error.message and "'many'" in error.message


def test_number_where_text_belongs_is_not_coerced(tmp_path):
    # A version-like value such as 1.10 must never silently become the float 1.1.
    text = SPECIALIST.replace("name: Acme Fin Sentiment", "name: 1.10")
    error = only(errors_for(tmp_path, spec=text))
    assert (error.line, error.field) == (3, "name")
    assert "quote it" in error.message


def test_invalid_kind_lists_the_valid_ones(tmp_path):
    error = only(errors_for(tmp_path, spec=SPECIALIST.replace("kind: domain", "kind: domian")))
    assert (error.line, error.column, error.field) == (5, 7, "kind")
    assert "valid values: task, domain, language, platform, general" in error.message


def test_error_inside_a_list_points_at_the_item(tmp_path):
    text = SPECIALIST.replace("languages: [en]", "languages: [en, English]")
    error = only(errors_for(tmp_path, spec=text))
    assert (error.line, error.column, error.field) == (16, 17, "languages[1]")
    assert "'English'" in error.message


def test_duplicate_key(tmp_path):
    text = SPECIALIST.replace("modality: text\n", "modality: text\n    modality: vision\n")
    error = only(errors_for(tmp_path, spec=text))
    assert (error.file, error.line, error.field) == (SPEC_FILE, 16, "modality")
    assert "duplicate key 'modality'" in error.message and "line 15" in error.message


def test_id_must_match_path(tmp_path):
    error = only(
        errors_for(tmp_path, spec=SPECIALIST.replace("id: acme/fin-sentiment", "id: acme/fin-sentiment-v2"))
    )
    assert (error.file, error.line, error.column, error.field) == (SPEC_FILE, 2, 5, "id")
    assert "expected 'acme/fin-sentiment'" in error.message


def test_unknown_alternative_suggests_the_close_id(tmp_path):
    text = SPECIALIST.replace("  - acme/general-encoder", "  - acme/general-encodr")
    error = only(errors_for(tmp_path, spec=text))
    assert (error.line, error.field) == (13, "alternatives[0]")
    assert "unknown model 'acme/general-encodr'" in error.message
    assert "did you mean 'acme/general-encoder'" in error.message


def test_an_alternative_must_state_a_job_it_does(tmp_path):
    text = SPECIALIST.replace("  - acme/general-encoder", "  - acme/norsk-bert")
    error = only(errors_for(tmp_path, spec=text))
    assert (error.line, error.field) == (13, "alternatives[0]")
    assert "'acme/norsk-bert' cannot do this model's job (text classification)" in error.message
    assert "states no task" in error.message
    # The message names what would qualify: the zero-shot classifier covers text classification.
    assert "catalog models that do the job: acme/general-encoder" in error.message


def test_duplicate_id_differing_only_in_case(tmp_path):
    make_repo(tmp_path)
    write(tmp_path / "catalog/models/ACME/fin-sentiment.yaml", SPECIALIST.replace("acme/fin", "ACME/fin"))
    with pytest.raises(CatalogInvalid) as info:
        load_catalog(tmp_path)
    # Which of the two is the newcomer is unknown to the loader: each file gets the error, naming the other.
    errors = {e.file: e for e in info.value.errors}
    assert sorted(errors) == ["catalog/models/ACME/fin-sentiment.yaml", SPEC_FILE], errors
    assert all(e.field == "id" and "duplicate id" in e.message for e in errors.values())
    assert SPEC_FILE in errors["catalog/models/ACME/fin-sentiment.yaml"].message
    assert "ACME/fin-sentiment.yaml" in errors[SPEC_FILE].message


def test_aliases_are_refused(tmp_path):
    text = SPECIALIST.replace("summary: A small", "summary: &s A small").replace(
        "scope: Labels English financial news sentences as positive, negative or neutral.", "scope: *s"
    )
    error = only(errors_for(tmp_path, spec=text))
    assert (error.file, error.line) == (SPEC_FILE, 4)
    assert "anchors" in error.message


def test_alias_bomb_is_refused_without_expanding(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    error = only(errors_for(tmp_path, spec=bomb))
    assert error.line == 1 and "anchors" in error.message


def test_tags_are_refused(tmp_path):
    text = SPECIALIST.replace("name: Acme Fin Sentiment", "name: !!python/object:os.system echo")
    error = only(errors_for(tmp_path, spec=text))
    assert error.line == 3 and "tags" in error.message


def test_oversized_file_is_refused_before_parsing(tmp_path):
    text = SPECIALIST + "    # " + "x" * MAX_FILE_BYTES + "\n"
    error = only(errors_for(tmp_path, spec=text))
    assert error.file == SPEC_FILE and "bytes" in error.message


def test_yaml_syntax_error_has_a_position(tmp_path):
    text = SPECIALIST.replace("languages: [en]", "languages: [en")
    error = only(errors_for(tmp_path, spec=text))
    assert error.file == SPEC_FILE and error.line >= 16 and "not valid YAML" in error.message


def test_javascript_source_url_is_refused(tmp_path):
    text = SPECIALIST.replace("https://huggingface.co/acme/fin-sentiment", "javascript:alert(1)")
    error = only(errors_for(tmp_path, spec=text))
    assert (error.line, error.field) == (22, "sources[0]")
    assert "https://" in error.message


def test_every_error_is_reported_in_one_run(tmp_path):
    bad_spec = SPECIALIST.replace("kind: domain", "kind: domian").replace("params: 109482240", "params: x")
    bad_general = GENERAL.replace("focus:", "focsu:")
    errors = errors_for(tmp_path, spec=bad_spec, general=bad_general)
    assert {(e.file.rsplit("/", 1)[-1], e.field) for e in errors} >= {
        ("fin-sentiment.yaml", "kind"),
        ("fin-sentiment.yaml", "params"),
        ("general-encoder.yaml", "focsu"),
    }
    assert errors == sorted(errors)


def test_validate_cli_prints_every_error_and_fails(tmp_path, capsys):
    from generator.cli import main

    make_repo(
        tmp_path,
        {
            "acme/fin-sentiment": SPECIALIST.replace("kind: domain", "kind: x"),
            "acme/general-encoder": GENERAL.replace("focus:", "focsu:"),
            "acme/norsk-bert": LANGUAGE,
        },
    )
    assert main(["--root", str(tmp_path), "validate"]) == 1
    err = capsys.readouterr().err
    assert f"{SPEC_FILE}:5:7: kind:" in err
    assert "catalog/models/acme/general-encoder.yaml:5:1: focsu: unknown key" in err
    assert "focus: the required key 'focus' is missing" in err
    assert "3 error(s)" in err


def test_reading_half_the_entries_in_the_second_process_changes_nothing(tmp_path):
    """A build has site/workers.py read the second half of the files; results and errors must not change."""
    from generator.site.build import Build

    class SplitAlways(Build):
        split_above = 1  # a build splits only above 200 files; these fixtures have a few

    split = SplitAlways().read_entries
    good = make_repo(tmp_path / "good")
    serial, parallel = load_catalog(good), load_catalog(good, split)
    assert list(parallel.models) == list(serial.models)
    assert parallel.models == serial.models and parallel.files == serial.files

    bad = make_repo(
        tmp_path / "bad",
        {
            "acme/Fin-Sentiment": SPECIALIST.replace("acme/fin-sentiment", "acme/Fin-Sentiment"),
            "acme/fin-sentiment": SPECIALIST,  # a case-duplicate of the first: found across the halves
            "acme/general-encoder": GENERAL.replace("focus:", "focsu:"),
            "acme/norsk-bert": LANGUAGE,
            "zeta/bad-yaml": "id: [unclosed\n",
            "zeta/broken-alt": SPECIALIST.replace("acme/fin-sentiment", "zeta/broken-alt").replace(
                "  - acme/general-encoder", "  - acme/nope"
            ),
        },
    )
    write(bad / "catalog" / "models" / "zeta" / "notes.txt", "not an entry")
    with pytest.raises(CatalogInvalid) as one:
        load_catalog(bad)
    with pytest.raises(CatalogInvalid) as other:
        load_catalog(bad, split)
    assert other.value.errors == one.value.errors
    files = {e.file.split("/")[-1] for e in one.value.errors}
    # Errors from both halves of the sorted file list (the second process reads notes.txt and bad-yaml).
    assert {
        "fin-sentiment.yaml",
        "general-encoder.yaml",
        "bad-yaml.yaml",
        "notes.txt",
        "broken-alt.yaml",
    } <= files
