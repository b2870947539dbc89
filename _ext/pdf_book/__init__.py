"""The guide as one tagged, accessible PDF (``sphinx-build -b pdf``).

Sphinx's ``singlehtml`` builder assembles every page into one HTML document
in table of contents order; WeasyPrint lays it out for print (A4, page
numbers, contents with page numbers, running heads: ``theme/static/book.css``)
and writes a PDF/UA-1 file: a structure tree of headings, paragraphs, lists,
tables with header cells, links and figures with their alternative text, the
document language from ``<html lang>`` (``language`` in conf.py), the title
shown in the window title, and bookmarks from the headings.

Why not LaTeX: TeX Live 2022's tagging (tagpdf and the kernel's test phase,
``\\DocumentMetadata{testphase=phase-II}``) tags paragraphs and links only:
with xelatex, a chapter, a section, a list and a table gave a structure tree
of P and Link elements, no headings, lists or tables.  See the README's
"The PDF".
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
