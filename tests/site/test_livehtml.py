"""make livehtml: serves the guide on localhost and rebuilds it on save.

The test runs sphinx-autobuild with the Makefile's own options (LIVEOPTS) on
a copy of a small test project, on a free loopback port, edits a page and
waits for the served page to change.
"""

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import REPO


def makefile_liveopts() -> list[str]:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^LIVEOPTS\s*:=\s*(.*)$", makefile, re.M).group(1)
    return shlex.split(line)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.5)
    return False


@pytest.mark.slow
def test_livehtml_serves_and_rebuilds_on_save(tmp_path, rootdir):
    source = tmp_path / "guide"
    shutil.copytree(rootdir / "test-site-links", source)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sphinx_autobuild",
            *makefile_liveopts(),
            "--port",
            str(port),
            str(source),
            str(tmp_path / "out"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # The test project loads the project's extensions by module name.
        env={**os.environ, "PYTHONPATH": str(REPO / "_ext")},
    )
    url = f"http://127.0.0.1:{port}/guidance/new-name.html"
    try:
        assert wait_for(url, "Writing a policy", 90), "sphinx-autobuild did not serve the page"
        page = source / "guidance" / "new-name.md"
        page.write_text(
            page.read_text(encoding="utf-8") + "\nSaved a moment ago.\n", encoding="utf-8"
        )
        assert wait_for(url, "Saved a moment ago.", 90), "the page was not rebuilt on save"
    finally:
        server.terminate()
        server.wait(timeout=30)
