"""Self-check questions on the factor pages, gathered into one self-assessment.

On a success factor page, one directive per question::

    :::{self-check}
    :id: leadership-champion
    Does a named senior leader champion your social media work?
    :::

The page shows its questions as a plain list, "Questions to ask yourself",
with a link to the self-assessment.  The ``self-assessment`` directive (on the
toolkit page) gathers every question of every factor page, grouped by factor
in table of contents order:

* HTML: a form of real radio buttons (yes / partly / no / not applicable) in
  a fieldset per question; ``_ext/toolkit/static/self-assessment.js`` (added to that page
  only) keeps the answers in localStorage, shows progress, resets and prints.
  Without JavaScript it is still a checklist to read.
* The PDF (_ext/pdf_book): that form, printed as a worksheet with a box to
  tick for each answer (its print stylesheet hides the radio buttons).
* LaTeX: a worksheet with a box to tick for each answer.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode
from sphinx.util.texescape import escape as tex_escape

if TYPE_CHECKING:
    from sphinx.application import Sphinx

from .. import priorities
from .domain import toolkit
from .frontmatter import Problem
from .pages import add_problem, factor_pages, record_generated, relpath, report, title

ANSWERS = (("yes", "Yes"), ("partly", "Partly"), ("no", "No"), ("n/a", "Not applicable"))
# The key under which the browser keeps the answers (localStorage).
STORAGE_KEY = "aotearoa-social-media-guide:self-assessment"


class self_check(nodes.General, nodes.Element):
    """One question, as parsed; gathered into a list when the page is read."""


class self_check_list(nodes.General, nodes.Element):
    """The page's questions; the link to the self-assessment is added late."""


class self_assessment(nodes.General, nodes.Element):
    """Placeholder for the gathered questions, filled in at resolve time."""


class SelfCheck(SphinxDirective):
    has_content = True
    option_spec = {"id": directives.unchanged_required}

    def run(self):
        env, docname = self.env, self.env.docname
        qid = self.options.get("id", "")
        page = toolkit(env).pages.get(docname, {})
        factor = page.get("factor")
        where = relpath(env, docname)
        if factor is None:
            report(env, docname, Problem(
                where, self.lineno, "self-check", qid,
                f"{qid!r}: questions belong on a success factor page "
                "(page_type: success-factor); move this self-check there"))
            return []
        if not re.fullmatch(rf"{re.escape(factor)}-[a-z0-9]+(-[a-z0-9]+)*", qid):
            report(env, docname, Problem(
                where, self.lineno, "self-check option 'id'", qid,
                f"{qid!r} must start with the page's factor id and a hyphen, then "
                f"lower-case words joined by hyphens, e.g. '{factor}-champion'"))
            return []
        if not self.content:
            report(env, docname, Problem(
                where, self.lineno, "self-check", qid,
                f"{qid!r} has no question: write it inside the directive"))
            return []
        node = self_check(ids=[qid])
        node += self.parse_content_to_nodes()
        self.set_source_info(node)
        toolkit(env).self_checks.setdefault(docname, []).append(
            {"id": qid, "text": " ".join(node.astext().split()), "line": self.lineno})
        return [node]


class SelfAssessment(SphinxDirective):
    has_content = False

    def run(self):
        node = self_assessment()
        self.set_source_info(node)
        record_generated(self.env, self.env.docname, "self-assessment", self.lineno, {})
        toolkit(self.env).data["assessment_pages"][self.env.docname] = True
        return [node]


def _check_unique_ids(app, env) -> None:
    """A question id used twice fails the build, naming both files."""
    first: dict = {}
    self_checks = toolkit(env).self_checks
    for docname in sorted(self_checks):
        for question in self_checks[docname]:
            qid = question["id"]
            if qid in first:
                other_doc, other_line = first[qid]
                add_problem(env, Problem(
                    relpath(env, docname), question["line"], "self-check option 'id'", qid,
                    f"{qid!r} is already used by a question in "
                    f"{relpath(env, other_doc)}:{other_line}; give this one its own id"))
            else:
                first[qid] = (docname, question["line"])


