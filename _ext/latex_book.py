"""In the PDF, a page belongs to the page that lists it, not to a subsection.

For the PDF (_ext/pdf_book's ``pdf`` builder, and LaTeX) Sphinx pastes every
page a toctree lists in place of the toctree.
A page that ends with its toctree inside its last subsection (the factor
overview's "Which case studies show which factors", say) would have the
pages it lists printed as sub-subsections of that subsection.  This moves
each listed page to the end of the listing page's top section, so the eight
success factor pages are sections of the "eight success factors" chapter,
as a reader expects.  The pages the start page lists go after the start
page instead, and the start page is the book's first chapter (who the guide
is for, how to cite it), so that each page it lists is a chapter of its own
(a first-level heading in the PDF, a LaTeX chapter).  The HTML site is not
affected.

Upstream: sphinx-doc/sphinx#8287 (open: let a toctree's pages be children of
the page, not of its last heading; #3007 closed as its duplicate) and
sphinx-doc/sphinx#11097 (open: toctree breaks the section hierarchy in the
PDF).  Delete this module when Sphinx offers that (a toctree option or a
LaTeX setting) and the guide uses it; tests/extensions/test_latex_book.py says whether
the PDF's chapters and sections come out right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


class ListedPagesFollowTheirPage(SphinxPostTransform):
    builders = ("latex", "pdf")
    default_priority = 100

    def run(self, **kwargs) -> None:
        # start_of_file marks a pasted page; document order keeps toctree order.
        pages = list(self.document.findall(addnodes.start_of_file))
        # Sphinx pastes a page's nodes without pointing them at their new
        # parent (sphinx.util.nodes.inline_all_toctrees); the walks up below
        # need the real one.
        for page in pages:
            for child in page.children:
                child.parent = page
        start_page_moved = []
        for page in pages:
            innermost, top = None, None
            ancestor = page.parent
            # Stop at the page that lists this one (or the whole book).
            while not isinstance(ancestor, (addnodes.start_of_file, nodes.document)):
                if isinstance(ancestor, nodes.section):
                    innermost = innermost or ancestor
                    top = ancestor
                ancestor = ancestor.parent
            listed_by_start_page = isinstance(ancestor, nodes.document)
            if innermost is top and not listed_by_start_page:
                continue
            wrapper = page.parent
            wrapper.remove(page)
            if listed_by_start_page:
                start_page_moved.append(page)
            else:
                assert top is not None  # innermost is not top: both are sections
                top.append(page)
            if not wrapper.children:  # the emptied toctree wrapper
                wrapper.parent.remove(wrapper)
        self.document.extend(start_page_moved)
        if self.app.builder.name == "latex":
            self.start_page_as_first_chapter()

    def start_page_as_first_chapter(self) -> None:
        """Give the start page's heading a chapter of its own.

        Sphinx's LaTeX writer takes the book's first heading for the title
        page's and drops it from the text, which would turn each of the start
        page's subsections into a chapter.  An empty first section takes that
        role instead (the title page shows latex_documents' title).
        """
        start_page = next(
            (child for child in self.document.children if isinstance(child, nodes.section)), None
        )
        if start_page is not None:
            heading = start_page[0].astext()  # the writer needs some text
            self.document.insert(0, nodes.section("", nodes.title(heading, heading)))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_post_transform(ListedPagesFollowTheirPage)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
