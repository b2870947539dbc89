# A small guide with every generated index: three factors (one with no case
# studies), three case studies, sector and factor lists, the matrix and the
# self-assessment.  Used for output, incremental and parallel build tests.
extensions = ["myst_parser", "frontmatter", "case_study_index", "self_assessment",
              "review_dates", "te_reo"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = False
toolkit_review_every_months = 12
toolkit_contribute_url = "https://example.org/guide/blob/main/CONTRIBUTING.md"
latex_engine = "xelatex"
