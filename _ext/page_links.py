""" "Edit this page" and "Report a problem" links on every page of the guide.

Both links come from two conf.py settings (``repository_url`` and
``repository_branch``), never from the pages, so moving the repository is a
one-line change.  The template ``_templates/components/page-links.html``
renders them at the end of each page's content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

# The issue form that a "Report a problem" link opens (.github/ISSUE_TEMPLATE/).
REPORT_FORM = "report-a-problem.yml"


def add_page_links(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    # Only pages built from a source file can be edited; genindex and search
    # have none.
    if doctree is None or pagename not in app.env.all_docs:
        return
    repository = app.config.repository_url.rstrip("/")
    source = app.env.doc2path(pagename, False)
    context["page_edit_url"] = f"{repository}/edit/{app.config.repository_branch}/{source}"
    query = urlencode(
        {
            "template": REPORT_FORM,
            "title": f"Problem on '{context.get('title', pagename)}'",
            "page": f"{source}",
        }
    )
    context["page_report_url"] = f"{repository}/issues/new?{query}"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("repository_url", "", "html", types=frozenset({str}))
    app.add_config_value("repository_branch", "main", "html", types=frozenset({str}))
    app.connect("html-page-context", add_page_links)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
