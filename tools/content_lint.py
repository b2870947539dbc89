#!/usr/bin/env python3
"""Content lint: spelling, macrons and New Zealand spelling in the guide's pages.

    tools/content_lint.py [FILE_OR_FOLDER ...]    (make lint)

Without arguments it checks the content pages: index.md, guidance/ and
case-studies/, and CHANGELOG.md, which the "What has changed" page shows.  Each problem is one line, ``file:line: found "organization":
write "organisation"``; the exit status is 1 if there are any.

Three checks:

- spelling: codespell's list of common misspellings, minus the words in
  tools/content_wordlist.txt (te reo Māori words and names it does not know);
- macrons: te reo Māori words and place names written without their macrons
  ("Maori", "Taupo");
- New Zealand spelling: American spellings ("organization", "behavior",
  "program" for a plan).

Only prose is checked.  Never checked: code, web addresses, link targets,
citation keys and the targets of cross-references, front matter other than
the description, and directive options.  The macron and New Zealand spelling
checks also leave quotations ("..." and block quotes) and italics (titles of
cited works) alone: a quotation keeps its source's spelling.

The rules are data: add a word to MACRONS or NZ_SPELLING below.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ("index.md", "guidance", "case-studies", "CHANGELOG.md")
WORDLIST = Path(__file__).resolve().with_name("content_wordlist.txt")

# -- The rules ------------------------------------------------------------------
#
# Each rule: a regular expression for the wrong spelling (matched as a whole
# word, ignoring case) and what to write instead (\1... refer to its groups).
# A capital at the start of the match is kept in the replacement.

# Te reo Māori words and place names that need their macrons (Te Taura Whiri
# i te Reo Māori's orthographic conventions; place names as the New Zealand
# Gazetteer spells them).
MACRONS = (
    (r"maori", "Māori"),
    (r"pakeha", "Pākehā"),
    (r"whanau", "whānau"),
    (r"hapu", "hapū"),
    (r"kaumatua", "kaumātua"),
    (r"wananga", "wānanga"),
    (r"korero", "kōrero"),
    (r"ngati", "Ngāti"),
    (r"ngai tahu", "Ngāi Tahu"),
    (r"otorohanga", "Ōtorohanga"),
    (r"waipa", "Waipā"),
    (r"taupo", "Taupō"),
    (r"whangarei", "Whangārei"),
    (r"kapiti", "Kāpiti"),
    (r"tamaki", "Tāmaki"),
    (r"manawatu", "Manawatū"),
    (r"whakatane", "Whakatāne"),
    (r"kaikoura", "Kaikōura"),
    (r"opotiki", "Ōpōtiki"),
    (r"otaki", "Ōtaki"),
    (r"oamaru", "Ōamaru"),
    (r"hawera", "Hāwera"),
)

# American spellings and their New Zealand forms (New Zealand follows
# British spelling: the Oxford -ise, -our, -re, doubled l).
_ISE_STEMS = "|".join(
    (
        "organi",
        "recogni",
        "reali",
        "prioriti",
        "minimi",
        "maximi",
        "utili",
        "categori",
        "emphasi",
        "summari",
        "apologi",
        "critici",
        "mobili",
        "optimi",
        "standardi",
        "speciali",
        "customi",
        "characteri",
        "normali",
        "authori",
        "capitali",
        "finali",
        "generali",
        "civili",
        "familiari",
        "moderni",
        "visuali",
        "publici",
        "monetiz",
        "incentivi",
        "centrali",
        "decentrali",
        "democrati",
        "digiti",
        "humani",
        "legitimi",
        "locali",
        "marginali",
        "personali",
        "polari",
        "politici",
        "sociali",
        "stigmati",
        "institutionali",
        "conceptuali",
        "contextuali",
        "operationali",
        "professionali",
        "sensiti",
        "empathi",
        "theori",
        "strategi",
        "jeopardi",
        "scrutini",
        "sympathi",
    )
)
_OUR_STEMS = "behavio|colo|favo|hono|labo|neighbo|humo|rumo|endeavo|flavo|vigo|harbo|savio"
NZ_SPELLING = (
    (rf"({_ISE_STEMS})z(e|es|ed|ing|er|ers|ation|ations|ational|ationally)", r"\1s\2"),
    (r"(analy|paraly|cataly)z(e|es|ed|ing|er|ers)", r"\1s\2"),
    (rf"({_OUR_STEMS})r(s|ed|ing|al|ally|able|ably|ful|ite|ites|less)?", r"\1ur\2"),
    (r"(cent|theat|fib|meag)er(s)?", r"\1re\2"),
    (r"centered", "centred"),
    (r"(catalo|dialo)g(s)?", r"\1gue\2"),
    (r"(defe|offe|prete)nse(s)?", r"\1nce\2"),
    (
        r"(trave|mode|labe|cance|counse|signa|fue|channe|tota|leve)l(ed|ing|er|ers|or|ors)",
        r"\1ll\2",
    ),
    (r"enrollment(s)?", r"enrolment\1"),
    (r"fulfill(ment)?", r"fulfil\1"),
    (r"installment(s)?", r"instalment\1"),
    (r"skillful(ly)?", r"skilful\1"),
    (r"acknowledgment(s)?", r"acknowledgement\1"),
    (r"skeptic(s|al|ally|ism)?", r"sceptic\1"),
    (r"aging", "ageing"),
    (r"gray", "grey"),
    (r"toward", "towards"),
    (r"percent", "per cent"),
    (r"pediatric(s)?", r"paediatric\1"),
    # "program" is a computer program; a plan or a broadcast is a programme.
    (r"(?<!computer )(?<!software )program(s)?", r"programme\1"),
)

RULES = tuple(
    (re.compile(rf"\b(?:{wrong})\b", re.IGNORECASE), right)
    for wrong, right in MACRONS + NZ_SPELLING
)

# -- What is prose -----------------------------------------------------------------

# Directives whose content is not prose (code, page names, keys, options).
NON_PROSE_DIRECTIVES = {
    "code",
    "code-block",
    "sourcecode",
    "literalinclude",
    "eval-rst",
    "raw",
    "math",
    "toctree",
    "bibliography",
    "include",
    "case-study-list",
    "success-factor-matrix",
    "self-assessment",
    "csv-table",
}
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(\{([\w:-]+)\})?(.*)$")
DIRECTIVE_OPTION = re.compile(r"^\s*:[\w-]+:")
NON_PROSE_LINE = re.compile(
    r"^\s*(\([\w:-]+\)=\s*$"  # (label)= target
    r"|%"  # MyST comment
    r"|\[[^\]]+\]:\s"  # link definition
    r"|\|?\s*:?-{3,}"  # table separator row
    r")"
)
# Parts of a prose line that are not prose, blanked for every check.
ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
NOT_PROSE = (
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"<?https?://[^\s)>\]]+>?"),  # a web address
    re.compile(r"(?<=\])\([^)\n]*\)"),  # a link's target: [text](target)
    re.compile(r"\{[#.][^}\n]*\}"),  # {#id .class} attributes
    re.compile(r"\$[^$\n]+\$"),  # inline maths
)
# Quotations and italic titles: blanked for the macron and NZ spelling checks.
QUOTED = (
    re.compile(r"“[^”]*”"),
    re.compile(r'"[^"]*"'),
    re.compile(r"(?<![*\w])\*(?!\*)[^*]+?\*(?![*\w])"),  # *Title of a work*
    re.compile(r"(?<![_\w])_(?!_)[^_]+?_(?![_\w])"),  # _Title of a work_
)
# Roles whose whole content is not prose: citation keys, label targets.
TARGET_ROLES = re.compile(r"cite(:\w+)?|ref|doc|numref|download|eq|any|footcite(:\w+)?")


def blank(text: str) -> str:
    """Spaces for every character but line breaks: lines and columns stay put."""
    return re.sub(r"[^\n]", " ", text)


def _mask_role(match: re.Match) -> str:
    name, content = match.group(1), match.group(2)
    head, tail = blank(f"{{{name}}}`"), " "
    if TARGET_ROLES.fullmatch(name) and (
        name.startswith(("cite", "footcite")) or "<" not in content
    ):
        return head + blank(content) + tail  # keys and targets only
    # {term}`text <target>`, {doc}`text <target>`, {mi}`word`: the text is
    # prose, the target is not.
    return head + re.sub(r"<[^>]*>", lambda m: blank(m.group(0)), content) + tail


@dataclass
class Prose:
    """A page's text with everything but prose blanked, in two strengths."""

    plain: list[str]  # for spelling: prose, including quotations
    unquoted: list[str]  # for macrons and NZ spelling: also without quotations


