# The te reo Māori role and macron-blind search, without the rest of the toolkit.
extensions = ["myst_parser", "_ext.te_reo"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_search_language = "en"
