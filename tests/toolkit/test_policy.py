"""Policy clauses: the reading version, the checks, the builder's data, the
Word templates and the builder working in a browser."""

import json

import pytest
from bs4 import BeautifulSoup
from build_failure import failed_build
from conftest import require_chromium, require_node_module
from toolkit_build import chromium, copy_root, edit, serve

from _ext.toolkit import policy, policy_word
from _ext.toolkit.schema import ORGANISATION_KINDS, ORGANISATION_KINDS_BY_ID

POLICY = "guidance/policy.md"
BUILDER = "guidance/builder.md"
# The line of each clause's directive in the test root's policy page.
# The builder's files, loaded on its page only.
ASSETS = ("policy-builder.js", "policy-docx.js", "policy-builder.css")
LINE = {"who-may-post": 15, "transparency-statement": 27, "records": 37, "moderation": 46}


def soup(outdir, page):
    return BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")


def builder_data(outdir):
    script = soup(outdir, "guidance/builder.html").select_one(".policy-builder script.pb-data")
    assert script["type"] == "application/json"
    return json.loads(script.string)


# -- The reading version --------------------------------------------------------


@pytest.mark.sphinx("html", testroot="policy")
def test_page_shows_each_clause_with_who_it_is_for_and_its_sources(app):
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    page = soup(app.outdir, "guidance/policy.html")
    clause = page.select_one("div.policy-clause#clause-who-may-post")
    # A real heading one level below its group's (### People and accounts).
    assert clause.select_one("h4.rubric").get_text() == "Who may post"
    text = clause.find("p")
    assert text.get_text() == (
        "Only staff whom [name of the organisation] has authorised may post on [official accounts]."
    )
    assert [s.get_text() for s in text.select("span.policy-placeholder")] == [
        "[name of the organisation]",
        "[official accounts]",
    ]
    applies = clause.select_one("p.policy-clause-applies")
    assert applies.get_text().startswith(
        "Required for public service agencies. Recommended for councils, charities and "
        "businesses. Source: (Te Kawa Mataaho Public Service Commission, n.d.)"
    )
    # The citation is the guide's APA citation, linked to the page's references.
    assert applies.select_one("a")["href"] == "#ref-pscndsocialmedia"
    assert page.select_one("#ref-pscndsocialmedia")
    assert clause.select_one("p.policy-clause-note").get_text() == (
        "Note for whoever adapts the policy: Name roles, not people."
    )
    moderation = page.select_one("#clause-moderation .policy-clause-applies").get_text()
    assert (
        "Only if the organisation lets the public comment on or message its accounts." in moderation
    )
    # Each id once on the page.
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))


@pytest.mark.sphinx("singlehtml", testroot="policy")
def test_clause_headings_sit_below_their_section_in_a_document_of_every_page(app):
    """In one document of every page, each page's sections are nested in the
    page listing it (Sphinx pastes them without new parents): a clause's
    heading still comes one level below its own section's."""
    app.build()
    page = soup(app.outdir, "index.html")
    section = page.find(id="people-and-accounts").find(["h1", "h2", "h3", "h4", "h5", "h6"])
    heading = page.select_one("#clause-who-may-post .policy-clause-heading")
    assert (section.name, heading.name) == ("h4", "h5")


@pytest.mark.sphinx("html", testroot="policy")
def test_clauses_keep_their_group_and_order(app):
    app.build()
    found = [(c["id"], c["group"]) for c in policy.clauses(app.env)]
    assert found == [
        ("who-may-post", "People and accounts"),
        ("transparency-statement", "People and accounts"),
        ("records", "Law and information"),
        ("moderation", "Law and information"),
    ]
    assert [c["id"] for c in policy.clauses_for(app.env, "charity")] == [
        "who-may-post",
        "records",
        "moderation",
    ]


# -- Checks ---------------------------------------------------------------------

