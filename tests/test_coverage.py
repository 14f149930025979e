"""The coverage table (`python -m generator coverage`) counts what the catalog holds, need by need."""

from __future__ import annotations

from conftest import REPO, make_repo

from generator.catalog import load_catalog
from generator.coverage import coverage, coverage_table


def test_coverage_counts_general_models_specialists_and_subjects(repo):
    rows = {row.label: row for row in coverage(load_catalog(repo))}
    assert (rows["entries"].have, rows["kind general"].have, rows["kind domain"].have) == (3, 1, 1)
    # The general model is zero-shot-classification; the specialist is text-classification (finance).
    assert rows["zero-shot-classification: general"].have == 1
    assert rows["zero-shot-classification: specialists"].have == 0
    assert rows["text-classification: specialists"].have == 1
    assert rows["subject finance"].have == 1 and not rows["subject finance"].met


def test_a_language_specialist_counts_for_its_languages(tmp_path):
    from conftest import GENERAL, LANGUAGE, SPECIALIST

    norsk = LANGUAGE.replace(
        "languages: [no, nb, nn]", "languages: [no, nb, nn]\n    task: text-classification"
    )
    make_repo(
        tmp_path,
        {"acme/fin-sentiment": SPECIALIST, "acme/general-encoder": GENERAL, "acme/norsk-bert": norsk},
    )
    rows = {row.label: row for row in coverage(load_catalog(tmp_path))}
    assert rows["text-classification: languages with a specialist (besides English)"].have == 3


def test_the_real_catalogs_table_prints(capsys):
    table = coverage_table(coverage(load_catalog(REPO)))
    print(table)  # shown with `pytest -s`: the catalog's coverage against its targets
    assert table.splitlines()[0] == "| Need | Have | Target | Met |" and "targets met" in table
