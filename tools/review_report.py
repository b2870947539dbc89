"""List the guide's pages that are overdue for review or due soon.

    make review-report            # prints the table, always exits 0
    make review-report STRICT=1   # exits 1 when any page is overdue (scheduled CI job)

Reads each content page's front matter directly (no Sphinx build), with the
same parser, content patterns and default review interval as the build
(_ext/toolkit/frontmatter.py and conf.py).  A page is due ``review_every_months``
after ``last_reviewed``; "due soon" means within the next 60 days.
"""

from __future__ import annotations

import argparse
import datetime
import runpy
import sys
from dataclasses import dataclass
from pathlib import Path

from _ext.toolkit.frontmatter import check, parse_file
from _ext.toolkit.pages import DEFAULT_CONTENT_PATTERNS, DEFAULT_REVIEW_EVERY_MONTHS, is_content
from _ext.toolkit.review_dates import next_review, nz_date

REPO = Path(__file__).resolve().parent.parent
DUE_SOON_DAYS = 60


@dataclass(frozen=True)
class Due:
    path: str
    owner: str
    last_reviewed: datetime.date
    due: datetime.date

    def status(self, today: datetime.date) -> str:
        return "OVERDUE" if self.due < today else "due soon"


def settings(root: Path) -> tuple[list, int]:
    """The content patterns and default interval, as Sphinx would see them.

    From the project's conf.py; where it does not set one, the extension's
    default (the value ``add_config_value`` gives it).
    """
    conf = runpy.run_path(str(root / "conf.py")) if (root / "conf.py").is_file() else {}
    return (
        list(conf.get("guide_content_patterns", DEFAULT_CONTENT_PATTERNS)),
        int(conf.get("guide_review_every_months", DEFAULT_REVIEW_EVERY_MONTHS)),
    )


def scan(root: Path, today: datetime.date) -> tuple[list, list]:
    """(pages due by today + 60 days, sorted by due date; unreadable pages)."""
    patterns, default_months = settings(root)
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    due, unreadable = [], []
    for path in sorted(root.rglob("*.md")):
        relative = path.relative_to(root)
        if not is_content(relative.with_suffix("").as_posix(), patterns):
            continue
        page, problems = check(parse_file(path))
        when = next_review(page, default_months)
        if when is None or "owner" not in page:
            date_problems = [
                p
                for p in problems
                if p.field
                in ("front matter", "page_type", "owner", "last_reviewed", "review_every_months")
            ]
            unreadable.append((relative.as_posix(), date_problems or problems))
        elif when <= horizon:
            due.append(Due(relative.as_posix(), page["owner"], page["last_reviewed"], when))
    return sorted(due, key=lambda d: (d.due, d.path)), unreadable


def report(due: list, unreadable: list, today: datetime.date) -> str:
    lines = [
        f"Pages overdue for review or due within {DUE_SOON_DAYS} days (today is {nz_date(today)})",
        "",
    ]
    if due:
        rows = [("Status", "Due", "Last reviewed", "Owner", "Page")]
        rows += [
            (d.status(today), nz_date(d.due), nz_date(d.last_reviewed), d.owner, d.path)
            for d in due
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for number, row in enumerate(rows):
            lines.append(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
            if number == 0:
                lines.append("  ".join("-" * width for width in widths))
    else:
        lines.append(f"No page is overdue or due within the next {DUE_SOON_DAYS} days.")
    if unreadable:
        lines += ["", "Pages whose review date cannot be worked out (fix the front matter):"]
        for _path, problems in unreadable:
            for problem in problems:
                lines.append(f"  {problem}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--today",
        type=datetime.date.fromisoformat,
        default=datetime.date.today(),
        help="the date to compare with, YYYY-MM-DD (default: today)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when any page is overdue or its date cannot be read",
    )
    parser.add_argument(
        "--root", type=Path, default=REPO, help="the project folder (default: this repository)"
    )
    args = parser.parse_args(argv)
    due, unreadable = scan(args.root, args.today)
    print(report(due, unreadable, args.today))
    overdue = [d for d in due if d.status(args.today) == "OVERDUE"]
    if args.strict and (overdue or unreadable):
        print(f"\n{len(overdue)} page(s) overdue, {len(unreadable)} unreadable.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
