"""make pdf: the whole guide as one book, read back with pdftotext."""

import os
import re
import runpy
import subprocess
import sys

import pytest
from conftest import REPO, require_tool

from tools import check_latex_log

TEX_INSTALL = (
    "sudo apt-get install --no-install-recommends latexmk texlive-xetex "
    "texlive-latex-recommended texlive-fonts-recommended texlive-latex-extra "
    "texlive-lang-english fonts-freefont-otf xindy poppler-utils"
)
PDF_NAME = runpy.run_path(str(REPO / "conf.py"))["pdf_basename"]  # its one definition
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
    require_tool("latexmk", TEX_INSTALL)
    require_tool("xelatex", TEX_INSTALL)
    require_tool("pdftotext", TEX_INSTALL)
    out = tmp_path_factory.mktemp("pdf")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-M",
            "latexpdf",
            str(REPO),
            str(out),
            "-W",
            "--keep-going",
            "-n",
            "-q",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764028800"},
    )
    latex = out / "latex"
    assert result.returncode == 0, result.stderr[-5000:] + result.stdout[-5000:]
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(latex / f"{PDF_NAME}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return latex, text


@pytest.mark.slow
def test_pdf_has_title_contents_and_every_success_factor(pdf_build):
    _, text = pdf_build
    assert (
        "Social media for social services in\nAotearoa" in text
        or "Social media for social services in Aotearoa" in text
    )
    assert "Version 2026.11" in text
    assert "25 November 2025" in text  # the title page date, from SOURCE_DATE_EPOCH
    assert re.search(r"^\f*Contents$", text, re.M)  # \f: pdftotext's page breaks
    for factor in FACTORS:
        assert re.search(rf"^\d+\.\d+\s+{factor}$", text, re.M), f"no section {factor!r}"


@pytest.mark.slow
def test_pdf_keeps_macrons(pdf_build):
    latex, text = pdf_build
    assert "Māori" in text
    assert "Aotearoa" in text
    # A glyph missing from the font would drop the macron vowel silently.
    log = (latex / f"{PDF_NAME}.log").read_text(errors="replace")
    assert "Missing character" not in log


@pytest.mark.slow
def test_pdf_has_the_policy_templates_clauses(pdf_build):
    _, text = pdf_build
    flat = " ".join(text.split())
    assert "A policy template to adapt" in flat
    assert (
        "Only people whom [name of the organisation] has authorised may post on its "
        "official accounts."
    ) in flat
    assert "Required for public service agencies. Source: (Te Kawa Mataaho" in flat
    assert "The policy builder works in the web version of the guide." in flat


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
def test_pdf_has_no_undefined_or_duplicate_references(pdf_build):
    latex, _ = pdf_build
    log = (latex / f"{PDF_NAME}.log").read_text(errors="replace")
    assert check_latex_log.problems(log) == []


def test_log_check_finds_what_tex_lets_pass():
    # TeX wraps long log lines at 79 characters.
    long_line = (
        "LaTeX Warning: Citation `guidance/references:id-with-a-very-long-name-"
        "that-wraps' on page 3 undefined on input line 99."
    )
    log = "\n".join(
        [
            "LaTeX Warning: Reference `guidance/strategy:plan' on page 12 undefined on input",
            " line 4021.",
            long_line[:79],
            long_line[79:],
            "LaTeX Warning: Label `guidance/index:x' multiply defined.",
            "Missing character: There is no ā (U+0101) in font cmr10!",
            "LaTeX Warning: There were undefined references.",
            "LaTeX Warning: Reference `guidance/strategy:plan' on page 12 undefined on input",
        ]
    )
    assert check_latex_log.problems(log) == [
        "LaTeX Warning: Reference `guidance/strategy:plan' on page 12 undefined",
        "LaTeX Warning: Citation `guidance/references:id-with-a-very-long-name-that-wraps' "
        "on page 3 undefined",
        "LaTeX Warning: Label `guidance/index:x' multiply defined",
        "Missing character: There is no ā (U+0101) in font cmr10!",
        "LaTeX Warning: There were undefined references",
    ]


def test_clean_log_passes(tmp_path, capsys):
    log = tmp_path / "book.log"
    log.write_text("Output written on book.pdf (96 pages).\n")
    assert check_latex_log.main([str(log)]) == 0


@pytest.mark.slow
def test_every_page_links_to_the_pdf(site_html):
    for page in (site_html / "index.html", site_html / "guidance" / "glossary.html"):
        html = page.read_text()
        prefix = "../" if page.parent != site_html else ""
        assert f'href="{prefix}_downloads/{PDF_NAME}.pdf"' in html, page


def test_make_pdf_without_tex_prints_the_install_command(tmp_path):
    require_tool("make", "sudo apt-get install make")
    # An empty PATH hides TeX; -o: do not (re)build the virtual environment.
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.docs-installed", "pdf", f"PATH={tmp_path}"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert f"  {TEX_INSTALL}\n" in result.stdout
