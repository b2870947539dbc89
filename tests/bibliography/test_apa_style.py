"""APA 7 output of _ext/bibliography/apa_style.py, compared with hand-checked strings.

The test project tests/roots/test-apa cites copies of real entries of
references.bib (test_bibliography.py keeps them in step) in every in-text
form; each expected string below was checked by hand against the APA
Publication Manual (7th ed.).
"""

import shutil

import pytest
from bs4 import BeautifulSoup
from pybtex.database import Entry, Person
from sphinx.testing.util import SphinxTestApp

from _ext.bibliography import apa_style

CITATIONS = [
    "(Kaplan & Haenlein, 2010)",
    "Kaplan and Haenlein (2010)",
    "(Hanna et al., 2011)",
    "(Department of Internal Affairs, 2011a, 2011b)",
    "Department of Internal Affairs (2011a, 2011b)",
    "(Hanna et al., 2011; Kaplan & Haenlein, 2010)",
    "(see Kaplan & Haenlein, 2010, p. 61)",
    "Kaplan and Haenlein (2010, p. 61)",
    "(Privacy Act 2020)",
    "Privacy Act 2020",
    "(Privacy Act 2020, s 22)",
    "(Rose, 1996/1998)",
    "(\u201cThe New Amplifiers,\u201d 2014)",
    "(Police Reap Benefits of Social Media, 2013)",
    "(Te Kawa Mataaho Public Service Commission, n.d.)",
    "(Ahmed, 2011; Briones et al., 2011; Di Maio, 2011; Kanter & Fine, 2010; "
    "Office of the Auditor-General, 2013)",
    "Briones et al. (2011)",
]

# The reference list of index.md, in APA order.
REFERENCES = [
    (
        "computerworld2011dia",  # news article
        "Ahmed, S. (2011, December 7). NZ govt social media policy best in the world, "
        "Gartner. Computerworld New Zealand. https://www.computerworld.com.my/resource/"
        "applications/nz-govt-social-media-policy-best-in-the-world-gartner/",
    ),
    (
        "briones2011keeping",  # journal article with DOI
        "Briones, R. L., Kuch, B., Liu, B. F., & Jin, Y. (2011). Keeping up with the "
        "digital age: How the American Red Cross uses social media to build "
        "relationships. Public Relations Review, 37(1), 37\u201343. "
        "https://doi.org/10.1016/j.pubrev.2010.12.006",
    ),
    (
        "dia2011toolbox",  # report by an organisation, publisher = author left out
        "Department of Internal Affairs. (2011a). Social media in government: Hands-on "
        "toolbox. https://webtoolkit.govt.nz/files/Social-Media-in-Government-Hands-on-"
        "Toolbox-final.pdf",
    ),
    (
        "dia2011guidance",
        "Department of Internal Affairs. (2011b). Social media in government: High-level "
        "guidance. https://webtoolkit.govt.nz/files/Social-Media-in-Government-High-"
        "level-Guidance-final.pdf",
    ),
    (
        "dimaio2011best",  # blog post
        "Di Maio, A. (2011). The best government social media guidelines so "
        "far come from New Zealand [Blog post]. Gartner blog. http://blogs.gartner.com/"
        "andrea_dimaio/2011/12/01/best-government-social-media-guidelines-so-far/",
    ),
    (
        "hanna2011connected",
        "Hanna, R., Rohm, A., & Crittenden, V. L. (2011). We\u2019re all connected: The "
        "power of the social media ecosystem. Business Horizons, 54(3), 265\u2013273. "
        "https://doi.org/10.1016/j.bushor.2011.01.007",
    ),
    (
        "kanter2010networked",  # book
        "Kanter, B., & Fine, A. (2010). The networked nonprofit: Connecting with social "
        "media to drive change. Jossey-Bass.",
    ),
    (
        "kaplan2010users",
        "Kaplan, A. M., & Haenlein, M. (2010). Users of the world, unite! The challenges "
        "and opportunities of social media. Business Horizons, 53(1), 59\u201368. "
        "https://doi.org/10.1016/j.bushor.2009.09.003",
    ),
    (
        "cionz2014amplifiers",  # news article without author: filed under its title
        "The new amplifiers. (2014, January). CIO New Zealand.",
    ),
    (
        "oag2013learning",  # report with a description in brackets
        "Office of the Auditor-General. (2013). Learning from public entities\u2019 use of "
        "social media [Discussion paper]. https://oag.parliament.nz/2013/social-media/",
    ),
    (
        "newshub2013police",  # web page without author
        "Police reap benefits of social media. (2013, June 25). 3 News. "
        "https://www.newshub.co.nz/nznews/police-reap-benefits-of-social-media-2013062517",
    ),
    (
        "privacyact2020",  # New Zealand statute
        "Privacy Act 2020 (2020 No 31). "
        "https://www.legislation.govt.nz/act/public/2020/0031/latest/whole.html",
    ),
    (
        "rose1998inventing",  # book, republished
        "Rose, N. (1998). Inventing our selves: Psychology, power, and personhood. "
        "Cambridge University Press. (Original work published 1996)",
    ),
    (
        "pscndsocialmedia",  # undated web page: retrieval date
        "Te Kawa Mataaho Public Service Commission. (n.d.). Guidance for public "
        "servants\u2019 official use of social media. Retrieved November 25, 2026, from "
        "https://www.publicservice.govt.nz/guidance/guidance-use-of-social-media-for-"
        "public-servants/guidance-for-public-servants-official-use-of-social-media/",
    ),
]


