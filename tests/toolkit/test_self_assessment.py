"""Self-check questions and the self-assessment: factor pages, HTML form,
PDF worksheet, id checks, and the form working in a browser."""

import pytest
from bs4 import BeautifulSoup
from build_failure import failed_build
from conftest import require_chromium
from toolkit_build import chromium, copy_root, edit, serve

FACTOR = "guidance/success-factors/leadership.md"


def soup(app, page):
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="toolkit")
def test_factor_page_lists_its_questions_and_links_to_the_assessment(app):
    app.build()
    page = soup(app, "guidance/success-factors/leadership.html")
    block = page.select_one(".self-check-list")
    assert block.find("h2").get_text() == "Questions to ask yourself"
    assert [li.get_text(strip=True) for li in block.select("li")] == [
        "Does a named senior leader champion your social media work?",
        "Do leaders give staff time to take part?",
    ]
    assert block.find("input") is None  # a plain list here, not a form
    link = block.select_one("a.reference")
    assert link["href"] == "../self-assessment.html#sa-leadership"
    # Each id once on the page.
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))


@pytest.mark.sphinx("html", testroot="toolkit")
def test_assessment_groups_questions_by_factor_as_accessible_radios(app):
    app.build()
    page = soup(app, "guidance/self-assessment.html")
    groups = page.select(".self-assessment section.sa-factor")
    # Factors in table of contents order, each title linking to its page.
    assert [g.h2.get_text() for g in groups] == ["Strategy", "Leadership", "Measurement"]
    assert groups[1].h2.a["href"] == "success-factors/leadership.html"
    question = groups[1].select_one("fieldset#leadership-champion")
    assert (
        question.legend.get_text() == "Does a named senior leader champion your social media work?"
    )
    labels = question.find_all("label")
    assert [label.get_text(strip=True) for label in labels] == [
        "Yes",
        "Partly",
        "No",
        "Not applicable",
    ]
    for label in labels:  # each radio inside its label: labelled, keyboard reachable
        radio = label.find("input")
        assert radio["type"] == "radio" and radio["name"] == "sa-leadership-champion"
    assert groups[1].select_one(".sa-progress")["aria-live"] == "polite"


@pytest.mark.sphinx("html", testroot="toolkit")
def test_script_and_styles_load_on_the_assessment_page_only(app):
    app.build()

    def assets(page):
        html = (app.outdir / page).read_text(encoding="utf-8")
        return "self-assessment.js" in html, "self-assessment.css" in html

    assert assets("guidance/self-assessment.html") == (True, True)
    assert assets("guidance/success-factors/leadership.html") == (False, False)
    assert (app.outdir / "_static/self-assessment.js").is_file()


@pytest.mark.sphinx("latex", testroot="toolkit")
def test_pdf_worksheet_has_boxes_to_tick(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    line = r"$\square$\,yes\quad $\square$\,partly\quad $\square$\,no\quad $\square$\,n/a"
    assert tex.count(line) == 4  # one per question
    assert r"\item Do leaders give staff time to take part?" in tex
    assert r"\hyperref[\detokenize{guidance/success-factors/leadership::doc}]" in tex
    # The factor pages keep their plain list of questions in the PDF.
    assert tex.count(r"\subsubsection*{Questions to ask yourself}") == 3


def build_fails(make_app, src):
    return failed_build(make_app("html", srcdir=src), problems=1)


def test_duplicate_question_ids_fail_naming_both_files(make_app, tmp_path):
    src = copy_root("toolkit", tmp_path)
    edit(
        src / "guidance/success-factors/strategy.md", ":id: strategy-written", ":id: strategy-time"
    )
    edit(src / FACTOR, ":id: leadership-time", ":id: leadership-champion")
    message = build_fails(make_app, src)
    assert (
        f"{FACTOR}:18: ERROR: self-check option 'id': 'leadership-champion' is already used "
        f"by a question in {FACTOR}:13"
    ) in message


def test_question_id_must_start_with_the_factor(make_app, tmp_path):
    src = copy_root("toolkit", tmp_path)
    edit(src / FACTOR, ":id: leadership-time", ":id: time")
    message = build_fails(make_app, src)
    assert (
        f"{FACTOR}:18: ERROR: self-check option 'id': 'time' must start with the page's factor id"
        in message
    )


def test_questions_belong_on_factor_pages(make_app, tmp_path):
    src = copy_root("toolkit", tmp_path)
    edit(
        src / "guidance/government-sector.md",
        "# Government\n",
        "# Government\n\n:::{self-check}\n:id: government-x\nA question?\n:::\n",
    )
    message = build_fails(make_app, src)
    assert "guidance/government-sector.md:11: ERROR: self-check: 'government-x'" in message
    assert "success factor page" in message


@pytest.mark.sphinx("html", testroot="toolkit")
def test_answers_and_progress_survive_a_reload(app):
    executable = require_chromium()
    app.build()
    with serve(app.outdir) as base, chromium(executable) as page:
        page.goto(f"{base}/guidance/self-assessment.html")
        overall = page.locator(".sa-overall-progress")
        assert overall.inner_text() == "0 of 4 answered"
        # Keyboard: focus the first radio of a question, arrow to the next.
        page.locator("#leadership-champion input[value=yes]").focus()
        page.keyboard.press("Space")
        page.keyboard.press("ArrowRight")  # radios in a group: arrow moves and selects
        page.get_by_role("group", name="Is your social media strategy written down?").get_by_label(
            "Not applicable"
        ).check()
        assert overall.inner_text() == "2 of 4 answered"
        leadership = page.locator("#sa-leadership .sa-progress")
        assert leadership.inner_text() == "1 of 2 answered"

        page.reload()
        assert page.locator("#leadership-champion input[value=partly]").is_checked()
        assert page.locator("#strategy-written input[value='n/a']").is_checked()
        assert page.locator(".sa-overall-progress").inner_text() == "2 of 4 answered"
        assert page.locator("#sa-leadership .sa-progress").inner_text() == "1 of 2 answered"

        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Clear all answers").click()
        assert page.locator(".sa-overall-progress").inner_text() == "0 of 4 answered"
        page.reload()
        assert not page.locator("#leadership-champion input[value=partly]").is_checked()


@pytest.mark.sphinx("html", testroot="toolkit")
def test_without_javascript_the_form_is_a_readable_checklist(app):
    executable = require_chromium()
    app.build()
    with serve(app.outdir) as base, chromium(executable, javascript=False) as page:
        page.goto(f"{base}/guidance/self-assessment.html")
        assert page.get_by_text("Do leaders give staff time to take part?").is_visible()
        assert not page.get_by_role("button", name="Clear all answers").is_visible()
