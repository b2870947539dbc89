"""Unsafe or malformed link fields in a .bib file fail the build and never
reach a page (issue: safe sources)."""

import shutil
from pathlib import Path

import pytest
from build_failure import failed_build
from sphinx.testing.util import SphinxTestApp

from _ext.bibliography import checks as bib_checks
from _ext.bibliography import links as bib_links


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "  JAVASCRIPT:alert(1)",
        "\tjavascript:alert(1)  ",
        "java\tscript:alert(1)",
        "java script:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "Data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        " VBScript:msgbox(1)",
        "file:///etc/passwd",
        "FILE:///C:/Windows",
        "/guidance/page.html",
        "../page.html",
        "www.example.org/page",
        "//example.org/page",
        "https://",
        "https://exa mple.org/",
        'https://example.org/"onmouseover="alert(1)',
        "https://example.org/<script>",
        "mailto:someone@example.org",
        "",
    ],
)
def test_unsafe_or_relative_urls_are_rejected(value):
    assert bib_links.url_problem(value) is not None
    assert bib_links.safe_url(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "https://www.legislation.govt.nz/act/public/2020/0031/latest/LMS23223.html",
        "http://www.stats.govt.nz/browse_for_stats/snapshots-of-nz/yearbook/65plus.aspx",
        "HTTPS://oag.parliament.nz/2013/social-media/",
        "  https://oag.parliament.nz/2013/social-media/  ",
        "https://example.org/search?q=a&b=c#part-2",
    ],
)
def test_web_addresses_are_accepted(value):
    assert bib_links.url_problem(value) is None
    assert bib_links.safe_url(value) == value.strip()


@pytest.mark.parametrize(
    "value",
    [
        "https://doi.org/10.1016/j.pubrev.2010.12.006",
        "doi:10.1016/j.pubrev.2010.12.006",
        "10.1016",
        "10.abc/def",
        "11.1016/j.pubrev",
        '10.1000/x"><script>alert(1)</script>',
        "10.1000/with space",
        "10.1000/it's",
        "",
    ],
)
def test_malformed_dois_are_rejected(value):
    assert bib_links.doi_problem(value) is not None
    assert bib_links.safe_doi_url(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "10.1016/j.pubrev.2010.12.006",
        "10.1093/cdj/bsr009",
        "10.1177/1461444812452411",
        "10.1000.10/abc(1)-2",
    ],
)
def test_dois_are_accepted(value):
    assert bib_links.doi_problem(value) is None
    assert bib_links.safe_doi_url(value) == "https://doi.org/" + value


@pytest.mark.parametrize(
    "value", ["2026-02-30", "2026-13-01", "1 December 2026", "2026-12", "20261201", ""]
)
def test_unreal_dates_are_rejected(value):
    assert bib_links.date_problem(value) is not None


def test_check_bibfile_names_the_field_line_and_what_to_do(rootdir):
    problems = bib_checks.check_bibfile(rootdir / "test-bib-unsafe-links" / "refs.bib")
    assert [(line, message.split(":")[0]) for line, message in problems] == [
        (5, "entry 'script2020page', field 'url'"),
        (13, "entry 'data2020page', field 'url'"),
        (24, "entry 'doi2020bad', field 'doi'"),
        (32, "entry 'date2020bad', field 'urldate'"),
    ]
    messages = [message for _, message in problems]
    assert "'JavaScript:'; only https:// (or http://) web addresses" in messages[0]
    assert "'DATA:'" in messages[1]
    assert "is not a DOI. Write the DOI alone" in messages[2]
    assert (
        "'2026-02-30' is not a real date. Write the date you read the page as YYYY-MM-DD"
        in messages[3]
    )


def test_unsafe_links_fail_the_build_and_never_reach_a_page(rootdir, tmp_path):
    """Also without -W; the output the failed build writes has no such link."""
    srcdir = tmp_path / "unsafe"
    shutil.copytree(rootdir / "test-bib-unsafe-links", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        warnings = failed_build(app, problems=4)
        outdir = Path(app.outdir)
    finally:
        app.cleanup()
    assert "refs.bib:5: ERROR: entry 'script2020page', field 'url':" in warnings
    assert "refs.bib:24: ERROR: entry 'doi2020bad', field 'doi':" in warnings
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert "A page whose address runs a script" in html  # the entry is listed...
    lowered = html.lower()
    for bad in ("javascript:", "data:text/html", "<script>alert", "2026-02-30"):
        assert bad not in lowered, bad  # ...without its link
    # The good URL of the entry with a bad date is still linked.
    assert 'href="https://www.example.org/page"' in html


def test_real_bib_has_only_safe_links():
    real = Path(__file__).resolve().parents[2] / "references.bib"
    assert [p for p in bib_checks.check_bibfile(real) if "field" in p[1]] == []


def test_kept_check_results_follow_edits_of_the_bib_file(rootdir, tmp_path):
    """The checks' results are kept between builds (bib-checks.json) and
    found again when the .bib file changes, also in a build that reads no page."""
    srcdir = tmp_path / "kept"
    shutil.copytree(rootdir / "test-bib-unsafe-links", srcdir)

    def build() -> str:
        app = SphinxTestApp("html", srcdir=srcdir, freshenv=False)
        try:
            app.build()
            return app.warning.getvalue()
        finally:
            app.cleanup()

    assert "4 problems" in build()
    assert "4 problems" in build()  # nothing changed: the kept results
    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("2026-02-30", "2026-02-28"), encoding="utf-8"
    )
    after = build()
    assert "3 problems" in after
    assert "date2020bad" not in after
