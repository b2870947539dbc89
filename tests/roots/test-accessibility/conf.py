extensions = ["myst_parser", "sphinxcontrib.bibtex", "_ext.accessibility", "_ext.external_links"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
