"""The case study browser: the data it is given, and the form in a browser.

The toolkit root's three case studies (front matter in tests/roots/test-toolkit):

- Measles outbreak: Waikato District Health Board, government, 2011,
  channels facebook, factors strategy;
- Share an Idea: Christchurch City Council, government, 2011, website and
  facebook, leadership and strategy;
- Red Cross: American Red Cross, non-profit, 2009, twitter and facebook,
  leadership.
"""

import json

import pytest
from bs4 import BeautifulSoup
from conftest import require_chromium
from toolkit_build import chromium, serve

from _ext.toolkit.case_study_browser import DATA_ID
from _ext.toolkit.pages import data_island

INDEX = "case-studies/index.html"


def soup(outdir, page):
    return BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")


def test_the_full_list_gets_the_front_matter_and_the_script(toolkit_html):
    page = soup(toolkit_html, INDEX)
    data = json.loads(page.find("script", id=DATA_ID).string)
    cases = {case["title"]: case for case in data["cases"]}
    assert cases["Share an Idea"] == {
        "href": "share-an-idea.html",
        "title": "Share an Idea",
        "organisation": "Christchurch City Council",
        "sector": "government",
        "year": 2011,
        "channels": ["website", "facebook"],
        "factors": ["leadership", "strategy"],
    }
    assert data["labels"]["factor"] == {
        "strategy": "Strategy",
        "leadership": "Leadership",
        "measurement": "Measurement",
    }
    assert data["labels"]["channel"]["twitter"] == "Twitter (now X)"
    assert page.find("script", src=lambda src: src and "case-study-browser.js" in src)


def test_filtered_lists_and_other_pages_get_nothing(toolkit_html):
    for name in ("guidance/government-sector.html", "case-studies/measles.html", "index.html"):
        html = (toolkit_html / name).read_text(encoding="utf-8")
        assert DATA_ID not in html and "case-study-browser" not in html, name


def test_the_data_island_cannot_end_its_script_element():
    text = data_island({"title": "</script><script>alert(1)</script> & more"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["title"] == "</script><script>alert(1)</script> & more"


def shown(page):
    return page.eval_on_selector_all(
        "ul.case-study-list > li:not([hidden]) a", "links => links.map(a => a.textContent)"
    )


def matrix_rows(page):
    return page.eval_on_selector_all(
        ".success-factor-matrix tbody tr:not([hidden]) th a",
        "links => links.map(a => a.textContent)",
    )


@pytest.fixture(scope="module")
def browser(toolkit_html):
    executable = require_chromium()
    with serve(toolkit_html) as base, chromium(executable) as page:
        yield base, page


def test_filters_narrow_the_list_and_the_matrix_as_the_front_matter_says(browser):
    base, page = browser
    page.goto(f"{base}/{INDEX}")
    status = page.get_by_role("status")
    assert status.inner_text() == "Showing all 3 case studies in the list and the table."
    assert shown(page) == ["Red Cross", "Share an Idea", "Measles outbreak"]

    page.get_by_label("Success factor", exact=True).select_option(label="Leadership")
    assert shown(page) == ["Red Cross", "Share an Idea"]
    assert matrix_rows(page) == ["Red Cross", "Share an Idea"]
    assert status.inner_text() == "Showing 2 of 3 case studies in the list and the table."

    page.get_by_label("Sector", exact=True).select_option(label="Government")
    assert shown(page) == ["Share an Idea"]
    page.get_by_label("Channel", exact=True).select_option(label="Twitter (now X)")
    assert shown(page) == []
    assert "No case study matches" in status.inner_text()

    page.get_by_role("button", name="Show all case studies").click()
    assert shown(page) == ["Red Cross", "Share an Idea", "Measles outbreak"]
    assert page.evaluate("() => location.search") == ""
    # Only values some case has are offered.
    assert page.get_by_label("Year", exact=True).locator("option").all_inner_texts() == [
        "All years",
        "2009",
        "2011",
    ]
    assert (
        "Measurement"
        not in page.get_by_label("Success factor", exact=True).locator("option").all_inner_texts()
    )


def test_sorting_by_organisation_and_by_newest(browser):
    base, page = browser
    page.goto(f"{base}/{INDEX}")
    page.get_by_label("Sort by").select_option(label="Organisation, A to Z")
    assert shown(page) == [
        "Red Cross",
        "Share an Idea",
        "Measles outbreak",
    ]  # American, Christchurch, Waikato
    page.get_by_label("Sort by").select_option(label="Year, newest first")
    assert shown(page) == ["Share an Idea", "Measles outbreak", "Red Cross"]
    assert matrix_rows(page) == ["Share an Idea", "Measles outbreak", "Red Cross"]


def test_the_address_reproduces_the_view(browser):
    base, page = browser
    page.goto(f"{base}/{INDEX}")
    page.get_by_label("Year", exact=True).select_option("2011")
    page.get_by_label("Sort by").select_option(label="Organisation, A to Z")
    assert page.evaluate("() => location.search") == "?year=2011&sort=organisation"
    page.reload()
    assert page.get_by_label("Year", exact=True).input_value() == "2011"
    assert shown(page) == ["Share an Idea", "Measles outbreak"]
    # A shared link, with a value the page does not offer: that one is ignored.
    page.goto(f"{base}/{INDEX}?sector=non-profit&factor=leadershp#case-studies-list")
    assert shown(page) == ["Red Cross"]
    assert page.get_by_label("Success factor", exact=True).input_value() == ""


def test_without_javascript_the_full_list_stays(browser):
    base, page = browser
    plain = page.context.browser.new_page(java_script_enabled=False)
    plain.goto(f"{base}/{INDEX}?sector=non-profit")
    assert plain.locator("ul.case-study-list > li").count() == 3
    assert plain.locator("form.case-study-browser").count() == 0
    plain.close()
