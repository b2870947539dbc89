"""Build a copy of a test project, after editing its files, for toolkit tests.

sphinx.testing builds a test root in place unless told otherwise; the toolkit
tests edit pages (to break them, or to test incremental builds), so each gets
its own copy under pytest's tmp_path.  The browser tests serve the output on
loopback and drive Debian's Chromium.
"""

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

ROOTS = Path(__file__).parent / "roots"


def copy_root(name: str, tmp_path: Path) -> Path:
    src = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", src)
    return src


def edit(path: Path, old: str, new: str) -> None:
    """Replace *old* (which must be there) with *new* in the file at *path*."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@contextlib.contextmanager
def serve(directory: Path):
    """Serve *directory* on a free loopback port; yields the base URL.

    The search page fetches searchindex.js, which file:// pages cannot.
    """
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


# Debian's Chromium, with everything that would reach the network switched off.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@contextlib.contextmanager
def chromium(executable: str, javascript: bool = True):
    """A headless Chromium page (Playwright), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(java_script_enabled=javascript)
        finally:
            browser.close()
