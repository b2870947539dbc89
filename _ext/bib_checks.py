"""Fail the build on a broken bibliography, with a message saying what to fix.

sphinxcontrib-bibtex only warns when a .bib file has a duplicate key (and
then silently drops every entry after it) or when a page cites a key that
does not exist, and a syntax error in a .bib file stops it with a bare
pybtex traceback.  The guide must never publish a page with a dead citation,
so these are errors here, also without ``-W``:

- a .bib file that does not parse (file, line, the entry it is in);
- a key defined twice (file, both lines, the key);
- an entry of a type the APA style cannot format, or without a field its
  type needs (file, line, key, the missing fields);
- a citation of a key that no .bib file defines (page, line, key);
- a citation whose target does not parse, such as ``{key}{p. 61}``
  (page, line, what to write instead).

Every problem found is reported at once, so one build shows them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexSyntaxError
from sphinx.errors import SphinxError
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain
from sphinxcontrib.bibtex.roles import CiteRole

from apa_style import REQUIRED_FIELDS

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s]+)[ \t]*,", re.MULTILINE)
_NOT_ENTRIES = {"comment", "string", "preamble"}


class BibliographyError(SphinxError):
    category = "Bibliography error"


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


def missing_fields(entry: Entry) -> list[str]:
    """Fields that REQUIRED_FIELDS asks of this entry's type and it lacks."""
    present = {name.lower() for name in entry.fields} | set(entry.persons)
    return [name for name in REQUIRED_FIELDS[entry.type] if name not in present]


def check_bibfile(path: Path, encoding: str = "utf-8") -> list[str]:
    """Every problem in one .bib file, each as a message naming file and line."""
    text = path.read_text(encoding=encoding)
    starts = entry_starts(text)
    problems = []
    first_seen: dict[str, EntryStart] = {}
    for start in starts:
        earlier = first_seen.setdefault(start.key.lower(), start)
        if earlier is not start:
            problems.append(
                f"{path}:{start.line}: duplicate key {start.key!r} (first defined "
                f"on line {earlier.line}). Give one of the two entries another key "
                "(or delete the copy) and update the pages that cite it."
            )
    if problems:
        return problems  # pybtex stops at the first duplicate: nothing more to learn
    try:
        data = Parser(encoding).parse_string(text)
    except PybtexSyntaxError as error:
        before = [s for s in starts if s.line <= error.lineno]
        where = f" in the entry {before[-1].key!r} that starts on line {before[-1].line}" if before else ""
        return [
            f"{path}:{error.lineno}: the file does not parse ({error}){where}. "
            "Check that braces and quotes are balanced and fields are separated by commas."
        ]
    lines = {s.key.lower(): s.line for s in starts}
    for key, entry in data.entries.items():
        line = lines.get(key.lower(), "?")
        if entry.type not in REQUIRED_FIELDS:
            problems.append(
                f"{path}:{line}: entry {key!r} has type @{entry.type}, which the APA "
                f"style cannot format. Use one of: "
                + ", ".join("@" + t for t in REQUIRED_FIELDS) + "."
            )
            continue
        missing = missing_fields(entry)
        if missing:
            problems.append(
                f"{path}:{line}: entry {key!r} (@{entry.type}) lacks "
                + ", ".join(missing)
                + ". Add them (see guidance/references.md, 'Adding a source')."
            )
    return problems


def _bibfiles(app: Sphinx) -> list[Path]:
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]


def check_bibfiles(app: Sphinx) -> None:
    problems = []
    for path in _bibfiles(app):
        if not path.is_file():
            problems.append(f"{path}: the file listed in bibtex_bibfiles does not exist.")
            continue
        problems += check_bibfile(path, app.config.bibtex_encoding)
    if problems:
        raise BibliographyError("\n".join(problems))


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
    domain = env.get_domain("cite")
    known = set(domain.bibdata.data.entries)
    files = ", ".join(str(p) for p in _bibfiles(app))
    unknown = sorted({
        (ref.docname, target.key)
        for ref in domain.citation_refs
        for target in ref.targets
        if target.key not in known
    })
    problems = []
    for docname, key in unknown:
        lines = _citation_lines(env, docname, key) or ["?"]
        problems += [
            f"{env.doc2path(docname)}:{line}: cites {key!r}, which is not a key in "
            f"{files}. Correct the key (keys are case-sensitive) or add the source "
            "to the .bib file."
            for line in lines
        ]
    if problems:
        raise BibliographyError("\n".join(problems))


class CheckedCiteRole(CiteRole):
    """sphinxcontrib-bibtex's cite role, with a clear error for a bad target.

    Unchecked, a malformed target stops the build with a bare traceback.
    """

    def result_nodes(self, document, env, node, is_ref):
        try:
            list(parse_citation_targets(node["reftarget"]))
        except ValueError:
            raise BibliographyError(
                f"{env.doc2path(env.docname)}:{self.lineno}: the citation "
                f"{node['reftarget']!r} does not parse. Write keys separated by commas, "
                "with optional text in braces before or after a key: "
                "{cite:p}`{see}kaplan2010users{p. 61},hanna2011connected`."
            ) from None
        return super().result_nodes(document, env, node, is_ref)


def setup(app: Sphinx):
    app.setup_extension("sphinxcontrib.bibtex")
    for name in BibtexDomain.roles:
        app.add_role_to_domain("cite", name, CheckedCiteRole(), override=True)
    # Before sphinxcontrib-bibtex parses the files (priority 500).
    app.connect("builder-inited", check_bibfiles, priority=100)
    # Before sphinxcontrib-bibtex formats the bibliographies (priority 500).
    app.connect("env-updated", check_cited_keys, priority=100)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
