"""The toolkit's Sphinx glue for pages: check front matter, keep it, share it.

Every content page's front matter is checked as the page is read
(``toolkit.frontmatter``); the typed values go to the toolkit's domain for
the generated indexes, and every problem to ``content_problems``, which fails
the build with a clean message, also without ``-W``.  The helpers here
(:func:`factor_pages`, :func:`case_studies`, :func:`title`...) are what the
generated indexes read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.util.matching import Matcher

from .. import content_problems, priorities
from .domain import toolkit
from .frontmatter import Problem, check, check_factor_ids, parse_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# Defaults of the config values; conf.py sets both (guide_content_patterns,
# guide_review_every_months) and tools/review_report.py reads them there.
DEFAULT_CONTENT_PATTERNS = ("index", "guidance/**", "case-studies/**")
DEFAULT_REVIEW_EVERY_MONTHS = 12


def is_content(docname: str, patterns: Iterable[str]) -> bool:
    """Whether the page *docname* (no suffix, '/' separated) is a content page."""
    return bool(Matcher(list(patterns))(docname))


def is_website(app: Sphinx) -> bool:
    """Whether this build makes the website, where the toolkit's scripts and
    downloads live.  The EPUB and the PDF (a single-page build) are HTML
    builders too, with neither."""
    return app.builder.name in ("html", "dirhtml")


def _index_before(env: BuildEnvironment) -> dict[str, str]:
    return toolkit(env).index_before


def document_order(env: BuildEnvironment) -> dict:
    """docname -> its position in the table of contents, start page first."""
    order: dict = {}

    def walk(docname):
        if docname not in order:
            order[docname] = len(order)
            for child in env.toctree_includes.get(docname, ()):
                walk(child)

    walk(env.config.root_doc)
    return order


def factor_pages(env: BuildEnvironment) -> dict:
    """factor id -> docname of its page, in table of contents order.

    Only pages whose factor id is unique count (a duplicate fails the build).
    """
    order = document_order(env)
    pages = sorted(
        (docname for docname, page in toolkit(env).pages.items() if "factor" in page),
        key=lambda docname: (order.get(docname, len(order)), docname),
    )
    factors: dict = {}
    for docname in pages:
        factors.setdefault(toolkit(env).pages[docname]["factor"], docname)
    return factors


def case_studies(env: BuildEnvironment) -> list:
    """(docname, values) of every case study, by year then organisation."""
    cases = [
        (docname, page)
        for docname, page in toolkit(env).pages.items()
        if page.get("page_type") == "case-study"
    ]
    return sorted(
        cases, key=lambda item: (item[1].get("year", 0), item[1].get("organisation", ""), item[0])
    )


def title(env: BuildEnvironment, docname: str) -> str:
    """The page's title as plain text."""
    node = env.titles.get(docname)
    return node.astext() if node is not None else docname


