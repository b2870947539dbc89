"""In the PDF, a page belongs to the page that lists it, not to a subsection.

For LaTeX Sphinx pastes every page a toctree lists in place of the toctree.
A page that ends with its toctree inside its last subsection (the factor
overview's "Which case studies show which factors", say) would have the
pages it lists printed as sub-subsections of that subsection.  This moves
each listed page to the end of the listing page's top section, so the eight
success factor pages are sections 7.6 to 7.13 of the "eight success factors"
chapter, as a reader expects.  The HTML site is not affected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ListedPagesFollowTheirPage(SphinxPostTransform):
    builders = ("latex",)
    default_priority = 100

    def run(self, **kwargs) -> None:
        # start_of_file marks a pasted page; document order keeps toctree order.
        for page in list(self.document.findall(addnodes.start_of_file)):
            innermost, top = None, None
            ancestor = page.parent
            # Stop at the page that lists this one (or the whole book).
            while not isinstance(ancestor, (addnodes.start_of_file, nodes.document)):
                if isinstance(ancestor, nodes.section):
                    innermost = innermost or ancestor
                    top = ancestor
                ancestor = ancestor.parent
            if innermost is top:
                continue
            wrapper = page.parent
            wrapper.remove(page)
            top.append(page)
            if not wrapper.children:  # the emptied toctree wrapper
                wrapper.parent.remove(wrapper)


def setup(app: Sphinx):
    app.add_post_transform(ListedPagesFollowTheirPage)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
