# A two-page site with one good and two broken internal links (raw HTML, as a
# hand-written link or a template would make them).
extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
