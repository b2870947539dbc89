"""Generated indexes of the case studies: lists and the success factor matrix.

Both are computed from the pages' front matter (the toolkit domain, kept by
``toolkit.pages``) once every page is read, so they are always right: a case
study appears on the page of every factor and sector it declares, and nowhere
else.  As Sphinx's todolist does, the directives leave a placeholder node and
``doctree-resolved`` fills it in: a list is a bullet list, the matrix a
docutils table (header row of factors, a stub column of case studies), with
links from ``make_refnode``, so each builder's own writer makes the links
and their labels.  The matrix's own nodes have a visitor per builder for
what a plain table cannot say: the scrolling region in HTML, the table that
fits the PDF page with rotated factor names, one line per case in text.

```{case-study-list}
:sector: government
:factor: leadership
```

```{success-factor-matrix}
```
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from sphinx.application import Sphinx

from .. import priorities
from .domain import toolkit
from .frontmatter import Problem, suggest
from .pages import (
    add_problem,
    case_studies,
    factor_pages,
    record_generated,
    relpath,
    title,
)
from .schema import SECTORS


class case_study_list(nodes.General, nodes.Element):
    """Placeholder for a list of case studies, filled in at resolve time."""


class success_factor_matrix(nodes.General, nodes.Element):
    """The case study by success factor table.

    Empty until resolved; then it holds a docutils table, and the builders
    write the region around it (HTML), the page-fitting longtable (LaTeX) or
    one line per case study (text).
    """


class matrix_table(nodes.table):
    """The matrix's table: written as a table, but unnumbered in every format.

    Sphinx numbers (and wants an id for) ``nodes.table`` itself, not its
    subclasses; the guide numbers no other table, and the matrix is shown on
    more than one page.
    """


class matrix_factor(nodes.Inline, nodes.TextElement):
    """A factor's column header (a link to its page): rotated in the PDF."""


class matrix_mark(nodes.Inline, nodes.TextElement):
    """A cell's mark, "this case study illustrates this factor": a link in HTML."""


class matrix_tick(nodes.Inline, nodes.Element):
    """A tick that screen readers hear as "Yes"."""


class matrix_no(nodes.Inline, nodes.TextElement):
    """An empty cell, which screen readers hear as "No"."""


MATRIX_CAPTION = "Which success factors each case study illustrates"


class CaseStudyList(SphinxDirective):
    has_content = False
    option_spec: ClassVar[dict] = {
        "sector": directives.unchanged_required,
        "factor": directives.unchanged_required,
    }

    def run(self):
        node = case_study_list(sector=self.options.get("sector"), factor=self.options.get("factor"))
        self.set_source_info(node)
        record_generated(self.env, self.env.docname, "case-study-list", self.lineno, self.options)
        return [node]


class SuccessFactorMatrix(SphinxDirective):
    has_content = False

    def run(self):
        node = success_factor_matrix()
        self.set_source_info(node)
        record_generated(self.env, self.env.docname, "success-factor-matrix", self.lineno, {})
        return [node]


def _check_options(app, env) -> None:
    """Unknown sector or factor in a list's filter: fail, with file and line."""
    known = {"sector": list(SECTORS), "factor": list(factor_pages(env))}
    generated = toolkit(env).generated
    for docname in sorted(generated):
        for use in generated[docname]:
            for option, value in use["options"].items():
                if value not in known[option]:
                    add_problem(
                        env,
                        Problem(
                            relpath(env, docname),
                            use["line"],
                            f"{use['directive']} option '{option}'",
                            value,
                            f"{value!r} is not a {option}; {suggest(value, known[option])}",
                        ),
                    )


# -- Resolving ------------------------------------------------------------------


def _resolve(app, doctree, fromdocname) -> None:
    for node in list(doctree.findall(case_study_list)):
        node.replace_self(_list(app, fromdocname, node["sector"], node["factor"]))
    for node in list(doctree.findall(success_factor_matrix)):
        _matrix(app, node, fromdocname)


def _list(app, fromdocname, sector, factor) -> list:
    env = app.env
    cases = [
        (docname, page)
        for docname, page in case_studies(env)
        if (sector is None or page.get("sector") == sector)
        and (factor is None or factor in page.get("success_factors", ()))
    ]
    if not cases:
        return [_empty_message(app, sector, factor)]
    items = nodes.bullet_list(classes=["case-study-list"])
    for docname, page in cases:
        link = make_refnode(
            app.builder, fromdocname, docname, "", nodes.inline("", title(env, docname))
        )
        about = f" ({page.get('organisation', '')}, {page.get('year', '')}). "
        items += nodes.list_item(
            "", nodes.paragraph("", "", link, nodes.Text(about + page.get("description", "")))
        )
    return [items]