# A valid clause; each check breaks one line of it.
VALID = {
    "id": ":id: {id}",
    "heading": ":heading: A heading",
    "kinds": ":recommended-for: business",
    "sources": ":sources: privacyact2020",
    "only-if": "",
    "note": "",
    "text": "{{organisation}} does this.",
}
CHECKS = [
    # (the broken line, what it says instead, the message)
    (
        "kinds",
        ":recommended-for: council, charty",
        "policy-clause option 'recommended-for': 'charty' is not a kind of organisation "
        "(did you mean 'charity'?); use one of public-service, council, charity, business",
    ),
    (
        "kinds",
        ":required-for: council\n:recommended-for: council",
        "policy-clause option 'recommended-for': 'council' is already listed as required",
    ),
    (
        "kinds",
        "",
        "policy-clause options 'required-for' and 'recommended-for': the clause "
        "applies to no kind of organisation",
    ),
    ("sources", "", "policy-clause option 'sources': is missing: name the law or guidance"),
    (
        "sources",
        ":sources: privacyact2021",
        "policy-clause option 'sources': 'privacyact2021' is not a key in references.bib",
    ),
    (
        "text",
        "{{organization}} does this.",
        "policy-clause text: '{organization}' is not a placeholder (did you mean 'organisation'?); "
        "use one of {organisation}, {accounts}, {complaints_contact}, {review_date}",
    ),
    ("text", "It does {{this.", "policy-clause text: 'It does {this.' has a '{' or '}' that opens"),
    ("text", "", "policy-clause text: 'broken-{n}' has no text"),
    (
        "note",
        ":note: Name {{roles}}.",
        "policy-clause option 'note': '{roles}' is not a placeholder",
    ),
    (
        "only-if",
        ":only-if: takes-comment",
        "policy-clause option 'only-if': 'takes-comment' is "
        "not a condition (did you mean 'takes-comments'?)",
    ),
    (
        "id",
        ":id: Broken-{n}",
        "policy-clause option 'id': 'Broken-{n}' must be lower-case words joined by hyphens",
    ),
    ("id", "", "policy-clause option 'id': is missing"),
    ("heading", "", "policy-clause option 'heading': is missing"),
]


def test_each_bad_clause_fails_naming_file_line_and_field(make_app, tmp_path):
    src = copy_root("policy", tmp_path)
    lines = [
        "---",
        "page_type: guidance",
        "owner: Test editors",
        "last_reviewed: 2026-11-25",
        "description: Broken clauses.",
        "---",
        "",
        "# Broken",
        "",
    ]
    expected = []
    for n, (field, broken, message) in enumerate(CHECKS):
        expected.append(
            f"guidance/broken.md:{len(lines) + 1}: ERROR: {message.replace('{n}', str(n))}"
        )
        clause = dict(VALID, **{field: broken})
        block = (
            [":::{policy-clause}"]
            + [line.format(id=f"broken-{n}", n=n) for line in clause.values() if line]
            + [":::", ""]
        )
        lines += "\n".join(block).split("\n")
    (src / "guidance/broken.md").write_text("\n".join(lines), encoding="utf-8")
    edit(src / "index.md", "guidance/builder\n", "guidance/builder\nguidance/broken\n")
    warnings = failed_build(make_app("html", srcdir=src), problems=len(CHECKS))
    for line in expected:
        assert line in warnings


def test_a_clause_id_used_twice_fails_naming_both_files(make_app, tmp_path):
    src = copy_root("policy", tmp_path)
    edit(
        src / BUILDER,
        "## Word templates\n",
        "## Word templates\n\n:::{policy-clause}\n"
        ":id: records\n:heading: Records again\n:recommended-for: business\n"
        ":sources: privacyact2020\n{organisation} keeps records.\n:::\n",
    )
    warnings = failed_build(make_app("html", srcdir=src), problems=1)
    assert (
        f"{BUILDER}:17: ERROR: policy-clause option 'id': 'records' is already used by a "
        f"clause in {POLICY}:{LINE['records']}; give this one its own id"
    ) in warnings


# -- The builder's page ------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="policy")
def test_builder_embeds_the_clauses_and_loads_its_script_on_its_page_only(app):
    app.build()
    data = builder_data(app.outdir)
    assert [c["id"] for c in data["clauses"]] == list(LINE)
    records = data["clauses"][2]
    assert records["applies"] == {
        "public-service": "required",
        "council": "required",
        "charity": "recommended",
    }
    assert records["text"] == [
        "{organisation} keeps records of what it posts and receives. "
        "Questions go to {complaints_contact}."
    ]
    assert data["sources"]["privacyact2020"]["citation"] == "Privacy Act 2020"
    assert data["templates"]["charity"] == "../_downloads/social-media-policy-charity.docx"
    assert data["guide"] == {
        "project": "Policy test guide",
        "release": "2026.11",
        "url": "https://example.org/guide/",
        "language": "en-NZ",
    }

    def assets(page):
        html = (app.outdir / page).read_text(encoding="utf-8")
        return tuple(name in html for name in ASSETS)

    assert assets("guidance/builder.html") == (True, True, True)
    assert assets("guidance/policy.html") == (False, False, False)
    page = soup(app.outdir, "guidance/builder.html")
    # The Word writer runs before the builder that calls it.
    scripts = [s["src"].split("?")[0] for s in page.select("script[src]")]
    assert scripts.index("../_static/policy-docx.js") < scripts.index(
        "../_static/policy-builder.js"
    )
    # The builder brings no script of its own into the page, only its data.
    assert [s["type"] for s in page.select(".policy-builder script")] == ["application/json"]
    # Without JavaScript the page points to the clauses; the templates are listed.
    assert page.select_one(".pb-no-script a")["href"] == "policy.html#people-and-accounts"
    assert [a["href"] for a in page.select("ul.policy-templates a")] == [
        f"../_downloads/social-media-policy-{kind.id}.docx" for kind in ORGANISATION_KINDS
    ]


