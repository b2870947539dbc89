"""Who owns each content page, when it was last reviewed, when it is next due.

The line goes under the page title as ordinary doctree nodes, so it shows in
the HTML and the PDF alike.  Dates are written the New Zealand way
("25 November 2026").  The due date comes from the page's front matter only,
never from today's date: the build gives the same output every day, and
``tools/review_report.py`` (make review-report) is what compares with today.
"""

from __future__ import annotations

import calendar
import datetime
from typing import TYPE_CHECKING

from docutils import nodes

from ..month_names import MONTHS
from .domain import toolkit

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def nz_date(day: datetime.date) -> str:
    """25 November 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day *months* later; the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def next_review(page: dict, default_months: int) -> datetime.date | None:
    """When the page (typed front matter values) is next due for review."""
    last = page.get("last_reviewed")
    if last is None:
        return None
    return add_months(last, page.get("review_every_months", default_months))


def review_line(page: dict, default_months: int) -> nodes.paragraph | None:
    """ "Page owner: …  Last reviewed: …  Next review due: …" as nodes."""
    due = next_review(page, default_months)
    if due is None or "owner" not in page:
        return None
    line = nodes.paragraph(classes=["review-dates"])
    for label, value in (
        ("Page owner", page["owner"]),
        ("Last reviewed", nz_date(page["last_reviewed"])),
        ("Next review due", nz_date(due)),
    ):
        if len(line):
            line += nodes.Text(" · ")
        line += nodes.strong("", f"{label}:")
        line += nodes.Text(f" {value}")
    return line


def _add_review_line(app: Sphinx, doctree: nodes.document) -> None:
    page = toolkit(app.env).pages.get(app.env.docname)
    if not page:
        return
    line = review_line(page, app.config.guide_review_every_months)
    if line is None:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and isinstance(section[0], nodes.title):
        section.insert(1, line)
    else:
        doctree.insert(0, line)


def setup(app: Sphinx) -> None:
    """Connect the review line (called by the toolkit's ``setup``)."""
    app.connect("doctree-read", _add_review_line)
