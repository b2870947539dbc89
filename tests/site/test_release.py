"""Citable releases: one version, stated alike everywhere a reader meets it.

conf.py's ``release`` is the version's one definition.  CITATION.cff must be
valid Citation File Format 1.2.0 (cffconvert, the format's own validator) and
state the same version; CHANGELOG.md keeps the Keep a Changelog form that
tools/release_notes.py reads at release time; the site shows the version on
every page and the changelog on "What has changed".
"""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from tools import release_notes

CONF = runpy.run_path(str(REPO / "conf.py"))
RELEASE = CONF["release"]
CHANGELOG = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
# Keep a Changelog's kinds of change.
KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def test_citation_file_is_valid_cff():
    cffconvert = shutil.which("cffconvert", path=str(Path(sys.executable).parent))
    assert cffconvert, "cffconvert is pinned in requirements-test.txt: pip install -r it"
    result = subprocess.run(
        [cffconvert, "--validate", "--infile", str(REPO / "CITATION.cff")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid according to schema version 1.2.0" in result.stdout


def test_citation_file_states_what_conf_py_defines():
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert release_notes.citation_versions() == {
        "version": RELEASE,
        "preferred-citation version": RELEASE,
    }
    for cited in (citation, citation["preferred-citation"]):
        assert cited["title"] == CONF["project"]
        assert cited["authors"] == [{"name": CONF["author"]}]
    assert citation["url"] == citation["preferred-citation"]["url"] == CONF["site_url"]
    assert citation["repository-code"] == CONF["repository_url"]
    # The text and the code, as README's Licences section says.
    assert citation["license"] == ["CC-BY-4.0", "MIT"]


def test_changelog_keeps_a_changelog_form():
    assert CHANGELOG.startswith("# Changelog\n")
    sections = re.findall(r"^## (.+)$", CHANGELOG, re.M)
    assert sections[0] == "Unreleased"
    for section in sections[1:]:
        assert release_notes.HEADING.match(f"## {section}"), (
            f"{section!r}: a released version's heading is '## VERSION - YYYY-MM-DD'"
        )
    assert set(re.findall(r"^### (.+)$", CHANGELOG, re.M)) <= KINDS
    # The version readers cite has its entry.
    assert release_notes.changelog_section(CHANGELOG, RELEASE)


def test_release_notes_are_the_changelog_section_of_the_tag(capsys):
    assert release_notes.main([f"v{RELEASE}"]) == 0
    notes = capsys.readouterr().out
    assert notes == release_notes.changelog_section(CHANGELOG, RELEASE)
    assert not re.search(r"^## ", notes, re.M)  # only this version's entries


def test_changelog_section_ends_at_the_next_version():
    changelog = (
        "# Changelog\n\n## Unreleased\n\n- soon\n\n"
        "## 2027.02 - 2027-02-01\n\n### Fixed\n\n- a\n\n"
        "## 2026.11 - 2026-11-25\n\n### Added\n\n- b\n"
    )
    assert release_notes.changelog_section(changelog, "2027.02") == "### Fixed\n\n- a\n"
    assert release_notes.changelog_section(changelog, "2026.11") == "### Added\n\n- b\n"
    assert release_notes.changelog_section(changelog, "2027.05") is None


@pytest.fixture
def release_copy(tmp_path) -> Path:
    for name in ("conf.py", "CITATION.cff", "CHANGELOG.md"):
        shutil.copy(REPO / name, tmp_path / name)
    return tmp_path


def test_a_release_that_disagrees_with_itself_is_stopped(release_copy):
    assert release_notes.problems(f"v{RELEASE}", release_copy) == []
    citation = release_copy / "CITATION.cff"
    citation.write_text(
        citation.read_text(encoding="utf-8").replace(
            f'version: "{RELEASE}"', 'version: "1999.01"', 1
        ),
        encoding="utf-8",
    )
    changelog = release_copy / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text(encoding="utf-8").replace(f"## {RELEASE} - ", "## Old - ", 1),
        encoding="utf-8",
    )
    assert release_notes.problems("v1999.01", release_copy) == [
        f"the tag 'v1999.01' is not 'v' + conf.py's release ({RELEASE!r}): tag the commit "
        f"v{RELEASE}, or set release in conf.py first",
        f"CITATION.cff: version is '1999.01', conf.py's release is {RELEASE!r}: make them the same",
        f"CHANGELOG.md has no section '## {RELEASE} - YYYY-MM-DD': move the Unreleased "
        "entries under one, with the release date",
    ]


@pytest.mark.slow
def test_every_page_shows_the_version(site_html):
    for page in (
        site_html / "index.html",
        site_html / "guidance" / "glossary.html",
        site_html / "case-studies" / "american-red-cross.html",
    ):
        html = page.read_text(encoding="utf-8")
        assert re.search(
            rf'<div class="guide-version">\s*Version {re.escape(RELEASE)} · '
            r'<a href="[./]*(guidance/)?what-has-changed\.html">What has changed</a>',
            html,
        ), page


@pytest.mark.slow
def test_what_has_changed_shows_the_changelog(site_html):
    html = (site_html / "guidance" / "what-has-changed.html").read_text(encoding="utf-8")
    assert f"This is version {RELEASE} of the guide." in html
    assert "<h2>Unreleased" in html and f"<h2>{RELEASE} - " in html
    # The changelog's own title and editing note stay out of the page.
    assert "<h1>What has changed" in html and "Changelog</h1>" not in html
    assert "shows everything below this line" not in html
