"""A page template of the project's own, kept compiled between builds."""

extensions = ["myst_parser", "_ext.template_cache"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
templates_path = ["_templates"]
