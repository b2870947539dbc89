"""Glossary terms and index entries on several pages, for the search index."""

extensions = ["myst_parser", "_ext.search_index_entries"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
