"""A small site whose navigation has every shape the sidebar must handle."""

extensions = ["myst_parser", "_ext.fast_navigation", "_ext.title_changes"]
source_suffix = {".md": "markdown"}
html_theme = "furo"
exclude_patterns = ["_build"]
