"""Policy clauses: the guide's social media policy template, written as content.

Each clause is written once, where the guide discusses it, as a directive::

    :::{policy-clause}
    :id: who-may-post
    :heading: Who may post
    :required-for: public-service
    :recommended-for: council, charity, business
    :sources: pscndsocialmedia
    :note: Name roles, not people, so the policy survives staff changes.
    Only staff whom {organisation} has authorised may post on its official
    accounts.
    :::

The text is plain language with placeholders (``schema.POLICY_PLACEHOLDERS``);
it is kept as written (not parsed as Markdown), because the same words go to
three places: the page shows the reading version (placeholders in brackets,
who it applies to, its sources as APA citations), the policy builder fills in
the reader's answers (``policy_builder``) and the Word templates highlight
the placeholders (``policy_word``).  Kinds of organisation, levels and
conditions (``only-if``) are defined in ``schema``.

A clause belongs to the group named by the section it stands in, and clauses
are ordered as the guide is (table of contents, then line).  Every problem
(an unknown kind, placeholder or citation key, empty text, an id used twice)
fails the build with the file, line and field.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import traverse_parent

from .. import priorities
from .domain import toolkit
from .frontmatter import Problem, closest
from .pages import bib_lookup, check_unique_ids, document_order, relpath, report, section_depths
from .schema import (
    CLAUSE_CONDITIONS,
    CLAUSE_LEVELS,
    ORGANISATION_KINDS,
    ORGANISATION_KINDS_BY_ID,
    POLICY_PLACEHOLDERS,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_CLAUSE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Word bookmarks a clause by its id, and takes names of at most 40 characters
# ("clause_" and the id: see policy_word.bookmark).
MAX_ID_LENGTH = 32
# The option that lists the kinds for each level.
LEVEL_OPTIONS = {level: f"{level}-for" for level in CLAUSE_LEVELS}


class policy_clause(nodes.General, nodes.Element):
    """One clause as parsed; a plain container once its group is known."""


# -- Checking a clause (plain functions) ------------------------------------------


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def _did_you_mean(value: str, known) -> str:
    close = closest(value, known)
    return f" (did you mean {close!r}?)" if close else ""


def segments(paragraph: str) -> list[tuple[str, str]]:
    """A paragraph of clause text as ("text", words) and ("placeholder", name)."""
    result, start = [], 0
    for match in _PLACEHOLDER.finditer(paragraph):
        if match.start() > start:
            result.append(("text", paragraph[start : match.start()]))
        result.append(("placeholder", match.group(1)))
        start = match.end()
    if start < len(paragraph):
        result.append(("text", paragraph[start:]))
    return result


def paragraphs(lines) -> list[str]:
    """The clause text's paragraphs (blank lines between), each on one line."""
    result, current = [], []
    for line in [*list(lines), ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            result.append(" ".join(current))
            current = []
    return result


def _text_problems(field: str, text: str) -> list[tuple[str, str, str]]:
    problems = []
    for name in _PLACEHOLDER.findall(text):
        if name not in POLICY_PLACEHOLDERS:
            known = ", ".join(f"{{{p}}}" for p in POLICY_PLACEHOLDERS)
            problems.append(
                (
                    field,
                    f"{{{name}}}",
                    f"'{{{name}}}' is not a placeholder{_did_you_mean(name, POLICY_PLACEHOLDERS)}; "
                    f"use one of {known} (defined in _ext/toolkit/schema.py)",
                )
            )
    if "{" in _PLACEHOLDER.sub("", text) or "}" in _PLACEHOLDER.sub("", text):
        problems.append(
            (
                field,
                text,
                f"{text!r} has a '{{' or '}}' that opens or closes no "
                "placeholder; write placeholders as {organisation}",
            )
        )
    return problems


def check_clause(options: dict[str, str], lines, key_exists) -> tuple[dict[str, Any], list]:
    """A clause's values from its options and text, and its problems.

    Problems are (field, value, message) tuples.  *key_exists* tells whether
    a citation key is in references.bib (None: no bibliography to check).
    """
    problems: list[tuple[str, str, str]] = []
    clause_id = options.get("id", "").strip()
    if not clause_id:
        problems.append(
            (
                "policy-clause option 'id'",
                "",
                "is missing: give the clause an id, "
                "lower-case words joined by hyphens, e.g. ':id: who-may-post'",
            )
        )
    elif not _CLAUSE_ID.match(clause_id) or len(clause_id) > MAX_ID_LENGTH:
        problems.append(
            (
                "policy-clause option 'id'",
                clause_id,
                f"{clause_id!r} must be lower-case words joined by hyphens, at most "
                f"{MAX_ID_LENGTH} characters, e.g. 'who-may-post'",
            )
        )
    heading = " ".join(options.get("heading", "").split())
    if not heading:
        problems.append(
            (
                "policy-clause option 'heading'",
                "",
                "is missing: give the clause a short heading, e.g. ':heading: Who may post'",
            )
        )

    applies: dict[str, str] = {}
    listed = False
    for level, option in LEVEL_OPTIONS.items():
        for kind in _names(options.get(option, "")):
            listed = True
            if kind not in ORGANISATION_KINDS_BY_ID:
                known = ", ".join(k.id for k in ORGANISATION_KINDS)
                problems.append(
                    (
                        f"policy-clause option {option!r}",
                        kind,
                        f"{kind!r} is not a kind of organisation"
                        f"{_did_you_mean(kind, ORGANISATION_KINDS_BY_ID)}; use one of "
                        f"{known} (defined in _ext/toolkit/schema.py)",
                    )
                )
            elif kind in applies:
                problems.append(
                    (
                        f"policy-clause option {option!r}",
                        kind,
                        f"{kind!r} is already listed as {applies[kind]}; a clause "
                        "is required or recommended for a kind, not both",
                    )
                )
            else:
                applies[kind] = level
    if not listed:
        problems.append(
            (
                "policy-clause options 'required-for' and 'recommended-for'",
                "",
                "the clause applies to no kind of organisation: list kinds in "
                "':required-for:' or ':recommended-for:', e.g. ':recommended-for: "
                "council, charity'",
            )
        )

    sources = _names(options.get("sources", ""))
    if not sources:
        problems.append(
            (
                "policy-clause option 'sources'",
                "",
                "is missing: name the law or guidance the clause implements by its "
                "key in references.bib, e.g. ':sources: privacyact2020'",
            )
        )
    for key in sources:
        if key_exists is None:
            problems.append(
                (
                    "policy-clause option 'sources'",
                    key,
                    f"cannot check {key!r}: the project has no bibliography "
                    "(add sphinxcontrib.bibtex and references.bib)",
                )
            )
        elif not key_exists(key):
            problems.append(
                (
                    "policy-clause option 'sources'",
                    key,
                    f"{key!r} is not a key in references.bib; correct the key (keys are "
                    "case-sensitive) or add the source to references.bib",
                )
            )

    only_if = options.get("only-if", "").strip() or None
    if only_if is not None and only_if not in CLAUSE_CONDITIONS:
        known = ", ".join(CLAUSE_CONDITIONS)
        problems.append(
            (
                "policy-clause option 'only-if'",
                only_if,
                f"{only_if!r} is not a condition{_did_you_mean(only_if, CLAUSE_CONDITIONS)}; "
                f"use one of {known} (defined in _ext/toolkit/schema.py)",
            )
        )

    note = " ".join(options.get("note", "").split()) or None
    if note:
        problems += _text_problems("policy-clause option 'note'", note)
    text = paragraphs(lines)
    if not text:
        problems.append(
            (
                "policy-clause text",
                "",
                f"{clause_id!r} has no text: write the clause "
                "inside the directive, below its options",
            )
        )
    for paragraph in text:
        problems += _text_problems("policy-clause text", paragraph)

    clause = {
        "id": clause_id,
        "heading": heading,
        "text": text,
        "applies": applies,
        "sources": sources,
        "only_if": only_if,
        "note": note,
    }
    return clause, problems


# -- Sphinx -----------------------------------------------------------------------


def placeholder_text(name: str) -> str:
    """How an unfilled placeholder reads: "[name of the organisation]"."""
    return f"[{POLICY_PLACEHOLDERS[name]}]"


def _and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def applies_sentences(clause: dict[str, Any]) -> list[str]:
    """'Required for councils.', 'Recommended for businesses.', in kind order."""
    sentences = []
    for level in CLAUSE_LEVELS:
        kinds = [
            kind.plural for kind in ORGANISATION_KINDS if clause["applies"].get(kind.id) == level
        ]
        if kinds:
            sentences.append(f"{level.capitalize()} for {_and_list(kinds)}.")
    if clause["only_if"]:
        sentences.append(f"Only if the organisation {CLAUSE_CONDITIONS[clause['only_if']]}.")
    return sentences


def _text_nodes(paragraph: str) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for kind, value in segments(paragraph):
        if kind == "text":
            result.append(nodes.Text(value))
        else:
            result.append(nodes.inline("", placeholder_text(value), classes=["policy-placeholder"]))
    return result


class PolicyClause(SphinxDirective):
    has_content = True
    # Checked by check_clause, so a missing value gets the guide's message.
    option_spec = dict.fromkeys(
        ("id", "heading", *LEVEL_OPTIONS.values(), "sources", "only-if", "note"),
        directives.unchanged,
    )

    def run(self):
        env, docname = self.env, self.env.docname
        clause, problems = check_clause(self.options, self.content, bib_lookup(env))
        where = relpath(env, docname)
        for field, value, message in problems:
            report(env, docname, Problem(where, self.lineno, field, value, message))
        if problems:
            return []
        clause["line"] = self.lineno
        toolkit(env).policy_clauses.setdefault(docname, []).append(clause)

        node = policy_clause(ids=[f"clause-{clause['id']}"], clause=clause["id"])
        self.set_source_info(node)
        node += nodes.rubric("", clause["heading"], classes=["policy-clause-heading"])
        for paragraph in clause["text"]:
            node += nodes.paragraph("", "", *_text_nodes(paragraph))
        meta = nodes.paragraph(
            "", " ".join(applies_sentences(clause)) + " ", classes=["policy-clause-applies"]
        )
        # The sources as the guide cites everywhere: APA citations linked to
        # the page's reference list.
        keys = ",".join(clause["sources"])
        meta += self.parse_text_to_nodes(f"Source: {{cite:p}}`{keys}`.")[0].children
        node += meta
        if clause["note"]:
            node += nodes.paragraph(
                "",
                "",
                nodes.strong("", "Note for whoever adapts the policy: "),
                *_text_nodes(clause["note"]),
                classes=["policy-clause-note"],
            )
        return [node]


def _place_clauses(app, doctree) -> None:
    """Give each clause its group (its section's title); leave a plain container."""
    by_id = {
        clause["id"]: clause for clause in toolkit(app.env).policy_clauses.get(app.env.docname, [])
    }
    for node in list(doctree.findall(policy_clause)):
        section = next(iter(traverse_parent(node.parent, nodes.section)), None)
        title = section.next_node(nodes.title) if section is not None else None
        clause = by_id[node["clause"]]
        clause["group"] = title.astext() if title is not None else ""
        # Where links to the clauses land: the group's heading.
        clause["anchor"] = (
            section["ids"][0] if section is not None and section["ids"] else node["ids"][0]
        )
        container = nodes.container("", *node.children, ids=node["ids"], classes=["policy-clause"])
        container.source, container.line = node.source, node.line
        node.replace_self(container)


def _is_clause_heading(node: nodes.Element) -> bool:
    return isinstance(node, nodes.rubric) and "policy-clause-heading" in node["classes"]


def _heading_levels(app, doctree, fromdocname) -> None:
    # In HTML a clause's heading is a real heading one level below its
    # section's.  (In the PDF a page may be a chapter or a section, so the
    # rubric keeps its default, a small unnumbered heading.)
    if app.builder.format != "html":
        return
    rubrics = list(doctree.findall(_is_clause_heading))
    depths = section_depths(doctree, _is_clause_heading) if rubrics else {}
    for rubric in rubrics:
        rubric["heading-level"] = level_below(depths[id(rubric)])


def level_below(depth: tuple[int, int]) -> int:
    """The HTML heading level (h1 to h6) of a heading at a node of this
    ``pages.section_depths`` depth: one below its section's."""
    above, _on_page = depth
    return min(above + 1, 6)


def clauses(env) -> list[dict[str, Any]]:
    """Every clause of the guide, in table of contents order, then by line.

    Only clauses whose id is unique count (a duplicate fails the build).
    """
    order = document_order(env)
    found = [
        dict(clause, docname=docname)
        for docname, page in toolkit(env).policy_clauses.items()
        for clause in page
    ]
    found.sort(key=lambda c: (order.get(c["docname"], len(order)), c["docname"], c["line"]))
    # A duplicate id fails the build; meanwhile the first one wins.
    first: dict[str, dict[str, Any]] = {}
    for clause in found:
        first.setdefault(clause["id"], clause)
    return list(first.values())


def clauses_for(env, kind: str) -> list[dict[str, Any]]:
    """The clauses that apply to a kind of organisation, in order."""
    return [clause for clause in clauses(env) if kind in clause["applies"]]


def source(env, key: str) -> dict[str, str]:
    """A cited work: its APA citation ("Privacy Act 2020") and reference."""
    # Only a guide with a bibliography has clauses.
    from pybtex.backends.plaintext import Backend as PlainText

    from ..bibliography import apa_style

    entry = env.get_domain("cite").bibdata.data.entries[key]
    return {
        "citation": apa_style.label(entry),
        # The plain-text backend itself: render_as("text") looks it up among
        # every installed package's entry points, on every call.
        "reference": apa_style.format_reference(entry).render(PlainText()),
    }


def _check_unique_ids(app, env) -> None:
    """A clause id used twice fails the build, naming both places.

    The clause that comes later in the guide is the one reported.
    """
    policy_clauses = toolkit(env).policy_clauses
    order = document_order(env)
    pages = sorted(policy_clauses, key=lambda d: (order.get(d, len(order)), d))
    check_unique_ids(
        env,
        ((docname, clause) for docname in pages for clause in policy_clauses[docname]),
        "policy-clause option 'id'",
        "a clause",
    )


def setup(app: Sphinx) -> None:
    """Register the directive (called by the toolkit's ``setup``)."""
    app.add_node(policy_clause)
    app.add_directive("policy-clause", PolicyClause)
    app.connect("doctree-read", _place_clauses)
    app.connect("doctree-resolved", _heading_levels)
    app.connect("env-updated", _check_unique_ids, priority=priorities.CROSS_CHECKS)
