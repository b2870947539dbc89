"""The built guide in a real browser (Debian's Chromium through Playwright).

Every page of the real site is loaded once, from a loopback server, and
checked for:

- accessibility: axe-core's WCAG 2.0/2.1/2.2 A and AA rules and its best
  practices find nothing, in the light and the dark colour scheme, on a
  desktop window and on a phone (where the page must not scroll sideways);
- privacy: the page asks for nothing but the site's own files (no
  analytics, fonts or scripts from elsewhere).  Requests anywhere else are
  recorded and blocked, so the tests never reach the network;
- safe links: every link to another site has rel="noopener";
- language: <html lang="en-NZ">.

Then keyboard use on the start page: the skip link and visible focus.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest
from conftest import require_chromium, require_node_module
from playwright.sync_api import expect
from toolkit_build import chromium, serve

pytestmark = pytest.mark.slow

# WCAG 2.2 level A and AA (2.2 adds AA rules only), plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCHEMES = ("light", "dark")
# The rules whose outcome depends on colours: all that the second colour
# scheme needs to run again (a full run per scheme doubles the test's time).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# The search page with results: its content is made by script after loading.
EXTRA_URLS = ["search.html?q=social+media"]
# A desktop window, and a phone: 320 CSS pixels is also a 1280-pixel window
# zoomed to 400%, where WCAG 1.4.10 (reflow) wants no sideways scrolling.
WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
# How many Tab presses from the top of the start page the focus test follows.
TABS = 12

META_REFRESH = re.compile(rb"<meta[^>]*http-equiv=[\"']refresh[\"'][^>]*>", re.IGNORECASE)

# Every <a> whose address is another site, and its rel.
EXTERNAL_LINKS_JS = """() => [...document.querySelectorAll('a[href]')]
  .filter(a => /^https?:$/.test(a.protocol) && a.origin !== location.origin)
  .map(a => ({href: a.href, rel: a.rel}))"""


@dataclass
class Visit:
    """What one page did and contained."""

    violations: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    links_without_noopener: list[str] = field(default_factory=list)
    lang: str = ""
    scrolls_sideways: bool = False


@pytest.fixture(scope="module")
def browser(site_html):
    """(base URL, Playwright page) for the real site; other origins blocked."""
    executable = require_chromium()
    with serve(site_html) as base, chromium(executable) as page:
        page.set_viewport_size(WIDE)
        page.foreign_requests = []
        page.on(
            "request",
            lambda request: (
                None
                if request.url.startswith((base + "/", "data:"))
                else page.foreign_requests.append(request.url)
            ),
        )
        # Matched inside the browser (a regular expression, not a Python
        # callback), so the site's own files load at full speed.
        page.route(re.compile(rf"^(?!{re.escape(base)}/|data:)"), lambda route: route.abort())
        for redirect in site_html.rglob("*.html"):
            if META_REFRESH.search(redirect.read_bytes()):
                # A redirect page's meta refresh would navigate away while
                # axe runs: check the page itself, without the refresh.
                body = META_REFRESH.sub(b"", redirect.read_bytes())
                page.route(
                    f"{base}/{redirect.relative_to(site_html).as_posix()}",
                    lambda route, body=body: route.fulfill(body=body, content_type="text/html"),
                )
        yield base, page


def run_axe(page, axe_source: str, run_only: dict) -> list[str]:
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        # Evaluated by the browser's debugger protocol: a <script> tag with
        # axe inline would be blocked by the page's content security policy.
        page.evaluate(axe_source)
    result = page.evaluate(
        "runOnly => axe.run(document, {runOnly, resultTypes: ['violations']})", run_only
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


@pytest.fixture(scope="module")
def visits(site_html, browser) -> dict[str, Visit]:
    """Every page of the site, visited once: url -> Visit."""
    axe_source = require_node_module("axe-core/axe.min.js").read_text(encoding="utf-8")
    base, page = browser
    urls = sorted(p.relative_to(site_html).as_posix() for p in site_html.rglob("*.html"))
    results = {}
    for url in urls + EXTRA_URLS:
        visit = results[url] = Visit()
        page.foreign_requests.clear()
        page.emulate_media(color_scheme=SCHEMES[0])
        page.goto(f"{base}/{url}", wait_until="load")
        if url.startswith("search.html?"):
            page.wait_for_selector("#search-results .search-summary", timeout=10_000)
        for scheme, run_only in zip(
            SCHEMES,
            ({"type": "tag", "values": AXE_TAGS}, {"type": "rule", "values": COLOUR_RULES}),
            strict=False,
        ):
            page.emulate_media(color_scheme=scheme)
            visit.violations += [f"[{scheme}] {v}" for v in run_axe(page, axe_source, run_only)]
        # The same page on a phone: Furo's narrow layout (header bar, drawers).
        page.set_viewport_size(NARROW)
        visit.violations += [
            f"[narrow] {v}" for v in run_axe(page, axe_source, {"type": "tag", "values": AXE_TAGS})
        ]
        visit.scrolls_sideways = page.evaluate(
            "() => { window.scrollTo(10000, window.scrollY); return window.scrollX > 0; }"
        )
        page.set_viewport_size(WIDE)
        visit.lang = page.evaluate("() => document.documentElement.lang")
        visit.links_without_noopener = [
            link["href"]
            for link in page.evaluate(EXTERNAL_LINKS_JS)
            if "noopener" not in link["rel"].split()
        ]
        visit.foreign_requests = list(page.foreign_requests)
    return results


def report(visits: dict[str, Visit], attribute: str) -> str:
    return "\n".join(
        f"{url}:\n  " + "\n  ".join(getattr(v, attribute))
        for url, v in visits.items()
        if getattr(v, attribute)
    )


def test_site_has_pages(visits):
    assert "index.html" in visits and len(visits) > 2


def test_no_accessibility_violations_on_any_page(visits):
    assert not report(visits, "violations")


def test_pages_request_nothing_from_other_sites(visits):
    assert not report(visits, "foreign_requests")


def test_links_to_other_sites_have_noopener(visits):
    assert not report(visits, "links_without_noopener")


def test_no_page_scrolls_sideways_on_a_phone(visits):
    assert not [url for url, v in visits.items() if v.scrolls_sideways]


def test_every_page_says_it_is_in_new_zealand_english(visits):
    wrong = {url: v.lang for url, v in visits.items() if v.lang != "en-NZ"}
    assert not wrong


def test_first_tab_reaches_a_working_skip_link(browser):
    base, page = browser
    page.goto(f"{base}/index.html", wait_until="load")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
      const a = document.activeElement;
      return {tag: a.tagName, text: a.textContent.trim(), href: a.getAttribute('href')};
    }""")
    assert focused["tag"] == "A" and focused["text"] == "Skip to content", focused
    # It slides into view (a CSS transition) when it has focus.
    page.wait_for_function(
        """() => {
      const box = document.activeElement.getBoundingClientRect();
      return box.top >= 0 && box.height > 0;
    }""",
        timeout=2_000,
    )
    target = focused["href"].removeprefix("#")
    assert page.locator(f"[id='{target}']").count() == 1
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == target
    # The next Tab continues from the main content, not from the top.
    page.keyboard.press("Tab")
    assert page.evaluate(
        f"() => document.getElementById('{target}').contains(document.activeElement)"
    )


