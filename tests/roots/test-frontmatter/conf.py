# A valid little guide: each front matter test breaks one thing in a copy.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "frontmatter"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "README.md"]
bibtex_bibfiles = ["references.bib"]
myst_title_to_header = False
