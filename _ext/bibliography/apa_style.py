"""APA 7 reference list entries and author-date citations.

sphinxcontrib-bibtex formats entries with a pybtex *formatting style* and
citations with a *referencing style*; no maintained style of either kind
gets APA 7 right, so this module provides both, registered as plugins named
"apa" (conf.py: ``bibtex_default_style = bibtex_reference_style = "apa"``).

What the guide's references.bib may contain is defined here, once:
``REQUIRED_FIELDS`` lists the entry types this style can format and the
fields each needs; bib_checks.py enforces it when the build starts.

Decisions, each following the APA Publication Manual (7th ed.):

- Titles are written in references.bib in sentence case, as APA prints them;
  the style never changes their case.  Braces protect nothing here, but keep
  proper nouns safe for other tools.
- Works by the same author(s) in the same year get a, b, ... after the year,
  ordered by title.  The letters are worked out over the WHOLE .bib file, so
  a page that cites only one of two such works still says 2011b if that is
  what the References page says.
- Undated web pages are "n.d." and show "Retrieved Month Day, Year, from";
  dated ones do not (APA 7, section 9.16).
- A republished work (``origyear``) is cited 1996/1998 and its entry ends
  with "(Original work published 1996)" (APA 7, section 8.15).
- New Zealand statutes (``@legislation``) are cited by their short title,
  which already holds the year: "(Privacy Act 2020)"; the entry is the title,
  the Act number and the New Zealand Legislation URL.  APA 7 defers to local
  legal citation practice for legislation outside the United States, and
  the New Zealand Law Style Guide puts no comma before the year and does not
  italicise Act titles.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pybtex.plugin
from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.template import join, node
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BaseReferenceStyle
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo, SphinxReferenceText

from .. import priorities
from ..month_names import MONTHS
from ..stamps import code_stamp
from .cite_domain import bibfiles_stamp, cite_domain
from .links import safe_doi_url, safe_url

if TYPE_CHECKING:
    from pybtex.database import Entry, Person
    from sphinx.application import Sphinx

# The entry types this style formats, and the fields each must have.
# ``type`` on @online says what the page is ("Blog post" makes a blog post);
# ``organization`` on @online is the site or blog name.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "article": ("author", "year", "title", "journal", "volume", "pages"),
    "book": ("author", "year", "title", "publisher"),
    "report": ("author", "year", "title"),
    "techreport": ("author", "year", "title"),
    "online": ("title", "url", "urldate"),
    "news": ("year", "month", "title", "journal"),
    "legislation": ("title", "year", "number", "url", "urldate"),
}

# Field holding the year suffix (a, b ...) that the style works out over the
# whole bibliography; see assign_year_suffixes().
SUFFIX_FIELD = "apa-year-suffix"

_ARTICLES = re.compile(r"^(a|an|the)\s+", re.IGNORECASE)
MAX_LISTED_AUTHORS = 20  # APA 7: up to 20 names, then an ellipsis and the last


# -- Plain-text helpers --------------------------------------------------------------


# Cached: the same few hundred field values are decoded for every citation
# and every page's reference list, and LaTeX decoding was the largest cost of
# a build with hundreds of case studies (see tools/bench.py).
@functools.cache
def plain(latex: str) -> str:
    """The text of a BibTeX value without its braces and LaTeX markup."""
    return str(Text.from_latex(latex))


def _fold(text: str) -> str:
    """Sort form: macrons and case ignored, letters and digits only.

    Dropping spaces and punctuation gives APA's "nothing precedes something"
    letter-by-letter order (Brown before Browning).
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


def _field(entry: Entry, name: str) -> str:
    return plain(entry.fields.get(name, "")).strip()


def _authors(entry: Entry) -> list[Person]:
    return list(entry.persons.get("author", []))


def is_corporate(person: Person) -> bool:
    """An organisation written as ``{{Name}}``: one braced last name only."""
    return (
        not person.first_names
        and not person.middle_names
        and len(person.last_names) == 1
        and person.last_names[0].startswith("{")
    )


def _surname(person: Person) -> str:
    return " ".join(plain(n) for n in person.prelast_names + person.last_names)


@functools.cache
def _initial(name: str) -> str:
    """'Andreas' -> 'A.'; cached like plain(): citations are sorted by it."""
    return str(Text.from_latex(name).abbreviate())


def _initials(person: Person) -> str:
    return " ".join(_initial(n) for n in person.first_names + person.middle_names)


def _title_plain(entry: Entry) -> str:
    return _field(entry, "shorttitle") or _field(entry, "title")


# -- Sorting and year suffixes ------------------------------------------------------


