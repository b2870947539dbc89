"""make pdf: the whole guide as one tagged, accessible book.

The text is read back with pdftotext, as a reader's PDF viewer would show it;
the structure tree, language, title and bookmarks (what a screen reader
uses) with pikepdf.
"""

import re
import runpy
import subprocess

import pikepdf
import pyphen
import pytest
from conftest import REPO, require_tool, require_weasyprint, sphinx_build
from pdf_reading import TICK_BOXES, pdftotext, words_off_the_page

PDF_INSTALL = (
    "sudo apt-get install --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 "
    "fonts-freefont-otf"
)
CONF = runpy.run_path(str(REPO / "conf.py"))
PDF_NAME = CONF["guide_pdf_basename"]  # its one definition
# The Auditor-General's eight success factors, as the factor pages title them.
FACTORS = (
    "Leadership",
    "Strategy",
    "Implementation",
    "Risk management",
    "Integration",
    "Adaptation",
    "Measurement",
    "Considered communication",
)


@pytest.fixture(scope="module")
def pdf_build(tmp_path_factory):
    """The real guide built as a PDF (as `make pdf` does), and its text."""
    require_weasyprint()
    out = tmp_path_factory.mktemp("pdf")
    sphinx_build(REPO, out, "-b", "pdf", "-W", "--keep-going", "-n")
    pdf = out / f"{PDF_NAME}.pdf"
    return pdf, pdftotext(pdf)


@pytest.mark.slow
def test_pdf_has_title_and_contents_with_the_right_page_numbers(pdf_build):
    pdf, text = pdf_build
    pages = text.split("\f")  # pdftotext's page breaks
    assert CONF["project"] in " ".join(pages[0].split())
    assert "Version 2026.11" in pages[0]
    assert "25 November 2025" in pages[0]  # the title page date, from SOURCE_DATE_EPOCH
    assert pages[1].startswith("Contents\n")
    contents = "\n".join(page for page in pages[1:4])
    for factor in FACTORS:
        found = re.search(rf"^{factor} ?\.+ ?(\d+)$", contents, re.M)
        assert found, f"no {factor!r} in the contents"
        # The page the contents gives starts the factor's chapter section.
        assert re.search(rf"^{factor}$", pages[int(found[1]) - 1], re.M), factor
    assert 120 < len(pages) < 400  # a book, not a page per heading or one endless page
    assert not (pdf.parent / "sitemap.xml").exists()  # the site's, not the book's


@pytest.mark.slow
def test_pdf_is_tagged_with_language_title_and_bookmarks(pdf_build):
    pdf, _ = pdf_build
    with pikepdf.open(pdf) as book:
        catalog = book.Root
        assert str(catalog.Lang) == "en-NZ"
        assert catalog.ViewerPreferences.DisplayDocTitle is True
        assert str(book.docinfo.Title) == CONF["project"]
        assert book.open_metadata()["dc:title"] == CONF["project"]
        with book.open_outline() as outline:
            bookmarks = [item.title for item in outline.root]
        assert bookmarks[0] == "Contents"
        assert CONF["project"] in bookmarks and "References" in bookmarks
        assert len(bookmarks) > 20  # a bookmark per chapter

        kinds: dict[str, int] = {}
        figures_without_alt = []
        stack = [catalog.StructTreeRoot]
        while stack:
            element = stack.pop()
            kind = str(element.get("/S", ""))
            kinds[kind] = kinds.get(kind, 0) + 1
            if kind == "/Figure" and not str(element.get("/Alt", "")).strip():
                figures_without_alt.append(element)
            children = element.get("/K")
            if isinstance(children, pikepdf.Dictionary):
                children = [children]
            if isinstance(children, (pikepdf.Array, list)):
                stack.extend(
                    child
                    for child in children
                    if isinstance(child, pikepdf.Dictionary) and "/K" in child
                )
    for kind in ("/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD", "/Link"):
        assert kinds.get(kind), f"no {kind} in the structure tree"
    assert kinds["/H1"] > 20  # each chapter's title is a first-level heading
    assert not figures_without_alt


@pytest.mark.slow
def test_pdf_keeps_macrons_in_the_guide_fonts(pdf_build):
    pdf, text = pdf_build
    assert "Māori" in text
    assert "Whānau Āwhina Plunket" in text
    # Every glyph from the guide's fonts: one missing from FreeSerif would
    # come from a fallback font (or print as a box).
    pdffonts = require_tool("pdffonts", "sudo apt-get install poppler-utils")
    fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert names and all(
        name.startswith(("FreeSerif", "FreeSans", "FreeMono")) for name in names
    ), names


@pytest.mark.slow
def test_pdf_hyphenates(pdf_build):
    _, text = pdf_build
    # Words broken across lines by hyphenation, with WeasyPrint's hyphen
    # (U+2010), not only at their own hyphens.
    assert len(re.findall(r"[a-z]{2,}\u2010\n[a-z]{2,}", text)) > 100


def test_new_zealand_english_hyphenates_with_british_patterns():
    # WeasyPrint asks pyphen for the document language, en-NZ; pyphen has no
    # en_NZ dictionary and falls back to "en", its British English patterns.
    assert pyphen.LANGUAGES[pyphen.language_fallback("en_NZ")].name == "hyph_en_GB.dic"


@pytest.mark.slow
def test_pdf_matrix_and_worksheet(pdf_build):
    pdf, text = pdf_build
    assert "Which success factors each case study illustrates" in text
    questions = sum(
        page.read_text().count("{self-check}")
        for page in (REPO / "guidance" / "success-factors").glob("*.md")
    )
    assert len(TICK_BOXES.findall(text)) == questions > 30
    assert words_off_the_page(pdf) == []


@pytest.mark.slow
def test_pdf_ends_with_the_references_chapter(pdf_build):
    _, text = pdf_build
    chapter = text[text.rindex("\nReferences\n") :]
    for entry in (
        "Kaplan, A. M., & Haenlein, M. (2010)",
        "Ballantyne, N. (2014",
        "Office of the Auditor-General",
    ):
        assert entry in " ".join(chapter.split()), entry


@pytest.mark.slow
def test_every_page_links_to_the_pdf(site_html):
    for page in (site_html / "index.html", site_html / "guidance" / "glossary.html"):
        html = page.read_text()
        prefix = "../" if page.parent != site_html else ""
        assert f'href="{prefix}_downloads/{PDF_NAME}.pdf"' in html, page


def test_make_pdf_without_pango_or_fonts_prints_the_install_command(tmp_path):
    require_tool("make", "sudo apt-get install make")
    # An empty PATH hides fontconfig; -o: do not (re)build the virtual environment.
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.docs-installed", "pdf", f"PATH={tmp_path}"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert f"  {PDF_INSTALL}\n" in result.stdout
