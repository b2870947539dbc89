"""Review dates: the line under each content page's title, and make review-report."""

import datetime
import re
import subprocess
import sys

import pytest
from toolkit_build import ROOTS, copy_root, edit

from _ext.toolkit.review_dates import add_months, nz_date
from tools.review_report import REPO, main


def test_dates_are_written_the_new_zealand_way():
    assert nz_date(datetime.date(2026, 11, 25)) == "25 November 2026"
    assert nz_date(datetime.date(2027, 1, 5)) == "5 January 2027"


def test_add_months_keeps_the_day_or_takes_the_month_end():
    assert add_months(datetime.date(2026, 11, 25), 12) == datetime.date(2027, 11, 25)
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)


@pytest.mark.sphinx("html", testroot="frontmatter")
def test_review_line_under_the_title_in_html(app):
    app.build()
    html = (app.outdir / "guidance/success-factors/strategy.html").read_text(encoding="utf-8")
    line = html[html.index('<p class="review-dates">') :]
    line = line[: line.index("</p>")]
    assert "Guide editors" in line
    assert "25 November 2026" in line
    # review_every_months: 6 on this page; others use the default (12).
    assert "25 May 2027" in line
    assert html.index("<h1") < html.index('class="review-dates"')
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "25 November 2027" in index


@pytest.mark.sphinx("latex", testroot="frontmatter")
def test_review_line_in_the_pdf(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxstylestrong{Next review due:} 25 May 2027" in tex


def test_review_report_lists_overdue_and_due_soon(capsys):
    root = ROOTS / "test-frontmatter"
    assert main(["--root", str(root), "--today", "2027-05-01"]) == 0
    out = capsys.readouterr().out
    assert "due soon  25 May 2027" in out
    assert "guidance/success-factors/strategy.md" in out
    assert "case-studies/measles.md" not in out  # due November 2027: not yet
    assert "README" not in out


def test_review_report_strict_fails_only_when_overdue(capsys):
    root = str(ROOTS / "test-frontmatter")
    assert main(["--root", root, "--today", "2027-05-01", "--strict"]) == 0  # due soon only
    assert main(["--root", root, "--today", "2027-06-01", "--strict"]) == 1
    assert re.search(r"OVERDUE +25 May 2027", capsys.readouterr().out)
    assert main(["--root", root, "--today", "2027-06-01"]) == 0


def test_review_report_names_pages_it_cannot_read(tmp_path, capsys):
    root = copy_root("frontmatter", tmp_path)
    edit(root / "case-studies/measles.md", "2026-11-25", "2026-11-31")
    assert main(["--root", str(root), "--today", "2026-11-25", "--strict"]) == 1
    assert "case-studies/measles.md:4: last_reviewed: '2026-11-31'" in capsys.readouterr().out


def test_make_review_report_runs_without_a_build():
    result = subprocess.run(
        ["make", "--no-print-directory", "review-report", f"PYTHON={sys.executable}"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Pages overdue for review" in result.stdout
