"""Every private API of another library that the guide's extensions use.

Nothing else in ``_ext`` imports a name starting with an underscore from
Sphinx, sphinxcontrib-bibtex or pybtex: it comes from here.  Each item says
what it works around, the upstream issue where there is one, and when it can
go.  :func:`tested` tells whether the installed version of a library is the
one these were tested with (``TESTED``, the pins of requirements.txt); the
speed-ups that rely on private behaviour switch themselves off, with one
clear warning, outside those versions, and the output stays correct because
each has a public fallback or does nothing.
"""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

# The versions the private APIs below were checked against: requirements.txt's
# pins.  tests/extensions/test_compat.py fails when a pin changes without this table.
TESTED = {
    "sphinx": "9.0.4",
    "sphinxcontrib-bibtex": "2.7.0",
    "pybtex": "0.26.1",
    "furo": "2025.12.19",
}


@functools.cache
def installed(distribution: str) -> str | None:
    """The installed version of *distribution*, or None."""
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def tested(distribution: str) -> bool:
    """Whether the installed *distribution* is the version in ``TESTED``."""
    return installed(distribution) == TESTED[distribution]


ONLY_SLOWER = "The output is correct, only slower"


def require_tested(
    app: Sphinx, feature: str, *distributions: str, effect: str = ONLY_SLOWER
) -> bool:
    """True when every distribution is at its tested version; else warn once.

    The caller leaves the library's own behaviour in place when this returns
    False; *effect* says what that means for the reader of the warning (for
    a speed-up, that the output stays correct).
    """
    untested = [name for name in distributions if not tested(name)]
    for name in untested:
        logger.warning(
            "Switched off %s: they rely on private behaviour of %s, tested with "
            "version %s, but %s is installed. %s; "
            "check _ext/compat.py against the new version and update TESTED.",
            feature,
            name,
            TESTED[name],
            installed(name) or "no version",
            effect,
            type="compat",
            subtype=name,
            once=True,
        )
    return not untested


# -- pybtex ------------------------------------------------------------------------
# pybtex.plugin.find_plugin scans every installed package's entry points on
# every call unless the plugin is in its runtime registry, and so does its
# register_plugin, even with force=True.  pybtex has no public "is this
# registered" call; bibliography.speed reads and fills the registry.  Can go when
# pybtex caches entry points (https://bitbucket.org/pybtex-devs/pybtex/issues/140).


def pybtex_plugin_groups() -> frozenset[str]:
    """The plugin groups pybtex knows (its default registry's keys)."""
    import pybtex.plugin

    return frozenset(pybtex.plugin._DEFAULT_PLUGINS)


def pybtex_runtime_plugins() -> dict[str, dict[str, Any]]:
    """pybtex's runtime plugin registry: group -> name -> class."""
    import pybtex.plugin

    registry: dict[str, dict[str, Any]] = pybtex.plugin._RUNTIME_PLUGINS
    return registry


# -- sphinxcontrib-bibtex -------------------------------------------------------------


def bibtex_runtime_plugins() -> dict[str, dict[str, Any]]:
    """sphinxcontrib-bibtex's runtime plugin registry (same reason as pybtex's)."""
    import sphinxcontrib.bibtex.plugin as bibtex_plugin

    registry: dict[str, dict[str, Any]] = bibtex_plugin._runtime_plugins
    return registry


def bibtex_filter_visitor() -> type:
    """The class that evaluates a bibliography's ``:filter:`` for one entry.

    bibliography.speed filters each list's entries with an index of cited
    pages (in place of the library's ``get_filtered_entries``); the filter
    itself must stay the library's.  Can go when
    sphinxcontrib-bibtex indexes citations itself
    (https://github.com/mcmtroffaes/sphinxcontrib-bibtex/issues/326).
    """
    from sphinxcontrib.bibtex.domain import _FilterVisitor

    return _FilterVisitor


def make_ids(docname: str, lineno: int, ids: set[str], raw_id: str) -> list[str]:
    """An id for a node as sphinxcontrib-bibtex's ``bibliography`` makes it.

    bibliography.page_references builds the per-page list as the directive
    does and must give the same ids.  The library's helper is private; its
    behaviour (docutils' make_id, a warning and no id on a clash) is
    reproduced with public calls when it is missing.
    """
    try:
        from sphinxcontrib.bibtex.bibfile import _make_ids
    except ImportError:  # pragma: no cover - only outside the tested version
        from docutils.nodes import make_id

        if not raw_id:
            return []
        id_ = make_id(raw_id)
        if id_ in ids:
            logger.warning(
                f"duplicate citation id {id_}",
                location=(docname, lineno),
                type="bibtex",
                subtype="duplicate_id",
            )
            return []
        ids.add(id_)
        return [id_]
    result: list[str] = _make_ids(docname=docname, lineno=lineno, ids=ids, raw_id=raw_id)
    return result


# -- Sphinx ---------------------------------------------------------------------------


def sphinx_search_js_dir() -> Path:
    """Where Sphinx keeps its minified Snowball stemmers (JavaScript).

    te_reo's macron-blind search ships Sphinx's English stemmer with a folding
    wrapper; Sphinx names the folder only in a private constant.
    """
    try:
        from sphinx.search import _MINIFIED_JS_PATH
    except ImportError:  # pragma: no cover - only outside the tested version
        import sphinx.search

        return Path(sphinx.search.__file__).parent / "minified-js"
    return Path(_MINIFIED_JS_PATH)


def virtual_doc_names() -> tuple[str, ...]:
    """The pages Sphinx writes without a source (genindex, search...).

    fast_navigation maps sidebar links back to documents, and these are
    documents too.  Sphinx lists them only privately.
    """
    from sphinx.domains.std import StandardDomain

    return tuple(getattr(StandardDomain, "_virtual_doc_names", {"genindex", "modindex", "search"}))


def search_index_entries(indexer: Any) -> tuple[dict[str, list], list[str]]:
    """The search index's index entries by page, and the pages it holds, sorted.

    Sorted because a full build feeds the pages to the index in sorted order
    (``Builder.write_documents``), and the order of the entries for one term
    in searchindex.js follows it.

    search_index_entries (the extension) gives every page's entries to the
    index before Sphinx writes it, working around sphinx-doc/sphinx#12599
    (an incremental build keeps only the written pages' entries).  Sphinx
    keeps both in private attributes of its ``IndexBuilder``; the extension
    uses them only with the tested Sphinx.  Can go with the extension when
    #12599 is fixed.
    """
    entries: dict[str, list] = indexer._index_entries
    return entries, sorted(indexer._titles)
