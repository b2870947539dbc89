"""Links to other sites cannot reach back into the guide.

Every link whose address is another site gets ``rel="noopener"``: the page
it opens gets no handle on the guide's window (``window.opener``), whichever
way the reader opens it.  The templates' own links to other sites carry it
too (_templates/); tests/test_privacy.py checks every page of the built site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

REL = "noopener"


def is_external(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme in ("http", "https") or (not parts.scheme and uri.startswith("//"))


def with_rel(rel: str, value: str) -> str:
    words = rel.split()
    return " ".join(words if value in words else [*words, value])


class NoopenerOnExternalLinks(SphinxPostTransform):
    default_priority = 900  # after references are resolved
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for reference in self.document.findall(nodes.reference):
            if not reference.get("internal") and is_external(reference.get("refuri", "")):
                reference["rel"] = with_rel(reference.get("rel", ""), REL)


def setup(app):
    app.add_post_transform(NoopenerOnExternalLinks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
