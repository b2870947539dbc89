"""The accessibility fixes to Furo's page: made to the installed Furo's own
template, and a loud failure when its markup no longer matches a fix."""

import re

import pytest
from sphinx.errors import ThemeError

from _ext.furo_page import FIXES, furo_page_fixes


@pytest.mark.sphinx("html", testroot="furo-page")
def test_the_page_has_named_nav_landmarks_and_everything_in_the_main_one(app):
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<aside" not in html
    assert '<nav class="sidebar-drawer" aria-label="Site">' in html
    assert '<nav class="toc-drawer" aria-label="On this page">' in html
    # The main landmark opens the article container, before "Back to top"
    # and the page's icons, and closes after the content.
    container = html.split('<div class="article-container">')[1]
    assert container.lstrip().startswith(
        '<article role="main" id="furo-main-content" tabindex="-1">'
    )
    assert (
        container.index("back-to-top")
        < container.index("A section")
        < container.index("</article>")
    )
    assert html.count("<article") == 1 and html.count("</nav>") == 2
    # Every link to another site (Furo's footer) carries rel="noopener".
    external = re.findall(r'<a [^>]*href="https?://[^>]*>', html)
    assert external and all('rel="noopener"' in tag for tag in external)


@pytest.mark.parametrize("fix", FIXES[:3], ids=["site-nav", "toc-nav", "main"])
def test_a_fix_whose_markup_furo_no_longer_has_fails_naming_it(fix):
    page = (
        '<aside class="sidebar-drawer"></aside><div class="article-container">'
        '<article role="main" id="furo-main-content"></article></div>'
        '<aside class="toc-drawer"></aside>'
    )
    furo_page_fixes(page)  # all there: fine
    broken = {
        "site-nav": page.replace('"sidebar-drawer"', '"sidebar-drawer new"'),
        "toc-nav": page.replace('<aside class="toc-drawer">', "<div>"),
        "main": page.replace('role="main" ', ""),
    }
    name = ["site-nav", "toc-nav", "main"][FIXES.index(fix)]
    with pytest.raises(ThemeError, match=re.escape(fix.why)) as failure:
        furo_page_fixes(broken[name])
    assert "_ext/furo_page.py" in str(failure.value) and "Furo" in str(failure.value)
