"""Generated indexes of the case studies: lists and the success factor matrix.

Both are computed from the pages' front matter (the toolkit domain, kept by
``toolkit.pages``) once every page is read, so they are always right: a case
study appears on the page of every factor and sector it declares, and nowhere
else.  As Sphinx's todolist does, the directives leave a placeholder node and
``doctree-resolved`` replaces it for the builder at hand.

```{case-study-list}
:sector: government
:factor: leadership
```

```{success-factor-matrix}
```
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode
from sphinx.util.texescape import escape as tex_escape

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import OptionSpec

from .. import priorities
from .domain import toolkit
from .frontmatter import Problem, suggest
from .pages import add_problem, case_studies, factor_pages, record_generated, relpath, title
from .schema import SECTORS


class case_study_list(nodes.General, nodes.Element):
    """Placeholder for a list of case studies, filled in at resolve time."""


class success_factor_matrix(nodes.General, nodes.Element):
    """Placeholder for the case study by success factor table."""


class CaseStudyList(SphinxDirective):
    has_content = False
    option_spec: ClassVar[OptionSpec] = {
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


def _check_options(app: Sphinx, env: BuildEnvironment) -> None:
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


def _resolve(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    for node in list(doctree.findall(case_study_list)):
        node.replace_self(_list(app, fromdocname, node["sector"], node["factor"]))
    for matrix in list(doctree.findall(success_factor_matrix)):
        matrix.replace_self(_matrix(app, fromdocname))


def _list(app: Sphinx, fromdocname: str, sector, factor) -> list:
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


def _empty_message(app: Sphinx, sector, factor):
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


def _matrix(app: Sphinx, fromdocname: str) -> list:
    env = app.env
    factors = factor_pages(env)
    cases = case_studies(env)
    caption = "Which success factors each case study illustrates"
    if app.builder.format == "html":
        return [
            nodes.raw("", _matrix_html(app, fromdocname, factors, cases, caption), format="html")
        ]
    if app.builder.format == "latex":
        return [nodes.raw("", _matrix_latex(env, factors, cases, caption), format="latex")]
    # Other builders (text, man...): one line per case.
    items = nodes.bullet_list()
    for docname, page in cases:
        shown = [title(env, factors[f]) for f in factors if f in page.get("success_factors", ())]
        items += nodes.list_item(
            "", nodes.paragraph("", f"{title(env, docname)}: {', '.join(shown)}")
        )
    return [nodes.rubric("", caption), items]


def _matrix_html(app: Sphinx, fromdocname: str, factors, cases, caption) -> str:
    env = app.env

    def href(docname):
        return escape(app.builder.get_relative_uri(fromdocname, docname))

    head = "".join(
        f'<th scope="col" class="factor"><a href="{href(docname)}">'
        f"{escape(title(env, docname))}</a></th>"
        for docname in factors.values()
    )
    rows = []
    for docname, page in cases:
        cells = []
        for factor in factors:
            if factor in page.get("success_factors", ()):
                cells.append(
                    f'<td class="mark"><a href="{href(docname)}">'
                    '<span aria-hidden="true">✓</span>'
                    '<span class="toolkit-visually-hidden">Yes</span></a></td>'
                )
            else:
                cells.append('<td><span class="toolkit-visually-hidden">No</span></td>')
        rows.append(
            f'<tr><th scope="row"><a href="{href(docname)}">{escape(title(env, docname))}</a>'
            f'<span class="matrix-year"> ({page.get("year", "")})</span></th>'
            f"{''.join(cells)}</tr>"
        )
    if not cases:
        rows.append(f'<tr><td colspan="{len(factors) + 1}">No case studies yet.</td></tr>')
    return (
        '<div class="success-factor-matrix" role="region" tabindex="0" '
        f'aria-label="{escape(caption)}">'
        f"<table><caption>{escape(caption)}</caption>"
        f'<thead><tr><th scope="col">Case study</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _matrix_latex(env: BuildEnvironment, factors, cases, caption) -> str:
    # A table that fits the page: the case column wraps, each factor column
    # is a tick wide, factor names stand in rotated headers, and a longtable
    # breaks across pages when there are many cases.
    def link(docname, text):
        return rf"\hyperref[\detokenize{{{docname}::doc}}]{{\sphinxcrossref{{{text}}}}}"

    columns = "|>{\\raggedright\\arraybackslash}p{0.36\\linewidth}|" + "c|" * len(factors)
    head = " & ".join(
        [r"\textbf{Case study}"]
        + [
            rf"\rotatebox{{90}}{{\hspace{{0.4em}}{link(docname, tex_escape(title(env, docname)))}"
            r"\hspace{0.8em}}"
            for docname in factors.values()
        ]
    )
    rows = []
    for docname, page in cases:
        marks = [
            link(docname, r"$\checkmark$") if factor in page.get("success_factors", ()) else ""
            for factor in factors
        ]
        rows.append(
            " & ".join(
                [
                    link(docname, tex_escape(title(env, docname))) + f" ({page.get('year', '')})",
                    *marks,
                ]
            )
            + r" \\ \hline"
        )
    return "\n".join(
        [
            r"\begingroup\small",
            rf"\begin{{longtable}}{{{columns}}}",
            # Unnumbered: the guide numbers no other table, and the matrix is
            # shown on more than one page.
            rf"\caption*{{{tex_escape(caption)}}}\\ \hline",
            head + r" \\ \hline",
            r"\endhead",
            *rows,
            r"\end{longtable}",
            r"\endgroup",
        ]
    )


def setup(app: Sphinx) -> None:
    """Register the directives and nodes (called by the toolkit's ``setup``)."""
    app.add_config_value("guide_contribute_url", "", "env", str)
    app.add_node(case_study_list)
    app.add_node(success_factor_matrix)
    app.add_directive("case-study-list", CaseStudyList)
    app.add_directive("success-factor-matrix", SuccessFactorMatrix)
    app.connect("env-updated", _check_options, priority=priorities.CROSS_CHECKS)
    app.connect("doctree-resolved", _resolve)
