"""A sidebar that lists the case studies' index, not every case study, once
there are many.

Furo's sidebar holds the whole site's table of contents on every page, so
every page's HTML grows with the number of case studies: at 600 of them the
list is most of each page.  Above ``guide_sidebar_case_study_limit`` case
studies (pages with ``page_type: case-study``), the sidebar leaves them out;
the case studies' index page, which lists and filters them all, stays.

Only the sidebar changes: the pages stay in the table of contents Sphinx
keeps (previous and next links, the PDF's chapters and contents).  The
navigation is pruned where it is computed, before it is rendered:

* with fast navigation (``_ext.fast_navigation``), in the tree it computes
  once per build, through its ``navigation-tree-resolved`` event;
* without it (``guide_fast_navigation = False``), in the tree Furo asks
  Sphinx for on each page: this extension answers that request itself, with
  Sphinx's public ``global_toctree_for_doc`` and the pruning.

Both give the same pages.  On a case study's own page no sidebar entry is
marked current, as fast navigation marks none for a page the tree does not
hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import global_toctree_for_doc

from . import priorities
from .fast_navigation import FURO_TOCTREE_ARGS
from .toolkit.pages import case_studies

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def pruned_pages(app: Sphinx) -> set[str]:
    """The pages the sidebar leaves out: none, or every case study."""
    limit = app.config.guide_sidebar_case_study_limit
    cases = [docname for docname, _page in case_studies(app.env)]
    return set(cases) if limit and len(cases) > limit else set()


def prune(app: Sphinx, docname: str, tree: nodes.Element | None) -> None:
    """Remove the sidebar entries of pruned pages from a resolved toctree.

    ``docname`` is the page the tree was resolved for: its links are
    relative to it.
    """
    pruned = pruned_pages(app)
    if tree is None or not pruned:
        return
    uris = {app.builder.get_relative_uri(docname, page) for page in pruned}
    for reference in list(tree.findall(nodes.reference)):
        anchor = reference.get("anchorname", "")
        uri = reference["refuri"].removesuffix(anchor) if anchor else reference["refuri"]
        if not reference.get("internal") or uri not in uris:
            continue
        item = reference.parent
        while item is not None and not isinstance(item, nodes.list_item):
            item = item.parent
        if item is None or item.parent is None:
            continue
        entries = item.parent
        entries.remove(item)
        if not entries.children and entries.parent is not None:
            # No empty list, which Furo would give a button that opens nothing.
            entries.parent.remove(entries)
    if docname in pruned:
        # Sphinx marked the page's branch current through the entry that is
        # gone; nothing shown is the page itself.
        for node in tree.findall(nodes.Element):
            if "current" in node["classes"]:
                node["classes"].remove("current")


def _answer_furo(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Serve Furo's request for the page's navigation, pruned.

    Whether anything is pruned is asked only when Furo asks for the tree:
    with fast navigation on, Furo's request never reaches this function, so
    no page pays for working out the case studies.
    """
    if app.builder.format != "html" or "toctree" not in context:
        return
    stock_toctree = context["toctree"]

    def toctree(**kwargs: Any) -> str:
        if kwargs != FURO_TOCTREE_ARGS or not pruned_pages(app):
            return stock_toctree(**kwargs)
        # Called on html-page-context only: the builder writes HTML.
        builder = cast(StandaloneHTMLBuilder, app.builder)
        tree = global_toctree_for_doc(app.env, pagename, builder, tags=builder.tags, **kwargs)
        prune(app, pagename, tree)
        return builder.render_partial(tree)["fragment"]

    context["toctree"] = toctree


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("_ext.toolkit")
    app.setup_extension("_ext.fast_navigation")
    app.add_config_value(
        "guide_sidebar_case_study_limit",
        0,
        "html",
        types=[int],
        description="Above this many case studies the sidebar lists their index only (0: no limit)",
    )
    app.connect("html-page-context", _answer_furo, priority=priorities.SIDEBAR_PRUNE_STOCK)
    app.connect("navigation-tree-resolved", prune)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
