"""Sphinx configuration for the Aotearoa social media guide.

Flat and sectioned on purpose, like the Python devguide's conf.py: a newcomer
should be able to read it top to bottom.  Every setting that is not obvious
says why it is here.  Settings of the project's own extensions live beside
the extension they configure (see _ext/).
"""

import os
import sys
import time
from pathlib import Path

# The project's own extensions live in _ext/, one concern per module.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project information -----------------------------------------------------

project = "Social media for social services in Aotearoa"
author = "Guide editors and contributors"
# SOURCE_DATE_EPOCH keeps the copyright year (and every other date Sphinx
# prints) reproducible: two builds of one commit give identical bytes.
_build_year = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))).tm_year
copyright = f"{_build_year}, {author}. Text CC BY 4.0, code MIT"
release = version = "2026.11"

# Where the guide's source lives.  One place: the edit links, the "report a
# problem" link, the contributing guide's links and the GitHub workflows
# all derive from it.
repository_url = "https://github.com/aotearoa-social-media-guide/guide"
repository_branch = "main"

# -- General configuration ---------------------------------------------------

extensions = [
    # Third-party extensions.
    "myst_parser",  # pages are MyST Markdown
    "sphinxcontrib.bibtex",  # one references.bib, APA 7 output via apa_style
    # The project's own extensions (_ext/), one concern per module.
    "apa_style",  # APA 7 reference list and author-year citations
]

# Markdown only: reStructuredText is not a format contributors need to learn.
source_suffix = {".md": "markdown"}
root_doc = "index"

# Files that are not pages of the guide.  README and CONTRIBUTING are read on
# GitHub; tests/ holds small test projects of its own.
exclude_patterns = [
    "_build",
    ".venv",
    "node_modules",
    "README.md",
    "CONTRIBUTING.md",
    "LICENSE*",
    "tests",
    "tools",
    ".github",
    ".ci",
]

# Every cross-reference must resolve: a broken {ref} or {term} fails the build.
nitpicky = True

# New Zealand English.  Sphinx puts this in <html lang="..."> and uses it to
# pick the search stemmer.
language = "en_NZ"

# Never reach the network at build time (intersphinx, remote images).
intersphinx_mapping: dict = {}

# -- MyST Markdown ------------------------------------------------------------

myst_enable_extensions = [
    "colon_fence",  # ::: fences for directives, readable on GitHub
    "deflist",  # definition lists in the glossary-like passages
    "fieldlist",  # field lists inside directives
    "attrs_inline",  # {.class} on inline elements
    "attrs_block",  # {#id .class} on blocks
    "substitution",  # {{ pdf_link }} and similar shared strings
]
# Headings get no automatic anchors: pages link to explicit (label)= targets,
# which survive a heading being reworded.
myst_heading_anchors = 0
# Front matter is the toolkit's data (see _ext/frontmatter.py); MyST must not
# turn a "title" key into a heading.
myst_title_to_header = False

# -- Bibliography --------------------------------------------------------------

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"
bibtex_encoding = "utf-8"

# -- HTML output ---------------------------------------------------------------

html_theme = "furo"
html_title = "Social media for social services in Aotearoa"
html_static_path = ["_static"]
html_css_files: list[str] = []
html_js_files: list[str] = []
html_last_updated_fmt = None  # review dates, not build dates, tell readers how current a page is
html_copy_source = False  # the "edit this page" link points at the real source
html_show_sourcelink = False
html_search_language = "en"
html_theme_options = {
    "source_repository": repository_url,
    "source_branch": repository_branch,
    "source_directory": "",
}
html_context = {"default_mode": "auto"}

# -- LaTeX / PDF output ----------------------------------------------------------

latex_engine = "xelatex"  # Unicode input: macrons without font tricks
latex_documents = [
    (root_doc, "social-media-guide.tex", project, author, "manual"),
]
