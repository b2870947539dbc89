"""Accessibility of the HTML that pages become (WCAG 2.2 AA).

Two parts; the rest is in the templates (landmarks, skip link target:
``_templates/page.html`` and ``_ext/furo_page.py``) and _static/accessibility.css (visible focus),
and all of it is tested in a real browser with axe-core
(tests/site/test_site_in_browser.py).

- Every image needs alt text.  An image without it fails the build, naming
  the file and line (through content_problems), because a reader who cannot
  see it would otherwise get nothing or the file name.
- The HTML translator gives ARIA what it needs where Sphinx and docutils
  leave it incomplete: a toctree caption is ``role="heading"`` without the
  ``aria-level`` that role requires, a table's header cells do not say
  whether they head a column or a row (``scope``), and a citation list uses
  the deprecated ``doc-biblioentry`` role (mixed in through html_translator,
  so other extensions can change the translator too).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

from . import assets, content_problems, html_translator

# The toctree caption heads a list of pages under the page title (h1), and
# in the sidebar under the site name: one level below the top.
TOCTREE_CAPTION_LEVEL = 2


class AccessibleHTMLMixin(html_translator.TranslatorMixin):
    """Overrides for Sphinx's HTML5Translator; mixed in before it.

    Upstream, and when each override can go:

    * toctree caption without ``aria-level``: sphinx-doc/sphinx#14030 (open),
      fixed by pull request sphinx-doc/sphinx#14437 (open); delete
      ``visit_title`` once the installed Sphinx writes ``aria-level``.
    * ``scope`` on header cells: no upstream issue found (docutils' HTML
      writer); delete ``visit_entry`` when docutils writes ``scope``.
    * ``doc-biblioentry``: no upstream issue found (docutils' HTML writer);
      delete ``visit_citation`` when docutils writes list items.

    tests/extensions/test_accessibility.py and tests/site/test_html_valid.py say whether
    each is still needed.
    """

    def visit_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            # Sphinx's own branch for a toctree caption, plus the level
            # that role="heading" requires.
            self.body.append(
                self.starttag(
                    node,
                    "p",
                    "",
                    CLASS="caption",
                    ROLE="heading",
                    # A hyphenated attribute name needs ** (mypy maps it
                    # to starttag's own "empty" argument).
                    **{"aria-level": str(TOCTREE_CAPTION_LEVEL)},  # type: ignore[arg-type]
                )
            )
            self.body.append('<span class="caption-text">')
            self.context.append("</span></p>\n")
            self.add_secnumber(node)
            self.add_fignumber(node.parent)
        else:
            super().visit_title(node)

    def visit_entry(self, node: nodes.entry) -> None:
        # docutils writes a header cell as <th> without saying what it heads:
        # scope="col" for the header row, scope="row" for the stub column
        # (WCAG technique H63), so a screen reader announces the right header.
        super().visit_entry(node)
        if self.body[-1].startswith("<th"):
            scope = "col" if isinstance(node.parent.parent, nodes.thead) else "row"
            self.body[-1] = f'<th scope="{scope}"' + self.body[-1][len("<th") :]

    def visit_citation(self, node: nodes.citation) -> None:
        # docutils: <div role="list"> around <div role="doc-biblioentry">;
        # that role is deprecated (DPUB-ARIA 1.1) and not a list item.
        if not isinstance(node.previous_sibling(), nodes.citation):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def _check_alt_text(app, doctree: nodes.document) -> None:
    env = app.env
    for image in doctree.findall(nodes.image):
        if not image.get("alt", "").strip():
            uri = image.get("uri", "")
            if "://" not in uri:
                # Sphinx has already made the path relative to the project;
                # the suggestion must use the path as the page writes it.
                uri = posixpath.relpath(uri, posixpath.dirname(env.docname) or ".")
            content_problems.record(
                env,
                env.docname,
                image,
                f'image "{uri}" has no alt text: say what it shows for readers who cannot '
                f"see it, as ![what the image shows]({uri}) (or :alt: on a figure).",
            )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("_ext.content_problems")
    assets.add_static_dir(app, Path(__file__).parent / "static")  # accessibility.css
    app.add_css_file("accessibility.css")
    html_translator.extend(app, AccessibleHTMLMixin)
    app.connect("doctree-read", _check_alt_text)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
