"""make check-links: every internal link and anchor of the built HTML resolves."""

import pytest

from tools import check_links


@pytest.mark.sphinx("html", testroot="check-links")
def test_broken_file_and_anchor_are_reported_with_page_and_target(app, capsys):
    app.build()

    status = check_links.main([str(app.outdir)])

    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    assert lines[:2] == [
        "index.html: link to 'missing.html': no such file",
        "other.html: link to 'index.html#no-such-place': no such anchor",
    ]
    assert lines[2].startswith("check-links: 2 broken internal link(s) on 2 page(s)")
    assert len(lines) == 3


@pytest.mark.sphinx("html", testroot="check-links")
def test_working_links_pass(app, capsys):
    app.build()
    (app.outdir / "index.html").write_text(
        (app.outdir / "index.html").read_text().replace('href="missing.html"', 'href="other.html"')
    )
    (app.outdir / "other.html").write_text(
        (app.outdir / "other.html").read_text().replace("#no-such-place", "#start-target")
    )

    assert check_links.main([str(app.outdir)]) == 0
    assert "all" in capsys.readouterr().out


def test_unbuilt_site_is_a_usage_error(tmp_path, capsys):
    assert check_links.main([str(tmp_path)]) == 2
    assert "build the site first" in capsys.readouterr().err


@pytest.mark.slow
def test_real_site_has_no_broken_internal_links(site_html):
    problems, pages, links = check_links.check_site(site_html)
    assert not problems, "\n".join(map(str, problems))
    assert pages > 1 and links > 0
