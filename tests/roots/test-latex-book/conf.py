# A book whose start page and overview page list pages from inside a
# subsection, as the guide's do.
extensions = ["myst_parser", "_ext.latex_book", "_ext.pdf_book"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
latex_documents = [("index", "book.tex", "Book", "Author", "manual")]
