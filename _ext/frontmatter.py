"""Front matter of content pages: parse it with line numbers, check it, keep it.

Two layers in one module, because they are one concern:

* Plain functions (no Sphinx needed) that other code reuses:
  :func:`parse_file` / :func:`parse_text` read the YAML front matter of a page
  keeping the line of every key, and :func:`check` validates it against the one
  schema (``frontmatter_schema``) and returns typed values plus
  :class:`Problem` objects.  ``tools/review_report.py``, ``tools/new_page.py``
  and the CONTRIBUTING field reference use these.
* A Sphinx extension that checks every content page as it is read, keeps the
  typed values on the environment (``env.toolkit_pages``) for the generated
  indexes, and records every problem with ``content_problems``, which fails
  the build with a clean message, also without ``-W``.

The YAML is composed into nodes rather than loaded, so values keep their line
(``node.start_mark``) and their written form: ``2026-02-30`` stays the text
the author wrote and gets a clear message instead of a PyYAML exception, and a
single value is told apart from a list.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.util.matching import Matcher

import content_problems
from frontmatter_schema import (
    FIELDS,
    FIELDS_BY_NAME,
    PAGE_TYPES,
    PASSTHROUGH_KEYS,
    PLACEHOLDER,
    fields_for,
)

# Content pages, as docname patterns (sphinx.util.matching syntax); the build
# and tools/review_report.py share this default.  conf.py: toolkit_content_patterns.
DEFAULT_CONTENT_PATTERNS = ("index", "guidance/**", "case-studies/**")
# conf.py: toolkit_review_every_months.
DEFAULT_REVIEW_EVERY_MONTHS = 12

_DELIMITER = re.compile(r"^---[ \t]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_FACTOR_ID = re.compile(r"^[a-z]+(-[a-z]+)*$")

# env-updated priority of the checks that need every page (this module's and
# the other toolkit extensions'): after content_problems clears last build's
# findings, before it gives the verdict.
CROSS_CHECKS = 400


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a page: where, which field, what value, what to do."""

    path: str
    line: int | None
    field: str
    value: object
    message: str

    def location(self) -> str:
        # Line 1 when unknown, as content_problems.location_of does.
        return f"{self.path}:{self.line or 1}"

    def text(self) -> str:
        """The message without its location: the field, then what is wrong."""
        return f"{self.field}: {self.message}"

    def __str__(self) -> str:
        return f"{self.location()}: {self.text()}"


@dataclass
class FrontMatter:
    """A page's front matter as written: raw values and the line of each key.

    ``values`` maps each key to a string (a scalar, as written), a list of
    strings (a YAML list) or, for passthrough keys only, nested data.
    ``present`` is False when the page has no front matter block at all.
    """

    path: str
    present: bool = False
    values: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    start_line: int = 1

    def line(self, key: str) -> int:
        return self.lines.get(key, self.start_line)


def parse_file(path: Path | str) -> FrontMatter:
    """Parse the front matter of the page at *path*."""
    return parse_text(Path(path).read_text(encoding="utf-8"), str(path))


def parse_text(text: str, path: str) -> FrontMatter:
    """Parse the YAML front matter at the very top of *text*.

    Syntax errors become :class:`Problem` objects, never exceptions: a broken
    page is reported with the others.
    """
    result = FrontMatter(path)
    lines = text.splitlines()
    if not lines or not _DELIMITER.match(lines[0].lstrip("\ufeff")):
        return result
    for end, line in enumerate(lines[1:], start=1):
        if _DELIMITER.match(line):
            break
    else:
        result.problems.append(Problem(
            path, 1, "front matter", "---",
            "the front matter block is not closed: add a line '---' after its last field"))
        return result
    result.present = True
    yaml_text = "\n".join(lines[1:end])
    # The YAML starts on line 2 of the file; marks count from 0.
    offset = 2
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + offset if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        written = lines[line - 1].strip() if line - 1 < len(lines) else ""
        result.problems.append(Problem(
            path, line, "front matter", written,
            f"{written!r} is not valid YAML ({problem}); check the colons, "
            "quotes and indentation"))
        return result
    if node is None:
        return result
    if not isinstance(node, yaml.MappingNode):
        result.problems.append(Problem(
            path, 2, "front matter", "",
            "must be a list of 'key: value' lines"))
        return result
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + offset
        if key in result.values:
            result.problems.append(Problem(
                path, line, key, key,
                f"{key!r} appears twice (first on line {result.lines[key]}); keep one"))
            continue
        result.lines[key] = line
        result.values[key] = _plain(value_node)
    return result


