"""The self-assessment's profile in a browser: chart and table, weakest
factors, the summary to print, answers saved to a file and loaded again, a
comparison, and bad files refused.

The toolkit root asks four questions: strategy-written (Strategy),
leadership-champion and leadership-time (Leadership), measurement-goals
(Measurement).
"""

import json

import pytest
from conftest import require_chromium
from playwright.sync_api import expect
from toolkit_build import chromium, serve

PAGE = "guidance/self-assessment.html"
FORMAT = "aotearoa-social-media-guide:self-assessment"  # the page's storage key
ANSWERS = {
    "strategy-written": "no",
    "leadership-champion": "yes",
    "leadership-time": "partly",
    "measurement-goals": "n/a",
}


@pytest.fixture(scope="module")
def browser(toolkit_html):
    with serve(toolkit_html) as base, chromium(require_chromium()) as page:
        yield base, page.context.browser


@pytest.fixture
def page(browser):
    """A fresh browser profile (its own localStorage) on the self-assessment."""
    base, chromium_browser = browser
    page = chromium_browser.new_page()
    page.goto(f"{base}/{PAGE}")
    yield page
    page.close()


def answer(page, answers):
    for question, value in answers.items():
        page.locator(f"#{question} input[value='{value}']").check()


def table(page):
    """The profile table: header row, then one row per factor, as text."""
    return page.eval_on_selector_all(
        ".sa-profile table tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))"
    )


def chart(page):
    """Per factor: its name, its bar's width (None: no bar) and its figure."""
    return page.evaluate("""() => {
      const svg = document.querySelector('.sa-profile svg');
      const names = [...svg.querySelectorAll('text.sa-chart-name')].map(t => t.textContent);
      const figures = [...svg.querySelectorAll('text.sa-chart-figure')].map(t => t.textContent);
      const tracks = [...svg.querySelectorAll('rect.sa-track')];
      return names.map((name, i) => {
        const bar = tracks[i].nextElementSibling;
        return [name, bar && bar.matches('.sa-bar, .sa-bar-hatched') ? bar.getAttribute('width') : null,
                figures[i]];
      });
    }""")


def test_profile_waits_for_answers(page):
    assert page.locator(".sa-profile-empty").is_visible()
    assert not page.locator(".sa-profile table").is_visible()


def test_chart_and_table_agree_with_the_answers(page):
    answer(page, ANSWERS)
    assert table(page) == [
        ["Success factor", "Score", "Yes", "Partly", "No", "Not applicable", "Not answered"],
        ["Strategy", "0%", "0", "0", "1", "0", "0"],
        ["Leadership", "75%", "1", "1", "0", "0", "0"],
        ["Measurement", "No score", "0", "0", "0", "1", "0"],
    ]
    # Bars are drawn on a track 80% wide: 75% of it is 60%.
    assert chart(page) == [
        ["Strategy", "0%", "0%"],
        ["Leadership", "60%", "75%"],
        ["Measurement", None, "no score"],
    ]
    assert page.locator(".sa-profile svg").get_attribute("role") == "img"
    # The weakest factors, lowest first, with their pages and the policy clauses.
    weakest = page.locator(".sa-weakest li")
    assert weakest.all_inner_texts()[0].startswith("Strategy: 0% (0 yes, 0 partly, 1 no)")
    assert weakest.count() == 2  # Measurement has no score
    links = weakest.first.locator("a")
    assert links.nth(0).get_attribute("href") == "success-factors/strategy.html"
    assert links.nth(1).get_attribute("href") == "social-media-policy.html#policy-checklist"


def test_the_page_can_point_the_policy_links_elsewhere(browser):
    base, chromium_browser = browser
    page = chromium_browser.new_page()
    page.add_init_script("""document.addEventListener('readystatechange', () => {
      const form = document.querySelector('.self-assessment');
      if (form) form.dataset.policyHref = 'policy-builder.html';
    });""")
    page.goto(f"{base}/{PAGE}")
    answer(page, {"strategy-written": "no"})
    assert page.locator(".sa-weakest li a").nth(1).get_attribute("href") == "policy-builder.html"
    page.close()


def test_print_summary_shows_the_profile_not_the_questions(page):
    answer(page, ANSWERS)
    page.evaluate("() => document.body.classList.add('sa-print-summary')")
    page.emulate_media(media="print")
    assert not page.locator("#strategy-written").is_visible()
    assert not page.locator("h1", has_text="Self-assessment").is_visible()
    assert page.locator(".sa-profile table").is_visible()
    assert page.locator(".sa-weakest li").first.is_visible()
    assert page.locator(".sa-summary-date").inner_text().startswith("Date: ")
    assert not page.locator(".sa-files").is_visible()
    assert not page.locator(".sa-chart").is_visible()  # the table gives its figures


