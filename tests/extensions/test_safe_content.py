"""Contributed pages cannot inject HTML: each way in fails the build."""

import build_failure
import pytest
from sphinx.errors import ConfigError

# page -> (line, words the message must contain)
EXPECTED = {
    "html-block.md": (5, ['found "<script>alert("hi")</script>"', "scripts are not allowed"]),
    "inline-html.md": (3, ['<span onclick="steal()">', "event handlers"]),
    "raw-directive.md": (3, ["raw directive is not allowed", "link to the video or page instead"]),
    "eval-rst-raw.md": (6, ["raw directive is not allowed", "the theme does the styling"]),
    "eval-rst-raw-role.md": (7, ["raw roles are not allowed", "*text*"]),
    "html-comment.md": (3, ["<!-- TODO", "starting with %"]),
    "meta-refresh.md": (1, ["http-equiv", "refresh"]),
    "script-link.md": (4, ["links must go to a web address", "javascript:alert(1)"]),
}


@pytest.fixture
def failed_build(app):
    return build_failure.failed_build(app, problems=8)


@pytest.mark.sphinx("html", testroot="safe-content")
@pytest.mark.parametrize("page", EXPECTED)
def test_each_way_of_injecting_html_fails_naming_file_and_line(failed_build, page):
    line, words = EXPECTED[page]
    reports = [r for r in failed_build.splitlines() if f"{page}:" in r and "ERROR" in r]
    assert len(reports) == 1, failed_build
    if line is not None:
        assert f"{page}:{line}:" in reports[0]
    for word in words:
        assert word in reports[0]


@pytest.mark.sphinx("html", testroot="safe-content")
def test_rejected_html_is_not_written_into_the_pages(app, failed_build):
    """The failed build still writes its pages: none carries what was rejected."""
    for page in EXPECTED:
        html = (app.outdir / page.replace(".md", ".html")).read_text(encoding="utf-8")
        for injected in (
            "alert(",
            "onclick",
            "<iframe",
            "<style>body",
            "<b>bold",
            "TODO",
            "http-equiv",
            "javascript:",
        ):
            assert injected not in html, (page, injected)


@pytest.mark.sphinx("html", testroot="safe-content")
def test_markdown_code_and_comments_are_not_flagged(failed_build):
    assert "clean.md" not in failed_build


@pytest.mark.sphinx("html", testroot="safe-content")
def test_raw_html_from_a_project_extension_is_allowed(app):
    """Extensions build raw nodes in code (no source line): those pass."""
    from docutils import nodes

    def add_trusted_html(app, doctree):
        doctree += nodes.raw("", '<p class="from-extension">ok</p>', format="html")

    app.connect("doctree-read", add_trusted_html, priority=100)
    for page in EXPECTED:
        (app.srcdir / page).unlink()
    (app.srcdir / "index.md").write_text("# Safe content\n\nText.\n", encoding="utf-8")
    app.build(force_all=True)
    assert 'class="from-extension"' in (app.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx(
    "html", testroot="safe-content", confoverrides={"myst_enable_extensions": ["html_image"]}
)
def test_html_parsing_myst_extensions_are_refused(make_app, app_params):
    args, kwargs = app_params
    with pytest.raises(ConfigError, match="remove html_image from myst_enable_extensions"):
        make_app(*args, **kwargs)


@pytest.mark.sphinx("html", testroot="safe-content")
def test_docutils_raw_setting_is_off(app):
    """Defence in depth: docutils' own raw directive and role refuse too."""
    assert app.env.settings["raw_enabled"] is False