def test_clause_text_cannot_end_the_data_script(make_app, tmp_path):
    src = copy_root("policy", tmp_path)
    edit(
        src / POLICY,
        "keeps records of what",
        "keeps </script><script>alert(1)</script> records of what",
    )
    app = make_app("html", srcdir=src)
    app.build()
    html = (app.outdir / "guidance/builder.html").read_text(encoding="utf-8")
    assert "</script><script>alert(1)" not in html
    assert (
        "keeps </script><script>alert(1)</script> records"
        in builder_data(app.outdir)["clauses"][2]["text"][0]
    )


def test_a_clause_edit_rewrites_the_builder_page_and_its_kinds_templates_only(make_app, tmp_path):
    import docx

    src = copy_root("policy", tmp_path)
    outdir = make_app("html", srcdir=src).outdir
    make_app("html", srcdir=src).build()
    templates = {
        kind.id: outdir / "_downloads" / policy_word.template_name(kind.id)
        for kind in ORGANISATION_KINDS
    }
    written = {kind: path.stat().st_mtime_ns for kind, path in templates.items()}
    edit(src / POLICY, ":heading: Records", ":heading: Keeping records")
    app = make_app("html", srcdir=src, freshenv=False)  # an incremental build
    app.build()
    assert builder_data(app.outdir)["clauses"][2]["heading"] == "Keeping records"
    # Records is not for businesses: their template is not written again.
    assert templates["business"].stat().st_mtime_ns == written["business"]
    charity = docx.Document(str(templates["charity"]))
    assert "Keeping records" in [p.text for p in charity.paragraphs if p.style.name == "Heading 2"]


@pytest.mark.sphinx("latex", testroot="policy")
def test_pdf_has_the_clauses_and_points_to_them_from_the_builder(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert (
        "Only staff whom \\DUrole{policy-placeholder}{{[}name of the organisation{]}} "
        "has authorised"
    ) in tex
    assert "The policy builder works in the web version of the guide." in tex
    assert (
        "https://example.org/guide/\\_downloads/social-media-policy-charity.docx" in tex
        or "https://example.org/guide/_downloads/social-media-policy-charity.docx" in tex
    )


# -- The Word templates -------------------------------------------------------------


def _docx_clauses(document):
    """(bookmark, heading, [text], [highlighted]) of each Heading 2, in order."""
    from docx.oxml.ns import qn

    clauses, current = [], None
    for paragraph in document.paragraphs:
        style = paragraph.style.name
        if style == "Heading 2":
            marks = [
                b.get(qn("w:name"))
                for b in paragraph.runs[0].element.itersiblings(
                    qn("w:bookmarkStart"), preceding=True
                )
            ]
            current = {
                "bookmark": marks[0] if marks else None,
                "heading": paragraph.text,
                "text": [],
                "highlighted": [],
            }
            clauses.append(current)
        elif current is not None and style == "Normal":
            current["text"].append(paragraph.text)
            current["highlighted"] += [
                run.text for run in paragraph.runs if run.font.highlight_color is not None
            ]
    return clauses


@pytest.mark.sphinx("html", testroot="policy")
def test_word_templates_hold_each_kinds_clauses(app):
    import docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml.ns import qn

    app.build()
    for kind in ORGANISATION_KINDS:
        path = app.outdir / "_downloads" / policy_word.template_name(kind.id)
        document = docx.Document(str(path))
        expected = policy.clauses_for(app.env, kind.id)
        found = _docx_clauses(document)
        assert [c["bookmark"] for c in found] == [policy_word.bookmark(c["id"]) for c in expected]
        assert [c["heading"] for c in found] == [c["heading"] for c in expected]
        for clause, source in zip(found, expected, strict=False):
            filled = [
                "".join(
                    value if part == "text" else policy.placeholder_text(value)
                    for part, value in policy.segments(text)
                )
                for text in source["text"]
            ]
            assert clause["text"] == filled
            assert clause["highlighted"] == [
                policy.placeholder_text(value)
                for text in source["text"]
                for part, value in policy.segments(text)
                if part == "placeholder"
            ]
        # Groups are Heading 1, and the language is English (New Zealand).
        assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == list(
            dict.fromkeys(c["group"] for c in expected)
        )
        lang = document.styles.element.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
        )
        assert lang.get(qn("w:val")) == "en-NZ"
        assert document.paragraphs[0].style.name == "Title"
        assert document.paragraphs[1].runs[0].font.highlight_color == WD_COLOR_INDEX.YELLOW
        note = document.paragraphs[2].text
        assert f"A template for {kind.article}" in note
        assert "version 2026.11, https://example.org/guide/" in note
        assert document.core_properties.language == "en-NZ"
    # The transparency statement is for the public service only.
    public = _docx_clauses(
        docx.Document(str(app.outdir / "_downloads/social-media-policy-public-service.docx"))
    )
    assert "Transparency statement" in [c["heading"] for c in public]
    business = _docx_clauses(
        docx.Document(str(app.outdir / "_downloads/social-media-policy-business.docx"))
    )
    assert [c["heading"] for c in business] == ["Who may post", "Moderation"]


