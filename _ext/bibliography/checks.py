"""Fail the build on a broken bibliography, with a message saying what to fix.

sphinxcontrib-bibtex only warns when a .bib file has a duplicate key (and
then silently drops every entry after it) or when a page cites a key that
does not exist, and a syntax error in a .bib file stops it with a bare
pybtex traceback.  The guide must never publish a page with a dead citation,
so these are errors here, recorded with ``content_problems`` (which fails
the build with a clean message, also without ``-W``):

- a .bib file that does not parse (file, line, the entry it is in);
- a key defined twice (file, both lines, the key);
- an entry of a type the APA style cannot format, or without a field its
  type needs (file, line, key, the missing fields);
- a link or date field the guide cannot safely print: a ``url`` that is not
  an absolute https/http address (``javascript:``, ``data:``, ``file:``,
  relative), a ``doi`` that is not a DOI, a ``urldate`` that is not a real
  date (file, the field's line, key, field; the rule is ``links``);
- a citation of a key that no .bib file defines (page, line, key);
- a citation whose target does not parse, such as ``{key}{p. 61}``
  (page, line, what to write instead).

The .bib files and the citations are checked again on every build, once
every page is read, so one build shows every problem.
"""

from __future__ import annotations

import json
import re
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pybtex.errors
from docutils import nodes
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexSyntaxError
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain
from sphinxcontrib.bibtex.roles import CiteRole

from .. import content_problems, priorities
from ..stamps import code_stamp
from . import links
from .apa_style import REQUIRED_FIELDS, plain
from .cite_domain import cite_domain

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s]+)[ \t]*,", re.MULTILINE)
_NOT_ENTRIES = {"comment", "string", "preamble"}


@dataclass(frozen=True)
class EntryStart:
    key: str
    type: str
    line: int


def entry_starts(text: str) -> list[EntryStart]:
    """Where each entry of a .bib text begins (1-based lines)."""
    return [
        EntryStart(key=m.group(2), type=m.group(1).lower(), line=text.count("\n", 0, m.start()) + 1)
        for m in _ENTRY_START.finditer(text)
        if m.group(1).lower() not in _NOT_ENTRIES
    ]


def field_line(text: str, starts: list[EntryStart], key: str, field: str) -> int | None:
    """The line on which *field* of the entry *key* is written (1-based)."""
    for index, start in enumerate(starts):
        if start.key.lower() != key.lower():
            continue
        lines = text.splitlines()
        end = starts[index + 1].line - 1 if index + 1 < len(starts) else len(lines)
        written = re.compile(rf"^\s*{re.escape(field)}\s*=", re.IGNORECASE)
        for number in range(start.line, end + 1):
            if written.match(lines[number - 1]):
                return number
        return None
    return None


def missing_fields(entry: Entry) -> list[str]:
    """Fields that REQUIRED_FIELDS asks of this entry's type and it lacks."""
    present = {name.lower() for name in entry.fields} | set(entry.persons)
    return [name for name in REQUIRED_FIELDS[entry.type] if name not in present]


def check_bibfile(path: Path, encoding: str = "utf-8") -> list[tuple[int | None, str]]:
    """Every problem in one .bib file, as (line, message) pairs."""
    text = path.read_text(encoding=encoding)
    starts = entry_starts(text)
    problems: list[tuple[int | None, str]] = []
    first_seen: dict[str, EntryStart] = {}
    for start in starts:
        earlier = first_seen.setdefault(start.key.lower(), start)
        if earlier is not start:
            problems.append(
                (
                    start.line,
                    f"duplicate key {start.key!r} (first defined on line {earlier.line}). "
                    "Give one of the two entries another key (or delete the copy) and "
                    "update the pages that cite it.",
                )
            )
    # As sphinxcontrib-bibtex parses it (see setup): pybtex skips what it
    # cannot read and goes on, so every syntax error is found at once.
    with pybtex.errors.capture() as errors:
        data = Parser(encoding).parse_string(text)
    syntax_errors = [error for error in errors if isinstance(error, PybtexSyntaxError)]
    for error in syntax_errors:  # the others are duplicate keys: reported above
        before = [s for s in starts if s.line <= error.lineno]
        where = (
            f" in the entry {before[-1].key!r} that starts on line {before[-1].line}"
            if before
            else ""
        )
        problems.append(
            (
                error.lineno,
                f"the file does not parse ({error}){where}. "
                "Check that braces and quotes are balanced and fields are separated by commas.",
            )
        )
    if syntax_errors:
        # An unclosed brace swallows the fields after it: what pybtex made
        # of the entries around it is no guide to what they lack.
        return sorted(problems, key=lambda problem: problem[0] or 0)
    lines: dict[str, int] = {}
    for start in starts:
        lines.setdefault(start.key.lower(), start.line)
    for key, entry in data.entries.items():
        line = lines.get(key.lower())
        if entry.type not in REQUIRED_FIELDS:
            problems.append(
                (
                    line,
                    f"entry {key!r} has type @{entry.type}, which the APA style cannot "
                    "format. Use one of: " + ", ".join("@" + t for t in REQUIRED_FIELDS) + ".",
                )
            )
            continue
        for name, message in links.field_problems(
            {
                name: plain(value)
                for name, value in entry.fields.items()
                if name.lower() in links.CHECKED_FIELDS
            }
        ):
            problems.append(
                (
                    field_line(text, starts, key, name) or line,
                    f"entry {key!r}, field {name!r}: {message}.",
                )
            )
        missing = missing_fields(entry)
        if missing:
            problems.append(
                (
                    line,
                    f"entry {key!r} (@{entry.type}) lacks "
                    + ", ".join(missing)
                    + (". Add it" if len(missing) == 1 else ". Add them")
                    + " (see 'Cite every fact' in CONTRIBUTING.md).",
                )
            )
    return sorted(problems, key=lambda problem: problem[0] or 0)