def prose_of(text: str) -> Prose:
    lines = text.split("\n")
    keep = [False] * len(lines)  # prose lines
    quote = [False] * len(lines)  # block quote lines
    fences: list[tuple[str, bool]] = []  # open fences: (marker, content is prose)
    front_matter = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines):
        if front_matter:
            if number > 0 and line.strip() == "---":
                front_matter = False
            elif line.startswith("description:"):
                keep[number] = True
            continue
        fence = FENCE.match(line)
        if fence:
            marker = fence.group(2)
            if (
                fences
                and marker[0] == fences[-1][0][0]
                and len(marker) >= len(fences[-1][0])
                and not fence.group(3)
                and not fence.group(5).strip()
            ):
                fences.pop()
                continue
            if fences and not fences[-1][1]:
                continue  # a fence shown inside a code example is code too
            directive = fence.group(4)
            fences.append((marker, directive is not None and directive not in NON_PROSE_DIRECTIVES))
            continue
        if fences and not fences[-1][1]:
            continue
        if DIRECTIVE_OPTION.match(line) or NON_PROSE_LINE.match(line):
            continue
        if re.match(r"^ {4,}\S", line) and not fences and number and not lines[number - 1].strip():
            continue  # an indented code block after a blank line
        keep[number] = True
        quote[number] = line.lstrip().startswith(">")

    plain = [line if keep[n] else blank(line) for n, line in enumerate(lines)]
    text = "\n".join(plain)
    text = ROLE.sub(_mask_role, text)
    for pattern in NOT_PROSE:
        text = pattern.sub(lambda m: blank(m.group(0)), text)
    plain = text.split("\n")

    # Quotations may run over lines, never past a paragraph's end.
    unquoted = []
    for paragraph in re.split(r"(\n\s*\n)", text):
        for pattern in QUOTED:
            paragraph = pattern.sub(lambda m: blank(m.group(0)), paragraph)
        unquoted.append(paragraph)
    unquoted = "".join(unquoted).split("\n")
    unquoted = [blank(line) if quote[n] else line for n, line in enumerate(unquoted)]
    return Prose(plain, unquoted)


