"""sitemap.xml listing every page of the guide.

Why not sphinx-sitemap: it lists only the pages written by the current
build, so an incremental build publishes an incomplete sitemap (its issue
#13, open since 2018), and its order follows the order pages happen to be
written.  Here the list comes from the environment, which knows every page,
sorted, so the file is complete and byte-identical from build to build.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

from sphinx.builders.singlehtml import SingleFileHTMLBuilder

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    # The web site's pages: not the one-page builds (singlehtml, the PDF's),
    # nor an ebook's.
    if (
        exception is not None
        or app.builder.format != "html"
        or app.builder.name == "epub"
        or isinstance(app.builder, SingleFileHTMLBuilder)
    ):
        return
    site_url = app.config.html_baseurl.rstrip("/") + "/"
    urlset = ET.Element("urlset", xmlns=NAMESPACE)
    for docname in sorted(app.env.found_docs):
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = site_url + app.builder.get_target_uri(docname)
    ET.indent(urlset)
    tree = ET.ElementTree(urlset)
    tree.write(Path(app.outdir) / "sitemap.xml", encoding="utf-8", xml_declaration=True)


def check_base_url(app: Sphinx, config: Config) -> None:
    if not config.html_baseurl:
        from sphinx.errors import ConfigError

        raise ConfigError(
            "conf.py: html_baseurl is empty; the sitemap needs the site's "
            "public address, e.g. html_baseurl = 'https://example.org/guide/'"
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", check_base_url)
    app.connect("build-finished", write_sitemap)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
