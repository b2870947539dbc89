"""CONTRIBUTING.md: its front matter reference is the schema's, and its examples work."""

import datetime
import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import REPO
from pybtex.database.input.bibtex import Parser
from sphinx.testing.util import SphinxTestApp

from _ext.toolkit.frontmatter import check, parse_text
from _ext.toolkit.schema import CHANNELS, FIELDS, PAGE_TYPES, SECTORS
from tools.contributing_reference import (
    END,
    KIND_RULES,
    START,
    ReferenceError,
    factor_ids,
    render,
    replace_reference,
)


def test_contributing_md_reference_matches_the_schema():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    expected = replace_reference(text, render(REPO))
    assert text == expected, (
        "The front matter reference in CONTRIBUTING.md is out of date with "
        "_ext/toolkit/schema.py or the success factor pages. "
        "Run `make contributing-reference` and commit CONTRIBUTING.md."
    )


def test_reference_names_every_field_page_type_and_valid_value():
    reference = render(REPO)
    for field in FIELDS:
        assert f"#### `{field.name}`" in reference
        assert field.help in reference
        assert f"`{field.name}: {field.example}`" in reference
    for value in (*PAGE_TYPES, *SECTORS, *CHANNELS):
        assert f"`{value}`" in reference
    for factor, page in factor_ids(REPO):
        assert f"[`{factor}`]({page})" in reference


def test_every_kind_of_field_is_explained():
    assert {field.kind for field in FIELDS} <= set(KIND_RULES)


def test_the_case_study_example_passes_validation():
    """The example a contributor copies must build (apart from the cross-page checks)."""
    reference = render(REPO)
    example = reference.split("### A case study's front matter")[1]
    yaml_block = example.split("```yaml\n", 1)[1].split("```", 1)[0]
    typed, problems = check(parse_text(yaml_block, "example.md"), bib_keys=lambda key: True)
    assert problems == []
    assert typed["page_type"] == "case-study"
    assert typed["last_reviewed"] <= datetime.date.today()
    known = {factor for factor, _ in factor_ids(REPO)}
    assert set(typed["success_factors"]) <= known


def test_factor_ids_come_from_the_factor_pages(tmp_path):
    pages = tmp_path / "guidance" / "success-factors"
    pages.mkdir(parents=True)
    (pages / "index.md").write_text("---\npage_type: guidance\n---\n# Overview\n")
    (pages / "trust.md").write_text("---\npage_type: success-factor\nfactor: trust\n---\n# Trust\n")
    assert factor_ids(tmp_path) == [("trust", "guidance/success-factors/trust.md")]
    assert "[`trust`](guidance/success-factors/trust.md)" in render(tmp_path)


def test_only_the_part_between_the_markers_is_rewritten():
    text = f"# Title\n\nBefore.\n\n{START}\nold reference\n{END}\n\nAfter.\n"
    assert (
        replace_reference(text, "new") == f"# Title\n\nBefore.\n\n{START}\nnew\n{END}\n\nAfter.\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "no markers at all\n",
        f"{END}\nreversed\n{START}\n",
        f"{START}\n{START}\ntwice\n{END}\n",
    ],
)
def test_missing_or_misplaced_markers_are_a_clear_error(text):
    with pytest.raises(ReferenceError, match="front-matter-reference:start"):
        replace_reference(text, "new")


# A row of the table in "Cite a source on a page": | `` {cite:p}`key` `` | (Author, Year) |
CITATION_EXAMPLE = re.compile(
    r"^\| `` (?P<written>\{cite:[a-z]+\}`[^`]+`) `` \| (?P<shown>[^|]+?) \|$", re.M
)
# An example entry in "Add a source to references.bib" and, after it, the
# reference list entry it gives, as a block quote in Markdown.
BIBTEX_EXAMPLE = re.compile(
    r"^```bibtex\n(?P<entry>@\w+\{(?P<key>[^,]+),.*?)^```\n.*?^> (?P<shown>.+?)$", re.M | re.S
)


def contributing_text() -> str:
    return (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def examples_page(tmp_path_factory):
    """A page citing every example of CONTRIBUTING.md, built with the real references.bib."""
    text = contributing_text()
    citations = CITATION_EXAMPLE.findall(text)
    entries = BIBTEX_EXAMPLE.findall(text)
    assert len(citations) >= 8, "the citation table in CONTRIBUTING.md was not found"
    assert len(entries) >= 4, "the .bib examples in CONTRIBUTING.md were not found"
    srcdir = tmp_path_factory.mktemp("contributing") / "src"
    srcdir.mkdir()
    shutil.copy(REPO / "references.bib", srcdir)
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "_ext.bibliography"]\n'
        'bibtex_bibfiles = ["references.bib"]\n'
        'bibtex_default_style = bibtex_reference_style = "apa"\n'
        'bibtex_cite_id = "ref-{key}"\n'
    )
    paragraphs = [written for written, _ in citations]
    paragraphs.append("{cite:p}`" + ",".join(key for _, key, _ in entries) + "`")
    (srcdir / "index.md").write_text(
        "# Examples\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 0 and "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    page = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    return page, citations, entries


def test_every_citation_example_gives_what_contributing_md_says(examples_page):
    page, citations, _ = examples_page
    shown = [" ".join(p.get_text().split()) for p in page.select("section > p")][: len(citations)]
    assert shown == [expected for _, expected in citations]


def test_every_bib_example_gives_the_reference_contributing_md_shows(examples_page):
    page, _, entries = examples_page
    for _, key, expected in entries:
        reference = page.find(id=f"ref-{key}")
        assert reference is not None, key
        for italic in reference.find_all("em"):
            italic.replace_with(f"*{italic.get_text()}*")
        assert " ".join(reference.get_text().split()) == expected, key


def test_every_bib_example_is_the_entry_in_references_bib():
    """Examples are real entries, so they teach only checked data (annote aside)."""
    real = Parser().parse_file(REPO / "references.bib").entries
    for entry_text, key, _ in BIBTEX_EXAMPLE.findall(contributing_text()):
        example = Parser().parse_string(entry_text).entries[key]
        assert key in real, f"{key} is not in references.bib"
        fields = {name: value for name, value in real[key].fields.items() if name != "annote"}
        assert dict(example.fields) == fields, key
        assert example.persons == real[key].persons, key


def test_link_examples_point_at_real_pages_labels_and_terms():
    """The "Ways to link inside the guide" examples resolve in the real guide."""
    table = contributing_text().split("Ways to link inside the guide:", 1)[1].split("\n\n", 2)[1]
    pages = " ".join(
        path.read_text(encoding="utf-8")
        for path in REPO.glob("**/*.md")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    )
    glossary = (REPO / "guidance" / "glossary.md").read_text(encoding="utf-8").splitlines()
    checked = 0
    for docname in re.findall(r"\{doc\}`(?:[^`<]*<)?/([^`>]+)>?`", table):
        assert (REPO / f"{docname}.md").is_file(), docname
        checked += 1
    for label in re.findall(r"\{ref\}`([^`<]+)`", table):
        assert f"({label})=" in pages, label
        checked += 1
    for term in re.findall(r"\{term\}`([^`<]+)`", table):
        assert term in glossary, term
        checked += 1
    for path in re.findall(r"\]\((\.\./[^)]+\.md)\)", table):
        assert (REPO / "case-studies" / path).resolve().is_file(), path
        checked += 1
    assert checked >= 5