def _empty_message(app, sector, factor):
    scope = " and ".join(
        filter(
            None,
            (f"the {sector} sector" if sector else "", "this success factor" if factor else ""),
        )
    )
    text = f"No case studies yet{' for ' + scope if scope else ''}. Know a good example? "
    paragraph = nodes.paragraph("", text, classes=["case-study-list-empty"])
    url = app.config.guide_contribute_url
    if url:
        paragraph += nodes.reference("", "Contribute one", refuri=url)
    else:
        paragraph += nodes.Text("Contribute one")
    paragraph += nodes.Text(" by following the contributing guide.")
    return paragraph


def _matrix(app, node, fromdocname) -> None:
    """Fill the matrix node with a docutils table of links made by Sphinx.

    The case column is the stub column (row headers), the factors the header
    row; the builders' own writers make the table, the links and their
    labels, and the visitors below add what they cannot (the region around
    it in HTML, the page-fitting table in LaTeX, one line per case in text).
    """
    env = app.env
    factors = factor_pages(env)
    cases = case_studies(env)

    def link(docname, *children):
        return make_refnode(app.builder, fromdocname, docname, "", *children)

    tgroup = nodes.tgroup(cols=len(factors) + 1)
    # The case names head their rows; with no cases, the one cell saying
    # so is not a header.
    tgroup += nodes.colspec(colwidth=3, stub=int(bool(cases)))
    for _factor in factors:
        tgroup += nodes.colspec(colwidth=1)
    head = nodes.row("", nodes.entry("", nodes.paragraph("", "Case study")))
    for docname in factors.values():
        head += nodes.entry(
            "",
            nodes.paragraph(
                "", "", matrix_factor("", "", link(docname, nodes.inline("", title(env, docname))))
            ),
            classes=["factor"],
        )
    tgroup += nodes.thead("", head)
    body = nodes.tbody()
    for docname, page in cases:
        row = nodes.row(
            "",
            nodes.entry(
                "",
                nodes.paragraph(
                    "",
                    "",
                    link(docname, nodes.inline("", title(env, docname))),
                    nodes.inline("", f" ({page.get('year', '')})", classes=["matrix-year"]),
                ),
            ),
        )
        for factor in factors:
            if factor in page.get("success_factors", ()):
                row += nodes.entry(
                    "",
                    nodes.paragraph("", "", matrix_mark("", "", link(docname, matrix_tick()))),
                    classes=["mark"],
                )
            else:
                row += nodes.entry("", nodes.paragraph("", "", matrix_no("", "No")))
        body += row
    if not cases:
        body += nodes.row(
            "", nodes.entry("", nodes.paragraph("", "No case studies yet."), morecols=len(factors))
        )
    tgroup += body
    node["caption"] = MATRIX_CAPTION
    node += matrix_table("", nodes.title("", MATRIX_CAPTION), tgroup, classes=["colwidths-auto"])


# -- Writing the matrix, per builder -------------------------------------------------


def _visit_matrix_html(self, node) -> None:
    # A region that scrolls sideways on a narrow screen, reachable by
    # keyboard (tabindex) and named for screen readers.
    self.body.append(
        self.starttag(
            node,
            "div",
            CLASS="success-factor-matrix",
            role="region",
            tabindex="0",
            **{"aria-label": node["caption"]},
        )
    )


def _depart_matrix_html(self, node) -> None:
    self.body.append("</div>\n")


