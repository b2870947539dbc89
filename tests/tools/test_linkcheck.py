"""make linkcheck: Sphinx's linkcheck builder and tools/linkcheck_report.py.

The links point at a threaded HTTP server on a free loopback port that this
module starts; nothing here touches the internet.
"""

import json
import re
import runpy
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from conftest import REPO

from tools import linkcheck_report


class Handler(BaseHTTPRequestHandler):
    """One path per kind of answer a real site gives."""

    requests_seen: ClassVar[dict[str, int]] = {}
    release_hanging = threading.Event()

    def do_HEAD(self):
        self.answer(body=False)

    def do_GET(self):
        self.answer(body=True)

    def answer(self, body: bool):
        seen = self.requests_seen[self.path] = self.requests_seen.get(self.path, 0) + 1
        if self.path == "/ok":
            self.reply(
                200, body=b'<html><body><h1 id="present">Here</h1></body></html>', send_body=body
            )
        elif self.path == "/moved":
            self.reply(200, send_body=body)
        elif self.path == "/redirect-allowed":
            self.reply(302, headers={"Location": "/ok"})
        elif self.path == "/redirect-elsewhere":
            self.reply(301, headers={"Location": "/moved"})
        elif self.path == "/busy-then-ok":
            if seen == 1:
                self.reply(429, headers={"Retry-After": "1"})
            else:
                self.reply(200, send_body=body)
        elif self.path == "/always-busy":
            self.reply(429)
        elif self.path == "/hang":
            # Longer than linkcheck_timeout; released when the test ends.
            self.release_hanging.wait(10)
            self.reply(200, send_body=body)
        else:
            self.reply(404)

    def reply(self, code, body=b"<html><body>page</body></html>", headers=None, send_body=False):
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body) if send_body else 0))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, *args):
        pass  # keep pytest's output clean


@pytest.fixture
def server():
    """Base address of a local test server on a free port (port 0)."""
    Handler.requests_seen = {}
    Handler.release_hanging.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release_hanging.set()
    httpd.shutdown()
    httpd.server_close()


def section(report: str, heading: str) -> str:
    """The text of one '## heading (n)' section of the report, '' if absent."""
    match = re.search(rf"^## {re.escape(heading)} \(\d+\)\n(.*?)(?=^## |\Z)", report, re.M | re.S)
    return match.group(1) if match else ""


@pytest.mark.sphinx("linkcheck", testroot="linkcheck", freshenv=True)
def test_report_sorts_every_kind_of_answer(app, server, capsys):
    index = app.srcdir / "index.md"
    index.write_text(index.read_text().replace("SERVER", server))
    app.build()
    capsys.readouterr()

    status = linkcheck_report.main([str(app.outdir)])

    report = (app.outdir / "report.md").read_text()
    results = {
        json.loads(line)["uri"].removeprefix(server): json.loads(line)
        for line in (app.outdir / "output.json").read_text().splitlines()
    }
    assert status == 1, report  # broken links fail the run
    assert capsys.readouterr().out.startswith("9 links checked: 4 working, 2 broken")

    broken = section(report, "Broken")
    assert f"<{server}/missing>: 404 Client Error" in broken
    assert "`index.md:7`" in broken
    assert f"<{server}/ok#absent>: Anchor 'absent' not found. On `index.md:10`." in broken

    redirected = section(report, "Redirected (not allowed)")
    assert f"<{server}/redirect-elsewhere>: redirects (301) to <{server}/moved>" in redirected
    assert "redirect-allowed" not in report  # allowed: counted as working
    assert results["/redirect-allowed"]["status"] == "working"

    assert f"<{server}/hang>" in section(report, "Timed out")
    assert f"<{server}/always-busy>: 429 Client Error" in section(report, "Rate-limited")
    # A 429 with Retry-After is waited out and the link then passes.
    assert results["/busy-then-ok"]["status"] == "working"
    assert "busy-then-ok" not in report


def entry(status, uri, info="", code=0, filename="page.md", lineno=3):
    return {
        "filename": filename,
        "lineno": lineno,
        "status": status,
        "code": code,
        "uri": uri,
        "info": info,
    }


def test_same_address_on_several_pages_is_one_entry():
    report, counts = linkcheck_report.render(
        [
            entry("broken", "https://gone.example/", "404 Client Error", filename="b.md", lineno=9),
            entry("broken", "https://gone.example/", "404 Client Error", filename="a.md", lineno=2),
        ]
    )
    assert counts["broken"] == 1
    assert "- <https://gone.example/>: 404 Client Error. On `a.md:2`, `b.md:9`." in report


def test_http_to_https_redirect_advises_changing_the_link():
    report, _ = linkcheck_report.render(
        [
            entry("redirected", "http://site.example/a", "https://site.example/a", code=301),
        ]
    )
    assert "change the link to https" in report


def test_clean_run_passes(tmp_path, capsys):
    (tmp_path / "output.json").write_text(
        json.dumps(entry("working", "https://fine.example/")) + "\n"
    )
    assert linkcheck_report.main([str(tmp_path)]) == 0
    assert "Every checked link works." in (tmp_path / "report.md").read_text()


def test_missing_output_is_an_error(tmp_path, capsys):
    assert linkcheck_report.main([str(tmp_path)]) == 2
    assert "did not finish" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("link", "lands", "allowed"),
    [
        (
            "https://doi.org/10.1016/j.bushor.2009.09.003",
            "https://www.sciencedirect.com/science/article/pii/S0007681309001232",
            True,
        ),
        (
            "http://www.oag.govt.nz/2013/learning-from-public-entities-social-media",
            "https://oag.parliament.nz/2013/learning-from-public-entities-social-media",
            True,
        ),
        (
            "http://www.legislation.govt.nz/act/public/2005/0040/latest/whole.html",
            "https://www.legislation.govt.nz/act/public/2005/0040/latest/whole.html",
            True,
        ),
        ("https://www.dia.govt.nz/old-page", "https://www.dia.govt.nz/", False),
        ("http://www.oag.govt.nz/2013/x", "https://spam.example/", False),
    ],
)
def test_guide_allows_only_the_expected_redirects(link, lands, allowed):
    conf = runpy.run_path(str(REPO / "conf.py"))
    rules = conf["linkcheck_allowed_redirects"]
    assert (
        any(re.match(old, link) and re.match(new, lands) for old, new in rules.items()) is allowed
    )
