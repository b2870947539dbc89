# Build, test and maintain the guide.  `make help` lists every target.
#
# The Makefile creates and refreshes its own virtual environment (.venv) from
# the pinned requirements, so a fresh machine needs only Python 3.11+ and make.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
SPHINXBUILD := $(BIN)/sphinx-build
SPHINXOPTS  ?=
BUILDDIR    := _build
# -W: a warning is an error; --keep-going: report all of them, not just the
# first; -n: nitpicky, every cross-reference must resolve.
STRICT      := -W --keep-going -n

.DEFAULT_GOAL := help

# --- Environment ---------------------------------------------------------------
# Stamp files record which requirements the environment was built from: when a
# pin changes, the next make run reinstalls.

$(VENV)/.docs-installed: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.test-installed: $(VENV)/.docs-installed requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

# Test-only JavaScript/Java tools (axe-core, the Nu Html Checker, DAISY Ace),
# pinned in package-lock.json; npm ci installs exactly the locked versions,
# without install scripts (Puppeteer's would download a browser: Ace uses
# Debian's Chromium).
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

.PHONY: venv
venv: $(VENV)/.docs-installed ## Create or refresh .venv from requirements.txt

# --- Building ------------------------------------------------------------------

.PHONY: html
html: $(VENV)/.docs-installed ## Build the HTML site into _build/html
	$(SPHINXBUILD) -b html $(STRICT) $(SPHINXOPTS) -d $(BUILDDIR)/doctrees . $(BUILDDIR)/html
	@echo "The guide is in $(BUILDDIR)/html/index.html"

# The PDF: the whole guide as one tagged, accessible book (PDF/UA-1), written
# by WeasyPrint from a single-page HTML build (_ext/pdf_book), then copied
# into the HTML site, whose "Download the PDF" link points there.  WeasyPrint
# is a Python package (requirements.txt); it needs Pango from the system.
# PDF_NAME is read from conf.py's guide_pdf_basename, its one definition.
PDF_NAME    := $(shell sed -n 's/^guide_pdf_basename = "\(.*\)"$$/\1/p' conf.py)
# The system packages make pdf needs (Debian, Ubuntu): the workflows install
# them with `make -s pdf-packages`.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-freefont-otf
PDF_INSTALL  := sudo apt-get install --no-install-recommends $(PDF_PACKAGES)

.PHONY: pdf-packages
pdf-packages: ## Print the system packages make pdf needs
	@echo $(PDF_PACKAGES)

.PHONY: pdf
pdf: $(VENV)/.docs-installed ## Build the whole guide as one tagged PDF into _build/pdf (needs Pango)
	@fc-list -q FreeSerif 2>/dev/null && $(BIN)/python -c "import weasyprint" 2>/dev/null || { \
		echo "make pdf needs Pango and the FreeSerif font. Install them with:"; \
		echo "  $(PDF_INSTALL)"; exit 1; }
	$(SPHINXBUILD) -b pdf $(STRICT) $(SPHINXOPTS) . $(BUILDDIR)/pdf
	@mkdir -p $(BUILDDIR)/html/_downloads
	cp $(BUILDDIR)/pdf/$(PDF_NAME).pdf $(BUILDDIR)/html/_downloads/
	@echo "The PDF is $(BUILDDIR)/pdf/$(PDF_NAME).pdf (also in the site's _downloads/)"

# The EPUB 3 ebook: Sphinx's epub builder (conf.py's EPUB section,
# _ext/epub.py), then a copy into the HTML site beside the PDF, where the
# "Download the whole guide (EPUB ebook)" link points.  Its name is the PDF's.
# tests/site/test_epub.py checks it with epubcheck and DAISY Ace.
.PHONY: epub
epub: $(VENV)/.docs-installed ## Build the whole guide as one EPUB 3 ebook into _build/epub
	$(SPHINXBUILD) -M epub . $(BUILDDIR) $(STRICT) $(SPHINXOPTS)
	@mkdir -p $(BUILDDIR)/html/_downloads
	cp $(BUILDDIR)/epub/$(PDF_NAME).epub $(BUILDDIR)/html/_downloads/
	@echo "The EPUB is $(BUILDDIR)/epub/$(PDF_NAME).epub (also in the site's _downloads/)"

