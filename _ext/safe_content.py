"""Contributed pages cannot put HTML of their own on the site.

Pages come by pull request from people who are not programmers, and a
reviewer can miss a ``<script>`` or an ``onclick=`` in a long diff.  So only
the project's own templates and extensions write HTML.  A page that carries
HTML itself fails the build, naming the file and line and saying what to
write instead.  The ways in, all closed here:

- HTML blocks and inline HTML in Markdown (MyST turns them into ``raw``
  nodes that carry the page's source and line);
- the ``{raw}`` directive, in MyST or inside ``{eval-rst}`` (``.. raw::``);
- roles derived from ``raw`` in ``{eval-rst}`` (``.. role:: x(raw)``);
- ``http-equiv`` meta tags from a page's ``html_meta`` front matter (a
  refresh there would send readers to another site).
- links that run a script or carry a page of their own (``javascript:``,
  ``vbscript:``, ``data:`` addresses; Markdown already shows these as text,
  but reStructuredText in ``{eval-rst}`` makes them links).

Project extensions may still emit ``nodes.raw``: a node made in code has no
source line, so it is not taken for a page's own HTML.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective

from . import content_problems

if TYPE_CHECKING:
    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

# MyST extensions that turn some HTML into nodes.  They would teach
# contributors that HTML works "sometimes"; Markdown has one way to write
# each thing (an image is ![alt text](path)).
HTML_MYST_EXTENSIONS = ("html_image", "html_admonition")

# What a contributor probably wanted, by the HTML they wrote: first match wins.
ADVICE = (
    (
        r"<script\b",
        "scripts are not allowed in pages; the toolkit's directives provide "
        "the interactive parts (see CONTRIBUTING.md)",
    ),
    (
        r"<iframe\b|<embed\b|<object\b",
        "embedded frames load other sites (and their trackers) into the guide; "
        "link to the video or page instead: [title](https://...)",
    ),
    (r"\son[a-z]+\s*=", "event handlers (onclick=...) run scripts; pages cannot have them"),
    (r"<style\b|\sstyle\s*=", "the theme does the styling; write plain Markdown"),
    (r"<!--", "write a comment as a line starting with %, which MyST leaves out of the page"),
    (r"<img\b", "write an image as ![alt text describing it](path/to/image.png)"),
    (r"<a\b", "write a link as [link text](https://...)"),
    (r"<br\b", "start a new paragraph with a blank line instead of <br>"),
    (r"<(b|strong|i|em)\b", "write emphasis as *text* and strong emphasis as **text**"),
    (r"<(table|tr|td)\b", "write a table as a Markdown pipe table or a {list-table}"),
)
DEFAULT_ADVICE = "write it in Markdown; if Markdown cannot say it, ask the editors for a directive"


# Addresses that run code or hold a document instead of pointing at one.
# Browsers ignore whitespace and control characters inside the scheme.
SCRIPT_SCHEMES = ("javascript", "vbscript", "data")
IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")


def is_script_link(uri: str) -> bool:
    scheme = IGNORED_IN_SCHEME.sub("", uri).split(":", 1)
    return len(scheme) == 2 and scheme[0].lower() in SCRIPT_SCHEMES


def advice_for(html: str) -> str:
    for pattern, advice in ADVICE:
        if re.search(pattern, html, re.IGNORECASE):
            return advice
    return DEFAULT_ADVICE


def excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def raw_html_message(html: str) -> str:
    return f'HTML is not allowed in pages: found "{excerpt(html)}"; {advice_for(html)}.'


class RejectedRaw(SphinxDirective):
    """Stands in for docutils' ``raw`` directive: records a problem, outputs nothing."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = dict.fromkeys(("file", "url", "encoding", "class"), directives.unchanged)

    def run(self) -> list[nodes.Node]:
        where = nodes.Element()
        self.set_source_info(where)
        shown = "\n".join(self.content) or self.options.get("file") or self.options.get("url") or ""
        content_problems.record(
            self.env,
            self.env.docname,
            where,
            f'the raw directive is not allowed in pages (found raw "{excerpt(shown)}"); '
            f"{advice_for(shown)}.",
        )
        return []


def rejected_raw_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, Any] | None = None,
    content: Sequence[str] = (),
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """Stands in for docutils' ``raw`` role and every role derived from it."""
    env = inliner.document.settings.env
    where = nodes.Element()
    source, where.line = inliner.reporter.get_source_and_line(lineno)
    where.source = os.fspath(source) if source is not None else None
    content_problems.record(
        env,
        env.docname,
        where,
        f'raw roles are not allowed in pages (found "{excerpt(rawtext)}"); {advice_for(text)}.',
    )
    return [], []


# Accept the options of docutils' raw role, so ``.. role:: x(raw)`` with
# ``:format: html`` reaches the role and its clear message.
# (docutils reads a role function's options and content from its attributes.)
rejected_raw_role.options = {"format": directives.unchanged}  # type: ignore[attr-defined]
rejected_raw_role.content = True  # type: ignore[attr-defined]

# A closing tag is reported with its opening tag, not on its own.
CLOSING_TAG = re.compile(r"\s*</[a-zA-Z][a-zA-Z0-9]*\s*>\s*")


def _check_doctree(app: Sphinx, doctree: nodes.document) -> None:
    # A failed build still writes its pages (content_problems), so what is
    # rejected is also taken out: a local preview never runs it.
    env = app.env
    for raw in list(doctree.findall(nodes.raw)):
        # From the page's text (an extension's node has no source line).
        if raw.source and raw.line:
            if not CLOSING_TAG.fullmatch(raw.astext()):
                content_problems.record(env, env.docname, raw, raw_html_message(raw.astext()))
            raw.parent.remove(raw)
    for reference in list(doctree.findall(nodes.reference)):
        if is_script_link(reference.get("refuri", "")):
            content_problems.record(
                env,
                env.docname,
                reference,
                f"links must go to a web address (https://...) or a page of the guide; found "
                f'"{excerpt(reference["refuri"])}".',
            )
            reference.replace_self(nodes.inline("", "", *reference.children))
    for meta in list(doctree.findall(nodes.meta)):
        if meta.get("http-equiv"):
            content_problems.record(  # in the front matter, at the top; MyST gives no line
                env,
                env.docname,
                None,
                f'html_meta with http-equiv ("{meta["http-equiv"]}") is not allowed in pages; '
                "use the description front matter field for link previews.",
            )
            meta.parent.remove(meta)


def _check_config(app: Sphinx, config: Config) -> None:
    enabled = [
        ext for ext in HTML_MYST_EXTENSIONS if ext in getattr(config, "myst_enable_extensions", ())
    ]
    if enabled:
        raise ConfigError(
            f"safe_content: remove {', '.join(enabled)} from myst_enable_extensions in "
            "conf.py: pages write Markdown, not HTML."
        )


def _disable_raw_setting(app: Sphinx) -> None:
    # Defence in depth: docutils' own raw directive and role refuse to work
    # even if something re-registers them.
    app.env.settings["raw_enabled"] = False


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("_ext.content_problems")
    app.add_directive("raw", RejectedRaw, override=True)
    app.add_role("raw", rejected_raw_role, override=True)
    app.connect("config-inited", _check_config)
    app.connect("builder-inited", _disable_raw_setting)
    app.connect("doctree-read", _check_doctree)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
