"""make new-case-study / make new-page: scaffolded pages that validate once filled."""

import datetime
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

from _ext.toolkit.frontmatter import check, parse_file
from _ext.toolkit.schema import PLACEHOLDER
from tools.new_page import ScaffoldError, create, slugify

TODAY = datetime.date(2026, 11, 25)


def fill_placeholders(path, values):
    """Do what a contributor does: replace each front matter placeholder."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key = line.split(":", 1)[0]
        lines.append(f"{key}: {values[key]}" if key in values and PLACEHOLDER in line else line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Ōtorohanga library's Facebook page", "otorohanga-librarys-facebook-page"),
        ("Waipā District Council: Share your views!", "waipa-district-council-share-your-views"),
        ("Te Kawa Mataaho — guidance, 2024", "te-kawa-mataaho-guidance-2024"),
        ("  Māori   health  providers ", "maori-health-providers"),
        ("Women’s Refuge", "womens-refuge"),
    ],
)
def test_slug_folds_macrons_and_drops_punctuation(title, slug):
    assert slugify(title) == slug


@pytest.fixture
def guide(tmp_path):
    """A copy of the guide's contents pages to scaffold into."""
    for name in ("index.md", "case-studies/index.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / "guidance").mkdir()
    return tmp_path


def test_new_case_study_has_front_matter_headings_and_a_place_in_the_contents(guide):
    path = create(guide, "case-studies", "Ōtorohanga library's Facebook page", TODAY)
    assert path == guide / "case-studies" / "otorohanga-librarys-facebook-page.md"
    text = path.read_text(encoding="utf-8")
    assert "# Ōtorohanga library's Facebook page" in text
    for heading in (
        "## Context",
        "## What was done",
        "## Results",
        "## Lessons",
        "## Success factors illustrated",
    ):
        assert heading in text
    front = parse_file(path)
    assert front.values["page_type"] == "case-study"
    assert front.values["last_reviewed"] == "2026-11-25"
    # Reachable without editing a toctree: the case studies' contents is a glob.
    contents = (guide / "case-studies" / "index.md").read_text(encoding="utf-8")
    assert ":glob:" in contents


def test_placeholders_are_rejected_until_replaced(guide):
    path = create(guide, "case-studies", "An example case", TODAY)
    _, problems = check(parse_file(path), bib_keys=lambda key: key == "oag2013waikato")
    flagged = {problem.field for problem in problems}
    assert {
        "description",
        "organisation",
        "sector",
        "year",
        "channels",
        "success_factors",
        "sources",
    } <= flagged
    assert all(
        PLACEHOLDER in str(problem.value) or problem.field == "success_factors"
        for problem in problems
    )

    fill_placeholders(
        path,
        {
            "description": "How a health board reached teenagers during an outbreak.",
            "organisation": "Waikato District Health Board",
            "sector": "government",
            "year": "2011",
            "channels": "[facebook, twitter]",
            "success_factors": "[strategy]",
            "sources": "[oag2013waikato]",
        },
    )
    typed, problems = check(parse_file(path), bib_keys=lambda key: key == "oag2013waikato")
    assert problems == []
    assert typed["year"] == 2011


def test_new_guidance_page_is_added_to_the_start_pages_contents(guide):
    create(guide, "guidance", "Working with volunteers", TODAY)
    create(guide, "guidance", "Working with young people", TODAY)
    index = (guide / "index.md").read_text(encoding="utf-8")
    block = index[index.index(":caption: More guidance") :]
    block = block[: block.index("```")]
    assert "guidance/working-with-volunteers\n" in block
    assert "guidance/working-with-young-people\n" in block
    assert index.count(":caption: More guidance") == 1
    front = parse_file(guide / "guidance" / "working-with-volunteers.md")
    assert front.values["page_type"] == "guidance"


def test_an_existing_slug_is_refused(guide):
    create(guide, "case-studies", "Share an idea", TODAY)
    with pytest.raises(ScaffoldError, match=r"case-studies/share-an-idea\.md already exists"):
        create(guide, "case-studies", "Share an Idea!", TODAY)


@pytest.mark.parametrize(
    ("section", "title", "message"),
    [
        ("blog", "Anything", "SECTION must be one of: case-studies, guidance"),
        ("guidance", "?!", "title with letters in it"),
        ("case-studies", "Index", "already exists"),
    ],
)
def test_bad_requests_say_what_to_do(guide, section, title, message):
    with pytest.raises(ScaffoldError, match=message):
        create(guide, section, title, TODAY)


@pytest.mark.slow
def test_a_scaffolded_case_study_builds_once_filled_and_appears_everywhere(tmp_path):
    """The contributor's path on a copy of the real guide: scaffold, fill, build."""
    guide = tmp_path / "guide"
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        if not name.startswith(("tests/", ".github/")) and (REPO / name).is_file():
            (guide / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / name, guide / name)

    def build():
        return subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(guide), str(guide / "_build")],
            capture_output=True,
            text=True,
        )

    path = create(guide, "case-studies", "Measles outbreak: a second look", TODAY)
    unfilled = build()
    assert unfilled.returncode != 0
    assert "case-studies/measles-outbreak-a-second-look.md" in unfilled.stderr
    assert PLACEHOLDER in unfilled.stderr

    fill_placeholders(
        path,
        {
            "description": "A second look at a health board's outbreak messages.",
            "organisation": "Example Health Board",
            "sector": "government",
            "year": "2011",
            "channels": "[facebook]",
            "success_factors": "[adaptation]",
            "sources": "[oag2013waikato]",
        },
    )
    built = build()
    assert built.returncode == 0, built.stderr

    out = guide / "_build"
    title = "Measles outbreak: a second look"
    assert title in (out / "case-studies" / "index.html").read_text(encoding="utf-8")
    assert title in (out / "guidance" / "success-factors" / "adaptation.html").read_text(
        encoding="utf-8"
    )
    assert title in (out / "guidance" / "government-sector.html").read_text(encoding="utf-8")
    assert "measles-outbreak-a-second-look.html" in (out / "index.html").read_text(encoding="utf-8")