@pytest.fixture(scope="module")
def apa_site(rootdir, tmp_path_factory):
    """The test-apa project built once for the module's tests."""
    srcdir = tmp_path_factory.mktemp("apa") / "src"
    shutil.copytree(rootdir / "test-apa", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    assert app.statuscode == 0
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()

    def page(name):
        return BeautifulSoup((app.outdir / f"{name}.html").read_text(), "html.parser")

    return page


def test_in_text_citations(apa_site):
    found = [c.get_text() for c in apa_site("index").select("span.bibtex-citation")]
    assert found == CITATIONS


def test_citations_are_round_bracketed_links_to_this_page(apa_site):
    page = apa_site("index")
    for citation in page.select("span.bibtex-citation"):
        assert "[" not in citation.get_text()
        for link in citation.select("a"):
            assert link["href"].startswith("#ref-"), link
            assert page.find(id=link["href"][1:]) is not None


def test_grouped_citation_links_each_year(apa_site):
    links = apa_site("index").select("span.bibtex-citation")[3].select("a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Department of Internal Affairs, 2011a", "#ref-dia2011toolbox"),
        ("2011b", "#ref-dia2011guidance"),
    ]


def test_page_reference_list(apa_site):
    page = apa_site("index")
    section = page.select_one("section.page-references")
    assert section.select_one("h2").get_text().startswith("References")
    entries = section.select("p.apa-reference")
    assert [(p["id"][len("ref-") :], p.get_text()) for p in entries] == REFERENCES
    # No labels in front of the entries, in any form.
    assert not section.select(".label, .citation, dl, ol")
    # The code sample on the page is not a citation.
    assert "notakey" not in section.get_text()


def test_italics_and_links(apa_site):
    entries = {p["id"]: p for p in apa_site("index").select("p.apa-reference")}
    kaplan = entries["ref-kaplan2010users"]
    assert [em.get_text() for em in kaplan.select("em")] == ["Business Horizons", "53"]
    assert kaplan.select_one("a")["href"] == "https://doi.org/10.1016/j.bushor.2009.09.003"
    assert [em.get_text() for em in entries["ref-kanter2010networked"].select("em")] == [
        "The networked nonprofit: Connecting with social media to drive change"
    ]
    assert [em.get_text() for em in entries["ref-dimaio2011best"].select("em")] == ["Gartner blog"]
    assert [em.get_text() for em in entries["ref-newshub2013police"].select("em")] == [
        "Police reap benefits of social media"
    ]
    assert not entries["ref-privacyact2020"].select("em")


def test_suffix_is_global(apa_site):
    """A page citing only the second DIA 2011 report still says 2011b."""
    page = apa_site("other")
    assert [c.get_text() for c in page.select("span.bibtex-citation")] == [
        "(Department of Internal Affairs, 2011b)"
    ]
    assert [p["id"] for p in page.select("p.apa-reference")] == ["ref-dia2011guidance"]
    assert (
        page.select_one("p.apa-reference")
        .get_text()
        .startswith("Department of Internal Affairs. (2011b).")
    )


