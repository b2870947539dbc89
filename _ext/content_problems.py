"""Problems in the guide's sources that fail the build: the one place for them.

Every check of the project's extensions (front matter, toolkit directives,
raw HTML, alt text, the bibliography and its citations) records what it
finds here instead of raising an exception.  Sphinx 9 shows any exception
that reaches sphinx-build as a crash report (versions, traceback, "please
open an issue at github.com/sphinx-doc/sphinx"), which a contributor who
mistyped a front matter field would take for a broken Sphinx.  Instead,
once every page is read, each problem is logged as an error with its file
and line, then one summary error, and ``app.statuscode`` is set to 1: the
build goes on like ``-W --keep-going`` (the output is written), Sphinx ends
with "build finished with problems" and sphinx-build exits 1, also without
``-W``.

There are two kinds of record:

* A page's own problems (:func:`record`, :func:`record_at`), found while the
  page is read.  They are kept on the environment, per page, until the page
  is read again, so an unchanged broken page fails every later incremental
  build too.
* Problems that every build finds afresh (:func:`record_build_wide`): those
  that need all pages (a factor id used twice, a citation of a key no .bib
  file has) or lie outside the pages (a .bib file).  They are cleared when
  the environment is updated, then recomputed.

The verdict is given at ``env-updated``, which Sphinx emits on every build,
even when no page was read again (``env-check-consistency`` is not: an
unchanged broken page would pass).  Checks that need every page connect to
``env-updated`` between :data:`BUILD_WIDE_CHECKS_START` and
:data:`BUILD_WIDE_CHECKS_END`.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

# env-updated priorities: build-wide problems are cleared at the first, the
# verdict is given at the second; build-wide checks run in between.
BUILD_WIDE_CHECKS_START = 50
BUILD_WIDE_CHECKS_END = 800


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
    return f"{project_path(env, source)}:{line or 1}"


def project_path(env, path) -> str:
    """``path`` relative to the project, as messages show it."""
    try:
        return str(Path(path).relative_to(env.srcdir))
    except ValueError:
        return str(path)  # a file outside the project keeps its full path


def record(env, docname: str, node: nodes.Node | None, message: str) -> None:
    """Record that ``node`` on page ``docname`` is not allowed, and why."""
    record_at(env, docname, location_of(env, docname, node), message)


def record_at(env, docname: str, where: str, message: str) -> None:
    """Record a problem of page ``docname`` at ``where`` (``path:line``)."""
    env.content_problems.setdefault(docname, []).append((where, message))


def record_build_wide(env, where: str, message: str) -> None:
    """Record a problem found by a check that every build runs again."""
    env.content_build_wide_problems.append((where, message))


def _init(app) -> None:
    # A fresh environment, or one pickled by a build before this extension.
    if not hasattr(app.env, "content_problems"):
        app.env.content_problems = {}


def _purge(app, env, docname: str) -> None:
    env.content_problems.pop(docname, None)


def _merge(app, env, docnames, other) -> None:
    for docname in docnames:
        if docname in other.content_problems:
            env.content_problems[docname] = other.content_problems[docname]


def _start_build_wide_checks(app, env) -> None:
    env.content_build_wide_problems = []


def _fail_on_problems(app, env) -> None:
    problems = [p for d in sorted(env.content_problems) for p in env.content_problems[d]]
    problems += env.content_build_wide_problems
    for where, message in problems:
        # A plain string location: Sphinx prints it before the message, so
        # editors and CI annotate the right line.
        logger.error(message, location=where, type="content", subtype="problem")
    if problems:
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        them = "it" if len(problems) == 1 else "them"
        logger.error(f"{count} in the guide's pages, listed above: fix {them} and build again.",
                     type="content", subtype="summary")
        app.statuscode = 1


def setup(app):
    app.connect("builder-inited", _init)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _start_build_wide_checks, priority=BUILD_WIDE_CHECKS_START)
    app.connect("env-updated", _fail_on_problems, priority=BUILD_WIDE_CHECKS_END)
    return {"version": "1", "env_version": 2,
            "parallel_read_safe": True, "parallel_write_safe": True}