def author_key(entry: Entry) -> tuple:
    """Who the work is by, for sorting and for telling works apart.

    A work without author is filed under its title (APA 9.46).
    """
    persons = _authors(entry)
    if not persons:
        return ((_fold(_ARTICLES.sub("", _title_plain(entry))), ""),)
    return tuple((_fold(_surname(p)), _fold(_initials(p))) for p in persons)


def _year_key(entry: Entry) -> tuple:
    year = _field(entry, "year")
    return (0, "") if not year else (1, year)  # n.d. first (APA 9.47)


def _title_key(entry: Entry) -> str:
    return _fold(_ARTICLES.sub("", _field(entry, "title")))


def sort_key(entry: Entry) -> tuple:
    """APA reference list order: authors, then year, then title."""
    return (author_key(entry), _year_key(entry), _title_key(entry), entry.key)


def year_suffixes(entries: Iterable[Entry]) -> dict[str, str]:
    """Map each key to its a/b suffix ('' if the author-year pair is unique)."""
    groups: dict[tuple, list[Entry]] = {}
    for entry in entries:
        if entry.type == "legislation":
            continue  # cited by title, never ambiguous
        groups.setdefault((author_key(entry), _year_key(entry)), []).append(entry)
    suffixes = {}
    for group in groups.values():
        if len(group) == 1:
            suffixes[group[0].key] = ""
            continue
        for index, entry in enumerate(sorted(group, key=_title_key)):
            suffixes[entry.key] = chr(ord("a") + index)
    return suffixes


def assign_year_suffixes(entries: Iterable[Entry]) -> None:
    """Store each entry's suffix on it, for the two styles to read."""
    entries = list(entries)
    suffixes = year_suffixes(entries)
    for entry in entries:
        entry.fields[SUFFIX_FIELD] = suffixes.get(entry.key, "")


# -- Dates --------------------------------------------------------------------------


def _year(entry: Entry) -> str:
    """Year with its suffix: 2011a, n.d., n.d.-a."""
    year = _field(entry, "year")
    suffix = entry.fields.get(SUFFIX_FIELD, "")
    if not year:
        return "n.d." + (f"-{suffix}" if suffix else "")
    return year + suffix


def _month(entry: Entry) -> str:
    month = _field(entry, "month")
    if month.isdigit() and 1 <= int(month) <= 12:
        return MONTHS[int(month) - 1]
    for name in MONTHS:
        if name.lower().startswith(month.lower()) and len(month) >= 3:
            return name
    return month


def intext_year(entry: Entry) -> str:
    """The year as cited in the text: 2010, 2011a, 1996/1998, n.d."""
    origyear = _field(entry, "origyear")
    return f"{origyear}/{_year(entry)}" if origyear else _year(entry)


def _list_date(entry: Entry) -> str:
    """The date in the reference list, inside its brackets: 2011, December 1."""
    text = _year(entry)
    month = _month(entry)
    if month and entry.type in ("online", "news"):
        text += f", {month}"
        day = _field(entry, "day")
        if day:
            text += f" {int(day)}"
    return text


def format_iso_date(value: str) -> str:
    """2014-06-22 -> June 22, 2014 (APA's retrieval date form)."""
    parsed = date.fromisoformat(value)
    return f"{MONTHS[parsed.month - 1]} {parsed.day}, {parsed.year}"


# -- Names --------------------------------------------------------------------------


def _list_name(person: Person) -> str:
    if is_corporate(person):
        return _surname(person)
    name = _surname(person)
    initials = _initials(person)
    if initials:
        name += f", {initials}"
    if person.lineage_names:
        name += ", " + " ".join(plain(n) for n in person.lineage_names)
    return name


