"""Front matter of content pages: parse it with line numbers and check it.

Plain functions, no Sphinx: :func:`parse_file` / :func:`parse_text` read the
YAML front matter of a page keeping the line of every key, and :func:`check`
validates it against the one schema (``toolkit.schema``) and returns typed
values plus :class:`Problem` objects.  The Sphinx glue (``toolkit.pages``),
``tools/review_report.py``, ``tools/new_page.py`` and the CONTRIBUTING field
reference use them.

The YAML is composed into nodes rather than loaded, so values keep their line
(``node.start_mark``) and their written form: ``2026-02-30`` stays the text
the author wrote and gets a clear message instead of a PyYAML exception, and a
single value is told apart from a list.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .schema import (
    FIELDS,
    FIELDS_BY_NAME,
    PAGE_TYPES,
    PASSTHROUGH_KEYS,
    PLACEHOLDER,
    fields_for,
)

_DELIMITER = re.compile(r"^---[ \t]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_FACTOR_ID = re.compile(r"^[a-z]+(-[a-z]+)*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a page: where, which field, what value, what to do."""

    path: str
    line: int | None
    field: str
    value: object
    message: str

    def location(self) -> str:
        # Line 1 when unknown, as content_problems.location_of does.
        return f"{self.path}:{self.line or 1}"

    def text(self) -> str:
        """The message without its location: the field, then what is wrong."""
        return f"{self.field}: {self.message}"

    def __str__(self) -> str:
        return f"{self.location()}: {self.text()}"


@dataclass
class FrontMatter:
    """A page's front matter as written: raw values and the line of each key.

    ``values`` maps each key to a string (a scalar, as written), a list of
    strings (a YAML list) or, for passthrough keys only, nested data.
    ``present`` is False when the page has no front matter block at all.
    """

    path: str
    present: bool = False
    values: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    start_line: int = 1

    def line(self, key: str) -> int:
        return self.lines.get(key, self.start_line)


def parse_file(path: Path | str) -> FrontMatter:
    """Parse the front matter of the page at *path*."""
    return parse_text(Path(path).read_text(encoding="utf-8"), str(path))