def _plain(node: yaml.Node):
    """The node's value with every scalar kept as the text the author wrote."""
    if isinstance(node, yaml.ScalarNode):
        return "" if node.tag.endswith(":null") and node.value in ("", "~", "null") else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return {str(k.value): _plain(v) for k, v in node.value}


def suggest(value: str, choices: Iterable[str]) -> str:
    """'did you mean ...?' plus the valid choices, for an error message."""
    choices = list(choices)
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"{hint}valid choices: {', '.join(choices)}"


def check(fm: FrontMatter, bib_keys: Callable[[str], bool] | None = None) -> tuple[dict, list]:
    """Validate *fm* against the schema.

    Returns the typed values (dates as ``datetime.date``, years and months as
    ``int``, lists as lists; only the fields that passed) and the problems.
    ``bib_keys`` tells whether a key is in references.bib; without it,
    ``sources`` keys are not looked up.  Checks that need every page (factor
    ids used by case studies, duplicate factor ids) are the caller's.
    """
    problems = list(fm.problems)
    path = fm.path

    def fail(key, value, message):
        problems.append(Problem(path, fm.line(key), key, value, message))

    if not fm.present:
        if not problems:
            fail("front matter", "", "content pages must start with a YAML front matter "
                 "block between two '---' lines (see CONTRIBUTING.md)")
        return {}, problems
    if problems and not fm.values:
        # The block could not be read (a YAML error): checking its fields
        # would only add misleading "is required" problems.
        return {}, problems

    values = fm.values
    page_type = values.get("page_type")
    known_type = isinstance(page_type, str) and page_type in PAGE_TYPES
    typed = {}
    if page_type is None:
        fail("page_type", "", f"is required; valid choices: {', '.join(PAGE_TYPES)}")
    elif not known_type:
        fail("page_type", page_type,
             f"{page_type!r} is not a page type; {suggest(page_type, PAGE_TYPES)}")
    else:
        typed["page_type"] = page_type

    # Without a valid page type every value is still checked; which fields
    # the page may and must have waits until the page type is fixed.
    allowed = fields_for(page_type) if known_type else FIELDS
    allowed_names = [f.name for f in allowed]
    for key, value in values.items():
        if key == "page_type":
            continue
        if key in PASSTHROUGH_KEYS:
            typed[key] = value
            continue
        spec = FIELDS_BY_NAME.get(key)
        if spec is None:
            fail(key, key, f"unknown key {key!r}; {suggest(key, allowed_names)}")
            continue
        if known_type and page_type not in spec.allowed_for:
            fail(key, value, f"is not a field of a {page_type} page; "
                 f"fields it may have: {', '.join(allowed_names)}")
            continue
        ok, result = _check_value(spec, value, bib_keys)
        if ok:
            typed[key] = result
        else:
            fail(key, value, result)
    for spec in allowed if known_type else ():
        if page_type in spec.required_for and spec.name not in values:
            problems.append(Problem(
                path, fm.start_line, spec.name, "",
                f"is required on a {page_type} page (missing); for example "
                f"'{spec.name}: {spec.example}': {spec.help}"))
    return typed, problems


def _check_value(spec, value, bib_keys):
    """(True, typed value) or (False, message naming the value)."""
    listed = spec.kind in ("choices", "factors", "bibkeys")
    if listed and not isinstance(value, list):
        return False, (f"{value!r} must be a list, even of one item: "
                       f"write '{spec.name}: [{value}]'")
    if not listed and not isinstance(value, str):
        return False, (f"{value!r} must be a single value, not a list; "
                       f"for example '{spec.name}: {spec.example}'")
    items = value if listed else [value]
    for item in items:
        if not isinstance(item, str):
            # A nested list or a mapping (``[[facebook, twitter]]``,
            # ``[{name: facebook}]``) would reach the indexes as a Python repr.
            kind = "a list" if isinstance(item, list) else "a 'key: value' pair"
            parts = item if isinstance(item, list) else list(item.values())
            flat = ", ".join(str(part) for part in parts)
            return False, (f"{item!r} is {kind} inside the list: each item must be a single "
                           f"word or value; write '{spec.name}: [{flat}]'" if listed else
                           f"{item!r} must be a single value, e.g. '{spec.name}: {spec.example}'")
        if item.strip().startswith(PLACEHOLDER):
            return False, (f"{item!r} is still the template's placeholder: "
                           f"replace it ({spec.help})")
    kind = spec.kind
    if kind == "text":
        if not value.strip():
            return False, f"is empty; {spec.help}"
        return True, value.strip()
    if kind == "date":
        if _ISO_DATE.match(value):
            try:
                return True, datetime.date.fromisoformat(value)
            except ValueError:
                pass
        return False, f"{value!r} is not a real date; write it as YYYY-MM-DD, e.g. {spec.example}"
    if kind == "months":
        if value.isdigit() and int(value) >= 1:
            return True, int(value)
        return False, f"{value!r} is not a whole number of months (1 or more), e.g. {spec.example}"
    if kind == "year":
        if _YEAR.match(value):
            return True, int(value)
        return False, f"{value!r} is not a four-digit year, e.g. {spec.example}"
    if kind == "choice":
        if value in spec.choices:
            return True, value
        return False, f"{value!r} is not valid; {suggest(value, spec.choices)}"
    if kind == "choices":
        for item in items:
            if item not in spec.choices:
                return False, f"{item!r} is not valid; {suggest(item, spec.choices)}"
        return True, list(items)
    if kind == "factor-id":
        if _FACTOR_ID.match(value):
            return True, value
        return False, f"{value!r} is not an id: lower case words joined by hyphens, e.g. {spec.example}"
    if kind == "factors":
        if not items:
            return False, "is empty; name at least one success factor id"
        return True, list(items)
    if kind == "bibkeys":
        if not items:
            return False, "is empty; name at least one key in references.bib"
        if bib_keys is not None:
            for item in items:
                if not bib_keys(item):
                    return False, (f"{item!r} is not a key in references.bib; add the "
                                   "entry there first (see CONTRIBUTING.md)")
        return True, list(items)
    raise ValueError(f"frontmatter_schema: unknown field kind {kind!r}")  # a schema bug