def _visit_matrix_latex(self, node) -> None:
    """The table, fitting the page: Sphinx's own tables cannot rotate headers.

    The case column wraps, each factor column is a tick wide, factor names
    stand in rotated headers, and a longtable breaks across pages when there
    are many cases.  The cells' content (links, text) is written by Sphinx.
    """
    table = node.next_node(nodes.table)
    tgroup = table.next_node(nodes.tgroup)
    factors = tgroup["cols"] - 1
    columns = "|>{\\raggedright\\arraybackslash}p{0.36\\linewidth}|" + "c|" * factors
    self.body.append(
        "\n".join(
            [
                "",
                r"\begingroup\small",
                rf"\begin{{longtable}}{{{columns}}}",
                # Unnumbered: the guide numbers no other table, and the matrix is
                # shown on more than one page.
                rf"\caption*{{{self.escape(node['caption'])}}}\\ \hline",
                "",
            ]
        )
    )
    for part in tgroup.findall(lambda n: isinstance(n, (nodes.thead, nodes.tbody))):
        for row in part.children:
            for column, entry in enumerate(row.children):
                if column:
                    self.body.append(" & ")
                if entry.get("morecols"):
                    self.body.append(rf"\multicolumn{{{entry['morecols'] + 1}}}{{|l|}}{{")
                elif isinstance(part, nodes.thead) and column == 0:
                    self.body.append(r"\textbf{")
                # Each cell holds one paragraph: its content, without the
                # paragraph break a tick-wide column cannot take.
                for child in entry[0].children:
                    child.walkabout(self)
                if entry.get("morecols") or (isinstance(part, nodes.thead) and column == 0):
                    self.body.append("}")
            self.body.append(r" \\ \hline" + "\n")
        if isinstance(part, nodes.thead):
            self.body.append(r"\endhead" + "\n")
    self.body.append(r"\end{longtable}" + "\n" + r"\endgroup" + "\n")
    raise nodes.SkipNode


def _visit_matrix_text(self, node) -> None:
    """One line per case study, naming its factors: a wide grid reads badly as text."""
    tgroup = node.next_node(nodes.tgroup)
    head = tgroup.next_node(nodes.thead)[0]
    factors = [entry.astext() for entry in head.children[1:]]
    self.new_state(0)
    self.add_text(node["caption"] + ":")
    self.end_state()
    for row in tgroup.next_node(nodes.tbody).children:
        marked = [
            factor
            for factor, entry in zip(factors, row.children[1:], strict=False)
            if entry.next_node(matrix_mark) is not None
        ]
        self.new_state(2)
        self.add_text(
            f"{row[0].astext()}: {', '.join(marked) or 'none'}" if len(row) > 1 else row[0].astext()
        )
        self.end_state(first="* ")
    raise nodes.SkipNode


def _visit_factor_latex(self, node) -> None:
    # Rotated, and not a link: Sphinx would add a page number to it, which
    # does not fit a header a tick wide (the factor pages are chapters).
    self.body.append(
        rf"\rotatebox{{90}}{{\hspace{{0.4em}}{self.escape(node.astext())}\hspace{{0.8em}}}}"
    )
    raise nodes.SkipNode


def _visit_mark_latex(self, node) -> None:
    # A plain tick: the case's row header is the link (with its page number).
    self.body.append(r"$\checkmark$")
    raise nodes.SkipNode


def _visit_tick_html(self, node) -> None:
    # The tick is for the eye; a screen reader hears "Yes" instead.
    self.body.append(
        '<span aria-hidden="true">✓</span><span class="toolkit-visually-hidden">Yes</span>'
    )
    raise nodes.SkipNode


def _visit_no_html(self, node) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="toolkit-visually-hidden"))


def _depart_no_html(self, node) -> None:
    self.body.append("</span>")


def _skip(self, node) -> None:
    raise nodes.SkipNode


def _pass(self, node) -> None:
    pass


def setup(app: Sphinx) -> None:
    """Register the directives and nodes (called by the toolkit's ``setup``)."""
    app.add_config_value("guide_contribute_url", "", "env", str)
    app.add_node(case_study_list)
    app.add_node(
        success_factor_matrix,
        html=(_visit_matrix_html, _depart_matrix_html),
        latex=(_visit_matrix_latex, None),
        text=(_visit_matrix_text, None),
    )
    # The matrix's own visitors write the whole table in text (and skip its
    # children) and walk only the cells' contents in LaTeX, so the parts need
    # visitors for what reaches them.  HTML writes the table with Sphinx's
    # visit_table, which the translators find through the node's base class.
    app.add_node(matrix_table)
    app.add_node(matrix_no, html=(_visit_no_html, _depart_no_html), latex=(_skip, None))
    app.add_node(matrix_factor, html=(_pass, _pass), latex=(_visit_factor_latex, None))
    app.add_node(matrix_mark, html=(_pass, _pass), latex=(_visit_mark_latex, None))
    app.add_node(matrix_tick, html=(_visit_tick_html, None))
    app.add_directive("case-study-list", CaseStudyList)
    app.add_directive("success-factor-matrix", SuccessFactorMatrix)
    app.connect("env-updated", _check_options, priority=priorities.CROSS_CHECKS)
    app.connect("doctree-resolved", _resolve)
