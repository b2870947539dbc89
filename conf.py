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

# The project's own extensions are the package _ext/ (imported as _ext.<name>
# here, in the tests and in tools/): the project folder goes on the path once.
sys.path.insert(0, str(Path(__file__).parent))

from _ext.month_names import MONTHS

# -- Project information -----------------------------------------------------

project = "Social media for social services in Aotearoa"
author = "Guide editors and contributors"
# SOURCE_DATE_EPOCH keeps the copyright year (and every other date Sphinx
# prints) reproducible: two builds of one commit give identical bytes.
_build_time = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))
_build_year = _build_time.tm_year
copyright = f"{_build_year}, {author}. Text CC BY 4.0, code MIT"
release = version = "2026.11"
# The file name of the PDF and the EPUB, without the suffix.  `make pdf` and
# `make epub` (PDF_NAME) copy them into the HTML site's _downloads/, where
# every page's "Download the whole guide" links point.
guide_pdf_basename = "social-media-guide"

# Where the guide's source lives.  One place: the edit links, the "report a
# problem" link, the contributing guide's links and the GitHub workflows
# all derive from it.
repository_url = "https://github.com/aotearoa-social-media-guide/guide"
repository_branch = "main"
# Where the published site lives (GitHub Pages, deployed from main).  The
# sitemap (html_baseurl) and link previews need absolute addresses.
site_url = "https://aotearoa-social-media-guide.github.io/guide/"
contributing_url = f"{repository_url}/blob/{repository_branch}/CONTRIBUTING.md"

# -- General configuration ---------------------------------------------------

extensions = [
    # Third-party extensions.
    "myst_parser",  # pages are MyST Markdown
    "sphinxcontrib.bibtex",  # one references.bib, APA 7 output via apa_style
    "sphinxext.opengraph",  # link previews when the guide is shared on social media
    "sphinx_reredirects",  # old addresses keep working when a page moves
    # The project's own extensions (_ext/): two packages and one module per
    # other concern.
    "_ext.bibliography",  # APA 7, a References list per page, .bib checks (safe links), speed-ups
    "_ext.toolkit",  # front matter checks, case study lists and matrix, self-assessment, review dates, policy builder
    "_ext.page_links",  # "Edit this page" and "Report a problem" on every page
    "_ext.sitemap",  # sitemap.xml of every page, also after incremental builds
    "_ext.te_reo",  # {mi} role (lang="mi") and search that ignores macrons
    "_ext.safe_content",  # pages cannot carry HTML (scripts, iframes, raw): the build fails
    "_ext.csp",  # a content security policy on every page: browsers run only the site's own code
    "_ext.accessibility",  # alt text required; ARIA fixes to Sphinx's HTML
    "_ext.furo_page",  # Furo's page with named nav landmarks, everything in a landmark (_templates/page.html)
    "_ext.external_links",  # rel="noopener" on every link to another site
    "_ext.fast_navigation",  # Furo's sidebar once per build, not per page: builds grow linearly
    "_ext.title_changes",  # a changed page or section title reaches every page in incremental builds
    "_ext.search_index_entries",  # the search finds every page's index entries after incremental builds
    "_ext.sidebar_limit",  # many case studies: the sidebar lists their index, not each one
    "_ext.latex_book",  # PDF: pages a page lists are its sections, not its last subsection's
    "_ext.epub",  # EPUB: page language, contents in reading order, accessibility metadata
    "_ext.pdf_book",  # the PDF: one tagged, accessible book (PDF/UA-1) through WeasyPrint
    "_ext.template_cache",  # page templates compiled once and kept, not in every build
    "_ext.fast_exit",  # a build's process ends without a last garbage collection of the site
]

# Markdown only: reStructuredText is not a format contributors need to learn.
source_suffix = {".md": "markdown"}
root_doc = "index"

# The guide's pages are the start page and the two content folders; nothing
# else in the repository (README, CONTRIBUTING, tests, caches) becomes a page.
include_patterns = ["index.md", "guidance/**", "case-studies/**"]
exclude_patterns = ["_build", ".venv", "node_modules"]

# Every cross-reference must resolve: a broken {ref} or {term} fails the build.
nitpicky = True
# MyST's own front matter warning ("Malformed YAML", always at line 1) would
# repeat, less precisely, what the toolkit's front matter check reports with
# the field and line (see _ext/toolkit/frontmatter.py), e.g. for a date like 2026-02-30.
suppress_warnings = ["myst.topmatter"]

