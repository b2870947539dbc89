"""Anchors that work when every page is one HTML document.

Two things break when Sphinx's ``singlehtml`` builder puts the pages
together, and the PDF would carry them as dead links:

* a link to a place on another page is written ``#document-<page>#<anchor>``,
  an address with two fragments that leads nowhere (the builder's
  ``fix_refuris`` used to repair it; Sphinx 9 deprecates it, unused);
* ids are unique per page only: every page's "References" section is
  ``references``, its entries ``ref-<key>``, its citations ``id1``, ``id2``...
  so a citation would lead to the first page's list, not its own page's;
* a link to a page leads to an empty ``<span id="document-<page>">`` before
  the page's title, which can stay at the foot of one page while the title
  starts the next: the contents would give the wrong page number.  (So can
  the title's section, whose box may start in the margin above the title.)

This renames every id a page shares with a page before it (``<page>/<id>``),
points each link at the renamed anchor of the page it means, and each link
to a page at the page's heading itself (``title-of-<page>``).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes

PAGE_LINK = re.compile(r"#document-(?P<page>[^#]+)(?:#(?P<anchor>.+))?")


def _pages(tree: nodes.document):
    """(page name, node) for every element, each under the page it came from."""
    stack: list[tuple[str, nodes.Node]] = [(tree["docname"], tree)]
    while stack:
        page, node = stack.pop()
        if isinstance(node, addnodes.start_of_file):
            page = node["docname"]
        if isinstance(node, nodes.Element):
            yield page, node
            stack.extend((page, child) for child in reversed(node.children))


def make_anchors_unique(tree: nodes.document) -> dict[str, str]:
    """Rename shared ids and retarget the links; each page's title anchor."""
    elements = list(_pages(tree))
    owner: dict[str, str] = {}
    renamed: dict[tuple[str, str], str] = {}
    titles: dict[str, str] = {}
    for page, node in elements:
        ids = []
        for id_ in node["ids"]:
            if owner.setdefault(id_, page) != page:
                renamed[page, id_] = f"{page}/{id_}"
                id_ = renamed[page, id_]
            ids.append(id_)
        node["ids"] = ids
        if (
            page not in titles
            and isinstance(node, nodes.section)
            and isinstance(node[0], nodes.title)
        ):
            titles[page] = f"title-of-{page}"
            node[0]["ids"].append(titles[page])

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
            elif match["page"] in titles:
                node["refuri"] = "#" + titles[match["page"]]
        elif refuri.startswith("#"):
            node["refuri"] = "#" + anchor(page, refuri[1:])
    return titles


def link_to_page_titles(tree: nodes.Node, titles: dict[str, str]) -> None:
    """Point links to a page (a table of contents) at the page's title."""
    for reference in tree.findall(nodes.reference):
        match = PAGE_LINK.fullmatch(reference.get("refuri", ""))
        if match and not match["anchor"] and match["page"] in titles:
            reference["refuri"] = "#" + titles[match["page"]]
