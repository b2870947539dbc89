"""Extensions keep their CSS and JavaScript in a ``static`` folder beside them.

As sphinx-design does, each package ships its own assets: the folder is
added to ``html_static_path`` at ``config-inited``, so a test project (or
another site) that loads the extension gets the files without copying them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def add_static_dir(app: Sphinx, directory: Path) -> None:
    """Copy *directory*'s files into the built site's ``_static``."""
    directory = directory.resolve()

    def use(app: Sphinx, config: Config) -> None:
        paths = [(Path(app.confdir) / path).resolve() for path in config.html_static_path]
        if directory not in paths:
            config.html_static_path.append(str(directory))

    app.connect("config-inited", use)
