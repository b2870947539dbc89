"""The {mi} role (lang="mi" in HTML, plain text in the PDF) and search that
finds Māori words with or without macrons."""

import pytest
from conftest import require_chromium
from toolkit_build import chromium, serve

from _ext.te_reo import fold


@pytest.mark.sphinx("html", testroot="te-reo")
def test_mi_role_marks_the_language_in_html(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert '<span lang="mi">Māori</span>' in html
    assert '<span lang="mi">Aotearoa</span>' in html
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("latex", testroot="te-reo")
def test_mi_role_is_plain_text_in_the_pdf(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # \DUrole with an undefined role prints its text unchanged.
    assert r"\DUrole{language-mi}{Ōtorohanga}" in tex
    assert r"\DUrolelanguage-mi" not in tex


def test_fold_removes_macrons():
    assert fold("Ōtorohanga") == "Otorohanga"
    assert fold("Māori") == "Maori"
    assert fold("Waipā") == "Waipa"


@pytest.mark.sphinx("html", testroot="te-reo")
def test_search_index_is_macron_blind(app):
    app.build()
    index = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert '"maori"' in index and '"otorohanga"' in index


@pytest.mark.sphinx("html", testroot="te-reo")
@pytest.mark.parametrize(
    "query, page",
    [
        ("maori", "index"),
        ("Māori", "index"),
        ("MAORI", "index"),
        ("otorohanga", "district"),
        ("Ōtorohanga", "district"),
    ],
)
def test_search_finds_words_with_or_without_macrons(app, query, page):
    executable = require_chromium()
    app.build()
    with serve(app.outdir) as base, chromium(executable) as browser:
        browser.goto(f"{base}/search.html?q={query}")
        browser.wait_for_selector("#search-results .search-summary", timeout=15000)
        links = browser.eval_on_selector_all(
            "#search-results ul.search li a", "links => links.map(a => a.getAttribute('href'))"
        )
    assert any(link.startswith(f"{page}.html") for link in links), links


@pytest.mark.sphinx("html", testroot="te-reo")
def test_search_summary_shows_the_passage_with_the_macron_spelling(app):
    executable = require_chromium()
    app.build()
    with serve(app.outdir) as base, chromium(executable) as browser:
        browser.goto(f"{base}/search.html?q=otorohanga")
        browser.wait_for_selector("#search-results ul.search li p.context", timeout=15000)
        summary = browser.inner_text("#search-results ul.search li p.context")
    assert "council in Ōtorohanga posts" in summary


def test_search_stems_each_word_once_and_as_the_english_stemmer_does():
    """The cache changes how often a word is stemmed, not its stem."""
    from sphinx.search.en import SearchEnglish

    from _ext.te_reo import SearchEnglishMacronBlind

    words = ["Māori", "maori", "organisations", "running", "Ōtorohanga", "organisations"]
    language, english = SearchEnglishMacronBlind({}), SearchEnglish({})
    assert [language.stem(word) for word in words] == [english.stem(fold(word)) for word in words]
    assert len(language._stems) == len(set(words))
