extensions = ["myst_parser", "_ext.safe_content"]
myst_enable_extensions = ["colon_fence", "attrs_inline", "attrs_block"]
exclude_patterns = ["_build"]
