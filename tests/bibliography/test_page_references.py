"""The automatic per-page References section is what an explicit
``{bibliography}`` with a docname filter would give."""

import re
import shutil

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp


def _reference_list(srcdir) -> tuple[str, list[str]]:
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
        assert app.statuscode == 0, app.warning.getvalue()
        page = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    finally:
        app.cleanup()
    container = page.select_one("div.apa-references")
    assert container is not None
    citations = [a["href"] for a in page.select("a.reference.internal[href^='#ref-']")]
    return str(container), citations


def test_automatic_list_equals_explicit_filtered_bibliography(rootdir, tmp_path):
    automatic = tmp_path / "automatic"
    shutil.copytree(rootdir / "test-apa", automatic)
    explicit = tmp_path / "explicit"
    shutil.copytree(rootdir / "test-apa", explicit)
    index = explicit / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        + "\n## References\n\n```{bibliography}\n:filter: docname in docnames\n```\n",
        encoding="utf-8",
    )

    auto_list, auto_links = _reference_list(automatic)
    explicit_list, explicit_links = _reference_list(explicit)
    # Same entries, same order, same ids (citations link to the same anchors).
    assert auto_list == explicit_list
    assert auto_links == explicit_links
    assert len(re.findall(r'class="apa-reference"', auto_list)) >= 10
