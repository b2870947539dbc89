"""Create a new page with its front matter filled in and its headings ready.

    make new-case-study TITLE="Waikato DHB: measles outbreak"
    make new-page SECTION=guidance TITLE="Working with volunteers"

The page gets today's date as last_reviewed and clear REPLACE placeholders
that the build rejects until they are filled in, so a half-finished page can
never be published.  The page is added to its section's contents, so it is
in the site's navigation without anyone editing a toctree by hand.
"""

import argparse
import datetime
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from _ext.toolkit.schema import FIELDS_BY_NAME, PLACEHOLDER


@dataclass(frozen=True)
class Section:
    folder: str
    page_type: str
    # The file whose toctree lists this section's pages, and the caption of
    # that toctree (None: the file's only toctree).
    contents: str
    caption: str | None
    headings: tuple


SECTIONS = {
    "case-studies": Section(
        "case-studies",
        "case-study",
        "case-studies/index.md",
        None,
        (
            ("Context", "Who the organisation is, and the problem or opportunity it faced."),
            ("What was done", "What the organisation did, on which channels, and when."),
            ("Results", "What happened. Only figures that a cited source gives."),
            ("Lessons", "What other organisations can learn, in your own words."),
            (
                "Success factors illustrated",
                "Which of the eight success factors the case shows, and how; "
                "list the same ones in success_factors above.",
            ),
        ),
    ),
    "guidance": Section(
        "guidance",
        "guidance",
        "index.md",
        "More guidance",
        (
            (
                "What this means for your organisation",
                "The point of the page in two or three sentences, for a busy manager.",
            ),
            ("What to do", "Practical steps, each resting on a cited source."),
            ("Things to watch out for", "Common pitfalls and risks."),
            ("Further reading", "Sources worth reading in full, cited."),
        ),
    ),
}

# Front matter lines, in order, for each page type: (key, value as written).
COMMON = (
    ("page_type", None),
    ("owner", "Guide editors"),
    ("last_reviewed", None),
    ("description", f'"{PLACEHOLDER} with one plain sentence saying what the page offers"'),
)
CASE_STUDY = (
    ("organisation", f'"{PLACEHOLDER} with the organisation\'s name, as it names itself"'),
    ("sector", f'"{PLACEHOLDER} with one of ' + ", ".join(FIELDS_BY_NAME["sector"].choices) + '"'),
    ("year", f'"{PLACEHOLDER} with the year the work started, e.g. 2011"'),
    ("channels", f'["{PLACEHOLDER} with channels, e.g. facebook, twitter"]'),
    ("success_factors", f'["{PLACEHOLDER} with factor ids, e.g. strategy, leadership"]'),
    ("sources", f'["{PLACEHOLDER} with keys from references.bib"]'),
)


class ScaffoldError(Exception):
    """A problem the contributor can fix; the message says how."""


def slugify(title: str) -> str:
    """A file name from a title: macrons folded, punctuation dropped.

    "Ōtorohanga: the library's page" -> "otorohanga-the-librarys-page"
    """
    folded = unicodedata.normalize("NFKD", title)
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    without_apostrophes = re.sub(r"['’‘`]", "", ascii_only.lower())
    return re.sub(r"[^a-z0-9]+", "-", without_apostrophes).strip("-")


def front_matter(section: Section, today: datetime.date) -> str:
    values = dict(COMMON)
    values["page_type"] = section.page_type
    values["last_reviewed"] = today.isoformat()
    lines = [f"{key}: {values[key]}" for key, _ in COMMON]
    if section.page_type == "case-study":
        lines += [f"{key}: {value}" for key, value in CASE_STUDY]
    return "---\n" + "\n".join(lines) + "\n---\n"


def page_text(section: Section, title: str, today: datetime.date) -> str:
    parts = [front_matter(section, today), f"# {title}\n"]
    for heading, advice in section.headings:
        # MyST comments (%) guide the writer and never reach the page.
        parts.append(f"## {heading}\n\n% {advice}\n")
    parts.append(
        "% Cite every fact: {cite:p}`key` or {cite:t}`key`. The reference list\n"
        "% at the end of the page is added by the build.\n"
    )
    return "\n".join(parts)


_TOCTREE = re.compile(r"^```\{toctree\}[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)


def add_to_contents(root: Path, section: Section, docname: str) -> str:
    """Add the page to its section's toctree; say what was done."""
    path = root / section.contents
    text = path.read_text(encoding="utf-8")
    entry = docname if section.contents == "index.md" else docname.split("/", 1)[1]
    for match in _TOCTREE.finditer(text):
        body = match.group("body")
        options = [line for line in body.splitlines() if line.startswith(":")]
        if section.caption is not None and f":caption: {section.caption}" not in options:
            continue
        if any(option.strip() == ":glob:" for option in options):
            return f"{section.contents} lists the section's pages automatically"
        insert_at = match.end("body")
        text = text[:insert_at] + f"{entry}\n" + text[insert_at:]
        path.write_text(text, encoding="utf-8")
        return f"added to the contents in {section.contents}"
    if section.caption is None:
        raise ScaffoldError(f"{section.contents} has no toctree to add the page to.")
    # The first page of a new group: start its toctree before the reference pages.
    block = f"```{{toctree}}\n:caption: {section.caption}\n:hidden:\n\n{entry}\n```\n\n"
    anchor = text.find("```{toctree}\n:caption: Reference")
    text = (
        text[:anchor] + block + text[anchor:] if anchor >= 0 else text.rstrip("\n") + "\n\n" + block
    )
    path.write_text(text, encoding="utf-8")
    return f"added to a new '{section.caption}' contents group in {section.contents}"


def create(root: Path, section_name: str, title: str, today: datetime.date) -> Path:
    if section_name not in SECTIONS:
        raise ScaffoldError(
            f"SECTION must be one of: {', '.join(SECTIONS)} (got '{section_name}')."
        )
    section = SECTIONS[section_name]
    title = " ".join(title.split())
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(
            'Give the page a title with letters in it, e.g. TITLE="Working with volunteers".'
        )
    path = root / section.folder / f"{slug}.md"
    if path.exists() or slug == "index":
        raise ScaffoldError(
            f"{path.relative_to(root)} already exists. Choose a different title, "
            f"or edit the existing page."
        )
    path.write_text(page_text(section, title, today), encoding="utf-8")
    where = add_to_contents(root, section, f"{section.folder}/{slug}")
    print(f"Created {path.relative_to(root)} ({where}).")
    print(
        f"Next: replace every {PLACEHOLDER} in its front matter, write the sections, "
        "then run `make html`."
    )
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--section", required=True, help=" or ".join(SECTIONS))
    parser.add_argument("--title", required=True)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument(
        "--today",
        type=datetime.date.fromisoformat,
        default=datetime.date.today(),
        help=argparse.SUPPRESS,
    )
    args = parser.parse_args(argv)
    try:
        create(args.root, args.section, args.title, args.today)
    except ScaffoldError as error:
        print(f"new page: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
