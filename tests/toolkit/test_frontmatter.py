"""Front matter validation: every mistake fails the build with a clear message.

Each case breaks one thing in a copy of tests/roots/test-frontmatter and builds
without -W: the build must still fail, and the message must name the file
(with the line of the offending key), the field and the bad value.
"""

import pytest
from build_failure import failed_build
from toolkit_build import copy_root, edit

from _ext.toolkit.frontmatter import check, parse_text

CASE = "case-studies/measles.md"
LEADERSHIP = "guidance/success-factors/leadership.md"
STRATEGY = "guidance/success-factors/strategy.md"

# (file, text, replacement, expected location, field, value, hint)
BROKEN = {
    "unknown page type": (
        CASE,
        "page_type: case-study",
        "page_type: case-studdy",
        f"{CASE}:2",
        "page_type",
        "'case-studdy'",
        "did you mean 'case-study'?",
    ),
    "unknown sector": (
        CASE,
        "sector: government",
        "sector: goverment",
        f"{CASE}:7",
        "sector",
        "'goverment'",
        "did you mean 'government'?",
    ),
    "unknown factor id": (
        CASE,
        "success_factors: [strategy]",
        "success_factors: [stratgy]",
        f"{CASE}:10",
        "success_factors",
        "'stratgy'",
        "did you mean 'strategy'?",
    ),
    "missing required field": (
        CASE,
        "owner: Guide editors\n",
        "",
        f"{CASE}:1",
        "owner",
        "is required",
        "for example 'owner: Guide editors'",
    ),
    "date that is not a date": (
        LEADERSHIP,
        "2026-11-25",
        "2026-02-30",
        f"{LEADERSHIP}:4",
        "last_reviewed",
        "'2026-02-30'",
        "YYYY-MM-DD",
    ),
    "date in the wrong format": (
        LEADERSHIP,
        "2026-11-25",
        "25/11/2026",
        f"{LEADERSHIP}:4",
        "last_reviewed",
        "'25/11/2026'",
        "YYYY-MM-DD",
    ),
    "source not in references.bib": (
        CASE,
        "sources: [oag2013waikato]",
        "sources: [oag2013waikat]",
        f"{CASE}:11",
        "sources",
        "'oag2013waikat'",
        "references.bib",
    ),
    "two factor pages with one id": (
        STRATEGY,
        "factor: strategy",
        "factor: leadership",
        f"{STRATEGY}:6",
        "factor",
        "'leadership'",
        LEADERSHIP,
    ),
    "field not allowed for the page type": (
        "index.md",
        "owner:",
        "factor: strategy\nowner:",
        "index.md:3",
        "factor",
        "not a field of a guidance page",
        "fields it may have: page_type, owner",
    ),
    "unknown key": (
        CASE,
        "description:",
        "descripton:",
        f"{CASE}:5",
        "descripton",
        "'descripton'",
        "did you mean 'description'?",
    ),
    "placeholder left in": (
        CASE,
        "organisation: Waikato District Health Board",
        "organisation: REPLACE with the name",
        f"{CASE}:6",
        "organisation",
        "'REPLACE with the name'",
        "placeholder",
    ),
    "list where one value is expected": (
        CASE,
        "sector: government",
        "sector: [government]",
        f"{CASE}:7",
        "sector",
        "['government']",
        "single value",
    ),
    "one value where a list is expected": (
        CASE,
        "channels: [facebook]",
        "channels: facebook",
        f"{CASE}:9",
        "channels",
        "'facebook'",
        "channels: [facebook]",
    ),
    "nested list where a list of words is expected": (
        CASE,
        "channels: [facebook]",
        "channels: [[facebook, twitter]]",
        f"{CASE}:9",
        "channels",
        "['facebook', 'twitter'] is a list inside the list",
        "write 'channels: [facebook, twitter]'",
    ),
    "key-value pair inside a list": (
        CASE,
        "success_factors: [strategy]",
        "success_factors: [{factor: strategy}]",
        f"{CASE}:10",
        "success_factors",
        "is a 'key: value' pair inside the list",
        "write 'success_factors: [strategy]'",
    ),
    "year that is not a year": (
        CASE,
        "year: 2011",
        "year: twenty eleven",
        f"{CASE}:8",
        "year",
        "'twenty eleven'",
        "four-digit year",
    ),
    "review interval that is not a number": (
        STRATEGY,
        "review_every_months: 6",
        "review_every_months: six",
        f"{STRATEGY}:5",
        "review_every_months",
        "'six'",
        "whole number",
    ),
    "no front matter at all": (
        CASE,
        "---\npage_type",
        "page_type",
        f"{CASE}:1",
        "front matter",
        "must start with a YAML front matter",
        "'---'",
    ),
    "broken YAML": (
        CASE,
        "sector: government",
        "sector: government: local",
        f"{CASE}:7",
        "front matter",
        "not valid YAML",
        "indentation",
    ),
}


