"""The matrix and the worksheet in the PDF: on the page, with boxes to tick."""

import pytest

from conftest import require_weasyprint
from test_pdf import TICK_BOXES, pdftotext, words_off_the_page


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
