"""The policy builder: a reader's own draft policy, assembled from the clauses.

On a toolkit page::

    :::{policy-builder}
    :::

HTML: a form (kind of organisation, its name, platforms, whether it takes
public comments or works with children, who handles complaints, the review
date) and an area where ``static/policy-builder.js`` (added to that page
only) shows the draft as the reader types: the clauses that apply, in the
guide's order, placeholders filled in, each with its source.  It prints,
copies, downloads the draft as Markdown or as a Word document (written in the
browser by ``static/policy-docx.js``) and links to the blank Word template for
the chosen kind (``policy_word``).  The clause data travel in the page as JSON in a
``<script type="application/json">`` element: no network, no inline script.
Answers stay in the browser (localStorage), as the self-assessment's do.
Without JavaScript the page says where the clauses and templates are.

LaTeX and other builders: a paragraph pointing to the clauses in the guide.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from . import policy, policy_word
from .domain import toolkit
from .pages import data_island, is_website, record_generated, section_depths, title
from .schema import (
    CHANNEL_LABELS,
    CLAUSE_CONDITIONS,
    ORGANISATION_KINDS,
    POLICY_PLACEHOLDERS,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# The key under which the browser keeps the answers (localStorage).
STORAGE_KEY = "aotearoa-social-media-guide:policy-builder"


class policy_builder(nodes.General, nodes.Element):
    """Placeholder for the builder, filled in at resolve time."""


class PolicyBuilder(SphinxDirective):
    has_content = False

    def run(self):
        node = policy_builder()
        self.set_source_info(node)
        # Written again whenever a clause anywhere changes (pages.index_data).
        record_generated(self.env, self.env.docname, "policy-builder", self.lineno, {})
        return [node]


def builder_data(app: Sphinx, fromdocname: str) -> dict[str, Any]:
    """What the script needs: the clauses, the choices and the guide's details."""
    env = app.env
    chosen = policy.clauses(env)
    keys = sorted({key for clause in chosen for key in clause["sources"]})
    return {
        "guide": {
            "project": app.config.project,
            "release": app.config.release,
            "url": app.config.html_baseurl,
            "language": policy_word.LANGUAGE,
        },
        "kinds": [
            {"id": k.id, "label": k.label, "plural": k.plural, "article": k.article}
            for k in ORGANISATION_KINDS
        ],
        "placeholders": POLICY_PLACEHOLDERS,
        "platforms": CHANNEL_LABELS,
        "sources": {key: policy.source(env, key) for key in keys},
        "templates": policy_word.template_links(app, fromdocname),
        "clauses": [
            {
                name: clause[name]
                for name in (
                    "id",
                    "heading",
                    "group",
                    "text",
                    "applies",
                    "sources",
                    "only_if",
                    "note",
                )
            }
            for clause in chosen
        ],
    }


def _checkboxes(name: str, choices: dict[str, str]) -> str:
    return "".join(
        f'<label><input type="checkbox" name="{name}" value="{escape(value)}"> '
        f"{escape(label)}</label>"
        for value, label in choices.items()
    )


