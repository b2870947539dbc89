from pathlib import Path

from _ext import csp

# Test roots are copied to a temporary folder: find the real templates
# through the project's extension package.
TEMPLATES = Path(csp.__file__).resolve().parents[1] / "_templates"

extensions = ["myst_parser", "sphinx_reredirects", "_ext.csp", "_ext.furo_page"]
html_theme = "furo"
language = "en_NZ"
templates_path = [str(TEMPLATES)]
redirects = {"moved": "/index.html"}
redirect_html_template_file = str(TEMPLATES / "redirect.html")
