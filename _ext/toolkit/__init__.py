"""The toolkit: front matter, generated indexes, self-assessment, review dates,
the social media policy's clauses, builder and Word templates.

One extension with one ``setup``, as sphinx-design is: list ``_ext.toolkit``
in conf.py.  Its parts, one concern per module:

* ``schema``: the front matter fields (the one definition);
* ``frontmatter``: parse and check front matter (plain functions, no Sphinx);
* ``domain``: the per-page data Sphinx purges and merges for us;
* ``pages``: check each page's front matter as it is read, and the helpers
  the generated indexes read;
* ``case_studies``: ``{case-study-list}`` and ``{success-factor-matrix}``;
* ``case_study_browser``: filters and sorting over the full list, in the browser;
* ``self_assessment``: ``{self-check}`` and ``{self-assessment}``;
* ``policy``: ``{policy-clause}``, the social media policy's clauses;
* ``policy_builder``: ``{policy-builder}``, a reader's draft from them;
* ``policy_word``: the Word templates and ``{policy-templates}``;
* ``review_dates``: the owner and review line under each page's title.

Its CSS and JavaScript are in ``static/`` beside this file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import assets
from . import (
    case_studies,
    case_study_browser,
    pages,
    policy,
    policy_builder,
    policy_word,
    review_dates,
    self_assessment,
)
from .domain import ToolkitDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("_ext.content_problems")
    # The matrix is a docutils table; its header cells say what they head
    # (scope) through the accessibility extension's HTML translator.
    app.setup_extension("_ext.accessibility")
    app.add_domain(ToolkitDomain)
    pages.setup(app)
    case_studies.setup(app)
    case_study_browser.setup(app)
    self_assessment.setup(app)
    policy.setup(app)
    policy_builder.setup(app)
    policy_word.setup(app)
    review_dates.setup(app)
    assets.add_static_dir(app, Path(__file__).parent / "static")
    app.add_css_file("toolkit.css")
    return {
        "version": "2",
        "env_version": 5,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