def _html(app: Sphinx, fromdocname: str, level: int, first: tuple[str, str] | None) -> str:
    data = builder_data(app, fromdocname)
    kinds = "".join(
        f'<label><input type="radio" name="pb-kind" value="{escape(kind["id"])}"> '
        f"{escape(kind['label'])}</label>"
        for kind in data["kinds"]
    )
    conditions = {value: "The organisation " + text for value, text in CLAUSE_CONDITIONS.items()}
    where = ""
    if first:
        href = escape(app.builder.get_relative_uri(fromdocname, first[0]) + "#" + first[1])
        where = (
            f' Read every clause in <a href="{href}">{escape(title(app.env, first[0]))}</a>'
            ", and download a Word template from the list on this page."
        )
    heading = f"h{min(level, 6)}"
    return "\n".join(
        [
            f'<div class="policy-builder" data-storage-key="{STORAGE_KEY}" '
            f'data-heading-level="{min(level + 1, 6)}">',
            f'<p class="pb-no-script">The policy builder needs JavaScript, which is off or '
            f"not supported in this browser.{where}</p>",
            '<form class="pb-form" data-needs-script hidden>',
            '<fieldset class="pb-group"><legend>What kind of organisation is it?</legend>'
            f'<div class="pb-choices">{kinds}</div></fieldset>',
            '<div class="pb-field"><label for="pb-organisation">Name of the organisation</label>'
            '<input type="text" id="pb-organisation" name="organisation" autocomplete="organization">'
            "</div>",
            '<fieldset class="pb-group"><legend>Which platforms does it have official accounts on?'
            f'</legend><div class="pb-choices">{_checkboxes("pb-platform", data["platforms"])}</div>'
            "</fieldset>",
            '<fieldset class="pb-group"><legend>What does the organisation do? Tick all that apply.'
            f'</legend><div class="pb-choices pb-stacked">{_checkboxes("pb-condition", conditions)}'
            "</div></fieldset>",
            '<div class="pb-field"><label for="pb-complaints">Who handles complaints</label>'
            '<p class="pb-hint" id="pb-complaints-hint">A role or team and how to reach it, for '
            "example: the service manager, at the organisation's main email address.</p>"
            '<input type="text" id="pb-complaints" name="complaints" '
            'aria-describedby="pb-complaints-hint"></div>',
            '<div class="pb-field"><label for="pb-review">When the policy will next be reviewed</label>'
            '<input type="date" id="pb-review" name="review"></div>',
            '<p class="pb-privacy">Your answers stay in this browser only. '
            '<button type="button" class="pb-clear">Clear answers</button></p>',
            "</form>",
            '<section class="pb-result" aria-labelledby="pb-result-title" data-needs-script hidden>',
            f'<{heading} id="pb-result-title">Your draft policy</{heading}>',
            '<p class="pb-status" role="status"></p>',
            '<div class="pb-actions">'
            '<button type="button" class="pb-print">Print the draft</button>'
            '<button type="button" class="pb-copy">Copy the draft</button>'
            '<button type="button" class="pb-docx">Download as Word</button>'
            '<button type="button" class="pb-markdown">Download as Markdown</button>'
            '<a class="pb-word" hidden href="#">Word template (blank)</a></div>',
            '<div class="pb-draft"></div>',
            "</section>",
            f'<script type="application/json" class="pb-data">{data_island(data)}</script>',
            "</div>",
        ]
    )


def _first_clause(env) -> tuple[str, str] | None:
    """(page, anchor) of the first clause's group: where a reader starts reading."""
    found = policy.clauses(env)
    return (found[0]["docname"], found[0]["anchor"]) if found else None


def _resolve_builder(app: Sphinx, doctree, fromdocname: str) -> None:
    found = list(doctree.findall(policy_builder))
    depths = section_depths(doctree, lambda n: isinstance(n, policy_builder)) if found else {}
    for node in found:
        first = _first_clause(app.env)
        # The form needs its script: the website only, not the EPUB (an HTML
        # builder whose pages carry no scripts), which gets the print text.
        if is_website(app):
            level = policy.level_below(depths[id(node)])
            node.replace_self(nodes.raw("", _html(app, fromdocname, level, first), format="html"))
            continue
        # Print and e-book: the clauses are in the guide, the templates on its site.
        paragraph = nodes.paragraph(
            "",
            "The policy builder works in the web version of "
            "the guide. Every clause it draws on is in ",
        )
        if first:
            paragraph += make_refnode(
                app.builder,
                fromdocname,
                first[0],
                first[1],
                nodes.inline("", title(app.env, first[0])),
            )
        else:
            paragraph += nodes.Text("the guide")
        paragraph += nodes.Text(".")
        node.replace_self(paragraph)


def _add_assets(app, pagename, templatename, context, doctree) -> None:
    # The script and its styles load on the builder's page only.
    if toolkit(app.env).shows(pagename, "policy-builder"):
        app.add_css_file("policy-builder.css")
        # Deferred scripts run in order: the Word writer is there first.
        app.add_js_file("policy-docx.js", defer="defer")
        app.add_js_file("policy-builder.js", defer="defer")


def setup(app: Sphinx) -> None:
    """Register the directive (called by the toolkit's ``setup``)."""
    app.add_node(policy_builder)
    app.add_directive("policy-builder", PolicyBuilder)
    app.connect("doctree-resolved", _resolve_builder)
    app.connect("html-page-context", _add_assets)
