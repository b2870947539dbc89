"""Links to other sites cannot reach back into the guide.

Every link whose address is another site gets ``rel="noopener"``: the page
it opens gets no handle on the guide's window (``window.opener``), whichever
way the reader opens it.  It is added when the HTML is written, so links
that extensions make late (in doctree-resolved) get it too.  The templates'
own links to other sites carry it as well (_templates/);
tests/site/test_site_in_browser.py checks every page of the built site.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from docutils import nodes

from . import html_translator

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

REL = "noopener"


def is_external(uri: str) -> bool:
    return urlsplit(uri).scheme in ("http", "https") or uri.startswith("//")


def with_rel(rel: str, value: str) -> str:
    words = rel.split()
    return " ".join(words if value in words else [*words, value])


class NoopenerMixin(html_translator.TranslatorMixin):
    """Overrides for Sphinx's HTML5Translator; mixed in before it."""

    def visit_reference(self, node: nodes.Element) -> None:
        if not node.get("internal") and is_external(node.get("refuri", "")):
            node["rel"] = with_rel(node.get("rel", ""), REL)
        super().visit_reference(node)


def setup(app: Sphinx) -> ExtensionMetadata:
    html_translator.extend(app, NoopenerMixin)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
