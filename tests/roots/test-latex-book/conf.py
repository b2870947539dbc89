# A book whose overview page lists its child pages from inside a subsection.
extensions = ["myst_parser", "latex_book"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
latex_documents = [("index", "book.tex", "Book", "Author", "manual", True)]
