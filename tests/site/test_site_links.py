"""Edit/report links, link previews, sitemap and redirects (issue: contributor workflow)."""

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup


def page(app, name):
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="site-links")
def test_edit_and_report_links_come_from_conf(app):
    app.build()
    links = page(app, "guidance/new-name.html").select(".page-links a")
    edit, report = (a["href"] for a in links)
    assert edit == "https://github.com/example/guide/edit/main/guidance/new-name.md"
    url = urlparse(report)
    assert url.path == "/example/guide/issues/new"
    query = parse_qs(url.query)
    assert query["template"] == ["report-a-problem.yml"]
    assert query["page"] == ["guidance/new-name.md"]


@pytest.mark.sphinx("html", testroot="site-links")
def test_link_previews(app):
    app.build()
    soup = page(app, "guidance/new-name.html")
    meta = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert meta["og:title"] == "Writing a policy"
    assert meta["og:url"] == "https://example.org/guide/guidance/new-name.html"
    assert meta["og:image"] == "https://example.org/guide/_static/card.png"
    assert "moved here" in meta["og:description"]


@pytest.mark.sphinx("html", testroot="site-links")
def test_sitemap_lists_every_page(app):
    app.build()
    tree = ET.parse(app.outdir / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in tree.findall(".//s:loc", namespace)}
    assert {
        "https://example.org/guide/index.html",
        "https://example.org/guide/guidance/new-name.html",
    } <= locations


@pytest.mark.sphinx("html", testroot="site-links")
def test_old_address_redirects_to_new_page(app):
    app.build()
    soup = page(app, "guidance/old-name.html")
    assert soup.html["lang"] == "en-NZ"
    assert soup.title.string == "This page has moved"
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == "0; url=../guidance/new-name.html"
    assert soup.find("a")["href"] == "../guidance/new-name.html"


@pytest.mark.sphinx("html", testroot="site-links", freshenv=True)
def test_sitemap_stays_complete_after_incremental_build(app):
    app.build()
    page_path = app.srcdir / "guidance" / "new-name.md"
    page_path.write_text(
        page_path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8"
    )
    app.build()  # writes only the edited page
    sitemap = (app.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/guide/index.html" in sitemap
    assert "https://example.org/guide/guidance/new-name.html" in sitemap
