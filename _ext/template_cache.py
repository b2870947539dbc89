"""The site's page templates compiled once, not in every build.

Jinja compiles each template (Furo's page, layout and sidebar, Sphinx's index
and search pages) from source to Python code the first time a process uses
it, and Sphinx gives its Jinja environment no bytecode cache: so every build,
even one that reads nothing, compiles some 25 templates again (about 0.1 s).
Jinja's own ``FileSystemBytecodeCache`` (public API) keeps the compiled
templates in the doctree folder.  Jinja checks each against its template's
source and its own and Python's versions; the folder is per Sphinx version,
which decides how its Jinja environment compiles (its Jinja extensions).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sphinx
from jinja2 import Environment, FileSystemBytecodeCache

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def _keep_compiled_templates(app: Sphinx) -> None:
    # Builders that render templates (HTML, EPUB, the PDF's single page)
    # have a template bridge; its environment is Jinja's.
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if not isinstance(environment, Environment) or environment.bytecode_cache is not None:
        return
    folder = Path(app.doctreedir) / f"jinja-sphinx-{sphinx.__version__}"
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", _keep_compiled_templates)
    # Jinja writes each file whole under a temporary name, then renames it.
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
