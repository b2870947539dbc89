"""The guide as one tagged, accessible PDF (``sphinx-build -b pdf``).

Sphinx's ``singlehtml`` builder assembles every page into one HTML document
in table of contents order; WeasyPrint lays it out for print (A4, page
numbers, contents with page numbers, running heads: ``theme/static/book.css``)
and writes a PDF/UA-1 file: a structure tree of headings, paragraphs, lists,
tables with header cells, links and figures with their alternative text, the
document language from ``<html lang>`` (``language`` in conf.py), the title
shown in the window title, and bookmarks from the headings.

Why not LaTeX: TeX Live 2022's tagging (tagpdf, latex-lab) tags paragraphs
and links only, not the headings, lists and tables sphinx.sty writes, and
leaves xelatex without real spaces.  See the README's PDF section.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .builder import PdfBookBuilder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

THEME = Path(__file__).parent / "theme"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx.builders.singlehtml")
    # The PDF's file name, without ".pdf".
    app.add_config_value("guide_pdf_basename", "book", "html", str)
    app.add_html_theme(PdfBookBuilder.theme, str(THEME))
    app.add_builder(PdfBookBuilder)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