# sphinx-autobuild's options, shared with tests/site/test_livehtml.py.  The preview
# leaves out the content security policy (_ext/csp.py): it would block the
# inline script sphinx-autobuild adds to reload the page on save.
LIVEPORT    ?= 8000
LIVEOPTS    := -b html -n --host 127.0.0.1 --ignore "*/_build/*" --ignore "*/.venv/*" --ignore "*/tests/*" -D guide_content_security_policy=0
.PHONY: livehtml
livehtml: $(VENV)/.docs-installed ## Serve the site on http://127.0.0.1:8000 (LIVEPORT=...) and rebuild on save
	$(BIN)/sphinx-autobuild $(LIVEOPTS) --port $(LIVEPORT) $(SPHINXOPTS) -d $(BUILDDIR)/doctrees . $(BUILDDIR)/livehtml

# --- Testing -------------------------------------------------------------------

# The code checks come first: they take seconds, the tests minutes.
.PHONY: test
test: $(VENV)/.test-installed node_modules/.installed lint-code ## Check the code (lint-code), then run the test suite (pytest)
	$(BIN)/python -m pytest $(PYTESTOPTS)

# --- Quality checks --------------------------------------------------------------

.PHONY: lint
lint: $(VENV)/.test-installed lint-code ## Check the pages' spelling, macrons (Māori, Taupō) and NZ spelling, and the code
	$(BIN)/python -m tools.content_lint

# Settings in pyproject.toml; `$(BIN)/ruff check --fix . && $(BIN)/ruff format .`
# fixes most of what the first two report.
.PHONY: lint-code
lint-code: $(VENV)/.test-installed ## Check the Python code: ruff (lint and format) and mypy (types)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

.PHONY: check-links
check-links: $(VENV)/.test-installed ## Check every internal link and #anchor of the built site (offline; run make html first)
	$(BIN)/python -m tools.check_links $(BUILDDIR)/html

# linkcheck exits 1 for timeouts too; the report decides instead, failing only
# on broken links.  A stale output.json must not pass for a fresh run.
.PHONY: linkcheck
linkcheck: $(VENV)/.docs-installed ## Check every external link (needs the internet); report in _build/linkcheck/report.md
	@rm -f $(BUILDDIR)/linkcheck/output.json
	$(SPHINXBUILD) -b linkcheck -q $(SPHINXOPTS) . $(BUILDDIR)/linkcheck || true
	$(BIN)/python -m tools.linkcheck_report $(BUILDDIR)/linkcheck

# --- Contributor workflow ------------------------------------------------------

.PHONY: new-case-study
new-case-study: $(VENV)/.docs-installed ## Start a case study page: make new-case-study TITLE="..."
	@test -n "$(TITLE)" || { echo 'Give the case study a title: make new-case-study TITLE="Waikato DHB: measles outbreak"'; exit 2; }
	@$(BIN)/python -m tools.new_page --section case-studies --title "$(TITLE)"

SECTION ?= guidance
.PHONY: new-page
new-page: $(VENV)/.docs-installed ## Start a page: make new-page SECTION=guidance TITLE="..."
	@test -n "$(TITLE)" || { echo 'Give the page a title: make new-page SECTION=guidance TITLE="Working with volunteers"'; exit 2; }
	@$(BIN)/python -m tools.new_page --section "$(SECTION)" --title "$(TITLE)"

# CONTRIBUTING.md's field reference is generated from _ext/frontmatter_schema.py;
# tests/site/test_contributing.py fails until it is regenerated after a schema change.
.PHONY: contributing-reference
contributing-reference: $(VENV)/.docs-installed ## Regenerate CONTRIBUTING.md's front matter reference from the schema
	$(BIN)/python -m tools.contributing_reference

BASE ?= origin/main
.PHONY: check-redirects
check-redirects: $(VENV)/.docs-installed ## Fail if a page that exists at BASE (default origin/main) is gone without a redirect
	$(BIN)/python -m tools.check_redirects --base $(BASE)

# STRICT=1 makes an overdue page fail the run (for a scheduled CI job).  The
# build's STRICT flags (above) are not "1", so only STRICT=1 switches it on.
.PHONY: review-report
review-report: $(VENV)/.docs-installed ## Pages overdue or due for review within 60 days (STRICT=1: exit 1 if any overdue)
	$(BIN)/python -m tools.review_report $(if $(filter 1,$(STRICT)),--strict)

# --- Performance ---------------------------------------------------------------

.PHONY: bench
bench: $(VENV)/.docs-installed ## Time builds at 60 and 600 case studies against the targets (~5 min on an idle machine; BENCH_ARGS="--repeat 3" for medians)
	$(BIN)/python -m tools.bench $(BENCH_ARGS)

# --- Housekeeping --------------------------------------------------------------

.PHONY: clean
clean: ## Remove build output (keeps .venv)
	rm -rf $(BUILDDIR)

.PHONY: help
help: ## List the targets with one line each
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-22s %s\n", $$1, $$2}'