def _bibfiles(app: Sphinx) -> list[Path]:
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]


# What a .bib file's problems depend on besides the file: the checks' code
# and the rules they read (entry types, link rules).
_CHECKS_VERSION = code_stamp(__file__, links.__file__) + repr(sorted(REQUIRED_FIELDS.items()))


def check_bibfiles(app: Sphinx, env: BuildEnvironment) -> None:
    # Each file's problems are kept in the build's cache folder (doctreedir)
    # under the file's size, time and the checks' version: a build that
    # changed no .bib file (most builds) does not parse and decode the
    # bibliography again.  A file, not the environment: Sphinx does not save
    # the environment after a build that read no page.
    kept_file = Path(app.doctreedir) / "bib-checks.json"
    try:
        kept = json.loads(kept_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    fresh = {}
    for path in _bibfiles(app):
        shown = content_problems.project_path(env, path)
        if not path.is_file():
            # ":1": Sphinx reads a location without a line as a page.
            content_problems.record_build_wide(
                env, f"{shown}:1", "the file listed in bibtex_bibfiles in conf.py does not exist."
            )
            continue
        stat = path.stat()
        key = [stat.st_mtime_ns, stat.st_size, app.config.bibtex_encoding, _CHECKS_VERSION]
        before = kept.get(str(path))
        if before and before["key"] == key:
            problems = [(line, message) for line, message in before["problems"]]
        else:
            problems = check_bibfile(path, app.config.bibtex_encoding)
        fresh[str(path)] = {"key": key, "problems": [list(problem) for problem in problems]}
        for line, message in problems:
            content_problems.record_build_wide(env, f"{shown}:{line or 1}", message)
    if fresh != kept:
        kept_file.parent.mkdir(parents=True, exist_ok=True)
        kept_file.write_text(json.dumps(fresh, indent=1, sort_keys=True), encoding="utf-8")


def _citation_lines(env: BuildEnvironment, docname: str, key: str) -> list[int]:
    """Lines of the page's citations of *key*.

    MyST does not give sphinxcontrib-bibtex a line for each citation, so on
    the error path only, the page's doctree is read back for its nodes' lines.
    """
    from sphinx.addnodes import pending_xref

    doctree = env.get_doctree(docname)
    return sorted(
        node.line
        for node in doctree.findall(pending_xref)
        if node.get("refdomain") == "cite"
        and node.line
        and key in {t.key for t in parse_citation_targets(node["reftarget"])}
    )


def check_cited_keys(app: Sphinx, env: BuildEnvironment) -> None:
    domain = cite_domain(env)
    known = set(domain.bibdata.data.entries)
    files = ", ".join(content_problems.project_path(env, p) for p in _bibfiles(app))
    unknown = sorted(
        {
            (ref.docname, target.key)
            for ref in domain.citation_refs
            for target in ref.targets
            if target.key not in known
        }
    )
    for docname, key in unknown:
        page = content_problems.project_path(env, env.doc2path(docname))
        for line in _citation_lines(env, docname, key) or [1]:
            content_problems.record_build_wide(
                env,
                f"{page}:{line}",
                f"cites {key!r}, which is not a key in {files}. Correct the key (keys "
                "are case-sensitive) or add the source to the .bib file.",
            )


class CheckedCiteRole(CiteRole):
    """sphinxcontrib-bibtex's cite role, with a clear error for a bad target.

    Unchecked, a malformed target stops the build with a bare traceback.
    """

    def result_nodes(self, document, env, node, is_ref):
        try:
            list(parse_citation_targets(node["reftarget"]))
        except ValueError:
            content_problems.record(
                env,
                env.docname,
                node,
                f"the citation {node['reftarget']!r} does not parse. Write keys separated "
                "by commas, with optional text in braces before or after a key: "
                "{cite:p}`{see}kaplan2010users{p. 61},hanna2011connected`.",
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], []
        return super().result_nodes(document, env, node, is_ref)


def register(app: Sphinx) -> None:
    """Connect the checks (called by the bibliography's ``setup``)."""
    for name in BibtexDomain.roles:
        app.add_role_to_domain("cite", name, CheckedCiteRole(), override=True)
    # sphinxcontrib-bibtex parses the .bib files at builder-inited and lets a
    # syntax error through as an exception, which Sphinx shows as a crash
    # report.  Inside pybtex's own capture(), pybtex records the error
    # instead, skips what it cannot read and goes on (after a duplicate key
    # too, it keeps the entries that follow); check_bibfiles reports each
    # such problem, with file and line, once the pages are read.
    lenient = ExitStack()
    app.connect(
        "builder-inited",
        lambda app: lenient.enter_context(pybtex.errors.capture()),
        priority=priorities.BIB_PARSE_CAPTURE_START,
    )
    app.connect(
        "builder-inited", lambda app: lenient.close(), priority=priorities.BIB_PARSE_CAPTURE_END
    )
    app.connect("env-updated", check_bibfiles, priority=priorities.BIB_CHECKS)
    app.connect("env-updated", check_cited_keys, priority=priorities.BIB_CHECKS)
