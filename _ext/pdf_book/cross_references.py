"""In print, a cross-reference says which page to turn to.

A link to another page ({doc}) or to a section ({ref}) gets the class
``page-reference``; the print stylesheet adds "(page 12)" after it, as
``latex_show_pagerefs`` does in LaTeX.  Citations, footnotes and glossary
terms do not: their targets are close by or in a list of their own.
"""

from __future__ import annotations

from docutils import nodes

PAGE_REFERENCE = "page-reference"
# The roles' classes on the link text (Sphinx's std domain).
CROSS_REFERENCE_ROLES = {"doc", "std-ref"}


def mark_cross_references(tree: nodes.document) -> None:
    for reference in tree.findall(nodes.reference):
        if not reference.get("refuri", "").startswith("#"):
            continue
        roles = {
            name
            for child in reference.children
            if isinstance(child, nodes.Element)
            for name in child["classes"]
        }
        if roles & CROSS_REFERENCE_ROLES:
            reference["classes"].append(PAGE_REFERENCE)