def test_word_template_bytes_do_not_depend_on_when_it_is_built(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    clause = {
        "id": "x",
        "heading": "X",
        "group": "G",
        "text": ["{organisation} does x."],
        "applies": {"council": "required"},
        "sources": [],
        "only_if": None,
        "note": None,
    }
    guide = {"project": "P", "release": "1", "author": "A", "url": "https://example.org/"}
    council = ORGANISATION_KINDS_BY_ID["council"]
    first, second = tmp_path / "1.docx", tmp_path / "2.docx"
    policy_word.write_template(first, council, [clause], {}, guide)
    policy_word.write_template(second, council, [clause], {}, guide)
    assert first.read_bytes() == second.read_bytes()


# -- In a browser -------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="policy")
def test_builder_drafts_a_policy_by_kind_keeps_answers_and_works_without_script(app, tmp_path):
    executable = require_chromium()
    axe_source = require_node_module("axe-core/axe.min.js").read_text(encoding="utf-8")
    app.build()
    with serve(app.outdir) as base, chromium(executable) as page:
        page.goto(f"{base}/guidance/builder.html")
        assert not page.locator(".pb-no-script").is_visible()
        draft = page.locator(".pb-draft")
        clauses = lambda: draft.locator(".pb-clause").evaluate_all(  # noqa: E731
            "blocks => blocks.map(b => b.dataset.clause)"
        )

        page.get_by_label("Charity or non-profit organisation").check()
        page.get_by_label("Name of the organisation").fill("Te Puna Trust")
        assert clauses() == ["who-may-post", "records"]
        page.get_by_label(
            "The organisation lets the public comment on or message its accounts"
        ).check()
        assert clauses() == ["who-may-post", "records", "moderation"]
        assert page.locator(".pb-status").inner_text() == (
            "The draft has 3 clauses for a charity or non-profit organisation."
        )
        page.get_by_label("Facebook").check()
        page.get_by_label("YouTube").check()
        page.get_by_label("Who handles complaints").fill("the service manager")
        page.get_by_label("When the policy will next be reviewed").fill("2027-03-31")
        assert (
            "Only staff whom Te Puna Trust has authorised may post on Facebook and YouTube."
            in draft.inner_text()
        )
        assert "next reviewed on 31 March 2027" in draft.inner_text()
        assert "Questions go to the service manager." in draft.inner_text()
        assert "Source: Privacy Act 2020 (2020 No 31)." in draft.inner_text()
        word = page.locator(".pb-word")
        assert word.get_attribute("href") == "../_downloads/social-media-policy-charity.docx"
        assert word.inner_text() == (
            "Word template for a charity or non-profit organisation (blank)"
        )

        # Accessible with a draft showing, too (tests/site/test_site_in_browser.py
        # checks the whole page, with the form empty).
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            "() => axe.run('.policy-builder', {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', "
            "'best-practice']}, resultTypes: ['violations']})"
        )
        assert [(v["id"], [n["html"][:80] for n in v["nodes"]]) for v in result["violations"]] == []

        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download as Markdown").click()
        download = download_info.value
        assert download.suggested_filename == "social-media-policy-te-puna-trust.md"
        markdown = tmp_path / "draft.md"
        download.save_as(markdown)
        text = markdown.read_text(encoding="utf-8")
        assert text.startswith("# Social media policy of Te Puna Trust\n")
        assert "## Law and information\n\n### Records\n" in text
        assert "### Transparency statement" not in text
        headings = draft.locator("h1, h2, h3, h4, h5, h6").evaluate_all(
            "hs => hs.map(h => [Number(h.tagName[1]), h.textContent])"
        )

        # The same draft as a Word document, written in the browser: with
        # characters XML must escape in the name, and the platforms not
        # ticked, so that their placeholder is highlighted.
        page.get_by_label("Name of the organisation").fill("Te Puna & <Trust>")
        page.get_by_label("Facebook").uncheck()
        page.get_by_label("YouTube").uncheck()
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download as Word").click()
        download = download_info.value
        assert download.suggested_filename == "social-media-policy-te-puna-trust.docx"
        assert page.locator(".pb-status").inner_text() == (
            "Downloaded social-media-policy-te-puna-trust.docx."
        )
        word_file = tmp_path / "draft.docx"
        download.save_as(word_file)
        _check_word_draft(word_file.read_bytes(), headings)
        page.get_by_label("Name of the organisation").fill("Te Puna Trust")
        page.get_by_label("Facebook").check()
        page.get_by_label("YouTube").check()

        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        page.get_by_role("button", name="Copy the draft").click()
        page.wait_for_function(
            "() => document.querySelector('.pb-status').textContent"
            ".startsWith('The draft is copied')"
        )
        assert page.evaluate("() => navigator.clipboard.readText()") == text

        # A public service agency gets the transparency statement.
        page.get_by_label("Public service agency").check()
        assert clauses() == ["who-may-post", "transparency-statement", "records", "moderation"]
        assert word.get_attribute("href") == "../_downloads/social-media-policy-public-service.docx"

        page.reload()
        assert page.get_by_label("Public service agency").is_checked()
        assert page.get_by_label("Name of the organisation").input_value() == "Te Puna Trust"
        assert page.get_by_label("YouTube").is_checked()
        assert (
            page.get_by_label("When the policy will next be reviewed").input_value() == "2027-03-31"
        )
        assert clauses() == ["who-may-post", "transparency-statement", "records", "moderation"]

        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Clear answers").click()
        assert clauses() == []
        page.reload()
        assert page.get_by_label("Name of the organisation").input_value() == ""

        # Without JavaScript the page points to the clauses and the templates.
        context = page.context.browser.new_context(java_script_enabled=False)
        plain = context.new_page()
        plain.goto(f"{base}/guidance/builder.html")
        assert plain.locator(".pb-no-script").is_visible()
        assert not plain.get_by_label("Name of the organisation").is_visible()
        assert plain.get_by_role("link", name="Word template for a council").is_visible()
        context.close()


