"""The content security policy (_ext/csp.py): on every page, exact, and enforced.

The test project tests/roots/test-csp has a clean page (with a table whose
column widths docutils writes as style attributes), a page with an injected
inline script (the project leaves out _ext.safe_content to get it there) and
a redirect.  The browser tests load the real guide's every page, and the
test project's pages, in Debian's Chromium from a loopback server.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, require_chromium
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp
from toolkit_build import chromium, serve

CSP = {"http-equiv": "Content-Security-Policy"}
# The directives every page's policy has, whatever its inline code.
FIXED = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def read(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# <link> relations that make the browser load something.
LOADING_LINKS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest"}


def loads_before(meta) -> list:
    """What the page loads or runs before the policy (which then does not cover it)."""
    return [
        tag
        for tag in meta.find_all_previous(["link", "style", "script"])
        if tag.name != "link" or LOADING_LINKS & set(tag.get("rel", []))
    ]


def directives(soup: BeautifulSoup) -> dict[str, list[str]]:
    (meta,) = soup.find_all("meta", attrs=CSP)
    return {
        name: sources for name, *sources in (part.split() for part in meta["content"].split(";"))
    }


# -- The policy the build writes --------------------------------------------------


@pytest.mark.sphinx("html", testroot="csp")
def test_policy_allows_the_theme_inline_code_by_hash_and_nothing_else(app):
    app.build()
    soup = read(app.outdir / "index.html")
    policy = directives(soup)
    assert {name: policy[name] for name in FIXED} == FIXED
    scripts = [s.string for s in soup.find_all("script") if not s.get("src")]
    assert len(scripts) == 2 and "dataset.theme" in scripts[0]  # Furo's colour mode
    # Data, not code: the browser neither runs nor checks it, so it needs no hash.
    assert scripts[1] == '{"questions": 2}'
    assert policy["script-src"] == ["'self'", sha256(scripts[0])]
    styles = [s.string for s in soup.find_all("style")]
    attributes = list(dict.fromkeys(tag["style"] for tag in soup.find_all(style=True)))
    assert "width: 30.0%" in attributes  # the table's column widths
    assert policy["style-src"] == [
        "'self'",
        *map(sha256, styles),
        "'unsafe-hashes'",
        *map(sha256, attributes),
    ]
    assert "unsafe-inline" not in str(policy) and "unsafe-eval" not in str(policy)


@pytest.mark.sphinx("html", testroot="csp")
def test_policy_comes_before_every_stylesheet_and_script(app):
    app.build()
    soup = read(app.outdir / "index.html")
    meta = soup.find("meta", attrs=CSP)
    assert meta.parent.name == "head"
    assert loads_before(meta) == []


@pytest.mark.sphinx("html", testroot="csp", freshenv=True)
def test_inline_script_in_content_gets_no_hash_and_a_warning(app):
    app.build()
    soup = read(app.outdir / "injected.html")
    injected = soup.find("script", string=re.compile("injected"))
    assert sha256(injected.string) not in directives(soup)["script-src"]
    assert len(directives(soup)["script-src"]) == 2  # 'self' and Furo's script
    warnings = app.warning.getvalue()
    assert (
        "injected.md: WARNING: the page's content has an inline <script> "
        "('document.documentElement.dataset.injected" in warnings
    )
    assert "index.md: WARNING" not in warnings


@pytest.mark.sphinx("html", testroot="csp")
def test_redirect_page_has_a_policy_that_allows_nothing(app):
    app.build()
    soup = read(app.outdir / "moved.html")
    assert directives(soup) == {
        "default-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
    }
    assert soup.find("meta", attrs={"http-equiv": "refresh"})


@pytest.mark.sphinx("html", testroot="csp", confoverrides={"guide_content_security_policy": False})
def test_policy_can_be_left_out(app):
    app.build()
    assert not read(app.outdir / "index.html").find("meta", attrs=CSP)
    assert app.config.template_bridge is None


def test_livehtml_leaves_the_policy_out():
    """sphinx-autobuild adds an inline script that reloads the page on save."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    liveopts = re.search(r"^LIVEOPTS\s*:=(.*)$", makefile, re.M).group(1)
    assert "-D guide_content_security_policy=0" in liveopts


def test_another_template_bridge_is_a_clear_error(rootdir, tmp_path):
    srcdir = tmp_path / "csp"
    shutil.copytree(rootdir / "test-csp", srcdir)
    with pytest.raises(
        ConfigError,
        match=re.escape(
            "template_bridge = 'mine.Loader' in conf.py: _ext.csp renders pages through its own"
        ),
    ):
        SphinxTestApp("html", srcdir=srcdir, confoverrides={"template_bridge": "mine.Loader"})


@pytest.mark.slow
def test_every_page_of_the_guide_has_one_policy_first_in_head(site_html):
    missing = []
    for path in sorted(site_html.rglob("*.html")):
        soup = read(path)
        metas = soup.find_all("meta", attrs=CSP)
        if len(metas) != 1 or metas[0].parent.name != "head" or loads_before(metas[0]):
            missing.append(path.relative_to(site_html).as_posix())
    assert not missing


