"""The built site: a strict MkDocs build of the real catalog and of a hostile one, read in Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GENERAL, LANGUAGE, SYNTHETIC_ID, chromium_page, make_repo, mkdocs_build
from test_render import hostile_entry

from generator.catalog.load import load_catalog


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    root = make_repo(
        tmp_path_factory.mktemp("hostile"),
        {"acme/fin-sentiment": hostile_entry(), "acme/general-encoder": GENERAL, "acme/norsk-bert": LANGUAGE},
        site=True,
    )
    mkdocs_build(root, root / "site")
    return root / "site"


@pytest.mark.build
def test_real_catalog_builds_strict_with_every_page(real_site):
    catalog = load_catalog(real_site.parent)
    assert SYNTHETIC_ID in catalog.models  # a contributor's valid entry, added to a copy of the real catalog
    for model_id in catalog.models:
        assert (real_site / "models" / model_id / "index.html").is_file(), model_id
    for kind in ("task", "domain", "language", "platform", "general"):
        assert (real_site / "categories" / kind / "index.html").is_file()
    assert (real_site / "findings" / "index.html").is_file()
    api = json.loads((real_site / "api" / "models.json").read_text(encoding="utf-8"))
    assert sorted(m["id"] for m in api["models"]) == sorted(catalog.models)
    assert api["count"] == len(catalog.models)


@pytest.mark.build
def test_every_model_page_links_to_its_yaml_and_the_report_form(real_site):
    for model_id in load_catalog(real_site.parent).models:
        html = (real_site / "models" / model_id / "index.html").read_text(encoding="utf-8")
        assert f"/edit/main/catalog/models/{model_id}.yaml" in html, model_id
        assert "issues/new?template=report-fact.yml" in html and "model_id=" in html, model_id


@pytest.mark.build
def test_every_internal_link_resolves(real_site):
    from generator.checks.links import check_site

    assert [str(b) for b in check_site(real_site, "http://127.0.0.1:8000/")] == []


@pytest.mark.build
def test_model_pages_stay_out_of_the_navigation(real_site):
    home = (real_site / "index.html").read_text(encoding="utf-8")
    page = (real_site / f"models/{SYNTHETIC_ID}/index.html").read_text(encoding="utf-8")
    assert f'href="models/{SYNTHETIC_ID}/"' not in home
    # Each page embeds the nav: with model pages out of it, a page stays small whatever the catalog's size.
    assert len(page.encode()) < 60_000


@pytest.mark.build
def test_navigation_rendered_once_for_model_pages_is_right_for_each(real_site):
    """Model pages share one rendering of the tabs and sidebar (generator/mkdocs/nav.py): it must
    mark nothing active and link correctly from every model page; other pages keep their own."""
    import re

    def sidebar(html: str) -> str:
        start = html.index('data-md-type="navigation"')
        return html[start : html.index('data-md-type="toc"')]

    pages = {
        m: (real_site / "models" / m / "index.html").read_text("utf-8")
        for m in load_catalog(real_site.parent).models
    }
    navs = {m: sidebar(html) for m, html in pages.items()}
    assert len(set(navs.values())) == 1
    nav = next(iter(navs.values()))
    assert "--active" not in nav and 'href="../../../categories/' in nav
    category = (real_site / "categories/domain/index.html").read_text("utf-8")
    assert re.search(
        r'md-nav__link--active[^>]*href="./"|href="./"[^>]*md-nav__link--active', sidebar(category)
    )
    assert "md-tabs__item--active" in category


@pytest.mark.build
def test_pages_request_nothing_from_other_hosts(real_site):
    for path in ("index.html", f"models/{SYNTHETIC_ID}/index.html", "categories/task/index.html"):
        html = (real_site / path).read_text(encoding="utf-8")
        for attr in ('src="http', 'href="http', "@import url(http"):
            for chunk in html.split(attr)[1:]:
                url = "http" + chunk.split('"', 1)[0]
                is_link = attr.startswith("href")
                # Plain <a href> links to sources are fine; stylesheets, scripts and fonts must be local.
                assert is_link or url.startswith("http://127.0.0.1"), (path, url)
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def search(page, query: str) -> None:
    """Open search from the header's magnifier and type into Pagefind's box, as a reader would."""
    page.locator("header a[aria-label='Search the atlas']").click()
    box = page.locator("input.pagefind-ui__search-input")
    box.click()
    box.press_sequentially(query, delay=20)


@pytest.mark.browser
def test_search_finds_a_model_by_id_and_opens_its_page(atlas_site, serve, playwright):
    base = serve(atlas_site)
    browser, page = chromium_page(playwright)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    external = []
    page.on("request", lambda req: external.append(req.url) if not req.url.startswith(base) else None)
    try:
        page.goto(base)
        search(page, "ProsusAI/finbert")
        result = page.locator("a.pagefind-ui__result-link", has_text="FinBERT").first
        result.wait_for(timeout=15_000)
        result.click()
        page.wait_for_url("**/models/ProsusAI/finbert/**", timeout=15_000)
        assert page.locator("h1").inner_text().rstrip("¶") == "FinBERT"
        assert "Specialized:" in page.locator(".admonition.warning").inner_text()
    finally:
        browser.close()
    assert not errors
    assert not external, external


@pytest.mark.browser
def test_search_puts_the_exact_name_first_and_shows_facts_not_tags(atlas_site, serve, playwright):
    base = serve(atlas_site)
    browser, page = chromium_page(playwright)
    try:
        page.goto(base + "search/?q=finbert")
        page.locator(".pagefind-ui__result").first.wait_for(timeout=15_000)
        titles = page.locator("a.pagefind-ui__result-link").all_inner_texts()
        assert titles[0] == "FinBERT" and "FinBERT-tone" in " ".join(titles), titles
        first = page.locator(".pagefind-ui__result").first.inner_text()
        assert "ProsusAI/finbert" in first and "domain-specific · Sentiment of financial news" in first
        assert "parameters" in first  # the size, from the page's metadata
        # The hidden words that make a model findable never show as its excerpt.
        page.goto(base + "search/?q=speech%20recognition%20spanish")
        page.locator(".pagefind-ui__result").first.wait_for(timeout=15_000)
        page.wait_for_timeout(300)
        links = page.locator("a.pagefind-ui__result-link").evaluate_all("as => as.map(a => a.href)")
        assert any(link.endswith("/models/openai/whisper-large-v3/") for link in links), links
        text = page.locator(".pagefind-ui__results").inner_text()
        assert "automatic-speech-recognition audio" not in text and "Spanish" not in text, text
    finally:
        browser.close()


@pytest.mark.browser
def test_search_finds_a_model_by_focus(atlas_site, serve, playwright):
    base = serve(atlas_site)
    browser, page = chromium_page(playwright)
    try:
        page.goto(base)
        search(page, "voice activity")
        page.locator(".pagefind-ui__result", has_text="voice").first.wait_for(timeout=15_000)
    finally:
        browser.close()


@pytest.mark.browser
def test_slash_key_opens_search_from_any_page(atlas_site, serve, playwright):
    base = serve(atlas_site)
    browser, page = chromium_page(playwright)
    try:
        page.goto(base + "models/ProsusAI/finbert/")
        page.keyboard.press("/")
        page.wait_for_url("**/search/", timeout=15_000)
        box = page.locator("#atlas-search-input")
        box.wait_for(timeout=15_000)
        page.wait_for_function("document.activeElement?.id === 'atlas-search-input'", timeout=15_000)
        page.keyboard.type("finbert")
        page.locator("a.pagefind-ui__result-link", has_text="FinBERT").first.wait_for(timeout=15_000)
    finally:
        browser.close()


@pytest.mark.browser
def test_search_indexes_the_lead_of_model_pages_only(atlas_site, serve, playwright):
    """Id, name, focus, summary and tags are searched; not the rest of a model page (README, Performance)."""
    base = serve(atlas_site)
    browser, page = chromium_page(playwright)
    try:
        page.goto(base + "search/?q=text-classification")  # a tag: the task
        page.locator(".pagefind-ui__result").first.wait_for(timeout=15_000)
        # Every specialized page says it is "narrow by design" below its warning; that text is not indexed.
        # Asked of the index itself: the search page also lists pages that match some of the words.
        links = page.evaluate(
            """async () => {
                const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
                const search = await pagefind.search("narrow by design");
                return Promise.all(search.results.map(async (r) => (await r.data()).url));
            }"""
        )
        assert not [link for link in links if "/models/" in link], links
        # A model is found on its own page, not again on the lists that repeat it (recent, categories).
        page.goto(base + "search/?q=german%20sentiment")
        page.locator(".pagefind-ui__result").first.wait_for(timeout=15_000)
        page.wait_for_timeout(500)
        links = page.locator("a.pagefind-ui__result-link").evaluate_all("as => as.map(a => a.href)")
        assert any(link.endswith("/models/oliverguhr/german-sentiment-bert/") for link in links), links
        assert not [link for link in links if "/recent/" in link or "/categories/" in link], links
    finally:
        browser.close()


@pytest.mark.browser
def test_hostile_entry_runs_no_script(hostile_site, serve, playwright):
    base = serve(hostile_site)
    browser, page = chromium_page(playwright)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for path in ("models/acme/fin-sentiment/", "categories/domain/", "models/acme/general-encoder/", ""):
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.mouse.move(300, 300)
            assert page.evaluate("window.__xss") is None, path
            assert (
                page.locator("script:not([src])").evaluate_all(
                    "els => els.filter(e => e.textContent.includes('__xss')).length"
                )
                == 0
            )
            assert page.locator("[onerror], [onclick], [onmouseover]").count() == 0, path
            assert page.locator("a[href^='javascript']").count() == 0, path
        page.goto(base + "models/acme/fin-sentiment/")
        # The reader sees the contributor's text literally.
        assert page.locator("h1").inner_text().rstrip("¶") == "<script>window.__xss=1</script>Evil"
        assert "<script>" in page.title()
        # Search results show the same text from Pagefind's index: as text, not as markup.
        page.goto(base + "search/?q=Evil")
        result = page.locator(".pagefind-ui__result", has_text="Evil").first
        result.wait_for(timeout=15_000)
        page.mouse.move(300, 300)
        assert "<script>window.__xss=1</script>Evil" in result.inner_text()
        assert page.evaluate("window.__xss") is None
        assert page.locator(".pagefind-ui__results [onerror], .pagefind-ui__results img").count() == 0
    finally:
        browser.close()
    assert dialogs == []
