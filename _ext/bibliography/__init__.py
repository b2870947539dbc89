"""The guide's bibliography: APA 7, a reference list per page, checks, speed-ups.

One extension with one ``setup`` on top of sphinxcontrib-bibtex: list
``_ext.bibliography`` in conf.py.  Its parts, one concern per module:

* ``apa_style``: APA 7 reference list entries and (Author, Year) citations;
* ``links``: which url, doi and urldate values may reach a page;
* ``checks``: a broken .bib file, an unsafe link or a cited key that does not
  exist fails the build with file, line and what to do;
* ``page_references``: every page that cites ends with its own References;
* ``speed``: the bibliography's cost linear in pages (tested versions only).

Private APIs of sphinxcontrib-bibtex and pybtex are used only through
``_ext.compat``, which checks the installed versions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import assets
from . import apa_style, checks, page_references, speed

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("_ext.content_problems")
    apa_style.register(app)
    checks.register(app)
    page_references.register(app)
    speed.register(app)
    assets.add_static_dir(app, Path(__file__).parent / "static")
    # env_version: the kept formatted lists and the checks' records change
    # shape with this package; a new number makes Sphinx read every page.
    return {
        "version": "2",
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