def test_valid_pages_build_cleanly(make_app, tmp_path):
    app = make_app("html", srcdir=copy_root("frontmatter", tmp_path))
    app.build()
    assert app.warning.getvalue() == ""
    # README.md has no front matter and is not a content page: left alone.
    assert "README" not in app.warning.getvalue()


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_front_matter_fails_the_build(make_app, tmp_path, case):
    path, old, new, location, field, value, hint = BROKEN[case]
    src = copy_root("frontmatter", tmp_path)
    edit(src / path, old, new)
    message = failed_build(make_app("html", srcdir=src))
    # Sphinx's form: the location first, so editors and CI annotate the line.
    line = next(line for line in message.splitlines() if f"{location}: ERROR: " in line)
    assert f"{location}: ERROR: {field}:" in line
    assert value in line
    assert hint in line


def test_all_problems_of_all_pages_are_reported(make_app, tmp_path):
    src = copy_root("frontmatter", tmp_path)
    edit(src / CASE, "sector: government", "sector: goverment")
    edit(src / CASE, "year: 2011", "year: 11")
    edit(src / LEADERSHIP, "2026-11-25", "2026-13-01")
    message = failed_build(make_app("html", srcdir=src), problems=3)
    for expected in ("'goverment'", "'11'", "'2026-13-01'"):
        assert expected in message


@pytest.mark.parametrize("parallel", [1, 2])
def test_a_broken_page_fails_every_build_until_fixed(make_app, tmp_path, parallel):
    src = copy_root("frontmatter", tmp_path)
    edit(src / CASE, "sector: government", "sector: goverment")
    failed_build(make_app("html", srcdir=src, parallel=parallel), problems=1)
    # Nothing changed, so nothing is read again: the build still fails.
    again = make_app("html", srcdir=src, freshenv=False, parallel=parallel)
    assert "goverment" in failed_build(again, problems=1)
    assert "0 changed" in again.status.getvalue()
    edit(src / CASE, "sector: goverment", "sector: government")
    fixed = make_app("html", srcdir=src, freshenv=False, parallel=parallel)
    fixed.build()
    # (A third app in one test warns that docutils' nodes are registered again.)
    assert fixed.statuscode == 0 and "ERROR" not in fixed.warning.getvalue()


def test_parse_text_keeps_lines_and_written_values():
    fm = parse_text(
        "---\npage_type: guidance\nlast_reviewed: 2026-11-25\n"
        "sectors: [government]\n---\n# Title\n",
        "x.md",
    )
    assert fm.lines == {"page_type": 2, "last_reviewed": 3, "sectors": 4}
    assert fm.values["last_reviewed"] == "2026-11-25"
    assert fm.values["sectors"] == ["government"]


def test_check_returns_typed_values():
    fm = parse_text(
        "---\npage_type: guidance\nowner: Editors\nlast_reviewed: 2026-11-25\n"
        "review_every_months: 6\ndescription: A page.\n---\n",
        "x.md",
    )
    typed, problems = check(fm)
    assert problems == []
    assert typed["last_reviewed"].isoformat() == "2026-11-25"
    assert typed["review_every_months"] == 6


def test_values_are_checked_even_when_the_page_type_is_wrong():
    fm = parse_text(
        "---\npage_type: casestudy\nowner: Editors\nlast_reviewed: 2026-13-01\n"
        "sector: goverment\n---\n",
        "x.md",
    )
    _, problems = check(fm)
    assert [(p.line, p.field) for p in problems] == [
        (2, "page_type"),
        (4, "last_reviewed"),
        (5, "sector"),
    ]


def test_a_key_given_twice_is_reported_with_both_lines():
    fm = parse_text("---\npage_type: guidance\nowner: A\nowner: B\n---\n", "x.md")
    _, problems = check(fm)
    assert "x.md:4: owner: 'owner' appears twice (first on line 3); keep one" in map(str, problems)


def test_libyaml_reads_front_matter_as_the_pure_python_parser_does(monkeypatch):
    """parse_text reads with libyaml for speed; what it finds must not change."""
    import yaml
    from conftest import REPO

    from _ext.toolkit import frontmatter

    pages = [REPO / "index.md"]
    for folder in ("guidance", "case-studies", "tests/roots"):
        pages += sorted((REPO / folder).rglob("*.md"))
    texts = [path.read_text(encoding="utf-8") for path in pages]
    texts += [
        "---\npage_type: guidance\nowner: [A\n---\n",  # a YAML error
        "---\npage_type: guidance\n  owner: A\n---\n",
        "---\n- a list\n---\n",
        "---\nlast_reviewed: 2026-02-30\nyear: 0x10\nempty:\ntilde: ~\n---\n",
    ]

    def read_all():
        return [
            (fm.values, fm.lines, [str(p) for p in fm.problems], fm.present)
            for fm in (frontmatter.parse_text(text, "x.md") for text in texts)
        ]

    fast = read_all()
    monkeypatch.setattr(frontmatter, "_FAST_LOADER", yaml.SafeLoader)
    assert read_all() == fast
