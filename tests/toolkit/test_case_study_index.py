"""Generated case study lists and the success factor matrix (HTML and LaTeX)."""

import pytest
from bs4 import BeautifulSoup
from build_failure import failed_build
from toolkit_build import copy_root, edit


def soup(app, page):
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


def listed(app, page):
    """The titles in the page's case study list, in order."""
    return [a.get_text() for a in soup(app, page).select("ul.case-study-list li a")]


@pytest.mark.sphinx("html", testroot="toolkit")
def test_lists_filter_by_sector_and_factor_sorted_by_year_then_organisation(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert listed(app, "case-studies/index.html") == [
        "Red Cross",
        "Share an Idea",
        "Measles outbreak",
    ]
    assert listed(app, "guidance/government-sector.html") == ["Share an Idea", "Measles outbreak"]
    assert listed(app, "guidance/success-factors/leadership.html") == ["Red Cross", "Share an Idea"]
    assert listed(app, "guidance/success-factors/strategy.html") == [
        "Share an Idea",
        "Measles outbreak",
    ]


@pytest.mark.sphinx("html", testroot="toolkit")
def test_list_items_link_and_describe(app):
    app.build()
    item = soup(app, "guidance/government-sector.html").select_one("ul.case-study-list li")
    assert item.a["href"] == "../case-studies/share-an-idea.html"
    assert "(Christchurch City Council, 2011)" in item.get_text()
    assert "A city asks residents for ideas after the earthquakes." in item.get_text()


@pytest.mark.sphinx("html", testroot="toolkit")
def test_an_empty_list_says_so_and_invites_a_contribution(app):
    app.build()
    empty = soup(app, "guidance/success-factors/measurement.html").select_one(
        ".case-study-list-empty"
    )
    assert "No case studies yet for this success factor" in empty.get_text()
    assert empty.a["href"] == "https://example.org/guide/blob/main/CONTRIBUTING.md"


@pytest.mark.sphinx("html", testroot="toolkit")
def test_matrix_is_an_accessible_table(app):
    app.build()
    table = soup(app, "case-studies/index.html").select_one(".success-factor-matrix table")
    assert table.caption.get_text() == "Which success factors each case study illustrates"
    head = table.thead.find_all("th")
    assert all(th["scope"] == "col" for th in head)
    # Factors in the table of contents order, each linking to its page.
    assert [th.get_text() for th in head] == ["Case study", "Strategy", "Leadership", "Measurement"]
    assert head[1].a["href"] == "../guidance/success-factors/strategy.html"
    rows = table.tbody.find_all("tr")
    assert [row.th["scope"] for row in rows] == ["row"] * 3
    share = rows[1]
    assert share.th.a.get_text() == "Share an Idea"
    cells = share.find_all("td")
    # A mark links to the case and reads "Yes"; an empty cell reads "No".
    assert cells[0].a["href"] == "share-an-idea.html"
    assert cells[0].select_one('[aria-hidden="true"]').get_text() == "✓"
    assert cells[0].select_one(".toolkit-visually-hidden").get_text() == "Yes"
    assert cells[2].get_text() == "No" and cells[2].a is None


@pytest.mark.sphinx("latex", testroot="toolkit")
def test_matrix_fits_the_pdf_page(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # A longtable with a wrapping case column, tick-wide factor columns and
    # rotated factor names: it breaks across pages instead of running off one.
    assert r"\begin{longtable}{|>{\raggedright\arraybackslash}p{0.36\linewidth}|c|c|c|}" in tex
    assert r"\caption*{Which success factors each case study illustrates}" in tex
    assert r"\rotatebox{90}{\hspace{0.4em}Strategy\hspace{0.8em}}" in tex
    # Each case links to its page, written by Sphinx; a mark is a plain tick
    # (a link would get a page number too wide for its column); an empty
    # cell is empty (its "No" is for screen readers only).
    assert (
        r"{\hyperref[\detokenize{case-studies/measles::doc}]{\sphinxcrossref{Measles outbreak}}}"
        r"\DUrole{matrix-year}{ (2011)} & $\checkmark$ &  &  \\ \hline"
    ) in tex
    # The lists are ordinary links in the PDF too.
    assert r"\sphinxhref" not in tex.split("Red Cross")[0][-200:]


@pytest.mark.parametrize(
    "option, value, hint",
    [
        ("sector", "goverment", "did you mean 'government'?"),
        ("factor", "leadershp", "did you mean 'leadership'?"),
    ],
)
def test_unknown_filter_fails_with_file_and_line(make_app, tmp_path, option, value, hint):
    src = copy_root("toolkit", tmp_path)
    page = src / "guidance/government-sector.md"
    edit(page, ":sector: government", f":{option}: {value}")
    message = failed_build(make_app("html", srcdir=src), problems=1)
    assert f"guidance/government-sector.md:11: ERROR: case-study-list option '{option}':" in message
    assert f"'{value}'" in message and hint in message


@pytest.mark.sphinx("html", testroot="toolkit")
def test_description_is_the_meta_description(app):
    app.build()
    meta = soup(app, "case-studies/measles.html").find("meta", attrs={"name": "description"})
    assert meta["content"] == "Reaching teenagers during a measles outbreak."
    assert app.env.metadata["case-studies/measles"]["og:description"] == meta["content"]


def test_an_unknown_filter_fails_again_when_nothing_changed(make_app, tmp_path):
    src = copy_root("toolkit", tmp_path)
    edit(src / "guidance/government-sector.md", ":sector: government", ":sector: goverment")
    failed_build(make_app("html", srcdir=src), problems=1)
    assert "goverment" in failed_build(make_app("html", srcdir=src, freshenv=False), problems=1)


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_a_matrix_without_case_studies_says_so(make_app, tmp_path, builder):
    src = copy_root("toolkit", tmp_path)
    for name in ("measles", "share-an-idea", "red-cross"):
        (src / f"case-studies/{name}.md").unlink()
    edit(
        src / "case-studies/index.md", "```{toctree}\nmeasles\nshare-an-idea\nred-cross\n```\n", ""
    )
    app = make_app(builder, srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    if builder == "html":
        cell = soup(app, "case-studies/index.html").select_one(".success-factor-matrix tbody td")
        assert cell["colspan"] == "4" and cell.get_text() == "No case studies yet."
    else:
        tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
        assert r"\multicolumn{4}{|l|}{No case studies yet.} \\ \hline" in tex