def test_global_list_has_every_entry_without_labels(apa_site):
    page = apa_site("all")
    entries = page.select(".apa-references p.apa-reference")
    assert [p.get_text() for p in entries] == [text for _key, text in REFERENCES]
    assert not page.select("div.body ul, div.body li")  # no bullets


# -- The style's rules, on entries made for the purpose ---------------------------


def _entry(key, authors, year="2020", title="A title"):
    entry = Entry(
        "article",
        fields={"title": title, "year": year, "journal": "J", "volume": "1", "pages": "1--2"},
        persons={"author": [Person(a) for a in authors]},
    )
    entry.key = key
    return entry


def test_twenty_authors_listed_then_ellipsis():
    twenty = [Person(f"Author{i:02d}, A.") for i in range(1, 21)]
    assert apa_style.reference_authors(twenty).endswith("Author19, A., & Author20, A.")
    twenty_one = [Person(f"Author{i:02d}, A.") for i in range(1, 22)]
    text = apa_style.reference_authors(twenty_one)
    assert text.endswith("Author18, A., Author19, A., . . . Author21, A.")
    assert "Author20" not in text


def test_reference_list_order():
    entries = [
        _entry("browning", ["Browning, A. R."]),
        _entry("brown2020", ["Brown, J. R."]),
        _entry("brownnd", ["Brown, J. R."], year=""),
        _entry("brownmany", ["Brown, J. R.", "Smith, B."], year="2001"),
        _entry("maori", ["{{Te Taura Whiri i te Reo Māori}}"]),
        _entry("maorib", ["Mātene, K."]),
        _entry("matthews", ["Mathews, K."]),
    ]
    order = [e.key for e in sorted(entries, key=apa_style.sort_key)]
    # n.d. first; one author before the same author with others; Brown
    # before Browning ("nothing precedes something"); macrons ignored in
    # sorting (Mātene sorts as Matene, before Mathews).
    assert order == ["brownnd", "brown2020", "brownmany", "browning", "maorib", "matthews", "maori"]


def test_macrons_kept_in_labels_and_entries():
    entry = _entry("tetaura", ["{{Te Taura Whiri i te Reo Māori}}"], title="Ngā tikanga")
    apa_style.assign_year_suffixes([entry])
    assert apa_style.label(entry) == "Te Taura Whiri i te Reo Māori, 2020"
    assert str(apa_style.format_reference(entry)).startswith(
        "Te Taura Whiri i te Reo Māori. (2020). Ngā tikanga. J, 1, 1\u20132."
    )


def test_suffixes_follow_title_order():
    second = _entry(
        "b", ["{{Department of Internal Affairs}}"], "2011", "Social media: Hands-on toolbox"
    )
    first = _entry(
        "a", ["{{Department of Internal Affairs}}"], "2011", "Social media: High-level guidance"
    )
    undated = [_entry(k, ["Smith, A."], "", t) for k, t in (("x", "Beta"), ("y", "Alpha"))]
    assert apa_style.year_suffixes([first, second, *undated]) == {
        "b": "a",
        "a": "b",
        "y": "a",
        "x": "b",
    }
    apa_style.assign_year_suffixes(undated)
    assert apa_style.label(undated[1]) == "Smith, n.d.-a"


def test_latex_reference_lists_have_no_labels(rootdir, tmp_path):
    """In the PDF too: no [label] in front of entries, and citations link to them."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-apa", srcdir)
    app = SphinxTestApp("latex", srcdir=srcdir)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert "\\bibitem" not in tex and "thebibliography" not in tex
    target = "cite.index:ref-kaplan2010users"
    assert f"\\hyperlink{{{target}}}" in tex
    assert (
        f"\\hypertarget{{{target}}}{{}}\\raggedright\\hangindent=2em\\hangafter=1 "
        "Kaplan, A. M., \\& Haenlein, M. (2010)."
    ) in tex


def test_title_case_for_titles_cited_in_the_text():
    assert apa_style.title_case("Police reap benefits of social media") == (
        "Police Reap Benefits of Social Media"
    )
    assert apa_style.title_case("Social media in government: Hands-on toolbox") == (
        "Social Media in Government: Hands-On Toolbox"
    )
    assert apa_style.title_case("the new amplifiers") == "The New Amplifiers"
