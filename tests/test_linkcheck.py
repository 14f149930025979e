"""The internal link checker catches planted broken links and anchors, and ignores other hosts."""

from __future__ import annotations

from generator.checks.links import check_site


def page(path, html):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{html}</body></html>", encoding="utf-8")


def test_link_checker_finds_planted_breakage(tmp_path):
    page(
        tmp_path / "index.html",
        '<a href="models/a/b/">ok</a> <a href="models/a/missing/">gone</a>'
        ' <a href="models/a/b/#usage">anchor ok</a> <a href="models/a/b/#nope">bad</a>'
        ' <a href="https://example.org/x">other host</a> <a href="#top">self</a>'
        ' <h1 id="top">Top</h1>'
        ' <a href="https://atlas.example/models/a/b/">absolute ok</a>'
        ' <a href="https://atlas.example/nowhere/">absolute broken</a>',
    )
    page(
        tmp_path / "models/a/b/index.html",
        '<h2 id="usage">Usage</h2><a href="../../../">home</a><img src="../../../missing.svg">',
    )
    broken = {(b.page, b.link) for b in check_site(tmp_path, "https://atlas.example/")}
    assert broken == {
        ("index.html", "models/a/missing/"),
        ("index.html", "models/a/b/#nope"),
        ("index.html", "https://atlas.example/nowhere/"),
        ("models/a/b/index.html", "../../../missing.svg"),
    }


def test_anchor_on_the_same_page(tmp_path):
    page(tmp_path / "index.html", '<a href="#here">ok</a><a href="#there">bad</a><p id="here"></p>')
    assert [b.link for b in check_site(tmp_path)] == ["#there"]
