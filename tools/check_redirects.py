"""Fail when a page that existed at a git ref is gone without a redirect.

People share links to the guide.  When a page is renamed or removed, its old
address must keep working through an entry in ``redirects`` in conf.py
(sphinx-reredirects writes a redirect page there).  This compares the pages
at BASE with the pages now, as the GOV.UK Design System's CI does, and
checks that every redirect points at a page that exists.

Usage: python tools/check_redirects.py --base origin/main
"""

import argparse
import runpy
import subprocess
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

# The folders and files pages come from (conf.py's include_patterns).
PAGE_ROOTS = ("index.md", "guidance", "case-studies")


def pages_at(ref: str, repo: Path) -> set[str]:
    """Docnames of the pages committed at a git ref."""
    try:
        listing = subprocess.run(
            ["git", "ls-tree", "-r", "--name-only", ref, "--", *PAGE_ROOTS],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except subprocess.CalledProcessError as error:
        sys.exit(
            f"check-redirects: git does not know '{ref}': {error.stderr.strip()}\n"
            "Give BASE a branch, tag or commit, e.g. make check-redirects BASE=origin/main"
        )
    return {name[:-3] for name in listing.splitlines() if name.endswith(".md")}


def pages_now(repo: Path) -> set[str]:
    """Docnames of the pages in the working tree."""
    found: set[str] = set()
    for root in PAGE_ROOTS:
        path = repo / root
        files = [path] if path.is_file() else path.rglob("*.md")
        found.update(str(PurePosixPath(f.relative_to(repo).as_posix()))[:-3] for f in files)
    return found


def target_docname(source: str, target: str) -> str | None:
    """The docname a redirect target points at, or None for another site."""
    if urlparse(target).scheme in ("http", "https"):
        return None
    path = target.split("#", 1)[0]
    if path.startswith("/"):
        resolved = PurePosixPath(path.lstrip("/"))
    else:
        resolved = PurePosixPath(source).parent / path
    parts: list[str] = []
    for part in resolved.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    name = "/".join(parts)
    return name[:-5] if name.endswith(".html") else name


def problems(base: str, repo: Path) -> list[str]:
    redirects = runpy.run_path(str(repo / "conf.py")).get("redirects", {})
    now = pages_now(repo)
    found = []
    for gone in sorted(pages_at(base, repo) - now):
        if gone not in redirects:
            found.append(
                f"{gone}.md existed at {base} but is gone, and conf.py has no redirect for it.\n"
                f"  Add one to `redirects` in conf.py so shared links keep working, e.g.\n"
                f'      "{gone}": "/<new page>.html",'
            )
    for source, target in sorted(redirects.items()):
        docname = target_docname(source, target)
        if docname is not None and docname not in now:
            found.append(
                f"conf.py: the redirect for '{source}' points at '{target}', which is not a page.\n"
                f'  Point it at an existing page (e.g. "/guidance/index.html").'
            )
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="git ref to compare with, e.g. origin/main")
    parser.add_argument("--repo", type=Path, default=Path.cwd(), help="repository root")
    args = parser.parse_args(argv)
    found = problems(args.base, args.repo.resolve())
    for problem in found:
        print(problem)
    if found:
        print(f"check-redirects: {len(found)} problem(s).")
        return 1
    print(f"check-redirects: every page at {args.base} still exists or has a redirect.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
