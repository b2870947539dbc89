"""A problem in a page fails the build with a clean message, never a crash report.

Through the real sphinx-build command, as a contributor runs it (make html):
Sphinx 9 prints any exception as a crash report asking for a bug report to
Sphinx; content_problems sets the exit status instead.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from toolkit_build import copy_root, edit

REPO = Path(__file__).resolve().parents[2]
CASE = "case-studies/measles.md"
CRASH_REPORT = ("Traceback", "report this error to the developers", "github.com/sphinx-doc")


def sphinx_build(src: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO / "_ext"), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "build", "-b", "html", *options, str(src), str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )


@pytest.mark.parametrize("options", [(), ("-W", "--keep-going", "-n")], ids=["plain", "strict"])
def test_a_front_matter_typo_fails_with_a_clean_message(tmp_path, options):
    src = copy_root("frontmatter", tmp_path)
    edit(src / CASE, "sector: government", "sector: goverment")
    result = sphinx_build(src, tmp_path / "html", *options)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert (
        f"{CASE}:7: ERROR: sector: 'goverment' is not valid; did you mean 'government'? "
        "valid choices: for-profit, non-profit, government"
    ) in result.stderr
    assert (
        "ERROR: 1 problem in the guide's pages, listed above: fix it and build again."
        in result.stderr
    )
    assert "build finished with problems" in result.stdout
    for text in CRASH_REPORT:
        assert text not in output
    # The next build reads nothing again and still fails; fixed, it passes.
    assert sphinx_build(src, tmp_path / "html", *options).returncode == 1
    edit(src / CASE, "sector: goverment", "sector: government")
    fixed = sphinx_build(src, tmp_path / "html", *options)
    assert fixed.returncode == 0, fixed.stderr


@pytest.mark.parametrize(
    "root, entry, message",
    [
        # pybtex reads the rest of the file; sphinxcontrib-bibtex does not crash.
        ("bib-malformed", None, "refs.bib:14: ERROR: the file does not parse"),
        # The APA style formats it generically while the build fails on it.
        (
            "bib-missing-key",
            "@misc{nosuchkey2099,\n  title = {A thing},\n}\n",
            "refs.bib:1: ERROR: entry 'nosuchkey2099' has type @misc",
        ),
    ],
    ids=["syntax error", "unknown entry type"],
)
def test_a_broken_bib_file_fails_with_a_clean_message(tmp_path, root, entry, message):
    src = copy_root(root, tmp_path)
    if entry:
        bib = src / "refs.bib"
        bib.write_text(entry + "\n" + bib.read_text(encoding="utf-8"), encoding="utf-8")
    result = sphinx_build(src, tmp_path / "html")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert message in result.stderr
    assert (
        "ERROR: 1 problem in the guide's pages, listed above: fix it and build again."
        in result.stderr
    )
    for text in CRASH_REPORT:
        assert text not in output
