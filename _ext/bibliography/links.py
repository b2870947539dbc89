"""Which values of a .bib entry may become links: the one rule for both uses.

Contributors add sources to references.bib by pull request, and the APA style
turns an entry's ``doi`` and ``url`` into a link on every page that cites it.
A ``javascript:`` or ``data:`` address there would be a live script link on
the published site.  So:

* ``bib_checks`` fails the build on any value this module rejects, naming
  the file, line, key and field and saying what to write instead;
* ``apa_style`` links only values this module accepts, so even the pages a
  failed build leaves behind never carry a rejected link.

The rule is an allow-list, not a list of bad schemes: a web address must be
an absolute ``https:`` or ``http:`` address with a host and no spaces,
quotes or angle brackets (so ``JavaScript:``, `` data:``, ``java script:``,
``file:`` and relative paths all fail, whatever their case or spacing).
A DOI must look like one: ``10.``, a numeric registrant code, ``/`` and a
suffix without spaces, quotes or angle brackets.  No Sphinx imports: the
tests and tools use it as plain functions.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

# The fields the style makes into links, and how each is checked.
URL_FIELDS = ("url",)
DOI_FIELDS = ("doi",)
# Fields that hold an ISO date (YYYY-MM-DD).
DATE_FIELDS = ("urldate",)

# Every field the checks read: only these are decoded from LaTeX, so a
# build that reads no page does not decode the whole bibliography.
CHECKED_FIELDS = (*URL_FIELDS, *DOI_FIELDS, *DATE_FIELDS)

DOI_RESOLVER = "https://doi.org/"

# Characters that never belong in a link the guide prints: white space and
# control characters (browsers drop them inside a scheme, so "java\tscript:"
# would run), quotes and angle brackets (markup), backslashes and braces.
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f\"'<>\\{}`]")
_HOST = re.compile(
    r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$"
)
_DOI = re.compile(r"^10\.\d{4,9}(\.\d+)*/\S+$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def url_problem(value: str) -> str | None:
    """Why *value* may not be linked as a web address, or None if it may."""
    address = value.strip()
    if not address:
        return "is empty. Give the page's full address, starting with https://"
    if _UNSAFE.search(address):
        return (
            f"{address!r} contains a space, quote, angle bracket or other character "
            "that cannot be part of a web address. Give the page's full address, "
            "starting with https://, with nothing before or after it"
        )
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("https", "http"):
        # As written: urlsplit lower-cases the scheme.
        shown = (
            f"'{address[: len(parts.scheme)]}:'" if parts.scheme else "no scheme (a relative link)"
        )
        return (
            f"{address!r} has {shown}; only https:// (or http://) web addresses may be "
            "linked from the guide. Give the page's full address, starting with https://"
        )
    if not parts.hostname or not _HOST.match(parts.hostname) or "." not in parts.hostname:
        return (
            f"{address!r} has no valid host name after '//'. Give the page's full "
            "address, e.g. https://www.legislation.govt.nz/"
        )
    return None


def doi_problem(value: str) -> str | None:
    """Why *value* is not a DOI the guide can link to, or None if it is one."""
    doi = value.strip()
    if _UNSAFE.search(doi) or not _DOI.match(doi):
        return (
            f"{doi!r} is not a DOI. Write the DOI alone, as the publisher gives it: "
            "'10.', the registrant code, '/' and the suffix, e.g. "
            "10.1016/j.pubrev.2010.12.006 (no https://doi.org/, spaces or quotes)"
        )
    return None


def date_problem(value: str) -> str | None:
    """Why *value* is not a real ISO date, or None if it is one."""
    text = value.strip()
    if _ISO_DATE.match(text):
        try:
            datetime.date.fromisoformat(text)
            return None
        except ValueError:
            pass
    return (
        f"{text!r} is not a real date. Write the date you read the page as "
        "YYYY-MM-DD, e.g. 2026-12-01"
    )


def field_problems(fields: Mapping[str, str]) -> list[tuple[str, str]]:
    """(field, message) for every link or date field of an entry that fails."""
    checks = [(name, url_problem) for name in URL_FIELDS]
    checks += [(name, doi_problem) for name in DOI_FIELDS]
    checks += [(name, date_problem) for name in DATE_FIELDS]
    lowered = {name.lower(): str(value) for name, value in fields.items()}
    problems = []
    for name, check in checks:
        if name in lowered:
            message = check(lowered[name])
            if message is not None:
                problems.append((name, message))
    return problems


def safe_url(value: str) -> str | None:
    """*value* as a link target if it passes :func:`url_problem`, else None."""
    return value.strip() if url_problem(value) is None else None


def safe_doi_url(value: str) -> str | None:
    """The doi.org address of *value* if it passes :func:`doi_problem`, else None."""
    return DOI_RESOLVER + value.strip() if doi_problem(value) is None else None
