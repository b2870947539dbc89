"""The case study browser: narrow and sort the full list of case studies in
the browser, by sector, success factor, channel and year.

A page that shows the full list (``{case-study-list}`` without options) gets
``static/case-study-browser.js`` and its styles, and the case studies' front
matter as a JSON data island: for each case its link (as the page writes it),
title, organisation, sector, year, channels and success factors, with the
names the form shows for each value.  The script builds the form, matches the
list's items (and the matrix's rows) to the data by their links, and hides
what the chosen filters leave out.

Progressive enhancement: without JavaScript, and in the PDF, the page is the
full list as the toolkit writes it; this module changes none of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .domain import toolkit
from .pages import case_studies, data_island, factor_pages, title
from .schema import CHANNEL_LABELS, SECTOR_LABELS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# The data island's id, which the script reads.
DATA_ID = "case-study-data"


def shows_full_list(env, docname: str) -> bool:
    """Whether the page shows the list of every case study."""
    return any(
        use["directive"] == "case-study-list" and not use["options"]
        for use in toolkit(env).generated.get(docname, ())
    )


def browser_data(app: Sphinx, docname: str) -> dict[str, Any]:
    """What the script needs, with links relative to *docname*."""
    env = app.env
    factors = factor_pages(env)
    cases = [
        {
            "href": app.builder.get_relative_uri(docname, case),
            "title": title(env, case),
            "organisation": page.get("organisation", ""),
            "sector": page.get("sector", ""),
            "year": page.get("year", 0),
            "channels": list(page.get("channels", ())),
            "factors": [factor for factor in page.get("success_factors", ()) if factor in factors],
        }
        for case, page in case_studies(env)
    ]
    return {
        "cases": cases,
        "labels": {
            "sector": dict(SECTOR_LABELS),
            "factor": {factor: title(env, page) for factor, page in factors.items()},
            "channel": dict(CHANNEL_LABELS),
        },
    }


def _add_browser(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not shows_full_list(app.env, pagename):
        return
    # Added from html-page-context, so on this page only.
    app.add_js_file(
        None, body=data_island(browser_data(app, pagename)), type="application/json", id=DATA_ID
    )
    app.add_css_file("case-study-browser.css")
    app.add_js_file("case-study-browser.js", defer="defer")


def setup(app: Sphinx) -> None:
    """Connect the handler (called by the toolkit's ``setup``)."""
    app.connect("html-page-context", _add_browser)
