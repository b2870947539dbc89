"""The matrix and the worksheet compile to a PDF that fits the page."""

import subprocess

import pytest
from conftest import require_tool


@pytest.mark.sphinx("latex", testroot="toolkit")
def test_matrix_and_worksheet_compile_without_running_off_the_page(app):
    latexmk = require_tool("latexmk", "apt-get install latexmk texlive-xetex")
    pdftotext = require_tool("pdftotext", "apt-get install poppler-utils")
    app.build()
    tex = next(app.outdir.glob("*.tex"))
    result = subprocess.run(
        [latexmk, "-xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=app.outdir,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    log = tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Overfull \\hbox" not in log
    text = subprocess.run(
        [pdftotext, tex.with_suffix(".pdf").name, "-"],
        cwd=app.outdir,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Which success factors each case study illustrates" in text
    assert text.count("□ yes □ partly □ no □ n/a") == 4
