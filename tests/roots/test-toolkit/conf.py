# A small guide with every generated index: three factors (one with no case
# studies), three case studies, sector and factor lists, the matrix and the
# self-assessment.  Used for output, incremental and parallel build tests,
# and for the PDF's matrix and worksheet.
extensions = ["myst_parser", "_ext.toolkit", "_ext.te_reo", "_ext.pdf_book"]
language = "en_NZ"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = False
guide_review_every_months = 12
guide_contribute_url = "https://example.org/guide/blob/main/CONTRIBUTING.md"
latex_engine = "xelatex"
