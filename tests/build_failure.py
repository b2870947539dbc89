"""Build a test project that must fail the way the guide's checks fail it.

content_problems logs each problem as an error with its file and line, then
one summary, and sets the status code: no exception, so no crash report.
"""

import re

SUMMARY = re.compile(
    r"ERROR: (\d+) problems? in the guide's pages, listed above: fix (?:it|them) "
    r"and build again\."
)


def failed_build(app, problems: int | None = None) -> str:
    """Build *app*; check it failed with *problems* problems; return the warnings."""
    app.build()
    warnings = app.warning.getvalue()
    assert app.statuscode == 1, warnings
    counts = SUMMARY.findall(warnings)
    assert len(counts) == 1, warnings
    if problems is not None:
        assert int(counts[0]) == problems, warnings
    return warnings
