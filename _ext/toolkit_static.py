"""The toolkit's CSS and JavaScript live in the guide's _static folder.

The guide copies _static itself (html_static_path); a test project elsewhere
does not, so the toolkit extensions add the folder when it is missing.
"""

from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "_static"


def use_toolkit_static(app, config) -> None:
    """config-inited handler: make sure the toolkit's _static is copied."""
    paths = [(Path(app.confdir) / path).resolve() for path in config.html_static_path]
    if STATIC not in paths:
        config.html_static_path.append(str(STATIC))


def setup(app):
    app.connect("config-inited", use_toolkit_static)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
