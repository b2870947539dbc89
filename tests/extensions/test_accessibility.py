"""accessibility and external_links on a small project: alt text is required,
ARIA attributes are complete, links to other sites get rel="noopener".

The real site in a browser (axe-core) is tests/site/test_site_in_browser.py.
"""

import pytest
from bs4 import BeautifulSoup
from build_failure import failed_build


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="accessibility")
def test_images_with_alt_text_build(app):
    app.build()
    assert not app.warning.getvalue()
    assert [img["alt"] for img in soup(app, "images.html").find_all("img")] == [
        "A described picture",
        "A described figure",
    ]


@pytest.mark.sphinx("html", testroot="accessibility")
@pytest.mark.parametrize(
    "markdown",
    [
        "![](pic.gif)",
        "![   ](pic.gif)",
        "```{image} pic.gif\n```",
        "```{figure} pic.gif\n\nA caption is not alt text.\n```",
    ],
)
def test_image_without_alt_text_fails_naming_file_and_line(app, markdown):
    page = app.srcdir / "images.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{markdown}\n", encoding="utf-8")
    # images.md has 9 lines, then a blank line: the new image is on line 11.
    warnings = failed_build(app, problems=1)
    assert 'images.md:11: ERROR: image "pic.gif" has no alt text' in warnings


@pytest.mark.sphinx("html", testroot="accessibility")
def test_toctree_captions_have_a_heading_level(app):
    app.build()
    captions = soup(app, "index.html").select('[role="heading"]')
    assert captions and all(c.get("aria-level") == "2" for c in captions)


@pytest.mark.sphinx("html", testroot="accessibility")
def test_citations_are_list_items_not_deprecated_roles(app):
    app.build()
    page = soup(app, "index.html")
    assert not page.select('[role="doc-biblioentry"]')
    for citation in page.select("div.citation"):
        assert citation["role"] == "listitem"
        assert citation.parent.get("role") == "list"


@pytest.mark.sphinx("html", testroot="accessibility")
def test_only_links_to_other_sites_get_noopener(app):
    app.build()
    rels = {
        a["href"]: a.get("rel")
        for a in soup(app, "index.html").select("a[href]")
        if not a["href"].startswith("#")
    }
    assert rels["https://example.org"] == ["noopener"]
    assert rels["images.html"] is None
    assert [rel for href, rel in rels.items() if href.startswith("mailto:")] == [None]


@pytest.mark.sphinx("html", testroot="accessibility")
def test_table_header_cells_say_what_they_head(app):
    app.build()
    table = soup(app, "tables.html").find("table")
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col", "col"]
    assert [row.th["scope"] for row in table.tbody.find_all("tr")] == ["row", "row"]
    assert not table.tbody.find("td", scope=True)