# New Zealand English.  Sphinx puts this in <html lang="..."> and uses it to
# pick the search stemmer.
language = "en_NZ"

# Never reach the network at build time (intersphinx, remote images).
intersphinx_mapping: dict = {}

# -- Toolkit: front matter, generated indexes, review dates -------------------

# Content pages carry front matter (see _ext/toolkit/schema.py); the
# README and CONTRIBUTING are not content.  Docname patterns.
# The same patterns as include_patterns, as docnames (no .md): one list.
guide_content_patterns = [pattern.removesuffix(".md") for pattern in include_patterns]
# A page is due for review this many months after last_reviewed, unless its
# front matter says otherwise (review_every_months).  make review-report uses
# it too.
guide_review_every_months = 12
# Where an empty case study list invites readers to contribute one.
guide_contribute_url = contributing_url

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
# Values pages write as {{ name }}, so the site's address, the repository
# and the version are set here only (the start page's "how to cite" uses them).
myst_substitutions = {
    "version": release,
    "site_url": site_url,
    "contributing_link": f"[contributing guide]({contributing_url})",
    "bibtex_entry": "\n".join(
        [
            "```bibtex",
            f"@manual{{socialmediaguide{_build_year},",
            "  author  = {{Guide editors and contributors}},",
            f"  title   = {{{project.replace('Aotearoa', '{Aotearoa}')}}},",
            f"  year    = {{{_build_year}}},",
            f"  edition = {{Version {release}}},",
            f"  url     = {{{site_url}}},",
            "}",
            "```",
        ]
    ),
}
# Front matter is the toolkit's data (see _ext/toolkit/frontmatter.py); MyST must not
# turn a "title" key into a heading.
myst_title_to_header = False

# -- Bibliography --------------------------------------------------------------

bibtex_bibfiles = ["references.bib"]
# APA 7 entries and (Author, Year) citations: both styles are in _ext/bibliography/apa_style.py.
bibtex_default_style = "apa"
bibtex_reference_style = "apa"
# Stable anchors: guidance/x.html#ref-kaplan2010users survives edits to the
# page, unlike the generated "id3".  One reference list per page keeps it unique.
bibtex_cite_id = "ref-{key}"
bibtex_encoding = "utf-8"

# -- HTML output ---------------------------------------------------------------

html_theme = "furo"
html_title = "Social media for social services in Aotearoa"
html_static_path = ["_static"]
templates_path = ["_templates"]
html_baseurl = site_url
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
html_context = {
    "default_mode": "auto",
    # _templates/sidebar/download-guide.html links here.
    "pdf_download": f"_downloads/{guide_pdf_basename}.pdf",
    "epub_download": f"_downloads/{guide_pdf_basename}.epub",
}
# Furo's default sidebar plus "Download the whole guide" links (PDF, EPUB)
# below the navigation.
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/download-guide.html",
        "sidebar/ethical-ads.html",
        "sidebar/scroll-end.html",
        "sidebar/variant-selector.html",
    ]
}

# -- External link checking (make linkcheck) ---------------------------------------

