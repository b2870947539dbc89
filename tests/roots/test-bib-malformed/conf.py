extensions = ["myst_parser", "sphinxcontrib.bibtex", "_ext.bibliography"]
source_suffix = {".md": "markdown"}
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "apa"
bibtex_reference_style = "apa"