# -- In a browser ---------------------------------------------------------------------

# Records what the policy blocked, from the first byte of each page.
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
  `${e.violatedDirective} blocked ${e.blockedURI} ${e.sample}`), true);"""
# Pages whose scripts do their work after loading.
SEARCH = "search.html?q=social+media"
HIGHLIGHT = "index.html?highlight=social"


@pytest.fixture(scope="module")
def browser():
    """A Chromium page that records what the policy blocked and script errors."""
    with chromium(require_chromium()) as page:
        page.add_init_script(LISTEN)
        page.problems = []
        # The browser's own console messages about the policy ("Refused to
        # ...", and a directive it ignores or cannot parse), which do not
        # reach the page's console API.
        log = page.context.new_cdp_session(page)
        log.on(
            "Log.entryAdded",
            lambda event: (
                page.problems.append(f"console: {event['entry']['text']}")
                if re.search("Refused to|Content Security Policy", event["entry"]["text"])
                else None
            ),
        )
        log.send("Log.enable")
        page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
        # Nothing from other sites (and the tests never reach the network).
        page.route(re.compile(r"^(?!http://127\.0\.0\.1:|data:)"), lambda route: route.abort())
        yield page


def visit(page, url: str, wait_for: str | None = None) -> list[str]:
    """Load *url*; what the policy blocked and which scripts failed."""
    page.problems.clear()
    page.goto(url, wait_until="load")
    if wait_for:
        page.wait_for_selector(wait_for, timeout=10_000)
    # Violation events are queued as tasks: let them run before reading.
    violations = page.evaluate("() => new Promise(r => setTimeout(() => r(window.__violations)))")
    return [f"violation: {v}" for v in violations] + page.problems


@pytest.fixture(scope="module")
def guide(site_html, browser):
    """Every page of the guide, visited once: url -> what went wrong."""
    with serve(site_html) as base:
        urls = sorted(p.relative_to(site_html).as_posix() for p in site_html.rglob("*.html"))
        results = {url: visit(browser, f"{base}/{url}") for url in [*urls, HIGHLIGHT]}
        results[SEARCH] = visit(
            browser, f"{base}/{SEARCH}", wait_for="#search-results .search-summary"
        )
        # The search found pages: its index and scripts loaded under the policy.
        results["search results"] = (
            [] if browser.locator("#search-results li").count() else ["the search found nothing"]
        )
        # The self-assessment's script runs: answering updates the count.
        browser.goto(f"{base}/guidance/self-assessment.html", wait_until="load")
        browser.locator("input[type=radio][value=yes]").first.check()
        results["self-assessment"] = (
            []
            if browser.locator(".sa-overall-progress").inner_text().startswith("1 of")
            else ["count not updated"]
        )
        # The policy builder writes its Word file under the policy.
        browser.problems.clear()
        browser.goto(f"{base}/guidance/policy-builder.html", wait_until="load")
        browser.get_by_label("Charity or non-profit organisation").check()
        browser.get_by_label("Name of the organisation").fill("Te Puna Trust")
        with browser.expect_download() as download:
            browser.get_by_role("button", name="Download as Word").click()
        violations = browser.evaluate("() => window.__violations")
        failure = download.value.failure()
        results["policy builder's Word file"] = (
            violations + browser.problems + ([f"download: {failure}"] if failure else [])
        )
        # Furo's inline colour-mode script ran: its hash is in the policy.
        results["theme script"] = (
            []
            if browser.evaluate("() => document.body.dataset.theme") == "auto"
            else ["colour mode not set"]
        )
    return results


@pytest.mark.slow
def test_no_page_of_the_guide_breaks_its_policy(guide):
    assert len(guide) > 20
    failures = {url: problems for url, problems in guide.items() if problems}
    assert not failures


@pytest.fixture(scope="module")
def test_project(rootdir, tmp_path_factory):
    """The test project, built once for the browser tests."""
    srcdir = tmp_path_factory.mktemp("csp") / "csp"
    shutil.copytree(rootdir / "test-csp", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
    finally:
        app.cleanup()
    return app.outdir


@pytest.mark.slow
def test_policy_blocks_an_injected_inline_script(test_project, browser):
    with serve(test_project) as base:
        assert visit(browser, f"{base}/index.html") == []
        problems = visit(browser, f"{base}/injected.html")
        ran = browser.evaluate("() => document.documentElement.dataset.injected")
    assert ran is None
    assert any(p.startswith("violation: script-src-elem blocked inline") for p in problems), (
        problems
    )
    assert any("Executing inline script violates" in p for p in problems), problems


@pytest.mark.slow
def test_redirect_page_redirects_under_its_policy(test_project, browser):
    with serve(test_project) as base:
        browser.problems.clear()
        browser.goto(f"{base}/moved.html")
        browser.wait_for_url(f"{base}/index.html", timeout=5_000)
        assert browser.problems == []
