"""The ``pdf`` builder: the single-page HTML book, printed by WeasyPrint."""

from __future__ import annotations

import logging as stdlib_logging
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util import logging
from sphinx.util.display import progress_message

from .anchors import link_to_page_titles, make_anchors_unique
from .cross_references import mark_cross_references

logger = logging.getLogger(__name__)


class PdfBookBuilder(SingleFileHTMLBuilder):
    """The whole guide as one HTML page in a print layout, then as a PDF."""

    name = "pdf"
    epilog = "The PDF is in %(outdir)s."
    theme = "pdf_book"  # type: ignore[assignment]  # Sphinx reads a name here, then the Theme
    template = "pdf-book.html"
    # The PDF's contents list chapters and their sections, as a printed
    # book's does; the bookmarks hold every heading.
    contents_depth = 2

    def init(self) -> None:
        super().init()
        # Each page's title anchor, where links to the page lead (anchors.py).
        self.page_titles: dict[str, str] = {}

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        # The print layout, whatever theme the site uses.
        return self.theme, {}

    def assemble_doctree(self):
        tree = super().assemble_doctree()
        self.page_titles = make_anchors_unique(tree)
        mark_cross_references(tree)
        return tree

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        context = super().get_doc_context(docname, body, metatags)
        toctree = global_toctree_for_doc(
            self.env,
            self.config.root_doc,
            self,
            tags=self.tags,
            collapse=False,
            maxdepth=self.contents_depth,
            titles_only=True,
        )
        if toctree:
            link_to_page_titles(toctree, self.page_titles)
        context["toc"] = self.render_partial(toctree)["fragment"] if toctree else ""
        # The title page's date and author, as the site's footer has them.
        context["today"] = self.config.today
        context["author"] = self.config.author
        return context

    def handle_page(
        self,
        pagename: str,
        addctx: dict,
        templatename: str = "page.html",
        *,
        outfilename: Path | None = None,
        event_arg: Any = None,
    ) -> None:
        # A template name of its own: the project's page.html (templates_path
        # comes before the theme) is the web site's page.
        if templatename == "page.html":
            templatename = self.template
        super().handle_page(
            pagename, addctx, templatename, outfilename=outfilename, event_arg=event_arg
        )

    @property
    def pdf_path(self) -> Path:
        return Path(self.outdir) / f"{self.config.guide_pdf_basename}.pdf"

    def finish(self) -> None:
        self.copy_image_files()
        self.copy_static_files()
        self.write_pdf()

    @progress_message("writing the PDF")
    def write_pdf(self) -> None:
        # Imported here: only this builder needs WeasyPrint (and Pango).
        from weasyprint import HTML

        html = Path(self.outdir) / f"{self.config.root_doc}{self.out_suffix}"
        with weasyprint_problems() as problems:
            # PDF/UA-1 turns on the structure tree (pdf_tags) and writes the
            # document language, DisplayDocTitle and the XMP metadata.
            HTML(filename=html).write_pdf(self.pdf_path, pdf_variant="pdf/ua-1")
        # A link to nowhere, an anchor defined twice, an image that cannot be
        # read: Sphinx warnings, so that -W fails the build.
        for problem in problems:
            logger.warning(
                "%s: %s (WeasyPrint, from %s)",
                self.pdf_path.name,
                problem,
                html.name,
                type="pdf_book",
                subtype="weasyprint",
            )


@contextmanager
def weasyprint_problems():
    """Collect what WeasyPrint logs as a warning or an error, once each."""
    problems: dict[str, None] = {}

    class Collect(stdlib_logging.Handler):
        def emit(self, record: stdlib_logging.LogRecord) -> None:
            message = record.getMessage()
            # CSS that WeasyPrint does not support ("Ignored `writing-mode:
            # vertical-rl` at 48:3, unknown property."): the extensions'
            # screen styles, which the print layout overrides where it matters.
            # Nor media queries on a screen's width (the site's phone
            # layout), which WeasyPrint, knowing media types only, skips
            # whole: right for print.
            screen_width_query = "-width" in message and (
                "media type" in message or "@media rule was ignored" in message
            )
            if not (message.startswith("Ignored `") or screen_width_query):
                problems.setdefault(message, None)

    handler = Collect(stdlib_logging.WARNING)
    weasyprint_logger = stdlib_logging.getLogger("weasyprint")
    weasyprint_logger.addHandler(handler)
    try:
        yield problems
    finally:
        weasyprint_logger.removeHandler(handler)
