from pathlib import Path

from _ext import page_links

# Test roots are copied to a temporary folder: find the real templates
# through the project's extension package.
TEMPLATES = Path(page_links.__file__).resolve().parents[1] / "_templates"

# _ext.furo_page: the templates' page.html calls its fixes.
extensions = ["myst_parser", "sphinxext.opengraph", "sphinx_reredirects", "_ext.page_links", "_ext.sitemap",
              "_ext.furo_page"]
html_theme = "furo"
language = "en_NZ"
templates_path = [str(TEMPLATES)]
repository_url = "https://github.com/example/guide"
html_baseurl = ogp_site_url = "https://example.org/guide/"
ogp_image = "_static/card.png"
ogp_social_cards = {"enable": False}
redirects = {"guidance/old-name": "/guidance/new-name.html"}
redirect_html_template_file = str(TEMPLATES / "redirect.html")