# -- The factor page: "Questions to ask yourself" -----------------------------

def _gather_questions(app, doctree) -> None:
    """Put the page's questions in one list where the first one stands."""
    questions = list(doctree.findall(self_check))
    if not questions:
        return
    block = self_check_list(factor=toolkit(app.env).pages[app.env.docname]["factor"])
    block += nodes.rubric("", "Questions to ask yourself")
    items = nodes.bullet_list(classes=["self-check-questions"])
    block += items
    for question in questions:
        items += nodes.list_item("", *question.children, ids=question["ids"])
        # (replace_self would hand the first question's id to the block)
        question["ids"] = []
    questions[0].replace_self(block)
    for question in questions[1:]:
        question.parent.remove(question)


def _page_title_levels(doctree: nodes.document) -> dict[int, int]:
    """The heading level of the page title above each question list.

    1 on a page of its own; in a document of every page (singlehtml, the
    PDF) each page's sections are nested in those of the page listing it.
    Walked from the top: a pasted page's nodes keep their old parents.
    """
    levels = {}
    # (node, sections above the node, of which on the node's own page)
    stack = [(doctree, 0, 0)]
    while stack:
        node, above, on_page = stack.pop()
        if isinstance(node, self_check_list):
            levels[id(node)] = above - on_page + 1
            continue
        if isinstance(node, addnodes.start_of_file):
            on_page = 0
        elif isinstance(node, nodes.section):
            above, on_page = above + 1, on_page + 1
        stack.extend((child, above, on_page) for child in node.children
                     if isinstance(child, nodes.Element))
    return levels


def _link_to_assessment(app, doctree, fromdocname) -> None:
    pages = toolkit(app.env).assessment_pages
    blocks = list(doctree.findall(self_check_list))
    levels = _page_title_levels(doctree) if blocks else {}
    for block in blocks:
        if app.builder.format == "html":
            # A heading among the page's sections, one level below the page's
            # title: h2 on the site, h3 in the PDF's HTML, where the factor
            # page is a section of its chapter.  (In LaTeX a page may be a
            # chapter or a section, so the rubric keeps its default, a small
            # unnumbered heading, rather than a fixed level.)
            block[0]["heading-level"] = min(levels[id(block)] + 1, 6)
        container = nodes.container(classes=["self-check-list"])
        container += block.children
        if pages:
            # The factor's group has an anchor in HTML only (the PDF's
            # worksheet is raw LaTeX without labels): link to the page there.
            anchor = f"sa-{block['factor']}" if app.builder.format == "html" else ""
            link = make_refnode(app.builder, fromdocname, pages[0], anchor,
                                nodes.inline("", "Answer them in the self-assessment"))
            container += nodes.paragraph("", "", link, nodes.Text(
                ", which keeps your answers for every success factor in one place."))
        block.replace_self(container)


# -- The self-assessment ------------------------------------------------------

def _groups(env):
    """(factor id, factor page, questions) in table of contents order."""
    return [(factor, docname, toolkit(env).self_checks.get(docname, []))
            for factor, docname in factor_pages(env).items()]


def _resolve_assessment(app, doctree, fromdocname) -> None:
    for node in list(doctree.findall(self_assessment)):
        groups = _groups(app.env)
        if app.builder.format == "html":
            node.replace_self(nodes.raw("", _html(app, fromdocname, groups), format="html"))
        elif app.builder.format == "latex":
            node.replace_self(nodes.raw("", _latex(app.env, groups), format="latex"))
        else:
            node.replace_self(_plain(app.env, groups))


