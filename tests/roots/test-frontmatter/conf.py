# A valid little guide: each front matter test breaks one thing in a copy;
# the review date tests read its dates (one page reviews every 6 months).
extensions = ["myst_parser", "sphinxcontrib.bibtex", "_ext.toolkit"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "README.md"]
bibtex_bibfiles = ["references.bib"]
myst_title_to_header = False
