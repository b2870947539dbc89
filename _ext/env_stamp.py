"""A digest of what the environment has read: the cheap test for a no-op.

Some work that extensions do once per build (a digest of every title the
sidebar shows, the formatting of every reference list, the sidebar itself)
depends only on the pages Sphinx has read.  Sphinx records when it last read
each page (``env.all_docs``: page -> time of reading) and forgets a removed
page, so a digest of that record changes exactly when a build has read or
removed a page; a configuration change that affects the pages makes Sphinx
read them all.  An extension keeps its result with the stamp it was worked
out at and, when the stamp is the same, uses it instead of working it out
again.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def read_stamp(env: BuildEnvironment) -> str:
    """Changes whenever the environment reads or removes a page."""
    digest = hashlib.sha256()
    for docname, read_at in sorted(env.all_docs.items()):
        digest.update(f"{docname}\0{read_at}\0".encode())
    return digest.hexdigest()
