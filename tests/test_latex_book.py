"""_ext/latex_book.py: pages listed by a page are its sections in the PDF."""

import re

import pytest


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
