extensions = ["myst_parser", "sphinxcontrib.bibtex", "apa_style", "page_references", "bib_checks"]
source_suffix = {".md": "markdown"}
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "apa"
bibtex_reference_style = "apa"