def save(page, tmp_path):
    with page.expect_download() as download:
        page.get_by_role("button", name="Save answers to a file").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_saved_answers_load_into_a_fresh_browser(page, browser, tmp_path):
    answer(page, ANSWERS)
    path = save(page, tmp_path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["format"] == FORMAT and saved["version"] == 1
    assert saved["answers"] == ANSWERS
    assert path.name == f"self-assessment-{saved['date']}.json"

    base, chromium_browser = browser
    fresh = chromium_browser.new_page()
    fresh.goto(f"{base}/{PAGE}")
    assert fresh.locator(".sa-overall-progress").inner_text() == "0 of 4 answered"
    fresh.locator("#sa-import").set_input_files(path)
    # The file is read asynchronously: wait for the message.
    expect(fresh.get_by_role("status")).to_contain_text("Loaded 4 answers")
    assert fresh.locator("#leadership-time input[value=partly]").is_checked()
    assert fresh.locator(".sa-overall-progress").inner_text() == "4 of 4 answered"
    assert table(fresh) == table(page)
    fresh.reload()  # kept in the new browser's storage
    assert fresh.locator("#strategy-written input[value=no]").is_checked()
    fresh.close()


def test_a_comparison_is_shown_beside_the_answers(page, tmp_path):
    answer(page, {"strategy-written": "yes", "leadership-champion": "no"})
    last_year = tmp_path / "last-year.json"
    last_year.write_text(
        json.dumps(
            {
                "format": FORMAT,
                "version": 1,
                "date": "2025-11-30",
                "answers": {"strategy-written": "partly", "leadership-champion": "yes"},
            }
        )
    )
    page.locator("#sa-compare").set_input_files(last_year)
    expect(page.get_by_role("status")).to_contain_text("Comparing with")
    rows = table(page)
    assert rows[0][-1] == "Comparison score"
    assert [row[-1] for row in rows[1:]] == ["50%", "100%", "No score"]
    assert [row[1] for row in rows[1:]] == ["100%", "0%", "No score"]
    assert "30 November 2025" in page.locator(".sa-profile caption").inner_text()
    # Two hatched bars (the factors with a comparison score) and the legend's.
    assert page.locator(".sa-profile svg rect.sa-bar-hatched").count() == 3
    assert page.locator(".sa-profile svg text.sa-chart-legend").all_text_contents() == [
        "Your answers",
        "Comparison",
    ]
    # The comparison changes none of the answers, and can be removed.
    assert page.locator("#strategy-written input[value=yes]").is_checked()
    page.get_by_role("button", name="Remove the comparison").click()
    assert table(page)[0][-1] == "Not answered"


@pytest.mark.parametrize(
    "content, reason",
    [
        ("not json at all", "it is not JSON"),
        (
            json.dumps({"format": "someone-else", "version": 1, "answers": {}}),
            "not a file of answers saved by this",
        ),
        (json.dumps([1, 2]), "not a file of answers saved by this"),
        (json.dumps({"format": FORMAT, "version": 2, "answers": {}}), "version 2 of the format"),
        (
            json.dumps({"format": FORMAT, "version": 1, "answers": {"strategy-plan": "yes"}}),
            "does not ask (strategy-plan)",
        ),
        (
            json.dumps({"format": FORMAT, "version": 1, "answers": {"strategy-written": "maybe"}}),
            'strategy-written is "maybe"',
        ),
        (
            json.dumps({"format": FORMAT, "version": 1, "date": "last year", "answers": {}}),
            "not a date",
        ),
    ],
)
def test_a_bad_file_is_refused_and_changes_nothing(page, tmp_path, content, reason):
    answer(page, ANSWERS)
    before = table(page)
    stored = page.evaluate(f"() => localStorage.getItem('{FORMAT}')")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    page.locator("#sa-import").set_input_files(bad)
    status = page.get_by_role("status")
    expect(status).to_contain_text("Nothing was changed.")
    assert status.get_attribute("aria-live") == "polite"
    assert reason in status.inner_text()
    assert table(page) == before
    assert page.evaluate(f"() => localStorage.getItem('{FORMAT}')") == stored
    assert page.locator("#leadership-champion input[value=yes]").is_checked()


def test_a_bad_comparison_is_refused(page, tmp_path):
    answer(page, ANSWERS)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": FORMAT, "version": 1, "answers": {"x": "yes"}}))
    page.locator("#sa-compare").set_input_files(bad)
    expect(page.get_by_role("status")).to_contain_text("Nothing was changed.")
    assert "Comparison score" not in table(page)[0]
    assert page.evaluate(f"() => localStorage.getItem('{FORMAT}:comparison')") is None
