"""The real references.bib, the keys the guide cites, and the build failing
on a broken bibliography."""

import re
import shutil
from pathlib import Path

import pytest
import yaml
from build_failure import failed_build
from pybtex.database import parse_file
from sphinx.testing.util import SphinxTestApp
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from _ext.bibliography import checks as bib_checks

REPO = Path(__file__).resolve().parents[2]
BIB = REPO / "references.bib"
CONTENT = [
    REPO / "index.md",
    *sorted((REPO / "guidance").rglob("*.md")),
    *sorted((REPO / "case-studies").rglob("*.md")),
]

# Entries in references.bib that no page cites, on purpose, each with why.
# Every other entry must be cited somewhere: an uncited entry is either a
# forgotten citation or a source the guide no longer needs.
NOT_CITED = {
    # Never read (FACTS.md section 2: U); its quotation is cited as cited in
    # diandsocial. Kept as tests/roots/test-apa's example of a blog post.
    "dimaio2011best": "never read; kept as the test root's blog post example",
}

_ROLE = re.compile(r"\{cite:[a-z]+\}`([^`]+)`")
_OPENING = re.compile(r"^(`{3,}|~{3,})[ \t]*(\S*)")


def _without_code_blocks(text: str) -> str:
    """The text without fenced code blocks; directives (``{glossary}``,
    ``{admonition}``...) keep their content, which is text.  Fences are
    paired line by line, so the closing fence of a directive never passes
    for the opening of a code block."""
    kept, closing, directives = [], None, []
    for line in text.splitlines(keepends=True):
        if closing is not None:
            if line.strip() == closing:
                closing = None
            continue
        if directives and line.strip() == directives[-1]:
            directives.pop()
            kept.append(line)
            continue
        match = _OPENING.match(line)
        if match and match.group(2).startswith("{") and not match.group(2).startswith("{code"):
            directives.append(match.group(1))
        elif match:
            closing = match.group(1)
            continue
        kept.append(line)
    return "".join(kept)


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
        text = _without_code_blocks(text)
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
    assert (
        e["shirky2011political"].fields["volume"],
        e["shirky2011political"].fields["number"],
        e["shirky2011political"].fields["pages"],
    ) == ("90", "1", "28--41")
    assert (e["shaw2011stuck"].fields["number"], e["shaw2011stuck"].fields["pages"]) == (
        "suppl. 2",
        "ii128--ii146",
    )
    assert (e["rose1998inventing"].fields["year"], e["rose1998inventing"].fields["origyear"]) == (
        "1998",
        "1996",
    )
    assert e["mergel2013social"].fields["year"] == "2013"
    assert str(e["oag2013learning"].persons["author"][0]) == "{Office of the Auditor-General}"


def test_every_cited_key_exists(bib):
    missing = {key: sorted(pages) for key, pages in _cited_keys().items() if key not in bib.entries}
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
            real.type,
            dict(real.fields),
            real.persons,
        ), key


# -- A broken bibliography fails the build (also without -W) ---------------------


def _copy_root(rootdir, name, tmp_path) -> Path:
    srcdir = tmp_path / name
    shutil.copytree(rootdir / f"test-{name}", srcdir)
    return srcdir


def _failed_build(srcdir: Path, problems: int) -> str:
    app = SphinxTestApp("html", srcdir=srcdir)  # warnings are not errors here
    try:
        return failed_build(app, problems)
    finally:
        app.cleanup()


def test_citing_a_missing_key_fails(rootdir, tmp_path):
    srcdir = _copy_root(rootdir, "bib-missing-key", tmp_path)
    message = _failed_build(srcdir, problems=1)
    assert (
        "index.md:3: ERROR: cites 'nosuchkey2099', which is not a key in refs.bib. Correct the key"
    ) in message
    assert "kaplan2010users" not in message


def test_malformed_bib_fails(rootdir, tmp_path):
    srcdir = _copy_root(rootdir, "bib-malformed", tmp_path)
    # sphinxcontrib-bibtex reads what it can and does not crash.
    message = _failed_build(srcdir, problems=1)
    assert (
        "refs.bib:14: ERROR: the file does not parse (syntax error in line 14: premature "
        "end of file) in the entry 'brokenentry2010' that starts on line 8."
    ) in message


