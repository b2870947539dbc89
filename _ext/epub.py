"""The EPUB (``make epub``): Sphinx's EPUB 3 builder with what it leaves out.

With conf.py's EPUB settings (language, identifiers, table of contents),
Sphinx's book is close to valid, but epubcheck and DAISY Ace, the
accessibility checker for EPUB, find what no setting fixes.  The builder
registered here is Sphinx's, with three changes:

- Each page's ``<html>`` gets ``lang`` (Sphinx writes a fixed tag without
  it): a screen reader needs it to pick the voice.
- The table of contents follows the reading order.  A page's "References"
  section comes after the pages it lists (page_references appends it at the
  end of the page, below the toctree), but in the book those pages follow
  the whole listing page; a table of contents out of reading order is an
  error for Ace and epubcheck.  Each page's entries now stay together.
- The package document (content.opf) gets accessibility metadata (schema.org
  accessMode, accessibilityFeature, accessibilityHazard, summary), which
  reading systems and shops show before a reader opens the book, and the
  table of contents its ARIA role.  Sphinx renders both files from fixed
  templates, so the lines are added after it has written them.

tests/site/test_epub.py checks the book with epubcheck and Ace.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.epub3 import Epub3Builder
from sphinx.errors import ExtensionError

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def accessibility_metadata(summary: str, has_images: bool) -> list[tuple[str, str]]:
    """The EPUB Accessibility 1.1 metadata (schema.org properties) of the guide.

    The guide is text with headings, a table of contents and links; any
    image has alt text (``_ext.accessibility`` fails the build otherwise), so
    text alone is always sufficient.
    """
    modes = ["textual", "visual"] if has_images else ["textual"]
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    if has_images:
        features.append("alternativeText")
    return (
        [("schema:accessMode", mode) for mode in modes]
        + [("schema:accessModeSufficient", "textual")]
        + [("schema:accessibilityFeature", feature) for feature in features]
        + [("schema:accessibilityHazard", "none")]
        + [("schema:accessibilitySummary", summary)]
    )


def in_reading_order(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Table of contents entries with each file's entries together.

    An entry's ``refuri`` is ``file`` or ``file#anchor``; files keep the order
    of their first entry (the book's reading order), and a file's entries
    their order within it.
    """
    first: dict[str, int] = {}
    for position, entry in enumerate(entries):
        first.setdefault(entry["refuri"].split("#")[0], position)
    return sorted(entries, key=lambda entry: first[entry["refuri"].split("#")[0]])


def _insert(path: Path, marker: str, text: str) -> None:
    """Put *text* before the first *marker* in the file at *path*."""
    content = path.read_text(encoding="utf-8")
    if marker not in content:
        # Sphinx's template changed: say so, rather than ship a book without
        # the metadata.
        raise ExtensionError(
            f"{path.name}: {marker!r} not found; update _ext/epub.py "
            "for this version of Sphinx's epub templates"
        )
    path.write_text(content.replace(marker, text + marker, 1), encoding="utf-8")


class GuideEpub3Builder(Epub3Builder):
    """Sphinx's EPUB 3 builder: pages with a language, contents in reading
    order, accessibility metadata."""

    def prepare_writing(self, docnames: Set[str]) -> None:
        lang = escape(self.config.epub_language)
        self.html_tag = Epub3Builder.html_tag.replace(">", f' lang="{lang}" xml:lang="{lang}">', 1)
        super().prepare_writing(docnames)

    def get_toc(self) -> None:
        super().get_toc()
        self.refnodes = in_reading_order(self.refnodes)

    def build_content(self) -> None:
        super().build_content()
        metadata = accessibility_metadata(
            self.config.guide_epub_accessibility_summary, has_images=bool(self.images)
        )
        _insert(
            Path(self.outdir, "content.opf"),
            "  </metadata>",
            "".join(
                f'    <meta property="{prop}">{escape(value)}</meta>\n' for prop, value in metadata
            ),
        )

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        # A doc-toc landmark for assistive technology, as well as the
        # epub:type reading systems use.
        _insert(Path(self.outdir, "nav.xhtml"), ' epub:type="toc">', ' role="doc-toc"')


def setup(app: Sphinx) -> ExtensionMetadata:
    # How a reader of the EPUB can read it, in a sentence or two (shown by
    # reading systems and shops); set in conf.py.
    app.add_config_value("guide_epub_accessibility_summary", "", "epub", types=frozenset({str}))
    app.add_builder(GuideEpub3Builder, override=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