def test_keyboard_focus_is_always_visible(browser):
    base, page = browser
    page.goto(f"{base}/index.html", wait_until="load")
    invisible = []
    for _ in range(TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate("""() => {
          const a = document.activeElement, s = getComputedStyle(a);
          return {what: a.outerHTML.slice(0, 80), outline: s.outlineStyle,
                  width: parseFloat(s.outlineWidth), shadow: s.boxShadow};
        }""")
        outlined = focus["outline"] != "none" and focus["width"] > 0
        if not outlined and focus["shadow"] in ("", "none"):
            invisible.append(focus["what"])
    assert not invisible


def axe_everywhere(page, axe_source: str) -> list[str]:
    """axe on the page as it is now: light and dark, desktop and phone; and
    whether it scrolls sideways on the phone."""
    found = []
    for scheme, run_only in zip(
        SCHEMES,
        ({"type": "tag", "values": AXE_TAGS}, {"type": "rule", "values": COLOUR_RULES}),
        strict=False,
    ):
        page.emulate_media(color_scheme=scheme)
        found += [f"[{scheme}] {v}" for v in run_axe(page, axe_source, run_only)]
    page.emulate_media(color_scheme=SCHEMES[0])
    page.set_viewport_size(NARROW)
    found += [
        f"[narrow] {v}" for v in run_axe(page, axe_source, {"type": "tag", "values": AXE_TAGS})
    ]
    if page.evaluate(
        "() => { window.scrollTo(10000, window.scrollY); return window.scrollX > 0; }"
    ):
        found.append("[narrow] the page scrolls sideways")
    page.set_viewport_size(WIDE)
    return found


def test_self_assessment_with_answers_and_a_comparison_is_accessible(browser, tmp_path):
    axe_source = require_node_module("axe-core/axe.min.js").read_text(encoding="utf-8")
    base, page = browser
    page.goto(f"{base}/guidance/self-assessment.html", wait_until="load")
    questions = page.eval_on_selector_all("fieldset.sa-question", "all => all.map(f => f.id)")
    values = ["yes", "partly", "no", "n/a"]
    for number, question in enumerate(questions):
        page.locator(f"#{question} input[value='{values[number % 4]}']").check()
    comparison = tmp_path / "last-year.json"
    comparison.write_text(
        json.dumps(
            {
                "format": page.locator(".self-assessment").get_attribute("data-storage-key"),
                "version": 1,
                "date": "2025-12-01",
                "answers": {
                    question: values[(number + 1) % 4] for number, question in enumerate(questions)
                },
            }
        )
    )
    page.locator("#sa-compare").set_input_files(comparison)
    expect(page.locator(".sa-profile caption")).to_contain_text("compared with")
    assert page.locator(".sa-profile table").is_visible()
    assert page.locator(".sa-weakest li").count() == 3
    try:
        assert not axe_everywhere(page, axe_source)
    finally:
        page.evaluate("() => localStorage.clear()")


def test_case_study_index_with_filters_applied_is_accessible(browser):
    axe_source = require_node_module("axe-core/axe.min.js").read_text(encoding="utf-8")
    base, page = browser
    page.goto(
        f"{base}/case-studies/index.html?sector=government&sort=organisation", wait_until="load"
    )
    listed = page.locator("ul.case-study-list > li")
    assert 0 < listed.locator("visible=true").count() < listed.count()
    assert not axe_everywhere(page, axe_source)
