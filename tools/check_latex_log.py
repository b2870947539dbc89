"""Fail on the LaTeX problems that still give a PDF, but a wrong one.

xelatex finishes with a PDF even when a cross-reference printed as "??", a
label is defined twice (a link goes to the wrong place) or a character is
missing from the font (a macron vowel silently dropped from a Māori word).
For the LaTeX book (`sphinx-build -M latexpdf . _build`), run this on its
final log; `make pdf` writes the tagged PDF with WeasyPrint instead.

Usage: ``python tools/check_latex_log.py _build/latex/social-media-guide.log``.
Prints one line per problem and exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

# TeX wraps log lines at this many characters (texmf.cnf max_print_line).
TEX_LOG_LINE = 79

PROBLEMS = (
    re.compile(
        r"LaTeX Warning: (Reference|Citation|Hyper reference) `[^']*' on page \S+ undefined"
    ),
    re.compile(r"LaTeX Warning: There were undefined references"),
    re.compile(r"LaTeX Warning: Label `[^']*' multiply defined"),
    re.compile(r"LaTeX Warning: There were multiply-defined labels"),
    re.compile(r"Missing character: There is no \S+ \([^)]*\) in font [^!]*!"),
)


def unwrap(log: str) -> str:
    """The log with TeX's hard line wraps joined again."""
    lines = log.splitlines()
    joined, current = [], ""
    for line in lines:
        current += line
        if len(line) != TEX_LOG_LINE:
            joined.append(current)
            current = ""
    if current:
        joined.append(current)
    return "\n".join(joined)


def problems(log: str) -> list[str]:
    """Each distinct problem in a LaTeX log, in the order first met."""
    found: dict[str, None] = {}
    for line in unwrap(log).splitlines():
        for pattern in PROBLEMS:
            if match := pattern.search(line):
                found.setdefault(match.group(0).strip(), None)
    return list(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log", type=Path, help="the LaTeX log of the final run")
    args = parser.parse_args(argv)
    log = args.log.read_text(encoding="utf-8", errors="replace")
    found = problems(log)
    for problem in found:
        print(f"{args.log}: {problem}")
    if found:
        print(f"check-latex-log: {len(found)} problem(s) in the PDF; fix them at their source page")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
