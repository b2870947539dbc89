"""The real guide builds strictly: zero warnings, zero errors."""

import pytest


@pytest.mark.slow
def test_real_site_builds_without_warnings(site_html):
    assert (site_html / "index.html").is_file()
