"""Furo's page template with the guide's accessibility fixes, without a copy.

``_templates/page.html`` extends Furo's own page (``!page.html``) and
overrides only the blocks that change.  Furo writes the page's frame (the
two sidebars, the article) as one ``body`` block, not as blocks of their
own, so three fixes are made to what that block renders, by
``furo_page_fixes`` (put in the template context here):

* the site navigation and "On this page" are named ``nav`` landmarks, not
  two unnamed ``aside`` (complementary) landmarks;
* the main landmark starts before the "Back to top" link and the page's
  icons, so nothing on the page is outside a landmark, and takes focus
  (``tabindex="-1"``) when the skip link is followed;
* links to other sites (the footer's "Made with Sphinx and Furo") carry
  ``rel="noopener"``, as every other link to another site does.

Each fix must find exactly what it expects in Furo's markup.  When a Furo
release changes that markup, the build fails, naming the fix and what it
looked for, instead of publishing pages without the fix or from a stale
copy of Furo's template.  tests/extensions/test_furo_page.py checks the fixes against
the installed Furo, and tests/site/test_site_in_browser.py (axe-core) the result.

Upstream: Furo's sidebars are ``aside`` elements and its skip link target
has no tabindex; no upstream issue found that asks for named ``nav``
landmarks or for the "Back to top" link inside the main landmark.  Delete
a fix when Furo's own page.html makes it (the fix then fails to match and
says so) and this module when none is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import version
from typing import TYPE_CHECKING

from sphinx.errors import ThemeError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


@dataclass(frozen=True)
class RenameElement:
    """Give the one element whose start tag matches ``start`` a new tag name and attributes."""

    why: str
    start: str  # a regular expression for the start tag; group 1: its class attribute
    name: str
    attributes: str

    def apply(self, html: str) -> str:
        match = _one(self, re.compile(self.start), html)
        old = match.group(0)[1:].split()[0].rstrip(">")
        end = _end_tag(html, old, match.end())
        if end is None:
            raise _missing(self, f"the </{old}> that closes {match.group(0)}")
        return (
            html[: match.start()]
            + f'<{self.name} class="{match.group(1)}" {self.attributes}>'
            + html[match.end() : end]
            + f"</{self.name}>"
            + html[end + len(f"</{old}>") :]
        )


@dataclass(frozen=True)
class MoveStartTag:
    """Move the start tag ``tag`` to just after ``after`` (both exactly once), as ``new``."""

    why: str
    tag: str
    after: str
    new: str

    def apply(self, html: str) -> str:
        html = html.replace(_one(self, re.compile(re.escape(self.tag)), html).group(0), "", 1)
        anchor = _one(self, re.compile(re.escape(self.after)), html)
        return html[: anchor.end()] + self.new + html[anchor.end() :]


@dataclass(frozen=True)
class AddRel:
    """Add ``rel`` to each link to another site that has none."""

    why: str
    rel: str

    def apply(self, html: str) -> str:
        return re.sub(
            r'<a ((?:(?!rel=)[^>])*\bhref="(?:https?:)?//[^"]*"(?:(?!rel=)[^>])*)>',
            rf'<a \1 rel="{self.rel}">',
            html,
        )


FIXES = (
    RenameElement(
        "the site navigation is a named nav landmark, not a second unnamed aside",
        r'<aside class="(sidebar-drawer)">',
        "nav",
        'aria-label="Site"',
    ),
    RenameElement(
        '"On this page" is a named nav landmark',
        r'<aside class="(toc-drawer(?: no-toc)?)">',
        "nav",
        'aria-label="On this page"',
    ),
    MoveStartTag(
        'everything on the page sits in a landmark: the "Back to top" link and the '
        "page's icons go inside the main landmark, which takes focus from the skip link",
        '<article role="main" id="furo-main-content">',
        '<div class="article-container">',
        '<article role="main" id="furo-main-content" tabindex="-1">',
    ),
    AddRel("every link to another site carries rel=noopener", "noopener"),
)


def furo_page_fixes(html: str) -> str:
    """Furo's rendered ``body`` block with every fix made (the template calls this)."""
    for fix in FIXES:
        html = fix.apply(html)
    return html


def _one(fix, pattern: re.Pattern, html: str) -> re.Match:
    matches = list(pattern.finditer(html))
    if len(matches) != 1:
        raise _missing(fix, f"exactly one {pattern.pattern!r} (found {len(matches)})")
    return matches[0]


def _end_tag(html: str, name: str, position: int) -> int | None:
    """Where the element open at ``position`` ends (nested ones of its name counted)."""
    depth = 1
    for tag in re.compile(rf"<(/?){name}\b").finditer(html, position):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.start()
    return None


def _missing(fix, what: str) -> ThemeError:
    return ThemeError(
        f'_templates/page.html: the accessibility fix "{fix.why}" expects {what} in Furo '
        f"{version('furo')}'s page.html, which has changed; update the fix in "
        "_ext/furo_page.py (or delete it if Furo now does this itself)"
    )


def _add_to_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["furo_page_fixes"] = furo_page_fixes


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("html-page-context", _add_to_context)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
