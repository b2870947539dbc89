"""Problems in a page's content that must fail the build, also without -W.

safe_content (raw HTML) and accessibility (images without alt text) find
problems while a page is read.  They record them here, on the environment,
keyed by page; after reading, every recorded problem is logged with its file
and line and the build stops with one error that says how many there are.

Recording on the environment (instead of failing at once) lists every problem
in one run, and keeps an unchanged page's problem failing the next
incremental build too: the page is not re-read, but its record stays until
the page is fixed.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.errors import SphinxError
from sphinx.util import logging

logger = logging.getLogger(__name__)


class ContentProblemsError(SphinxError):
    # The heading frontmatter's errors use: one message for contributors.
    category = "The guide's pages need fixing"


def location_of(env, docname: str, node: nodes.Node | None = None) -> str:
    """``path:line`` of ``node`` (or of the page), relative to the project.

    Without a known line the problem is put at line 1: Sphinx's logger takes
    a location without ``:line`` for a page name, and editors jump to lines.
    """
    # Some nodes (an image inside a paragraph) know no line of their own:
    # the nearest ancestor that does is the place to look.
    while node is not None and not (node.source and node.line) and node.parent is not None:
        node = node.parent
    source = getattr(node, "source", None) or env.doc2path(docname)
    line = getattr(node, "line", None)
    try:
        source = Path(source).relative_to(env.srcdir)
    except ValueError:
        pass  # an included file outside the project keeps its full path
    return f"{source}:{line or 1}"


def record(env, docname: str, node: nodes.Node | None, message: str) -> None:
    """Record that ``node`` on page ``docname`` is not allowed, and why."""
    env.content_problems.setdefault(docname, []).append((location_of(env, docname, node), message))


def _init(app) -> None:
    if not hasattr(app.env, "content_problems"):
        app.env.content_problems = {}


def _purge(app, env, docname: str) -> None:
    env.content_problems.pop(docname, None)


def _merge(app, env, docnames, other) -> None:
    for docname in docnames:
        if docname in other.content_problems:
            env.content_problems[docname] = other.content_problems[docname]


def _fail_on_problems(app, env) -> None:
    problems = [p for d in sorted(env.content_problems) for p in env.content_problems[d]]
    for where, message in problems:
        # A plain string location: Sphinx prints it before the message, so
        # editors and CI annotate the right line.
        logger.error(message, location=where, type="content", subtype="problem")
    if problems:
        raise ContentProblemsError(
            f"{len(problems)} problem(s) in the pages' content (listed above, with "
            "file and line); fix them and build again.")


def setup(app):
    app.connect("builder-inited", _init)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-check-consistency", _fail_on_problems, priority=900)
    return {"version": "1", "env_version": 1,
            "parallel_read_safe": True, "parallel_write_safe": True}
