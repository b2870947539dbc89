"""Shared test fixtures.

Each scenario is a tiny Sphinx project under tests/roots/test-NAME, built with
the sphinx.testing fixtures (``@pytest.mark.sphinx("html", testroot="NAME")``),
as Sphinx's own tests do.  Tests never touch the network.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from toolkit_build import copy_root

REPO = Path(__file__).resolve().parent.parent

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def rootdir():
    """Where sphinx.testing finds the test projects."""
    return REPO / "tests" / "roots"


def require_tool(name: str, install_hint: str) -> str:
    """Return the path of an external tool, or skip the test without it.

    In CI (CI=true) a missing tool fails the test instead: a green CI run must
    mean every check ran.
    """
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed; install it with: {install_hint}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def require_weasyprint() -> None:
    """WeasyPrint, which writes the PDF, loads Pango from the system.

    Without Pango the test skips, or fails in CI, naming the packages.
    """
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        message = (
            "WeasyPrint cannot load Pango; install it with: sudo apt-get install "
            f"libpango-1.0-0 libpangoft2-1.0-0 ({error})"
        )
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def require_node_module(path: str) -> Path:
    """A file from an npm package in node_modules (axe-core, vnu-jar).

    `make test` installs them with npm ci from package-lock.json; without
    them the test skips, or fails in CI.
    """
    require_tool("npm", "apt-get install npm")
    file = REPO / "node_modules" / path
    if not file.is_file():
        message = f"node_modules/{path} is missing; install the npm packages with: npm ci"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return file


def require_chromium() -> str:
    """The browser for the browser tests: $CHROMIUM if set, else Debian's chromium.

    GitHub's runners have Google Chrome and no Debian Chromium; their workflow
    sets CHROMIUM=/usr/bin/google-chrome.
    """
    return os.environ.get("CHROMIUM") or require_tool("chromium", "apt-get install chromium")


# The date every test build of the real guide is made on: two builds give
# the same bytes, and the title page's date is known.
SOURCE_DATE_EPOCH = "1764028800"


def sphinx_build(src: Path, out: Path, *options: str, env: dict | None = None) -> str:
    """Build *src* into *out* in a fresh process, as `make` does; its stderr.

    A process of its own, not SphinxTestApp: the project's conf.py puts the
    project on sys.path, and a build is exactly what a contributor runs.
    Fails the calling test, with the end of the output, if the build fails.
    """
    if options[:1] == ("-M",):  # make mode: the builder, then the folders
        command = ["-M", options[1], str(src), str(out), *options[2:], "-q"]
    else:
        command = [*options, "-q", str(src), str(out)]
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", *command],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": str(REPO),
            "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            **(env or {}),
        },
    )
    assert result.returncode == 0, result.stderr[-5000:] + result.stdout[-5000:]
    return result.stderr


@pytest.fixture(scope="session")
def site_html(tmp_path_factory) -> Path:
    """The real guide built once per test session, strictly, into a temp dir."""
    out = tmp_path_factory.mktemp("site") / "html"
    sphinx_build(REPO, out, "-b", "html", "-W", "--keep-going", "-n")
    return out


@pytest.fixture(scope="session")
def toolkit_html(tmp_path_factory) -> Path:
    """The toolkit test root, unedited, built once per session; tests only read it."""
    tmp = tmp_path_factory.mktemp("toolkit-html")
    out = tmp / "html"
    sphinx_build(copy_root("toolkit", tmp), out, "-b", "html")
    return out
