"""The coverage table (`python -m generator coverage`) counts what the catalog holds, need by need."""

from __future__ import annotations

from conftest import REPO, make_repo

from generator.catalog.load import load_catalog
from generator.checks.coverage import coverage, coverage_table


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

    # With a task, its English-only alternative is refused (it reads no Norwegian): it names none.
    norsk = LANGUAGE.replace(
        "languages: [no, nb, nn]", "languages: [no, nb, nn]\n    task: text-classification"
    ).replace("    alternatives:\n      - acme/general-encoder\n", "")
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


def test_a_cell_counts_the_entries_that_answer_its_need_and_fails_below_its_minimum(repo, tmp_path):
    from generator.checks.coverage import Cell, cell_rows, failing

    catalog = load_catalog(repo)
    table = [
        # The finance sentiment specialist reads English; the Norwegian encoder has no count.
        Cell(
            label="English sentiment",
            task=["text-classification"],
            subjects=["sentiment"],
            language="en",
            min=1,
        ),
        Cell(label="Norwegian sentiment", subjects=["sentiment"], language="no", min=1),
        Cell(label="Small English models", language="en", max_params=200_000_000, min=1),
        Cell(label="Legal", subjects=["legal"], min=2, thin="no such models exist (a test's word)"),
    ]
    rows = {row.label: row for row in cell_rows(catalog, table)}
    assert [rows[c.label].have for c in table] == [1, 0, 1, 0]
    # Below its minimum with no reason fails; a stated reason is reported instead.
    assert [row.label for row in failing(list(rows.values()))] == ["Norwegian sentiment"]
    assert "thin: no such models exist" in coverage_table(list(rows.values()))


def test_the_coverage_cells_are_valid_data():
    from generator.checks.coverage import cells

    table = cells()
    assert len(table) >= 40 and len({c.label for c in table}) == len(table)


def test_a_general_model_counts_for_the_niches_its_own_labels_cover(tmp_path):
    from conftest import GENERAL

    from generator.checks.coverage import Cell, cell_rows

    tagger = GENERAL.replace("acme/general-encoder", "acme/sound-tagger").replace(
        "    task: zero-shot-classification\n    modality: text\n",
        "    task: audio-classification\n    modality: audio\n    labels_cover: [sound-events]\n",
    )
    zero_shot = GENERAL.replace("acme/general-encoder", "acme/open-tagger").replace(
        "    task: zero-shot-classification\n",
        "    task: token-classification\n    open_labels: true\n",
    )
    make_repo(tmp_path, {"acme/sound-tagger": tagger, "acme/open-tagger": zero_shot})
    table = [
        Cell(label="Sound events", subjects=["sound-events"], min=1),
        Cell(label="Music", subjects=["music"], min=1),
        Cell(label="Entities", task=["token-classification"], subjects=["named-entities"], min=1),
    ]
    rows = {row.label: row for row in cell_rows(load_catalog(tmp_path), table)}
    # The AudioSet-style tagger answers sound events (its labels) but not music (not in its list);
    # a model that takes its labels at run time answers any niche of its task.
    assert [rows[c.label].have for c in table] == [1, 0, 1]
