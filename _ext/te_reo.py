"""Te reo Māori in the guide: the ``{mi}`` role and macron-blind search.

``{mi}`Aotearoa``` marks a word as te reo Māori.  In HTML it becomes
``<span lang="mi">`` (docutils writes a ``language-mi`` class as the ``lang``
attribute), so screen readers switch to Māori pronunciation; in the PDF it is
plain text.

Many readers type "Maori" or "Otorohanga" without macrons.  The search index
and the search box both fold diacritics before stemming, so either spelling
finds the page: Python side, the English search language's ``stem`` folds;
JavaScript side, the ``Stemmer`` that Sphinx's searchtools.js uses folds the
query the same way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.search.en import SearchEnglish

from .compat import sphinx_search_js_dir

if TYPE_CHECKING:
    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def mi_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, Any] | None = None,
    content: Sequence[str] = (),
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{mi}`word```: a word or phrase in te reo Māori."""
    node = nodes.inline(rawtext, text, classes=["language-mi"])
    return [node], []


def fold(word: str) -> str:
    """The word without diacritics: "Ōtorohanga" -> "Otorohanga"."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# The query side of fold(): wraps the English (Porter) stemmer that Sphinx
# ships, so "maori" and "Māori" stem to the same index term.  The result
# summary looks for the (folded) terms in the page text; it is given the
# page's own spellings of them too, so "otorohanga" shows the passage about
# Ōtorohanga instead of the page's first line.
_FOLDING_STEMMER_JS = """
const foldDiacritics = (word) => word.normalize("NFD").replace(/\\p{M}/gu, "");
window.Stemmer = function () {
  const english = new EnglishStemmer();
  this.stemWord = (word) => english.stemWord(foldDiacritics(word));
};
if (typeof Search !== "undefined" && Search.makeSearchSummary) {
  const summarise = Search.makeSearchSummary;
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const terms = new Set(keywords);
    const text = Search.htmlToText(htmlText, anchor).toLowerCase();
    for (const word of new Set(text.match(/[\\p{L}\\p{M}]+/gu) || [])) {
      const folded = foldDiacritics(word);
      if (folded !== word && [...keywords].some((term) => folded.startsWith(term))) {
        terms.add(word);
      }
    }
    return summarise(htmlText, terms, anchor);
  };
}
"""


class SearchEnglishMacronBlind(SearchEnglish):
    """English search that ignores macrons and other diacritics."""

    # The stemmer code is given whole (Sphinx's English stemmer plus the
    # folding wrapper) instead of by file name, so language_data.js defines
    # the folding Stemmer.
    js_stemmer_rawcode = ""
    js_stemmer_code = "\n".join(
        (
            (sphinx_search_js_dir() / "base-stemmer.js").read_text(encoding="utf-8"),
            (sphinx_search_js_dir() / "english-stemmer.js").read_text(encoding="utf-8"),
            _FOLDING_STEMMER_JS,
        )
    )

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        # Sphinx stems each page's words afresh (it memoises per page only),
        # and the Porter stemmer was about a tenth of a full build at 600
        # case studies.  One builder's index uses one instance; the cache
        # holds one entry per distinct word of the site.
        self._stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        try:
            return self._stems[word]
        except KeyError:
            stemmed = self._stems[word] = super().stem(fold(word))
            return stemmed


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_role("mi", mi_role)
    app.add_search_language(SearchEnglishMacronBlind)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