# -- The checks --------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    found: str
    write: str

    def __str__(self) -> str:
        return f'{self.path}:{self.line}: found "{self.found}": write "{self.write}"'


def _keep_capital(found: str, fix: str) -> str:
    return fix[0].upper() + fix[1:] if found[0].isupper() else fix


def check_rules(path: str, lines: list[str]) -> list[Problem]:
    problems = []
    for number, line in enumerate(lines, start=1):
        for pattern, right in RULES:
            for match in pattern.finditer(line):
                problems.append(
                    Problem(
                        path,
                        number,
                        match.group(0),
                        _keep_capital(match.group(0), match.expand(right)),
                    )
                )
    return problems


def project_words() -> list[str]:
    """The words of tools/content_wordlist.txt (one per line, # comments)."""
    lines = WORDLIST.read_text(encoding="utf-8").splitlines()
    return [word for line in lines if (word := line.split("#", 1)[0].strip())]


CODESPELL_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<found>.+?) ==> (?P<write>.+)$")


def check_spelling(pages: dict[str, list[str]]) -> list[Problem]:
    """codespell over the pages' prose (written to a scratch folder)."""
    from codespell_lib import main as codespell

    with tempfile.TemporaryDirectory() as scratch:
        names = {}
        for index, (path, lines) in enumerate(pages.items()):
            copy = Path(scratch) / f"{index}.md"
            copy.write_text("\n".join(lines), encoding="utf-8")
            names[str(copy)] = path
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            codespell("--ignore-words-list", ",".join(project_words()), *names)
    problems = []
    for report in output.getvalue().splitlines():
        match = CODESPELL_LINE.match(report)
        if match:
            write = " or ".join(w.strip() for w in match["write"].split(",") if w.strip())
            problems.append(
                Problem(names[match["path"]], int(match["line"]), match["found"], write)
            )
    return problems


def pages_in(paths: list[Path]) -> list[Path]:
    pages = []
    for path in paths:
        pages += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return pages


def lint(paths: list[Path], base: Path = REPO) -> list[Problem]:
    prose = {}
    problems = []
    for page in pages_in(paths):
        try:
            shown = str(page.resolve().relative_to(base))
        except ValueError:
            shown = str(page)
        text = prose_of(page.read_text(encoding="utf-8"))
        prose[shown] = text.plain
        problems += check_rules(shown, text.unquoted)
    problems += check_spelling(prose)
    return sorted(set(problems))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "paths", nargs="*", type=Path, help="pages or folders (default: the content pages)"
    )
    args = parser.parse_args(argv)
    paths = args.paths or [REPO / p for p in DEFAULT_PATHS]
    problems = lint(paths)
    for problem in problems:
        print(problem)
    if problems:
        print(
            f"{len(problems)} problem(s).  A word that is right (a name, a te reo word): "
            f"add it to {WORDLIST.relative_to(REPO)}.",
            file=sys.stderr,
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
