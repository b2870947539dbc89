"""The guide's own Sphinx extensions.

conf.py puts the project folder on ``sys.path`` and lists them as
``_ext.<name>``; tests (pytest.ini ``pythonpath``) and ``tools/`` (run as
``python -m tools.<name>`` from the project folder) import them the same way.

* ``_ext.toolkit``: front matter, the generated case study lists and matrix,
  self-assessment, review dates, policy clauses, builder and Word templates
  (one package, one ``setup``).
* ``_ext.bibliography``: APA 7 style, per-page reference lists, checks of
  references.bib, speed-ups (one package, one ``setup``; private APIs of
  sphinxcontrib-bibtex and pybtex only in ``_ext.bibliography.compat``).
* One module per other concern: ``content_problems`` (problems that fail the
  build), ``priorities`` (event order), ``safe_content``, ``csp``, ``accessibility``,
  ``external_links``, ``page_links``, ``sitemap``, ``te_reo``,
  ``furo_page`` (Furo's page with accessibility fixes), ``fast_navigation``,
  ``sidebar_limit``, ``title_changes``, ``latex_book``, ``epub``.
* ``_ext.pdf_book``: the PDF, a builder with its print template and
  stylesheet (one package, one ``setup``).
"""
