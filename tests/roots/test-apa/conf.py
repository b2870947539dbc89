# One entry of each type the APA style formats, cited in every in-text form.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "_ext.bibliography"]
source_suffix = {".md": "markdown"}
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "apa"
bibtex_reference_style = "apa"
bibtex_cite_id = "ref-{key}"