# Tuned for the real web: slow government sites, publishers that redirect,
# hosts that rate-limit.  tools/linkcheck_report.py turns linkcheck's
# output.json into _build/linkcheck/report.md and fails only on broken links.
linkcheck_timeout = 20  # seconds; some government sites are slow to answer
# Check a link that fails up to twice before calling it broken: one dropped
# connection should not fail the run.
linkcheck_retries = 2
# A timeout is not proof that a page is gone: list timeouts separately in the
# report instead of counting them as broken.
linkcheck_report_timeouts_as_broken = False
# On HTTP 429 linkcheck waits as long as the server's Retry-After asks;
# without one it backs off, and gives up (reported as rate-limited) once the
# wait would pass this many seconds.
linkcheck_rate_limit_timeout = 120.0
# Redirects that are not a problem: any other redirect is listed in the report
# so the link can be updated.  Keys match the link, values where it lands.
linkcheck_allowed_redirects = {
    # A DOI is meant to redirect, to wherever the publisher keeps the work.
    r"https?://(dx\.)?doi\.org/.+": r"https://.+",
    # The Auditor-General's site moved from oag.govt.nz to oag.parliament.nz;
    # the old addresses the guide's sources cite redirect to the new site.
    r"https?://(www\.)?oag\.govt\.nz/.*": r"https://(www\.)?oag\.parliament\.nz/.*",
    # New Zealand public sector sites moved from http to https, and older
    # sources cite the http addresses.  linkcheck matches the old and the new
    # address separately, so "the same host" cannot be one pattern: these allow
    # the upgrade within the domain.  Any other http->https redirect is listed
    # in the report with the advice to change the link to https.
    r"http://([a-z0-9-]+\.)*govt\.nz/.*": r"https://([a-z0-9-]+\.)*govt\.nz/.*",
    r"http://([a-z0-9-]+\.)*parliament\.nz/.*": r"https://([a-z0-9-]+\.)*parliament\.nz/.*",
}
# Links linkcheck cannot judge; each has its reason.
linkcheck_ignore = [
    # Social networks answer automated requests with login walls, 999 or 403
    # although the page is there for a reader.
    r"https://(www\.)?(facebook|linkedin|instagram|tiktok)\.com/",
    r"https://(www\.)?(twitter|x)\.com/",
    # Publishers that refuse automated clients (403 behind bot protection).
    # Their works are cited by DOI: a DOI that leads here counts as ignored,
    # and one that does not resolve is still broken (doi.org answers 404).
    r"https://(www\.)?sciencedirect\.com/",
    r"https://(onlinelibrary\.)?wiley\.com/",
    r"https://journals\.sagepub\.com/",
    r"https://(www\.)?tandfonline\.com/",
    r"https://(www\.)?jstor\.org/",
]
# GitHub builds its page anchors with JavaScript, so they are never in the
# HTML linkcheck downloads; check that the page exists, not the anchor.
linkcheck_anchors_ignore_for_url = [r"https://github\.com/"]

# -- PDF output ------------------------------------------------------------------

# `make pdf` builds the whole guide as one book: title page, contents, the
# start page, one chapter per page it lists, in order, each page's own
# "References" section at its end (_ext/bibliography/page_references.py), and the global
# reference list as the last chapter.  The builder is _ext/pdf_book
# (`sphinx-build -b pdf`): a tagged, accessible PDF (PDF/UA-1) written by
# WeasyPrint, with its file name from guide_pdf_basename (above), its title
# from `project`, its language from `language` and its layout from
# _ext/pdf_book/theme/static/book.css.  The README's "The PDF" says why not
# LaTeX.

# The title page's date (Sphinx's `today`), New Zealand style ("25 November
# 2026") whatever the machine's locale, and from SOURCE_DATE_EPOCH like the
# copyright year.
today = f"{_build_time.tm_mday} {MONTHS[_build_time.tm_mon - 1]} {_build_year}"

# Sphinx's LaTeX builder still gives the same book, untagged, with xelatex
# (`sphinx-build -M latexpdf . _build`, then `python -m tools.check_latex_log
# _build/latex/social-media-guide.log`): the settings below keep it right.
latex_engine = "xelatex"  # Unicode input: macrons without font tricks
# The start page is the first chapter (who the guide is for, reading paths
# with page numbers, how to cite it); each page it lists is a chapter
# (_ext/latex_book.py).
latex_documents = [
    (root_doc, f"{guide_pdf_basename}.tex", project, author, "manual"),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # The fonts are Sphinx's xelatex default, FreeSerif, FreeSans and FreeMono
    # (Debian: fonts-freefont-otf): they carry the macron vowels of te reo
    # Māori (ā ē ī ō ū and their capitals).  polyglossia is
    # loaded by Sphinx from language = "en_NZ" as \setmainlanguage{newzealand}:
    # New Zealand English captions and British hyphenation patterns
    # (Debian: texlive-lang-english).
    # "Release 2026.11" reads as software; the guide has versions.
    "releasename": "Version",
    # The glossary is the guide's index of terms; a LaTeX index would only
    # repeat its entries.
    "printindex": "",
    "preamble": r"""
% polyglossia sets New Zealand English captions through \captionsenglish,
% not the \captionsnewzealand hook Sphinx gives its own to (sphinxmessages.sty,
% which also names the contents after the first toctree caption).  Without
% this a caption reads "Table1": Sphinx's \fnum@table expects "Table ".
\addto\captionsenglish{\renewcommand{\tablename}{Table }%
  \renewcommand{\figurename}{Fig.\@{} }\renewcommand{\literalblockname}{Listing}}
% Room for the running heads of the 11pt text (fancyhdr asks for 13.6pt).
\setlength{\headheight}{14pt}
% Long web addresses in reference lists may also break after a hyphen, not
% only after / and . (else one overruns the margin).
\expandafter\def\expandafter\UrlBreaks\expandafter{\UrlBreaks\do\-}
""",
}
# Print has no links to click: web addresses go in footnotes.
latex_show_urls = "footnote"
# Cross-references in print say which page to turn to.
latex_show_pagerefs = True
latex_domain_indices = False  # no Python-style module indices in a guide