def is_content(docname: str, patterns: Iterable[str]) -> bool:
    """Whether the page *docname* (no suffix, '/' separated) is a content page."""
    return bool(Matcher(list(patterns))(docname))


def check_factor_ids(pages: dict, path_of: Callable[[str], str]) -> list:
    """Problems that need every page: duplicate factor ids, unknown factor ids.

    *pages* maps docname to typed values (as :func:`check` returns them, plus
    the ``_lines`` of each key).
    """
    problems = []
    owners: dict = {}
    for docname in sorted(pages):
        page = pages[docname]
        factor = page.get("factor")
        if factor is None:
            continue
        if factor in owners:
            problems.append(Problem(
                path_of(docname), page["_lines"].get("factor"), "factor", factor,
                f"{factor!r} is already the id of {path_of(owners[factor])}; "
                "each success factor page needs its own id"))
        else:
            owners[factor] = docname
    known = sorted(owners)
    for docname in sorted(pages):
        page = pages[docname]
        for factor in page.get("success_factors", ()):
            if factor not in owners:
                problems.append(Problem(
                    path_of(docname), page["_lines"].get("success_factors"),
                    "success_factors", factor,
                    f"{factor!r} is not a success factor id; {suggest(factor, known)}"))
    return problems


def document_order(env) -> dict:
    """docname -> its position in the table of contents, start page first."""
    order: dict = {}

    def walk(docname):
        if docname not in order:
            order[docname] = len(order)
            for child in env.toctree_includes.get(docname, ()):
                walk(child)

    walk(env.config.root_doc)
    return order


def factor_pages(env) -> dict:
    """factor id -> docname of its page, in table of contents order.

    Only pages whose factor id is unique count (a duplicate fails the build).
    """
    order = document_order(env)
    pages = sorted(
        (docname for docname, page in env.toolkit_pages.items() if "factor" in page),
        key=lambda docname: (order.get(docname, len(order)), docname))
    factors: dict = {}
    for docname in pages:
        factors.setdefault(env.toolkit_pages[docname]["factor"], docname)
    return factors


def case_studies(env) -> list:
    """(docname, values) of every case study, by year then organisation."""
    cases = [(docname, page) for docname, page in env.toolkit_pages.items()
             if page.get("page_type") == "case-study"]
    return sorted(cases, key=lambda item: (item[1].get("year", 0),
                                           item[1].get("organisation", ""), item[0]))


def title(env, docname: str) -> str:
    """The page's title as plain text."""
    node = env.titles.get(docname)
    return node.astext() if node is not None else docname


# -- Sphinx extension ---------------------------------------------------------

def record_generated(env, docname: str, directive: str, line: int, options: dict) -> None:
    """Note that *docname* shows an index generated from other pages.

    Such pages are written again whenever what they show of another page
    changes (see ``_rewrite_indexes``), so their lists stay right in
    incremental builds; the directive's options are kept for cross-page checks.
    """
    env.toolkit_generated.setdefault(docname, []).append(
        {"directive": directive, "line": line, "options": dict(options)})


