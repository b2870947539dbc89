"""Every built page is valid HTML: the Nu Html Checker (vnu, the W3C's
validator, pinned through npm) finds no errors.

Errors are fixed where the HTML comes from (templates, extensions), not
filtered here.
"""

import json
import subprocess

import pytest
from conftest import require_node_module, require_tool

pytestmark = pytest.mark.slow

# A page with a known error, checked in the same run: proves the checker ran
# and reports errors, so "no errors" on the site means something.
CANARY = "<!doctype html><html lang=en><title>x</title><p><div>unclosed</p>"


def test_every_page_is_valid_html(site_html, tmp_path):
    java = require_tool("java", "apt-get install default-jre-headless")
    vnu = require_node_module("vnu-jar/build/dist/vnu.jar")
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    pages = sorted(site_html.rglob("*.html"))
    result = subprocess.run(
        [
            java,
            "-jar",
            str(vnu),
            "--errors-only",
            "--format",
            "json",
            str(canary),
            *map(str, pages),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    assert any(m["url"].endswith("/canary.html") for m in messages), result.stderr
    errors = [
        f"{m['url'].removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if not m["url"].endswith("/canary.html")
    ]
    assert len(pages) > 2
    assert not errors, "\n".join(errors)
