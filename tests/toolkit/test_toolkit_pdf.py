"""The matrix and the worksheet in the PDF: on the page, with boxes to tick."""

import pytest
from bs4 import BeautifulSoup
from conftest import require_weasyprint
from pdf_reading import TICK_BOXES, pdftotext, words_off_the_page


@pytest.mark.sphinx("pdf", testroot="toolkit")
def test_matrix_and_worksheet_fit_the_page(app):
    require_weasyprint()
    app.build()
    assert not app.warning.getvalue()
    pdf = app.outdir / "book.pdf"
    text = pdftotext(pdf)
    assert "Which success factors each case study illustrates" in text
    assert len(TICK_BOXES.findall(text)) == 4
    assert words_off_the_page(pdf) == []
    # In one document a factor page is a section of the page listing it: its
    # questions' heading is one level below the factor page's title.
    html = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    leadership = html.find(id="document-guidance/success-factors/leadership").find_next(
        ["h1", "h2", "h3", "h4"]
    )
    assert (leadership.name, leadership.get_text().rstrip("¶")) == ("h3", "Leadership")
    assert leadership.find_next(class_="rubric").name == "h4"
