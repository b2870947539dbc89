"""Every page that cites ends with its own "References" section.

Page writers never write a bibliography directive: when a page cites, this
extension appends a "References" section holding a bibliography of exactly
the works that page cites, and every citation on the page links to the entry
in it.  The global list (guidance/references.md) is a ``:list: bullet``
bibliography: listing every entry there as link targets too would make
sphinxcontrib-bibtex report each cited key as a duplicate citation.

Why after parsing (``doctree-read``) and not by appending text to the source
(``source-read``): the decision rests on the citations the cite roles
actually recorded, not on a guess from the Markdown (a citation shown inside
a code sample is not a citation; an rST page cites with another syntax), and
the section is a real node added before Sphinx collects the page's table of
contents, so it shows in the page's contents sidebar.  A page that writes its
own bibliography directive keeps it and gets no second one.

Reference lists are laid out as APA lists: one paragraph per entry with a
hanging indent and no ``[label]`` in front, in HTML and in LaTeX alike.
"""

from __future__ import annotations

import ast
from itertools import takewhile
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.directives import BibliographyKey, BibliographyValue
from sphinxcontrib.bibtex.nodes import bibliography as bibliography_node
from sphinxcontrib.bibtex.transforms import BibliographyTransform

from .. import priorities
from ..compat import make_ids
from .cite_domain import cite_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

SECTION_TITLE = "References"
LIST_CLASS = "apa-references"
ENTRY_CLASS = "apa-reference"


def _last_top_section(doctree: nodes.document) -> nodes.Element:
    sections = [child for child in doctree.children if isinstance(child, nodes.section)]
    return sections[-1] if sections else doctree


def _bibliography_for_page(
    env: BuildEnvironment, doctree: nodes.document, line: int, cited: set[str]
) -> bibliography_node:
    """A bibliography of the works this page cites, as the directive makes one.

    Mirrors sphinxcontrib-bibtex's BibliographyDirective.run() with the
    filter ``docname in docnames`` (entries cited on this page).  The
    directive makes a citation node for every entry of the .bib files, as it
    cannot know which its filter keeps; this list keeps only the entries
    cited on the page, so it needs nodes for those only (kept in the
    environment: a node for every entry on every page made the saved
    environment, loaded by every build, several times larger).
    """
    domain = cite_domain(env)
    docname = env.docname
    count = (env.temp_data.get("bibtex_bibliography_count") or 0) + 1
    env.temp_data["bibtex_bibliography_count"] = count
    ids = set(doctree.ids)
    bibfiles = list(domain.bibdata.bibfiles)
    for bibfile in bibfiles:
        env.note_dependency(str(bibfile))
    node = bibliography_node(
        "",
        docname=docname,
        ids=make_ids(
            docname=docname,
            lineno=line,
            ids=ids,
            raw_id=env.config.bibtex_bibliography_id.format(bibliography_count=count),
        ),
    )
    doctree.note_explicit_target(node, node)
    citation_nodes: dict[str, nodes.Element] = {}
    for entry in domain.get_entries(bibfiles):
        if entry.key not in cited:
            continue
        citation = nodes.citation(
            ids=make_ids(
                docname=docname,
                lineno=line,
                ids=ids,
                raw_id=env.config.bibtex_cite_id.format(bibliography_count=count, key=entry.key),
            )
        )
        doctree.note_explicit_target(citation, citation)
        citation_nodes[entry.key] = citation
    domain.bibliographies[BibliographyKey(docname=docname, id_=node["ids"][0])] = BibliographyValue(
        line=line,
        bibfiles=bibfiles,
        style=env.config.bibtex_default_style,
        list_="citation",
        enumtype="arabic",
        start=1,
        labelprefix="",
        keyprefix="",
        filter_=ast.parse("docname in docnames"),
        citation_nodes=citation_nodes,
        keys=[],
    )
    return node