def _check_word_draft(data, headings):
    """The reader's draft as Word wrote it: a valid package python-docx opens."""
    import io
    import zipfile

    import docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml.ns import qn

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None  # every part's CRC-32 is right
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= set(
            package.namelist()
        )
    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "Social media policy of Te Puna & <Trust>"
    assert paragraphs[1].text == (
        "Based on the policy clauses of “Policy test guide”, version 2026.11, "
        "https://example.org/guide/"
    )
    # Groups are Heading 1 and clauses Heading 2: the screen's two levels.
    top = min(number for number, _ in headings)
    assert [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")] == [
        (f"Heading {number - top + 1}", text) for number, text in headings
    ]
    assert {number - top for number, _ in headings} == {0, 1}
    assert "Transparency statement" not in [p.text for p in paragraphs]
    text = [p.text for p in paragraphs]
    assert (
        "Only staff whom Te Puna & <Trust> has authorised may post on [official accounts]." in text
    )
    assert "Questions go to the service manager." in " ".join(text)
    assert any(t.startswith("Source: Privacy Act 2020 (2020 No 31).") for t in text)
    highlighted = [
        run.text
        for p in paragraphs
        for run in p.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert highlighted == ["[official accounts]"]
    lang = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    assert lang.get(qn("w:val")) == "en-NZ"
    assert document.core_properties.language == "en-NZ"
    assert document.core_properties.title == "Social media policy of Te Puna & <Trust>"


def test_contributing_names_every_kind_condition_and_placeholder():
    from conftest import REPO

    from _ext.toolkit.schema import CLAUSE_CONDITIONS, POLICY_PLACEHOLDERS

    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Change a clause of the policy template")[1].split("\n## ")[0]
    for name in [k.id for k in ORGANISATION_KINDS] + list(CLAUSE_CONDITIONS):
        assert f"`{name}`" in section, name
    for name in POLICY_PLACEHOLDERS:
        assert f"`{{{name}}}`" in section, name
