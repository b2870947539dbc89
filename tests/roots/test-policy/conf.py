# A little guide with policy clauses: four clauses in two groups, a builder
# page and the Word templates.  The clause tests break one thing in a copy.
project = "Policy test guide"
author = "Test editors"
release = "2026.11"
extensions = ["myst_parser", "_ext.bibliography", "_ext.toolkit"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = False
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "apa"
bibtex_reference_style = "apa"
bibtex_cite_id = "ref-{key}"
html_baseurl = "https://example.org/guide/"
latex_engine = "xelatex"