def data_island(data: dict[str, Any]) -> str:
    """JSON that is safe inside a <script> element (no "</script>").

    With "<", ">" and "&" escaped nothing in the data can end the element or
    open a comment; JSON.parse gives the same data back.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def section_depths(
    doctree: nodes.Node, wanted: Callable[[nodes.Element], bool]
) -> dict[int, tuple[int, int]]:
    """For each wanted node (by ``id``): (sections above it, of which on its own page).

    On a page of its own both are the same; in a document of every page
    (singlehtml, the PDF) each page's sections are nested in those of the
    page listing it.  Walked from the top, not up through ``parent``: Sphinx
    pastes a page's nodes into that document without giving them their new
    parents (``sphinx.util.nodes.inline_all_toctrees``).
    """
    depths = {}
    # (node, sections above the node, of which on the node's own page)
    stack: list[tuple[nodes.Element, int, int]] = [(cast(nodes.Element, doctree), 0, 0)]
    while stack:
        node, above, on_page = stack.pop()
        if wanted(node):
            depths[id(node)] = (above, on_page)
            continue
        if isinstance(node, addnodes.start_of_file):
            on_page = 0
        elif isinstance(node, nodes.section):
            above, on_page = above + 1, on_page + 1
        stack.extend(
            (child, above, on_page) for child in node.children if isinstance(child, nodes.Element)
        )
    return depths


def record_generated(
    env: BuildEnvironment, docname: str, directive: str, line: int, options: dict
) -> None:
    """Note that *docname* shows an index generated from other pages.

    Such pages are written again whenever what they show of another page
    changes (see ``_rewrite_indexes``), so their lists stay right in
    incremental builds; the directive's options are kept for cross-page checks.
    """
    toolkit(env).generated.setdefault(docname, []).append(
        {"directive": directive, "line": line, "options": dict(options)}
    )


def report(env: BuildEnvironment, docname: str, problem: Problem) -> None:
    """Record a problem of one page found while reading it (fails the build)."""
    content_problems.record_at(env, docname, problem.location(), problem.text())


def bib_lookup(env: BuildEnvironment) -> Callable[[str], bool] | None:
    """Whether a key is in the bibliography sphinxcontrib-bibtex has loaded."""
    try:
        cite: Any = env.get_domain("cite")
        entries = cite.bibdata.data.entries
    except Exception:  # no sphinxcontrib.bibtex in this project: cannot look up
        return None
    return lambda key: key in entries


def _read_page(app: Sphinx, docname: str, source: list) -> None:
    env = app.env
    if not is_content(docname, app.config.guide_content_patterns):
        return
    fm = parse_text(source[0], relpath(env, docname))
    typed, problems = check(fm, bib_lookup(env))
    typed["_lines"] = dict(fm.lines)
    toolkit(env).pages[docname] = typed
    for problem in problems:
        report(env, docname, problem)


def _describe_page(app: Sphinx, doctree: nodes.document) -> None:
    # The front matter description is the page's <meta name="description">
    # and, for sphinxext-opengraph, its link preview text.
    description = toolkit(app.env).pages.get(app.env.docname, {}).get("description")
    if description:
        doctree.insert(0, nodes.meta(name="description", content=description))
        app.env.metadata[app.env.docname]["og:description"] = description


def index_data(env: BuildEnvironment, docname: str) -> str:
    """What the generated indexes show of a page, for comparing builds.

    Case study lists and the matrix show its front matter and title; the
    self-assessment shows its self-check questions; the policy builder its
    policy clauses.  Line numbers are left out: moving a question down the
    page changes nothing shown.
    """
    domain = toolkit(env)
    page = {k: v for k, v in domain.pages.get(docname, {}).items() if k != "_lines"}
    questions = [
        {k: v for k, v in question.items() if k != "line"}
        for question in domain.self_checks.get(docname, [])
    ]
    clauses = [
        sorted((k, v) for k, v in clause.items() if k != "line")
        for clause in domain.policy_clauses.get(docname, [])
    ]
    title = env.titles[docname].astext() if docname in env.titles else ""
    return repr((sorted(page.items()), questions, clauses, title))


def _remember_index_data(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    # Before any extension forgets the page (hence the early priority).
    _index_before(env).setdefault(docname, index_data(env, docname))


def _rewrite_indexes(app: Sphinx, env: BuildEnvironment) -> list:
    # The generated indexes are resolved when a page is written, from the
    # environment, so the pages that show them need writing again (not
    # reading) when, and only when, a page that was read, added or removed
    # now shows differently.  A text edit of a case study's body rewrites
    # nothing else: that keeps incremental builds of a large guide fast.
    before = _index_before(env)
    changed = any(index_data(env, docname) != data for docname, data in before.items())
    before.clear()
    if changed:
        return sorted(toolkit(env).generated)
    return []


def add_problem(env: BuildEnvironment, problem: Problem) -> None:
    """Record a problem found from all pages after reading (fails the build).

    Call it from an ``env-updated`` handler connected at
    ``priorities.CROSS_CHECKS``: such problems are found afresh by every build.
    """
    content_problems.record_build_wide(env, problem.location(), problem.text())


def check_unique_ids(
    env: BuildEnvironment, items: Iterable[tuple[str, dict[str, Any]]], field: str, noun: str
) -> None:
    """An id used twice fails the build, naming both places (``add_problem``).

    *items* are (docname, item) pairs, each item with its ``id`` and
    ``line``, in the order that decides which one is reported: the later.
    *field* names the option ("self-check option 'id'"), *noun* what holds
    the id ("a question").
    """
    first: dict[str, tuple[str, int]] = {}
    for docname, item in items:
        if item["id"] not in first:
            first[item["id"]] = (docname, item["line"])
            continue
        other_doc, other_line = first[item["id"]]
        add_problem(
            env,
            Problem(
                relpath(env, docname),
                item["line"],
                field,
                item["id"],
                f"{item['id']!r} is already used by {noun} in "
                f"{relpath(env, other_doc)}:{other_line}; give this one its own id",
            ),
        )


def _check_factor_ids(app: Sphinx, env: BuildEnvironment) -> None:
    for problem in check_factor_ids(toolkit(env).pages, lambda d: relpath(env, d)):
        add_problem(env, problem)


def relpath(env: BuildEnvironment, docname: str) -> str:
    """The page's source file, relative to the project (for messages)."""
    return content_problems.project_path(env, env.doc2path(docname))


def setup(app: Sphinx) -> None:
    """Connect the page-level handlers (called by the toolkit's ``setup``)."""
    app.add_config_value("guide_content_patterns", list(DEFAULT_CONTENT_PATTERNS), "env", list)
    app.add_config_value("guide_review_every_months", DEFAULT_REVIEW_EVERY_MONTHS, "env", int)
    app.connect("source-read", _read_page)
    app.connect("doctree-read", _describe_page)
    app.connect("env-purge-doc", _remember_index_data, priority=priorities.REMEMBER_INDEX_DATA)
    app.connect("env-updated", _rewrite_indexes)
    app.connect("env-updated", _check_factor_ids, priority=priorities.CROSS_CHECKS)