def reference_authors(persons: list[Person]) -> str:
    """Author element of a reference: 'Kaplan, A. M., & Haenlein, M.'"""
    names = [_list_name(p) for p in persons]
    if len(names) == 1:
        return names[0]
    if len(names) > MAX_LISTED_AUTHORS:
        return ", ".join(names[: MAX_LISTED_AUTHORS - 1]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


# APA 6.17: in title case, words of three letters or fewer stay lower case
# if they are articles, short conjunctions or short prepositions.
_MINOR_WORDS = frozenset(
    "a an the and as but for if nor or so yet at by in of off on per to up via".split()
)


def title_case(title: str) -> str:
    """APA title case, for a title cited in the text: 'Police Reap Benefits of Social Media'."""
    words = title.split(" ")
    result = []
    for index, word in enumerate(words):
        starts = index == 0 or words[index - 1].endswith((":", "?", "!", "\u2014"))
        if word.lower() in _MINOR_WORDS and not starts:
            result.append(word)
        else:
            result.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(result)


def intext_authors(entry: Entry, textual: bool) -> Text:
    """Author element of a citation: 'Kaplan & Haenlein', 'Hanna et al.'

    Works without author are cited by title, in title case: in italics when
    the reference list italicises the title, otherwise in double quotation
    marks (APA 8.14).
    """
    persons = _authors(entry)
    if not persons:
        title = _title_plain(entry)
        if entry.type == "legislation":
            return Text(title)
        title = title_case(title)
        if _title_in_italics(entry):
            return Text(Tag("em", title))
        return Text(f"\u201c{title}\u201d")
    surnames = [_surname(p) for p in persons]
    if len(surnames) == 1:
        return Text(surnames[0])
    if len(surnames) == 2:
        return Text(surnames[0] + (" and " if textual else " & ") + surnames[1])
    return Text(surnames[0] + " et al.")


def author_year(authors: Text, year: str) -> Text:
    """'Kaplan & Haenlein, 2010'; a quoted title takes the comma inside:
    '“The new amplifiers,” 2014' (APA 8.14)."""
    if str(authors).endswith("\u201d"):
        return Text(authors[:-1], ",\u201d ", year)
    return Text(authors, ", ", year)


def label(entry: Entry) -> str:
    """Plain parenthetical form without brackets: 'Kaplan & Haenlein, 2010'."""
    authors = intext_authors(entry, textual=False)
    if entry.type == "legislation":
        return str(authors)
    return str(author_year(authors, intext_year(entry)))


# -- Reference list entries ---------------------------------------------------------


def _title_in_italics(entry: Entry) -> bool:
    """APA italicises stand-alone works, not parts of a larger whole."""
    if entry.type in ("book", "report", "techreport"):
        return True
    if entry.type == "online":
        return not _is_blog_post(entry)
    return False


def _is_blog_post(entry: Entry) -> bool:
    return _field(entry, "type").lower() == "blog post"


def _sentence(text: Text | str) -> Text:
    """End an element with a full stop unless it ends with ? ! or ."""
    text = Text(text)
    return text if str(text).endswith(("?", "!", ".")) else text + "."


def _link(entry: Entry) -> Text:
    # Only values bib_links accepts become links: a rejected one fails the
    # build (bib_checks), and the pages that build leaves behind carry no
    # link at all rather than a javascript: or data: one.
    doi = _field(entry, "doi")
    if doi:
        url = safe_doi_url(doi)
        return Text(HRef(url, url)) if url else Text()
    url = safe_url(_field(entry, "url")) or ""
    if not url:
        return Text()
    if not _field(entry, "year") and _field(entry, "urldate"):
        retrieved = format_iso_date(_field(entry, "urldate"))
        return Text(f"Retrieved {retrieved}, from ", HRef(url, url))
    return Text(HRef(url, url))


def _pages(entry: Entry) -> str:
    return re.sub(r"\s*-+\s*", "\u2013", _field(entry, "pages"))


def _author_and_date(entry: Entry) -> list[Text]:
    """'Author. (Date).' or, for a work without author, 'Title. (Date).'"""
    persons = _authors(entry)
    date_part = Text(f"({_list_date(entry)}).")
    if persons:
        return [_sentence(reference_authors(persons)), date_part]
    return [_sentence(_title(entry)), date_part]


def _title(entry: Entry) -> Text:
    title = _field(entry, "title")
    if _title_in_italics(entry):
        return Text(Tag("em", title))
    return Text(title)


def _title_element(entry: Entry) -> list[Text]:
    """The title with what APA puts after it: edition, number, [description]."""
    if not _authors(entry):
        return []  # the title has moved to the author position
    title = _title(entry)
    extras = []
    edition = _field(entry, "edition")
    if edition:
        extras.append(f"({edition} ed.)")
    number = _field(entry, "number")
    if number and entry.type in ("report", "techreport"):
        extras.append(f"({number})")
    description = _field(entry, "type")
    if description:
        extras.append(f"[{description}]")
    if extras:
        title = Text(title, " " + " ".join(extras))
    return [_sentence(title)]


def _publisher(entry: Entry) -> list[Text]:
    """Publisher or site name, left out when it is the author (APA 9.25)."""
    name = (
        _field(entry, "publisher") or _field(entry, "institution") or _field(entry, "organization")
    )
    if not name:
        return []
    authors = _authors(entry)
    if len(authors) == 1 and _surname(authors[0]) == name:
        return []
    if entry.type == "online" and _is_blog_post(entry):
        return [Text(Tag("em", name), ".")]
    return [_sentence(name)]


def format_article(entry: Entry) -> Text:
    source = Text(Tag("em", _field(entry, "journal")))
    volume = _field(entry, "volume")
    if volume:
        source = Text(source, ", ", Tag("em", volume))
        if _field(entry, "number"):
            source = Text(source, f"({_field(entry, 'number')})")
    if _field(entry, "pages"):
        source = Text(source, ", ", _pages(entry))
    return Text(" ").join(_author_and_date(entry) + _title_element(entry) + [_sentence(source)])


def format_news(entry: Entry) -> Text:
    source = Text(Tag("em", _field(entry, "journal")), ".")
    return Text(" ").join(_author_and_date(entry) + _title_element(entry) + [source])


def format_book(entry: Entry) -> Text:
    return Text(" ").join(_author_and_date(entry) + _title_element(entry) + _publisher(entry))


def format_legislation(entry: Entry) -> Text:
    number = _field(entry, "number")
    return Text(_field(entry, "title"), f" ({number}).")


# How each entry type of REQUIRED_FIELDS is formatted.  Reports and web
# pages are stand-alone works laid out as books are (APA 7, sections 10.4
# and 10.16); _title_in_italics tells a blog post from a page.
FORMATTERS: dict[str, Callable[[Entry], Text]] = {
    "article": format_article,
    "book": format_book,
    "report": format_book,
    "techreport": format_book,
    "online": format_book,
    "news": format_news,
    "legislation": format_legislation,
}


def format_reference(entry: Entry) -> Text:
    """The whole reference list entry for *entry*."""
    # An entry type the style does not know fails the build in
    # bibliography.checks, with its file and line; meanwhile it is formatted
    # as a generic work so the build can finish and list every other problem.
    text = FORMATTERS.get(entry.type, format_book)(entry)
    link = _link(entry)
    parts = [text]
    if link:
        parts.append(link)
    origyear = _field(entry, "origyear")
    if origyear:
        parts.append(Text(f"(Original work published {origyear})"))
    return Text(" ").join(parts)


class ApaStyle(BaseStyle):
    """pybtex formatting style: APA 7 reference list entries, APA order."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sort = self._sort
        self.format_labels = self._labels

    @staticmethod
    def _sort(entries):
        return sorted(entries, key=sort_key)

    @staticmethod
    def _labels(sorted_entries):
        # The label never shows (page_references.py lays the list out
        # without labels); sphinxcontrib-bibtex uses it to detect clashes.
        return [label(entry) for entry in sorted_entries]

    def format_entry(self, label, entry, bib_data=None):
        return FormattedEntry(entry.key, format_reference(entry), label)


# -- Citations ----------------------------------------------------------------------


@dataclass
class _Cite:
    """One key of a citation, before the citation is laid out.

    The referencing style's inner template yields these; its outer template
    lays them out together, so that it can group works by the same author
    ('Department of Internal Affairs, 2011a, 2011b') as APA requires.
    """

    entry: Entry
    info: SphinxReferenceInfo  # link target, pre- and post-text

    @property
    def pre(self) -> str:
        return self.info.pre_text

    @property
    def post(self) -> str:
        return self.info.post_text

    def link(self, *parts) -> Text:
        return Text(SphinxReferenceText(self.info, *parts))

    @property
    def has_year(self) -> bool:
        return self.entry.type != "legislation"


@node
def _cite(children, data):
    assert not children
    return _Cite(entry=data["entry"], info=data["reference_info"])


def _groups(cites: list[_Cite]) -> list[list[_Cite]]:
    """Consecutive works by the same authors, cited as one author group.

    A pre-text can only open a group and a post-text only close it.
    """
    groups: list[list[_Cite]] = []
    for cite in cites:
        if (
            groups
            and cite.has_year
            and groups[-1][-1].has_year
            and author_key(cite.entry) == author_key(groups[-1][0].entry)
            and not cite.pre
            and not groups[-1][-1].post
        ):
            groups[-1].append(cite)
        else:
            groups.append([cite])
    return groups


def _with_pre_post(group: list[_Cite], body: Text) -> Text:
    if group[0].pre:
        body = Text(group[0].pre, " ", body)
    if group[-1].post:
        body = Text(body, ", ", group[-1].post)
    return body


def parenthetical(cites: list[_Cite]) -> Text:
    """'Kaplan & Haenlein, 2010; Hanna et al., 2011', without brackets."""
    parts = []
    for group in _groups(cites):
        first = group[0]
        authors = intext_authors(first.entry, textual=False)
        if not first.has_year:
            body = first.link(authors)
        else:
            links = [first.link(author_year(authors, intext_year(first.entry)))]
            links += [c.link(intext_year(c.entry)) for c in group[1:]]
            body = Text(", ").join(links)
        parts.append(_with_pre_post(group, body))
    return Text("; ").join(parts)


def _and_list(parts: list[Text]) -> Text:
    if len(parts) <= 2:
        return Text(" and ").join(parts)
    return Text(Text(", ").join(parts[:-1]), ", and ", parts[-1])


def textual(cites: list[_Cite]) -> Text:
    """'Kaplan and Haenlein (2010)', 'Department of Internal Affairs (2011a, 2011b)'."""
    parts = []
    for group in _groups(cites):
        first = group[0]
        authors = intext_authors(first.entry, textual=True)
        if not first.has_year:
            text = first.link(authors)
            if first.post:
                text = Text(text, f" ({first.post})")
            parts.append(text)
            continue
        years = Text(", ").join(c.link(intext_year(c.entry)) for c in group)
        parts.append(Text(authors, " (", _with_pre_post(group, years), ")"))
    return _and_list(parts)


def _sorted(children: list[_Cite]) -> list[_Cite]:
    # APA orders several works in one citation as the reference list does.
    return sorted(children, key=lambda c: sort_key(c.entry))


@dataclass
class ApaReferenceStyle(BaseReferenceStyle):
    """sphinxcontrib-bibtex referencing style for APA 7 author-date citations.

    p (and ps): (Kaplan & Haenlein, 2010); al... as p without brackets;
    t, ts: Kaplan and Haenlein (2010); ct, cts capitalise the first letter;
    author...: the author part only; year, yearpar: the year part only;
    label, labelpar: as alp and p.  APA never lists all authors in the text,
    so the 's' (full author list) variants are the same as the short ones.
    """

    def role_names(self) -> Iterable[str]:
        return [
            "p",
            "ps",
            "alp",
            "alps",
            "t",
            "ts",
            "ct",
            "cts",
            "author",
            "authors",
            "authorpar",
            "authorpars",
            "cauthor",
            "cauthors",
            "year",
            "yearpar",
            "label",
            "labelpar",
            "empty",
        ]

    def inner(self, role_name: str):
        return _cite

    def outer(self, role_name: str, children: list) -> object:
        cites = _sorted(children)
        if role_name == "empty":
            text = Text()
        elif role_name in ("t", "ts", "ct", "cts"):
            text = textual(cites)
        elif role_name.startswith(("author", "cauthor")):
            text = _and_list([c.link(intext_authors(c.entry, textual=True)) for c in cites])
            if role_name.endswith(("par", "pars")):
                text = Text("(", text, ")")
        elif role_name.startswith("year"):
            text = Text(", ").join(c.link(intext_year(c.entry)) for c in cites)
            if role_name == "yearpar":
                text = Text("(", text, ")")
        else:  # p, ps, alp, alps, label, labelpar
            text = parenthetical(cites)
            if role_name in ("p", "ps", "labelpar"):
                text = Text("(", text, ")")
        if role_name.startswith("c"):
            text = text.capfirst()
        return join[text]


def _assign_suffixes(app: Sphinx) -> None:
    # The parsed entries, suffixes included, are kept in the environment:
    # only entries parsed again (a changed .bib file) need them worked out.
    domain = cite_domain(app.env)
    parsed = (bibfiles_stamp(domain), STYLE_VERSION, _CODE_STAMP)
    if domain.data.get("year_suffixes_for") == parsed:
        return
    assign_year_suffixes(domain.bibdata.data.entries.values())
    domain.data["year_suffixes_for"] = parsed


# The style's own version: part of the key under which formatted reference
# lists are kept between builds (bibliography.speed), with a digest of this
# module's code and the versions of pybtex and sphinxcontrib-bibtex.
STYLE_VERSION = "2"
_CODE_STAMP = code_stamp(__file__)


def register(app: Sphinx) -> None:
    """Register the styles and connect the year suffixes (called by ``setup``)."""
    # force: a pybtex style named "apa" from another package must not win.
    pybtex.plugin.register_plugin("pybtex.style.formatting", "apa", ApaStyle, force=True)
    register_plugin("sphinxcontrib.bibtex.style.referencing", "apa", ApaReferenceStyle, force=True)
    # After sphinxcontrib-bibtex has parsed the .bib files (500), before any
    # entry or citation is formatted.
    app.connect("builder-inited", _assign_suffixes, priority=priorities.ASSIGN_YEAR_SUFFIXES)