def report(env, docname: str, problem: Problem) -> None:
    """Record a problem of one page found while reading it (fails the build)."""
    content_problems.record_at(env, docname, problem.location(), problem.text())


# Per page: typed front matter values (with "_lines") and the generated
# indexes it shows.
_PER_DOC = ("toolkit_pages", "toolkit_generated")


def _init_env(app) -> None:
    # A fresh environment, or one pickled by a build before this extension.
    for name in _PER_DOC:
        if not hasattr(app.env, name):
            setattr(app.env, name, {})
    app.env.toolkit_index_before = {}


def _bib_lookup(env) -> Callable[[str], bool] | None:
    """Whether a key is in the bibliography sphinxcontrib-bibtex has loaded."""
    try:
        entries = env.get_domain("cite").bibdata.data.entries
    except Exception:  # no sphinxcontrib.bibtex in this project: cannot look up
        return None
    return lambda key: key in entries


def _read_page(app, docname: str, source: list) -> None:
    env = app.env
    if not is_content(docname, app.config.toolkit_content_patterns):
        return
    fm = parse_text(source[0], relpath(env, docname))
    typed, problems = check(fm, _bib_lookup(env))
    typed["_lines"] = dict(fm.lines)
    env.toolkit_pages[docname] = typed
    for problem in problems:
        report(env, docname, problem)


def _describe_page(app, doctree) -> None:
    # The front matter description is the page's <meta name="description">
    # and, for sphinxext-opengraph, its link preview text.
    description = app.env.toolkit_pages.get(app.env.docname, {}).get("description")
    if description:
        doctree.insert(0, nodes.meta(name="description", content=description))
        app.env.metadata[app.env.docname]["og:description"] = description


def _purge(app, env, docname: str) -> None:
    for name in _PER_DOC:
        getattr(env, name).pop(docname, None)


def _merge(app, env, docnames, other) -> None:
    for name in _PER_DOC:
        mine, theirs = getattr(env, name), getattr(other, name)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]


def index_data(env, docname: str) -> str:
    """What the generated indexes show of a page, for comparing builds.

    Case study lists and the matrix show its front matter and title; the
    self-assessment shows its self-check questions.  Line numbers are left
    out: moving a question down the page changes nothing shown.
    """
    page = {k: v for k, v in env.toolkit_pages.get(docname, {}).items() if k != "_lines"}
    questions = [{k: v for k, v in question.items() if k != "line"}
                 for question in getattr(env, "toolkit_self_checks", {}).get(docname, [])]
    title = env.titles[docname].astext() if docname in env.titles else ""
    return repr((sorted(page.items()), questions, title))


def _remember_index_data(app, env, docname: str) -> None:
    # Before any extension forgets the page (hence the early priority).
    env.toolkit_index_before.setdefault(docname, index_data(env, docname))


def _rewrite_indexes(app, env) -> list:
    # The generated indexes are resolved when a page is written, from the
    # environment, so the pages that show them need writing again (not
    # reading) when, and only when, a page that was read, added or removed
    # now shows differently.  A text edit of a case study's body rewrites
    # nothing else: that keeps incremental builds of a large guide fast.
    before, env.toolkit_index_before = env.toolkit_index_before, {}
    if any(index_data(env, docname) != data for docname, data in before.items()):
        return sorted(env.toolkit_generated)
    return []


def add_problem(env, problem: Problem) -> None:
    """Record a problem found from all pages after reading (fails the build).

    Call it from an ``env-updated`` handler connected at
    :data:`CROSS_CHECKS`: such problems are found afresh by every build.
    """
    content_problems.record_build_wide(env, problem.location(), problem.text())


def _check_factor_ids(app, env) -> None:
    for problem in check_factor_ids(env.toolkit_pages, lambda d: relpath(env, d)):
        add_problem(env, problem)


def relpath(env, docname: str) -> str:
    """The page's source file, relative to the project (for messages)."""
    return str(Path(env.doc2path(docname)).relative_to(env.srcdir))


def setup(app):
    app.add_config_value("toolkit_content_patterns", list(DEFAULT_CONTENT_PATTERNS), "env", list)
    app.add_config_value("toolkit_review_every_months", DEFAULT_REVIEW_EVERY_MONTHS, "env", int)
    app.setup_extension("content_problems")
    app.connect("builder-inited", _init_env)
    app.connect("source-read", _read_page)
    app.connect("doctree-read", _describe_page)
    app.connect("env-purge-doc", _remember_index_data, priority=100)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _rewrite_indexes)
    app.connect("env-updated", _check_factor_ids, priority=CROSS_CHECKS)
    return {"version": "1", "env_version": 3,
            "parallel_read_safe": True, "parallel_write_safe": True}