# -- EPUB output -------------------------------------------------------------------

# `make epub` builds the whole guide as one EPUB 3 ebook with Sphinx's epub
# builder and its plain epub theme (not Furo: an ebook reader brings its own
# navigation; _templates/page.html picks the theme's page).  Same content as
# the PDF; checked by epubcheck and DAISY Ace (tests/site/test_epub.py), and
# copied beside the PDF into the site's _downloads/.
epub_basename = guide_pdf_basename
# The package document needs a BCP 47 tag (en-NZ); `language` is Sphinx's
# locale name (en_NZ), which epubcheck rejects.
epub_language = language.replace("_", "-")
# The title, author and publisher are the project and author by default.
epub_contributor = author
epub_description = (
    f"{project}, version {release}: an open guide and toolkit for social service "
    "organisations in Aotearoa New Zealand on using social media well."
)
# The guide's identifier, the same for every version (dcterms:modified tells
# editions apart).  Sphinx writes epub_uid, the identifier element's XML id,
# where toc.ncx needs the identifier itself (sphinx-doc/sphinx#11184, open),
# so the two are one XML name: then they agree, as epubcheck requires.
epub_uid = epub_identifier = "aotearoa-social-media-guide"
# Links stay links: a reader follows them in place, and every reference list
# entry already spells out its address.  ("inline" would repeat each address
# in the text; the PDF prints them as footnotes because paper cannot link.)
epub_show_urls = "no"
# The glossary is the guide's index of terms, as in the PDF: no general index.
epub_use_index = False
# The start page's toctrees are hidden (the site shows them in its sidebar);
# the ebook's table of contents lists them all the same.
epub_tocscope = "includehidden"
# Not part of the book: the site's link preview picture, and the copy of the
# build information Sphinx keeps when the configuration changes.
epub_exclude_files = ["_static/social-card.png", ".buildinfo.bak"]
# What reading systems and shops tell readers about the book's accessibility
# (schema:accessibilitySummary); _ext/epub.py adds the rest of the metadata.
guide_epub_accessibility_summary = (
    "The whole guide as reflowable text, with headings, a table of contents "
    "and links between pages. Every image has a text alternative. Checked with "
    "EPUBCheck and DAISY Ace."
)

# -- Link previews ---------------------------------------------------

ogp_site_url = site_url
ogp_site_name = project
# One static card for every page: generated cards would need matplotlib and
# fonts at build time for little gain.
ogp_image = "_static/social-card.png"
ogp_image_alt = "Social media for social services in Aotearoa: an open guide"
ogp_social_cards = {"enable": False}
# The page's front matter description is its link preview text (set by the
# toolkit as page metadata); Open Graph falls back to the first paragraph.
ogp_enable_meta_description = True


# -- Redirects -------------------------------------------------------------------

# When a page is renamed or removed, map its old docname to where readers
# should go now, so shared links keep working.  `make check-redirects
# BASE=<git ref>` fails when a page that existed at BASE is gone without an
# entry here.  Example: "guidance/old-name": "/guidance/new-name.html".
redirects: dict[str, str] = {}
# A valid, accessible HTML page for each redirect (the default has no
# doctype or title).
redirect_html_template_file = "_templates/redirect.html"

# -- Content security policy ------------------------------------------------------

# Every page tells the browser to run only the site's own scripts and styles,
# and the inline code the templates write, by its hash (see _ext/csp.py and
# README).  Redirect pages carry their own policy (_templates/redirect.html).
# `make livehtml` sets it to False: the policy would block the script
# sphinx-autobuild adds to reload the page on save.
guide_content_security_policy = True

# -- Build speed ----------------------------------------------------------------

# Compute Furo's sidebar navigation once per build and mark each page's place
# in it, instead of Furo resolving the whole site's toctree for every page
# (quadratic in the number of pages).  Output is byte-identical.  False gives
# stock Furo; `make bench` uses that for its comparison.  See _ext/fast_navigation.py.
guide_fast_navigation = True

# Above this many case studies, the sidebar lists the case studies' index page
# (which lists and filters them all) instead of every case study, so that no
# page's HTML grows with the library.  The PDF's contents list them all.  See
# _ext/sidebar_limit.py.
guide_sidebar_case_study_limit = 20
