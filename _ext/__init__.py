"""The guide's own Sphinx extensions.

conf.py puts the project folder on ``sys.path`` and lists them as
``_ext.<name>``; tests (pytest.ini ``pythonpath``) and ``tools/`` (run as
``python -m tools.<name>`` from the project folder) import them the same way.

Packages: ``_ext.toolkit`` (front matter, generated lists and matrix,
self-assessment, review dates, policy clauses, builder and Word templates),
``_ext.bibliography`` (APA 7 style, references.bib checks, per-page
reference lists, speed-ups) and ``_ext.pdf_book`` (the PDF builder); one
module per other concern.  Private APIs of other libraries are reached only
through ``_ext.compat``; event orders that depend on each other are named in
``_ext.priorities``.  The README's "How the project is laid out" describes each part.
"""
