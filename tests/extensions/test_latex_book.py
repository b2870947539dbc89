"""_ext/latex_book.py: pages listed by a page are its sections in the PDF."""

import re

import pytest
from bs4 import BeautifulSoup
from conftest import require_weasyprint


@pytest.mark.sphinx("latex", testroot="latex-book")
def test_listed_pages_follow_the_listing_page_not_its_last_subsection(app):
    # The start page is the first chapter; the pages it lists are chapters.
    app.build()
    tex = (app.outdir / "book.tex").read_text()

    headings = re.findall(r"\\(chapter|section|subsection|subsubsection)\{([^}]*)\}", tex)
    assert headings == [
        ("chapter", "Book"),
        ("section", "Who it is for"),
        ("section", "Contents by theme"),
        ("chapter", "Overview"),
        ("section", "First section"),
        ("section", "Last section"),
        ("section", "Child one"),
        ("subsection", "Inside child one"),
        ("section", "Child two"),
        ("subsection", "Inside child two"),
    ]
    assert not app.warning.getvalue()


@pytest.mark.sphinx("pdf", testroot="latex-book")
def test_in_the_pdf_each_page_the_start_page_lists_is_a_chapter(app):
    require_weasyprint()
    app.build()
    html = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    headings = [
        (heading.name, heading.get_text().rstrip("¶"))
        for heading in html.main.find_all(re.compile("^h[1-6]$"))
    ]
    assert headings == [
        ("h1", "Book"),
        ("h2", "Who it is for"),
        ("h2", "Contents by theme"),
        ("h1", "Overview"),
        ("h2", "First section"),
        ("h2", "Last section"),
        ("h2", "Child one"),
        ("h3", "Inside child one"),
        ("h2", "Child two"),
        ("h3", "Inside child two"),
    ]
    assert not app.warning.getvalue()
