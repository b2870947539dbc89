# Furo with the guide's page template (_templates/page.html in the project,
# found through _ext, as the test copy of this folder lives elsewhere) and
# its fixes: one page is enough to see the page's frame.
from pathlib import Path

import _ext

extensions = ["myst_parser", "_ext.furo_page"]
html_theme = "furo"
templates_path = [str(Path(_ext.__file__).parents[1] / "_templates")]
