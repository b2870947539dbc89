"""Stamps of what a result kept between builds was made from.

Several extensions keep a result between builds (the sidebar's template,
the titles' digest, formatted reference lists, .bib checks, Word templates)
and use it again while what it was made from is the same.  Two of those
inputs are common to them all, and are stamped the same way here:

* the pages Sphinx has read.  Sphinx records when it last read each page
  (``env.all_docs``: page -> time of reading) and forgets a removed page, so
  a digest of that record changes exactly when a build has read or removed
  a page; a configuration change that affects the pages makes Sphinx read
  them all;
* the code that made the result: a change to it makes the result again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def read_stamp(env: BuildEnvironment) -> str:
    """Changes whenever the environment reads or removes a page."""
    digest = hashlib.sha256()
    for docname, read_at in sorted(env.all_docs.items()):
        digest.update(f"{docname}\0{read_at}\0".encode())
    return digest.hexdigest()


def code_stamp(*files: str | None) -> str:
    """Changes whenever one of the files changes (call with modules' ``__file__``)."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(Path(file or "").read_bytes())
    return digest.hexdigest()
