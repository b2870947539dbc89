"""Anchors that work when every page is one HTML document.

Two things break when Sphinx's ``singlehtml`` builder puts the pages
together, and the PDF would carry them as dead links:

* a link to a place on another page is written ``#document-<page>#<anchor>``,
  an address with two fragments that leads nowhere (the builder's
  ``fix_refuris`` used to repair it; Sphinx 9 deprecates it, unused);
* ids are unique per page only: every page's "References" section is
  ``references``, its entries ``ref-<key>``, its citations ``id1``, ``id2``...
  so a citation would lead to the first page's list, not its own page's.

This renames every id a page shares with a page before it (``<page>/<id>``)
and points each link at the renamed anchor of the page it means.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes

PAGE_LINK = re.compile(r"#document-(?P<page>[^#]+)(?:#(?P<anchor>.+))?")


def _pages(tree: nodes.document):
    """(page name, node) for every element, each under the page it came from."""
    stack = [(tree["docname"], tree)]
    while stack:
        page, node = stack.pop()
        if isinstance(node, addnodes.start_of_file):
            page = node["docname"]
        if isinstance(node, nodes.Element):
            yield page, node
            stack.extend((page, child) for child in reversed(node.children))


def make_anchors_unique(tree: nodes.document) -> None:
    elements = list(_pages(tree))
    owner: dict[str, str] = {}
    renamed: dict[tuple[str, str], str] = {}
    for page, node in elements:
        ids = []
        for id_ in node["ids"]:
            if owner.setdefault(id_, page) != page:
                renamed[page, id_] = f"{page}/{id_}"
                id_ = renamed[page, id_]
            ids.append(id_)
        node["ids"] = ids

    def anchor(page: str, id_: str) -> str:
        return renamed.get((page, id_), id_)

    for page, node in elements:
        if node.get("refid"):
            node["refid"] = anchor(page, node["refid"])
        if node.get("backrefs"):
            node["backrefs"] = [anchor(page, id_) for id_ in node["backrefs"]]
        refuri = node.get("refuri", "")
        if match := PAGE_LINK.fullmatch(refuri):
            if match["anchor"]:
                node["refuri"] = "#" + anchor(match["page"], match["anchor"])
        elif refuri.startswith("#"):
            node["refuri"] = "#" + anchor(page, refuri[1:])
