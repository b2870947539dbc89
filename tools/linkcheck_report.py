"""Turn Sphinx linkcheck's output.json into a readable report.

Usage: ``python tools/linkcheck_report.py _build/linkcheck`` (the linkcheck
builder's output folder).  Writes ``report.md`` there: the links that need
attention, grouped (broken, redirected elsewhere, timed out, rate-limited),
one entry per address with every page and line that uses it.  Prints a
summary and exits 1 when a link is broken; the other groups are for a person
to look at and do not fail the run, since a slow or busy server is not a
dead link.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

# Report sections in order: key, heading, what to do.
SECTIONS = (
    (
        "broken",
        "Broken",
        "The address fails (a 4xx or 5xx answer, a missing #anchor, no such host). "
        "Fix or replace the link; if the page is gone for good, cite an archived "
        "copy (web.archive.org).",
    ),
    (
        "redirected",
        "Redirected (not allowed)",
        "The address now leads somewhere else. Change the link to where it lands, or, "
        "if such redirects are expected, allow them in conf.py "
        "(linkcheck_allowed_redirects).",
    ),
    (
        "timeout",
        "Timed out",
        "No answer within linkcheck_timeout. Often a slow server: check by hand.",
    ),
    (
        "rate-limited",
        "Rate-limited",
        "The server answered 429 Too Many Requests for longer than "
        "linkcheck_rate_limit_timeout allows. Check by hand or run again later.",
    ),
)
FAILING = {"broken"}


def category(entry: dict) -> str | None:
    """The report section an output.json entry belongs in, None if it is fine.

    linkcheck gives up on a rate-limited link by marking it broken with the
    429 error; the report keeps it apart, because the page may well be there.
    """
    status = entry["status"]
    if status == "broken" and str(entry.get("info", "")).startswith("429 "):
        return "rate-limited"
    if status in {"broken", "redirected", "timeout"}:
        return status
    return None


def describe(entry: dict) -> str:
    """What went wrong with one address, in words."""
    info = str(entry.get("info", "")).strip()
    if entry["status"] == "redirected":
        old, new = urlsplit(entry["uri"]), urlsplit(info)
        code = f" ({entry['code']})" if entry.get("code") else ""
        text = f"redirects{code} to <{info}>"
        if (old.scheme, new.scheme) == ("http", "https") and old.netloc == new.netloc:
            text += "; change the link to https"
        return text
    return info or entry["status"]


def load(output_json: Path) -> list[dict]:
    with output_json.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def render(entries: list[dict]) -> tuple[str, Counter]:
    """The Markdown report, and how many addresses are in each section."""
    grouped: dict[str, dict[tuple[str, str], list[str]]] = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        if key := category(entry):
            place = f"{entry['filename']}:{entry['lineno']}"
            grouped[key][(entry["uri"], describe(entry))].append(place)
    counts = Counter({key: len(grouped[key]) for key, _, _ in SECTIONS})
    statuses = Counter(entry["status"] for entry in entries)

    lines = ["# External link check", ""]
    lines.append(
        f"{len(entries)} links checked: {statuses['working']} working, "
        + ", ".join(f"{counts[key]} {heading.lower()}" for key, heading, _ in SECTIONS)
        + f", {statuses['ignored']} ignored (conf.py linkcheck_ignore), "
        f"{statuses['unchecked']} not checkable (mailto:, tel:, local)."
    )
    for key, heading, advice in SECTIONS:
        if not grouped[key]:
            continue
        lines += ["", f"## {heading} ({counts[key]})", "", advice, ""]
        for (uri, what), places in sorted(grouped[key].items()):
            where = ", ".join(f"`{place}`" for place in sorted(set(places), key=_place_order))
            lines.append(f"- <{uri}>: {what}. On {where}.")
    if not any(counts.values()):
        lines += ["", "Every checked link works."]
    return "\n".join(lines) + "\n", counts


def _place_order(place: str) -> tuple[str, int]:
    filename, _, line = place.rpartition(":")
    return filename, int(line) if line.isdigit() else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "outdir", type=Path, help="linkcheck's output folder, e.g. _build/linkcheck"
    )
    args = parser.parse_args(argv)
    output_json = args.outdir / "output.json"
    if not output_json.is_file():
        print(
            f"linkcheck report: {output_json} is missing; the linkcheck build did "
            "not finish (see its messages above)",
            file=sys.stderr,
        )
        return 2
    report, counts = render(load(output_json))
    report_path = args.outdir / "report.md"
    report_path.write_text(report, encoding="utf-8")
    print(report.splitlines()[2])
    print(f"linkcheck report: {report_path}")
    return 1 if any(counts[key] for key in FAILING) else 0


if __name__ == "__main__":
    sys.exit(main())
