"""fast_navigation gives byte-identical pages to stock Furo, and stays correct
across incremental builds.

The test site (tests/roots/test-navigation) has nested, hidden, captioned,
globbed and titles-only toctrees, a ``self`` entry, an external link, the
search and index pages, a page in two toctrees, a page with two top-level
titles, an orphan, titles with macrons and characters HTML must escape, and
pages two folders deep.
"""

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from _ext import fast_navigation

ROOT = Path(__file__).parents[1] / "roots" / "test-navigation"


@pytest.fixture
def build(make_app, tmp_path):
    """Copy the test site to ``name`` and build it; return the app."""

    def _build(name: str, *, fast: bool, parallel: int = 0, srcdir: Path | None = None):
        if srcdir is None:
            srcdir = tmp_path / name
            shutil.copytree(ROOT, srcdir)
        app = make_app(
            "html",
            srcdir=srcdir,
            freshenv=False,
            parallel=parallel,
            confoverrides={"guide_fast_navigation": fast},
        )
        app.build()
        return app

    return _build


@pytest.fixture
def rendered(monkeypatch) -> list:
    """The folders whose navigation template is made (not loaded or moved)."""
    folders: list = []
    build_template = fast_navigation._build_template
    monkeypatch.setattr(
        fast_navigation,
        "_build_template",
        lambda app, folder: folders.append(folder) or build_template(app, folder),
    )
    return folders


def warnings(app) -> list:
    # Two apps in one test re-register docutils nodes; that is not the site's.
    return [
        line for line in app.warning.getvalue().splitlines() if "is already registered" not in line
    ]


def pages(outdir: Path) -> dict:
    return {
        p.relative_to(outdir).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(outdir.rglob("*.html"))
    }


def sidebar(html: str) -> str:
    """The sidebar's navigation HTML, as written (it holds no <div>)."""
    start = html.index('<div class="sidebar-tree">')
    return html[start : html.index("</div>", start)]


def assert_same_pages(stock: dict, fast: dict) -> None:
    assert sorted(stock) == sorted(fast)
    for name in stock:
        # The sidebar first, for a readable failure; then the whole page.
        assert sidebar(fast[name]) == sidebar(stock[name]), name
        assert fast[name] == stock[name], name


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "parallel"])
def test_pages_identical_to_stock_furo(build, parallel):
    stock = build("stock", fast=False, parallel=parallel)
    fast = build("fast", fast=True, parallel=parallel)
    assert warnings(stock) == warnings(fast)
    stock_pages, fast_pages = pages(stock.outdir), pages(fast.outdir)
    assert len(fast_pages) == 15  # 13 pages, the index and search
    assert_same_pages(stock_pages, fast_pages)
    # The fast path really ran: it built templates (in the main process too
    # when parallel, which writes the first page itself).
    assert fast_navigation._templates[fast.builder]["folders"]


def test_current_page_marked(build):
    app = build("site", fast=True)
    html = (app.outdir / "guidance" / "success-factors" / "leadership.html").read_text()
    tree = BeautifulSoup(sidebar(html), "html.parser")
    # The page appears in two toctrees: both entries are current.
    own = tree.select('a.current[href="#"]')
    assert [a.text for a in own] == ["Leadership", "Leadership"]
    assert [li.a.text for li in tree.select("li.current-page")] == ["Leadership"]
    ancestors = [li.a.text for li in tree.select("li.current.has-children")]
    assert ancestors == ["Guidance", "Success factors"]
    assert all(li.input.has_attr("checked") for li in tree.select("li.current.has-children"))


def test_switched_off_furo_computes_navigation(build, monkeypatch):
    calls = []
    monkeypatch.setattr(fast_navigation, "_build_template", lambda *args: calls.append(args))
    build("stock", fast=False)
    assert calls == []


