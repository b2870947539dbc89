"""A content security policy on every page: the browser runs only the site's own code.

Contributors cannot put HTML in pages (``_ext.safe_content``); the policy is
the second line of defence, in the browser, against a script that gets into
a page anyway (a gap in that check, a script that writes HTML from a search
term or a web address): the browser loads scripts, styles, fonts, images and
data only from the site itself, and runs no inline script but the theme's own.

Every page carries the policy in a ``<meta http-equiv>`` tag, written by
``_templates/page.html`` from ``content_security_policy`` (set here on
``html-page-context``).  The inline code the templates write is allowed by
its SHA-256 hash, computed from the page as rendered: Furo's colour-mode
``<script>``, its ``<style>`` of colour variables, and ``style`` attributes
(Furo's icons, Sphinx's index tables, docutils' column widths).  A hash is
only known once the page is rendered, so the page's template renders through
``PolicyTemplateLoader`` (Sphinx's ``template_bridge`` setting, a public
extension point), which puts the policy in place of a placeholder.

An inline ``<script>`` or ``<style>`` whose text comes from the page's
content (anything in the template context: the body, titles, navigation)
is not the theme's: it gets no hash, the browser blocks it, and the build
warns.  Style attributes are allowed wherever they are, because docutils
writes them itself (column widths); CSS cannot run script, and it cannot
load anything from another site under this policy either.

Redirect pages (sphinx-reredirects, ``_templates/redirect.html``) load
nothing and carry a fixed policy that allows nothing: ``default-src 'none'``.

What a policy in a ``<meta>`` tag cannot do: ``frame-ancestors`` (framing
by other sites), ``report-uri`` and ``sandbox`` are ignored there; they need
an HTTP header, which GitHub Pages does not let a site set.

``guide_content_security_policy = False`` leaves the policy out (``make
livehtml`` does: sphinx-autobuild adds an inline script that reloads the
page on save, which the policy would block).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

# The policy before the page's hashes are added: each directive's sources.
# default-src covers what is not named (fonts, connections such as the search
# page's fetches, frames, media, workers).
POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    # Furo's stylesheet draws its icons from data: SVG images (mask-image).
    "img-src": ("'self'", "data:"),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

# What the template prints until the page is rendered and its hashes known.
PLACEHOLDER = "guide-content-security-policy-placeholder"

# <script> and <style> elements with their text, and style attributes' values.
# Searches for a literal, lower-case start: fast (well under a millisecond
# for a large page), where an HTML parser takes ten milliseconds or more.
# Sphinx, docutils and Furo write lower-case tags and quoted attribute
# values.  Inline code written otherwise is not found, so it gets no hash:
# the browser blocks it, and tests/extensions/test_csp.py shows that.
_ELEMENT = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1>", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r"""style=(?:"([^"]*)"|'([^']*)')""")
_SRC_ATTRIBUTE = re.compile(r"\ssrc=")
_TYPE_ATTRIBUTE = re.compile(r"""\stype=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
# The script types a browser runs (HTML's JavaScript MIME types, modules,
# import maps, speculation rules): any other type is a data block, such as
# the policy builder's JSON, which the browser never runs or checks.
_RUN_TYPES = re.compile(
    r"|module|importmap|speculationrules|(?:text|application)/(?:x-)?(?:java|ecma)script"
    r"|text/javascript1\.[0-5]|text/(?:jscript|livescript)"
)


def source_hash(text: str) -> str:
    """The CSP source that allows inline code whose text is *text*."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def runs(attributes: str) -> bool:
    """Whether a <script> with these attributes is code the browser runs."""
    match = _TYPE_ATTRIBUTE.search(attributes)
    kind = next((value for value in match.groups() if value is not None), "") if match else ""
    return bool(_RUN_TYPES.fullmatch(kind.strip().lower()))


def inline_code(page: str) -> tuple[list[str], list[str], list[str]]:
    """The page's inline scripts (code, not data), ``<style>`` elements and
    style attributes, in order."""
    scripts, styles = [], []
    for element, attributes, text in _ELEMENT.findall(page):
        if element == "style":
            styles.append(text)
        elif not _SRC_ATTRIBUTE.search(attributes) and runs(attributes):
            scripts.append(text)
    # The browser hashes an attribute's value after decoding character
    # references (&quot; and the like).  "style=" must start an attribute
    # name (data-style= is another attribute).
    attributes = [
        html.unescape(match[1] if match[1] is not None else match[2])
        for match in _STYLE_ATTRIBUTE.finditer(page)
        if page[match.start() - 1].isspace()
    ]
    return scripts, styles, attributes


def _strings(value: Any, depth: int = 0) -> Iterator[str]:
    """Every string in a template context value, in dicts and lists too.

    Three levels are enough for Sphinx's and Furo's context (``parents``, a
    list of dicts, is the deepest).
    """
    if isinstance(value, str):
        yield value
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _strings(item, depth + 1)
    elif depth < 3 and isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, depth + 1)


def policy(page: str, context: dict[str, Any]) -> str:
    """The policy for the rendered *page*: ``POLICY`` and its inline code's hashes."""
    scripts, styles, attributes = inline_code(page)
    content = [value for value in _strings(context) if value]
    sources = {directive: list(allowed) for directive, allowed in POLICY.items()}
    for directive, element, texts in (
        ("script-src", "script", scripts),
        ("style-src", "style", styles),
    ):
        for text in texts:
            if text and any(text in value for value in content):
                logger.warning(
                    "the page's content has an inline <%s> (%r); the content security "
                    "policy does not allow it, so browsers will not run it. Scripts and "
                    "styles belong in an extension's static folder.",
                    element,
                    text.strip()[:60],
                    location=context.get("pagename"),
                    type="csp",
                    subtype="content",
                )
            else:
                sources[directive].append(source_hash(text))
    if attributes:
        # Hashes match style attributes only with 'unsafe-hashes' (CSP 3);
        # only the attributes whose hashes are listed are allowed.
        sources["style-src"] += ["'unsafe-hashes'", *map(source_hash, attributes)]
    return "; ".join(
        f"{directive} {' '.join(dict.fromkeys(allowed))}" for directive, allowed in sources.items()
    )


class PolicyTemplateLoader(BuiltinTemplateLoader):
    """Sphinx's template loader, filling in each page's policy once it is rendered."""

    # Sphinx's TemplateBridge declares render() -> None; BuiltinTemplateLoader
    # returns the page, as every caller expects.
    def render(self, template: str, context: dict[str, Any]) -> str:  # type: ignore[override]
        page: str = super().render(template, context)
        if PLACEHOLDER not in page:
            return page
        # The <meta> tag is in <head>, so its placeholder is the first one.
        return page.replace(PLACEHOLDER, policy(page, context), 1)


BRIDGE = f"{__name__}.{PolicyTemplateLoader.__name__}"


def _use_loader(app: Sphinx, config: Config) -> None:
    if not config.guide_content_security_policy:
        return
    if config.template_bridge not in (None, BRIDGE):
        raise ConfigError(
            f"template_bridge = {config.template_bridge!r} in conf.py: _ext.csp renders "
            f"pages through its own ({BRIDGE}) to add their content security policy. "
            "Remove the setting, or set guide_content_security_policy = False."
        )
    config.template_bridge = BRIDGE


def _add_placeholder(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.config.guide_content_security_policy:
        context["content_security_policy"] = PLACEHOLDER


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        "guide_content_security_policy",
        True,
        "html",
        types=[bool],
        description="Put a content security policy on every page",
    )
    app.connect("config-inited", _use_loader)
    app.connect("html-page-context", _add_placeholder)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
