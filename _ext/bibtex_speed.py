"""Bibliography plugins are looked up once per build, not once per citation.

pybtex and sphinxcontrib-bibtex find a plugin (a citation style, the
plain-text backend, a sorting style) by scanning the entry points of every
installed package, and they do it again on every lookup: for every citation
and every formatted reference.  Profiling a build with 500 case studies
showed this lookup as the largest cost after the navigation tree.  Both
libraries check their runtime registry before the entry points, so this
extension registers the installed plugins there once, at startup.  A plugin
registered at runtime by another extension (apa_style's "apa") is left as it
is.
"""

from importlib.metadata import distributions

import pybtex.plugin
import sphinxcontrib.bibtex.plugin as bibtex_plugin
from sphinx.application import Sphinx


def _pybtex_group(group: str) -> bool:
    base = group.removesuffix(".aliases").removesuffix(".suffixes")
    return base in pybtex.plugin._DEFAULT_PLUGINS


def register_installed_plugins() -> None:
    for entry_point in (ep for dist in distributions() for ep in dist.entry_points):
        group, name = entry_point.group, entry_point.name
        if _pybtex_group(group):
            if name not in pybtex.plugin._RUNTIME_PLUGINS.get(group, {}):
                pybtex.plugin.register_plugin(group, name, entry_point.load(), force=True)
        elif group in bibtex_plugin._runtime_plugins:
            if name not in bibtex_plugin._runtime_plugins[group]:
                bibtex_plugin.register_plugin(group, name, entry_point.load(), force=True)


def setup(app: Sphinx) -> dict:
    register_installed_plugins()
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