def _nav_titles(outdir: Path) -> dict:
    return {
        name: [a.text for a in BeautifulSoup(sidebar(html), "html.parser").select("a")]
        for name, html in pages(outdir).items()
        if name not in {"search.html", "genindex.html"}
    }


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "stock"])
def test_title_change_reaches_every_page(build, tmp_path, fast):
    """After a page's title changes, an incremental build (no -E) shows the
    new title in every sidebar, and in the text of {doc} links to it."""
    app = build("site", fast=fast)
    page = app.srcdir / "guidance" / "tikanga.md"
    about = app.srcdir / "about.md"
    about.write_text(about.read_text() + "\nSee {doc}`guidance/whakapapa`.\n")
    app = build("site", fast=fast, srcdir=app.srcdir)
    assert "Whakapapa and whānau" in (app.outdir / "about.html").read_text()

    whakapapa = app.srcdir / "guidance" / "whakapapa.md"
    whakapapa.write_text(whakapapa.read_text().replace("Whakapapa and whānau", "Whakapapa"))
    page.write_text(page.read_text())  # untouched page: must not matter
    app = build("site", fast=fast, srcdir=app.srcdir)
    for name, titles in _nav_titles(app.outdir).items():
        assert "Whakapapa" in titles and "Whakapapa and whānau" not in titles, name
    about_html = (app.outdir / "about.html").read_text()
    assert "Whakapapa and whānau" not in about_html

    if fast:
        # And the incremental result is what a clean build of the same
        # sources gives.
        fresh = tmp_path / "fresh"
        shutil.copytree(app.srcdir, fresh, ignore=shutil.ignore_patterns("_build"))
        assert_same_pages(pages(build("fresh", fast=True, srcdir=fresh).outdir), pages(app.outdir))


def test_text_edit_rewrites_only_that_page(build):
    app = build("site", fast=True)
    before = {p: p.stat().st_mtime_ns for p in app.outdir.rglob("*.html")}
    page = app.srcdir / "case-studies" / "case-2.md"
    page.write_text(page.read_text() + "\nMore text.\n")
    app = build("site", fast=True, srcdir=app.srcdir)
    changed = sorted(
        p.relative_to(app.outdir).as_posix()
        for p in app.outdir.rglob("*.html")
        if p.stat().st_mtime_ns != before[p]
    )
    # The page, the page whose toctree lists it (Sphinx's own rule), and the
    # index and search pages, which Sphinx writes on every build.
    assert changed == [
        "case-studies/case-2.html",
        "case-studies/index.html",
        "genindex.html",
        "search.html",
    ]


def test_tocdepth_page_left_to_furo(build, tmp_path):
    """With a page's tocdepth, trees differ in shape between pages: Furo does it."""
    sources = {}
    for name in ("stock", "fast"):
        sources[name] = tmp_path / name
        shutil.copytree(ROOT, sources[name])
        page = sources[name] / "guidance" / "whakapapa.md"
        page.write_text("---\ntocdepth: 1\n---\n" + page.read_text())
    stock = build("stock", fast=False, srcdir=sources["stock"])
    fast = build("fast", fast=True, srcdir=sources["fast"])
    assert fast_navigation._templates[fast.builder]["modelled"] is False
    assert_same_pages(pages(stock.outdir), pages(fast.outdir))


def test_tree_rendered_once_and_moved_to_other_folders(build, rendered):
    app = build("site", fast=True)
    assert rendered == [""]
    assert set(fast_navigation._templates[app.builder]["folders"]) == {
        "",
        "case-studies",
        "guidance",
        "guidance/success-factors",
    }


def test_template_kept_between_builds(build, make_app, rendered):
    """A rebuild that reads nothing still writes the index and search pages:
    it loads the template the last build saved.  A change to what the
    template is made from (a page read, the HTML configuration) makes it again."""
    app = build("site", fast=True)
    first = pages(app.outdir)
    rendered.clear()
    app = build("site", fast=True, srcdir=app.srcdir)
    assert rendered == []
    assert pages(app.outdir) == first

    # A saved template that cannot be read is made again, not trusted.
    (app.doctreedir / fast_navigation.SAVED_TEMPLATE).write_bytes(b"not a pickle")
    app = build("site", fast=True, srcdir=app.srcdir)
    assert rendered == [""]
    assert pages(app.outdir) == first
    rendered.clear()

    page = app.srcdir / "case-studies" / "case-2.md"
    page.write_text(page.read_text() + "\nMore text.\n")
    app = build("site", fast=True, srcdir=app.srcdir)
    assert rendered == [""]

    app = make_app("html", srcdir=app.srcdir, freshenv=False, confoverrides={"html_title": "T"})
    app.build()
    assert rendered == ["", ""]
