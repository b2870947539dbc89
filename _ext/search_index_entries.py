"""After an incremental build, the search still finds every page's index entries.

Sphinx's search (searchindex.js) matches the site's index entries, such as
the glossary's terms, as well as the words of each page.  After a build that
writes only some pages (an incremental build, a rebuild with nothing
changed, ``make livehtml`` after each save), the index keeps the entries of
the pages written in that build only: Sphinx loads the rest of the last
index without them.  Upstream: sphinx-doc/sphinx#12599 (open).

Just before Sphinx writes the search index (``html-collect-pages`` is the
last event before it), this extension gives it every page's entries as the
index domain collected them when each page was read, which is what a full
build gives it page by page.  Delete this extension when #12599 is fixed:
tests/extensions/test_search_index_entries.py then passes without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util.index_entries import split_index_msg

from . import compat

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def page_entries(entries: Iterable[tuple[str, str, str, str, Any]]) -> list[tuple[str, str, str]]:
    """A page's search index entries, as Sphinx's ``IndexBuilder.feed`` makes them."""
    found: set[tuple[str, str, str]] = set()
    for entry_type, value, target_id, main, _category_key in entries:
        try:
            result = split_index_msg(entry_type, value)
        except ValueError:
            continue
        target_id = target_id or ""
        if entry_type in {"see", "seealso"}:
            found.add((result[0], target_id, main))
        found |= {(x, target_id, main) for x in result}
    return sorted(found)


def _give_every_page_its_entries(app: Sphinx) -> list:
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None:  # no search index (another builder, or html_search off)
        return []
    if not compat.require_tested(
        app,
        "the search index's entries after incremental builds (search_index_entries)",
        "sphinx",
        effect="After an incremental build the search may miss index entries "
        "(sphinx-doc/sphinx#12599) until a clean build (make clean html)",
    ):
        return []
    by_page, pages = compat.search_index_entries(indexer)
    collected = app.env.domains.index_domain.entries
    by_page.clear()
    for docname in pages:
        by_page[docname] = page_entries(collected.get(docname, ()))
    return []


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("html-collect-pages", _give_every_page_its_entries)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
