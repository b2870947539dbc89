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
* LaTeX: a worksheet with a box to tick for each answer; text: the same
  with ``[ ]`` boxes.

The groups and questions are nodes with a visitor per builder (as
``sphinx.ext.todo``'s are); the links to the factor pages come from
``make_refnode``, so each builder's writer makes them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from sphinx.application import Sphinx

from .. import priorities
from .domain import toolkit
from .frontmatter import Problem
from .pages import (
    check_unique_ids,
    factor_pages,
    record_generated,
    relpath,
    report,
    section_depths,
    title,
)

ANSWERS = (("yes", "Yes"), ("partly", "Partly"), ("no", "No"), ("n/a", "Not applicable"))
# The key under which the browser keeps the answers (localStorage).
STORAGE_KEY = "aotearoa-social-media-guide:self-assessment"


class self_check(nodes.General, nodes.Element):
    """One question, as parsed; gathered into a list when the page is read."""


class self_check_list(nodes.General, nodes.Element):
    """The page's questions; the link to the self-assessment is added late."""


class self_assessment(nodes.General, nodes.Element):
    """The gathered questions: empty until resolved, then a group per factor."""


class assessment_factor(nodes.General, nodes.Element):
    """A factor's questions: its heading, then its questions."""


class assessment_heading(nodes.General, nodes.TextElement):
    """The factor's name, a link to its page."""


class assessment_questions(nodes.General, nodes.Element):
    """A factor's questions, in order."""


class assessment_question(nodes.General, nodes.TextElement):
    """One question and its answers (``qid``: the question's id)."""


class SelfCheck(SphinxDirective):
    has_content = True
    option_spec: ClassVar[dict] = {"id": directives.unchanged_required}

    def run(self):
        env, docname = self.env, self.env.docname
        qid = self.options.get("id", "")
        page = toolkit(env).pages.get(docname, {})
        factor = page.get("factor")
        where = relpath(env, docname)
        if factor is None:
            report(
                env,
                docname,
                Problem(
                    where,
                    self.lineno,
                    "self-check",
                    qid,
                    f"{qid!r}: questions belong on a success factor page "
                    "(page_type: success-factor); move this self-check there",
                ),
            )
            return []
        if not re.fullmatch(rf"{re.escape(factor)}-[a-z0-9]+(-[a-z0-9]+)*", qid):
            report(
                env,
                docname,
                Problem(
                    where,
                    self.lineno,
                    "self-check option 'id'",
                    qid,
                    f"{qid!r} must start with the page's factor id and a hyphen, then "
                    f"lower-case words joined by hyphens, e.g. '{factor}-champion'",
                ),
            )
            return []
        if not self.content:
            report(
                env,
                docname,
                Problem(
                    where,
                    self.lineno,
                    "self-check",
                    qid,
                    f"{qid!r} has no question: write it inside the directive",
                ),
            )
            return []
        node = self_check(ids=[qid])
        node += self.parse_content_to_nodes()
        self.set_source_info(node)
        toolkit(env).self_checks.setdefault(docname, []).append(
            {"id": qid, "text": " ".join(node.astext().split()), "line": self.lineno}
        )
        return [node]


class SelfAssessment(SphinxDirective):
    has_content = False

    def run(self):
        node = self_assessment()
        self.set_source_info(node)
        record_generated(self.env, self.env.docname, "self-assessment", self.lineno, {})
        return [node]


def _check_unique_ids(app, env) -> None:
    """A question id used twice fails the build, naming both files."""
    self_checks = toolkit(env).self_checks
    check_unique_ids(
        env,
        (
            (docname, question)
            for docname in sorted(self_checks)
            for question in self_checks[docname]
        ),
        "self-check option 'id'",
        "a question",
    )


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


def _link_to_assessment(app, doctree, fromdocname) -> None:
    pages = toolkit(app.env).pages_showing("self-assessment")
    blocks = list(doctree.findall(self_check_list))
    html = app.builder.format == "html"
    depths = (
        section_depths(doctree, lambda n: isinstance(n, self_check_list)) if blocks and html else {}
    )
    for block in blocks:
        if html:
            # A heading among the page's sections, one level below the page's
            # title (whose level is the sections above the page, plus one):
            # h2 on the site, h3 in the PDF's HTML, where the factor page is
            # a section of its chapter.  (In LaTeX a page may be a chapter or
            # a section, so the rubric keeps its default, a small unnumbered
            # heading, rather than a fixed level.)
            above, on_page = depths[id(block)]
            block[0]["heading-level"] = min(above - on_page + 2, 6)
        container = nodes.container(classes=["self-check-list"])
        container += block.children
        if pages:
            link = make_refnode(
                app.builder,
                fromdocname,
                pages[0],
                f"sa-{block['factor']}",
                nodes.inline("", "Answer them in the self-assessment"),
            )
            container += nodes.paragraph(
                "",
                "",
                link,
                nodes.Text(", which keeps your answers for every success factor in one place."),
            )
        block.replace_self(container)


# -- The self-assessment ------------------------------------------------------


def _groups(env):
    """(factor id, factor page, questions) in table of contents order."""
    return [
        (factor, docname, toolkit(env).self_checks.get(docname, []))
        for factor, docname in factor_pages(env).items()
    ]


def _resolve_assessment(app, doctree, fromdocname) -> None:
    """Fill the self-assessment with a group per factor, a node per question."""
    env = app.env
    for node in list(doctree.findall(self_assessment)):
        groups = _groups(env)
        node["total"] = sum(len(questions) for _, _, questions in groups)
        # The profile's "what to do next" links go to the policy builder,
        # where the reader turns the weak factors into policy.
        builders = toolkit(env).pages_showing("policy-builder")
        if builders and app.builder.format == "html":
            node["policy_href"] = app.builder.get_relative_uri(fromdocname, builders[0])
        for factor, docname, questions in groups:
            name = title(env, docname)
            group = assessment_factor(factor=factor, questions=len(questions), ids=[f"sa-{factor}"])
            group += assessment_heading(
                "", "", make_refnode(app.builder, fromdocname, docname, "", nodes.inline("", name))
            )
            if not questions:
                group += nodes.paragraph("", f"No questions yet for {name}.")
            listed = assessment_questions()
            for question in questions:
                listed += assessment_question("", question["text"], qid=question["id"])
            group += listed
            node += group


# -- Writing the self-assessment, per builder ---------------------------------------
# HTML: a form, a fieldset of radio buttons per question, with what
# self-assessment.js reads (data-storage-key, data-factor, data-question,
# the progress lines it fills in).  LaTeX: a worksheet with boxes to tick.
# Text: the same worksheet, with [ ] for boxes.


def _visit_assessment_html(self, node) -> None:
    attributes = {"data-storage-key": STORAGE_KEY}
    if node.get("policy_href"):
        attributes["data-policy-href"] = node["policy_href"]
    self.body.append(self.starttag(node, "div", CLASS="self-assessment", **attributes))
    # Shown by the script: without it, the page is a checklist to read.
    self.body.append(
        # Attributes have values: the EPUB's pages are XHTML, where a bare
        # attribute name is a parse error.
        '<div class="sa-toolbar" data-needs-script="" hidden="">'
        f'<p class="sa-overall"><span class="sa-overall-progress">0 of {node["total"]} answered</span>'
        " overall. Your answers stay in this browser only.</p>"
        '<button type="button" class="sa-print">Print summary</button> '
        '<button type="button" class="sa-reset">Clear all answers</button></div>\n'
    )


def _depart_assessment_html(self, node) -> None:
    self.body.append("</div>\n")


def _visit_factor_html(self, node) -> None:
    factor = node["factor"]
    self.body.append(
        self.starttag(
            node,
            "section",
            CLASS="sa-factor",
            **{"aria-labelledby": f"sa-{factor}-title", "data-factor": factor},
        )
    )


def _depart_factor_html(self, node) -> None:
    self.body.append("</section>\n")


def _visit_heading_html(self, node) -> None:
    self.body.append(f'<h2 id="sa-{self.attval(node.parent["factor"])}-title">')


def _depart_heading_html(self, node) -> None:
    self.body.append("</h2>\n")
    self.body.append(
        '<p class="sa-progress" aria-live="polite" data-needs-script="" hidden="">'
        f"0 of {node.parent['questions']} answered</p>\n"
    )


def _visit_question_html(self, node) -> None:
    qid = node["qid"]
    # A question's id is its anchor on its factor page.  Where every page is
    # one document (singlehtml, the PDF) that page is in it too, so the
    # question here goes without, keeping each id once in the document.
    one_document = isinstance(self.builder, SingleFileHTMLBuilder)
    self.body.append(
        self.starttag(
            node,
            "fieldset",
            "",
            CLASS="sa-question",
            ids=[] if one_document else [qid],
            **{"data-question": qid},
        )
    )
    self.body.append("<legend>")


def _depart_question_html(self, node) -> None:
    name = self.attval(f"sa-{node['qid']}")
    choices = "".join(
        f'<label><input type="radio" name="{name}" value="{value}" /> {label}</label>'
        for value, label in ANSWERS
    )
    self.body.append(f'</legend><div class="sa-choices">{choices}</div></fieldset>\n')


def _visit_assessment_latex(self, node) -> None:
    self.body.append("\n" + r"\par\noindent Tick one box for each question.\par" + "\n")


def _visit_heading_latex(self, node) -> None:
    # With the label the factor pages' "Answer them in the self-assessment" links to.
    self.body.append(
        "\n"
        + r"\par\medskip\noindent"
        + self.hypertarget_to(node.parent, anchor=True)
        + r"\textbf{"
    )


def _depart_heading_latex(self, node) -> None:
    self.body.append(r"}\par\nopagebreak" + "\n")


def _visit_questions_latex(self, node) -> None:
    if len(node):
        self.body.append("\n" + r"\begin{enumerate}" + "\n")


def _depart_questions_latex(self, node) -> None:
    if len(node):
        self.body.append(r"\end{enumerate}" + "\n")


def _visit_question_latex(self, node) -> None:
    self.body.append(r"\item ")


def _depart_question_latex(self, node) -> None:
    boxes = r"\quad ".join(
        rf"$\square$\,{self.escape(_short(value, label))}" for value, label in ANSWERS
    )
    self.body.append(r"\par\nopagebreak\smallskip\noindent " + boxes + "\n")


def _visit_assessment_text(self, node) -> None:
    self.new_state(0)
    self.add_text("Tick one box for each question.")
    self.end_state()


def _visit_heading_text(self, node) -> None:
    # As the text writer marks a rubric (the factor pages' "Questions to ask yourself").
    self.new_state(0)
    self.add_text("-[ ")


def _depart_heading_text(self, node) -> None:
    self.add_text(" ]-")
    self.end_state()


def _visit_question_text(self, node) -> None:
    self.new_state(3)  # the numbered item
    self.new_state(0)  # its question


def _depart_question_text(self, node) -> None:
    self.end_state()
    self.new_state(0)
    self.add_text("  ".join(f"[ ] {_short(value, label)}" for value, label in ANSWERS))
    self.end_state(wrap=False)
    self.end_state(first=f"{node.parent.index(node) + 1}. ")


def _short(value: str, label: str) -> str:
    """An answer as the worksheet prints it: "yes", ..., "n/a"."""
    return value if value == "n/a" else label.lower()


def _pass(self, node) -> None:
    pass


def _add_assets(app, pagename, templatename, context, doctree) -> None:
    # The script and its styles load on the self-assessment page only.
    if toolkit(app.env).shows(pagename, "self-assessment"):
        app.add_css_file("self-assessment.css")
        app.add_js_file("self-assessment.js", defer="defer")


def setup(app: Sphinx) -> None:
    """Register the directives and nodes (called by the toolkit's ``setup``)."""
    app.add_node(self_check)
    app.add_node(self_check_list)
    app.add_node(
        self_assessment,
        html=(_visit_assessment_html, _depart_assessment_html),
        latex=(_visit_assessment_latex, _pass),
        text=(_visit_assessment_text, _pass),
    )
    app.add_node(
        assessment_factor,
        html=(_visit_factor_html, _depart_factor_html),
        latex=(_pass, _pass),
        text=(_pass, _pass),
    )
    app.add_node(
        assessment_heading,
        html=(_visit_heading_html, _depart_heading_html),
        latex=(_visit_heading_latex, _depart_heading_latex),
        text=(_visit_heading_text, _depart_heading_text),
    )
    app.add_node(
        assessment_questions,
        html=(_pass, _pass),
        latex=(_visit_questions_latex, _depart_questions_latex),
        text=(_pass, _pass),
    )
    app.add_node(
        assessment_question,
        html=(_visit_question_html, _depart_question_html),
        latex=(_visit_question_latex, _depart_question_latex),
        text=(_visit_question_text, _depart_question_text),
    )
    app.add_directive("self-check", SelfCheck)
    app.add_directive("self-assessment", SelfAssessment)
    app.connect("env-updated", _check_unique_ids, priority=priorities.CROSS_CHECKS)
    app.connect("doctree-read", _gather_questions)
    app.connect("doctree-resolved", _link_to_assessment)
    app.connect("doctree-resolved", _resolve_assessment)
    app.connect("html-page-context", _add_assets)
