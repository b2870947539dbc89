"""_ext/pdf_book: every page in one document, printed as a tagged PDF."""

import re

import pikepdf
import pytest
from bs4 import BeautifulSoup
from conftest import require_weasyprint
from pdf_reading import pdftotext


@pytest.mark.sphinx("pdf", testroot="pdf-book")
def test_each_anchor_once_and_each_link_to_its_own_page(app):
    require_weasyprint()
    app.build()
    # WeasyPrint's "Anchor defined twice" and "No anchor" would be warnings.
    assert not app.warning.getvalue()
    html = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    ids = [tag["id"] for tag in html.find_all(id=True)]
    assert len(ids) == len(set(ids))
    # The contents lead to each page's title, not to the empty mark before
    # it, which may be left at the foot of the page before.
    assert [a["href"] for a in html.select("nav.book-contents a")] == [
        "#title-of-one",
        "#title-of-two",
    ]
    assert html.find(id="title-of-two").name == "h2"
    two = html.find(id="document-two").find_next("section")
    # Page two's footnote link leads to page two's footnote, not page one's.
    note = two.select_one("a.footnote-reference")["href"][1:]
    assert "second page" in html.find(id=note).get_text()
    # A link to a place on another page has one fragment, the place, and in
    # print says which page to turn to.
    link = two.select_one("a.reference.internal")
    assert link["href"] == "#one-details"
    assert "page-reference" in link["class"]
    assert two.select_one("a.footnote-reference.page-reference") is None
    text = " ".join(pdftotext(app.outdir / "small-book.pdf").split())
    assert re.search(r"page one’s details \(page \d+\)", text)


@pytest.mark.sphinx("pdf", testroot="pdf-book")
def test_pdf_is_tagged_with_language_title_and_figure_text(app):
    require_weasyprint()
    app.build()
    with pikepdf.open(app.outdir / "small-book.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en-NZ"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == "A small book"
        figures = [
            element
            for element in _elements(pdf.Root.StructTreeRoot)
            if element.get("/S") == "/Figure"
        ]
        assert [str(figure.Alt) for figure in figures] == ["A blue square"]


def _elements(root):
    stack = [root]
    while stack:
        element = stack.pop()
        yield element
        children = element.get("/K")
        if isinstance(children, pikepdf.Dictionary):
            children = [children]
        if isinstance(children, pikepdf.Array):
            stack.extend(
                child
                for child in children
                if isinstance(child, pikepdf.Dictionary) and "/K" in child
            )


def test_weasyprint_problems_are_collected():
    require_weasyprint()
    from weasyprint import HTML

    from _ext.pdf_book.builder import weasyprint_problems

    with weasyprint_problems() as problems:
        HTML(
            string='<html lang="en"><p style="writing-mode: vertical-rl">'
            '<a href="#nowhere">A link to nowhere</a></p></html>'
        ).write_pdf()
    # The dead link is a problem; CSS WeasyPrint does not support is not.
    assert list(problems) == ["No anchor #nowhere for internal URI reference"]
