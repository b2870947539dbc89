"""Event priorities that depend on each other, in one place.

Sphinx calls the handlers of one event in order of priority (lower first;
the default is 500).  Where the project's extensions rely on that order,
the numbers are named here, with why the order matters, so that changing
one cannot silently break another.
"""

# -- builder-inited -------------------------------------------------------------
# sphinxcontrib-bibtex parses the .bib files at the default priority (500).
# bibliography.checks wraps that parse in pybtex's error capture, so a broken
# .bib file is recorded (and reported with its line) instead of crashing.
BIB_PARSE_CAPTURE_START = 100
BIB_PARSE_CAPTURE_END = 900
# The APA year suffixes (2011a, 2011b) are worked out over the parsed .bib
# files, so after sphinxcontrib-bibtex's parse (500), before any formatting.
ASSIGN_YEAR_SUFFIXES = 600

# -- env-purge-doc --------------------------------------------------------------
# What the generated indexes show of a page is remembered before anything
# forgets the page: Sphinx's title collector purges titles at 500.
REMEMBER_INDEX_DATA = 100

# -- doctree-read ----------------------------------------------------------------
# The per-page "References" section is added before Sphinx's TocTreeCollector
# (500) reads the page's sections, so it shows in the page's contents.
APPEND_REFERENCES = 400

# -- env-updated -----------------------------------------------------------------
# content_problems clears last build's build-wide problems first...
BUILD_WIDE_CHECKS_START = 50
# ...the .bib files and citations are checked before sphinxcontrib-bibtex
# formats the bibliographies (500), so a bad file is reported, not crashed on...
BIB_CHECKS = 100
# ...the checks that need every page's front matter run once all are read...
CROSS_CHECKS = 400
# ...and the verdict (log every problem, fail the build) comes last.
BUILD_WIDE_CHECKS_END = 800

# -- html-page-context -----------------------------------------------------------
# Furo renders the sidebar's tree at the default priority (500), asking the
# page context's toctree() for it.  Without fast navigation, sidebar_limit
# answers that request with a pruned tree, so it wraps toctree() first...
SIDEBAR_PRUNE_STOCK = 300
# ...fast_navigation makes Furo's request a no-op before Furo runs (it then
# wraps whatever toctree() the context holds, sidebar_limit's included)...
NAVIGATION_TAKE_OVER = 400
# ...and fills in the sidebar, computed once per build, after Furo has run.
NAVIGATION_FILL_IN = 600
