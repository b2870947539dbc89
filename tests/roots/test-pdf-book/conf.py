# Two pages with the same section title and each a footnote (the same ids on
# both), a link to a place on the other page, and a figure: the PDF builder's
# whole document must keep every anchor once and every link working.
extensions = ["myst_parser", "_ext.pdf_book"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
project = "A small book"
author = "Its authors"
language = "en_NZ"
guide_pdf_basename = "small-book"
