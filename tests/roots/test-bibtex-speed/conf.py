"""Pages with their own reference lists, as the guide has them."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "_ext.bibliography"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