def append_references(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    domain = cite_domain(env)
    # This page's citations are the last ones recorded: Sphinx purges a page's
    # before reading it again, and the cite role records them as it reads.
    # Scanning every page's made reading quadratic in the number of pages.
    refs = list(takewhile(lambda ref: ref.docname == env.docname, reversed(domain.citation_refs)))
    if not refs or any(True for _node in doctree.findall(bibliography_node)):
        return
    line = min(ref.line or 0 for ref in refs)
    section = nodes.section("", nodes.title("", _(SECTION_TITLE)), names=["references"])
    section["classes"].append("page-references")
    doctree.note_implicit_target(section, section)
    cited = {target.key for ref in refs for target in ref.targets}
    section += _bibliography_for_page(env, doctree, line, cited)
    _last_top_section(doctree).append(section)


class ReferenceListLayout(SphinxPostTransform):
    """Lay out each formatted bibliography as an APA reference list.

    Runs right after sphinxcontrib-bibtex fills the bibliographies (priority
    5) and before references are resolved (10).  Each entry becomes a
    paragraph keeping its id, so citations still link to it; LaTeX gets an
    explicit hyperlink target, as sphinxcontrib-bibtex links there with
    ``\\hyperlink{cite.<docname>:<id>}``, and a hanging indent.
    """

    default_priority = BibliographyTransform.default_priority + 1

    def run(self, **kwargs) -> None:
        domain = cite_domain(self.env)
        items = cast("list[nodes.Element]", list(self.document.findall(_is_bibliography_item)))
        # Only this page's bibliographies: looking through every page's
        # made each page's cost grow with the size of the site.
        docnames = {item["docname"] for item in items}
        entry_ids = {
            (key.docname, citation["ids"][0])
            for key, bib in domain.bibliographies.items()
            if key.docname in docnames
            for citation in bib.citation_nodes.values()
            if citation["ids"]
        }
        lists: dict[int, tuple[nodes.Element, list[nodes.Element]]] = {}
        for item in items:
            if (item["docname"], item["ids"][0]) in entry_ids:
                lists.setdefault(id(item.parent), (item.parent, []))[1].append(item)
        for parent, items in lists.values():
            container = nodes.container(classes=[LIST_CLASS])
            container.extend(_entry(item) for item in items)
            parent.replace_self(container)


def _entry(item: nodes.Element) -> nodes.paragraph:
    paragraph = next(iter(item.findall(nodes.paragraph)))
    target = f"cite.{item['docname']}:{item['ids'][0]}"
    entry = nodes.paragraph("", "", ids=list(item["ids"]), classes=[ENTRY_CLASS])
    # Ragged right (APA) and a hanging indent; Sphinx wraps the list in a
    # sphinxuseclass environment, so the settings stay inside the list.
    entry += nodes.raw(
        "",
        rf"\hypertarget{{{target}}}{{}}\raggedright\hangindent=2em\hangafter=1 ",
        format="latex",
    )
    entry.extend(paragraph.children)
    return entry


def _is_bibliography_item(node: nodes.Node) -> bool:
    return (
        isinstance(node, (nodes.citation, nodes.list_item))
        and "docname" in node
        and bool(node["ids"])
    )


def _allow_repeated_keys(app: Sphinx, config: Config) -> None:
    # One list per page means a work cited on five pages is in five lists:
    # sphinxcontrib-bibtex's "duplicate citation" warning (a key in two
    # bibliographies) is by design here; its documented remedy is to
    # suppress it.  "duplicate_local_citation" (one key twice on ONE page)
    # stays an error.
    if "bibtex.duplicate_citation" not in config.suppress_warnings:
        config.suppress_warnings = [*config.suppress_warnings, "bibtex.duplicate_citation"]


def register(app: Sphinx) -> None:
    """Connect the per-page lists (called by the bibliography's ``setup``)."""
    app.connect("config-inited", _allow_repeated_keys)
    app.connect("doctree-read", append_references, priority=priorities.APPEND_REFERENCES)
    app.add_post_transform(ReferenceListLayout)
    app.add_css_file("references.css")
