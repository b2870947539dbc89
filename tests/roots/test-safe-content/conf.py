extensions = ["myst_parser", "safe_content"]
myst_enable_extensions = ["colon_fence", "attrs_inline", "attrs_block"]
exclude_patterns = ["_build"]
