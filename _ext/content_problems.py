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
  page is read.  They are kept per page in :class:`ProblemsDomain`, whose
  ``clear_doc`` and ``merge_domaindata`` Sphinx calls, until the page is read
  again, so an unchanged broken page fails every later incremental build too.
* Problems that every build finds afresh (:func:`record_build_wide`): those
  that need all pages (a factor id used twice, a citation of a key no .bib
  file has) or lie outside the pages (a .bib file).  They are cleared when
  the environment is updated, then recomputed.

The verdict is given at ``env-updated``, which Sphinx emits on every build,
even when no page was read again (``env-check-consistency`` is not: an
unchanged broken page would pass).  Checks that need every page connect to
``env-updated`` between ``priorities.BUILD_WIDE_CHECKS_START`` and
``priorities.BUILD_WIDE_CHECKS_END``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util import logging

from . import priorities

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)


class ProblemsDomain(Domain):
    """Per page, the problems found while reading it: (``path:line``, message).

    Build-wide problems are not per page: every build finds them afresh, so
    they are kept for the current build only and never merged.
    """

    name = "problems"
    label = "Problems in the guide's pages"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {"by_page": {}, "build_wide": []}

    @property
    def by_page(self) -> dict[str, list[tuple[str, str]]]:
        return self.data["by_page"]

    @property
    def build_wide(self) -> list[tuple[str, str]]:
        return self.data["build_wide"]

    def clear_doc(self, docname: str) -> None:
        self.by_page.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["by_page"]:
                self.by_page[docname] = otherdata["by_page"][docname]


def _domain(env: BuildEnvironment) -> ProblemsDomain:
    domain = env.get_domain(ProblemsDomain.name)
    assert isinstance(domain, ProblemsDomain)
    return domain


def location_of(env: BuildEnvironment, docname: str, node: nodes.Node | None = None) -> str:
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


def project_path(env: BuildEnvironment, path: str | Path) -> str:
    """``path`` relative to the project, as messages show it."""
    try:
        return str(Path(path).relative_to(env.srcdir))
    except ValueError:
        return str(path)  # a file outside the project keeps its full path


def record(env: BuildEnvironment, docname: str, node: nodes.Node | None, message: str) -> None:
    """Record that ``node`` on page ``docname`` is not allowed, and why."""
    record_at(env, docname, location_of(env, docname, node), message)


def record_at(env: BuildEnvironment, docname: str, where: str, message: str) -> None:
    """Record a problem of page ``docname`` at ``where`` (``path:line``)."""
    _domain(env).by_page.setdefault(docname, []).append((where, message))


def record_build_wide(env: BuildEnvironment, where: str, message: str) -> None:
    """Record a problem found by a check that every build runs again."""
    _domain(env).build_wide.append((where, message))


def _start_build_wide_checks(app: Sphinx, env: BuildEnvironment) -> None:
    _domain(env).data["build_wide"] = []


def _fail_on_problems(app: Sphinx, env: BuildEnvironment) -> None:
    domain = _domain(env)
    problems = [p for d in sorted(domain.by_page) for p in domain.by_page[d]]
    problems += domain.build_wide
    for where, message in problems:
        # A plain string location: Sphinx prints it before the message, so
        # editors and CI annotate the right line.
        logger.error(message, location=where, type="content", subtype="problem")
    if problems:
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        them = "it" if len(problems) == 1 else "them"
        logger.error(
            f"{count} in the guide's pages, listed above: fix {them} and build again.",
            type="content",
            subtype="summary",
        )
        app.statuscode = 1


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_domain(ProblemsDomain)
    app.connect(
        "env-updated", _start_build_wide_checks, priority=priorities.BUILD_WIDE_CHECKS_START
    )
    app.connect("env-updated", _fail_on_problems, priority=priorities.BUILD_WIDE_CHECKS_END)
    return {
        "version": "2",
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
