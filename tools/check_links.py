"""Check the internal links of a built HTML site, offline.

Every ``href`` and ``src`` of ``a``, ``link``, ``script`` and ``img`` that
points inside the site must name a file that exists, and every ``#anchor``
must be an ``id`` (or an ``a name``) on the page it points to.  Links to other
sites are Sphinx linkcheck's business (``make linkcheck``), not this script's.

Usage: ``python tools/check_links.py _build/html``.  Prints one line per
problem, ``page.html: link to 'x.html#y': no such anchor``, then a summary,
and exits 1 when there is a problem.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

# Which attribute of which element holds a link.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src"}

# Files a separate build step adds to the site after the HTML build, so an
# HTML-only build links to them before they exist: the PDF and the EPUB,
# which `make pdf` and `make epub` copy into _downloads/ (see the Makefile).
# Paths relative to the site root, shell-style patterns.  A link to one of
# them is still checked when the file is there.
BUILT_SEPARATELY = ("_downloads/*.pdf", "_downloads/*.epub")


@dataclass(frozen=True)
class Problem:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: link to {self.target!r}: {self.reason}"


def is_external(url: str) -> bool:
    """True for links that leave the site: any scheme (https:, mailto:,
    data:...) or a protocol-relative ``//host/`` address."""
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


@dataclass(frozen=True)
class Page:
    links: tuple[str, ...]  # every link, in document order
    anchors: frozenset[str]  # every id, and a elements' names


def parse(path: Path) -> Page:
    """The links and anchors of one page."""
    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    links = tuple(
        str(tag[attribute]).strip()  # (single-valued attributes: strings)
        for element, attribute in LINK_ATTRIBUTES.items()
        for tag in soup.find_all(element, attrs={attribute: True})
    )
    ids = {str(tag["id"]) for tag in soup.find_all(id=True)}
    names = {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}
    return Page(links, frozenset(ids | names))


def check_link(site: Path, page: Path, url: str, read) -> str | None:
    """Why an internal link is broken, or None when it is fine.

    ``read`` gives a page's links and anchors (parse, cached by check_site).
    """
    parts = urlsplit(url)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    target = (page.parent / path).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    try:
        relative = target.relative_to(site.resolve())
    except ValueError:
        return "points outside the site"
    if not target.is_file():
        if any(fnmatch.fnmatch(relative.as_posix(), pattern) for pattern in BUILT_SEPARATELY):
            return None
        return "no such file"
    # An empty fragment ("#") means the top of the page.
    if fragment and target.suffix == ".html" and fragment not in read(target).anchors:
        return "no such anchor"
    return None


def check_site(site: Path) -> tuple[list[Problem], int, int]:
    """All problems in the site, and how many pages and links were checked."""
    site = site.resolve()
    # Read each page once per run, however many links point at it.
    read = cache(parse)
    pages = sorted(site.rglob("*.html"))
    problems, checked = [], 0
    for page in pages:
        page_name = page.relative_to(site).as_posix()
        for url in read(page).links:
            if is_external(url):
                continue
            checked += 1
            reason = check_link(site, page, url, read)
            if reason:
                problems.append(Problem(page_name, url, reason))
    return problems, len(pages), checked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built HTML site, e.g. _build/html")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(
            f"check-links: {args.site} has no index.html; build the site first (make html)",
            file=sys.stderr,
        )
        return 2
    problems, pages, links = check_site(args.site)
    for problem in problems:
        print(problem)
    affected = len({problem.page for problem in problems})
    if problems:
        print(
            f"check-links: {len(problems)} broken internal link(s) on {affected} page(s) "
            f"({links} internal links on {pages} pages checked)"
        )
        return 1
    print(f"check-links: all {links} internal links on {pages} pages are fine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
