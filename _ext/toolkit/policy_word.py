"""Word templates of the policy, one per kind of organisation, made at build time.

Many readers adapt a policy in Word, so the HTML build writes
``_downloads/social-media-policy-<kind>.docx`` for each kind in
``schema.ORGANISATION_KINDS`` when it finishes, from the same clauses the
page shows (``policy.clauses_for``).  In each: a title, a "based on" note
with the guide's version (``release``) and address (``html_baseurl``), the
clause groups as Heading 1 and the clauses as Heading 2 (real Word heading
styles, so Word's navigation pane and contents work), each clause's
heading bookmarked with its id, placeholders highlighted for editing, its
source as a full APA reference, and the document language English (New
Zealand) in the styles, so Word checks New Zealand spelling.

Two clean builds give identical bytes (tests/site/test_reproducible.py): the
document's dates and its zip entries' times come from SOURCE_DATE_EPOCH,
as conf.py's copyright year does, when it is set.

The ``{policy-templates}`` directive lists the downloads (the web version's
addresses in the PDF).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import json
import os
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ..compat import installed
from ..stamps import code_stamp
from . import policy
from .pages import is_website
from .schema import CLAUSE_CONDITIONS, ORGANISATION_KINDS, OrganisationKind

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Where the templates go in the HTML output, beside the PDF (conf.py).
DOWNLOADS = "_downloads"
LANGUAGE = "en-NZ"
# Paragraph styles of the template's own, so an editor can restyle (or find
# and delete) every source line or note at once.
SOURCE_STYLE = "Clause source"
NOTE_STYLE = "Note to the editor"


def template_name(kind: str) -> str:
    return f"social-media-policy-{kind}.docx"


def template_uri(kind: str) -> str:
    """The template's address relative to the output folder."""
    return f"{DOWNLOADS}/{template_name(kind)}"


def bookmark(clause_id: str) -> str:
    """The clause's bookmark: Word allows letters, digits and underscores only."""
    return "clause_" + clause_id.replace("-", "_")


def _build_time() -> datetime.datetime:
    seconds = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC).replace(tzinfo=None)


# -- Writing one template (python-docx) -------------------------------------------


def _set_language(document) -> None:
    """Make English (New Zealand) the language of every style's text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _bookmark(paragraph, name: str, number: int) -> None:
    """Bookmark the paragraph's text as *name* (Word links to a clause by it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    runs = paragraph.runs
    runs[0].element.addprevious(start)
    runs[-1].element.addnext(end)


def _add_text(paragraph, text: str, highlight) -> None:
    for kind, value in policy.segments(text):
        if kind == "text":
            paragraph.add_run(value)
        else:
            paragraph.add_run(policy.placeholder_text(value)).font.highlight_color = highlight


def _add_styles(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    for name, italic in ((SOURCE_STYLE, False), (NOTE_STYLE, True)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(9)
        style.font.italic = italic


def write_template(
    path: Path,
    kind: OrganisationKind,
    clauses: list[dict[str, Any]],
    sources: dict[str, dict[str, str]],
    guide: dict[str, str],
) -> None:
    """Write the Word template for *kind* from *clauses* (already filtered)."""
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    highlight = WD_COLOR_INDEX.YELLOW
    document = Document()
    _set_language(document)
    _add_styles(document)
    when = _build_time()
    properties = document.core_properties
    properties.title = f"Social media policy: template for {kind.article}"
    properties.author = guide["author"]
    properties.last_modified_by = guide["author"]
    properties.comments = f"Based on {guide['project']}, version {guide['release']}, {guide['url']}"
    properties.language = LANGUAGE
    properties.created = properties.modified = when
    properties.revision = 1

    document.add_paragraph("Social media policy", style="Title")
    subtitle = document.add_paragraph(style="Subtitle")
    _add_text(subtitle, "{organisation}", highlight)
    note = document.add_paragraph(style=NOTE_STYLE)
    note.add_run(
        f"A template for {kind.article}, based on the policy clauses of “{guide['project']}”, "
        f"version {guide['release']}, {guide['url']}. Replace each highlighted placeholder, keep "
        "the clauses that apply to you, and check each legal point against the current law: "
        "this template is not legal advice. Delete this note when you are done."
    )

    group = None
    for number, clause in enumerate(clauses):
        if clause.get("group") and clause["group"] != group:
            group = clause["group"]
            document.add_heading(group, level=1)
        heading = document.add_heading(clause["heading"], level=2)
        _bookmark(heading, bookmark(clause["id"]), number)
        for paragraph in clause["text"]:
            _add_text(document.add_paragraph(), paragraph, highlight)
        level = clause["applies"][kind.id]
        about = document.add_paragraph(style=NOTE_STYLE)
        about.add_run(f"{level.capitalize()} for {kind.plural}.")
        if clause["only_if"]:
            about.add_run(
                " Keep this clause only if the organisation "
                f"{CLAUSE_CONDITIONS[clause['only_if']]}."
            )
        if clause["note"]:
            about.add_run(" Note: ")
            _add_text(about, clause["note"], highlight)
        for key in clause["sources"]:
            document.add_paragraph("Source: " + sources[key]["reference"], style=SOURCE_STYLE)

    buffer = io.BytesIO()
    document.save(buffer)
    _write_reproducibly(buffer.getvalue(), path, when)


def _write_reproducibly(docx: bytes, path: Path, when: datetime.datetime) -> None:
    """Save the .docx with every zip entry dated *when*, not the time of the build."""
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))  # zip dates start in 1980
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(item.filename))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


