"""Files a stranger could send by pull request: each gets a positioned error, never a traceback or a leak."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import GENERAL, HUB_SNAPSHOT, SPECIALIST, make_repo, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.catalog import load as catalog_module
from generator.catalog.load import CatalogInvalid, load_catalog
from generator.catalog.yamlfile import FORBIDDEN_CHARACTERS, YamlFileError, parse_yaml_text, read_yaml_file
from generator.hub.snapshot import MAX_SNAPSHOT_BYTES, load_snapshots
from generator.site.escape import escape_text

SPEC_FILE = "catalog/models/acme/fin-sentiment.yaml"
SECRET = "top-secret-value-outside-the-repository"


def errors_of(root, hub=False):
    """Every error the loader (and, with `hub`, the snapshot reader) reports for the repository at root."""
    with pytest.raises(CatalogInvalid) as info:
        catalog = load_catalog(root)
        if hub:
            load_snapshots(root, catalog.models)
    return info.value.errors


def one_error(root, file=SPEC_FILE, hub=False):
    errors = errors_of(root, hub)
    assert [e.file for e in errors] == [file], [str(e) for e in errors]
    return errors[0]


def with_spec(tmp_path, text):
    make_repo(tmp_path)
    write(tmp_path / SPEC_FILE, text)
    return tmp_path


@pytest.mark.parametrize("depth", [17, 995, 5000])
def test_deep_nesting_is_refused_at_its_line(tmp_path, depth):
    text = SPECIALIST + "extra: " + "[" * depth + "]" * depth + "\n"
    error = one_error(with_spec(tmp_path, text))
    assert error.line == 24 and ("nested more than 16 levels" in error.message or "depth" in error.message)
    if depth < 1000:  # deeper still, libyaml's own limit speaks first, at the same line
        assert error.field == "extra" + "[0]" * 15


@pytest.mark.parametrize(
    "char, name",
    [
        ("\x00", "control"),
        ("\x1b", "control"),
        ("\x7f", "control"),
        ("\x85", "control"),
        ("\ufffe", "U+FFFE"),
        ("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
    ],
)
def test_invisible_and_control_characters_are_refused_where_they_stand(tmp_path, char, name):
    text = SPECIALIST.replace("name: Acme Fin", f"name: Acme{char} Fin")
    error = one_error(with_spec(tmp_path, text))
    assert (error.line, error.column) == (3, 11)
    assert f"U+{ord(char):04X}" in error.message and name in error.message and "delete it" in error.message


def test_an_integer_too_long_for_int_is_a_positioned_error(tmp_path):
    error = one_error(with_spec(tmp_path, SPECIALIST.replace("109482240", "9" * 5000)))
    assert (error.line, error.column) == (18, 9)
    assert "out of range" in error.message


def test_params_beyond_any_real_model_are_refused(tmp_path):
    error = one_error(with_spec(tmp_path, SPECIALIST.replace("109482240", "1" + "0" * 19)))
    assert error.field == "params" and "less than or equal to 10000000000000" in error.message


def test_a_quoted_date_says_the_quotes_are_the_problem(tmp_path):
    error = one_error(with_spec(tmp_path, SPECIALIST.replace("added: 2026-11-24", 'added: "2026-11-24"')))
    assert error.field == "added" and "without quotes" in error.message


@pytest.mark.parametrize("name", ["index", "README", "Index", "readme"])
def test_ids_that_static_site_tools_treat_as_folder_pages_are_refused(tmp_path, name):
    make_repo(tmp_path)
    text = SPECIALIST.replace("acme/fin-sentiment", f"acme/{name}")
    write(tmp_path / f"catalog/models/acme/{name}.yaml", text)
    errors = [e for e in errors_of(tmp_path) if e.file == f"catalog/models/acme/{name}.yaml"]
    assert errors and errors[0].field == "id" and "cannot be published" in errors[0].message


def test_links_are_refused_and_never_followed(tmp_path):
    outside = tmp_path / "outside"
    write(outside / "secret.yaml", SPECIALIST.replace("Acme Fin Sentiment", SECRET))
    write(outside / "org" / "model.yaml", f"id: {SECRET}\n")
    repo = make_repo(tmp_path / "repo")
    models = repo / "catalog" / "models"
    (models / "acme" / "linked.yaml").symlink_to(outside / "secret.yaml")
    (models / "acme" / "dangling.yaml").symlink_to(outside / "missing.yaml")
    (models / "acme" / "loop.yaml").symlink_to(models / "acme" / "loop.yaml")
    (models / "org").symlink_to(outside / "org")
    findings = repo / "catalog" / "findings"
    findings.mkdir()
    (findings / "leak.yaml").symlink_to(outside / "secret.yaml")

    errors = {e.file: e for e in errors_of(repo)}
    for name in ("models/acme/linked.yaml", "models/acme/dangling.yaml", "models/acme/loop.yaml"):
        assert "symbolic link" in errors[f"catalog/{name}"].message
    assert "symbolic link" in errors["catalog/models/org"].message
    assert "symbolic link" in errors["catalog/findings/leak.yaml"].message
    assert SECRET not in "\n".join(str(e) for e in errors.values())


def test_files_the_loader_would_not_read_are_errors(tmp_path):
    make_repo(tmp_path)
    write(tmp_path / "catalog/findings/small-beats-large.yml", "id: small-beats-large\n")
    write(tmp_path / "catalog/notes.txt", "to do\n")
    errors = {e.file: e.message for e in errors_of(tmp_path)}
    assert "must be .yaml" in errors["catalog/findings/small-beats-large.yml"]
    assert "does not read this" in errors["catalog/notes.txt"]


def test_thousands_of_unknown_alternatives_read_their_file_once(tmp_path, monkeypatch):
    unknown = "".join(f"      - n/m{i}\n" for i in range(4800))
    text = SPECIALIST.replace("      - acme/general-encoder\n", "      - acme/general-encoder\n" + unknown)
    with_spec(tmp_path, text)
    assert len((tmp_path / SPEC_FILE).read_bytes()) > 55_000
    reads = []
    monkeypatch.setattr(
        catalog_module, "read_yaml_file", lambda path: reads.append(path) or read_yaml_file(path)
    )
    errors = errors_of(tmp_path)
    assert len(errors) == 4800 and all("unknown model 'n/m" in e.message for e in errors)
    assert errors[-1].line == 13 + 4800
    # Read once to validate, once more for the positions of all 4,800 errors: not once per error.
    assert [p.name for p in reads].count("fin-sentiment.yaml") == 2


# Hub snapshots are as untrusted as entries: they are checked, positioned and annotated the same way.


def snapshot_errors(tmp_path, text, model_id="acme/fin-sentiment"):
    make_repo(tmp_path, hub={model_id: text})
    return errors_of(tmp_path, hub=True)


def test_snapshot_wrong_type_is_positioned(tmp_path):
    text = HUB_SNAPSHOT.replace('"likes": 789', '"likes": "many"')
    (error,) = snapshot_errors(tmp_path, text)
    assert (error.file, error.line, error.field) == ("catalog/hub/acme/fin-sentiment.json", 2, "likes")
    assert "'many'" in error.message and "make pull" in error.message


@pytest.mark.parametrize(
    "change",
    [
        ('"downloads": 123456', '"downloads": 1' + "0" * 400),
        ('"library_name": "transformers"', '"library_name": "trans\\u001bformers"'),
        ('"tags": ["finance"]', '"tags": ["fin\u202eance"]'),
    ],
)
def test_snapshot_bounds_and_hidden_characters_are_refused(tmp_path, change):
    (error,) = snapshot_errors(tmp_path, HUB_SNAPSHOT.replace(*change))
    assert error.file == "catalog/hub/acme/fin-sentiment.json" and error.line > 1
    assert "make pull" in error.message


def test_every_bad_snapshot_is_reported_not_only_the_first(tmp_path):
    make_repo(
        tmp_path,
        hub={
            "acme/fin-sentiment": HUB_SNAPSHOT.replace('"likes": 789', '"likes": -1'),
            "acme/general-encoder": "{not json",
            "acme/not-in-catalog": HUB_SNAPSHOT,
        },
    )
    files = sorted(e.file for e in errors_of(tmp_path, hub=True))
    assert files == [
        "catalog/hub/acme/fin-sentiment.json",
        "catalog/hub/acme/general-encoder.json",
        "catalog/hub/acme/not-in-catalog.json",
    ]


def test_an_oversized_snapshot_is_refused_before_it_is_read(tmp_path):
    padding = json.dumps(["x" * 100] * (MAX_SNAPSHOT_BYTES // 100))
    (error,) = snapshot_errors(tmp_path, HUB_SNAPSHOT.replace('["finance"]', padding))
    assert "catalog files must be under" in error.message


def test_validate_annotates_snapshot_errors_for_ci(tmp_path):
    make_repo(tmp_path, hub={"acme/fin-sentiment": HUB_SNAPSHOT.replace('"likes": 789', '"likes": "x"')})
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(tmp_path), "validate", "--format", "github"],
        capture_output=True,
        text=True,
        cwd=os.path.dirname(os.path.dirname(__file__)),
    )
    assert result.returncode == 1
    assert "::error file=catalog/hub/acme/fin-sentiment.json,line=2,col=73," in result.stdout


def test_cli_prints_positions_not_tracebacks_for_every_kind_of_hostile_file(tmp_path):
    repo = make_repo(tmp_path / "repo")
    models = repo / "catalog" / "models"
    write(models / "acme" / "deep.yaml", "id: " + "[" * 998 + "]" * 998 + "\n")
    write(models / "acme" / "nul.yaml", "id: acme/nul\nname: a\x00b\n")
    write(models / "acme" / "wide.yaml", "id: acme/wide\nparams: " + "1" * 4400 + "\n")
    (models / "acme" / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(repo), "validate"],
        capture_output=True,
        text=True,
        cwd=os.path.dirname(os.path.dirname(__file__)),
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    for expected in (
        "catalog/models/acme/deep.yaml:1:",
        "catalog/models/acme/nul.yaml:2:8:",
        "catalog/models/acme/wide.yaml:2:9:",
        "catalog/models/acme/dangling.yaml:1:1:",
    ):
        assert expected in result.stderr, result.stderr


# One-line fields stay inline whatever they start with.


@pytest.mark.parametrize("text", ["---", "+ x", "- x", "1. x", "12) x", "===", "??? note", ": x"])
def test_block_openers_at_the_start_of_a_field_stay_text(text):
    import markdown

    extensions = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.details"]
    html = markdown.markdown("Intro\n\n" + escape_text(text), extensions=extensions)
    assert html.endswith("</p>") and html.count("<p>") == 2, html
    for tag in ("<hr", "<ul", "<ol", "<h1", "<dl", "<details"):
        assert tag not in html, html


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40))
def test_any_text_renders_as_one_paragraph_of_itself(text):
    """Any text the loader accepts (it refuses control characters) renders as itself, inline."""
    if FORBIDDEN_CHARACTERS.search(text):
        return
    import html as html_module

    import markdown

    folded = " ".join(text.split())
    rendered = markdown.markdown(escape_text(text), extensions=["attr_list", "md_in_html", "tables"])
    if not folded:
        assert rendered == ""
        return
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    assert html_module.unescape(rendered[3:-4]) == folded


# The reader's boundary: whatever bytes or structures arrive, only its own error type comes out.

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)
)
_structures = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_raise_only_the_readers_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "entry.yaml"
    path.write_bytes(data)
    try:
        read_yaml_file(path)
    except YamlFileError as exc:
        assert exc.line >= 1 and exc.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_random_text_raises_only_the_readers_error(text):
    try:
        parse_yaml_text(text)
    except YamlFileError as exc:
        assert exc.line >= 1 and exc.column >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.sampled_from(["name", "params", "not_for", "alternatives", "languages", "added", "extra"]),
    value=_structures,
)
def test_random_structures_in_an_entry_raise_only_catalog_errors(tmp_path_factory, key, value):
    root = tmp_path_factory.mktemp("structures")
    make_repo(root, {"acme/fin-sentiment": SPECIALIST, "acme/general-encoder": GENERAL})
    import yaml

    data = yaml.safe_load(SPECIALIST.replace("\n    ", "\n").strip())
    data[key] = value
    (root / SPEC_FILE).write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    try:
        load_catalog(root)
    except CatalogInvalid as exc:
        assert all(e.file.startswith("catalog/") and e.line >= 1 for e in exc.errors)
