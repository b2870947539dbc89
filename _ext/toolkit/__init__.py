"""The toolkit: front matter, generated indexes, self-assessment, review dates.

One extension with one ``setup``, as sphinx-design is: list ``_ext.toolkit``
in conf.py.  Its parts, one concern per module:

* ``schema``: the front matter fields (the one definition);
* ``frontmatter``: parse and check front matter (plain functions, no Sphinx);
* ``domain``: the per-page data Sphinx purges and merges for us;
* ``pages``: check each page's front matter as it is read, and the helpers
  the generated indexes read;
* ``case_studies``: ``{case-study-list}`` and ``{success-factor-matrix}``;
* ``self_assessment``: ``{self-check}`` and ``{self-assessment}``;
* ``review_dates``: the owner and review line under each page's title.

Its CSS and JavaScript are in ``static/`` beside this file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import assets
from . import case_studies, pages, review_dates, self_assessment
from .domain import ToolkitDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("_ext.content_problems")
    app.add_domain(ToolkitDomain)
    pages.setup(app)
    case_studies.setup(app)
    self_assessment.setup(app)
    review_dates.setup(app)
    assets.add_static_dir(app, Path(__file__).parent / "static")
    app.add_css_file("toolkit.css")
    return {
        "version": "2",
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