# -- Sphinx -----------------------------------------------------------------------


def _digest(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


# This module's code is part of each template's digest: a change to how
# templates are written writes them again.
_CODE = code_stamp(__file__)


def _write_templates(app: Sphinx, exception: Exception | None) -> None:
    """Write each kind's template, when what it holds has changed.

    python-docx takes a good fraction of a second per document, which an
    incremental build of one edited page should not pay: the digest of what
    went into each template is kept with the build's cache (doctreedir).
    """
    if exception is not None or not is_website(app) or app.statuscode:
        return
    env = app.env
    if not policy.clauses(env):
        return
    guide = {
        "project": app.config.project,
        "release": app.config.release,
        "author": app.config.author,
        "url": app.config.html_baseurl,
    }
    kept_file = Path(app.doctreedir) / "policy-templates.json"
    try:
        kept = json.loads(kept_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    before = dict(kept)
    # The kinds of organisation share most sources: each is formatted once.
    source = functools.cache(lambda key: policy.source(env, key))
    for kind in ORGANISATION_KINDS:
        chosen = [
            {k: v for k, v in c.items() if k not in ("line", "docname", "anchor")}
            for c in policy.clauses_for(env, kind.id)
        ]
        sources = {key: source(key) for c in chosen for key in c["sources"]}
        path = Path(app.outdir) / DOWNLOADS / template_name(kind.id)
        digest = _digest(
            _CODE,
            kind,
            chosen,
            sources,
            guide,
            os.environ.get("SOURCE_DATE_EPOCH", ""),
            installed("python-docx"),
        )
        if kept.get(path.name) == digest and path.is_file():
            continue
        write_template(path, kind, chosen, sources, guide)
        kept[path.name] = digest
    if kept != before:
        kept_file.parent.mkdir(parents=True, exist_ok=True)
        kept_file.write_text(json.dumps(kept, indent=1, sort_keys=True), encoding="utf-8")


class policy_templates(nodes.General, nodes.Element):
    """Where the list of Word templates goes; filled in when the page is written."""


class PolicyTemplates(SphinxDirective):
    has_content = False

    def run(self):
        node = policy_templates()
        self.set_source_info(node)
        return [node]


def template_links(app: Sphinx, fromdocname: str) -> dict[str, str]:
    """kind -> the template's address from page *fromdocname* (HTML)."""
    base = app.builder.get_target_uri(fromdocname)
    return {kind.id: relative_uri(base, template_uri(kind.id)) for kind in ORGANISATION_KINDS}


def _resolve_templates(app: Sphinx, doctree, fromdocname: str) -> None:
    for node in list(doctree.findall(policy_templates)):
        items = nodes.bullet_list(classes=["policy-templates"])
        if is_website(app):
            links = template_links(app, fromdocname)
        else:  # print and e-book: the website's address
            base = app.config.html_baseurl.rstrip("/")
            links = {kind.id: f"{base}/{template_uri(kind.id)}" for kind in ORGANISATION_KINDS}
        for kind in ORGANISATION_KINDS:
            link = nodes.reference(
                "", f"Word template for {kind.article}", refuri=links[kind.id], internal=False
            )
            items += nodes.list_item("", nodes.paragraph("", "", link, nodes.Text(" (.docx)")))
        node.replace_self(items)


def setup(app: Sphinx) -> None:
    """Register the directive and the templates (called by the toolkit's ``setup``)."""
    app.add_node(policy_templates)
    app.add_directive("policy-templates", PolicyTemplates)
    app.connect("doctree-resolved", _resolve_templates)
    app.connect("build-finished", _write_templates)
