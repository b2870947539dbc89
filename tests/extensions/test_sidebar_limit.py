"""sidebar_limit: above the configured number of case studies, the sidebar
lists their index page, not each case, with and without fast navigation;
at or below it, and in the PDF, nothing is left out."""

import pytest
from bs4 import BeautifulSoup
from toolkit_build import copy_root

CASES = ["Measles outbreak", "Share an Idea", "Red Cross"]  # the toolkit root's three


def build(make_app, tmp_path, name, *, limit, fast=True, builder="html", parallel=0):
    src = copy_root("toolkit", tmp_path / name)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            '\nextensions += ["_ext.fast_navigation", "_ext.sidebar_limit"]\n'
            'html_theme = "furo"\n'
            f"guide_sidebar_case_study_limit = {limit}\n"
            f"guide_fast_navigation = {fast}\n"
        )
    app = make_app(builder, srcdir=src, parallel=parallel)
    app.build()
    return app


def sidebar(app, page):
    html = (app.outdir / page).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one(".sidebar-tree")


def titles(app, page):
    return [a.get_text() for a in sidebar(app, page).select("a")]


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "stock"])
def test_above_the_limit_the_sidebar_lists_the_index_not_the_cases(make_app, tmp_path, fast):
    app = build(make_app, tmp_path, "pruned", limit=2, fast=fast)
    for page in ("index.html", "guidance/self-assessment.html", "case-studies/measles.html"):
        shown = titles(app, page)
        assert "Case studies" in shown, page
        assert not set(CASES) & set(shown), page
    # The index entry has no empty list under it (no toggle that opens nothing).
    entry = sidebar(app, "index.html").find("a", string="Case studies").parent
    assert entry.find("ul") is None and entry.find("input") is None
    assert "has-children" not in entry["class"]
    # On a case's page nothing shown is marked as the page itself.
    assert not sidebar(app, "case-studies/measles.html").select(".current")
    # The pages are still in the guide: listed on the index, linked next/previous.
    index = (app.outdir / "case-studies/index.html").read_text(encoding="utf-8")
    assert all(case in index for case in CASES)


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "parallel"])
def test_fast_and_stock_navigation_prune_alike(make_app, tmp_path, parallel):
    fast = build(make_app, tmp_path, "fast", limit=2, fast=True, parallel=parallel)
    stock = build(make_app, tmp_path, "stock", limit=2, fast=False)
    for page in (
        "index.html",
        "case-studies/index.html",
        "case-studies/measles.html",
        "guidance/success-factors/leadership.html",
    ):
        assert str(sidebar(fast, page)) == str(sidebar(stock, page)), page


@pytest.mark.parametrize("limit", [3, 0], ids=["at-limit", "no-limit"])
def test_at_or_below_the_limit_every_case_is_listed(make_app, tmp_path, limit):
    app = build(make_app, tmp_path, "full", limit=limit)
    assert set(CASES) <= set(titles(app, "index.html"))
    own = sidebar(app, "case-studies/measles.html").select_one("li.current-page a")
    assert own.get_text() == "Measles outbreak"


def test_the_pdf_contents_keep_every_case(make_app, tmp_path):
    app = build(make_app, tmp_path, "pdf", limit=2, builder="latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    for case in CASES:
        assert f"{{{case}}}" in tex
