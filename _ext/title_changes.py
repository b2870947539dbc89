"""After an incremental build, every page shows the current titles.

Sphinx rewrites only the pages it re-read (and their parents in the
toctree).  Other pages show other pages' titles too: in the sidebar (the
whole site's toctree, which Furo and many themes put on every page), in the
text of ``{doc}`` links (page titles) and of ``{ref}`` links (labelled
section titles).  So after an incremental build in which a page or section
title changed, those pages would still show the old title until a clean
build.  This extension keeps a digest of every such title, and when it has
changed asks Sphinx to rewrite every page.  A body edit changes no title
and still rewrites only its page.

Upstream: sphinx-doc/sphinx#5506 ("index.rst changes should force
rebuilding every html file", open; also #1360): Sphinx does not track which
pages show another page's title.  Delete this extension when Sphinx
rewrites the pages that show a changed title itself (tests/extensions/test_title_changes.py
then passes without it in the test site's conf.py).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util import logging

from .fast_navigation import FURO_TOCTREE_ARGS
from .stamps import read_stamp

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

# A document name no page can have: the tree as seen from no page in particular.
PROBE_DOCNAME = "__title-changes-probe__"


def titles_fingerprint(app: Sphinx, env: BuildEnvironment) -> str:
    """A digest of everything that shows another page's or section's title.

    The sidebar (the resolved global toctree), ``{doc}`` links (page titles)
    and ``{ref}`` links (labelled section titles).
    """
    digest = hashlib.sha256()
    # The whole site's tree of pages as a sidebar shows it (Furo's toctree()
    # arguments); section titles are covered by the labels below.
    tree = global_toctree_for_doc(
        env, PROBE_DOCNAME, app.builder, tags=app.builder.tags, **FURO_TOCTREE_ARGS
    )
    digest.update((tree.pformat() if tree is not None else "").encode())
    for docname in sorted(env.titles):
        digest.update(f"\0{docname}\0{env.titles[docname].astext()}".encode())
    for label, (docname, _anchor, title) in sorted(env.domains.standard_domain.labels.items()):
        digest.update(f"\0{label}\0{docname}\0{title}".encode())
    return digest.hexdigest()


def _rewrite_all_when_titles_change(app: Sphinx, env: BuildEnvironment) -> list:
    """On ``env-updated``: every page, if a title any page shows has changed.

    The digest is kept on the environment (pickled with it between builds);
    it is computed here, in the main process after parallel reading is
    merged, so it needs no per-document purge or merge.  With it is kept
    the environment's read stamp: a build that read and removed no page
    cannot have changed a title, so the digest is not worked out again.
    """
    if app.builder.format != "html":
        return []
    stamp = read_stamp(env)
    if getattr(env, "title_changes_read_stamp", None) == stamp:
        return []
    env.title_changes_read_stamp = stamp  # type: ignore[attr-defined]
    fingerprint = titles_fingerprint(app, env)
    previous = getattr(env, "title_changes_fingerprint", None)
    # An attribute of its own on the environment, pickled with it.
    env.title_changes_fingerprint = fingerprint  # type: ignore[attr-defined]
    if previous is None or previous == fingerprint:
        return []
    logger.info("title_changes: a title shown on other pages changed; rewriting every page")
    return sorted(env.found_docs)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("env-updated", _rewrite_all_when_titles_change)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
