"""What a contributor sees in CI: annotations on the right line, and a summary of the catalog diff."""

from __future__ import annotations

import subprocess

from conftest import GENERAL, LANGUAGE, SPECIALIST, make_repo, write

from generator.checks.annotations import annotation
from generator.cli import main


def test_validator_annotates_the_offending_line(tmp_path, capsys):
    make_repo(
        tmp_path,
        {
            "acme/fin-sentiment": SPECIALIST.replace("kind: domain", "kind: domian"),
            "acme/general-encoder": GENERAL,
            "acme/norsk-bert": LANGUAGE,
        },
    )
    assert main(["--root", str(tmp_path), "validate", "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(
        "::error file=catalog/models/acme/fin-sentiment.yaml,line=5,col=7,title=kind%3A invalid::"
        "'domian' is not a valid value; did you mean 'domain'? valid values: task, domain, language, "
        "platform, general"
    )


def test_annotation_escapes_what_would_end_the_command():
    line = annotation("error", "a,b:c.yaml", 3, 1, "t: x", "50% bad\nsecond line")
    assert line == "::error file=a%2Cb%3Ac.yaml,line=3,col=1,title=t%3A x::50%25 bad%0Asecond line"


def git(root, *args):
    subprocess.run(
        ["git", *args],
        cwd=root,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "PATH": "/usr/bin:/bin",
        },
    )


def test_pr_summary_lists_added_changed_and_removed_models(tmp_path, capsys):
    make_repo(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    # The PR: a new model, a changed license, a removed entry.
    write(
        tmp_path / "catalog/models/acme/new-model.yaml",
        SPECIALIST.replace("acme/fin-sentiment", "acme/new-model").replace("kind: domain", "kind: task"),
    )
    write(tmp_path / "catalog/models/acme/fin-sentiment.yaml", SPECIALIST.replace("apache-2.0", "mit"))
    (tmp_path / "catalog/models/acme/norsk-bert.yaml").unlink()

    assert main(["--root", str(tmp_path), "changes", "--base", "main"]) == 0
    summary = capsys.readouterr().out
    assert "1 added, 1 changed, 1 removed." in summary
    assert "| `acme/new-model` | `task` | `Sentiment of financial news` |" in summary
    assert "| `acme/fin-sentiment` | `domain` | `license` | `apache-2.0` | `mit` |" in summary
    assert "- `acme/norsk-bert` (`language`)" in summary


def test_pr_summary_says_when_the_catalog_is_untouched(tmp_path, capsys):
    make_repo(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert main(["--root", str(tmp_path), "changes", "--base", "main"]) == 0
    assert "does not touch any model entry" in capsys.readouterr().out