def _html(app, fromdocname, groups) -> str:
    env = app.env
    total = sum(len(questions) for _, _, questions in groups)
    parts = [
        f'<div class="self-assessment" data-storage-key="{STORAGE_KEY}">',
        # Shown by the script: without it, the page is a checklist to read.
        '<div class="sa-toolbar" data-needs-script hidden>'
        f'<p class="sa-overall"><span class="sa-overall-progress">0 of {total} answered</span>'
        ' overall. Your answers stay in this browser only.</p>'
        '<button type="button" class="sa-print">Print summary</button> '
        '<button type="button" class="sa-reset">Clear all answers</button></div>',
    ]
    # A question's id is its anchor on its factor page.  Where every page is
    # one document (singlehtml, the PDF) that page is in it too, so the
    # question here goes without, keeping each id once in the document.
    one_document = isinstance(app.builder, SingleFileHTMLBuilder)
    for factor, docname, questions in groups:
        href = escape(app.builder.get_relative_uri(fromdocname, docname))
        name = escape(title(env, docname))
        parts.append(
            f'<section class="sa-factor" id="sa-{escape(factor)}" '
            f'aria-labelledby="sa-{escape(factor)}-title" data-factor="{escape(factor)}">'
            f'<h2 id="sa-{escape(factor)}-title"><a href="{href}">{name}</a></h2>'
            f'<p class="sa-progress" aria-live="polite" data-needs-script hidden>'
            f'0 of {len(questions)} answered</p>')
        if not questions:
            parts.append(f'<p>No questions yet for {name}.</p>')
        for question in questions:
            qid = escape(question["id"])
            choices = "".join(
                f'<label><input type="radio" name="sa-{qid}" value="{value}"> {label}</label>'
                for value, label in ANSWERS)
            id_attr = "" if one_document else f' id="{qid}"'
            parts.append(
                f'<fieldset class="sa-question"{id_attr} data-question="{qid}">'
                f'<legend>{escape(question["text"])}</legend>'
                f'<div class="sa-choices">{choices}</div></fieldset>')
        parts.append("</section>")
    parts.append("</div>")
    return "\n".join(parts)


def _latex(env, groups) -> str:
    box = r"$\square$\,"
    answers = r"\quad ".join(box + tex_escape(label.lower() if value != "n/a" else "n/a")
                             for value, label in ANSWERS)
    lines = [r"\par\noindent Tick one box for each question.\par"]
    for factor, docname, questions in groups:
        name = tex_escape(title(env, docname))
        lines.append(rf"\par\medskip\noindent\textbf{{\hyperref[\detokenize{{{docname}::doc}}]"
                     rf"{{\sphinxcrossref{{{name}}}}}}}\par\nopagebreak")
        if not questions:
            lines.append(r"\par\noindent No questions yet.\par")
            continue
        lines.append(r"\begin{enumerate}")
        for question in questions:
            lines.append(rf"\item {tex_escape(question['text'])}\par\nopagebreak"
                         rf"\smallskip\noindent {answers}")
        lines.append(r"\end{enumerate}")
    return "\n".join(lines)


def _plain(env, groups) -> list:
    result = []
    for _factor, docname, questions in groups:
        result.append(nodes.rubric("", title(env, docname)))
        items = nodes.bullet_list()
        for question in questions:
            items += nodes.list_item("", nodes.paragraph("", question["text"]))
        result.append(items)
    return result


def _add_assets(app, pagename, templatename, context, doctree) -> None:
    # The script and its styles load on the self-assessment page only.
    if pagename in toolkit(app.env).data["assessment_pages"]:
        app.add_css_file("self-assessment.css")
        app.add_js_file("self-assessment.js", defer="defer")


def setup(app: Sphinx) -> None:
    """Register the directives and nodes (called by the toolkit's ``setup``)."""
    app.add_node(self_check)
    app.add_node(self_check_list)
    app.add_node(self_assessment)
    app.add_directive("self-check", SelfCheck)
    app.add_directive("self-assessment", SelfAssessment)
    app.connect("env-updated", _check_unique_ids, priority=priorities.CROSS_CHECKS)
    app.connect("doctree-read", _gather_questions)
    app.connect("doctree-resolved", _link_to_assessment)
    app.connect("doctree-resolved", _resolve_assessment)
    app.connect("html-page-context", _add_assets)
