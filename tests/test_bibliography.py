"""The real references.bib, the keys the guide cites, and the build failing
on a broken bibliography."""

import re
import shutil
from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_file
from sphinx.testing.util import SphinxTestApp
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

import bib_checks
from bib_checks import BibliographyError

REPO = Path(__file__).resolve().parent.parent
BIB = REPO / "references.bib"
CONTENT = [REPO / "index.md", *sorted((REPO / "guidance").rglob("*.md")),
           *sorted((REPO / "case-studies").rglob("*.md"))]

# Entries in references.bib that no page cites, on purpose, each with why.
# Every other entry must be cited somewhere: an uncited entry is either a
# forgotten citation or a source the guide no longer needs.
NOT_CITED = {
}

_ROLE = re.compile(r"\{cite:[a-z]+\}`([^`]+)`")
# Code blocks (not directives such as {glossary}, whose content is text).
_FENCE = re.compile(r"^(`{3,}|~{3,})[ \t]*(?!\{(?!code))[^\n]*\n.*?^\1[ \t]*$",
                    re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"``.*?``|`[^`]*`(?!`)")


def _cited_keys() -> dict[str, set[str]]:
    """Key -> pages that cite it: {cite:...} roles (not in code) and front matter sources."""
    cited: dict[str, set[str]] = {}
    for page in CONTENT:
        text = page.read_text(encoding="utf-8")
        name = str(page.relative_to(REPO))
        if text.startswith("---\n"):
            front, _, text = text[4:].partition("\n---\n")
            for key in (yaml.safe_load(front) or {}).get("sources") or []:
                cited.setdefault(key, set()).add(name)
        text = _FENCE.sub("", text)
        for match in _ROLE.finditer(text):
            if match.start() > 0 and text[match.start() - 1] == "`":
                continue  # shown as code: ``{cite:p}`key` ``
            for target in parse_citation_targets(match.group(1)):
                cited.setdefault(target.key, set()).add(name)
    return cited


@pytest.fixture(scope="module")
def bib():
    return parse_file(str(BIB), "bibtex")


def test_real_bib_parses_without_problems():
    """Parses, no duplicate keys, every entry of a known type with its fields."""
    assert bib_checks.check_bibfile(BIB) == []


def test_web_sources_have_url_and_retrieval_date(bib):
    for key, entry in bib.entries.items():
        if entry.type in ("online", "legislation"):
            assert entry.fields["url"].startswith(("http://", "https://")), key
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry.fields["urldate"]), key
        assert not entry.fields.get("doi", "").startswith("http"), (key, "bare DOI only")


def test_corporate_authors_are_braced(bib):
    """An organisation written without double braces would print as 'Affairs, D. of I.'"""
    for key, entry in bib.entries.items():
        for person in entry.persons.get("author", []):
            if not person.first_names and not person.middle_names:
                assert person.last_names[0].startswith("{") or len(person.last_names) == 1, key


def test_source_corrections_are_kept(bib):
    """FACTS.md section 4: the corrected data, not the source document's errors."""
    e = bib.entries
    assert e["nah2013modeling"].fields["year"] == "2013"
    assert "public sphere" in e["shirky2011political"].fields["title"]
    assert (e["shirky2011political"].fields["volume"], e["shirky2011political"].fields["number"],
            e["shirky2011political"].fields["pages"]) == ("90", "1", "28--41")
    assert (e["shaw2011stuck"].fields["number"], e["shaw2011stuck"].fields["pages"]) == (
        "suppl. 2", "ii128--ii146")
    assert (e["rose1998inventing"].fields["year"], e["rose1998inventing"].fields["origyear"]) == (
        "1998", "1996")
    assert e["mergel2013social"].fields["year"] == "2013"
    assert str(e["oag2013learning"].persons["author"][0]) == "{Office of the Auditor-General}"


def test_every_cited_key_exists(bib):
    missing = {key: sorted(pages) for key, pages in _cited_keys().items()
               if key not in bib.entries}
    assert missing == {}, "cited keys missing from references.bib"


def test_every_entry_is_cited_or_deliberately_listed(bib):
    cited = _cited_keys()
    uncited = sorted(key for key in bib.entries if key not in cited and key not in NOT_CITED)
    assert uncited == [], "entries no page cites: cite them or list them in NOT_CITED"
    assert sorted(k for k in NOT_CITED if k in cited) == [], "NOT_CITED entries that are cited"


def test_test_root_entries_match_the_real_ones(bib):
    """tests/roots/test-apa/refs.bib holds copies of real entries: no drift."""
    copies = parse_file(str(REPO / "tests/roots/test-apa/refs.bib"), "bibtex")
    for key, copy in copies.entries.items():
        real = bib.entries[key]
        assert (copy.type, dict(copy.fields), copy.persons) == (
            real.type, dict(real.fields), real.persons), key


# -- A broken bibliography fails the build (also without -W) ---------------------


def _copy_root(rootdir, name, tmp_path) -> Path:
    srcdir = tmp_path / name
    shutil.copytree(rootdir / f"test-{name}", srcdir)
    return srcdir


def test_citing_a_missing_key_fails(rootdir, tmp_path):
    srcdir = _copy_root(rootdir, "bib-missing-key", tmp_path)
    app = SphinxTestApp("html", srcdir=srcdir)  # warnings are not errors here
    try:
        with pytest.raises(BibliographyError) as error:
            app.build()
    finally:
        app.cleanup()
    message = str(error.value)
    assert "index.md:3" in message
    assert "'nosuchkey2099'" in message
    assert str(srcdir / "refs.bib") in message
    assert "kaplan2010users" not in message


def test_malformed_bib_fails(rootdir, tmp_path):
    srcdir = _copy_root(rootdir, "bib-malformed", tmp_path)
    with pytest.raises(BibliographyError) as error:
        SphinxTestApp("html", srcdir=srcdir)
    message = str(error.value)
    assert f"{srcdir / 'refs.bib'}:" in message
    assert "'brokenentry2010' that starts on line 8" in message


def test_duplicate_key_fails(rootdir, tmp_path):
    srcdir = _copy_root(rootdir, "bib-duplicate", tmp_path)
    with pytest.raises(BibliographyError) as error:
        SphinxTestApp("html", srcdir=srcdir)
    message = str(error.value)
    assert f"{srcdir / 'refs.bib'}:8: duplicate key 'kanter2010networked'" in message
    assert "first defined on line 1" in message


def test_unknown_type_and_missing_fields_are_reported(tmp_path):
    bibfile = tmp_path / "refs.bib"
    bibfile.write_text(
        "@misc{a2020thing,\n  title = {A thing},\n}\n\n"
        "@article{b2020paper,\n  author = {B, A.},\n  title = {A paper},\n  year = {2020},\n}\n",
        encoding="utf-8",
    )
    problems = bib_checks.check_bibfile(bibfile)
    assert problems[0].startswith(f"{bibfile}:1: entry 'a2020thing' has type @misc")
    assert problems[1].startswith(
        f"{bibfile}:5: entry 'b2020paper' (@article) lacks journal, volume, pages")


def test_malformed_citation_target_fails(rootdir, tmp_path):
    srcdir = _copy_root(rootdir, "bib-missing-key", tmp_path)
    (srcdir / "index.md").write_text(
        "# Page\n\nSee {cite:p}`{kaplan2010users}{p. 61}`.\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        with pytest.raises(BibliographyError) as error:
            app.build()
    finally:
        app.cleanup()
    assert "index.md:3: the citation '{kaplan2010users}{p. 61}' does not parse" in str(error.value)
