"""Check that a release tag matches the guide's version, and print its notes.

The version is set in one place, conf.py's ``release``; CITATION.cff repeats
it (GitHub and reference managers read that file), and CHANGELOG.md has a
section for it.  The release workflow (.github/workflows/release.yml) runs
this on a tag such as ``v2026.11`` before it builds anything: the tag, conf.py,
CITATION.cff and the changelog must agree, and the changelog's section for
the version becomes the release notes.

Usage: ``python -m tools.release_notes v2026.11 > notes.md``.  Prints the
notes, or one line per problem (exit 1).
"""

from __future__ import annotations

import argparse
import re
import runpy
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
# A version's heading in CHANGELOG.md: "## 2026.11 - 2026-11-25".
HEADING = re.compile(r"^## (?P<version>\S+) - (?P<date>\d{4}-\d{2}-\d{2})\s*$", re.M)


def conf_release(repo: Path = REPO) -> str:
    """The version in conf.py, its one definition."""
    return runpy.run_path(str(repo / "conf.py"))["release"]


def citation_versions(repo: Path = REPO) -> dict[str, str]:
    """Each version CITATION.cff states, by where it states it."""
    citation = yaml.safe_load((repo / "CITATION.cff").read_text(encoding="utf-8"))
    preferred = citation.get("preferred-citation", {})
    return {
        "version": str(citation.get("version")),
        "preferred-citation version": str(preferred.get("version")),
    }


def changelog_section(changelog: str, version: str) -> str | None:
    """The text under ``## <version> - <date>``, up to the next version."""
    headings = list(HEADING.finditer(changelog))
    for here, after in zip(headings, [*headings[1:], None], strict=False):
        if here["version"] == version:
            end = after.start() if after else len(changelog)
            return changelog[here.end() : end].strip() + "\n"
    return None


def problems(tag: str, repo: Path = REPO) -> list[str]:
    release = conf_release(repo)
    found = []
    if tag != f"v{release}":
        found.append(
            f"the tag {tag!r} is not 'v' + conf.py's release ({release!r}): "
            f"tag the commit v{release}, or set release in conf.py first"
        )
    for where, version in citation_versions(repo).items():
        if version != release:
            found.append(
                f"CITATION.cff: {where} is {version!r}, conf.py's release is "
                f"{release!r}: make them the same"
            )
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    if changelog_section(changelog, release) is None:
        found.append(
            f"CHANGELOG.md has no section '## {release} - YYYY-MM-DD': move the "
            "Unreleased entries under one, with the release date"
        )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tag", help="the release tag, e.g. v2026.11")
    args = parser.parse_args(argv)
    found = problems(args.tag)
    for problem in found:
        print(f"release: {problem}", file=sys.stderr)
    if found:
        return 1
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    print(changelog_section(changelog, conf_release()), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