def test_duplicate_key_fails(rootdir, tmp_path):
    srcdir = _copy_root(rootdir, "bib-duplicate", tmp_path)
    message = _failed_build(srcdir, problems=1)
    assert (
        "refs.bib:8: ERROR: duplicate key 'kanter2010networked' (first defined on line 1)"
        in message
    )


def test_unknown_type_and_missing_fields_are_reported(tmp_path):
    bibfile = tmp_path / "refs.bib"
    bibfile.write_text(
        "@misc{a2020thing,\n  title = {A thing},\n}\n\n"
        "@article{b2020paper,\n  author = {B, A.},\n  title = {A paper},\n  year = {2020},\n}\n",
        encoding="utf-8",
    )
    (first_line, first), (second_line, second) = bib_checks.check_bibfile(bibfile)
    assert (first_line, second_line) == (1, 5)
    assert first.startswith("entry 'a2020thing' has type @misc")
    assert second.startswith("entry 'b2020paper' (@article) lacks journal, volume, pages")


def test_every_problem_of_a_bib_file_is_reported(tmp_path):
    bibfile = tmp_path / "refs.bib"
    book = "  author = {A, B.},\n  title = {T},\n  year = {2020},\n"
    bibfile.write_text(
        f"@book{{a2020,\n{book}}}\n\n@book{{a2020,\n{book}  publisher = {{P}},\n}}\n\n"
        "@misc{c2020,\n  title = {C},\n}\n",
        encoding="utf-8",
    )
    problems = [
        (line, message.split(". ")[0]) for line, message in bib_checks.check_bibfile(bibfile)
    ]
    assert problems == [
        (1, "entry 'a2020' (@book) lacks publisher"),
        (7, "duplicate key 'a2020' (first defined on line 1)"),
        (14, "entry 'c2020' has type @misc, which the APA style cannot format"),
    ]
    # Every syntax error is reported (here: commas missing), and nothing
    # guessed from what pybtex made of the broken entries.
    entry = "@book{{{key},\n  title = {{T}}\n  year = {{2020}},\n}}\n\n"
    bibfile.write_text(entry.format(key="b2020") + entry.format(key="d2020"), encoding="utf-8")
    assert [
        (line, message.split(". ")[0]) for line, message in bib_checks.check_bibfile(bibfile)
    ] == [
        (
            3,
            "the file does not parse (syntax error in line 3: '}' expected) in the entry 'b2020' "
            "that starts on line 1",
        ),
        (
            8,
            "the file does not parse (syntax error in line 8: '}' expected) in the entry 'd2020' "
            "that starts on line 6",
        ),
    ]


def test_an_entry_of_an_unknown_type_fails_the_build(rootdir, tmp_path):
    """The APA style cannot format it: the build names the entry and fails."""
    srcdir = _copy_root(rootdir, "bib-missing-key", tmp_path)
    (srcdir / "refs.bib").write_text(
        "@misc{nosuchkey2099,\n  title = {A thing},\n}\n", encoding="utf-8", newline="\n"
    )
    with (srcdir / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n" + (rootdir / "test-bib-missing-key/refs.bib").read_text(encoding="utf-8"))
    message = _failed_build(srcdir, problems=1)
    assert "refs.bib:1: ERROR: entry 'nosuchkey2099' has type @misc" in message


def test_malformed_citation_target_fails(rootdir, tmp_path):
    srcdir = _copy_root(rootdir, "bib-missing-key", tmp_path)
    (srcdir / "index.md").write_text(
        "# Page\n\nSee {cite:p}`{kaplan2010users}{p. 61}`.\n", encoding="utf-8"
    )
    message = _failed_build(srcdir, problems=1)
    assert (
        "index.md:3: ERROR: the citation '{kaplan2010users}{p. 61}' does not parse. "
        "Write keys separated by commas"
    ) in message


def test_a_missing_bib_file_fails(rootdir, tmp_path):
    srcdir = _copy_root(rootdir, "bib-missing-key", tmp_path)
    (srcdir / "refs.bib").unlink()
    message = _failed_build(srcdir, problems=3)  # the file, and the two keys cited from it
    assert (
        "refs.bib:1: ERROR: the file listed in bibtex_bibfiles in conf.py does not exist."
        in message
    )