def parse_text(text: str, path: str) -> FrontMatter:
    """Parse the YAML front matter at the very top of *text*.

    Syntax errors become :class:`Problem` objects, never exceptions: a broken
    page is reported with the others.
    """
    result = FrontMatter(path)
    lines = text.splitlines()
    if not lines or not _DELIMITER.match(lines[0].lstrip("\ufeff")):
        return result
    end = next((n for n, line in enumerate(lines[1:], start=1) if _DELIMITER.match(line)), None)
    if end is None:
        result.problems.append(
            Problem(
                path,
                1,
                "front matter",
                "---",
                "the front matter block is not closed: add a line '---' after its last field",
            )
        )
        return result
    result.present = True
    yaml_text = "\n".join(lines[1:end])
    # The YAML starts on line 2 of the file; marks count from 0.
    offset = 2
    try:
        node = _compose(yaml_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + offset if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        written = lines[line - 1].strip() if line - 1 < len(lines) else ""
        result.problems.append(
            Problem(
                path,
                line,
                "front matter",
                written,
                f"{written!r} is not valid YAML ({problem}); check the colons, "
                "quotes and indentation",
            )
        )
        return result
    if node is None:
        return result
    if not isinstance(node, yaml.MappingNode):
        result.problems.append(
            Problem(path, 2, "front matter", "", "must be a list of 'key: value' lines")
        )
        return result
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + offset
        if key in result.values:
            result.problems.append(
                Problem(
                    path,
                    line,
                    key,
                    key,
                    f"{key!r} appears twice (first on line {result.lines[key]}); keep one",
                )
            )
            continue
        result.lines[key] = line
        result.values[key] = _plain(value_node)
    return result


# PyYAML's libyaml parser reads front matter several times faster than its
# pure-Python one (which was a few per cent of a full build) and gives the
# same nodes and marks.  A block it rejects is read again by the pure-Python
# parser, whose error messages the problems quote.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _plain(node: yaml.Node):
    """The node's value with every scalar kept as the text the author wrote."""
    if isinstance(node, yaml.ScalarNode):
        return "" if node.tag.endswith(":null") and node.value in ("", "~", "null") else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return {str(k.value): _plain(v) for k, v in node.value}


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice close enough to *value* to ask "did you mean ...?", if any."""
    close = difflib.get_close_matches(str(value), list(choices), n=1)
    return close[0] if close else None


def suggest(value: str, choices: Iterable[str]) -> str:
    """'did you mean ...?' plus the valid choices, for an error message."""
    choices = list(choices)
    close = closest(value, choices)
    hint = f"did you mean {close!r}? " if close else ""
    return f"{hint}valid choices: {', '.join(choices)}"


def check(fm: FrontMatter, bib_keys: Callable[[str], bool] | None = None) -> tuple[dict, list]:
    """Validate *fm* against the schema.

    Returns the typed values (dates as ``datetime.date``, years and months as
    ``int``, lists as lists; only the fields that passed) and the problems.
    ``bib_keys`` tells whether a key is in references.bib; without it,
    ``sources`` keys are not looked up.  Checks that need every page (factor
    ids used by case studies, duplicate factor ids) are the caller's.
    """
    problems = list(fm.problems)
    path = fm.path

    def fail(key, value, message):
        problems.append(Problem(path, fm.line(key), key, value, message))

    if not fm.present:
        if not problems:
            fail(
                "front matter",
                "",
                "content pages must start with a YAML front matter "
                "block between two '---' lines (see CONTRIBUTING.md)",
            )
        return {}, problems
    if problems and not fm.values:
        # The block could not be read (a YAML error): checking its fields
        # would only add misleading "is required" problems.
        return {}, problems

    values = fm.values
    page_type: Any = values.get("page_type")
    known_type = isinstance(page_type, str) and page_type in PAGE_TYPES
    typed = {}
    if page_type is None:
        fail("page_type", "", f"is required; valid choices: {', '.join(PAGE_TYPES)}")
    elif not known_type:
        fail(
            "page_type",
            page_type,
            f"{page_type!r} is not a page type; {suggest(page_type, PAGE_TYPES)}",
        )
    else:
        typed["page_type"] = page_type

    # Without a valid page type every value is still checked; which fields
    # the page may and must have waits until the page type is fixed.
    allowed = fields_for(page_type) if known_type else FIELDS
    allowed_names = [f.name for f in allowed]
    for key, value in values.items():
        if key == "page_type":
            continue
        if key in PASSTHROUGH_KEYS:
            typed[key] = value
            continue
        spec = FIELDS_BY_NAME.get(key)
        if spec is None:
            fail(key, key, f"unknown key {key!r}; {suggest(key, allowed_names)}")
            continue
        if known_type and page_type not in spec.allowed_for:
            fail(
                key,
                value,
                f"is not a field of a {page_type} page; "
                f"fields it may have: {', '.join(allowed_names)}",
            )
            continue
        ok, result = _check_value(spec, value, bib_keys)
        if ok:
            typed[key] = result
        else:
            fail(key, value, result)
    for spec in allowed if known_type else ():
        if page_type in spec.required_for and spec.name not in values:
            problems.append(
                Problem(
                    path,
                    fm.start_line,
                    spec.name,
                    "",
                    f"is required on a {page_type} page (missing); for example "
                    f"'{spec.name}: {spec.example}': {spec.help}",
                )
            )
    return typed, problems


def _check_value(spec, value, bib_keys):
    """(True, typed value) or (False, message naming the value)."""
    listed = spec.kind in ("choices", "factors", "bibkeys")
    if listed and not isinstance(value, list):
        return False, (
            f"{value!r} must be a list, even of one item: write '{spec.name}: [{value}]'"
        )
    if not listed and not isinstance(value, str):
        return False, (
            f"{value!r} must be a single value, not a list; "
            f"for example '{spec.name}: {spec.example}'"
        )
    items = value if listed else [value]
    for item in items:
        if not isinstance(item, str):
            # A nested list or a mapping (``[[facebook, twitter]]``,
            # ``[{name: facebook}]``) would reach the indexes as a Python repr.
            kind = "a list" if isinstance(item, list) else "a 'key: value' pair"
            parts = item if isinstance(item, list) else list(item.values())
            flat = ", ".join(str(part) for part in parts)
            return False, (
                f"{item!r} is {kind} inside the list: each item must be a single "
                f"word or value; write '{spec.name}: [{flat}]'"
                if listed
                else f"{item!r} must be a single value, e.g. '{spec.name}: {spec.example}'"
            )
        if item.strip().startswith(PLACEHOLDER):
            return False, (
                f"{item!r} is still the template's placeholder: replace it ({spec.help})"
            )
    kind = spec.kind
    if kind == "text":
        if not value.strip():
            return False, f"is empty; {spec.help}"
        return True, value.strip()
    if kind == "date":
        if _ISO_DATE.match(value):
            try:
                return True, datetime.date.fromisoformat(value)
            except ValueError:
                pass
        return False, f"{value!r} is not a real date; write it as YYYY-MM-DD, e.g. {spec.example}"
    if kind == "months":
        if value.isdigit() and int(value) >= 1:
            return True, int(value)
        return False, f"{value!r} is not a whole number of months (1 or more), e.g. {spec.example}"
    if kind == "year":
        if _YEAR.match(value):
            return True, int(value)
        return False, f"{value!r} is not a four-digit year, e.g. {spec.example}"
    if kind == "choice":
        if value in spec.choices:
            return True, value
        return False, f"{value!r} is not valid; {suggest(value, spec.choices)}"
    if kind == "choices":
        for item in items:
            if item not in spec.choices:
                return False, f"{item!r} is not valid; {suggest(item, spec.choices)}"
        return True, list(items)
    if kind == "factor-id":
        if _FACTOR_ID.match(value):
            return True, value
        return (
            False,
            f"{value!r} is not an id: lower case words joined by hyphens, e.g. {spec.example}",
        )
    if kind == "factors":
        if not items:
            return False, "is empty; name at least one success factor id"
        return True, list(items)
    if kind == "bibkeys":
        if not items:
            return False, "is empty; name at least one key in references.bib"
        if bib_keys is not None:
            for item in items:
                if not bib_keys(item):
                    return False, (
                        f"{item!r} is not a key in references.bib; add the "
                        "entry there first (see CONTRIBUTING.md)"
                    )
        return True, list(items)
    raise ValueError(f"toolkit.schema: unknown field kind {kind!r}")  # a schema bug


def check_factor_ids(pages: dict, path_of: Callable[[str], str]) -> list:
    """Problems that need every page: duplicate factor ids, unknown factor ids.

    *pages* maps docname to typed values (as :func:`check` returns them, plus
    the ``_lines`` of each key).
    """
    problems = []
    owners: dict = {}
    for docname in sorted(pages):
        page = pages[docname]
        factor = page.get("factor")
        if factor is None:
            continue
        if factor in owners:
            problems.append(
                Problem(
                    path_of(docname),
                    page["_lines"].get("factor"),
                    "factor",
                    factor,
                    f"{factor!r} is already the id of {path_of(owners[factor])}; "
                    "each success factor page needs its own id",
                )
            )
        else:
            owners[factor] = docname
    known = sorted(owners)
    for docname in sorted(pages):
        page = pages[docname]
        for factor in page.get("success_factors", ()):
            if factor not in owners:
                problems.append(
                    Problem(
                        path_of(docname),
                        page["_lines"].get("success_factors"),
                        "success_factors",
                        factor,
                        f"{factor!r} is not a success factor id; {suggest(factor, known)}",
                    )
                )
    return problems
